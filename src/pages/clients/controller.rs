//! The Clients page's one owner: the per-kind lists, the selection (in the URL), the open
//! dialog, the one-time secret on screen, the forms being typed and one [`Action`] per write
//! (see [`Writes`]). Shared as a `Copy` context; the list, the pane, the forms and the
//! secrets tab only get values and signals from it and send callbacks back.
//!
//! Everything that must outlive a re-render lives here: a shown secret stays shown whatever
//! the list does behind it, and a form keeps what was typed when a save fails.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Local;
use leptos::prelude::*;

use crate::api::{ApiClient, ApiError, CancelToken};
use crate::auth::rights::WriteAccess;
use crate::auth::session::Session;
use crate::components::toast::Toasts;
use crate::model::rotation::{grace_change, rotated_description, GraceChange, GracePeriod};
use crate::model::{
    client_update_body, new_client_body, new_secret_body, secret_update_body, Client,
    ClientFormValues, ClientKind, ClientSecret, ClientSummary, ClientTable, CreatedClient,
    HealthChip, MultiStatusResponseChildError, Role, SecretFormValues, SortKey, ValidationErrors,
};

use super::health::HealthLoader;
use super::state::{ListView, PageQuery, Tab, UrlState};
use super::writes::Writes;

/// The clients of one kind, or of all three (All types), as loaded.
#[derive(Clone)]
pub struct KindList {
    pub view: ListView,
    pub clients: Arc<Vec<Client>>,
    /// The list rows, indexed for fast search and sort.
    pub summaries: Arc<ClientTable>,
    /// Clients the API could not return (a 207): shown in a banner with Retry.
    pub child_errors: Arc<Vec<MultiStatusResponseChildError>>,
}

impl KindList {
    fn new(
        view: ListView,
        clients: Vec<Client>,
        child_errors: Vec<MultiStatusResponseChildError>,
    ) -> Self {
        let summaries = clients.iter().map(ClientSummary::from_client).collect();
        KindList {
            view,
            clients: Arc::new(clients),
            summaries: Arc::new(ClientTable::new(summaries)),
            child_errors: Arc::new(child_errors),
        }
    }

    /// One list of the kinds' lists (All types), in the order given.
    fn merge(view: ListView, parts: Vec<KindList>) -> Self {
        if let [one] = parts.as_slice() {
            return one.clone();
        }
        let mut clients = Vec::new();
        let mut errors = Vec::new();
        for part in parts {
            clients.extend(part.clients.iter().cloned());
            errors.extend(part.child_errors.iter().cloned());
        }
        KindList::new(view, clients, errors)
    }
}

/// The dialog open on the page (at most one; the one-time secret is [`Reveal`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    AddClient(ClientKind),
    /// Edit Client; the fresh copy it edits is [`PageState::edit_base`].
    EditClient {
        kind: ClientKind,
        id: String,
    },
    ToggleClient(Client),
    RemoveClient(Client),
    AddSecret {
        client: Client,
        existing: usize,
    },
    EditSecret {
        client: Client,
        secret: ClientSecret,
    },
    RemoveSecret {
        client: Client,
        secret: ClientSecret,
    },
    /// The list of keyboard shortcuts.
    Shortcuts,
    /// Add Client in All types: which type first.
    ChooseType,
    /// A step of Rotate Secret (see [`PageState::rotation`]).
    Rotate(RotateStep),
    /// Remove expired secrets of a client (see [`PageState::expired_batch`]).
    RemoveExpired(Client),
}

/// The dialog steps of Rotate Secret; step 2 is the shown-once value ([`Reveal`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotateStep {
    /// 1: the new secret's description and expiry.
    NewSecret,
    /// 3: how long the old secret keeps working.
    Grace,
    /// 4: what changed.
    Summary,
}

/// Rotate Secret in progress: a new secret, shown once, then the old one shortened.
#[derive(Clone, Debug, PartialEq)]
pub struct Rotation {
    pub client: Client,
    pub old: ClientSecret,
    /// How many secrets the client had when the rotation began.
    pub existing: usize,
    /// The new secret, once created (its value is only ever in the [`Reveal`]).
    pub new: Option<ClientSecret>,
    pub grace: GracePeriod,
    /// The old secret after step 3 (`None` until then, or when it was left as it was).
    pub old_after: Option<ClientSecret>,
    /// Step 3 found the old secret already removed.
    pub old_gone: bool,
}

/// A secret value on screen, shown once (after Add Client or Add Secret).
#[derive(Clone, Debug, PartialEq)]
pub struct Reveal {
    pub title: &'static str,
    /// The new client's id (after Add Client).
    pub client_id: Option<String>,
    pub secret: Option<String>,
    /// For a client-credentials secret: the token endpoint and the client id, for the
    /// connection snippets.
    pub connection: Option<(String, String)>,
}

/// The copy of a client that Edit Client works on, read just before the form opened.
#[derive(Clone, Debug, PartialEq)]
pub struct EditBase {
    pub client: Client,
    /// The server's copy differed from the list's: the form says so.
    pub changed_elsewhere: bool,
}

