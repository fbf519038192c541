//! The documented validation rules, each producing the documented status and a clear
//! `ErrorResponse`.

use chrono::{DateTime, Utc};

use crate::errors::ApiError;

/// Shortest access token lifetime, in seconds.
pub const MIN_TOKEN_LIFETIME: i32 = 60;
/// Longest (and default) access token lifetime, in seconds.
pub const MAX_TOKEN_LIFETIME: i32 = 3600;
/// At most this many redirect URIs, and as many post-logout redirect URIs, per client.
pub const MAX_REDIRECT_URIS: usize = 10;
/// At most this many secrets per client.
pub const MAX_SECRETS: usize = 10;
/// At most this many clients (all kinds together) per tenant.
pub const MAX_CLIENTS: usize = 50_000;

/// `AccessTokenLifetime` must be 60–3600 seconds.
pub fn token_lifetime(value: i32) -> Result<i32, ApiError> {
    if (MIN_TOKEN_LIFETIME..=MAX_TOKEN_LIFETIME).contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::bad_request(
            "The token lifetime is out of range.",
            format!(
                "AccessTokenLifetime was {value}; it must be between {MIN_TOKEN_LIFETIME} and \
                 {MAX_TOKEN_LIFETIME} seconds."
            ),
            format!(
                "Enter a value from {MIN_TOKEN_LIFETIME} to {MAX_TOKEN_LIFETIME} seconds \
                 ({MAX_TOKEN_LIFETIME} is the default)."
            ),
        ))
    }
}

/// `Name` must not be blank. It is kept exactly as sent.
pub fn name(value: &str) -> Result<String, ApiError> {
    if value.trim().is_empty() {
        Err(name_missing())
    } else {
        Ok(value.to_owned())
    }
}

/// `Name` is required when creating a client.
pub fn name_missing() -> ApiError {
    ApiError::bad_request(
        "The client name is missing.",
        "Name is required and must not be empty or only spaces.",
        "Give the client a name that identifies the application or device that uses it.",
    )
}

/// A client `Id` supplied on create must be a GUID in its usual 36-character form
/// (`3fa85f64-5717-4562-b3fc-2c963f66afa6`, either letter case). It is kept as sent.
pub fn client_id(value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    uuid::Uuid::try_parse(value)
        .ok()
        .filter(|_| value.len() == 36)
        .map(|_| value.to_owned())
        .ok_or_else(|| {
            ApiError::bad_request(
                "The client identifier is not valid.",
                format!("Id was `{value}`; a client identifier must be a GUID."),
                "Leave Id out to let the server generate one, or send a GUID such as \
                 3fa85f64-5717-4562-b3fc-2c963f66afa6.",
            )
        })
}

/// Whether `value` is an absolute http(s) URI with a host. The rule of `ClientUri`, `LogoUri`
/// and (with more checks) `AllowedCorsOrigins`.
pub fn is_absolute_http_uri(value: &str) -> bool {
    match url::Url::parse(value) {
        Ok(url) => {
            matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some_and(|h| !h.is_empty())
                && !value.chars().any(char::is_whitespace)
        }
        Err(_) => false,
    }
}

/// Whether `text` has a space or a control character anywhere.
fn has_space_or_control(text: &str) -> bool {
    text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `uri`'s scheme (RFC 3986: a letter, then letters, digits, `+`, `-` or `.`) and what follows
/// its `:`; `None` when it has no scheme (`/cb`, `cb`, `//host/cb`).
fn scheme_and_rest(uri: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = uri.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// Whether `scheme` is `http` or `https` (any letter case).
fn is_web_scheme(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

/// Whether `host_port` is a host (a name, an IPv4 address or a bracketed IPv6 address) and an
/// optional port (`:` and 1–65535).
fn is_host_and_port(host_port: &str) -> bool {
    let (host, port) = match host_port.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((inside, after)) if !inside.is_empty() => match after {
                "" => (inside, None),
                _ => match after.strip_prefix(':') {
                    Some(port) => (inside, Some(port)),
                    None => return false,
                },
            },
            _ => return false,
        },
        None => match host_port.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        },
    };
    let port_ok = port.is_none_or(|port| {
        !port.is_empty()
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|n| n > 0)
    });
    !host.is_empty() && !host.contains(['[', ']']) && port_ok
}

/// Whether what follows `http:` or `https:` is `//`, an authority with a host, then anything.
fn has_web_authority(rest: &str) -> bool {
    let Some(after_slashes) = rest.strip_prefix("//") else {
        return false;
    };
    let authority = after_slashes
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    is_host_and_port(authority.rsplit('@').next().unwrap_or_default())
}

