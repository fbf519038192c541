//! Browser tests of Security › Clients against a stubbed Identity API: what an admin sees
//! and does on the page.
#![cfg(target_arch = "wasm32")]

mod support;

use support::{button, click, mount_console, requests_to, stub_api, text_of, texts, wait_until};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CC1: &str = "0b7d1c9e-1111-4a4a-9a9a-000000000001";
const HY1: &str = "0b7d1c9e-2222-4a4a-9a9a-000000000001";

/// A small tenant: three client-credentials clients, two hybrid, one authorization code,
/// roles, and five secrets on "Pump station telemetry" in every state of health.
fn tenant(list_status: u16) -> String {
    format!(
        r#"[
        {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "status": {list_status}, "once": {once},
           "headers": {{ "Total-Count": "3" }},
           "body": {cc_body} }},
        {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "headers": {{ "Total-Count": "3" }}, "body": {cc_ok} }},
        {{ "path": "^/api/v1/Tenants/[^/]+/HybridClients$", "headers": {{ "Total-Count": "2" }}, "body": [
            {{ "Id": "{HY1}", "Name": "Operations dashboard", "Enabled": true, "AccessTokenLifetime": 3600,
               "RedirectUris": ["https://ops.example.com/signin-oidc", "https://ops.example.com/alt"],
               "PostLogoutRedirectUris": [], "AllowOfflineAccess": false, "AllowAccessTokensViaBrowser": false }},
            {{ "Id": "0b7d1c9e-2222-4a4a-9a9a-000000000002", "Name": "Reporting portal", "Enabled": false,
               "AccessTokenLifetime": 1800, "RedirectUris": ["https://reports.example.com/cb"] }} ] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/AuthorizationCodeClients$", "headers": {{ "Total-Count": "1" }}, "body": [
            {{ "Id": "0b7d1c9e-3333-4a4a-9a9a-000000000001", "Name": "Maintenance mobile app", "Enabled": true,
               "AccessTokenLifetime": 900, "RedirectUris": ["https://app.example.com/cb"] }} ] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/Roles$", "body": [
            {{ "Id": "role-member", "Name": "Tenant Member", "RoleTypeId": "7ad2b9ef-5386-4ead-ac9f-ad99c5c5b977", "RoleScope": 1 }},
            {{ "Id": "role-contrib", "Name": "Tenant Contributor", "RoleTypeId": "f1439595-e5a2-487f-8a4f-0627fefe75df", "RoleScope": 1 }} ] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/(ClientCredential|Hybrid)Clients/[^/]+/Secrets$", "headers": {{ "Total-Count": "5" }}, "body": [
            {{ "Id": 1, "Description": "Old key", "Expires": true, "Expiration": new Date(Date.now() - 3 * 864e5).toISOString() }},
            {{ "Id": 2, "Description": "Rotating soon", "Expires": true, "Expiration": new Date(Date.now() + 3 * 864e5).toISOString() }},
            {{ "Id": 3, "Description": "This month", "Expires": true, "Expiration": new Date(Date.now() + 20 * 864e5).toISOString() }},
            {{ "Id": 4, "Description": "Primary", "Expires": true, "Expiration": new Date(Date.now() + 300 * 864e5).toISOString() }},
            {{ "Id": 5, "Description": "Legacy PLC", "Expires": false, "Expiration": null }} ] }}
    ]"#,
        once = list_status != 200,
        cc_body = if list_status == 200 {
            CC_CLIENTS.to_string()
        } else {
            ERROR_BODY.to_string()
        },
        cc_ok = CC_CLIENTS,
    )
}

const ERROR_BODY: &str = r#"{ "OperationId": "op-123", "Error": "The service is busy.",
    "Reason": "Too many requests reached the identity service at once.",
    "Resolution": "Wait a few seconds and try again." }"#;

