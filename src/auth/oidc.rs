//! The pure half of OpenID Connect sign-in: discovery document, authorize and end-session URLs,
//! the token request, and what the app reads from the tokens it gets back.

use std::fmt;

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
    /// Every ID token must name exactly this issuer (`iss`).
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
    /// Where the user's profile claims are when the ID token has none.
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
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

/// The token endpoint's answer. `Debug` never shows the tokens.
#[derive(Clone, Deserialize, PartialEq, Eq)]
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

impl fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"[redacted]")
            .field("id_token", &self.id_token.as_ref().map(|_| "[redacted]"))
            .field("expires_in", &self.expires_in)
            .field("token_type", &self.token_type)
            .finish()
    }
}

/// How far the identity server's clock and this browser's may disagree (seconds) before an
/// ID token counts as expired.
pub const CLOCK_SKEW_SECONDS: i64 = 300;

/// Why an ID token cannot be trusted (OpenID Connect Core §3.1.3.7), said for people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdTokenProblem {
    #[error(
        "the identity server sent no ID token, although the console asked for one (scope openid)"
    )]
    Missing,
    #[error("the ID token is not a readable JWT")]
    Unreadable,
    #[error("the ID token was issued by \"{found}\", but the identity server's settings name \"{expected}\" as the issuer")]
    Issuer { expected: String, found: String },
    #[error("the ID token is not meant for this console: its audience does not include the client id \"{client_id}\"")]
    Audience { client_id: String },
    #[error("the ID token has expired or has no expiry; if this computer's clock is wrong, correct it and sign in again")]
    Expired,
    #[error("the ID token does not answer this sign-in request (nonce mismatch)")]
    Nonce,
    #[error("the ID token names no user (no sub claim)")]
    NoSubject,
}

/// What a checked ID token says about the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdClaims {
    /// The user's stable id at the identity server (`sub`).
    pub subject: String,
    /// A name to show, if the token carries one (see [`display_name`]).
    pub name: Option<String>,
}

/// Checks an ID token as a relying party must: present, issued by `issuer`, for `client_id`,
/// not expired at `now` (seconds since the epoch, with [`CLOCK_SKEW_SECONDS`]), answering
/// `nonce`. The signature is the API's business (the console never sends the ID token there).
pub fn check_id_token(
    id_token: Option<&str>,
    issuer: &str,
    client_id: &str,
    nonce: &str,
    now: i64,
) -> Result<IdClaims, IdTokenProblem> {
    let claims = jwt_claims(id_token.ok_or(IdTokenProblem::Missing)?)
        .filter(serde_json::Value::is_object)
        .ok_or(IdTokenProblem::Unreadable)?;
    let text = |key: &str| claims.get(key).and_then(|v| v.as_str());
    let found = text("iss").unwrap_or_default();
    if found != issuer {
        return Err(IdTokenProblem::Issuer {
            expected: issuer.to_string(),
            found: found.to_string(),
        });
    }
    let for_us = match claims.get("aud") {
        Some(serde_json::Value::String(aud)) => aud == client_id,
        Some(serde_json::Value::Array(auds)) => auds.iter().any(|a| a.as_str() == Some(client_id)),
        _ => false,
    };
    if !for_us {
        return Err(IdTokenProblem::Audience {
            client_id: client_id.to_string(),
        });
    }
    match claims.get("exp").and_then(serde_json::Value::as_i64) {
        Some(exp) if exp + CLOCK_SKEW_SECONDS > now => {}
        _ => return Err(IdTokenProblem::Expired),
    }
    if text("nonce") != Some(nonce) {
        return Err(IdTokenProblem::Nonce);
    }
    let subject = text("sub")
        .filter(|s| !s.is_empty())
        .ok_or(IdTokenProblem::NoSubject)?;
    Ok(IdClaims {
        subject: subject.to_string(),
        name: display_name(&claims),
    })
}

