//! Client-side validation of the contract's documented limits, with messages per field.
//!
//! Only the documented limits are checked (CONTRACT.md §8 A15); the server's 400 covers the
//! rest.

use chrono::{DateTime, Utc};

use super::kind::ClientKind;

/// Shortest access token lifetime, in seconds.
pub const MIN_TOKEN_LIFETIME: i32 = 60;
/// Longest (and default) access token lifetime, in seconds.
pub const MAX_TOKEN_LIFETIME: i32 = 3600;
/// Most redirect URIs per client.
pub const MAX_REDIRECT_URIS: usize = 10;
/// Most post-logout redirect URIs per client.
pub const MAX_POST_LOGOUT_REDIRECT_URIS: usize = 10;
/// Most secrets per client.
pub const MAX_SECRETS: usize = 10;

/// Field names used as keys of [`ValidationErrors`]: the wire names.
pub mod field {
    /// The client name.
    pub const NAME: &str = "Name";
    /// The access token lifetime.
    pub const ACCESS_TOKEN_LIFETIME: &str = "AccessTokenLifetime";
    /// The redirect URIs.
    pub const REDIRECT_URIS: &str = "RedirectUris";
    /// The post-logout redirect URIs.
    pub const POST_LOGOUT_REDIRECT_URIS: &str = "PostLogoutRedirectUris";
    /// The allowed CORS origins.
    pub const ALLOWED_CORS_ORIGINS: &str = "AllowedCorsOrigins";
    /// A secret's expiry (`Expiration`, or `SecretExpirationDate` on create).
    pub const EXPIRATION: &str = "Expiration";
    /// The secrets of a client (the 10-secret limit).
    pub const SECRETS: &str = "Secrets";
}

/// One message per field that needs fixing, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    errors: Vec<(&'static str, String)>,
}

impl ValidationErrors {
    /// No field needs fixing.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many fields need fixing.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// The message for `field` (see [`field`]), if it needs fixing.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }

    /// Every (field, message) pair, in form order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.errors
            .iter()
            .map(|(field, message)| (*field, message.as_str()))
    }

    /// Adds a message for `field` (checks the model cannot make, e.g. unparsable input); the
    /// first message of a field wins.
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.check(field, Err(message.into()));
    }

    /// Adds every message of `other` (first message of a field wins).
    pub fn merge(&mut self, other: ValidationErrors) {
        for (field, message) in other.errors {
            self.check(field, Err(message));
        }
    }

    /// Records `result` for `field`; the first message of a field wins.
    fn check(&mut self, field: &'static str, result: Result<(), String>) {
        if let Err(message) = result {
            if self.get(field).is_none() {
                self.errors.push((field, message));
            }
        }
    }

    /// `Ok(())` when empty, else `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// A client's editable fields, as a form holds them (any kind; fields the kind lacks are
/// ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientForm {
    /// Name.
    pub name: String,
    /// Access token lifetime in seconds; `None` = the default (3600).
    pub access_token_lifetime: Option<i32>,
    /// Redirect URIs (hybrid, authorization code).
    pub redirect_uris: Vec<String>,
    /// Post-logout redirect URIs (hybrid, authorization code).
    pub post_logout_redirect_uris: Vec<String>,
    /// Allowed CORS origins (authorization code).
    pub allowed_cors_origins: Vec<String>,
}

/// Name is required.
pub fn validate_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        Err("Enter a name for the client.".to_owned())
    } else {
        Ok(())
    }
}

/// Token lifetime is 60–3600 seconds (`None` = default, fine).
pub fn validate_token_lifetime(seconds: Option<i32>) -> Result<(), String> {
    match seconds {
        Some(s) if !(MIN_TOKEN_LIFETIME..=MAX_TOKEN_LIFETIME).contains(&s) => Err(format!(
            "Enter a token lifetime from {MIN_TOKEN_LIFETIME} to {MAX_TOKEN_LIFETIME} seconds."
        )),
        _ => Ok(()),
    }
}

