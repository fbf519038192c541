//! Conformance with `../shared/admin-api/fixtures/`: every documented example deserializes
//! into dev-api's types, and dev-api's verbose responses have exactly the documented field
//! names, in the documented order, with the documented JSON types.

use std::{fmt, path::PathBuf};

use axum::http::{Method, StatusCode};
use dev_api::model::*;
use serde::{
    de::{DeserializeOwned, MapAccess, SeqAccess, Visitor},
    Deserialize, Deserializer,
};
use serde_json::json;

use crate::support::*;

/// The fixtures folder: `<manifest>/../../shared/admin-api/fixtures`.
fn fixtures() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/admin-api/fixtures");
    assert!(
        dir.is_dir(),
        "the API fixtures are missing: expected them in {} (the `shared/` folder must sit \
         beside the repository checkout)",
        dir.display()
    );
    dir
}

fn fixture_text(name: &str) -> String {
    let path = fixtures().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// JSON that keeps the order of object keys (serde_json's `Value` sorts them).
#[derive(Debug, Clone, PartialEq)]
enum Ordered {
    Null,
    Bool,
    Number,
    String,
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    fn kind(&self) -> &'static str {
        match self {
            Ordered::Null => "null",
            Ordered::Bool => "bool",
            Ordered::Number => "number",
            Ordered::String => "string",
            Ordered::Array(_) => "array",
            Ordered::Object(_) => "object",
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Null)
            }
            fn visit_none<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
                Ok(Ordered::Bool)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
                Ok(Ordered::Number)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
                Ok(Ordered::Number)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
                Ok(Ordered::Number)
            }
            fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
                Ok(Ordered::String)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Ordered::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Ordered>()? {
                    entries.push((key, value));
                }
                Ok(Ordered::Object(entries))
            }
        }
        d.deserialize_any(V)
    }
}

fn ordered(bytes: &[u8]) -> Ordered {
    serde_json::from_slice(bytes).expect("JSON")
}

/// Keys the documentation generator writes for "additional properties allowed".
fn placeholder(key: &str) -> bool {
    key.starts_with("property")
}

/// Checks that `actual` has the documented shape of `doc`: the same keys in the same order
/// (placeholders excepted), and the same JSON types (an actual `null` is allowed anywhere).
fn same_shape(doc: &Ordered, actual: &Ordered, at: &str) {
    match (doc, actual) {
        (_, Ordered::Null) => {}
        (Ordered::Object(doc), Ordered::Object(actual)) => {
            let doc_keys: Vec<&str> = doc
                .iter()
                .map(|(k, _)| k.as_str())
                .filter(|k| !placeholder(k))
                .collect();
            let actual_keys: Vec<&str> = actual.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(actual_keys, doc_keys, "field names and order at {at}");
            for (key, value) in actual {
                let documented = &doc.iter().find(|(k, _)| k == key).expect("key").1;
                same_shape(documented, value, &format!("{at}.{key}"));
            }
        }
        (Ordered::Array(doc), Ordered::Array(actual)) => {
            if let Some(first) = doc.first() {
                for (i, item) in actual.iter().enumerate() {
                    same_shape(first, item, &format!("{at}[{i}]"));
                }
            }
        }
        (doc, actual) => assert_eq!(actual.kind(), doc.kind(), "JSON type at {at}"),
    }
}

/// Non-verbose: no nulls, and the keys are the documented ones in the documented order.
fn subset_shape(doc: &Ordered, actual: &Ordered, at: &str) {
    match (doc, actual) {
        (_, Ordered::Null) => panic!("null at {at} in a non-verbose response"),
        (Ordered::Object(doc), Ordered::Object(actual)) => {
            let doc_keys: Vec<&str> = doc.iter().map(|(k, _)| k.as_str()).collect();
            let positions: Vec<usize> = actual
                .iter()
                .map(|(k, _)| {
                    doc_keys
                        .iter()
                        .position(|d| d == k)
                        .unwrap_or_else(|| panic!("undocumented field {k} at {at}"))
                })
                .collect();
            assert!(positions.windows(2).all(|w| w[0] < w[1]), "order at {at}");
            for (key, value) in actual {
                let documented = &doc.iter().find(|(k, _)| k == key).expect("key").1;
                subset_shape(documented, value, &format!("{at}.{key}"));
            }
        }
        (Ordered::Array(doc), Ordered::Array(actual)) => {
            if let Some(first) = doc.first() {
                for (i, item) in actual.iter().enumerate() {
                    subset_shape(first, item, &format!("{at}[{i}]"));
                }
            }
        }
        (doc, actual) => assert_eq!(actual.kind(), doc.kind(), "JSON type at {at}"),
    }
}

