//! The page's state lives in the URL: `type`, `q`, `sort`, `f` (the filter chips), `sel`, `tab`. Reloading or sharing
//! the address shows the same screen; Back and Forward move between selections.

use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::auth::oidc::encode_component;
use crate::model::{ClientKind, HealthFilter, SortOrder};

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
