//! Browser tests of the moments that break production: a guarded Remove Client, a guarded
//! one-time secret, writes that get no answer, retries that never duplicate, unsaved changes,
//! roles as the portal groups them, and the URI rules.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PUMP: &str = "0b7d1c9e-1111-4a4a-9a9a-000000000001";
const TENANT_PATH: &str = "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a";
const PUMP_JSON: &str = r#"{ "Id": "0b7d1c9e-1111-4a4a-9a9a-000000000001", "Name": "Pump station telemetry", "Enabled": true, "AccessTokenLifetime": 3600, "RoleIds": ["role-member", "role-contrib"] }"#;

/// Two client-credentials clients, one hybrid and one authorization code client, roles of
/// both scopes, and two secrets on every client; `extra` routes go first.
fn tenant(extra: &str) -> String {
    format!(
        r#"[
        {extra}
        {{ "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}", "body": {PUMP_JSON} }},
        {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "headers": {{ "Total-Count": "2" }}, "body": [
            {PUMP_JSON},
            {{ "Id": "0b7d1c9e-1111-4a4a-9a9a-000000000002", "Name": "Historian sync", "Enabled": false, "RoleIds": ["role-member"] }} ] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/HybridClients$", "headers": {{ "Total-Count": "1" }}, "body": [
            {{ "Id": "0b7d1c9e-2222-4a4a-9a9a-000000000001", "Name": "Operations dashboard", "Enabled": true,
               "RedirectUris": ["https://ops.example.com/signin-oidc"], "AllowOfflineAccess": false }} ] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/AuthorizationCodeClients$", "headers": {{ "Total-Count": "1" }}, "body": [
            {{ "Id": "0b7d1c9e-3333-4a4a-9a9a-000000000001", "Name": "Maintenance mobile app", "Enabled": true,
               "RedirectUris": ["com.example.maint:/callback"], "AllowedCorsOrigins": [] }} ] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/Roles$", "body": [
            {{ "Id": "role-admin", "Name": "Tenant Administrator", "RoleTypeId": "2dc742ab-39ea-4fc0-a39e-2bcb71c26a5f", "RoleScope": 1 }},
            {{ "Id": "role-member", "Name": "Tenant Member", "RoleTypeId": "7ad2b9ef-5386-4ead-ac9f-ad99c5c5b977", "RoleScope": 1 }},
            {{ "Id": "role-contrib", "Name": "Tenant Contributor", "RoleTypeId": "f1439595-e5a2-487f-8a4f-0627fefe75df", "RoleScope": 1 }},
            {{ "Id": "role-partners", "Name": "North Sea Partners – Data Readers", "RoleScope": 2 }} ] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/(ClientCredential|Hybrid)Clients/[^/]+/Secrets$", "body": [
            {{ "Id": 1, "Description": "Primary", "Expires": true, "Expiration": "2030-01-01T00:00:00Z" }},
            {{ "Id": 2, "Description": "Old", "Expires": true, "Expiration": "2029-01-01T00:00:00Z" }} ] }}
    ]"#
    )
}

async fn open_pump(app: &TestMount) {
    wait_until("the pane", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Pump station telemetry")
    })
    .await;
}

async fn open_remove(app: &TestMount) {
    open_pump(app).await;
    button(&app.root, "More options").unwrap().click();
    wait_until("the menu", || button(&app.root, "Remove Client").is_some()).await;
    button(&app.root, "Remove Client").unwrap().click();
    wait_until("the dialog", || {
        open_dialog_text(&app.root).is_some_and(|t| t.contains("This cannot be undone"))
    })
    .await;
}

fn remove_button(app: &TestMount) -> web_sys::HtmlButtonElement {
    dialog_button(&app.root, "Remove").expect("Remove")
}

