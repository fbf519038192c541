//! Edit Client: the dialog opens at once and reads the client again; the form starts from
//! that fresh copy (and says so when it differs from the list's row), and Save sends only
//! what changed.
//!
//! Uses of the core: the cache (the fresh copy and the saved one replace the row), the
//! dialog host (the form, the finding), the toast with Undo (`Page::done`).

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::async_region::AsyncRegion;
use crate::components::dialog::Modal;
use crate::model::{client_update_body, Client, ClientFormValues, ClientKind};

use crate::pages::clients::core::dialog::{room_dialogs, Dialog};
use crate::pages::clients::core::writes::{
    client_id, form_status, put_changes, Change, WriteResult, NO_ANSWER,
};
use crate::pages::clients::core::Page;
use crate::pages::clients::forms::client_form::ClientFormBody;

/// The copy of a client that Edit Client works on, read just before the form opened.
#[derive(Clone, Debug, PartialEq)]
pub struct EditBase {
    pub client: Client,
    /// The server's copy differed from the list's: the form says so.
    pub changed_elsewhere: bool,
}

/// The room's state: the fresh copy, the form, the re-read and the save.
#[derive(Clone, Copy)]
pub struct EditClient {
    s: Page,
    base: RwSignal<Option<EditBase>>,
    values: RwSignal<ClientFormValues>,
    start: StoredValue<ClientFormValues>,
    reread: Action<Client, WriteResult>,
    update: Action<(Client, Client), WriteResult>,
}

impl EditClient {
    pub fn provide(s: Page) -> Self {
        let base = RwSignal::new(None::<EditBase>);
        let values = RwSignal::new(ClientFormValues::default());
        let start = StoredValue::new(ClientFormValues::default());
        let reread = Action::new_local(move |client: &Client| {
            reread(s, base, values, start, client.clone())
        });
        let update = Action::new_local(move |(old, changes): &(Client, Client)| {
            update(s, base, old.clone(), changes.clone())
        });
        let this = EditClient {
            s,
            base,
            values,
            start,
            reread,
            update,
        };
        provide_context(this);
        this
    }

    /// Edit Client on `client`.
    pub fn open(&self, client: &Client) {
        let id = client.id().unwrap_or_default().to_string();
        self.base.set(None);
        self.update.clear();
        let (base, values, start) = (self.base, self.values, self.start);
        self.s.dialogs.open_form(
            Dialog::EditClient {
                kind: client.kind(),
                id,
            },
            &["edit-client"],
            Some(Arc::new(move || {
                base.with_untracked(Option::is_some) && values.get_untracked() != start.get_value()
            })),
        );
        self.reread.dispatch(client.clone());
    }

    fn submit(&self) {
        let s = self.s;
        let Some(base) = self.base.get_untracked() else {
            return;
        };
        if self.update.pending().get_untracked() {
            return;
        }
        match client_update_body(&base.client, &self.values.get_untracked()) {
            Err(errors) => s.dialogs.form_errors.set(errors),
            Ok(None) => {
                s.dialogs.close();
                s.toasts.show("Nothing was changed");
            }
            Ok(Some(changes)) => {
                s.dialogs.form_errors.set(Default::default());
                self.update.dispatch((base.client, changes));
            }
        }
    }
}

/// The fresh copy: a 404 means gone; a copy that differs from the list's row replaces it and
/// the form says so. The form starts from the fresh copy.
async fn reread(
    s: Page,
    base: RwSignal<Option<EditBase>>,
    values: RwSignal<ClientFormValues>,
    start: StoredValue<ClientFormValues>,
    cached: Client,
) -> WriteResult {
    let result = s.api().get_client(cached.kind(), &client_id(&cached)).await;
    if matches!(result, Err(ApiError::NotFound(_))) {
        s.gone(&cached);
        return Ok(());
    }
    let fresh = result?;
    let still_open = matches!(
        s.dialogs.dialog.get_untracked(),
        Some(Dialog::EditClient { id, .. }) if Some(id.as_str()) == cached.id()
    );
    let changed_elsewhere = fresh != cached;
    if changed_elsewhere {
        s.replace(fresh.clone());
    }
    if still_open {
        let form = ClientFormValues::from_client(&fresh);
        start.set_value(form.clone());
        values.set(form);
        base.set(Some(EditBase {
            client: fresh,
            changed_elsewhere,
        }));
    }
    Ok(())
}

async fn update(
    s: Page,
    base: RwSignal<Option<EditBase>>,
    old: Client,
    changes: Client,
) -> WriteResult {
    match put_changes(s, &old, &changes).await {
        Ok(None) => Ok(()),
        Ok(Some(updated)) => {
            s.replace(updated.clone());
            s.dialogs.close();
            s.done(
                "Client saved. Changes can take up to an hour to affect sign-ins.",
                Change::Client {
                    before: old,
                    after: updated,
                },
            );
            Ok(())
        }
        Err((error, Some(fresh))) => {
            base.set(Some(EditBase {
                client: fresh,
                changed_elsewhere: false,
            }));
            s.dialogs.finding.set(Some(format!(
                "{NO_ANSWER} your change was not made. Your values are still in the form: Save to try again."
            )));
            Err(error)
        }
        Err((error, None)) => Err(error),
    }
}

/// Edit Client: reads the client again, then the form on the fresh copy.
fn edit_dialog_view(kind: ClientKind) -> AnyView {
    let room = expect_context::<EditClient>();
    let s = room.s;
    let reread = room.reread;
    let state = Signal::derive(move || match room.base.get() {
        Some(base) => Some(Ok(base)),
        None if reread.pending().get() => None,
        None => reread.value().get().and_then(Result::err).map(Err),
    });
    let retry = Callback::new(move |()| {
        if let Some(Dialog::EditClient { id, .. }) = s.dialogs.dialog.get_untracked() {
            if let Some(client) = s.client(&id) {
                reread.dispatch(client);
            }
        }
    });
    let form = move |base: EditBase| {
        let status = form_status(s, room.update, Callback::new(move |()| room.submit()));
        let changed = base.changed_elsewhere.then(|| view! {
            <p class="read-only-note" role="status" data-testid="changed-elsewhere">
                "This client was changed since the list was loaded (by someone else or in another window). The form shows its current values."
            </p>
        });
        view! {
            {changed}
            <ClientFormBody kind creating=false values=room.values errors=s.dialogs.form_errors
                tenant_roles=Signal::derive(move || s.roles.get()) status />
        }
    };
    view! {
        <Modal open=true title="Edit Client" on_close=Callback::new(move |()| s.dialogs.request_close()) wide=true>
            <AsyncRegion state error_title="The client could not be read before editing."
                loading="Loading the client's current values…" on_retry=retry
                ready=form />
        </Modal>
    }
    .into_any()
}

room_dialogs!(edit_client, preload(preload_edit_client);
    Dialog::EditClient { kind, .. } => edit_dialog_view(kind),
);
