//! Form → request body, per kind: what the Add/Edit Client and Add/Edit Secret forms hold (the
//! values as typed) and the POST or PUT body they make, or every field that needs fixing.
//!
//! Times: a form's date is the text of an `<input type="datetime-local">` in the time zone of
//! `now` (the app passes `Local::now()`, tests a fixed offset); bodies carry UTC.

use std::fmt::Display;

use chrono::{DateTime, TimeZone, Utc};

use super::client::{Client, NewClient};
use super::expiry::{
    default_secret_expiration, local_to_utc, parse_datetime_local, to_datetime_local,
};
use super::kind::ClientKind;
use super::validate::{
    field, validate_client, validate_client_update, validate_expiration,
    validate_new_client_secret, validate_new_secret, ClientForm, ValidationErrors,
};
use super::wire::{
    AuthorizationCodeClient, ClientCredentialClientCreate, ClientSecret,
    ClientSecretCreateOrUpdate, HybridClientCreate,
};

/// The token lifetime is not a whole number.
const LIFETIME_NOT_A_NUMBER: &str =
    "Enter the token lifetime as a whole number of seconds, from 60 to 3600.";
/// Expiry date empty or unreadable, and Never Expires not ticked.
const EXPIRATION_MISSING: &str = "Enter an expiration date and time, or tick Never Expires.";

/// What the Add/Edit Client form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientFormValues {
    /// Name.
    pub name: String,
    /// Access token lifetime in seconds, as typed; `""` = the default.
    pub access_token_lifetime: String,
    /// Redirect URIs, one per line as typed (hybrid, authorization code).
    pub redirect_uris: String,
    /// Post-logout redirect URIs, one per line (hybrid, authorization code).
    pub post_logout_redirect_uris: String,
    /// Allowed CORS origins, one per line (authorization code).
    pub allowed_cors_origins: String,
    /// Information page shown on the consent screen (hybrid, authorization code); `""` = not
    /// set.
    pub client_uri: String,
    /// Logo shown on the consent screen (hybrid, authorization code); `""` = not set.
    pub logo_uri: String,
    /// Hybrid "Allow Refresh Token".
    pub allow_offline_access: bool,
    /// Hybrid: whether access tokens may be returned through the browser.
    pub allow_access_tokens_via_browser: bool,
    /// Role ids (client-credentials).
    pub role_ids: Vec<String>,
    /// The first secret (Add Client, client-credentials and hybrid only).
    pub secret: SecretFormValues,
}

/// What the Add/Edit Secret form holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecretFormValues {
    /// Description, as typed.
    pub description: String,
    /// "Never Expires".
    pub never_expires: bool,
    /// `<input type=datetime-local>` text, local time.
    pub expiration: String,
}

impl ClientFormValues {
    /// Starting values of Edit Client for `client` (lists joined by "\n", lifetime as digits or
    /// "" when None, roles = client's role ids, a missing URI "" and a missing flag false).
    pub fn from_client(client: &Client) -> Self {
        let mut values = ClientFormValues {
            name: client.name().unwrap_or_default().to_owned(),
            access_token_lifetime: client
                .access_token_lifetime()
                .map(|seconds| seconds.to_string())
                .unwrap_or_default(),
            redirect_uris: client.redirect_uris().join("\n"),
            post_logout_redirect_uris: client.post_logout_redirect_uris().join("\n"),
            role_ids: client.role_ids().to_vec(),
            ..ClientFormValues::default()
        };
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        match client {
            Client::AuthorizationCode(c) => {
                values.allowed_cors_origins = c
                    .allowed_cors_origins
                    .as_deref()
                    .unwrap_or_default()
                    .join("\n");
                values.client_uri = text(&c.client_uri);
                values.logo_uri = text(&c.logo_uri);
            }
            Client::Hybrid(c) => {
                values.allow_offline_access = c.allow_offline_access.unwrap_or(false);
                values.allow_access_tokens_via_browser =
                    c.allow_access_tokens_via_browser.unwrap_or(false);
                values.client_uri = text(&c.client_uri);
                values.logo_uri = text(&c.logo_uri);
            }
            Client::ClientCredentials(_) => {}
        }
        values
    }

    /// Starting values of Add Client: empty, secret expiry = default_secret_expiration(now)
    /// shown in `now`'s zone via to_datetime_local, never_expires false.
    pub fn for_new<Tz: TimeZone>(now: &DateTime<Tz>) -> Self
    where
        Tz::Offset: Display,
    {
        ClientFormValues {
            secret: SecretFormValues::for_new(now),
            ..ClientFormValues::default()
        }
    }

    /// The values as the validation reads them (lists as trimmed non-empty lines, URIs
    /// trimmed), and every field of the client that needs fixing: of a new client, or with
    /// `before` of an edit of it.
    fn checked(&self, kind: ClientKind, before: Option<&Client>) -> (ClientForm, ValidationErrors) {
        let lifetime_text = self.access_token_lifetime.trim();
        let lifetime = lifetime_text.parse::<i32>().ok();
        let form = ClientForm {
            name: self.name.clone(),
            access_token_lifetime: lifetime,
            redirect_uris: lines(&self.redirect_uris),
            post_logout_redirect_uris: lines(&self.post_logout_redirect_uris),
            allowed_cors_origins: lines(&self.allowed_cors_origins),
            client_uri: self.client_uri.trim().to_owned(),
            logo_uri: self.logo_uri.trim().to_owned(),
        };
        let mut errors = match before {
            None => validate_client(kind, &form, true),
            Some(before) => validate_client_update(
                kind,
                &form,
                &ClientFormValues::from_client(before).checked(kind, None).0,
            ),
        };
        if !lifetime_text.is_empty() && lifetime.is_none() {
            errors.add(field::ACCESS_TOKEN_LIFETIME, LIFETIME_NOT_A_NUMBER);
        }
        (form, errors)
    }
}

