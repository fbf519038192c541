//! One way to show something that loads: a placeholder while it loads, the API's error with
//! Retry when it fails (or a plain note when the user may not see it), the content when it
//! is there.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;

/// Shows `state`: `None` → `loading` (or skeleton rows), `Err` → [`ErrorPanel`] titled
/// `error_title` with Retry, a 403 → `forbidden` as a note when given, `Ok` → `ready(value)`.
#[component]
pub fn AsyncRegion<T, V, F>(
    #[prop(into)] state: Signal<Option<Result<T, ApiError>>>,
    /// What failed, e.g. "The secrets could not be loaded."
    #[prop(into)]
    error_title: Signal<String>,
    ready: F,
    /// What is loading, e.g. "Loading secrets…".
    #[prop(optional)]
    loading: &'static str,
    /// Skeleton rows instead of the loading line (lists).
    #[prop(optional)]
    skeleton: bool,
    /// Said instead of the error when the API answers 403.
    #[prop(optional)]
    forbidden: Option<&'static str>,
    #[prop(optional)] on_retry: Option<Callback<()>>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    move || match state.get() {
        None if skeleton => view! {
            <div class="skeleton" aria-busy="true" aria-label=loading>
                {(0..6).map(|_| view! { <div class="skeleton__row"></div> }).collect_view()}
            </div>
        }
        .into_any(),
        None => view! { <p aria-busy="true" class="muted">{loading}</p> }.into_any(),
        Some(Err(err)) if err.status() == Some(403) && forbidden.is_some() => {
            view! { <p class="read-only-note" role="note">{forbidden}</p> }.into_any()
        }
        Some(Err(error)) => {
            view! { <ErrorPanel error title=error_title.get() on_retry=on_retry reading=true /> }
                .into_any()
        }
        Some(Ok(value)) => ready(value).into_any(),
    }
}
