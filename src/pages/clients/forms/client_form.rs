//! Add Client and Edit Client: one form for the three kinds. It only holds the values; the
//! feature asks the model what body they make (and what needs fixing), so a server
//! refusal shows its reason here and keeps every value typed.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::async_region::AsyncRegion;
use crate::components::field::{bind, Bound, CheckField, FormFrame, FormStatus, TextField};
use crate::model::{
    field, ClientFormValues, ClientKind, Role, RoleScope, ValidationErrors,
    TENANT_ADMINISTRATOR_ROLE_TYPE_ID,
};

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
    status: FormStatus,
) -> impl IntoView {
    let required = if creating { " (required)" } else { "" };
    let uri_fields = kind.has_redirect_uris().then(|| {
        view! {
            <TextField label=format!("Allowed Redirect URLs{required}") field=field::REDIRECT_URIS errors
                value=bind(values, |v| v.redirect_uris.clone(), |v, x| v.redirect_uris = x)
                rows=3 testid="redirect-uris"
                hint="One absolute URI per line, at most 10: https://… for web apps, or a native app's scheme such as com.example.app:/callback. The match is exact: no wildcards, no #fragment." />
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
            <CheckField label="Allow Refresh Token" hint="Only if the application really needs to refresh tokens. The platform documents that refresh tokens may not be honoured for hybrid clients."
                value=bind(values, |v| v.allow_offline_access, |v, x| v.allow_offline_access = x) />
            <CheckField label="Allow access tokens via browser" testid="tokens-via-browser"
                hint="Lets the browser receive access tokens directly (implicit-style flows). Leave it off unless the application needs it."
                value=bind(values, |v| v.allow_access_tokens_via_browser, |v, x| v.allow_access_tokens_via_browser = x) />
        }
    });
    let consent_fields = kind.has_redirect_uris().then(|| {
        view! {
            <TextField label="Client URI (optional)" field=field::CLIENT_URI errors testid="client-uri"
                placeholder="https://app.example.com/about" hint="A page about the application, shown on the consent screen."
                value=bind(values, |v| v.client_uri.clone(), |v, x| v.client_uri = x) />
            <TextField label="Logo URI (optional)" field=field::LOGO_URI errors testid="logo-uri"
                placeholder="https://app.example.com/logo.png" hint="The application's logo, shown on the consent screen."
                value=bind(values, |v| v.logo_uri.clone(), |v, x| v.logo_uri = x) />
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
        <FormFrame error_title="The client was not saved." submit_label="Save" status>
            <TextField label="Name" field=field::NAME errors testid="client-name"
                value=bind(values, |v| v.name.clone(), |v, x| v.name = x) />
            {offline_field}
            {uri_fields}
            {cors_field}
            {consent_fields}
            <TextField label="Token Lifetime (seconds, optional)" field=field::ACCESS_TOKEN_LIFETIME errors
                kind="number" testid="token-lifetime" placeholder="3600"
                hint="From 60 to 3600 seconds; 3600 (1 hour) when empty."
                value=bind(values, |v| v.access_token_lifetime.clone(), |v, x| v.access_token_lifetime = x) />
            {roles_field}
            {secret_fields}
        </FormFrame>
    }
}

/// Whether `role` is Tenant Administrator (or another role of that type).
fn is_administrator(role: &Role) -> bool {
    role.role_type_id
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case(TENANT_ADMINISTRATOR_ROLE_TYPE_ID))
}

/// The client's roles as checkboxes in two groups, Tenant roles and Community roles, as the
/// portal shows them. Tenant Member is ticked and locked; administrator roles carry a warning.
#[component]
fn RolesField(
    #[prop(into)] tenant_roles: Signal<Option<Result<Vec<Role>, ApiError>>>,
    roles: Bound<Vec<String>>,
) -> impl IntoView {
    let ready = move |list: Vec<Role>| {
        let (community, tenant): (Vec<Role>, Vec<Role>) = list
            .into_iter()
            .filter(|r| r.id.is_some())
            .partition(|r| r.scope() == RoleScope::Community);
        view! {
            <RoleGroup legend="Tenant roles" roles=tenant chosen=roles empty="This tenant has no roles." />
            <RoleGroup legend="Community roles" roles=community chosen=roles
                empty="This tenant belongs to no community with roles." />
        }
    };
    view! {
        <div class="field roles-field" data-testid="roles-field">
            <span class="field__label">"Roles"</span>
            <AsyncRegion state=tenant_roles error_title="The tenant's roles could not be loaded."
                loading="Loading roles…" ready />
        </div>
    }
}

/// One group of role checkboxes.
#[component]
fn RoleGroup(
    legend: &'static str,
    roles: Vec<Role>,
    chosen: Bound<Vec<String>>,
    empty: &'static str,
) -> impl IntoView {
    let toggle = move |id: String, on: bool| {
        let mut next = chosen.get.get_untracked();
        next.retain(|x| x != &id);
        if on {
            next.push(id);
        }
        chosen.set.run((next,));
    };
    let boxes = roles
        .into_iter()
        .filter_map(|role| {
            let id = role.id.clone()?;
            let required = role.is_tenant_member();
            let risky = is_administrator(&role);
            let label = role.name.clone().unwrap_or_else(|| id.clone());
            let for_check = id.clone();
            Some(view! {
                <label class="check" class:check--risky=risky>
                    <input type="checkbox" disabled=required
                        prop:checked=move || required || chosen.get.read().contains(&for_check)
                        on:change:target=move |ev| toggle(id.clone(), ev.target().checked()) />
                    {label}
                    {required.then(|| view! {
                        <span class="muted small">" (required: every client has it, so it cannot be removed)"</span>
                    })}
                    {risky.then(|| view! {
                        <span class="role-warning small" data-testid="admin-role-warning">
                            " ⚠ Not recommended: the platform advises against giving a client this role, which can change everything in the tenant."
                        </span>
                    })}
                </label>
            })
        })
        .collect::<Vec<_>>();
    let none = boxes
        .is_empty()
        .then(|| view! { <p class="muted small">{empty}</p> });
    view! {
        <fieldset class="role-group">
            <legend>{legend}</legend>
            {none}
            {boxes}
        </fieldset>
    }
}
