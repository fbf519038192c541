//! Serde types for the Identity API's JSON bodies (CONTRACT.md §2–§5).
//!
//! Every field is optional on read (the API leaves nulls out unless asked for verbose output),
//! names are PascalCase on the wire, unknown fields are ignored, and `None` fields are left out
//! when a body is written, so a PUT body holds only what should change.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::patch::Patch;

/// Reads an optional date-time leniently: RFC 3339 with `Z` or an offset, or (as some .NET
/// services write it) without an offset, which is taken as UTC. `null` and a missing field are
/// `None`; any other text is an error.
pub(crate) fn lenient_datetime<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    parse_api_datetime(&text)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("not a date-time: {text:?}")))
}

/// Parses a date-time as the API writes it (see [`lenient_datetime`]).
pub fn parse_api_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    super::expiry::parse_iso_datetime(text, true).map(|naive| naive.and_utc())
}

/// `$given` if there is one, else `$default`: a field's own doc, else the shared one.
macro_rules! doc_or {
    ($given:literal, $default:literal) => {
        $given
    };
    ($default:literal) => {
        $default
    };
}

/// Declares a wire body: the struct as written, with `Serialize`, `Deserialize` and PascalCase
/// names on the wire, and shorthands so that each shape is written once.
///
/// * A field without a `#[serde]` attribute of its own is optional on read and left out when
///   `None` (`#[serde(default, skip_serializing_if = "Option::is_none")]`). A field with one
///   gets exactly what it says.
/// * `..client_fields { … }`: the fields every client shape has, in this order on the wire:
///   `Id`, `Name`, `Enabled`, `AccessTokenLifetime`, `Tags`.
/// * `..redirect_fields { … }`: `RedirectUris`, `PostLogoutRedirectUris`, `ClientUri`,
///   `LogoUri`.
/// * `..first_secret_fields {}`: `SecretDescription`, and `SecretExpirationDate`, which is
///   always written (`None` as `null`: never expires).
///
/// A block may give a field its own doc instead of the usual one (`id: "…",`, in field order).
macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident $(<$param:ident>)? { $($body:tt)* }
    ) => {
        wire_struct!(@field [[$(#[$meta])*] $name [$($param)?]] [] [] default $($body)*);
    };
    // Every field read: the struct.
    (@field [[$($meta:tt)*] $name:ident [$($param:ident)?]] [$($done:tt)*] [] default) => {
        $($meta)*
        #[derive(Serialize, Deserialize)]
        #[serde(rename_all = "PascalCase")]
        pub struct $name $(<$param>)? { $($done)* }
    };
    // The blocks: their fields go back into the input.
    (
        @field $head:tt $done:tt [] default
        ..client_fields {
            $(id: $id:literal,)?
            $(enabled: $enabled:literal,)?
            $(access_token_lifetime: $lifetime:literal,)?
            $(tags: $tags:literal,)?
        }
        $($rest:tt)*
    ) => {
        wire_struct!(@field $head $done [] default
            #[doc = doc_or!($($id,)? "Client id (a GUID).")]
            pub id: Option<String>,
            /// Display name.
            pub name: Option<String>,
            #[doc = doc_or!($($enabled,)? "Whether the client can authenticate.")]
            pub enabled: Option<bool>,
            #[doc = doc_or!(
                $($lifetime,)? "Access token lifetime in seconds (60–3600, default 3600)."
            )]
            pub access_token_lifetime: Option<i32>,
            #[doc = doc_or!($($tags,)? "Tags for AVEVA internal use.")]
            pub tags: Option<Vec<String>>,
            $($rest)*
        );
    };
    (
        @field $head:tt $done:tt [] default
        ..redirect_fields {
            $(redirect_uris: $redirect:literal,)?
            $(post_logout_redirect_uris: $logout:literal,)?
        }
        $($rest:tt)*
    ) => {
        wire_struct!(@field $head $done [] default
            #[doc = doc_or!(
                $($redirect,)?
                "Allowed redirect URIs (exact match, at most 10; required on create)."
            )]
            pub redirect_uris: Option<Vec<String>>,
            #[doc = doc_or!(
                $($logout,)? "Allowed post-logout redirect URIs (exact match, at most 10)."
            )]
            pub post_logout_redirect_uris: Option<Vec<String>>,
            /// Information page shown on the consent screen.
            pub client_uri: Option<String>,
            /// Logo shown on the consent screen.
            pub logo_uri: Option<String>,
            $($rest)*
        );
    };
    (@field $head:tt $done:tt [] default ..first_secret_fields {} $($rest:tt)*) => {
        wire_struct!(@field $head $done [] default
            /// Description of the first secret.
            pub secret_description: Option<String>,
            /// Expiry of the first secret; `None` is sent as `null` (never expires).
            #[serde(default, deserialize_with = "lenient_datetime")]
            pub secret_expiration_date: Option<DateTime<Utc>>,
            $($rest)*
        );
    };
    // A field's own `#[serde]` attribute: the field gets no other.
    (@field $head:tt $done:tt [$($attrs:tt)*] $mode:ident #[serde $($args:tt)*] $($rest:tt)*) => {
        wire_struct!(@field $head $done [$($attrs)* #[serde $($args)*]] own $($rest)*);
    };
    // Any other attribute (docs).
    (@field $head:tt $done:tt [$($attrs:tt)*] $mode:ident #[$attr:meta] $($rest:tt)*) => {
        wire_struct!(@field $head $done [$($attrs)* #[$attr]] $mode $($rest)*);
    };
    // A field.
    (
        @field $head:tt [$($done:tt)*] [$($attrs:tt)*] default
        pub $field:ident: $ty:ty, $($rest:tt)*
    ) => {
        wire_struct!(
            @field $head
            [
                $($done)*
                $($attrs)*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: $ty,
            ]
            [] default $($rest)*
        );
    };
    (@field $head:tt [$($done:tt)*] [$($attrs:tt)*] own pub $field:ident: $ty:ty, $($rest:tt)*) => {
        wire_struct!(@field $head [$($done)* $($attrs)* pub $field: $ty,] [] default $($rest)*);
    };
}

wire_struct! {
    /// A client credential client (`ClientCredentialClient`): GET, list element, PUT body and PUT
    /// response.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ClientCredentialClient {
        ..client_fields {
            id: "Client id (a GUID); the path key after creation.",
            tags: "Tags for AVEVA internal use; never shown, never sent back.",
        }
        /// Ids of the tenant and community roles of the client (Tenant Member is required).
        pub role_ids: Option<Vec<String>>,
    }
}

wire_struct! {
    /// A hybrid client (`HybridClient`): GET, list element, PUT body and PUT response.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct HybridClient {
        ..redirect_fields {}
        ..client_fields {}
        /// "Allow Refresh Token" (`offline_access`).
        pub allow_offline_access: Option<bool>,
        /// Whether access tokens may be returned through the browser.
        pub allow_access_tokens_via_browser: Option<bool>,
    }
}

wire_struct! {
    /// An authorization code client (`AuthorizationCodeClient`): create body, create response, GET,
    /// list element, PUT body and PUT response.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct AuthorizationCodeClient {
        ..redirect_fields {}
        ..client_fields {}
        /// Origins the JavaScript client may call from (CORS).
        pub allowed_cors_origins: Option<Vec<String>>,
        /// Whether the client may request refresh tokens (see CONTRACT.md §8 A7).
        pub allow_offline_access: Option<bool>,
    }
}

