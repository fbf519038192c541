//! The Roles tab (client-credentials clients): role names resolved from the tenant's roles.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::async_region::AsyncRegion;
use crate::model::Role;

/// The roles assigned to a client, by name, Tenant Member marked as required.
#[component]
pub fn RolesTab(
    #[prop(into)] role_ids: Signal<Vec<String>>,
    #[prop(into)] tenant_roles: Signal<Option<Result<Vec<Role>, ApiError>>>,
) -> impl IntoView {
    let ready = move |roles: Vec<Role>| {
        let ids = role_ids.get();
        if ids.is_empty() {
            return view! { <p class="muted">"No roles are assigned."</p> }.into_any();
        }
        let items = ids
            .iter()
            .map(|id| {
                let role = roles.iter().find(|r| r.id.as_deref() == Some(id.as_str()));
                let name = role
                    .and_then(|r| r.name.clone())
                    .unwrap_or_else(|| format!("Unknown role ({id})"));
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
    };
    view! {
        <AsyncRegion state=tenant_roles error_title="The tenant's roles could not be loaded."
            loading="Loading roles…" ready />
    }
}