const CC_CLIENTS: &str = r#"[
    { "Id": "0b7d1c9e-1111-4a4a-9a9a-000000000001", "Name": "Pump station telemetry", "Enabled": true,
      "AccessTokenLifetime": 3600, "RoleIds": ["role-member", "role-contrib"] },
    { "Id": "0b7d1c9e-1111-4a4a-9a9a-000000000002", "Name": "Historian sync", "Enabled": false,
      "AccessTokenLifetime": 300, "RoleIds": ["role-member"] },
    { "Id": "0b7d1c9e-1111-4a4a-9a9a-000000000003", "Name": "Edge gateway Rotterdam", "Enabled": true,
      "AccessTokenLifetime": 90, "RoleIds": ["role-member"] }
]"#;

fn row_names(root: &web_sys::HtmlElement) -> Vec<String> {
    texts(root, ".client-row .client-row__name")
}

fn select_value(root: &web_sys::HtmlElement) -> String {
    root.query_selector("[data-testid=client-type]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlSelectElement>()
        .value()
}

fn search_params() -> String {
    support::location().search().unwrap()
}

#[wasm_bindgen_test]
async fn default_type_is_client_credentials_and_its_clients_are_listed_by_name() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients", true);
    wait_until("the client rows", || row_names(&app.root).len() == 3).await;
    assert_eq!(select_value(&app.root), "client-credentials");
    assert_eq!(
        row_names(&app.root),
        [
            "Edge gateway Rotterdam",
            "Historian sync",
            "Pump station telemetry"
        ]
    );
    let statuses = texts(&app.root, ".client-row [data-testid=status-badge]");
    assert_eq!(statuses, ["Enabled", "Disabled", "Enabled"]);
    let lifetimes = texts(&app.root, ".client-row td:last-child");
    assert_eq!(lifetimes, ["1 minute 30 seconds", "5 minutes", "1 hour"]);
    wait_until("role names", || {
        texts(&app.root, ".client-row .client-row__extra")
            .last()
            .map(|s| s.as_str())
            == Some("Tenant Member, Tenant Contributor")
    })
    .await;
    assert_eq!(
        requests_to(
            "GET",
            "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a/HybridClients"
        ),
        0,
        "only the shown kind is fetched"
    );
}

#[wasm_bindgen_test]
async fn switching_the_client_type_loads_that_kind_and_keeps_the_search() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients?q=o", true);
    wait_until("the client rows", || !row_names(&app.root).is_empty()).await;
    let select: web_sys::HtmlSelectElement = app
        .root
        .query_selector("[data-testid=client-type]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("hybrid");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_until("the hybrid clients", || {
        row_names(&app.root) == ["Operations dashboard", "Reporting portal"]
    })
    .await;
    assert!(
        search_params().contains("type=hybrid"),
        "{}",
        search_params()
    );
    assert!(
        search_params().contains("q=o"),
        "the search is kept: {}",
        search_params()
    );
    assert_eq!(
        texts(&app.root, ".client-row .client-row__extra"),
        ["2 URLs", "1 URL"]
    );
    // Back to client-credentials: served from the page's cache, not fetched again.
    let before = requests_to(
        "GET",
        "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a/ClientCredentialClients?",
    );
    select.set_value("client-credentials");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_until("the cc clients", || row_names(&app.root).len() == 3).await;
    assert_eq!(
        requests_to(
            "GET",
            "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a/ClientCredentialClients?"
        ),
        before
    );
}

#[wasm_bindgen_test]
async fn search_narrows_the_list_and_says_when_nothing_matches() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients", true);
    wait_until("the client rows", || row_names(&app.root).len() == 3).await;
    let input: web_sys::HtmlInputElement = app
        .root
        .query_selector("[data-testid=search]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("PUMP");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    wait_until("one row", || {
        row_names(&app.root) == ["Pump station telemetry"]
    })
    .await;
    // The list answered at once, without a navigation: the URL follows after a pause,
    // replacing the entry (no history entry per keystroke).
    assert!(
        !search_params().contains("q=PUMP"),
        "no navigation per keystroke: {}",
        search_params()
    );
    let history = || {
        web_sys::window()
            .unwrap()
            .history()
            .unwrap()
            .length()
            .unwrap()
    };
    let entries = history();
    wait_until("the URL to follow", || search_params().contains("q=PUMP")).await;
    assert_eq!(history(), entries, "no new history entry");
    input.set_value("000000000002");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    wait_until("the id match", || {
        row_names(&app.root) == ["Historian sync"]
    })
    .await;
    input.set_value("zzz");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    wait_until("the no-results state", || {
        text_of(&app.root, ".empty-state__title").as_deref() == Some("No clients match your search")
    })
    .await;
}

