//! The tenant's state: clients of the three kinds with their secrets, and roles.
//!
//! Clients are kept per kind in insertion order (an `IndexMap` keyed by the lower-case id), so
//! lists are stable and a page is a slice. Secrets are stored as a SHA-256 hash only; the value
//! exists in memory just long enough to be put into the one response that shows it.

use base64::Engine;
use chrono::{DateTime, Utc};
use indexmap::IndexMap;
use serde::{ser::SerializeSeq, Deserialize, Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::{
    errors::ApiError,
    model::{
        self, AuthorizationCodeClient, ClientCredentialClient, ClientSecret, HybridClient, Role,
    },
    rules,
};

/// RoleTypeId of the built-in Tenant Administrator role.
pub const TENANT_ADMINISTRATOR_TYPE: &str = "2dc742ab-39ea-4fc0-a39e-2bcb71c26a5f";
/// RoleTypeId of the built-in Tenant Contributor role.
pub const TENANT_CONTRIBUTOR_TYPE: &str = "f1439595-e5a2-487f-8a4f-0627fefe75df";
/// RoleTypeId of the built-in Tenant Data Steward role.
pub const TENANT_DATA_STEWARD_TYPE: &str = "45b66433-5f57-420b-bbdf-8bbd60c1cd9d";
/// RoleTypeId of the built-in Tenant Member role.
pub const TENANT_MEMBER_TYPE: &str = "7ad2b9ef-5386-4ead-ac9f-ad99c5c5b977";
/// RoleTypeId of the built-in Tenant Viewer role.
pub const TENANT_VIEWER_TYPE: &str = "e6cbf91e-0be8-4858-92b5-f88ecafd5574";
/// RoleTypeId of the built-in Community Administrator role.
pub const COMMUNITY_ADMINISTRATOR_TYPE: &str = "b50b3349-fa9e-4a03-9220-cf99184b4645";

/// `RoleScope` values.
pub const SCOPE_TENANT: i32 = 1;
/// `RoleScope` of community roles.
pub const SCOPE_COMMUNITY: i32 = 2;

/// The three kinds of client dev-api serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClientKind {
    ClientCredential,
    Hybrid,
    AuthorizationCode,
}

impl ClientKind {
    /// All kinds, in a fixed order.
    pub const ALL: [ClientKind; 3] = [
        ClientKind::ClientCredential,
        ClientKind::Hybrid,
        ClientKind::AuthorizationCode,
    ];

    /// The collection segment of the route.
    pub fn collection(self) -> &'static str {
        match self {
            ClientKind::ClientCredential => "ClientCredentialClients",
            ClientKind::Hybrid => "HybridClients",
            ClientKind::AuthorizationCode => "AuthorizationCodeClients",
        }
    }

    /// How the kind is called in messages.
    pub fn label(self) -> &'static str {
        match self {
            ClientKind::ClientCredential => "client credential client",
            ClientKind::Hybrid => "hybrid client",
            ClientKind::AuthorizationCode => "authorization code client",
        }
    }

    /// Whether clients of this kind have secrets.
    pub fn has_secrets(self) -> bool {
        !matches!(self, ClientKind::AuthorizationCode)
    }

    fn index(self) -> usize {
        match self {
            ClientKind::ClientCredential => 0,
            ClientKind::Hybrid => 1,
            ClientKind::AuthorizationCode => 2,
        }
    }
}

/// A secret as stored: never the value, only its SHA-256 hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StoredSecret {
    pub id: i32,
    #[serde(default)]
    pub description: Option<String>,
    /// `None`: never expires.
    #[serde(default)]
    pub expiration: Option<DateTime<Utc>>,
    /// `sha256:` and the hex digest of the value.
    pub hash: String,
}

impl StoredSecret {
    /// The `ClientSecret` wire shape.
    pub fn to_wire(&self) -> ClientSecret {
        ClientSecret {
            expiration: self.expiration.as_ref().map(model::format_date),
            expires: Some(self.expiration.is_some()),
            description: self.description.clone(),
            id: self.id,
        }
    }
}

