//! The Details tab: every field of the client, in words.

use leptos::prelude::*;

use crate::model::{token_lifetime_words, Client, ClientKind};

fn yes_no(value: Option<bool>) -> &'static str {
    value.map_or("Not set", |yes| if yes { "Yes" } else { "No" })
}

fn lifetime(seconds: Option<i32>) -> String {
    match seconds {
        Some(s) => format!("{} ({s} seconds)", token_lifetime_words(i64::from(s))),
        None => "Default (1 hour)".to_string(),
    }
}

/// A list of URIs, or a dash when there are none.
#[component]
fn UriList(uris: Vec<String>, #[prop(into)] empty: String) -> impl IntoView {
    if uris.is_empty() {
        return view! { <span class="muted">{empty}</span> }.into_any();
    }
    view! {
        <ul class="uri-list">
            {uris.into_iter().map(|u| view! { <li><code>{u}</code></li> }).collect_view()}
        </ul>
    }
    .into_any()
}

fn optional_text(value: Option<&str>) -> AnyView {
    match value.filter(|v| !v.is_empty()) {
        Some(v) => view! { <code>{v.to_string()}</code> }.into_any(),
        None => view! { <span class="muted">"Not set"</span> }.into_any(),
    }
}

/// The redirect URLs of a client that signs users in (Hybrid, Authorization Code).
fn redirect_rows(sign_in: &Option<Vec<String>>, sign_out: &Option<Vec<String>>) -> impl IntoView {
    view! {
        <dt>"Allowed Redirect URLs"</dt>
        <dd><UriList uris=sign_in.clone().unwrap_or_default() empty="None" /></dd>
        <dt>"Allowed Logout Redirect URLs"</dt>
        <dd><UriList uris=sign_out.clone().unwrap_or_default() empty="None" /></dd>
    }
}

/// The client's own web page and logo (Hybrid, Authorization Code).
fn link_rows(client: Option<&str>, logo: Option<&str>) -> impl IntoView {
    view! {
        <dt>"Client URL"</dt><dd>{optional_text(client)}</dd>
        <dt>"Logo URL"</dt><dd>{optional_text(logo)}</dd>
    }
}

/// Every field of a client of any kind.
#[component]
pub fn DetailsTab(client: Client) -> impl IntoView {
    let kind = client.kind();
    let common = view! {
        <dt>"Name"</dt><dd>{client.name().unwrap_or_default().to_string()}</dd>
        <dt>"Client ID"</dt><dd><code>{client.id().unwrap_or_default().to_string()}</code></dd>
        <dt>"Client Type"</dt><dd>{kind.label()}</dd>
        <dt>"Status"</dt><dd>{match client.enabled() { Some(false) => "Disabled: it cannot authenticate", Some(true) => "Enabled: it can authenticate", None => "Not set" }}</dd>
        <dt>"Token Lifetime"</dt><dd>{lifetime(client.access_token_lifetime())}</dd>
    };
    let specific = match &client {
        Client::ClientCredentials(_) => view! {
            <dt>"Roles"</dt>
            <dd>{format!("{} assigned; see the Roles tab", client.role_ids().len())}</dd>
        }
        .into_any(),
        Client::Hybrid(c) => view! {
            {redirect_rows(&c.redirect_uris, &c.post_logout_redirect_uris)}
            <dt>"Allow Refresh Token"</dt><dd>{yes_no(c.allow_offline_access)}</dd>
            <dt>"Access tokens via browser"</dt><dd>{yes_no(c.allow_access_tokens_via_browser)}</dd>
            {link_rows(c.client_uri.as_deref(), c.logo_uri.as_deref())}
        }
        .into_any(),
        Client::AuthorizationCode(c) => view! {
            {redirect_rows(&c.redirect_uris, &c.post_logout_redirect_uris)}
            <dt>"Allowed CORS Origins"</dt>
            <dd><UriList uris=c.allowed_cors_origins.clone().unwrap_or_default() empty="None" /></dd>
            <dt>"Refresh tokens (offline access)"</dt><dd>{yes_no(c.allow_offline_access)}</dd>
            {link_rows(c.client_uri.as_deref(), c.logo_uri.as_deref())}
        }
        .into_any(),
    };
    let note = (kind == ClientKind::AuthorizationCode)
        .then(|| view! { <p class="muted">"Authorization code clients have no secrets: they sign users in with PKCE."</p> });
    view! {
        <dl class="fields" data-testid="details-fields">{common}{specific}</dl>
        {note}
    }
}
