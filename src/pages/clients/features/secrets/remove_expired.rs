//! Remove expired secrets: one action per client that lists the expired secrets it will
//! remove, asks once, then removes them one by one and reports each (one failure never hides
//! the others; Retry takes only the failed ones).

use leptos::prelude::*;

use crate::pages::clients::core::dialog::{room_dialogs, Dialog};

use crate::api::ApiError;
use crate::components::dialog::Modal;
use crate::model::{format_datetime, Client, ClientSecret};

use super::Secrets;

/// What became of one secret.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Not tried yet (or being removed).
    Waiting,
    Removed,
    /// Someone else had removed it already.
    AlreadyGone,
    Failed(ApiError),
}

/// The secrets being removed and their outcomes (the dialog's state).
pub type Batch = Vec<(ClientSecret, Outcome)>;

/// Removes the secrets of `batch` whose outcome is [`Outcome::Waiting`] or
/// [`Outcome::Failed`], one at a time, reporting each into `results`.
pub async fn remove_all(room: Secrets, client: Client, results: RwSignal<Option<Batch>>) {
    let s = room.s;
    let api = s.api();
    let id = client.id().unwrap_or_default().to_string();
    let todo: Vec<usize> = results.with_untracked(|b| {
        b.iter()
            .flatten()
            .enumerate()
            .filter(|(_, (_, o))| matches!(o, Outcome::Waiting | Outcome::Failed(_)))
            .map(|(i, _)| i)
            .collect()
    });
    for at in todo {
        let Some(secret_id) =
            results.with_untracked(|b| b.as_ref().and_then(|b| b.get(at)).and_then(|(x, _)| x.id))
        else {
            continue;
        };
        set(results, at, Outcome::Waiting);
        let outcome = match api.delete_secret(client.kind(), &id, secret_id).await {
            Ok(()) => Outcome::Removed,
            Err(ApiError::NotFound(_)) => Outcome::AlreadyGone,
            // No answer: whether it went is read back.
            Err(error) if error.outcome_unknown() => {
                match api.get_secret(client.kind(), &id, secret_id).await {
                    Err(ApiError::NotFound(_)) => Outcome::Removed,
                    _ => Outcome::Failed(error),
                }
            }
            Err(error) => Outcome::Failed(error),
        };
        if results.try_get_untracked().is_none() {
            return;
        }
        set(results, at, outcome);
    }
    s.refresh_secrets();
}

fn set(results: RwSignal<Option<Batch>>, at: usize, outcome: Outcome) {
    results.update(|b| {
        if let Some((_, slot)) = b.as_mut().and_then(|b| b.get_mut(at)) {
            *slot = outcome;
        }
    });
}

/// The confirmation, then the result per secret.
fn remove_expired_dialog_view(client: Client) -> AnyView {
    let room = expect_context::<Secrets>();
    let s = room.s;
    let results = room.expired;
    let running = RwSignal::new(false);
    let name = client.name().unwrap_or("this client").to_string();
    let started = move || {
        results.with(|b| {
            b.iter()
                .flatten()
                .any(|(_, o)| !matches!(o, Outcome::Waiting))
        })
    };
    let count = results.with_untracked(|b| b.as_ref().map(Vec::len).unwrap_or(0));
    let failed = move || {
        results.with(|b| {
            b.iter()
                .flatten()
                .filter(|(_, o)| matches!(o, Outcome::Failed(_)))
                .count()
        })
    };
    let run = {
        let client = client.clone();
        move || {
            if running.get_untracked() {
                return;
            }
            running.set(true);
            let client = client.clone();
            leptos::task::spawn_local(async move {
                remove_all(room, client, results).await;
                let _ = running.try_set(false);
            });
        }
    };
    let run = StoredValue::new_local(run);
    let rows = move || {
        results
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|(secret, outcome)| {
                let label = secret
                    .description
                    .clone()
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| format!("Secret {}", secret.id.unwrap_or_default()));
                let when = secret
                    .effective_expiration()
                    .map(|at| format!("expired {}", format_datetime(at, &chrono::Local)))
                    .unwrap_or_default();
                let (state, detail) = match (&outcome, running.get()) {
                    (Outcome::Waiting, true) => ("waiting", "Removing…".to_string()),
                    (Outcome::Waiting, false) => ("waiting", String::new()),
                    (Outcome::Removed, _) => ("removed", "✓ Removed".to_string()),
                    (Outcome::AlreadyGone, _) => ("removed", "✓ Already removed elsewhere".to_string()),
                    (Outcome::Failed(e), _) => ("failed", failure_words(e)),
                };
                view! {
                    <li class="bulk-item" data-state=state data-testid="expired-secret">
                        <span class="bulk-item__name">{label}</span>
                        <span class="muted">{format!(" · ID {} · {when}", secret.id.unwrap_or_default())}</span>
                        {(!detail.is_empty()).then(|| view! { <span class="bulk-item__result">{detail}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    let close = Callback::new(move |()| {
        if !running.get_untracked() {
            s.dialogs.close();
        }
    });
    let title = format!("Remove expired secrets of “{name}”");
    view! {
        <Modal open=true title on_close=close>
            <p>{move || if started() {
                "Results:".to_string()
            } else {
                if count == 1 {
                    "This secret has expired and can no longer authenticate. Remove it? This cannot be undone.".to_string()
                } else {
                    format!("These {count} secrets have expired and can no longer authenticate. Remove them? This cannot be undone.")
                }
            }}</p>
            <ul class="bulk-list" aria-live="polite">{rows}</ul>
            <div class="dialog__actions">
                <button type="button" class="button" autofocus disabled=move || running.get()
                    on:click=move |_| close.run(())>{move || if started() { "Close" } else { "Cancel" }}</button>
                {move || (!started()).then(|| view! {
                    <button type="button" class="button button--danger" disabled=move || running.get()
                        on:click=move |_| run.with_value(|r| r())>
                        {move || match (running.get(), count) {
                            (true, _) => "Removing…".to_string(),
                            (false, 1) => "Remove 1 secret".to_string(),
                            (false, n) => format!("Remove {n} secrets"),
                        }}
                    </button>
                })}
                {move || (started() && failed() > 0 && !running.get()).then(|| view! {
                    <button type="button" class="button button--danger" on:click=move |_| run.with_value(|r| r())>
                        {format!("Retry the {} that failed", failed())}
                    </button>
                })}
            </div>
        </Modal>
    }
    .into_any()
}

/// "✗ Not removed: <what the API said>".
fn failure_words(error: &ApiError) -> String {
    format!("✗ Not removed: {}", error.with_server_words())
}

room_dialogs!(remove_expired;
    Dialog::RemoveExpired(client) => remove_expired_dialog_view(client),
);
