//! The dialog host: at most one dialog open on the page, the one-time secret on screen, the
//! page's notice. The core knows each dialog by name ([`Dialog`]); the features draw them
//! (the page's shell hands the host a `render` function) and keep their own state.
//!
//! Everything here outlives a re-render of the list: a shown secret stays shown whatever the
//! list does behind it, and a form keeps what was typed when a save fails. When the last
//! dialog closes, focus goes back to the control that opened it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::dialog::Modal;
use crate::components::focus::focus_id;
use crate::components::secret_reveal::SecretReveal;
use crate::model::{Client, ClientKind, ClientSecret, ValidationErrors};

/// The dialog open on the page (at most one; the one-time secret is [`Reveal`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    AddClient(ClientKind),
    /// Add Client in All types: which type first.
    ChooseType,
    EditClient {
        kind: ClientKind,
        id: String,
    },
    ToggleClient(Client),
    RemoveClient(Client),
    AddSecret {
        client: Client,
        existing: usize,
    },
    EditSecret {
        client: Client,
        secret: ClientSecret,
    },
    RemoveSecret {
        client: Client,
        secret: ClientSecret,
    },
    /// A step of Rotate Secret.
    Rotate(RotateStep),
    /// Remove expired secrets of a client.
    RemoveExpired(Client),
    /// The list of keyboard shortcuts.
    Shortcuts,
    /// A bulk action on the picked clients: the question, the progress, the outcomes.
    Bulk(crate::model::bulk::BulkOp),
    /// Export of client definitions as JSON (one client, or the picked ones).
    ExportJson(Vec<Client>),
    /// Import of client definitions (pick, dry run, create, the new secrets).
    ImportJson,
}

/// The dialog steps of Rotate Secret; step 2 is the shown-once value ([`Reveal`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotateStep {
    /// 1: the new secret's description and expiry.
    NewSecret,
    /// 3: how long the old secret keeps working.
    Grace,
    /// 4: what changed.
    Summary,
}

/// A secret value on screen, shown once (after Add Client or Add Secret).
#[derive(Clone, Debug, PartialEq)]
pub struct Reveal {
    pub title: &'static str,
    /// The new client's id (after Add Client).
    pub client_id: Option<String>,
    pub secret: Option<String>,
    /// For a client-credentials secret: the token endpoint and the client id, for the
    /// connection snippets.
    pub connection: Option<(String, String)>,
}

/// A message on the page that stays until dismissed, with an optional one-click follow-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub offer: Option<Offer>,
}

/// What a notice offers to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Offer {
    /// The client exists but its first secret's value was lost: add a new secret.
    AddSecret(Client),
    /// A secret was added but its value never arrived: remove it.
    RemoveSecret(Client, ClientSecret),
}

type Check = Arc<dyn Fn() -> bool + Send + Sync>;
type Then = Arc<dyn Fn() + Send + Sync>;

/// The open dialog, the shown secret and the notice, with what a dialog's opener left.
#[derive(Clone, Copy)]
pub struct Dialogs {
    pub dialog: RwSignal<Option<Dialog>>,
    pub reveal: RwSignal<Option<Reveal>>,
    /// A message that stays until dismissed (e.g. "already removed").
    pub notice: RwSignal<Option<Notice>>,
    /// What re-reading found after a write got no answer (shown in the open dialog).
    pub finding: RwSignal<Option<String>>,
    /// Cancel, ✕ or Esc on a changed form: the form asks before discarding.
    pub asking_discard: RwSignal<bool>,
    /// The open form's validation errors.
    pub form_errors: RwSignal<ValidationErrors>,
    /// Element ids to give focus back to when the dialog closes (first that exists wins).
    return_focus: StoredValue<Vec<String>>,
    /// Whether the open dialog's form differs from how it opened (given by its feature).
    changed: StoredValue<Option<Check>>,
    /// What follows when the shown secret is closed (Rotate Secret's next step).
    after_reveal: StoredValue<Option<Then>>,
}

impl Dialogs {
    pub fn new() -> Self {
        Dialogs {
            dialog: RwSignal::new(None),
            reveal: RwSignal::new(None),
            notice: RwSignal::new(None),
            finding: RwSignal::new(None),
            asking_discard: RwSignal::new(false),
            form_errors: RwSignal::new(ValidationErrors::default()),
            return_focus: StoredValue::new(Vec::new()),
            changed: StoredValue::new(None),
            after_reveal: StoredValue::new(None),
        }
    }

