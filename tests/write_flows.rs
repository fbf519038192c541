//! Browser tests of the changes an admin makes: disable, remove, add a client, add a secret,
//! and what happens when the input is wrong or the API refuses.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PUMP: &str = "0b7d1c9e-1111-4a4a-9a9a-000000000001";
const TENANT_PATH: &str = "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a";

fn routes(extra: &str) -> String {
    format!(
        r#"[
        {extra}
        {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "headers": {{ "Total-Count": "2" }}, "body": [
            {{ "Id": "{PUMP}", "Name": "Pump station telemetry", "Enabled": true, "AccessTokenLifetime": 3600, "RoleIds": ["role-member"] }},
            {{ "Id": "0b7d1c9e-1111-4a4a-9a9a-000000000002", "Name": "Historian sync", "Enabled": false, "AccessTokenLifetime": 300, "RoleIds": ["role-member"] }} ] }},
        {{ "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}", "body":
            {{ "Id": "{PUMP}", "Name": "Pump station telemetry", "Enabled": true, "AccessTokenLifetime": 3600, "RoleIds": ["role-member"] }} }},
        {{ "path": "^/api/v1/Tenants/[^/]+/Roles$", "body": [
            {{ "Id": "role-member", "Name": "Tenant Member", "RoleTypeId": "7ad2b9ef-5386-4ead-ac9f-ad99c5c5b977", "RoleScope": 1 }},
            {{ "Id": "role-contrib", "Name": "Tenant Contributor", "RoleTypeId": "f1439595-e5a2-487f-8a4f-0627fefe75df", "RoleScope": 1 }} ] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/[^/]+/Secrets$", "headers": {{ "Total-Count": "1" }}, "body": [
            {{ "Id": 7, "Description": "Primary", "Expires": true, "Expiration": new Date(Date.now() + 100 * 864e5).toISOString() }} ] }}
    ]"#
    )
}

/// The client list, loaded, with the Add Client form open.
async fn open_add_client() -> TestMount {
    let app = mount_console("/security/clients", true);
    wait_until("the rows", || {
        texts(&app.root, ".client-row .client-row__name").len() == 2
    })
    .await;
    button(&app.root, "Add Client").unwrap().click();
    wait_for_dialog_field(&app, "client-name").await;
    app
}

async fn open_pump(app: &TestMount) {
    wait_until("the pane", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Pump station telemetry")
    })
    .await;
}

#[wasm_bindgen_test]
async fn disabling_asks_first_then_sends_only_enabled_false() {
    stub_api(&routes(&format!(
        r#"{{ "method": "PUT", "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}",
             "body": {{ "Id": "{PUMP}", "Name": "Pump station telemetry", "Enabled": false, "AccessTokenLifetime": 3600, "RoleIds": ["role-member"] }} }},"#
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), true);
    open_pump(&app).await;
    button(&app.root, "Disable Client").unwrap().click();
    wait_until("the confirmation", || {
        open_dialog_text(&app.root).is_some_and(|t| t.contains("no longer be able to get tokens"))
    })
    .await;
    assert_eq!(
        requests_to("PUT", TENANT_PATH),
        0,
        "nothing is sent before the confirmation"
    );
    let focused = support::document()
        .active_element()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert_eq!(focused.trim(), "Cancel", "the safe choice has the focus");
    dialog_button(&app.root, "Disable").unwrap().click();
    wait_until("the badge", || {
        text_of(
            &app.root,
            "[data-testid=details-pane] [data-testid=status-badge]",
        )
        .as_deref()
            == Some("Disabled")
    })
    .await;
    assert_eq!(
        last_body("PUT", TENANT_PATH),
        Some(serde_json::json!({ "Enabled": false }))
    );
    assert!(button(&app.root, "Enable Client").is_some());
    assert!(open_dialog_text(&app.root).is_none(), "the dialog closed");
}

