//! A kind-independent view of a client, and the "only what changed" PUT bodies.

use serde::Serialize;

use super::kind::ClientKind;
use super::wire::{
    AuthorizationCodeClient, ClientCredentialClient, ClientCredentialClientCreate,
    ClientCredentialClientCreateResponse, HybridClient, HybridClientCreate,
    HybridClientCreateResponse,
};
use chrono::{DateTime, Utc};

/// A client of any of the three kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Client {
    /// A client credential client.
    ClientCredentials(ClientCredentialClient),
    /// A hybrid client.
    Hybrid(HybridClient),
    /// An authorization code client.
    AuthorizationCode(AuthorizationCodeClient),
}

impl Client {
    /// The client's kind.
    pub fn kind(&self) -> ClientKind {
        match self {
            Client::ClientCredentials(_) => ClientKind::ClientCredentials,
            Client::Hybrid(_) => ClientKind::Hybrid,
            Client::AuthorizationCode(_) => ClientKind::AuthorizationCode,
        }
    }

    /// The client id, if the server sent one.
    pub fn id(&self) -> Option<&str> {
        match self {
            Client::ClientCredentials(c) => c.id.as_deref(),
            Client::Hybrid(c) => c.id.as_deref(),
            Client::AuthorizationCode(c) => c.id.as_deref(),
        }
    }

    /// The display name, if any.
    pub fn name(&self) -> Option<&str> {
        match self {
            Client::ClientCredentials(c) => c.name.as_deref(),
            Client::Hybrid(c) => c.name.as_deref(),
            Client::AuthorizationCode(c) => c.name.as_deref(),
        }
    }

    /// Whether the client can authenticate (`None` when the server did not say).
    pub fn enabled(&self) -> Option<bool> {
        match self {
            Client::ClientCredentials(c) => c.enabled,
            Client::Hybrid(c) => c.enabled,
            Client::AuthorizationCode(c) => c.enabled,
        }
    }

    /// Tags (internal; kept as they are by an export and an import).
    pub fn tags(&self) -> Option<&[String]> {
        match self {
            Client::ClientCredentials(c) => c.tags.as_deref(),
            Client::Hybrid(c) => c.tags.as_deref(),
            Client::AuthorizationCode(c) => c.tags.as_deref(),
        }
    }

    /// Sets Enabled (for a PUT body).
    pub fn set_enabled(&mut self, enabled: bool) {
        match self {
            Client::ClientCredentials(c) => c.enabled = Some(enabled),
            Client::Hybrid(c) => c.enabled = Some(enabled),
            Client::AuthorizationCode(c) => c.enabled = Some(enabled),
        }
    }

    /// Access token lifetime in seconds.
    pub fn access_token_lifetime(&self) -> Option<i32> {
        match self {
            Client::ClientCredentials(c) => c.access_token_lifetime,
            Client::Hybrid(c) => c.access_token_lifetime,
            Client::AuthorizationCode(c) => c.access_token_lifetime,
        }
    }

    /// Role ids (client credential clients only; empty otherwise).
    pub fn role_ids(&self) -> &[String] {
        match self {
            Client::ClientCredentials(c) => c.role_ids.as_deref().unwrap_or_default(),
            Client::Hybrid(_) | Client::AuthorizationCode(_) => &[],
        }
    }

    /// Redirect URIs (hybrid and authorization code clients; empty otherwise).
    pub fn redirect_uris(&self) -> &[String] {
        match self {
            Client::ClientCredentials(_) => &[],
            Client::Hybrid(c) => c.redirect_uris.as_deref().unwrap_or_default(),
            Client::AuthorizationCode(c) => c.redirect_uris.as_deref().unwrap_or_default(),
        }
    }

    /// Post-logout redirect URIs (hybrid and authorization code clients; empty otherwise).
    pub fn post_logout_redirect_uris(&self) -> &[String] {
        match self {
            Client::ClientCredentials(_) => &[],
            Client::Hybrid(c) => c.post_logout_redirect_uris.as_deref().unwrap_or_default(),
            Client::AuthorizationCode(c) => {
                c.post_logout_redirect_uris.as_deref().unwrap_or_default()
            }
        }
    }