fn parses<T: DeserializeOwned>(name: &str) {
    let text = fixture_text(name);
    if let Err(e) = serde_json::from_str::<T>(&text) {
        panic!("{name} does not deserialize into dev-api's type: {e}");
    }
}

#[test]
fn every_fixture_deserializes_into_dev_api_types() {
    type Check = (&'static str, fn(&str));
    let checks: Vec<Check> = vec![
        (
            "authorization-code-client-list.json",
            parses::<Vec<AuthorizationCodeClient>>,
        ),
        (
            "authorization-code-client.json",
            parses::<AuthorizationCodeClient>,
        ),
        (
            "client-credential-client-create-request.json",
            parses::<ClientCredentialClientCreate>,
        ),
        (
            "client-credential-client-create-response.json",
            parses::<ClientCredentialClientCreateResponse>,
        ),
        (
            "client-credential-client-list.json",
            parses::<Vec<ClientCredentialClient>>,
        ),
        (
            "client-credential-client-multistatus-response.json",
            parses::<ClientCredentialClientMultiStatusResponse>,
        ),
        (
            "client-credential-client.json",
            parses::<ClientCredentialClient>,
        ),
        ("device-code-client.json", parses::<DeviceCodeClient>),
        (
            "error-response-legacy-example.json",
            parses::<ErrorResponse>,
        ),
        ("error-response.json", parses::<ErrorResponse>),
        (
            "hybrid-client-create-request.json",
            parses::<HybridClientCreate>,
        ),
        (
            "hybrid-client-create-response.json",
            parses::<HybridClientCreateResponse>,
        ),
        ("hybrid-client-list.json", parses::<Vec<HybridClient>>),
        ("hybrid-client.json", parses::<HybridClient>),
        (
            "multistatus-child-error.json",
            parses::<MultiStatusResponseChildError>,
        ),
        ("role-list.json", parses::<Vec<Role>>),
        ("role.json", parses::<Role>),
        (
            "secret-create-or-update-request.json",
            parses::<ClientSecretCreateOrUpdate>,
        ),
        (
            "secret-create-response.json",
            parses::<ClientSecretResponse>,
        ),
        ("secret-list.json", parses::<Vec<ClientSecret>>),
        ("secret.json", parses::<ClientSecret>),
    ];
    for (name, check) in &checks {
        check(name);
    }
    // Every fixture in the folder is covered (a new one must be added here).
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut covered: Vec<String> = checks.iter().map(|(n, _)| n.to_string()).collect();
    covered.sort();
    assert_eq!(on_disk, covered);

    // The documented values survive: the create request's date, the response's secret id.
    let create: ClientCredentialClientCreate = serde_json::from_str(&fixture_text(
        "client-credential-client-create-request.json",
    ))
    .expect("create");
    assert_eq!(
        create
            .secret_expiration_date
            .map(|d| dev_api::model::format_date(&d))
            .as_deref(),
        Some("2019-08-24T14:15:22Z")
    );
    let error: ErrorResponse =
        serde_json::from_str(&fixture_text("error-response.json")).expect("error");
    assert!(error.dynamic_properties.is_some());
}

/// GETs `path` verbose and non-verbose (status 200/201 expected) and checks both against the
/// fixture.
async fn check(
    app: &axum::Router,
    method: Method,
    path: &str,
    body: Option<serde_json::Value>,
    fixture: &str,
) {
    let doc = ordered(fixture_text(fixture).as_bytes());
    for verbose in [true, false] {
        let mut request = call(method.clone(), path).token(ADMIN);
        if verbose {
            request = request.verbose();
        }
        if let Some(body) = &body {
            request = request.json(body.clone());
        }
        let resp = request.send(app).await;
        assert!(resp.status.is_success(), "{method} {path}: {}", resp.text());
        let actual = ordered(&resp.body);
        if verbose {
            same_shape(&doc, &actual, fixture);
        } else {
            subset_shape(&doc, &actual, fixture);
        }
    }
}

#[tokio::test]
async fn responses_have_exactly_the_documented_fields_in_order() {
    let app = app();
    let member = dev_api::seed::ROLE_TENANT_MEMBER;
    for (kind, id, one, list) in [
        (
            CC,
            PUMP,
            "client-credential-client.json",
            "client-credential-client-list.json",
        ),
        (
            HYBRID,
            OPS_DASHBOARD,
            "hybrid-client.json",
            "hybrid-client-list.json",
        ),
        (
            AUTH_CODE,
            MOBILE_APP,
            "authorization-code-client.json",
            "authorization-code-client-list.json",
        ),
    ] {
        check(&app, Method::GET, &url(kind), None, list).await;
        check(&app, Method::GET, &url(&format!("{kind}/{id}")), None, one).await;
        check(
            &app,
            Method::PUT,
            &url(&format!("{kind}/{id}")),
            Some(json!({"Enabled": true})),
            one,
        )
        .await;
    }
    check(
        &app,
        Method::POST,
        &url(CC),
        Some(cc_body("a")),
        "client-credential-client-create-response.json",
    )
    .await;
    check(
        &app,
        Method::POST,
        &url(HYBRID),
        Some(web_body("b")),
        "hybrid-client-create-response.json",
    )
    .await;
    check(
        &app,
        Method::POST,
        &url(AUTH_CODE),
        Some(web_body("c")),
        "authorization-code-client.json",
    )
    .await;

    for (kind, id) in [(CC, PUMP), (HYBRID, OPS_DASHBOARD)] {
        let secrets = url(&format!("{kind}/{id}/Secrets"));
        check(&app, Method::GET, &secrets, None, "secret-list.json").await;
        let first = get(&app, &secrets, ADMIN).await.json()[0]["Id"].clone();
        check(
            &app,
            Method::GET,
            &format!("{secrets}/{first}"),
            None,
            "secret.json",
        )
        .await;
        check(
            &app,
            Method::PUT,
            &format!("{secrets}/{first}"),
            Some(json!({"Description": "d"})),
            "secret.json",
        )
        .await;
        check(
            &app,
            Method::POST,
            &secrets,
            Some(json!({"Expires": false, "Description": "never"})),
            "secret-create-response.json",
        )
        .await;
    }
    // A never-expiring secret (Expiration null) still matches.
    let never = url("ClientCredentialClients/3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a04/Secrets");
    check(&app, Method::GET, &never, None, "secret-list.json").await;

    check(&app, Method::GET, &url("Roles"), None, "role-list.json").await;
    check(
        &app,
        Method::GET,
        &url(&format!("Roles/{member}")),
        None,
        "role.json",
    )
    .await;
    check(
        &app,
        Method::GET,
        &url(&format!("Roles/{}", dev_api::seed::ROLE_COMMUNITY_READERS)),
        None,
        "role.json",
    )
    .await;
    check(
        &app,
        Method::GET,
        &url(&format!("{CC}/{PUMP}/Roles")),
        None,
        "role-list.json",
    )
    .await;
    check(
        &app,
        Method::PUT,
        &url(&format!("{CC}/{PUMP}/Roles")),
        Some(json!([{"Id": member}])),
        "role-list.json",
    )
    .await;
    check(
        &app,
        Method::GET,
        &url(&format!("Roles/{member}/clientcredentialclients")),
        None,
        "client-credential-client-list.json",
    )
    .await;

    // 207: the documented multi-status shape.
    let missing = "11111111-2222-4333-8444-555555555555";
    let resp = call(Method::GET, url(&format!("{CC}?id={PUMP}&id={missing}")))
        .token(ADMIN)
        .verbose()
        .send(&app)
        .await;
    assert_eq!(resp.status, StatusCode::MULTI_STATUS);
    same_shape(
        &ordered(fixture_text("client-credential-client-multistatus-response.json").as_bytes()),
        &ordered(&resp.body),
        "multistatus",
    );
}

#[tokio::test]
async fn error_responses_have_the_four_core_fields_in_order() {
    let app = app();
    let doc = ordered(fixture_text("error-response.json").as_bytes());
    let Ordered::Object(doc_fields) = &doc else {
        panic!("object")
    };
    let core: Vec<(String, Ordered)> = doc_fields.iter().take(4).cloned().collect();
    let core_doc = Ordered::Object(core);
    let cases = [
        call(Method::GET, url(CC)),
        call(Method::GET, url(&format!("{CC}/nope")))
            .token(ADMIN)
            .verbose(),
        call(Method::POST, url(CC)).token(MEMBER).json(json!({})),
        call(Method::POST, url(CC))
            .token(ADMIN)
            .json(json!({"AccessTokenLifetime": 1})),
        call(Method::PATCH, url(CC)).token(ADMIN),
        call(Method::GET, "/api/none").token(ADMIN),
    ];
    for request in cases {
        let resp = request.send(&app).await;
        assert!(resp.status.is_client_error());
        same_shape(&core_doc, &ordered(&resp.body), "ErrorResponse");
    }
}
