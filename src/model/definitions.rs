//! Client definitions as JSON, to copy clients to another tenant: the document Export makes
//! and Import reads (its dry run: [`plan`]). Per client its type, every field the contract lets one set on create
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

use std::collections::HashSet;
use std::fmt::Display;

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::form::{new_client_body, ClientFormValues};
use super::wire::{ClientSecret, Role};
use super::{to_datetime_local, Client, ClientKind, NewClient};

/// The only version there is.
pub const VERSION: u32 = 1;

/// Import reads no larger document (a tenant's 50 000 clients fit in a few MB).
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

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

/// A client of a document that reads: its kind, its fields (typed), its roles and secrets.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub kind: ClientKind,
    pub client: Client,
    pub roles: Vec<RoleRef>,
    pub secrets: Vec<SecretRef>,
}

/// Reads a document; when it is not one, a message that says what is wrong (nothing is sent).
pub fn parse(text: &str) -> Result<Vec<Parsed>, String> {
    if text.len() > MAX_BYTES {
        return Err(format!(
            "This is {:.1} MB of text; a client definitions document is at most {} MB. Pick the file that Export as JSON made.",
            text.len() as f64 / 1_048_576.0,
            MAX_BYTES / 1_048_576
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "This is not JSON (line {}, column {}). Pick the file that Export as JSON made, or paste all of its text.",
            e.line(),
            e.column()
        )
    })?;
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => {
            return Err(format!(
                "This document is of version {v}; this console reads version {VERSION}. Export it again with this console."
            ))
        }
        None => {
            return Err("This JSON is not a client definitions document: it has no \"version\". Pick the file that Export as JSON made.".into())
        }
    }
    let document: Document = serde_json::from_value(value).map_err(|e| {
        format!("The document does not have the expected shape ({e}). Nothing was sent.")
    })?;
    if document.clients.is_empty() {
        return Err("The document holds no clients.".into());
    }
    document
        .clients
        .into_iter()
        .enumerate()
        .map(|(i, d)| parse_one(i, d))
        .collect()
}

fn parse_one(i: usize, d: Definition) -> Result<Parsed, String> {
    let at = format!("Client {} of the document", i + 1);
    let kind = ClientKind::from_slug(&d.kind).ok_or_else(|| {
        format!(
            "{at} has the type “{}”; it must be client-credentials, hybrid or authorization-code.",
            d.kind
        )
    })?;
    if !d.client.is_object() {
        return Err(format!(
            "{at}: “Client” must be an object of the client's fields."
        ));
    }
    let client = Client::from_json(kind, d.client)
        .map_err(|e| format!("{at}: a field has the wrong type ({e})."))?;
    Ok(Parsed {
        kind,
        client,
        roles: d.roles,
        secrets: d.secrets.unwrap_or_default(),
    })
}

/// What becomes of a role of the document in this tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleFate {
    /// A role of this tenant has its name (or, without a name, its id).
    Matched { name: String, id: String },
    /// No role of this tenant has that name: the client is created without it.
    Dropped { name: String },
    /// The Tenant Member role, which every client-credentials client needs, was added.
    MemberAdded { name: String, id: String },
}

/// The dry run for one client: what Create would send, or why it cannot.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub kind: ClientKind,
    pub name: String,
    /// A client of that type and name exists in this tenant (create anyway, or skip).
    pub exists: bool,
    pub roles: Vec<RoleFate>,
    /// What the contract refuses (the form's validation): field and why. Not created.
    pub refused: Vec<(String, String)>,
    /// Said beside the row (an expired secret given a new expiry, secrets left out).
    pub notes: Vec<String>,
    /// The POST body (with the client id made for it); `None` when refused.
    pub body: Option<NewClient>,
}

