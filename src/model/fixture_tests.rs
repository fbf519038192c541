//! Every documented example in `../shared/admin-api/fixtures/` parses into the model and
//! serializes back to the same JSON (so field names and types match exactly); the explicit
//! nulls of "never expires" are written as the contract says.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use super::*;

fn fixtures_dir() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/admin-api/fixtures"
    ))
    .to_path_buf()
}

fn read(name: &str) -> String {
    let path = fixtures_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses `name` as `T`, then checks `T` serializes back to the same JSON value.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let text = read(name);
    let value: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let original: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        original,
        "{name} does not round-trip"
    );
    value
}

/// [`round_trip`] for the table below.
fn check<T: DeserializeOwned + Serialize>(name: &str) {
    drop(round_trip::<T>(name));
}

type Check = (&'static str, fn(&str));

/// Every fixture file and the model type it documents.
const FIXTURES: &[Check] = &[
    (
        "authorization-code-client-list.json",
        check::<Vec<AuthorizationCodeClient>>,
    ),
    (
        "authorization-code-client.json",
        check::<AuthorizationCodeClient>,
    ),
    (
        "client-credential-client-create-request.json",
        check::<ClientCredentialClientCreate>,
    ),
    (
        "client-credential-client-create-response.json",
        check::<ClientCredentialClientCreateResponse>,
    ),
    (
        "client-credential-client-list.json",
        check::<Vec<ClientCredentialClient>>,
    ),
    (
        "client-credential-client-multistatus-response.json",
        check::<ClientCredentialClientMultiStatusResponse>,
    ),
    (
        "client-credential-client.json",
        check::<ClientCredentialClient>,
    ),
    ("device-code-client.json", check::<DeviceCodeClient>),
    ("error-response-legacy-example.json", check::<ErrorResponse>),
    ("error-response.json", check::<ErrorResponse>),
    (
        "hybrid-client-create-request.json",
        check::<HybridClientCreate>,
    ),
    (
        "hybrid-client-create-response.json",
        check::<HybridClientCreateResponse>,
    ),
    ("hybrid-client-list.json", check::<Vec<HybridClient>>),
    ("hybrid-client.json", check::<HybridClient>),
    (
        "multistatus-child-error.json",
        check::<MultiStatusResponseChildError>,
    ),
    ("role-list.json", check::<Vec<Role>>),
    ("role.json", check::<Role>),
    (
        "secret-create-or-update-request.json",
        check::<ClientSecretCreateOrUpdate>,
    ),
    ("secret-create-response.json", check::<ClientSecretResponse>),
    ("secret-list.json", check::<Vec<ClientSecret>>),
    ("secret.json", check::<ClientSecret>),
];

#[test]
fn every_fixture_parses_and_round_trips() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap_or_else(|e| panic!("{}: {e}", fixtures_dir().display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    on_disk.sort();
    let known: Vec<&str> = FIXTURES.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        on_disk, known,
        "a fixture has no model type here (or is gone)"
    );
    for (name, check) in FIXTURES {
        check(name);
    }
}

#[test]
fn fixture_values_land_in_the_right_fields() {
    let date = Utc.with_ymd_and_hms(2019, 8, 24, 14, 15, 22).unwrap();
    let created: ClientCredentialClientCreateResponse =
        round_trip("client-credential-client-create-response.json");
    assert_eq!(created.secret.as_deref(), Some("string"));
    assert_eq!(created.id, Some(0));
    assert_eq!(created.expiration_date, Some(date));
    assert_eq!(
        created.client.and_then(|c| c.role_ids),
        Some(vec!["string".to_owned()])
    );

    let secret: ClientSecret = round_trip("secret.json");
    assert_eq!(
        (secret.expiration, secret.expires, secret.id),
        (Some(date), Some(true), Some(0))
    );

    let hybrid: HybridClient = round_trip("hybrid-client.json");
    assert_eq!(hybrid.allow_access_tokens_via_browser, Some(true));
    assert_eq!(hybrid.post_logout_redirect_uris.map(|u| u.len()), Some(1));

    let multi: ClientCredentialClientMultiStatusResponse =
        round_trip("client-credential-client-multistatus-response.json");
    let child = &multi.child_errors.unwrap_or_default()[0];
    assert_eq!(
        (child.status_code, child.model_id.as_deref()),
        (Some(0), Some("string"))
    );
    assert_eq!(child.extra.get("property1"), Some(&Value::Null));
    assert_eq!(multi.data.map(|d| d.len()), Some(1));

    let error: ErrorResponse = round_trip("error-response-legacy-example.json");
    assert_eq!(
        error.operation_id.as_deref(),
        Some("1b2af18e-8b27-4f86-93e0-6caa3e59b90c")
    );
    assert_eq!(error.reason.as_deref(), Some("Reason that caused error."));
    assert_eq!(
        error.resolution.as_deref(),
        Some("Possible solution for the error.")
    );
    let error: ErrorResponse = round_trip("error-response.json");
    assert!(error
        .dynamic_properties
        .is_some_and(|p| p.contains_key("property1")));
    assert_eq!(error.extra.len(), 2);

    let role: Role = round_trip("role.json");
    assert_eq!(role.scope(), RoleScope::None);
}

#[test]
fn non_verbose_bodies_and_unknown_fields_parse() {
    // Non-verbose output leaves nulls out; new server fields must not break old clients.
    let secret: ClientSecret =
        serde_json::from_str(r#"{"Id": 3, "Expires": false, "Future": [1]}"#).unwrap();
    assert_eq!(
        (secret.id, secret.expires, secret.expiration),
        (Some(3), Some(false), None)
    );
    let secret: ClientSecret = serde_json::from_str(r#"{"Id": 4, "Expiration": null}"#).unwrap();
    assert_eq!(secret.expiration, None);
    let client: ClientCredentialClient = serde_json::from_str("{}").unwrap();
    assert_eq!(client, ClientCredentialClient::default());
    // .NET style: seven fractional digits, or no offset (read as UTC).
    let secret: ClientSecret =
        serde_json::from_str(r#"{"Expiration": "2027-01-02T03:04:05.1234567Z"}"#).unwrap();
    assert_eq!(
        secret.expiration.map(|d| d.timestamp()),
        Some(
            Utc.with_ymd_and_hms(2027, 1, 2, 3, 4, 5)
                .unwrap()
                .timestamp()
        )
    );
    let secret: ClientSecret =
        serde_json::from_str(r#"{"Expiration": "2027-01-02T03:04:05"}"#).unwrap();
    assert_eq!(
        secret.expiration,
        Some(Utc.with_ymd_and_hms(2027, 1, 2, 3, 4, 5).unwrap())
    );
    let secret: ClientSecret =
        serde_json::from_str(r#"{"Expiration": "2027-01-02T04:04:05+01:00"}"#).unwrap();
    assert_eq!(
        secret.expiration,
        Some(Utc.with_ymd_and_hms(2027, 1, 2, 3, 4, 5).unwrap())
    );
    assert!(serde_json::from_str::<ClientSecret>(r#"{"Expiration": "soon"}"#).is_err());
}

#[test]
fn never_expires_is_explicit_nulls_exactly_as_the_contract_says() {
    // Secret: {"Expires": false, "Expiration": null}.
    let body = ClientSecretCreateOrUpdate::never_expires(None);
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"Expiration": null, "Expires": false})
    );
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"Expiration":null,"Expires":false}"#
    );
    let body = ClientSecretCreateOrUpdate::with_expiry(None, Some("rotation".into()));
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"Expiration": null, "Expires": false, "Description": "rotation"})
    );
    // An expiring secret: {"Expires": true, "Expiration": "<UTC>Z"}.
    let at = Utc.with_ymd_and_hms(2027, 11, 26, 16, 18, 0).unwrap();
    let body = ClientSecretCreateOrUpdate::with_expiry(Some(at), Some("ci".into()));
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"Expiration":"2027-11-26T16:18:00Z","Expires":true,"Description":"ci"}"#
    );
    // A description-only update leaves the expiry out entirely.
    let body = ClientSecretCreateOrUpdate::description_only("renamed".into());
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"Description": "renamed"})
    );

    // Client create: "SecretExpirationDate": null, present, not omitted.
    let create = ClientCredentialClientCreate {
        name: Some("Telemetry".into()),
        enabled: Some(true),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&create).unwrap(),
        r#"{"Name":"Telemetry","Enabled":true,"SecretExpirationDate":null}"#
    );
    let create = HybridClientCreate {
        name: Some("Portal".into()),
        redirect_uris: Some(vec!["https://portal.example/cb".into()]),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&create).unwrap(),
        json!({"Name": "Portal", "RedirectUris": ["https://portal.example/cb"], "SecretExpirationDate": null})
    );
    let create = HybridClientCreate {
        secret_expiration_date: Some(at),
        ..create
    };
    assert_eq!(
        serde_json::to_value(&create).unwrap()["SecretExpirationDate"],
        json!("2027-11-26T16:18:00Z")
    );
}
