//! The client list: a sortable table that renders only the rows near the viewport, so that
//! 50 000 clients scroll and filter as smoothly as 10.

use leptos::{html, prelude::*};

use super::health::Cell;
use super::picks::Picks;
use super::row::{row_place, RowClient, RowView};
use super::url::ListView;
use crate::model::{
    list_window, token_lifetime_words, ClientKind, ClientSummary, ClientTable as SummaryTable,
    SortDirection, SortKey, SortOrder,
};

/// Height of one row in pixels (the CSS sets the same).
pub const ROW_HEIGHT: f64 = 40.0;
/// How many rows a viewport `viewport` pixels high renders at most.
pub fn window_places(viewport: f64) -> usize {
    list_window::places(viewport, ROW_HEIGHT)
}

/// The rows to render for a scroll position: `(first, last_exclusive)`.
pub fn window_range(scroll_top: f64, viewport: f64, rows: usize) -> (usize, usize) {
    list_window::range(scroll_top, viewport, ROW_HEIGHT, rows)
}

/// Where ↑/↓/Home/End move the cursor among `count` rows (`None`: not a moving key).
pub fn cursor_after_key(key: &str, current: Option<usize>, count: usize) -> Option<usize> {
    let last = count.checked_sub(1)?;
    match key {
        "ArrowDown" => Some(current.map(|c| (c + 1).min(last)).unwrap_or(0)),
        "ArrowUp" => Some(current.map(|c| c.saturating_sub(1)).unwrap_or(0)),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

/// What one row shows besides name, id, status and secrets: the per-kind column (the Type in
/// All types) and the token lifetime.
fn row_cells(
    view: ListView,
    summary: &ClientSummary,
    role_names: &std::collections::HashMap<String, String>,
) -> (String, String) {
    let per_kind = match view.single().map(|_| summary.kind()) {
        None => summary.kind().label().to_string(),
        Some(ClientKind::ClientCredentials) => {
            let list: Vec<&str> = summary
                .role_ids()
                .iter()
                .map(|id| role_names.get(id).map(String::as_str).unwrap_or(id))
                .collect();
            if list.is_empty() {
                "None".to_string()
            } else {
                list.join(", ")
            }
        }
        Some(_) => match summary.redirect_uri_count() {
            1 => "1 URL".to_string(),
            n => format!("{n} URLs"),
        },
    };
    let lifetime = summary
        .access_token_lifetime()
        .map(|s| token_lifetime_words(i64::from(s)))
        .unwrap_or_else(|| "1 hour".into());
    (per_kind, lifetime)
}

/// The columns and their (sortable) headers.
#[component]
fn TableHead(
    view: ListView,
    #[prop(into)] sort: Signal<SortOrder>,
    on_sort: Callback<(SortKey,)>,
    /// The picking column's header: whether every row shown is picked, how many are shown,
    /// and its click (pick all, or none).
    pick_all: Option<(Signal<bool>, Signal<usize>, Callback<()>)>,
) -> impl IntoView {
    let kind_header = match view {
        ListView::All => "Type",
        ListView::One(ClientKind::ClientCredentials) => "Roles",
        ListView::One(ClientKind::Hybrid | ClientKind::AuthorizationCode) => "Redirect URLs",
    };
    let pick_head = pick_all.map(|(all, shown, run)| {
        view! {
            <input type="checkbox" class="pick" prop:checked=all id="pick-all"
                aria-label=move || format!("Select all {} matching", shown.get())
                title=move || format!("Select all {} matching", shown.get())
                on:click=move |_| run.run(()) />
        }
    });
    view! {
        <colgroup>
            <col class="col-name" />
            <col class="col-id" />
            <col class="col-status" />
            <col class="col-health" />
            <col class="col-extra" />
            <col class="col-lifetime" />
        </colgroup>
        <thead>
            <tr>
                <SortHeader label="Name" key=SortKey::Name sort on_sort before=pick_head.into_any() />
                <SortHeader label="Client ID" key=SortKey::Id sort on_sort />
                <SortHeader label="Status" key=SortKey::Status sort on_sort />
                <SortHeader label="Secrets" key=SortKey::Health sort on_sort />
                <th scope="col">{kind_header}</th>
                <th scope="col">"Token Lifetime"</th>
            </tr>
        </thead>
    }
}

/// Scrolls `el` so that row `position` is visible below the sticky header.
fn scroll_row_into_view(el: &web_sys::HtmlElement, position: usize) {
    let top = position as f64 * ROW_HEIGHT;
    let view_top = f64::from(el.scroll_top());
    let height = f64::from(el.client_height());
    if top < view_top {
        el.set_scroll_top(top as i32);
    } else if top + 2.0 * ROW_HEIGHT > view_top + height {
        el.set_scroll_top((top + 2.0 * ROW_HEIGHT - height) as i32);
    }
}

/// A sortable column header with `aria-sort`.
#[component]
fn SortHeader(
    label: &'static str,
    key: SortKey,
    #[prop(into)] sort: Signal<SortOrder>,
    on_sort: Callback<(SortKey,)>,
    /// Drawn before the sort button (the Name header's "Select all" checkbox).
    #[prop(optional)]
    before: Option<AnyView>,
) -> impl IntoView {
    let aria = move || {
        let s = sort.get();
        match (s.key == key, s.direction) {
            (false, _) => "none",
            (true, SortDirection::Ascending) => "ascending",
            (true, SortDirection::Descending) => "descending",
        }
    };
    let click = move |_| on_sort.run((key,));
    let arrow = move || match aria() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    view! {
        <th scope="col" aria-sort=aria>
            {before}
            <button type="button" class="sort-button" on:click=click>
                {label}<span class="sort-button__arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// What the table's parts share: the data, the window onto it and the cursor.
#[derive(Clone, Copy)]
struct Table {
    view: ListView,
    items: Signal<std::sync::Arc<SummaryTable>>,
    rows: Signal<std::sync::Arc<Vec<usize>>>,
    selected: Signal<Option<String>>,
    role_names: Signal<std::collections::HashMap<String, String>>,
    health_of: Callback<(ClientKind, String), Cell>,
    on_open: Callback<(String,)>,
    on_copy: Callback<(String,)>,
    /// The positions (in `rows`) rendered now: `[first, last)`.
    range: Memo<(usize, usize)>,
    /// The viewport's height in pixels.
    viewport: RwSignal<f64>,
    /// The keyboard cursor: the row ↑/↓ move to (a position in `rows`).
    cursor: RwSignal<Option<usize>>,
    scroller: NodeRef<html::Div>,
    /// The bulk picks, where the user may pick (a Tenant Administrator).
    picks: Option<Picks>,
}

impl Table {
    fn scroll_into_view(&self, position: usize) {
        if let Some(el) = self.scroller.get_untracked() {
            scroll_row_into_view(&el, position);
        }
    }

    fn id_at(&self, position: usize) -> Option<String> {
        let index = *self.rows.read_untracked().get(position)?;
        self.items
            .read_untracked()
            .get(index)
            .map(|s| s.id().to_string())
    }

    /// Picks (Shift: a range) the row at `position`.
    fn pick(&self, position: usize, range: bool) {
        let (Some(picks), Some(id)) = (self.picks, self.id_at(position)) else {
            return;
        };
        if range {
            let (items, rows) = (self.items.get_untracked(), self.rows.get_untracked());
            picks.extend_to(&items, &rows, position);
        } else {
            picks.toggle(&id, position);
        }
    }

    /// ↑ ↓ Home End move the cursor, Enter opens its client, Esc closes the pane. Where the
    /// user may pick: Space picks the cursor's row, Shift+↑/↓ pick as they move; else Space
    /// opens too.
    fn on_keydown(&self, ev: web_sys::KeyboardEvent, on_close: Callback<()>) {
        let count = self.rows.read_untracked().len();
        let current = self.cursor.get_untracked();
        match ev.key().as_str() {
            " " if self.picks.is_some() => {
                if let Some(position) = current {
                    ev.prevent_default();
                    self.pick(position, false);
                }
            }
            "Enter" | " " => {
                if let Some(id) = current.and_then(|p| self.id_at(p)) {
                    ev.prevent_default();
                    self.on_open.run((id,));
                }
            }
            "Escape" => on_close.run(()),
            key => {
                if let Some(next) = cursor_after_key(key, current, count) {
                    ev.prevent_default();
                    if ev.shift_key() && self.picks.is_some() {
                        if let Some(from) = current {
                            self.pick(from, true);
                        }
                        self.pick(next, true);
                    }
                    self.cursor.set(Some(next));
                    self.scroll_into_view(next);
                }
            }
        }
    }

    /// Focus that comes from the search (its ↓) lands on the first row.
    fn on_focus(&self, ev: web_sys::FocusEvent) {
        let from_search = ev
            .related_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| el.id() == "client-search");
        if from_search && !self.rows.read_untracked().is_empty() {
            self.cursor.set(Some(0));
            self.scroll_into_view(0);
        }
    }

    /// The rendered row at place `offset` of the window (0, 1, 2, … from its first row): a
    /// keystroke or a scroll changes what a place shows, not the elements.
    fn place(self, offset: usize) -> impl IntoView {
        let t = self;
        // `None`: past the window's end (the list is shorter, or at the top, where the window
        // is OVERSCAN rows shorter than its places).
        let position = Memo::new(move |_| {
            let (first, last) = t.range.get();
            Some(first + offset).filter(|p| *p < last)
        });
        let shown = Memo::new(move |_| {
            let position = position.get();
            let index = position.and_then(|p| t.rows.with(|rows| rows.get(p).copied()));
            let client = index.and_then(|index| {
                t.items.with(|items| {
                    let s = items.get(index)?;
                    let (per_kind, lifetime) =
                        t.role_names.with(|names| row_cells(t.view, s, names));
                    let id = s.id().to_string();
                    Some(RowClient {
                        health: t.health_of.run((s.kind(), id.clone())),
                        id,
                        name: s.name().to_string(),
                        enabled: s.enabled(),
                        per_kind,
                        lifetime,
                    })
                })
            });
            let id = client.as_ref().map(|c| c.id.as_str());
            RowView {
                selected: id.is_some() && t.selected.with(|sel| sel.as_deref() == id),
                cursor: client.is_some() && position.is_some() && t.cursor.get() == position,
                picked: id.is_some_and(|id| t.picks.is_some_and(|picks| picks.contains(id))),
                client,
            }
        });
        let on_open = Callback::new(move |()| {
            if let Some(id) = shown.with_untracked(|v| v.client.as_ref().map(|c| c.id.clone())) {
                t.cursor.set(position.get_untracked());
                t.on_open.run((id,));
            }
        });
        let on_pick = Callback::new(move |(range,): (bool,)| {
            if let Some(position) = position.get_untracked() {
                t.cursor.set(Some(position));
                t.pick(position, range);
            }
        });
        row_place(shown, t.picks.is_some(), on_open, on_pick, t.on_copy)
    }

    /// The rendered rows between two spacers as high as the rows above and below the window.
    /// As many places as the viewport can show, whatever the number of rows: those past the
    /// end are hidden until a search or a scroll fills them.
    fn body(self) -> impl IntoView {
        let t = self;
        let places = Memo::new(move |_| window_places(t.viewport.get()));
        // Whole pixels: integer formatting (no f64 Display in the wasm).
        let top_pad = move || format!("{}px", t.range.get().0 * ROW_HEIGHT as usize);
        let bottom_pad = move || {
            let last = t.range.get().1;
            format!(
                "{}px",
                t.rows.read().len().saturating_sub(last) * ROW_HEIGHT as usize
            )
        };
        view! {
            <tr class="spacer" aria-hidden="true" style:height=top_pad></tr>
            <For each=move || 0..places.get() key=|offset| *offset let:offset>{t.place(offset)}</For>
            <tr class="spacer" aria-hidden="true" style:height=bottom_pad></tr>
        }
    }
}

/// How much of the window's height the list's viewport leaves to the rest of the page:
/// style/app.css `.client-table { max-height: calc(100vh - 250px) }`.
const PAGE_AROUND_LIST: f64 = 250.0;

/// The scroll position and height of the table's viewport, kept up to date (scroll, resize).
/// A new viewport is at the top, and at most `PAGE_AROUND_LIST` shorter than the window: that
/// is its first height, known without asking the browser for a layout (a read of
/// `clientHeight` at mount forced one before the first rows were painted, ~25 ms of issue 20's
/// trace); the rows of that height are rendered, more only if it is taller.
fn watch_viewport(scroller: NodeRef<html::Div>) -> (RwSignal<f64>, RwSignal<f64>) {
    let window_height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(1000.0);
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new((window_height - PAGE_AROUND_LIST).max(200.0));
    // A resized window changes how many rows fit.
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
            viewport.set(f64::from(el.client_height().max(1)));
        }
    });
    on_cleanup(move || resize.remove());
    (scroll_top, viewport)
}

