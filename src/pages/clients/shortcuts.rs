//! Keyboard shortcuts of the Clients page: `/` Search, `?` the list of shortcuts, `n` Add
//! Client, `r` Refresh. Never while the focus is in a field (the keys are typed there), with
//! Ctrl, Alt or Meta held, or while a dialog is open.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::controller::{Controller, Dialog};
use crate::components::dialog::Modal;

/// What a key does on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Search,
    Help,
    AddClient,
    Refresh,
}

/// Every shortcut with its key and what it does, in the order the help lists them.
pub const SHORTCUTS: [(Shortcut, &str, &str); 4] = [
    (Shortcut::Search, "/", "Go to Search"),
    (
        Shortcut::AddClient,
        "n",
        "Add Client (of the Client Type shown)",
    ),
    (Shortcut::Refresh, "r", "Refresh the list from the server"),
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
pub fn install(ctl: Controller) {
    let s = ctl.state;
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
                super::pane::focus_id("client-search");
            }
            Shortcut::Help => {
                s.open_dialog(Dialog::Shortcuts, &["keyboard-shortcuts", "client-search"])
            }
            Shortcut::AddClient => match ctl.access().why_not("add clients") {
                None => ctl.open_add_client(),
                Some(why) => s.say(why),
            },
            Shortcut::Refresh => s.refresh(),
        }
    });
    on_cleanup(move || handle.remove());
}

/// The list of shortcuts, as a dialog.
pub fn shortcuts_dialog(ctl: Controller) -> impl IntoView {
    let rows = || {
        SHORTCUTS
            .iter()
            .map(|(_, key, what)| view! { <dt><kbd>{*key}</kbd></dt><dd>{*what}</dd> })
            .collect_view()
    };
    view! {
        <Modal open=true title="Keyboard shortcuts" on_close=Callback::new(move |()| ctl.state.close_dialog())>
            <dl class="fields shortcuts">{rows}</dl>
            <p class="muted">
                "They work anywhere on the page except while you type in a field. In Search, ↓ goes to the first client of the list; in the list, ↑ ↓ Home End move, Enter opens the client and Esc closes it. Everything else works with Tab, Enter, Space and Esc."
            </p>
            <div class="dialog__actions">
                <button type="button" class="button button--primary" on:click=move |_| ctl.state.close_dialog()>"Close"</button>
            </div>
        </Modal>
    }
}
