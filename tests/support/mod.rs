//! Helpers shared by the browser tests: mount under an owner, wait, query the DOM.
#![allow(dead_code)]

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// A mounted view; dropping it cleans up the owner (router listeners) and the container.
pub struct TestMount {
    owner: Owner,
    pub root: HtmlElement,
}

impl Drop for TestMount {
    fn drop(&mut self) {
        self.owner.cleanup();
        self.root.remove();
    }
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn location() -> web_sys::Location {
    web_sys::window().unwrap().location()
}

/// Mounts a view into a fresh container under its own owner.
pub fn mount<F, V>(f: F) -> TestMount
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let doc = document();
    let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    let owner = Owner::new();
    owner
        .with(|| leptos::mount::mount_to(root.clone(), f))
        .forget();
    TestMount { owner, root }
}

/// Sets the page URL without loading it (before mounting the app).
pub fn go_to(url: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .unwrap();
}

/// Polls `cond` every 10 ms for up to 5 s; on timeout fails with the page's HTML.
pub async fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..500 {
        if cond() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!(
        "timed out waiting for {what}; body: {}",
        document().body().unwrap().inner_html()
    );
}

/// The trimmed text of the first element matching `selector`.
pub fn text_of(root: &HtmlElement, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .map(|el| el.text_content().unwrap_or_default().trim().to_string())
}

