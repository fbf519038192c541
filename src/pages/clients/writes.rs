//! One [`Action`] per write of the Clients page. Each runs its request and then its
//! follow-up (the cached row, the dialog, the toast) inside the action, so a view only
//! dispatches and shows `pending()` and the error in `value()`. A 404 means the thing was
//! already removed elsewhere: said so, and the row goes.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::model::{Client, ClientSecret, ClientSecretCreateOrUpdate, NewClient};

use super::controller::{Dialog, EditBase, PageState, Reveal};

/// What a write gives its dialog: `Ok` (already acted on) or the error to show.
pub type WriteResult = Result<(), ApiError>;

/// Every write the page can make.
#[derive(Clone, Copy)]
pub struct Writes {
    /// Reads a client again before Edit Client shows its form.
    pub reread: Action<Client, WriteResult>,
    /// Edit Client → Save: `(fresh copy, changed fields)`.
    pub update: Action<(Client, Client), WriteResult>,
    /// Disable Client / Enable Client.
    pub toggle: Action<Client, WriteResult>,
    /// Remove Client (reads the client first).
    pub remove: Action<Client, WriteResult>,
    pub add_client: Action<NewClient, WriteResult>,
    pub add_secret: Action<(Client, ClientSecretCreateOrUpdate), WriteResult>,
    pub edit_secret: Action<(Client, ClientSecret, ClientSecretCreateOrUpdate), WriteResult>,
    pub remove_secret: Action<(Client, ClientSecret), WriteResult>,
}

fn client_id(client: &Client) -> String {
    client.id().unwrap_or_default().to_string()
}

fn is_not_found(result: &Result<impl Sized, ApiError>) -> bool {
    matches!(result, Err(ApiError::NotFound(_)))
}

impl Writes {
    pub fn new(s: PageState) -> Self {
        Writes {
            reread: Action::new_local(move |client: &Client| {
                let client = client.clone();
                async move { reread(s, client).await }
            }),
            update: Action::new_local(move |(base, changes): &(Client, Client)| {
                let (base, changes) = (base.clone(), changes.clone());
                async move {
                    let result = s.api().update_client(&client_id(&base), &changes).await;
                    if is_not_found(&result) {
                        s.gone(&base);
                        return Ok(());
                    }
                    s.replace(result?);
                    s.close_dialog();
                    s.toasts
                        .show("Client saved. Changes can take up to an hour to affect sign-ins.");
                    Ok(())
                }
            }),
            toggle: Action::new_local(move |client: &Client| {
                let client = client.clone();
                async move {
                    let enable = client.enabled() == Some(false);
                    let result = s
                        .api()
                        .set_client_enabled(client.kind(), &client_id(&client), enable)
                        .await;
                    if is_not_found(&result) {
                        s.gone(&client);
                        return Ok(());
                    }
                    s.replace(result?);
                    s.close_dialog();
                    s.toasts.show(if enable {
                        "Client enabled"
                    } else {
                        "Client disabled"
                    });
                    Ok(())
                }
            }),
            remove: Action::new_local(move |client: &Client| {
                let client = client.clone();
                async move { remove_client(s, client).await }
            }),
            add_client: Action::new_local(move |body: &NewClient| {
                let body = body.clone();
                async move {
                    let created = s.api().create_client(&body).await?;
                    s.created(created);
                    Ok(())
                }
            }),
            add_secret: Action::new_local(
                move |(client, body): &(Client, ClientSecretCreateOrUpdate)| {
                    let (client, body) = (client.clone(), body.clone());
                    async move {
                        let result = s
                            .api()
                            .create_secret(client.kind(), &client_id(&client), &body)
                            .await;
                        if is_not_found(&result) {
                            s.gone(&client);
                            return Ok(());
                        }
                        let created = result?;
                        s.close_dialog();
                        s.refresh_secrets();
                        s.show_reveal(Reveal {
                            title: "Secret added",
                            client_id: None,
                            secret: created.secret,
                        });
                        Ok(())
                    }
                },
            ),
            edit_secret: Action::new_local(
                move |(client, secret, body): &(
                    Client,
                    ClientSecret,
                    ClientSecretCreateOrUpdate,
                )| {
                    let (client, secret, body) = (client.clone(), secret.clone(), body.clone());
                    async move {
                        let id = secret.id.unwrap_or_default();
                        let result = s
                            .api()
                            .update_secret(client.kind(), &client_id(&client), id, &body)
                            .await;
                        secret_done(
                            s,
                            result.map(|_| ()),
                            "Secret saved. It can take up to an hour to take effect in sign-ins.",
                        )
                    }
                },
            ),
            remove_secret: Action::new_local(move |(client, secret): &(Client, ClientSecret)| {
                let (client, secret) = (client.clone(), secret.clone());
                async move {
                    let id = secret.id.unwrap_or_default();
                    let result = s
                        .api()
                        .delete_secret(client.kind(), &client_id(&client), id)
                        .await;
                    secret_done(s, result, "Secret removed. Applications using it can no longer get new tokens (within the hour).")
                }
            }),
        }
    }
}

/// Edit Client's fresh copy: a 404 means gone; a copy that differs from the list's row
/// replaces it and the form says so. The form starts from the fresh copy.
async fn reread(s: PageState, cached: Client) -> WriteResult {
    let result = s.api().get_client(cached.kind(), &client_id(&cached)).await;
    if is_not_found(&result) {
        s.gone(&cached);
        return Ok(());
    }
    let fresh = result?;
    let still_open = matches!(
        s.dialog.get_untracked(),
        Some(Dialog::EditClient { id, .. }) if Some(id.as_str()) == cached.id()
    );
    let changed_elsewhere = fresh != cached;
    if changed_elsewhere {
        s.replace(fresh.clone());
    }
    if still_open {
        s.client_form
            .set(crate::model::ClientFormValues::from_client(&fresh));
        s.edit_base.set(Some(EditBase {
            client: fresh,
            changed_elsewhere,
        }));
    }
    Ok(())
}

/// Remove Client: read it first (a 404 on either call means it is already gone).
async fn remove_client(s: PageState, client: Client) -> WriteResult {
    let (kind, id) = (client.kind(), client_id(&client));
    let api = s.api();
    let read = api.get_client(kind, &id).await;
    let result = match read {
        Err(ApiError::NotFound(_)) => Err(ApiError::NotFound(None)),
        Err(other) => return Err(other),
        Ok(_) => api.delete_client(kind, &id).await,
    };
    if is_not_found(&result) {
        s.gone(&client);
        return Ok(());
    }
    result?;
    s.forget(kind, &id);
    s.close_dialog();
    s.toasts.show("Client removed");
    Ok(())
}

/// After Edit Secret or Remove Secret: the list is read again either way; a 404 means the
/// secret was already removed.
fn secret_done(s: PageState, result: WriteResult, done: &'static str) -> WriteResult {
    match result {
        Err(ApiError::NotFound(_)) => {
            s.close_dialog();
            s.refresh_secrets();
            s.notice.set(Some(
                "That secret was already removed, by someone else or in another window.".into(),
            ));
            Ok(())
        }
        Err(other) => Err(other),
        Ok(()) => {
            s.close_dialog();
            s.refresh_secrets();
            s.toasts.show(done);
            Ok(())
        }
    }
}
