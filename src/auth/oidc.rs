//! The pure half of OpenID Connect sign-in: discovery document, authorize and end-session URLs,
//! the token request, and what the app reads from the tokens it gets back.

use percent_encoding::percent_decode_str;
use serde::Deserialize;

use super::config::AppConfig;
use super::pkce::base64url_decode;

/// The app's one percent-encoder (RFC 3986 unreserved characters stay as they are).
pub use crate::api::encode_component;

/// The built-in role type of Tenant Administrator (as the platform's samples identify it).
pub const TENANT_ADMINISTRATOR_ROLE_TYPE: &str = "2dc742ab-39ea-4fc0-a39e-2bcb71c26a5f";

/// The parts of `/.well-known/openid-configuration` the app uses.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Discovery {
    pub issuer: Option<String>,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
}

/// Where the discovery document lives for an authority.
pub fn discovery_url(authority: &str) -> String {
    format!(
        "{}/.well-known/openid-configuration",
        authority.trim_end_matches('/')
    )
}

/// What the browser must remember across the redirect to the identity server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingSignIn {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    /// The in-app URL (path + query) the user wanted.
    pub return_to: String,
}

/// The authorization request URL (authorization code flow with PKCE S256).
pub fn authorize_url(
    discovery: &Discovery,
    config: &AppConfig,
    redirect_uri: &str,
    state: &str,
    nonce: &str,
    challenge: &str,
) -> String {
    let scope = config.scopes.join(" ");
    let params = [
        ("response_type", "code"),
        ("client_id", config.client_id.as_str()),
        ("redirect_uri", redirect_uri),
        ("scope", scope.as_str()),
        ("state", state),
        ("nonce", nonce),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ];
    with_query(&discovery.authorization_endpoint, &params)
}

/// The form body that exchanges a code for tokens.
pub fn token_request_body(
    config: &AppConfig,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> String {
    form_encode(&[
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("client_id", config.client_id.as_str()),
        ("code_verifier", verifier),
    ])
}

/// The end-session URL, or `None` when the identity server has none.
pub fn end_session_url(
    discovery: &Discovery,
    id_token: Option<&str>,
    post_logout_redirect: &str,
) -> Option<String> {
    let endpoint = discovery.end_session_endpoint.as_deref()?;
    let mut params = vec![("post_logout_redirect_uri", post_logout_redirect)];
    if let Some(token) = id_token {
        params.push(("id_token_hint", token));
    }
    Some(with_query(endpoint, &params))
}

/// The token endpoint's answer.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct TokenResponse {
    pub access_token: String,
    #[serde(default)]
    pub id_token: Option<String>,
    #[serde(default)]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub token_type: Option<String>,
}

/// An OAuth error answer (`error`, `error_description`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct OAuthError {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
}

/// Who is signed in, as far as the tokens tell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    /// `Some(true/false)` when the token lists roles; `None` when it does not say.
    pub is_tenant_admin: Option<bool>,
    /// Seconds since the epoch when the access token stops working, if it says.
    pub expires_at: Option<i64>,
}

/// Reads a JWT's payload (without verifying it: the API does that).
pub fn jwt_claims(token: &str) -> Option<serde_json::Value> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&base64url_decode(payload)?).ok()
}

/// Name, admin role and expiry from the access token (and the id token for the name).
pub fn identity_from_tokens(access_token: &str, id_token: Option<&str>) -> Identity {
    let access = jwt_claims(access_token).unwrap_or_default();
    let id = id_token.and_then(jwt_claims).unwrap_or_default();
    let name = ["name", "preferred_username", "email", "sub"]
        .iter()
        .find_map(|key| {
            id.get(key)
                .or_else(|| access.get(key))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "Signed-in user".to_string());
    let roles: Option<Vec<String>> =
        ["role", "roles"]
            .iter()
            .find_map(|key| match access.get(key) {
                Some(serde_json::Value::String(s)) => Some(vec![s.clone()]),
                Some(serde_json::Value::Array(items)) => Some(
                    items
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                ),
                _ => None,
            });
    let is_tenant_admin = roles.map(|roles| {
        roles.iter().any(|r| {
            r.eq_ignore_ascii_case("Tenant Administrator")
                || r.eq_ignore_ascii_case(TENANT_ADMINISTRATOR_ROLE_TYPE)
        })
    });
    Identity {
        name,
        is_tenant_admin,
        expires_at: access.get("exp").and_then(|v| v.as_i64()),
    }
}

/// The `nonce` claim of an id token.
pub fn id_token_nonce(id_token: &str) -> Option<String> {
    jwt_claims(id_token)?
        .get("nonce")?
        .as_str()
        .map(str::to_string)
}

/// What came back on the redirect URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    Code {
        code: String,
        state: String,
    },
    Error {
        error: String,
        description: Option<String>,
        state: Option<String>,
    },
}

/// Reads `?code=…&state=…` or `?error=…` from the redirect URI's query string.
pub fn parse_callback(query: &str) -> Option<Callback> {
    let params = parse_query(query);
    let get = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    if let Some(error) = get("error") {
        return Some(Callback::Error {
            error,
            description: get("error_description"),
            state: get("state"),
        });
    }
    Some(Callback::Code {
        code: get("code")?,
        state: get("state")?,
    })
}

