//! Security › Clients: pick the Client Type, find the client, read its details, change it.
//!
//! The page is a core and feature rooms:
//! * [`core`]: the URL state, the list cache, the rows shown, the Secrets column's reads, the
//!   list, the Details pane with its read-only tabs, the dialog host. It imports no feature.
//! * [`features`]: one room per feature (Add Client, Edit Client, Disable/Enable, Remove
//!   Client, the Secrets tab's writes, Export CSV, the posture strip, keyboard shortcuts,
//!   Undo, bulk actions, client definitions as JSON), each with its own
//!   state, writes and views, using only [`core::Page`]. No room imports another.
//! * [`forms`]: the forms two rooms share (views only).
//!
//! This file is the shell that puts them together: it provides the core and the rooms, wires
//! the core's buttons to the rooms, and tells the dialog host which room draws which dialog.
//! Data flows one way: shell → rooms → core.

pub mod core;
pub mod features;
pub mod forms;

use leptos::prelude::*;

use crate::model::Client;

use self::core::chips::HealthStatus;
use self::core::details::DetailsTab;
use self::core::dialog::{lazy_dialog, Dialog, DialogHost, Notice, Offer};
use self::core::list_area::ListArea;
use self::core::pane::ClientPane;
use self::core::roles::RolesTab;
use self::core::secrets_tab::SecretsPanel;
use self::core::toolbar::{ReadOnlyNote, Toolbar};
use self::core::url::Tab;
use self::core::Page;
use features::add_client::AddClient;
use features::bulk::Bulk;
use features::definitions::Definitions;
use features::edit_client::EditClient;
use features::export::{Export, ExportStatus};
use features::posture::PostureStrip;
use features::remove_client::RemoveClient;
use features::secrets::Secrets;
use features::toggle_client::ToggleClient;
use features::undo::Undo;

/// The rooms, as the shell wires them (each is also a context for its own views).
#[derive(Clone, Copy)]
struct Rooms {
    add: AddClient,
    edit: EditClient,
    toggle: ToggleClient,
    remove: RemoveClient,
    secrets: Secrets,
    export: Export,
    posture: PostureStrip,
    bulk: Bulk,
    definitions: Definitions,
    /// Wired through `Page::done`; nothing of the shell calls it.
    _undo: Undo,
}

impl Rooms {
    fn provide(s: Page) -> Self {
        Rooms {
            add: AddClient::provide(s),
            edit: EditClient::provide(s),
            toggle: ToggleClient::provide(s),
            remove: RemoveClient::provide(s),
            secrets: Secrets::provide(s),
            export: Export::provide(s),
            posture: PostureStrip::provide(s),
            bulk: Bulk::provide(s),
            definitions: Definitions::provide(s),
            _undo: Undo::provide(s),
        }
    }
}

/// A room's renderer: with `split_chunks` (the builds cargo xtask splits) an async split
/// point whose chunk loads first; without it (browser tests, clippy) a plain call.
macro_rules! from_chunk {
    ($call:expr) => {{
        #[cfg(split_chunks)]
        let loaded = $call.await;
        #[cfg(not(split_chunks))]
        let loaded = $call;
        loaded
    }};
}

/// Which room draws which dialog: each in its frame at once, its code from its chunk.
fn render_dialog(dialog: Dialog) -> AnyView {
    use features::*;
    let d = expect_context::<Page>().dialogs;
    let title = dialog_title(&dialog);
    let chunk = match &dialog {
        Dialog::AddClient(_) | Dialog::ChooseType => "add_client",
        Dialog::EditClient { .. } => "edit_client",
        Dialog::ToggleClient(_) => "toggle_client",
        Dialog::RemoveClient(_) => "remove_client",
        Dialog::AddSecret { .. } | Dialog::EditSecret { .. } | Dialog::RemoveSecret { .. } => {
            "secrets"
        }
        Dialog::Rotate(_) => "rotate",
        Dialog::RemoveExpired(_) => "remove_expired",
        Dialog::Shortcuts => "shortcuts",
        Dialog::Bulk(_) => "bulk",
        Dialog::ExportJson(_) | Dialog::ImportJson => "definitions",
    };
    lazy_dialog(d, dialog, title, chunk, move || async move {
        match chunk {
            "add_client" => from_chunk!(add_client::renderer()),
            "edit_client" => from_chunk!(edit_client::renderer()),
            "toggle_client" => from_chunk!(toggle_client::renderer()),
            "remove_client" => from_chunk!(remove_client::renderer()),
            "secrets" => from_chunk!(secrets::renderer()),
            "rotate" => from_chunk!(secrets::rotate::renderer()),
            "remove_expired" => from_chunk!(secrets::remove_expired::renderer()),
            "bulk" => from_chunk!(bulk::renderer()),
            "definitions" => from_chunk!(definitions::renderer()),
            _ => from_chunk!(shortcuts::renderer()),
        }
    })
}

