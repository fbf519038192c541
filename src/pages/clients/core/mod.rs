//! The page's core: the URL state ([`url`]), the list cache ([`cache`]), the rows shown
//! (search, sort and chips over the cache), the Secrets column's reads ([`health`]), the
//! selected client's secrets for its Secrets tab, the dialog host ([`dialog`]) and the views
//! of the list and the Details pane.
//!
//! [`Page`] is what a feature may use of the core, and all of it: the selected client, the
//! cached clients (read, replace, insert, forget, refresh), the open dialog and the notice,
//! toasts, the user's rights and the API client. The core imports no feature.

pub mod actions;
pub mod batch;
pub mod cache;
pub mod chips;
pub mod details;
pub mod dialog;
pub mod health;
pub mod list;
pub mod list_area;
pub mod pane;
pub mod picks;
pub mod roles;
pub mod row;
pub mod secrets_tab;
pub mod toolbar;
pub mod url;
pub mod writes;

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::auth::rights::WriteAccess;
use crate::auth::session::Session;
use crate::components::toast::Toasts;
use crate::model::{
    chip_subject, tenant_admin_role_id, Client, ClientKind, ClientSecret, ClientTable, Role,
    SortKey,
};

use cache::{KindList, ListCache};
use dialog::Dialogs;
use health::HealthLoader;
use url::{ListView, PageQuery, Tab, Url};

/// The secrets of a client, tagged with its id (so a switch never shows the previous
/// client's secrets while the new ones load).
pub type SecretsLoad = Option<(String, Result<Vec<ClientSecret>, ApiError>)>;

/// The core of the page, shared as a `Copy` context.
#[derive(Clone, Copy)]
pub struct Page {
    api: StoredValue<ApiClient>,
    pub session: Session,
    pub toasts: Toasts,
    pub url: Url,
    /// The tenant's roles (names for the role ids; the posture's Tenant Administrator).
    pub roles: LocalResource<Result<Vec<Role>, ApiError>>,
    pub query: Memo<PageQuery>,
    pub search_text: RwSignal<String>,
    pub lists: ListCache,
    /// The id of the tenant's Tenant Administrator role (once the roles are read).
    pub admin_role: Memo<Option<String>>,
    /// The loaded rows of the kind in the URL (empty while loading).
    pub summaries: Memo<Arc<ClientTable>>,
    /// The rows to show: `summaries` filtered by the search and chips and sorted, computed
    /// once per keystroke over the pre-ranked table.
    pub rows: Memo<Arc<Vec<usize>>>,
    /// The clients' secrets, read in the background for the Secrets column.
    pub health: HealthLoader,
    /// `(read, to read)` of the Secrets column, counted once per change for every view of it.
    pub health_progress: Memo<(usize, usize)>,
    secrets_reload: RwSignal<u32>,
    secrets: LocalResource<SecretsLoad>,
    pub dialogs: Dialogs,
    /// The clients picked for a bulk action (the list's checkboxes).
    pub picks: picks::Picks,
    /// Where a write that can be undone reports it (set by the shell to the Undo room).
    undo: StoredValue<Option<Callback<(String, writes::Change)>>>,
}

impl Page {
    /// Call in the page component (router hooks, contexts); provides the page as a context.
    pub fn provide() -> Self {
        let session = expect_context::<Session>();
        let api = StoredValue::new(expect_context::<ApiClient>());
        let url = Url::from_router();
        let query = url.query;
        let view = Memo::new(move |_| query.read().view);
        let lists = ListCache::new(api, view);
        let summaries = Memo::new(move |_| lists.summaries());
        let health = HealthLoader::new(api);
        read_health_when_allowed(session, summaries, health);
        let (secrets_reload, secrets) = selected_secrets(api, query, lists);
        // Secrets read for the Secrets tab are the freshest: the column takes them too.
        Effect::new(move |_| {
            if let Some(Some((id, Ok(list)))) = secrets.get() {
                health.put(&id, &list);
            }
        });
        let roles = LocalResource::new(move || {
            let api = api.get_value();
            async move { api.list_roles().await }
        });
        let admin_role = Memo::new(move |_| match roles.get() {
            Some(Ok(list)) => tenant_admin_role_id(&list),
            _ => None,
        });
        let page = Page {
            api,
            session,
            toasts: expect_context::<Toasts>(),
            url,
            query,
            search_text: url.search_text,
            lists,
            roles,
            admin_role,
            summaries,
            rows: shown_rows(query, url.search_text, summaries, health, admin_role),
            health,
            health_progress: Memo::new(move |_| health.progress()),
            secrets_reload,
            secrets,
            dialogs: Dialogs::new(),
            undo: StoredValue::new(None),
            picks: picks::Picks::new(),
        };
        // Another Client Type (or All types) starts with nothing picked.
        Effect::new(move |_| {
            view.track();
            page.picks.clear();
        });
        provide_context(page);
        page
    }