/// A message on the page that stays until dismissed, with an optional one-click follow-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub offer: Option<Offer>,
}

/// What a notice offers to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Offer {
    /// The client exists but its first secret's value was lost: add a new secret.
    AddSecret(Client),
    /// A secret was added but its value never arrived: remove it.
    RemoveSecret(Client, ClientSecret),
}

/// The secrets of the selected client, tagged with its id (so a switch never shows the
/// previous client's secrets while the new ones load).
pub type SecretsLoad = Option<(String, Result<Vec<ClientSecret>, ApiError>)>;

/// The page's data and UI state (no writes: see [`Writes`]).
#[derive(Clone, Copy)]
pub struct PageState {
    api: StoredValue<ApiClient>,
    pub session: Session,
    pub toasts: Toasts,
    pub query: Memo<PageQuery>,
    /// What the Search field holds: the list filters on it at once; the URL follows after
    /// a pause (one history replacement, not a navigation per keystroke).
    pub search_text: RwSignal<String>,
    search_seq: StoredValue<u32>,
    /// The loaded rows of the kind in the URL (empty while loading).
    pub summaries: Memo<Arc<ClientTable>>,
    /// The rows to show: `summaries` filtered by the search and sorted, computed once per
    /// keystroke over the pre-ranked table.
    pub rows: Memo<Arc<Vec<usize>>>,
    /// The clients' secrets, read in the background for the Secrets column.
    pub health: HealthLoader,
    navigate: StoredValue<Box<dyn Fn(PageQuery, bool)>, LocalStorage>,
    /// The last state asked of the router, and the state it was asked from (until the URL
    /// changes, later changes build on it).
    requested: StoredValue<Option<(PageQuery, PageQuery)>>,
    cache: StoredValue<HashMap<ClientKind, KindList>>,
    reload: RwSignal<u32>,
    /// `(loaded, total)` while a long list loads.
    pub progress: RwSignal<Option<(usize, usize)>>,
    list: LocalResource<Result<KindList, ApiError>>,
    pub roles: LocalResource<Result<Vec<Role>, ApiError>>,
    secrets_reload: RwSignal<u32>,
    secrets: LocalResource<SecretsLoad>,
    /// How many secrets the client in the Remove Client dialog has (they go with it).
    removal_secrets: LocalResource<SecretsLoad>,
    pub dialog: RwSignal<Option<Dialog>>,
    pub reveal: RwSignal<Option<Reveal>>,
    /// Rotate Secret, from step 1 until its summary closes.
    pub rotation: RwSignal<Option<Rotation>>,
    /// Remove expired secrets: the secrets and what became of each.
    pub expired_batch: RwSignal<Option<super::remove_expired::Batch>>,
    /// An Export CSV waiting for secrets the Secrets column has not read yet.
    pub export: RwSignal<Option<super::export::Waiting>>,
    /// A message that stays until dismissed (e.g. "already removed").
    pub notice: RwSignal<Option<Notice>>,
    /// What re-reading found after a write got no answer (shown in the open dialog).
    pub finding: RwSignal<Option<String>>,
    /// The Id Add Client sends (made once per opening, so a retry cannot duplicate).
    pub new_client_id: StoredValue<String>,
    /// An Add Client attempt of this opening got no answer.
    pub add_uncertain: StoredValue<bool>,
    /// The ids of the client's secrets when Add Secret opened.
    pub secret_ids_before: StoredValue<Vec<i32>>,
    pub edit_base: RwSignal<Option<EditBase>>,
    pub client_form: RwSignal<ClientFormValues>,
    pub secret_form: RwSignal<SecretFormValues>,
    secret_form_start: StoredValue<SecretFormValues>,
    client_form_start: StoredValue<ClientFormValues>,
    /// Cancel, ✕ or Esc on a changed form: the form asks before discarding.
    pub asking_discard: RwSignal<bool>,
    pub form_errors: RwSignal<ValidationErrors>,
    /// Element ids to give focus back to when the dialog closes (first that exists wins).
    return_focus: StoredValue<Vec<String>>,
}