/// The name to show for a set of profile claims: `name`, else `given_name` + `family_name`,
/// else `preferred_username`, else `email`.
pub fn display_name(claims: &serde_json::Value) -> Option<String> {
    let text = |key: &str| {
        claims
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if let Some(name) = text("name") {
        return Some(name.to_string());
    }
    let given_family: Vec<&str> = [text("given_name"), text("family_name")]
        .into_iter()
        .flatten()
        .collect();
    if !given_family.is_empty() {
        return Some(given_family.join(" "));
    }
    text("preferred_username")
        .or_else(|| text("email"))
        .map(str::to_string)
}

/// The name from a userinfo answer, if it is about `subject` (OpenID Connect Core §5.3.2: a
/// different `sub` must not be used).
pub fn userinfo_name(body: &str, subject: &str) -> Option<String> {
    let claims: serde_json::Value = serde_json::from_str(body).ok()?;
    if claims.get("sub").and_then(|v| v.as_str()) != Some(subject) {
        return None;
    }
    display_name(&claims)
}

/// When the access token stops working, in this browser's clock: `expires_in` counted from
/// `received_at` (the moment the token arrived), so a wrong clock here does not matter; the
/// token's own `exp` (the server's clock) only when `expires_in` is missing.
pub fn token_deadline(
    expires_in: Option<u64>,
    access_exp: Option<i64>,
    received_at: i64,
) -> Option<i64> {
    match expires_in {
        Some(seconds) => {
            Some(received_at.saturating_add(i64::try_from(seconds).unwrap_or(i64::MAX)))
        }
        None => access_exp,
    }
}

/// Who is signed in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    /// The name to show in the header.
    pub name: String,
    /// The user's id at the identity server (`sub` of the ID token).
    pub subject: String,
    /// `Some(true/false)` when the access token lists roles; `None` when it does not say
    /// (an opaque token, or no role claim): the console then asks the API.
    pub is_tenant_admin: Option<bool>,
    /// Seconds since the epoch (this browser's clock) when the access token stops working.
    pub expires_at: Option<i64>,
}

/// Reads a JWT's payload (without verifying it: the API does that).
pub fn jwt_claims(token: &str) -> Option<serde_json::Value> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&base64url_decode(payload)?).ok()
}

