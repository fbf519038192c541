//! Secret routes and the `Expires`/`Expiration` table.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::support::*;

fn secrets(kind: &str, client: &str) -> String {
    url(&format!("{kind}/{client}/Secrets"))
}

#[tokio::test]
async fn list_count_get_head_secrets_of_both_kinds() {
    let app = app();
    for (kind, client, total) in [
        (CC, PUMP, 3),
        (CC, EDGE_RTM, 10),
        (CC, DQ_MONITOR, 0),
        (HYBRID, OPS_DASHBOARD, 3),
        (HYBRID, HANDOVER, 10),
    ] {
        let list = get(&app, &secrets(kind, client), ADMIN).await;
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(list.total(), total);
        assert_eq!(list.json().as_array().expect("array").len(), total);
        assert!(!list.text().contains("\"Secret\""));
        let count = head(&app, &secrets(kind, client), ADMIN).await;
        assert_eq!(count.total(), total);
        assert!(count.body.is_empty());
    }
    let page = get(
        &app,
        &format!("{}?skip=2&count=3", secrets(CC, EDGE_RTM)),
        ADMIN,
    )
    .await;
    assert_eq!(page.total(), 10);
    assert_eq!(page.json().as_array().expect("array").len(), 3);

    let first = get(&app, &secrets(CC, PUMP), ADMIN).await.json()[0].clone();
    let id = first["Id"].as_i64().expect("int id");
    let one = get(&app, &format!("{}/{id}", secrets(CC, PUMP)), ADMIN).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json(), first);
    assert_eq!(
        head(&app, &format!("{}/{id}", secrets(CC, PUMP)), ADMIN)
            .await
            .status,
        StatusCode::OK
    );
    let missing = head(&app, &format!("{}/99999", secrets(CC, PUMP)), ADMIN).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.is_empty());
    expect_error(
        &get(&app, &format!("{}/99999", secrets(CC, PUMP)), ADMIN).await,
        StatusCode::NOT_FOUND,
    );
    expect_error(
        &get(&app, &format!("{}/abc", secrets(CC, PUMP)), ADMIN).await,
        StatusCode::NOT_FOUND,
    );
    // A secret of another client is not found through this one.
    expect_error(
        &get(&app, &format!("{}/{id}", secrets(CC, EDGE_RTM)), ADMIN).await,
        StatusCode::NOT_FOUND,
    );
    expect_error(
        &get(
            &app,
            &secrets(CC, "11111111-2222-4333-8444-555555555555"),
            ADMIN,
        )
        .await,
        StatusCode::NOT_FOUND,
    );
}

#[tokio::test]
async fn seeded_secrets_cover_every_expiry_state() {
    let now = Utc::now();
    let app = app();
    let mut states = std::collections::BTreeSet::new();
    for (kind, client) in [
        (CC, PUMP),
        (CC, EDGE_RTM),
        (HYBRID, HANDOVER),
        (HYBRID, OPS_DASHBOARD),
    ] {
        for secret in get(&app, &secrets(kind, client), ADMIN)
            .await
            .json()
            .as_array()
            .expect("array")
        {
            let state = match secret.get("Expiration").and_then(|e| e.as_str()) {
                None => {
                    assert_eq!(secret["Expires"], false);
                    "never"
                }
                Some(date) => {
                    assert_eq!(secret["Expires"], true);
                    assert!(date.ends_with('Z'), "{date}");
                    let date: DateTime<Utc> = date.parse().expect("RFC 3339");
                    match date - now {
                        d if d < Duration::zero() => "expired",
                        d if d < Duration::days(7) => "within 7 days",
                        d if d < Duration::days(30) => "within 30 days",
                        d if d > Duration::days(300) => "in about a year",
                        _ => "later",
                    }
                }
            };
            states.insert(state);
        }
    }
    for wanted in [
        "expired",
        "within 7 days",
        "within 30 days",
        "in about a year",
        "never",
    ] {
        assert!(states.contains(wanted), "missing {wanted}: {states:?}");
    }
}

