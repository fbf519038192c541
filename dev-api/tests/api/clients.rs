//! Client routes of the three kinds, and the client rules.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::*;

#[tokio::test]
async fn list_pages_with_total_count_for_every_kind() {
    let app = app();
    for (kind, total) in [(CC, 8), (HYBRID, 4), (AUTH_CODE, 4)] {
        let all = get(&app, &url(kind), MEMBER).await;
        assert_eq!(all.status, StatusCode::OK);
        assert_eq!(all.total(), total, "{kind}");
        assert_eq!(all.json().as_array().expect("array").len(), total);

        let page = get(&app, &url(&format!("{kind}?skip=1&count=2")), MEMBER).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(
            page.total(),
            total,
            "Total-Count is the total, not the page size"
        );
        let items = page.json();
        let items = items.as_array().expect("array");
        assert_eq!(items.len(), 2);
        // Stable order: the page is a slice of the full list.
        assert_eq!(items[0]["Id"], all.json()[1]["Id"]);
        assert_eq!(items[1]["Id"], all.json()[2]["Id"]);

        let beyond = get(&app, &url(&format!("{kind}?skip=100")), MEMBER).await;
        assert_eq!(beyond.json(), json!([]));
        assert_eq!(beyond.total(), total);

        let count = head(&app, &url(kind), MEMBER).await;
        assert_eq!(count.status, StatusCode::OK);
        assert_eq!(count.total(), total);
        assert!(count.body.is_empty(), "HEAD has no body");
    }
}

#[tokio::test]
async fn the_acceptance_curl_count_2_shows_two_clients_and_the_total() {
    let app = app();
    let resp = get(&app, &url("ClientCredentialClients?count=2"), ADMIN).await;
    assert_eq!(resp.status, StatusCode::OK);
    assert_eq!(resp.json().as_array().expect("array").len(), 2);
    assert_eq!(resp.total(), 8);
}

#[tokio::test]
async fn default_count_is_100_and_bad_paging_is_400() {
    let app = app_with(dev_api::Config {
        seed: dev_api::SeedOptions {
            demo: true,
            generated: 300,
        },
        ..Default::default()
    });
    let resp = get(&app, &url(CC), MEMBER).await;
    assert_eq!(resp.json().as_array().expect("array").len(), 100);
    assert_eq!(resp.total(), 8 + 240);
    for bad in ["skip=-1", "count=abc", "count=1.5"] {
        let resp = get(&app, &url(&format!("{CC}?{bad}")), MEMBER).await;
        let name = bad.split('=').next().expect("name");
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, name);
    }
}

#[tokio::test]
async fn id_and_tag_filters_and_the_207_for_missing_ids() {
    let app = app();
    let resp = get(
        &app,
        &url(&format!("{CC}?id={EDGE_RTM}&id={PUMP}&id=%20")),
        MEMBER,
    )
    .await;
    assert_eq!(resp.status, StatusCode::OK);
    assert_eq!(resp.total(), 2);
    let ids: Vec<Value> = resp
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["Id"].clone())
        .collect();
    assert_eq!(ids, vec![json!(PUMP), json!(EDGE_RTM)], "creation order");

    let count = head(&app, &url(&format!("{CC}?id={PUMP}")), MEMBER).await;
    assert_eq!(count.total(), 1);

    let tagged = get(&app, &url(&format!("{CC}?tag=reporting")), MEMBER).await;
    assert_eq!(tagged.total(), 1);
    assert_eq!(tagged.json()[0]["Name"], "Nightly report export");

    let missing = "11111111-2222-4333-8444-555555555555";
    let partial = get(&app, &url(&format!("{CC}?id={PUMP}&id={missing}")), MEMBER).await;
    assert_eq!(partial.status, StatusCode::MULTI_STATUS);
    let body = partial.json();
    assert_eq!(body["Data"][0]["Id"], PUMP);
    assert_eq!(body["ChildErrors"][0]["StatusCode"], 404);
    assert_eq!(body["ChildErrors"][0]["ModelId"], missing);

    // Hybrid lists have no 207: unknown ids are simply not returned.
    let hybrid = get(&app, &url(&format!("{HYBRID}?id={missing}")), MEMBER).await;
    assert_eq!(hybrid.status, StatusCode::OK);
    assert_eq!(hybrid.json(), json!([]));
}