#[wasm_bindgen_test]
async fn removing_a_client_goes_through_more_options_and_a_confirmation() {
    stub_api(&routes(&format!(
        r#"{{ "method": "DELETE", "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}", "status": 204 }},"#
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), true);
    open_pump(&app).await;
    button(&app.root, "More options").unwrap().click();
    wait_until("the menu", || button(&app.root, "Remove Client").is_some()).await;
    button(&app.root, "Remove Client").unwrap().click();
    wait_until("the confirmation", || {
        open_dialog_text(&app.root).is_some_and(|t| t.contains("This cannot be undone"))
    })
    .await;
    confirm_removal(&app.root, "Pump station telemetry").await;
    dialog_button(&app.root, "Remove").unwrap().click();
    wait_until("the row to go", || {
        texts(&app.root, ".client-row .client-row__name") == ["Historian sync"]
    })
    .await;
    assert_eq!(
        requests_to(
            "DELETE",
            &format!("{TENANT_PATH}/ClientCredentialClients/{PUMP}")
        ),
        1
    );
    assert!(
        app.root
            .query_selector("[data-testid=details-pane]")
            .unwrap()
            .is_none(),
        "the pane closed"
    );
}

#[wasm_bindgen_test]
async fn a_new_secret_defaults_to_one_year_and_its_value_is_shown_once() {
    stub_api(&routes(&format!(
        r#"{{ "method": "POST", "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}/Secrets", "status": 201,
             "body": {{ "Id": 8, "Description": "Gateway 4", "Expires": true, "Expiration": "2027-11-26T10:00:00Z", "Secret": "s3cr3t-value-shown-once" }} }},"#
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}&tab=secrets"), true);
    wait_until("the secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 1
    })
    .await;
    button(&app.root, "Add Secret").unwrap().click();
    wait_for_dialog_field(&app, "secret-expiration").await;
    let expiry: web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_into(
        app.root
            .query_selector("[data-testid=secret-expiration]")
            .unwrap()
            .unwrap(),
    );
    let next_year = (js_sys::Date::new_0().get_full_year() + 1).to_string();
    assert!(
        expiry.value().starts_with(&next_year),
        "defaults to a year from now: {}",
        expiry.value()
    );
    type_into(&app.root, "[data-testid=secret-description]", "Gateway 4");
    dialog_button(&app.root, "Add").unwrap().click();
    wait_until("the value", || {
        text_of(&app.root, "[data-testid=new-secret]").as_deref() == Some("s3cr3t-value-shown-once")
    })
    .await;
    let body = last_body(
        "POST",
        &format!("{TENANT_PATH}/ClientCredentialClients/{PUMP}/Secrets"),
    )
    .unwrap();
    assert_eq!(body["Expires"], true);
    assert_eq!(body["Description"], "Gateway 4");
    let sent = body["Expiration"].as_str().unwrap();
    assert!(
        sent.starts_with(&next_year) && sent.ends_with('Z'),
        "UTC with Z: {sent}"
    );
    assert!(open_dialog_text(&app.root)
        .unwrap()
        .contains("cannot be shown or retrieved again"));
    assert!(
        !support::location().href().unwrap().contains("s3cr3t"),
        "never in the URL"
    );
    close_reveal_as_stored(&app.root).await;
    assert!(
        !support::document()
            .body()
            .unwrap()
            .inner_html()
            .contains("s3cr3t"),
        "gone from the page once closed"
    );
}

#[wasm_bindgen_test]
async fn never_expires_sends_expires_false_and_an_explicit_null() {
    stub_api(&routes(&format!(
        r#"{{ "method": "POST", "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}/Secrets", "status": 201,
             "body": {{ "Id": 9, "Expires": false, "Secret": "another-value" }} }},"#
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}&tab=secrets"), true);
    wait_until("the secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 1
    })
    .await;
    button(&app.root, "Add Secret").unwrap().click();
    wait_for_dialog_field(&app, "never-expires").await;
    set_checked(&app.root, "[data-testid=never-expires]", true);
    dialog_button(&app.root, "Add").unwrap().click();
    wait_until("the value", || {
        text_of(&app.root, "[data-testid=new-secret]").is_some()
    })
    .await;
    let body = last_body(
        "POST",
        &format!("{TENANT_PATH}/ClientCredentialClients/{PUMP}/Secrets"),
    )
    .unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "Expires": false, "Expiration": null })
    );
}