fn form_encode(params: &[(&str, &str)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn with_query(endpoint: &str, params: &[(&str, &str)]) -> String {
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{separator}{}", form_encode(params))
}

/// Splits a query string (with or without the leading `?`) into decoded pairs.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

/// Decodes a query component: `+` is a space, `%XX` a byte (a `%` without two hex digits stays
/// as it is), and bytes that are not UTF-8 become U+FFFD.
fn decode_component(value: &str) -> String {
    percent_decode_str(&value.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::pkce::base64url_encode;

    fn config() -> AppConfig {
        AppConfig::parse(
            r#"{"apiBase": "", "tenantId": "5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a",
                "authority": "http://127.0.0.1:8080/", "clientId": "clients-console", "scopes": "openid ocsapi"}"#,
        )
        .unwrap()
    }

    fn discovery() -> Discovery {
        Discovery {
            issuer: Some("http://127.0.0.1:8080".into()),
            authorization_endpoint: "http://127.0.0.1:8080/connect/authorize".into(),
            token_endpoint: "http://127.0.0.1:8080/connect/token".into(),
            end_session_endpoint: Some("http://127.0.0.1:8080/connect/endsession".into()),
        }
    }

    fn jwt(claims: serde_json::Value) -> String {
        format!(
            "{}.{}.",
            base64url_encode(br#"{"alg":"none"}"#),
            base64url_encode(claims.to_string().as_bytes())
        )
    }

    #[test]
    fn authorize_url_carries_pkce_state_nonce_and_encoded_redirect() {
        let url = authorize_url(
            &discovery(),
            &config(),
            "http://127.0.0.1:8080/auth/callback",
            "st",
            "no",
            "ch",
        );
        assert_eq!(
            url,
            "http://127.0.0.1:8080/connect/authorize?response_type=code&client_id=clients-console\
             &redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fauth%2Fcallback&scope=openid%20ocsapi\
             &state=st&nonce=no&code_challenge=ch&code_challenge_method=S256"
        );
        assert_eq!(
            discovery_url("http://x/"),
            "http://x/.well-known/openid-configuration"
        );
    }

    #[test]
    fn token_request_sends_the_verifier_not_the_challenge() {
        let body = token_request_body(&config(), "c0de", "http://h/auth/callback", "ver-ifier");
        assert_eq!(
            body,
            "grant_type=authorization_code&code=c0de&redirect_uri=http%3A%2F%2Fh%2Fauth%2Fcallback\
             &client_id=clients-console&code_verifier=ver-ifier"
        );
    }

    #[test]
    fn callback_query_is_read_for_code_or_error() {
        assert_eq!(
            parse_callback("?code=a%2Bb&state=s1"),
            Some(Callback::Code {
                code: "a+b".into(),
                state: "s1".into()
            })
        );
        assert_eq!(
            parse_callback("error=access_denied&error_description=User+cancelled&state=s"),
            Some(Callback::Error {
                error: "access_denied".into(),
                description: Some("User cancelled".into()),
                state: Some("s".into())
            })
        );
        assert_eq!(parse_callback("?type=hybrid"), None);
    }

    #[test]
    fn query_components_are_decoded_leniently() {
        assert_eq!(
            parse_query("?q=a%2Bb+c%zz%C3%A9%&flag&%FF=x"),
            [
                ("q".to_string(), "a+b c%zzé%".to_string()),
                ("flag".to_string(), String::new()),
                ("\u{FFFD}".to_string(), "x".to_string()),
            ]
        );
    }

    #[test]
    fn identity_reads_name_roles_and_expiry() {
        let admin = jwt(
            serde_json::json!({"name": "Ada Lovelace", "role": ["Tenant Member", "Tenant Administrator"], "exp": 1_900_000_000}),
        );
        let who = identity_from_tokens(&admin, None);
        assert_eq!(
            who,
            Identity {
                name: "Ada Lovelace".into(),
                is_tenant_admin: Some(true),
                expires_at: Some(1_900_000_000)
            }
        );
        let member = jwt(serde_json::json!({"sub": "max", "role": "Tenant Member"}));
        assert_eq!(
            identity_from_tokens(&member, None).is_tenant_admin,
            Some(false)
        );
        let silent = jwt(serde_json::json!({"sub": "svc"}));
        let id = jwt(serde_json::json!({"name": "Grace Hopper", "nonce": "n1"}));
        let who = identity_from_tokens(&silent, Some(&id));
        assert_eq!(
            (who.name.as_str(), who.is_tenant_admin),
            ("Grace Hopper", None)
        );
        assert_eq!(id_token_nonce(&id).as_deref(), Some("n1"));
        assert_eq!(
            identity_from_tokens("opaque-token", None).name,
            "Signed-in user"
        );
    }

    #[test]
    fn end_session_url_includes_hint_and_return() {
        let url = end_session_url(&discovery(), Some("idt"), "http://127.0.0.1:8080/").unwrap();
        assert_eq!(
            url,
            "http://127.0.0.1:8080/connect/endsession?post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F&id_token_hint=idt"
        );
    }
}