#[tokio::test]
async fn a_new_secret_value_is_returned_once_and_never_again() {
    let app = app();
    let resp = post(
        &app,
        &secrets(HYBRID, OPS_DASHBOARD),
        ADMIN,
        json!({"Expires": true, "Expiration": "2031-05-06T07:08:09Z", "Description": "Rotation 2026-11"}),
    )
    .await;
    assert_eq!(resp.status, StatusCode::CREATED, "{}", resp.text());
    let body = resp.json();
    let value = body["Secret"].as_str().expect("value").to_owned();
    assert_eq!(value.len(), 43, "32 bytes, base64url without padding");
    assert!(value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    assert_eq!(body["Expiration"], "2031-05-06T07:08:09Z");
    assert_eq!(body["Expires"], true);
    assert_eq!(body["Description"], "Rotation 2026-11");
    let id = body["Id"].as_i64().expect("id");

    let one = get(
        &app,
        &format!("{}/{id}", secrets(HYBRID, OPS_DASHBOARD)),
        ADMIN,
    )
    .await;
    assert!(!one.text().contains(&value));
    assert!(!one.text().contains("Secret"));
    let list = get(&app, &secrets(HYBRID, OPS_DASHBOARD), ADMIN).await;
    assert!(!list.text().contains(&value));
    assert_eq!(list.total(), 4);

    // Two secrets never share a value.
    let again = post(
        &app,
        &secrets(HYBRID, OPS_DASHBOARD),
        ADMIN,
        json!({"Expires": false}),
    )
    .await;
    assert_ne!(again.json()["Secret"], json!(value));
    assert!(again.json().get("Expiration").is_none());
    assert_eq!(again.json()["Expires"], false);
}

#[tokio::test]
async fn the_expires_expiration_table_on_create() {
    let app = app();
    let path = secrets(CC, PUMP);
    let date = "2030-01-01T00:00:00Z";
    for body in [
        json!({"Expires": true, "Expiration": date}),
        json!({"Expiration": date}),
        json!({"Expires": null, "Expiration": date}),
    ] {
        let resp = post(&app, &path, ADMIN, body).await;
        assert_eq!(resp.status, StatusCode::CREATED);
        assert_eq!(resp.json()["Expiration"], date);
    }
    for body in [
        json!({"Expires": true}),
        json!({}),
        json!({"Expires": true, "Expiration": null}),
    ] {
        let resp = post(&app, &path, ADMIN, body).await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Expiration");
    }
    let resp = post(
        &app,
        &path,
        ADMIN,
        json!({"Expires": false, "Expiration": date}),
    )
    .await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Expires is false");
    let resp = post(
        &app,
        &secrets(HYBRID, OPS_DASHBOARD),
        ADMIN,
        json!({"Expires": false, "Expiration": date}),
    )
    .await;
    expect_error(&resp, StatusCode::BAD_REQUEST);
    let resp = post(
        &app,
        &path,
        ADMIN,
        json!({"Expires": false, "Expiration": null}),
    )
    .await;
    assert_eq!(resp.status, StatusCode::CREATED);
    assert_eq!(resp.json()["Expires"], false);
    // Offsets are converted to UTC; a date without an offset is UTC.
    let resp = post(
        &app,
        &path,
        ADMIN,
        json!({"Expiration": "2030-01-01T02:00:00+02:00"}),
    )
    .await;
    assert_eq!(resp.json()["Expiration"], "2030-01-01T00:00:00Z");
    let resp = post(
        &app,
        &path,
        ADMIN,
        json!({"Expiration": "2030-01-01T00:00:00.123"}),
    )
    .await;
    assert_eq!(resp.json()["Expiration"], "2030-01-01T00:00:00Z");
    let resp = post(&app, &path, ADMIN, json!({"Expiration": "1 Jan 2030"})).await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Expiration");
}

#[tokio::test]
async fn at_most_10_secrets_per_client() {
    let app = app();
    for (kind, client) in [(CC, EDGE_RTM), (HYBRID, HANDOVER)] {
        let resp = post(
            &app,
            &secrets(kind, client),
            ADMIN,
            json!({"Expires": false}),
        )
        .await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, "10");
        assert_eq!(head(&app, &secrets(kind, client), ADMIN).await.total(), 10);
    }
    // From 0 to 10, then the 11th fails.
    for n in 1..=10 {
        let resp = post(
            &app,
            &secrets(CC, DQ_MONITOR),
            ADMIN,
            json!({"Expires": false, "Description": format!("k{n}")}),
        )
        .await;
        assert_eq!(resp.status, StatusCode::CREATED);
    }
    let resp = post(
        &app,
        &secrets(CC, DQ_MONITOR),
        ADMIN,
        json!({"Expires": false}),
    )
    .await;
    expect_error(&resp, StatusCode::BAD_REQUEST);
    // A new client credential client starts with 1 and can add 9 more.
    let created = post(&app, &url(CC), ADMIN, cc_body("nine more"))
        .await
        .json();
    let id = created["Client"]["Id"].as_str().expect("id").to_owned();
    for _ in 0..9 {
        assert_eq!(
            post(&app, &secrets(CC, &id), ADMIN, json!({"Expires": false}))
                .await
                .status,
            StatusCode::CREATED
        );
    }
    expect_error(
        &post(&app, &secrets(CC, &id), ADMIN, json!({"Expires": false})).await,
        StatusCode::BAD_REQUEST,
    );
}