/// The title of a dialog's frame while its chunk loads.
fn dialog_title(dialog: &Dialog) -> String {
    match dialog {
        Dialog::AddClient(kind) => format!("Add Client: {}", kind.label()),
        Dialog::ChooseType => "Add Client".into(),
        Dialog::EditClient { .. } => "Edit Client".into(),
        Dialog::ToggleClient(c) if c.enabled() == Some(false) => "Enable Client".into(),
        Dialog::ToggleClient(_) => "Disable Client".into(),
        Dialog::RemoveClient(_) => "Remove Client".into(),
        Dialog::AddSecret { .. } => "Add Secret".into(),
        Dialog::EditSecret { .. } => "Edit Secret".into(),
        Dialog::RemoveSecret { .. } => "Remove Secret".into(),
        Dialog::Rotate(_) => "Rotate Secret".into(),
        Dialog::RemoveExpired(_) => "Remove expired secrets".into(),
        Dialog::Shortcuts => "Keyboard shortcuts".into(),
        Dialog::Bulk(op) => format!("{} clients", op.verb()),
        Dialog::ExportJson(_) => "Export as JSON".into(),
        Dialog::ImportJson => "Import clients".into(),
    }
}

/// Calls [`preload_likely_chunks`] once, when the list is first `ready`.
fn preload_when_listed(ready: Memo<bool>, health: core::health::HealthLoader) {
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let now = ready.get();
        if now {
            preload_likely_chunks(health);
        }
        now
    });
}

/// Once the first rows are on screen, the chunks an admin is likely to need next are fetched
/// while the browser is idle (the rare ones, shortcuts, Rotate Secret, Remove expired
/// secrets, wait for their first use). "On screen": the frame after the list is ready has
/// been painted (a requestAnimationFrame callback runs before that paint, a task queued from it
/// after), then the next idle period. Each chunk waits for a pause in the typing: compiling one
/// while the admin types into Search made that keystroke's frame late (issue 20's trace).
fn preload_likely_chunks(health: core::health::HealthLoader) {
    // A build without chunks has nothing to fetch.
    #[cfg(not(split_chunks))]
    let _ = health;
    #[cfg(split_chunks)]
    {
        use features::*;
        use futures::{future::LocalBoxFuture, FutureExt};
        use wasm_bindgen::{closure::Closure, JsCast};
        // In this order; a failure here is said when the dialog is opened (with Retry).
        let likely: [fn() -> LocalBoxFuture<'static, ()>; 5] = [
            || edit_client::preload_edit_client().map(drop).boxed_local(),
            || {
                toggle_client::preload_toggle_client()
                    .map(drop)
                    .boxed_local()
            },
            || secrets::preload_secrets().map(drop).boxed_local(),
            || add_client::preload_add_client().map(drop).boxed_local(),
            || {
                remove_client::preload_remove_client()
                    .map(drop)
                    .boxed_local()
            },
        ];
        let fetch = move || {
            leptos::task::spawn_local(async move {
                for preload in likely {
                    health.typing_paused().await;
                    preload().await;
                }
            });
        };
        core::after_next_paint(move || {
            if let Some(window) = web_sys::window() {
                let idle = Closure::once_into_js(fetch);
                let _ = window.request_idle_callback(idle.unchecked_ref());
            }
        });
    }
}

