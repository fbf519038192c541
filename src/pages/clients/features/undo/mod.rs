//! Undo: after Edit Client → Save, Disable / Enable and Edit Secret, the toast offers Undo
//! for 10 seconds (key `z`; longer while pointed at or focused). Undo reads the client (or
//! the secret) again: if it still is as the change left it, the earlier values are put back;
//! if someone changed it meanwhile, it says what changed and leaves it. Removals have no
//! Undo (their dialogs say so).
//!
//! Uses of the core: `Page::offer_undo_with` (the writes report here through `Page::done`),
//! toasts, the cache (the re-read and the restored copy replace the row), the notice, the
//! Secrets tab's refresh. Its work is a wasm chunk, fetched when Undo is first offered.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::Local;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::toast::ToastAction;
use crate::model::undo::{
    and_list, client_changed_fields, client_undo_body, secret_changed_fields, secret_undo_body,
};
use crate::model::{format_datetime, Client, ClientSecret};
use crate::pages::clients::core::writes::{client_id, Change, UNDO_KEY};
use crate::pages::clients::core::Page;

/// How long the toast offers Undo.
pub const UNDO_FOR: Duration = Duration::from_secs(10);

/// The room: it takes the page's "done" reports and offers Undo with them.
#[derive(Clone, Copy)]
pub struct Undo {
    s: Page,
}

impl Undo {
    pub fn provide(s: Page) -> Self {
        let this = Undo { s };
        s.offer_undo_with(Callback::new(move |(done, change)| {
            this.offer(done, change)
        }));
        provide_context(this);
        this
    }

    /// The toast `done` with Undo of `change`.
    fn offer(&self, done: String, change: Change) {
        let s = self.s;
        fetch_chunk();
        let run = Callback::new(move |()| {
            leave_toast();
            let change = change.clone();
            leptos::task::spawn_local(async move { run(s, change).await });
        });
        let action = ToastAction {
            label: "Undo",
            key: UNDO_KEY,
            run,
        };
        s.toasts.show_with(done, action, UNDO_FOR);
    }
}

/// The work of Undo, from its chunk.
type Work = fn(Page, Change) -> Pin<Box<dyn Future<Output = ()>>>;

#[cfg_attr(
    split_chunks,
    ::leptos::wasm_split::wasm_split(
        undo,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_undo)
    )
)]
fn work() -> Result<Work, leptos::wasm_split::SplitLoaderError> {
    Ok(|s, change| Box::pin(undo(s, change)))
}

/// Fetches the chunk (once) while the toast is up, so that Undo answers at once.
fn fetch_chunk() {
    #[cfg(split_chunks)]
    leptos::task::spawn_local(async {
        // A failure is said if Undo is pressed.
        let _ = preload_undo().await;
    });
}

/// The toast whose Undo has the focus is about to go: the focus goes back to the page.
fn leave_toast() {
    let in_toast = document()
        .active_element()
        .is_some_and(|e| e.closest(".toasts").ok().flatten().is_some());
    if in_toast {
        let _ = ["pane-panel", "client-search"]
            .iter()
            .any(|id| crate::components::focus::focus_id(id));
    }
}

async fn run(s: Page, change: Change) {
    #[cfg(split_chunks)]
    let loaded = work().await;
    #[cfg(not(split_chunks))]
    let loaded = work();
    match loaded {
        Ok(work) => work(s, change).await,
        Err(_) => s.dialogs.say(
            "Nothing was undone: this part of the console could not be loaded. Check your connection; if it keeps failing, the console may have been updated since you opened this page: reload it, then change the values back by hand.",
        ),
    }
}

async fn undo(s: Page, change: Change) {
    match change {
        Change::Client { before, after } => undo_client(s, before, after).await,
        Change::Secret {
            client,
            before,
            after,
        } => undo_secret(s, client, before, after).await,
    }
}

/// “Pump station”.
fn quoted(client: &Client) -> String {
    format!("“{}”", client.name().unwrap_or("The client"))
}

