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
    /// The information page shown on the consent screen (hybrid, authorization code).
    pub const CLIENT_URI: &str = "ClientUri";
    /// The logo shown on the consent screen (hybrid, authorization code).
    pub const LOGO_URI: &str = "LogoUri";
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
    /// Information page shown on the consent screen (hybrid, authorization code); `""` = not
    /// set.
    pub client_uri: String,
    /// Logo shown on the consent screen (hybrid, authorization code); `""` = not set.
    pub logo_uri: String,
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

/// How to write a redirect URI, at the end of every message that refuses one.
const URI_ADVICE: &str = "use an absolute URI such as https://app.example.com/callback or \
     com.example.app:/callback (no fragment)";

/// A `ClientUri` or `LogoUri` that was set and is now blank: PUT cannot clear it.
pub const CANNOT_CLEAR: &str =
    "The platform cannot clear this field; enter a new address or leave the old one.";

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

/// Whether `uri` is an absolute `http://` or `https://` URL with a host and no spaces (a
/// fragment is allowed). The rule of `ClientUri` and `LogoUri`.
pub fn is_absolute_http_uri(uri: &str) -> bool {
    scheme_and_rest(uri)
        .is_some_and(|(scheme, rest)| is_web_scheme(scheme) && has_web_authority(rest))
        && !has_space_or_control(uri)
}

/// Whether `uri` is an absolute URI as the platform takes redirect URIs: any scheme, custom
/// ones of native apps included (`com.example.app:/callback`, `myapp://cb`,
/// `http://localhost:8400/cb`, `https://…`); never relative (`/cb`, `cb`, `//host/cb`), no
/// space or control character, no fragment (`#…`).
pub fn is_absolute_uri(uri: &str) -> bool {
    check_absolute_uri(uri).is_ok()
}

/// [`is_absolute_uri`] with the message that says what is wrong.
pub fn check_absolute_uri(uri: &str) -> Result<(), String> {
    let problem = if has_space_or_control(uri) {
        "contains a space or a control character"
    } else if !is_full_address(uri) {
        "is not a full address"
    } else if uri.contains('#') {
        "has a fragment (#…)"
    } else {
        return Ok(());
    };
    Err(format!("“{uri}” {problem}: {URI_ADVICE}."))
}

/// Whether `text` is an origin: `http` or `https`, `://`, a host and an optional port, and
/// nothing after it (no path, not even `/`; no query, fragment or user info).
pub fn is_origin(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    is_web_scheme(scheme)
        && !has_space_or_control(text)
        && !rest.contains(['/', '?', '#', '@'])
        && is_host_and_port(rest)
}

/// [`is_origin`] with the message that says how to write one.
pub fn check_origin(text: &str) -> Result<(), String> {
    if is_origin(text) {
        Ok(())
    } else {
        Err(format!(
            "“{text}” is not an origin: use scheme, host and port only, e.g. https://app.example.com"
        ))
    }
}

/// `ClientUri` and `LogoUri`: blank (not set), or an absolute http(s) URL.
pub fn validate_web_address(uri: &str) -> Result<(), String> {
    let uri = uri.trim();
    if uri.is_empty() || is_absolute_http_uri(uri) {
        Ok(())
    } else {
        Err(format!(
            "“{uri}” is not a full web address: use an absolute http:// or https:// URL such as \
             https://app.example.com/about."
        ))
    }
}

/// A list of redirect URIs: at most `max` (if any), each [`is_absolute_uri`], no duplicates,
/// no empty lines, at least one if `required`. `what` names the list in messages ("redirect
/// URL").
pub fn validate_uri_list(
    uris: &[String],
    what: &str,
    max: Option<usize>,
    required: bool,
) -> Result<(), String> {
    validate_list(uris, what, max, required, check_absolute_uri)
}

/// Allowed CORS origins: each [`is_origin`], no duplicates, no empty lines, no maximum.
pub fn validate_cors_origins(origins: &[String]) -> Result<(), String> {
    validate_list(origins, "CORS origin", None, false, check_origin)
}

