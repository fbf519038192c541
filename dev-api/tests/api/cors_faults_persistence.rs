//! CORS, latency, fault injection, reset and the `--data` file.

use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use dev_api::Config;
use serde_json::json;

use crate::support::*;

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dev-api-test-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[tokio::test]
async fn cors_for_allowed_origins_only() {
    let app = app_with(Config {
        allow_origins: vec![
            "http://localhost:3000/".into(),
            "https://console.example.com".into(),
        ],
        dev_endpoints: true,
        ..Default::default()
    });
    let preflight = call(Method::OPTIONS, url(CC))
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type, accept-verbosity",
        )
        .send(&app)
        .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert_eq!(
        preflight.header("access-control-allow-origin").as_deref(),
        Some("http://localhost:3000")
    );
    let methods = preflight
        .header("access-control-allow-methods")
        .expect("methods");
    for m in ["GET", "HEAD", "POST", "PUT", "DELETE"] {
        assert!(methods.contains(m));
    }
    let headers = preflight
        .header("access-control-allow-headers")
        .expect("headers")
        .to_ascii_lowercase();
    for h in ["authorization", "content-type", "accept-verbosity"] {
        assert!(headers.contains(h));
    }
    assert!(preflight.header("access-control-max-age").is_some());
    assert_eq!(preflight.header("vary").as_deref(), Some("Origin"));

    let list = call(Method::GET, url(CC))
        .token(MEMBER)
        .header("origin", "https://console.example.com")
        .send(&app)
        .await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(
        list.header("access-control-allow-origin").as_deref(),
        Some("https://console.example.com")
    );
    assert!(list
        .header("access-control-expose-headers")
        .is_some_and(|h| h.contains("Total-Count")));
    // Errors carry CORS headers too, so the browser app can read them.
    let denied = call(Method::GET, url(CC))
        .header("origin", "https://console.example.com")
        .send(&app)
        .await;
    assert_eq!(denied.status, StatusCode::UNAUTHORIZED);
    assert!(denied.header("access-control-allow-origin").is_some());

    let other = call(Method::GET, url(CC))
        .token(MEMBER)
        .header("origin", "https://evil.example.com")
        .send(&app)
        .await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(other.header("access-control-allow-origin").is_none());
    let other_preflight = call(Method::OPTIONS, url(CC))
        .header("origin", "https://evil.example.com")
        .header("access-control-request-method", "GET")
        .send(&app)
        .await;
    assert!(other_preflight
        .header("access-control-allow-origin")
        .is_none());
    assert_ne!(other_preflight.status, StatusCode::NO_CONTENT);

    // The test endpoints accept any origin once CORS is on.
    let dev = call(Method::GET, "/_dev/faults")
        .header("origin", "https://evil.example.com")
        .send(&app)
        .await;
    assert_eq!(
        dev.header("access-control-allow-origin").as_deref(),
        Some("https://evil.example.com")
    );

    // Without --allow-origin there are no CORS headers at all.
    let plain = call(Method::GET, url(CC))
        .token(MEMBER)
        .header("origin", "http://localhost:3000")
        .send(&app_with(Config::default()))
        .await;
    assert!(plain.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn cors_star_allows_any_origin_and_names_it() {
    let app = app_with(Config {
        allow_origins: vec!["*".into()],
        ..Default::default()
    });
    for origin in ["http://127.0.0.1:41234", "https://console.example.com"] {
        let preflight = call(Method::OPTIONS, url(CC))
            .header("origin", origin)
            .header("access-control-request-method", "DELETE")
            .header("access-control-request-headers", "authorization")
            .send(&app)
            .await;
        assert_eq!(preflight.status, StatusCode::NO_CONTENT, "{origin}");
        let list = call(Method::GET, url(CC))
            .token(MEMBER)
            .header("origin", origin)
            .send(&app)
            .await;
        assert_eq!(
            list.header("access-control-allow-origin").as_deref(),
            Some(origin)
        );
    }
}

#[tokio::test]
async fn latency_delays_api_responses() {
    let app = app_with(Config {
        latency: Duration::from_millis(150),
        ..Default::default()
    });
    let started = Instant::now();
    assert_eq!(get(&app, &url(CC), MEMBER).await.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn faults_fail_the_next_matching_requests() {
    let app = app_with(Config {
        dev_endpoints: true,
        ..Default::default()
    });
    let resp = post(
        &app,
        "/_dev/faults",
        None,
        json!({"match": "/Secrets", "count": 2, "status": 503}),
    )
    .await;
    assert_eq!(resp.status, StatusCode::CREATED);
    let resp = post(
        &app,
        "/_dev/faults",
        None,
        json!({"match": format!("POST {}", url(HYBRID)), "count": 1, "status": 408}),
    )
    .await;
    assert_eq!(resp.status, StatusCode::CREATED);
    assert_eq!(
        get(&app, "/_dev/faults", None)
            .await
            .json()
            .as_array()
            .expect("array")
            .len(),
        2
    );

    let secrets = url(&format!("{CC}/{PUMP}/Secrets"));
    let error = expect_error(
        &get(&app, &secrets, ADMIN).await,
        StatusCode::SERVICE_UNAVAILABLE,
    );
    assert!(error.reason.contains("/_dev/faults"));
    let failed_head = head(&app, &secrets, ADMIN).await;
    assert_eq!(failed_head.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(failed_head.body.is_empty());
    assert_eq!(
        get(&app, &secrets, ADMIN).await.status,
        StatusCode::OK,
        "count used up"
    );

    assert_eq!(
        get(&app, &url(HYBRID), ADMIN).await.status,
        StatusCode::OK,
        "GET not matched"
    );
    expect_error(
        &post(&app, &url(HYBRID), ADMIN, web_body("x")).await,
        StatusCode::REQUEST_TIMEOUT,
    );
    assert_eq!(
        post(&app, &url(HYBRID), ADMIN, web_body("x")).await.status,
        StatusCode::CREATED
    );

    post(
        &app,
        "/_dev/faults",
        None,
        json!({"match": "", "count": 5, "status": 500}),
    )
    .await;
    assert_eq!(
        delete(&app, "/_dev/faults", None).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(get(&app, &url(CC), MEMBER).await.status, StatusCode::OK);

    for bad in [
        json!({"match": "x", "status": 200}),
        json!({"match": "x"}),
        json!({"match": "x", "status": 500, "mode": "hang"}),
        json!({"match": "x", "mode": "explode"}),
        json!({"match": "x", "count": 0, "status": 500}),
    ] {
        expect_error(
            &post(&app, "/_dev/faults", None, bad).await,
            StatusCode::BAD_REQUEST,
        );
    }
}

#[tokio::test]
async fn drop_unwinds_without_answering() {
    let app = app_with(Config {
        dev_endpoints: true,
        ..Default::default()
    });
    post(
        &app,
        "/_dev/faults",
        None,
        json!({"match": "/Roles", "mode": "drop"}),
    )
    .await;
    let handle = tokio::spawn({
        let app = app.clone();
        async move { get(&app, &url("Roles"), MEMBER).await.status }
    });
    let outcome = handle.await;
    assert!(
        outcome.is_err_and(|e| e.is_panic()),
        "the request must not be answered"
    );
    assert_eq!(
        get(&app, &url("Roles"), MEMBER).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn hang_never_answers() {
    let app = app_with(Config {
        dev_endpoints: true,
        ..Default::default()
    });
    post(
        &app,
        "/_dev/faults",
        None,
        json!({"match": "GET /api/", "mode": "hang"}),
    )
    .await;
    let waited =
        tokio::time::timeout(Duration::from_millis(300), get(&app, &url(CC), MEMBER)).await;
    assert!(
        waited.is_err(),
        "the request hangs until the caller gives up"
    );
    assert_eq!(get(&app, &url(CC), MEMBER).await.status, StatusCode::OK);
}

/// The names of the clients of `kind`.
async fn names(app: &axum::Router, kind: &str) -> Vec<String> {
    get(app, &url(kind), MEMBER)
        .await
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["Name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn apply_then_drop_creates_the_client_and_saves_it_without_answering() {
    let dir = temp_dir();
    let file = dir.join("tenant.json");
    let config = || Config {
        data_file: Some(file.clone()),
        dev_endpoints: true,
        ..Default::default()
    };
    let app = app_with(config());
    let added = post(
        &app,
        "/_dev/faults",
        None,
        json!({"match": format!("POST {}", url(HYBRID)), "mode": "apply-then-drop"}),
    )
    .await;
    assert_eq!(added.status, StatusCode::CREATED);
    assert_eq!(added.json()[0]["mode"], "apply-then-drop");
    let handle = tokio::spawn({
        let app = app.clone();
        async move {
            post(&app, &url(HYBRID), ADMIN, web_body("Dropped answer"))
                .await
                .status
        }
    });
    assert!(
        handle.await.is_err_and(|e| e.is_panic()),
        "the caller must get no answer"
    );
    assert_eq!(get(&app, &url(HYBRID), MEMBER).await.total(), 5);
    assert!(names(&app, HYBRID).await.contains(&"Dropped answer".into()));
    // Saved before the answer was withheld: a restart has it.
    let again = app_with(config());
    assert!(names(&again, HYBRID)
        .await
        .contains(&"Dropped answer".into()));
    // The rule was used up: the next create is answered.
    assert_eq!(
        post(&app, &url(HYBRID), ADMIN, web_body("Answered"))
            .await
            .status,
        StatusCode::CREATED
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn apply_then_hang_creates_the_client_and_never_answers() {
    let app = app_with(Config {
        dev_endpoints: true,
        ..Default::default()
    });
    post(
        &app,
        "/_dev/faults",
        None,
        json!({"match": "POST /api/", "mode": "apply-then-hang"}),
    )
    .await;
    let waited = tokio::time::timeout(
        Duration::from_millis(300),
        post(&app, &url(AUTH_CODE), ADMIN, web_body("Hung answer")),
    )
    .await;
    assert!(
        waited.is_err(),
        "the request hangs until the caller gives up"
    );
    assert_eq!(get(&app, &url(AUTH_CODE), MEMBER).await.total(), 5);
    assert!(names(&app, AUTH_CODE).await.contains(&"Hung answer".into()));
    // A refused write is not applied either way: nothing to withhold but the refusal.
    post(
        &app,
        "/_dev/faults",
        None,
        json!({"match": "POST /api/", "mode": "apply-then-hang"}),
    )
    .await;
    let waited = tokio::time::timeout(
        Duration::from_millis(300),
        post(
            &app,
            &url(AUTH_CODE),
            ADMIN,
            json!({"Name": "No redirect URIs"}),
        ),
    )
    .await;
    assert!(waited.is_err());
    assert_eq!(get(&app, &url(AUTH_CODE), MEMBER).await.total(), 5);
}

#[tokio::test]
async fn reset_restores_the_seed() {
    let app = app_with(Config {
        dev_endpoints: true,
        ..Default::default()
    });
    delete(&app, &url(&format!("{CC}/{PUMP}")), ADMIN).await;
    post(&app, &url(AUTH_CODE), ADMIN, web_body("extra")).await;
    assert_eq!(get(&app, &url(CC), MEMBER).await.total(), 7);
    assert_eq!(
        post(&app, "/_dev/reset", None, json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(get(&app, &url(CC), MEMBER).await.total(), 8);
    assert_eq!(get(&app, &url(AUTH_CODE), MEMBER).await.total(), 4);
    assert_eq!(
        get(&app, &url(&format!("{CC}/{PUMP}")), MEMBER)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn data_file_is_written_on_every_change_and_never_holds_secret_values() {
    let dir = temp_dir();
    let file = dir.join("tenant.json");
    let config = || Config {
        data_file: Some(file.clone()),
        dev_endpoints: true,
        ..Default::default()
    };
    let app = app_with(config());
    assert!(file.exists(), "seeded and written at start");
    let created = post(&app, &url(CC), ADMIN, cc_body("persisted"))
        .await
        .json();
    let id = created["Client"]["Id"].as_str().expect("id").to_owned();
    let first_value = created["Secret"].as_str().expect("value").to_owned();
    let added = post(
        &app,
        &url(&format!("{CC}/{id}/Secrets")),
        ADMIN,
        json!({"Expires": false}),
    )
    .await
    .json();
    let second_value = added["Secret"].as_str().expect("value").to_owned();
    put(
        &app,
        &url(&format!("{HYBRID}/{OPS_DASHBOARD}")),
        ADMIN,
        json!({"Name": "Renamed"}),
    )
    .await;
    delete(&app, &url(&format!("{AUTH_CODE}/{MOBILE_APP}")), ADMIN).await;

    let text = std::fs::read_to_string(&file).expect("data file");
    let _: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert!(text.contains(&id));
    assert!(!text.contains(&first_value), "no secret value in the file");
    assert!(!text.contains(&second_value), "no secret value in the file");
    assert!(text.contains("sha256:"));
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "tenant.json")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A restart loads everything back.
    let again = app_with(config());
    assert_eq!(get(&again, &url(CC), MEMBER).await.total(), 9);
    assert_eq!(
        get(&again, &url(&format!("{CC}/{id}/Secrets")), ADMIN)
            .await
            .total(),
        2
    );
    assert_eq!(
        get(&again, &url(&format!("{HYBRID}/{OPS_DASHBOARD}")), MEMBER)
            .await
            .json()["Name"],
        "Renamed"
    );
    assert_eq!(get(&again, &url(AUTH_CODE), MEMBER).await.total(), 3);
    // New secret ids do not collide with loaded ones.
    let newer = post(
        &again,
        &url(&format!("{CC}/{id}/Secrets")),
        ADMIN,
        json!({"Expires": false}),
    )
    .await
    .json();
    assert!(newer["Id"].as_i64() > added["Id"].as_i64());

    // Reset is saved too.
    post(&again, "/_dev/reset", None, json!({})).await;
    let text = std::fs::read_to_string(&file).expect("data file");
    assert!(!text.contains(&id));

    // A file of another tenant is refused rather than overwritten.
    let refused = dev_api::try_router(Config {
        data_file: Some(file.clone()),
        tenant_id: Some("00000000-1111-4222-8333-444444444444".into()),
        ..Default::default()
    });
    assert!(refused.is_err());
    std::fs::write(&file, "{ not json").expect("write");
    assert!(
        dev_api::try_router(config()).is_err(),
        "a broken file is not overwritten"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "{ not json");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_spa_fallback_still_works() {
    let dir = temp_dir();
    std::fs::write(dir.join("index.html"), "<html>app</html>").expect("write");
    let app = app_with(Config {
        static_dir: Some(dir.clone()),
        ..Default::default()
    });
    let page = get(&app, "/security/clients?type=hybrid", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text(), "<html>app</html>");
    expect_error(
        &get(&app, "/api/unknown", None).await,
        StatusCode::NOT_FOUND,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_failed_save_answers_500_and_leaves_memory_unchanged() {
    let dir = temp_dir();
    let file = dir.join("tenant.json");
    let app = app_with(Config {
        data_file: Some(file.clone()),
        dev_endpoints: true,
        ..Default::default()
    });
    // The folder goes away: nothing can be saved any more (even for root, unlike a
    // read-only folder).
    std::fs::remove_dir_all(&dir).expect("remove the folder");

    let created = post(&app, &url(CC), ADMIN, cc_body("never saved")).await;
    let error = expect_error(&created, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        error.reason.contains("could not be saved"),
        "{}",
        error.reason
    );
    assert_eq!(get(&app, &url(CC), MEMBER).await.total(), 8, "not created");
    assert!(!names(&app, CC).await.contains(&"never saved".into()));

    let renamed = put(
        &app,
        &url(&format!("{HYBRID}/{OPS_DASHBOARD}")),
        ADMIN,
        json!({"Name": "Renamed"}),
    )
    .await;
    expect_error(&renamed, StatusCode::INTERNAL_SERVER_ERROR);
    assert_ne!(
        get(&app, &url(&format!("{HYBRID}/{OPS_DASHBOARD}")), MEMBER)
            .await
            .json()["Name"],
        "Renamed"
    );
    let secrets = url(&format!("{CC}/{PUMP}/Secrets"));
    expect_error(
        &post(&app, &secrets, ADMIN, json!({"Expires": false})).await,
        StatusCode::INTERNAL_SERVER_ERROR,
    );
    assert_eq!(head(&app, &secrets, ADMIN).await.total(), 3);
    expect_error(
        &delete(&app, &url(&format!("{CC}/{PUMP}")), ADMIN).await,
        StatusCode::INTERNAL_SERVER_ERROR,
    );
    assert_eq!(
        get(&app, &url(&format!("{CC}/{PUMP}")), MEMBER)
            .await
            .status,
        StatusCode::OK,
        "not deleted"
    );
    delete(&app, &url(&format!("{AUTH_CODE}/{MOBILE_APP}")), ADMIN).await;
    expect_error(
        &post(&app, "/_dev/reset", None, json!({})).await,
        StatusCode::INTERNAL_SERVER_ERROR,
    );

    // Once the folder is back, changes are saved and applied again.
    std::fs::create_dir_all(&dir).expect("folder back");
    let created = post(&app, &url(CC), ADMIN, cc_body("saved")).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert_eq!(get(&app, &url(CC), MEMBER).await.total(), 9);
    let text = std::fs::read_to_string(&file).expect("saved again");
    assert!(text.contains("saved") && !text.contains("never saved"));
    assert!(!text.contains("Renamed"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn concurrent_changes_are_all_saved_and_applied() {
    let dir = temp_dir();
    let file = dir.join("tenant.json");
    let config = || Config {
        data_file: Some(file.clone()),
        ..Default::default()
    };
    let app = app_with(config());
    let mut tasks = Vec::new();
    for n in 0..20 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            post(&app, &url(CC), ADMIN, cc_body(&format!("parallel {n}")))
                .await
                .status
        }));
    }
    for task in tasks {
        assert_eq!(task.await.expect("task"), StatusCode::CREATED);
    }
    assert_eq!(get(&app, &url(CC), MEMBER).await.total(), 28);
    let again = app_with(config());
    assert_eq!(get(&again, &url(CC), MEMBER).await.total(), 28, "all saved");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "tenant.json")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