#[wasm_bindgen_test]
async fn adding_a_client_shows_its_id_and_first_secret_and_selects_it() {
    stub_api(&routes(&format!(
        r#"{{ "method": "POST", "path": "{TENANT_PATH}/ClientCredentialClients", "status": 201,
             "body": {{ "Secret": "first-secret-value", "Id": 1, "Description": null, "ExpirationDate": "2027-11-26T10:00:00Z",
                       "Client": {{ "Id": "0b7d1c9e-1111-4a4a-9a9a-0000000000aa", "Name": "Plant 4 gateway", "Enabled": true,
                                   "AccessTokenLifetime": 1800, "RoleIds": ["role-member", "role-contrib"] }} }} }},"#
    )));
    let app = open_add_client().await;
    wait_until("the roles", || {
        open_dialog_text(&app.root).is_some_and(|t| t.contains("Tenant Contributor"))
    })
    .await;
    type_into(&app.root, "[data-testid=client-name]", "Plant 4 gateway");
    type_into(&app.root, "[data-testid=token-lifetime]", "1800");
    let boxes = app
        .root
        .query_selector_all("dialog[open] .roles-field input[type=checkbox]")
        .unwrap();
    let contributor: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(boxes.item(1).unwrap());
    contributor.set_checked(true);
    contributor
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("the new id", || {
        text_of(&app.root, "[data-testid=new-client-id]").as_deref()
            == Some("0b7d1c9e-1111-4a4a-9a9a-0000000000aa")
    })
    .await;
    assert_eq!(
        text_of(&app.root, "[data-testid=new-secret]").as_deref(),
        Some("first-secret-value")
    );
    let body = last_body("POST", &format!("{TENANT_PATH}/ClientCredentialClients")).unwrap();
    assert_eq!(body["Name"], "Plant 4 gateway");
    assert_eq!(body["AccessTokenLifetime"], 1800);
    assert_eq!(body["Enabled"], true);
    assert_eq!(
        body["RoleIds"],
        serde_json::json!(["role-member", "role-contrib"])
    );
    assert!(
        body["SecretExpirationDate"]
            .as_str()
            .is_some_and(|d| d.ends_with('Z')),
        "{body}"
    );
    close_reveal_as_stored(&app.root).await;
    wait_until("the new client selected", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Plant 4 gateway")
    })
    .await;
    assert!(
        texts(&app.root, ".client-row .client-row__name").contains(&"Plant 4 gateway".to_string())
    );
}

#[wasm_bindgen_test]
async fn wrong_input_is_explained_per_field_and_nothing_is_sent() {
    stub_api(&routes(""));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), true);
    open_pump(&app).await;
    button(&app.root, "Edit Client").unwrap().click();
    wait_for_dialog_field(&app, "client-name").await;
    type_into(&app.root, "[data-testid=client-name]", "  ");
    type_into(&app.root, "[data-testid=token-lifetime]", "30");
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("the messages", || {
        texts(&app.root, "dialog[open] .field__error").len() == 2
    })
    .await;
    let messages = texts(&app.root, "dialog[open] .field__error").join(" | ");
    assert!(
        messages.contains("Enter a name") && messages.contains("from 60 to 3600 seconds"),
        "{messages}"
    );
    assert_eq!(requests_to("PUT", TENANT_PATH), 0);
}

#[wasm_bindgen_test]
async fn a_refused_save_shows_the_reason_and_keeps_what_was_typed() {
    stub_api(&routes(&format!(
        r#"{{ "method": "POST", "path": "{TENANT_PATH}/ClientCredentialClients", "status": 400,
             "body": {{ "OperationId": "op-9", "Error": "The client limit is reached.", "Reason": "The tenant already has 50000 clients.",
                       "Resolution": "Remove clients you no longer use, then try again." }} }},"#
    )));
    let app = open_add_client().await;
    type_into(&app.root, "[data-testid=client-name]", "Plant 5 gateway");
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("the refusal", || {
        text_of(&app.root, "dialog[open] .error-panel").is_some()
    })
    .await;
    let panel = text_of(&app.root, "dialog[open] .error-panel").unwrap();
    assert!(
        panel.contains("The tenant already has 50000 clients.")
            && panel.contains("Remove clients you no longer use"),
        "{panel}"
    );
    let name: web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_into(
        app.root
            .query_selector("[data-testid=client-name]")
            .unwrap()
            .unwrap(),
    );
    assert_eq!(name.value(), "Plant 5 gateway");
}

