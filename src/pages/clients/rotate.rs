//! Rotate Secret, a wizard on one secret: (1) a new secret, described after the old one and
//! expiring in a year; (2) its value, shown once (the usual [`super::controller::Reveal`]);
//! (3) the old secret shortened to a grace period; (4) what changed. The controller holds the
//! progress ([`Rotation`]); these are the steps' dialogs.

use chrono::{Local, Utc};
use leptos::prelude::*;

use crate::components::dialog::Modal;
use crate::components::error_panel::ErrorPanel;
use crate::model::rotation::{can_add_secret, grace_change, GraceChange, GracePeriod, MAX_SECRETS};
use crate::model::{format_datetime, ClientSecret};

use super::controller::{Controller, RotateStep, Rotation};
use super::secret_form::SecretFormBody;

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
pub fn rotate_dialog(ctl: Controller, step: RotateStep) -> AnyView {
    let s = ctl.state;
    let Some(rotation) = s.rotation.get_untracked() else {
        return ().into_any();
    };
    match step {
        RotateStep::NewSecret => new_secret_step(ctl, rotation).into_any(),
        RotateStep::Grace => grace_step(ctl, rotation).into_any(),
        RotateStep::Summary => summary_step(ctl, rotation).into_any(),
    }
}

fn new_secret_step(ctl: Controller, rotation: Rotation) -> impl IntoView {
    let s = ctl.state;
    let old = secret_name(&rotation.old);
    let close = Callback::new(move |()| s.request_close_dialog());
    if !can_add_secret(rotation.existing) {
        return view! {
            <Modal open=true title="Rotate Secret" on_close=close>
                <p data-testid="rotate-full">
                    {format!("This client already has {MAX_SECRETS} secrets, the most it can have, so a new one cannot be added. Remove one first (an expired one, if there is one), then rotate “{old}”.")}
                </p>
                <div class="dialog__actions">
                    <button type="button" class="button button--primary" on:click=move |_| s.close_dialog()>"Close"</button>
                </div>
            </Modal>
        }
        .into_any();
    }
    let action = ctl.writes.add_secret;
    let status = super::dialogs::form_status(ctl, action, Controller::submit_secret_form);
    view! {
        <Modal open=true title="Rotate Secret · step 1 of 4: a new secret" on_close=close wide=true>
            <p class="wizard-lead">
                {format!("A new secret is added next to “{old}”. Both work until step 3, where you choose how long “{old}” keeps working.")}
            </p>
            <SecretFormBody values=s.secret_form errors=s.form_errors submit_label="Add" status />
        </Modal>
    }
    .into_any()
}

fn grace_step(ctl: Controller, rotation: Rotation) -> impl IntoView {
    let s = ctl.state;
    let action = ctl.writes.shorten;
    let old = secret_name(&rotation.old);
    let new_id = rotation.new.as_ref().and_then(|n| n.id).unwrap_or_default();
    let grace = Signal::derive(move || {
        s.rotation
            .read()
            .as_ref()
            .map(|r| r.grace)
            .unwrap_or(GracePeriod::SevenDays)
    });
    let choose = move |g: GracePeriod| {
        s.rotation.update(|r| {
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
        s.rotation.set(None);
        s.close_dialog();
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
            {move || s.finding.get().map(|n| view! { <p class="read-only-note" role="status" data-testid="finding">{n}</p> })}
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| close.run(())>"Leave it unchanged"</button>
                <button type="button" class="button button--primary" disabled=move || action.pending().get()
                    on:click=move |_| ctl.shorten_old_secret()>
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

fn summary_step(ctl: Controller, rotation: Rotation) -> impl IntoView {
    let s = ctl.state;
    let done = Callback::new(move |()| {
        s.rotation.set(None);
        s.close_dialog();
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
