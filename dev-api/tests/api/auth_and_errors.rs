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

/// Every handler, the role it needs and the operation its 403 names.
fn operations() -> Vec<(Method, String, &'static str, &'static str)> {
    const A: &str = "Tenant Administrator";
    const M: &str = "Tenant Member";
    let role = dev_api::seed::ROLE_TENANT_MEMBER;
    let mut all = Vec::new();
    for (kind, id) in [(CC, PUMP), (HYBRID, OPS_DASHBOARD), (AUTH_CODE, MOBILE_APP)] {
        let one = format!("{kind}/{id}");
        all.extend([
            (Method::GET, url(kind), "Listing clients", M),
            (Method::HEAD, url(kind), "Counting clients", M),
            (Method::POST, url(kind), "Creating a client", A),
            (Method::GET, url(&one), "Reading a client", M),
            (Method::HEAD, url(&one), "Reading a client", M),
            (Method::PUT, url(&one), "Changing a client", A),
            (Method::DELETE, url(&one), "Deleting a client", A),
        ]);
    }
    for (kind, id) in [(CC, PUMP), (HYBRID, OPS_DASHBOARD)] {
        let s = format!("{kind}/{id}/Secrets");
        all.extend([
            (Method::GET, url(&s), "Listing client secrets", A),
            (Method::HEAD, url(&s), "Counting client secrets", A),
            (Method::POST, url(&s), "Adding a client secret", A),
            (
                Method::GET,
                url(&format!("{s}/1")),
                "Reading a client secret",
                A,
            ),
            (
                Method::HEAD,
                url(&format!("{s}/1")),
                "Reading a client secret",
                A,
            ),
            (
                Method::PUT,
                url(&format!("{s}/1")),
                "Changing a client secret",
                A,
            ),
            (
                Method::DELETE,
                url(&format!("{s}/1")),
                "Deleting a client secret",
                A,
            ),
        ]);
    }
    let with_role = format!("Roles/{role}/clientcredentialclients");
    all.extend([
        (Method::GET, url("Roles"), "Listing roles", M),
        (Method::HEAD, url("Roles"), "Counting roles", M),
        (
            Method::GET,
            url(&format!("Roles/{role}")),
            "Reading a role",
            M,
        ),
        (
            Method::HEAD,
            url(&format!("Roles/{role}")),
            "Reading a role",
            M,
        ),
        (Method::GET, url(&with_role), "Listing clients of a role", M),
        (
            Method::HEAD,
            url(&with_role),
            "Counting clients of a role",
            M,
        ),
    ]);
    for base in [CC, "Clients"] {
        let roles = url(&format!("{base}/{PUMP}/Roles"));
        all.extend([
            (
                Method::GET,
                roles.clone(),
                "Reading the roles of a client",
                M,
            ),
            (
                Method::HEAD,
                roles.clone(),
                "Reading the roles of a client",
                M,
            ),
            (Method::PUT, roles, "Changing the roles of a client", A),
        ]);
    }
    all
}

#[tokio::test]
async fn a_403_names_the_operation_the_role_and_the_user() {
    let tokens = Tokens::with_defaults();
    // A user without any role is refused everywhere, so every operation's wording shows.
    tokens.issue_token(
        "no-role",
        User {
            name: "Nemo".to_owned(),
            roles: Vec::new(),
        },
    );
    let app = app_with(Config {
        tokens,
        ..Default::default()
    });
    for (method, path, operation, needed) in operations() {
        for (token, user) in [("no-role", "Nemo"), ("member", "Max Planck")] {
            if user == "Max Planck" && needed == "Tenant Member" {
                continue;
            }
            let resp = call(method.clone(), path.clone())
                .token(Some(token))
                .json(json!({}))
                .send(&app)
                .await;
            assert_eq!(resp.status, StatusCode::FORBIDDEN, "{method} {path}");
            if method == Method::HEAD {
                assert!(resp.body.is_empty(), "{method} {path}");
                continue;
            }
            let error = expect_error(&resp, StatusCode::FORBIDDEN);
            assert_eq!(
                error.error, "You do not have permission to perform this operation.",
                "{method} {path}"
            );
            assert_eq!(
                error.reason,
                format!("{operation} requires the {needed} role, and {user} does not have it."),
                "{method} {path}"
            );
        }
    }
}

#[tokio::test]
async fn the_token_is_checked_before_the_tenant_and_the_tenant_before_the_role() {
    let app = app();
    let other = "/api/v1/Tenants/00000000-1111-4222-8333-444444444444";
    for (write, path) in [
        (Method::POST, format!("{other}/{CC}")),
        (Method::PUT, format!("{other}/{CC}/{PUMP}")),
        (Method::POST, format!("{other}/{CC}/{PUMP}/Secrets")),
        (Method::PUT, format!("{other}/{CC}/{PUMP}/Roles")),
    ] {
        expect_error(&get(&app, &path, None).await, StatusCode::UNAUTHORIZED);
        // A member asking for an admin-only operation in another tenant hears of the tenant.
        let resp = call(write, path.clone())
            .token(MEMBER)
            .json(json!({}))
            .send(&app)
            .await;
        expect_error_reason(&resp, StatusCode::NOT_FOUND, "no tenant");
    }
}

#[tokio::test]
async fn access_is_checked_before_a_body_is_read() {
    let app = app();
    // Larger than the 2 MB the server reads.
    let big = format!(r#"{{"Name": "{}"}}"#, "x".repeat(3 * 1024 * 1024));
    let anonymous = call(Method::POST, url(CC)).raw(&big).send(&app).await;
    expect_error(&anonymous, StatusCode::UNAUTHORIZED);
    let member = call(Method::POST, url(CC))
        .token(MEMBER)
        .raw(&big)
        .send(&app)
        .await;
    expect_error(&member, StatusCode::FORBIDDEN);
    let admin = call(Method::POST, url(CC))
        .token(ADMIN)
        .raw(&big)
        .send(&app)
        .await;
    expect_error(&admin, StatusCode::PAYLOAD_TOO_LARGE);
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
