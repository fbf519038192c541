//! The page's dialogs, drawn from the controller's state at the page's level: nothing a list
//! re-render does can take away a form being typed or a secret on screen. When the last
//! dialog closes, focus goes back to the control that opened it.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::async_region::AsyncRegion;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::field::FormStatus;
use crate::components::secret_reveal::SecretReveal;
use crate::model::{Client, ClientKind, ClientSecret};

use super::client_form::ClientFormBody;
use super::controller::{Controller, Dialog, EditBase};
use super::pane::focus_id;
use super::remove_dialog::RemoveClientDialog;
use super::secret_form::SecretFormBody;
use super::writes::WriteResult;

/// The error a write's dialog shows (the last failure, until it is retried).
fn failure<I: 'static>(action: Action<I, WriteResult>) -> Signal<Option<ApiError>> {
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The status of a dialog's form whose save is `action` and whose submit is `submit`.
pub(super) fn form_status<I: Send + Sync + 'static>(
    ctl: Controller,
    action: Action<I, WriteResult>,
    submit: fn(&Controller),
) -> FormStatus {
    let s = ctl.state;
    FormStatus {
        pending: action.pending().into(),
        error: failure(action),
        note: s.finding.into(),
        asking_discard: s.asking_discard.into(),
        on_submit: Callback::new(move |()| submit(&ctl)),
        on_cancel: Callback::new(move |()| s.request_close_dialog()),
        on_keep: Callback::new(move |()| s.asking_discard.set(false)),
    }
}

/// Whichever dialog is open, and the one-time secret.
#[component]
pub fn DialogHost() -> impl IntoView {
    let ctl = expect_context::<Controller>();
    let s = ctl.state;
    Effect::new(move |was_open: Option<bool>| {
        let open = s.dialog.read().is_some() || s.reveal.read().is_some();
        if was_open == Some(true) && !open {
            let ids = s.return_focus();
            request_animation_frame(move || {
                let _ = ids.iter().any(|id| focus_id(id));
            });
        }
        open
    });
    // Leaving or reloading the page with a changed form open warns first.
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if s.form_changed() {
            ev.prevent_default();
            ev.set_return_value("You have unsaved changes.");
        }
    });
    on_cleanup(move || unload.remove());
    let dialog = move || {
        s.dialog.get().map(|dialog| match dialog {
            Dialog::AddClient(kind) => add_dialog(ctl, kind).into_any(),
            Dialog::EditClient { kind, .. } => edit_dialog(ctl, kind).into_any(),
            Dialog::ToggleClient(client) => toggle_dialog(ctl, client).into_any(),
            Dialog::RemoveClient(client) => remove_dialog(ctl, client).into_any(),
            Dialog::AddSecret { .. } => secret_dialog(ctl, "Add Secret", "Add").into_any(),
            Dialog::EditSecret { .. } => secret_dialog(ctl, "Edit Secret", "Save").into_any(),
            Dialog::RemoveSecret { client, secret } => {
                remove_secret_dialog(ctl, client, secret).into_any()
            }
            Dialog::Shortcuts => super::shortcuts::shortcuts_dialog(ctl).into_any(),
            Dialog::ChooseType => choose_type_dialog(ctl).into_any(),
            Dialog::Rotate(step) => super::rotate::rotate_dialog(ctl, step),
            Dialog::RemoveExpired(client) => {
                super::remove_expired::remove_expired_dialog(ctl, client).into_any()
            }
        })
    };
    // ✕ and Esc on the reveal ask the reveal (it may want to ask the admin first).
    let close_asked = RwSignal::new(0u32);
    let reveal = move || {
        s.reveal.get().map(|r| {
            view! {
                <Modal open=true title=r.title on_close=Callback::new(move |()| close_asked.update(|n| *n += 1))>
                    <SecretReveal client_id=r.client_id.clone() secret=r.secret.clone() connection=r.connection.clone() close_asked
                        on_close=Callback::new(move |()| s.close_reveal()) />
                </Modal>
            }
        })
    };
    view! { {dialog}{reveal} }
}

