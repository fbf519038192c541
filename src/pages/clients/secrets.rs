//! The Secrets tab (client-credentials and hybrid clients): each secret's description, id,
//! expiration in local time and relative, and a health badge.

use chrono::{Local, Utc};
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::auth::session::Session;
use crate::components::badge::HealthBadge;
use crate::components::error_panel::ErrorPanel;
use crate::model::{format_datetime, relative_expiry, Client, SecretHealth};

/// The secrets of one client, loaded when the tab opens.
#[component]
pub fn SecretsTab(client: Client) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let session = expect_context::<Session>();
    let kind = client.kind();
    let client_id = client.id().unwrap_or_default().to_string();
    let reload = RwSignal::new(0u32);
    let secrets = LocalResource::new(move || {
        reload.track();
        let (api, client_id) = (api.clone(), client_id.clone());
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
    let why_not = move || {
        if session.may_change() {
            "This action is not available in this console yet"
        } else {
            "Only a Tenant Administrator can manage secrets"
        }
    };
    move || {
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
                        <tr data-testid="secret-row">
                            <td>{description.unwrap_or_else(|| "(no description)".into())}</td>
                            <td><code>{secret.id.map(|i| i.to_string()).unwrap_or_default()}</code></td>
                            <td>
                                <span class="secret-when">{when}</span>
                                <span class="muted small">{relative}</span>
                            </td>
                            <td><HealthBadge health /></td>
                            <td class="row-actions">
                                <button type="button" class="button button--small" disabled=true title=why_not>"Edit Secret"</button>
                                <button type="button" class="button button--small" disabled=true title=why_not>"Remove Secret"</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="secrets">
                    <div class="secrets__toolbar">
                        <span class="muted">{format!("{count} of 10 secrets")}</span>
                        <button type="button" class="button" disabled=true title=why_not>"Add Secret"</button>
                    </div>
                    {(count == 0).then(|| view! {
                        <p class="muted">"This client has no secrets, so it cannot authenticate. Add one to use it."</p>
                    })}
                    {(count > 0).then(|| view! {
                        <table class="secrets__table">
                            <thead>
                                <tr>
                                    <th scope="col">"Description"</th>
                                    <th scope="col">"ID"</th>
                                    <th scope="col">"Expiration Date"</th>
                                    <th scope="col">"Health"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    })}
                </div>
            }
            .into_any()
        }
    }
    }
}
