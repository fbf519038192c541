//! The Details pane: heading with name, status and kind; the client's actions; the tabs
//! (WAI-ARIA tabs: ←/→/Home/End move between tabs, Tab moves into the panel).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::auth::rights::WriteAccess;
use crate::components::badge::StatusBadge;
use crate::model::ClientKind;

use super::actions::ClientActions;
use super::url::Tab;
use crate::components::focus::focus_id;

/// The tab `key` moves to from `current` among `tabs` (wrapping), if it is a tab key.
pub fn tab_after_key(tabs: &[Tab], current: Tab, key: &str) -> Option<Tab> {
    let at = tabs.iter().position(|t| *t == current)?;
    let last = tabs.len().checked_sub(1)?;
    let next = match key {
        "ArrowRight" => {
            if at == last {
                0
            } else {
                at + 1
            }
        }
        "ArrowLeft" => {
            if at == 0 {
                last
            } else {
                at - 1
            }
        }
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    tabs.get(next).copied()
}

/// The pane of one client. The panel's content comes as children (Details, Secrets, Roles).
#[component]
pub fn ClientPane(
    kind: ClientKind,
    #[prop(into)] name: Signal<String>,
    #[prop(into)] enabled: Signal<Option<bool>>,
    #[prop(into)] tab: Signal<Tab>,
    #[prop(into)] access: Signal<WriteAccess>,
    on_tab: Callback<(Tab,)>,
    on_close: Callback<()>,
    on_edit: Callback<()>,
    on_toggle: Callback<()>,
    on_remove: Callback<()>,
    /// More options › Export as JSON.
    on_export: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let tabs = Tab::available(kind);
    let keys_tabs = tabs.clone();
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        // From the tab that has the focus (the URL may not have caught up with fast keys).
        let from = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| Tab::from_slug(el.id().strip_prefix("tab-")?))
            .unwrap_or_else(|| tab.get_untracked());
        if let Some(next) = tab_after_key(&keys_tabs, from, &ev.key()) {
            ev.prevent_default();
            on_tab.run((next,));
            focus_id(&format!("tab-{}", next.slug()));
        }
    };
    let tab_list = tabs
        .into_iter()
        .map(|t| {
            let selected = move || tab.get() == t;
            view! {
                <button type="button" role="tab" id=format!("tab-{}", t.slug()) class="tabs__tab"
                    aria-selected=move || if selected() { "true" } else { "false" }
                    aria-controls="pane-panel"
                    tabindex=move || if selected() { "0" } else { "-1" }
                    on:click=move |_| on_tab.run((t,))>
                    {t.label()}
                </button>
            }
        })
        .collect_view();
    view! {
        <aside class="pane" aria-labelledby="pane-title" data-testid="details-pane">
            <div class="pane__header">
                <div>
                    <h2 id="pane-title">{move || name.get()}</h2>
                    <p class="pane__meta">
                        <StatusBadge enabled />
                        <span class="muted">{format!("{} client", kind.label())}</span>
                    </p>
                </div>
                <button type="button" class="icon-button" aria-label="Close details" title="Close (Esc)"
                    on:click=move |_| on_close.run(())>"✕"</button>
            </div>
            <ClientActions enabled access on_edit on_toggle on_remove on_export />
            <div class="tabs" role="tablist" aria-label="Client sections" on:keydown=on_keydown>{tab_list}</div>
            <div class="pane__panel" role="tabpanel" id="pane-panel" tabindex="0"
                aria-labelledby=move || format!("tab-{}", tab.get().slug())>
                {children()}
            </div>
        </aside>
    }
}
