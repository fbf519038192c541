//! Add Client: in All types first which type, then the form; the answer's first secret is
//! shown once. The Id is made when the dialog opens, so a retry (the admin's, or the
//! browser's own silent resend) cannot make a second client, and a lost answer is found by
//! reading that Id.
//!
//! Uses of the core: the roles (the Tenant Member default), the cache (the new row), the
//! selection, the dialog host (the form, the reveal, the notice), toasts.

use std::sync::Arc;

use chrono::Local;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::dialog::Modal;
use crate::model::{new_client_body, ClientFormValues, ClientKind, CreatedClient, NewClient};

use crate::pages::clients::core::dialog::{room_dialogs, Dialog, Notice, Offer, Reveal};
use crate::pages::clients::core::url::ListView;
use crate::pages::clients::core::writes::{
    form_status, new_guid, unchecked, WriteResult, NO_ANSWER,
};
use crate::pages::clients::core::Page;
use crate::pages::clients::forms::client_form::ClientFormBody;

/// The room's state: the form, the Id it sends, and its one write.
#[derive(Clone, Copy)]
pub struct AddClient {
    s: Page,
    values: RwSignal<ClientFormValues>,
    start: StoredValue<ClientFormValues>,
    /// The Id Add Client sends (made once per opening).
    new_client_id: StoredValue<String>,
    /// An attempt of this opening got no answer.
    uncertain: StoredValue<bool>,
    write: Action<NewClient, WriteResult>,
}

impl AddClient {
    pub fn provide(s: Page) -> Self {
        let room = StoredValue::new(None::<AddClient>);
        let write = Action::new_local(move |body: &NewClient| {
            let body = body.clone();
            let this = room.get_value();
            async move {
                match this {
                    Some(this) => this.send(body).await,
                    None => Ok(()),
                }
            }
        });
        let this = AddClient {
            s,
            values: RwSignal::new(ClientFormValues::default()),
            start: StoredValue::new(ClientFormValues::default()),
            new_client_id: StoredValue::new(String::new()),
            uncertain: StoredValue::new(false),
            write,
        };
        room.set_value(Some(this));
        provide_context(this);
        this
    }

    /// Add Client: for one Client Type, its form; in All types, first which type.
    pub fn open(&self) {
        match self.s.query.get_untracked().view {
            ListView::One(kind) => self.open_kind(kind),
            ListView::All => self
                .s
                .dialogs
                .open(Dialog::ChooseType, &["add-client", "add-client-empty"]),
        }
    }

    /// The Add Client form for `kind`.
    pub fn open_kind(&self, kind: ClientKind) {
        let mut values = ClientFormValues::for_new(&Local::now());
        if kind.has_roles() {
            // New client-credentials clients start with the tenant's Tenant Member role.
            if let Some(Ok(roles)) = self.s.roles.get_untracked() {
                values.role_ids = roles
                    .iter()
                    .filter(|r| r.is_tenant_member())
                    .filter_map(|r| r.id.clone())
                    .collect();
            }
        }
        self.start.set_value(values.clone());
        self.values.set(values);
        self.new_client_id.set_value(new_guid());
        self.uncertain.set_value(false);
        self.write.clear();
        let (values, start) = (self.values, self.start);
        self.s.dialogs.open_form(
            Dialog::AddClient(kind),
            &["add-client"],
            Some(Arc::new(move || {
                values.get_untracked() != start.get_value()
            })),
        );
    }

    fn submit(&self) {
        let Some(Dialog::AddClient(kind)) = self.s.dialogs.dialog.get_untracked() else {
            return;
        };
        if self.write.pending().get_untracked() {
            return;
        }
        let id = Some(self.new_client_id.get_value()).filter(|id| !id.is_empty());
        match new_client_body(kind, &self.values.get_untracked(), id, &Local::now()) {
            Err(errors) => self.s.dialogs.form_errors.set(errors),
            Ok(body) => {
                self.s.dialogs.form_errors.set(Default::default());
                self.write.dispatch(body);
            }
        }
    }