/// The rules of every list field, with `check` for each (trimmed) entry.
fn validate_list(
    items: &[String],
    what: &str,
    max: Option<usize>,
    required: bool,
    check: fn(&str) -> Result<(), String>,
) -> Result<(), String> {
    if required && items.iter().all(|item| item.trim().is_empty()) {
        return Err(format!("Add at least one {what}."));
    }
    if let Some(max) = max {
        if items.len() > max {
            return Err(format!(
                "Use at most {max} {what}s (there are {}).",
                items.len()
            ));
        }
    }
    for (index, item) in items.iter().enumerate() {
        let item = item.trim();
        if item.is_empty() {
            return Err(format!("Remove the empty {what} or fill it in."));
        }
        check(item)?;
        if items[..index].iter().any(|earlier| earlier.trim() == item) {
            return Err(format!("“{item}” is listed twice: remove one."));
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
    validate_client_with(kind, form, creating, None)
}

/// [`validate_client`], and with `before` [`validate_client_update`]'s check, in form order.
fn validate_client_with(
    kind: ClientKind,
    form: &ClientForm,
    creating: bool,
    before: Option<&ClientForm>,
) -> ValidationErrors {
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
            validate_cors_origins(&form.allowed_cors_origins),
        );
    }
    if kind.has_redirect_uris() {
        let client_uri_before = before.map(|b| b.client_uri.as_str());
        errors.check(
            field::CLIENT_URI,
            validate_web_address(&form.client_uri)
                .and_then(|()| validate_not_cleared(client_uri_before, &form.client_uri)),
        );
        let logo_uri_before = before.map(|b| b.logo_uri.as_str());
        errors.check(
            field::LOGO_URI,
            validate_web_address(&form.logo_uri)
                .and_then(|()| validate_not_cleared(logo_uri_before, &form.logo_uri)),
        );
    }
    errors.check(
        field::ACCESS_TOKEN_LIFETIME,
        validate_token_lifetime(form.access_token_lifetime),
    );
    errors
}

/// Validates an edit of a client for `kind`: [`validate_client`]`(kind, form, false)`, plus
/// `ClientUri` and `LogoUri` blanked although `before` (the client as the form showed it) had
/// one: the API cannot clear a field to null through PUT.
pub fn validate_client_update(
    kind: ClientKind,
    form: &ClientForm,
    before: &ClientForm,
) -> ValidationErrors {
    validate_client_with(kind, form, false, Some(before))
}