#[wasm_bindgen_test]
async fn clicking_a_column_header_toggles_the_sort() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients", true);
    wait_until("the client rows", || row_names(&app.root).len() == 3).await;
    let name_header = || app.root.query_selector("th:first-child").unwrap().unwrap();
    assert_eq!(
        name_header().get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    click(&app.root, "th:first-child button");
    wait_until("descending", || {
        row_names(&app.root)[0] == "Pump station telemetry"
    })
    .await;
    assert_eq!(
        name_header().get_attribute("aria-sort").as_deref(),
        Some("descending")
    );
    assert!(search_params().contains("sort=-name"));
    click(&app.root, "th:nth-child(3) button");
    wait_until("by status", || row_names(&app.root)[0] == "Historian sync").await;
    assert_eq!(
        name_header().get_attribute("aria-sort").as_deref(),
        Some("none")
    );
}

#[wasm_bindgen_test]
async fn selecting_a_row_opens_the_details_pane_and_escape_closes_it() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients", true);
    wait_until("the client rows", || row_names(&app.root).len() == 3).await;
    click(&app.root, ".client-row:nth-child(4)"); // spacer, Edge, Historian, Pump
    wait_until("the pane", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Pump station telemetry")
    })
    .await;
    assert!(
        search_params().contains(&format!("sel={CC1}")),
        "{}",
        search_params()
    );
    let fields = text_of(&app.root, "[data-testid=details-fields]").unwrap();
    assert!(
        fields.contains(CC1)
            && fields.contains("1 hour (3600 seconds)")
            && fields.contains("Client-Credentials"),
        "{fields}"
    );
    assert!(
        button(&app.root, "Edit Client").is_some() && button(&app.root, "Disable Client").is_some()
    );

    // Keyboard: Escape closes, ↑ moves, Enter opens.
    let table: web_sys::HtmlElement = app
        .root
        .query_selector(".client-table")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let key = |k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(k);
        init.set_bubbles(true);
        table
            .dispatch_event(
                &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                    .unwrap(),
            )
            .unwrap();
    };
    key("Escape");
    wait_until("the pane closes", || {
        app.root
            .query_selector("[data-testid=details-pane]")
            .unwrap()
            .is_none()
    })
    .await;
    key("ArrowUp");
    key("Enter");
    wait_until("Historian opens", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Historian sync")
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_secrets_tab_shows_health_badges_computed_from_expirations() {
    stub_api(&tenant(200));
    let app = mount_console(&format!("/security/clients?sel={CC1}&tab=secrets"), true);
    wait_until("the secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 5
    })
    .await;
    let health: Vec<String> = {
        let list = app
            .root
            .query_selector_all("[data-testid=secret-row] [data-health]")
            .unwrap();
        (0..list.length())
            .map(|i| {
                list.item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::Element>()
                    .get_attribute("data-health")
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(health, ["expired", "week", "month", "valid", "never"]);
    let rows = texts(&app.root, "[data-testid=secret-row]");
    assert!(rows[0].contains("expired 3 days ago"), "{}", rows[0]);
    assert!(rows[4].contains("Never Expires"), "{}", rows[4]);
    assert_eq!(
        text_of(&app.root, "[role=tab][aria-selected=true]").as_deref(),
        Some("Secrets")
    );
}

#[wasm_bindgen_test]
async fn a_failed_load_shows_the_apis_reason_and_retry_recovers() {
    stub_api(&tenant(503));
    let app = mount_console("/security/clients", true);
    wait_until("the error", || text_of(&app.root, ".error-panel").is_some()).await;
    let panel = text_of(&app.root, ".error-panel").unwrap();
    assert!(
        panel.contains("The server had a problem (HTTP 503)"),
        "{panel}"
    );
    assert!(
        panel.contains("Too many requests reached the identity service at once."),
        "{panel}"
    );
    assert!(
        panel.contains("Wait a few seconds and try again."),
        "{panel}"
    );
    assert!(panel.contains("op-123"), "{panel}");
    button(&app.root, "Retry").expect("a Retry button").click();
    wait_until("the rows after retry", || row_names(&app.root).len() == 3).await;
}

#[wasm_bindgen_test]
async fn a_list_that_never_answers_says_so_without_speaking_of_a_change_and_retry_loads_it() {
    let hang_once = r#"[{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "hang": true, "once": true },"#;
    stub_api(&tenant(200).replacen('[', hang_once, 1));
    let app =
        support::mount_console_with("/security/clients", true, r#", "requestTimeoutSeconds": 1"#);
    wait_until("the deadline", || {
        text_of(&app.root, ".error-panel__sentence").is_some()
    })
    .await;
    assert_eq!(
        text_of(&app.root, ".error-panel__sentence").as_deref(),
        Some(
            "The server did not answer within 1 seconds. Check your connection, then press Retry."
        )
    );
    button(&app.root, "Retry").unwrap().click();
    wait_until("the list", || row_names(&app.root).len() == 3).await;
}

#[wasm_bindgen_test]
async fn a_deep_link_with_type_selection_and_tab_renders_that_state() {
    stub_api(&tenant(200));
    let app = mount_console(
        &format!("/security/clients?type=hybrid&sel={HY1}&tab=secrets"),
        true,
    );
    wait_until("the pane", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Operations dashboard")
    })
    .await;
    assert_eq!(select_value(&app.root), "hybrid");
    assert_eq!(
        text_of(&app.root, "[role=tab][aria-selected=true]").as_deref(),
        Some("Secrets")
    );
    wait_until("the secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 5
    })
    .await;
    let tabs = texts(&app.root, "[role=tab]");
    assert_eq!(
        tabs,
        ["Details", "Secrets"],
        "hybrid clients have no Roles tab"
    );
}

#[wasm_bindgen_test]
async fn a_tenant_member_gets_a_read_only_view_that_says_why() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients", false);
    wait_until("the rows", || row_names(&app.root).len() == 3).await;
    let note = text_of(&app.root, "[data-testid=read-only-note]").expect("a read-only note");
    assert!(note.contains("Tenant Administrator"), "{note}");
    assert!(button(&app.root, "Add Client").unwrap().disabled());
    assert_eq!(
        text_of(&app.root, "[data-testid=user-name]").as_deref(),
        Some("Max Planck")
    );
}

#[wasm_bindgen_test]
async fn an_expired_sign_in_asks_to_sign_in_again_and_keeps_the_screen() {
    stub_api(
        r#"[
        { "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "status": 401,
          "body": { "OperationId": "op-401", "Error": "Unauthorized", "Reason": "The token has expired.", "Resolution": "Sign in again." } },
        { "path": "^/api/v1/Tenants/[^/]+/Roles$", "body": [] }
    ]"#,
    );
    let app = mount_console("/security/clients?q=pump", true);
    wait_until("the sign-in dialog", || {
        app.root
            .query_selector("dialog[open]")
            .unwrap()
            .map(|d| d.text_content().unwrap_or_default())
            .unwrap_or_default()
            .contains("Your session has ended")
    })
    .await;
    assert!(button(&app.root, "Sign in again").is_some());
    let input: web_sys::HtmlInputElement = app
        .root
        .query_selector("[data-testid=search]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.value(), "pump", "what the user typed stays");
}

#[wasm_bindgen_test]
async fn a_partial_list_names_what_could_not_be_read_and_retry_reloads() {
    let partial = format!(
        r#"{{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "status": 207, "once": true,
           "headers": {{ "Total-Count": "3" }},
           "body": {{ "OperationId": "op-207", "Error": "Some clients could not be returned.",
                     "ChildErrors": [ {{ "ModelId": "0b7d1c9e-1111-4a4a-9a9a-00000000dead", "StatusCode": 500,
                                         "Error": "The client's record could not be read.", "Resolution": "Try again later." }} ],
                     "Data": {CC_CLIENTS} }} }},"#
    );
    // The 207 first (once), then the usual tenant.
    stub_api(&format!("[{partial}{}", &tenant(200)[1..]));
    let app = mount_console("/security/clients", true);
    wait_until("the banner", || {
        text_of(&app.root, "[data-testid=partial-banner]").is_some()
    })
    .await;
    let banner = text_of(&app.root, "[data-testid=partial-banner]").unwrap();
    assert!(
        banner.contains("1 client could not be read")
            && banner.contains("0b7d1c9e-1111-4a4a-9a9a-00000000dead")
            && banner.contains("could not be read"),
        "{banner}"
    );
    assert_eq!(
        row_names(&app.root).len(),
        3,
        "the clients that came are listed"
    );
    support::document()
        .query_selector("[data-testid=partial-banner] button")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    wait_until("the banner goes after a full load", || {
        text_of(&app.root, "[data-testid=partial-banner]").is_none()
    })
    .await;
    assert_eq!(row_names(&app.root).len(), 3);
}

