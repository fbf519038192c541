//! What every feature's writes share. Each feature keeps its own [`Action`]s, each running
//! its request and then its follow-up (the cached row, the dialog, the toast), so a view
//! only dispatches and shows `pending()` and the error in `value()`.
//!
//! Two things every write handles the same way:
//! * a 404 means the thing was already removed elsewhere: said so, and the row goes;
//! * no answer (the deadline, a 408, a dropped connection) means the change may or may not
//!   have been made: the write reads again what it was changing and says what it found (in
//!   [`super::dialog::Dialogs::finding`], or as done when the change is there).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::field::FormStatus;
use crate::model::{Client, ClientSecret};

use super::Page;

/// A change just made that Undo can take back: the copy before it and the server's copy
/// after it (Edit Client, Disable / Enable: the client; Edit Secret: the secret).
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Client {
        before: Client,
        after: Client,
    },
    Secret {
        client: Client,
        before: ClientSecret,
        after: ClientSecret,
    },
}

/// The key that does Undo while a toast offers it (the shortcuts list it too).
pub const UNDO_KEY: &str = "z";

/// What a write gives its dialog: `Ok` (already acted on) or the error to show.
pub type WriteResult = Result<(), ApiError>;

/// The sentence that opens every "no answer" finding.
pub const NO_ANSWER: &str = "The server did not confirm the change, so it was read again:";

/// A fresh GUID for a new client (the browser's `crypto.randomUUID`), made once per client so
/// that a retry after no answer cannot create it twice.
pub fn new_guid() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_default()
}

pub fn client_id(client: &Client) -> String {
    client.id().unwrap_or_default().to_string()
}

/// Reads `client` again after a write got no answer: `Ok(None)` when it is gone.
pub async fn read_again(s: Page, client: &Client) -> Result<Option<Client>, ApiError> {
    match s.api().get_client(client.kind(), &client_id(client)).await {
        Ok(fresh) => {
            s.replace(fresh.clone());
            Ok(Some(fresh))
        }
        Err(ApiError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Says that the outcome could not be checked either; gives the write's error back.
pub fn unchecked(s: Page, error: ApiError) -> ApiError {
    s.dialogs.finding.set(Some(
        "The server did not confirm the change, and reading it again failed too: refresh the list to see whether it was made before you try again.".into(),
    ));
    error
}

/// PUTs `changes` on `client`. `Ok(Some(updated))`: done (answered, or unanswered but the
/// re-read copy holds every change); `Ok(None)`: the client is gone (said so);
/// `Err((error, fresh))`: not done, with the re-read copy when the change was found not made.
pub async fn put_changes(
    s: Page,
    client: &Client,
    changes: &Client,
) -> Result<Option<Client>, (ApiError, Option<Client>)> {
    match s.api().update_client(&client_id(client), changes).await {
        Ok(updated) => Ok(Some(updated)),
        Err(ApiError::NotFound(_)) => {
            s.gone(client);
            Ok(None)
        }
        Err(error) if error.outcome_unknown() => match read_again(s, client).await {
            Err(_) => Err((unchecked(s, error), None)),
            Ok(None) => {
                s.gone(client);
                Ok(None)
            }
            // Every changed field already holds its new value: the change was made.
            Ok(Some(fresh))
                if Client::changes(&fresh, changes).is_some_and(|c| c.is_empty_patch()) =>
            {
                Ok(Some(fresh))
            }
            Ok(Some(fresh)) => Err((error, Some(fresh))),
        },
        Err(error) => Err((error, None)),
    }
}

/// Disable Client / Enable Client (also offered by Remove Client as the gentler choice).
pub async fn toggle_enabled(s: Page, client: Client) -> WriteResult {
    let enable = client.enabled() == Some(false);
    match put_changes(s, &client, &Client::enabled_patch(client.kind(), enable)).await {
        Ok(None) => Ok(()),
        Ok(Some(updated)) => {
            s.dialogs.close();
            let done = if enable {
                "Client enabled"
            } else {
                "Client disabled"
            };
            s.done(
                done,
                Change::Client {
                    before: client,
                    after: updated.clone(),
                },
            );
            s.replace(updated);
            Ok(())
        }
        Err((error, Some(_))) => {
            s.dialogs.finding.set(Some(format!(
                "{NO_ANSWER} the client is still {}. Try again.",
                if enable { "disabled" } else { "enabled" }
            )));
            Err(error)
        }
        Err((error, None)) => Err(error),
    }
}

/// A write's Action on `Client`, made from an async fn of the page and the client.
pub fn client_action<F, Fut>(s: Page, write: F) -> Action<Client, WriteResult>
where
    F: Fn(Page, Client) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = WriteResult> + 'static,
{
    Action::new_local(move |client: &Client| write(s, client.clone()))
}

/// The error a write's dialog shows (the last failure, until it is retried).
pub fn failure<I: 'static>(action: Action<I, WriteResult>) -> Signal<Option<ApiError>> {
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The status of a dialog's form whose save is `action` and whose submit is `submit`.
pub fn form_status<I: Send + Sync + 'static>(
    s: Page,
    action: Action<I, WriteResult>,
    submit: Callback<()>,
) -> FormStatus {
    let d = s.dialogs;
    FormStatus {
        pending: action.pending().into(),
        error: failure(action),
        note: d.finding.into(),
        asking_discard: d.asking_discard.into(),
        on_submit: submit,
        on_cancel: Callback::new(move |()| d.request_close()),
        on_keep: Callback::new(move |()| d.asking_discard.set(false)),
    }
}