wire_struct! {
    /// A device code client (`DeviceCodeClient`). Read-only here: the console does not manage this
    /// kind, but the type keeps the fixtures honest.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct DeviceCodeClient {
        ..client_fields {
            id: "Client id.",
            access_token_lifetime: "Access token lifetime in seconds.",
        }
        /// Lifetime of a device code in seconds.
        pub device_code_lifetime: Option<i32>,
        /// Information page shown on the consent screen.
        pub client_uri: Option<String>,
        /// Logo shown on the consent screen.
        pub logo_uri: Option<String>,
    }
}

wire_struct! {
    /// POST body for a new client credential client (`ClientCredentialClientCreate`).
    ///
    /// `SecretExpirationDate` is always written: `None` becomes an explicit `null`, which the
    /// API reads as "the first secret never expires". Use
    /// [`default_secret_expiration`](crate::model::default_secret_expiration) unless the user
    /// ticked "Never Expires".
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ClientCredentialClientCreate {
        /// Role ids (must include the tenant's Tenant Member role).
        pub role_ids: Option<Vec<String>>,
        ..client_fields {
            id: "Client id to use (a GUID); the server generates one when absent.",
            enabled: "Whether the client can authenticate (send `true`: the default is undocumented).",
            access_token_lifetime: "Access token lifetime in seconds.",
        }
        ..first_secret_fields {}
    }
}

