//! Browser tests of the shell: mount `App` in headless Chromium and use it like a person.
#![cfg(target_arch = "wasm32")]

mod support;

use support::{find_link, text_of, wait_until};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A tenant with no clients and no roles.
const EMPTY_TENANT: &str = r#"[
    { "path": "^/api/v1/Tenants/[^/]+/(ClientCredential|Hybrid|AuthorizationCode)Clients$", "body": [], "headers": { "Total-Count": "0" } },
    { "path": "^/api/v1/Tenants/[^/]+/Roles$", "body": [] }
]"#;

#[wasm_bindgen_test]
async fn left_pane_clients_link_opens_the_clients_page() {
    support::stub_api(EMPTY_TENANT);
    let app = support::mount_console("/no/such/page", true);
    wait_until("the not-found page", || {
        text_of(&app.root, "h1").as_deref() == Some("Page not found")
    })
    .await;

    let link = find_link(&app.root, "nav", "Clients").expect("the left pane has a Clients link");
    assert_eq!(
        link.get_attribute("aria-current"),
        None,
        "Clients is not the current page yet"
    );
    link.click();

    wait_until("the Clients page", || {
        text_of(&app.root, "h1").as_deref() == Some("Clients")
    })
    .await;
    assert_eq!(support::location().pathname().unwrap(), "/security/clients");
    let link = find_link(&app.root, "nav", "Clients").unwrap();
    assert_eq!(link.get_attribute("aria-current").as_deref(), Some("page"));
}

#[wasm_bindgen_test]
async fn root_redirects_to_security_clients() {
    support::stub_api(EMPTY_TENANT);
    let app = support::mount_console("/", true);
    wait_until("the redirect", || {
        support::location().pathname().unwrap() == "/security/clients"
    })
    .await;
    wait_until("the Clients page", || {
        text_of(&app.root, "h1").as_deref() == Some("Clients")
    })
    .await;
}