/// A single-value field the API cannot clear: blank now, but not `before`.
fn validate_not_cleared(before: Option<&str>, now: &str) -> Result<(), String> {
    let was_set = before.is_some_and(|text| !text.trim().is_empty());
    if was_set && now.trim().is_empty() {
        Err(CANNOT_CLEAR.to_owned())
    } else {
        Ok(())
    }
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

    /// The message at `field` for a hybrid (or, with CORS origins, authorization code) form.
    fn message_for(kind: ClientKind, field: &str, change: impl Fn(&mut ClientForm)) -> String {
        let mut form = form();
        change(&mut form);
        validate_client(kind, &form, true)
            .get(field)
            .unwrap_or_default()
            .to_owned()
    }

    fn redirect_message(uri: &str) -> String {
        message_for(ClientKind::Hybrid, field::REDIRECT_URIS, |f| {
            f.redirect_uris = uris(&[uri])
        })
    }

    fn logout_message(uri: &str) -> String {
        message_for(
            ClientKind::AuthorizationCode,
            field::POST_LOGOUT_REDIRECT_URIS,
            |f| f.post_logout_redirect_uris = uris(&[uri]),
        )
    }

    fn cors_message(origin: &str) -> String {
        message_for(
            ClientKind::AuthorizationCode,
            field::ALLOWED_CORS_ORIGINS,
            |f| f.allowed_cors_origins = uris(&[origin]),
        )
    }

    const ADVICE: &str = "use an absolute URI such as https://app.example.com/callback or \
                          com.example.app:/callback (no fragment).";

    #[test]
    fn redirect_uris_of_native_apps_with_custom_schemes_are_accepted() {
        for good in [
            "com.example.app:/callback",
            "myapp://cb",
            "com.googleusercontent.apps.123-abc:/oauth2redirect",
            "my+app.v2-x://auth/done?state=1",
            "urn:ietf:wg:oauth:2.0:oob",
            "myapp:///cb",
        ] {
            assert!(is_absolute_uri(good), "{good}");
            assert_eq!(redirect_message(good), "", "{good}");
            assert_eq!(logout_message(good), "", "{good}");
        }
    }

    #[test]
    fn web_redirect_uris_are_accepted_localhost_with_a_port_too() {
        for good in [
            "http://localhost:8400/cb",
            "http://127.0.0.1:5000/signin-oidc",
            "http://[::1]:8400/cb",
            "https://app.example.com/callback?tenant=5",
            "HTTPS://APP.EXAMPLE.COM",
        ] {
            assert!(is_absolute_uri(good), "{good}");
            assert_eq!(redirect_message(good), "", "{good}");
            assert_eq!(logout_message(good), "", "{good}");
        }
    }

    #[test]
    fn relative_redirect_uris_are_refused() {
        for bad in [
            "/cb",
            "cb",
            "//host/cb",
            "app.example.com/cb",
            "localhost:8400/cb",
            "localhost:8400",
            ":/cb",
            "1app:/cb",
            "myapp:",
            "myapp://",
            "https://",
            "https:///x",
            "https:app.example.com/cb",
            "http://:8080/cb",
            "http://localhost:port/cb",
            "http://localhost:70000/cb",
        ] {
            assert!(!is_absolute_uri(bad), "{bad}");
            let expected = format!("“{bad}” is not a full address: {ADVICE}");
            assert_eq!(redirect_message(bad), expected, "{bad}");
            assert_eq!(logout_message(bad), expected, "{bad}");
        }
    }

    #[test]
    fn redirect_uris_with_a_space_or_control_character_are_refused() {
        for bad in [
            "https://a b.example/cb",
            "myapp://cb?x=a b",
            "https://app.example/c\tb",
            "com.example.app:/call\u{7f}back",
            "https://app.example/cb\u{a0}x",
        ] {
            assert!(!is_absolute_uri(bad), "{bad:?}");
            let expected = format!("“{bad}” contains a space or a control character: {ADVICE}");
            assert_eq!(redirect_message(bad), expected, "{bad:?}");
            assert_eq!(logout_message(bad), expected, "{bad:?}");
        }
    }

    #[test]
    fn redirect_uris_with_a_fragment_are_refused() {
        for bad in [
            "https://app.example.com/cb#top",
            "https://app.example.com/cb#",
            "com.example.app:/callback#x",
        ] {
            assert!(!is_absolute_uri(bad), "{bad}");
            let expected = format!("“{bad}” has a fragment (#…): {ADVICE}");
            assert_eq!(redirect_message(bad), expected, "{bad}");
            assert_eq!(logout_message(bad), expected, "{bad}");
        }
        // Not absolute comes first: the fragment is not the problem to fix.
        assert_eq!(
            redirect_message("/cb#x"),
            format!("“/cb#x” is not a full address: {ADVICE}")
        );
    }

    #[test]
    fn cors_origins_with_a_port_are_accepted() {
        for good in [
            "https://app.example.com",
            "https://app.example.com:8443",
            "http://localhost:8080",
            "http://127.0.0.1:3000",
            "http://[::1]:3000",
            "HTTPS://SPA.EXAMPLE",
        ] {
            assert!(is_origin(good), "{good}");
            assert_eq!(cors_message(good), "", "{good}");
        }
    }

    #[test]
    fn cors_origins_with_a_path_or_more_are_refused() {
        for bad in [
            "https://app.example.com/spa",
            "https://app.example.com/",
            "https://app.example.com?x=1",
            "https://app.example.com#x",
            "https://user@app.example.com",
            "https://app.example.com:",
            "https://app.example.com:99999",
            "https://",
            "app.example.com",
            "//app.example.com",
            "ftp://app.example.com",
            "com.example.app:/callback",
            "https://app .example.com",
        ] {
            assert!(!is_origin(bad), "{bad}");
            assert_eq!(
                cors_message(bad),
                format!(
                    "“{bad}” is not an origin: use scheme, host and port only, e.g. \
                     https://app.example.com"
                ),
                "{bad}"
            );
        }
        assert_eq!(
            cors_message("https://app.example.com/spa"),
            "“https://app.example.com/spa” is not an origin: use scheme, host and port only, \
             e.g. https://app.example.com"
        );
        // Hybrid clients have no CORS origins: not checked.
        assert_eq!(
            message_for(ClientKind::Hybrid, field::ALLOWED_CORS_ORIGINS, |f| {
                f.allowed_cors_origins = uris(&["not an origin"])
            }),
            ""
        );
    }

    #[test]
    fn lists_have_no_duplicates_and_no_empty_lines() {
        let errors = validate_client(
            ClientKind::AuthorizationCode,
            &ClientForm {
                redirect_uris: uris(&["myapp://cb", " myapp://cb"]),
                allowed_cors_origins: uris(&["https://a.example", "https://a.example "]),
                ..form()
            },
            true,
        );
        assert_eq!(
            errors.get(field::REDIRECT_URIS),
            Some("“myapp://cb” is listed twice: remove one.")
        );
        assert_eq!(
            errors.get(field::ALLOWED_CORS_ORIGINS),
            Some("“https://a.example” is listed twice: remove one.")
        );
        assert_eq!(
            logout_message(""),
            "Remove the empty logout redirect URL or fill it in."
        );
        assert_eq!(
            cors_message("  "),
            "Remove the empty CORS origin or fill it in."
        );
    }

    #[test]
    fn client_and_logo_uris_are_optional_absolute_web_addresses() {
        for kind in [ClientKind::Hybrid, ClientKind::AuthorizationCode] {
            let errors = validate_client(
                kind,
                &ClientForm {
                    client_uri: "https://app.example.com/about".into(),
                    logo_uri: " http://localhost:8400/logo.png ".into(),
                    ..form()
                },
                false,
            );
            assert!(errors.is_empty(), "{kind}: {errors:?}");
            let errors = validate_client(
                kind,
                &ClientForm {
                    client_uri: "app.example.com/about".into(),
                    logo_uri: "com.example.app:/logo.png".into(),
                    ..form()
                },
                false,
            );
            assert_eq!(
                errors.get(field::CLIENT_URI),
                Some(
                    "“app.example.com/about” is not a full web address: use an absolute http:// \
                     or https:// URL such as https://app.example.com/about."
                )
            );
            assert_eq!(
                errors.get(field::LOGO_URI),
                Some(
                    "“com.example.app:/logo.png” is not a full web address: use an absolute \
                     http:// or https:// URL such as https://app.example.com/about."
                )
            );
        }
        // Blank is "not set"; client credential clients have neither field.
        assert_eq!(validate_web_address("  "), Ok(()));
        let odd = ClientForm {
            client_uri: "nope".into(),
            ..form()
        };
        assert!(validate_client(ClientKind::ClientCredentials, &odd, true).is_empty());
        for good in [
            "http://localhost:5000/cb",
            "https://app.example",
            "HTTPS://APP.EXAMPLE/cb?x=1#y",
        ] {
            assert!(is_absolute_http_uri(good), "{good}");
        }
        for bad in [
            "ftp://app.example",
            "https://",
            "https://a b.example",
            "/about",
        ] {
            assert!(!is_absolute_http_uri(bad), "{bad}");
        }
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