    /// A PUT body that changes only `Enabled`: `{"Enabled": enabled}`.
    pub fn enabled_patch(kind: ClientKind, enabled: bool) -> Client {
        match kind {
            ClientKind::ClientCredentials => Client::ClientCredentials(ClientCredentialClient {
                enabled: Some(enabled),
                ..Default::default()
            }),
            ClientKind::Hybrid => Client::Hybrid(HybridClient {
                enabled: Some(enabled),
                ..Default::default()
            }),
            ClientKind::AuthorizationCode => Client::AuthorizationCode(AuthorizationCodeClient {
                enabled: Some(enabled),
                ..Default::default()
            }),
        }
    }

    /// The PUT body that turns `original` into `edited`: only the fields that differ, never
    /// `Id` (it is the path key). `None` when both are of different kinds.
    ///
    /// A field that is `None` in `edited` means "no opinion" and is left out: the API cannot
    /// clear a field to null through PUT. Clear a list by sending it empty.
    pub fn changes(original: &Client, edited: &Client) -> Option<Client> {
        match (original, edited) {
            (Client::ClientCredentials(a), Client::ClientCredentials(b)) => {
                Some(Client::ClientCredentials(a.changes_to(b)))
            }
            (Client::Hybrid(a), Client::Hybrid(b)) => Some(Client::Hybrid(a.changes_to(b))),
            (Client::AuthorizationCode(a), Client::AuthorizationCode(b)) => {
                Some(Client::AuthorizationCode(a.changes_to(b)))
            }
            _ => None,
        }
    }

    /// Whether this (PUT) body would change nothing.
    pub fn is_empty_patch(&self) -> bool {
        match self {
            Client::ClientCredentials(c) => *c == ClientCredentialClient::default(),
            Client::Hybrid(c) => *c == HybridClient::default(),
            Client::AuthorizationCode(c) => *c == AuthorizationCodeClient::default(),
        }
    }

    /// The client of `kind` read from its wire JSON.
    pub fn from_json(kind: ClientKind, value: serde_json::Value) -> serde_json::Result<Client> {
        Ok(match kind {
            ClientKind::ClientCredentials => {
                Client::ClientCredentials(serde_json::from_value(value)?)
            }
            ClientKind::Hybrid => Client::Hybrid(serde_json::from_value(value)?),
            ClientKind::AuthorizationCode => {
                Client::AuthorizationCode(serde_json::from_value(value)?)
            }
        })
    }

    /// The client as JSON, in its kind's wire shape.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Client::ClientCredentials(c) => to_json(c),
            Client::Hybrid(c) => to_json(c),
            Client::AuthorizationCode(c) => to_json(c),
        }
    }
}

/// The POST body of a new client, per kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewClient {
    /// `ClientCredentialClientCreate` (with the first secret's description and expiry).
    ClientCredentials(ClientCredentialClientCreate),
    /// `HybridClientCreate` (with the first secret's description and expiry).
    Hybrid(HybridClientCreate),
    /// `AuthorizationCodeClient` (no secret).
    AuthorizationCode(AuthorizationCodeClient),
}

impl NewClient {
    /// The client id sent with it (made by the console), if any.
    pub fn id(&self) -> Option<&str> {
        match self {
            NewClient::ClientCredentials(c) => c.id.as_deref(),
            NewClient::Hybrid(c) => c.id.as_deref(),
            NewClient::AuthorizationCode(c) => c.id.as_deref(),
        }
    }

    /// Sets Enabled and Tags (the forms do not: a new client is enabled, tags are internal;
    /// an imported one keeps its own).
    pub fn set_enabled_and_tags(&mut self, enabled: Option<bool>, tags: Option<Vec<String>>) {
        macro_rules! set {
            ($c:expr) => {{
                if enabled.is_some() {
                    $c.enabled = enabled;
                }
                if tags.as_ref().is_some_and(|t| !t.is_empty()) {
                    $c.tags = tags;
                }
            }};
        }
        match self {
            NewClient::ClientCredentials(c) => set!(c),
            NewClient::Hybrid(c) => set!(c),
            NewClient::AuthorizationCode(c) => set!(c),
        }
    }

