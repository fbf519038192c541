//! Modal dialogs on the native `<dialog>` (focus trap and Esc for free), and the
//! confirmation every destructive action goes through.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::{html, prelude::*};

use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A modal dialog shown while `open` is true. Its content is built afresh each time it opens
/// (a form starts from its initial values) and stays while it is open (nothing typed is lost
/// when a request fails). Esc or the close button call `on_close`.
#[component]
pub fn Modal(
    #[prop(into)] open: Signal<bool>,
    #[prop(into)] title: String,
    on_close: Callback<()>,
    /// A wider dialog for forms.
    #[prop(optional)]
    wide: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let title_id = format!("dialog-title-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        match (open.get(), el.open()) {
            (true, false) => {
                let _ = el.show_modal();
            }
            (false, true) => el.close(),
            _ => {}
        }
    });
    let children = StoredValue::new(children);
    let heading_id = title_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            class:dialog--wide=wide
            aria-labelledby=title_id.clone()
            // Esc asks the owner (a changed form or an uncopied secret may ask first).
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                on_close.run(());
            }
            on:close=move |_| {
                if open.get_untracked() {
                    on_close.run(());
                }
            }
        >
            <div class="dialog__header">
                <h2 id=heading_id>{title}</h2>
                <button type="button" class="icon-button" aria-label="Close this window" title="Close (Esc)" on:click=move |_| on_close.run(())>
                    "✕"
                </button>
            </div>
            {move || open.get().then(|| children.with_value(|c| c()))}
        </dialog>
    }
}

/// "Are you sure?" for destructive actions: Cancel is first and focused, the action button
/// names the action (Disable, Remove, …); a failure shows the API's reason in the dialog.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] open: Signal<bool>,
    #[prop(into)] title: String,
    /// What will happen, in a sentence or two.
    #[prop(into)]
    message: String,
    /// The action button's label, e.g. "Remove".
    confirm_label: &'static str,
    /// Red action button (removing) rather than the accent colour.
    #[prop(optional)]
    danger: bool,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    on_confirm: Callback<()>,
    on_close: Callback<()>,
    /// What re-reading found after the last attempt got no answer.
    #[prop(optional, into)]
    note: Signal<Option<String>>,
) -> impl IntoView {
    let message = StoredValue::new(message);
    let title_for_error = title.clone();
    view! {
        <Modal open title on_close>
            <p>{message.get_value()}</p>
            {
                let title = title_for_error.clone();
                move || error.get().map(|e| view! { <ErrorPanel error=e title=format!("{title} did not work.") /> })
            }
            {move || note.get().map(|n| view! { <p class="read-only-note" role="status" data-testid="finding">{n}</p> })}
            <div class="dialog__actions">
                <button type="button" class="button" autofocus on:click=move |_| on_close.run(())>"Cancel"</button>
                <button
                    type="button"
                    class=if danger { "button button--danger" } else { "button button--primary" }
                    disabled=move || pending.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {move || if pending.get() { "Working…" } else { confirm_label }}
                </button>
            </div>
        </Modal>
    }
}
