//! Serde types for the Identity API's JSON bodies (CONTRACT.md §2–§5).
//!
//! Every field is optional on read (the API leaves nulls out unless asked for verbose output),
//! names are PascalCase on the wire, unknown fields are ignored, and `None` fields are left out
//! when a body is written, so a PUT body holds only what should change.

use chrono::{DateTime, NaiveDateTime, Utc};
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
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

/// A client credential client (`ClientCredentialClient`): GET, list element, PUT body and PUT
/// response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientCredentialClient {
    /// Client id (a GUID); the path key after creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the client can authenticate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Access token lifetime in seconds (60–3600, default 3600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_lifetime: Option<i32>,
    /// Tags for AVEVA internal use; never shown, never sent back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Ids of the tenant and community roles of the client (Tenant Member is required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_ids: Option<Vec<String>>,
}

/// A hybrid client (`HybridClient`): GET, list element, PUT body and PUT response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HybridClient {
    /// Allowed redirect URIs (exact match, at most 10; required on create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uris: Option<Vec<String>>,
    /// Allowed post-logout redirect URIs (exact match, at most 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    /// Information page shown on the consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<String>,
    /// Logo shown on the consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_uri: Option<String>,
    /// Client id (a GUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the client can authenticate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Access token lifetime in seconds (60–3600, default 3600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_lifetime: Option<i32>,
    /// Tags for AVEVA internal use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// "Allow Refresh Token" (`offline_access`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_offline_access: Option<bool>,
    /// Whether access tokens may be returned through the browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_access_tokens_via_browser: Option<bool>,
}

/// An authorization code client (`AuthorizationCodeClient`): create body, create response, GET,
/// list element, PUT body and PUT response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthorizationCodeClient {
    /// Allowed redirect URIs (exact match, at most 10; required on create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uris: Option<Vec<String>>,
    /// Allowed post-logout redirect URIs (exact match, at most 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    /// Information page shown on the consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<String>,
    /// Logo shown on the consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_uri: Option<String>,
    /// Client id (a GUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the client can authenticate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Access token lifetime in seconds (60–3600, default 3600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_lifetime: Option<i32>,
    /// Tags for AVEVA internal use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Origins the JavaScript client may call from (CORS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_cors_origins: Option<Vec<String>>,
    /// Whether the client may request refresh tokens (see CONTRACT.md §8 A7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_offline_access: Option<bool>,
}

/// A device code client (`DeviceCodeClient`). Read-only here: the console does not manage this
/// kind, but the type keeps the fixtures honest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeviceCodeClient {
    /// Client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the client can authenticate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Access token lifetime in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_lifetime: Option<i32>,
    /// Tags for AVEVA internal use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Lifetime of a device code in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_code_lifetime: Option<i32>,
    /// Information page shown on the consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<String>,
    /// Logo shown on the consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_uri: Option<String>,
}

/// POST body for a new client credential client (`ClientCredentialClientCreate`).
///
/// `SecretExpirationDate` is always written: `None` becomes an explicit `null`, which the API
/// reads as "the first secret never expires". Use
/// [`default_secret_expiration`](crate::model::default_secret_expiration) unless the user ticked
/// "Never Expires".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientCredentialClientCreate {
    /// Role ids (must include the tenant's Tenant Member role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_ids: Option<Vec<String>>,
    /// Client id to use (a GUID); the server generates one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the client can authenticate (send `true`: the default is undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Access token lifetime in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_lifetime: Option<i32>,
    /// Tags for AVEVA internal use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Description of the first secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_description: Option<String>,
    /// Expiry of the first secret; `None` is sent as `null` (never expires).
    #[serde(default, deserialize_with = "lenient_datetime")]
    pub secret_expiration_date: Option<DateTime<Utc>>,
}

/// POST body for a new hybrid client (`HybridClientCreate`).
///
/// As with [`ClientCredentialClientCreate`], `SecretExpirationDate` is always written and
/// `None` is an explicit `null` (never expires).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HybridClientCreate {
    /// "Allow Refresh Token".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_offline_access: Option<bool>,
    /// Whether access tokens may be returned through the browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_access_tokens_via_browser: Option<bool>,
    /// Allowed redirect URIs (required, at most 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uris: Option<Vec<String>>,
    /// Allowed post-logout redirect URIs (at most 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    /// Information page shown on the consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<String>,
    /// Logo shown on the consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_uri: Option<String>,
    /// Client id to use (a GUID); the server generates one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the client can authenticate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Access token lifetime in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_lifetime: Option<i32>,
    /// Tags for AVEVA internal use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Description of the first secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_description: Option<String>,
    /// Expiry of the first secret; `None` is sent as `null` (never expires).
    #[serde(default, deserialize_with = "lenient_datetime")]
    pub secret_expiration_date: Option<DateTime<Utc>>,
}

