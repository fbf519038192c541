//! Security › Clients: pick the Client Type, find the client, read its details.
//!
//! The URL is the state (see [`state`]); the list of each kind is loaded once (all pages,
//! with progress) and cached while the page lives; secrets and roles load when their tab
//! opens.

mod actions;
mod client_form;
mod details;
mod list;
mod pane;
mod roles;
mod secret_form;
mod secrets;
pub mod state;
mod write;

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{ApiClient, ApiError, CancelToken};
use crate::auth::session::Session;
use crate::components::dialog::Modal;
use crate::components::error_panel::ErrorPanel;
use crate::components::secret_reveal::SecretReveal;
use crate::components::toast::Toasts;
use crate::model::{
    Client, ClientKind, ClientSummary, ClientTable as SummaryTable, CreatedClient, Role, SortOrder,
};

use client_form::{ClientFormBody, FormMode, Saved};
use list::ClientTable;
use pane::ClientPane;
use state::{PageQuery, Tab, UrlState};

/// One kind's clients, as loaded.
#[derive(Clone, Default)]
pub struct KindList {
    pub clients: Arc<Vec<Client>>,
    /// The list rows, indexed for fast search and sort.
    pub summaries: Arc<SummaryTable>,
}

/// The cached lists and what invalidates them, shared with the pane's actions.
#[derive(Clone, Copy)]
pub struct ClientLists {
    cache: StoredValue<HashMap<ClientKind, KindList>>,
    reload: RwSignal<u32>,
}

impl ClientLists {
    /// Changes the cached list of `kind` in place (no reload from the server).
    fn edit(&self, kind: ClientKind, change: impl FnOnce(&mut Vec<Client>)) {
        self.cache.update_value(|cache| {
            if let Some(list) = cache.get_mut(&kind) {
                let mut clients = list.clients.as_ref().clone();
                change(&mut clients);
                let summaries = clients.iter().map(ClientSummary::from_client).collect();
                *list = KindList {
                    clients: Arc::new(clients),
                    summaries: Arc::new(SummaryTable::new(summaries)),
                };
            }
        });
        self.reload.update(|n| *n += 1);
    }

    /// Puts the server's answer to an update in place of the old client.
    pub fn replace(&self, client: Client) {
        let kind = client.kind();
        self.edit(kind, |clients| {
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

    /// Forgets the cached list of `kind` and loads it again.
    pub fn refresh(&self, kind: ClientKind) {
        self.cache.update_value(|c| {
            c.remove(&kind);
        });
        self.reload.update(|n| *n += 1);
    }
}

/// Copies text to the clipboard and says so.
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

/// The Clients page.
#[component]
pub fn ClientsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let api = expect_context::<ApiClient>();
    let (url, go) = UrlState::new();
    let go = StoredValue::new_local(go);
    let set_query = move |next: PageQuery, replace: bool| go.with_value(|go| go(next, replace));

    let lists = ClientLists {
        cache: StoredValue::new(HashMap::new()),
        reload: RwSignal::new(0),
    };
    provide_context(lists);
    let kind = Memo::new(move |_| url.query.read().kind);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let in_flight = StoredValue::new(None::<CancelToken>);

    let list_api = api.clone();
    let list = LocalResource::new(move || {
        let kind = kind.get();
        lists.reload.track();
        let api = list_api.clone();
        async move {
            if let Some(hit) = lists.cache.with_value(|c| c.get(&kind).cloned()) {
                return Ok(hit);
            }
            // A load of another kind still running stops issuing requests.
            if let Some(previous) = in_flight.get_value() {
                previous.cancel();
            }
            let cancel = CancelToken::new();
            in_flight.set_value(Some(cancel.clone()));
            progress.set(None);
            let result = api
                .load_all(
                    kind,
                    move |loaded, total| {
                        let _ = progress.try_set(Some((loaded, total)));
                    },
                    &cancel,
                )
                .await;
            let page = match result {
                Ok(page) => page,
                Err(err) => {
                    if let Some(status) = err.status() {
                        session.note_status(status);
                    }
                    return Err(err);
                }
            };
            let summaries: Vec<ClientSummary> =
                page.items.iter().map(ClientSummary::from_client).collect();
            let loaded = KindList {
                clients: Arc::new(page.items),
                summaries: Arc::new(SummaryTable::new(summaries)),
            };
            lists.cache.update_value(|c| {
                c.insert(kind, loaded.clone());
            });
            Ok(loaded)
        }
    });

    let roles_api = api.clone();
    let roles = LocalResource::new(move || {
        let api = roles_api.clone();
        async move { api.list_roles().await }
    });
    let role_names = Memo::new(move |_| {
        roles
            .get()
            .and_then(Result::ok)
            .map(|roles| {
                roles
                    .iter()
                    .filter_map(|r| {
                        Some((
                            r.id.clone()?,
                            r.name
                                .clone()
                                .unwrap_or_else(|| r.id.clone().unwrap_or_default()),
                        ))
                    })
                    .collect::<HashMap<String, String>>()
            })
            .unwrap_or_default()
    });
    let tenant_roles = Signal::derive(move || roles.get());

    let loaded = Memo::new(move |_| {
        list.get()
            .and_then(Result::ok)
            .map(|l| (l.clients, l.summaries))
    });
    let summaries = Memo::new(move |_| loaded.get().map(|(_, s)| s).unwrap_or_default());
    let rows = Memo::new(move |_| {
        let (q, sort) = url.query.with(|p| (p.q.clone(), p.sort));
        Arc::new(summaries.read().query(&q, sort))
    });
    let selected_id = Memo::new(move |_| url.query.read().sel.clone());
    let selected = Memo::new(move |_| {
        let id = selected_id.get()?;
        let (clients, _) = loaded.get()?;
        let found = clients
            .iter()
            .find(|c| c.id() == Some(id.as_str()))
            .cloned();
        Some(found.ok_or(id))
    });

    let on_kind = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let next_kind = ClientKind::from_slug(&value).unwrap_or_default();
        let current = url.query.get_untracked();
        set_query(
            PageQuery {
                kind: next_kind,
                sel: None,
                tab: Tab::Details,
                ..current
            },
            false,
        );
    };
    let on_search = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        set_query(
            PageQuery {
                q,
                ..url.query.get_untracked()
            },
            true,
        );
    };
    let on_sort = Callback::new(move |(sort,): (SortOrder,)| {
        set_query(
            PageQuery {
                sort,
                ..url.query.get_untracked()
            },
            true,
        );
    });
    let on_open = Callback::new(move |(id,): (String,)| {
        let current = url.query.get_untracked();
        if current.sel.as_deref() != Some(id.as_str()) {
            set_query(
                PageQuery {
                    sel: Some(id),
                    tab: Tab::Details,
                    ..current
                },
                false,
            );
        }
    });
    let on_close = Callback::new(move |()| {
        let current = url.query.get_untracked();
        if current.sel.is_some() {
            set_query(
                PageQuery {
                    sel: None,
                    tab: Tab::Details,
                    ..current
                },
                false,
            );
        }
    });
    let on_tab = Callback::new(move |(tab,): (Tab,)| {
        set_query(
            PageQuery {
                tab,
                ..url.query.get_untracked()
            },
            false,
        );
    });
    let on_copy = Callback::new(move |(id,): (String,)| copy_to_clipboard(id, "Client ID"));
    let on_created = Callback::new(move |(id,): (String,)| {
        set_query(
            PageQuery {
                sel: Some(id),
                tab: Tab::Details,
                ..url.query.get_untracked()
            },
            false,
        );
    });
    let refresh = move |_| lists.refresh(kind.get_untracked());