/// The dry run of `parsed` for this tenant: `existing` (kind, name) pairs, its roles, `id` the
/// new client's id (made once, so that a retry cannot create it twice).
pub fn plan<Tz: TimeZone>(
    parsed: &Parsed,
    existing: &HashSet<(ClientKind, String)>,
    tenant_roles: &[Role],
    id: String,
    now: &DateTime<Tz>,
) -> Plan
where
    Tz::Offset: Display,
{
    let kind = parsed.kind;
    let name = parsed.client.name().unwrap_or_default().trim().to_string();
    let mut values = ClientFormValues::from_client(&parsed.client);
    let mut notes = Vec::new();
    let roles = if kind.has_roles() {
        role_fates(&parsed.roles, tenant_roles)
    } else {
        Vec::new()
    };
    values.role_ids = roles
        .iter()
        .filter_map(|f| match f {
            RoleFate::Matched { id, .. } | RoleFate::MemberAdded { id, .. } => Some(id.clone()),
            RoleFate::Dropped { .. } => None,
        })
        .collect();
    values.secret = ClientFormValues::for_new(now).secret;
    if kind.has_secrets() {
        if let Some(first) = parsed.secrets.first() {
            values.secret.description = first.description.clone().unwrap_or_default();
            match first.expiration_date {
                None => values.secret.never_expires = true,
                Some(at) if at > now.with_timezone(&Utc) => {
                    values.secret.expiration = to_datetime_local(at, &now.timezone());
                }
                Some(_) => notes.push(
                    "Its first secret had expired: the new one expires in a year.".to_string(),
                ),
            }
        }
        if parsed.secrets.len() > 1 {
            notes.push(format!(
                "Only one secret is created (the first of {}); add the others after the import.",
                parsed.secrets.len()
            ));
        }
    }
    let (body, refused) = match new_client_body(kind, &values, Some(id), now) {
        Ok(mut body) => {
            body.set_enabled_and_tags(
                parsed.client.enabled(),
                parsed.client.tags().map(<[String]>::to_vec),
            );
            (Some(body), Vec::new())
        }
        Err(errors) => (
            None,
            errors
                .iter()
                .map(|(field, why)| (field.to_string(), why.to_string()))
                .collect(),
        ),
    };
    Plan {
        kind,
        exists: existing.contains(&(kind, name.clone())),
        name,
        roles,
        refused,
        notes,
        body,
    }
}