/// Add Client in All types: which type of client, then its form.
fn choose_type_dialog(ctl: Controller) -> impl IntoView {
    let s = ctl.state;
    let choices = move || {
        ClientKind::ALL
            .into_iter()
            .map(|kind| {
                view! {
                    <li>
                        <button type="button" class="type-choice" data-kind=kind.slug()
                            on:click=move |_| ctl.open_add_client_of(kind)>
                            <span class="type-choice__name">{kind.label()}</span>
                            <span class="type-choice__what muted">{kind_purpose(kind)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Modal open=true title="Add Client" on_close=Callback::new(move |()| s.close_dialog())>
            <p id="choose-type-lead">"Which type of client do you want to add?"</p>
            <ul class="type-choices" aria-labelledby="choose-type-lead">{choices}</ul>
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| s.close_dialog()>"Cancel"</button>
            </div>
        </Modal>
    }
}

/// What a kind of client is for, in a sentence.
fn kind_purpose(kind: ClientKind) -> &'static str {
    match kind {
        ClientKind::ClientCredentials => {
            "A service, script or device that authenticates as itself with a secret; no user signs in."
        }
        ClientKind::Hybrid => {
            "A server-side web application that signs users in and keeps a secret on its server."
        }
        ClientKind::AuthorizationCode => {
            "A browser or mobile application that signs users in and cannot keep a secret."
        }
    }
}

/// Add Client: the form for the selected Client Type.
fn add_dialog(ctl: Controller, kind: ClientKind) -> impl IntoView {
    let s = ctl.state;
    view! {
        <Modal open=true title=format!("Add Client: {}", kind.label())
            on_close=Callback::new(move |()| s.request_close_dialog()) wide=true>
            {client_form(ctl, kind, None)}
        </Modal>
    }
}

/// The form of Add Client (no `base`) or Edit Client (the fresh copy in `base`).
fn client_form(ctl: Controller, kind: ClientKind, base: Option<EditBase>) -> impl IntoView {
    let s = ctl.state;
    let creating = base.is_none();
    let status = if creating {
        form_status(ctl, ctl.writes.add_client, Controller::submit_client_form)
    } else {
        form_status(ctl, ctl.writes.update, Controller::submit_client_form)
    };
    let changed = base.is_some_and(|b| b.changed_elsewhere).then(|| view! {
        <p class="read-only-note" role="status" data-testid="changed-elsewhere">
            "This client was changed since the list was loaded (by someone else or in another window). The form shows its current values."
        </p>
    });
    view! {
        {changed}
        <ClientFormBody kind creating values=s.client_form errors=s.form_errors
            tenant_roles=Signal::derive(move || s.roles.get()) status />
    }
}

/// Edit Client: reads the client again, then the form on the fresh copy.
fn edit_dialog(ctl: Controller, kind: ClientKind) -> impl IntoView {
    let s = ctl.state;
    let reread = ctl.writes.reread;
    let state = Signal::derive(move || match s.edit_base.get() {
        Some(base) => Some(Ok(base)),
        None if reread.pending().get() => None,
        None => reread.value().get().and_then(Result::err).map(Err),
    });
    let retry = Callback::new(move |()| {
        if let Some(Dialog::EditClient { id, .. }) = s.dialog.get_untracked() {
            if let Some(client) = s.client(&id) {
                reread.dispatch(client);
            }
        }
    });
    view! {
        <Modal open=true title="Edit Client" on_close=Callback::new(move |()| s.request_close_dialog()) wide=true>
            <AsyncRegion state error_title="The client could not be read before editing."
                loading="Loading the client's current values…" on_retry=retry
                ready=move |base: EditBase| client_form(ctl, kind, Some(base)) />
        </Modal>
    }
}

fn toggle_dialog(ctl: Controller, client: Client) -> impl IntoView {
    let name = client.name().unwrap_or("this client").to_string();
    let enabled = client.enabled() != Some(false);
    let action = ctl.writes.toggle;
    let (title, message, label) = if enabled {
        ("Disable Client", format!("Disable “{name}”? It will no longer be able to get tokens. Tokens it already has stay valid until they expire, and the change can take up to an hour to take effect. You can enable it again at any time."), "Disable")
    } else {
        (
            "Enable Client",
            format!("Enable “{name}”? It will be able to get tokens again (within the hour)."),
            "Enable",
        )
    };
    view! {
        <ConfirmDialog open=true title message confirm_label=label danger=enabled
            pending=action.pending() error=failure(action)
            on_confirm=Callback::new(move |()| { action.dispatch(client.clone()); })
            on_close=Callback::new(move |()| ctl.state.close_dialog()) note=ctl.state.finding />
    }
}

fn secret_dialog(
    ctl: Controller,
    title: &'static str,
    submit_label: &'static str,
) -> impl IntoView {
    let s = ctl.state;
    let status = if submit_label == "Add" {
        form_status(ctl, ctl.writes.add_secret, Controller::submit_secret_form)
    } else {
        form_status(ctl, ctl.writes.edit_secret, Controller::submit_secret_form)
    };
    let close = Callback::new(move |()| s.request_close_dialog());
    view! {
        <Modal open=true title on_close=close wide=true>
            <SecretFormBody values=s.secret_form errors=s.form_errors submit_label status />
        </Modal>
    }
}

fn remove_secret_dialog(ctl: Controller, client: Client, secret: ClientSecret) -> impl IntoView {
    let label = secret
        .description
        .clone()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| format!("secret {}", secret.id.unwrap_or_default()));
    let action = ctl.writes.remove_secret;
    view! {
        <ConfirmDialog open=true title="Remove Secret" confirm_label="Remove" danger=true
            message=format!("Remove “{label}”? Applications that use it will no longer be able to sign in once the change takes effect (up to an hour). This cannot be undone.")
            pending=action.pending() error=failure(action)
            on_confirm=Callback::new(move |()| { action.dispatch((client.clone(), secret.clone())); })
            on_close=Callback::new(move |()| ctl.state.close_dialog()) note=ctl.state.finding />
    }
}

fn remove_dialog(ctl: Controller, client: Client) -> impl IntoView {
    let s = ctl.state;
    let id = client.id().unwrap_or_default().to_string();
    let of = id.clone();
    let (remove, toggle) = (ctl.writes.remove, ctl.writes.toggle);
    let for_disable = client.clone();
    view! {
        <RemoveClientDialog
            name=client.name().map(str::to_string)
            id
            kind_label=client.kind().label()
            has_secrets=client.kind().has_secrets()
            secrets=Signal::derive(move || s.secrets_removed_with(&of))
            roles=client.role_ids().len()
            enabled=client.enabled() != Some(false)
            pending=Signal::derive(move || remove.pending().get() || toggle.pending().get())
            error=Signal::derive(move || failure(remove).get().or_else(|| failure(toggle).get()))
            note=s.finding
            on_remove=Callback::new(move |()| { remove.dispatch(client.clone()); })
            on_disable=Callback::new(move |()| { toggle.dispatch(for_disable.clone()); })
            on_close=Callback::new(move |()| s.close_dialog())
        />
    }
}
