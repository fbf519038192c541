//! One rendered row of the client list, at a fixed place in the window, updated in one step.
//!
//! A keystroke that changes the rows changes what every place shows. Bound cell by cell (a
//! reactive update per text and attribute, some 25 per row) that cost more than the DOM writes
//! themselves (issue 20's profile: the slowest keys spent 6–9 ms in the reactive graph). Here
//! each place has one memo, [`RowView`], of everything it shows, and one effect that compares
//! it with what the place showed and writes only the differences.

use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use super::health::Cell;
use crate::components::badge::{health_class, status_look};
use crate::components::icons::CopyIcon;

/// What a place shows: a client, or nothing (a place past the end of the list, hidden).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowView {
    pub client: Option<RowClient>,
    /// The client's pane is open.
    pub selected: bool,
    /// The keyboard cursor is on this row.
    pub cursor: bool,
    /// Picked for a bulk action.
    pub picked: bool,
}

/// The client a place shows, as its cells show it.
#[derive(Clone, Debug, PartialEq)]
pub struct RowClient {
    pub id: String,
    pub name: String,
    pub enabled: Option<bool>,
    /// The per-kind column (roles, redirect URLs or the Type).
    pub per_kind: String,
    /// The token lifetime in words.
    pub lifetime: String,
    pub health: Cell,
}

/// The elements a place writes to.
#[derive(Clone, Copy)]
struct Refs {
    row: NodeRef<html::Tr>,
    name: NodeRef<html::Span>,
    pick: NodeRef<html::Input>,
    code: NodeRef<html::Code>,
    copy: NodeRef<html::Button>,
    status: NodeRef<html::Span>,
    health: NodeRef<html::Span>,
    health_text: NodeRef<html::Span>,
    health_spoken: NodeRef<html::Span>,
    per_kind: NodeRef<html::Td>,
    lifetime: NodeRef<html::Td>,
}

/// The row at one place: `view` is what it shows; `pickable`: a checkbox in the Name cell
/// (where the user may change clients). Clicks: the row opens its client, the checkbox picks
/// it (with Shift held?), the Copy button copies its id.
pub fn row_place(
    view: Memo<RowView>,
    pickable: bool,
    on_open: Callback<()>,
    on_pick: Callback<(bool,)>,
    on_copy: Callback<(String,)>,
) -> impl IntoView {
    let refs = Refs {
        row: NodeRef::new(),
        name: NodeRef::new(),
        pick: NodeRef::new(),
        code: NodeRef::new(),
        copy: NodeRef::new(),
        status: NodeRef::new(),
        health: NodeRef::new(),
        health_text: NodeRef::new(),
        health_spoken: NodeRef::new(),
        per_kind: NodeRef::new(),
        lifetime: NodeRef::new(),
    };
    Effect::new(move |before: Option<Option<RowView>>| {
        let now = view.get();
        // Until the elements exist, nothing is written (and everything is, once they do).
        let written = refs.write(before.flatten().as_ref(), &now);
        written.then_some(now)
    });
    let pick = pickable.then(|| {
        view! {
            <input type="checkbox" class="pick" tabindex="-1" node_ref=refs.pick
                on:click=move |ev| {
                    ev.stop_propagation();
                    on_pick.run((ev.shift_key(),));
                } />
        }
    });
    let copy = move |ev: leptos::ev::MouseEvent| {
        ev.stop_propagation();
        if let Some(id) = view.with_untracked(|v| v.client.as_ref().map(|c| c.id.clone())) {
            on_copy.run((id,));
        }
    };
    view! {
        <tr hidden node_ref=refs.row on:click=move |_| on_open.run(())>
            <td class="client-row__name">{pick}<span node_ref=refs.name></span></td>
            <td class="client-row__id">
                <span class="id-cell">
                    <code node_ref=refs.code></code>
                    <button type="button" class="icon-button" tabindex="-1" title="Copy Client ID"
                        node_ref=refs.copy on:click=copy>
                        <CopyIcon />
                    </button>
                </span>
            </td>
            <td><span class="badge" data-testid="status-badge" node_ref=refs.status></span></td>
            <td class="client-row__health">
                <span node_ref=refs.health>
                    <span node_ref=refs.health_text></span>
                    <span class="visually-hidden" node_ref=refs.health_spoken></span>
                </span>
            </td>
            <td class="client-row__extra" node_ref=refs.per_kind></td>
            <td node_ref=refs.lifetime></td>
        </tr>
    }
}

