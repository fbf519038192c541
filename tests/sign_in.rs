//! Browser tests of what sign-in leaves behind: rights learnt from the API when the token
//! does not list roles, and the re-authentication pop-up's answer taken only from that pop-up.
#![cfg(target_arch = "wasm32")]

mod support;

use std::{cell::RefCell, rc::Rc};

use clients_console::auth::session::{PopupWatch, POPUP_MESSAGE_PREFIX};
use support::{button, requests_to, wait_until};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// One client-credentials client; the Secrets HEAD (the rights check) answers `head`.
fn tenant_with_rights_answer(head: &str) -> String {
    format!(
        r#"[
        {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "body": [{{ "Id": "c1", "Name": "Line 4 historian", "Enabled": true, "RoleIds": [] }}], "headers": {{ "Total-Count": "1" }} }},
        {{ "path": "^/api/v1/Tenants/[^/]+/(Hybrid|AuthorizationCode)Clients$", "body": [], "headers": {{ "Total-Count": "0" }} }},
        {{ "path": "^/api/v1/Tenants/[^/]+/Roles$", "body": [] }},
        {{ "method": "HEAD", "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/c1/Secrets$", {head} }}
    ]"#
    )
}

/// The console for a user whose token lists no roles.
fn mount_opaque() -> support::TestMount {
    support::go_to("/security/clients");
    let session = support::opaque_session();
    support::mount(move || leptos::view! { <clients_console::app::Console session /> })
}

fn add_client(app: &support::TestMount) -> web_sys::HtmlButtonElement {
    button(&app.root, "Add Client").expect("Add Client is on the page")
}

#[wasm_bindgen_test]
async fn without_roles_in_the_token_the_console_asks_the_api_and_a_member_gets_a_read_only_page() {
    support::stub_api(&tenant_with_rights_answer(r#""hang": true"#));
    let app = mount_opaque();
    wait_until("the list", || button(&app.root, "Add Client").is_some()).await;
    // While the API has not answered: waiting, disabled, saying so.
    let add = add_client(&app);
    assert!(add.disabled(), "Add Client waits for the rights check");
    assert_eq!(
        add.get_attribute("title").as_deref(),
        Some("Checking whether you may add clients…")
    );
    assert_eq!(requests_to("HEAD", "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a/ClientCredentialClients/c1/Secrets"), 1);
    // The Secrets column waits for the answer too: its reads are not a second rights check.
    gloo_timers::future::TimeoutFuture::new(200).await;
    assert_eq!(
        requests_to("GET", "/api/v1/Tenants/5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a/ClientCredentialClients/c1/Secrets"),
        0
    );
    drop(app);

    support::stub_api(&tenant_with_rights_answer(r#""status": 403"#));
    let app = mount_opaque();
    wait_until("the read-only note", || {
        support::text_of(&app.root, "[data-testid=read-only-note]").is_some()
    })
    .await;
    let add = add_client(&app);
    assert!(add.disabled());
    assert_eq!(
        add.get_attribute("title").as_deref(),
        Some("Only a Tenant Administrator can add clients")
    );
    assert_eq!(
        support::text_of(&app.root, "[data-testid=user-role]").as_deref(),
        Some("Read-only (not Tenant Administrator)")
    );
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(requests_to(method, "/api/"), 0, "no {method} was sent");
    }
}

#[wasm_bindgen_test]
async fn without_roles_in_the_token_an_administrator_gets_the_write_controls_once_the_api_says_so()
{
    support::stub_api(&tenant_with_rights_answer(
        r#""status": 200, "headers": { "Total-Count": "2" }"#,
    ));
    let app = mount_opaque();
    wait_until("Add Client enabled", || {
        button(&app.root, "Add Client").is_some_and(|b| !b.disabled())
    })
    .await;
    assert_eq!(add_client(&app).get_attribute("title"), None);
    assert_eq!(
        support::text_of(&app.root, "[data-testid=read-only-note]"),
        None
    );
}

/// An `<iframe>`'s window: a real, separate window to send messages "from".
fn frame_window() -> (web_sys::HtmlIFrameElement, web_sys::Window) {
    let frame: web_sys::HtmlIFrameElement = support::document()
        .create_element("iframe")
        .unwrap()
        .unchecked_into();
    support::document()
        .body()
        .unwrap()
        .append_child(&frame)
        .unwrap();
    let window = frame.content_window().expect("the frame has a window");
    (frame, window)
}

fn message_from(source: &web_sys::Window, origin: &str, data: &str) {
    let init = web_sys::MessageEventInit::new();
    init.set_data(&JsValue::from_str(data));
    init.set_origin(origin);
    init.set_source(Some(source.unchecked_ref()));
    let event = web_sys::MessageEvent::new_with_event_init_dict("message", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_sign_in_answer_is_taken_only_from_the_console_s_own_pop_up() {
    let (popup_frame, popup) = frame_window();
    let (other_frame, other) = frame_window();
    let answers: Rc<RefCell<Vec<String>>> = Rc::default();
    let abandoned = Rc::new(RefCell::new(false));
    let (a, b) = (answers.clone(), abandoned.clone());
    PopupWatch::start(
        popup.clone().into(),
        move |query| a.borrow_mut().push(query),
        move || *b.borrow_mut() = true,
    );
    let origin = support::location().origin().unwrap();
    let answer = format!("{POPUP_MESSAGE_PREFIX}?code=c0de&state=s1");
    // Another window of the same origin, the right window from another origin, and the right
    // window with something else to say: all ignored.
    message_from(&other, &origin, &answer);
    message_from(&popup, "https://evil.example.com", &answer);
    message_from(&popup, &origin, "?code=c0de&state=s1");
    assert!(answers.borrow().is_empty(), "{:?}", answers.borrow());
    assert!(PopupWatch::active(), "still waiting for the real answer");

    message_from(&popup, &origin, &answer);
    assert_eq!(*answers.borrow(), ["?code=c0de&state=s1"]);
    assert!(
        !PopupWatch::active(),
        "the listener is gone after the answer"
    );
    // A second answer is not taken.
    message_from(&popup, &origin, &answer);
    assert_eq!(answers.borrow().len(), 1);
    assert!(!*abandoned.borrow());
    popup_frame.remove();
    other_frame.remove();
}

#[wasm_bindgen_test]
async fn a_pop_up_closed_without_an_answer_stops_the_wait_and_says_so() {
    let (popup_frame, popup) = frame_window();
    let abandoned = Rc::new(RefCell::new(false));
    let b = abandoned.clone();
    PopupWatch::start(
        popup.clone().into(),
        |_| panic!("no answer was sent"),
        move || *b.borrow_mut() = true,
    );
    // A removed frame's window reads as closed, like a pop-up the user closed.
    popup_frame.remove();
    wait_until("the abandoned pop-up noticed", || *abandoned.borrow()).await;
    assert!(!PopupWatch::active(), "listener and timer removed");
    let origin = support::location().origin().unwrap();
    message_from(
        &popup,
        &origin,
        &format!("{POPUP_MESSAGE_PREFIX}?code=late&state=s"),
    );
}