/// The link inside `within` whose text is `label`.
pub fn find_link(root: &HtmlElement, within: &str, label: &str) -> Option<HtmlElement> {
    let links = root.query_selector_all(&format!("{within} a")).ok()?;
    (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .find(|a| a.text_content().unwrap_or_default().trim() == label)
}

/// A signed-in session for tests: `admin` decides the role the token lists.
pub fn test_session(admin: bool) -> clients_console::auth::session::Session {
    test_session_with(admin, "")
}

/// A signed-in session whose config.json also holds `extra` (e.g. `, "requestTimeoutSeconds": 1`).
pub fn test_session_with(admin: bool, extra: &str) -> clients_console::auth::session::Session {
    use clients_console::auth::pkce::base64url_encode;
    let (login, name, roles) = if admin {
        (
            "ada",
            "Ada Lovelace",
            r#"["Tenant Member","Tenant Administrator"]"#,
        )
    } else {
        ("max", "Max Planck", r#"["Tenant Member"]"#)
    };
    let claims = format!(r#"{{"role":{roles},"exp":4102444800}}"#);
    let access_token = format!(
        "{}.{}.",
        base64url_encode(br#"{"alg":"none"}"#),
        base64url_encode(claims.as_bytes())
    );
    session_for("", extra, access_token, login, name)
}

/// A session whose access token is opaque (no role claims), as many identity providers issue:
/// the console has to ask the API whether the user may change clients.
pub fn opaque_session() -> clients_console::auth::session::Session {
    session_for("", "", "2YotnFZFEjr1zCsicMWpAA".into(), "max", "Max Planck")
}

/// Ada Lovelace signed in to the dev-api at `api_base` with its default `admin` token (opaque:
/// the console asks the API what she may do).
pub fn dev_api_admin_session(api_base: &str) -> clients_console::auth::session::Session {
    session_for(api_base, "", "admin".into(), "ada", "Ada Lovelace")
}

/// A session for `access_token` against `api_base` (`""`: this origin), signed in as
/// `subject` called `name`.
fn session_for(
    api_base: &str,
    extra: &str,
    access_token: String,
    subject: &str,
    name: &str,
) -> clients_console::auth::session::Session {
    use clients_console::auth::{
        browser::{now_seconds, SignedIn},
        config::AppConfig,
        oidc::{identity_from_tokens, IdClaims, TokenResponse},
        session::Session,
    };
    let config = AppConfig::parse(&format!(
        r#"{{"apiBase": "{api_base}", "tenantId": "5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a", "authority": "",
            "clientId": "clients-console", "scopes": "openid"{extra}}}"#
    ))
    .unwrap();
    let tokens = TokenResponse {
        access_token,
        id_token: None,
        expires_in: Some(3600),
        token_type: None,
    };
    let id = IdClaims {
        subject: subject.into(),
        name: Some(name.into()),
    };
    let identity = identity_from_tokens(&tokens, &id, None, now_seconds());
    Session::new(config, None, SignedIn { tokens, identity })
}

/// Mounts the signed-in console (router, shell, pages) at `url`.
pub fn mount_console(url: &str, admin: bool) -> TestMount {
    mount_console_with(url, admin, "")
}

/// Mounts the console as an admin with `extra` settings in config.json.
pub fn mount_console_with(url: &str, admin: bool, extra: &str) -> TestMount {
    mount_console_for(url, test_session_with(admin, extra))
}

/// Mounts the console at `url`, signed in with `session`.
pub fn mount_console_for(url: &str, session: clients_console::auth::session::Session) -> TestMount {
    go_to(url);
    mount(move || leptos::view! { <clients_console::app::Console session /> })
}

/// Replaces `window.fetch` with a stub answering from `routes`, a JS array of
/// `{method, path, status, body, headers}` where `path` is matched against the URL's pathname
/// (exactly, or as a RegExp when it starts with `^`) and `body` is any JSON value (or a string).
/// `once: true` answers one request only; `hang: true` never answers (until the request is
/// aborted); `reject: true` fails like a dropped connection; `delay: ms` answers late (and
/// counts how many of the route's requests overlap: `route.maxInFlight`).
/// Every request is recorded in `window.__requests` as `{method, url, headers, body}`.
pub fn stub_api(routes_js: &str) {
    let script = format!(
        r#"
        window.__routes = {routes_js};
        window.__requests = [];
        window.fetch = async (input, init) => {{
            const req = input instanceof Request ? input : new Request(input, init);
            const url = new URL(req.url, location.href);
            const body = req.method === 'GET' || req.method === 'HEAD' ? null : await req.clone().text();
            const headers = {{}};
            req.headers.forEach((v, k) => headers[k] = v);
            window.__requests.push({{ method: req.method, url: url.pathname + url.search, headers, body }});
            const route = window.__routes.find(r => (r.method || 'GET') === req.method &&
                (r.path.startsWith('^') ? new RegExp(r.path).test(url.pathname) : r.path === url.pathname));
            if (!route) {{
                return new Response(JSON.stringify({{ OperationId: 'stub', Error: 'No stub for ' + req.method + ' ' + url.pathname,
                    Reason: 'test', Resolution: 'add a route' }}), {{ status: 404, headers: {{ 'Content-Type': 'application/json' }} }});
            }}
            if (route.once) {{ window.__routes = window.__routes.filter(r => r !== route); }}
            if (route.delay) {{
                // Answers after `delay` ms; `inFlight`/`maxInFlight` count the route's overlap.
                route.inFlight = (route.inFlight || 0) + 1;
                route.maxInFlight = Math.max(route.maxInFlight || 0, route.inFlight);
                await new Promise(resolve => setTimeout(resolve, route.delay));
                route.inFlight -= 1;
            }}
            if (route.reject) {{ throw new TypeError('Failed to fetch'); }}
            if (route.hang) {{
                // Never answers; only the caller's abort (its deadline) ends it.
                return new Promise((_, reject) => req.signal.addEventListener('abort',
                    () => reject(new DOMException('The user aborted a request.', 'AbortError'))));
            }}
            const text = typeof route.body === 'string' ? route.body : JSON.stringify(route.body ?? null);
            return new Response(route.status === 204 ? null : text,
                {{ status: route.status || 200, headers: Object.assign({{ 'Content-Type': 'application/json' }}, route.headers || {{}}) }});
        }};
        "#
    );
    js_sys::eval(&script).expect("the fetch stub installs");
}

/// Records every request in `window.__requests` (as [`stub_api`] does) and sends it on to the
/// real `fetch` (kept as `window.__send`): for tests against a running dev-api.
pub fn record_api() {
    js_sys::eval(
        r#"
        window.__send = window.__send || window.fetch.bind(window);
        const send = window.__send;
        window.__requests = [];
        window.fetch = async (input, init) => {
            const req = input instanceof Request ? input : new Request(input, init);
            const url = new URL(req.url, location.href);
            const body = req.method === 'GET' || req.method === 'HEAD' ? null : await req.clone().text();
            const headers = {};
            req.headers.forEach((v, k) => headers[k] = v);
            window.__requests.push({ method: req.method, url: url.pathname + url.search, headers, body });
            return send(req);
        };
        "#,
    )
    .expect("the recorder installs");
}

/// How many recorded requests match `method` and a pathname prefix.
pub fn requests_to(method: &str, path_prefix: &str) -> u32 {
    let script = format!(
        "window.__requests.filter(r => r.method === {method:?} && r.url.startsWith({path_prefix:?})).length"
    );
    js_sys::eval(&script)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u32
}

/// The text of every element matching `selector`.
pub fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_string())
        .collect()
}