/// The Clients page.
#[component]
pub fn ClientsPage() -> impl IntoView {
    let s = Page::provide();
    let rooms = Rooms::provide(s);
    provide_context(rooms);
    let add_client = Callback::new(move |()| rooms.add.open());
    features::shortcuts::install(s, add_client);
    let selected_id = Memo::new(move |_| s.query.read().sel.clone());
    let list_ready = Memo::new(move |_| matches!(s.list(), Some(Ok(_))));
    preload_when_listed(list_ready, s.health);
    let access = Signal::derive(move || s.access());

    let progress_bar = move || {
        let (loaded_now, total) = s.lists.progress.get()?;
        (s.list().is_none() && total > 100).then(|| {
            view! {
                <div class="load-progress">
                    <progress max=total value=loaded_now aria-label="Loading clients"></progress>
                    <span>{format!("Loading {loaded_now} of {total} clients…")}</span>
                </div>
            }
        })
    };
    let count_line = move || {
        s.list()?.ok()?;
        let total = s.summaries.read().len();
        let noun = s.view().plural_noun();
        let shown = s.rows.read().len();
        Some(if shown == total {
            format!("{total} {noun}")
        } else {
            format!("{shown} of {total} {noun}")
        })
    };
    let notice = move || {
        s.dialogs.notice.get().map(|Notice { text, offer }| {
            let offer = offer.map(|offer| {
                let label = match &offer {
                    Offer::AddSecret(_) => "Add Secret",
                    Offer::RemoveSecret(..) => "Remove Secret",
                };
                let act = move |_| {
                    s.dialogs.notice.set(None);
                    match &offer {
                        Offer::AddSecret(client) => rooms.secrets.open_add(client, 1),
                        Offer::RemoveSecret(client, secret) => rooms.secrets.open_remove(client, secret),
                    }
                };
                view! { <button type="button" class="button button--primary" on:click=act>{label}</button> }
            });
            view! {
                <div class="notice" role="status" data-testid="notice">
                    <p>{text}</p>
                    {offer}
                    <button type="button" class="icon-button" aria-label="Dismiss this message"
                        on:click=move |_| s.dialogs.notice.set(None)>"✕"</button>
                </div>
            }
        })
    };
    let pane = move || {
        let id = selected_id.get()?;
        list_ready.get().then(|| view! { <PaneArea id /> })
    };

    view! {
        <section class="page clients-page" aria-labelledby="page-title">
            <header class="page__header">
                <h1 id="page-title">"Clients"</h1>
                <p class="page__lead">
                    "OAuth clients let devices, services and applications authenticate to this tenant."
                </p>
                <button type="button" id="keyboard-shortcuts" class="button button--quiet page__shortcuts"
                    aria-keyshortcuts="?"
                    on:click=move |_| s.dialogs.open(Dialog::Shortcuts, &["keyboard-shortcuts"])>
                    "Keyboard shortcuts"
                </button>
            </header>
            <ReadOnlyNote read_only=Signal::derive(move || s.session.is_admin.get() == Some(false)) />
            <Toolbar
                view=Signal::derive(move || s.view())
                query=s.search_text
                access
                on_view=Callback::new(move |(view,)| s.url.choose_view(view))
                on_search=Callback::new(move |(text,)| s.search(text))
                on_refresh=Callback::new(move |()| s.refresh())
                on_add=add_client
                on_import=Callback::new(move |()| rooms.definitions.open_import())
                on_export=Callback::new(move |()| rooms.export.run())
                exporting=Signal::derive(move || rooms.export.busy())
            />
            {notice}
            {progress_bar}
            {rooms.bulk.bar(Callback::new(move |(clients,)| rooms.definitions.open(clients, "bulk-export")))}
            <div class="list-filters">
                {rooms.posture.view()}
                <p class="count-line muted" aria-live="polite">{count_line}</p>
            </div>
            <HealthStatus progress=s.health_progress hidden=s.health.denied
                stalled=s.health.stalled on_retry=Callback::new(move |()| s.health.clear()) />
            <ExportStatus progress=Signal::derive(move || rooms.export.progress()) />
            <div class="clients-layout" class:clients-layout--with-pane=move || selected_id.read().is_some()>
                <div class="clients-layout__list">
                    <ListArea on_add=add_client />
                </div>
                {pane}
            </div>
            <DialogHost dialogs=s.dialogs render=render_dialog />
        </section>
    }
}

