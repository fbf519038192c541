use leptos::prelude::*;
use leptos_router::components::A;

/// The left pane: the product's areas, with Security › Clients.
#[component]
pub fn SideNav() -> impl IntoView {
    view! {
        <nav class="side-nav" aria-label="Main">
            <p class="side-nav__group" id="nav-security">"Security"</p>
            <ul aria-labelledby="nav-security">
                <li>
                    <A href="security/clients" attr:class="side-nav__link">"Clients"</A>
                </li>
            </ul>
        </nav>
    }
}
