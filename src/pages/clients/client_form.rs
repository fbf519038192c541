//! Add Client and Edit Client: one form for the three kinds, validated against the
//! contract's limits before it is sent; a server refusal shows its reason and keeps every
//! value typed.

use chrono::{Local, Utc};
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::error_panel::ErrorPanel;
use crate::model::wire::{
    AuthorizationCodeClient, ClientCredentialClientCreate, HybridClientCreate,
};
use crate::model::{
    default_secret_expiration, field, local_to_utc, parse_datetime_local, to_datetime_local,
    validate_client, validate_new_client_secret, Client, ClientForm, ClientKind, CreatedClient,
    NewClient, ValidationErrors,
};

use super::write::Write;
use super::RolesResult;

/// What the form is for.
#[derive(Clone, Debug)]
pub enum FormMode {
    Add(ClientKind),
    Edit(Client),
}

/// What a successful Save produced.
#[derive(Clone, Debug)]
pub enum Saved {
    Created(CreatedClient),
    Updated(Client),
    /// Save with nothing changed.
    Unchanged,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The add/edit form (put it inside a [`Modal`](crate::components::dialog::Modal)).
#[component]
pub fn ClientFormBody(
    mode: FormMode,
    #[prop(into)] tenant_roles: Signal<RolesResult>,
    on_saved: Callback<(Saved,)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let write = Write::new();
    let (kind, original) = match &mode {
        FormMode::Add(kind) => (*kind, None),
        FormMode::Edit(client) => (client.kind(), Some(client.clone())),
    };
    let creating = original.is_none();
    let name = RwSignal::new(
        original
            .as_ref()
            .and_then(|c| c.name())
            .unwrap_or_default()
            .to_string(),
    );
    let lifetime = RwSignal::new(
        original
            .as_ref()
            .and_then(|c| c.access_token_lifetime())
            .map(|s| s.to_string())
            .unwrap_or_default(),
    );
    let redirect = RwSignal::new(
        original
            .as_ref()
            .map(|c| c.redirect_uris().join("\n"))
            .unwrap_or_default(),
    );
    let logout = RwSignal::new(
        original
            .as_ref()
            .map(|c| c.post_logout_redirect_uris().join("\n"))
            .unwrap_or_default(),
    );
    let cors = RwSignal::new(match &original {
        Some(Client::AuthorizationCode(c)) => c
            .allowed_cors_origins
            .clone()
            .unwrap_or_default()
            .join("\n"),
        _ => String::new(),
    });
    let offline = RwSignal::new(match &original {
        Some(Client::Hybrid(c)) => c.allow_offline_access.unwrap_or(false),
        _ => false,
    });
    let roles = RwSignal::new(
        original
            .as_ref()
            .map(|c| c.role_ids().to_vec())
            .unwrap_or_default(),
    );
    let secret_description = RwSignal::new(String::new());
    let expiration = RwSignal::new(to_datetime_local(
        default_secret_expiration(&Local::now()),
        &Local,
    ));
    let never = RwSignal::new(false);
    let errors = RwSignal::new(ValidationErrors::default());

    // New client-credentials clients start with the tenant's Tenant Member role.
    Effect::new(move |_| {
        if creating && kind.has_roles() && roles.read_untracked().is_empty() {
            if let Some(Ok(list)) = tenant_roles.get() {
                if let Some(member) = list
                    .iter()
                    .find(|r| r.is_tenant_member())
                    .and_then(|r| r.id.clone())
                {
                    roles.set(vec![member]);
                }
            }
        }
    });

    let original_for_submit = original.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lifetime_text = lifetime.get_untracked();
        let lifetime_value = lifetime_text.trim().parse::<i32>().ok();
        let form = ClientForm {
            name: name.get_untracked(),
            access_token_lifetime: lifetime_value,
            redirect_uris: lines(&redirect.get_untracked()),
            post_logout_redirect_uris: lines(&logout.get_untracked()),
            allowed_cors_origins: lines(&cors.get_untracked()),
        };
        let mut found = validate_client(kind, &form, creating);
        if !lifetime_text.trim().is_empty() && lifetime_value.is_none() {
            found.add(
                field::ACCESS_TOKEN_LIFETIME,
                "Enter the token lifetime as a whole number of seconds, from 60 to 3600.",
            );
        }
        let expiry = if never.get_untracked() {
            None
        } else {
            parse_datetime_local(&expiration.get_untracked())
                .and_then(|local| local_to_utc(local, &Local))
        };
        if creating && kind.has_secrets() {
            if !never.get_untracked() && expiry.is_none() {
                found.add(
                    field::EXPIRATION,
                    "Enter an expiration date and time, or tick Never Expires.",
                );
            } else {
                found.merge(validate_new_client_secret(expiry, Utc::now()));
            }
        }
        let ok = found.is_empty();
        errors.set(found);
        if !ok {
            return;
        }
        let api = api.clone();
        match &original_for_submit {
            None => {
                let description =
                    Some(secret_description.get_untracked()).filter(|d| !d.trim().is_empty());
                let body = match kind {
                    ClientKind::ClientCredentials => {
                        NewClient::ClientCredentials(ClientCredentialClientCreate {
                            role_ids: Some(roles.get_untracked()).filter(|r| !r.is_empty()),
                            name: Some(form.name.trim().to_string()),
                            enabled: Some(true),
                            access_token_lifetime: form.access_token_lifetime,
                            secret_description: description,
                            secret_expiration_date: expiry,
                            ..Default::default()
                        })
                    }
                    ClientKind::Hybrid => NewClient::Hybrid(HybridClientCreate {
                        allow_offline_access: Some(offline.get_untracked()),
                        redirect_uris: Some(form.redirect_uris.clone()),
                        post_logout_redirect_uris: Some(form.post_logout_redirect_uris.clone()),
                        name: Some(form.name.trim().to_string()),
                        enabled: Some(true),
                        access_token_lifetime: form.access_token_lifetime,
                        secret_description: description,
                        secret_expiration_date: expiry,
                        ..Default::default()
                    }),
                    ClientKind::AuthorizationCode => {
                        NewClient::AuthorizationCode(AuthorizationCodeClient {
                            redirect_uris: Some(form.redirect_uris.clone()),
                            post_logout_redirect_uris: Some(form.post_logout_redirect_uris.clone()),
                            allowed_cors_origins: Some(form.allowed_cors_origins.clone()),
                            name: Some(form.name.trim().to_string()),
                            enabled: Some(true),
                            access_token_lifetime: form.access_token_lifetime,
                            ..Default::default()
                        })
                    }
                };
                write.run(
                    async move { api.create_client(&body).await },
                    move |created| on_saved.run((Saved::Created(created),)),
                );
            }
            Some(before) => {
                let edited = edited_client(
                    before,
                    &form,
                    offline.get_untracked(),
                    roles.get_untracked(),
                );
                let Some(changes) =
                    Client::changes(before, &edited).filter(|c| !c.is_empty_patch())
                else {
                    on_saved.run((Saved::Unchanged,));
                    return;
                };
                let id = before.id().unwrap_or_default().to_string();
                write.run(
                    async move { api.update_client(&id, &changes).await },
                    move |updated| on_saved.run((Saved::Updated(updated),)),
                );
            }
        }
    };