wire_struct! {
    /// POST body for a new hybrid client (`HybridClientCreate`).
    ///
    /// As with [`ClientCredentialClientCreate`], `SecretExpirationDate` is always written and
    /// `None` is an explicit `null` (never expires).
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct HybridClientCreate {
        /// "Allow Refresh Token".
        pub allow_offline_access: Option<bool>,
        /// Whether access tokens may be returned through the browser.
        pub allow_access_tokens_via_browser: Option<bool>,
        ..redirect_fields {
            redirect_uris: "Allowed redirect URIs (required, at most 10).",
            post_logout_redirect_uris: "Allowed post-logout redirect URIs (at most 10).",
        }
        ..client_fields {
            id: "Client id to use (a GUID); the server generates one when absent.",
            access_token_lifetime: "Access token lifetime in seconds.",
        }
        ..first_secret_fields {}
    }
}

wire_struct! {
    /// 201 body of a client create that makes a first secret: the secret (its value shown once)
    /// and the client `C`. See [`ClientCredentialClientCreateResponse`] and
    /// [`HybridClientCreateResponse`]. `Debug` never shows the secret.
    #[derive(Clone, Default, PartialEq, Eq)]
    pub struct ClientCreateResponse<C> {
        /// The plain secret value (shown once).
        pub secret: Option<String>,
        /// The id of the **secret** (not of the client; that is `Client.Id`).
        pub id: Option<i32>,
        /// Description of the secret.
        pub description: Option<String>,
        /// Expiry of the secret; `None` when it never expires.
        #[serde(default, deserialize_with = "lenient_datetime")]
        #[serde(skip_serializing_if = "Option::is_none")]
        pub expiration_date: Option<DateTime<Utc>>,
        /// The created client.
        pub client: Option<C>,
    }
}

/// What `Debug` shows instead of a secret's value.
fn redacted(secret: &Option<String>) -> Option<&'static str> {
    secret.as_ref().map(|_| "[redacted]")
}

impl<C: std::fmt::Debug> std::fmt::Debug for ClientCreateResponse<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCreateResponse")
            .field("secret", &redacted(&self.secret))
            .field("id", &self.id)
            .field("description", &self.description)
            .field("expiration_date", &self.expiration_date)
            .field("client", &self.client)
            .finish()
    }
}

/// 201 body of a client credential client create (`ClientCredentialClientCreateResponse`).
/// `Secret` is the only time the first secret's value is ever returned.
pub type ClientCredentialClientCreateResponse = ClientCreateResponse<ClientCredentialClient>;

/// 201 body of a hybrid client create (`HybridClientCreateResponse`).
pub type HybridClientCreateResponse = ClientCreateResponse<HybridClient>;

wire_struct! {
    /// A client secret without its value (`ClientSecret`).
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ClientSecret {
        /// When the secret stops working; `None` when it never expires.
        #[serde(default, deserialize_with = "lenient_datetime")]
        #[serde(skip_serializing_if = "Option::is_none")]
        pub expiration: Option<DateTime<Utc>>,
        /// Whether the secret expires (the API's default is `true`).
        pub expires: Option<bool>,
        /// What the secret is for.
        pub description: Option<String>,
        /// Secret id (an integer path key).
        pub id: Option<i32>,
    }
}