#[tokio::test]
async fn create_get_head_put_delete_a_client_credential_client() {
    let app = app();
    let created = post(&app, &url(CC), ADMIN, cc_body("Flow meter upload")).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let body = created.json();
    let secret = body["Secret"].as_str().expect("secret value").to_owned();
    assert!(secret.len() >= 43);
    assert!(body["Id"].is_i64(), "Id is the secret id");
    assert_eq!(body["Description"], "First key");
    assert_eq!(body["ExpirationDate"], "2030-01-02T03:04:05Z");
    let id = body["Client"]["Id"].as_str().expect("client id").to_owned();
    assert!(uuid::Uuid::parse_str(&id).is_ok());
    assert_eq!(body["Client"]["AccessTokenLifetime"], 1800);
    assert_eq!(
        body["Client"]["RoleIds"],
        json!([dev_api::seed::ROLE_TENANT_MEMBER]),
        "Tenant Member is assigned when RoleIds is absent"
    );
    assert!(created.header("location").is_some_and(|l| l.ends_with(&id)));

    let one = get(&app, &url(&format!("{CC}/{id}")), MEMBER).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json(), body["Client"]);
    assert!(!one.text().contains(&secret));
    assert!(!one.text().contains("Secret"));

    // Ids are matched case-insensitively.
    let upper = get(&app, &url(&format!("{CC}/{}", id.to_uppercase())), MEMBER).await;
    assert_eq!(upper.status, StatusCode::OK);

    assert_eq!(
        head(&app, &url(&format!("{CC}/{id}")), MEMBER).await.status,
        StatusCode::OK
    );

    // Partial update: only Enabled changes.
    let updated = put(
        &app,
        &url(&format!("{CC}/{id}")),
        ADMIN,
        json!({"Enabled": false}),
    )
    .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text());
    let mut expected = body["Client"].clone();
    expected["Enabled"] = json!(false);
    assert_eq!(updated.json(), expected);

    // Nulls change nothing either.
    let same = put(
        &app,
        &url(&format!("{CC}/{id}")),
        ADMIN,
        json!({"Name": null, "AccessTokenLifetime": null, "RoleIds": null, "Id": id}),
    )
    .await;
    assert_eq!(same.json(), expected);

    let renamed = put(
        &app,
        &url(&format!("{CC}/{id}")),
        ADMIN,
        json!({"Name": "Flow meter upload (v2)", "AccessTokenLifetime": 60, "Tags": ["x"]}),
    )
    .await;
    assert_eq!(renamed.json()["Name"], "Flow meter upload (v2)");
    assert_eq!(renamed.json()["AccessTokenLifetime"], 60);
    assert_eq!(renamed.json()["Tags"], json!(["x"]));
    assert_eq!(renamed.json()["Enabled"], false);

    let deleted = delete(&app, &url(&format!("{CC}/{id}")), ADMIN).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert!(deleted.body.is_empty());
    expect_error(
        &get(&app, &url(&format!("{CC}/{id}")), MEMBER).await,
        StatusCode::NOT_FOUND,
    );
    let gone = head(&app, &url(&format!("{CC}/{id}")), MEMBER).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(gone.body.is_empty(), "HEAD errors have no body");
    expect_error(
        &delete(&app, &url(&format!("{CC}/{id}")), ADMIN).await,
        StatusCode::NOT_FOUND,
    );
    expect_error(
        &put(
            &app,
            &url(&format!("{CC}/{id}")),
            ADMIN,
            json!({"Enabled": true}),
        )
        .await,
        StatusCode::NOT_FOUND,
    );
    assert_eq!(get(&app, &url(CC), MEMBER).await.total(), 8);
}

