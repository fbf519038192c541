//! The list's Secrets column: every client's secrets, read in the background.
//!
//! The rows on screen are read first, then the rest in the list's order, never more than
//! [`MAX_IN_FLIGHT`] requests at once, and no new one while the user types in the search.
//! What was read is kept (per client id) until a change to that client; Refresh reads
//! everything again and shows the earlier answers until then.
//! The column, its sort, the filter chips, Export CSV and Remove expired secrets all read
//! from here. A 403 means the user is not Tenant Administrator: the
//! loader stops and the page says so once.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::model::{ClientHealth, ClientKind, ClientSecret, ClientTable};

/// Requests for secrets at most in flight at once.
pub const MAX_IN_FLIGHT: usize = 6;
/// Failures in a row after which the loader stops and says why.
const GIVE_UP_AFTER: u32 = 3;
/// After a keystroke in the search, no new read starts for this long (reads already out
/// finish): typing gets the main thread instead of a stream of answers to parse.
const YIELD_TO_TYPING_MS: f64 = 250.0;

/// What one read of a client's secrets found.
#[derive(Clone, Debug)]
struct Read {
    secrets: Arc<Vec<ClientSecret>>,
    health: ClientHealth,
}

/// One client's secrets, as far as the console knows.
#[derive(Clone, Debug)]
enum Entry {
    /// Being read; what a read before Refresh found, shown meanwhile.
    Loading(Option<Read>),
    Known(Read),
    /// Read before Refresh: shown (the column, its sort and the chips keep working) until it
    /// is read again.
    Stale(Read),
    Failed(String),
}

impl Entry {
    /// What the column shows of it.
    fn shown(&self) -> Option<&Read> {
        match self {
            Entry::Known(read) | Entry::Stale(read) | Entry::Loading(Some(read)) => Some(read),
            Entry::Loading(None) | Entry::Failed(_) => None,
        }
    }
}

/// A client's secrets for Export CSV.
pub enum ExportSecrets {
    Known(Arc<Vec<ClientSecret>>),
    /// Its kind has no secrets.
    NotApplicable,
    /// Why they are not there.
    Unavailable(&'static str),
}

/// What the Secrets cell of one client shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Not read yet (or being read).
    Pending,
    Known(ClientHealth),
    /// The read failed; the reason.
    Failed(String),
    /// This kind has no secrets (authorization code).
    NotApplicable,
    /// The user may not read secrets (said once above the list).
    Hidden,
}

/// The background reader of the clients' secrets (a `Copy` handle; see the module docs).
#[derive(Clone, Copy)]
pub struct HealthLoader {
    api: StoredValue<ApiClient>,
    book: StoredValue<HashMap<String, Entry>>,
    /// Bumped (at most every 150 ms) when the book changed.
    version: RwSignal<u32>,
    bump_scheduled: StoredValue<bool>,
    /// The clients to read, in the list's order.
    order: StoredValue<Arc<Vec<(ClientKind, String)>>>,
    cursor: StoredValue<usize>,
    /// The rows on screen (read before the rest).
    visible: StoredValue<Vec<(ClientKind, String)>>,
    /// Clients changed since they were read (read again before anything else).
    urgent: StoredValue<Vec<(ClientKind, String)>>,
    /// Clients an export waits for (read next, in this order).
    wanted: StoredValue<std::collections::VecDeque<(ClientKind, String)>>,
    running: StoredValue<usize>,
    /// Reading may begin: the user's rights are known ([`HealthLoader::start`]). Until then
    /// the rows on screen are only noted (a read would double as a rights check).
    started: StoredValue<bool>,
    failures_in_a_row: StoredValue<u32>,
    /// No new read starts before this time (ms since the epoch): the user is typing.
    paused_until: StoredValue<f64>,
    /// The user may not read secrets (not Tenant Administrator).
    pub denied: RwSignal<bool>,
    /// Why reading stopped after repeated failures (Refresh starts again).
    pub stalled: RwSignal<Option<String>>,
}

