//! Security › Clients: pick the Client Type, find the client, read its details, change it.
//!
//! One owner, [`controller::Controller`], holds the data, the selection (in the URL, see
//! [`state`]), the dialogs and the writes ([`writes`]); the toolbar, the list, the pane, the
//! tabs and the forms only present what it gives them and call back.

mod actions;
mod chips;
mod client_form;
pub mod controller;
mod details;
mod dialogs;
mod export;
mod health;
mod list;
mod list_area;
mod pane;
mod remove_dialog;
mod remove_expired;
mod roles;
mod rotate;
mod secret_form;
mod secrets;
mod shortcuts;
pub mod state;
mod toolbar;
mod writes;

use leptos::prelude::*;

use crate::model::Client;

use chips::{FilterChips, HealthStatus};
use controller::{Controller, Dialog, Notice, Offer};
use details::DetailsTab;
use dialogs::DialogHost;
use export::ExportStatus;
use list_area::ListArea;
use pane::ClientPane;
use roles::RolesTab;
use secrets::SecretsPanel;
use state::Tab;
use toolbar::{ReadOnlyNote, Toolbar};

/// The Clients page.
#[component]
pub fn ClientsPage() -> impl IntoView {
    let ctl = Controller::provide();
    shortcuts::install(ctl);
    let s = ctl.state;
    let selected_id = Memo::new(move |_| s.query.read().sel.clone());
    let list_ready = Memo::new(move |_| matches!(s.list(), Some(Ok(_))));
    let access = Signal::derive(move || ctl.access());

    let progress_bar = move || {
        let (loaded_now, total) = s.progress.get()?;
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
        s.notice.get().map(|Notice { text, offer }| {
            let offer = offer.map(|offer| {
                let label = match &offer {
                    Offer::AddSecret(_) => "Add Secret",
                    Offer::RemoveSecret(..) => "Remove Secret",
                };
                let act = move |_| {
                    s.notice.set(None);
                    match &offer {
                        Offer::AddSecret(client) => ctl.open_add_secret(client, 1),
                        Offer::RemoveSecret(client, secret) => ctl.open_remove_secret(client, secret),
                    }
                };
                view! { <button type="button" class="button button--primary" on:click=act>{label}</button> }
            });
            view! {
                <div class="notice" role="status" data-testid="notice">
                    <p>{text}</p>
                    {offer}
                    <button type="button" class="icon-button" aria-label="Dismiss this message"
                        on:click=move |_| s.notice.set(None)>"✕"</button>
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
                    on:click=move |_| s.open_dialog(Dialog::Shortcuts, &["keyboard-shortcuts"])>
                    "Keyboard shortcuts"
                </button>
            </header>
            <ReadOnlyNote read_only=Signal::derive(move || s.session.is_admin.get() == Some(false)) />
            <Toolbar
                view=Signal::derive(move || s.view())
                query=s.search_text
                access
                on_view=Callback::new(move |(view,)| s.choose_view(view))
                on_search=Callback::new(move |(text,)| s.search(text))
                on_refresh=Callback::new(move |()| s.refresh())
                on_add=Callback::new(move |()| ctl.open_add_client())
                on_export=Callback::new(move |()| ctl.export_csv())
                exporting=Signal::derive(move || s.export.read().is_some())
            />
            {notice}
            {progress_bar}
            <div class="list-filters">
                <FilterChips chips=Signal::derive(move || s.query.read().chips)
                    secrets_hidden=s.health.denied
                    on_toggle=Callback::new(move |(chip,)| s.toggle_chip(chip)) />
                <p class="count-line muted" aria-live="polite">{count_line}</p>
            </div>
            <HealthStatus progress=Signal::derive(move || s.health.progress()) hidden=s.health.denied
                stalled=s.health.stalled on_retry=Callback::new(move |()| s.health.clear()) />
            <ExportStatus progress=Signal::derive(move || {
                s.export.read().as_ref().map(|w| w.job.progress(&s.health, w.clients))
            }) />
            <div class="clients-layout" class:clients-layout--with-pane=move || selected_id.read().is_some()>
                <div class="clients-layout__list">
                    <ListArea />
                </div>
                {pane}
            </div>
            <DialogHost />
        </section>
    }
}

/// The pane of the selected client (or "Client not found"), wired to the controller. It is
/// built once per selected id: a change to the client updates it in place.
#[component]
fn PaneArea(id: String) -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let s = ctl.state;
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
                        <button type="button" class="icon-button" aria-label="Close" on:click=move |_| s.close_pane()>"✕"</button>
                    </div>
                    <p>{format!("None of the {noun} has the ID {id}. It may have been removed.")}</p>
                </aside>
            }
            .into_any();
        }
        // Actions act on the current copy of the client.
        let with_client = move |act: fn(&Controller, &Client)| {
            Callback::new(move |()| {
                if let Some(c) = client.get_untracked() {
                    act(&ctl, &c);
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
                access=Signal::derive(move || ctl.access())
                on_tab=Callback::new(move |(t,)| s.show_tab(t))
                on_close=Callback::new(move |()| s.close_pane())
                on_edit=with_client(Controller::open_edit)
                on_toggle=with_client(Controller::open_toggle)
                on_remove=with_client(Controller::open_remove)
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
    let ctl = expect_context::<Controller>();
    let s = ctl.state;
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
                    access=Signal::derive(move || ctl.access())
                    on_add=Callback::new(move |(existing,)| if let Some(c) = current() { ctl.open_add_secret(&c, existing) })
                    on_edit=Callback::new(move |(secret,)| if let Some(c) = current() { ctl.open_edit_secret(&c, &secret) })
                    on_remove=Callback::new(move |(secret,)| if let Some(c) = current() { ctl.open_remove_secret(&c, &secret) })
                    on_rotate=Callback::new(move |(secret, count)| if let Some(c) = current() { ctl.open_rotate(&c, &secret, count) })
                    on_remove_expired=Callback::new(move |(expired,)| if let Some(c) = current() { ctl.open_remove_expired(&c, expired) })
                    on_reminder=Callback::new(move |(secret,)| if let Some(c) = current() { ctl.download_reminder(&c, &secret) })
                    on_retry=Callback::new(move |()| s.refresh_secrets())
                />
            }
            .into_any(),
        })
    }
}
