//! Authentication, authorization, unknown tenants and routes, methods, verbosity.

use axum::http::{Method, StatusCode};
use dev_api::{Config, Tokens, User, UserRole};
use serde_json::json;

use crate::support::*;

/// Every API route with a method, and whether it writes (needs Tenant Administrator).
fn routes() -> Vec<(Method, String, bool)> {
    let s = format!("{CC}/{PUMP}/Secrets");
    vec![
        (Method::GET, url(CC), false),
        (Method::HEAD, url(CC), false),
        (Method::POST, url(CC), true),
        (Method::GET, url(&format!("{CC}/{PUMP}")), false),
        (Method::HEAD, url(&format!("{CC}/{PUMP}")), false),
        (Method::PUT, url(&format!("{CC}/{PUMP}")), true),
        (Method::DELETE, url(&format!("{CC}/{PUMP}")), true),
        (Method::GET, url(HYBRID), false),
        (Method::POST, url(HYBRID), true),
        (Method::PUT, url(&format!("{HYBRID}/{OPS_DASHBOARD}")), true),
        (
            Method::DELETE,
            url(&format!("{AUTH_CODE}/{MOBILE_APP}")),
            true,
        ),
        (
            Method::GET,
            url(&format!("{AUTH_CODE}/{MOBILE_APP}")),
            false,
        ),
        (Method::GET, url(&s), true),
        (Method::HEAD, url(&s), true),
        (Method::POST, url(&s), true),
        (Method::GET, url(&format!("{s}/1")), true),
        (Method::PUT, url(&format!("{s}/1")), true),
        (Method::DELETE, url(&format!("{s}/1")), true),
        (Method::GET, url("Roles"), false),
        (
            Method::GET,
            url(&format!("Roles/{}", dev_api::seed::ROLE_TENANT_MEMBER)),
            false,
        ),
        (Method::GET, url(&format!("{CC}/{PUMP}/Roles")), false),
        (Method::PUT, url(&format!("{CC}/{PUMP}/Roles")), true),
    ]
}

#[tokio::test]
async fn every_route_needs_a_known_bearer_token() {
    let app = app();
    for (method, path, _) in routes() {
        for auth in [
            None,
            Some("Bearer nobody"),
            Some("Basic YWRtaW46YWRtaW4="),
            Some("Bearer "),
        ] {
            let mut request = call(method.clone(), path.clone());
            if let Some(auth) = auth {
                request = request.header("authorization", auth);
            }
            let resp = request.json(json!({})).send(&app).await;
            if method == Method::HEAD {
                assert_eq!(resp.status, StatusCode::UNAUTHORIZED, "{method} {path}");
                assert!(resp.body.is_empty());
            } else {
                expect_error(&resp, StatusCode::UNAUTHORIZED);
            }
        }
    }
}

#[tokio::test]
async fn members_may_read_but_not_write_or_see_secrets() {
    let app = app();
    for (method, path, admin_only) in routes() {
        let resp = call(method.clone(), path.clone())
            .token(MEMBER)
            .json(json!({}))
            .send(&app)
            .await;
        if admin_only {
            assert_eq!(resp.status, StatusCode::FORBIDDEN, "{method} {path}");
            if method != Method::HEAD {
                let error = expect_error(&resp, StatusCode::FORBIDDEN);
                assert!(
                    error.resolution.contains("right role"),
                    "{}",
                    error.resolution
                );
            }
        } else {
            assert!(resp.status.is_success(), "{method} {path}: {}", resp.status);
        }
    }
    // Nothing was changed by the refused writes.
    assert_eq!(get(&app, &url(CC), MEMBER).await.total(), 8);
}

#[tokio::test]
async fn tokens_can_be_issued_at_runtime() {
    let tokens = Tokens::new();
    let app = app_with(Config {
        tokens: tokens.clone(),
        ..Default::default()
    });
    expect_error(&get(&app, &url(CC), ADMIN).await, StatusCode::UNAUTHORIZED);
    tokens.issue_token(
        "t-123",
        User::with_role("Grace Hopper", UserRole::TenantMember),
    );
    assert_eq!(
        get(&app, &url(CC), Some("t-123")).await.status,
        StatusCode::OK
    );
    let resp = post(&app, &url(CC), Some("t-123"), cc_body("x")).await;
    let error = expect_error(&resp, StatusCode::FORBIDDEN);
    assert!(error.reason.contains("Grace Hopper"));
    tokens.issue_token(
        "t-123",
        User::with_role("Grace Hopper", UserRole::TenantAdministrator),
    );
    assert_eq!(
        post(&app, &url(CC), Some("t-123"), cc_body("x"))
            .await
            .status,
        StatusCode::CREATED
    );
    tokens.revoke_token("t-123");
    expect_error(
        &get(&app, &url(CC), Some("t-123")).await,
        StatusCode::UNAUTHORIZED,
    );
}