/// A client as stored. One struct for all kinds; fields a kind does not have stay empty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StoredClient {
    pub kind: ClientKind,
    pub id: String,
    pub name: String,
    pub enabled: bool,
    pub access_token_lifetime: i32,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub role_ids: Vec<String>,
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    #[serde(default)]
    pub client_uri: Option<String>,
    #[serde(default)]
    pub logo_uri: Option<String>,
    #[serde(default)]
    pub allow_offline_access: bool,
    #[serde(default)]
    pub allow_access_tokens_via_browser: bool,
    #[serde(default)]
    pub allowed_cors_origins: Vec<String>,
    #[serde(default)]
    pub secrets: Vec<StoredSecret>,
}

impl StoredClient {
    /// A client of `kind` with the defaults of the API (enabled, 3600 s).
    pub fn new(kind: ClientKind, id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            kind,
            id: id.into(),
            name: name.into(),
            enabled: true,
            access_token_lifetime: rules::MAX_TOKEN_LIFETIME,
            tags: Vec::new(),
            role_ids: Vec::new(),
            redirect_uris: Vec::new(),
            post_logout_redirect_uris: Vec::new(),
            client_uri: None,
            logo_uri: None,
            allow_offline_access: false,
            allow_access_tokens_via_browser: false,
            allowed_cors_origins: Vec::new(),
            secrets: Vec::new(),
        }
    }

    /// The `ClientCredentialClient` wire shape.
    pub fn to_cc(&self) -> ClientCredentialClient {
        ClientCredentialClient {
            id: Some(self.id.clone()),
            name: Some(self.name.clone()),
            enabled: Some(self.enabled),
            access_token_lifetime: Some(self.access_token_lifetime),
            tags: Some(self.tags.clone()),
            role_ids: Some(self.role_ids.clone()),
        }
    }

    /// The `HybridClient` wire shape.
    pub fn to_hybrid(&self) -> HybridClient {
        HybridClient {
            redirect_uris: Some(self.redirect_uris.clone()),
            post_logout_redirect_uris: Some(self.post_logout_redirect_uris.clone()),
            client_uri: self.client_uri.clone(),
            logo_uri: self.logo_uri.clone(),
            id: Some(self.id.clone()),
            name: Some(self.name.clone()),
            enabled: Some(self.enabled),
            access_token_lifetime: Some(self.access_token_lifetime),
            tags: Some(self.tags.clone()),
            allow_offline_access: Some(self.allow_offline_access),
            allow_access_tokens_via_browser: Some(self.allow_access_tokens_via_browser),
        }
    }

    /// The `AuthorizationCodeClient` wire shape.
    pub fn to_auth_code(&self) -> AuthorizationCodeClient {
        AuthorizationCodeClient {
            redirect_uris: Some(self.redirect_uris.clone()),
            post_logout_redirect_uris: Some(self.post_logout_redirect_uris.clone()),
            client_uri: self.client_uri.clone(),
            logo_uri: self.logo_uri.clone(),
            id: Some(self.id.clone()),
            name: Some(self.name.clone()),
            enabled: Some(self.enabled),
            access_token_lifetime: Some(self.access_token_lifetime),
            tags: Some(self.tags.clone()),
            allowed_cors_origins: Some(self.allowed_cors_origins.clone()),
            allow_offline_access: Some(self.allow_offline_access),
        }
    }

    /// The wire shape of the client's own kind.
    pub fn to_wire(&self) -> WireClient {
        match self.kind {
            ClientKind::ClientCredential => WireClient::ClientCredential(self.to_cc()),
            ClientKind::Hybrid => WireClient::Hybrid(self.to_hybrid()),
            ClientKind::AuthorizationCode => WireClient::AuthorizationCode(self.to_auth_code()),
        }
    }

    /// The secret with `id`.
    pub fn secret(&self, id: i32) -> Option<&StoredSecret> {
        self.secrets.iter().find(|s| s.id == id)
    }
}

/// A client in the wire shape of its kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum WireClient {
    ClientCredential(ClientCredentialClient),
    Hybrid(HybridClient),
    AuthorizationCode(AuthorizationCodeClient),
}