fn submit_open_form(app: &TestMount) {
    let form: web_sys::HtmlFormElement = app
        .root
        .query_selector("dialog[open] form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.request_submit().unwrap();
}

#[wasm_bindgen_test]
async fn remove_client_needs_the_name_typed_and_says_what_goes_with_it() {
    stub_api(&tenant(&format!(
        r#"{{ "method": "DELETE", "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}", "status": 204 }},"#
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), true);
    open_remove(&app).await;
    wait_until("the count of secrets", || {
        open_dialog_text(&app.root)
            .is_some_and(|t| t.contains("With it go 2 secrets and 2 role assignments."))
    })
    .await;
    let summary = text_of(&app.root, "[data-testid=remove-summary]").unwrap();
    assert!(
        summary.contains("Pump station telemetry")
            && summary.contains(PUMP)
            && summary.contains("Client-Credentials"),
        "{summary}"
    );
    assert_eq!(
        support::document()
            .active_element()
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("Cancel"),
        "Cancel is the focused default"
    );
    assert!(remove_button(&app).disabled(), "Remove waits for the name");
    confirm_removal(&app.root, "Pump station").await;
    assert!(
        remove_button(&app).disabled(),
        "a part of the name is not enough"
    );
    // Enter in the field before the name matches removes nothing.
    submit_open_form(&app);
    gloo_timers::future::TimeoutFuture::new(100).await;
    assert_eq!(requests_to("DELETE", TENANT_PATH), 0);
    confirm_removal(&app.root, "Pump station telemetry").await;
    wait_until("Remove enabled by the name", || {
        !remove_button(&app).disabled()
    })
    .await;
    submit_open_form(&app);
    wait_until("the row to go", || {
        texts(&app.root, ".client-row .client-row__name") == ["Historian sync"]
    })
    .await;
    assert_eq!(requests_to("DELETE", TENANT_PATH), 1);
}

#[wasm_bindgen_test]
async fn disable_instead_sends_enabled_false_and_removes_nothing() {
    stub_api(&tenant(&format!(
        r#"{{ "method": "PUT", "path": "{TENANT_PATH}/ClientCredentialClients/{PUMP}",
             "body": {{ "Id": "{PUMP}", "Name": "Pump station telemetry", "Enabled": false, "RoleIds": ["role-member"] }} }},"#
    )));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), true);
    open_remove(&app).await;
    dialog_button(&app.root, "Disable instead").unwrap().click();
    wait_until("disabled", || {
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
    assert_eq!(requests_to("DELETE", TENANT_PATH), 0, "nothing removed");
    assert!(open_dialog_text(&app.root).is_none());
    assert_eq!(texts(&app.root, ".client-row .client-row__name").len(), 2);
}

/// Opens Add Secret on Pump and adds one with the value `value`.
async fn reveal_a_new_secret(app: &TestMount) {
    wait_until("the secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 2
    })
    .await;
    button(&app.root, "Add Secret").unwrap().click();
    wait_until("the form", || dialog_button(&app.root, "Add").is_some()).await;
    dialog_button(&app.root, "Add").unwrap().click();
    wait_until("the value", || {
        text_of(&app.root, "[data-testid=new-secret]").is_some()
    })
    .await;
}

fn stub_clipboard(works: bool) {
    let script = if works {
        "window.__copied = null; navigator.clipboard.writeText = async (t) => { window.__copied = t; };"
    } else {
        "navigator.clipboard.writeText = async () => { throw new DOMException('denied', 'NotAllowedError'); };"
    };
    js_sys::eval(script).unwrap();
}

const NEW_SECRET: &str = r#"{ "method": "POST", "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/[^/]+/Secrets$", "status": 201,
    "body": { "Id": 3, "Description": "", "Expires": true, "Expiration": "2031-01-01T00:00:00Z", "Secret": "value-shown-once" } },"#;

