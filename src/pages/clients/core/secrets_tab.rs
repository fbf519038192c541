//! The Secrets tab (client-credentials and hybrid clients): each secret's description, id,
//! expiration in local time and relative, a health badge, and its actions.

use chrono::{Local, Utc};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::auth::rights::WriteAccess;
use crate::components::async_region::AsyncRegion;
use crate::components::badge::HealthBadge;
use crate::model::rotation::expired_secrets;
use crate::model::validate::MAX_SECRETS;
use crate::model::wire::ClientSecret;
use crate::model::{format_datetime, relative_expiry, SecretHealth};

/// The secrets of one client, with Add Secret, Edit Secret and Remove Secret.
#[component]
pub fn SecretsPanel(
    #[prop(into)] secrets: Signal<Option<Result<Vec<ClientSecret>, ApiError>>>,
    #[prop(into)] access: Signal<WriteAccess>,
    /// Add Secret, with the number of secrets the client has.
    on_add: Callback<(usize,)>,
    on_edit: Callback<(ClientSecret,)>,
    on_remove: Callback<(ClientSecret,)>,
    /// Rotate Secret, with the number of secrets the client has.
    on_rotate: Callback<(ClientSecret, usize)>,
    /// Remove expired secrets, with the expired ones.
    on_remove_expired: Callback<(Vec<ClientSecret>,)>,
    /// Add reminder: a calendar file for the secret's expiry.
    on_reminder: Callback<(ClientSecret,)>,
    on_retry: Callback<()>,
) -> impl IntoView {
    let ready = move |list: Vec<ClientSecret>| {
        let count = list.len();
        let expired = expired_secrets(&list, Utc::now());
        let expired_count = expired.len();
        let remove_expired = (expired_count > 0).then(|| {
            let expired = expired.clone();
            view! {
                <button type="button" id="remove-expired" class="button"
                    disabled=move || !access.get().allows() title=move || access.get().why_not("manage secrets")
                    on:click=move |_| on_remove_expired.run((expired.clone(),))>
                    {format!("Remove expired secrets ({expired_count})")}
                </button>
            }
        });
        let full = count >= MAX_SECRETS;
        let add_title = move || {
            if let Some(why) = access.get().why_not("manage secrets") {
                Some(why)
            } else if full {
                Some("A client can have at most 10 secrets: remove one first".to_string())
            } else {
                None
            }
        };
        let cards = list
            .into_iter()
            .map(|secret| {
                let on_rotate = Callback::new(move |(secret,)| on_rotate.run((secret, count)));
                view! { <SecretCard secret access on_edit on_remove on_rotate on_reminder /> }
            })
            .collect_view();
        view! {
            <div class="secrets">
                <div class="secrets__toolbar">
                    <span class="muted">{format!("{count} of {MAX_SECRETS} secrets")}</span>
                    {remove_expired}
                    <button type="button" id="add-secret" class="button button--primary"
                        disabled=move || !access.get().allows() || full title=add_title
                        on:click=move |_| on_add.run((count,))>
                        "Add Secret"
                    </button>
                </div>
                {(count == 0).then(|| view! {
                    <p class="muted">"This client has no secrets, so it cannot authenticate. Add one to use it."</p>
                })}
                {(count > 0).then(|| view! { <ul class="secret-list" aria-label="Secrets">{cards}</ul> })}
            </div>
        }
    };
    view! {
        <AsyncRegion state=secrets error_title="The secrets could not be loaded." loading="Loading secrets…"
            forbidden="Secrets are visible to Tenant Administrators only. You are signed in without that role."
            on_retry ready />
    }
}

/// One secret as a card.
#[component]
fn SecretCard(
    secret: ClientSecret,
    #[prop(into)] access: Signal<WriteAccess>,
    on_edit: Callback<(ClientSecret,)>,
    on_remove: Callback<(ClientSecret,)>,
    on_rotate: Callback<(ClientSecret,)>,
    on_reminder: Callback<(ClientSecret,)>,
) -> impl IntoView {
    let now = Utc::now();
    let health = SecretHealth::of_secret(&secret, now);
    let expiry = secret.effective_expiration();
    let when = match (expiry, health) {
        (None, _) => "Never Expires".to_string(),
        (Some(at), SecretHealth::Expired) => format!("Expired {}", format_datetime(at, &Local)),
        (Some(at), _) => format!("Expires {}", format_datetime(at, &Local)),
    };
    let relative = expiry.map(|_| format!(" ({})", relative_expiry(expiry, now)));
    let id = secret.id.unwrap_or_default();
    let title = secret
        .description
        .clone()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "(no description)".into());
    let why_not = move || access.get().why_not("manage secrets");
    // A reminder only makes sense for a secret that will still expire.
    let reminder = (expiry.is_some() && health != SecretHealth::Expired).then(|| {
        let secret = secret.clone();
        view! {
            <button type="button" id=format!("reminder-{id}") class="button button--small button--quiet"
                title="Download a calendar event at the expiry, with alerts 30 and 7 days before"
                on:click=move |_| on_reminder.run((secret.clone(),))>"Add reminder"</button>
        }
    });
    let (for_edit, for_remove, for_rotate) = (secret.clone(), secret.clone(), secret);
    view! {
        <li class="secret-card" data-testid="secret-row">
            <div class="secret-card__top">
                <span class="secret-card__title">{title}</span>
                <HealthBadge health />
            </div>
            <div class="secret-card__meta">
                {format!("ID {id} · ")}<span class="secret-when">{when}</span>{relative}
            </div>
            <div class="secret-card__actions">
                <button type="button" id=format!("rotate-secret-{id}") class="button button--small"
                    disabled=move || !access.get().allows() title=move || why_not().or_else(|| Some("Replace it with a new secret, then let this one expire after a grace period".into()))
                    on:click=move |_| on_rotate.run((for_rotate.clone(),))>"Rotate Secret"</button>
                <button type="button" id=format!("edit-secret-{id}") class="button button--small"
                    disabled=move || !access.get().allows() title=why_not
                    on:click=move |_| on_edit.run((for_edit.clone(),))>"Edit Secret"</button>
                <button type="button" id=format!("remove-secret-{id}") class="button button--small"
                    disabled=move || !access.get().allows() title=why_not
                    on:click=move |_| on_remove.run((for_remove.clone(),))>"Remove Secret"</button>
                {reminder}
            </div>
        </li>
    }
}
