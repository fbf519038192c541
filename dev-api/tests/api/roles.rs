//! Tenant roles and the roles of client credential clients.

use axum::http::StatusCode;
use dev_api::seed::{
    COMMUNITY_ID, ROLE_COMMUNITY_READERS, ROLE_CUSTOM_PIPELINE_OPERATORS, ROLE_TENANT_CONTRIBUTOR,
    ROLE_TENANT_MEMBER,
};
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn tenant_roles_with_built_in_role_type_ids() {
    let app = app();
    let resp = get(&app, &url("Roles"), MEMBER).await;
    assert_eq!(resp.status, StatusCode::OK);
    assert_eq!(resp.total(), 8);
    let roles = resp.json();
    let roles = roles.as_array().expect("array");
    let type_of = |name: &str| {
        roles
            .iter()
            .find(|r| r["Name"] == name)
            .unwrap_or_else(|| panic!("role {name}"))
            .get("RoleTypeId")
            .cloned()
    };
    for (name, type_id) in [
        (
            "Tenant Administrator",
            "2dc742ab-39ea-4fc0-a39e-2bcb71c26a5f",
        ),
        ("Tenant Contributor", "f1439595-e5a2-487f-8a4f-0627fefe75df"),
        (
            "Tenant Data Steward",
            "45b66433-5f57-420b-bbdf-8bbd60c1cd9d",
        ),
        ("Tenant Member", "7ad2b9ef-5386-4ead-ac9f-ad99c5c5b977"),
        ("Tenant Viewer", "e6cbf91e-0be8-4858-92b5-f88ecafd5574"),
        (
            "Community Administrator",
            "b50b3349-fa9e-4a03-9220-cf99184b4645",
        ),
    ] {
        assert_eq!(type_of(name), Some(json!(type_id)), "{name}");
    }
    let custom = roles
        .iter()
        .find(|r| r["Id"] == ROLE_CUSTOM_PIPELINE_OPERATORS)
        .expect("custom role");
    assert_eq!(custom["RoleScope"], 1);
    assert!(
        custom.get("RoleTypeId").is_none(),
        "custom roles have no RoleTypeId"
    );
    let community = roles
        .iter()
        .find(|r| r["Id"] == ROLE_COMMUNITY_READERS)
        .expect("community role");
    assert_eq!(community["RoleScope"], 2);
    assert_eq!(community["CommunityId"], COMMUNITY_ID);
    assert!(community.get("TenantId").is_none());

    let filtered = get(
        &app,
        &url("Roles?roleTypeId=7AD2B9EF-5386-4EAD-AC9F-AD99C5C5B977"),
        MEMBER,
    )
    .await;
    assert_eq!(filtered.total(), 1);
    assert_eq!(filtered.json()[0]["Id"], ROLE_TENANT_MEMBER);

    let page = get(&app, &url("Roles?skip=6&count=5"), MEMBER).await;
    assert_eq!(page.total(), 8);
    assert_eq!(page.json().as_array().expect("array").len(), 2);
    assert_eq!(head(&app, &url("Roles"), MEMBER).await.total(), 8);

    let one = get(&app, &url(&format!("Roles/{ROLE_TENANT_MEMBER}")), MEMBER).await;
    assert_eq!(one.json()["Name"], "Tenant Member");
    assert_eq!(
        head(&app, &url(&format!("Roles/{ROLE_TENANT_MEMBER}")), MEMBER)
            .await
            .status,
        StatusCode::OK
    );
    expect_error(
        &get(
            &app,
            &url("Roles/00000000-0000-4000-8000-000000000000"),
            MEMBER,
        )
        .await,
        StatusCode::NOT_FOUND,
    );
    assert_eq!(
        head(
            &app,
            &url("Roles/00000000-0000-4000-8000-000000000000"),
            MEMBER
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    let members = get(
        &app,
        &url(&format!(
            "Roles/{ROLE_TENANT_MEMBER}/clientcredentialclients"
        )),
        MEMBER,
    )
    .await;
    assert_eq!(
        members.total(),
        8,
        "every client credential client has Tenant Member"
    );
    let custom = head(
        &app,
        &url(&format!(
            "Roles/{ROLE_CUSTOM_PIPELINE_OPERATORS}/clientcredentialclients"
        )),
        MEMBER,
    )
    .await;
    assert_eq!(custom.total(), 1);
}

#[tokio::test]
async fn roles_of_a_client_credential_client() {
    let app = app();
    let path = url(&format!("{CC}/{EDGE_RTM}/Roles"));
    let resp = get(&app, &path, MEMBER).await;
    assert_eq!(resp.status, StatusCode::OK);
    let names: Vec<_> = resp
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["Name"].clone())
        .collect();
    assert_eq!(
        names,
        vec![json!("Tenant Member"), json!("Pipeline Operators")]
    );
    assert_eq!(head(&app, &path, MEMBER).await.total(), 2);

    // Replace them with a Role[] body (only Id matters).
    let resp = put(
        &app,
        &path,
        ADMIN,
        json!([{"Id": ROLE_TENANT_MEMBER, "Name": "ignored"}, {"Id": ROLE_TENANT_CONTRIBUTOR}]),
    )
    .await;
    assert_eq!(resp.status, StatusCode::OK, "{}", resp.text());
    assert_eq!(resp.json()[1]["Name"], "Tenant Contributor");
    let client = get(&app, &url(&format!("{CC}/{EDGE_RTM}")), MEMBER)
        .await
        .json();
    assert_eq!(
        client["RoleIds"],
        json!([ROLE_TENANT_MEMBER, ROLE_TENANT_CONTRIBUTOR])
    );

    // The /Clients/{id}/Roles path is the same resource.
    let alias = get(&app, &url(&format!("Clients/{EDGE_RTM}/Roles")), MEMBER).await;
    assert_eq!(alias.json(), resp.json());
    let alias_put = put(
        &app,
        &url(&format!("Clients/{EDGE_RTM}/Roles")),
        ADMIN,
        json!([{"Id": ROLE_TENANT_MEMBER}, {"Id": ROLE_COMMUNITY_READERS}]),
    )
    .await;
    assert_eq!(alias_put.status, StatusCode::OK);
    assert_eq!(
        alias_put.json()[1]["RoleScope"],
        2,
        "community roles can be assigned"
    );
    assert_eq!(head(&app, &path, MEMBER).await.total(), 2);
    let paged = get(&app, &format!("{path}?skip=1&count=1"), MEMBER).await;
    assert_eq!(paged.total(), 2);
    assert_eq!(paged.json()[0]["Id"], ROLE_COMMUNITY_READERS);

    // Rules.
    let resp = put(&app, &path, ADMIN, json!([{"Id": ROLE_TENANT_CONTRIBUTOR}])).await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Tenant Member");
    let resp = put(
        &app,
        &path,
        ADMIN,
        json!([{"Id": ROLE_TENANT_MEMBER}, {"Id": "99999999-9999-4999-8999-999999999999"}]),
    )
    .await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "99999999");
    let resp = put(&app, &path, ADMIN, json!([{"Name": "no id"}])).await;
    expect_error_reason(&resp, StatusCode::BAD_REQUEST, "Id");
    let resp = put(&app, &path, ADMIN, json!({"Id": ROLE_TENANT_MEMBER})).await;
    expect_error(&resp, StatusCode::BAD_REQUEST);
    let resp = put(&app, &path, MEMBER, json!([{"Id": ROLE_TENANT_MEMBER}])).await;
    expect_error(&resp, StatusCode::FORBIDDEN);

    // Hybrid clients have no roles; unknown clients are 404.
    expect_error(
        &get(&app, &url(&format!("{CC}/{OPS_DASHBOARD}/Roles")), MEMBER).await,
        StatusCode::NOT_FOUND,
    );
    expect_error(
        &put(
            &app,
            &url(&format!("{CC}/{OPS_DASHBOARD}/Roles")),
            ADMIN,
            json!([{"Id": ROLE_TENANT_MEMBER}]),
        )
        .await,
        StatusCode::NOT_FOUND,
    );
}