    let kind_options = move || {
        let current = kind.get();
        ClientKind::ALL
            .into_iter()
            .map(|k| view! { <option value=k.slug() selected=k == current>{k.label()}</option> })
            .collect_view()
    };

    let read_only_note = move || {
        (session.is_admin.get() == Some(false)).then(|| {
            view! {
                <p class="read-only-note" role="note" data-testid="read-only-note">
                    "You can look but not change: adding, editing and removing clients and secrets needs the "
                    <strong>"Tenant Administrator"</strong>
                    " role, and you are signed in without it. Ask a Tenant Administrator of this tenant if you need a change."
                </p>
            }
        })
    };

    let progress_bar = move || {
        let (loaded_now, total) = progress.get()?;
        let loading = list.get().is_none();
        (loading && total > 100).then(|| {
            view! {
                <div class="load-progress">
                    <progress max=total value=loaded_now aria-label="Loading clients"></progress>
                    <span>{format!("Loading {loaded_now} of {total} clients…")}</span>
                </div>
            }
        })
    };

    let list_area = move || {
        let k = kind.get();
        match list.get() {
            None => view! { <SkeletonRows /> }.into_any(),
            Some(Err(err)) => {
                let retry = Callback::new(move |()| lists.refresh(kind.get_untracked()));
                view! {
                    <ErrorPanel error=err title=format!("The {} could not be loaded.", k.plural_noun()) on_retry=retry />
                }
                .into_any()
            }
            Some(Ok(l)) if l.summaries.is_empty() => view! {
                <div class="empty-state">
                    <p class="empty-state__title">{format!("No {} yet", k.plural_noun())}</p>
                    <p class="muted">"Add one to let an application or device authenticate to this tenant."</p>
                    <AddClientButton kind=kind tenant_roles on_created=on_created />
                </div>
            }
            .into_any(),
            Some(Ok(_)) if rows.read().is_empty() => view! {
                <div class="empty-state">
                    <p class="empty-state__title">"No clients match your search"</p>
                    <p class="muted">{move || format!("Nothing in the name or client ID contains “{}”.", url.query.read().q)}</p>
                    <button type="button" class="button" on:click=move |_| set_query(PageQuery { q: String::new(), ..url.query.get_untracked() }, true)>
                        "Clear search"
                    </button>
                </div>
            }
            .into_any(),
            Some(Ok(_)) => view! {
                <ClientTable
                    kind=k
                    items=summaries
                    rows=rows
                    sort=Signal::derive(move || url.query.read().sort)
                    on_sort
                    selected=selected_id
                    on_open
                    on_close
                    role_names=role_names
                    on_copy
                />
            }
            .into_any(),
        }
    };

