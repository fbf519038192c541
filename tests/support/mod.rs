//! Helpers shared by the browser tests: mount under an owner, wait, query the DOM.
#![allow(dead_code)]

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// A mounted view; dropping it cleans up the owner (router listeners) and the container.
pub struct TestMount {
    owner: Owner,
    pub root: HtmlElement,
}

impl Drop for TestMount {
    fn drop(&mut self) {
        self.owner.cleanup();
        self.root.remove();
    }
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn location() -> web_sys::Location {
    web_sys::window().unwrap().location()
}

/// Mounts a view into a fresh container under its own owner.
pub fn mount<F, V>(f: F) -> TestMount
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let doc = document();
    let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    let owner = Owner::new();
    owner.with(|| leptos::mount::mount_to(root.clone(), f)).forget();
    TestMount { owner, root }
}

/// Sets the page URL without loading it (before mounting the app).
pub fn go_to(url: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .unwrap();
}

/// Polls `cond` every 10 ms for up to 5 s; on timeout fails with the page's HTML.
pub async fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..500 {
        if cond() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}; body: {}", document().body().unwrap().inner_html());
}

/// The trimmed text of the first element matching `selector`.
pub fn text_of(root: &HtmlElement, selector: &str) -> Option<String> {
    root.query_selector(selector).ok().flatten().map(|el| el.text_content().unwrap_or_default().trim().to_string())
}

/// The link inside `within` whose text is `label`.
pub fn find_link(root: &HtmlElement, within: &str, label: &str) -> Option<HtmlElement> {
    let links = root.query_selector_all(&format!("{within} a")).ok()?;
    (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .find(|a| a.text_content().unwrap_or_default().trim() == label)
}
