//! The browser half of sign-in: fetches, randomness, SHA-256, sessionStorage, redirects.

use gloo_net::http::Request;
use wasm_bindgen_futures::JsFuture;

use super::config::{AppConfig, ConfigError, CONFIG_FILE};
use super::oidc::{
    self, Callback, Discovery, IdTokenProblem, Identity, OAuthError, PendingSignIn, TokenResponse,
};
use super::pkce;

/// sessionStorage key for what must survive the redirect (never the token).
const PENDING_KEY: &str = "clients-console.sign-in";

/// sessionStorage key for the discovery document the first script (src/auth/sign_in_first.js)
/// read on its way to the identity server: `{"url": …, "document": {…}}`, public metadata.
/// The callback page starts from it instead of asking again.
const DISCOVERY_KEY: &str = "clients-console.discovery";

/// Path of the redirect URI below the app's base.
pub const CALLBACK_PATH: &str = "auth/callback";

/// Why sign-in could not finish, said for people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    #[error("The sign-in response did not match the request this browser made (state mismatch). Nothing was signed in. Start again from the console's address.")]
    StateMismatch,
    #[error("The sign-in response is for a request this tab never made, or it was already used. Start again from the console's address.")]
    NothingPending,
    #[error("The identity server refused the sign-in: {0}")]
    Refused(String),
    #[error("The identity server's answer failed a check, so nothing was signed in: {0}. If this keeps happening, whoever runs the identity server or deployed this console should check its settings (authority and clientId in config.json).")]
    IdToken(IdTokenProblem),
    #[error("The identity server could not be reached: {0}")]
    Network(String),
    #[error("The identity server answered in a way the console does not understand: {0}")]
    Protocol(String),
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

/// The app's base path from `<base href>` (Trunk's `--public-url`): `/` or `/admin/`.
/// Without a `<base>` element the app lives at the root.
pub fn base_path() -> String {
    let href = window()
        .document()
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|base| base.get_attribute("href"))
        .unwrap_or_else(|| "/".to_string());
    // An absolute URL or an absolute path; keep only the path.
    let path = match href.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map(|i| rest[i..].to_string())
            .unwrap_or_else(|| "/".to_string()),
        None => href,
    };
    let path = path.split(['?', '#']).next().unwrap_or("/").to_string();
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    if path.ends_with('/') {
        path
    } else {
        format!("{path}/")
    }
}

/// The router's base: the base path without its trailing slash (`""` at the root).
pub fn router_base() -> String {
    base_path().trim_end_matches('/').to_string()
}

/// `https://host/base/auth/callback`.
pub fn redirect_uri() -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}{CALLBACK_PATH}", base_path())
}

/// Whether the browser is on the redirect URI right now.
pub fn on_callback_path() -> bool {
    let path = window().location().pathname().unwrap_or_default();
    path == format!("{}{CALLBACK_PATH}", base_path())
}

/// The in-app location (path + query) the user is on, to come back to after sign-in.
pub fn current_location() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Fetches and validates config.json.
pub async fn load_config() -> Result<AppConfig, ConfigError> {
    // Next to index.html: relative to the app's base, whatever page the user opened.
    let url = format!("{}{CONFIG_FILE}", base_path());
    let response = Request::get(&url).send().await.map_err(|e| ConfigError {
        field: String::new(),
        problem: format!("could not be loaded ({e})"),
    })?;
    if !response.ok() {
        return Err(ConfigError {
            field: String::new(),
            problem: format!("could not be loaded (HTTP {})", response.status()),
        });
    }
    let text = response.text().await.map_err(|e| ConfigError {
        field: String::new(),
        problem: format!("could not be read ({e})"),
    })?;
    AppConfig::parse(&text)
}

/// Fetches the identity server's discovery document.
pub async fn discover(config: &AppConfig) -> Result<Discovery, SignInError> {
    let authority = if config.authority.is_empty() {
        window().location().origin().unwrap_or_default()
    } else {
        config.authority.clone()
    };
    let url = oidc::discovery_url(&authority);
    if let Some(known) = discovery_read_before_redirect(&url) {
        return Ok(known);
    }
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| SignInError::Network(format!("{url}: {e}")))?;
    if !response.ok() {
        return Err(SignInError::Protocol(format!(
            "{url} answered HTTP {}",
            response.status()
        )));
    }
    response
        .json::<Discovery>()
        .await
        .map_err(|e| SignInError::Protocol(format!("{url}: {e}")))
}