#[cfg(test)]
impl ClientSecret {
    /// A secret for tests: its id and description, when it ends, whether it expires.
    pub(crate) fn for_test(
        id: i32,
        description: Option<&str>,
        expiration: Option<DateTime<Utc>>,
        expires: Option<bool>,
    ) -> Self {
        Self {
            id: Some(id),
            description: description.map(str::to_owned),
            expiration,
            expires,
        }
    }
}

impl ClientSecret {
    /// The expiry that applies: `None` when the secret never expires (`Expires: false` or no
    /// `Expiration`).
    pub fn effective_expiration(&self) -> Option<DateTime<Utc>> {
        if self.expires == Some(false) {
            None
        } else {
            self.expiration
        }
    }
}

wire_struct! {
    /// POST and PUT body of a secret (`ClientSecretCreateOrUpdate`).
    ///
    /// `Expiration` is tri-state: "Never Expires" must be `{"Expires": false, "Expiration": null}`
    /// (explicit null), whereas an update of the description alone leaves it out. Build bodies with
    /// [`ClientSecretCreateOrUpdate::never_expires`] and [`ClientSecretCreateOrUpdate::expires_at`]
    /// to get the valid combinations of CONTRACT.md §3.2.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ClientSecretCreateOrUpdate {
        /// Expiry date-time (UTC, `Z`), explicit `null`, or left out.
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        pub expiration: Patch<DateTime<Utc>>,
        /// Whether the secret expires.
        pub expires: Option<bool>,
        /// What the secret is for.
        pub description: Option<String>,
    }
}

impl ClientSecretCreateOrUpdate {
    /// A secret that never expires: `{"Expires": false, "Expiration": null, …}`.
    pub fn never_expires(description: Option<String>) -> Self {
        ClientSecretCreateOrUpdate {
            expiration: Patch::Null,
            expires: Some(false),
            description,
        }
    }

    /// A secret that expires at `at`: `{"Expires": true, "Expiration": "<UTC>Z", …}`.
    pub fn expires_at(at: DateTime<Utc>, description: Option<String>) -> Self {
        ClientSecretCreateOrUpdate {
            expiration: Patch::Value(at),
            expires: Some(true),
            description,
        }
    }

    /// `Some(at)` → [`Self::expires_at`], `None` → [`Self::never_expires`].
    pub fn with_expiry(at: Option<DateTime<Utc>>, description: Option<String>) -> Self {
        match at {
            Some(at) => Self::expires_at(at, description),
            None => Self::never_expires(description),
        }
    }

    /// An update of the description alone (expiry unchanged).
    pub fn description_only(description: String) -> Self {
        ClientSecretCreateOrUpdate {
            description: Some(description),
            ..Self::default()
        }
    }
}

wire_struct! {
    /// 201 body of a new secret (`ClientSecretResponse`); `Secret` is the value, shown once.
    /// `Debug` never shows it.
    #[derive(Clone, Default, PartialEq, Eq)]
    pub struct ClientSecretResponse {
        /// Secret id.
        pub id: Option<i32>,
        /// Expiry; `None` when it never expires.
        #[serde(default, deserialize_with = "lenient_datetime")]
        #[serde(skip_serializing_if = "Option::is_none")]
        pub expiration: Option<DateTime<Utc>>,
        /// Whether the secret expires.
        pub expires: Option<bool>,
        /// What the secret is for.
        pub description: Option<String>,
        /// The plain secret value (shown once).
        pub secret: Option<String>,
    }
}

impl std::fmt::Debug for ClientSecretResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSecretResponse")
            .field("id", &self.id)
            .field("expiration", &self.expiration)
            .field("expires", &self.expires)
            .field("description", &self.description)
            .field("secret", &redacted(&self.secret))
            .finish()
    }
}

/// The `RoleTypeId` of the built-in Tenant Member role (AVEVA sample libraries; CONTRACT.md
/// §4.3). Every client credential client must keep this role.
pub const TENANT_MEMBER_ROLE_TYPE_ID: &str = "7ad2b9ef-5386-4ead-ac9f-ad99c5c5b977";