#[wasm_bindgen_test]
async fn closing_the_secret_before_copying_asks_first() {
    stub_api(&tenant(NEW_SECRET));
    let app = mount_console(&format!("/security/clients?sel={PUMP}&tab=secrets"), true);
    reveal_a_new_secret(&app).await;
    // Close, ✕ and Esc all ask.
    dialog_button(&app.root, "Close").unwrap().click();
    wait_until("the question", || {
        open_dialog_text(&app.root).is_some_and(|t| {
            t.contains("You haven't copied this secret. Close anyway? It cannot be shown again.")
        })
    })
    .await;
    dialog_button(&app.root, "Go back").unwrap().click();
    wait_until("back", || dialog_button(&app.root, "Close").is_some()).await;
    escape_on_dialog();
    wait_until("Esc asks too", || {
        dialog_button(&app.root, "Close anyway").is_some()
    })
    .await;
    assert!(
        text_of(&app.root, "[data-testid=new-secret]").is_some(),
        "still shown"
    );
    dialog_button(&app.root, "Close anyway").unwrap().click();
    wait_until("closed", || open_dialog_text(&app.root).is_none()).await;
    assert!(!support::document()
        .body()
        .unwrap()
        .inner_html()
        .contains("value-shown-once"));
}

#[wasm_bindgen_test]
async fn after_copy_the_secret_closes_at_once_and_a_refused_copy_selects_the_value() {
    stub_api(&tenant(NEW_SECRET));
    let app = mount_console(&format!("/security/clients?sel={PUMP}&tab=secrets"), true);
    reveal_a_new_secret(&app).await;
    stub_clipboard(false);
    click(&app.root, "dialog[open] .reveal__value button");
    wait_until("the fallback", || {
        app.root
            .query_selector("dialog[open] .reveal__fallback")
            .unwrap()
            .is_some()
    })
    .await;
    let field: web_sys::HtmlInputElement = app
        .root
        .query_selector("dialog[open] .reveal__fallback")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(field.value(), "value-shown-once");
    assert!(field.read_only());
    assert_eq!(
        (
            field.selection_start().unwrap(),
            field.selection_end().unwrap()
        ),
        (Some(0), Some("value-shown-once".len() as u32)),
        "the whole value is selected for Ctrl+C"
    );
    assert!(open_dialog_text(&app.root)
        .unwrap()
        .contains("Ctrl+C (⌘C on a Mac)"));
    stub_clipboard(true);
    click(&app.root, "dialog[open] .reveal__value button");
    wait_until("copied", || {
        js_sys::eval("window.__copied")
            .ok()
            .and_then(|v| v.as_string())
            .as_deref()
            == Some("value-shown-once")
    })
    .await;
    wait_until("Copied", || {
        text_of(&app.root, "dialog[open] .reveal__value button").as_deref() == Some("Copied")
    })
    .await;
    dialog_button(&app.root, "Close").unwrap().click();
    wait_until("closed without asking", || {
        open_dialog_text(&app.root).is_none()
    })
    .await;
}

/// Add Client where the first POST gets no answer (`hang`) and the client does (`found`) or
/// does not exist afterwards.
fn hang_on_add(found: bool) -> String {
    let read_back = if found {
        r#"{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/[0-9a-f-]{36}$", "body":
             { "Id": "0b7d1c9e-aaaa-4a4a-9a9a-000000000001", "Name": "Plant 9 gateway", "Enabled": true, "RoleIds": ["role-member"] } },"#
    } else {
        r#"{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/[0-9a-f-]{36}$", "status": 404, "once": true, "body": { "Error": "Not found." } },"#
    };
    tenant(&format!(
        r#"{{ "method": "POST", "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "hang": true, "once": true }},
           {read_back}
           {{ "method": "POST", "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "status": 201,
              "body": {{ "Secret": "second-try-secret", "Id": 1, "Client": {{ "Id": "0b7d1c9e-aaaa-4a4a-9a9a-000000000001", "Name": "Plant 9 gateway", "Enabled": true }} }} }},"#
    ))
}

async fn add_plant_9(app: &TestMount) {
    wait_until("the rows", || {
        texts(&app.root, ".client-row .client-row__name").len() == 2
    })
    .await;
    button(&app.root, "Add Client").unwrap().click();
    wait_for_dialog_field(app, "client-name").await;
    type_into(
        &app.root,
        "dialog[open] [data-testid=client-name]",
        "Plant 9 gateway",
    );
    dialog_button(&app.root, "Save").unwrap().click();
}

