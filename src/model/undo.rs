//! Undo of a change just made (Edit Client, Disable / Enable, Edit Secret): what differs
//! between two copies of a client or a secret, in the form's words, and the PUT body that
//! takes a copy back to its earlier values.
//!
//! Undo compares what the console can set (the form's fields, Enabled; a secret's
//! Description and expiry), not the whole JSON: a server that adds or drops a null field
//! between two reads has not "changed" the client.

use super::form::{client_update_body, ClientFormValues};
use super::validate::ValidationErrors;
use super::wire::{ClientSecret, ClientSecretCreateOrUpdate};
use super::Client;

/// The names (as the forms label them) of the fields that differ between `a` and `b`, in
/// the form's order; empty when the console would show both the same.
pub fn client_changed_fields(a: &Client, b: &Client) -> Vec<&'static str> {
    let (x, y) = (
        ClientFormValues::from_client(a),
        ClientFormValues::from_client(b),
    );
    let lines = |text: &str| {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let mut roles = (x.role_ids.clone(), y.role_ids.clone());
    roles.0.sort();
    roles.1.sort();
    let checks = [
        ("Name", x.name.trim() != y.name.trim()),
        (
            "Enabled",
            a.enabled().unwrap_or(true) != b.enabled().unwrap_or(true),
        ),
        (
            "Token Lifetime",
            x.access_token_lifetime != y.access_token_lifetime,
        ),
        (
            "Allowed Redirect URLs",
            lines(&x.redirect_uris) != lines(&y.redirect_uris),
        ),
        (
            "Allowed Logout Redirect URLs",
            lines(&x.post_logout_redirect_uris) != lines(&y.post_logout_redirect_uris),
        ),
        (
            "Allowed CORS Origins",
            lines(&x.allowed_cors_origins) != lines(&y.allowed_cors_origins),
        ),
        (
            "Allow Refresh Token",
            x.allow_offline_access != y.allow_offline_access,
        ),
        (
            "Allow access tokens via browser",
            x.allow_access_tokens_via_browser != y.allow_access_tokens_via_browser,
        ),
        ("Client URI", x.client_uri.trim() != y.client_uri.trim()),
        ("Logo URI", x.logo_uri.trim() != y.logo_uri.trim()),
        ("Roles", roles.0 != roles.1),
    ];
    checks
        .into_iter()
        .filter(|(_, differs)| *differs)
        .map(|(name, _)| name)
        .collect()
}

/// What Undo of a client sends: the PUT body (`None`: nothing to send) and the fields it
/// cannot put back (an address that was empty: the platform cannot clear it).
pub type ClientUndo = (Option<Client>, Vec<&'static str>);

/// The PUT body that gives `current` the values of `earlier` again (the form's fields, as
/// Edit Client would send them, and Enabled). `Err` when an earlier value is one the API no
/// longer accepts (the same validation as the form).
pub fn client_undo_body(
    current: &Client,
    earlier: &Client,
) -> Result<ClientUndo, ValidationErrors> {
    let mut values = ClientFormValues::from_client(earlier);
    let now = ClientFormValues::from_client(current);
    // An address that was empty before cannot be cleared again: it stays, and is said.
    let mut kept = Vec::new();
    if values.client_uri.trim().is_empty() && !now.client_uri.trim().is_empty() {
        values.client_uri = now.client_uri.clone();
        kept.push("Client URI");
    }
    if values.logo_uri.trim().is_empty() && !now.logo_uri.trim().is_empty() {
        values.logo_uri = now.logo_uri.clone();
        kept.push("Logo URI");
    }
    let mut body = client_update_body(current, &values)?;
    let enabled = earlier.enabled().unwrap_or(true);
    if current.enabled().unwrap_or(true) != enabled {
        let patch = body.get_or_insert_with(|| Client::enabled_patch(current.kind(), enabled));
        patch.set_enabled(enabled);
    }
    Ok((body, kept))
}

/// The names of the secret's fields that differ between `a` and `b`.
pub fn secret_changed_fields(a: &ClientSecret, b: &ClientSecret) -> Vec<&'static str> {
    let description = |s: &ClientSecret| s.description.clone().unwrap_or_default();
    let mut changed = Vec::new();
    if description(a).trim() != description(b).trim() {
        changed.push("Description");
    }
    if a.effective_expiration() != b.effective_expiration() {
        changed.push("Expiration Date");
    }
    changed
}

/// The PUT body that gives the secret `current` the Description and expiry of `earlier`
/// again; `None` when they already agree. An earlier expiry in the past is sent as it was:
/// undoing an edit restores the secret as it was, expired or not.
pub fn secret_undo_body(
    current: &ClientSecret,
    earlier: &ClientSecret,
) -> Option<ClientSecretCreateOrUpdate> {
    let changed = secret_changed_fields(current, earlier);
    let description = earlier.description.clone().unwrap_or_default();
    if changed.contains(&"Expiration Date") {
        Some(ClientSecretCreateOrUpdate::with_expiry(
            earlier.effective_expiration(),
            Some(description),
        ))
    } else if changed.contains(&"Description") {
        Some(ClientSecretCreateOrUpdate::description_only(description))
    } else {
        None
    }
}