    let error_of = move |f: &'static str| {
        move || {
            errors.read().get(f).map(
                |m| view! { <p class="field__error" id=format!("err-{f}")>{m.to_string()}</p> },
            )
        }
    };
    let invalid = move |f: &'static str| {
        move || {
            if errors.read().get(f).is_some() {
                "true"
            } else {
                "false"
            }
        }
    };

    let uri_fields = kind.has_redirect_uris().then(|| {
        view! {
            <UriListField
                label=format!("Allowed Redirect URLs{}", if creating { " (required)" } else { "" })
                field=field::REDIRECT_URIS
                value=redirect
                errors
                rows=3
                testid="redirect-uris"
                hint="One absolute URL per line, at most 10. The match is exact: no wildcards."
            />
            <UriListField
                label="Allowed Logout Redirect URLs (optional)"
                field=field::POST_LOGOUT_REDIRECT_URIS
                value=logout
                errors
                testid="logout-uris"
            />
        }
    });
    let cors_field = (kind == ClientKind::AuthorizationCode).then(|| {
        view! {
            <UriListField
                label="Allowed CORS Origins (optional)"
                field=field::ALLOWED_CORS_ORIGINS
                value=cors
                errors
                testid="cors-origins"
            />
        }
    });
    let offline_field = (kind == ClientKind::Hybrid).then(|| {
        view! {
            <label class="check">
                <input type="checkbox" prop:checked=move || offline.get() on:change:target=move |ev| offline.set(ev.target().checked()) />
                "Allow Refresh Token"
                <span class="field__hint">" Only if the application really needs to refresh tokens."</span>
            </label>
        }
    });
    let roles_field = kind.has_roles().then(|| {
        view! {
            <fieldset class="field roles-field">
                <legend class="field__label">"Roles"</legend>
                {move || match tenant_roles.get() {
                    None => view! { <p class="muted">"Loading roles…"</p> }.into_any(),
                    Some(Err(err)) => view! { <ErrorPanel error=err title="The tenant's roles could not be loaded." /> }.into_any(),
                    Some(Ok(list)) => list
                        .into_iter()
                        .filter_map(|role| {
                            let id = role.id.clone()?;
                            let required = role.is_tenant_member();
                            let label = role.name.clone().unwrap_or_else(|| id.clone());
                            let for_check = id.clone();
                            Some(view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        disabled=required
                                        prop:checked=move || required || roles.read().contains(&for_check)
                                        on:change:target=move |ev| {
                                            let on = ev.target().checked();
                                            roles.update(|r| {
                                                r.retain(|x| x != &id);
                                                if on { r.push(id.clone()); }
                                            });
                                        }
                                    />
                                    {label}
                                    {required.then(|| view! { <span class="muted small">" (required, cannot be removed)"</span> })}
                                </label>
                            })
                        })
                        .collect_view()
                        .into_any(),
                }}
            </fieldset>
        }
    });
    let secret_fields = (creating && kind.has_secrets()).then(|| {
        view! {
            <fieldset class="field secret-fields">
                <legend class="field__label">"First secret"</legend>
                <SecretFields description=secret_description expiration never error=Signal::derive(move || errors.read().get(field::EXPIRATION).map(str::to_string)) />
            </fieldset>
        }
    });

    view! {
        <form class="form" on:submit=submit novalidate>
            {move || write.error.get().map(|e| view! { <ErrorPanel error=e title="The client was not saved." /> })}
            <label class="field">
                <span class="field__label">"Name"</span>
                <input type="text" data-testid="client-name" required aria-invalid=invalid(field::NAME)
                    aria-describedby=format!("err-{}", field::NAME)
                    prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
                {error_of(field::NAME)}
            </label>
            {offline_field}
            {uri_fields}
            {cors_field}
            <label class="field">
                <span class="field__label">"Token Lifetime (seconds, optional)"</span>
                <input type="number" min="60" max="3600" placeholder="3600" data-testid="token-lifetime"
                    aria-invalid=invalid(field::ACCESS_TOKEN_LIFETIME)
                    aria-describedby=format!("err-{} hint-lifetime", field::ACCESS_TOKEN_LIFETIME)
                    prop:value=move || lifetime.get() on:input:target=move |ev| lifetime.set(ev.target().value()) />
                <span class="field__hint" id="hint-lifetime">"From 60 to 3600 seconds; 3600 (1 hour) when empty."</span>
                {error_of(field::ACCESS_TOKEN_LIFETIME)}
            </label>
            {roles_field}
            {secret_fields}
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button type="submit" class="button button--primary" disabled=move || write.pending.get()>
                    {move || if write.pending.get() { "Saving…" } else { "Save" }}
                </button>
            </div>
        </form>
    }
}

