// Service worker of the verification page: the page, its files and the two signed lists are fetched from the
// network first (so a revocation shows on the next load) and answered from this cache when the network is gone
// or too slow, so the page verifies offline after the first visit. Nothing else is cached; a seal never reaches it.
'use strict';

var CACHE = 'anjungan-verifikasi-1';
var FILES = ['/v', '/v/verify.js', '/v/verify.css', '/v/lib/scrypt.js', '/v/lib/jsQR.js', '/api/v1/trust-list', '/api/v1/revocations'];
var NETWORK_WAIT_MS = 5000;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(FILES); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== CACHE; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function networkFirst(request, path) {
  return caches.open(CACHE).then(function (cache) {
    var fromNetwork = new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error('network too slow')); }, NETWORK_WAIT_MS);
      fetch(request, { cache: 'no-cache' }).then(function (response) {
        clearTimeout(timer);
        if (response.ok) cache.put(path, response.clone());
        resolve(response);
      }, function (error) {
        clearTimeout(timer);
        reject(error);
      });
    });
    return fromNetwork.catch(function (error) {
      return cache.match(path).then(function (cached) { if (cached) return cached; throw error; });
    });
  });
}

self.addEventListener('fetch', function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || FILES.indexOf(url.pathname) < 0) return;
  event.respondWith(networkFirst(event.request, url.pathname));
});
