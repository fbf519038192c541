//! Security › Clients.

use leptos::prelude::*;

/// The Clients page.
#[component]
pub fn ClientsPage() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page__header">
                <h1 id="page-title">"Clients"</h1>
                <p class="page__lead">
                    "OAuth clients let devices, services and applications authenticate to this tenant."
                </p>
            </header>
        </section>
    }
}
