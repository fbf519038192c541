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

/// Whether `value` is an absolute http(s) URI with a host.
pub fn is_absolute_uri(value: &str) -> bool {
    match url::Url::parse(value) {
        Ok(url) => {
            matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some_and(|h| !h.is_empty())
                && !value.chars().any(char::is_whitespace)
        }
        Err(_) => false,
    }
}

/// A list of redirect URIs (`field` is its JSON name): at most 10, each absolute.
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
        if !is_absolute_uri(value) {
            return Err(not_absolute(field, value));
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

/// A single optional URI field (`ClientUri`, `LogoUri`): absolute when present.
pub fn optional_uri(field: &str, value: &str) -> Result<String, ApiError> {
    if is_absolute_uri(value) {
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
        let ok = is_absolute_uri(value)
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
