//! The Secrets tab's writes: Add Secret (the value shown once), Edit Secret, Remove Secret,
//! Rotate Secret ([`rotate`]), Remove expired secrets ([`remove_expired`]) and Add reminder
//! (an `.ics` file). One room: they share the secret form and the rotation's steps.
//!
//! Uses of the core: the selected client's secrets (read again after each change), the
//! dialog host (forms, the reveal, the notice), toasts, the connection snippets' endpoint.

pub mod remove_expired;
pub mod rotate;

use std::sync::Arc;

use chrono::{DateTime, Local, Utc};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::model::rotation::{grace_change, rotated_description, GraceChange, GracePeriod};
use crate::model::{
    new_secret_body, secret_update_body, Client, ClientSecret, ClientSecretCreateOrUpdate,
    SecretFormValues,
};

use crate::pages::clients::core::dialog::{
    room_dialogs, Dialog, Notice, Offer, Reveal, RotateStep,
};
use crate::pages::clients::core::writes::{
    client_id, failure, form_status, unchecked, Change, WriteResult, NO_ANSWER,
};
use crate::pages::clients::core::Page;
use crate::pages::clients::forms::secret_form::SecretFormBody;
use remove_expired::{Batch, Outcome};

/// Rotate Secret in progress: a new secret, shown once, then the old one shortened.
#[derive(Clone, Debug, PartialEq)]
pub struct Rotation {
    pub client: Client,
    pub old: ClientSecret,
    /// How many secrets the client had when the rotation began.
    pub existing: usize,
    /// The new secret, once created (its value is only ever in the [`Reveal`]).
    pub new: Option<ClientSecret>,
    pub grace: GracePeriod,
    /// The old secret after step 3 (`None` until then, or when it was left as it was).
    pub old_after: Option<ClientSecret>,
    /// Step 3 found the old secret already removed.
    pub old_gone: bool,
}

type AddInput = (Client, ClientSecretCreateOrUpdate);
type EditInput = (Client, ClientSecret, ClientSecretCreateOrUpdate);

/// The room's state and writes.
#[derive(Clone, Copy)]
pub struct Secrets {
    s: Page,
    values: RwSignal<SecretFormValues>,
    start: StoredValue<SecretFormValues>,
    /// The ids of the client's secrets when Add Secret opened (to find the new one if the
    /// answer is lost).
    ids_before: StoredValue<Vec<i32>>,
    /// Rotate Secret, from step 1 until its summary closes.
    rotation: RwSignal<Option<Rotation>>,
    /// Remove expired secrets: the secrets and what became of each.
    expired: RwSignal<Option<Batch>>,
    add: Action<AddInput, WriteResult>,
    edit: Action<EditInput, WriteResult>,
    remove: Action<(Client, ClientSecret), WriteResult>,
    /// Rotate Secret, step 3: the old secret's new, earlier expiry.
    shorten: Action<(Client, ClientSecret, DateTime<Utc>), WriteResult>,
}

impl Secrets {
    pub fn provide(s: Page) -> Self {
        let rotation = RwSignal::new(None::<Rotation>);
        let ids_before = StoredValue::new(Vec::new());
        let this = Secrets {
            s,
            values: RwSignal::new(SecretFormValues::default()),
            start: StoredValue::new(SecretFormValues::default()),
            ids_before,
            rotation,
            expired: RwSignal::new(None),
            add: Action::new_local(move |(client, body): &AddInput| {
                add_secret(s, rotation, ids_before, client.clone(), body.clone())
            }),
            edit: Action::new_local(move |(client, secret, body): &EditInput| {
                let (client, before, body) = (client.clone(), secret.clone(), body.clone());
                let id = secret.id.unwrap_or_default();
                async move {
                    let result = s
                        .api()
                        .update_secret(client.kind(), &client_id(&client), id, &body)
                        .await;
                    let undo = result.as_ref().ok().map(|after| Change::Secret {
                        client: client.clone(),
                        before: before.clone(),
                        after: after.clone(),
                    });
                    secret_done(s, &client, id, result.map(|_| ()), (false, undo)).await
                }
            }),
            remove: Action::new_local(move |(client, secret): &(Client, ClientSecret)| {
                let (client, id) = (client.clone(), secret.id.unwrap_or_default());
                async move {
                    let result = s
                        .api()
                        .delete_secret(client.kind(), &client_id(&client), id)
                        .await;
                    secret_done(s, &client, id, result, (true, None)).await
                }
            }),
            shorten: Action::new_local(
                move |(client, old, end): &(Client, ClientSecret, DateTime<Utc>)| {
                    rotate::shorten(s, rotation, client.clone(), old.clone(), *end)
                },
            ),
        };
        // Any other dialog ends a rotation that was left half-way.
        Effect::new(move |_| {
            if s.dialogs
                .dialog
                .with(|d| d.as_ref().is_some_and(|d| !matches!(d, Dialog::Rotate(_))))
            {
                rotation.set(None);
            }
        });
        provide_context(this);
        this
    }

