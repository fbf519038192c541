//! A minimal OpenID Connect identity server for development: discovery, an authorize page
//! to pick a demo user, the token endpoint (authorization code + PKCE S256 only) and
//! end-session. The access tokens it issues are registered in [`Tokens`], so the API accepts
//! them like any other.
//!
//! Tokens are unsigned JWTs (`alg: none`): the console only reads their claims (name, roles,
//! expiry), and the API looks them up in its token store. Never a production identity server.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    extract::{Form, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
    Json, Router,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::auth::{Tokens, User, UserRole};

/// How long an authorization code may wait for its exchange.
const CODE_LIFETIME: Duration = Duration::from_secs(60);

/// A demo user on the sign-in page.
#[derive(Clone, Debug)]
pub struct DemoUser {
    pub login: &'static str,
    pub name: &'static str,
    pub role: UserRole,
}

/// The people a developer can sign in as.
pub const DEMO_USERS: [DemoUser; 2] = [
    DemoUser {
        login: "ada",
        name: "Ada Lovelace",
        role: UserRole::TenantAdministrator,
    },
    DemoUser {
        login: "max",
        name: "Max Planck",
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
}

impl Default for OidcSettings {
    fn default() -> Self {
        Self {
            client_id: "clients-console".to_owned(),
            token_lifetime: Duration::from_secs(3600),
        }
    }
}

/// Settings of the identity server.
#[derive(Clone, Debug)]
pub struct OidcConfig {
    pub settings: OidcSettings,
    /// The tenant the tokens are for (a claim).
    pub tenant_id: String,
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
    tokens: Tokens,
    codes: Arc<Mutex<HashMap<String, PendingCode>>>,
}

/// The identity server's routes (state included), to merge into the main router.
pub fn router(config: OidcConfig, tokens: Tokens) -> Router {
    let state = OidcState {
        config: Arc::new(config),
        tokens,
        codes: Arc::default(),
    };
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route(
            "/connect/authorize",
            get(authorize_page).post(authorize_submit),
        )
        .route("/connect/token", axum::routing::post(token))
        .route("/connect/endsession", get(end_session))
        .with_state(state)
}

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
        "end_session_endpoint": format!("{iss}/connect/endsession"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "ocsapi"],
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
    /// Set by the sign-in page's buttons.
    login: Option<String>,
}

/// Checks an authorization request; `Err` is an HTML page (nothing is sent to the redirect
/// URI when the client or redirect URI cannot be trusted).
fn check(
    params: &AuthorizeParams,
    config: &OidcConfig,
    headers: &HeaderMap,
) -> Result<(), Box<Response>> {
    check_request(params, config, headers).map_err(|text| {
        Box::new(
            (
                StatusCode::BAD_REQUEST,
                page(
                    "Sign-in request refused",
                    &format!("<p>{}</p>", escape(&text)),
                ),
            )
                .into_response(),
        )
    })
}

