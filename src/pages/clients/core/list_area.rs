//! The list side of the page: loading, error, empty, no match, or the table; and the banner
//! for clients the API could not return (207).

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::async_region::AsyncRegion;
use crate::model::{ClientKind, MultiStatusResponseChildError};

use super::cache::KindList;
use super::list::ClientTable;
use super::toolbar::AddClientButton;
use super::url::ListView;
use super::Page;
use crate::components::clipboard::copy_to_clipboard;

/// The kind shown, whether it has no clients, what a 207 left out, and whether the user may
/// pick clients for bulk actions.
type Shape = (
    ListView,
    bool,
    Arc<Vec<MultiStatusResponseChildError>>,
    bool,
);

/// The list of the selected Client Type, in whatever state it is.
#[component]
pub fn ListArea(
    /// Add Client (the empty list's button).
    on_add: Callback<()>,
) -> impl IntoView {
    let s = expect_context::<Page>();
    let view = Memo::new(move |_| s.view());
    let (summaries, rows) = (s.summaries, s.rows);
    let selected = Signal::derive(move || s.query.read().sel.clone());
    let access = Signal::derive(move || s.access());
    let role_names = Memo::new(move |_| s.role_names());
    let retry = Callback::new(move |()| s.refresh());

    // What the list area looks like: rebuilt only when this changes, so an edited or added
    // row updates the table in place (scroll position and focus stay).
    let may_pick = Memo::new(move |_| s.access().allows());
    let shape = Memo::new(move |_| {
        let pick = may_pick.get();
        s.list()
            .map(|r| r.map(|l: KindList| (l.view, l.summaries.is_empty(), l.child_errors, pick)))
    });
    let ready = move |(k, empty, child_errors, pick): Shape| {
        let picks = pick.then_some(s.picks);
        if empty {
            return view! {
                <div class="empty-state">
                    <p class="empty-state__title">{format!("No {} yet", k.plural_noun())}</p>
                    <p class="muted">"Add one to let an application or device authenticate to this tenant."</p>
                    <AddClientButton access on_add id="add-client-empty" />
                </div>
            }
            .into_any();
        }
        view! {
            <PartialBanner errors=child_errors on_retry=retry />
            // The table stays mounted when nothing matches, and its layout is kept (style/app.css
            // `.client-table-wrap--none`), so the next keystroke that matches again builds
            // neither the table nor its layout anew.
            <div class="client-table-wrap" class:client-table-wrap--none=move || rows.read().is_empty()>
                <ClientTable
                    view=k
                    items=summaries
                    rows=rows
                    sort=Signal::derive(move || s.query.read().sort)
                    on_sort=Callback::new(move |(key,)| s.url.sort_by(key))
                    selected
                    on_open=Callback::new(move |(id,)| s.url.select(id))
                    on_close=Callback::new(move |()| s.url.close_pane())
                    role_names
                    on_copy=Callback::new(move |(id,)| copy_to_clipboard(id, "Client ID"))
                    health_of=Callback::new(move |(kind, id): (ClientKind, String)| s.health.cell(kind, &id))
                    on_visible=Callback::new(move |(shown,)| s.health.set_visible(shown))
                    picks
                />
            </div>
            {move || rows.read().is_empty().then(|| view! { <NoMatch /> })}
        }
        .into_any()
    };
    view! {
        <AsyncRegion state=shape
            error_title=Signal::derive(move || format!("The {} could not be loaded.", view.get().plural_noun()))
            loading="Loading clients" skeleton=true on_retry=retry ready />
    }
}

/// "No clients match your search", with Clear search.
#[component]
fn NoMatch() -> impl IntoView {
    let s = expect_context::<Page>();
    view! {
        <div class="empty-state">
            <p class="empty-state__title">"No clients match your search"</p>
            <p class="muted">{move || format!("Nothing in the name or client ID contains “{}”.", s.search_text.read())}</p>
            <button type="button" class="button" on:click=move |_| s.search(String::new())>"Clear search"</button>
        </div>
    }
}

/// A 207: the clients shown are not all there are; says which could not be read.
#[component]
fn PartialBanner(
    errors: Arc<Vec<MultiStatusResponseChildError>>,
    on_retry: Callback<()>,
) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        let items = errors
            .iter()
            .map(|e| {
                let what = e.model_id.clone().unwrap_or_else(|| "A client".into());
                let why = [e.error.as_deref(), e.reason.as_deref(), e.resolution.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                view! { <li><code>{what}</code>": "{why}</li> }
            })
            .collect_view();
        view! {
            <div class="error-panel partial-banner" role="alert" data-testid="partial-banner">
                <p class="error-panel__title">
                    {format!("{} could not be read, so the list below is incomplete.",
                        if errors.len() == 1 { "1 client".to_string() } else { format!("{} clients", errors.len()) })}
                </p>
                <ul>{items}</ul>
                <button type="button" class="button" on:click=move |_| on_retry.run(())>"Retry"</button>
            </div>
        }
    })
}