#[wasm_bindgen_test]
async fn the_pane_tabs_follow_the_arrow_keys_and_the_list_is_one_tab_stop() {
    stub_api(&tenant(200));
    let app = mount_console(&format!("/security/clients?sel={CC1}"), true);
    wait_until("the pane", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Pump station telemetry")
    })
    .await;
    let doc = support::document();
    let tab =
        |id: &str| -> web_sys::HtmlElement { doc.get_element_by_id(id).unwrap().unchecked_into() };
    let press = |el: &web_sys::HtmlElement, k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(k);
        init.set_bubbles(true);
        el.dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
    };
    let focused = || doc.active_element().map(|e| e.id()).unwrap_or_default();
    tab("tab-details").focus().unwrap();
    press(&tab("tab-details"), "ArrowRight");
    wait_until("Secrets selected", || {
        tab("tab-secrets").get_attribute("aria-selected").as_deref() == Some("true")
    })
    .await;
    assert_eq!(focused(), "tab-secrets", "focus moves with the selection");
    assert!(
        search_params().contains("tab=secrets"),
        "{}",
        search_params()
    );
    assert_eq!(
        tab("tab-details").tab_index(),
        -1,
        "one tab stop in the tab list"
    );
    assert_eq!(tab("tab-secrets").tab_index(), 0);
    press(&tab("tab-secrets"), "End");
    wait_until("Roles selected", || focused() == "tab-roles").await;
    press(&tab("tab-roles"), "ArrowRight");
    wait_until("wraps to Details", || focused() == "tab-details").await;
    press(&tab("tab-details"), "ArrowLeft");
    wait_until("wraps to Roles", || focused() == "tab-roles").await;
    let panel = tab("pane-panel");
    assert_eq!(
        panel.tab_index(),
        0,
        "Tab from the tab list goes into the panel"
    );
    wait_until("the panel follows the selected tab", || {
        panel.get_attribute("aria-labelledby").as_deref() == Some("tab-roles")
    })
    .await;
    let pane_focus_kept = doc
        .active_element()
        .is_some_and(|e| e.is_connected() && e.id() == "tab-roles");
    assert!(pane_focus_kept, "the pane was not rebuilt under the focus");
    let copy_stops = app
        .root
        .query_selector_all(".client-row button[tabindex='0']")
        .unwrap()
        .length();
    assert_eq!(copy_stops, 1, "only the current row's Copy is a tab stop");
}