/// Whether `uri`, fragment aside, is absolute: a scheme and something after it; for `http` and
/// `https`, `//` and a host. A host and port without a scheme (`localhost:8400/cb`, which reads
/// as the scheme `localhost`) is not.
fn is_full_address(uri: &str) -> bool {
    let uri = uri.split('#').next().unwrap_or_default();
    let Some((scheme, rest)) = scheme_and_rest(uri) else {
        return false;
    };
    if is_web_scheme(scheme) {
        return has_web_authority(rest);
    }
    let first = rest.split(['/', '?']).next().unwrap_or_default();
    let looks_like_a_port = !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit());
    !looks_like_a_port && !rest.trim_matches('/').is_empty()
}

/// Whether `value` is a redirect URI as the platform (and the console) takes it: any absolute
/// URI, custom schemes of native apps included (`com.example.app:/callback`, `myapp://cb`,
/// `http://localhost:8400/cb`, `https://…`); never relative (`/cb`, `cb`, `//host/cb`), no
/// space or control character, no fragment (`#…`).
pub fn is_redirect_uri(value: &str) -> bool {
    redirect_uri_problem(value).is_none()
}

/// What is wrong with `value` as a redirect URI (`None`: nothing), checked in the console's
/// order.
fn redirect_uri_problem(value: &str) -> Option<&'static str> {
    if has_space_or_control(value) {
        Some("it contains a space or a control character")
    } else if !is_full_address(value) {
        Some("it is not a full address (scheme, `:` and the rest)")
    } else if value.contains('#') {
        Some("it has a fragment (#…)")
    } else {
        None
    }
}

/// A list of redirect URIs (`field` is its JSON name): at most 10, each a redirect URI
/// ([`is_redirect_uri`]).
pub fn redirect_uris(field: &str, values: &[String]) -> Result<Vec<String>, ApiError> {
    if values.len() > MAX_REDIRECT_URIS {
        return Err(ApiError::bad_request(
            "Too many redirect URIs.",
            format!(
                "{field} has {} entries; a client can have at most {MAX_REDIRECT_URIS}.",
                values.len()
            ),
            format!("Remove entries until {field} has {MAX_REDIRECT_URIS} or fewer."),
        ));
    }
    for value in values {
        if let Some(problem) = redirect_uri_problem(value) {
            return Err(ApiError::bad_request(
                "A URI is not valid.",
                format!("{field} contains `{value}`, which is not an absolute URI: {problem}."),
                "Use an absolute URI such as https://app.example.com/callback or \
                 com.example.app:/callback (no fragment).",
            ));
        }
    }
    Ok(values.to_vec())
}

/// `RedirectUris` is required (non-empty) when creating a hybrid or authorization code client,
/// and cannot be emptied afterwards.
pub fn redirect_uris_required() -> ApiError {
    ApiError::bad_request(
        "Redirect URIs are missing.",
        "RedirectUris must contain at least one URI for this kind of client.",
        "Add the URI the application receives the sign-in response on, e.g. \
         https://app.example.com/signin-callback.",
    )
}

/// A single optional URI field (`ClientUri`, `LogoUri`): an absolute http(s) URI when present.
pub fn optional_uri(field: &str, value: &str) -> Result<String, ApiError> {
    if is_absolute_http_uri(value) {
        Ok(value.to_owned())
    } else {
        Err(not_absolute(field, value))
    }
}

fn not_absolute(field: &str, value: &str) -> ApiError {
    ApiError::bad_request(
        "A URI is not valid.",
        format!("{field} contains `{value}`, which is not an absolute http or https URI."),
        "Use a full URI with scheme and host, e.g. https://app.example.com/callback.",
    )
}

/// `AllowedCorsOrigins`: each an origin (scheme, host and optional port; no path).
pub fn cors_origins(values: &[String]) -> Result<Vec<String>, ApiError> {
    for value in values {
        let ok = is_absolute_http_uri(value)
            && url::Url::parse(value)
                .map(|u| u.path() == "/" && u.query().is_none() && u.fragment().is_none())
                .unwrap_or(false)
            && !value.ends_with('/');
        if !ok {
            return Err(ApiError::bad_request(
                "A CORS origin is not valid.",
                format!(
                    "AllowedCorsOrigins contains `{value}`, which is not an origin (scheme, \
                     host and optional port, without a path or trailing slash)."
                ),
                "Use an origin such as https://app.example.com or http://localhost:8080.",
            ));
        }
    }
    Ok(values.to_vec())
}