fn post_ids() -> Vec<String> {
    let script = format!(
        "JSON.stringify(window.__requests.filter(r => r.method === 'POST' && r.url === '{TENANT_PATH}/ClientCredentialClients').map(r => JSON.parse(r.body).Id))"
    );
    serde_json::from_str(&js_sys::eval(&script).unwrap().as_string().unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn a_hang_on_add_client_that_was_applied_offers_add_secret_and_never_posts_twice() {
    stub_api(&hang_on_add(true));
    let app = mount_console_with("/security/clients", true, r#", "requestTimeoutSeconds": 1"#);
    add_plant_9(&app).await;
    for _ in 0..40 {
        if text_of(&app.root, "[data-testid=notice]").is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    let notice = text_of(&app.root, "[data-testid=notice]").expect("a notice after the deadline");
    assert!(
        notice.contains("was created") && notice.contains("value is lost"),
        "{notice}"
    );
    assert_eq!(post_ids().len(), 1, "one POST only");
    assert!(
        post_ids()[0].len() == 36,
        "the console made the Id: {:?}",
        post_ids()
    );
    assert_eq!(
        texts(&app.root, ".client-row .client-row__name")
            .iter()
            .filter(|n| *n == "Plant 9 gateway")
            .count(),
        1
    );
    click(&app.root, "[data-testid=notice] .button--primary");
    wait_for_dialog_field(&app, "secret-expiration").await;
}

#[wasm_bindgen_test]
async fn a_hang_on_add_client_that_was_not_applied_retries_with_the_same_id() {
    stub_api(&hang_on_add(false));
    let app = mount_console_with("/security/clients", true, r#", "requestTimeoutSeconds": 1"#);
    add_plant_9(&app).await;
    for _ in 0..40 {
        if text_of(&app.root, "dialog[open] [data-testid=finding]").is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    let finding =
        text_of(&app.root, "dialog[open] [data-testid=finding]").expect("what re-reading found");
    assert!(finding.contains("was not created"), "{finding}");
    assert!(
        text_of(&app.root, "dialog[open] .error-panel")
            .is_some_and(|e| e.contains("did not answer within 1 seconds")),
        "the deadline is named"
    );
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("the secret", || {
        text_of(&app.root, "[data-testid=new-secret]").as_deref() == Some("second-try-secret")
    })
    .await;
    let ids = post_ids();
    assert_eq!(ids.len(), 2);
    assert_eq!(
        ids[0], ids[1],
        "the retry sends the same Id, so it cannot duplicate"
    );
}

#[wasm_bindgen_test]
async fn esc_on_a_changed_form_asks_before_discarding() {
    stub_api(&tenant(""));
    let app = mount_console(&format!("/security/clients?sel={PUMP}"), true);
    open_pump(&app).await;
    button(&app.root, "Edit Client").unwrap().click();
    wait_for_dialog_field(&app, "client-name").await;
    type_into(
        &app.root,
        "dialog[open] [data-testid=client-name]",
        "Pump station telemetry (north)",
    );
    escape_on_dialog();
    wait_until("the question", || {
        text_of(&app.root, "[data-testid=discard-ask]").is_some()
    })
    .await;
    dialog_button(&app.root, "Keep editing").unwrap().click();
    wait_until("back to the form", || {
        text_of(&app.root, "[data-testid=discard-ask]").is_none()
    })
    .await;
    let name: web_sys::HtmlInputElement = app
        .root
        .query_selector("dialog[open] [data-testid=client-name]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        name.value(),
        "Pump station telemetry (north)",
        "nothing typed is lost"
    );
    dialog_button(&app.root, "Cancel").unwrap().click();
    wait_until("asks again", || {
        dialog_button(&app.root, "Discard changes").is_some()
    })
    .await;
    dialog_button(&app.root, "Discard changes").unwrap().click();
    wait_until("closed", || open_dialog_text(&app.root).is_none()).await;
    assert_eq!(requests_to("PUT", TENANT_PATH), 0);
}

#[wasm_bindgen_test]
async fn roles_come_in_two_groups_with_member_locked_and_a_warning_on_administrator() {
    stub_api(&tenant(""));
    let app = mount_console("/security/clients", true);
    wait_until("the rows", || {
        texts(&app.root, ".client-row .client-row__name").len() == 2
    })
    .await;
    button(&app.root, "Add Client").unwrap().click();
    wait_until("the roles", || {
        texts(&app.root, "dialog[open] .role-group legend").len() == 2
    })
    .await;
    assert_eq!(
        texts(&app.root, "dialog[open] .role-group legend"),
        ["Tenant roles", "Community roles"]
    );
    let groups = texts(&app.root, "dialog[open] .role-group");
    assert!(
        groups[0].contains("Tenant Administrator") && groups[0].contains("Tenant Contributor"),
        "{groups:?}"
    );
    assert!(
        groups[1].contains("North Sea Partners") && !groups[1].contains("Tenant Member"),
        "{groups:?}"
    );
    let member: web_sys::HtmlInputElement = app
        .root
        .query_selector_all("dialog[open] .role-group input[type=checkbox]")
        .unwrap()
        .item(1)
        .unwrap()
        .unchecked_into();
    assert!(
        member.checked() && member.disabled(),
        "Tenant Member is ticked and locked"
    );
    assert!(
        groups[0].contains("required: every client has it"),
        "{groups:?}"
    );
    let warnings = texts(&app.root, "dialog[open] [data-testid=admin-role-warning]");
    assert_eq!(warnings.len(), 1, "beside Tenant Administrator only");
    assert!(warnings[0].contains("advises against"), "{warnings:?}");
}

#[wasm_bindgen_test]
async fn a_custom_scheme_redirect_is_accepted_and_a_cors_origin_with_a_path_refused() {
    stub_api(&tenant(
        r#"{ "method": "POST", "path": "^/api/v1/Tenants/[^/]+/AuthorizationCodeClients$", "status": 201,
             "body": { "Id": "0b7d1c9e-3333-4a4a-9a9a-000000000002", "Name": "Field app", "Enabled": true,
                       "RedirectUris": ["com.example.field:/callback"], "AllowedCorsOrigins": ["https://field.example.com"] } },"#,
    ));
    let app = mount_console("/security/clients?type=authorization-code", true);
    wait_until("the rows", || {
        texts(&app.root, ".client-row .client-row__name").len() == 1
    })
    .await;
    button(&app.root, "Add Client").unwrap().click();
    wait_for_dialog_field(&app, "cors-origins").await;
    type_into(
        &app.root,
        "dialog[open] [data-testid=client-name]",
        "Field app",
    );
    type_into(
        &app.root,
        "dialog[open] [data-testid=redirect-uris]",
        "com.example.field:/callback",
    );
    type_into(
        &app.root,
        "dialog[open] [data-testid=cors-origins]",
        "https://field.example.com/spa",
    );
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("the CORS message", || {
        texts(&app.root, "dialog[open] .field__error").len() == 1
    })
    .await;
    let message = texts(&app.root, "dialog[open] .field__error").join(" ");
    assert!(
        message.contains("https://field.example.com/spa") && message.contains("origin"),
        "{message}"
    );
    assert_eq!(requests_to("POST", TENANT_PATH), 0);
    type_into(
        &app.root,
        "dialog[open] [data-testid=cors-origins]",
        "https://field.example.com",
    );
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("created", || {
        open_dialog_text(&app.root).is_some_and(|t| t.contains("Client Successfully Created"))
    })
    .await;
    let body = last_body("POST", &format!("{TENANT_PATH}/AuthorizationCodeClients")).unwrap();
    assert_eq!(
        body["RedirectUris"],
        serde_json::json!(["com.example.field:/callback"])
    );
    assert_eq!(
        body["AllowedCorsOrigins"],
        serde_json::json!(["https://field.example.com"])
    );
}

const HYBRID: &str = "0b7d1c9e-2222-4a4a-9a9a-000000000001";
const AUTH: &str = "0b7d1c9e-3333-4a4a-9a9a-000000000001";

/// Opens Edit Client on the selected client and waits for its form.
async fn open_edit(app: &TestMount, name: &str) {
    wait_until("the pane", || {
        text_of(&app.root, "#pane-title").as_deref() == Some(name)
    })
    .await;
    button(&app.root, "Edit Client").unwrap().click();
    wait_for_dialog_field(app, "client-name").await;
}

#[wasm_bindgen_test]
async fn a_hybrid_client_edit_saves_only_what_changed_including_the_consent_fields() {
    let hybrid = format!(
        r#"{{ "Id": "{HYBRID}", "Name": "Operations dashboard", "Enabled": true,
             "RedirectUris": ["https://ops.example.com/signin-oidc"], "AllowOfflineAccess": false }}"#
    );
    stub_api(&tenant(&format!(
        r#"{{ "path": "{TENANT_PATH}/HybridClients/{HYBRID}", "body": {hybrid} }},
           {{ "method": "PUT", "path": "{TENANT_PATH}/HybridClients/{HYBRID}", "body":
              {{ "Id": "{HYBRID}", "Name": "Operations dashboard", "Enabled": true, "AllowAccessTokensViaBrowser": true,
                 "RedirectUris": ["https://ops.example.com/signin-oidc", "com.example.ops:/cb"], "ClientUri": "https://ops.example.com/about" }} }},"#
    )));
    let app = mount_console(&format!("/security/clients?type=hybrid&sel={HYBRID}"), true);
    open_edit(&app, "Operations dashboard").await;
    type_into(
        &app.root,
        "dialog[open] [data-testid=redirect-uris]",
        "https://ops.example.com/signin-oidc\ncom.example.ops:/cb",
    );
    type_into(
        &app.root,
        "dialog[open] [data-testid=client-uri]",
        "https://ops.example.com/about",
    );
    set_checked(
        &app.root,
        "dialog[open] [data-testid=tokens-via-browser]",
        true,
    );
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("saved", || open_dialog_text(&app.root).is_none()).await;
    assert_eq!(
        last_body("PUT", TENANT_PATH),
        Some(serde_json::json!({
            "RedirectUris": ["https://ops.example.com/signin-oidc", "com.example.ops:/cb"],
            "ClientUri": "https://ops.example.com/about",
            "AllowAccessTokensViaBrowser": true
        }))
    );
    let details = text_of(&app.root, "[data-testid=details-fields]").unwrap();
    assert!(
        details.contains("com.example.ops:/cb")
            && details.contains("https://ops.example.com/about"),
        "{details}"
    );
}

#[wasm_bindgen_test]
async fn an_authorization_code_client_is_added_and_edited() {
    stub_api(&tenant(&format!(
        r#"{{ "method": "POST", "path": "{TENANT_PATH}/AuthorizationCodeClients", "status": 201, "body":
              {{ "Id": "0b7d1c9e-3333-4a4a-9a9a-0000000000bb", "Name": "Inspection app", "Enabled": true,
                 "RedirectUris": ["https://inspect.example.com/cb"], "LogoUri": "https://inspect.example.com/logo.png" }} }},
           {{ "path": "{TENANT_PATH}/AuthorizationCodeClients/{AUTH}", "body":
              {{ "Id": "{AUTH}", "Name": "Maintenance mobile app", "Enabled": true, "RedirectUris": ["com.example.maint:/callback"], "AllowedCorsOrigins": [] }} }},
           {{ "method": "PUT", "path": "{TENANT_PATH}/AuthorizationCodeClients/{AUTH}", "body":
              {{ "Id": "{AUTH}", "Name": "Maintenance app", "Enabled": true, "RedirectUris": ["com.example.maint:/callback"],
                 "AllowedCorsOrigins": ["https://maint.example.com"] }} }},"#
    )));
    let app = mount_console("/security/clients?type=authorization-code", true);
    wait_until("the rows", || {
        texts(&app.root, ".client-row .client-row__name").len() == 1
    })
    .await;
    button(&app.root, "Add Client").unwrap().click();
    wait_for_dialog_field(&app, "redirect-uris").await;
    assert!(
        app.root
            .query_selector("dialog[open] [data-testid=secret-expiration]")
            .unwrap()
            .is_none(),
        "no secret for an authorization code client"
    );
    type_into(
        &app.root,
        "dialog[open] [data-testid=client-name]",
        "Inspection app",
    );
    type_into(
        &app.root,
        "dialog[open] [data-testid=redirect-uris]",
        "https://inspect.example.com/cb",
    );
    type_into(
        &app.root,
        "dialog[open] [data-testid=logo-uri]",
        "https://inspect.example.com/logo.png",
    );
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("created", || {
        texts(&app.root, ".client-row .client-row__name").len() == 2
    })
    .await;
    let body = last_body("POST", &format!("{TENANT_PATH}/AuthorizationCodeClients")).unwrap();
    assert_eq!(body["Name"], "Inspection app");
    assert_eq!(body["LogoUri"], "https://inspect.example.com/logo.png");
    assert_eq!(
        body["RedirectUris"],
        serde_json::json!(["https://inspect.example.com/cb"])
    );
    assert!(
        body["Id"].as_str().is_some_and(|id| id.len() == 36),
        "the console made the Id: {body}"
    );
    if open_dialog_text(&app.root).is_some() {
        dialog_button(&app.root, "Close").unwrap().click();
    }
    wait_until("no dialog", || open_dialog_text(&app.root).is_none()).await;

    click(&app.root, &format!(".client-row[data-id='{AUTH}']"));
    open_edit(&app, "Maintenance mobile app").await;
    type_into(
        &app.root,
        "dialog[open] [data-testid=client-name]",
        "Maintenance app",
    );
    type_into(
        &app.root,
        "dialog[open] [data-testid=cors-origins]",
        "https://maint.example.com",
    );
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("saved", || open_dialog_text(&app.root).is_none()).await;
    assert_eq!(
        last_body("PUT", TENANT_PATH),
        Some(
            serde_json::json!({ "Name": "Maintenance app", "AllowedCorsOrigins": ["https://maint.example.com"] })
        )
    );
    wait_until("the pane shows it", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Maintenance app")
    })
    .await;
}