impl SecretFormValues {
    /// Add Secret: default one-year expiry (default_secret_expiration) in `now`'s zone.
    pub fn for_new<Tz: TimeZone>(now: &DateTime<Tz>) -> Self
    where
        Tz::Offset: Display,
    {
        SecretFormValues {
            description: String::new(),
            never_expires: false,
            expiration: to_datetime_local(default_secret_expiration(now), &now.timezone()),
        }
    }

    /// Edit Secret: the secret's description and expiry (effective_expiration) in `now`'s zone;
    /// never_expires when it has none (then expiration = the default one-year text, so that
    /// unticking shows a sensible date).
    pub fn from_secret<Tz: TimeZone>(secret: &ClientSecret, now: &DateTime<Tz>) -> Self
    where
        Tz::Offset: Display,
    {
        let expiry = secret.effective_expiration();
        SecretFormValues {
            description: secret.description.clone().unwrap_or_default(),
            never_expires: expiry.is_none(),
            expiration: to_datetime_local(
                expiry.unwrap_or_else(|| default_secret_expiration(now)),
                &now.timezone(),
            ),
        }
    }

    /// The expiry: `Ok(None)` when it never expires, `Err` with the message when the date is
    /// empty or unreadable in `tz`.
    fn expiry<Tz: TimeZone>(&self, tz: &Tz) -> Result<Option<DateTime<Utc>>, &'static str> {
        if self.never_expires {
            return Ok(None);
        }
        parse_datetime_local(&self.expiration)
            .and_then(|local| local_to_utc(local, tz))
            .map(Some)
            .ok_or(EXPIRATION_MISSING)
    }

    /// [`Self::expiry`], recording a missing date in `errors` (and going on as if never).
    fn expiry_into<Tz: TimeZone>(
        &self,
        tz: &Tz,
        errors: &mut ValidationErrors,
    ) -> Option<DateTime<Utc>> {
        self.expiry(tz).unwrap_or_else(|message| {
            errors.add(field::EXPIRATION, message);
            None
        })
    }

    /// The description trimmed, `None` when blank.
    fn description_if_any(&self) -> Option<String> {
        Some(self.description.trim())
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
    }
}

