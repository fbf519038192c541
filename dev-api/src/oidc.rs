//! A minimal OpenID Connect identity server for development: discovery, an authorize page
//! to pick a demo user, a sign-in session cookie, the token endpoint (authorization code +
//! PKCE S256 only), userinfo and end-session. The access tokens it issues are registered in
//! [`Tokens`], so the API accepts them like any other.
//!
//! Tokens are unsigned JWTs (`alg: none`): the console only reads their claims (name, roles,
//! expiry), and the API looks them up in its token store. With `--opaque-tokens` the access
//! token is a random string instead; with `--name-at-userinfo` the tokens carry no name and
//! only `/connect/userinfo` has it. Never a production identity server.
//!
//! Placement: by default the routes are merged into the main router, on the app's own origin.
//! With `--identity-listen` ([`OidcSettings::apart`]) they are served by [`router`] on a
//! listener of their own; redirect URIs must then be on the app's origins, and discovery,
//! token and userinfo answer CORS requests from those origins.

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    body::Body,
    extract::{Form, Query, Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
    routing::get,
    Json, Router,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::auth::{bearer_token, Tokens, User, UserRole};

/// How long an authorization code may wait for its exchange.
const CODE_LIFETIME: Duration = Duration::from_secs(60);

/// The sign-in session cookie: `dev_api_session=<random>; HttpOnly; SameSite=Lax; Path=/`.
pub const SESSION_COOKIE: &str = "dev_api_session";

/// A demo user on the sign-in page.
#[derive(Clone, Debug)]
pub struct DemoUser {
    /// The subject (`sub`) and `preferred_username`.
    pub login: &'static str,
    pub name: &'static str,
    pub given_name: &'static str,
    pub family_name: &'static str,
    pub role: UserRole,
}

/// The people a developer can sign in as.
pub const DEMO_USERS: [DemoUser; 2] = [
    DemoUser {
        login: "ada",
        name: "Ada Lovelace",
        given_name: "Ada",
        family_name: "Lovelace",
        role: UserRole::TenantAdministrator,
    },
    DemoUser {
        login: "max",
        name: "Max Planck",
        given_name: "Max",
        family_name: "Planck",
        role: UserRole::TenantMember,
    },
];

/// What the command line sets about sign-in.
#[derive(Clone, Debug)]
pub struct OidcSettings {
    /// The only client allowed to sign in (the console's `clientId`).
    pub client_id: String,
    /// Lifetime of issued access tokens.
    pub token_lifetime: Duration,
    /// `--opaque-tokens`: access tokens are random strings without claims.
    pub opaque_tokens: bool,
    /// `--name-at-userinfo`: no name claims in the ID token (nor in the access token); the
    /// userinfo endpoint has them.
    pub name_at_userinfo: bool,
    /// `--identity-listen`: the identity server has a listener of its own. `None`: its routes
    /// are part of the main router, on the app's origin.
    pub apart: Option<IdentityApart>,
}

impl Default for OidcSettings {
    fn default() -> Self {
        Self {
            client_id: "clients-console".to_owned(),
            token_lifetime: Duration::from_secs(3600),
            opaque_tokens: false,
            name_at_userinfo: false,
            apart: None,
        }
    }
}

/// Where things are when the identity server has its own listener.
#[derive(Clone, Debug, Default)]
pub struct IdentityApart {
    /// The app's origins (the main listener's, see [`loopback_origins`]): redirect URIs and
    /// post-logout redirect URIs must be on one of them (or on an `--allow-origin` origin),
    /// and they may call discovery, token and userinfo across origins (CORS).
    pub app_origins: Vec<String>,
    /// The identity server's own origins, which the app's Content-Security-Policy must allow
    /// in `connect-src`.
    pub identity_origins: Vec<String>,
}

/// The origins a browser may use for a listener on `addr`: `http://ADDR`, and for a loopback
/// or unspecified address `http://127.0.0.1:PORT` and `http://localhost:PORT`.
pub fn loopback_origins(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut origins = Vec::new();
    if !addr.ip().is_unspecified() {
        origins.push(format!("http://{addr}"));
    }
    if addr.ip().is_loopback() || addr.ip().is_unspecified() {
        for host in ["127.0.0.1", "localhost"] {
            let origin = format!("http://{host}:{port}");
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
    }
    origins
}

/// Settings of the identity server.
#[derive(Clone, Debug)]
pub struct OidcConfig {
    pub settings: OidcSettings,
    /// The tenant the tokens are for (a claim).
    pub tenant_id: String,
    /// Origins allowed besides the app's own when the identity server is apart
    /// (`--allow-origin`): redirect URIs and CORS.
    pub allow_origins: Vec<String>,
}

impl OidcConfig {
    /// With the identity server apart: the origins redirect URIs may be on and CORS allows.
    fn app_origins(&self) -> Option<Vec<url::Origin>> {
        let apart = self.settings.apart.as_ref()?;
        Some(
            apart
                .app_origins
                .iter()
                .chain(&self.allow_origins)
                .filter_map(|o| url::Url::parse(o.trim()).ok())
                .map(|u| u.origin())
                .filter(url::Origin::is_tuple)
                .collect(),
        )
    }
}

struct PendingCode {
    client_id: String,
    redirect_uri: String,
    challenge: String,
    nonce: Option<String>,
    user: DemoUser,
    issued: Instant,
}

#[derive(Clone)]
struct OidcState {
    config: Arc<OidcConfig>,
    /// `Some` when apart: see [`OidcConfig::app_origins`].
    app_origins: Option<Arc<Vec<url::Origin>>>,
    tokens: Tokens,
    codes: Arc<Mutex<HashMap<String, PendingCode>>>,
    /// Sign-in sessions: cookie value → the demo user.
    sessions: Arc<Mutex<HashMap<String, DemoUser>>>,
}

/// The identity server's routes (state included): merged into the main router, or served on
/// their own listener when [`OidcSettings::apart`] is set (then with CORS for the app).
pub fn router(config: OidcConfig, tokens: Tokens) -> Router {
    let app_origins = config.app_origins().map(Arc::new);
    let state = OidcState {
        config: Arc::new(config),
        app_origins: app_origins.clone(),
        tokens,
        codes: Arc::default(),
        sessions: Arc::default(),
    };
    let router = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route(
            "/connect/authorize",
            get(authorize_page).post(authorize_submit),
        )
        .route("/connect/token", axum::routing::post(token))
        .route("/connect/userinfo", get(userinfo).post(userinfo))
        .route("/connect/endsession", get(end_session))
        .with_state(state);
    match app_origins {
        Some(origins) => router.layer(middleware::from_fn_with_state(origins, cors)),
        None => router,
    }
}

/// The paths a browser app calls with `fetch` (the others are navigations).
const CORS_PATHS: [&str; 3] = [
    "/.well-known/openid-configuration",
    "/connect/token",
    "/connect/userinfo",
];

/// CORS for the app's origins on discovery, token and userinfo (identity server apart).
async fn cors(
    State(origins): State<Arc<Vec<url::Origin>>>,
    request: Request,
    next: Next,
) -> Response {
    if !CORS_PATHS.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let allowed = request
        .headers()
        .get(header::ORIGIN)
        .filter(|value| {
            value
                .to_str()
                .ok()
                .and_then(|text| url::Url::parse(text).ok())
                .is_some_and(|url| origins.contains(&url.origin()))
        })
        .cloned();
    let Some(origin) = allowed else {
        return next.run(request).await;
    };
    crate::cors::answer(request, next, origin, &IDENTITY_CORS).await
}

/// What the identity server's CORS answers allow: the app fetches with GET and POST and sends
/// a bearer token to userinfo, whose 401 explains itself in `WWW-Authenticate`.
const IDENTITY_CORS: crate::cors::Rules = crate::cors::Rules {
    methods: "GET, POST",
    headers: "Authorization, Content-Type",
    expose: "WWW-Authenticate",
};

/// `http://host:port` the browser used: `X-Forwarded-Host` when a development proxy (Trunk's,
/// in `cargo xtask run --watch`) forwarded the request, else `Host`.
fn issuer(headers: &HeaderMap) -> String {
    let header_text = |name: &str| {
        headers
            .get(name)
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned)
    };
    let host = header_text("x-forwarded-host")
        .or_else(|| header_text(header::HOST.as_str()))
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    format!("http://{host}")
}

async fn discovery(headers: HeaderMap) -> Response {
    let iss = issuer(&headers);
    let doc = serde_json::json!({
        "issuer": iss,
        "authorization_endpoint": format!("{iss}/connect/authorize"),
        "token_endpoint": format!("{iss}/connect/token"),
        "userinfo_endpoint": format!("{iss}/connect/userinfo"),
        "end_session_endpoint": format!("{iss}/connect/endsession"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "ocsapi"],
        "claims_supported": ["sub", "name", "given_name", "family_name", "preferred_username"],
        "prompt_values_supported": ["none", "login", "select_account"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["none"],
        "token_endpoint_auth_methods_supported": ["none"],
    });
    (no_store(), Json(doc)).into_response()
}

fn no_store() -> [(header::HeaderName, HeaderValue); 1] {
    [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))]
}

