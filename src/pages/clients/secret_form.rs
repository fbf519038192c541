//! Add Secret and Edit Secret.

use chrono::{Local, Utc};
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::error_panel::ErrorPanel;
use crate::model::validate::validate_expiration;
use crate::model::wire::{ClientSecret, ClientSecretCreateOrUpdate, ClientSecretResponse};
use crate::model::{
    default_secret_expiration, field, local_to_utc, parse_datetime_local, to_datetime_local,
    validate_new_secret, ClientKind, ValidationErrors,
};

use super::client_form::SecretFields;
use super::write::Write;

/// Adding a new secret (to a client that has `existing` secrets) or editing one.
#[derive(Clone, Debug)]
pub enum SecretMode {
    Add { existing: usize },
    Edit(ClientSecret),
}

/// What Save produced.
#[derive(Clone, Debug)]
pub enum SecretSaved {
    /// The new secret, with its value (shown once).
    Added(ClientSecretResponse),
    Updated,
    Unchanged,
}

/// The secret form (inside a `Modal`).
#[component]
pub fn SecretFormBody(
    kind: ClientKind,
    client_id: String,
    mode: SecretMode,
    on_saved: Callback<(SecretSaved,)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let write = Write::new();
    let editing = match &mode {
        SecretMode::Edit(secret) => Some(secret.clone()),
        SecretMode::Add { .. } => None,
    };
    let initial_expiry = match &editing {
        Some(secret) => secret.effective_expiration(),
        None => Some(default_secret_expiration(&Local::now())),
    };
    let initial_description = editing
        .as_ref()
        .and_then(|s| s.description.clone())
        .unwrap_or_default();
    let description = RwSignal::new(initial_description.clone());
    let expiration = RwSignal::new(
        initial_expiry
            .map(|at| to_datetime_local(at, &Local))
            .unwrap_or_else(|| to_datetime_local(default_secret_expiration(&Local::now()), &Local)),
    );
    let never = RwSignal::new(editing.is_some() && initial_expiry.is_none());
    let errors = RwSignal::new(ValidationErrors::default());
    let initial_expiration_text = expiration.get_untracked();
    let initial_never = never.get_untracked();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = Utc::now();
        let never_now = never.get_untracked();
        let expiry = if never_now {
            None
        } else {
            parse_datetime_local(&expiration.get_untracked())
                .and_then(|local| local_to_utc(local, &Local))
        };
        let expiry_changed = never_now != initial_never
            || (!never_now && expiration.get_untracked() != initial_expiration_text);
        let mut found = ValidationErrors::default();
        if !never_now && expiry.is_none() {
            found.add(
                field::EXPIRATION,
                "Enter an expiration date and time, or tick Never Expires.",
            );
        }
        match &mode {
            SecretMode::Add { existing } => {
                found.merge(validate_new_secret(*existing, expiry, now))
            }
            SecretMode::Edit(_) if expiry_changed => {
                if let Err(message) = validate_expiration(expiry, now) {
                    found.add(field::EXPIRATION, message);
                }
            }
            SecretMode::Edit(_) => {}
        }
        let ok = found.is_empty();
        errors.set(found);
        if !ok {
            return;
        }
        let text = description.get_untracked();
        let description_value = Some(text.trim().to_string()).filter(|d| !d.is_empty());
        let api = api.clone();
        let client_id = client_id.clone();
        match &mode {
            SecretMode::Add { .. } => {
                let body = ClientSecretCreateOrUpdate::with_expiry(expiry, description_value);
                write.run(
                    async move { api.create_secret(kind, &client_id, &body).await },
                    move |created| on_saved.run((SecretSaved::Added(created),)),
                );
            }
            SecretMode::Edit(secret) => {
                let description_changed = text.trim() != initial_description.trim();
                let body = match (expiry_changed, description_changed) {
                    (false, false) => {
                        on_saved.run((SecretSaved::Unchanged,));
                        return;
                    }
                    (true, _) => ClientSecretCreateOrUpdate::with_expiry(
                        expiry,
                        Some(text.trim().to_string()),
                    ),
                    (false, true) => {
                        ClientSecretCreateOrUpdate::description_only(text.trim().to_string())
                    }
                };
                let Some(secret_id) = secret.id else { return };
                write.run(
                    async move { api.update_secret(kind, &client_id, secret_id, &body).await },
                    move |_| on_saved.run((SecretSaved::Updated,)),
                );
            }
        }
    };
    let secret_count_error = move || {
        errors
            .read()
            .get(field::SECRETS)
            .map(|m| view! { <p class="form-error" role="alert">{m.to_string()}</p> })
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            {move || write.error.get().map(|e| view! { <ErrorPanel error=e title="The secret was not saved." /> })}
            {secret_count_error}
            <SecretFields description expiration never error=Signal::derive(move || errors.read().get(field::EXPIRATION).map(str::to_string)) />
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button type="submit" class="button button--primary" disabled=move || write.pending.get()>
                    {move || if write.pending.get() { "Saving…" } else if editing.is_some() { "Save" } else { "Add" }}
                </button>
            </div>
        </form>
    }
}
