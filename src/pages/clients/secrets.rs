//! The Secrets tab (client-credentials and hybrid clients): each secret's description, id,
//! expiration in local time and relative, and a health badge.

use chrono::{Local, Utc};
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::auth::session::Session;
use crate::components::badge::HealthBadge;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::error_panel::ErrorPanel;
use crate::components::secret_reveal::SecretReveal;
use crate::components::toast::Toasts;
use crate::model::wire::{ClientSecret, ClientSecretResponse};
use crate::model::{format_datetime, relative_expiry, Client, SecretHealth};

use super::copy_to_clipboard;
use super::secret_form::{SecretFormBody, SecretMode, SecretSaved};
use super::write::Write;

/// The dialog open on the Secrets tab.
#[derive(Clone, Debug)]
enum SecretDialog {
    Add { existing: usize },
    Edit(ClientSecret),
    Remove(ClientSecret),
    Reveal(ClientSecretResponse),
}

/// The secrets of one client, loaded when the tab opens.
#[component]
pub fn SecretsTab(client: Client) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let session = expect_context::<Session>();
    let toasts = expect_context::<Toasts>();
    let kind = client.kind();
    let client_id = client.id().unwrap_or_default().to_string();
    let reload = RwSignal::new(0u32);
    let dialog = RwSignal::new(None::<SecretDialog>);
    let remove = Write::new();
    let list_api = api.clone();
    let list_client_id = client_id.clone();
    let secrets = LocalResource::new(move || {
        reload.track();
        let (api, client_id) = (list_api.clone(), list_client_id.clone());
        async move {
            let result = api.list_secrets(kind, &client_id).await;
            if let Err(err) = &result {
                if let Some(status) = err.status() {
                    session.note_status(status);
                }
            }
            result
        }
    });
    let read_only = move || !session.may_change();
    let why_not = move || read_only().then_some("Only a Tenant Administrator can manage secrets");
    let close = Callback::new(move |()| dialog.set(None));
    let refresh = move || reload.update(|n| *n += 1);

    let form_client_id = client_id.clone();
    let form_dialog = move || {
        let mode = match dialog.get() {
            Some(SecretDialog::Add { existing }) => SecretMode::Add { existing },
            Some(SecretDialog::Edit(secret)) => SecretMode::Edit(secret),
            _ => return None,
        };
        let title = match mode {
            SecretMode::Add { .. } => "Add Secret",
            SecretMode::Edit(_) => "Edit Secret",
        };
        let on_saved = Callback::new(move |(saved,): (SecretSaved,)| {
            refresh();
            match saved {
                SecretSaved::Added(created) => dialog.set(Some(SecretDialog::Reveal(created))),
                SecretSaved::Updated => {
                    dialog.set(None);
                    toasts.show(
                        "Secret saved. It can take up to an hour to take effect in sign-ins.",
                    );
                }
                SecretSaved::Unchanged => dialog.set(None),
            }
        });
        let client_id = form_client_id.clone();
        Some(view! {
            <Modal open=true title=title on_close=close wide=true>
                <SecretFormBody kind client_id=client_id.clone() mode=mode.clone() on_saved on_cancel=close />
            </Modal>
        })
    };
    let reveal_dialog = move || match dialog.get() {
        Some(SecretDialog::Reveal(created)) => Some(view! {
            <Modal open=true title="Secret added" on_close=close>
                <SecretReveal
                    client_id=None
                    secret=created.secret.clone()
                    on_copy=Callback::new(|(text, what): (String, &'static str)| copy_to_clipboard(text, what))
                    on_close=close
                />
            </Modal>
        }),
        _ => None,
    };
    let remove_client_id = client_id.clone();
    let remove_dialog = move || match dialog.get() {
        Some(SecretDialog::Remove(secret)) => {
            let label = secret
                .description
                .clone()
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| format!("secret {}", secret.id.unwrap_or_default()));
            let (api, client_id, secret_id) = (
                api.clone(),
                remove_client_id.clone(),
                secret.id.unwrap_or_default(),
            );
            let confirm = Callback::new(move |()| {
                let (api, client_id) = (api.clone(), client_id.clone());
                remove.run(async move { api.delete_secret(kind, &client_id, secret_id).await }, move |()| {
                    dialog.set(None);
                    refresh();
                    toasts.show("Secret removed. Applications using it can no longer get new tokens (within the hour).");
                });
            });
            Some(view! {
                <ConfirmDialog
                    open=true
                    title="Remove Secret"
                    message=format!("Remove “{label}”? Applications that use it will no longer be able to sign in once the change takes effect (up to an hour). This cannot be undone.")
                    confirm_label="Remove"
                    danger=true
                    pending=remove.pending
                    error=remove.error
                    on_confirm=confirm
                    on_close=close
                />
            })
        }
        _ => None,
    };

    let list_view = move || {
        match secrets.get() {
        None => view! { <p aria-busy="true" class="muted">"Loading secrets…"</p> }.into_any(),
        Some(Err(err)) if err.status() == Some(403) => view! {
            <p class="read-only-note" role="note">
                "Secrets are visible to Tenant Administrators only. You are signed in without that role."
            </p>
        }
        .into_any(),
        Some(Err(err)) => {
            let retry = Callback::new(move |()| reload.update(|n| *n += 1));
            view! { <ErrorPanel error=err title="The secrets could not be loaded." on_retry=retry /> }.into_any()
        }
        Some(Ok(list)) => {
            let now = Utc::now();
            let count = list.len();
            let rows = list
                .into_iter()
                .map(|secret| {
                    let health = SecretHealth::of_secret(&secret, now);
                    let expiry = secret.effective_expiration();
                    let when = expiry
                        .map(|at| format_datetime(at, &Local))
                        .unwrap_or_else(|| "Never Expires".to_string());
                    let relative = relative_expiry(expiry, now);
                    let description = secret.description.clone().filter(|d| !d.is_empty());
                    view! {
                        <li class="secret-card" data-testid="secret-row">
                            <div class="secret-card__top">
                                <span class="secret-card__title">{description.unwrap_or_else(|| "(no description)".into())}</span>
                                <HealthBadge health />
                            </div>
                            <div class="secret-card__meta">
                                {format!("ID {} · ", secret.id.map(|i| i.to_string()).unwrap_or_default())}
                                <span class="secret-when">
                                    {match (expiry.is_some(), health) {
                                        (false, _) => when,
                                        (true, SecretHealth::Expired) => format!("Expired {when}"),
                                        (true, _) => format!("Expires {when}"),
                                    }}
                                </span>
                                {expiry.is_some().then(|| format!(" ({relative})"))}
                            </div>
                            <div class="secret-card__actions">
                                {
                                    let (for_edit, for_remove) = (secret.clone(), secret.clone());
                                    view! {
                                        <button type="button" class="button button--small" disabled=read_only title=why_not
                                            on:click=move |_| { remove.reset(); dialog.set(Some(SecretDialog::Edit(for_edit.clone()))) }>"Edit Secret"</button>
                                        <button type="button" class="button button--small" disabled=read_only title=why_not
                                            on:click=move |_| { remove.reset(); dialog.set(Some(SecretDialog::Remove(for_remove.clone()))) }>"Remove Secret"</button>
                                    }
                                }
                            </div>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="secrets">
                    <div class="secrets__toolbar">
                        <span class="muted">{format!("{count} of 10 secrets")}</span>
                        <button
                            type="button"
                            class="button button--primary"
                            disabled=move || { read_only() || count >= 10 }
                            title=move || { if count >= 10 { Some("A client can have at most 10 secrets: remove one first") } else { why_not() } }
                            on:click=move |_| dialog.set(Some(SecretDialog::Add { existing: count }))
                        >
                            "Add Secret"
                        </button>
                    </div>
                    {(count == 0).then(|| view! {
                        <p class="muted">"This client has no secrets, so it cannot authenticate. Add one to use it."</p>
                    })}
                    {(count > 0).then(|| view! {
                        <ul class="secret-list" aria-label="Secrets">{rows}</ul>
                    })}
                </div>
            }
            .into_any()
        }
    }
    };
    view! {
        {list_view}
        {form_dialog}
        {reveal_dialog}
        {remove_dialog}
    }
}
