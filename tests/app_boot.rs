//! Browser tests of start-up: `App` reads config.json, finishes a sign-in that comes back
//! from the identity server, and shows the console — or says clearly what is wrong.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PENDING_KEY: &str = "clients-console.sign-in";

fn session_storage() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

/// The claims of a good ID token for the sign-in `leave_pending` prepared.
fn good_id_claims() -> serde_json::Value {
    serde_json::json!({
        "iss": location().origin().unwrap(), "sub": "ada", "aud": "clients-console",
        "exp": 4102444800_i64, "iat": 1_700_000_000, "name": "Ada Lovelace", "nonce": "N0nce"
    })
}

/// config.json, discovery, the token endpoint and an empty tenant.
fn identity_and_api(config: &str) -> String {
    identity_and_api_with(config, &good_id_claims())
}

/// The same, with an ID token of these claims.
fn identity_and_api_with(config: &str, id_claims: &serde_json::Value) -> String {
    let claims = r#"{"role":["Tenant Member","Tenant Administrator"],"exp":4102444800}"#;
    let id_claims = &id_claims.to_string();
    let b64 = |s: &str| clients_console::auth::pkce::base64url_encode(s.as_bytes());
    let access = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(claims));
    let id_token = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(id_claims));
    format!(
        r#"[
        {{ "path": "/config.json", "body": {config} }},
        {{ "path": "/.well-known/openid-configuration", "body": {{
            "issuer": location.origin, "authorization_endpoint": location.origin + "/connect/authorize",
            "token_endpoint": location.origin + "/connect/token", "end_session_endpoint": location.origin + "/connect/endsession" }} }},
        {{ "method": "POST", "path": "/connect/token", "body": {{ "access_token": "{access}", "id_token": "{id_token}", "token_type": "Bearer", "expires_in": 3600 }} }},
        {{ "path": "^/api/v1/Tenants/[^/]+/(ClientCredential|Hybrid|AuthorizationCode)Clients$", "body": [], "headers": {{ "Total-Count": "0" }} }},
        {{ "path": "^/api/v1/Tenants/[^/]+/Roles$", "body": [] }}
    ]"#
    )
}

const CONFIG: &str = r#"{ "apiBase": "", "tenantId": "5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a", "authority": "",
    "clientId": "clients-console", "scopes": "openid profile ocsapi" }"#;

fn leave_pending(state: &str, return_to: &str) {
    let pending = format!(
        r#"{{"state":"{state}","nonce":"N0nce","verifier":"the-verifier","returnTo":"{return_to}"}}"#
    );
    session_storage().set_item(PENDING_KEY, &pending).unwrap();
}

