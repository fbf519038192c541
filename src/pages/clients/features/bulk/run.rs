//! The bulk dialog (the question, the progress, the outcomes) and the runner that sends the
//! requests: the chunk `bulk`.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::dialog::Modal;
use crate::model::bulk::{BulkOp, BulkRun, Outcome};
use crate::model::{Client, ClientKind};

use super::Bulk;
use crate::pages::clients::core::Page;

/// The picked clients among the rows loaded, in the list's order: (kind, id, name, enabled).
fn targets(s: Page) -> Vec<(ClientKind, String, String, Option<bool>)> {
    let picks = s.picks.ids();
    let table = s.summaries.get_untracked();
    let rows = s.rows.get_untracked();
    // The rows shown first (as the user sees them), then picked ones a search now hides.
    let mut order: Vec<usize> = rows.iter().copied().collect();
    let shown: std::collections::HashSet<usize> = order.iter().copied().collect();
    order.extend((0..table.len()).filter(|i| !shown.contains(i)));
    order
        .into_iter()
        .filter_map(|i| table.get(i))
        .filter(|c| picks.contains(c.id()))
        .map(|c| {
            (
                c.kind(),
                c.id().to_string(),
                c.name().to_string(),
                c.enabled(),
            )
        })
        .collect()
}

impl Bulk {
    fn start(&self, op: BulkOp) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.run.set(Some(BulkRun::new(op, targets(self.s))));
        self.pump();
    }

    /// Sends what may be sent now (up to four in flight); called again as each answers.
    fn pump(self) {
        let generation = self.generation.get_value();
        let Some(starts) = self
            .run
            .try_update(|r| r.as_mut().map(BulkRun::to_send))
            .flatten()
        else {
            return;
        };
        if starts.is_empty()
            && self
                .run
                .with_untracked(|r| r.as_ref().is_some_and(BulkRun::over))
        {
            return self.ended();
        }
        for i in starts {
            let Some((op, item)) = self
                .run
                .with_untracked(|r| r.as_ref().map(|r| (r.op, r.items[i].clone())))
            else {
                continue;
            };
            let s = self.s;
            leptos::task::spawn_local(async move {
                let outcome = send(s, op, item.kind, &item.id).await;
                if self.generation.get_value() != generation {
                    return;
                }
                self.run.update(|r| {
                    if let Some(r) = r {
                        r.finish(i, outcome);
                    }
                });
                self.pump();
            });
        }
    }

    /// The run is over: the list takes every change at once; the clients done are unpicked.
    fn ended(self) {
        let s = self.s;
        let Some(run) = self.run.get_untracked() else {
            return;
        };
        let mut replaced = Vec::new();
        let mut removed = Vec::new();
        let mut settled = Vec::new();
        for item in &run.items {
            let ended_well = matches!(
                item.outcome,
                Outcome::Done | Outcome::AlreadySo | Outcome::Gone
            );
            if ended_well {
                settled.push(item.id.clone());
            }
            match (&item.outcome, run.op) {
                (Outcome::Gone, _) | (Outcome::Done, BulkOp::Remove) => {
                    removed.push((item.kind, item.id.clone()));
                }
                (Outcome::Done, op) => {
                    replaced.push(with_enabled(s, item.kind, &item.id, op == BulkOp::Enable))
                }
                _ => {}
            }
        }
        for (kind, id) in &removed {
            s.health.forget(*kind, id);
        }
        s.apply_many(replaced.into_iter().flatten().collect(), removed);
        s.picks.drop_ids(&settled);
    }

    fn cancel(&self) {
        self.run.update(|r| {
            if let Some(r) = r {
                r.cancel();
            }
        });
        if self
            .run
            .with_untracked(|r| r.as_ref().is_some_and(BulkRun::over))
        {
            self.ended();
        }
    }

    fn retry(self) {
        self.run.update(|r| {
            if let Some(r) = r {
                r.retry_failed();
            }
        });
        self.pump();
    }
}

/// The cached client `id` with Enabled set (what the server answered to the PUT).
fn with_enabled(s: Page, kind: ClientKind, id: &str, enabled: bool) -> Option<Client> {
    let mut client = s.client_untracked(id).filter(|c| c.kind() == kind)?;
    client.set_enabled(enabled);
    Some(client)
}

