//! Rotate Secret, a wizard on one secret: (1) a new secret, described after the old one and
//! expiring in a year; (2) its value, shown once (the page's reveal); (3) the old secret
//! shortened to a grace period; (4) what changed. The room holds the progress
//! ([`Rotation`]); these are the steps' dialogs and step 3's write.

use std::sync::Arc;

use chrono::{DateTime, Local, Utc};
use leptos::prelude::*;

use crate::api::ApiError;

use crate::components::dialog::Modal;
use crate::components::error_panel::ErrorPanel;
use crate::model::rotation::{can_add_secret, grace_change, GraceChange, GracePeriod, MAX_SECRETS};
use crate::model::{format_datetime, Client, ClientSecret};

use super::{Rotation, Secrets};
use crate::pages::clients::core::dialog::{room_dialogs, Dialog, RotateStep};
use crate::pages::clients::core::writes::{
    client_id, form_status, unchecked, WriteResult, NO_ANSWER,
};
use crate::pages::clients::core::Page;
use crate::pages::clients::forms::secret_form::SecretFormBody;

/// A secret's description, or "secret 12".
fn secret_name(secret: &ClientSecret) -> String {
    secret
        .description
        .clone()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| format!("secret {}", secret.id.unwrap_or_default()))
}

/// "expires 30 Nov 2027, 10:00" or "never expires".
fn expiry_words(secret: &ClientSecret) -> String {
    match secret.effective_expiration() {
        Some(at) => format!("expires {}", format_datetime(at, &Local)),
        None => "never expires".into(),
    }
}

/// The dialog of `step`.
fn rotate_dialog_view(step: RotateStep) -> AnyView {
    let room = expect_context::<Secrets>();
    let Some(rotation) = room.rotation.get_untracked() else {
        return ().into_any();
    };
    match step {
        RotateStep::NewSecret => new_secret_step(room, rotation).into_any(),
        RotateStep::Grace => grace_step(room, rotation).into_any(),
        RotateStep::Summary => summary_step(room, rotation).into_any(),
    }
}

fn new_secret_step(room: Secrets, rotation: Rotation) -> impl IntoView {
    let s = room.s;
    let old = secret_name(&rotation.old);
    let close = Callback::new(move |()| s.dialogs.request_close());
    if !can_add_secret(rotation.existing) {
        return view! {
            <Modal open=true title="Rotate Secret" on_close=close>
                <p data-testid="rotate-full">
                    {format!("This client already has {MAX_SECRETS} secrets, the most it can have, so a new one cannot be added. Remove one first (an expired one, if there is one), then rotate “{old}”.")}
                </p>
                <div class="dialog__actions">
                    <button type="button" class="button button--primary" on:click=move |_| s.dialogs.close()>"Close"</button>
                </div>
            </Modal>
        }
        .into_any();
    }
    let status = form_status(s, room.add, Callback::new(move |()| room.submit()));
    view! {
        <Modal open=true title="Rotate Secret · step 1 of 4: a new secret" on_close=close wide=true>
            <p class="wizard-lead">
                {format!("A new secret is added next to “{old}”. Both work until step 3, where you choose how long “{old}” keeps working.")}
            </p>
            <SecretFormBody values=room.values errors=s.dialogs.form_errors submit_label="Add" status />
        </Modal>
    }
    .into_any()
}

fn grace_step(room: Secrets, rotation: Rotation) -> impl IntoView {
    let s = room.s;
    let action = room.shorten;
    let old = secret_name(&rotation.old);
    let new_id = rotation.new.as_ref().and_then(|n| n.id).unwrap_or_default();
    let grace = Signal::derive(move || {
        room.rotation
            .read()
            .as_ref()
            .map(|r| r.grace)
            .unwrap_or(GracePeriod::SevenDays)
    });
    let choose = move |g: GracePeriod| {
        room.rotation.update(|r| {
            if let Some(r) = r {
                r.grace = g;
            }
        })
    };
    let old_for_preview = rotation.old.clone();
    let preview = move || match grace_change(&old_for_preview, grace.get(), Utc::now()) {
        GraceChange::Shorten(end) => {
            format!("It will stop working on {}.", format_datetime(end, &Local))
        }
        GraceChange::KeepSooner => format!(
            "It already {} (sooner), so it is left as it is: an expiry is never extended.",
            expiry_words(&old_for_preview)
        ),
        GraceChange::AlreadyExpired => "It has already expired, so it is left as it is.".into(),
    };
    let changes = {
        let old = rotation.old.clone();
        move || {
            matches!(
                grace_change(&old, grace.get(), Utc::now()),
                GraceChange::Shorten(_)
            )
        }
    };
    let choices = move || {
        GracePeriod::ALL
            .into_iter()
            .map(|g| {
                view! {
                    <label class="choice">
                        <input type="radio" name="grace" value=g.days() prop:checked=move || grace.get() == g
                            on:change=move |_| choose(g) />
                        {g.label()}
                    </label>
                }
            })
            .collect_view()
    };
    // Closing here keeps the new secret and leaves the old one as it is.
    let close = Callback::new(move |()| {
        room.rotation.set(None);
        s.dialogs.close();
        s.toasts
            .show("Rotation stopped: the new secret stays and the old one is unchanged");
    });
    let old_now = expiry_words(&rotation.old);
    let lead = format!("The new secret (ID {new_id}) is in place. “{old}” {old_now}. Give your applications time to switch: how long should “{old}” keep working?");
    let failed = format!("The expiry of “{old}” was not changed. The new secret (ID {new_id}) was created and stays; “{old}” is as it was.");
    let (lead, failed) = (StoredValue::new(lead), StoredValue::new(failed));
    let preview = StoredValue::new_local(preview);
    let changes = StoredValue::new_local(changes);
    view! {
        <Modal open=true title="Rotate Secret · step 3 of 4: retire the old secret" on_close=close>
            <p class="wizard-lead">{lead.get_value()}</p>
            <fieldset class="choices">
                <legend>"Grace period"</legend>
                {choices}
            </fieldset>
            <p data-testid="grace-preview">{move || preview.with_value(|p| p())}</p>
            {move || action.value().get().and_then(Result::err).map(|e| view! {
                <ErrorPanel error=e title=failed.get_value() />
            })}
            {move || s.dialogs.finding.get().map(|n| view! { <p class="read-only-note" role="status" data-testid="finding">{n}</p> })}
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| close.run(())>"Leave it unchanged"</button>
                <button type="button" class="button button--primary" disabled=move || action.pending().get()
                    on:click=move |_| room.shorten_old_secret()>
                    {move || match (action.pending().get(), action.value().get().is_some_and(|r| r.is_err()), changes.with_value(|c| c())) {
                        (true, _, _) => "Working…",
                        (false, true, _) => "Retry",
                        (false, false, true) => "Shorten expiry",
                        (false, false, false) => "Continue",
                    }}
                </button>
            </div>
        </Modal>
    }
}