impl PageState {
    /// Call in the page component (router hooks, contexts).
    fn new() -> Self {
        let session = expect_context::<Session>();
        let toasts = expect_context::<Toasts>();
        let api = StoredValue::new(expect_context::<ApiClient>());
        let (url, go) = UrlState::new();
        let query = url.query;
        let cache = StoredValue::new(HashMap::<ClientKind, KindList>::new());
        let reload = RwSignal::new(0u32);
        let in_flight = StoredValue::new(None::<CancelToken>);
        let progress = RwSignal::new(None::<(usize, usize)>);
        let view = Memo::new(move |_| query.read().view);
        let search_text = RwSignal::new(query.with_untracked(|q| q.q.clone()));
        // Once the URL has changed (the router took a request, or Back/Forward), new changes
        // start from it.
        let requested = StoredValue::new(None::<(PageQuery, PageQuery)>);
        Effect::watch(
            move || query.track(),
            move |_, _, _| requested.set_value(None),
            false,
        );
        // Back/Forward (or a link) changes the URL's q: the field follows.
        let url_q = Memo::new(move |_| query.read().q.clone());
        Effect::watch(
            move || url_q.get(),
            move |q, _, _| {
                if search_text.get_untracked() != *q {
                    search_text.set(q.clone());
                }
            },
            false,
        );

        let list = LocalResource::new(move || {
            let view = view.get();
            reload.track();
            let api = api.get_value();
            async move {
                let mut parts = Vec::new();
                for kind in view.kinds() {
                    if let Some(hit) = cache.with_value(|c| c.get(&kind).cloned()) {
                        parts.push(hit);
                        continue;
                    }
                    // A load of another kind still running stops issuing requests.
                    if let Some(previous) = in_flight.get_value() {
                        previous.cancel();
                    }
                    let cancel = CancelToken::new();
                    in_flight.set_value(Some(cancel.clone()));
                    let _ = progress.try_set(None);
                    let on_progress = move |loaded, total| {
                        let _ = progress.try_set(Some((loaded, total)));
                    };
                    let page = api.load_all(kind, on_progress, &cancel).await?;
                    let loaded = KindList::new(ListView::One(kind), page.items, page.child_errors);
                    cache.update_value(|c| {
                        c.insert(kind, loaded.clone());
                    });
                    parts.push(loaded);
                }
                Ok(KindList::merge(view, parts))
            }
        });
        let roles = LocalResource::new(move || {
            let api = api.get_value();
            async move { api.list_roles().await }
        });

        let secrets_reload = RwSignal::new(0u32);
        let secrets_of = Memo::new(move |_| {
            let q = query.read();
            let id = q.sel.clone().filter(|_| q.tab == Tab::Secrets)?;
            // In All types, the kind is the selected client's.
            let kind = q.view.single().or_else(|| {
                list.read()
                    .as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .and_then(|l| l.clients.iter().find(|c| c.id() == Some(&id)))
                    .map(Client::kind)
            })?;
            kind.has_secrets().then_some((kind, id))
        });
        let secrets = LocalResource::new(move || {
            secrets_reload.track();
            let target = secrets_of.get();
            let api = api.get_value();
            async move {
                let (kind, id) = target?;
                let result = api.list_secrets(kind, &id).await;
                Some((id, result))
            }
        });

        let dialog = RwSignal::new(None::<Dialog>);
        let removing = Memo::new(move |_| match dialog.read().as_ref() {
            Some(Dialog::RemoveClient(c)) if c.kind().has_secrets() => {
                Some((c.kind(), c.id().unwrap_or_default().to_string()))
            }
            _ => None,
        });
        let removal_secrets = LocalResource::new(move || {
            let target = removing.get();
            let api = api.get_value();
            async move {
                let (kind, id) = target?;
                let result = api.list_secrets(kind, &id).await;
                Some((id, result))
            }
        });

        let summaries = Memo::new(move |_| {
            let view = view.get();
            list.get()
                .and_then(Result::ok)
                .filter(|l| l.view == view)
                .map(|l| l.summaries)
                .unwrap_or_default()
        });
        let health = HealthLoader::new(api);
        // Read the secrets of a loaded list, once it is known the user may (a Tenant Member
        // may not: the column says so once).
        let access = Memo::new(move |_| session.access());
        Effect::new(move |_| {
            let table = summaries.get();
            match access.get() {
                WriteAccess::Checking => {}
                WriteAccess::ReadOnly => health.deny(),
                WriteAccess::Allowed => health.start(&table),
            }
        });
        let sort = Memo::new(move |_| query.with(|p| p.sort));
        let chips = Memo::new(move |_| query.with(|p| p.chips));
        // The health of each row, while the order or the chips need it.
        let health_column = Memo::new(move |_| {
            let needed = sort.get().key == SortKey::Health || chips.get().needs_secrets();
            Arc::new(if needed {
                health.column(&summaries.read())
            } else {
                Vec::new()
            })
        });
        // Sorted once per list and order (a new Arc each time: it keys the search cache); a
        // keystroke only filters that order, or the earlier matches (crate::model::SearchCache).
        let sorted = Memo::new_with_compare(
            move |_| {
                let table = summaries.read();
                let mut rows: Vec<usize> = (0..table.len()).collect();
                let order = sort.get();
                if order.key == SortKey::Health {
                    table.sort_with_health(&mut rows, order, Some(&health_column.read()));
                } else {
                    table.sort(&mut rows, order);
                }
                Arc::new(rows)
            },
            |_, _| true,
        );
        let search_cache = StoredValue::new(crate::model::SearchCache::default());
        let rows = Memo::new(move |_| {
            let all = sorted.get();
            let table = summaries.read();
            let found = search_text.with(|q| {
                search_cache
                    .try_update_value(|cache| cache.rows(&table, &all, q))
                    .unwrap_or_else(|| Arc::new(table.filter_sorted(&all, q)))
            });
            let chips = chips.get();
            if chips.is_empty() {
                return found;
            }
            let column = health_column.read();
            Arc::new(
                found
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let enabled = table.get(i).and_then(|s| s.enabled());
                        chips.matches(enabled, column.get(i).copied().flatten())
                    })
                    .collect(),
            )
        });
        // Secrets read for the Secrets tab are the freshest: the column takes them too.
        Effect::new(move |_| {
            if let Some(Some((id, Ok(list)))) = secrets.get() {
                health.put(&id, &list);
            }
        });
        // A waiting export is written once the secrets it waits for are in.
        let export = RwSignal::new(None::<super::export::Waiting>);
        Effect::new(move |_| {
            let Some(waiting) = export.get() else {
                return;
            };
            let (done, total) = waiting.job.progress(&health, waiting.clients);
            if done == total {
                export.set(None);
                waiting.job.write(&health, &toasts);
            }
        });

        PageState {
            api,
            summaries,
            rows,
            health,
            removal_secrets,
            session,
            toasts,
            query,
            search_text,
            search_seq: StoredValue::new(0),
            navigate: StoredValue::new_local(Box::new(go)),
            requested,
            cache,
            reload,
            progress,
            list,
            roles,
            secrets_reload,
            secrets,
            dialog,
            reveal: RwSignal::new(None),
            rotation: RwSignal::new(None),
            expired_batch: RwSignal::new(None),
            export,
            notice: RwSignal::new(None),
            finding: RwSignal::new(None),
            new_client_id: StoredValue::new(String::new()),
            add_uncertain: StoredValue::new(false),
            secret_ids_before: StoredValue::new(Vec::new()),
            edit_base: RwSignal::new(None),
            client_form: RwSignal::new(ClientFormValues::default()),
            secret_form: RwSignal::new(SecretFormValues::default()),
            secret_form_start: StoredValue::new(SecretFormValues::default()),
            client_form_start: StoredValue::new(ClientFormValues::default()),
            asking_discard: RwSignal::new(false),
            form_errors: RwSignal::new(ValidationErrors::default()),
            return_focus: StoredValue::new(Vec::new()),
        }
    }

    pub fn api(&self) -> ApiClient {
        self.api.get_value()
    }

    /// The Client Type in the URL (or All types).
    pub fn view(&self) -> ListView {
        self.query.read().view
    }

    /// The list of the Client Type in the URL: `None` while it loads.
    pub fn list(&self) -> Option<Result<KindList, ApiError>> {
        let view = self.view();
        self.list
            .get()
            .filter(|r| r.as_ref().map(|l| l.view == view).unwrap_or(true))
    }

    /// [`PageState::client`] without tracking.
    pub fn client_untracked(&self, id: &str) -> Option<Client> {
        untrack(|| self.client(id))
    }

    /// The client with `id` in the loaded list of the kind in the URL.
    pub fn client(&self, id: &str) -> Option<Client> {
        self.list()?
            .ok()?
            .clients
            .iter()
            .find(|c| c.id() == Some(id))
            .cloned()
    }

    /// The secrets of the client `id` (`None` while they load).
    pub fn secrets_of(&self, id: &str) -> Option<Result<Vec<ClientSecret>, ApiError>> {
        self.secrets
            .get()
            .flatten()
            .filter(|(of, _)| of == id)
            .map(|(_, result)| result)
    }

    /// How many secrets go with client `id` when it is removed (`None` while loading).
    pub fn secrets_removed_with(&self, id: &str) -> Option<Result<usize, ApiError>> {
        self.removal_secrets
            .get()
            .flatten()
            .filter(|(of, _)| of == id)
            .map(|(_, result)| result.map(|list| list.len()))
    }

    /// The tenant's role names by id.
    pub fn role_names(&self) -> HashMap<String, String> {
        let Some(Ok(roles)) = self.roles.get() else {
            return HashMap::new();
        };
        roles
            .iter()
            .filter_map(|r| {
                let id = r.id.clone()?;
                Some((id.clone(), r.name.clone().unwrap_or(id)))
            })
            .collect()
    }

    // ----- the URL ---------------------------------------------------------------------

    /// Changes the page state in the URL (`replace`: no new history entry). Changes made
    /// before the router has taken the previous one build on it (two quick chip clicks both
    /// count).
    pub fn set_query(&self, change: impl FnOnce(&mut PageQuery), replace: bool) {
        let current = self.query.get_untracked();
        let mut next = self
            .requested
            .get_value()
            .filter(|(from, _)| *from == current)
            .map(|(_, requested)| requested)
            .unwrap_or_else(|| current.clone());
        next.q = self.search_text.get_untracked();
        change(&mut next);
        if next != current {
            self.requested.set_value(Some((current, next.clone())));
            self.navigate.with_value(|go| go(next, replace));
        }
    }

    pub fn choose_view(&self, view: ListView) {
        self.set_query(
            |q| {
                q.view = view;
                q.sel = None;
                q.tab = Tab::Details;
            },
            false,
        );
    }

    /// Search as the admin types: the list filters at once; the URL is replaced once the
    /// typing pauses for 300 ms.
    pub fn search(&self, text: String) {
        self.health.yield_to_typing();
        self.search_text.set(text);
        let seq = self.search_seq.get_value().wrapping_add(1);
        self.search_seq.set_value(seq);
        let this = *self;
        set_timeout(
            move || {
                if this.search_seq.try_get_value() == Some(seq) {
                    this.set_query(|_| {}, true);
                }
            },
            std::time::Duration::from_millis(300),
        );
    }

    /// A click on column `key`'s header (from the latest order, even one the URL has not
    /// taken yet).
    pub fn sort_by(&self, key: SortKey) {
        self.set_query(|q| q.sort = q.sort.clicked(key), true);
    }

    /// Opens the pane of client `id` (on its Details tab).
    pub fn select(&self, id: String) {
        self.set_query(
            |q| {
                if q.sel.as_deref() != Some(id.as_str()) {
                    q.sel = Some(id);
                    q.tab = Tab::Details;
                }
            },
            false,
        );
    }

    pub fn close_pane(&self) {
        self.set_query(
            |q| {
                q.sel = None;
                q.tab = Tab::Details;
            },
            false,
        );
    }

    pub fn show_tab(&self, tab: Tab) {
        self.set_query(|q| q.tab = tab, false);
    }

    // ----- the cached lists ------------------------------------------------------------

    /// Changes the cached list of `kind` in place (no reload from the server).
    fn edit_cache(&self, kind: ClientKind, change: impl FnOnce(&mut Vec<Client>)) {
        self.cache.update_value(|cache| {
            if let Some(list) = cache.get_mut(&kind) {
                let mut clients = list.clients.as_ref().clone();
                change(&mut clients);
                *list = KindList::new(
                    ListView::One(kind),
                    clients,
                    list.child_errors.as_ref().clone(),
                );
            }
        });
        self.reload.update(|n| *n += 1);
    }

    /// Puts the server's copy of a client in place of the cached one.
    pub fn replace(&self, client: Client) {
        self.edit_cache(client.kind(), |clients| {
            if let Some(slot) = clients.iter_mut().find(|c| c.id() == client.id()) {
                *slot = client;
            }
        });
    }

    /// Adds a created client at the end (API order: newest last).
    pub fn insert(&self, client: Client) {
        self.edit_cache(client.kind(), |clients| clients.push(client));
    }

    /// Drops a removed client (and closes its pane).
    pub fn forget(&self, kind: ClientKind, id: &str) {
        self.edit_cache(kind, |clients| clients.retain(|c| c.id() != Some(id)));
        if self.query.get_untracked().sel.as_deref() == Some(id) {
            self.close_pane();
        }
    }

    /// The client was removed elsewhere (a 404 on read or write): say so, drop the row.
    pub fn gone(&self, client: &Client) {
        let name = client.name().unwrap_or("The client");
        self.forget(client.kind(), client.id().unwrap_or_default());
        self.close_dialog();
        self.say(format!(
            "“{name}” was already removed, by someone else or in another window. It is no longer in the list."
        ));
    }

    /// Shows a message on the page until it is dismissed.
    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            offer: None,
        }));
    }

    /// Forgets the cached lists of the Client Type shown (and the secrets read for the list)
    /// and loads them again.
    pub fn refresh(&self) {
        let kinds = self.query.get_untracked().view.kinds();
        self.cache.update_value(|c| {
            for kind in kinds {
                c.remove(&kind);
            }
        });
        self.health.clear();
        self.reload.update(|n| *n += 1);
    }

    /// Loads the selected client's secrets again (after a change to them): the pane's list
    /// and the list's Secrets column.
    pub fn refresh_secrets(&self) {
        if let Some(client) = self
            .query
            .get_untracked()
            .sel
            .and_then(|id| self.client_untracked(&id))
        {
            self.health
                .forget(client.kind(), client.id().unwrap_or_default());
        }
        self.secrets_reload.update(|n| *n += 1);
    }

    /// Switches a filter chip on or off.
    pub fn toggle_chip(&self, chip: HealthChip) {
        self.set_query(|q| q.chips = q.chips.toggled(chip), true);
    }

    // ----- dialogs ---------------------------------------------------------------------

    /// Opens `dialog`; focus goes back to `return_to` (the first of these element ids that
    /// still exists) when it closes.
    pub fn open_dialog(&self, dialog: Dialog, return_to: &[&str]) {
        if !matches!(dialog, Dialog::Rotate(_)) {
            // Any other dialog ends a rotation that was left half-way.
            self.rotation.set(None);
        }
        self.return_focus_to(return_to);
        self.form_errors.set(ValidationErrors::default());
        self.finding.set(None);
        self.asking_discard.set(false);
        self.dialog.set(Some(dialog));
    }

    /// Where the focus goes when the open dialog closes, instead of its opener (when a write
    /// removed the opener).
    pub fn return_focus_to(&self, ids: &[&str]) {
        self.return_focus
            .set_value(ids.iter().map(|s| s.to_string()).collect());
    }

    pub fn close_dialog(&self) {
        self.asking_discard.set(false);
        self.dialog.set(None);
    }

    /// The form of the open dialog differs from how it opened.
    pub fn form_changed(&self) -> bool {
        match self.dialog.get_untracked() {
            Some(Dialog::AddClient(_)) => {
                self.client_form.get_untracked() != self.client_form_start.get_value()
            }
            Some(Dialog::EditClient { .. }) => {
                self.edit_base.get_untracked().is_some()
                    && self.client_form.get_untracked() != self.client_form_start.get_value()
            }
            Some(
                Dialog::AddSecret { .. }
                | Dialog::EditSecret { .. }
                | Dialog::Rotate(RotateStep::NewSecret),
            ) => self.secret_form.get_untracked() != self.secret_form_start.get_value(),
            _ => false,
        }
    }

    /// Cancel, ✕ or Esc: a changed form asks first; anything else closes.
    pub fn request_close_dialog(&self) {
        if self.form_changed() && !self.asking_discard.get_untracked() {
            self.asking_discard.set(true);
        } else {
            self.close_dialog();
        }
    }

    /// The form's values as it opened (Add Client, and Edit Client's fresh copy).
    pub fn start_client_form(&self, values: ClientFormValues) {
        self.client_form_start.set_value(values.clone());
        self.client_form.set(values);
    }

    /// Shows a secret value once (the dialog stays until the admin closes it).
    pub fn show_reveal(&self, reveal: Reveal) {
        self.reveal.set(Some(reveal));
    }

    /// Closes the shown secret: its value leaves memory and the page. In Rotate Secret, the
    /// next step follows.
    pub fn close_reveal(&self) {
        self.reveal.set(None);
        let rotating = self.rotation.with_untracked(|r| {
            r.as_ref()
                .is_some_and(|r| r.new.is_some() && r.old_after.is_none())
        });
        if rotating && self.dialog.get_untracked().is_none() {
            self.open_dialog(
                Dialog::Rotate(RotateStep::Grace),
                &["add-secret", "pane-panel"],
            );
        }
    }

    /// The answer to Add Client: the row, the selection, and the first secret shown once.
    pub fn created(&self, created: CreatedClient) {
        let s = self;
        let client = created.client();
        s.insert(client.clone());
        s.close_dialog();
        if let Some(id) = client.id() {
            s.select(id.to_string());
        }
        s.toasts.show("Client added");
        s.show_reveal(Reveal {
            title: "Client Successfully Created",
            client_id: created.client_id().map(str::to_string),
            secret: created.secret_value().map(str::to_string),
            connection: s.connection_for(&client),
        });
    }

    /// What the connection snippets of a new secret of `client` need (client-credentials
    /// only: the other kinds sign users in, which a snippet cannot show).
    pub fn connection_for(&self, client: &Client) -> Option<(String, String)> {
        (client.kind() == ClientKind::ClientCredentials).then(|| {
            (
                self.session.token_endpoint(),
                client.id().unwrap_or_default().to_string(),
            )
        })
    }

    /// Where focus goes when the dialogs close.
    pub fn return_focus(&self) -> Vec<String> {
        self.return_focus.get_value()
    }
}

