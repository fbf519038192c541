//! Bulk actions on the clients picked in the list (its checkboxes; Space, Shift+click and
//! Shift+↑/↓; "Select all N matching" in the header): a bar with Disable, Enable and Remove.
//! Each asks first (Remove lists what goes and wants the count typed; Cancel is the
//! default), then runs at most four requests at a time with a progress bar and Cancel, and
//! ends with each client's outcome and Retry for the failed ones only. Nothing is sent
//! twice: see [`crate::model::bulk`].
//!
//! Uses of the core: the picks, the rows loaded (who is picked), the API, the cache (one
//! update for the whole run, when it ends), the dialog host, the user's rights. The bar is in
//! the core's bundle; the dialog and the runner are the chunk `bulk`.

mod run;

use leptos::prelude::*;

use crate::model::bulk::BulkOp;
use crate::model::Client;

use crate::pages::clients::core::batch::Batch;
use crate::pages::clients::core::dialog::{room_dialogs, Dialog};
use crate::pages::clients::core::Page;

/// The room's state: the run from its question to its summary.
#[derive(Clone, Copy)]
pub struct Bulk {
    s: Page,
    /// The run once confirmed (`None` while the dialog asks).
    batch: Batch,
    /// What was typed to confirm Remove.
    typed: RwSignal<String>,
}

impl Bulk {
    pub fn provide(s: Page) -> Self {
        let this = Bulk {
            s,
            batch: Batch::new(),
            typed: RwSignal::new(String::new()),
        };
        provide_context(this);
        this
    }

    fn open(&self, op: BulkOp) {
        if let Some(why) = self.s.access().why_not("change clients") {
            return self.s.dialogs.say(why);
        }
        self.batch.clear();
        self.typed.set(String::new());
        let opener = format!("bulk-{}", op.verb().to_lowercase());
        self.s
            .dialogs
            .open(Dialog::Bulk(op), &[&opener, "client-list"]);
    }

    /// The picked clients among those loaded, in the API's order.
    fn picked_clients(&self) -> Vec<Client> {
        let picks = self.s.picks.ids();
        match self.s.list() {
            Some(Ok(list)) => list
                .clients
                .iter()
                .filter(|c| c.id().is_some_and(|id| picks.contains(id)))
                .cloned()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The bar over the list while clients are picked; its Export calls `on_export`.
    pub fn bar(self, on_export: Callback<(Vec<Client>,)>) -> impl IntoView {
        let s = self.s;
        let picks = s.picks;
        let count = Memo::new(move |_| picks.count());
        let shown = Memo::new(move |_| s.rows.read().len());
        let all_shown = Memo::new(move |_| {
            count.get() > 0 && picks.all_picked(&s.summaries.read(), &s.rows.read())
        });
        let hidden =
            Memo::new(move |_| count.get() - picks.shown(&s.summaries.read(), &s.rows.read()));
        let button = move |op: BulkOp, danger: bool| {
            view! {
                <button type="button" id=format!("bulk-{}", op.verb().to_lowercase())
                    class=if danger { "button button--danger" } else { "button" }
                    on:click=move |_| self.open(op)>
                    {op.verb()}
                </button>
            }
        };
        move || {
            (count.get() > 0).then(|| {
                let select_all = move || {
                    (!all_shown.get()).then(|| view! {
                        <button type="button" class="button button--quiet" id="bulk-all"
                            on:click=move |_| picks.pick_all(&s.summaries.read_untracked(), &s.rows.read_untracked())>
                            {move || format!("Select all {} matching", shown.get())}
                        </button>
                    })
                };
                view! {
                    <div class="bulk-bar" role="region" aria-label="Picked clients" data-testid="bulk-bar">
                        <p class="bulk-bar__count" aria-live="polite">{move || picked_words(count.get(), hidden.get())}</p>
                        {select_all}
                        <button type="button" class="button button--quiet" on:click=move |_| picks.clear()>"Clear selection"</button>
                        <span class="bulk-bar__actions">
                            <button type="button" id="bulk-export" class="button"
                                on:click=move |_| on_export.run((self.picked_clients(),))>"Export"</button>
                            {button(BulkOp::Disable, false)}
                            {button(BulkOp::Enable, false)}
                            {button(BulkOp::Remove, true)}
                        </span>
                    </div>
                }
            })
        }
    }
}

/// "3 clients selected (1 of them hidden by the search or a filter)".
fn picked_words(count: usize, hidden: usize) -> String {
    let picked = match count {
        1 => "1 client selected".to_string(),
        n => format!("{n} clients selected"),
    };
    match (count, hidden) {
        (_, 0) => picked,
        (1, _) => format!("{picked} (hidden by the search or a filter)"),
        (_, h) if h == count => format!("{picked} (all hidden by the search or a filter)"),
        (_, h) => format!("{picked} ({h} of them hidden by the search or a filter)"),
    }
}

room_dialogs!(bulk, preload(preload_bulk);
    Dialog::Bulk(op) => run::bulk_dialog_view(op),
);