/// The `Expires`/`Expiration` table of the contract (§3.2) for a new secret.
/// Returns the expiry (`None` = never expires).
pub fn secret_expiry(
    expires: Option<bool>,
    expiration: Option<DateTime<Utc>>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    match (expires, expiration) {
        (Some(true) | None, Some(date)) => Ok(Some(date)),
        (Some(true) | None, None) => Err(ApiError::bad_request(
            "The secret expiration date is missing.",
            "Expires is true (or not set, which means true) but Expiration is empty.",
            "Send an Expiration date, or send \"Expires\": false for a secret that never \
             expires.",
        )),
        (Some(false), Some(_)) => Err(ApiError::bad_request(
            "The secret expiration settings contradict each other.",
            "Expires is false but an Expiration date was given.",
            "Either leave Expiration out (or null) for a secret that never expires, or set \
             \"Expires\": true with the Expiration date.",
        )),
        (Some(false), None) => Ok(None),
    }
}

/// Too many secrets on one client.
pub fn too_many_secrets(client_id: &str) -> ApiError {
    ApiError::bad_request(
        "The client has too many secrets.",
        format!(
            "Client {client_id} already has {MAX_SECRETS} secrets, the most a client can have."
        ),
        "Delete a secret that is no longer used (for example an expired one), then add the new \
         one.",
    )
}

/// More than 50 000 clients in the tenant.
pub fn too_many_clients() -> ApiError {
    ApiError::bad_request(
        "The client limit is exceeded.",
        format!("The tenant already has {MAX_CLIENTS} clients, the most a tenant can have."),
        "Delete clients that are no longer used before adding new ones.",
    )
}

/// A duplicate client `Id`.
pub fn duplicate_client(id: &str) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::CONFLICT,
        "The client identifier already exists.",
        format!("A client with Id {id} already exists in this tenant."),
        "Leave Id out to let the server generate one, or choose another GUID. If you are \
         retrying a create, the first attempt succeeded: look the client up instead.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The console's lists (src/model/validate.rs): what it accepts, dev-api accepts.
    #[test]
    fn redirect_uris_are_any_absolute_uri_as_the_console_takes_them() {
        for good in [
            "com.example.app:/callback",
            "myapp://cb",
            "com.googleusercontent.apps.123-abc:/oauth2redirect",
            "my+app.v2-x://auth/done?state=1",
            "urn:ietf:wg:oauth:2.0:oob",
            "myapp:///cb",
            "ftp://x.example.com/",
            "http://localhost:8400/cb",
            "http://127.0.0.1:5000/signin-oidc",
            "http://[::1]:8400/cb",
            "https://app.example.com/callback?tenant=5",
            "HTTPS://APP.EXAMPLE.COM",
        ] {
            assert!(is_redirect_uri(good), "{good}");
            assert!(redirect_uris("RedirectUris", &[good.to_owned()]).is_ok());
        }
    }

    #[test]
    fn relative_spaced_and_fragment_redirect_uris_are_refused() {
        for (bad, problem) in [
            ("/cb", "not a full address"),
            ("cb", "not a full address"),
            ("", "not a full address"),
            ("//host/cb", "not a full address"),
            ("app.example.com/cb", "not a full address"),
            ("localhost:8400/cb", "not a full address"),
            ("localhost:8400", "not a full address"),
            (":/cb", "not a full address"),
            ("1app:/cb", "not a full address"),
            ("myapp:", "not a full address"),
            ("myapp://", "not a full address"),
            ("https://", "not a full address"),
            ("https:///x", "not a full address"),
            ("https:app.example.com/cb", "not a full address"),
            ("http://:8080/cb", "not a full address"),
            ("http://localhost:port/cb", "not a full address"),
            ("http://localhost:70000/cb", "not a full address"),
            ("/cb#x", "not a full address"),
            ("https://a b.example/cb", "space or a control character"),
            ("myapp://cb?x=a b", "space or a control character"),
            ("https://app.example/c\tb", "space or a control character"),
            (
                "com.example.app:/call\u{7f}back",
                "space or a control character",
            ),
            (
                "https://app.example/cb\u{a0}x",
                "space or a control character",
            ),
            (" https://app.example/cb", "space or a control character"),
            ("https://app.example.com/cb#top", "fragment"),
            ("https://app.example.com/cb#", "fragment"),
            ("com.example.app:/callback#x", "fragment"),
        ] {
            assert!(!is_redirect_uri(bad), "{bad:?}");
            let error = redirect_uris("PostLogoutRedirectUris", &[bad.to_owned()])
                .expect_err(bad)
                .reason;
            assert!(error.contains(problem), "{bad:?}: {error}");
        }
    }

    #[test]
    fn client_uri_and_cors_origins_stay_http() {
        assert!(optional_uri("ClientUri", "myapp://cb").is_err());
        assert!(optional_uri("ClientUri", "https://app.example.com/#about").is_ok());
        assert!(cors_origins(&["myapp://cb".to_owned()]).is_err());
        assert!(cors_origins(&["http://localhost:8080".to_owned()]).is_ok());
    }
}
