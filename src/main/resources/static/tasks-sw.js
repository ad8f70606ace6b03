// The service worker of the phone pages (scope /tasks). It keeps only the page shell: the built
// scripts and styles under /tasks-assets/ and the icons and manifest under /tasks-shell/. Pages and
// API answers (a volunteer's tasks, forms and values) always come from the network and are never
// stored. When the built files change (their build-manifest.json), the old shell is dropped.
// The sign-in page removes this worker and its cache (tasks-assets/signed-out.js).
const CACHE = 'ptv-tasks-shell';
const SHELL = /^\/(tasks-assets|tasks-shell)\//;
const MANIFEST = '/tasks-assets/build-manifest.json';
const SHELL_FILES = ['/tasks-shell/manifest.webmanifest', '/tasks-shell/icon-192.png'];

async function builtManifest() {
  const response = await fetch(MANIFEST, { cache: 'no-store', credentials: 'same-origin' });
  return response.ok ? response.json() : null;
}

async function buildHash() {
  const manifest = await builtManifest();
  return manifest ? manifest.sourceHash : null;
}

// every built script and style, the form viewer's chunk included (its name changes with each build)
async function shellFiles() {
  const manifest = await builtManifest();
  const built = manifest ? Object.keys(manifest.files).filter((f) => /\.(js|css)$/.test(f)) : [];
  return [...built.map((f) => '/tasks-assets/' + f), ...SHELL_FILES];
}

// Drops the cached shell when the build changed since it was stored.
async function refreshIfRebuilt() {
  try {
    const cache = await caches.open(CACHE);
    const stored = await cache.match(MANIFEST);
    const current = await buildHash();
    const old = stored ? (await stored.json()).sourceHash : null;
    if (current && current !== old) {
      await caches.delete(CACHE);
      const fresh = await caches.open(CACHE);
      await fresh.put(MANIFEST, new Response(JSON.stringify({ sourceHash: current })));
    }
  } catch (e) {
    // offline: keep what is there
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    refreshIfRebuilt()
      .then(() => Promise.all([caches.open(CACHE), shellFiles()]))
      .then(([cache, files]) => cache.addAll(files))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.mode === 'navigate' && url.origin === self.location.origin) {
    // the page itself from the network; meanwhile check whether the shell was rebuilt
    event.waitUntil(refreshIfRebuilt());
    return;
  }
  if (request.method !== 'GET' || url.origin !== self.location.origin || !SHELL.test(url.pathname)
      || url.pathname === MANIFEST) {
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              cache.put(request, response.clone());
            }
            return response;
          })
      )
    )
  );
});
