// The console's first script (classic, last in <head>, after every preload). Without a token, a tab must go to the
// identity server anyway, so it goes from here: config.json, discovery, a PKCE request made
// here, the redirect — the same request the app makes (src/auth/browser.rs
// `redirect_to_sign_in`), in the same sessionStorage entry the app reads back on the callback.
// The app itself (`BOOT`) starts only on the callback page, or when anything here cannot go
// on, so that the app says what is wrong (config.json's field, the identity server's answer).
// No token ever passes here.
//
// xtask (boot_script.rs) puts `const BOOT` (the wasm loader) and `const WASM` (the core wasm,
// preloaded by index.html) above this text.
(function () {
  'use strict';
  const PENDING_KEY = 'clients-console.sign-in';
  const DISCOVERY_KEY = 'clients-console.discovery';
  const KNOWN = ['apiBase', 'tenantId', 'authority', 'clientId', 'scopes', 'postLogoutRedirect', 'requestTimeoutSeconds'];
  const base = new URL(document.baseURI).pathname.replace(/\/?$/, '/');

  // The core wasm goes to the HTTP cache before the redirect, for the callback page: its
  // download (already started by index.html's preload) is cancelled if this page goes first.
  // The wait ends WARM_MS after the start at the latest: an admin whose identity session is
  // open gets the console sooner, one who must type a password waits at most that long.
  const WARM_MS = 1500;
  const started = performance.now();
  function warmCache() {
    return fetch(WASM).then((r) => r.arrayBuffer()).catch(() => {});
  }
  function upTo(promise, ms) {
    return Promise.race([promise, new Promise((done) => setTimeout(done, Math.max(0, ms)))]);
  }

  function startApp() {
    import(BOOT);
  }

  async function json(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  // config.json's scopes: a space-separated string or a list.
  function scopesOf(config) {
    return typeof config.scopes === 'string' ? config.scopes.split(/\s+/).filter(Boolean) : config.scopes;
  }

  // Only a config.json the app would take goes this way; any doubt starts the app, which
  // names the field.
  function usable(config) {
    if (!config || typeof config !== 'object' || Array.isArray(config)) return false;
    if (Object.keys(config).some((key) => !KNOWN.includes(key))) return false;
    const scopes = scopesOf(config);
    return typeof config.clientId === 'string' && config.clientId !== ''
      && typeof config.tenantId === 'string'
      && typeof config.authority === 'string'
      && (config.authority === '' || /^https?:\/\//.test(config.authority))
      && Array.isArray(scopes) && scopes.includes('openid')
      && scopes.every((scope) => typeof scope === 'string');
  }

  function base64url(bytes) {
    let text = '';
    for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  // 32 random bytes, base64url: 43 characters (as src/auth/pkce.rs).
  function randomToken() {
    return base64url(crypto.getRandomValues(new Uint8Array(32)));
  }

  async function signIn() {
    const warm = warmCache();
    const config = await json(`${base}config.json`);
    if (!usable(config)) throw new Error('config.json: left to the app');
    const authority = (config.authority || location.origin).replace(/\/+$/, '');
    const discoveryUrl = `${authority}/.well-known/openid-configuration`;
    const discovery = await json(discoveryUrl);
    for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint']) {
      if (typeof discovery[field] !== 'string') throw new Error(`discovery: no ${field}`);
    }
    const verifier = randomToken();
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const pending = {
      state: randomToken(),
      nonce: randomToken(),
      verifier,
      returnTo: location.pathname + location.search,
    };
    const url = new URL(discovery.authorization_endpoint);
    for (const [key, value] of [
      ['response_type', 'code'],
      ['client_id', config.clientId],
      ['redirect_uri', `${location.origin}${base}auth/callback`],
      ['scope', scopesOf(config).join(' ')],
      ['state', pending.state],
      ['nonce', pending.nonce],
      ['code_challenge', challenge],
      ['code_challenge_method', 'S256'],
    ]) url.searchParams.append(key, value);
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    // The callback page's app starts from this copy (src/auth/browser.rs `discover`).
    sessionStorage.setItem(DISCOVERY_KEY, JSON.stringify({ url: discoveryUrl, document: discovery }));
    await upTo(warm, WARM_MS - (performance.now() - started));
    location.assign(url.href);
  }

  if (location.pathname === `${base}auth/callback`) {
    startApp();
  } else if (window.crypto && crypto.subtle && window.sessionStorage) {
    signIn().catch(startApp);
  } else {
    startApp();
  }
})();