const SECRET_PUT: &str = r#"{ "method": "PUT", "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/[^/]+/Secrets/1$",
    "body": { "Id": 1, "Description": "Primary key", "Expires": true, "Expiration": "2030-01-01T00:00:00Z" } },"#;

async fn open_edit_secret(app: &TestMount) {
    wait_until("the secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 2
    })
    .await;
    click(&app.root, "#edit-secret-1");
    wait_for_dialog_field(app, "secret-description").await;
}

#[wasm_bindgen_test]
async fn edit_secret_sends_only_what_changed() {
    stub_api(&tenant(SECRET_PUT));
    let app = mount_console(&format!("/security/clients?sel={PUMP}&tab=secrets"), true);
    let path = format!("{TENANT_PATH}/ClientCredentialClients/{PUMP}/Secrets/1");

    // Description only: the body holds only Description.
    open_edit_secret(&app).await;
    type_into(
        &app.root,
        "dialog[open] [data-testid=secret-description]",
        "Primary key",
    );
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("saved", || open_dialog_text(&app.root).is_none()).await;
    assert_eq!(
        last_body("PUT", &path),
        Some(serde_json::json!({ "Description": "Primary key" }))
    );

    // A new expiry: Expires true with the date (UTC), and the description.
    open_edit_secret(&app).await;
    type_into(
        &app.root,
        "dialog[open] [data-testid=secret-expiration]",
        "2031-06-30T12:00",
    );
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("saved", || open_dialog_text(&app.root).is_none()).await;
    let body = last_body("PUT", &path).unwrap();
    assert_eq!(body["Expires"], true, "{body}");
    assert!(
        body["Expiration"]
            .as_str()
            .is_some_and(|d| d.starts_with("2031-06-30") && d.ends_with('Z')),
        "{body}"
    );

    // Switch to Never Expires: Expires false and an explicit null.
    open_edit_secret(&app).await;
    set_checked(&app.root, "dialog[open] [data-testid=never-expires]", true);
    dialog_button(&app.root, "Save").unwrap().click();
    wait_until("saved", || open_dialog_text(&app.root).is_none()).await;
    let body = last_body("PUT", &path).unwrap();
    assert_eq!(body["Expires"], false, "{body}");
    assert!(body["Expiration"].is_null(), "{body}");
    assert_eq!(requests_to("PUT", &path), 3);
}