async fn undo_client(s: Page, before: Client, after: Client) {
    let api = s.api();
    let id = client_id(&after);
    let name = quoted(&after);
    let fresh = match api.get_client(after.kind(), &id).await {
        Ok(fresh) => fresh,
        Err(ApiError::NotFound(_)) => return s.gone(&after),
        Err(error) => return not_undone(s, &error, "it could not be read again to check it"),
    };
    s.replace(fresh.clone());
    if changed_again(s, &name, &client_changed_fields(&after, &fresh)) {
        return;
    }
    let (body, kept) = match client_undo_body(&fresh, &before) {
        Ok((Some(body), kept)) => (body, kept),
        Ok((None, _)) => return s.toasts.show(format!("{name} already has its earlier values.")),
        Err(errors) => {
            return s.dialogs.say(format!(
                "Nothing was undone: the earlier values of {name} are no longer accepted ({}). Use Edit Client to set them.",
                errors.iter().map(|(_, m)| m).collect::<Vec<_>>().join(" ")
            ))
        }
    };
    let undone = match kept.as_slice() {
        [] => format!("Undone: {} has its earlier values again.", quoted(&before)),
        kept => format!(
            "Undone: {} has its earlier values again, except {} (the platform cannot clear an address: use Edit Client to enter another).",
            quoted(&before),
            and_list(kept)
        ),
    };
    match api.update_client(&id, &body).await {
        Ok(updated) => {
            s.replace(updated);
            s.toasts.show(undone);
        }
        Err(ApiError::NotFound(_)) => s.gone(&after),
        Err(error) if error.outcome_unknown() => {
            let restored = match api.get_client(after.kind(), &id).await {
                Ok(now) => {
                    s.replace(now.clone());
                    client_changed_fields(&now, &before).is_empty()
                }
                Err(_) => false,
            };
            if restored {
                s.toasts.show(undone);
            } else {
                not_undone(
                    s,
                    &error,
                    "the server did not confirm it; refresh the list to see the client's values",
                )
            }
        }
        Err(error) => not_undone(s, &error, "the server refused it"),
    }
}

async fn undo_secret(s: Page, client: Client, before: ClientSecret, after: ClientSecret) {
    let api = s.api();
    let (kind, id) = (client.kind(), client_id(&client));
    let secret_id = after.id.unwrap_or_default();
    let read = api.get_secret(kind, &id, secret_id).await;
    s.refresh_secrets();
    let fresh = match read {
        Ok(fresh) => fresh,
        Err(ApiError::NotFound(_)) => {
            return s.dialogs.say(
                "Nothing was undone: the secret was removed after your change, by someone else or in another window.",
            )
        }
        Err(error) => return not_undone(s, &error, "the secret could not be read again to check it"),
    };
    if changed_again(s, "the secret", &secret_changed_fields(&after, &fresh)) {
        return;
    }
    let Some(body) = secret_undo_body(&fresh, &before) else {
        return s.toasts.show("The secret already has its earlier values.");
    };
    let result = api.update_secret(kind, &id, secret_id, &body).await;
    s.refresh_secrets();
    match result {
        Ok(_) => s.toasts.show(format!(
            "Undone: the secret is “{}” again, {}.",
            before.description.clone().unwrap_or_default(),
            match before.effective_expiration() {
                Some(at) => format!("expiring {}", format_datetime(at, &Local)),
                None => "never expiring".into(),
            }
        )),
        Err(ApiError::NotFound(_)) => s.dialogs.say(
            "Nothing was undone: the secret was removed after your change, by someone else or in another window.",
        ),
        Err(error) if error.outcome_unknown() => s.dialogs.say(format!(
            "Undo may or may not have been made: {} The Secrets tab shows the secret as it is now.",
            error.with_server_words()
        )),
        Err(error) => not_undone(s, &error, "the server refused it"),
    }
}

/// Says that `what` was changed again since the change to undo (`changed`: the fields that
/// now differ) and that nothing was sent; false when nothing changed.
fn changed_again(s: Page, what: &str, changed: &[&str]) -> bool {
    if changed.is_empty() {
        return false;
    }
    s.dialogs.say(format!(
        "Nothing was undone: {what} was changed again after your change ({} now differ{}), by someone else or in another window. Check it before you change it.",
        and_list(changed),
        if changed.len() == 1 { "s" } else { "" }
    ));
    true
}

/// "Nothing was undone: <why>. <what the API said>".
fn not_undone(s: Page, error: &ApiError, why: &str) {
    s.dialogs.say(format!(
        "Nothing was undone: {why}. {}",
        error.with_server_words()
    ));
}