/// The `RoleTypeId` of the built-in Tenant Administrator role.
pub const TENANT_ADMINISTRATOR_ROLE_TYPE_ID: &str = "2dc742ab-39ea-4fc0-a39e-2bcb71c26a5f";

wire_struct! {
    /// A tenant or community role (`Role`).
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Role {
        /// Role id (tenant-specific, not a constant).
        pub id: Option<String>,
        /// Role name.
        pub name: Option<String>,
        /// Role description.
        pub description: Option<String>,
        /// `RoleScope` as an integer: 0 none, 1 tenant, 2 community, 3 cluster.
        pub role_scope: Option<i32>,
        /// Set for tenant roles.
        pub tenant_id: Option<String>,
        /// Set for community roles.
        pub community_id: Option<String>,
        /// Role type id of built-in roles.
        pub role_type_id: Option<String>,
    }
}

/// Where a role applies (`RoleScope`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoleScope {
    /// 0.
    None,
    /// 1: a role of this tenant.
    Tenant,
    /// 2: a role of a community the tenant belongs to.
    Community,
    /// 3.
    Cluster,
    /// A value this console does not know, or none given.
    Unknown,
}

impl Role {
    /// The role's scope.
    pub fn scope(&self) -> RoleScope {
        match self.role_scope {
            Some(0) => RoleScope::None,
            Some(1) => RoleScope::Tenant,
            Some(2) => RoleScope::Community,
            Some(3) => RoleScope::Cluster,
            _ => RoleScope::Unknown,
        }
    }

    /// Whether this is the built-in Tenant Member role (by `RoleTypeId`, case-insensitive).
    pub fn is_tenant_member(&self) -> bool {
        self.role_type_id
            .as_deref()
            .is_some_and(|id| id.eq_ignore_ascii_case(TENANT_MEMBER_ROLE_TYPE_ID))
    }

    /// A role reference holding only the id, as sent in `PUT …/Roles`.
    pub fn reference(id: impl Into<String>) -> Role {
        Role {
            id: Some(id.into()),
            ..Role::default()
        }
    }
}

wire_struct! {
    /// The API's error body (`ErrorResponse`), read leniently: the four documented strings, the
    /// optional `DynamicProperties`, and any other top-level keys in `extra`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ErrorResponse {
        /// Id of the failed operation: quote it to support.
        pub operation_id: Option<String>,
        /// What went wrong.
        pub error: Option<String>,
        /// Why.
        pub reason: Option<String>,
        /// How to fix it.
        pub resolution: Option<String>,
        /// Additional properties.
        pub dynamic_properties: Option<Map<String, Value>>,
        /// Undocumented top-level keys, kept as they came.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

impl ErrorResponse {
    /// Whether the body said anything a person could use (any of the four strings).
    pub fn has_text(&self) -> bool {
        [
            &self.operation_id,
            &self.error,
            &self.reason,
            &self.resolution,
        ]
        .iter()
        .any(|field| field.as_deref().is_some_and(|s| !s.trim().is_empty()))
    }
}

wire_struct! {
    /// One failed item of a 207 (`MultiStatusResponseChildError`).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct MultiStatusResponseChildError {
        /// Operation id.
        pub operation_id: Option<String>,
        /// What went wrong.
        pub error: Option<String>,
        /// Why.
        pub reason: Option<String>,
        /// How to fix it.
        pub resolution: Option<String>,
        /// Event id.
        pub event_id: Option<String>,
        /// HTTP status of this item (e.g. 404).
        pub status_code: Option<i32>,
        /// The id that was asked for.
        pub model_id: Option<String>,
        /// Undocumented keys, kept as they came.
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }
}