impl HealthLoader {
    pub fn new(api: StoredValue<ApiClient>) -> Self {
        HealthLoader {
            api,
            book: StoredValue::new(HashMap::new()),
            version: RwSignal::new(0),
            bump_scheduled: StoredValue::new(false),
            order: StoredValue::new(Arc::new(Vec::new())),
            cursor: StoredValue::new(0),
            visible: StoredValue::new(Vec::new()),
            urgent: StoredValue::new(Vec::new()),
            wanted: StoredValue::new(Default::default()),
            running: StoredValue::new(0),
            started: StoredValue::new(false),
            failures_in_a_row: StoredValue::new(0),
            paused_until: StoredValue::new(0.0),
            denied: RwSignal::new(false),
            stalled: RwSignal::new(None),
        }
    }

    /// Reads the secrets of `table`'s clients (those of kinds with secrets), in its order.
    pub fn start(&self, table: &ClientTable) {
        let order: Vec<(ClientKind, String)> = table
            .items()
            .iter()
            .filter(|s| s.kind().has_secrets() && !s.id().is_empty())
            .map(|s| (s.kind(), s.id().to_string()))
            .collect();
        self.order.set_value(Arc::new(order));
        self.cursor.set_value(0);
        // Once the rows this turn renders are on screen: they go first (the table has said
        // which they are by then), and building the reads does not hold up their paint
        // (~13 ms of the first rows in issue 20's trace). Also when an earlier list (the empty
        // one before the first page came) had started the reading: until then the table's
        // report of its rows on screen starts none (~10 ms before the first rows' frame).
        self.started.set_value(false);
        let this = *self;
        super::after_next_paint(move || {
            if this.alive() {
                this.started.set_value(true);
                this.kick();
            }
        });
    }

    /// The rows on screen changed: they are read first.
    pub fn set_visible(&self, rows: Vec<(ClientKind, String)>) {
        self.visible.set_value(rows);
        self.kick();
    }

    /// Reads `clients` next (after changed ones, before the rows on screen); replaces what an
    /// earlier call asked for.
    pub fn prefer(&self, clients: Vec<(ClientKind, String)>) {
        self.wanted.set_value(clients.into());
        self.kick();
    }

    /// Whether client `id`'s secrets are still to come: its kind has them, the user may read
    /// them, reading has not stopped, and they have not been read (nor failed). Untracked.
    pub fn still_to_read(&self, kind: ClientKind, id: &str) -> bool {
        kind.has_secrets()
            && !self.denied.get_untracked()
            && self.stalled.get_untracked().is_none()
            && self.book.with_value(|book| {
                matches!(
                    book.get(id),
                    None | Some(Entry::Loading(_) | Entry::Stale(_))
                )
            })
    }

    /// Makes the caller's reactive scope follow what was read.
    pub fn track(&self) {
        self.version.track();
        self.denied.track();
        self.stalled.track();
    }

    /// A keystroke in the search: new reads wait until the typing pauses.
    pub fn yield_to_typing(&self) {
        self.paused_until
            .set_value(js_sys::Date::now() + YIELD_TO_TYPING_MS);
    }

    /// Runs `f` once the user has not typed for [`YIELD_TO_TYPING_MS`] (at once if not typing,
    /// never if the page is gone): for work that would compete with the keystrokes' frames,
    /// such as the recounts that follow what was read (issue 20: a recount of 50 000 rows
    /// between a keystroke and its frame made that frame late).
    pub fn when_not_typing(&self, f: impl FnOnce() + 'static) {
        let Some(until) = self.paused_until.try_get_value() else {
            return;
        };
        let left = until - js_sys::Date::now();
        if left <= 0.0 {
            f();
            return;
        }
        let this = *self;
        set_timeout(
            move || this.when_not_typing(f),
            Duration::from_millis(left.ceil() as u64),
        );
    }

    /// Returns once the user has not typed for [`YIELD_TO_TYPING_MS`] (at once if not typing).
    pub async fn typing_paused(&self) {
        while let Some(until) = self.paused_until.try_get_value() {
            let left = until - js_sys::Date::now();
            if left <= 0.0 {
                return;
            }
            let (done, wait) = futures::channel::oneshot::channel::<()>();
            set_timeout(
                move || {
                    let _ = done.send(());
                },
                Duration::from_millis(left.ceil() as u64),
            );
            let _ = wait.await;
        }
    }

    /// The user is not Tenant Administrator: nothing is read.
    pub fn deny(&self) {
        if !self.denied.get_untracked() {
            self.denied.set(true);
        }
    }