/// The authorization request's parameters.
#[derive(Debug, Deserialize, Clone)]
struct AuthorizeParams {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    /// `login` (or `select_account`): show the chooser even when signed in; `none`: never
    /// show it (`error=login_required` when no one is signed in).
    prompt: Option<String>,
    /// Set by the sign-in page's buttons.
    login: Option<String>,
}

/// A refusal page (400).
fn refused(text: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        no_store(),
        page(
            "Sign-in request refused",
            &format!("<p>{}</p>", escape(text)),
        ),
    )
        .into_response()
}

/// Why an authorization request cannot be served, if it cannot (shown on a page: nothing is
/// sent to the redirect URI when the client or redirect URI cannot be trusted); else its
/// redirect URI.
fn check_request(
    params: &AuthorizeParams,
    state: &OidcState,
    headers: &HeaderMap,
) -> Result<url::Url, String> {
    let config = &state.config;
    if params.client_id.as_deref() != Some(config.settings.client_id.as_str()) {
        return Err(format!(
            "Unknown client_id {:?}: this identity server only signs in the client \"{}\".",
            params.client_id.as_deref().unwrap_or(""),
            config.settings.client_id
        ));
    }
    let Some(redirect) = params.redirect_uri.as_deref() else {
        return Err("The request has no redirect_uri.".into());
    };
    let target = allowed_address(redirect, state, headers)
        .map_err(|why| format!("redirect_uri {redirect} {why}"))?;
    let iss = issuer(headers);
    if state.app_origins.is_none() && !redirect.starts_with(&format!("{iss}/")) {
        return Err(format!(
            "redirect_uri {redirect} is not a page of this server ({iss})."
        ));
    }
    if params.response_type.as_deref() != Some("code") {
        return Err("Only response_type=code (authorization code flow) is supported.".into());
    }
    if params.code_challenge_method.as_deref() != Some("S256")
        || params.code_challenge.as_deref().unwrap_or("").len() < 43
    {
        return Err(
            "PKCE is required: send code_challenge with code_challenge_method=S256.".into(),
        );
    }
    if !params
        .scope
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .any(|s| s == "openid")
    {
        return Err("The scope must include openid.".into());
    }
    Ok(target)
}

