//! A new secret's value, shown once with Copy: the platform keeps only a hash.

use leptos::prelude::*;

/// The value (and, after Add Client, the new Client ID), each with a Copy button, and the
/// warning that the secret cannot be shown again.
#[component]
pub fn SecretReveal(
    /// The new client's id (Add Client), if any.
    client_id: Option<String>,
    /// The secret's value, if the server sent one.
    secret: Option<String>,
    on_copy: Callback<(String, &'static str)>,
    on_close: Callback<()>,
) -> impl IntoView {
    let has_secret = secret.is_some();
    view! {
        <div class="reveal">
            {client_id.map(|id| {
                let copy = id.clone();
                view! {
                    <div class="reveal__item">
                        <span class="field__label">"Client ID"</span>
                        <div class="reveal__value">
                            <code data-testid="new-client-id">{id}</code>
                            <button type="button" class="button button--small" on:click=move |_| on_copy.run((copy.clone(), "Client ID"))>"Copy"</button>
                        </div>
                    </div>
                }
            })}
            {secret.map(|value| {
                let copy = value.clone();
                view! {
                    <div class="reveal__item">
                        <span class="field__label">"Client Secret"</span>
                        <div class="reveal__value">
                            <code data-testid="new-secret">{value}</code>
                            <button type="button" class="button button--small" on:click=move |_| on_copy.run((copy.clone(), "Client Secret"))>"Copy"</button>
                        </div>
                    </div>
                }
            })}
            {has_secret.then(|| view! {
                <p class="read-only-note" role="note">
                    "Copy the secret now and store it somewhere safe. Once this window is closed it cannot be shown or retrieved again; if it is lost, add a new secret and remove this one."
                </p>
            })}
            <div class="dialog__actions">
                <button type="button" class="button button--primary" on:click=move |_| on_close.run(())>"Close"</button>
            </div>
        </div>
    }
}