/// The pane of the selected client (or "Client not found"), wired to the rooms. It is
/// built once per selected id: a change to the client updates it in place.
#[component]
fn PaneArea(id: String) -> impl IntoView {
    let s = expect_context::<Page>();
    let rooms = expect_context::<Rooms>();
    let lookup = id.clone();
    let client = Memo::new(move |_| s.client(&lookup));
    let found = Memo::new(move |_| client.read().is_some());
    let noun = s.query.with_untracked(|q| q.view.plural_noun());
    move || {
        if !found.get() {
            let id = id.clone();
            return view! {
                <aside class="pane" aria-label="Client details">
                    <div class="pane__header">
                        <h2>"Client not found"</h2>
                        <button type="button" class="icon-button" aria-label="Close" on:click=move |_| s.url.close_pane()>"✕"</button>
                    </div>
                    <p>{format!("None of the {noun} has the ID {id}. It may have been removed.")}</p>
                </aside>
            }
            .into_any();
        }
        // Actions act on the current copy of the client.
        let with_client = move |act: fn(&Rooms, &Client)| {
            Callback::new(move |()| {
                if let Some(c) = client.get_untracked() {
                    act(&rooms, &c);
                }
            })
        };
        // The client's own kind (in All types the list mixes them); a tab it does not have
        // (a link from another kind) shows Details.
        let kind = client
            .with_untracked(|c| c.as_ref().map(Client::kind))
            .unwrap_or_default();
        let tab = Signal::derive(move || {
            let tab = s.query.read().tab;
            if Tab::available(kind).contains(&tab) {
                tab
            } else {
                Tab::Details
            }
        });
        view! {
            <ClientPane
                kind
                name=Signal::derive(move || client.read().as_ref().and_then(|c| c.name().map(str::to_string)).unwrap_or_else(|| "(no name)".into()))
                enabled=Signal::derive(move || client.read().as_ref().and_then(Client::enabled))
                tab
                access=Signal::derive(move || s.access())
                on_tab=Callback::new(move |(t,)| s.url.show_tab(t))
                on_close=Callback::new(move |()| s.url.close_pane())
                on_edit=with_client(|r, c| r.edit.open(c))
                on_toggle=with_client(|r, c| r.toggle.open(c))
                on_remove=with_client(|r, c| r.remove.open(c))
                on_export=with_client(|r, c| r.definitions.open(vec![c.clone()], "more-options"))
            >
                <PanelContent client tab />
            </ClientPane>
        }
        .into_any()
    }
}

/// The content of the pane's current tab.
#[component]
fn PanelContent(client: Memo<Option<Client>>, #[prop(into)] tab: Signal<Tab>) -> impl IntoView {
    let s = expect_context::<Page>();
    let secrets = expect_context::<Rooms>().secrets;
    let current = move || client.get_untracked();
    move || {
        let c = client.get()?;
        let id = c.id().unwrap_or_default().to_string();
        Some(match tab.get() {
            Tab::Details => view! { <DetailsTab client=c /> }.into_any(),
            Tab::Roles => view! {
                <RolesTab role_ids=Signal::derive(move || client.read().as_ref().map(|c| c.role_ids().to_vec()).unwrap_or_default())
                    tenant_roles=Signal::derive(move || s.roles.get()) />
            }
            .into_any(),
            Tab::Secrets => view! {
                <SecretsPanel
                    secrets=Signal::derive(move || s.secrets_of(&id))
                    access=Signal::derive(move || s.access())
                    on_add=Callback::new(move |(existing,)| if let Some(c) = current() { secrets.open_add(&c, existing) })
                    on_edit=Callback::new(move |(secret,)| if let Some(c) = current() { secrets.open_edit(&c, &secret) })
                    on_remove=Callback::new(move |(secret,)| if let Some(c) = current() { secrets.open_remove(&c, &secret) })
                    on_rotate=Callback::new(move |(secret, count)| if let Some(c) = current() { secrets.open_rotate(&c, &secret, count) })
                    on_remove_expired=Callback::new(move |(expired,)| if let Some(c) = current() { secrets.open_remove_expired(&c, expired) })
                    on_reminder=Callback::new(move |(secret,)| if let Some(c) = current() { secrets.download_reminder(&c, &secret) })
                    on_retry=Callback::new(move |()| s.refresh_secrets())
                />
            }
            .into_any(),
        })
    }
}
