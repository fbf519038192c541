//! An API failure, said the way the API says it: what happened, why, and how to fix it.

use leptos::prelude::*;

use crate::api::ApiError;

/// The error's sentence, the server's Reason and Resolution, the operation id for support,
/// and an optional Retry button.
#[component]
pub fn ErrorPanel(
    error: ApiError,
    /// What the user was doing, e.g. "Loading hybrid clients failed."
    #[prop(into)]
    title: String,
    #[prop(optional_no_strip)] on_retry: Option<Callback<()>>,
    /// The error ended a read (nothing can have changed): [`ApiError::read_sentence`].
    #[prop(optional)]
    reading: bool,
) -> impl IntoView {
    let sentence = if reading {
        error.read_sentence()
    } else {
        error.to_string()
    };
    let server_error = error.server_error().map(str::to_string);
    let reason = error.reason().map(str::to_string);
    let resolution = error.resolution().map(str::to_string);
    let operation = error.operation_id().map(str::to_string);
    view! {
        <div class="error-panel" role="alert">
            <p class="error-panel__title">{title}</p>
            <p class="error-panel__sentence">{sentence}</p>
            {server_error.map(|e| view! { <p><strong>"What happened: "</strong>{e}</p> })}
            {reason.map(|r| view! { <p><strong>"Reason: "</strong>{r}</p> })}
            {resolution.map(|r| view! { <p><strong>"How to fix it: "</strong>{r}</p> })}
            {operation.map(|o| view! { <p class="muted small">"Operation ID (for support): " <code>{o}</code></p> })}
            {on_retry.map(|retry| view! {
                <button type="button" class="button" on:click=move |_| retry.run(())>"Retry"</button>
            })}
        </div>
    }
}