#[test]
fn token_flags_parse() {
    let (token, user) = dev_api::auth::parse_token_flag("alice=admin").expect("valid");
    assert_eq!(token, "alice");
    assert!(user.has(UserRole::TenantAdministrator) && user.has(UserRole::TenantMember));
    let (_, user) = dev_api::auth::parse_token_flag("bob=Tenant-Member").expect("valid");
    assert!(!user.has(UserRole::TenantAdministrator) && user.has(UserRole::TenantMember));
    assert!(dev_api::auth::parse_token_flag("carol").is_err());
    assert!(dev_api::auth::parse_token_flag("carol=owner").is_err());
    assert!(dev_api::auth::parse_token_flag("=admin").is_err());
}

#[tokio::test]
async fn unknown_tenant_is_404_and_the_tenant_id_can_be_changed() {
    let app = app();
    let other = "/api/v1/Tenants/00000000-1111-4222-8333-444444444444";
    for path in [
        format!("{other}/{CC}"),
        format!("{other}/{HYBRID}/{OPS_DASHBOARD}"),
        format!("{other}/{CC}/{PUMP}/Secrets"),
        format!("{other}/Roles"),
    ] {
        expect_error(&get(&app, &path, ADMIN).await, StatusCode::NOT_FOUND);
    }
    // The tenant id is case-insensitive.
    let upper = format!("/api/v1/Tenants/{}/{CC}", TENANT.to_uppercase());
    assert_eq!(get(&app, &upper, MEMBER).await.status, StatusCode::OK);

    let custom = app_with(Config {
        tenant_id: Some("00000000-1111-4222-8333-444444444444".into()),
        ..Default::default()
    });
    assert_eq!(
        get(&custom, &format!("{other}/{CC}"), MEMBER).await.total(),
        8
    );
    expect_error(&get(&custom, &url(CC), MEMBER).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unknown_api_routes_are_404_and_wrong_methods_405() {
    let app = app();
    for path in [
        "/api/v1/nothing".to_owned(),
        url("DeviceCodeClients"),
        url("clientcredentialclients"),
        format!("{}/extra/segments", url(&format!("{CC}/{PUMP}"))),
        "/api/".to_owned(),
    ] {
        expect_error(&get(&app, &path, ADMIN).await, StatusCode::NOT_FOUND);
    }
    for (method, path) in [
        (Method::PATCH, url(&format!("{CC}/{PUMP}"))),
        (Method::DELETE, url(CC)),
        (Method::PUT, url(HYBRID)),
        (Method::POST, url("Roles")),
        (Method::POST, url(&format!("{CC}/{PUMP}/Secrets/1"))),
    ] {
        let resp = call(method, path).token(ADMIN).send(&app).await;
        expect_error(&resp, StatusCode::METHOD_NOT_ALLOWED);
        assert!(resp.header("allow").is_some());
    }
    // /api/health still works, and /_dev is 404 without --dev-endpoints.
    assert_eq!(
        get(&app, "/api/health", None).await.json(),
        json!({"Status": "ok"})
    );
    expect_error(
        &post(
            &app,
            "/_dev/faults",
            None,
            json!({"match": "", "status": 500}),
        )
        .await,
        StatusCode::NOT_FOUND,
    );
    expect_error(
        &post(&app, "/_dev/reset", None, json!({})).await,
        StatusCode::NOT_FOUND,
    );
}

#[tokio::test]
async fn nulls_are_omitted_unless_verbose() {
    let app = app();
    let path = url(&format!("{AUTH_CODE}/{MOBILE_APP}"));
    let plain = get(&app, &path, MEMBER).await.json();
    assert!(plain.get("LogoUri").is_none());
    assert!(!plain.to_string().contains("null"));
    for value in ["verbose", "Verbose", "VERBOSE"] {
        let verbose = call(Method::GET, path.clone())
            .token(MEMBER)
            .header("Accept-Verbosity", value)
            .send(&app)
            .await
            .json();
        assert_eq!(verbose["LogoUri"], json!(null));
        assert!(verbose.as_object().expect("object").contains_key("LogoUri"));
    }
    let non_verbose = call(Method::GET, path.clone())
        .token(MEMBER)
        .header("Accept-Verbosity", "non-verbose")
        .send(&app)
        .await
        .json();
    assert_eq!(non_verbose, plain);

    // A never-expiring secret: Expiration omitted, or an explicit null when verbose.
    let secrets = url(&format!(
        "{CC}/3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a04/Secrets"
    ));
    let plain = get(&app, &secrets, ADMIN).await.json();
    assert!(plain[0].get("Expiration").is_none());
    assert_eq!(plain[0]["Expires"], false);
    let verbose = call(Method::GET, secrets)
        .token(ADMIN)
        .verbose()
        .send(&app)
        .await
        .json();
    assert!(verbose[0]
        .as_object()
        .expect("object")
        .contains_key("Expiration"));
    assert_eq!(verbose[0]["Expiration"], json!(null));
}
