//! Wire types: the JSON shapes of the contract (`../shared/admin-api/fixtures/`), field for
//! field and in the documented order.
//!
//! Every property is optional on the wire (the generated documentation marks nothing as
//! required), so every field is an `Option`. How a `None` is written depends on the request:
//! the platform leaves null properties out unless the caller sends `Accept-Verbosity: verbose`.
//! Serialization goes through [`to_json`], which sets that choice for the current thread while
//! serde runs; [`omit`] reads it in `skip_serializing_if`.

use std::cell::Cell;

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

thread_local! {
    static VERBOSE: Cell<bool> = const { Cell::new(false) };
}

/// `skip_serializing_if` helper: leave a `None` out unless the response is verbose.
pub fn omit<T>(value: &Option<T>) -> bool {
    value.is_none() && !VERBOSE.with(Cell::get)
}

/// Serializes `value`, writing nulls only when `verbose` is set.
pub fn to_json<T: Serialize + ?Sized>(value: &T, verbose: bool) -> Vec<u8> {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            VERBOSE.with(|v| v.set(self.0));
        }
    }
    let _restore = Restore(VERBOSE.with(|v| v.replace(verbose)));
    // Serializing these plain structs into a Vec cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// A date-time as the API writes it: RFC 3339, UTC, whole seconds, `Z`.
pub fn format_date(date: &DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Reads an RFC 3339 date-time; one without an offset is taken as UTC. Fractions of a second
/// are dropped, as the API only shows whole seconds.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let parsed = DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|n| n.and_utc())
        })?;
    DateTime::from_timestamp(parsed.timestamp(), 0)
}

/// serde `deserialize_with` for an optional date-time in a request body.
pub fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    let text: Option<String> = Option::deserialize(d)?;
    match text {
        None => Ok(None),
        Some(text) => parse_date(&text).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date-time; expected RFC 3339 such as 2027-11-26T14:15:22Z"
            ))
        }),
    }
}

/// `ClientCredentialClient`: GET, list element, PUT body and response, `Client` of the create
/// response.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ClientCredentialClient {
    #[serde(default, skip_serializing_if = "omit")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub access_token_lifetime: Option<i32>,
    #[serde(default, skip_serializing_if = "omit")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub role_ids: Option<Vec<String>>,
}

/// `ClientCredentialClientCreate`: the POST body.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ClientCredentialClientCreate {
    #[serde(default, skip_serializing_if = "omit")]
    pub role_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub access_token_lifetime: Option<i32>,
    #[serde(default, skip_serializing_if = "omit")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub secret_description: Option<String>,
    #[serde(default, deserialize_with = "de_date", skip_serializing)]
    pub secret_expiration_date: Option<DateTime<Utc>>,
}

/// `ClientCredentialClientCreateResponse` and `HybridClientCreateResponse` (201): the only
/// place the first secret's value appears. `Id` is the secret's id.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ClientCreateResponse<C> {
    #[serde(default, skip_serializing_if = "omit")]
    pub secret: Option<String>,
    pub id: i32,
    #[serde(default, skip_serializing_if = "omit")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub expiration_date: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub client: Option<C>,
}

/// `ClientCredentialClientCreateResponse`.
pub type ClientCredentialClientCreateResponse = ClientCreateResponse<ClientCredentialClient>;
/// `HybridClientCreateResponse`.
pub type HybridClientCreateResponse = ClientCreateResponse<HybridClient>;

/// `HybridClient`: GET, list element, PUT body and response, `Client` of the create response.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct HybridClient {
    #[serde(default, skip_serializing_if = "omit")]
    pub redirect_uris: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub client_uri: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub logo_uri: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub access_token_lifetime: Option<i32>,
    #[serde(default, skip_serializing_if = "omit")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub allow_offline_access: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub allow_access_tokens_via_browser: Option<bool>,
}

