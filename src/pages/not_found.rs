use leptos::prelude::*;
use leptos_router::components::A;

/// Shown for any path the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Page not found"</h1>
            <p>"There is nothing at this address. It may have been mistyped, or the link is out of date."</p>
            <p><A href="security/clients">"Go to Security › Clients"</A></p>
        </section>
    }
}