#[tokio::test]
async fn create_get_put_delete_hybrid_and_authorization_code_clients() {
    let app = app();
    let mut hybrid = web_body("Control room web");
    hybrid["AllowAccessTokensViaBrowser"] = json!(true);
    let created = post(&app, &url(HYBRID), ADMIN, hybrid).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let body = created.json();
    assert!(body["Secret"].as_str().is_some());
    assert!(
        body.get("ExpirationDate").is_none(),
        "null omitted: never expires"
    );
    let id = body["Client"]["Id"].as_str().expect("id").to_owned();
    assert_eq!(body["Client"]["AllowAccessTokensViaBrowser"], true);
    assert_eq!(
        body["Client"]["AccessTokenLifetime"], 3600,
        "default lifetime"
    );

    let updated = put(
        &app,
        &url(&format!("{HYBRID}/{id}")),
        ADMIN,
        json!({"AllowOfflineAccess": true, "ClientUri": "https://app.example.com/about"}),
    )
    .await;
    assert_eq!(updated.status, StatusCode::OK);
    let json = updated.json();
    assert_eq!(json["AllowOfflineAccess"], true);
    assert_eq!(json["ClientUri"], "https://app.example.com/about");
    assert_eq!(
        json["RedirectUris"],
        json!(["https://app.example.com/signin-oidc"])
    );

    let mut auth = web_body("Field app");
    auth["AllowedCorsOrigins"] = json!(["https://field.example.com"]);
    let created = post(&app, &url(AUTH_CODE), ADMIN, auth).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let body = created.json();
    assert!(
        body.get("Secret").is_none(),
        "no secret for authorization code clients"
    );
    assert_eq!(
        body["AllowedCorsOrigins"],
        json!(["https://field.example.com"])
    );
    let id = body["Id"].as_str().expect("id").to_owned();
    let one = get(&app, &url(&format!("{AUTH_CODE}/{id}")), MEMBER).await;
    assert_eq!(one.json(), body);
    assert_eq!(
        delete(&app, &url(&format!("{AUTH_CODE}/{id}")), ADMIN)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    // A client of another kind is not found under this kind.
    expect_error(
        &get(&app, &url(&format!("{HYBRID}/{PUMP}")), MEMBER).await,
        StatusCode::NOT_FOUND,
    );
    // Authorization code clients have no secrets route.
    expect_error(
        &get(
            &app,
            &url(&format!("{AUTH_CODE}/{MOBILE_APP}/Secrets")),
            ADMIN,
        )
        .await,
        StatusCode::NOT_FOUND,
    );
}

#[tokio::test]
async fn token_lifetime_must_be_60_to_3600() {
    let app = app();
    for lifetime in [59, 3601, 0, -5] {
        let mut body = cc_body("x");
        body["AccessTokenLifetime"] = json!(lifetime);
        let resp = post(&app, &url(CC), ADMIN, body).await;
        let error = expect_error_reason(&resp, StatusCode::BAD_REQUEST, &lifetime.to_string());
        assert!(error.reason.contains("AccessTokenLifetime"));
        let resp = put(
            &app,
            &url(&format!("{HYBRID}/{OPS_DASHBOARD}")),
            ADMIN,
            json!({"AccessTokenLifetime": lifetime}),
        )
        .await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, "AccessTokenLifetime");
    }
    for lifetime in [60, 3600] {
        let mut body = web_body("edge");
        body["AccessTokenLifetime"] = json!(lifetime);
        assert_eq!(
            post(&app, &url(AUTH_CODE), ADMIN, body).await.status,
            StatusCode::CREATED
        );
    }
}