/// Clicks the first element matching `selector`.
pub fn click(root: &HtmlElement, selector: &str) {
    let el: HtmlElement = root
        .query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into();
    el.click();
}

/// The button whose text is `label`.
pub fn button(root: &HtmlElement, label: &str) -> Option<web_sys::HtmlButtonElement> {
    let list = root.query_selector_all("button").ok()?;
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlButtonElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
}

/// The JSON body of the last recorded request with `method` to a URL starting with
/// `path_prefix`.
pub fn last_body(method: &str, path_prefix: &str) -> Option<serde_json::Value> {
    let script = format!(
        "JSON.stringify((window.__requests.filter(r => r.method === {method:?} && r.url.startsWith({path_prefix:?})).pop() || {{}}).body ?? null)"
    );
    let text = js_sys::eval(&script).ok()?.as_string()?;
    let body: Option<String> = serde_json::from_str(&text).ok()?;
    serde_json::from_str(&body?).ok()
}

/// Types into the input or textarea matching `selector` (sets the value, fires `input`).
pub fn type_into(root: &HtmlElement, selector: &str, text: &str) {
    let el = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"));
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(text);
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(text);
    }
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// Ticks or unticks the checkbox matching `selector` (fires `change`).
pub fn set_checked(root: &HtmlElement, selector: &str, on: bool) {
    let input: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_checked(on);
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// The text of the open dialog, if one is open.
pub fn open_dialog_text(root: &HtmlElement) -> Option<String> {
    root.query_selector("dialog[open]")
        .ok()
        .flatten()
        .map(|d| d.text_content().unwrap_or_default())
}

/// The button labelled `label` inside the open dialog.
pub fn dialog_button(root: &HtmlElement, label: &str) -> Option<web_sys::HtmlButtonElement> {
    let list = root.query_selector_all("dialog[open] button").ok()?;
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlButtonElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
}

/// The raw body of the last recorded request with `method` to a URL starting with
/// `path_prefix` (empty when there was none).
pub fn last_body_text(method: &str, path_prefix: &str) -> String {
    let script = format!(
        "(window.__requests.filter(r => r.method === {method:?} && r.url.startsWith({path_prefix:?})).pop() || {{}}).body || ''"
    );
    js_sys::eval(&script)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Closes the one-time secret the way an admin who stored it does: ticks "I have stored the
/// secret", then Close.
pub async fn close_reveal_as_stored(root: &HtmlElement) {
    set_checked(root, "dialog[open] [data-testid=stored-secret]", true);
    dialog_button(root, "Close")
        .expect("the reveal's Close")
        .click();
    wait_until("the reveal to close", || open_dialog_text(root).is_none()).await;
}

/// Types the client's name into Remove Client's confirmation field (and lets the page
/// update).
pub async fn confirm_removal(root: &HtmlElement, name: &str) {
    type_into(root, "dialog[open] [data-testid=confirm-name]", name);
    leptos::task::tick().await;
}

/// Esc on the open native dialog: the browser's `cancel` event (cancelable), as a key press
/// makes it.
pub fn escape_on_dialog() {
    js_sys::eval(
        "document.querySelector('dialog[open]').dispatchEvent(new Event('cancel', { cancelable: true }))",
    )
    .expect("an open dialog");
}

/// Waits until the open dialog shows the field with `data-testid` = `testid`.
pub async fn wait_for_dialog_field(app: &TestMount, testid: &str) {
    let selector = format!("dialog[open] [data-testid={testid}]");
    wait_until("the form", || {
        app.root.query_selector(&selector).unwrap().is_some()
    })
    .await;
}
