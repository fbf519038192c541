//! Client definitions as JSON, to copy clients to another tenant: the document Export makes
//! (Import, which will read it, is not built yet). Per client its type, every field the contract lets one set on create
//! (in the contract's names, `Id` left out: the other tenant makes its own), its roles by id
//! and name (ids differ between tenants: Import matches by name), and, only if asked, its
//! secrets' descriptions and expirations. Never a secret value: the API never gives one back.
//!
//! ```json
//! { "version": 1, "clients": [ { "Type": "client-credentials",
//!     "Client": { "Name": "Pump station", "Enabled": true, "AccessTokenLifetime": 3600, "Tags": [] },
//!     "Roles": [ { "Id": "…", "Name": "Tenant Member" } ],
//!     "Secrets": [ { "Description": "Primary", "ExpirationDate": "2027-12-01T00:00:00Z" } ] } ] }
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::wire::{ClientSecret, Role};
use super::Client;

/// The only version there is.
pub const VERSION: u32 = 1;

/// A role of the client, by id (in the tenant it came from) and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RoleRef {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// A secret's description and expiry (`None`: never expires); never its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecretRef {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub expiration_date: Option<DateTime<Utc>>,
}

/// One client of the document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Definition {
    /// `client-credentials`, `hybrid` or `authorization-code`.
    #[serde(rename = "Type")]
    pub kind: String,
    /// The client's settable fields, as the contract names them.
    pub client: Value,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Vec<SecretRef>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    version: u32,
    clients: Vec<Definition>,
}

/// The definition of `client`: `secrets` only when asked for (and read).
pub fn definition_of(
    client: &Client,
    roles: &[Role],
    secrets: Option<&[ClientSecret]>,
) -> Definition {
    let mut fields = client.to_json();
    if let Some(map) = fields.as_object_mut() {
        map.remove("Id");
        map.remove("RoleIds");
    }
    let role_refs = client
        .role_ids()
        .iter()
        .map(|id| RoleRef {
            id: Some(id.clone()),
            name: roles
                .iter()
                .find(|r| r.id.as_deref() == Some(id))
                .and_then(|r| r.name.clone()),
        })
        .collect();
    Definition {
        kind: client.kind().slug().to_string(),
        client: fields,
        roles: role_refs,
        secrets: secrets.map(|list| {
            list.iter()
                .map(|s| SecretRef {
                    description: s.description.clone(),
                    expiration_date: s.effective_expiration(),
                })
                .collect()
        }),
    }
}

/// The document of `definitions`, pretty-printed.
pub fn document(definitions: Vec<Definition>) -> String {
    serde_json::to_string_pretty(&Document {
        version: VERSION,
        clients: definitions,
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::wire::{ClientCredentialClient, HybridClient};
    use chrono::TimeZone;
    use serde_json::json;

    fn role(id: &str, name: &str) -> Role {
        Role {
            id: Some(id.into()),
            name: Some(name.into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_definition_has_the_settable_fields_roles_by_id_and_name_and_no_id() {
        let client = Client::ClientCredentials(ClientCredentialClient {
            id: Some("c1".into()),
            name: Some("Pump station".into()),
            enabled: Some(false),
            access_token_lifetime: Some(900),
            tags: Some(vec!["east".into()]),
            role_ids: Some(vec!["r-member".into(), "r-gone".into()]),
        });
        let roles = [role("r-member", "Tenant Member")];
        let text = document(vec![definition_of(&client, &roles, None)]);
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["version"], json!(1));
        let c = &doc["clients"][0];
        assert_eq!(c["Type"], json!("client-credentials"));
        assert_eq!(
            c["Client"],
            json!({"Name": "Pump station", "Enabled": false, "AccessTokenLifetime": 900, "Tags": ["east"]})
        );
        assert_eq!(
            c["Roles"],
            json!([{"Id": "r-member", "Name": "Tenant Member"}, {"Id": "r-gone", "Name": null}])
        );
        assert!(c.get("Secrets").is_none(), "secrets only when asked: {c}");
    }

    #[test]
    fn secrets_give_descriptions_and_expiry_never_a_value() {
        let client = Client::Hybrid(HybridClient {
            id: Some("h1".into()),
            name: Some("Portal".into()),
            redirect_uris: Some(vec!["https://a.example/cb".into()]),
            ..Default::default()
        });
        let at = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
        let secrets = [
            ClientSecret {
                id: Some(7),
                description: Some("Primary".into()),
                expiration: Some(at),
                expires: Some(true),
            },
            ClientSecret {
                id: Some(8),
                description: Some("Legacy".into()),
                expiration: None,
                expires: Some(false),
            },
        ];
        let text = document(vec![definition_of(&client, &[], Some(&secrets))]);
        let doc: Value = serde_json::from_str(&text).unwrap();
        let c = &doc["clients"][0];
        assert_eq!(c["Client"]["RedirectUris"], json!(["https://a.example/cb"]));
        assert!(c.get("Roles").is_none());
        assert_eq!(
            c["Secrets"],
            json!([
                {"Description": "Primary", "ExpirationDate": "2027-03-01T12:00:00Z"},
                {"Description": "Legacy", "ExpirationDate": null}
            ])
        );
        assert!(
            !text.contains("\"Id\": 7") && !text.contains("Secret\":"),
            "{text}"
        );
    }
}