/// On the callback page: the discovery document of `url` read just before the redirect (taken
/// out of sessionStorage); `None` anywhere else, or for another authority.
fn discovery_read_before_redirect(url: &str) -> Option<Discovery> {
    if !on_callback_path() {
        return None;
    }
    let storage = session_storage().ok()?;
    let text = storage.get_item(DISCOVERY_KEY).ok().flatten()?;
    let _ = storage.remove_item(DISCOVERY_KEY);
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    if value.get("url")?.as_str()? != url {
        return None;
    }
    serde_json::from_value(value.get("document")?.clone()).ok()
}

fn random_token() -> Result<String, SignInError> {
    let mut bytes = [0u8; pkce::VERIFIER_BYTES];
    let crypto = window()
        .crypto()
        .map_err(|_| SignInError::Protocol("this browser has no crypto API".into()))?;
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| SignInError::Protocol("the browser could not make random numbers".into()))?;
    Ok(pkce::verifier_from_random(&bytes))
}

async fn sha256(data: &[u8]) -> Result<Vec<u8>, SignInError> {
    let crypto = window()
        .crypto()
        .map_err(|_| SignInError::Protocol("this browser has no crypto API".into()))?;
    let promise = crypto
        .subtle()
        .digest_with_str_and_u8_array("SHA-256", data)
        .map_err(|_| SignInError::Protocol("SHA-256 is not available (the console must be served over https or from localhost)".into()))?;
    let buffer = JsFuture::from(promise)
        .await
        .map_err(|_| SignInError::Protocol("SHA-256 failed".into()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A fresh PKCE verifier, its challenge, a state and a nonce.
pub async fn new_request(return_to: String) -> Result<(PendingSignIn, String), SignInError> {
    let verifier = random_token()?;
    let challenge = pkce::challenge_from_digest(&sha256(verifier.as_bytes()).await?);
    let pending = PendingSignIn {
        state: random_token()?,
        nonce: random_token()?,
        verifier,
        return_to,
    };
    Ok((pending, challenge))
}

/// Sends the browser to the identity server; what the return needs waits in sessionStorage.
pub async fn redirect_to_sign_in(
    config: &AppConfig,
    discovery: &Discovery,
    return_to: String,
) -> Result<(), SignInError> {
    let (pending, challenge) = new_request(return_to).await?;
    let url = oidc::authorize_url(
        discovery,
        config,
        &redirect_uri(),
        &pending.state,
        &pending.nonce,
        &challenge,
    );
    let stored = serde_json::json!({
        "state": pending.state, "nonce": pending.nonce, "verifier": pending.verifier, "returnTo": pending.return_to,
    });
    let storage = session_storage()?;
    storage
        .set_item(PENDING_KEY, &stored.to_string())
        .map_err(|_| SignInError::Protocol("sessionStorage is not available".into()))?;
    window()
        .location()
        .assign(&url)
        .map_err(|_| SignInError::Protocol("could not open the sign-in page".into()))
}

fn session_storage() -> Result<web_sys::Storage, SignInError> {
    window()
        .session_storage()
        .ok()
        .flatten()
        .ok_or_else(|| SignInError::Protocol("sessionStorage is not available".into()))
}

/// Takes (and removes) what `redirect_to_sign_in` left in sessionStorage.
fn take_pending() -> Result<PendingSignIn, SignInError> {
    let storage = session_storage()?;
    let text = storage
        .get_item(PENDING_KEY)
        .ok()
        .flatten()
        .ok_or(SignInError::NothingPending)?;
    let _ = storage.remove_item(PENDING_KEY);
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|_| SignInError::NothingPending)?;
    let get = |k: &str| {
        value
            .get(k)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or(SignInError::NothingPending)
    };
    Ok(PendingSignIn {
        state: get("state")?,
        nonce: get("nonce")?,
        verifier: get("verifier")?,
        return_to: get("returnTo")?,
    })
}

/// Finishes a redirect sign-in: checks `state`, exchanges the code, checks `nonce`.
/// Returns the signed-in user and the in-app URL they wanted.
pub async fn complete_redirect_sign_in(
    config: &AppConfig,
    discovery: &Discovery,
) -> Result<(SignedIn, String), SignInError> {
    let search = window().location().search().unwrap_or_default();
    let pending = take_pending();
    let callback = oidc::parse_callback(&search).ok_or_else(|| {
        SignInError::Protocol("the sign-in response has neither a code nor an error".into())
    })?;
    let pending = pending?;
    let tokens = finish(config, discovery, callback, &pending).await?;
    Ok((tokens, pending.return_to))
}

/// Tokens that passed every check, and who they are for.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub tokens: TokenResponse,
    pub identity: Identity,
}

/// Seconds since the epoch by this browser's clock.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Checks a callback against the request it answers, exchanges the code, checks the ID token
/// and learns the user's name (from the userinfo endpoint when the ID token has none).
pub async fn finish(
    config: &AppConfig,
    discovery: &Discovery,
    callback: Callback,
    pending: &PendingSignIn,
) -> Result<SignedIn, SignInError> {
    let tokens = exchange_code(config, discovery, callback, pending).await?;
    let received_at = now_seconds();
    let claims = oidc::check_id_token(
        tokens.id_token.as_deref(),
        &discovery.issuer,
        &config.client_id,
        &pending.nonce,
        received_at,
    )
    .map_err(SignInError::IdToken)?;
    let from_userinfo = match (&claims.name, &discovery.userinfo_endpoint) {
        (None, Some(endpoint)) => {
            userinfo_name(endpoint, &tokens.access_token, &claims.subject).await
        }
        _ => None,
    };
    let identity = oidc::identity_from_tokens(&tokens, &claims, from_userinfo, received_at);
    Ok(SignedIn { tokens, identity })
}

/// The user's name from the userinfo endpoint; `None` when it cannot say (the header then
/// shows the subject id).
async fn userinfo_name(endpoint: &str, access_token: &str, subject: &str) -> Option<String> {
    let response = Request::get(endpoint)
        .header("Authorization", &format!("Bearer {access_token}"))
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    oidc::userinfo_name(&response.text().await.ok()?, subject)
}

async fn exchange_code(
    config: &AppConfig,
    discovery: &Discovery,
    callback: Callback,
    pending: &PendingSignIn,
) -> Result<TokenResponse, SignInError> {
    let code = match callback {
        Callback::Error {
            error, description, ..
        } => {
            return Err(SignInError::Refused(
                description
                    .map(|d| format!("{d} ({error})"))
                    .unwrap_or(error),
            ))
        }
        Callback::Code { state, .. } if state != pending.state => {
            return Err(SignInError::StateMismatch)
        }
        Callback::Code { code, .. } => code,
    };
    let body = oidc::token_request_body(config, &code, &redirect_uri(), &pending.verifier);
    let response = Request::post(&discovery.token_endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .map_err(|e| SignInError::Protocol(e.to_string()))?
        .send()
        .await
        .map_err(|e| SignInError::Network(e.to_string()))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| SignInError::Network(e.to_string()))?;
    if !(200..300).contains(&status) {
        let reason = serde_json::from_str::<OAuthError>(&text)
            .map(|e| {
                e.error_description
                    .map(|d| format!("{d} ({})", e.error))
                    .unwrap_or(e.error)
            })
            .unwrap_or_else(|_| format!("HTTP {status}"));
        return Err(SignInError::Refused(reason));
    }
    serde_json::from_str(&text).map_err(|e| SignInError::Protocol(e.to_string()))
}

/// Sends the browser to the identity server's end-session endpoint (or back home).
pub fn sign_out(config: &AppConfig, discovery: Option<&Discovery>, id_token: Option<&str>) {
    let home = config.post_logout_redirect.clone().unwrap_or_else(|| {
        format!(
            "{}{}",
            window().location().origin().unwrap_or_default(),
            base_path()
        )
    });
    let target = discovery
        .and_then(|d| oidc::end_session_url(d, id_token, &home))
        .unwrap_or(home);
    let _ = window().location().assign(&target);
}

/// Replaces the address bar's URL without a navigation (drops `code`/`state` from history).
pub fn replace_url(url: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}