    /// Opens `dialog` (no form); focus goes back to `return_to` (the first of these element
    /// ids that still exists) when it closes.
    pub fn open(&self, dialog: Dialog, return_to: &[&str]) {
        self.open_form(dialog, return_to, None);
    }

    /// Opens a dialog with a form: `changed` tells whether it was edited (Cancel then asks
    /// first, and leaving the page warns).
    pub fn open_form(&self, dialog: Dialog, return_to: &[&str], changed: Option<Check>) {
        self.changed.set_value(changed);
        self.return_focus_to(return_to);
        self.form_errors.set(ValidationErrors::default());
        self.finding.set(None);
        self.asking_discard.set(false);
        self.dialog.set(Some(dialog));
    }

    /// Where the focus goes when the open dialog closes, instead of its opener (when a write
    /// removed the opener).
    pub fn return_focus_to(&self, ids: &[&str]) {
        self.return_focus
            .set_value(ids.iter().map(|s| s.to_string()).collect());
    }

    pub fn close(&self) {
        self.asking_discard.set(false);
        self.dialog.set(None);
    }

    /// The form of the open dialog differs from how it opened.
    pub fn form_changed(&self) -> bool {
        self.dialog.with_untracked(Option::is_some)
            && self.changed.with_value(|c| c.as_ref().is_some_and(|c| c()))
    }

    /// Cancel, ✕ or Esc: a changed form asks first; anything else closes.
    pub fn request_close(&self) {
        if self.form_changed() && !self.asking_discard.get_untracked() {
            self.asking_discard.set(true);
        } else {
            self.close();
        }
    }

    /// Shows a secret value once (the dialog stays until the admin closes it); `then` runs
    /// when it is closed.
    pub fn show_reveal(&self, reveal: Reveal, then: Option<Then>) {
        self.after_reveal.set_value(then);
        self.reveal.set(Some(reveal));
    }

    /// Closes the shown secret: its value leaves memory and the page; what was to follow,
    /// follows.
    pub fn close_reveal(&self) {
        self.reveal.set(None);
        if let Some(then) = self.after_reveal.get_value() {
            self.after_reveal.set_value(None);
            then();
        }
    }

    /// Shows a message on the page until it is dismissed.
    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            offer: None,
        }));
    }
}

impl Default for Dialogs {
    fn default() -> Self {
        Self::new()
    }
}

/// Whichever dialog is open (drawn by `render`, the features'), and the one-time secret.
#[component]
pub fn DialogHost(dialogs: Dialogs, render: fn(Dialog) -> AnyView) -> impl IntoView {
    let d = dialogs;
    Effect::new(move |was_open: Option<bool>| {
        let open = d.dialog.read().is_some() || d.reveal.read().is_some();
        if was_open == Some(true) && !open {
            let ids = d.return_focus.get_value();
            request_animation_frame(move || {
                let _ = ids.iter().any(|id| focus_id(id));
            });
        }
        open
    });
    // Leaving or reloading the page with a changed form open warns first.
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if d.form_changed() {
            ev.prevent_default();
            ev.set_return_value("You have unsaved changes.");
        }
    });
    on_cleanup(move || unload.remove());
    let dialog = move || d.dialog.get().map(render);
    // ✕ and Esc on the reveal ask the reveal (it may want to ask the admin first).
    let close_asked = RwSignal::new(0u32);
    let reveal = move || {
        d.reveal.get().map(|r| {
            view! {
                <Modal open=true title=r.title on_close=Callback::new(move |()| close_asked.update(|n| *n += 1))>
                    <SecretReveal client_id=r.client_id.clone() secret=r.secret.clone() connection=r.connection.clone() close_asked
                        on_close=Callback::new(move |()| d.close_reveal()) />
                </Modal>
            }
        })
    };
    view! { {dialog}{reveal} }
}

/// What a feature's chunk gives once it is in: the function that draws its dialogs.
pub type Renderer = fn(Dialog) -> AnyView;

/// A chunk's renderer, or the chunk's load failure.
pub type Loaded = Result<Renderer, leptos::wasm_split::SplitLoaderError>;