#[wasm_bindgen_test]
async fn an_add_secret_without_an_answer_shows_the_new_secret_and_offers_to_remove_it() {
    stub_api(&tenant(
        r#"{ "method": "POST", "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/[^/]+/Secrets$", "reject": true, "once": true },
           { "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/[^/]+/Secrets$", "once": true, "body": [
               { "Id": 1, "Description": "Primary", "Expires": true, "Expiration": "2030-01-01T00:00:00Z" },
               { "Id": 2, "Description": "Old", "Expires": true, "Expiration": "2029-01-01T00:00:00Z" } ] },"#,
    ));
    let app = mount_console(&format!("/security/clients?sel={PUMP}&tab=secrets"), true);
    wait_until("the secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 2
    })
    .await;
    // The first list read is used up; from now on the client has a third secret, added by the
    // request whose answer was lost.
    js_sys::eval(
        r#"window.__routes.unshift({ path: '^/api/v1/Tenants/[^/]+/ClientCredentialClients/[^/]+/Secrets$', body: [
            { Id: 1, Description: 'Primary', Expires: true, Expiration: '2030-01-01T00:00:00Z' },
            { Id: 2, Description: 'Old', Expires: true, Expiration: '2029-01-01T00:00:00Z' },
            { Id: 9, Description: 'Gateway', Expires: true, Expiration: '2031-01-01T00:00:00Z' } ] });"#,
    )
    .unwrap();
    button(&app.root, "Add Secret").unwrap().click();
    wait_until("the form", || dialog_button(&app.root, "Add").is_some()).await;
    type_into(
        &app.root,
        "dialog[open] [data-testid=secret-description]",
        "Gateway",
    );
    dialog_button(&app.root, "Add").unwrap().click();
    wait_until("the notice", || {
        text_of(&app.root, "[data-testid=notice]").is_some()
    })
    .await;
    let notice = text_of(&app.root, "[data-testid=notice]").unwrap();
    assert!(
        notice.contains("ID 9") && notice.contains("cannot be recovered"),
        "{notice}"
    );
    assert_eq!(requests_to("POST", TENANT_PATH), 1, "not sent twice");
    click(&app.root, "[data-testid=notice] .button--primary");
    wait_until("Remove Secret for it", || {
        open_dialog_text(&app.root).is_some_and(|t| t.contains("Remove “Gateway”"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_plain_409_on_add_client_says_the_id_exists() {
    stub_api(&tenant(
        r#"{ "method": "POST", "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "status": 409,
             "body": { "OperationId": "op-409", "Error": "Client identifier already exists." } },
           { "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/[0-9a-f-]{36}$", "body":
             { "Id": "0b7d1c9e-aaaa-4a4a-9a9a-000000000001", "Name": "Someone else's client", "Enabled": true } },"#,
    ));
    let app = mount_console("/security/clients", true);
    add_plant_9(&app).await;
    wait_until("the refusal", || {
        text_of(&app.root, "dialog[open] .error-panel").is_some()
    })
    .await;
    let panel = text_of(&app.root, "dialog[open] .error-panel").unwrap();
    assert!(
        panel.contains("a client with this Id already exists")
            && panel.contains("Client identifier already exists."),
        "{panel}"
    );
    assert!(
        text_of(&app.root, "[data-testid=notice]").is_none(),
        "no 'secret lost' offer: it is not ours"
    );
    assert_eq!(
        texts(&app.root, ".client-row .client-row__name").len(),
        2,
        "no row added"
    );
}
