//! Export CSV: every client of the list as shown (type, search, chips), one line per secret,
//! made in the browser from the secrets read for the Secrets column. Secrets not read yet are
//! read first and the file follows; pressed again meanwhile, it cancels.
//!
//! Uses of the core: the rows shown, the Secrets column's reads (asked to read these first),
//! toasts.

mod job;

use leptos::prelude::*;

use crate::pages::clients::core::Page;
use job::{ExportJob, Waiting};

pub use job::ExportStatus;

#[derive(Clone, Copy)]
pub struct Export {
    s: Page,
    /// An export waiting for secrets the Secrets column has not read yet.
    waiting: RwSignal<Option<Waiting>>,
}

impl Export {
    pub fn provide(s: Page) -> Self {
        let waiting = RwSignal::new(None::<Waiting>);
        // A waiting export is written once the secrets it waits for are in.
        Effect::new(move |_| {
            let Some(w) = waiting.get() else {
                return;
            };
            let (done, total) = w.job.progress(&s.health, w.clients);
            if done == total {
                waiting.set(None);
                w.job.write(&s.health, &s.toasts);
            }
        });
        let this = Export { s, waiting };
        provide_context(this);
        this
    }

    /// An export is waiting for secrets.
    pub fn busy(&self) -> bool {
        self.waiting.read().is_some()
    }

    /// `(read, to read)` while an export waits.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.waiting
            .read()
            .as_ref()
            .map(|w| w.job.progress(&self.s.health, w.clients))
    }

    /// Export CSV (or, while one waits, Cancel export).
    pub fn run(&self) {
        let s = self.s;
        if self.waiting.with_untracked(Option::is_some) {
            self.waiting.set(None);
            s.health.prefer(Vec::new());
            s.toasts
                .show("Export cancelled: nothing was downloaded".to_string());
            return;
        }
        let job = ExportJob::of_view(
            &s.summaries.get_untracked(),
            &s.rows.get_untracked(),
            s.query.with_untracked(|q| q.view.slug()),
        );
        let unread = job.unread(&s.health);
        if unread.is_empty() {
            job.write(&s.health, &s.toasts);
            return;
        }
        let clients = unread.len();
        s.health.prefer(unread);
        self.waiting.set(Some(Waiting { job, clients }));
    }
}