/// Presses `key` on `target` (the event bubbles to the window, as a real key press does).
fn press_on(target: &web_sys::EventTarget, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    target
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
}

fn active_id() -> String {
    support::document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn down_arrow_in_the_search_goes_to_the_first_match_and_the_list_takes_it_from_there() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients", true);
    wait_until("the client rows", || row_names(&app.root).len() == 3).await;
    let search: web_sys::HtmlElement = app
        .root
        .query_selector("#client-search")
        .unwrap()
        .unwrap()
        .unchecked_into();
    search.focus().unwrap();
    support::type_into(&app.root, "#client-search", "st");
    wait_until("two matches", || {
        row_names(&app.root) == ["Historian sync", "Pump station telemetry"]
    })
    .await;
    let cursor_row = || text_of(&app.root, ".client-row--cursor .client-row__name");
    assert_eq!(cursor_row(), None);
    press_on(&search, "ArrowDown");
    assert_eq!(active_id(), "client-list");
    wait_until("the cursor on the first match", || {
        cursor_row().as_deref() == Some("Historian sync")
    })
    .await;
    let list = support::document()
        .get_element_by_id("client-list")
        .unwrap();
    press_on(&list, "ArrowDown");
    press_on(&list, "Enter");
    wait_until("the second match opens", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Pump station telemetry")
    })
    .await;
}