    /// The kind being created.
    pub fn kind(&self) -> ClientKind {
        match self {
            NewClient::ClientCredentials(_) => ClientKind::ClientCredentials,
            NewClient::Hybrid(_) => ClientKind::Hybrid,
            NewClient::AuthorizationCode(_) => ClientKind::AuthorizationCode,
        }
    }

    /// The body as JSON, in its kind's wire shape.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            NewClient::ClientCredentials(c) => to_json(c),
            NewClient::Hybrid(c) => to_json(c),
            NewClient::AuthorizationCode(c) => to_json(c),
        }
    }
}

/// The 201 answer to a [`NewClient`]: the client, and for client-credentials and hybrid
/// clients the first secret, whose value is shown once and never again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreatedClient {
    /// `ClientCredentialClientCreateResponse`.
    ClientCredentials(ClientCredentialClientCreateResponse),
    /// `HybridClientCreateResponse`.
    Hybrid(HybridClientCreateResponse),
    /// `AuthorizationCodeClient`.
    AuthorizationCode(AuthorizationCodeClient),
}

impl CreatedClient {
    /// The created client (empty fields if the server left it out).
    pub fn client(&self) -> Client {
        match self {
            CreatedClient::ClientCredentials(r) => {
                Client::ClientCredentials(r.client.clone().unwrap_or_default())
            }
            CreatedClient::Hybrid(r) => Client::Hybrid(r.client.clone().unwrap_or_default()),
            CreatedClient::AuthorizationCode(c) => Client::AuthorizationCode(c.clone()),
        }
    }

    /// The new client's id.
    pub fn client_id(&self) -> Option<&str> {
        match self {
            CreatedClient::ClientCredentials(r) => r.client.as_ref()?.id.as_deref(),
            CreatedClient::Hybrid(r) => r.client.as_ref()?.id.as_deref(),
            CreatedClient::AuthorizationCode(c) => c.id.as_deref(),
        }
    }

    /// The first secret's value (shown once); `None` for authorization code clients.
    pub fn secret_value(&self) -> Option<&str> {
        match self {
            CreatedClient::ClientCredentials(r) => r.secret.as_deref(),
            CreatedClient::Hybrid(r) => r.secret.as_deref(),
            CreatedClient::AuthorizationCode(_) => None,
        }
    }

    /// The first secret's id.
    pub fn secret_id(&self) -> Option<i32> {
        match self {
            CreatedClient::ClientCredentials(r) => r.id,
            CreatedClient::Hybrid(r) => r.id,
            CreatedClient::AuthorizationCode(_) => None,
        }
    }

    /// The first secret's expiry (`None`: never, or no secret).
    pub fn secret_expiration(&self) -> Option<DateTime<Utc>> {
        match self {
            CreatedClient::ClientCredentials(r) => r.expiration_date,
            CreatedClient::Hybrid(r) => r.expiration_date,
            CreatedClient::AuthorizationCode(_) => None,
        }
    }
}

/// Serializes a model body. These plain structs cannot fail to serialize (string keys, no
/// custom errors); `Null` is only a formal fallback.
pub(crate) fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// `Some(edited)` when it differs from `original`, else `None` (the field is left out).
fn changed<T: PartialEq + Clone>(original: &Option<T>, edited: &Option<T>) -> Option<T> {
    match edited {
        Some(value) if original.as_ref() != Some(value) => Some(value.clone()),
        _ => None,
    }
}

/// `changes_to` for each client shape: every field but `Id` through [`changed`]. The struct
/// literal names every field, so a field added to a shape and not here does not compile.
macro_rules! changes_to {
    ($($shape:ident { $($field:ident),* $(,)? })*) => {$(
        impl $shape {
            /// The PUT body that turns `self` into `edited` (changed fields only, no `Id`).
            pub fn changes_to(&self, edited: &Self) -> Self {
                $shape {
                    id: None,
                    $($field: changed(&self.$field, &edited.$field),)*
                }
            }
        }
    )*};
}