/// How the Secrets cell shows `cell`: class, `data-health`, title, the text on screen and
/// what a screen reader says instead of it (`None`: the text itself).
fn health_look(
    cell: &Cell,
) -> (
    String,
    &'static str,
    Option<&str>,
    &str,
    Option<&'static str>,
) {
    match cell {
        Cell::Known(health) => (
            health_class(health.css_name()),
            health.css_name(),
            None,
            health.label(),
            None,
        ),
        Cell::Pending => (
            "muted health-pending".into(),
            "pending",
            None,
            "Checking…",
            None,
        ),
        Cell::Failed(why) => (
            "muted".into(),
            "failed",
            Some(why.as_str()),
            "Not checked",
            None,
        ),
        Cell::NotApplicable => (
            "muted".into(),
            "none",
            Some("Authorization code clients have no secrets"),
            "—",
            None,
        ),
        Cell::Hidden => ("muted".into(), "hidden", None, "—", Some("Not shown")),
    }
}

fn set_attr(el: &web_sys::Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(value) => el.set_attribute(name, value),
        None => el.remove_attribute(name),
    };
}

impl Refs {
    /// Writes what differs between `before` (what the place shows; `None`: unknown, write
    /// all) and `now`. Returns whether the elements were there to write to.
    fn write(&self, before: Option<&RowView>, now: &RowView) -> bool {
        let Some(row) = self.row.get() else {
            return false;
        };
        let (Some(name), Some(code), Some(copy), Some(status)) = (
            self.name.get(),
            self.code.get(),
            self.copy.get(),
            self.status.get(),
        ) else {
            return false;
        };
        let changed = |field: fn(&RowView) -> Option<&str>| -> Option<&str> {
            let value = field(now);
            (before.map(field) != Some(value)).then_some(value.unwrap_or(""))
        };
        let flag = |field: fn(&RowView) -> bool| before.map(field) != Some(field(now));
        if before.map(|b| b.client.is_some()) != Some(now.client.is_some()) {
            let shown = now.client.is_some();
            row.set_hidden(!shown);
            let _ = row.class_list().toggle_with_force("client-row", shown);
        }
        if flag(|v| v.selected) {
            let _ = row
                .class_list()
                .toggle_with_force("client-row--selected", now.selected);
            let _ = row.set_attribute("aria-selected", if now.selected { "true" } else { "false" });
        }
        if flag(|v| v.cursor) {
            let _ = row
                .class_list()
                .toggle_with_force("client-row--cursor", now.cursor);
            copy.set_tab_index(if now.cursor { 0 } else { -1 });
        }
        if let Some(id) = changed(|v| v.client.as_ref().map(|c| c.id.as_str())) {
            let _ = row.set_attribute("data-id", id);
            code.set_text_content(Some(id));
            let _ = code.set_attribute("title", id);
        }
        if let Some(text) = changed(|v| v.client.as_ref().map(|c| c.name.as_str())) {
            name.set_text_content(Some(text));
            let label = |what: &str| {
                if text.is_empty() {
                    String::new()
                } else {
                    format!("{what} {text}")
                }
            };
            let _ = copy.set_attribute("aria-label", &label("Copy Client ID of"));
            if let Some(pick) = self.pick.get() {
                let _ = pick.set_attribute("aria-label", &label("Select"));
            }
        }
        if flag(|v| v.picked) {
            if let Some(pick) = self.pick.get() {
                pick.set_checked(now.picked);
            }
        }
        let enabled = |v: &RowView| v.client.as_ref().map(|c| c.enabled);
        if before.map(enabled) != Some(enabled(now)) {
            // An empty place: a blank badge.
            let (class, text) = enabled(now).map_or(("badge", ""), status_look);
            status.set_class_name(class);
            status.set_text_content(Some(text));
        }
        if let Some(text) = changed(|v| v.client.as_ref().map(|c| c.per_kind.as_str())) {
            if let Some(td) = self.per_kind.get() {
                td.set_text_content(Some(text));
            }
        }
        if let Some(text) = changed(|v| v.client.as_ref().map(|c| c.lifetime.as_str())) {
            if let Some(td) = self.lifetime.get() {
                td.set_text_content(Some(text));
            }
        }
        fn health(v: &RowView) -> Option<&Cell> {
            v.client.as_ref().map(|c| &c.health)
        }
        if before.map(health) != Some(health(now)) {
            self.write_health(health(now));
        }
        true
    }

    /// The Secrets cell: the client's worst secret in words and colour (nothing in a place
    /// without a client).
    fn write_health(&self, cell: Option<&Cell>) {
        let (Some(span), Some(text), Some(spoken)) = (
            self.health.get(),
            self.health_text.get(),
            self.health_spoken.get(),
        ) else {
            return;
        };
        let span: &web_sys::Element = span.unchecked_ref();
        let Some(cell) = cell else {
            span.set_class_name("");
            set_attr(span, "data-health", None);
            set_attr(span, "title", None);
            text.set_text_content(None);
            spoken.set_text_content(None);
            return;
        };
        let (class, name, title, shown, said) = health_look(cell);
        span.set_class_name(&class);
        set_attr(span, "data-health", Some(name));
        set_attr(span, "title", title);
        text.set_text_content(Some(shown));
        set_attr(text.unchecked_ref(), "aria-hidden", said.map(|_| "true"));
        spoken.set_text_content(said);
    }
}