/// One client's request, and what became of it. No answer is never sent again blindly: the
/// client is read to see whether the change was made.
async fn send(s: Page, op: BulkOp, kind: ClientKind, id: &str) -> Outcome {
    let api = s.api();
    let result = match op {
        BulkOp::Remove => api.delete_client(kind, id).await,
        BulkOp::Disable | BulkOp::Enable => {
            let patch = Client::enabled_patch(kind, op == BulkOp::Enable);
            api.update_client(id, &patch).await.map(|_| ())
        }
    };
    match result {
        Ok(()) => Outcome::Done,
        Err(ApiError::NotFound(_)) => Outcome::Gone,
        Err(error) if error.outcome_unknown() => match api.get_client(kind, id).await {
            Err(ApiError::NotFound(_)) if op == BulkOp::Remove => Outcome::Done,
            Err(ApiError::NotFound(_)) => Outcome::Gone,
            Ok(c) if op != BulkOp::Remove && c.enabled() == Some(op == BulkOp::Enable) => {
                Outcome::Done
            }
            Ok(_) => Outcome::NotDone(format!(
                "The server did not answer, and reading the client again shows it was not {}.",
                op.past()
            )),
            Err(_) => Outcome::NotDone(format!(
                "{} Reading it again failed too: refresh the list to see whether it was {}.",
                error.with_server_words(),
                op.past()
            )),
        },
        Err(error) => Outcome::NotDone(error.with_server_words()),
    }
}

/// Up to `max` names, then "and N more".
fn some_names(names: &[String], max: usize) -> String {
    let quoted: Vec<String> = names.iter().take(max).map(|n| format!("“{n}”")).collect();
    match names.len().saturating_sub(max) {
        0 => quoted.join(", "),
        more => format!("{} and {more} more", quoted.join(", ")),
    }
}

/// "12 clients".
fn clients(n: usize) -> String {
    if n == 1 {
        "1 client".into()
    } else {
        format!("{n} clients")
    }
}

