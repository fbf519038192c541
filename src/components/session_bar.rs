//! Who is signed in (header), and the dialog that asks to sign in again.

use leptos::{html, prelude::*};

use crate::auth::session::Session;

/// The signed-in user's name, their role on this page, and Sign out.
#[component]
pub fn SessionBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let name = move || session.identity.read().name.clone();
    let role = move || match session.is_admin.get() {
        Some(true) => "Tenant Administrator",
        Some(false) => "Read-only (not Tenant Administrator)",
        None => "",
    };
    view! {
        <div class="session-bar">
            <span class="session-bar__user">
                <span class="session-bar__name" data-testid="user-name">{name}</span>
                <span class="session-bar__role" data-testid="user-role">{role}</span>
            </span>
            <button type="button" class="button button--quiet" on:click=move |_| session.sign_out()>
                "Sign out"
            </button>
        </div>
    }
}

/// Shown when the token expired or the API answered 401: sign in again in a popup, so that
/// nothing typed on the page is lost.
#[component]
pub fn SessionExpiredDialog() -> impl IntoView {
    let session = expect_context::<Session>();
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        match (session.expired.get(), el.open()) {
            (true, false) => {
                let _ = el.show_modal();
            }
            (false, true) => el.close(),
            _ => {}
        }
    });
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby="session-expired-title"
            on:cancel=move |ev: leptos::ev::Event| ev.prevent_default()>
            <h2 id="session-expired-title">"Your session has ended"</h2>
            <p>
                "Sign in again to continue. This page stays as it is: anything you entered is kept."
            </p>
            {move || session.reauth_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="dialog__actions">
                <button type="button" class="button button--primary" on:click=move |_| session.reauthenticate()>
                    "Sign in again"
                </button>
            </div>
        </dialog>
    }
}
