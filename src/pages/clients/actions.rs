//! The client's actions in the Details pane: Edit Client, Disable/Enable Client (with a
//! confirmation), More options › Remove Client (with a confirmation).

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::auth::session::Session;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::toast::Toasts;
use crate::model::Client;

use super::client_form::{ClientFormBody, FormMode, Saved};
use super::write::Write;
use super::{ClientLists, RolesResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    Edit,
    Toggle,
    Remove,
}

/// The action buttons for one client, and their dialogs.
#[component]
pub fn ClientActions(
    client: Client,
    #[prop(into)] tenant_roles: Signal<RolesResult>,
    /// Called after the client was removed (the pane closes).
    on_removed: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let session = expect_context::<Session>();
    let lists = expect_context::<ClientLists>();
    let toasts = expect_context::<Toasts>();
    let open = RwSignal::new(None::<Open>);
    let menu = RwSignal::new(false);
    let toggle = Write::new();
    let remove = Write::new();
    let kind = client.kind();
    let id = client.id().unwrap_or_default().to_string();
    let name = client.name().unwrap_or("this client").to_string();
    let enabled = client.enabled() != Some(false);

    let read_only = move || !session.may_change();
    let why_not = move || read_only().then_some("Only a Tenant Administrator can change clients");
    let close = Callback::new(move |()| open.set(None));
    let show = move |which: Open| {
        toggle.reset();
        remove.reset();
        menu.set(false);
        open.set(Some(which));
    };

    let (toggle_api, toggle_id) = (api.clone(), id.clone());
    let confirm_toggle = Callback::new(move |()| {
        let (api, id) = (toggle_api.clone(), toggle_id.clone());
        toggle.run(
            async move { api.set_client_enabled(kind, &id, !enabled).await },
            move |updated| {
                open.set(None);
                lists.replace(updated);
                toasts.show(if enabled {
                    "Client disabled"
                } else {
                    "Client enabled"
                });
            },
        );
    });
    let (remove_api, remove_id) = (api.clone(), id.clone());
    let confirm_remove = Callback::new(move |()| {
        let (api, id, removed) = (remove_api.clone(), remove_id.clone(), remove_id.clone());
        remove.run(
            async move { api.delete_client(kind, &id).await },
            move |()| {
                open.set(None);
                lists.remove(kind, &removed);
                on_removed.run(());
                toasts.show("Client removed");
            },
        );
    });

    let edit_client = client.clone();
    let edit_dialog = move || {
        let client = edit_client.clone();
        (open.get() == Some(Open::Edit)).then(move || {
            let on_saved = Callback::new(move |(saved,): (Saved,)| {
                open.set(None);
                match saved {
                    Saved::Updated(updated) => {
                        lists.replace(updated);
                        toasts.show("Client saved. Changes can take up to an hour to affect sign-ins.");
                    }
                    Saved::Unchanged => toasts.show("Nothing was changed"),
                    Saved::Created(_) => {}
                }
            });
            view! {
                <Modal open=true title="Edit Client" on_close=close wide=true>
                    <ClientFormBody mode=FormMode::Edit(client.clone()) tenant_roles on_saved on_cancel=close />
                </Modal>
            }
        })
    };

    let toggle_name = name.clone();
    let remove_name = name.clone();
    view! {
        <div class="pane__actions">
            <button type="button" class="button" disabled=read_only title=why_not on:click=move |_| show(Open::Edit)>
                "Edit Client"
            </button>
            <button type="button" class="button" disabled=read_only title=why_not on:click=move |_| show(Open::Toggle)>
                {if enabled { "Disable Client" } else { "Enable Client" }}
            </button>
            <div class="menu">
                <button
                    type="button"
                    class="button"
                    aria-haspopup="menu"
                    aria-expanded=move || if menu.get() { "true" } else { "false" }
                    on:click=move |_| menu.update(|m| *m = !*m)
                >
                    "More options"
                </button>
                <Show when=move || menu.get()>
                    <div class="menu__list" role="menu" on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { menu.set(false) }>
                        <button type="button" role="menuitem" class="menu__item menu__item--danger" disabled=read_only title=why_not
                            on:click=move |_| show(Open::Remove)>
                            "Remove Client"
                        </button>
                    </div>
                </Show>
            </div>
        </div>
        {edit_dialog}
        {move || (open.get() == Some(Open::Toggle)).then(|| {
            let (title, message, label) = if enabled {
                (
                    "Disable Client",
                    format!("Disable “{toggle_name}”? It will no longer be able to get tokens. Tokens it already has stay valid until they expire, and the change can take up to an hour to take effect. You can enable it again at any time."),
                    "Disable",
                )
            } else {
                ("Enable Client", format!("Enable “{toggle_name}”? It will be able to get tokens again (within the hour)."), "Enable")
            };
            view! {
                <ConfirmDialog open=true title=title message=message confirm_label=label danger=enabled
                    pending=toggle.pending error=toggle.error on_confirm=confirm_toggle on_close=close />
            }
        })}
        {move || (open.get() == Some(Open::Remove)).then(|| view! {
            <ConfirmDialog
                open=true
                title="Remove Client"
                message=format!("Remove “{remove_name}” and all its secrets? Applications that use it will stop being able to sign in (tokens already issued stay valid until they expire). This cannot be undone.")
                confirm_label="Remove"
                danger=true
                pending=remove.pending
                error=remove.error
                on_confirm=confirm_remove
                on_close=close
            />
        })}
    }
}
