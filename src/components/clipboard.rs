//! Copying text to the clipboard, said in a toast.

use leptos::prelude::*;

use crate::components::toast::Toasts;

/// Copies text to the clipboard and says so (or says how to copy by hand).
pub fn copy_to_clipboard(text: String, what: &'static str) {
    let toasts = use_context::<Toasts>();
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        if let Some(toasts) = toasts {
            toasts.show(if ok {
                format!("{what} copied")
            } else {
                format!("Could not copy the {what}: select it and copy it by hand")
            });
        }
    });
}