/// `address` parsed, if the browser may be sent there: on this server (its origin as the
/// browser sees it) when the identity server shares the app's origin, else on one of the app's
/// origins. `Err` says why not, as the end of a sentence that starts with the address.
fn allowed_address(
    address: &str,
    state: &OidcState,
    headers: &HeaderMap,
) -> Result<url::Url, String> {
    if HeaderValue::from_str(address).is_err() {
        return Err("contains characters that cannot be part of a URL.".into());
    }
    let url = url::Url::parse(address).map_err(|e| format!("is not an absolute URL ({e})."))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("is not an http(s) URL.".into());
    }
    match &state.app_origins {
        None => {
            let iss = issuer(headers);
            if address == iss || address.starts_with(&format!("{iss}/")) {
                Ok(url)
            } else {
                Err(format!("is not on this server ({iss})."))
            }
        }
        Some(origins) => {
            if origins.contains(&url.origin()) {
                Ok(url)
            } else {
                let list: Vec<String> = origins.iter().map(|o| o.ascii_serialization()).collect();
                Err(format!("is not on the app's origin ({}).", list.join(", ")))
            }
        }
    }
}

/// The value of the session cookie, if the request has one.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// The demo user signed in with the request's session cookie.
fn session_user(state: &OidcState, headers: &HeaderMap) -> Option<DemoUser> {
    let id = session_cookie(headers)?;
    let sessions = state.sessions.lock().unwrap_or_else(|e| e.into_inner());
    sessions.get(&id).cloned()
}