#[tokio::test]
async fn redirect_uri_rules() {
    let app = app();
    for kind in [HYBRID, AUTH_CODE] {
        // Required on create.
        let resp = post(&app, &url(kind), ADMIN, json!({"Name": "x"})).await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, "RedirectUris");
        let resp = post(
            &app,
            &url(kind),
            ADMIN,
            json!({"Name": "x", "RedirectUris": []}),
        )
        .await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, "RedirectUris");
        // At most 10.
        let eleven: Vec<String> = (0..11)
            .map(|n| format!("https://a.example.com/{n}"))
            .collect();
        let mut body = web_body("x");
        body["RedirectUris"] = json!(eleven);
        let resp = post(&app, &url(kind), ADMIN, body).await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, "RedirectUris");
        let mut body = web_body("x");
        body["PostLogoutRedirectUris"] = json!(eleven);
        let resp = post(&app, &url(kind), ADMIN, body).await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, "PostLogoutRedirectUris");
        let ten = &eleven[..10];
        let mut body = web_body("x");
        body["RedirectUris"] = json!(ten);
        body["PostLogoutRedirectUris"] = json!(ten);
        assert_eq!(
            post(&app, &url(kind), ADMIN, body).await.status,
            StatusCode::CREATED
        );
        // Any absolute URI, as the platform takes them: custom schemes of native apps,
        // http://localhost with a port, other schemes.
        for good in [
            "com.example.app:/callback",
            "http://localhost:8400/cb",
            "myapp://cb",
            "ftp://x.example.com/",
            "urn:ietf:wg:oauth:2.0:oob",
        ] {
            let mut body = web_body("x");
            body["RedirectUris"] = json!([good]);
            body["PostLogoutRedirectUris"] = json!([good]);
            let resp = post(&app, &url(kind), ADMIN, body).await;
            assert_eq!(resp.status, StatusCode::CREATED, "{good}");
            let body = resp.json();
            // A hybrid create answers with a `Client`, an authorization code one with the client.
            let created = body.get("Client").unwrap_or(&body);
            assert_eq!(created["RedirectUris"], json!([good]), "{good}");
            assert_eq!(created["PostLogoutRedirectUris"], json!([good]), "{good}");
        }
        // Never relative, with a space or control character, or with a fragment.
        for bad in [
            "/signin",
            "cb",
            "//host/cb",
            "app.example.com/cb",
            "localhost:8400/cb",
            "1app:/cb",
            "myapp:",
            "https://",
            "https://a b.example/cb",
            "myapp://cb?x=a b",
            "com.example.app:/call\u{7f}back",
            "https://app.example.com/cb#top",
            "com.example.app:/callback#x",
        ] {
            let mut body = web_body("x");
            body["RedirectUris"] = json!([bad]);
            let resp = post(&app, &url(kind), ADMIN, body).await;
            let error = expect_error_reason(&resp, StatusCode::BAD_REQUEST, "RedirectUris");
            assert!(error.reason.contains(bad), "{bad:?}: {}", error.reason);
            let mut body = web_body("x");
            body["PostLogoutRedirectUris"] = json!([bad]);
            let resp = post(&app, &url(kind), ADMIN, body).await;
            expect_error_reason(&resp, StatusCode::BAD_REQUEST, "PostLogoutRedirectUris");
        }
    }
    // On update: optional, but the same limits, and cannot be emptied.
    let path = url(&format!("{HYBRID}/{OPS_DASHBOARD}"));
    let resp = put(
        &app,
        &path,
        ADMIN,
        json!({"RedirectUris": ["relative/path"]}),
    )
    .await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "RedirectUris");
    let resp = put(&app, &path, ADMIN, json!({"RedirectUris": []})).await;
    expect_error(&resp, StatusCode::BAD_REQUEST);
    let resp = put(
        &app,
        &path,
        ADMIN,
        json!({"PostLogoutRedirectUris": ["nope"]}),
    )
    .await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "PostLogoutRedirectUris");
    for bad in ["https://ops.example.com/cb#x", "myapp://c b"] {
        let resp = put(&app, &path, ADMIN, json!({"RedirectUris": [bad]})).await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, "RedirectUris");
    }
    let resp = put(&app, &path, ADMIN, json!({"LogoUri": "logo.png"})).await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "LogoUri");
    let auth = url(&format!("{AUTH_CODE}/{MOBILE_APP}"));
    let resp = put(
        &app,
        &auth,
        ADMIN,
        json!({"AllowedCorsOrigins": ["https://a.example.com/path"]}),
    )
    .await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "AllowedCorsOrigins");
    // Nothing changed by the rejected updates.
    let now = get(&app, &path, MEMBER).await.json();
    assert_eq!(
        now["RedirectUris"],
        json!(["https://ops.example.com/signin-oidc"])
    );
    // A native app's custom scheme and http://localhost with a port are taken on update too;
    // CORS origins stay http(s) origins.
    let native = json!(["com.example.app:/callback", "http://localhost:8400/cb"]);
    let resp = put(
        &app,
        &path,
        ADMIN,
        json!({"RedirectUris": native, "PostLogoutRedirectUris": native}),
    )
    .await;
    assert_eq!(resp.status, StatusCode::OK, "{}", resp.text());
    let now = get(&app, &path, MEMBER).await.json();
    assert_eq!(now["RedirectUris"], native);
    assert_eq!(now["PostLogoutRedirectUris"], native);
    let resp = put(
        &app,
        &auth,
        ADMIN,
        json!({"AllowedCorsOrigins": ["com.example.app:/callback"]}),
    )
    .await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "AllowedCorsOrigins");
}