/// The question before anything is sent.
fn question(room: Bulk, op: BulkOp) -> AnyView {
    let s = room.s;
    let list = targets(s);
    let n = list.len();
    let names: Vec<String> = list.iter().map(|t| t.2.clone()).collect();
    let already = list.iter().filter(|t| op.already(t.3)).count();
    let close = move |_| s.dialogs.close();
    let what = match op {
        BulkOp::Disable => "They will no longer be able to get tokens. Tokens they already have stay valid until they expire, and the change can take up to an hour to take effect.".to_string(),
        BulkOp::Enable => "They will be able to get tokens again (within the hour).".to_string(),
        BulkOp::Remove => {
            let known: Vec<usize> = list.iter().filter_map(|t| s.health.secrets(&t.1).map(|v| v.len())).collect();
            let unread = list.iter().filter(|t| t.0 != ClientKind::AuthorizationCode).count().saturating_sub(known.len());
            let secrets = known.iter().sum::<usize>();
            let unread = if unread > 0 { format!(" (the secrets of {} are not read yet: they go too)", clients(unread)) } else { String::new() };
            format!("The clients go with all their secrets: {secrets} secret{} known{unread}. Applications and devices using them can no longer get tokens. This cannot be undone.", if secrets == 1 { "" } else { "s" })
        }
    };
    let already = (already > 0).then(|| view! {
        <p class="muted">{format!("{} already {}: nothing is sent for {}.", clients(already), op.past(), if already == 1 { "it" } else { "them" })}</p>
    });
    let typed = room.typed;
    let matches = move || op != BulkOp::Remove || typed.read().trim() == n.to_string();
    let confirm_field = (op == BulkOp::Remove).then(|| view! {
        <label class="field">
            <span class="field__label">{format!("Type {n} to confirm")}</span>
            <input type="text" inputmode="numeric" data-testid="bulk-confirm" autocomplete="off"
                prop:value=move || typed.get() on:input:target=move |ev| typed.set(ev.target().value()) />
        </label>
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches() && n > 0 {
            room.start(op);
        }
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p>{format!("{} {}: {}.", op.verb(), clients(n), some_names(&names, 8))}</p>
            <p>{what}</p>
            {already}
            {confirm_field}
            <div class="dialog__actions">
                <button type="button" class="button" autofocus on:click=close>"Cancel"</button>
                <button type="submit" class=if op == BulkOp::Remove { "button button--danger" } else { "button button--primary" }
                    disabled=move || !matches() || n == 0>
                    {format!("{} {}", op.verb(), clients(n))}
                </button>
            </div>
        </form>
    }
    .into_any()
}

/// Each client's outcome in words (the ones not done first).
fn outcome_words(op: BulkOp, outcome: &Outcome) -> (String, &'static str) {
    match outcome {
        Outcome::Waiting => ("Waiting".into(), "waiting"),
        Outcome::InFlight => ("Sending…".into(), "waiting"),
        Outcome::Done => (format!("✓ {}", capitalised(op.past())), "done"),
        Outcome::AlreadySo => (format!("✓ Already {}", op.past()), "done"),
        Outcome::Gone => ("✓ Already removed (by someone else)".into(), "done"),
        Outcome::NotDone(why) => (format!("✗ Not {}: {why}", op.past()), "failed"),
        Outcome::NotStarted => ("Not started (cancelled)".into(), "failed"),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The progress while it runs, then the summary with each outcome.
fn progress(room: Bulk) -> AnyView {
    let s = room.s;
    let run = room.run;
    let counts =
        Memo::new(move |_| run.with(|r| r.as_ref().map(BulkRun::counts).unwrap_or_default()));
    let total = Memo::new(move |_| run.with(|r| r.as_ref().map_or(0, |r| r.items.len())));
    let over = Memo::new(move |_| run.with(|r| r.as_ref().is_some_and(BulkRun::over)));
    let summary = move || run.with(|r| r.as_ref().map(BulkRun::summary).unwrap_or_default());
    // Each client's line once it is over (1 000 lines redrawn per answer would slow the run).
    let rows = move || {
        if !over.get() {
            return Vec::new();
        }
        run.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let mut items: Vec<_> = r.items.iter().collect();
            items.sort_by_key(|i| !matches!(i.outcome, Outcome::NotDone(_) | Outcome::NotStarted));
            items
                .into_iter()
                .map(|item| {
                    let (words, class) = outcome_words(r.op, &item.outcome);
                    view! {
                        <li class=format!("bulk-outcome bulk-outcome--{class}") data-testid="bulk-outcome">
                            <strong>{item.name.clone()}</strong>" — "{words}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let failed = move || counts.get().failed + counts.get().not_started;
    // Once over, the focus goes to Close (Cancel, or Retry, which had it, is gone).
    Effect::new(move |_| {
        if over.get() {
            request_animation_frame(|| {
                crate::components::focus::focus_id("bulk-close");
            });
        }
    });
    let actions = move || {
        if over.get() {
            let retry = (failed() > 0).then(|| {
                view! {
                    <button type="button" class="button button--primary" data-testid="bulk-retry"
                        on:click=move |_| room.retry()>
                        {format!("Retry the {} not done", clients(failed()))}
                    </button>
                }
            });
            view! {
                <button type="button" class="button" id="bulk-close" on:click=move |_| s.dialogs.close()>"Close"</button>
                {retry}
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="button" data-testid="bulk-cancel" on:click=move |_| room.cancel()>"Cancel"</button>
            }
            .into_any()
        }
    };
    view! {
        <div class="bulk-progress">
            <progress max=total value=move || counts.get().finished() aria-label="Progress"></progress>
            <p role="status" data-testid="bulk-status">
                {move || if over.get() {
                    format!("Finished: {}.", summary())
                } else {
                    format!("{} of {} — {}", counts.get().finished(), clients(total.get()), summary())
                }}
            </p>
        </div>
        <ul class="bulk-outcomes">{rows}</ul>
        <div class="dialog__actions">{actions}</div>
    }
    .into_any()
}

/// Disable, Enable or Remove the picked clients.
pub fn bulk_dialog_view(op: BulkOp) -> AnyView {
    let room = expect_context::<Bulk>();
    let s = room.s;
    let n = targets(s).len();
    let title = format!("{} {}", op.verb(), clients(n));
    // Esc or ✕ while it runs: Cancel first (what was done stays done), then close.
    let on_close = Callback::new(move |()| {
        if room
            .run
            .with_untracked(|r| r.as_ref().is_some_and(|r| !r.over()))
        {
            room.cancel();
        } else {
            s.dialogs.close();
        }
    });
    let started = Memo::new(move |_| room.run.with(Option::is_some));
    view! {
        <Modal open=true title on_close wide=true>
            {move || if started.get() { progress(room) } else { question(room, op) }}
        </Modal>
    }
    .into_any()
}
