//! The Details pane: heading with name, status and kind; tabs; the client's actions.

use leptos::prelude::*;

use crate::components::badge::StatusBadge;
use crate::model::Client;

use super::actions::ClientActions;
use super::details::DetailsTab;
use super::roles::RolesTab;
use super::secrets::SecretsTab;
use super::state::Tab;
use super::RolesResult;

/// The pane for one client.
#[component]
pub fn ClientPane(
    client: Client,
    tab: Tab,
    on_tab: Callback<(Tab,)>,
    on_close: Callback<()>,
    #[prop(into)] tenant_roles: Signal<RolesResult>,
) -> impl IntoView {
    let kind = client.kind();
    let name = client.name().unwrap_or("(no name)").to_string();
    let enabled = client.enabled();
    let tabs = Tab::available(kind);

    let tab_list = tabs
        .iter()
        .map(|&t| {
            let selected = t == tab;
            view! {
                <button
                    type="button"
                    role="tab"
                    id=format!("tab-{}", t.slug())
                    class="tabs__tab"
                    aria-selected=if selected { "true" } else { "false" }
                    aria-controls="pane-panel"
                    tabindex=if selected { "0" } else { "-1" }
                    on:click=move |_| on_tab.run((t,))
                >
                    {t.label()}
                </button>
            }
        })
        .collect_view();

    let panel = match tab {
        Tab::Details => view! { <DetailsTab client=client.clone() /> }.into_any(),
        Tab::Secrets => view! { <SecretsTab client=client.clone() /> }.into_any(),
        Tab::Roles => {
            view! { <RolesTab role_ids=client.role_ids().to_vec() tenant_roles /> }.into_any()
        }
    };

    view! {
        <aside class="pane" aria-labelledby="pane-title" data-testid="details-pane">
            <div class="pane__header">
                <div>
                    <h2 id="pane-title">{name}</h2>
                    <p class="pane__meta">
                        <StatusBadge enabled=Signal::stored(enabled) />
                        <span class="muted">{format!("{} client", kind.label())}</span>
                    </p>
                </div>
                <button type="button" class="icon-button" aria-label="Close details" title="Close (Esc)"
                    on:click=move |_| on_close.run(())>"✕"</button>
            </div>
            <ClientActions client=client.clone() tenant_roles on_removed=on_close />
            <div class="tabs" role="tablist" aria-label="Client sections">{tab_list}</div>
            <div class="pane__panel" role="tabpanel" id="pane-panel" aria-labelledby=format!("tab-{}", tab.slug())>
                {panel}
            </div>
        </aside>
    }
}