    /// Reads everything again (Refresh): what was read stays shown until its client is read
    /// again; failures are forgotten.
    pub fn clear(&self) {
        self.book.update_value(|book| {
            book.retain(|_, e| !matches!(e, Entry::Failed(_)));
            for entry in book.values_mut() {
                if let Entry::Known(read) = entry {
                    *entry = Entry::Stale(read.clone());
                }
            }
        });
        self.cursor.set_value(0);
        self.failures_in_a_row.set_value(0);
        self.stalled.set(None);
        self.bump_now();
        self.kick();
    }

    /// Client `id` changed (a secret added, edited or removed): read it again first.
    pub fn forget(&self, kind: ClientKind, id: &str) {
        if !kind.has_secrets() {
            return;
        }
        self.book.update_value(|book| {
            book.remove(id);
        });
        self.urgent
            .update_value(|urgent| urgent.push((kind, id.to_string())));
        self.bump_now();
        self.kick();
    }

    /// Fresh secrets of `id`, read elsewhere (the Secrets tab).
    pub fn put(&self, id: &str, secrets: &[ClientSecret]) {
        self.store(id.to_string(), Ok(secrets.to_vec()));
    }

    /// What the Secrets cell of client `id` (of `kind`) shows. Tracks changes.
    pub fn cell(&self, kind: ClientKind, id: &str) -> Cell {
        self.version.track();
        if !kind.has_secrets() {
            return Cell::NotApplicable;
        }
        if self.denied.get() {
            return Cell::Hidden;
        }
        self.book.with_value(|book| match book.get(id) {
            Some(Entry::Failed(why)) => Cell::Failed(why.clone()),
            Some(entry) => entry
                .shown()
                .map_or(Cell::Pending, |read| Cell::Known(read.health)),
            None => Cell::Pending,
        })
    }

    /// The secrets of client `id`, once read. Tracks changes.
    pub fn secrets(&self, id: &str) -> Option<Arc<Vec<ClientSecret>>> {
        self.version.track();
        self.book.with_value(|book| {
            book.get(id)
                .and_then(Entry::shown)
                .map(|read| Arc::clone(&read.secrets))
        })
    }

    /// What the export knows of client `id` (of `kind`), without tracking.
    pub fn for_export(&self, kind: ClientKind, id: &str) -> ExportSecrets {
        if !kind.has_secrets() {
            return ExportSecrets::NotApplicable;
        }
        if self.denied.get_untracked() {
            return ExportSecrets::Unavailable(
                "Reading secrets needs the Tenant Administrator role",
            );
        }
        let stalled = self.stalled.get_untracked().is_some();
        self.book.with_value(|book| {
            let entry = book.get(id);
            if let Some(read) = entry.and_then(Entry::shown) {
                // Known, or read before Refresh (an export waits for the fresh read unless
                // reading stopped).
                return ExportSecrets::Known(Arc::clone(&read.secrets));
            }
            match entry {
                Some(Entry::Failed(_)) => ExportSecrets::Unavailable("Could not be read"),
                _ if stalled => ExportSecrets::Unavailable(
                    "Not read: reading secrets stopped after repeated failures",
                ),
                _ => ExportSecrets::Unavailable("Not read yet"),
            }
        })
    }

    /// The health of every row of `table` (`None`: not known yet), for sorting and the chips.
    /// Tracks changes.
    pub fn column(&self, table: &ClientTable) -> Vec<Option<ClientHealth>> {
        self.version.track();
        self.book.with_value(|book| {
            table
                .items()
                .iter()
                .map(|s| book.get(s.id()).and_then(Entry::shown).map(|r| r.health))
                .collect()
        })
    }

    /// `(read, to read)` over the current order. Tracks changes.
    pub fn progress(&self) -> (usize, usize) {
        self.version.track();
        let order = self.order.get_value();
        let done = self.book.with_value(|book| {
            order
                .iter()
                .filter(|(_, id)| matches!(book.get(id), Some(Entry::Known(_) | Entry::Failed(_))))
                .count()
        });
        (done, order.len())
    }

    /// Starts readers until [`MAX_IN_FLIGHT`] run (each ends when nothing is left to read).
    fn kick(&self) {
        if !self.started.get_value()
            || self.denied.get_untracked()
            || self.stalled.get_untracked().is_some()
        {
            return;
        }
        while self.running.get_value() < MAX_IN_FLIGHT {
            let Some(next) = self.next() else {
                return;
            };
            self.running.update_value(|n| *n += 1);
            let this = *self;
            leptos::task::spawn_local(async move {
                this.read_from(next).await;
                if this.alive() {
                    this.running.update_value(|n| *n = n.saturating_sub(1));
                    this.bump_now();
                }
            });
        }
    }