fn summary_step(room: Secrets, rotation: Rotation) -> impl IntoView {
    let s = room.s;
    let done = Callback::new(move |()| {
        room.rotation.set(None);
        s.dialogs.close();
    });
    let new_line = rotation.new.as_ref().map(|n| {
        format!(
            "New secret “{}” (ID {}) {}.",
            secret_name(n),
            n.id.unwrap_or_default(),
            expiry_words(n)
        )
    });
    let old = secret_name(&rotation.old);
    let old_line = match (&rotation.old_after, rotation.old_gone) {
        (_, true) => format!("“{old}” had already been removed."),
        (Some(after), _) => format!(
            "“{old}” now {} (it {} before).",
            expiry_words(after),
            expiry_words(&rotation.old)
        ),
        (None, false) => format!("“{old}” is unchanged: it {}.", expiry_words(&rotation.old)),
    };
    let (new_line, old_line) = (StoredValue::new(new_line), StoredValue::new(old_line));
    view! {
        <Modal open=true title="Rotate Secret · step 4 of 4: done" on_close=done>
            <ul class="wizard-summary" data-testid="rotate-summary">
                {new_line.get_value().map(|l| view! { <li>{l}</li> })}
                <li>{old_line.get_value()}</li>
            </ul>
            <p>"Changes to secrets can take up to an hour to take effect. Switch your applications to the new secret before the old one stops working."</p>
            <div class="dialog__actions">
                <button type="button" class="button button--primary" on:click=move |_| done.run(())>"Done"</button>
            </div>
        </Modal>
    }
}

/// Step 1's new secret, when a rotation is waiting for it: `true` if it was taken.
pub fn took_new_secret(rotation: RwSignal<Option<Rotation>>, new: ClientSecret) -> bool {
    rotation
        .try_update(|r| match r {
            Some(r) if r.new.is_none() => {
                r.new = Some(new);
                true
            }
            _ => false,
        })
        .unwrap_or(false)
}

/// What follows the new secret's reveal: step 3, unless the rotation ended meanwhile.
pub fn after_reveal(s: Page, rotation: RwSignal<Option<Rotation>>) -> Arc<dyn Fn() + Send + Sync> {
    Arc::new(move || {
        let rotating = rotation.with_untracked(|r| {
            r.as_ref()
                .is_some_and(|r| r.new.is_some() && r.old_after.is_none())
        });
        if rotating && s.dialogs.dialog.get_untracked().is_none() {
            s.dialogs.open(
                Dialog::Rotate(RotateStep::Grace),
                &["add-secret", "pane-panel"],
            );
        }
    })
}

/// Step 3: the old secret now ends at `end`. No answer reads it again: if it ends by `end`,
/// the change was made.
pub async fn shorten(
    s: Page,
    rotation: RwSignal<Option<Rotation>>,
    client: Client,
    old: ClientSecret,
    end: DateTime<Utc>,
) -> WriteResult {
    let api = s.api();
    let id = old.id.unwrap_or_default();
    let body = crate::model::rotation::grace_update_body(end);
    let result = api
        .update_secret(client.kind(), &client_id(&client), id, &body)
        .await;
    let outcome = match result {
        Ok(secret) => Ok(Some(secret)),
        Err(ApiError::NotFound(_)) => Ok(None),
        Err(error) if error.outcome_unknown() => {
            match api.get_secret(client.kind(), &client_id(&client), id).await {
                Ok(secret) if secret.effective_expiration().is_some_and(|at| at <= end) => {
                    Ok(Some(secret))
                }
                Ok(_) => {
                    s.dialogs.finding.set(Some(format!(
                        "{NO_ANSWER} the old secret's expiry is unchanged. Try again."
                    )));
                    Err(error)
                }
                Err(ApiError::NotFound(_)) => Ok(None),
                Err(_) => Err(unchecked(s, error)),
            }
        }
        Err(error) => Err(error),
    };
    let after = outcome?;
    s.refresh_secrets();
    rotation.update(|r| {
        if let Some(r) = r {
            r.old_gone = after.is_none();
            r.old_after = after;
        }
    });
    s.dialogs
        .dialog
        .set(Some(Dialog::Rotate(RotateStep::Summary)));
    Ok(())
}

room_dialogs!(rotate;
    Dialog::Rotate(step) => rotate_dialog_view(step),
);
