// Sets the Content-Security-Policy before any app code runs. Requests go only to this origin,
// unless the user switched on the optional basemap in the settings: then its origin is allowed too.
(function () {
  var extra = '';
  try {
    var url = localStorage.getItem('srw.basemap.url');
    if (localStorage.getItem('srw.basemap.enabled') === '1' && url) extra = ' ' + new URL(url, location.href).origin;
  } catch (e) {
    extra = '';
  }
  var csp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
    "connect-src 'self' blob: data:" + extra + "; img-src 'self' data: blob:" + extra + "; " +
    "style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";
  var meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = csp;
  document.head.appendChild(meta);
})();