/// Why an authorization request cannot be served, if it cannot.
fn check_request(
    params: &AuthorizeParams,
    config: &OidcConfig,
    headers: &HeaderMap,
) -> Result<(), String> {
    let problem = |text: String| Err(text);
    if params.client_id.as_deref() != Some(config.settings.client_id.as_str()) {
        return problem(format!(
            "Unknown client_id {:?}: this identity server only signs in the client \"{}\".",
            params.client_id.as_deref().unwrap_or(""),
            config.settings.client_id
        ));
    }
    let Some(redirect) = params.redirect_uri.as_deref() else {
        return problem("The request has no redirect_uri.".into());
    };
    let iss = issuer(headers);
    if !redirect.starts_with(&format!("{iss}/")) {
        return problem(format!(
            "redirect_uri {redirect} is not on this server ({iss})."
        ));
    }
    if params.response_type.as_deref() != Some("code") {
        return problem("Only response_type=code (authorization code flow) is supported.".into());
    }
    if params.code_challenge_method.as_deref() != Some("S256")
        || params.code_challenge.as_deref().unwrap_or("").len() < 43
    {
        return problem(
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
        return problem("The scope must include openid.".into());
    }
    Ok(())
}

async fn authorize_page(
    State(state): State<OidcState>,
    headers: HeaderMap,
    Query(params): Query<AuthorizeParams>,
) -> Response {
    if let Err(page) = check(&params, &state.config, &headers) {
        return *page;
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
    if let Err(page) = check(&params, &state.config, &headers) {
        return *page;
    }
    let Some(user) = DEMO_USERS
        .iter()
        .find(|u| Some(u.login) == params.login.as_deref())
        .cloned()
    else {
        return (
            StatusCode::BAD_REQUEST,
            page(
                "Sign-in request refused",
                "<p>Choose one of the demo users.</p>",
            ),
        )
            .into_response();
    };
    let code = random_string();
    let redirect_uri = params.redirect_uri.clone().unwrap_or_default();
    {
        let mut codes = state.codes.lock().unwrap_or_else(|e| e.into_inner());
        codes.retain(|_, c| c.issued.elapsed() < CODE_LIFETIME);
        codes.insert(
            code.clone(),
            PendingCode {
                client_id: params.client_id.clone().unwrap_or_default(),
                redirect_uri: redirect_uri.clone(),
                challenge: params.code_challenge.clone().unwrap_or_default(),
                nonce: params.nonce.clone(),
                user,
                issued: Instant::now(),
            },
        );
    }
    let mut target = url::Url::parse(&redirect_uri)
        .unwrap_or_else(|_| url::Url::parse("http://127.0.0.1/").expect("a literal URL"));
    target.query_pairs_mut().append_pair("code", &code);
    if let Some(s) = &params.state {
        target.query_pairs_mut().append_pair("state", s);
    }
    if headers.contains_key("x-forwarded-host") {
        // Behind Trunk's development proxy, which follows redirects itself: hand the browser
        // the way back in a page instead.
        let url = escape(target.as_str());
        return page(
            "Signed in",
            &format!(r#"<meta http-equiv="refresh" content="0;url={url}"><p><a href="{url}">Continue to the console</a></p>"#),
        )
        .into_response();
    }
    Redirect::to(target.as_str()).into_response()
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
    let user = User::with_role(pending.user.name, pending.user.role);
    let iss = issuer(&headers);
    let now = chrono::Utc::now().timestamp();
    let lifetime = state.config.settings.token_lifetime.as_secs() as i64;
    let roles: Vec<&str> = user.roles.iter().map(|r| r.name()).collect();
    let access_token = unsigned_jwt(&serde_json::json!({
        "iss": iss, "sub": pending.user.login, "name": pending.user.name, "role": roles,
        "tenant_id": state.config.tenant_id, "client_id": pending.client_id, "scope": "openid profile ocsapi",
        "iat": now, "exp": now + lifetime, "jti": random_string(),
    }));
    let mut id_claims = serde_json::json!({
        "iss": iss, "sub": pending.user.login, "aud": pending.client_id, "name": pending.user.name,
        "iat": now, "exp": now + lifetime,
    });
    if let Some(nonce) = &pending.nonce {
        id_claims["nonce"] = serde_json::Value::String(nonce.clone());
    }
    let id_token = unsigned_jwt(&id_claims);
    state.tokens.issue_token(access_token.clone(), user);
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

#[derive(Debug, Deserialize)]
struct EndSessionParams {
    post_logout_redirect_uri: Option<String>,
}

async fn end_session(headers: HeaderMap, Query(params): Query<EndSessionParams>) -> Response {
    let iss = issuer(&headers);
    match params.post_logout_redirect_uri {
        Some(target) if target.starts_with(&format!("{iss}/")) || target == iss => {
            Redirect::to(&target).into_response()
        }
        _ => page(
            "Signed out",
            "<p>You are signed out. You can close this window.</p>",
        )
        .into_response(),
    }
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