wire_struct! {
    /// 207 body of the client credential client list (`ClientCredentialClientMultiStatusResponse`):
    /// the clients found in `Data`, one child error per failure.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ClientCredentialClientMultiStatusResponse {
        /// Operation id.
        pub operation_id: Option<String>,
        /// What went wrong overall.
        pub error: Option<String>,
        /// Why.
        pub reason: Option<String>,
        /// Event id.
        pub event_id: Option<String>,
        /// One entry per item that could not be returned.
        pub child_errors: Option<Vec<MultiStatusResponseChildError>>,
        /// The clients that were returned.
        pub data: Option<Vec<ClientCredentialClient>>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use serde_json::json;

    #[test]
    fn debug_never_shows_a_secret_value() {
        let created = ClientCredentialClientCreateResponse {
            secret: Some("s3cr3t-value".into()),
            description: Some("first".into()),
            ..Default::default()
        };
        let added = ClientSecretResponse {
            secret: Some("s3cr3t-value".into()),
            id: Some(7),
            ..Default::default()
        };
        for shown in [format!("{created:?}"), format!("{added:?}")] {
            assert!(!shown.contains("s3cr3t"), "{shown}");
            assert!(shown.contains("[redacted]"), "{shown}");
        }
        assert!(format!("{created:?}").contains("first"));
    }

    /// `T` with every one of `keys` set serializes them in exactly this order.
    fn assert_wire_order<T: DeserializeOwned + Serialize>(keys: &[&str]) {
        let sample = |key: &str| match key {
            "Enabled" => json!(true),
            "AccessTokenLifetime" | "DeviceCodeLifetime" => json!(600),
            "SecretExpirationDate" => json!("2027-11-26T16:18:00Z"),
            _ if key.ends_with("Uris") || key.ends_with("Ids") => json!(["x"]),
            "Tags" | "AllowedCorsOrigins" => json!(["x"]),
            _ if key.starts_with("Allow") => json!(true),
            _ => json!("x"),
        };
        let full: Map<String, Value> = keys.iter().map(|k| (k.to_string(), sample(k))).collect();
        let value: T = serde_json::from_value(Value::Object(full)).unwrap();
        let text = serde_json::to_string(&value).unwrap();
        let at: Vec<usize> = keys
            .iter()
            .map(|key| {
                text.find(&format!("\"{key}\":"))
                    .unwrap_or_else(|| panic!("{key}"))
            })
            .collect();
        assert!(at.is_sorted(), "{text}");
    }

    #[test]
    fn client_bodies_keep_their_field_order_on_the_wire() {
        let common = ["Id", "Name", "Enabled", "AccessTokenLifetime", "Tags"];
        let redirect = [
            "RedirectUris",
            "PostLogoutRedirectUris",
            "ClientUri",
            "LogoUri",
        ];
        let secret = ["SecretDescription", "SecretExpirationDate"];
        assert_wire_order::<ClientCredentialClient>(&[&common[..], &["RoleIds"]].concat());
        assert_wire_order::<HybridClient>(
            &[
                &redirect[..],
                &common,
                &["AllowOfflineAccess", "AllowAccessTokensViaBrowser"],
            ]
            .concat(),
        );
        assert_wire_order::<AuthorizationCodeClient>(
            &[
                &redirect[..],
                &common,
                &["AllowedCorsOrigins", "AllowOfflineAccess"],
            ]
            .concat(),
        );
        assert_wire_order::<DeviceCodeClient>(
            &[&common[..], &["DeviceCodeLifetime", "ClientUri", "LogoUri"]].concat(),
        );
        assert_wire_order::<ClientCredentialClientCreate>(
            &[&["RoleIds"][..], &common, &secret].concat(),
        );
        assert_wire_order::<HybridClientCreate>(
            &[
                &["AllowOfflineAccess", "AllowAccessTokensViaBrowser"][..],
                &redirect,
                &common,
                &secret,
            ]
            .concat(),
        );
    }

    #[test]
    fn first_secret_expiry_is_always_written() {
        for body in [
            serde_json::to_value(ClientCredentialClientCreate::default()),
            serde_json::to_value(HybridClientCreate::default()),
        ] {
            assert_eq!(body.unwrap(), json!({"SecretExpirationDate": null}));
        }
    }
}