    let count_line = move || {
        let total = summaries.read().len();
        let shown = rows.read().len();
        let noun = kind.get().plural_noun();
        if list.get().is_none() {
            String::new()
        } else if shown == total {
            format!("{total} {noun}")
        } else {
            format!("{shown} of {total} {noun}")
        }
    };

    let pane = move || {
        let result = selected.get()?;
        let tab = url.query.read().tab;
        Some(match result {
            Ok(client) => view! { <ClientPane client tab on_tab on_close tenant_roles /> }.into_any(),
            Err(id) => view! {
                <aside class="pane" aria-label="Client details">
                    <div class="pane__header">
                        <h2>"Client not found"</h2>
                        <button type="button" class="icon-button" aria-label="Close" on:click=move |_| on_close.run(())>"✕"</button>
                    </div>
                    <p>{format!("There is no {} with the ID {id}. It may have been removed.", kind.get().label())}</p>
                </aside>
            }
            .into_any(),
        })
    };

    view! {
        <section class="page clients-page" aria-labelledby="page-title">
            <header class="page__header">
                <h1 id="page-title">"Clients"</h1>
                <p class="page__lead">
                    "OAuth clients let devices, services and applications authenticate to this tenant."
                </p>
            </header>
            {read_only_note}
            <div class="toolbar">
                <label class="field field--inline">
                    <span class="field__label">"Client Type"</span>
                    <select on:change=on_kind data-testid="client-type">{kind_options}</select>
                </label>
                <label class="field field--inline field--grow">
                    <span class="field__label">"Search"</span>
                    <input
                        type="search"
                        placeholder="Name or client ID"
                        data-testid="search"
                        prop:value=move || url.query.read().q.clone()
                        on:input=on_search
                    />
                </label>
                <button type="button" class="button" on:click=refresh title="Load the list again from the server">
                    "Refresh"
                </button>
                <AddClientButton kind=kind tenant_roles on_created=on_created />
            </div>
            {progress_bar}
            <p class="count-line muted" aria-live="polite">{count_line}</p>
            <div class="clients-layout" class:clients-layout--with-pane=move || selected_id.read().is_some()>
                <div class="clients-layout__list">{list_area}</div>
                {pane}
            </div>
        </section>
    }
}

/// Add Client: the form for the selected Client Type, then the new Client ID and (for
/// client-credentials and hybrid clients) the first secret's value, shown once.
#[component]
fn AddClientButton(
    #[prop(into)] kind: Signal<ClientKind>,
    #[prop(into)] tenant_roles: Signal<RolesResult>,
    /// Called with the new client's id (to select it).
    on_created: Callback<(String,)>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let lists = expect_context::<ClientLists>();
    let toasts = expect_context::<Toasts>();
    let form_open = RwSignal::new(false);
    let created = RwSignal::new(None::<CreatedClient>);
    let close_form = Callback::new(move |()| form_open.set(false));
    let close_reveal = Callback::new(move |()| created.set(None));
    let on_saved = Callback::new(move |(saved,): (Saved,)| {
        form_open.set(false);
        if let Saved::Created(new_client) = saved {
            let client = new_client.client();
            lists.insert(client.clone());
            if let Some(id) = client.id() {
                on_created.run((id.to_string(),));
            }
            toasts.show("Client added");
            created.set(Some(new_client));
        }
    });
    let title = move || format!("Add Client: {}", kind.get().label());
    view! {
        <button
            type="button"
            class="button button--primary"
            disabled=move || !session.may_change()
            title=move || (!session.may_change()).then_some("Only a Tenant Administrator can add clients")
            on:click=move |_| form_open.set(true)
        >
            "Add Client"
        </button>
        {move || form_open.get().then(|| view! {
            <Modal open=true title=title() on_close=close_form wide=true>
                <ClientFormBody mode=FormMode::Add(kind.get_untracked()) tenant_roles on_saved on_cancel=close_form />
            </Modal>
        })}
        {move || created.get().map(|new_client| {
            let client_id = new_client.client_id().map(str::to_string);
            let secret = new_client.secret_value().map(str::to_string);
            view! {
                <Modal open=true title="Client Successfully Created" on_close=close_reveal>
                    <SecretReveal
                        client_id=client_id.clone()
                        secret=secret.clone()
                        on_copy=Callback::new(|(text, what): (String, &'static str)| copy_to_clipboard(text, what))
                        on_close=close_reveal
                    />
                </Modal>
            }
        })}
    }
}

/// Placeholder rows while the list loads.
#[component]
fn SkeletonRows() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" aria-label="Loading clients">
            {(0..6).map(|_| view! { <div class="skeleton__row"></div> }).collect_view()}
        </div>
    }
}

/// The tenant's roles as loaded (None while loading), shared by the list, the Roles tab and the forms.
pub type RolesResult = Option<Result<Vec<Role>, ApiError>>;