    /// The answer: the row, the selection, and the first secret shown once.
    fn created(&self, created: CreatedClient) {
        let s = self.s;
        let client = created.client();
        s.insert(client.clone());
        s.dialogs.close();
        if let Some(id) = client.id() {
            s.url.select(id.to_string());
        }
        s.toasts.show("Client added");
        s.dialogs.show_reveal(
            Reveal {
                title: "Client Successfully Created",
                client_id: created.client_id().map(str::to_string),
                secret: created.secret_value().map(str::to_string),
                connection: s.connection_for(&client),
            },
            None,
        );
    }

    /// Sends the body; an error that leaves the outcome open (no answer, or a 409 on our own
    /// Id) reads the Id to see whether the client exists.
    async fn send(self, body: NewClient) -> WriteResult {
        let s = self.s;
        let error = match s.api().create_client(&body).await {
            Ok(created) => {
                self.created(created);
                return Ok(());
            }
            Err(error) => error,
        };
        let kind = body.kind();
        let id = self.new_client_id.get_value();
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
            self.uncertain.get_value() || !is_conflict || f.name() == new_client_name(&body)
        });
        match ours {
            Some(client) => {
                // Created, but the answer with the first secret's value never arrived.
                s.insert(client.clone());
                s.dialogs.close();
                s.url.select(id);
                s.dialogs.notice.set(Some(lost_answer_notice(client)));
                Ok(())
            }
            None if is_conflict => Err(error),
            None => {
                self.uncertain.set_value(true);
                s.dialogs.finding.set(Some(format!(
                    "{NO_ANSWER} the client was not created. Save again: it keeps the same Id, so it cannot be created twice."
                )));
                Err(error)
            }
        }
    }
}

/// What the page says when the client was created but the answer was lost.
fn lost_answer_notice(client: crate::model::Client) -> Notice {
    let name = client.name().unwrap_or("The client").to_string();
    if client.kind().has_secrets() {
        Notice {
            text: format!("“{name}” was created, but the server's answer with its first secret never arrived, so that secret's value is lost (the platform keeps only a hash). Add a new secret to use the client, and remove the first one on the Secrets tab."),
            offer: Some(Offer::AddSecret(client)),
        }
    } else {
        Notice {
            text: format!("“{name}” was created (the server's answer was lost on the way, so it was read again)."),
            offer: None,
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

/// Add Client in All types: which type of client, then its form.
fn choose_type_dialog_view() -> AnyView {
    let room = expect_context::<AddClient>();
    let d = room.s.dialogs;
    let choices = move || {
        ClientKind::ALL
            .into_iter()
            .map(|kind| {
                view! {
                    <li>
                        <button type="button" class="type-choice" data-kind=kind.slug()
                            on:click=move |_| room.open_kind(kind)>
                            <span class="type-choice__name">{kind.label()}</span>
                            <span class="type-choice__what muted">{kind_purpose(kind)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Modal open=true title="Add Client" on_close=Callback::new(move |()| d.close())>
            <p id="choose-type-lead">"Which type of client do you want to add?"</p>
            <ul class="type-choices" aria-labelledby="choose-type-lead">{choices}</ul>
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| d.close()>"Cancel"</button>
            </div>
        </Modal>
    }
    .into_any()
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

/// Add Client: the form for the chosen Client Type.
fn add_dialog_view(kind: ClientKind) -> AnyView {
    let room = expect_context::<AddClient>();
    let s = room.s;
    let status = form_status(s, room.write, Callback::new(move |()| room.submit()));
    view! {
        <Modal open=true title=format!("Add Client: {}", kind.label())
            on_close=Callback::new(move |()| s.dialogs.request_close()) wide=true>
            <ClientFormBody kind creating=true values=room.values errors=s.dialogs.form_errors
                tenant_roles=Signal::derive(move || s.roles.get()) status />
        </Modal>
    }
    .into_any()
}

room_dialogs!(add_client, preload(preload_add_client);
    Dialog::AddClient(kind) => add_dialog_view(kind),
    Dialog::ChooseType => choose_type_dialog_view(),
);