changes_to! {
    ClientCredentialClient { name, enabled, access_token_lifetime, tags, role_ids }
    HybridClient {
        redirect_uris, post_logout_redirect_uris, client_uri, logo_uri, name, enabled,
        access_token_lifetime, tags, allow_offline_access, allow_access_tokens_via_browser,
    }
    AuthorizationCodeClient {
        redirect_uris, post_logout_redirect_uris, client_uri, logo_uri, name, enabled,
        access_token_lifetime, tags, allowed_cors_origins, allow_offline_access,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cc() -> ClientCredentialClient {
        ClientCredentialClient {
            id: Some("c1".into()),
            name: Some("Pump station telemetry".into()),
            enabled: Some(true),
            access_token_lifetime: Some(3600),
            tags: Some(vec!["internal".into()]),
            role_ids: Some(vec!["member".into()]),
        }
    }

    #[test]
    fn disable_sends_enabled_only() {
        for kind in ClientKind::ALL {
            let body = Client::enabled_patch(kind, false);
            assert_eq!(body.kind(), kind);
            assert_eq!(body.to_json(), json!({"Enabled": false}));
        }
    }

    #[test]
    fn put_body_holds_only_changed_fields() {
        let original = Client::ClientCredentials(cc());
        let mut edited = cc();
        edited.name = Some("Pump station".into());
        edited.access_token_lifetime = Some(3600); // unchanged
        let body = Client::changes(&original, &Client::ClientCredentials(edited)).unwrap();
        assert_eq!(body.to_json(), json!({"Name": "Pump station"}));

        let same = Client::changes(&original, &original).unwrap();
        assert!(same.is_empty_patch());
        assert_eq!(same.to_json(), json!({}));
    }

    #[test]
    fn put_body_for_hybrid_lists() {
        let original = HybridClient {
            id: Some("h1".into()),
            redirect_uris: Some(vec!["https://a.example/cb".into()]),
            post_logout_redirect_uris: Some(vec!["https://a.example/".into()]),
            ..Default::default()
        };
        let edited = HybridClient {
            redirect_uris: Some(vec![
                "https://a.example/cb".into(),
                "https://b.example/cb".into(),
            ]),
            post_logout_redirect_uris: Some(vec![]),
            ..original.clone()
        };
        assert_eq!(
            serde_json::to_value(original.changes_to(&edited)).unwrap(),
            json!({"RedirectUris": ["https://a.example/cb", "https://b.example/cb"], "PostLogoutRedirectUris": []})
        );
        let ac = AuthorizationCodeClient {
            allowed_cors_origins: Some(vec!["https://spa.example".into()]),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(AuthorizationCodeClient::default().changes_to(&ac)).unwrap(),
            json!({"AllowedCorsOrigins": ["https://spa.example"]})
        );
    }

    #[test]
    fn changes_between_kinds_is_none() {
        let a = Client::ClientCredentials(cc());
        let b = Client::Hybrid(HybridClient::default());
        assert_eq!(Client::changes(&a, &b), None);
    }

    #[test]
    fn accessors() {
        let client = Client::ClientCredentials(cc());
        assert_eq!(client.id(), Some("c1"));
        assert_eq!(client.name(), Some("Pump station telemetry"));
        assert_eq!(client.enabled(), Some(true));
        assert_eq!(client.access_token_lifetime(), Some(3600));
        assert_eq!(client.role_ids(), ["member".to_string()]);
        assert!(client.redirect_uris().is_empty());
        let hybrid = Client::Hybrid(HybridClient {
            redirect_uris: Some(vec!["https://x.example/cb".into()]),
            ..Default::default()
        });
        assert_eq!(hybrid.redirect_uris().len(), 1);
        assert!(hybrid.role_ids().is_empty());
        assert!(hybrid.post_logout_redirect_uris().is_empty());
    }
}