/// The writable fields of any kind of client, as sent in a create or update body.
/// `None` means "not sent" (or null).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientInput {
    pub id: Option<String>,
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub access_token_lifetime: Option<i32>,
    pub tags: Option<Vec<String>>,
    pub role_ids: Option<Vec<String>>,
    pub redirect_uris: Option<Vec<String>>,
    pub post_logout_redirect_uris: Option<Vec<String>>,
    pub client_uri: Option<String>,
    pub logo_uri: Option<String>,
    pub allow_offline_access: Option<bool>,
    pub allow_access_tokens_via_browser: Option<bool>,
    pub allowed_cors_origins: Option<Vec<String>>,
    pub secret_description: Option<String>,
    pub secret_expiration_date: Option<DateTime<Utc>>,
}

/// `From<Body> for ClientInput` for each create and update body: the fields the body has are
/// taken over, the others stay `None`.
macro_rules! client_input_from {
    ($($body:ty { $($field:ident),+ $(,)? })+) => {
        $(
            impl From<$body> for ClientInput {
                fn from(b: $body) -> Self {
                    Self {
                        $($field: b.$field,)+
                        ..Self::default()
                    }
                }
            }
        )+
    };
}

client_input_from! {
    model::ClientCredentialClientCreate {
        id, name, enabled, access_token_lifetime, tags, role_ids, secret_description,
        secret_expiration_date,
    }
    ClientCredentialClient {
        id, name, enabled, access_token_lifetime, tags, role_ids,
    }
    model::HybridClientCreate {
        id, name, enabled, access_token_lifetime, tags, redirect_uris, post_logout_redirect_uris,
        client_uri, logo_uri, allow_offline_access, allow_access_tokens_via_browser,
        secret_description, secret_expiration_date,
    }
    HybridClient {
        id, name, enabled, access_token_lifetime, tags, redirect_uris, post_logout_redirect_uris,
        client_uri, logo_uri, allow_offline_access, allow_access_tokens_via_browser,
    }
    AuthorizationCodeClient {
        id, name, enabled, access_token_lifetime, tags, redirect_uris, post_logout_redirect_uris,
        client_uri, logo_uri, allow_offline_access, allowed_cors_origins,
    }
}

/// A freshly generated secret: the value (to show once) and its stored form.
pub struct NewSecret {
    pub value: String,
    pub stored: StoredSecret,
}

