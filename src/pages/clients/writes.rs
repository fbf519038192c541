//! One [`Action`] per write of the Clients page. Each runs its request and then its
//! follow-up (the cached row, the dialog, the toast) inside the action, so a view only
//! dispatches and shows `pending()` and the error in `value()`.
//!
//! Two things every write handles the same way:
//! * a 404 means the thing was already removed elsewhere: said so, and the row goes;
//! * no answer (the deadline, a 408, a dropped connection) means the change may or may not
//!   have been made: the write reads again what it was changing and says what it found
//!   (in [`PageState::finding`], or as done when the change is there).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::model::{Client, ClientSecret, ClientSecretCreateOrUpdate, NewClient};

use chrono::{DateTime, Utc};

use super::controller::{Dialog, EditBase, Notice, Offer, PageState, Reveal, RotateStep};

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
    /// Rotate Secret, step 3: the old secret's new, earlier expiry.
    pub shorten: Action<(Client, ClientSecret, DateTime<Utc>), WriteResult>,
}

fn client_id(client: &Client) -> String {
    client.id().unwrap_or_default().to_string()
}

fn is_not_found<T>(result: &Result<T, ApiError>) -> bool {
    matches!(result, Err(ApiError::NotFound(_)))
}

/// The sentence that opens every "no answer" finding.
const NO_ANSWER: &str = "The server did not confirm the change, so it was read again:";

