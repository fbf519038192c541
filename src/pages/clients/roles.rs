//! The Roles tab (client-credentials clients): role names resolved from the tenant's roles.

use leptos::prelude::*;

use crate::components::error_panel::ErrorPanel;

use super::RolesResult;

/// The roles assigned to a client, by name, Tenant Member marked as required.
#[component]
pub fn RolesTab(
    role_ids: Vec<String>,
    #[prop(into)] tenant_roles: Signal<RolesResult>,
) -> impl IntoView {
    move || match tenant_roles.get() {
        None => view! { <p aria-busy="true" class="muted">"Loading roles…"</p> }.into_any(),
        Some(Err(err)) => {
            view! { <ErrorPanel error=err title="The tenant's roles could not be loaded." /> }
                .into_any()
        }
        Some(Ok(roles)) => {
            if role_ids.is_empty() {
                return view! { <p class="muted">"No roles are assigned."</p> }.into_any();
            }
            let items = role_ids
                .iter()
                .map(|id| {
                    let role = roles.iter().find(|r| r.id.as_deref() == Some(id.as_str()));
                    let name = role.and_then(|r| r.name.clone()).unwrap_or_else(|| format!("Unknown role ({id})"));
                    let description = role.and_then(|r| r.description.clone()).unwrap_or_default();
                    let required = role.map(|r| r.is_tenant_member()).unwrap_or(false);
                    view! {
                        <li class="role-item">
                            <span class="role-item__name">{name}</span>
                            {required.then(|| view! { <span class="badge" title="Every client has this role; it cannot be removed">"Required"</span> })}
                            <span class="muted small">{description}</span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="role-list" data-testid="role-list">{items}</ul> }.into_any()
        }
    }
}
