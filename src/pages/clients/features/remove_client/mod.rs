//! Remove Client (More options): what goes with the client (its secrets, counted when the
//! dialog opens), Disable instead, and Remove once the name is typed. The client is read
//! first: a 404 on either call means someone else removed it already.
//!
//! Uses of the core: the cache (the row goes, the pane closes), the shared patch write for
//! Disable instead, the dialog host, toasts.

mod view;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::model::Client;

use crate::pages::clients::core::dialog::{room_dialogs, Dialog};
use crate::pages::clients::core::writes::{
    client_action, client_id, failure, read_again, toggle_enabled, unchecked, WriteResult,
    NO_ANSWER,
};
use crate::pages::clients::core::{Page, SecretsLoad};
use view::RemoveClientDialog;

#[derive(Clone, Copy)]
pub struct RemoveClient {
    s: Page,
    remove: Action<Client, WriteResult>,
    /// Disable instead.
    disable: Action<Client, WriteResult>,
    /// The secrets that go with the client in the dialog.
    secrets: LocalResource<SecretsLoad>,
}

impl RemoveClient {
    pub fn provide(s: Page) -> Self {
        let removing = Memo::new(move |_| match s.dialogs.dialog.read().as_ref() {
            Some(Dialog::RemoveClient(c)) if c.kind().has_secrets() => {
                Some((c.kind(), client_id(c)))
            }
            _ => None,
        });
        let secrets = s.secrets_resource(move || removing.get());
        let this = RemoveClient {
            s,
            remove: client_action(s, remove_client),
            disable: client_action(s, toggle_enabled),
            secrets,
        };
        provide_context(this);
        this
    }

    pub fn open(&self, client: &Client) {
        self.remove.clear();
        self.disable.clear();
        self.s.dialogs.open(
            Dialog::RemoveClient(client.clone()),
            // When the removed client was the only match of a search, there is no list: Search.
            &["more-options", "client-list", "client-search"],
        );
    }

    /// How many secrets go with client `id` (`None` while loading).
    fn secrets_removed_with(&self, id: &str) -> Option<Result<usize, ApiError>> {
        self.secrets
            .get()
            .flatten()
            .filter(|(of, _)| of == id)
            .map(|(_, result)| result.map(|list| list.len()))
    }
}

/// Remove Client: read it first (a 404 on either call means it is already gone).
async fn remove_client(s: Page, client: Client) -> WriteResult {
    let (kind, id) = (client.kind(), client_id(&client));
    let api = s.api();
    let result = match api.get_client(kind, &id).await {
        Err(ApiError::NotFound(_)) => {
            s.gone(&client);
            return Ok(());
        }
        Err(other) => return Err(other),
        Ok(_) => api.delete_client(kind, &id).await,
    };
    match result {
        Ok(()) => {}
        Err(ApiError::NotFound(_)) => {
            s.gone(&client);
            return Ok(());
        }
        Err(error) if error.outcome_unknown() => match read_again(s, &client).await {
            Err(_) => return Err(unchecked(s, error)),
            Ok(None) => {}
            Ok(Some(_)) => {
                s.dialogs.finding.set(Some(format!(
                    "{NO_ANSWER} the client still exists. Try again."
                )));
                return Err(error);
            }
        },
        Err(error) => return Err(error),
    }
    s.forget(kind, &id);
    s.dialogs.close();
    s.toasts.show("Client removed");
    Ok(())
}

/// The dialog, from its chunk.
fn remove_dialog_view(client: Client) -> AnyView {
    let room = expect_context::<RemoveClient>();
    let d = room.s.dialogs;
    let id = client_id(&client);
    let of = id.clone();
    let (remove, disable) = (room.remove, room.disable);
    let for_disable = client.clone();
    view! {
        <RemoveClientDialog
            name=client.name().map(str::to_string)
            id
            kind_label=client.kind().label()
            has_secrets=client.kind().has_secrets()
            secrets=Signal::derive(move || room.secrets_removed_with(&of))
            roles=client.role_ids().len()
            enabled=client.enabled() != Some(false)
            pending=Signal::derive(move || remove.pending().get() || disable.pending().get())
            error=Signal::derive(move || failure(remove).get().or_else(|| failure(disable).get()))
            note=d.finding
            on_remove=Callback::new(move |()| { remove.dispatch(client.clone()); })
            on_disable=Callback::new(move |()| { disable.dispatch(for_disable.clone()); })
            on_close=Callback::new(move |()| d.close())
        />
    }
    .into_any()
}

room_dialogs!(remove_client, preload(preload_remove_client);
    Dialog::RemoveClient(client) => remove_dialog_view(client),
);