#[tokio::test]
async fn name_is_required_and_id_must_be_a_unique_guid() {
    let app = app();
    for body in [json!({}), json!({"Name": "   "}), json!({"Name": null})] {
        let resp = post(&app, &url(CC), ADMIN, body).await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Name");
    }
    let resp = put(
        &app,
        &url(&format!("{CC}/{PUMP}")),
        ADMIN,
        json!({"Name": ""}),
    )
    .await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Name");

    let mut body = cc_body("x");
    body["Id"] = json!("not-a-guid");
    let resp = post(&app, &url(CC), ADMIN, body).await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "not-a-guid");

    let chosen = "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f";
    let mut body = cc_body("chosen id");
    body["Id"] = json!(chosen);
    let resp = post(&app, &url(CC), ADMIN, body.clone()).await;
    assert_eq!(resp.status, StatusCode::CREATED);
    assert_eq!(resp.json()["Client"]["Id"], chosen);
    // Duplicate: 409, also across kinds and letter case.
    let resp = post(&app, &url(CC), ADMIN, body).await;
    expect_error_reason(&resp, StatusCode::CONFLICT, chosen);
    let mut web = web_body("same id, other kind");
    web["Id"] = json!(chosen.to_uppercase());
    expect_error(
        &post(&app, &url(HYBRID), ADMIN, web).await,
        StatusCode::CONFLICT,
    );

    // The Id is kept as sent; other GUID spellings are refused.
    let upper = "ABCDEF01-2345-4678-89AB-CDEF01234567";
    let mut body = cc_body("  Upper case id  ");
    body["Id"] = json!(upper);
    let resp = post(&app, &url(AUTH_CODE), ADMIN, {
        let mut web = web_body("  Upper case id  ");
        web["Id"] = json!(upper);
        web
    })
    .await;
    assert_eq!(resp.status, StatusCode::CREATED);
    assert_eq!(resp.json()["Id"], upper);
    assert_eq!(
        resp.json()["Name"],
        "  Upper case id  ",
        "the name is kept as sent"
    );
    let lower = get(
        &app,
        &url(&format!("{AUTH_CODE}/{}", upper.to_lowercase())),
        MEMBER,
    )
    .await;
    assert_eq!(lower.status, StatusCode::OK);
    for bad in [
        "{0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e60}",
        "0f9e8d7c6b5a4c3d8e2f1a0b9c8d7e60",
        "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6",
    ] {
        body["Id"] = json!(bad);
        expect_error(
            &post(&app, &url(CC), ADMIN, body.clone()).await,
            StatusCode::BAD_REQUEST,
        );
    }

    // The Id in a PUT body must be the path's.
    let resp = put(
        &app,
        &url(&format!("{CC}/{PUMP}")),
        ADMIN,
        json!({"Id": chosen}),
    )
    .await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Id");
}

