//! Start-up (configuration, sign-in), the router and the shell: header, left pane, main area.

use leptos::prelude::*;
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path,
};

use crate::api::ApiClient;
use crate::auth::browser::{self, SignInError};
use crate::auth::config::{ConfigError, CONFIG_FILE};
use crate::auth::session::{self, Session};
use crate::components::nav::SideNav;
use crate::components::session_bar::{SessionBar, SessionExpiredDialog};
use crate::components::toast::{ToastRegion, Toasts};
use crate::pages::clients::core::cache::FirstPage;
use crate::pages::{clients::ClientsPage, not_found::NotFound};

/// Why the console cannot show itself yet.
#[derive(Clone, Debug)]
enum Boot {
    /// The browser is on its way to the identity server.
    Redirecting,
    /// This window was the sign-in popup; it handed over and closes.
    PopupDone,
    Config(ConfigError),
    SignIn(SignInError),
}

async fn boot() -> Result<(Session, Option<FirstPage>), Boot> {
    let config = browser::load_config().await.map_err(Boot::Config)?;
    if browser::on_callback_path() && session::answer_opener_if_popup() {
        return Err(Boot::PopupDone);
    }
    let discovery = browser::discover(&config).await.map_err(Boot::SignIn)?;
    if browser::on_callback_path() {
        let (signed_in, return_to) =
            match browser::complete_redirect_sign_in(&config, &discovery).await {
                Ok(done) => done,
                // An answer to no request of this tab: Back to the identity server, whose
                // session sent a fresh code for an old request. Its code is never exchanged;
                // sign-in starts over, to the console's home page.
                Err(SignInError::NothingPending) => {
                    browser::redirect_to_sign_in(&config, &discovery, browser::base_path())
                        .await
                        .map_err(Boot::SignIn)?;
                    return Err(Boot::Redirecting);
                }
                Err(err) => return Err(Boot::SignIn(err)),
            };
        // Back to where the user was going; the code and state leave the address bar and history.
        browser::replace_url(&return_to);
        let session = Session::new(config, Some(discovery), signed_in);
        // Before the console mounts: the list's first page need not wait for the shell.
        let first = FirstPage::send(api_for(session), &return_to, &browser::base_path());
        return Ok((session, first));
    }
    browser::redirect_to_sign_in(&config, &discovery, browser::current_location())
        .await
        .map_err(Boot::SignIn)?;
    Err(Boot::Redirecting)
}

/// The whole app: loads config.json, signs the user in, then shows the console.
#[component]
pub fn App() -> impl IntoView {
    let started = LocalResource::new(boot);
    move || {
        match started.get() {
        None | Some(Err(Boot::Redirecting)) => view! {
            <FullPage title="Signing you in…">
                <p aria-busy="true">"Taking you to your organization's sign-in page."</p>
            </FullPage>
        }
        .into_any(),
        Some(Ok((session, first_page))) => view! { <Console session first_page /> }.into_any(),
        Some(Err(Boot::PopupDone)) => view! {
            <FullPage title="Signed in">
                <p>"You are signed in again. This window closes by itself; if it does not, close it."</p>
            </FullPage>
        }
        .into_any(),
        Some(Err(Boot::Config(err))) => view! { <ConfigProblem err /> }.into_any(),
        Some(Err(Boot::SignIn(err))) => {
            let home = browser::base_path();
            view! {
                <FullPage title="Sign-in did not complete">
                    <p role="alert">{err.to_string()}</p>
                    <p><a href=home>"Start again"</a></p>
                </FullPage>
            }
            .into_any()
        }
    }
    }
}

#[component]
fn ConfigProblem(err: ConfigError) -> impl IntoView {
    let what = if err.field.is_empty() {
        format!("The file {CONFIG_FILE} {}.", err.problem)
    } else {
        format!("In {CONFIG_FILE}, \"{}\" {}.", err.field, err.problem)
    };
    view! {
        <FullPage title="The console is not configured correctly">
            <p role="alert">{what}</p>
            <p>
                "Whoever deployed this console can fix it in " <code>{CONFIG_FILE}</code>
                ", next to index.html. The README lists every setting with an example."
            </p>
        </FullPage>
    }
}

/// A page of its own, for the moments before (or instead of) the console.
#[component]
fn FullPage(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <main class="full-page">
            <section class="full-page__card" aria-labelledby="full-page-title">
                <p class="full-page__product">"CONNECT data services · Clients"</p>
                <h1 id="full-page-title">{title}</h1>
                {children()}
            </section>
        </main>
    }
}

/// When the token does not list the user's roles, asks the API once (and again after a
/// different user signs in) whether they may change clients; the write controls wait
/// ("Checking whether you may …") until it answers.
fn check_rights(session: Session, api: ApiClient) {
    Effect::new(move |_| {
        if !session.checking_rights.get() {
            return;
        }
        let api = api.clone();
        leptos::task::spawn_local(async move {
            session.rights_checked(api.may_change_clients().await);
        });
    });
}

/// The API client of a signed-in session. Every response's status reaches the session: 401 →
/// sign in again, 403 → read-only.
fn api_for(session: Session) -> ApiClient {
    let config = session.config();
    ApiClient::new(config.api_base, config.tenant_id, move || session.token())
        .with_deadline(config.request_timeout_seconds)
        .observing(move |status| session.note_status(status))
}

/// The console for a signed-in session: router, header, left pane, pages.
#[component]
pub fn Console(
    session: Session,
    /// The list's first page, sent during sign-in.
    #[prop(optional_no_strip)]
    first_page: Option<FirstPage>,
) -> impl IntoView {
    provide_context(session);
    if let Some(first_page) = first_page {
        provide_context(first_page);
    }
    let api = api_for(session);
    provide_context(api.clone());
    check_rights(session, api);
    Toasts::provide();
    view! {
        <Router base=browser::router_base()>
            <div class="shell">
                <header class="shell__header">
                    <span class="shell__product">"CONNECT data services"</span>
                    <span class="shell__area">"Clients console"</span>
                    <SessionBar />
                </header>
                <SideNav />
                <main class="shell__main" id="main">
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("/") view=|| view! { <Redirect path="security/clients" /> } />
                        <Route path=path!("/security/clients") view=ClientsPage />
                    </Routes>
                </main>
            </div>
            <SessionExpiredDialog />
            <ToastRegion />
        </Router>
    }
}