#[wasm_bindgen_test]
async fn keyboard_shortcuts_search_help_add_and_refresh_but_never_while_typing() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients", true);
    wait_until("the list", || row_names(&app.root).len() == 3).await;
    let body: web_sys::EventTarget = support::document().body().unwrap().into();

    // `/` goes to Search.
    press_on(&body, "/");
    assert_eq!(active_id(), "client-search");
    // Typed in Search, `n` and `r` are letters, not shortcuts.
    let search = support::document()
        .get_element_by_id("client-search")
        .unwrap();
    let lists_before = requests_to(
        "GET",
        "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a/ClientCredentialClients?",
    );
    press_on(&search, "n");
    press_on(&search, "r");
    leptos::task::tick().await;
    assert_eq!(
        support::open_dialog_text(&app.root),
        None,
        "no dialog while typing"
    );
    assert_eq!(
        requests_to(
            "GET",
            "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a/ClientCredentialClients?"
        ),
        lists_before
    );

    // `?` lists the shortcuts; while it is open, keys are not shortcuts; Esc closes it.
    press_on(&body, "?");
    wait_until("the shortcuts dialog", || {
        support::open_dialog_text(&app.root).is_some_and(|t| t.contains("Keyboard shortcuts"))
    })
    .await;
    let help = support::open_dialog_text(&app.root).unwrap();
    for line in [
        "Go to Search",
        "Add Client",
        "Refresh the list",
        "Show these shortcuts",
    ] {
        assert!(help.contains(line), "{help}");
    }
    press_on(&body, "n");
    leptos::task::tick().await;
    assert!(!support::open_dialog_text(&app.root)
        .unwrap()
        .contains("Add Client:"));
    support::dialog_button(&app.root, "Close").unwrap().click();
    wait_until("the dialog closes", || {
        support::open_dialog_text(&app.root).is_none()
    })
    .await;

    // `r` reads the list again; `n` opens Add Client for the type shown.
    press_on(&body, "r");
    wait_until("a second list request", || {
        requests_to(
            "GET",
            "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a/ClientCredentialClients?",
        ) > lists_before
    })
    .await;
    press_on(&body, "n");
    wait_until("Add Client", || {
        support::open_dialog_text(&app.root)
            .is_some_and(|t| t.contains("Add Client: Client-Credentials"))
    })
    .await;
    // The buttons announce their keys.
    let search = support::document()
        .get_element_by_id("client-search")
        .unwrap();
    assert_eq!(
        search.get_attribute("aria-keyshortcuts").as_deref(),
        Some("/")
    );
}

#[wasm_bindgen_test]
async fn for_a_read_only_user_the_add_client_shortcut_says_why_instead() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients", false);
    wait_until("the list", || row_names(&app.root).len() == 3).await;
    let body: web_sys::EventTarget = support::document().body().unwrap().into();
    press_on(&body, "n");
    wait_until("the reason", || {
        text_of(&app.root, "[data-testid=notice]")
            .is_some_and(|t| t.contains("Only a Tenant Administrator can add clients"))
    })
    .await;
    assert_eq!(support::open_dialog_text(&app.root), None);
}

