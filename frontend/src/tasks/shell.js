// The phone pages' shell (/tasks, /tasks/{id}): styles, and the service worker that keeps the
// shell (scripts, styles, icons) for repeat visits. Pages themselves are never cached: they hold
// the volunteer's tasks.
import './shell.css';

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/tasks-sw.js', { scope: '/tasks' }).catch(() => {
    // without a worker the pages work the same, only a little slower on the next visit
  });
}