/// "Name, Roles and Enabled".
pub fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::wire::{ClientCredentialClient, HybridClient};
    use chrono::{TimeZone, Utc};
    use serde_json::json;

    fn cc(name: &str, enabled: bool, roles: &[&str]) -> Client {
        Client::ClientCredentials(ClientCredentialClient {
            id: Some("c1".into()),
            name: Some(name.into()),
            enabled: Some(enabled),
            access_token_lifetime: Some(3600),
            role_ids: Some(roles.iter().map(|r| r.to_string()).collect()),
            ..Default::default()
        })
    }

    #[test]
    fn the_same_client_has_no_changed_fields_even_with_nulls_dropped() {
        let a = cc("Pump", true, &["r1", "r2"]);
        let mut b = cc("Pump", true, &["r2", "r1"]);
        if let Client::ClientCredentials(c) = &mut b {
            c.tags = None;
        }
        assert!(client_changed_fields(&a, &b).is_empty());
    }

    #[test]
    fn changed_fields_are_named_as_the_form_labels_them() {
        let a = cc("Pump", true, &["r1"]);
        let b = cc("Pump 2", false, &[]);
        assert_eq!(client_changed_fields(&a, &b), ["Name", "Enabled", "Roles"]);
        assert_eq!(
            and_list(&client_changed_fields(&a, &b)),
            "Name, Enabled and Roles"
        );
    }

    #[test]
    fn undo_of_an_edit_puts_back_only_the_fields_that_differ() {
        let before = cc("Pump", true, &["r1"]);
        let after = cc("Pump station", true, &["r1", "r2"]);
        let body = client_undo_body(&after, &before).unwrap().0.unwrap();
        assert_eq!(
            body.to_json(),
            json!({"Name": "Pump", "RoleIds": ["r1"]}),
            "the PUT names only what Undo changes back"
        );
    }

    #[test]
    fn undo_of_disable_enables_again_and_nothing_else() {
        let before = cc("Pump", true, &["r1"]);
        let after = cc("Pump", false, &["r1"]);
        let body = client_undo_body(&after, &before).unwrap().0.unwrap();
        assert_eq!(body.to_json(), json!({"Enabled": true}));
        let body = client_undo_body(&before, &after).unwrap().0.unwrap();
        assert_eq!(body.to_json(), json!({"Enabled": false}));
        assert_eq!(client_undo_body(&before, &before).unwrap(), (None, vec![]));
    }

    #[test]
    fn undo_of_a_hybrid_edit_keeps_a_uri_that_was_not_set_and_says_so() {
        let before = Client::Hybrid(HybridClient {
            id: Some("h1".into()),
            name: Some("Portal".into()),
            redirect_uris: Some(vec!["https://a.example/cb".into()]),
            ..Default::default()
        });
        let mut after = before.clone();
        if let Client::Hybrid(c) = &mut after {
            c.client_uri = Some("https://a.example".into());
            c.allow_offline_access = Some(true);
        }
        assert_eq!(
            client_changed_fields(&before, &after),
            ["Allow Refresh Token", "Client URI"]
        );
        let (body, kept) = client_undo_body(&after, &before).unwrap();
        let json = body.unwrap().to_json();
        assert_eq!(json["AllowOfflineAccess"], json!(false));
        assert_eq!(json.get("ClientUri"), None, "{json}");
        assert_eq!(kept, ["Client URI"], "the platform cannot clear it: said");
    }

    fn secret(description: Option<&str>, at: Option<(i32, u32)>) -> ClientSecret {
        ClientSecret {
            id: Some(1),
            description: description.map(str::to_string),
            expiration: at.map(|(y, m)| Utc.with_ymd_and_hms(y, m, 1, 12, 0, 0).unwrap()),
            expires: Some(at.is_some()),
        }
    }

    #[test]
    fn undo_of_a_secret_edit_restores_description_and_expiry() {
        let before = secret(Some("Line 4 PLC"), Some((2027, 3)));
        let after = secret(Some("Line 4"), None);
        assert_eq!(
            secret_changed_fields(&before, &after),
            ["Description", "Expiration Date"]
        );
        let body = secret_undo_body(&after, &before).unwrap();
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["Description"], json!("Line 4 PLC"));
        assert_eq!(json["Expires"], json!(true));
        assert_eq!(json["Expiration"], json!("2027-03-01T12:00:00Z"));
        // Back to never expiring, and a description only.
        let json = serde_json::to_value(secret_undo_body(&before, &after).unwrap()).unwrap();
        assert_eq!(json["Expires"], json!(false));
        let only = secret(Some("Line 4"), Some((2027, 3)));
        let json = serde_json::to_value(secret_undo_body(&only, &before).unwrap()).unwrap();
        assert_eq!(json, json!({"Description": "Line 4 PLC"}));
        assert_eq!(secret_undo_body(&before, &before), None);
    }
}
