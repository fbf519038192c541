//! Runs a batch of requests (a bulk action, an import) as [`BulkRun`] says: at most four in
//! flight, each answer recorded, Cancel, Retry of the failed ones, and `ended` called when
//! nothing waits or is in flight. The rooms give what one request does; this drives them.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::model::bulk::{BulkItem, BulkOp, BulkRun, Outcome};

/// What one request of the batch does (item `i`), and what became of it.
pub type Send = Rc<dyn Fn(usize, BulkItem) -> Pin<Box<dyn Future<Output = Outcome>>>>;

/// What to do once the batch is over (every answer in).
pub type Ended = Rc<dyn Fn(&BulkRun)>;

/// A batch and its runner.
#[derive(Clone, Copy)]
pub struct Batch {
    pub run: RwSignal<Option<BulkRun>>,
    /// Bumped by each new run: answers of an older run are dropped.
    generation: StoredValue<u64>,
    handlers: StoredValue<Option<(Send, Ended)>, LocalStorage>,
}

impl Batch {
    pub fn new() -> Self {
        Batch {
            run: RwSignal::new(None),
            generation: StoredValue::new(0),
            handlers: StoredValue::new_local(None),
        }
    }

    /// Forgets the run (the question shows again).
    pub fn clear(&self) {
        self.generation.update_value(|g| *g += 1);
        self.run.set(None);
    }

    /// Starts `run`: `send` for each client, `ended` when it is over.
    pub fn start(&self, run: BulkRun, send: Send, ended: Ended) {
        self.generation.update_value(|g| *g += 1);
        self.handlers.set_value(Some((send, ended)));
        self.run.set(Some(run));
        self.pump();
    }

    fn over(&self) -> bool {
        self.run
            .with_untracked(|r| r.as_ref().is_some_and(BulkRun::over))
    }

    fn ended(&self) {
        let Some((_, ended)) = self.handlers.get_value() else {
            return;
        };
        self.run.with_untracked(|r| {
            if let Some(r) = r {
                ended(r);
            }
        });
    }

    /// Sends what may be sent now; called again as each answers.
    fn pump(self) {
        let Some((send, _)) = self.handlers.get_value() else {
            return;
        };
        let generation = self.generation.get_value();
        let Some(starts) = self
            .run
            .try_update(|r| r.as_mut().map(BulkRun::to_send))
            .flatten()
        else {
            return;
        };
        if starts.is_empty() && self.over() {
            return self.ended();
        }
        for i in starts {
            let Some(item) = self
                .run
                .with_untracked(|r| r.as_ref().map(|r| r.items[i].clone()))
            else {
                continue;
            };
            let request = send(i, item);
            leptos::task::spawn_local(async move {
                let outcome = request.await;
                if self.generation.try_get_value() != Some(generation) {
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

    /// Cancel: nothing more is sent; what is in flight still ends and is recorded.
    pub fn cancel(&self) {
        self.run.update(|r| {
            if let Some(r) = r {
                r.cancel();
            }
        });
        if self.over() {
            self.ended();
        }
    }

    /// Retry of the failed ones (and the ones Cancel left unsent).
    pub fn retry(self) {
        self.run.update(|r| {
            if let Some(r) = r {
                r.retry_failed();
            }
        });
        self.pump();
    }

    /// Whether a run is under way (not over).
    pub fn running(&self) -> bool {
        self.run
            .with_untracked(|r| r.as_ref().is_some_and(|r| !r.over()))
    }
}

/// "12 clients".
pub fn clients(n: usize) -> String {
    if n == 1 {
        "1 client".into()
    } else {
        format!("{n} clients")
    }
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

/// The progress while it runs, then the summary with each outcome, Retry of the failed ones
/// and Close (`on_close`).
pub fn batch_progress(batch: Batch, on_close: Callback<()>) -> AnyView {
    let run = batch.run;
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
                        on:click=move |_| batch.retry()>
                        {format!("Retry the {} not done", clients(failed()))}
                    </button>
                }
            });
            view! {
                <button type="button" class="button" id="bulk-close" on:click=move |_| on_close.run(())>"Close"</button>
                {retry}
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="button" data-testid="bulk-cancel" on:click=move |_| batch.cancel()>"Cancel"</button>
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
        <ul class="bulk-outcomes" tabindex=move || over.get().then_some("0") aria-label="Each client's outcome">{rows}</ul>
        <div class="dialog__actions">{actions}</div>
    }
    .into_any()
}

impl Default for Batch {
    fn default() -> Self {
        Self::new()
    }
}