    pub fn api(&self) -> ApiClient {
        self.api.get_value()
    }

    /// Says that a write is `done` (a toast), offering Undo of `change` where the page has
    /// the Undo room.
    pub fn done(&self, done: &str, change: writes::Change) {
        match self.undo.get_value() {
            Some(offer) => offer.run((done.to_string(), change)),
            None => self.toasts.show(done),
        }
    }

    /// Makes `offer` the one that [`Page::done`] calls.
    pub fn offer_undo_with(&self, offer: Callback<(String, writes::Change)>) {
        self.undo.set_value(Some(offer));
    }

    /// The secrets of the client `target` gives, read when it changes (see
    /// [`secrets_resource`]).
    pub fn secrets_resource(
        &self,
        target: impl Fn() -> Option<(ClientKind, String)> + Send + Sync + 'static,
    ) -> LocalResource<SecretsLoad> {
        secrets_resource(self.api, target)
    }

    pub fn access(&self) -> WriteAccess {
        self.session.access()
    }

    /// The Client Type in the URL (or All types).
    pub fn view(&self) -> ListView {
        self.url.view()
    }

    /// The list of the Client Type in the URL: `None` while it loads.
    pub fn list(&self) -> Option<Result<KindList, ApiError>> {
        self.lists.list()
    }

    /// The client with `id` in the loaded list of the kind in the URL.
    pub fn client(&self, id: &str) -> Option<Client> {
        self.lists.client(id)
    }

    /// [`Page::client`] without tracking.
    pub fn client_untracked(&self, id: &str) -> Option<Client> {
        untrack(|| self.client(id))
    }

    /// The secrets of the selected client `id` (`None` while they load).
    pub fn secrets_of(&self, id: &str) -> Option<Result<Vec<ClientSecret>, ApiError>> {
        self.secrets
            .get()
            .flatten()
            .filter(|(of, _)| of == id)
            .map(|(_, result)| result)
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

    /// Search as the admin types (the Secrets column's reads make way for the keystroke).
    pub fn search(&self, text: String) {
        self.health.yield_to_typing();
        self.url.type_search(text);
    }

    // ----- the cached lists ------------------------------------------------------------

    /// Puts the server's copy of a client in place of the cached one.
    pub fn replace(&self, client: Client) {
        self.lists.replace(client);
    }

    /// Adds a created client at the end (API order: newest last).
    pub fn insert(&self, client: Client) {
        self.lists.insert(client);
    }

    /// Drops a removed client (and closes its pane).
    pub fn forget(&self, kind: ClientKind, id: &str) {
        self.lists.remove(kind, id);
        if self.url.selected_untracked().as_deref() == Some(id) {
            self.url.close_pane();
        }
    }

    /// The outcome of a bulk action at once: the server's copies of `replaced` and the
    /// `removed` clients gone (one update of the list per kind, not one per client).
    pub fn apply_many(&self, replaced: Vec<Client>, removed: Vec<(ClientKind, String)>) {
        for kind in ClientKind::ALL {
            let mine: Vec<Client> = replaced
                .iter()
                .filter(|c| c.kind() == kind)
                .cloned()
                .collect();
            let gone: Vec<String> = removed
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| id.clone())
                .collect();
            if self
                .url
                .selected_untracked()
                .is_some_and(|sel| gone.contains(&sel))
            {
                self.url.close_pane();
            }
            self.lists.apply(kind, mine, &gone);
        }
    }