/// `Set-Cookie` for a new session.
fn session_set_cookie(id: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={id}; HttpOnly; SameSite=Lax; Path=/"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("dev_api_session=; Max-Age=0; Path=/"))
}

/// `Set-Cookie` that removes the session cookie.
fn session_clear_cookie() -> HeaderValue {
    HeaderValue::from_static("dev_api_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0")
}

async fn authorize_page(
    State(state): State<OidcState>,
    headers: HeaderMap,
    Query(params): Query<AuthorizeParams>,
) -> Response {
    let target = match check_request(&params, &state, &headers) {
        Ok(target) => target,
        Err(why) => return refused(&why),
    };
    let prompts: Vec<&str> = params
        .prompt
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let none = prompts.contains(&"none");
    if none && prompts.len() > 1 {
        return error_back(
            &headers,
            target,
            &params,
            "invalid_request",
            "prompt=none cannot be combined with other prompt values.",
        );
    }
    let choose = prompts.contains(&"login") || prompts.contains(&"select_account");
    if !choose {
        if let Some(user) = session_user(&state, &headers) {
            return code_back(&state, &headers, target, &params, user);
        }
    }
    if none {
        return error_back(
            &headers,
            target,
            &params,
            "login_required",
            "No one is signed in at the identity server.",
        );
    }
    let hidden: String = [
        ("response_type", &params.response_type),
        ("client_id", &params.client_id),
        ("redirect_uri", &params.redirect_uri),
        ("scope", &params.scope),
        ("state", &params.state),
        ("nonce", &params.nonce),
        ("code_challenge", &params.code_challenge),
        ("code_challenge_method", &params.code_challenge_method),
    ]
    .iter()
    .filter_map(|(k, v)| {
        v.as_ref()
            .map(|v| format!(r#"<input type="hidden" name="{k}" value="{}">"#, escape(v)))
    })
    .collect();
    let buttons: String = DEMO_USERS
        .iter()
        .map(|u| {
            format!(
                r#"<button type="submit" name="login" value="{}"><strong>{}</strong><span>{}</span></button>"#,
                u.login,
                u.name,
                u.role.name()
            )
        })
        .collect();
    let body = format!(
        r#"<p>Development sign-in for <code>{}</code>. Choose who you are:</p>
<form method="post" action="/connect/authorize">{hidden}{buttons}</form>
<p class="note">dev-api stands in for the platform's identity server. Nothing here checks a password.</p>"#,
        escape(&state.config.settings.client_id)
    );
    (no_store(), page("Sign in to CONNECT data services", &body)).into_response()
}

async fn authorize_submit(
    State(state): State<OidcState>,
    headers: HeaderMap,
    Form(params): Form<AuthorizeParams>,
) -> Response {
    let target = match check_request(&params, &state, &headers) {
        Ok(target) => target,
        Err(why) => return refused(&why),
    };
    let Some(user) = DEMO_USERS
        .iter()
        .find(|u| Some(u.login) == params.login.as_deref())
        .cloned()
    else {
        return refused("Choose one of the demo users.");
    };
    let session = random_string();
    {
        let mut sessions = state.sessions.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = session_cookie(&headers) {
            sessions.remove(&old);
        }
        sessions.insert(session.clone(), user.clone());
    }
    let mut response = code_back(&state, &headers, target, &params, user);
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_set_cookie(&session));
    response
}

/// Issues a code for `user` and sends the browser back to `target` with it (and the state).
fn code_back(
    state: &OidcState,
    headers: &HeaderMap,
    mut target: url::Url,
    params: &AuthorizeParams,
    user: DemoUser,
) -> Response {
    let code = random_string();
    {
        let mut codes = state.codes.lock().unwrap_or_else(|e| e.into_inner());
        codes.retain(|_, c| c.issued.elapsed() < CODE_LIFETIME);
        codes.insert(
            code.clone(),
            PendingCode {
                client_id: params.client_id.clone().unwrap_or_default(),
                redirect_uri: params.redirect_uri.clone().unwrap_or_default(),
                challenge: params.code_challenge.clone().unwrap_or_default(),
                nonce: params.nonce.clone(),
                user,
                issued: Instant::now(),
            },
        );
    }
    target.query_pairs_mut().append_pair("code", &code);
    if let Some(s) = &params.state {
        target.query_pairs_mut().append_pair("state", s);
    }
    back_to(headers, &target, "Signed in", "Continue to the console")
}

/// Sends the browser back to `target` with an OAuth `error` (and the state).
fn error_back(
    headers: &HeaderMap,
    mut target: url::Url,
    params: &AuthorizeParams,
    error: &str,
    description: &str,
) -> Response {
    target
        .query_pairs_mut()
        .append_pair("error", error)
        .append_pair("error_description", description);
    if let Some(s) = &params.state {
        target.query_pairs_mut().append_pair("state", s);
    }
    back_to(headers, &target, "Not signed in", "Continue to the console")
}

/// A 303 to `target`; behind Trunk's development proxy, which follows redirects itself (and
/// would swallow a `Set-Cookie`), a page that sends the browser there instead.
fn back_to(headers: &HeaderMap, target: &url::Url, title: &str, link: &str) -> Response {
    if headers.contains_key("x-forwarded-host") {
        let url = escape(target.as_str());
        return (
            no_store(),
            page(
                title,
                &format!(
                    r#"<meta http-equiv="refresh" content="0;url={url}"><p><a href="{url}">{link}</a></p>"#
                ),
            ),
        )
            .into_response();
    }
    // A URL serializes to header-safe text; never panic on it anyway.
    match HeaderValue::from_str(target.as_str()) {
        Ok(location) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, location)],
            Body::empty(),
        )
            .into_response(),
        Err(_) => refused("The address to return to cannot be sent in a redirect."),
    }
}