    /// Opens `dialog`, whose form is the secret form.
    fn open_form(&self, dialog: Dialog, return_to: &[&str]) {
        let (values, start) = (self.values, self.start);
        self.s.dialogs.open_form(
            dialog,
            return_to,
            Some(Arc::new(move || {
                values.get_untracked() != start.get_value()
            })),
        );
    }

    /// The form of a new secret of `client` starts from `start`; the ids of its secrets now
    /// are kept.
    fn start_new_secret(&self, client: &Client, start: SecretFormValues) {
        self.start.set_value(start.clone());
        self.values.set(start);
        let before = self
            .s
            .secrets_of(client.id().unwrap_or_default())
            .and_then(Result::ok)
            .map(|list| list.iter().filter_map(|x| x.id).collect())
            .unwrap_or_default();
        self.ids_before.set_value(before);
        self.add.clear();
    }

    pub fn open_add(&self, client: &Client, existing: usize) {
        self.start_new_secret(client, SecretFormValues::for_new(&Local::now()));
        let dialog = Dialog::AddSecret {
            client: client.clone(),
            existing,
        };
        self.open_form(dialog, &["add-secret"]);
    }

    pub fn open_edit(&self, client: &Client, secret: &ClientSecret) {
        let start = SecretFormValues::from_secret(secret, &Local::now());
        self.start.set_value(start.clone());
        self.values.set(start);
        self.edit.clear();
        let opener = format!("edit-secret-{}", secret.id.unwrap_or_default());
        let dialog = Dialog::EditSecret {
            client: client.clone(),
            secret: secret.clone(),
        };
        self.open_form(dialog, &[&opener]);
    }

    pub fn open_remove(&self, client: &Client, secret: &ClientSecret) {
        self.remove.clear();
        let opener = format!("remove-secret-{}", secret.id.unwrap_or_default());
        self.s.dialogs.open(
            Dialog::RemoveSecret {
                client: client.clone(),
                secret: secret.clone(),
            },
            &[&opener, "add-secret", "pane-panel"],
        );
    }

    /// Rotate Secret on `secret` of `client`, which has `existing` secrets: step 1.
    pub fn open_rotate(&self, client: &Client, secret: &ClientSecret, existing: usize) {
        let now = Local::now();
        let mut start = SecretFormValues::for_new(&now);
        start.description = rotated_description(secret.description.as_deref(), now.date_naive());
        self.start_new_secret(client, start);
        self.shorten.clear();
        self.rotation.set(Some(Rotation {
            client: client.clone(),
            old: secret.clone(),
            existing,
            new: None,
            grace: GracePeriod::SevenDays,
            old_after: None,
            old_gone: false,
        }));
        let opener = format!("rotate-secret-{}", secret.id.unwrap_or_default());
        self.open_form(
            Dialog::Rotate(RotateStep::NewSecret),
            &[&opener, "add-secret"],
        );
    }

    /// Remove expired secrets of `client`: `expired` are listed, then removed on one
    /// confirmation.
    pub fn open_remove_expired(&self, client: &Client, expired: Vec<ClientSecret>) {
        let batch = expired.into_iter().map(|x| (x, Outcome::Waiting)).collect();
        self.expired.set(Some(batch));
        self.s.dialogs.open(
            Dialog::RemoveExpired(client.clone()),
            &["remove-expired", "add-secret", "pane-panel"],
        );
    }

    /// Add reminder: an `.ics` event at `secret`'s expiry, with alarms 30 and 7 days before.
    pub fn download_reminder(&self, client: &Client, secret: &ClientSecret) {
        let name = client.name().unwrap_or_default();
        let id = client.id().unwrap_or_default();
        let Some(ics) = crate::model::ics::reminder_ics(name, id, secret, Utc::now()) else {
            return;
        };
        let file = crate::model::ics::ics_file_name(name, secret);
        if crate::components::download::download(&file, "text/calendar;charset=utf-8", &ics) {
            self.s.toasts.show(format!(
                "Reminder saved as {file}: open it to add it to your calendar"
            ));
        }
    }

