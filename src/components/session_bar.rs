//! Who is signed in (header), and the dialog that asks to sign in again.

use leptos::{html, prelude::*};

use crate::auth::rights::WriteAccess;
use crate::auth::session::Session;

/// The signed-in user's name, their role on this page, and Sign out.
#[component]
pub fn SessionBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let name = move || session.identity.read().name.clone();
    let role = move || match (session.access(), session.is_admin.get()) {
        (WriteAccess::Checking, _) => "Checking permissions…",
        (WriteAccess::ReadOnly, _) => "Read-only (not Tenant Administrator)",
        (WriteAccess::Allowed, Some(true)) => "Tenant Administrator",
        (WriteAccess::Allowed, _) => "",
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
            {move || match session.user_switch.get() {
                None => view! {
                    <div class="dialog__actions">
                        <button type="button" class="button button--primary" on:click=move |_| session.reauthenticate()>
                            "Sign in again"
                        </button>
                    </div>
                }
                .into_any(),
                Some(switch) => {
                    let continue_label = format!("Continue as {}", switch.after);
                    view! {
                        <div role="alert" class="session-switch">
                            <p>
                                "This page was signed in as " <strong>{switch.before.clone()}</strong>
                                ", but the sign-in window signed in " <strong>{switch.after.clone()}</strong> "."
                            </p>
                            <p>
                                "Nothing has been sent. If you continue, what you entered on this page stays, and anything you save from now on is done as "
                                {switch.after.clone()} "."
                            </p>
                        </div>
                        <div class="dialog__actions">
                            <button type="button" class="button" on:click=move |_| session.refuse_new_user()>
                                {format!("Sign in as {} instead", switch.before)}
                            </button>
                            <button type="button" class="button button--primary" on:click=move |_| session.continue_as_new_user()>
                                {continue_label}
                            </button>
                        </div>
                    }
                    .into_any()
                }
            }}
        </dialog>
    }
}