/// The client as edited: the original with the form's values.
fn edited_client(before: &Client, form: &ClientForm, offline: bool, roles: Vec<String>) -> Client {
    let name = Some(form.name.trim().to_string());
    let lifetime = form
        .access_token_lifetime
        .or(before.access_token_lifetime());
    match before {
        Client::ClientCredentials(c) => {
            let mut e = c.clone();
            e.name = name;
            e.access_token_lifetime = lifetime;
            e.role_ids = Some(roles);
            Client::ClientCredentials(e)
        }
        Client::Hybrid(c) => {
            let mut e = c.clone();
            e.name = name;
            e.access_token_lifetime = lifetime;
            e.redirect_uris = Some(form.redirect_uris.clone());
            e.post_logout_redirect_uris = Some(form.post_logout_redirect_uris.clone());
            e.allow_offline_access = Some(offline);
            Client::Hybrid(e)
        }
        Client::AuthorizationCode(c) => {
            let mut e = c.clone();
            e.name = name;
            e.access_token_lifetime = lifetime;
            e.redirect_uris = Some(form.redirect_uris.clone());
            e.post_logout_redirect_uris = Some(form.post_logout_redirect_uris.clone());
            e.allowed_cors_origins = Some(form.allowed_cors_origins.clone());
            Client::AuthorizationCode(e)
        }
    }
}