/// The table of clients.
#[component]
pub fn ClientTable(
    view: ListView,
    /// All clients of the kind.
    #[prop(into)]
    items: Signal<std::sync::Arc<SummaryTable>>,
    /// Indices into `items` to show, in order.
    #[prop(into)]
    rows: Signal<std::sync::Arc<Vec<usize>>>,
    #[prop(into)] sort: Signal<SortOrder>,
    on_sort: Callback<(SortKey,)>,
    /// The client whose pane is open.
    #[prop(into)]
    selected: Signal<Option<String>>,
    on_open: Callback<(String,)>,
    on_close: Callback<()>,
    /// Role names for role ids (client-credentials).
    #[prop(into)]
    role_names: Signal<std::collections::HashMap<String, String>>,
    on_copy: Callback<(String,)>,
    /// The Secrets cell of a client.
    health_of: Callback<(ClientKind, String), Cell>,
    /// The rows rendered now (their secrets are read first).
    on_visible: Callback<(Vec<(ClientKind, String)>,)>,
    /// The bulk picks: a checkbox per row (only where the user may change clients).
    #[prop(optional_no_strip)]
    picks: Option<Picks>,
) -> impl IntoView {
    let scroller = NodeRef::<html::Div>::new();
    let (scroll_top, viewport) = watch_viewport(scroller);
    let range =
        Memo::new(move |_| window_range(scroll_top.get(), viewport.get(), rows.read().len()));
    let t = Table {
        view,
        items,
        rows,
        selected,
        role_names,
        health_of,
        on_open,
        on_copy,
        range,
        viewport,
        cursor: RwSignal::new(None),
        scroller,
        picks,
    };
    let pick_all = picks.map(|picks| {
        let all = Signal::derive(move || picks.all_picked(&items.read(), &rows.read()));
        let shown = Signal::derive(move || rows.read().len());
        let run = Callback::new(move |()| {
            if picks.all_picked(&items.read_untracked(), &rows.read_untracked()) {
                picks.clear();
            } else {
                picks.pick_all(&items.read_untracked(), &rows.read_untracked());
            }
        });
        (all, shown, run)
    });
    Effect::new(move |_| {
        let (first, last) = range.get();
        let items = items.read();
        let shown = rows.read()[first..last]
            .iter()
            .filter_map(|&i| items.get(i))
            .map(|s| (s.kind(), s.id().to_string()))
            .collect();
        on_visible.run((shown,));
    });
    // Keep the cursor on the open client when it changes from outside (URL, click).
    Effect::new(move |_| {
        let sel = selected.get();
        let position = sel.and_then(|id| {
            let items = items.read();
            rows.read()
                .iter()
                .position(|&i| items.get(i).map(|s| s.id() == id).unwrap_or(false))
        });
        if position.is_some() {
            t.cursor.set(position);
        }
    });
    let on_scroll = move |_| {
        if let Some(el) = scroller.get() {
            scroll_top.set(f64::from(el.scroll_top()));
            viewport.set(f64::from(el.client_height()));
        }
    };
    view! {
        <div
            class="client-table"
            id="client-list"
            node_ref=scroller
            tabindex="0"
            role="region"
            aria-label=move || if t.picks.is_some() {
                "Clients; use the arrow keys to move, Enter to open, Space to select (Shift with the arrows for several), Escape to close"
            } else {
                "Clients; use the arrow keys to move, Enter to open, Escape to close"
            }
            on:scroll=on_scroll
            on:keydown=move |ev| t.on_keydown(ev, on_close)
            on:focus=move |ev| t.on_focus(ev)
        >
            <table>
                <TableHead view sort on_sort pick_all />
                <tbody>{move || t.body()}</tbody>
            </table>
        </div>
    }
}