    /// Reads `first`, then whatever is next, until nothing is left or reading must stop.
    async fn read_from(self, first: (ClientKind, String)) {
        let mut next = Some(first);
        while let Some((kind, id)) = next {
            self.typing_paused().await;
            let Some(api) = self.api.try_get_value() else {
                return;
            };
            let result = api.list_secrets(kind, &id).await;
            if !self.alive() {
                // The page is gone (signed out, another page): nothing left to update.
                return;
            }
            if matches!(result, Err(ApiError::Forbidden(_))) {
                self.book.update_value(|book| {
                    book.remove(&id);
                });
                self.deny();
                return;
            }
            if self.store(id, result) {
                return;
            }
            next = self.next();
        }
    }

    /// Records a read; returns whether reading should stop (too many failures in a row).
    fn store(&self, id: String, result: Result<Vec<ClientSecret>, ApiError>) -> bool {
        let entry = match result {
            Ok(secrets) => {
                self.failures_in_a_row.set_value(0);
                let health = ClientHealth::of(&secrets, Utc::now());
                Entry::Known(Read {
                    secrets: Arc::new(secrets),
                    health,
                })
            }
            Err(error) => {
                self.failures_in_a_row.update_value(|n| *n += 1);
                Entry::Failed(error.read_sentence())
            }
        };
        let give_up = match &entry {
            Entry::Failed(why) if self.failures_in_a_row.get_value() >= GIVE_UP_AFTER => {
                Some(why.clone())
            }
            _ => None,
        };
        self.book.update_value(|book| {
            book.insert(id, entry);
        });
        self.schedule_bump();
        if let Some(why) = give_up {
            self.stalled.set(Some(why));
            return true;
        }
        false
    }

    /// The next client to read (marked as being read): a changed one, a row on screen, then
    /// the list's order.
    fn next(&self) -> Option<(ClientKind, String)> {
        if self.denied.get_untracked() || self.stalled.get_untracked().is_some() {
            return None;
        }
        let unread = |id: &str| {
            self.book
                .with_value(|book| matches!(book.get(id), None | Some(Entry::Stale(_))))
        };
        // Taken off its queue up to the first that still needs reading.
        let mut pick = None;
        self.urgent.update_value(|urgent| {
            pick = std::iter::from_fn(|| urgent.pop()).find(|c| unread(&c.1));
        });
        if pick.is_none() {
            self.wanted.update_value(|wanted| {
                pick = std::iter::from_fn(|| wanted.pop_front()).find(|c| unread(&c.1));
            });
        }
        if pick.is_none() {
            pick = self.visible.with_value(|visible| {
                visible
                    .iter()
                    .find(|(kind, id)| kind.has_secrets() && unread(id))
                    .cloned()
            });
        }
        if pick.is_none() {
            let order = self.order.get_value();
            let mut at = self.cursor.get_value();
            while let Some(candidate) = order.get(at) {
                at += 1;
                if unread(&candidate.1) {
                    pick = Some(candidate.clone());
                    break;
                }
            }
            self.cursor.set_value(at);
        }
        let (kind, id) = pick?;
        self.book.update_value(|book| {
            let before = book.remove(&id).and_then(|e| e.shown().cloned());
            book.insert(id.clone(), Entry::Loading(before));
        });
        Some((kind, id))
    }

    /// Whether the page that owns the loader still exists (a read can outlive it).
    fn alive(&self) -> bool {
        self.book.try_with_value(|_| ()).is_some()
    }

    fn schedule_bump(&self) {
        if self.bump_scheduled.get_value() {
            return;
        }
        self.bump_scheduled.set_value(true);
        // What follows a bump (the rows' cells, the progress line, the chips' counts) waits
        // for a pause in the typing, as new reads do.
        let this = *self;
        set_timeout(
            move || {
                this.when_not_typing(move || {
                    if this.bump_scheduled.try_set_value(false).is_none() {
                        this.version.try_update(|v| *v += 1);
                    }
                })
            },
            Duration::from_millis(150),
        );
    }

    fn bump_now(&self) {
        self.bump_scheduled.set_value(false);
        self.version.try_update(|v| *v += 1);
    }
}