/// POST body of Add Client, or every field that needs fixing (keyed by the [`field`]
/// constants).
///
/// Validates as [`validate_client`]`(kind, form, true)`, plus "not a whole number" for the
/// lifetime and, for kinds with secrets, the first secret's expiry (missing, or not in the
/// future). `id` (the new client's Id) goes in the body's `Id` when `Some`.
pub fn new_client_body<Tz: TimeZone>(
    kind: ClientKind,
    values: &ClientFormValues,
    id: Option<String>,
    now: &DateTime<Tz>,
) -> Result<NewClient, ValidationErrors> {
    let (form, mut errors) = values.checked(kind, None);
    let mut expiry = None;
    if kind.has_secrets() {
        match values.secret.expiry(&now.timezone()) {
            Err(message) => errors.add(field::EXPIRATION, message),
            Ok(at) => {
                errors.merge(validate_new_client_secret(at, now.with_timezone(&Utc)));
                expiry = at;
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let name = Some(form.name.trim().to_owned());
    let access_token_lifetime = form.access_token_lifetime;
    let secret_description = values.secret.description_if_any();
    let client_uri = non_blank(&form.client_uri);
    let logo_uri = non_blank(&form.logo_uri);
    // A kind's body: its own fields, then those of every kind.
    macro_rules! body {
        ($shape:ident { $($own:tt)* }) => {
            $shape {
                $($own)*
                id,
                name,
                enabled: Some(true),
                access_token_lifetime,
                ..$shape::default()
            }
        };
    }
    Ok(match kind {
        ClientKind::ClientCredentials => {
            NewClient::ClientCredentials(body!(ClientCredentialClientCreate {
                role_ids: Some(values.role_ids.clone()).filter(|roles| !roles.is_empty()),
                secret_description,
                secret_expiration_date: expiry,
            }))
        }
        ClientKind::Hybrid => NewClient::Hybrid(body!(HybridClientCreate {
            allow_offline_access: Some(values.allow_offline_access),
            allow_access_tokens_via_browser: Some(values.allow_access_tokens_via_browser),
            redirect_uris: Some(form.redirect_uris),
            post_logout_redirect_uris: Some(form.post_logout_redirect_uris),
            client_uri,
            logo_uri,
            secret_description,
            secret_expiration_date: expiry,
        })),
        ClientKind::AuthorizationCode => {
            NewClient::AuthorizationCode(body!(AuthorizationCodeClient {
                redirect_uris: Some(form.redirect_uris),
                post_logout_redirect_uris: Some(form.post_logout_redirect_uris),
                client_uri,
                logo_uri,
                allowed_cors_origins: Some(form.allowed_cors_origins),
            }))
        }
    })
}

/// PUT body of Edit Client: only what differs from `before` ([`Client::changes`]), `Ok(None)`
/// when nothing changed.
///
/// Validates as [`validate_client_update`] (a `ClientUri` or `LogoUri` that `before` had may
/// not be blanked: the API cannot clear it) plus "not a whole number" for the lifetime. An
/// empty lifetime keeps `before`'s. Lists are compared as lists of trimmed non-empty lines (a
/// list the server left out is empty), URIs trimmed (blank = not set, and blank before and
/// after is no change), roles the server left out are none, and a hybrid client's missing
/// "Allow Refresh Token" or "Allow Access Tokens via Browser" is unticked: a form saved
/// untouched changes nothing.
pub fn client_update_body(
    before: &Client,
    values: &ClientFormValues,
) -> Result<Option<Client>, ValidationErrors> {
    let (form, errors) = values.checked(before.kind(), Some(before));
    if !errors.is_empty() {
        return Err(errors);
    }
    let edited = edited_client(before, form, values);
    Ok(Client::changes(&as_the_form_sees_it(before), &edited).filter(|c| !c.is_empty_patch()))
}

/// `before` with the form's values.
fn edited_client(before: &Client, form: ClientForm, values: &ClientFormValues) -> Client {
    let name = Some(form.name.trim().to_owned());
    let lifetime = form
        .access_token_lifetime
        .or(before.access_token_lifetime());
    let mut edited = before.clone();
    match &mut edited {
        Client::ClientCredentials(c) => {
            c.name = name;
            c.access_token_lifetime = lifetime;
            c.role_ids = Some(values.role_ids.clone());
        }
        Client::Hybrid(c) => {
            c.name = name;
            c.access_token_lifetime = lifetime;
            c.redirect_uris = Some(form.redirect_uris);
            c.post_logout_redirect_uris = Some(form.post_logout_redirect_uris);
            c.client_uri = non_blank(&form.client_uri);
            c.logo_uri = non_blank(&form.logo_uri);
            c.allow_offline_access = Some(values.allow_offline_access);
            c.allow_access_tokens_via_browser = Some(values.allow_access_tokens_via_browser);
        }
        Client::AuthorizationCode(c) => {
            c.name = name;
            c.access_token_lifetime = lifetime;
            c.redirect_uris = Some(form.redirect_uris);
            c.post_logout_redirect_uris = Some(form.post_logout_redirect_uris);
            c.client_uri = non_blank(&form.client_uri);
            c.logo_uri = non_blank(&form.logo_uri);
            c.allowed_cors_origins = Some(form.allowed_cors_origins);
        }
    }
    edited
}

/// `before` as [`ClientFormValues::from_client`] shows it: lists as trimmed non-empty lines
/// (missing = empty), URIs trimmed (blank = missing), missing roles = none, missing flags =
/// false.
fn as_the_form_sees_it(before: &Client) -> Client {
    fn list(items: &Option<Vec<String>>) -> Option<Vec<String>> {
        Some(
            items
                .iter()
                .flatten()
                .map(|item| item.trim())
                .filter(|item| !item.is_empty())
                .map(str::to_owned)
                .collect(),
        )
    }
    fn uri(value: &Option<String>) -> Option<String> {
        value.as_deref().and_then(non_blank)
    }
    let mut seen = before.clone();
    match &mut seen {
        Client::ClientCredentials(c) => {
            c.role_ids = Some(c.role_ids.take().unwrap_or_default());
        }
        Client::Hybrid(c) => {
            c.redirect_uris = list(&c.redirect_uris);
            c.post_logout_redirect_uris = list(&c.post_logout_redirect_uris);
            c.client_uri = uri(&c.client_uri);
            c.logo_uri = uri(&c.logo_uri);
            c.allow_offline_access = Some(c.allow_offline_access.unwrap_or(false));
            c.allow_access_tokens_via_browser =
                Some(c.allow_access_tokens_via_browser.unwrap_or(false));
        }
        Client::AuthorizationCode(c) => {
            c.redirect_uris = list(&c.redirect_uris);
            c.post_logout_redirect_uris = list(&c.post_logout_redirect_uris);
            c.client_uri = uri(&c.client_uri);
            c.logo_uri = uri(&c.logo_uri);
            c.allowed_cors_origins = list(&c.allowed_cors_origins);
        }
    }
    seen
}

/// POST body of Add Secret to a client that has `existing` secrets, or every field that needs
/// fixing (a missing expiry, [`validate_new_secret`]).
pub fn new_secret_body<Tz: TimeZone>(
    existing: usize,
    values: &SecretFormValues,
    now: &DateTime<Tz>,
) -> Result<ClientSecretCreateOrUpdate, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let expiry = values.expiry_into(&now.timezone(), &mut errors);
    errors.merge(validate_new_secret(
        existing,
        expiry,
        now.with_timezone(&Utc),
    ));
    errors.into_result()?;
    Ok(ClientSecretCreateOrUpdate::with_expiry(
        expiry,
        values.description_if_any(),
    ))
}

/// PUT body of Edit Secret, `Ok(None)` when nothing changed.
///
/// The expiry changed (date text differs from `initial`'s, or Never Expires toggled) →
/// [`ClientSecretCreateOrUpdate::with_expiry`] with the trimmed description, after
/// [`validate_expiration`] (never expires is `{"Expires": false, "Expiration": null, …}`);
/// else the description changed → [`ClientSecretCreateOrUpdate::description_only`].
pub fn secret_update_body<Tz: TimeZone>(
    initial: &SecretFormValues,
    values: &SecretFormValues,
    now: &DateTime<Tz>,
) -> Result<Option<ClientSecretCreateOrUpdate>, ValidationErrors> {
    let never = values.never_expires;
    let expiry_changed =
        never != initial.never_expires || (!never && values.expiration != initial.expiration);
    let mut errors = ValidationErrors::default();
    let expiry = values.expiry_into(&now.timezone(), &mut errors);
    if expiry_changed {
        if let Err(message) = validate_expiration(expiry, now.with_timezone(&Utc)) {
            errors.add(field::EXPIRATION, message);
        }
    }
    errors.into_result()?;
    let description = values.description.trim();
    let description_changed = description != initial.description.trim();
    Ok(match (expiry_changed, description_changed) {
        (false, false) => None,
        (true, _) => Some(ClientSecretCreateOrUpdate::with_expiry(
            expiry,
            Some(description.to_owned()),
        )),
        (false, true) => Some(ClientSecretCreateOrUpdate::description_only(
            description.to_owned(),
        )),
    })
}

/// `text` trimmed, `None` when blank (a single-value field left empty).
fn non_blank(text: &str) -> Option<String> {
    Some(text.trim())
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

/// The trimmed, non-empty lines of a list field.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::wire::{ClientCredentialClient, HybridClient};
    use chrono::FixedOffset;
    use serde_json::{json, Value};

    /// 26 November 2026, 17:18 at +01:00 (16:18 UTC).
    fn now() -> DateTime<FixedOffset> {
        FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 26, 17, 18, 0)
            .unwrap()
    }

    fn secret_json(body: &ClientSecretCreateOrUpdate) -> Value {
        serde_json::to_value(body).unwrap()
    }

    fn values(name: &str) -> ClientFormValues {
        ClientFormValues {
            name: name.into(),
            ..ClientFormValues::for_new(&now())
        }
    }

    fn messages(errors: &ValidationErrors) -> Vec<(&'static str, &str)> {
        errors.iter().collect()
    }

    fn strings(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn new_form_starts_with_a_one_year_secret_in_the_local_zone() {
        let start = ClientFormValues::for_new(&now());
        assert_eq!(
            start.secret,
            SecretFormValues {
                description: String::new(),
                never_expires: false,
                expiration: "2027-11-26T17:18".into(),
            }
        );
        assert_eq!(
            ClientFormValues {
                secret: SecretFormValues::default(),
                ..start
            },
            ClientFormValues::default()
        );
        assert_eq!(
            SecretFormValues::for_new(&now()).expiration,
            "2027-11-26T17:18"
        );
    }

    #[test]
    fn add_client_credentials_client() {
        let form = ClientFormValues {
            name: "  Pump station telemetry ".into(),
            access_token_lifetime: " 600 ".into(),
            redirect_uris: "https://ignored.example/cb".into(),
            role_ids: vec!["member".into(), "reader".into()],
            secret: SecretFormValues {
                description: "  Plant 4 gateway ".into(),
                never_expires: false,
                expiration: "2027-01-15T09:30".into(),
            },
            ..values("")
        };
        let body = new_client_body(ClientKind::ClientCredentials, &form, None, &now()).unwrap();
        assert_eq!(body.kind(), ClientKind::ClientCredentials);
        assert_eq!(
            body.to_json(),
            json!({
                "RoleIds": ["member", "reader"],
                "Name": "Pump station telemetry",
                "Enabled": true,
                "AccessTokenLifetime": 600,
                "SecretDescription": "Plant 4 gateway",
                "SecretExpirationDate": "2027-01-15T08:30:00Z"
            })
        );
    }

    #[test]
    fn add_client_credentials_client_with_defaults_and_id() {
        let body = new_client_body(
            ClientKind::ClientCredentials,
            &values("Historian sync"),
            Some("6f2a1c9e-0000-4000-8000-000000000001".into()),
            &now(),
        )
        .unwrap();
        // No roles ticked: no RoleIds; no lifetime typed: none sent; blank description left out;
        // the default expiry is one year on, in UTC.
        assert_eq!(
            body.to_json(),
            json!({
                "Id": "6f2a1c9e-0000-4000-8000-000000000001",
                "Name": "Historian sync",
                "Enabled": true,
                "SecretExpirationDate": "2027-11-26T16:18:00Z"
            })
        );
    }

    #[test]
    fn add_hybrid_client_that_never_expires() {
        let form = ClientFormValues {
            redirect_uris: " https://a.example/cb \n\n\thttps://b.example/cb\r\n   \n".into(),
            post_logout_redirect_uris: "\n  \n".into(),
            allow_offline_access: true,
            role_ids: vec!["not for hybrid".into()],
            secret: SecretFormValues {
                description: "   ".into(),
                never_expires: true,
                expiration: "not read when never".into(),
            },
            ..values("Web portal")
        };
        let body = new_client_body(ClientKind::Hybrid, &form, None, &now()).unwrap();
        assert_eq!(body.kind(), ClientKind::Hybrid);
        assert_eq!(
            body.to_json(),
            json!({
                "AllowOfflineAccess": true,
                // The platform's default is undocumented: the unticked box is sent.
                "AllowAccessTokensViaBrowser": false,
                "RedirectUris": ["https://a.example/cb", "https://b.example/cb"],
                "PostLogoutRedirectUris": [],
                "Name": "Web portal",
                "Enabled": true,
                "SecretExpirationDate": null
            })
        );
        let body = new_client_body(ClientKind::Hybrid, &form, Some("h-1".into()), &now()).unwrap();
        assert_eq!(body.to_json()["Id"], "h-1");
    }

    #[test]
    fn add_authorization_code_client_has_no_secret() {
        let form = ClientFormValues {
            access_token_lifetime: "60".into(),
            redirect_uris: "https://spa.example/callback".into(),
            post_logout_redirect_uris: "https://spa.example/\n".into(),
            allowed_cors_origins: "\n https://spa.example \n".into(),
            allow_offline_access: true,
            // The secret fields are not on this kind's form: not validated, not sent.
            secret: SecretFormValues {
                description: "ignored".into(),
                never_expires: false,
                expiration: String::new(),
            },
            ..values("SPA")
        };
        let body = new_client_body(
            ClientKind::AuthorizationCode,
            &form,
            Some("a-1".into()),
            &now(),
        )
        .unwrap();
        assert_eq!(body.kind(), ClientKind::AuthorizationCode);
        assert_eq!(
            body.to_json(),
            json!({
                "RedirectUris": ["https://spa.example/callback"],
                "PostLogoutRedirectUris": ["https://spa.example/"],
                "AllowedCorsOrigins": ["https://spa.example"],
                "Id": "a-1",
                "Name": "SPA",
                "Enabled": true,
                "AccessTokenLifetime": 60
            })
        );
    }

    #[test]
    fn add_hybrid_client_with_consent_screen_uris_and_browser_tokens() {
        let form = ClientFormValues {
            redirect_uris: "com.example.app:/callback\nhttp://localhost:8400/cb".into(),
            client_uri: "  https://portal.example.com/about ".into(),
            logo_uri: "https://portal.example.com/logo.png".into(),
            allow_access_tokens_via_browser: true,
            ..values("Web portal")
        };
        let body = new_client_body(ClientKind::Hybrid, &form, None, &now()).unwrap();
        assert_eq!(
            body.to_json(),
            json!({
                "AllowOfflineAccess": false,
                "AllowAccessTokensViaBrowser": true,
                "RedirectUris": ["com.example.app:/callback", "http://localhost:8400/cb"],
                "PostLogoutRedirectUris": [],
                "ClientUri": "https://portal.example.com/about",
                "LogoUri": "https://portal.example.com/logo.png",
                "Name": "Web portal",
                "Enabled": true,
                "SecretExpirationDate": "2027-11-26T16:18:00Z"
            })
        );
    }

    #[test]
    fn add_authorization_code_client_with_a_client_uri() {
        let form = ClientFormValues {
            redirect_uris: "myapp://cb".into(),
            client_uri: "https://spa.example/about".into(),
            logo_uri: "   ".into(),
            // Not a field of this kind: not sent.
            allow_access_tokens_via_browser: true,
            ..values("SPA")
        };
        let body = new_client_body(ClientKind::AuthorizationCode, &form, None, &now()).unwrap();
        assert_eq!(
            body.to_json(),
            json!({
                "RedirectUris": ["myapp://cb"],
                "PostLogoutRedirectUris": [],
                "ClientUri": "https://spa.example/about",
                "AllowedCorsOrigins": [],
                "Name": "SPA",
                "Enabled": true
            })
        );
        // Client credential clients have neither: not validated, not sent.
        let form = ClientFormValues {
            client_uri: "not a URL".into(),
            logo_uri: "https://ignored.example/logo.png".into(),
            ..values("Historian sync")
        };
        let body = new_client_body(ClientKind::ClientCredentials, &form, None, &now()).unwrap();
        assert_eq!(body.to_json().get("ClientUri"), None);
        assert_eq!(body.to_json().get("LogoUri"), None);
    }

    #[test]
    fn add_client_refuses_consent_screen_uris_that_are_not_web_addresses() {
        let form = ClientFormValues {
            redirect_uris: "https://a.example/cb".into(),
            client_uri: "portal.example.com".into(),
            logo_uri: "com.example.app:/logo.png".into(),
            ..values("Web portal")
        };
        let errors = new_client_body(ClientKind::Hybrid, &form, None, &now()).unwrap_err();
        assert_eq!(
            messages(&errors),
            [
                (
                    field::CLIENT_URI,
                    "“portal.example.com” is not a full web address: use an absolute http:// or \
                     https:// URL such as https://app.example.com/about."
                ),
                (
                    field::LOGO_URI,
                    "“com.example.app:/logo.png” is not a full web address: use an absolute \
                     http:// or https:// URL such as https://app.example.com/about."
                ),
            ]
        );
    }

    #[test]
    fn add_client_lists_every_field_to_fix_and_builds_nothing() {
        let form = ClientFormValues {
            name: "  ".into(),
            access_token_lifetime: "1h".into(),
            secret: SecretFormValues {
                expiration: String::new(),
                ..SecretFormValues::default()
            },
            ..ClientFormValues::default()
        };
        let errors = new_client_body(ClientKind::Hybrid, &form, None, &now()).unwrap_err();
        assert_eq!(
            messages(&errors),
            [
                (field::NAME, "Enter a name for the client."),
                (field::REDIRECT_URIS, "Add at least one redirect URL."),
                (field::ACCESS_TOKEN_LIFETIME, LIFETIME_NOT_A_NUMBER),
                (
                    field::EXPIRATION,
                    "Enter an expiration date and time, or tick Never Expires."
                ),
            ]
        );

        let form = ClientFormValues {
            access_token_lifetime: "3601".into(),
            secret: SecretFormValues {
                expiration: "2026-11-26T17:18".into(), // now: not in the future
                ..SecretFormValues::default()
            },
            ..values("Late")
        };
        let errors =
            new_client_body(ClientKind::ClientCredentials, &form, None, &now()).unwrap_err();
        assert_eq!(
            messages(&errors),
            [
                (
                    field::ACCESS_TOKEN_LIFETIME,
                    "Enter a token lifetime from 60 to 3600 seconds."
                ),
                (
                    field::EXPIRATION,
                    "Choose an expiration date and time in the future, or tick Never Expires."
                ),
            ]
        );

        let form = ClientFormValues {
            redirect_uris: "https://a.example/cb\nspa.example\n".into(),
            allowed_cors_origins: "https://a.example\n https://a.example".into(),
            ..values("SPA")
        };
        let errors =
            new_client_body(ClientKind::AuthorizationCode, &form, None, &now()).unwrap_err();
        assert_eq!(
            messages(&errors),
            [
                (
                    field::REDIRECT_URIS,
                    "“spa.example” is not a full address: use an absolute URI such as \
                     https://app.example.com/callback or com.example.app:/callback (no fragment)."
                ),
                (
                    field::ALLOWED_CORS_ORIGINS,
                    "“https://a.example” is listed twice: remove one."
                ),
            ]
        );
    }

    fn cc() -> Client {
        Client::ClientCredentials(ClientCredentialClient {
            id: Some("c1".into()),
            name: Some("Pump station telemetry".into()),
            enabled: Some(true),
            access_token_lifetime: Some(1800),
            tags: Some(vec!["internal".into()]),
            role_ids: strings(&["member"]),
        })
    }

    fn hybrid() -> Client {
        Client::Hybrid(HybridClient {
            id: Some("h1".into()),
            name: Some("Web portal".into()),
            enabled: Some(true),
            redirect_uris: strings(&["https://a.example/cb", "https://b.example/cb"]),
            post_logout_redirect_uris: strings(&["https://a.example/"]),
            allow_offline_access: Some(true),
            ..HybridClient::default()
        })
    }

    fn auth_code() -> Client {
        Client::AuthorizationCode(AuthorizationCodeClient {
            id: Some("a1".into()),
            name: Some("SPA".into()),
            access_token_lifetime: Some(600),
            redirect_uris: strings(&["https://spa.example/cb"]),
            allowed_cors_origins: strings(&["https://spa.example", "https://m.spa.example"]),
            allow_offline_access: Some(false),
            ..AuthorizationCodeClient::default()
        })
    }

    #[test]
    fn edit_form_starts_with_the_clients_values() {
        assert_eq!(
            ClientFormValues::from_client(&cc()),
            ClientFormValues {
                name: "Pump station telemetry".into(),
                access_token_lifetime: "1800".into(),
                role_ids: vec!["member".into()],
                ..ClientFormValues::default()
            }
        );
        assert_eq!(
            ClientFormValues::from_client(&hybrid()),
            ClientFormValues {
                name: "Web portal".into(),
                redirect_uris: "https://a.example/cb\nhttps://b.example/cb".into(),
                post_logout_redirect_uris: "https://a.example/".into(),
                allow_offline_access: true,
                ..ClientFormValues::default()
            }
        );
        assert_eq!(
            ClientFormValues::from_client(&auth_code()),
            ClientFormValues {
                name: "SPA".into(),
                access_token_lifetime: "600".into(),
                redirect_uris: "https://spa.example/cb".into(),
                allowed_cors_origins: "https://spa.example\nhttps://m.spa.example".into(),
                ..ClientFormValues::default()
            }
        );
    }

    #[test]
    fn an_untouched_edit_changes_nothing() {
        let sparse = [
            Client::ClientCredentials(ClientCredentialClient {
                name: Some("No roles".into()),
                ..ClientCredentialClient::default()
            }),
            Client::Hybrid(HybridClient {
                name: Some("Nothing but a name".into()),
                ..HybridClient::default()
            }),
            Client::AuthorizationCode(AuthorizationCodeClient {
                name: Some("Lists with blanks".into()),
                redirect_uris: strings(&[" https://spa.example/cb ", ""]),
                ..AuthorizationCodeClient::default()
            }),
        ];
        for client in [cc(), hybrid(), auth_code()].iter().chain(&sparse) {
            let form = ClientFormValues::from_client(client);
            assert_eq!(client_update_body(client, &form), Ok(None), "{client:?}");
        }
        // Blank lines and spaces around a URL are not a change.
        let form = ClientFormValues {
            redirect_uris: "\n https://a.example/cb\n\nhttps://b.example/cb  \n".into(),
            post_logout_redirect_uris: "https://a.example/\n   ".into(),
            ..ClientFormValues::from_client(&hybrid())
        };
        assert_eq!(client_update_body(&hybrid(), &form), Ok(None));
    }

    #[test]
    fn edit_client_credentials_client() {
        let form = ClientFormValues {
            name: " Pump station ".into(),
            access_token_lifetime: String::new(), // keeps 1800
            role_ids: vec!["member".into(), "reader".into()],
            ..ClientFormValues::from_client(&cc())
        };
        let body = client_update_body(&cc(), &form).unwrap().unwrap();
        assert_eq!(body.kind(), ClientKind::ClientCredentials);
        assert_eq!(
            body.to_json(),
            json!({"Name": "Pump station", "RoleIds": ["member", "reader"]})
        );
        let form = ClientFormValues {
            access_token_lifetime: "3600".into(),
            ..ClientFormValues::from_client(&cc())
        };
        assert_eq!(
            client_update_body(&cc(), &form).unwrap().unwrap().to_json(),
            json!({"AccessTokenLifetime": 3600})
        );
    }

    #[test]
    fn edit_hybrid_client() {
        let form = ClientFormValues {
            redirect_uris: "https://a.example/cb\n https://c.example/cb".into(),
            post_logout_redirect_uris: String::new(),
            allow_offline_access: false,
            ..ClientFormValues::from_client(&hybrid())
        };
        let body = client_update_body(&hybrid(), &form).unwrap().unwrap();
        assert_eq!(body.kind(), ClientKind::Hybrid);
        assert_eq!(
            body.to_json(),
            json!({
                "RedirectUris": ["https://a.example/cb", "https://c.example/cb"],
                "PostLogoutRedirectUris": [],
                "AllowOfflineAccess": false
            })
        );
        // Clearing the redirect URLs is allowed on edit (required on create only).
        let form = ClientFormValues {
            redirect_uris: " \n".into(),
            ..ClientFormValues::from_client(&hybrid())
        };
        assert_eq!(
            client_update_body(&hybrid(), &form)
                .unwrap()
                .unwrap()
                .to_json(),
            json!({"RedirectUris": []})
        );
    }

    #[test]
    fn edit_authorization_code_client() {
        let form = ClientFormValues {
            name: "SPA (prod)".into(),
            post_logout_redirect_uris: "https://spa.example/bye".into(),
            allowed_cors_origins: "https://spa.example".into(),
            ..ClientFormValues::from_client(&auth_code())
        };
        let body = client_update_body(&auth_code(), &form).unwrap().unwrap();
        assert_eq!(body.kind(), ClientKind::AuthorizationCode);
        assert_eq!(
            body.to_json(),
            json!({
                "Name": "SPA (prod)",
                "PostLogoutRedirectUris": ["https://spa.example/bye"],
                "AllowedCorsOrigins": ["https://spa.example"]
            })
        );
    }

    fn auth_code_with_uris() -> Client {
        let Client::AuthorizationCode(c) = auth_code() else {
            unreachable!()
        };
        Client::AuthorizationCode(AuthorizationCodeClient {
            client_uri: Some("https://spa.example/about".into()),
            logo_uri: Some("https://spa.example/logo.png".into()),
            ..c
        })
    }

    #[test]
    fn edit_form_starts_with_the_consent_screen_uris_and_browser_tokens() {
        let values = ClientFormValues::from_client(&auth_code_with_uris());
        assert_eq!(values.client_uri, "https://spa.example/about");
        assert_eq!(values.logo_uri, "https://spa.example/logo.png");
        assert!(!values.allow_access_tokens_via_browser);
        let Client::Hybrid(h) = hybrid() else {
            unreachable!()
        };
        let hybrid = Client::Hybrid(HybridClient {
            client_uri: Some("https://a.example/about".into()),
            allow_access_tokens_via_browser: Some(true),
            ..h
        });
        let values = ClientFormValues::from_client(&hybrid);
        assert_eq!(values.client_uri, "https://a.example/about");
        assert_eq!(values.logo_uri, "");
        assert!(values.allow_access_tokens_via_browser);
        assert_eq!(client_update_body(&hybrid, &values), Ok(None));
    }

    #[test]
    fn edit_authorization_code_client_uri() {
        // Set where there was none.
        let form = ClientFormValues {
            client_uri: " https://spa.example/about ".into(),
            ..ClientFormValues::from_client(&auth_code())
        };
        assert_eq!(
            client_update_body(&auth_code(), &form)
                .unwrap()
                .unwrap()
                .to_json(),
            json!({"ClientUri": "https://spa.example/about"})
        );
        // Changed; the logo left as it was is not sent.
        let form = ClientFormValues {
            client_uri: "https://spa.example/help".into(),
            ..ClientFormValues::from_client(&auth_code_with_uris())
        };
        assert_eq!(
            client_update_body(&auth_code_with_uris(), &form)
                .unwrap()
                .unwrap()
                .to_json(),
            json!({"ClientUri": "https://spa.example/help"})
        );
        // Untouched, or only spaces added: no change.
        let untouched = ClientFormValues::from_client(&auth_code_with_uris());
        assert_eq!(
            client_update_body(&auth_code_with_uris(), &untouched),
            Ok(None)
        );
        let spaced = ClientFormValues {
            logo_uri: "  https://spa.example/logo.png\t".into(),
            ..untouched
        };
        assert_eq!(
            client_update_body(&auth_code_with_uris(), &spaced),
            Ok(None)
        );
        // Blank before and blank after (spaces, or a blank value from the server): no change.
        let Client::AuthorizationCode(c) = auth_code() else {
            unreachable!()
        };
        let blank = Client::AuthorizationCode(AuthorizationCodeClient {
            client_uri: Some("  ".into()),
            ..c
        });
        let form = ClientFormValues {
            client_uri: String::new(),
            logo_uri: " ".into(),
            ..ClientFormValues::from_client(&blank)
        };
        assert_eq!(client_update_body(&blank, &form), Ok(None));
    }

    #[test]
    fn edit_hybrid_client_browser_tokens_and_logo() {
        let form = ClientFormValues {
            allow_access_tokens_via_browser: true,
            logo_uri: "https://a.example/logo.png".into(),
            ..ClientFormValues::from_client(&hybrid())
        };
        assert_eq!(
            client_update_body(&hybrid(), &form)
                .unwrap()
                .unwrap()
                .to_json(),
            json!({"LogoUri": "https://a.example/logo.png", "AllowAccessTokensViaBrowser": true})
        );
    }

    #[test]
    fn edit_cannot_clear_a_consent_screen_uri() {
        let form = ClientFormValues {
            name: String::new(),
            client_uri: "   ".into(),
            logo_uri: String::new(),
            access_token_lifetime: "0".into(),
            ..ClientFormValues::from_client(&auth_code_with_uris())
        };
        let errors = client_update_body(&auth_code_with_uris(), &form).unwrap_err();
        let cannot =
            "The platform cannot clear this field; enter a new address or leave the old one.";
        assert_eq!(
            messages(&errors),
            [
                (field::NAME, "Enter a name for the client."),
                (field::CLIENT_URI, cannot),
                (field::LOGO_URI, cannot),
                (
                    field::ACCESS_TOKEN_LIFETIME,
                    "Enter a token lifetime from 60 to 3600 seconds."
                ),
            ]
        );
        // A new address instead is fine; one that is not a web address is refused as such.
        let form = ClientFormValues {
            logo_uri: "logo.png".into(),
            ..ClientFormValues::from_client(&auth_code_with_uris())
        };
        assert_eq!(
            messages(&client_update_body(&auth_code_with_uris(), &form).unwrap_err()),
            [(
                field::LOGO_URI,
                "“logo.png” is not a full web address: use an absolute http:// or https:// URL \
                 such as https://app.example.com/about."
            )]
        );
    }

    #[test]
    fn edit_client_lists_every_field_to_fix() {
        let form = ClientFormValues {
            name: String::new(),
            access_token_lifetime: "sixty".into(),
            post_logout_redirect_uris: "https://a.example/\nhttps://a.example/".into(),
            ..ClientFormValues::from_client(&hybrid())
        };
        let errors = client_update_body(&hybrid(), &form).unwrap_err();
        assert_eq!(
            messages(&errors),
            [
                (field::NAME, "Enter a name for the client."),
                (
                    field::POST_LOGOUT_REDIRECT_URIS,
                    "“https://a.example/” is listed twice: remove one."
                ),
                (field::ACCESS_TOKEN_LIFETIME, LIFETIME_NOT_A_NUMBER),
            ]
        );
        let form = ClientFormValues {
            access_token_lifetime: "59".into(),
            ..ClientFormValues::from_client(&cc())
        };
        assert_eq!(
            client_update_body(&cc(), &form)
                .unwrap_err()
                .get(field::ACCESS_TOKEN_LIFETIME),
            Some("Enter a token lifetime from 60 to 3600 seconds.")
        );
    }

    #[test]
    fn add_secret() {
        let form = SecretFormValues {
            description: " Plant 4 gateway ".into(),
            ..SecretFormValues::for_new(&now())
        };
        let body = new_secret_body(3, &form, &now()).unwrap();
        assert_eq!(
            secret_json(&body),
            json!({
                "Expiration": "2027-11-26T16:18:00Z",
                "Expires": true,
                "Description": "Plant 4 gateway"
            })
        );
        let never = SecretFormValues {
            never_expires: true,
            expiration: String::new(),
            ..SecretFormValues::default()
        };
        assert_eq!(
            secret_json(&new_secret_body(0, &never, &now()).unwrap()),
            json!({"Expires": false, "Expiration": null})
        );
    }

    #[test]
    fn add_secret_lists_every_field_to_fix() {
        let unreadable = SecretFormValues {
            expiration: "next year".into(),
            ..SecretFormValues::default()
        };
        let errors = new_secret_body(10, &unreadable, &now()).unwrap_err();
        assert_eq!(
            messages(&errors),
            [
                (field::EXPIRATION, EXPIRATION_MISSING),
                (
                    field::SECRETS,
                    "This client already has 10 secrets, the most allowed. Remove one before adding another."
                ),
            ]
        );
        let past = SecretFormValues {
            expiration: "2026-11-26T17:17".into(),
            ..SecretFormValues::default()
        };
        assert_eq!(
            messages(&new_secret_body(9, &past, &now()).unwrap_err()),
            [(
                field::EXPIRATION,
                "Choose an expiration date and time in the future, or tick Never Expires."
            )]
        );
    }

    fn secret(expiration: Option<&str>, expires: Option<bool>) -> ClientSecret {
        ClientSecret {
            expiration: expiration.map(|at| at.parse().unwrap()),
            expires,
            description: Some("Plant 4 gateway".into()),
            id: Some(7),
        }
    }

    #[test]
    fn edit_form_starts_with_the_secrets_values() {
        assert_eq!(
            SecretFormValues::from_secret(
                &secret(Some("2027-03-01T08:00:00Z"), Some(true)),
                &now()
            ),
            SecretFormValues {
                description: "Plant 4 gateway".into(),
                never_expires: false,
                expiration: "2027-03-01T09:00".into(),
            }
        );
        // Expires: false wins over a date; unticking then shows one year from now.
        for never in [
            secret(Some("2027-03-01T08:00:00Z"), Some(false)),
            secret(None, None),
        ] {
            assert_eq!(
                SecretFormValues::from_secret(&never, &now()),
                SecretFormValues {
                    description: "Plant 4 gateway".into(),
                    never_expires: true,
                    expiration: "2027-11-26T17:18".into(),
                }
            );
        }
    }

    #[test]
    fn edit_secret_bodies() {
        let initial =
            SecretFormValues::from_secret(&secret(Some("2027-03-01T08:00:00Z"), None), &now());
        let edit = |change: fn(&mut SecretFormValues)| {
            let mut values = initial.clone();
            change(&mut values);
            secret_update_body(&initial, &values, &now())
        };
        assert_eq!(edit(|_| {}), Ok(None));
        assert_eq!(edit(|v| v.description.push_str("  ")), Ok(None));

        let body = edit(|v| v.description = " Plant 5 gateway ".into());
        assert_eq!(
            body,
            Ok(Some(ClientSecretCreateOrUpdate::description_only(
                "Plant 5 gateway".into()
            )))
        );
        assert_eq!(
            secret_json(&body.unwrap().unwrap()),
            json!({"Description": "Plant 5 gateway"})
        );

        let body = edit(|v| v.expiration = "2027-06-30T12:00".into())
            .unwrap()
            .unwrap();
        assert_eq!(
            secret_json(&body),
            json!({
                "Expiration": "2027-06-30T11:00:00Z",
                "Expires": true,
                "Description": "Plant 4 gateway"
            })
        );

        let body = edit(|v| v.never_expires = true).unwrap().unwrap();
        assert_eq!(
            secret_json(&body),
            json!({"Expiration": null, "Expires": false, "Description": "Plant 4 gateway"})
        );
    }

    #[test]
    fn edit_a_secret_that_never_expires() {
        let initial = SecretFormValues::from_secret(&secret(None, Some(false)), &now());
        // A changed date behind a ticked Never Expires is no change.
        let values = SecretFormValues {
            expiration: "2030-01-01T00:00".into(),
            ..initial.clone()
        };
        assert_eq!(secret_update_body(&initial, &values, &now()), Ok(None));
        // Unticking sets the date shown (one year from now).
        let values = SecretFormValues {
            never_expires: false,
            ..initial.clone()
        };
        assert_eq!(
            secret_json(
                &secret_update_body(&initial, &values, &now())
                    .unwrap()
                    .unwrap()
            ),
            json!({
                "Expiration": "2027-11-26T16:18:00Z",
                "Expires": true,
                "Description": "Plant 4 gateway"
            })
        );
    }

    #[test]
    fn edit_secret_lists_what_to_fix() {
        let initial =
            SecretFormValues::from_secret(&secret(Some("2027-03-01T08:00:00Z"), None), &now());
        for (expiration, message) in [
            ("", EXPIRATION_MISSING),
            (
                "2026-11-01T00:00",
                "Choose an expiration date and time in the future, or tick Never Expires.",
            ),
        ] {
            let values = SecretFormValues {
                expiration: expiration.into(),
                description: "also changed".into(),
                ..initial.clone()
            };
            let errors = secret_update_body(&initial, &values, &now()).unwrap_err();
            assert_eq!(messages(&errors), [(field::EXPIRATION, message)]);
        }
        // An unchanged date is not checked again, even if it has passed meanwhile.
        let expired =
            SecretFormValues::from_secret(&secret(Some("2026-01-01T00:00:00Z"), None), &now());
        let values = SecretFormValues {
            description: "renamed".into(),
            ..expired.clone()
        };
        assert_eq!(
            secret_json(
                &secret_update_body(&expired, &values, &now())
                    .unwrap()
                    .unwrap()
            ),
            json!({"Description": "renamed"})
        );
    }
}