/// 32 bytes from the operating system's CSPRNG, base64url without padding (43 characters).
pub fn generate_secret_value() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::internal(format!("The random number generator failed: {e}.")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The stored form of a secret value.
pub fn hash_secret(value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// One tenant's data.
#[derive(Clone, Debug)]
pub struct Tenant {
    /// The tenant id as served (compared case-insensitively with the path).
    pub id: String,
    /// Tenant and community roles, in a fixed order.
    pub roles: Vec<Role>,
    clients: [IndexMap<String, StoredClient>; 3],
    next_secret_id: i32,
    /// Bumped on every change; used to order saves of the `--data` file.
    pub version: u64,
}

fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

impl Tenant {
    /// A tenant with roles and no clients.
    pub fn new(id: impl Into<String>, roles: Vec<Role>) -> Self {
        Self {
            id: id.into(),
            roles,
            clients: Default::default(),
            next_secret_id: 1,
            version: 0,
        }
    }

    /// The clients of one kind, in creation order.
    pub fn clients(&self, kind: ClientKind) -> &IndexMap<String, StoredClient> {
        &self.clients[kind.index()]
    }

    /// The client of `kind` with `id` (case-insensitive).
    pub fn client(&self, kind: ClientKind, id: &str) -> Option<&StoredClient> {
        self.clients[kind.index()].get(&key(id))
    }

    /// Mutable access to a client.
    pub fn client_mut(&mut self, kind: ClientKind, id: &str) -> Option<&mut StoredClient> {
        self.clients[kind.index()].get_mut(&key(id))
    }

    /// The client of `kind` with `id`, or its 404.
    pub fn find_client(&self, kind: ClientKind, id: &str) -> Result<&StoredClient, ApiError> {
        self.client(kind, id)
            .ok_or_else(|| client_not_found(kind, id))
    }

    /// Mutable access to the client of `kind` with `id`, or its 404.
    fn find_client_mut(
        &mut self,
        kind: ClientKind,
        id: &str,
    ) -> Result<&mut StoredClient, ApiError> {
        self.client_mut(kind, id)
            .ok_or_else(|| client_not_found(kind, id))
    }

    /// Whether any client of any kind has `id`.
    pub fn id_taken(&self, id: &str) -> bool {
        let k = key(id);
        self.clients.iter().any(|m| m.contains_key(&k))
    }

    /// Number of clients of all kinds.
    pub fn total_clients(&self) -> usize {
        self.clients.iter().map(IndexMap::len).sum()
    }

    /// Adds a client as it is (used by the seed and by loading); the caller checked the id.
    pub fn insert(&mut self, client: StoredClient) {
        for secret in &client.secrets {
            self.next_secret_id = self.next_secret_id.max(secret.id.saturating_add(1));
        }
        self.clients[client.kind.index()].insert(key(&client.id), client);
        self.version += 1;
    }

    /// Removes a client; `false` if it did not exist.
    pub fn remove(&mut self, kind: ClientKind, id: &str) -> bool {
        let removed = self.clients[kind.index()].shift_remove(&key(id)).is_some();
        if removed {
            self.version += 1;
        }
        removed
    }

    /// The role with `id` (case-insensitive).
    pub fn role(&self, id: &str) -> Option<&Role> {
        let id = id.trim();
        self.roles.iter().find(|r| {
            r.id.as_deref()
                .is_some_and(|rid| rid.eq_ignore_ascii_case(id))
        })
    }

    /// The role with `id`, or its 404.
    pub fn find_role(&self, id: &str) -> Result<&Role, ApiError> {
        self.role(id).ok_or_else(|| role_not_found(id))
    }

    /// The id of the tenant's Tenant Member role.
    pub fn tenant_member_role_id(&self) -> Option<String> {
        self.roles
            .iter()
            .find(|r| {
                r.role_type_id
                    .as_deref()
                    .is_some_and(|t| t.eq_ignore_ascii_case(TENANT_MEMBER_TYPE))
            })
            .and_then(|r| r.id.clone())
    }

    /// Checks a `RoleIds` list: every id exists, Tenant Member is included. Returns the ids
    /// in their stored spelling, without duplicates.
    pub fn validate_role_ids(&self, ids: &[String]) -> Result<Vec<String>, ApiError> {
        let mut out: Vec<String> = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(role) = self.role(id) else {
                return Err(ApiError::bad_request(
                    "A role does not exist.",
                    format!("RoleIds contains `{id}`, which is not a role of this tenant."),
                    "Use the Id of a role from GET /api/v1/Tenants/{tenantId}/Roles.",
                ));
            };
            let stored = role.id.clone().unwrap_or_default();
            if !out.contains(&stored) {
                out.push(stored);
            }
        }
        let member = self.tenant_member_role_id().unwrap_or_default();
        if !out.contains(&member) {
            return Err(ApiError::bad_request(
                "The Tenant Member role is missing.",
                format!(
                    "RoleIds must always contain the Tenant Member role ({member}); it was \
                     not in the list."
                ),
                "Add the Tenant Member role id to RoleIds. Every client credential client \
                 needs it.",
            ));
        }
        Ok(out)
    }

    /// Creates a client of `kind` from a create body. For kinds with secrets, also creates
    /// the first secret and returns its value.
    pub fn create_client(
        &mut self,
        kind: ClientKind,
        input: ClientInput,
    ) -> Result<(StoredClient, Option<NewSecret>), ApiError> {
        let id = match input.id.as_deref() {
            Some(id) if !id.trim().is_empty() => rules::client_id(id)?,
            _ => uuid::Uuid::new_v4().to_string(),
        };
        let name = rules::name(input.name.as_deref().ok_or_else(rules::name_missing)?)?;
        let mut client = StoredClient::new(kind, id, name);
        client.enabled = input.enabled.unwrap_or(true);
        if let Some(lifetime) = input.access_token_lifetime {
            client.access_token_lifetime = rules::token_lifetime(lifetime)?;
        }
        client.tags = input.tags.unwrap_or_default();
        match kind {
            ClientKind::ClientCredential => {
                client.role_ids = match input.role_ids {
                    Some(ids) => self.validate_role_ids(&ids)?,
                    None => self.tenant_member_role_id().into_iter().collect(),
                };
            }
            ClientKind::Hybrid | ClientKind::AuthorizationCode => {
                let redirect = input.redirect_uris.unwrap_or_default();
                if redirect.is_empty() {
                    return Err(rules::redirect_uris_required());
                }
                client.redirect_uris = rules::redirect_uris("RedirectUris", &redirect)?;
                client.post_logout_redirect_uris = rules::redirect_uris(
                    "PostLogoutRedirectUris",
                    &input.post_logout_redirect_uris.unwrap_or_default(),
                )?;
                client.client_uri = input
                    .client_uri
                    .map(|u| rules::optional_uri("ClientUri", &u))
                    .transpose()?;
                client.logo_uri = input
                    .logo_uri
                    .map(|u| rules::optional_uri("LogoUri", &u))
                    .transpose()?;
                client.allow_offline_access = input.allow_offline_access.unwrap_or(false);
                if kind == ClientKind::Hybrid {
                    client.allow_access_tokens_via_browser =
                        input.allow_access_tokens_via_browser.unwrap_or(false);
                } else {
                    client.allowed_cors_origins =
                        rules::cors_origins(&input.allowed_cors_origins.unwrap_or_default())?;
                }
            }
        }
        if self.total_clients() >= rules::MAX_CLIENTS {
            return Err(rules::too_many_clients());
        }
        if self.id_taken(&client.id) {
            return Err(rules::duplicate_client(&client.id));
        }
        let secret = if kind.has_secrets() {
            let secret = self.new_secret(input.secret_description, input.secret_expiration_date)?;
            client.secrets.push(secret.stored.clone());
            Some(secret)
        } else {
            None
        };
        self.insert(client.clone());
        Ok((client, secret))
    }

    /// Applies a partial update: absent or null fields stay as they are.
    pub fn update_client(
        &mut self,
        kind: ClientKind,
        id: &str,
        input: ClientInput,
    ) -> Result<StoredClient, ApiError> {
        self.find_client(kind, id)?;
        if let Some(body_id) = input.id.as_deref() {
            if !body_id.trim().is_empty() && !body_id.trim().eq_ignore_ascii_case(id.trim()) {
                return Err(ApiError::bad_request(
                    "The client identifier cannot be changed.",
                    format!("The body has Id {body_id} but the URL names client {id}."),
                    "Leave Id out of the body, or send the same Id as in the URL.",
                ));
            }
        }
        // Validate everything before changing anything.
        let name = input.name.as_deref().map(rules::name).transpose()?;
        let lifetime = input
            .access_token_lifetime
            .map(rules::token_lifetime)
            .transpose()?;
        let role_ids = match (&input.role_ids, kind) {
            (Some(ids), ClientKind::ClientCredential) => Some(self.validate_role_ids(ids)?),
            _ => None,
        };
        let redirect = match &input.redirect_uris {
            Some(uris) if uris.is_empty() => return Err(rules::redirect_uris_required()),
            Some(uris) => Some(rules::redirect_uris("RedirectUris", uris)?),
            None => None,
        };
        let logout = input
            .post_logout_redirect_uris
            .as_deref()
            .map(|u| rules::redirect_uris("PostLogoutRedirectUris", u))
            .transpose()?;
        let client_uri = input
            .client_uri
            .as_deref()
            .map(|u| rules::optional_uri("ClientUri", u))
            .transpose()?;
        let logo_uri = input
            .logo_uri
            .as_deref()
            .map(|u| rules::optional_uri("LogoUri", u))
            .transpose()?;
        let cors = input
            .allowed_cors_origins
            .as_deref()
            .map(rules::cors_origins)
            .transpose()?;

        let client = self.find_client_mut(kind, id)?;
        if let Some(name) = name {
            client.name = name;
        }
        if let Some(enabled) = input.enabled {
            client.enabled = enabled;
        }
        if let Some(lifetime) = lifetime {
            client.access_token_lifetime = lifetime;
        }
        if let Some(tags) = input.tags {
            client.tags = tags;
        }
        if let Some(role_ids) = role_ids {
            client.role_ids = role_ids;
        }
        if kind != ClientKind::ClientCredential {
            if let Some(redirect) = redirect {
                client.redirect_uris = redirect;
            }
            if let Some(logout) = logout {
                client.post_logout_redirect_uris = logout;
            }
            if let Some(uri) = client_uri {
                client.client_uri = Some(uri);
            }
            if let Some(uri) = logo_uri {
                client.logo_uri = Some(uri);
            }
            if let Some(flag) = input.allow_offline_access {
                client.allow_offline_access = flag;
            }
        }
        if kind == ClientKind::Hybrid {
            if let Some(flag) = input.allow_access_tokens_via_browser {
                client.allow_access_tokens_via_browser = flag;
            }
        }
        if kind == ClientKind::AuthorizationCode {
            if let Some(cors) = cors {
                client.allowed_cors_origins = cors;
            }
        }
        let updated = client.clone();
        self.version += 1;
        Ok(updated)
    }

    /// Replaces the roles of a client credential client.
    pub fn set_client_roles(
        &mut self,
        id: &str,
        role_ids: &[String],
    ) -> Result<Vec<Role>, ApiError> {
        let kind = ClientKind::ClientCredential;
        self.find_client(kind, id)?;
        let ids = self.validate_role_ids(role_ids)?;
        let roles = self.roles_of(&ids);
        if let Some(client) = self.client_mut(kind, id) {
            client.role_ids = ids;
        }
        self.version += 1;
        Ok(roles)
    }

    /// The `Role` objects for a list of role ids (unknown ids are skipped).
    pub fn roles_of(&self, ids: &[String]) -> Vec<Role> {
        ids.iter().filter_map(|id| self.role(id).cloned()).collect()
    }

    /// A new secret with a fresh id; `expiration` `None` = never expires.
    fn new_secret(
        &mut self,
        description: Option<String>,
        expiration: Option<DateTime<Utc>>,
    ) -> Result<NewSecret, ApiError> {
        let value = generate_secret_value()?;
        let stored = StoredSecret {
            id: self.next_secret_id,
            description,
            expiration,
            hash: hash_secret(&value),
        };
        self.next_secret_id = self.next_secret_id.saturating_add(1);
        Ok(NewSecret { value, stored })
    }

    /// Adds a secret to a client (the `Expires`/`Expiration` table applies).
    pub fn add_secret(
        &mut self,
        kind: ClientKind,
        client_id: &str,
        body: model::ClientSecretCreateOrUpdate,
    ) -> Result<NewSecret, ApiError> {
        let expiry = rules::secret_expiry(body.expires, body.expiration)?;
        let count = self.find_client(kind, client_id)?.secrets.len();
        if count >= rules::MAX_SECRETS {
            return Err(rules::too_many_secrets(client_id));
        }
        let secret = self.new_secret(body.description, expiry)?;
        if let Some(client) = self.client_mut(kind, client_id) {
            client.secrets.push(secret.stored.clone());
        }
        self.version += 1;
        Ok(secret)
    }

    /// Partially updates a secret. The table of §3.2 is applied to the merged result:
    /// `{"Expires": false}` makes it never expire, `{"Expires": true, "Expiration": d}` (or
    /// just `Expiration`) sets the expiry, and a body without either leaves the expiry alone.
    pub fn update_secret(
        &mut self,
        kind: ClientKind,
        client_id: &str,
        secret_id: i32,
        body: model::ClientSecretCreateOrUpdate,
    ) -> Result<StoredSecret, ApiError> {
        let client = self.find_client_mut(kind, client_id)?;
        let secret = client
            .secrets
            .iter_mut()
            .find(|s| s.id == secret_id)
            .ok_or_else(|| secret_not_found(client_id, secret_id))?;
        let expiration = match (body.expires, body.expiration) {
            (None, None) => secret.expiration,
            (Some(true), None) => rules::secret_expiry(Some(true), secret.expiration)?,
            (expires, expiration) => rules::secret_expiry(expires, expiration)?,
        };
        secret.expiration = expiration;
        if let Some(description) = body.description {
            secret.description = Some(description);
        }
        let updated = secret.clone();
        self.version += 1;
        Ok(updated)
    }

    /// Deletes a secret.
    pub fn delete_secret(
        &mut self,
        kind: ClientKind,
        client_id: &str,
        secret_id: i32,
    ) -> Result<(), ApiError> {
        let client = self.find_client_mut(kind, client_id)?;
        let before = client.secrets.len();
        client.secrets.retain(|s| s.id != secret_id);
        if client.secrets.len() == before {
            return Err(secret_not_found(client_id, secret_id));
        }
        self.version += 1;
        Ok(())
    }

    /// The whole tenant as the JSON of the `--data` file.
    pub fn to_file_json(&self) -> Vec<u8> {
        let file = TenantFileOut {
            format: FILE_FORMAT,
            tenant_id: &self.id,
            next_secret_id: self.next_secret_id,
            roles: &self.roles,
            clients: AllClients(&self.clients),
        };
        model::to_json(&file, false)
    }

    /// Reads a tenant from the JSON of a `--data` file.
    pub fn from_file_json(bytes: &[u8]) -> Result<Self, String> {
        let file: TenantFileIn = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if file.format != FILE_FORMAT {
            return Err(format!(
                "unsupported format {} (this dev-api writes format {FILE_FORMAT})",
                file.format
            ));
        }
        let mut tenant = Tenant::new(file.tenant_id, file.roles);
        for client in file.clients {
            tenant.insert(client);
        }
        tenant.next_secret_id = tenant.next_secret_id.max(file.next_secret_id);
        tenant.version = 0;
        Ok(tenant)
    }
}

/// 404 for a client.
pub fn client_not_found(kind: ClientKind, id: &str) -> ApiError {
    ApiError::not_found(
        "The client was not found.",
        format!("There is no {} with Id {id} in this tenant.", kind.label()),
        "Check the client Id and the client type. The client may have been deleted: refresh \
         the list.",
    )
}

/// 404 for a role.
pub fn role_not_found(role_id: &str) -> ApiError {
    ApiError::not_found(
        "The role was not found.",
        format!("There is no role with Id {role_id} in this tenant."),
        "Use a role Id from GET /api/v1/Tenants/{tenantId}/Roles.",
    )
}

/// 404 for a secret.
pub fn secret_not_found(client_id: &str, secret_id: i32) -> ApiError {
    ApiError::not_found(
        "The secret was not found.",
        format!("Client {client_id} has no secret with Id {secret_id}."),
        "Check the secret Id. The secret may have been deleted: refresh the list of secrets.",
    )
}

const FILE_FORMAT: u32 = 1;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TenantFileOut<'a> {
    format: u32,
    tenant_id: &'a str,
    next_secret_id: i32,
    roles: &'a [Role],
    clients: AllClients<'a>,
}

struct AllClients<'a>(&'a [IndexMap<String, StoredClient>; 3]);

impl Serialize for AllClients<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let total = self.0.iter().map(IndexMap::len).sum();
        let mut seq = serializer.serialize_seq(Some(total))?;
        for map in self.0 {
            for client in map.values() {
                seq.serialize_element(client)?;
            }
        }
        seq.end()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TenantFileIn {
    format: u32,
    tenant_id: String,
    #[serde(default)]
    next_secret_id: i32,
    roles: Vec<Role>,
    clients: Vec<StoredClient>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_values_are_43_url_safe_characters_and_hashes_are_not_the_value() {
        let value = generate_secret_value().expect("random");
        assert_eq!(value.len(), 43);
        assert!(value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let hash = hash_secret(&value);
        assert!(hash.starts_with("sha256:"));
        assert!(!hash.contains(&value));
        assert_ne!(generate_secret_value().expect("random"), value);
    }
}