/// Each role of the document matched by name in this tenant (by id when it has no name), and
/// the Tenant Member role added when it is missing.
fn role_fates(refs: &[RoleRef], tenant_roles: &[Role]) -> Vec<RoleFate> {
    let mut fates: Vec<RoleFate> = refs
        .iter()
        .map(|r| {
            let found = match (&r.name, &r.id) {
                (Some(name), _) => tenant_roles
                    .iter()
                    .find(|t| t.name.as_deref() == Some(name)),
                (None, Some(id)) => tenant_roles.iter().find(|t| t.id.as_deref() == Some(id)),
                (None, None) => None,
            };
            let name = r.name.clone().or_else(|| r.id.clone()).unwrap_or_default();
            match found.and_then(|t| t.id.clone()) {
                Some(id) => RoleFate::Matched { name, id },
                None => RoleFate::Dropped { name },
            }
        })
        .collect();
    let has_member = |fates: &[RoleFate]| {
        fates.iter().any(|f| match f {
            RoleFate::Matched { id, .. } => tenant_roles
                .iter()
                .any(|t| t.id.as_deref() == Some(id) && t.is_tenant_member()),
            _ => false,
        })
    };
    if !has_member(&fates) {
        if let Some(member) = tenant_roles.iter().find(|t| t.is_tenant_member()) {
            fates.push(RoleFate::MemberAdded {
                name: member
                    .name
                    .clone()
                    .unwrap_or_else(|| "Tenant Member".into()),
                id: member.id.clone().unwrap_or_default(),
            });
        }
    }
    fates
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let client = Client::from_json(
            ClientKind::ClientCredentials,
            json!({
                "Id": "c1", "Name": "Pump station", "Enabled": false, "AccessTokenLifetime": 900,
                "Tags": ["east"], "RoleIds": ["r-member", "r-gone"]
            }),
        )
        .unwrap();
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
        let client = Client::from_json(
            ClientKind::Hybrid,
            json!({"Id": "h1", "Name": "Portal", "RedirectUris": ["https://a.example/cb"]}),
        )
        .unwrap();
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

    #[test]
    fn a_bad_document_gets_a_clear_message() {
        assert!(parse("{ not json")
            .unwrap_err()
            .starts_with("This is not JSON (line 1"));
        assert!(parse(r#"{"clients": []}"#)
            .unwrap_err()
            .contains("no \"version\""));
        assert!(parse(r#"{"version": 2, "clients": []}"#)
            .unwrap_err()
            .contains("version 2"));
        assert!(parse(r#"{"version": 1, "clients": []}"#)
            .unwrap_err()
            .contains("no clients"));
        let wrong =
            r#"{"version": 1, "clients": [{"Type": "client-credentials", "Client": {"Name": 5}}]}"#;
        assert!(parse(wrong)
            .unwrap_err()
            .starts_with("Client 1 of the document: a field has the wrong type"));
        let kind = r#"{"version": 1, "clients": [{"Type": "device-code", "Client": {}}]}"#;
        assert!(parse(kind).unwrap_err().contains("the type “device-code”"));
        let big = " ".repeat(MAX_BYTES + 1);
        assert!(parse(&big).unwrap_err().contains("at most 8 MB"));
    }

    fn tenant() -> Vec<Role> {
        vec![
            Role {
                role_type_id: Some(crate::model::TENANT_MEMBER_ROLE_TYPE_ID.into()),
                ..role("other-member", "Tenant Member")
            },
            role("other-ops", "Pipeline Operators"),
        ]
    }

    #[test]
    fn the_dry_run_matches_roles_by_name_drops_unknown_ones_and_flags_names_that_exist() {
        let text = r#"{"version": 1, "clients": [{"Type": "client-credentials",
            "Client": {"Name": "Pump", "Enabled": false, "AccessTokenLifetime": 900, "Tags": ["east"]},
            "Roles": [{"Id": "r1", "Name": "Pipeline Operators"}, {"Id": "r2", "Name": "Gone role"}],
            "Secrets": [{"Description": "Primary", "ExpirationDate": "2030-01-01T00:00:00Z"}, {"Description": "B", "ExpirationDate": null}]}]}"#;
        let parsed = parse(text).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let existing = HashSet::from([(ClientKind::ClientCredentials, "Pump".to_string())]);
        let p = plan(&parsed[0], &existing, &tenant(), "new-id".into(), &now);
        assert!(p.exists);
        assert_eq!(
            p.roles,
            [
                RoleFate::Matched {
                    name: "Pipeline Operators".into(),
                    id: "other-ops".into()
                },
                RoleFate::Dropped {
                    name: "Gone role".into()
                },
                RoleFate::MemberAdded {
                    name: "Tenant Member".into(),
                    id: "other-member".into()
                },
            ]
        );
        assert!(p.refused.is_empty());
        assert_eq!(p.notes.len(), 1, "{:?}", p.notes);
        let body = p.body.unwrap().to_json();
        assert_eq!(body["Id"], json!("new-id"));
        assert_eq!(body["Name"], json!("Pump"));
        assert_eq!(body["Enabled"], json!(false));
        assert_eq!(body["Tags"], json!(["east"]));
        assert_eq!(body["AccessTokenLifetime"], json!(900));
        assert_eq!(body["RoleIds"], json!(["other-ops", "other-member"]));
        assert_eq!(body["SecretDescription"], json!("Primary"));
        assert_eq!(body["SecretExpirationDate"], json!("2030-01-01T00:00:00Z"));
    }

    #[test]
    fn the_dry_run_says_which_field_the_contract_refuses() {
        let text = r#"{"version": 1, "clients": [{"Type": "hybrid", "Client": {"Name": "Portal", "AccessTokenLifetime": 99999}}]}"#;
        let parsed = parse(text).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let p = plan(&parsed[0], &HashSet::new(), &tenant(), "id".into(), &now);
        assert!(!p.exists);
        assert!(p.body.is_none());
        let fields: Vec<&str> = p.refused.iter().map(|(f, _)| f.as_str()).collect();
        assert!(fields.contains(&"AccessTokenLifetime"), "{:?}", p.refused);
        assert!(
            fields.contains(&"RedirectUris"),
            "a hybrid client needs one: {:?}",
            p.refused
        );
    }
}
