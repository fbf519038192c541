//! Add Client and Edit Client: one form for the three kinds. It only holds the values; the
//! controller asks the model what body they make (and what needs fixing), so a server
//! refusal shows its reason here and keeps every value typed.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::async_region::AsyncRegion;
use crate::components::field::{bind, Bound, CheckField, FormFrame, TextField};
use crate::model::{field, ClientFormValues, ClientKind, Role, ValidationErrors};

use super::secret_form::SecretFields;

/// The add/edit form (inside a [`Modal`](crate::components::dialog::Modal)).
#[component]
pub fn ClientFormBody(
    kind: ClientKind,
    /// Add Client (first secret, required redirect URLs) rather than Edit Client.
    creating: bool,
    values: RwSignal<ClientFormValues>,
    #[prop(into)] errors: Signal<ValidationErrors>,
    #[prop(into)] tenant_roles: Signal<Option<Result<Vec<Role>, ApiError>>>,
    #[prop(into)] pending: Signal<bool>,
    /// The server's refusal of the last Save.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    on_submit: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let required = if creating { " (required)" } else { "" };
    let uri_fields = kind.has_redirect_uris().then(|| {
        view! {
            <TextField label=format!("Allowed Redirect URLs{required}") field=field::REDIRECT_URIS errors
                value=bind(values, |v| v.redirect_uris.clone(), |v, x| v.redirect_uris = x)
                rows=3 testid="redirect-uris"
                hint="One absolute URL per line, at most 10. The match is exact: no wildcards." />
            <TextField label="Allowed Logout Redirect URLs (optional)" field=field::POST_LOGOUT_REDIRECT_URIS errors
                value=bind(values, |v| v.post_logout_redirect_uris.clone(), |v, x| v.post_logout_redirect_uris = x)
                rows=2 testid="logout-uris" />
        }
    });
    let cors_field = (kind == ClientKind::AuthorizationCode).then(|| {
        view! {
            <TextField label="Allowed CORS Origins (optional)" field=field::ALLOWED_CORS_ORIGINS errors
                value=bind(values, |v| v.allowed_cors_origins.clone(), |v, x| v.allowed_cors_origins = x)
                rows=2 testid="cors-origins" />
        }
    });
    let offline_field = (kind == ClientKind::Hybrid).then(|| {
        view! {
            <CheckField label="Allow Refresh Token" hint="Only if the application really needs to refresh tokens."
                value=bind(values, |v| v.allow_offline_access, |v, x| v.allow_offline_access = x) />
        }
    });
    let roles_field = kind.has_roles().then(|| {
        let roles = bind(values, |v| v.role_ids.clone(), |v, x| v.role_ids = x);
        view! { <RolesField tenant_roles roles /> }
    });
    let secret_fields = (creating && kind.has_secrets()).then(|| {
        view! {
            <fieldset class="field secret-fields">
                <legend class="field__label">"First secret"</legend>
                <SecretFields
                    description=bind(values, |v| v.secret.description.clone(), |v, x| v.secret.description = x)
                    expiration=bind(values, |v| v.secret.expiration.clone(), |v, x| v.secret.expiration = x)
                    never=bind(values, |v| v.secret.never_expires, |v, x| v.secret.never_expires = x)
                    errors />
            </fieldset>
        }
    });

    view! {
        <FormFrame error_title="The client was not saved." error pending submit_label="Save" on_submit on_cancel>
            <TextField label="Name" field=field::NAME errors testid="client-name"
                value=bind(values, |v| v.name.clone(), |v, x| v.name = x) />
            {offline_field}
            {uri_fields}
            {cors_field}
            <TextField label="Token Lifetime (seconds, optional)" field=field::ACCESS_TOKEN_LIFETIME errors
                kind="number" testid="token-lifetime" placeholder="3600"
                hint="From 60 to 3600 seconds; 3600 (1 hour) when empty."
                value=bind(values, |v| v.access_token_lifetime.clone(), |v, x| v.access_token_lifetime = x) />
            {roles_field}
            {secret_fields}
        </FormFrame>
    }
}

/// The client's roles as checkboxes; Tenant Member is ticked and cannot be removed.
#[component]
fn RolesField(
    #[prop(into)] tenant_roles: Signal<Option<Result<Vec<Role>, ApiError>>>,
    roles: Bound<Vec<String>>,
) -> impl IntoView {
    let toggle = move |id: String, on: bool| {
        let mut next = roles.get.get_untracked();
        next.retain(|x| x != &id);
        if on {
            next.push(id);
        }
        roles.set.run((next,));
    };
    let ready = move |list: Vec<Role>| {
        list.into_iter()
            .filter_map(|role| {
                let id = role.id.clone()?;
                let required = role.is_tenant_member();
                let label = role.name.clone().unwrap_or_else(|| id.clone());
                let for_check = id.clone();
                Some(view! {
                    <label class="check">
                        <input type="checkbox" disabled=required
                            prop:checked=move || required || roles.get.read().contains(&for_check)
                            on:change:target=move |ev| toggle(id.clone(), ev.target().checked()) />
                        {label}
                        {required.then(|| view! { <span class="muted small">" (required, cannot be removed)"</span> })}
                    </label>
                })
            })
            .collect_view()
    };
    view! {
        <fieldset class="field roles-field">
            <legend class="field__label">"Roles"</legend>
            <AsyncRegion state=tenant_roles error_title="The tenant's roles could not be loaded."
                loading="Loading roles…" ready />
        </fieldset>
    }
}