/// 201 body of a client credential client create (`ClientCredentialClientCreateResponse`).
/// `Secret` is the only time the first secret's value is ever returned.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientCredentialClientCreateResponse {
    /// The plain secret value (shown once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The id of the **secret** (not of the client; that is `Client.Id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// Description of the secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Expiry of the secret; `None` when it never expires.
    #[serde(
        default,
        deserialize_with = "lenient_datetime",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_date: Option<DateTime<Utc>>,
    /// The created client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientCredentialClient>,
}

/// 201 body of a hybrid client create (`HybridClientCreateResponse`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HybridClientCreateResponse {
    /// The plain secret value (shown once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The id of the **secret**.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// Description of the secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Expiry of the secret; `None` when it never expires.
    #[serde(
        default,
        deserialize_with = "lenient_datetime",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_date: Option<DateTime<Utc>>,
    /// The created client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<HybridClient>,
}

/// A client secret without its value (`ClientSecret`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientSecret {
    /// When the secret stops working; `None` when it never expires.
    #[serde(
        default,
        deserialize_with = "lenient_datetime",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration: Option<DateTime<Utc>>,
    /// Whether the secret expires (the API's default is `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<bool>,
    /// What the secret is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Secret id (an integer path key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
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

/// POST and PUT body of a secret (`ClientSecretCreateOrUpdate`).
///
/// `Expiration` is tri-state: "Never Expires" must be `{"Expires": false, "Expiration": null}`
/// (explicit null), whereas an update of the description alone leaves it out. Build bodies with
/// [`ClientSecretCreateOrUpdate::never_expires`] and [`ClientSecretCreateOrUpdate::expires_at`]
/// to get the valid combinations of CONTRACT.md §3.2.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientSecretCreateOrUpdate {
    /// Expiry date-time (UTC, `Z`), explicit `null`, or left out.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub expiration: Patch<DateTime<Utc>>,
    /// Whether the secret expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<bool>,
    /// What the secret is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
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

/// 201 body of a new secret (`ClientSecretResponse`); `Secret` is the value, shown once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientSecretResponse {
    /// Secret id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// Expiry; `None` when it never expires.
    #[serde(
        default,
        deserialize_with = "lenient_datetime",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration: Option<DateTime<Utc>>,
    /// Whether the secret expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<bool>,
    /// What the secret is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The plain secret value (shown once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

/// The `RoleTypeId` of the built-in Tenant Member role (AVEVA sample libraries; CONTRACT.md
/// §4.3). Every client credential client must keep this role.
pub const TENANT_MEMBER_ROLE_TYPE_ID: &str = "7ad2b9ef-5386-4ead-ac9f-ad99c5c5b977";

/// The `RoleTypeId` of the built-in Tenant Administrator role.
pub const TENANT_ADMINISTRATOR_ROLE_TYPE_ID: &str = "2dc742ab-39ea-4fc0-a39e-2bcb71c26a5f";

/// A tenant or community role (`Role`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Role {
    /// Role id (tenant-specific, not a constant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Role name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Role description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `RoleScope` as an integer: 0 none, 1 tenant, 2 community, 3 cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_scope: Option<i32>,
    /// Set for tenant roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Set for community roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_id: Option<String>,
    /// Role type id of built-in roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_type_id: Option<String>,
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

/// The API's error body (`ErrorResponse`), read leniently: the four documented strings, the
/// optional `DynamicProperties`, and any other top-level keys in `extra`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorResponse {
    /// Id of the failed operation: quote it to support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// What went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Additional properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_properties: Option<Map<String, Value>>,
    /// Undocumented top-level keys, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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

/// One failed item of a 207 (`MultiStatusResponseChildError`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MultiStatusResponseChildError {
    /// Operation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// What went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Event id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// HTTP status of this item (e.g. 404).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i32>,
    /// The id that was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_id: Option<String>,
    /// Undocumented keys, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// 207 body of the client credential client list (`ClientCredentialClientMultiStatusResponse`):
/// the clients found in `Data`, one child error per failure.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientCredentialClientMultiStatusResponse {
    /// Operation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// What went wrong overall.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Event id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// One entry per item that could not be returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_errors: Option<Vec<MultiStatusResponseChildError>>,
    /// The clients that were returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<ClientCredentialClient>>,
}
