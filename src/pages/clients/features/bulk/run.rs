//! The bulk dialog (the question, the progress, the outcomes) and the runner that sends the
//! requests: the chunk `bulk`.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::dialog::Modal;
use std::collections::HashSet;
use std::rc::Rc;

use crate::model::bulk::{BulkItem, BulkOp, BulkRun, Outcome};
use crate::model::{Client, ClientKind};

use super::Bulk;
use crate::pages::clients::core::batch::{batch_progress, clients, Ended, Send};
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
        let s = self.s;
        let send: Send = Rc::new(move |_, item: BulkItem| {
            Box::pin(async move { send(s, op, item.kind, &item.id).await })
        });
        let ended: Ended = Rc::new(move |run: &BulkRun| ended(s, run));
        self.batch.start(BulkRun::new(op, targets(s)), send, ended);
    }
}

/// The run is over: the list takes every change at once; the clients done are unpicked.
fn ended(s: Page, run: &BulkRun) {
    let mut done = HashSet::new();
    let mut removed = Vec::new();
    let mut settled = Vec::new();
    for item in &run.items {
        if matches!(
            item.outcome,
            Outcome::Done | Outcome::AlreadySo | Outcome::Gone
        ) {
            settled.push(item.id.clone());
        }
        match (&item.outcome, run.op) {
            (Outcome::Gone, _) | (Outcome::Done, BulkOp::Remove) => {
                removed.push((item.kind, item.id.clone()));
            }
            (Outcome::Done, _) => {
                done.insert(item.id.as_str());
            }
            _ => {}
        }
    }
    // The cached copies with Enabled as the server now has it (one pass over the list).
    let enabled = run.op == BulkOp::Enable;
    let replaced = match s.list() {
        Some(Ok(list)) => list
            .clients
            .iter()
            .filter(|c| c.id().is_some_and(|id| done.contains(id)))
            .map(|c| {
                let mut c = c.clone();
                c.set_enabled(enabled);
                c
            })
            .collect(),
        _ => Vec::new(),
    };
    for (kind, id) in &removed {
        s.health.forget(*kind, id);
    }
    s.apply_many(replaced, removed);
    s.picks.drop_ids(&settled);
}

/// One client's request, and what became of it. No answer is never sent again blindly: the
/// client is read to see whether the change was made.
async fn send(s: Page, op: BulkOp, kind: ClientKind, id: &str) -> Outcome {
    let api = s.api();
    let result = match op {
        BulkOp::Remove => api.delete_client(kind, id).await,
        // (Create is the import's; the bar never runs it.)
        BulkOp::Disable | BulkOp::Enable | BulkOp::Create => {
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
        BulkOp::Enable | BulkOp::Create => "They will be able to get tokens again (within the hour).".to_string(),
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

/// Disable, Enable or Remove the picked clients.
pub fn bulk_dialog_view(op: BulkOp) -> AnyView {
    let room = expect_context::<Bulk>();
    let s = room.s;
    let n = targets(s).len();
    let title = format!("{} {}", op.verb(), clients(n));
    // Esc or ✕ while it runs: Cancel first (what was done stays done), then close.
    let batch = room.batch;
    let on_close = Callback::new(move |()| {
        if batch.running() {
            batch.cancel();
        } else {
            s.dialogs.close();
        }
    });
    let started = Memo::new(move |_| batch.run.with(Option::is_some));
    view! {
        <Modal open=true title on_close wide=true>
            {move || if started.get() { batch_progress(batch, Callback::new(move |()| s.dialogs.close())) } else { question(room, op) }}
        </Modal>
    }
    .into_any()
}