    /// The client was removed elsewhere (a 404 on read or write): say so, drop the row.
    pub fn gone(&self, client: &Client) {
        let name = client.name().unwrap_or("The client");
        self.forget(client.kind(), client.id().unwrap_or_default());
        self.dialogs.close();
        self.dialogs.say(format!(
            "“{name}” was already removed, by someone else or in another window. It is no longer in the list."
        ));
    }

    /// Forgets the cached lists of the Client Type shown (and the secrets read for the list)
    /// and loads them again.
    pub fn refresh(&self) {
        self.lists.reload(self.query.get_untracked().view.kinds());
        self.health.clear();
    }

    /// Loads the selected client's secrets again (after a change to them): the pane's list
    /// and the list's Secrets column.
    pub fn refresh_secrets(&self) {
        if let Some(client) = self
            .url
            .selected_untracked()
            .and_then(|id| self.client_untracked(&id))
        {
            self.health
                .forget(client.kind(), client.id().unwrap_or_default());
        }
        self.secrets_reload.update(|n| *n += 1);
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
}

/// Reads the secrets of a loaded list, once it is known the user may (a Tenant Member may
/// not: the column says so once).
fn read_health_when_allowed(
    session: Session,
    summaries: Memo<Arc<ClientTable>>,
    health: HealthLoader,
) {
    let access = Memo::new(move |_| session.access());
    Effect::new(move |_| {
        let table = summaries.get();
        match access.get() {
            WriteAccess::Checking => {}
            WriteAccess::ReadOnly => health.deny(),
            WriteAccess::Allowed => health.start(&table),
        }
    });
}

/// The Secrets tab's read of the selected client's secrets, and its reload counter.
fn selected_secrets(
    api: StoredValue<ApiClient>,
    query: Memo<PageQuery>,
    lists: ListCache,
) -> (RwSignal<u32>, LocalResource<SecretsLoad>) {
    let reload = RwSignal::new(0u32);
    let target = Memo::new(move |_| {
        let q = query.read();
        let id = q.sel.clone().filter(|_| q.tab == Tab::Secrets)?;
        // In All types, the kind is the selected client's.
        let kind = q
            .view
            .single()
            .or_else(|| lists.client(&id).as_ref().map(Client::kind))?;
        kind.has_secrets().then_some((kind, id))
    });
    let secrets = secrets_resource(api, move || {
        reload.track();
        target.get()
    });
    (reload, secrets)
}

/// The secrets of the client `target` gives (`None`: nothing to read), tagged with its id.
fn secrets_resource(
    api: StoredValue<ApiClient>,
    target: impl Fn() -> Option<(ClientKind, String)> + Send + Sync + 'static,
) -> LocalResource<SecretsLoad> {
    LocalResource::new(move || {
        let target = target();
        let api = api.get_value();
        async move {
            let (kind, id) = target?;
            let result = api.list_secrets(kind, &id).await;
            Some((id, result))
        }
    })
}

/// The rows shown: sorted once per list and order (a new Arc each time: it keys the search
/// cache); a keystroke only filters that order, or the earlier matches
/// ([`crate::model::SearchCache`]); then the chips.
fn shown_rows(
    query: Memo<PageQuery>,
    search_text: RwSignal<String>,
    summaries: Memo<Arc<ClientTable>>,
    health: HealthLoader,
    admin_role: Memo<Option<String>>,
) -> Memo<Arc<Vec<usize>>> {
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
    Memo::new(move |_| {
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
        let admin = admin_role.read();
        Arc::new(
            found
                .iter()
                .copied()
                .filter(|&i| {
                    table.get(i).is_some_and(|s| {
                        let health = column.get(i).copied().flatten();
                        chips.matches(chip_subject(s, health, admin.as_deref()))
                    })
                })
                .collect(),
        )
    })
}

/// Runs `f` once the next frame has been painted: a requestAnimationFrame callback runs just
/// before that paint, a task queued from it after. For work that must not hold up what the
/// current turn puts on screen (the first rows).
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(window) = web_sys::window() else {
        return;
    };
    let after = Closure::once_into_js(f);
    let before_paint = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(after.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(before_paint.unchecked_ref());
}
