//! The list cache: the clients of each kind as loaded (All types merges the kinds), loaded
//! once per kind and then changed in place by the writes (a saved client replaces its row, a
//! created one is added, a removed one goes) until Refresh reads them again.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::Page;
use crate::api::{ApiClient, ApiError, CancelToken};
use crate::model::{Client, ClientKind, ClientSummary, ClientTable, MultiStatusResponseChildError};

use super::url::ListView;

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

/// The first page of the list the sign-in returns to, sent before the console mounts (the
/// shell takes ~60 ms to build; the request need not wait for it). The list's first load
/// takes its answer instead of asking again.
#[derive(Clone)]
pub struct FirstPage(Arc<std::sync::Mutex<Option<(ClientKind, FirstAnswer)>>>);

type FirstAnswer = futures::channel::oneshot::Receiver<Result<Page<Client>, ApiError>>;

impl FirstPage {
    /// Sends the first page of the list at `location` (a path and query of this app under
    /// `base_path`) when it is the Clients page of one Client Type; `None` otherwise.
    pub fn send(api: ApiClient, location: &str, base_path: &str) -> Option<FirstPage> {
        let (path, query) = location.split_once('?').unwrap_or((location, ""));
        let page = path.trim_end_matches('/');
        let clients =
            page.ends_with("/security/clients") || page == base_path.trim_end_matches('/');
        if !clients {
            return None;
        }
        let view = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("type="))
            .map_or(Some(ListView::default()), ListView::from_slug)?;
        let kind = view.single()?;
        let (answer, answered) = futures::channel::oneshot::channel();
        leptos::task::spawn_local(async move {
            let _ = answer.send(api.first_page(kind).await);
        });
        Some(FirstPage(Arc::new(std::sync::Mutex::new(Some((
            kind, answered,
        ))))))
    }

    /// The answer to come for `kind`'s first page, once (a later load asks the API again).
    fn take(&self, kind: ClientKind) -> Option<FirstAnswer> {
        let mut slot = self.0.lock().ok()?;
        if slot.as_ref().is_some_and(|(k, _)| *k == kind) {
            slot.take().map(|(_, answer)| answer)
        } else {
            None
        }
    }
}

/// The loaded lists and the list of the Client Type shown.
#[derive(Clone, Copy)]
pub struct ListCache {
    cache: StoredValue<HashMap<ClientKind, KindList>>,
    reload: RwSignal<u32>,
    /// `(loaded, total)` while a long list loads.
    pub progress: RwSignal<Option<(usize, usize)>>,
    list: LocalResource<Result<KindList, ApiError>>,
    view: Memo<ListView>,
}

impl ListCache {
    /// Loads the lists of `view`'s kinds (from the cache where it has them).
    pub fn new(api: StoredValue<ApiClient>, view: Memo<ListView>) -> Self {
        let cache = StoredValue::new(HashMap::<ClientKind, KindList>::new());
        let reload = RwSignal::new(0u32);
        let in_flight = StoredValue::new(None::<CancelToken>);
        let progress = RwSignal::new(None::<(usize, usize)>);
        let first_page = use_context::<FirstPage>();
        let list = LocalResource::new(move || {
            let view = view.get();
            reload.track();
            let api = api.get_value();
            let first_page = first_page.clone();
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
                    let sent = first_page
                        .as_ref()
                        .and_then(|f| f.take(kind))
                        .map(|answer| {
                            let api = api.clone();
                            let first: futures::future::LocalBoxFuture<'static, _> =
                                Box::pin(async move {
                                    match answer.await {
                                        Ok(page) => page,
                                        Err(_) => api.first_page(kind).await,
                                    }
                                });
                            first
                        });
                    let page = api.load_all_after(kind, sent, on_progress, &cancel).await?;
                    let loaded = KindList::new(ListView::One(kind), page.items, page.child_errors);
                    cache.update_value(|c| {
                        c.insert(kind, loaded.clone());
                    });
                    parts.push(loaded);
                }
                Ok(KindList::merge(view, parts))
            }
        });
        ListCache {
            cache,
            reload,
            progress,
            list,
            view,
        }
    }

    /// The list of the Client Type in the URL: `None` while it loads.
    pub fn list(&self) -> Option<Result<KindList, ApiError>> {
        let view = self.view.get();
        self.list
            .get()
            .filter(|r| r.as_ref().map(|l| l.view == view).unwrap_or(true))
    }

    /// The rows of the list shown (empty while it loads).
    pub fn summaries(&self) -> Arc<ClientTable> {
        let view = self.view.get();
        self.list
            .get()
            .and_then(Result::ok)
            .filter(|l| l.view == view)
            .map(|l| l.summaries)
            .unwrap_or_default()
    }

    /// The client with `id` in the list shown.
    pub fn client(&self, id: &str) -> Option<Client> {
        self.list()?
            .ok()?
            .clients
            .iter()
            .find(|c| c.id() == Some(id))
            .cloned()
    }

    /// Changes the cached list of `kind` in place (no reload from the server).
    fn edit(&self, kind: ClientKind, change: impl FnOnce(&mut Vec<Client>)) {
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
        self.edit(client.kind(), |clients| {
            if let Some(slot) = clients.iter_mut().find(|c| c.id() == client.id()) {
                *slot = client;
            }
        });
    }

    /// Adds a created client at the end (API order: newest last).
    pub fn insert(&self, client: Client) {
        self.edit(client.kind(), |clients| clients.push(client));
    }

    /// Drops a removed client.
    pub fn remove(&self, kind: ClientKind, id: &str) {
        self.edit(kind, |clients| clients.retain(|c| c.id() != Some(id)));
    }

    /// Many changes of one kind's list at once (one copy of the list, however many): the
    /// server's copies of `replaced`, and `removed` gone.
    pub fn apply(&self, kind: ClientKind, replaced: Vec<Client>, removed: &[String]) {
        if replaced.is_empty() && removed.is_empty() {
            return;
        }
        let mut by_id: std::collections::HashMap<String, Client> = replaced
            .into_iter()
            .filter_map(|c| Some((c.id()?.to_string(), c)))
            .collect();
        let removed: std::collections::HashSet<&str> = removed.iter().map(String::as_str).collect();
        self.edit(kind, |clients| {
            clients.retain(|c| !c.id().is_some_and(|id| removed.contains(id)));
            for slot in clients.iter_mut() {
                if let Some(new) = slot.id().and_then(|id| by_id.remove(id)) {
                    *slot = new;
                }
            }
        });
    }

    /// Forgets the lists of `kinds` and loads the list shown again.
    pub fn reload(&self, kinds: Vec<ClientKind>) {
        self.cache.update_value(|c| {
            for kind in kinds {
                c.remove(&kind);
            }
        });
        self.reload.update(|n| *n += 1);
    }
}