#[wasm_bindgen_test]
async fn a_tenant_member_cannot_start_a_change() {
    stub_api(&routes(""));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), false);
    open_pump(&app).await;
    for label in ["Add Client", "Edit Client", "Disable Client"] {
        let b = button(&app.root, label).unwrap();
        assert!(b.disabled(), "{label} is disabled");
        assert!(
            b.title().contains("Tenant Administrator"),
            "{label} says why: {}",
            b.title()
        );
    }
}

/// A tenant with no clients of any kind, where Add Client answers with `created`.
fn empty_tenant(collection: &str, created: &str) -> String {
    format!(
        r#"[
        {{ "method": "POST", "path": "{TENANT_PATH}/{collection}", "status": 201, "body": {created} }},
        {{ "path": "^/api/v1/Tenants/[^/]+/(ClientCredential|Hybrid|AuthorizationCode)Clients$", "headers": {{ "Total-Count": "0" }}, "body": [] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/Roles$", "body": [
            {{ "Id": "role-member", "Name": "Tenant Member", "RoleTypeId": "7ad2b9ef-5386-4ead-ac9f-ad99c5c5b977", "RoleScope": 1 }} ] }}
    ]"#
    )
}

/// The id of the focused element.
fn focused_id() -> String {
    support::document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

/// Focuses the element with `id` and clicks it, as a keyboard user pressing Enter would.
fn press(id: &str) {
    let el: web_sys::HtmlElement =
        wasm_bindgen::JsCast::unchecked_into(support::document().get_element_by_id(id).unwrap());
    el.focus().unwrap();
    el.click();
}

async fn first_client_from_the_empty_state_shows_its_secret(
    slug: &str,
    collection: &str,
    name: &str,
) {
    let created = format!(
        r#"{{ "Secret": "first-{slug}-secret", "Id": 1, "ExpirationDate": "2027-11-26T10:00:00Z",
             "Client": {{ "Id": "0b7d1c9e-9999-4a4a-9a9a-00000000000{n}", "Name": "{name}", "Enabled": true,
                         "RedirectUris": ["https://app.example.com/cb"], "RoleIds": ["role-member"] }} }}"#,
        n = slug.len() % 10
    );
    stub_api(&empty_tenant(collection, &created));
    let app = mount_console(&format!("/security/clients?type={slug}"), true);
    wait_until("the empty state", || {
        text_of(&app.root, ".empty-state__title").is_some_and(|t| t.starts_with("No "))
    })
    .await;
    press("add-client-empty");
    wait_for_dialog_field(&app, "client-name").await;
    type_into(&app.root, "[data-testid=client-name]", name);
    if app
        .root
        .query_selector("[data-testid=redirect-uris]")
        .unwrap()
        .is_some()
    {
        type_into(
            &app.root,
            "[data-testid=redirect-uris]",
            "https://app.example.com/cb",
        );
    }
    dialog_button(&app.root, "Save").unwrap().click();
    // The list re-renders from "No … yet" to a table with the new row behind the dialog…
    wait_until("the new row", || {
        texts(&app.root, ".client-row .client-row__name") == [name.to_string()]
    })
    .await;
    // …and the one-time secret is on screen, and stays there.
    wait_until("the secret", || {
        text_of(&app.root, "dialog[open] [data-testid=new-secret]").as_deref()
            == Some(format!("first-{slug}-secret").as_str())
    })
    .await;
    gloo_timers::future::TimeoutFuture::new(200).await;
    assert!(
        open_dialog_text(&app.root).is_some_and(|t| t.contains(&format!("first-{slug}-secret"))),
        "the secret is still shown after the list re-rendered"
    );
    close_reveal_as_stored(&app.root).await;
    wait_until("focus back on Add Client", || focused_id() == "add-client").await;
}