/// A list of URLs, one per line, with its hint and its validation message.
#[component]
fn UriListField(
    #[prop(into)] label: String,
    /// The wire name the validation keys its message by.
    field: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<ValidationErrors>,
    #[prop(default = 2)] rows: u32,
    testid: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("err-{field}");
    let hint_id = format!("hint-{field}");
    let described_by = if hint.is_some() {
        format!("{error_id} {hint_id}")
    } else {
        error_id.clone()
    };
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <textarea
                rows=rows
                data-testid=testid
                aria-invalid=move || if errors.read().get(field).is_some() { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            ></textarea>
            {hint.map(|h| view! { <span class="field__hint" id=hint_id.clone()>{h}</span> })}
            {move || errors.read().get(field).map(|m| view! { <p class="field__error" id=error_id.clone()>{m.to_string()}</p> })}
        </label>
    }
}

/// Description, Expiration Date (default one year from now) and Never Expires.
#[component]
pub fn SecretFields(
    description: RwSignal<String>,
    expiration: RwSignal<String>,
    never: RwSignal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field__label">"Description (optional)"</span>
            <input type="text" data-testid="secret-description" placeholder="What uses this secret, e.g. \"Plant 4 gateway\""
                prop:value=move || description.get() on:input:target=move |ev| description.set(ev.target().value()) />
        </label>
        <label class="field">
            <span class="field__label">"Expiration Date"</span>
            <input type="datetime-local" data-testid="secret-expiration" disabled=move || never.get()
                aria-invalid=move || if error.read().is_some() { "true" } else { "false" }
                aria-describedby="err-Expiration hint-expiration"
                prop:value=move || expiration.get() on:input:target=move |ev| expiration.set(ev.target().value()) />
            <span class="field__hint" id="hint-expiration">"Your local time. One year from now unless you change it."</span>
            {move || error.get().map(|m| view! { <p class="field__error" id="err-Expiration">{m}</p> })}
        </label>
        <label class="check">
            <input type="checkbox" data-testid="never-expires" prop:checked=move || never.get()
                on:change:target=move |ev| never.set(ev.target().checked()) />
            "Never Expires"
            <span class="field__hint">" Not recommended: a secret that never expires is a standing risk if it leaks."</span>
        </label>
    }
}