/// The page's owner: its state and its writes. Provided as a context by the page.
#[derive(Clone, Copy)]
pub struct Controller {
    pub state: PageState,
    pub writes: Writes,
}

impl Controller {
    /// Builds the controller and provides it to the page's children.
    pub fn provide() -> Self {
        let state = PageState::new();
        let controller = Controller {
            state,
            writes: Writes::new(state),
        };
        provide_context(controller);
        controller
    }

    pub fn access(&self) -> crate::auth::rights::WriteAccess {
        self.state.session.access()
    }

    // ----- opening the write dialogs ------------------------------------------------------

    /// Add Client: for one Client Type, its form; in All types, first which type.
    pub fn open_add_client(&self) {
        match self.state.query.get_untracked().view {
            ListView::One(kind) => self.open_add_client_of(kind),
            ListView::All => self
                .state
                .open_dialog(Dialog::ChooseType, &["add-client", "add-client-empty"]),
        }
    }

    /// The Add Client form for `kind`.
    pub fn open_add_client_of(&self, kind: ClientKind) {
        let s = self.state;
        let mut values = ClientFormValues::for_new(&Local::now());
        if kind.has_roles() {
            // New client-credentials clients start with the tenant's Tenant Member role.
            if let Some(Ok(roles)) = s.roles.get_untracked() {
                values.role_ids = roles
                    .iter()
                    .filter(|r| r.is_tenant_member())
                    .filter_map(|r| r.id.clone())
                    .collect();
            }
        }
        s.start_client_form(values);
        s.new_client_id.set_value(new_guid());
        s.add_uncertain.set_value(false);
        self.writes.add_client.clear();
        s.open_dialog(Dialog::AddClient(kind), &["add-client"]);
    }