/// Whether `uri` is an absolute `http://` or `https://` URL with a host and no spaces.
pub fn is_absolute_http_uri(uri: &str) -> bool {
    let lower = uri.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    !host.is_empty()
        && !host.starts_with(':')
        && !uri.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A list of URIs: at most `max` (if any), each absolute http(s), no duplicates, at least one
/// if `required`. `what` names the list in messages ("redirect URL").
pub fn validate_uri_list(
    uris: &[String],
    what: &str,
    max: Option<usize>,
    required: bool,
) -> Result<(), String> {
    if required && uris.iter().all(|uri| uri.trim().is_empty()) {
        return Err(format!("Add at least one {what}."));
    }
    if let Some(max) = max {
        if uris.len() > max {
            return Err(format!(
                "Use at most {max} {what}s (there are {}).",
                uris.len()
            ));
        }
    }
    for (index, uri) in uris.iter().enumerate() {
        let uri = uri.trim();
        if uri.is_empty() {
            return Err(format!("Remove the empty {what} or fill it in."));
        }
        if !is_absolute_http_uri(uri) {
            return Err(format!(
                "“{uri}” is not a full web address: use an absolute http:// or https:// URL."
            ));
        }
        if uris[..index].iter().any(|earlier| earlier.trim() == uri) {
            return Err(format!("“{uri}” is listed twice: remove one."));
        }
    }
    Ok(())
}

/// An expiry must be in the future (`None` = never expires, fine).
pub fn validate_expiration(
    expiration: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), String> {
    match expiration {
        Some(at) if at <= now => Err(
            "Choose an expiration date and time in the future, or tick Never Expires.".to_owned(),
        ),
        _ => Ok(()),
    }
}

/// A client with `existing` secrets may get one more only below the limit of 10.
pub fn validate_secret_count(existing: usize) -> Result<(), String> {
    if existing >= MAX_SECRETS {
        Err(format!(
            "This client already has {MAX_SECRETS} secrets, the most allowed. Remove one before adding another."
        ))
    } else {
        Ok(())
    }
}

/// Validates a client form for `kind`. `creating` makes redirect URIs required for hybrid and
/// authorization code clients (they are optional on update).
pub fn validate_client(kind: ClientKind, form: &ClientForm, creating: bool) -> ValidationErrors {
    let mut errors = ValidationErrors::default();
    errors.check(field::NAME, validate_name(&form.name));
    if kind.has_redirect_uris() {
        errors.check(
            field::REDIRECT_URIS,
            validate_uri_list(
                &form.redirect_uris,
                "redirect URL",
                Some(MAX_REDIRECT_URIS),
                creating,
            ),
        );
        errors.check(
            field::POST_LOGOUT_REDIRECT_URIS,
            validate_uri_list(
                &form.post_logout_redirect_uris,
                "logout redirect URL",
                Some(MAX_POST_LOGOUT_REDIRECT_URIS),
                false,
            ),
        );
    }
    if kind == ClientKind::AuthorizationCode {
        errors.check(
            field::ALLOWED_CORS_ORIGINS,
            validate_uri_list(&form.allowed_cors_origins, "CORS origin", None, false),
        );
    }
    errors.check(
        field::ACCESS_TOKEN_LIFETIME,
        validate_token_lifetime(form.access_token_lifetime),
    );
    errors
}

/// Validates a new client's first secret expiry (`None` = never expires) relative to `now`.
pub fn validate_new_client_secret(
    expiration: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> ValidationErrors {
    let mut errors = ValidationErrors::default();
    errors.check(field::EXPIRATION, validate_expiration(expiration, now));
    errors
}

/// Validates adding a secret: the 10-secret limit and a future expiry.
pub fn validate_new_secret(
    existing_secrets: usize,
    expiration: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> ValidationErrors {
    let mut errors = ValidationErrors::default();
    errors.check(field::SECRETS, validate_secret_count(existing_secrets));
    errors.check(field::EXPIRATION, validate_expiration(expiration, now));
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};

    fn uris(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn form() -> ClientForm {
        ClientForm {
            name: "Historian sync".into(),
            access_token_lifetime: Some(3600),
            redirect_uris: uris(&["https://app.example/callback"]),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_passes_for_every_kind() {
        for kind in ClientKind::ALL {
            assert!(validate_client(kind, &form(), true).is_empty(), "{kind}");
        }
    }

    #[test]
    fn name_is_required() {
        let errors = validate_client(
            ClientKind::ClientCredentials,
            &ClientForm {
                name: "  ".into(),
                ..form()
            },
            true,
        );
        assert_eq!(
            errors.get(field::NAME),
            Some("Enter a name for the client.")
        );
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn token_lifetime_range() {
        let msg = "Enter a token lifetime from 60 to 3600 seconds.";
        for bad in [0, 59, 3601, -1] {
            let errors = validate_client(
                ClientKind::Hybrid,
                &ClientForm {
                    access_token_lifetime: Some(bad),
                    ..form()
                },
                false,
            );
            assert_eq!(errors.get(field::ACCESS_TOKEN_LIFETIME), Some(msg), "{bad}");
        }
        for good in [Some(60), Some(3600), None] {
            assert_eq!(validate_token_lifetime(good), Ok(()));
        }
    }

    #[test]
    fn redirect_uris_required_on_create_only_for_kinds_that_have_them() {
        let empty = ClientForm {
            redirect_uris: vec![],
            ..form()
        };
        for kind in [ClientKind::Hybrid, ClientKind::AuthorizationCode] {
            let errors = validate_client(kind, &empty, true);
            assert_eq!(
                errors.get(field::REDIRECT_URIS),
                Some("Add at least one redirect URL.")
            );
            assert!(validate_client(kind, &empty, false).is_empty());
        }
        assert!(validate_client(ClientKind::ClientCredentials, &empty, true).is_empty());
    }

    #[test]
    fn at_most_ten_uris() {
        let eleven: Vec<String> = (0..11)
            .map(|i| format!("https://app.example/cb{i}"))
            .collect();
        let errors = validate_client(
            ClientKind::Hybrid,
            &ClientForm {
                redirect_uris: eleven.clone(),
                post_logout_redirect_uris: eleven[..10].to_vec(),
                ..form()
            },
            true,
        );
        assert_eq!(
            errors.get(field::REDIRECT_URIS),
            Some("Use at most 10 redirect URLs (there are 11).")
        );
        assert_eq!(errors.get(field::POST_LOGOUT_REDIRECT_URIS), None);
        let errors = validate_client(
            ClientKind::AuthorizationCode,
            &ClientForm {
                post_logout_redirect_uris: eleven,
                ..form()
            },
            true,
        );
        assert_eq!(
            errors.get(field::POST_LOGOUT_REDIRECT_URIS),
            Some("Use at most 10 logout redirect URLs (there are 11).")
        );
    }

    #[test]
    fn absolute_http_uris_only_and_no_duplicates() {
        for bad in [
            "/callback",
            "app.example/cb",
            "ftp://app.example",
            "https://",
            "https:///x",
            "https://a b.example",
            "javascript:alert(1)",
        ] {
            let errors = validate_client(
                ClientKind::Hybrid,
                &ClientForm {
                    redirect_uris: uris(&[bad]),
                    ..form()
                },
                true,
            );
            let message = errors.get(field::REDIRECT_URIS).unwrap_or_default();
            assert!(
                message.contains("not a full web address"),
                "{bad}: {message}"
            );
        }
        for good in [
            "http://localhost:5000/cb",
            "https://app.example",
            "HTTPS://APP.EXAMPLE/cb?x=1#y",
        ] {
            assert!(is_absolute_http_uri(good), "{good}");
        }
        let errors = validate_client(
            ClientKind::AuthorizationCode,
            &ClientForm {
                redirect_uris: uris(&["https://a.example/cb", " https://a.example/cb"]),
                ..form()
            },
            true,
        );
        assert_eq!(
            errors.get(field::REDIRECT_URIS),
            Some("“https://a.example/cb” is listed twice: remove one.")
        );
        let errors = validate_client(
            ClientKind::AuthorizationCode,
            &ClientForm {
                allowed_cors_origins: uris(&["spa.example"]),
                ..form()
            },
            true,
        );
        assert!(errors.get(field::ALLOWED_CORS_ORIGINS).is_some());
        let errors = validate_client(
            ClientKind::Hybrid,
            &ClientForm {
                post_logout_redirect_uris: uris(&[""]),
                ..form()
            },
            true,
        );
        assert_eq!(
            errors.get(field::POST_LOGOUT_REDIRECT_URIS),
            Some("Remove the empty logout redirect URL or fill it in.")
        );
    }

    #[test]
    fn expiration_in_the_future_and_ten_secrets() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let msg = "Choose an expiration date and time in the future, or tick Never Expires.";
        assert_eq!(
            validate_new_client_secret(Some(now), now).get(field::EXPIRATION),
            Some(msg)
        );
        assert_eq!(
            validate_new_client_secret(Some(now - TimeDelta::days(1)), now).get(field::EXPIRATION),
            Some(msg)
        );
        assert!(validate_new_client_secret(Some(now + TimeDelta::minutes(1)), now).is_empty());
        assert!(validate_new_client_secret(None, now).is_empty());

        assert!(validate_new_secret(9, None, now).is_empty());
        let errors = validate_new_secret(10, Some(now - TimeDelta::days(1)), now);
        assert_eq!(
            errors.get(field::SECRETS),
            Some("This client already has 10 secrets, the most allowed. Remove one before adding another.")
        );
        assert_eq!(errors.get(field::EXPIRATION), Some(msg));
        let order: Vec<_> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(order, [field::SECRETS, field::EXPIRATION]);
        assert!(errors.into_result().is_err());
    }
}
