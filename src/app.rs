//! The router and the shell: header, left pane, main area.

use leptos::prelude::*;
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path,
};

use crate::components::nav::SideNav;
use crate::pages::{clients::ClientsPage, not_found::NotFound};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <div class="shell">
                <header class="shell__header">
                    <span class="shell__product">"CONNECT data services"</span>
                    <span class="shell__area">"Clients console"</span>
                </header>
                <SideNav />
                <main class="shell__main" id="main">
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("/") view=|| view! { <Redirect path="security/clients" /> } />
                        <Route path=path!("/security/clients") view=ClientsPage />
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