    /// Edit Client: the dialog opens at once and reads the client again before the form shows.
    pub fn open_edit(&self, client: &Client) {
        let s = self.state;
        let id = client.id().unwrap_or_default().to_string();
        s.edit_base.set(None);
        self.writes.update.clear();
        s.open_dialog(
            Dialog::EditClient {
                kind: client.kind(),
                id,
            },
            &["edit-client"],
        );
        self.writes.reread.dispatch(client.clone());
    }

    pub fn open_toggle(&self, client: &Client) {
        self.writes.toggle.clear();
        self.state
            .open_dialog(Dialog::ToggleClient(client.clone()), &["toggle-client"]);
    }

    pub fn open_remove(&self, client: &Client) {
        self.writes.remove.clear();
        self.state.open_dialog(
            Dialog::RemoveClient(client.clone()),
            // When the removed client was the only match of a search, there is no list: Search.
            &["more-options", "client-list", "client-search"],
        );
    }

    /// The secret form of a new secret of `client` starts from `start`; the ids of its
    /// secrets now are kept (to find the new one if the answer is lost).
    fn start_new_secret(&self, client: &Client, start: SecretFormValues) {
        let s = self.state;
        s.secret_form_start.set_value(start.clone());
        s.secret_form.set(start);
        let before = s
            .secrets_of(client.id().unwrap_or_default())
            .and_then(Result::ok)
            .map(|list| list.iter().filter_map(|x| x.id).collect())
            .unwrap_or_default();
        s.secret_ids_before.set_value(before);
        self.writes.add_secret.clear();
    }