/// A room's split point: `pub fn renderer() -> Loaded`, in the builds cargo xtask splits
/// (`cfg(split_chunks)`) a `#[wasm_split]` function whose code and everything only it
/// reaches go into the chunk `$chunk`, fetched on its first call (or by `preload($preload)`,
/// an async fn of that name, when the page is idle). The renderer draws the room's dialogs:
/// `$dialog => $view` arms; any other dialog draws nothing.
macro_rules! room_dialogs {
    ($chunk:ident $(, preload($preload:ident))?; $($dialog:pat => $view:expr),+ $(,)?) => {
        /// The room's dialogs, from its wasm chunk (loaded on first use; see the page's shell).
        #[cfg_attr(
            split_chunks,
            ::leptos::wasm_split::wasm_split(
                $chunk,
                wasm_split_path = ::leptos::wasm_split,
                fallible
                $(, preload($preload))?
            )
        )]
        pub fn renderer() -> $crate::pages::clients::core::dialog::Loaded {
            Ok(render)
        }

        fn render(
            dialog: $crate::pages::clients::core::dialog::Dialog,
        ) -> ::leptos::prelude::AnyView {
            use ::leptos::prelude::IntoAny;
            match dialog {
                $($dialog => $view,)+
                _ => ().into_any(),
            }
        }
    };
}
pub(crate) use room_dialogs;

/// Where a lazy dialog is.
#[derive(Clone, Copy)]
enum Chunk {
    Loading,
    Failed,
    Ready(Renderer),
}

thread_local! {
    /// The renderers of the chunks already loaded, by chunk: their dialogs draw at once.
    static LOADED: std::cell::RefCell<Vec<(&'static str, Renderer)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// A dialog whose code is the chunk `chunk`, loaded on first use by `load`: its frame with
/// `title` at once ("Loading…", focus inside, Esc closes), then the dialog, drawn here (under
/// the page's owner and contexts). A chunk that cannot be loaded (offline, or gone after a
/// redeploy) says so with Retry; nothing was typed yet, the form comes with the chunk.
pub fn lazy_dialog<F, Fut>(
    dialogs: Dialogs,
    dialog: Dialog,
    title: String,
    chunk: &'static str,
    load: F,
) -> AnyView
where
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = Loaded> + 'static,
{
    let known = LOADED.with(|l| {
        l.borrow()
            .iter()
            .find(|(c, _)| *c == chunk)
            .map(|(_, r)| *r)
    });
    let state = RwSignal::new(known.map_or(Chunk::Loading, Chunk::Ready));
    let load = StoredValue::new_local(load);
    let start = move || {
        let Some(future) = load.try_with_value(|load| load()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let next = match future.await {
                Ok(render) => {
                    LOADED.with(|l| l.borrow_mut().push((chunk, render)));
                    Chunk::Ready(render)
                }
                Err(_) => Chunk::Failed,
            };
            let _ = state.try_set(next);
        });
    };
    if known.is_none() {
        start();
    }
    let retry = Callback::new(move |()| {
        state.set(Chunk::Loading);
        start();
    });
    let close = Callback::new(move |()| dialogs.close());
    (move || match state.get() {
        // A view of another type than the frame's: the frame's <dialog> is replaced, not
        // rebuilt in place, so the chunk's dialog opens afresh and its autofocus (Cancel of a
        // question, a form's first field) takes the focus.
        Chunk::Ready(render) => (untrack(|| render(dialog.clone())), ()).into_any(),
        Chunk::Loading => frame(title.clone(), close, None),
        Chunk::Failed => frame(title.clone(), close, Some(retry)),
    })
    .into_any()
}

/// A lazy dialog's frame: "Loading…", or (with `retry`) the failure.
fn frame(title: String, close: Callback<()>, retry: Option<Callback<()>>) -> AnyView {
    view! { <Modal open=true title on_close=close>{move || frame_body(close, retry)}</Modal> }
        .into_any()
}

/// Inside a lazy dialog's frame: "Loading…", or the failure with Retry.
fn frame_body(close: Callback<()>, retry: Option<Callback<()>>) -> AnyView {
    if let Some(retry) = retry {
        view! {
            <div class="error-panel" role="alert" data-testid="chunk-failed">
                <p><strong>"This part of the console could not be loaded."</strong></p>
                <p>"Check your connection, then press Retry. If it keeps failing, the console may have been updated since you opened this page: reload the page."</p>
            </div>
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                <button type="button" class="button button--primary" data-testid="chunk-retry"
                    on:click=move |_| retry.run(())>"Retry"</button>
            </div>
        }
        .into_any()
    } else {
        view! {
            <p class="muted" role="status" data-testid="chunk-loading">"Loading…"</p>
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
            </div>
        }
        .into_any()
    }
}