#[derive(Debug, Deserialize)]
struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    code_verifier: Option<String>,
}

fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        no_store(),
        Json(serde_json::json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

async fn token(
    State(state): State<OidcState>,
    headers: HeaderMap,
    Form(request): Form<TokenRequest>,
) -> Response {
    if request.grant_type.as_deref() != Some("authorization_code") {
        return oauth_error(
            "unsupported_grant_type",
            "Only grant_type=authorization_code is supported.",
        );
    }
    let Some(code) = request.code.as_deref() else {
        return oauth_error("invalid_request", "The request has no code.");
    };
    // Single use: the code is gone whatever happens next.
    let pending = state
        .codes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(code);
    let Some(pending) = pending else {
        return oauth_error("invalid_grant", "The code is unknown or was already used.");
    };
    if pending.issued.elapsed() > CODE_LIFETIME {
        return oauth_error("invalid_grant", "The code has expired; sign in again.");
    }
    if request.client_id.as_deref() != Some(pending.client_id.as_str()) {
        return oauth_error(
            "invalid_client",
            "client_id does not match the authorization request.",
        );
    }
    if request.redirect_uri.as_deref() != Some(pending.redirect_uri.as_str()) {
        return oauth_error(
            "invalid_grant",
            "redirect_uri does not match the authorization request.",
        );
    }
    let Some(verifier) = request.code_verifier.as_deref() else {
        return oauth_error("invalid_request", "code_verifier is required (PKCE).");
    };
    if pkce_challenge(verifier) != pending.challenge {
        return oauth_error(
            "invalid_grant",
            "code_verifier does not match the code_challenge (PKCE).",
        );
    }
    let settings = &state.config.settings;
    let demo = &pending.user;
    let user = User::with_role(demo.name, demo.role);
    let iss = issuer(&headers);
    let now = chrono::Utc::now().timestamp();
    let lifetime = settings.token_lifetime.as_secs() as i64;
    let roles: Vec<&str> = user.roles.iter().map(|r| r.name()).collect();
    let access_token = if settings.opaque_tokens {
        random_string()
    } else {
        let mut claims = serde_json::json!({
            "iss": iss, "sub": demo.login, "role": roles,
            "tenant_id": state.config.tenant_id, "client_id": pending.client_id, "scope": "openid profile ocsapi",
            "iat": now, "exp": now + lifetime, "jti": random_string(),
        });
        if !settings.name_at_userinfo {
            claims["name"] = demo.name.into();
        }
        unsigned_jwt(&claims)
    };
    let mut id_claims = serde_json::json!({
        "iss": iss, "sub": demo.login, "aud": pending.client_id,
        "iat": now, "exp": now + lifetime,
    });
    if !settings.name_at_userinfo {
        id_claims["name"] = demo.name.into();
    }
    if let Some(nonce) = &pending.nonce {
        id_claims["nonce"] = serde_json::Value::String(nonce.clone());
    }
    let id_token = unsigned_jwt(&id_claims);
    state
        .tokens
        .issue_signed_in(access_token.clone(), user, demo.login);
    let tokens = state.tokens.clone();
    let expiring = access_token.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(lifetime.max(0) as u64)).await;
        tokens.revoke_token(&expiring);
    });
    (
        no_store(),
        Json(serde_json::json!({
            "access_token": access_token, "id_token": id_token, "token_type": "Bearer",
            "expires_in": lifetime, "scope": "openid profile ocsapi",
        })),
    )
        .into_response()
}

