//! Above the list: Client Type, Search, Refresh and Add Client, and the note a read-only
//! user gets.

use leptos::{html, prelude::*};

use super::url::ListView;
use crate::auth::rights::WriteAccess;

/// The list's toolbar.
#[component]
pub fn Toolbar(
    #[prop(into)] view: Signal<ListView>,
    #[prop(into)] query: Signal<String>,
    #[prop(into)] access: Signal<WriteAccess>,
    on_view: Callback<(ListView,)>,
    on_search: Callback<(String,)>,
    on_refresh: Callback<()>,
    on_add: Callback<()>,
    /// Import (client definitions as JSON).
    on_import: Callback<()>,
    /// Export CSV of the list as shown.
    on_export: Callback<()>,
    /// An export waits for secrets (the button cancels it).
    #[prop(into)]
    exporting: Signal<bool>,
) -> impl IntoView {
    // The box shows `query`. Typing has already put the text there, so only a query changed
    // from elsewhere (the URL, Escape) is written: writing the same text back on every key
    // was a DOM call per keystroke (issue 20's profile).
    let search = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        let query = query.get();
        if let Some(input) = search.get() {
            if input.value() != query {
                input.set_value(&query);
            }
        }
    });
    let options = move || {
        let current = view.get();
        ListView::choices()
            .map(|v| view! { <option value=v.slug() selected=v == current>{v.label()}</option> })
            .collect_view()
    };
    view! {
        <div class="toolbar">
            <label class="field field--inline">
                <span class="field__label">"Client Type"</span>
                <select data-testid="client-type"
                    on:change=move |ev| on_view.run((ListView::from_slug(&event_target_value(&ev)).unwrap_or_default(),))>
                    {options}
                </select>
            </label>
            <label class="field field--inline field--grow">
                <span class="field__label">"Search"</span>
                <input type="search" id="client-search" placeholder="Name or client ID" data-testid="search" aria-keyshortcuts="/"
                    title="↓ goes to the first client of the list"
                    node_ref=search on:input=move |ev| on_search.run((event_target_value(&ev),))
                    on:keydown=move |ev| {
                        // ↓ moves from the search into its results (the list puts its cursor on
                        // the first row when focus comes from here).
                        if ev.key() == "ArrowDown" {
                            ev.prevent_default();
                            crate::components::focus::focus_id("client-list");
                        }
                    } />
            </label>
            <button type="button" class="button" title="Load the list again from the server (r)" aria-keyshortcuts="r"
                on:click=move |_| on_refresh.run(())>
                "Refresh"
            </button>
            <button type="button" id="export-csv" class="button"
                title=move || if exporting.get() {
                    "Stop waiting for the secrets; nothing is downloaded"
                } else {
                    "Download the clients shown, with each secret's ID, description and expiry (UTC), as a CSV file"
                }
                on:click=move |_| on_export.run(())>
                {move || if exporting.get() { "Cancel export" } else { "Export CSV" }}
            </button>
            <button type="button" id="import-clients" class="button" disabled=move || !access.get().allows()
                title=move || access.get().why_not("import clients")
                on:click=move |_| on_import.run(())>
                "Import"
            </button>
            <AddClientButton access on_add id="add-client" />
        </div>
    }
}

/// Add Client (disabled, with the reason, for a read-only user).
#[component]
pub fn AddClientButton(
    #[prop(into)] access: Signal<WriteAccess>,
    on_add: Callback<()>,
    id: &'static str,
) -> impl IntoView {
    view! {
        <button type="button" id=id class="button button--primary" disabled=move || !access.get().allows()
            aria-keyshortcuts="n"
            aria-busy=move || (access.get() == WriteAccess::Checking).then_some("true")
            title=move || access.get().why_not("add clients")
            on:click=move |_| on_add.run(())>
            "Add Client"
        </button>
    }
}

/// Why a Tenant Member cannot change anything.
#[component]
pub fn ReadOnlyNote(#[prop(into)] read_only: Signal<bool>) -> impl IntoView {
    move || {
        read_only.get().then(|| {
            view! {
                <p class="read-only-note" role="note" data-testid="read-only-note">
                    "You can look but not change: adding, editing and removing clients and secrets needs the "
                    <strong>"Tenant Administrator"</strong>
                    " role, and you are signed in without it (so the list has no checkboxes for acting on several clients at once). Ask a Tenant Administrator of this tenant if you need a change."
                </p>
            }
        })
    }
}