impl Writes {
    pub fn new(s: PageState) -> Self {
        Writes {
            reread: Action::new_local(move |client: &Client| {
                let client = client.clone();
                async move { reread(s, client).await }
            }),
            update: Action::new_local(move |(base, changes): &(Client, Client)| {
                let (base, changes) = (base.clone(), changes.clone());
                async move { update(s, base, changes).await }
            }),
            toggle: Action::new_local(move |client: &Client| {
                let client = client.clone();
                async move { toggle(s, client).await }
            }),
            remove: Action::new_local(move |client: &Client| {
                let client = client.clone();
                async move { remove_client(s, client).await }
            }),
            add_client: Action::new_local(move |body: &NewClient| {
                let body = body.clone();
                async move { add_client(s, body).await }
            }),
            add_secret: Action::new_local(
                move |(client, body): &(Client, ClientSecretCreateOrUpdate)| {
                    let (client, body) = (client.clone(), body.clone());
                    async move { add_secret(s, client, body).await }
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
                        secret_done(s, &client, id, result.map(|_| ()), false).await
                    }
                },
            ),
            shorten: Action::new_local(
                move |(client, old, end): &(Client, ClientSecret, DateTime<Utc>)| {
                    let (client, old, end) = (client.clone(), old.clone(), *end);
                    async move { shorten(s, client, old, end).await }
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
                    secret_done(s, &client, id, result, true).await
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
        s.start_client_form(crate::model::ClientFormValues::from_client(&fresh));
        s.edit_base.set(Some(EditBase {
            client: fresh,
            changed_elsewhere,
        }));
    }
    Ok(())
}

/// Reads `client` again after a write got no answer: `Ok(None)` when it is gone.
async fn read_again(s: PageState, client: &Client) -> Result<Option<Client>, ApiError> {
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
fn unchecked(s: PageState, error: ApiError) -> ApiError {
    s.finding.set(Some(
        "The server did not confirm the change, and reading it again failed too: refresh the list to see whether it was made before you try again.".into(),
    ));
    error
}

/// PUTs `changes` on `client`. `Ok(Some(updated))`: done (answered, or unanswered but the
/// re-read copy holds every change); `Ok(None)`: the client is gone (said so);
/// `Err((error, fresh))`: not done, with the re-read copy when the change was found not made.
async fn put_changes(
    s: PageState,
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

async fn update(s: PageState, base: Client, changes: Client) -> WriteResult {
    match put_changes(s, &base, &changes).await {
        Ok(None) => Ok(()),
        Ok(Some(updated)) => {
            s.replace(updated);
            s.close_dialog();
            s.toasts
                .show("Client saved. Changes can take up to an hour to affect sign-ins.");
            Ok(())
        }
        Err((error, Some(fresh))) => {
            s.edit_base.set(Some(EditBase {
                client: fresh,
                changed_elsewhere: false,
            }));
            s.finding.set(Some(format!(
                "{NO_ANSWER} your change was not made. Your values are still in the form: Save to try again."
            )));
            Err(error)
        }
        Err((error, None)) => Err(error),
    }
}

async fn toggle(s: PageState, client: Client) -> WriteResult {
    let enable = client.enabled() == Some(false);
    match put_changes(s, &client, &Client::enabled_patch(client.kind(), enable)).await {
        Ok(None) => Ok(()),
        Ok(Some(updated)) => {
            s.replace(updated);
            s.close_dialog();
            s.toasts.show(if enable {
                "Client enabled"
            } else {
                "Client disabled"
            });
            Ok(())
        }
        Err((error, Some(_))) => {
            s.finding.set(Some(format!(
                "{NO_ANSWER} the client is still {}. Try again.",
                if enable { "disabled" } else { "enabled" }
            )));
            Err(error)
        }
        Err((error, None)) => Err(error),
    }
}

/// Remove Client: read it first (a 404 on either call means it is already gone).
async fn remove_client(s: PageState, client: Client) -> WriteResult {
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
                s.finding.set(Some(format!(
                    "{NO_ANSWER} the client still exists. Try again."
                )));
                return Err(error);
            }
        },
        Err(error) => return Err(error),
    }
    s.forget(kind, &id);
    s.close_dialog();
    s.toasts.show("Client removed");
    Ok(())
}

/// Add Client with the Id made when the dialog opened: a retry (the admin's, or the
/// browser's own silent resend) cannot make a second client.
async fn add_client(s: PageState, body: NewClient) -> WriteResult {
    let error = match s.api().create_client(&body).await {
        Ok(created) => {
            s.created(created);
            return Ok(());
        }
        Err(error) => error,
    };
    let kind = body.kind();
    let id = s.new_client_id.get_value();
    let is_conflict = matches!(error, ApiError::Conflict(_));
    if !(error.outcome_unknown() || is_conflict) || id.is_empty() {
        return Err(error);
    }
    let found = match s.api().get_client(kind, &id).await {
        Ok(found) => Some(found),
        Err(ApiError::NotFound(_)) => None,
        Err(_) if is_conflict => return Err(error),
        Err(_) => return Err(unchecked(s, error)),
    };
    let ours = found.filter(|f| {
        s.add_uncertain.get_value() || !is_conflict || f.name() == new_client_name(&body)
    });
    match ours {
        Some(client) => {
            // Created, but the answer with the first secret's value never arrived.
            s.insert(client.clone());
            s.close_dialog();
            s.select(id);
            let name = client.name().unwrap_or("The client").to_string();
            s.notice.set(Some(if kind.has_secrets() {
                Notice {
                    text: format!("“{name}” was created, but the server's answer with its first secret never arrived, so that secret's value is lost (the platform keeps only a hash). Add a new secret to use the client, and remove the first one on the Secrets tab."),
                    offer: Some(Offer::AddSecret(client)),
                }
            } else {
                Notice {
                    text: format!("“{name}” was created (the server's answer was lost on the way, so it was read again)."),
                    offer: None,
                }
            }));
            Ok(())
        }
        None if is_conflict => Err(error),
        None => {
            s.add_uncertain.set_value(true);
            s.finding.set(Some(format!(
                "{NO_ANSWER} the client was not created. Save again: it keeps the same Id, so it cannot be created twice."
            )));
            Err(error)
        }
    }
}

fn new_client_name(body: &NewClient) -> Option<&str> {
    match body {
        NewClient::ClientCredentials(c) => c.name.as_deref(),
        NewClient::Hybrid(c) => c.name.as_deref(),
        NewClient::AuthorizationCode(c) => c.name.as_deref(),
    }
}

async fn add_secret(s: PageState, client: Client, body: ClientSecretCreateOrUpdate) -> WriteResult {
    let api = s.api();
    let error = match api
        .create_secret(client.kind(), &client_id(&client), &body)
        .await
    {
        Ok(created) => {
            s.close_dialog();
            s.refresh_secrets();
            let rotating = s
                .rotation
                .try_update(|r| match r {
                    Some(r) if r.new.is_none() => {
                        r.new = Some(ClientSecret {
                            id: created.id,
                            description: created.description.clone(),
                            expiration: created.expiration,
                            expires: created.expires,
                        });
                        true
                    }
                    _ => false,
                })
                .unwrap_or(false);
            s.show_reveal(Reveal {
                title: if rotating {
                    "Rotate Secret · step 2 of 4: copy the new secret"
                } else {
                    "Secret added"
                },
                client_id: None,
                secret: created.secret,
                connection: s.connection_for(&client),
            });
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
    let before = s.secret_ids_before.get_value();
    let Some(new) = now
        .into_iter()
        .find(|x| x.id.is_some_and(|id| !before.contains(&id)))
    else {
        s.finding.set(Some(format!(
            "{NO_ANSWER} no secret was added. Add again to retry."
        )));
        return Err(error);
    };
    s.close_dialog();
    s.refresh_secrets();
    // A rotation cannot go on without the new value.
    s.rotation.set(None);
    s.notice.set(Some(Notice {
        text: format!(
            "A new secret (ID {}) was added, but the server's answer with its value never arrived, and the value cannot be recovered. Remove it and add another one.",
            new.id.unwrap_or_default()
        ),
        offer: Some(Offer::RemoveSecret(client, new)),
    }));
    Ok(())
}

/// After Edit Secret or Remove Secret: the list is read again either way; a 404 means the
/// secret was already removed; no answer reads the secret again to see what happened.
async fn secret_done(
    s: PageState,
    client: &Client,
    secret_id: i32,
    result: WriteResult,
    removing: bool,
) -> WriteResult {
    let done = if removing {
        "Secret removed. Applications using it can no longer get new tokens (within the hour)."
    } else {
        "Secret saved. It can take up to an hour to take effect in sign-ins."
    };
    match result {
        Ok(()) => {}
        Err(ApiError::NotFound(_)) => {
            s.return_focus_to(&["add-secret", "pane-panel"]);
            s.close_dialog();
            s.refresh_secrets();
            s.say("That secret was already removed, by someone else or in another window.");
            return Ok(());
        }
        Err(error) if error.outcome_unknown() => {
            let read = s
                .api()
                .get_secret(client.kind(), &client_id(client), secret_id)
                .await;
            s.refresh_secrets();
            match (read, removing) {
                (Err(ApiError::NotFound(_)), true) => {}
                (Ok(_), true) => {
                    s.finding.set(Some(format!(
                        "{NO_ANSWER} the secret is still there. Try again."
                    )));
                    return Err(error);
                }
                (Ok(secret), false) => {
                    s.finding.set(Some(format!(
                        "{NO_ANSWER} the secret now reads “{}”, {}. Save again if that is not what you wanted.",
                        secret.description.clone().unwrap_or_default(),
                        match secret.effective_expiration() {
                            Some(at) => format!("expiring {}", crate::model::format_datetime(at, &chrono::Local)),
                            None => "never expiring".into(),
                        }
                    )));
                    return Err(error);
                }
                (Err(_), _) => return Err(unchecked(s, error)),
            }
        }
        Err(error) => return Err(error),
    }
    if removing {
        // The secret's own buttons go with it (the list is read again after the dialog has
        // closed): the focus goes to Add Secret, not to a button about to disappear.
        s.return_focus_to(&["add-secret", "pane-panel"]);
    }
    s.close_dialog();
    s.refresh_secrets();
    s.toasts.show(done);
    Ok(())
}

/// Rotate Secret, step 3: the old secret now ends at `end`. No answer reads it again: if it
/// ends by `end`, the change was made.
async fn shorten(
    s: PageState,
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
                    s.finding.set(Some(format!(
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
    s.rotation.update(|r| {
        if let Some(r) = r {
            r.old_gone = after.is_none();
            r.old_after = after;
        }
    });
    s.dialog.set(Some(Dialog::Rotate(RotateStep::Summary)));
    Ok(())
}