    /// Step 3's button: shortens the old secret to the chosen grace period (or, when it
    /// already ends sooner, goes on to the summary).
    fn shorten_old_secret(&self) {
        let Some(rotation) = self.rotation.get_untracked() else {
            return;
        };
        if self.shorten.pending().get_untracked() {
            return;
        }
        match grace_change(&rotation.old, rotation.grace, Utc::now()) {
            GraceChange::Shorten(end) => {
                self.shorten.dispatch((rotation.client, rotation.old, end));
            }
            GraceChange::KeepSooner | GraceChange::AlreadyExpired => {
                self.s
                    .dialogs
                    .dialog
                    .set(Some(Dialog::Rotate(RotateStep::Summary)));
            }
        }
    }

    /// Add (or Save) in Add Secret, Edit Secret and Rotate Secret's step 1.
    fn submit(&self) {
        let d = self.s.dialogs;
        let values = self.values.get_untracked();
        let now = Local::now();
        let (action, body) = match d.dialog.get_untracked() {
            Some(Dialog::Rotate(RotateStep::NewSecret)) => {
                let Some(rotation) = self.rotation.get_untracked() else {
                    return;
                };
                let body = new_secret_body(rotation.existing, &values, &now);
                (self.add, body.map(|b| Some((rotation.client, b))))
            }
            Some(Dialog::AddSecret { client, existing }) => {
                let body = new_secret_body(existing, &values, &now);
                (self.add, body.map(|b| Some((client, b))))
            }
            Some(Dialog::EditSecret { client, secret }) => {
                if self.edit.pending().get_untracked() {
                    return;
                }
                match secret_update_body(&self.start.get_value(), &values, &now) {
                    Err(errors) => d.form_errors.set(errors),
                    Ok(None) => d.close(),
                    Ok(Some(body)) => {
                        d.form_errors.set(Default::default());
                        self.edit.dispatch((client, secret, body));
                    }
                }
                return;
            }
            _ => return,
        };
        if action.pending().get_untracked() {
            return;
        }
        match body {
            Err(errors) => d.form_errors.set(errors),
            Ok(None) => {}
            Ok(Some(input)) => {
                d.form_errors.set(Default::default());
                action.dispatch(input);
            }
        }
    }
}

async fn add_secret(
    s: Page,
    rotation: RwSignal<Option<Rotation>>,
    ids_before: StoredValue<Vec<i32>>,
    client: Client,
    body: ClientSecretCreateOrUpdate,
) -> WriteResult {
    let api = s.api();
    let error = match api
        .create_secret(client.kind(), &client_id(&client), &body)
        .await
    {
        Ok(created) => {
            s.dialogs.close();
            s.refresh_secrets();
            let new = ClientSecret {
                id: created.id,
                description: created.description.clone(),
                expiration: created.expiration,
                expires: created.expires,
            };
            let rotating = rotate::took_new_secret(rotation, new);
            s.dialogs.show_reveal(
                Reveal {
                    title: if rotating {
                        "Rotate Secret · step 2 of 4: copy the new secret"
                    } else {
                        "Secret added"
                    },
                    client_id: None,
                    secret: created.secret,
                    connection: s.connection_for(&client),
                },
                rotating.then(|| rotate::after_reveal(s, rotation)),
            );
            return Ok(());
        }
        Err(ApiError::NotFound(_)) => {
            s.gone(&client);
            return Ok(());
        }
        Err(error) if error.outcome_unknown() => error,
        Err(error) => return Err(error),
    };
    let Ok(now) = api.list_secrets(client.kind(), &client_id(&client)).await else {
        return Err(unchecked(s, error));
    };
    let before = ids_before.get_value();
    let Some(new) = now
        .into_iter()
        .find(|x| x.id.is_some_and(|id| !before.contains(&id)))
    else {
        s.dialogs.finding.set(Some(format!(
            "{NO_ANSWER} no secret was added. Add again to retry."
        )));
        return Err(error);
    };
    s.dialogs.close();
    s.refresh_secrets();
    // A rotation cannot go on without the new value.
    rotation.set(None);
    s.dialogs.notice.set(Some(Notice {
        text: format!(
            "A new secret (ID {}) was added, but the server's answer with its value never arrived, and the value cannot be recovered. Remove it and add another one.",
            new.id.unwrap_or_default()
        ),
        offer: Some(Offer::RemoveSecret(client, new)),
    }));
    Ok(())
}

