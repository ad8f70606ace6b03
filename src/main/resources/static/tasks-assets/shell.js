import"./chunks/chunk-BIX5Q65Y.js";"serviceWorker"in navigator&&navigator.serviceWorker.register("/tasks-sw.js",{scope:"/tasks"}).catch(()=>{});
