//! The page's state lives in the URL: `type`, `q`, `sort`, `f` (the filter chips), `sel`, `tab`. Reloading or sharing
//! the address shows the same screen; Back and Forward move between selections.

use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::auth::oidc::encode_component;
use crate::model::{ClientKind, HealthChip, HealthFilter, SortKey, SortOrder};

/// The tabs of the Details pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Details,
    Secrets,
    Roles,
}

impl Tab {
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Details => "details",
            Tab::Secrets => "secrets",
            Tab::Roles => "roles",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Details => "Details",
            Tab::Secrets => "Secrets",
            Tab::Roles => "Roles",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Tab> {
        [Tab::Details, Tab::Secrets, Tab::Roles]
            .into_iter()
            .find(|t| t.slug() == slug)
    }

    /// The tabs a kind has: Secrets for client-credentials and hybrid, Roles for
    /// client-credentials.
    pub fn available(kind: ClientKind) -> Vec<Tab> {
        let mut tabs = vec![Tab::Details];
        if kind.has_secrets() {
            tabs.push(Tab::Secrets);
        }
        if kind.has_roles() {
            tabs.push(Tab::Roles);
        }
        tabs
    }
}

/// What the list shows: one Client Type, or the three in one list (`type=all`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListView {
    One(ClientKind),
    All,
}

impl Default for ListView {
    fn default() -> Self {
        ListView::One(ClientKind::default())
    }
}

impl ListView {
    /// The choices of the Client Type select, in order.
    pub fn choices() -> impl Iterator<Item = ListView> {
        ClientKind::ALL
            .into_iter()
            .map(ListView::One)
            .chain([ListView::All])
    }

    pub fn slug(self) -> &'static str {
        match self {
            ListView::One(kind) => kind.slug(),
            ListView::All => "all",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ListView> {
        ListView::choices().find(|v| v.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            ListView::One(kind) => kind.label(),
            ListView::All => "All types",
        }
    }

    /// "client-credentials clients", …, or "clients".
    pub fn plural_noun(self) -> &'static str {
        match self {
            ListView::One(kind) => kind.plural_noun(),
            ListView::All => "clients",
        }
    }

    /// The kinds listed.
    pub fn kinds(self) -> Vec<ClientKind> {
        match self {
            ListView::One(kind) => vec![kind],
            ListView::All => ClientKind::ALL.to_vec(),
        }
    }

    /// The one kind listed (`None` for All types).
    pub fn single(self) -> Option<ClientKind> {
        match self {
            ListView::One(kind) => Some(kind),
            ListView::All => None,
        }
    }
}

/// Everything the URL says about the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageQuery {
    pub view: ListView,
    pub q: String,
    pub sort: SortOrder,
    /// The filter chips that are on (`f=expired,disabled`).
    pub chips: HealthFilter,
    pub sel: Option<String>,
    pub tab: Tab,
}

impl PageQuery {
    /// The query string for this state (`?type=hybrid&q=…`), leaving defaults out.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if self.view != ListView::default() {
            parts.push(format!("type={}", self.view.slug()));
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode_component(&self.q)));
        }
        if self.sort != SortOrder::default() {
            parts.push(format!("sort={}", encode_component(&self.sort.to_param())));
        }
        if !self.chips.is_empty() {
            parts.push(format!("f={}", self.chips.to_param()));
        }
        if let Some(sel) = &self.sel {
            parts.push(format!("sel={}", encode_component(sel)));
            if self.tab != Tab::Details {
                parts.push(format!("tab={}", self.tab.slug()));
            }
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Reads and writes the page state in the URL.
#[derive(Clone, Copy)]
pub struct UrlState {
    pub query: Memo<PageQuery>,
}

impl UrlState {
    /// Must be called in the page component (it uses the router's hooks).
    pub fn new() -> (Self, impl Fn(PageQuery, bool) + Clone + 'static) {
        let map = use_query_map();
        let query = Memo::new(move |_| {
            let map = map.read();
            let view = map
                .get("type")
                .and_then(|t| ListView::from_slug(&t))
                .unwrap_or_default();
            let sel = map.get("sel").filter(|s| !s.is_empty());
            let tab = map
                .get("tab")
                .and_then(|t| Tab::from_slug(&t))
                // In All types the selected client's own kind decides (see the pane).
                .filter(|t| {
                    view.single()
                        .is_none_or(|kind| Tab::available(kind).contains(t))
                })
                .unwrap_or_default();
            PageQuery {
                view,
                q: map.get("q").unwrap_or_default(),
                sort: map
                    .get("sort")
                    .and_then(|s| SortOrder::from_param(&s))
                    .unwrap_or_default(),
                chips: HealthFilter::from_param(&map.get("f").unwrap_or_default()),
                sel,
                tab,
            }
        });
        let navigate = use_navigate();
        let go = move |next: PageQuery, replace: bool| {
            let url = format!("/security/clients{}", next.to_query_string());
            navigate(
                &url,
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            );
        };
        (UrlState { query }, go)
    }
}

/// The page state in the URL and the Search field's text, with the ways to change them.
#[derive(Clone, Copy)]
pub struct Url {
    pub query: Memo<PageQuery>,
    /// What the Search field holds: the list filters on it at once; the URL follows after
    /// a pause (one history replacement, not a navigation per keystroke).
    pub search_text: RwSignal<String>,
    search_seq: StoredValue<u32>,
    navigate: StoredValue<Box<dyn Fn(PageQuery, bool)>, LocalStorage>,
    /// The last state asked of the router, and the state it was asked from (until the URL
    /// changes, later changes build on it).
    requested: StoredValue<Option<(PageQuery, PageQuery)>>,
}

impl Url {
    /// Must be called in the page component (it uses the router's hooks).
    pub fn from_router() -> Self {
        let (url, go) = UrlState::new();
        let query = url.query;
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
        Url {
            query,
            search_text,
            search_seq: StoredValue::new(0),
            navigate: StoredValue::new_local(Box::new(go)),
            requested,
        }
    }

    /// The Client Type in the URL (or All types).
    pub fn view(&self) -> ListView {
        self.query.read().view
    }

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

    /// The Search field's new text: the list filters at once; the URL is replaced once the
    /// typing pauses for 300 ms.
    pub fn type_search(&self, text: String) {
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

    /// Switches a filter chip on or off.
    pub fn toggle_chip(&self, chip: HealthChip) {
        self.set_query(|q| q.chips = q.chips.toggled(chip), true);
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

    /// The selected client's id.
    pub fn selected_untracked(&self) -> Option<String> {
        self.query.with_untracked(|q| q.sel.clone())
    }
}
