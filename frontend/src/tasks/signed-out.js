// The sign-in page: whoever sees it is signed out, so nothing of the phone pages stays on the
// device. The shell holds no user data, but a shared phone should not keep even that.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .getRegistrations()
    .then((registrations) => registrations.forEach((r) => r.unregister()))
    .catch(() => {});
}
if (window.caches) {
  caches
    .keys()
    .then((keys) => keys.filter((k) => k.startsWith('ptv-tasks')).forEach((k) => caches.delete(k)))
    .catch(() => {});
}
