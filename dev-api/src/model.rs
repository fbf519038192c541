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

/// Declares a wire type: serde with PascalCase names, `Clone`, `Debug`, `Default`,
/// `PartialEq`. Every `Option` field also gets `#[serde(default, skip_serializing_if = "omit")]`
/// (absent in a body is `None`; `None` is left out of a response unless it is verbose), before
/// the attributes written on it. Other fields are required and keep just their own attributes.
macro_rules! wire_type {
    (
        $(#[$meta:meta])*
        pub struct $name:ident $(<$param:ident>)? { $($fields:tt)* }
    ) => {
        wire_type!(@fields [$(#[$meta])* pub struct $name $(<$param>)?] [] $($fields)*);
    };
    (@fields $head:tt [$($done:tt)*]
        $(#[$attr:meta])* pub $field:ident: Option<$ty:ty>, $($rest:tt)*
    ) => {
        wire_type!(@fields $head [
            $($done)*
            #[serde(default, skip_serializing_if = "omit")]
            $(#[$attr])* pub $field: Option<$ty>,
        ] $($rest)*);
    };
    (@fields $head:tt [$($done:tt)*]
        $(#[$attr:meta])* pub $field:ident: $ty:ty, $($rest:tt)*
    ) => {
        wire_type!(@fields $head [$($done)* $(#[$attr])* pub $field: $ty,] $($rest)*);
    };
    (@fields [$($head:tt)*] [$($done:tt)*]) => {
        #[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
        #[serde(rename_all = "PascalCase")]
        $($head)* { $($done)* }
    };
}

wire_type! {
    /// `ClientCredentialClient`: GET, list element, PUT body and response, `Client` of the create
    /// response.
    pub struct ClientCredentialClient {
        pub id: Option<String>,
        pub name: Option<String>,
        pub enabled: Option<bool>,
        pub access_token_lifetime: Option<i32>,
        pub tags: Option<Vec<String>>,
        pub role_ids: Option<Vec<String>>,
    }
}

wire_type! {
    /// `ClientCredentialClientCreate`: the POST body.
    pub struct ClientCredentialClientCreate {
        pub role_ids: Option<Vec<String>>,
        pub id: Option<String>,
        pub name: Option<String>,
        pub enabled: Option<bool>,
        pub access_token_lifetime: Option<i32>,
        pub tags: Option<Vec<String>>,
        pub secret_description: Option<String>,
        #[serde(deserialize_with = "de_date", skip_serializing)]
        pub secret_expiration_date: Option<DateTime<Utc>>,
    }
}

wire_type! {
    /// `ClientCredentialClientCreateResponse` and `HybridClientCreateResponse` (201): the only
    /// place the first secret's value appears. `Id` is the secret's id.
    pub struct ClientCreateResponse<C> {
        pub secret: Option<String>,
        pub id: i32,
        pub description: Option<String>,
        pub expiration_date: Option<String>,
        pub client: Option<C>,
    }
}

/// `ClientCredentialClientCreateResponse`.
pub type ClientCredentialClientCreateResponse = ClientCreateResponse<ClientCredentialClient>;
/// `HybridClientCreateResponse`.
pub type HybridClientCreateResponse = ClientCreateResponse<HybridClient>;

wire_type! {
    /// `HybridClient`: GET, list element, PUT body and response, `Client` of the create response.
    pub struct HybridClient {
        pub redirect_uris: Option<Vec<String>>,
        pub post_logout_redirect_uris: Option<Vec<String>>,
        pub client_uri: Option<String>,
        pub logo_uri: Option<String>,
        pub id: Option<String>,
        pub name: Option<String>,
        pub enabled: Option<bool>,
        pub access_token_lifetime: Option<i32>,
        pub tags: Option<Vec<String>>,
        pub allow_offline_access: Option<bool>,
        pub allow_access_tokens_via_browser: Option<bool>,
    }
}

wire_type! {
    /// `HybridClientCreate`: the POST body.
    pub struct HybridClientCreate {
        pub allow_offline_access: Option<bool>,
        pub allow_access_tokens_via_browser: Option<bool>,
        pub redirect_uris: Option<Vec<String>>,
        pub post_logout_redirect_uris: Option<Vec<String>>,
        pub client_uri: Option<String>,
        pub logo_uri: Option<String>,
        pub id: Option<String>,
        pub name: Option<String>,
        pub enabled: Option<bool>,
        pub access_token_lifetime: Option<i32>,
        pub tags: Option<Vec<String>>,
        pub secret_description: Option<String>,
        #[serde(deserialize_with = "de_date", skip_serializing)]
        pub secret_expiration_date: Option<DateTime<Utc>>,
    }
}

wire_type! {
    /// `AuthorizationCodeClient`: create body and response, GET, list element, PUT body and
    /// response.
    pub struct AuthorizationCodeClient {
        pub redirect_uris: Option<Vec<String>>,
        pub post_logout_redirect_uris: Option<Vec<String>>,
        pub client_uri: Option<String>,
        pub logo_uri: Option<String>,
        pub id: Option<String>,
        pub name: Option<String>,
        pub enabled: Option<bool>,
        pub access_token_lifetime: Option<i32>,
        pub tags: Option<Vec<String>>,
        pub allowed_cors_origins: Option<Vec<String>>,
        pub allow_offline_access: Option<bool>,
    }
}

wire_type! {
    /// `DeviceCodeClient`. dev-api does not serve device code clients (the console does not manage
    /// them); the type is here so the documented fixture is checked too.
    pub struct DeviceCodeClient {
        pub id: Option<String>,
        pub name: Option<String>,
        pub enabled: Option<bool>,
        pub access_token_lifetime: Option<i32>,
        pub tags: Option<Vec<String>>,
        pub device_code_lifetime: Option<i32>,
        pub client_uri: Option<String>,
        pub logo_uri: Option<String>,
    }
}

wire_type! {
    /// `ClientSecret`: GET one, list element, PUT response. Never carries the value.
    pub struct ClientSecret {
        pub expiration: Option<String>,
        pub expires: Option<bool>,
        pub description: Option<String>,
        pub id: i32,
    }
}

wire_type! {
    /// `ClientSecretCreateOrUpdate`: POST and PUT body of a secret.
    pub struct ClientSecretCreateOrUpdate {
        #[serde(deserialize_with = "de_date", skip_serializing)]
        pub expiration: Option<DateTime<Utc>>,
        pub expires: Option<bool>,
        pub description: Option<String>,
    }
}

wire_type! {
    /// `ClientSecretResponse` (201): the new secret, with its value this one time.
    pub struct ClientSecretResponse {
        pub id: i32,
        pub expiration: Option<String>,
        pub expires: Option<bool>,
        pub description: Option<String>,
        pub secret: Option<String>,
    }
}

wire_type! {
    /// `Role`: tenant roles, community roles, the roles of a client credential client.
    pub struct Role {
        pub id: Option<String>,
        pub name: Option<String>,
        pub description: Option<String>,
        pub role_scope: Option<i32>,
        pub tenant_id: Option<String>,
        pub community_id: Option<String>,
        pub role_type_id: Option<String>,
    }
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

wire_type! {
    /// `MultiStatusResponseChildError`: one failed id of a 207 list answer.
    pub struct MultiStatusResponseChildError {
        pub operation_id: String,
        pub error: String,
        pub reason: String,
        pub resolution: String,
        pub event_id: String,
        pub status_code: i32,
        pub model_id: Option<String>,
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

wire_type! {
    /// `ClientCredentialClientMultiStatusResponse` (207): some of the requested ids were not found.
    pub struct ClientCredentialClientMultiStatusResponse {
        pub operation_id: Option<String>,
        pub error: Option<String>,
        pub reason: Option<String>,
        pub event_id: Option<String>,
        pub child_errors: Option<Vec<MultiStatusResponseChildError>>,
        pub data: Option<Vec<ClientCredentialClient>>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_types_omit_none_unless_verbose_and_always_write_required_fields() {
        let secret = ClientSecret {
            id: 7,
            ..Default::default()
        };
        assert_eq!(to_json(&secret, false), br#"{"Id":7}"#);
        assert_eq!(
            to_json(&secret, true),
            br#"{"Expiration":null,"Expires":null,"Description":null,"Id":7}"#
        );
    }

    #[test]
    fn absent_body_fields_are_none_and_request_only_dates_are_never_written() {
        let body: HybridClientCreate = serde_json::from_str(
            r#"{"Name": "Ops", "SecretExpirationDate": "2030-01-02T03:04:05Z"}"#,
        )
        .expect("a valid body");
        assert_eq!(body.name.as_deref(), Some("Ops"));
        assert_eq!(body.id, None);
        assert_eq!(
            body.secret_expiration_date.as_ref().map(format_date),
            Some("2030-01-02T03:04:05Z".to_owned())
        );
        let written = String::from_utf8(to_json(&body, true)).expect("UTF-8");
        assert!(written.contains(r#""Id":null"#), "{written}");
        assert!(!written.contains("SecretExpirationDate"), "{written}");
    }
}