    pub fn open_add_secret(&self, client: &Client, existing: usize) {
        let s = self.state;
        self.start_new_secret(client, SecretFormValues::for_new(&Local::now()));
        s.open_dialog(
            Dialog::AddSecret {
                client: client.clone(),
                existing,
            },
            &["add-secret"],
        );
    }

    /// Rotate Secret on `secret` of `client`, which has `existing` secrets: step 1.
    pub fn open_rotate(&self, client: &Client, secret: &ClientSecret, existing: usize) {
        let s = self.state;
        let now = Local::now();
        let mut start = SecretFormValues::for_new(&now);
        start.description = rotated_description(secret.description.as_deref(), now.date_naive());
        self.start_new_secret(client, start);
        self.writes.shorten.clear();
        s.rotation.set(Some(Rotation {
            client: client.clone(),
            old: secret.clone(),
            existing,
            new: None,
            grace: GracePeriod::SevenDays,
            old_after: None,
            old_gone: false,
        }));
        let opener = format!("rotate-secret-{}", secret.id.unwrap_or_default());
        s.open_dialog(
            Dialog::Rotate(RotateStep::NewSecret),
            &[&opener, "add-secret"],
        );
    }

    /// Step 3's button: shortens the old secret to the chosen grace period (or, when it
    /// already ends sooner, goes on to the summary).
    pub fn shorten_old_secret(&self) {
        let s = self.state;
        let Some(rotation) = s.rotation.get_untracked() else {
            return;
        };
        if self.writes.shorten.pending().get_untracked() {
            return;
        }
        match grace_change(&rotation.old, rotation.grace, chrono::Utc::now()) {
            GraceChange::Shorten(end) => {
                self.writes
                    .shorten
                    .dispatch((rotation.client, rotation.old, end));
            }
            GraceChange::KeepSooner | GraceChange::AlreadyExpired => {
                s.dialog.set(Some(Dialog::Rotate(RotateStep::Summary)));
            }
        }
    }