#[wasm_bindgen_test]
async fn app_finishes_sign_in_returns_to_the_deep_link_and_the_clients_link_works() {
    stub_api(&identity_and_api(CONFIG));
    leave_pending("St4te", "/no/such/page?x=1");
    go_to("/auth/callback?code=c0de&state=St4te");
    let app = mount(clients_console::App);
    wait_until("the page the user wanted", || {
        text_of(&app.root, "h1").as_deref() == Some("Page not found")
    })
    .await;
    assert_eq!(location().pathname().unwrap(), "/no/such/page");
    assert_eq!(
        location().search().unwrap(),
        "?x=1",
        "the query comes back too; code and state are gone"
    );
    assert_eq!(
        session_storage().get_item(PENDING_KEY).unwrap(),
        None,
        "nothing left in sessionStorage"
    );
    assert_eq!(
        text_of(&app.root, "[data-testid=user-name]").as_deref(),
        Some("Ada Lovelace")
    );
    let exchange = last_body_text("POST", "/connect/token");
    assert!(
        exchange.contains("code=c0de") && exchange.contains("code_verifier=the-verifier"),
        "{exchange}"
    );

    let link = find_link(&app.root, "nav", "Clients").expect("the left pane has a Clients link");
    link.click();
    wait_until("the Clients page", || {
        text_of(&app.root, "h1").as_deref() == Some("Clients")
    })
    .await;
    assert_eq!(location().pathname().unwrap(), "/security/clients");
    wait_until("the empty tenant", || {
        text_of(&app.root, ".empty-state__title").as_deref()
            == Some("No client-credentials clients yet")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_tampered_state_is_refused_and_no_token_is_requested() {
    stub_api(&identity_and_api(CONFIG));
    leave_pending("St4te", "/security/clients");
    go_to("/auth/callback?code=c0de&state=SomethingElse");
    let app = mount(clients_console::App);
    wait_until("the refusal", || {
        text_of(&app.root, "h1").as_deref() == Some("Sign-in did not complete")
    })
    .await;
    let alert = text_of(&app.root, "[role=alert]").unwrap();
    assert!(alert.contains("state mismatch"), "{alert}");
    assert_eq!(
        requests_to("POST", "/connect/token"),
        0,
        "the code was not exchanged"
    );
    assert_eq!(requests_to("GET", "/api/"), 0);
    assert_eq!(session_storage().get_item(PENDING_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
async fn an_id_token_that_fails_a_check_stops_sign_in_with_the_reason_and_keeps_nothing() {
    let mut foreign = good_id_claims();
    foreign["iss"] = serde_json::json!("https://evil.example.com");
    let mut for_another_app = good_id_claims();
    for_another_app["aud"] = serde_json::json!(["another-app"]);
    let mut replayed = good_id_claims();
    replayed["nonce"] = serde_json::json!("an-older-sign-in");
    for (claims, said) in [
        (foreign, "issued by \"https://evil.example.com\""),
        (
            for_another_app,
            "audience does not include the client id \"clients-console\"",
        ),
        (replayed, "nonce mismatch"),
    ] {
        stub_api(&identity_and_api_with(CONFIG, &claims));
        leave_pending("St4te", "/security/clients");
        go_to("/auth/callback?code=c0de&state=St4te");
        let app = mount(clients_console::App);
        wait_until("the refusal", || {
            text_of(&app.root, "h1").as_deref() == Some("Sign-in did not complete")
        })
        .await;
        let alert = text_of(&app.root, "[role=alert]").unwrap();
        assert!(alert.contains(said), "{alert}");
        assert_eq!(text_of(&app.root, "[data-testid=user-name]"), None);
        assert_eq!(requests_to("GET", "/api/"), 0, "no API call with the token");
        assert_eq!(requests_to("HEAD", "/api/"), 0);
        assert_eq!(session_storage().get_item(PENDING_KEY).unwrap(), None);
        drop(app);
    }
}

#[wasm_bindgen_test]
async fn without_a_name_in_the_id_token_the_name_comes_from_userinfo() {
    let mut nameless = good_id_claims();
    nameless.as_object_mut().unwrap().remove("name");
    let routes = identity_and_api_with(CONFIG, &nameless)
        .replace(
            r#""end_session_endpoint": location.origin + "/connect/endsession" }"#,
            r#""end_session_endpoint": location.origin + "/connect/endsession", "userinfo_endpoint": location.origin + "/connect/userinfo" }"#,
        )
        .replacen(
            "[",
            r#"[ { "path": "/connect/userinfo", "body": { "sub": "ada", "given_name": "Ada", "family_name": "Lovelace" } },"#,
            1,
        );
    stub_api(&routes);
    leave_pending("St4te", "/security/clients");
    go_to("/auth/callback?code=c0de&state=St4te");
    let app = mount(clients_console::App);
    wait_until("the console", || {
        text_of(&app.root, "[data-testid=user-name]").is_some()
    })
    .await;
    assert_eq!(
        text_of(&app.root, "[data-testid=user-name]").as_deref(),
        Some("Ada Lovelace")
    );
    assert_eq!(requests_to("GET", "/connect/userinfo"), 1);
}

#[wasm_bindgen_test]
async fn a_bad_config_names_the_file_and_the_field() {
    stub_api(&identity_and_api(
        r#"{ "apiBase": "", "tenantId": "tenant-one", "authority": "", "clientId": "c", "scopes": "openid" }"#,
    ));
    go_to("/security/clients");
    let app = mount(clients_console::App);
    wait_until("the message", || {
        text_of(&app.root, "h1").as_deref() == Some("The console is not configured correctly")
    })
    .await;
    let alert = text_of(&app.root, "[role=alert]").unwrap();
    assert!(
        alert.contains("config.json")
            && alert.contains("\"tenantId\"")
            && alert.contains("tenant-one"),
        "{alert}"
    );
}