/// `HybridClientCreate`: the POST body.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct HybridClientCreate {
    #[serde(default, skip_serializing_if = "omit")]
    pub allow_offline_access: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub allow_access_tokens_via_browser: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub redirect_uris: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub client_uri: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub logo_uri: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub access_token_lifetime: Option<i32>,
    #[serde(default, skip_serializing_if = "omit")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub secret_description: Option<String>,
    #[serde(default, deserialize_with = "de_date", skip_serializing)]
    pub secret_expiration_date: Option<DateTime<Utc>>,
}

/// `AuthorizationCodeClient`: create body and response, GET, list element, PUT body and
/// response.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct AuthorizationCodeClient {
    #[serde(default, skip_serializing_if = "omit")]
    pub redirect_uris: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub client_uri: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub logo_uri: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub access_token_lifetime: Option<i32>,
    #[serde(default, skip_serializing_if = "omit")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub allowed_cors_origins: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub allow_offline_access: Option<bool>,
}

/// `DeviceCodeClient`. dev-api does not serve device code clients (the console does not manage
/// them); the type is here so the documented fixture is checked too.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct DeviceCodeClient {
    #[serde(default, skip_serializing_if = "omit")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub access_token_lifetime: Option<i32>,
    #[serde(default, skip_serializing_if = "omit")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub device_code_lifetime: Option<i32>,
    #[serde(default, skip_serializing_if = "omit")]
    pub client_uri: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub logo_uri: Option<String>,
}

/// `ClientSecret`: GET one, list element, PUT response. Never carries the value.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ClientSecret {
    #[serde(default, skip_serializing_if = "omit")]
    pub expiration: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub expires: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub description: Option<String>,
    pub id: i32,
}

/// `ClientSecretCreateOrUpdate`: POST and PUT body of a secret.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ClientSecretCreateOrUpdate {
    #[serde(default, deserialize_with = "de_date", skip_serializing)]
    pub expiration: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub expires: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub description: Option<String>,
}

/// `ClientSecretResponse` (201): the new secret, with its value this one time.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ClientSecretResponse {
    pub id: i32,
    #[serde(default, skip_serializing_if = "omit")]
    pub expiration: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub expires: Option<bool>,
    #[serde(default, skip_serializing_if = "omit")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub secret: Option<String>,
}

/// `Role`: tenant roles, community roles, the roles of a client credential client.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Role {
    #[serde(default, skip_serializing_if = "omit")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub role_scope: Option<i32>,
    #[serde(default, skip_serializing_if = "omit")]
    pub tenant_id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub community_id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub role_type_id: Option<String>,
}

/// `ErrorResponse`: the body of every 4xx/5xx except on HEAD.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorResponse {
    pub operation_id: String,
    pub error: String,
    pub reason: String,
    pub resolution: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_properties: Option<Map<String, Value>>,
    /// Additional properties are allowed by the schema; dev-api never writes any.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ErrorResponse {
    /// The four required fields.
    pub fn new(operation_id: String, error: &str, reason: &str, resolution: &str) -> Self {
        Self {
            operation_id,
            error: error.to_owned(),
            reason: reason.to_owned(),
            resolution: resolution.to_owned(),
            dynamic_properties: None,
            extra: Map::new(),
        }
    }
}

/// `MultiStatusResponseChildError`: one failed id of a 207 list answer.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct MultiStatusResponseChildError {
    pub operation_id: String,
    pub error: String,
    pub reason: String,
    pub resolution: String,
    pub event_id: String,
    pub status_code: i32,
    #[serde(default, skip_serializing_if = "omit")]
    pub model_id: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `ClientCredentialClientMultiStatusResponse` (207): some of the requested ids were not found.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ClientCredentialClientMultiStatusResponse {
    #[serde(default, skip_serializing_if = "omit")]
    pub operation_id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub event_id: Option<String>,
    #[serde(default, skip_serializing_if = "omit")]
    pub child_errors: Option<Vec<MultiStatusResponseChildError>>,
    #[serde(default, skip_serializing_if = "omit")]
    pub data: Option<Vec<ClientCredentialClient>>,
}