#[wasm_bindgen_test]
async fn the_first_client_credentials_client_added_from_the_empty_state_shows_its_secret() {
    first_client_from_the_empty_state_shows_its_secret(
        "client-credentials",
        "ClientCredentialClients",
        "Plant 1 gateway",
    )
    .await;
}

#[wasm_bindgen_test]
async fn the_first_hybrid_client_added_from_the_empty_state_shows_its_secret() {
    first_client_from_the_empty_state_shows_its_secret("hybrid", "HybridClients", "Ops portal")
        .await;
}

#[wasm_bindgen_test]
async fn edit_opens_on_the_fresh_copy_and_says_it_changed_elsewhere() {
    stub_api(&routes(&format!(
        r#"{{ "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}", "body":
              {{ "Id": "{PUMP}", "Name": "Pump station 7 telemetry", "Enabled": true, "AccessTokenLifetime": 1200,
                 "RoleIds": ["role-member", "role-contrib"] }} }},
           {{ "method": "PUT", "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}", "body":
              {{ "Id": "{PUMP}", "Name": "Pump station 7 telemetry", "Enabled": true, "AccessTokenLifetime": 900,
                 "RoleIds": ["role-member", "role-contrib"] }} }},"#
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), true);
    open_pump(&app).await;
    press("edit-client");
    wait_until("the notice", || {
        text_of(&app.root, "dialog[open] [data-testid=changed-elsewhere]")
            .is_some_and(|t| t.contains("changed since the list was loaded"))
    })
    .await;
    let value_of = |testid: &str| -> String {
        let input: web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_into(
            app.root
                .query_selector(&format!("dialog[open] [data-testid={testid}]"))
                .unwrap()
                .unwrap(),
        );
        input.value()
    };
    assert_eq!(value_of("client-name"), "Pump station 7 telemetry");
    assert_eq!(value_of("token-lifetime"), "1200");
    assert!(
        texts(&app.root, ".client-row .client-row__name")
            .contains(&"Pump station 7 telemetry".to_string()),
        "the row shows the fresh copy too"
    );
    type_into(&app.root, "[data-testid=token-lifetime]", "900");
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("closed", || open_dialog_text(&app.root).is_none()).await;
    assert_eq!(
        last_body("PUT", TENANT_PATH),
        Some(serde_json::json!({ "AccessTokenLifetime": 900 })),
        "only the change, measured against the fresh copy (the roles another admin added stay)"
    );
    wait_until("focus back on Edit Client", || {
        focused_id() == "edit-client"
    })
    .await;
}

#[wasm_bindgen_test]
async fn removing_a_client_already_removed_elsewhere_drops_the_row_and_says_so() {
    stub_api(&routes(&format!(
        r#"{{ "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}", "status": 404,
             "body": {{ "OperationId": "op-404", "Error": "The client was not found." }} }},"#
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), true);
    open_pump(&app).await;
    button(&app.root, "More options").unwrap().click();
    wait_until("the menu", || button(&app.root, "Remove Client").is_some()).await;
    button(&app.root, "Remove Client").unwrap().click();
    wait_until("the confirmation", || open_dialog_text(&app.root).is_some()).await;
    confirm_removal(&app.root, "Pump station telemetry").await;
    dialog_button(&app.root, "Remove").unwrap().click();
    wait_until("the row to go", || {
        texts(&app.root, ".client-row .client-row__name") == ["Historian sync"]
    })
    .await;
    let notice = text_of(&app.root, "[data-testid=notice]").unwrap_or_default();
    assert!(
        notice.contains("Pump station telemetry") && notice.contains("already removed"),
        "{notice}"
    );
    assert!(open_dialog_text(&app.root).is_none(), "the dialog closed");
    assert!(
        app.root
            .query_selector("[data-testid=details-pane]")
            .unwrap()
            .is_none(),
        "the pane closed"
    );
    assert_eq!(
        requests_to("DELETE", TENANT_PATH),
        0,
        "nothing left to delete"
    );
}