#[wasm_bindgen_test]
async fn all_types_lists_the_three_kinds_with_a_type_column_and_add_client_asks_which() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients?type=all", true);
    wait_until("six clients of three kinds", || {
        row_names(&app.root).len() == 6
    })
    .await;
    assert_eq!(select_value(&app.root), "all");
    assert_eq!(
        texts(&app.root, "th")[4].trim_end_matches(['▲', '▼']),
        "Type"
    );
    let kinds = texts(&app.root, ".client-row .client-row__extra");
    for kind in ["Client-Credentials", "Hybrid", "Authorization Code"] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "{kind} missing from {kinds:?}"
        );
    }
    assert_eq!(
        text_of(&app.root, ".count-line").as_deref(),
        Some("6 clients")
    );

    // Search works across kinds.
    support::type_into(&app.root, "#client-search", "portal");
    wait_until("search", || row_names(&app.root) == ["Reporting portal"]).await;
    support::type_into(&app.root, "#client-search", "");
    wait_until("all again", || row_names(&app.root).len() == 6).await;

    // The pane takes the client's own kind: an authorization code client has no Secrets tab,
    // even when the link asks for it.
    click(
        &app.root,
        ".client-row[data-id='0b7d1c9e-3333-4a4a-9a9a-000000000001']",
    );
    wait_until("its pane", || {
        text_of(&app.root, "#pane-title").as_deref() == Some("Maintenance mobile app")
    })
    .await;
    assert_eq!(texts(&app.root, "[role=tab]"), ["Details"]);

    // The secret chips keep the kinds with secrets (every one here has an expired secret).
    click(&app.root, "[data-chip=expired]");
    wait_until("expired only", || row_names(&app.root).len() == 5).await;
    assert!(!row_names(&app.root).contains(&"Maintenance mobile app".to_string()));

    // Add Client asks which type first.
    button(&app.root, "Add Client").unwrap().click();
    wait_until("the type question", || {
        support::open_dialog_text(&app.root).is_some_and(|t| t.contains("Which type of client"))
    })
    .await;
    click(&app.root, "[data-kind=hybrid]");
    wait_until("the hybrid form", || {
        support::open_dialog_text(&app.root).is_some_and(|t| t.contains("Add Client: Hybrid"))
    })
    .await;
    assert!(app
        .root
        .query_selector("[data-testid=redirect-uris], textarea")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn a_keystroke_updates_the_rendered_rows_in_place_instead_of_building_them_again() {
    stub_api(&tenant(200));
    let app = mount_console("/security/clients", true);
    wait_until("three rows", || row_names(&app.root).len() == 3).await;
    // Mark the row elements on screen now.
    js_sys::eval("document.querySelectorAll('.client-row').forEach(r => r.__kept = true)").unwrap();
    let all_kept = || {
        js_sys::eval("[...document.querySelectorAll('.client-row')].every(r => r.__kept === true)")
            .unwrap()
            .as_bool()
            == Some(true)
    };
    support::type_into(&app.root, "#client-search", "pump");
    wait_until("one row", || {
        row_names(&app.root) == ["Pump station telemetry"]
    })
    .await;
    assert!(
        all_kept(),
        "the row shown is one of the elements already there"
    );
    let pump = app.root.query_selector(".client-row").unwrap().unwrap();
    assert_eq!(
        pump.get_attribute("data-id").as_deref(),
        Some(CC1),
        "its cells follow the client"
    );
    // Nothing matches, then everything again.
    support::type_into(&app.root, "#client-search", "pumpx");
    wait_until("no match", || {
        text_of(&app.root, ".empty-state__title").is_some()
    })
    .await;
    support::type_into(&app.root, "#client-search", "");
    wait_until("all again", || row_names(&app.root).len() == 3).await;
    assert_eq!(
        row_names(&app.root),
        [
            "Edge gateway Rotterdam",
            "Historian sync",
            "Pump station telemetry"
        ]
    );
}