/// Who is signed in, from the checked ID token, the name the userinfo endpoint gave (used
/// only when the ID token has none) and the access token's role claims (when it is a JWT
/// that has them).
pub fn identity_from_tokens(
    tokens: &TokenResponse,
    id: &IdClaims,
    userinfo_name: Option<String>,
    received_at: i64,
) -> Identity {
    let access = jwt_claims(&tokens.access_token).unwrap_or_default();
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
    let access_exp = access.get("exp").and_then(|v| v.as_i64());
    Identity {
        name: id
            .name
            .clone()
            .or(userinfo_name)
            .unwrap_or_else(|| id.subject.clone()),
        subject: id.subject.clone(),
        is_tenant_admin,
        expires_at: token_deadline(tokens.expires_in, access_exp, received_at),
    }
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
            issuer: "http://127.0.0.1:8080".into(),
            authorization_endpoint: "http://127.0.0.1:8080/connect/authorize".into(),
            token_endpoint: "http://127.0.0.1:8080/connect/token".into(),
            end_session_endpoint: Some("http://127.0.0.1:8080/connect/endsession".into()),
            userinfo_endpoint: None,
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

    fn tokens(access_token: String, expires_in: Option<u64>) -> TokenResponse {
        TokenResponse {
            access_token,
            id_token: None,
            expires_in,
            token_type: Some("Bearer".into()),
        }
    }

    fn ada() -> IdClaims {
        IdClaims {
            subject: "ada".into(),
            name: Some("Ada Lovelace".into()),
        }
    }

    #[test]
    fn identity_reads_roles_from_a_jwt_access_token_and_nothing_from_an_opaque_one() {
        let admin = jwt(
            serde_json::json!({"role": ["Tenant Member", "Tenant Administrator"], "exp": 1_900_000_000}),
        );
        let who = identity_from_tokens(&tokens(admin, Some(3600)), &ada(), None, 1_000);
        assert_eq!(
            who,
            Identity {
                name: "Ada Lovelace".into(),
                subject: "ada".into(),
                is_tenant_admin: Some(true),
                expires_at: Some(4_600)
            }
        );
        let member = jwt(serde_json::json!({"sub": "max", "role": "Tenant Member"}));
        let who = identity_from_tokens(&tokens(member, None), &ada(), None, 0);
        assert_eq!(who.is_tenant_admin, Some(false));
        let opaque = identity_from_tokens(
            &tokens("2YotnFZFEjr1zCsicMWpAA".into(), None),
            &ada(),
            None,
            0,
        );
        assert_eq!((opaque.is_tenant_admin, opaque.expires_at), (None, None));
        let rid = jwt(serde_json::json!({"roles": [TENANT_ADMINISTRATOR_ROLE_TYPE]}));
        let who = identity_from_tokens(&tokens(rid, None), &ada(), None, 0);
        assert_eq!(who.is_tenant_admin, Some(true));
    }

    #[test]
    fn the_name_comes_from_the_id_token_then_userinfo_then_the_subject() {
        let no_name = IdClaims {
            subject: "248289761001".into(),
            name: None,
        };
        let t = tokens("opaque".into(), None);
        assert_eq!(
            identity_from_tokens(&t, &ada(), Some("Other".into()), 0).name,
            "Ada Lovelace"
        );
        assert_eq!(
            identity_from_tokens(&t, &no_name, Some("Jane Doe".into()), 0).name,
            "Jane Doe"
        );
        assert_eq!(
            identity_from_tokens(&t, &no_name, None, 0).name,
            "248289761001"
        );
        let name_of = |claims: serde_json::Value| display_name(&claims);
        assert_eq!(
            name_of(serde_json::json!({"name": " Ada ", "email": "a@x"})).as_deref(),
            Some("Ada")
        );
        assert_eq!(
            name_of(serde_json::json!({"given_name": "Grace", "family_name": "Hopper", "preferred_username": "gh"})).as_deref(),
            Some("Grace Hopper")
        );
        assert_eq!(
            name_of(serde_json::json!({"family_name": "Hopper"})).as_deref(),
            Some("Hopper")
        );
        assert_eq!(
            name_of(serde_json::json!({"name": "", "preferred_username": "gh", "email": "g@x"}))
                .as_deref(),
            Some("gh")
        );
        assert_eq!(
            name_of(serde_json::json!({"email": "g@x"})).as_deref(),
            Some("g@x")
        );
        assert_eq!(name_of(serde_json::json!({"sub": "1"})), None);
    }

    #[test]
    fn userinfo_is_used_only_for_the_same_subject() {
        let body = r#"{"sub": "248289761001", "name": "Jane Doe"}"#;
        assert_eq!(
            userinfo_name(body, "248289761001").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(userinfo_name(body, "someone-else"), None);
        assert_eq!(userinfo_name("not json", "248289761001"), None);
    }

    const ISS: &str = "https://id.example.com";
    const NOW: i64 = 1_800_000_000;

    fn id_token(claims: serde_json::Value) -> String {
        jwt(claims)
    }

    fn good_claims() -> serde_json::Value {
        serde_json::json!({"iss": ISS, "sub": "ada", "aud": "clients-console", "exp": NOW + 3600,
            "iat": NOW, "nonce": "n-1", "name": "Ada Lovelace"})
    }

    fn check(claims: serde_json::Value) -> Result<IdClaims, IdTokenProblem> {
        check_id_token(Some(&id_token(claims)), ISS, "clients-console", "n-1", NOW)
    }

    fn with(key: &str, value: serde_json::Value) -> serde_json::Value {
        let mut claims = good_claims();
        claims[key] = value;
        claims
    }

    #[test]
    fn a_good_id_token_passes_and_names_the_user() {
        assert_eq!(check(good_claims()), Ok(ada()));
        let many = with("aud", serde_json::json!(["ocsapi", "clients-console"]));
        assert!(check(many).is_ok());
    }

    #[test]
    fn an_id_token_must_be_there_and_readable() {
        assert_eq!(
            check_id_token(None, ISS, "clients-console", "n-1", NOW),
            Err(IdTokenProblem::Missing)
        );
        assert_eq!(
            check_id_token(Some("opaque"), ISS, "clients-console", "n-1", NOW),
            Err(IdTokenProblem::Unreadable)
        );
    }

    #[test]
    fn an_id_token_from_another_issuer_is_refused() {
        let err = check(with("iss", serde_json::json!("https://evil.example.com"))).unwrap_err();
        assert_eq!(
            err,
            IdTokenProblem::Issuer {
                expected: ISS.into(),
                found: "https://evil.example.com".into()
            }
        );
        // Exactly equal: a trailing slash is another issuer.
        assert!(check(with("iss", serde_json::json!(format!("{ISS}/")))).is_err());
        let mut no_iss = good_claims();
        no_iss.as_object_mut().unwrap().remove("iss");
        assert!(matches!(check(no_iss), Err(IdTokenProblem::Issuer { .. })));
    }

    #[test]
    fn an_id_token_for_another_client_is_refused() {
        for aud in [
            serde_json::json!("other-app"),
            serde_json::json!(["other-app"]),
            serde_json::json!(null),
        ] {
            assert_eq!(
                check(with("aud", aud)),
                Err(IdTokenProblem::Audience {
                    client_id: "clients-console".into()
                })
            );
        }
    }

    #[test]
    fn an_expired_id_token_is_refused_beyond_the_clock_skew() {
        let just_expired = with("exp", serde_json::json!(NOW - 60));
        assert!(check(just_expired).is_ok(), "within the skew");
        let expired = with("exp", serde_json::json!(NOW - CLOCK_SKEW_SECONDS - 1));
        assert_eq!(check(expired), Err(IdTokenProblem::Expired));
        assert_eq!(
            check(with("exp", serde_json::json!(null))),
            Err(IdTokenProblem::Expired)
        );
    }

    #[test]
    fn an_id_token_with_another_nonce_or_none_is_refused() {
        assert_eq!(
            check(with("nonce", serde_json::json!("n-2"))),
            Err(IdTokenProblem::Nonce)
        );
        let mut no_nonce = good_claims();
        no_nonce.as_object_mut().unwrap().remove("nonce");
        assert_eq!(check(no_nonce), Err(IdTokenProblem::Nonce));
        assert_eq!(
            check(with("sub", serde_json::json!(""))),
            Err(IdTokenProblem::NoSubject)
        );
    }

    #[test]
    fn the_deadline_counts_expires_in_from_receipt_whatever_the_clock_says() {
        // The server's clock says 10:00; this browser's says 12:00 (two hours ahead). The
        // token's exp (server clock) is 11:00: read as a deadline it would already have passed
        // here, and every new token would look expired at once.
        let server_now = 1_800_000_000;
        let browser_now = server_now + 7_200;
        let access = jwt(serde_json::json!({"exp": server_now + 3_600}));
        let who = identity_from_tokens(
            &tokens(access.clone(), Some(3_600)),
            &ada(),
            None,
            browser_now,
        );
        assert_eq!(who.expires_at, Some(browser_now + 3_600));
        assert!(who.expires_at.unwrap() > browser_now);
        // Without expires_in the token's own exp is all there is.
        let who = identity_from_tokens(&tokens(access, None), &ada(), None, browser_now);
        assert_eq!(who.expires_at, Some(server_now + 3_600));
        assert_eq!(token_deadline(None, None, browser_now), None);
    }

    #[test]
    fn debug_never_shows_a_token() {
        let t = TokenResponse {
            access_token: "eyJ.secret-access.x".into(),
            id_token: Some("eyJ.secret-id.y".into()),
            expires_in: Some(60),
            token_type: None,
        };
        let shown = format!("{t:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(
            shown.contains("[redacted]") && shown.contains("60"),
            "{shown}"
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