#[wasm_bindgen_test]
async fn focus_returns_to_the_control_that_opened_each_dialog() {
    stub_api(&routes(""));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), true);
    open_pump(&app).await;
    for (opener, expected) in [
        ("toggle-client", "toggle-client"),
        ("edit-client", "edit-client"),
        ("add-client", "add-client"),
    ] {
        press(opener);
        wait_until("a dialog", || open_dialog_text(&app.root).is_some()).await;
        wait_until("the dialog's Cancel", || {
            dialog_button(&app.root, "Cancel").is_some()
        })
        .await;
        dialog_button(&app.root, "Cancel").unwrap().click();
        wait_until("closed", || open_dialog_text(&app.root).is_none()).await;
        wait_until(&format!("focus back on {expected}"), || {
            focused_id() == expected
        })
        .await;
    }
    press("more-options");
    wait_until("the menu", || button(&app.root, "Remove Client").is_some()).await;
    button(&app.root, "Remove Client").unwrap().click();
    wait_until("the confirmation", || open_dialog_text(&app.root).is_some()).await;
    // Esc on a native dialog: cancel, then close.
    let dialog: web_sys::HtmlDialogElement = wasm_bindgen::JsCast::unchecked_into(
        app.root.query_selector("dialog[open]").unwrap().unwrap(),
    );
    dialog.close();
    wait_until("closed", || open_dialog_text(&app.root).is_none()).await;
    wait_until("focus back on More options", || {
        focused_id() == "more-options"
    })
    .await;
}

#[wasm_bindgen_test]
async fn rotate_secret_at_ten_secrets_says_to_remove_one_first() {
    let ten: Vec<String> = (1..=10)
        .map(|i| {
            format!(
                r#"{{ "Id": {i}, "Description": "Key {i}", "Expires": false, "Expiration": null }}"#
            )
        })
        .collect();
    stub_api(&routes(&format!(
        r#"{{ "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}/Secrets", "body": [{}] }},"#,
        ten.join(",")
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}&tab=secrets"), true);
    wait_until("ten secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 10
    })
    .await;
    click(&app.root, "#rotate-secret-3");
    wait_until("the limit", || {
        text_of(&app.root, "[data-testid=rotate-full]")
            .is_some_and(|t| t.contains("Remove one first"))
    })
    .await;
    assert!(dialog_button(&app.root, "Add").is_none());
    assert_eq!(requests_to("POST", "/api/"), 0);
}

#[wasm_bindgen_test]
async fn a_new_client_credentials_secret_comes_with_env_and_curl_snippets_gone_with_the_dialog() {
    stub_api(&routes(&format!(
        r#"{{ "method": "POST", "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}/Secrets", "status": 201,
             "body": {{ "Id": 9, "Expires": false, "Secret": "it's-$ecret" }} }},"#
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}&tab=secrets"), true);
    wait_until("the secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 1
    })
    .await;
    button(&app.root, "Add Secret").unwrap().click();
    wait_for_dialog_field(&app, "never-expires").await;
    dialog_button(&app.root, "Add").unwrap().click();
    wait_until("the snippets", || {
        app.root
            .query_selector("[data-testid=connect-snippets]")
            .unwrap()
            .is_some()
    })
    .await;
    let env = text_of(&app.root, "[data-testid=snippet-env]").unwrap();
    assert!(env.contains(&format!("CLIENT_ID={PUMP}")), "{env}");
    assert!(env.contains(r#"CLIENT_SECRET='it'\''s-$ecret'"#), "{env}");
    assert!(
        env.contains("TOKEN_ENDPOINT=") && env.contains("/connect/token"),
        "{env}"
    );
    let curl = text_of(&app.root, "[data-testid=snippet-curl]").unwrap();
    assert!(
        curl.starts_with("curl ") && curl.contains("grant_type=client_credentials"),
        "{curl}"
    );
    assert!(curl.contains(&format!("client_id={PUMP}")), "{curl}");
    close_reveal_as_stored(&app.root).await;
    assert!(
        !app.root.inner_html().contains("$ecret"),
        "the snippets went with the dialog"
    );
}
