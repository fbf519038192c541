//! Moving the focus by element id (dialogs give it back to their opener this way).

use wasm_bindgen::JsCast;

/// Focuses the element with `id`, if there is one and it took the focus (a hidden one
/// cannot).
pub fn focus_id(id: &str) -> bool {
    let document = web_sys::window().and_then(|w| w.document());
    let element = document
        .as_ref()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match (element, document) {
        (Some(el), Some(document)) => {
            let _ = el.focus();
            document
                .active_element()
                .is_some_and(|active| active == *el.unchecked_ref::<web_sys::Element>())
        }
        _ => false,
    }
}