#[tokio::test]
async fn role_ids_must_exist_and_contain_tenant_member() {
    let app = app();
    let member = dev_api::seed::ROLE_TENANT_MEMBER;
    let contributor = dev_api::seed::ROLE_TENANT_CONTRIBUTOR;
    let mut body = cc_body("x");
    body["RoleIds"] = json!([contributor]);
    let resp = post(&app, &url(CC), ADMIN, body).await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Tenant Member");

    let mut body = cc_body("x");
    body["RoleIds"] = json!([member, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"]);
    let resp = post(&app, &url(CC), ADMIN, body).await;
    expect_error_reason(
        &resp,
        StatusCode::BAD_REQUEST,
        "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
    );

    let mut body = cc_body("x");
    body["RoleIds"] = json!([member.to_uppercase(), contributor, member]);
    let resp = post(&app, &url(CC), ADMIN, body).await;
    assert_eq!(resp.status, StatusCode::CREATED);
    assert_eq!(
        resp.json()["Client"]["RoleIds"],
        json!([member, contributor])
    );

    let path = url(&format!("{CC}/{PUMP}"));
    let resp = put(&app, &path, ADMIN, json!({"RoleIds": [contributor]})).await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Tenant Member");
    let resp = put(&app, &path, ADMIN, json!({"RoleIds": []})).await;
    expect_error(&resp, StatusCode::BAD_REQUEST);
    let resp = put(
        &app,
        &path,
        ADMIN,
        json!({"RoleIds": [member, contributor]}),
    )
    .await;
    assert_eq!(resp.json()["RoleIds"], json!([member, contributor]));
}

#[tokio::test]
async fn the_tenant_holds_at_most_50000_clients() {
    let app = app_with(dev_api::Config {
        seed: dev_api::SeedOptions {
            demo: true,
            generated: 60_000,
        },
        ..Default::default()
    });
    let totals: usize = {
        let mut sum = 0;
        for kind in [CC, HYBRID, AUTH_CODE] {
            sum += head(&app, &url(kind), MEMBER).await.total();
        }
        sum
    };
    assert_eq!(totals, 50_000, "--clients is capped at 50 000 in total");
    let resp = post(&app, &url(CC), ADMIN, cc_body("one too many")).await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "50000");
    let resp = post(&app, &url(AUTH_CODE), ADMIN, web_body("one too many")).await;
    expect_error(&resp, StatusCode::BAD_REQUEST);
    // After a delete there is room again.
    assert_eq!(
        delete(&app, &url(&format!("{CC}/{PUMP}")), ADMIN)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        post(&app, &url(CC), ADMIN, cc_body("fits")).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn bodies_that_are_not_json_or_have_wrong_types_are_400_naming_the_field() {
    let app = app();
    let cases = [
        (
            r#"{"Name": "x", "AccessTokenLifetime": "abc"}"#,
            "AccessTokenLifetime",
        ),
        (
            r#"{"Name": "x", "AccessTokenLifetime": 12.5}"#,
            "AccessTokenLifetime",
        ),
        (r#"{"Name": 42}"#, "Name"),
        (r#"{"Name": "x", "Enabled": "yes"}"#, "Enabled"),
        (r#"{"Name": "x", "RoleIds": "abc"}"#, "RoleIds"),
        (r#"{"Name": "x", "RoleIds": [1]}"#, "RoleIds[0]"),
        (
            r#"{"Name": "x", "SecretExpirationDate": "next tuesday"}"#,
            "SecretExpirationDate",
        ),
        (r#"[1, 2]"#, "The body"),
    ];
    for (body, field) in cases {
        let resp = call(Method::POST, url(CC))
            .token(ADMIN)
            .raw(body)
            .send(&app)
            .await;
        expect_error_reason(&resp, StatusCode::BAD_REQUEST, field);
    }
    for body in [r#"{"Name": "x""#, "not json", r#"{"Name": "x"} trailing"#] {
        let resp = call(Method::POST, url(HYBRID))
            .token(ADMIN)
            .raw(body)
            .send(&app)
            .await;
        let error = expect_error(&resp, StatusCode::BAD_REQUEST);
        assert!(error.error.contains("JSON"), "{}", error.error);
    }
    let resp = call(Method::PUT, url(&format!("{AUTH_CODE}/{MOBILE_APP}")))
        .token(ADMIN)
        .raw(r#"{"AllowOfflineAccess": "true"}"#)
        .send(&app)
        .await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "AllowOfflineAccess");
    let resp = call(Method::POST, url(CC)).token(ADMIN).send(&app).await;
    expect_error(&resp, StatusCode::BAD_REQUEST);
    let resp = call(Method::POST, url(CC))
        .token(ADMIN)
        .header("content-type", "text/plain")
        .send(&app)
        .await;
    expect_error(&resp, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn enabled_and_disabled_clients_are_seeded() {
    let app = app();
    for kind in [CC, HYBRID, AUTH_CODE] {
        let list = get(&app, &url(kind), MEMBER).await.json();
        let list = list.as_array().expect("array");
        assert!(list.iter().any(|c| c["Enabled"] == true), "{kind}");
        assert!(list.iter().any(|c| c["Enabled"] == false), "{kind}");
    }
    let empty = app_with(dev_api::Config {
        seed: dev_api::SeedOptions {
            demo: false,
            generated: 0,
        },
        ..Default::default()
    });
    assert_eq!(get(&empty, &url(CC), MEMBER).await.total(), 0);
    assert_eq!(get(&empty, &url("Roles"), MEMBER).await.total(), 8);
}