    /// Add reminder: an `.ics` event at `secret`'s expiry, with alarms 30 and 7 days before.
    pub fn download_reminder(&self, client: &Client, secret: &ClientSecret) {
        let name = client.name().unwrap_or_default();
        let id = client.id().unwrap_or_default();
        let Some(ics) = crate::model::ics::reminder_ics(name, id, secret, chrono::Utc::now())
        else {
            return;
        };
        let file = crate::model::ics::ics_file_name(name, secret);
        if crate::components::download::download(&file, "text/calendar;charset=utf-8", &ics) {
            self.state.toasts.show(format!(
                "Reminder saved as {file}: open it to add it to your calendar"
            ));
        }
    }

    /// Export CSV: every client of the list as shown (type, search, chips), one line per
    /// secret, made in the browser from the secrets read for the Secrets column. Secrets not
    /// read yet are read first and the file follows; pressed again meanwhile, it cancels.
    pub fn export_csv(&self) {
        use super::export::{ExportJob, Waiting};
        let s = self.state;
        if s.export.with_untracked(Option::is_some) {
            s.export.set(None);
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
        s.export.set(Some(Waiting { job, clients }));
    }

    /// Remove expired secrets of `client`: `expired` are listed, then removed on one
    /// confirmation.
    pub fn open_remove_expired(&self, client: &Client, expired: Vec<ClientSecret>) {
        let batch = expired
            .into_iter()
            .map(|x| (x, super::remove_expired::Outcome::Waiting))
            .collect();
        self.state.expired_batch.set(Some(batch));
        self.state.open_dialog(
            Dialog::RemoveExpired(client.clone()),
            &["remove-expired", "add-secret", "pane-panel"],
        );
    }

    pub fn open_edit_secret(&self, client: &Client, secret: &ClientSecret) {
        let s = self.state;
        let start = SecretFormValues::from_secret(secret, &Local::now());
        s.secret_form_start.set_value(start.clone());
        s.secret_form.set(start);
        self.writes.edit_secret.clear();
        let opener = format!("edit-secret-{}", secret.id.unwrap_or_default());
        s.open_dialog(
            Dialog::EditSecret {
                client: client.clone(),
                secret: secret.clone(),
            },
            &[&opener],
        );
    }

    pub fn open_remove_secret(&self, client: &Client, secret: &ClientSecret) {
        self.writes.remove_secret.clear();
        let opener = format!("remove-secret-{}", secret.id.unwrap_or_default());
        self.state.open_dialog(
            Dialog::RemoveSecret {
                client: client.clone(),
                secret: secret.clone(),
            },
            &[&opener, "add-secret", "pane-panel"],
        );
    }

    // ----- submitting the forms (the model builds the bodies) --------------------------

    /// Save in Add Client or Edit Client.
    pub fn submit_client_form(&self) {
        let s = self.state;
        let values = s.client_form.get_untracked();
        match s.dialog.get_untracked() {
            Some(Dialog::AddClient(kind)) => {
                if self.writes.add_client.pending().get_untracked() {
                    return;
                }
                let id = Some(s.new_client_id.get_value()).filter(|id| !id.is_empty());
                match new_client_body(kind, &values, id, &Local::now()) {
                    Err(errors) => s.form_errors.set(errors),
                    Ok(body) => {
                        s.form_errors.set(ValidationErrors::default());
                        self.writes.add_client.dispatch(body);
                    }
                }
            }
            Some(Dialog::EditClient { .. }) => {
                let Some(base) = s.edit_base.get_untracked() else {
                    return;
                };
                if self.writes.update.pending().get_untracked() {
                    return;
                }
                match client_update_body(&base.client, &values) {
                    Err(errors) => s.form_errors.set(errors),
                    Ok(None) => {
                        s.close_dialog();
                        s.toasts.show("Nothing was changed");
                    }
                    Ok(Some(changes)) => {
                        s.form_errors.set(ValidationErrors::default());
                        self.writes.update.dispatch((base.client, changes));
                    }
                }
            }
            _ => {}
        }
    }

    /// Add (or Save) in Add Secret and Edit Secret.
    pub fn submit_secret_form(&self) {
        let s = self.state;
        let values = s.secret_form.get_untracked();
        let now = Local::now();
        match s.dialog.get_untracked() {
            Some(Dialog::Rotate(RotateStep::NewSecret)) => {
                let Some(rotation) = s.rotation.get_untracked() else {
                    return;
                };
                if self.writes.add_secret.pending().get_untracked() {
                    return;
                }
                match new_secret_body(rotation.existing, &values, &now) {
                    Err(errors) => s.form_errors.set(errors),
                    Ok(body) => {
                        s.form_errors.set(ValidationErrors::default());
                        self.writes.add_secret.dispatch((rotation.client, body));
                    }
                }
            }
            Some(Dialog::AddSecret { client, existing }) => {
                if self.writes.add_secret.pending().get_untracked() {
                    return;
                }
                match new_secret_body(existing, &values, &now) {
                    Err(errors) => s.form_errors.set(errors),
                    Ok(body) => {
                        s.form_errors.set(ValidationErrors::default());
                        self.writes.add_secret.dispatch((client, body));
                    }
                }
            }
            Some(Dialog::EditSecret { client, secret }) => {
                if self.writes.edit_secret.pending().get_untracked() {
                    return;
                }
                let start = s.secret_form_start.get_value();
                match secret_update_body(&start, &values, &now) {
                    Err(errors) => s.form_errors.set(errors),
                    Ok(None) => s.close_dialog(),
                    Ok(Some(body)) => {
                        s.form_errors.set(ValidationErrors::default());
                        self.writes.edit_secret.dispatch((client, secret, body));
                    }
                }
            }
            _ => {}
        }
    }
}

/// A fresh GUID for a new client (the browser's `crypto.randomUUID`).
fn new_guid() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_default()
}

/// Copies text to the clipboard and says so (or says how to copy by hand).
pub fn copy_to_clipboard(text: String, what: &'static str) {
    let toasts = use_context::<Toasts>();
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        if let Some(toasts) = toasts {
            toasts.show(if ok {
                format!("{what} copied")
            } else {
                format!("Could not copy the {what}: select it and copy it by hand")
            });
        }
    });
}
