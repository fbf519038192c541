//! Keyboard shortcuts of the Clients page: `/` Search, `?` the list of shortcuts, `n` Add
//! Client, `r` Refresh, `z` Undo (while a toast offers it). Never while the focus is in a field (the keys are typed there), with
//! Ctrl, Alt or Meta held, or while a dialog is open.
//!
//! Uses of the core: the dialog host (its own dialog, the notice), Refresh, the user's
//! rights. Add Client is the shell's callback (a feature does not call another).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::dialog::Modal;
use crate::pages::clients::core::dialog::{room_dialogs, Dialog};
use crate::pages::clients::core::writes::UNDO_KEY;
use crate::pages::clients::core::Page;

/// What a key does on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Search,
    Help,
    AddClient,
    Refresh,
    Undo,
}

/// Every shortcut with its key and what it does, in the order the help lists them.
pub const SHORTCUTS: [(Shortcut, &str, &str); 5] = [
    (Shortcut::Search, "/", "Go to Search"),
    (
        Shortcut::AddClient,
        "n",
        "Add Client (of the Client Type shown)",
    ),
    (Shortcut::Refresh, "r", "Refresh the list from the server"),
    (
        Shortcut::Undo,
        UNDO_KEY,
        "Undo the change just saved (while its message offers Undo)",
    ),
    (Shortcut::Help, "?", "Show these shortcuts"),
];

/// The shortcut of a key press, if it is one.
pub fn shortcut_of(key: &str, modified: bool) -> Option<Shortcut> {
    if modified {
        return None;
    }
    SHORTCUTS
        .iter()
        .find(|(_, k, _)| *k == key)
        .map(|(shortcut, _, _)| *shortcut)
}

/// Whether keys pressed in `target` are typed there (a field, or an editable element).
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element.is_content_editable()
}

/// Whether any dialog is open on the page (the page's own, or the session's).
fn dialog_open() -> bool {
    document()
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some()
}

/// Listens for the shortcuts while the page is there.
pub fn install(s: Page, add_client: Callback<()>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let modified = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
        let Some(shortcut) = shortcut_of(&ev.key(), modified) else {
            return;
        };
        if ev.default_prevented() || typing_in(ev.target()) || dialog_open() {
            return;
        }
        ev.prevent_default();
        match shortcut {
            Shortcut::Search => {
                crate::components::focus::focus_id("client-search");
            }
            Shortcut::Help => s
                .dialogs
                .open(Dialog::Shortcuts, &["keyboard-shortcuts", "client-search"]),
            Shortcut::AddClient => match s.access().why_not("add clients") {
                None => add_client.run(()),
                Some(why) => s.dialogs.say(why),
            },
            Shortcut::Refresh => s.refresh(),
            Shortcut::Undo => {
                s.toasts.act_on_newest(UNDO_KEY);
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// The list of shortcuts, as a dialog.
fn shortcuts_dialog_view() -> AnyView {
    let d = expect_context::<Page>().dialogs;
    let rows = || {
        SHORTCUTS
            .iter()
            .map(|(_, key, what)| view! { <dt><kbd>{*key}</kbd></dt><dd>{*what}</dd> })
            .collect_view()
    };
    view! {
        <Modal open=true title="Keyboard shortcuts" on_close=Callback::new(move |()| d.close())>
            <dl class="fields shortcuts">{rows}</dl>
            <p class="muted">
                "They work anywhere on the page except while you type in a field. In Search, ↓ goes to the first client of the list; in the list, ↑ ↓ Home End move, Enter opens the client and Esc closes it. Everything else works with Tab, Enter, Space and Esc."
            </p>
            <div class="dialog__actions">
                <button type="button" class="button button--primary" on:click=move |_| d.close()>"Close"</button>
            </div>
        </Modal>
    }
    .into_any()
}

room_dialogs!(shortcuts;
    Dialog::Shortcuts => shortcuts_dialog_view(),
);