#[tokio::test]
async fn client_create_secret_expiration_null_or_absent_never_expires() {
    let app = app();
    for extra in [json!(null), json!("absent")] {
        let mut body = json!({"Name": "x", "SecretDescription": "first"});
        if extra.is_null() {
            body["SecretExpirationDate"] = json!(null);
        }
        let resp = call(axum::http::Method::POST, url(CC))
            .token(ADMIN)
            .verbose()
            .json(body)
            .send(&app)
            .await;
        assert_eq!(resp.status, StatusCode::CREATED);
        let body = resp.json();
        assert_eq!(body["ExpirationDate"], json!(null));
        let id = body["Client"]["Id"].as_str().expect("id").to_owned();
        let secret = get(&app, &secrets(CC, &id), ADMIN).await.json()[0].clone();
        assert_eq!(secret["Expires"], false);
        assert_eq!(secret["Description"], "first");
    }
}

#[tokio::test]
async fn partial_update_of_a_secret() {
    let app = app();
    let created = post(
        &app,
        &secrets(CC, PUMP),
        ADMIN,
        json!({"Expiration": "2030-01-01T00:00:00Z", "Description": "before"}),
    )
    .await
    .json();
    let path = format!("{}/{}", secrets(CC, PUMP), created["Id"]);

    // Description alone changes only the description.
    let resp = put(&app, &path, ADMIN, json!({"Description": "after"})).await;
    assert_eq!(resp.status, StatusCode::OK);
    assert_eq!(
        resp.json(),
        json!({"Expiration": "2030-01-01T00:00:00Z", "Expires": true, "Description": "after", "Id": created["Id"]})
    );
    // Nulls change nothing.
    let resp = put(
        &app,
        &path,
        ADMIN,
        json!({"Description": null, "Expires": null, "Expiration": null}),
    )
    .await;
    assert_eq!(resp.json()["Description"], "after");
    assert_eq!(resp.json()["Expiration"], "2030-01-01T00:00:00Z");
    // Expires true alone keeps the date.
    let resp = put(&app, &path, ADMIN, json!({"Expires": true})).await;
    assert_eq!(resp.json()["Expiration"], "2030-01-01T00:00:00Z");
    // Expires false makes it never expire.
    let resp = put(&app, &path, ADMIN, json!({"Expires": false})).await;
    assert_eq!(resp.status, StatusCode::OK);
    assert_eq!(resp.json()["Expires"], false);
    assert!(resp.json().get("Expiration").is_none());
    // Expires true without a date on a never-expiring secret: 400.
    let resp = put(&app, &path, ADMIN, json!({"Expires": true})).await;
    expect_error(&resp, StatusCode::BAD_REQUEST);
    // Expires false with a date: 400.
    let resp = put(
        &app,
        &path,
        ADMIN,
        json!({"Expires": false, "Expiration": "2031-01-01T00:00:00Z"}),
    )
    .await;
    expect_error(&resp, StatusCode::BAD_REQUEST);
    // Expires true with a date sets the expiry again.
    let resp = put(
        &app,
        &path,
        ADMIN,
        json!({"Expires": true, "Expiration": "2031-01-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(resp.json()["Expiration"], "2031-01-01T00:00:00Z");
    assert_eq!(resp.json()["Expires"], true);
    // The value never appears.
    assert!(!resp.text().contains("Secret"));
    let resp = put(
        &app,
        &format!("{}/424242", secrets(CC, PUMP)),
        ADMIN,
        json!({"Description": "x"}),
    )
    .await;
    expect_error(&resp, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn delete_a_secret() {
    let app = app();
    let first = get(&app, &secrets(HYBRID, OPS_DASHBOARD), ADMIN)
        .await
        .json()[0]["Id"]
        .clone();
    let path = format!("{}/{first}", secrets(HYBRID, OPS_DASHBOARD));
    let resp = delete(&app, &path, ADMIN).await;
    assert_eq!(resp.status, StatusCode::NO_CONTENT);
    assert!(resp.body.is_empty());
    assert_eq!(
        head(&app, &secrets(HYBRID, OPS_DASHBOARD), ADMIN)
            .await
            .total(),
        2
    );
    expect_error(&delete(&app, &path, ADMIN).await, StatusCode::NOT_FOUND);
    expect_error(&get(&app, &path, ADMIN).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_secret_operation_needs_tenant_administrator() {
    let app = app();
    let list = secrets(CC, PUMP);
    let first = get(&app, &list, ADMIN).await.json()[0]["Id"].clone();
    let one = format!("{list}/{first}");
    let member = [
        get(&app, &list, MEMBER).await,
        post(&app, &list, MEMBER, json!({"Expires": false})).await,
        get(&app, &one, MEMBER).await,
        put(&app, &one, MEMBER, json!({"Description": "x"})).await,
        delete(&app, &one, MEMBER).await,
    ];
    for resp in &member {
        let error = expect_error(resp, StatusCode::FORBIDDEN);
        assert!(error.reason.contains("Tenant Administrator"));
        assert!(error.reason.contains("Max Planck"));
    }
    let resp = head(&app, &list, MEMBER).await;
    assert_eq!(resp.status, StatusCode::FORBIDDEN);
    assert!(resp.body.is_empty());
    assert_eq!(head(&app, &one, MEMBER).await.status, StatusCode::FORBIDDEN);
    assert_eq!(head(&app, &list, ADMIN).await.total(), 3, "nothing changed");
}

/// The console's "may this user change things?" probe: HEAD on a client's Secrets collection
/// checks the permission before the client exists.
#[tokio::test]
async fn head_on_secrets_is_the_permission_probe() {
    let app = app();
    for (kind, client) in [(CC, PUMP), (HYBRID, OPS_DASHBOARD)] {
        let unknown = "00000000-0000-4000-8000-000000000000";
        let admin = head(&app, &secrets(kind, client), ADMIN).await;
        assert_eq!(admin.status, StatusCode::OK, "{kind}");
        assert_eq!(admin.total(), 3);
        assert!(admin.body.is_empty());
        for target in [client, unknown] {
            let member = head(&app, &secrets(kind, target), MEMBER).await;
            assert_eq!(
                member.status,
                StatusCode::FORBIDDEN,
                "{kind} {target}: the permission first"
            );
            assert!(member.body.is_empty());
            assert_eq!(
                head(&app, &secrets(kind, target), None).await.status,
                StatusCode::UNAUTHORIZED,
                "{kind} {target}"
            );
        }
        let missing = head(&app, &secrets(kind, unknown), ADMIN).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{kind}");
        assert!(missing.body.is_empty());
    }
}