/// `/connect/userinfo` (GET or POST): the profile of the user an access token from this
/// server was issued to; 401 with `WWW-Authenticate: Bearer error="invalid_token"` otherwise.
async fn userinfo(State(state): State<OidcState>, headers: HeaderMap) -> Response {
    let user = bearer_token(&headers)
        .ok()
        .and_then(|token| state.tokens.subject(token))
        .and_then(|subject| DEMO_USERS.iter().find(|u| u.login == subject));
    let Some(user) = user else {
        return (
            StatusCode::UNAUTHORIZED,
            [
                (
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(r#"Bearer error="invalid_token""#),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            Json(serde_json::json!({
                "error": "invalid_token",
                "error_description": "Send an access token this identity server issued (Authorization: Bearer <token>); it may have expired.",
            })),
        )
            .into_response();
    };
    (
        no_store(),
        Json(serde_json::json!({
            "sub": user.login,
            "name": user.name,
            "given_name": user.given_name,
            "family_name": user.family_name,
            "preferred_username": user.login,
        })),
    )
        .into_response()
}

#[derive(Debug, Deserialize)]
struct EndSessionParams {
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
}

/// Ends the sign-in session (always), then returns to `post_logout_redirect_uri` when it is
/// allowed; a bad one gets a 400 page.
async fn end_session(
    State(state): State<OidcState>,
    headers: HeaderMap,
    Query(params): Query<EndSessionParams>,
) -> Response {
    if let Some(id) = session_cookie(&headers) {
        state
            .sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
    }
    let mut response = match params.post_logout_redirect_uri.as_deref() {
        None => (
            no_store(),
            page(
                "Signed out",
                "<p>You are signed out. You can close this window.</p>",
            ),
        )
            .into_response(),
        Some(address) => match allowed_address(address, &state, &headers) {
            Ok(mut target) => {
                if let Some(s) = &params.state {
                    target.query_pairs_mut().append_pair("state", s);
                }
                back_to(&headers, &target, "Signed out", "Back to the console")
            }
            Err(why) => (
                StatusCode::BAD_REQUEST,
                no_store(),
                page(
                    "Signed out",
                    &format!(
                        "<p>You are signed out, but the address to return to is refused: \
                         post_logout_redirect_uri {} {}</p>",
                        escape(address),
                        escape(&why)
                    ),
                ),
            )
                .into_response(),
        },
    };
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_clear_cookie());
    response
}

/// base64url(SHA-256(verifier)), as RFC 7636 §4.2 defines S256.
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn unsigned_jwt(claims: &serde_json::Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string().as_bytes());
    format!("{header}.{payload}.")
}

fn random_string() -> String {
    let mut bytes = [0u8; 32];
    if getrandom::fill(&mut bytes).is_err() {
        // No CSPRNG: refuse to make guessable codes.
        panic!("dev-api: the operating system's random number generator is not available");
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>
body{{font:15px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f5f6f8;color:#1b1f24}}
main{{background:#fff;border:1px solid #d5d9e0;border-radius:8px;padding:24px 28px;max-width:440px;width:calc(100% - 32px)}}
h1{{font-size:20px;margin:0 0 12px}} form{{display:grid;gap:8px}}
button{{font:inherit;display:flex;flex-direction:column;align-items:flex-start;padding:10px 14px;border:1px solid #d5d9e0;border-radius:6px;background:#fff;cursor:pointer;text-align:left}}
button:hover,button:focus-visible{{border-color:#0b62c4;outline:2px solid #0b62c4}} button span{{color:#5a6270;font-size:13px}}
.note{{color:#5a6270;font-size:13px}}
@media (prefers-color-scheme:dark){{body{{background:#14171c;color:#e6e9ee}}main,button{{background:#1c2027;color:#e6e9ee;border-color:#353c48}}}}
</style></head><body><main><h1>{title}</h1>{body}</main></body></html>"#
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc7636_appendix_b() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