/// After Edit Secret or Remove Secret: the list is read again either way; a 404 means the
/// secret was already removed; no answer reads the secret again to see what happened. An
/// answered edit is `undo`, offered with the toast.
async fn secret_done(
    s: Page,
    client: &Client,
    secret_id: i32,
    result: WriteResult,
    (removing, undo): (bool, Option<Change>),
) -> WriteResult {
    let d = s.dialogs;
    let done = if removing {
        "Secret removed. Applications using it can no longer get new tokens (within the hour)."
    } else {
        "Secret saved. It can take up to an hour to take effect in sign-ins."
    };
    match result {
        Ok(()) => {}
        Err(ApiError::NotFound(_)) => {
            d.return_focus_to(&["add-secret", "pane-panel"]);
            d.close();
            s.refresh_secrets();
            d.say("That secret was already removed, by someone else or in another window.");
            return Ok(());
        }
        Err(error) if error.outcome_unknown() => {
            let read = s
                .api()
                .get_secret(client.kind(), &client_id(client), secret_id)
                .await;
            s.refresh_secrets();
            let found = match (read, removing) {
                (Err(ApiError::NotFound(_)), true) => None,
                (Ok(_), true) => Some(format!("{NO_ANSWER} the secret is still there. Try again.")),
                (Ok(secret), false) => Some(format!(
                    "{NO_ANSWER} the secret now reads “{}”, {}. Save again if that is not what you wanted.",
                    secret.description.clone().unwrap_or_default(),
                    match secret.effective_expiration() {
                        Some(at) => format!("expiring {}", crate::model::format_datetime(at, &Local)),
                        None => "never expiring".into(),
                    }
                )),
                (Err(_), _) => return Err(unchecked(s, error)),
            };
            if let Some(found) = found {
                d.finding.set(Some(found));
                return Err(error);
            }
        }
        Err(error) => return Err(error),
    }
    if removing {
        // The secret's own buttons go with it (the list is read again after the dialog has
        // closed): the focus goes to Add Secret, not to a button about to disappear.
        d.return_focus_to(&["add-secret", "pane-panel"]);
    }
    d.close();
    s.refresh_secrets();
    match undo {
        Some(change) => s.done(done, change),
        None => s.toasts.show(done),
    }
    Ok(())
}

/// Add Secret and Edit Secret.
fn secret_dialog_view(title: &'static str, submit_label: &'static str) -> AnyView {
    let room = expect_context::<Secrets>();
    let d = room.s.dialogs;
    let status = if submit_label == "Add" {
        form_status(room.s, room.add, Callback::new(move |()| room.submit()))
    } else {
        form_status(room.s, room.edit, Callback::new(move |()| room.submit()))
    };
    let close = Callback::new(move |()| d.request_close());
    view! {
        <Modal open=true title on_close=close wide=true>
            <SecretFormBody values=room.values errors=d.form_errors submit_label status />
        </Modal>
    }
    .into_any()
}

/// The dialog, from its chunk.
fn remove_secret_dialog_view(client: Client, secret: ClientSecret) -> AnyView {
    let room = expect_context::<Secrets>();
    let d = room.s.dialogs;
    let label = secret
        .description
        .clone()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| format!("secret {}", secret.id.unwrap_or_default()));
    let action = room.remove;
    view! {
        <ConfirmDialog open=true title="Remove Secret" confirm_label="Remove" danger=true
            message=format!("Remove “{label}”? Applications that use it will no longer be able to sign in once the change takes effect (up to an hour). This cannot be undone.")
            pending=action.pending() error=failure(action)
            on_confirm=Callback::new(move |()| { action.dispatch((client.clone(), secret.clone())); })
            on_close=Callback::new(move |()| d.close()) note=d.finding />
    }
    .into_any()
}

room_dialogs!(secrets, preload(preload_secrets);
    Dialog::AddSecret { .. } => secret_dialog_view("Add Secret", "Add"),
    Dialog::EditSecret { .. } => secret_dialog_view("Edit Secret", "Save"),
    Dialog::RemoveSecret { client, secret } => remove_secret_dialog_view(client, secret),
);
