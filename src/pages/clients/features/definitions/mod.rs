//! Client definitions as JSON (to copy clients to another tenant): Export of one client (More
//! options) or of the picked ones (the bulk bar) as one document, made in the browser. Never
//! a secret value; the secrets' descriptions and expirations only if asked (read then, at
//! most four at a time). Import ([`import`]) reads such a document into this tenant.
//!
//! Uses of the core: the tenant's roles (names beside ids), the API (secrets), the dialog
//! host, toasts, the user's rights (a Tenant Member cannot read secrets).

mod import;

use leptos::prelude::*;

use crate::components::dialog::Modal;
use crate::components::download::download;
use crate::model::definitions::{definition_of, document};
use crate::model::{Client, ClientSecret};

use crate::pages::clients::core::dialog::{room_dialogs, Dialog};
use crate::pages::clients::core::writes::client_id;
use crate::pages::clients::core::Page;

/// The room's state: whether to add the secrets, and the export under way.
#[derive(Clone, Copy)]
pub struct Definitions {
    s: Page,
    with_secrets: RwSignal<bool>,
    /// Secrets read so far, while the export reads them.
    reading: RwSignal<Option<(usize, usize)>>,
    failed: RwSignal<Option<String>>,
    import: import::Import,
}

impl Definitions {
    pub fn provide(s: Page) -> Self {
        let this = Definitions {
            s,
            with_secrets: RwSignal::new(false),
            reading: RwSignal::new(None),
            failed: RwSignal::new(None),
            import: import::Import::new(),
        };
        provide_context(this);
        this
    }

    /// Import, from an empty pick.
    pub fn open_import(&self) {
        if let Some(why) = self.s.access().why_not("import clients") {
            return self.s.dialogs.say(why);
        }
        self.import.reset();
        self.s
            .dialogs
            .open(Dialog::ImportJson, &["import-clients", "add-client"]);
    }

    /// Export of `clients` (one, or the picked ones).
    pub fn open(&self, clients: Vec<Client>, return_to: &str) {
        self.reading.set(None);
        self.failed.set(None);
        self.with_secrets.set(false);
        self.s
            .dialogs
            .open(Dialog::ExportJson(clients), &[return_to, "client-list"]);
    }
}

/// `text`'s ASCII letters and digits (lower- or upper-case), every other run of characters one
/// `sep`: "Edge gateway – Rotterdam" → "edge-gateway-rotterdam".
fn slug(text: &str, sep: char, upper: bool) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match (c.is_ascii_alphanumeric(), upper) {
            (true, true) => c.to_ascii_uppercase(),
            (true, false) => c.to_ascii_lowercase(),
            (false, _) => sep,
        })
        .collect();
    mapped
        .split(sep)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(&sep.to_string())
}

/// The file's name: the client's name for one, else the date.
fn file_name(clients: &[Client]) -> String {
    let slug = |text: &str| slug(text, '-', false);
    match clients {
        [one] => format!("client-{}.json", slug(one.name().unwrap_or("definition"))),
        _ => format!(
            "client-definitions-{}.json",
            chrono::Local::now().format("%Y-%m-%d")
        ),
    }
}

/// Reads the secrets of `clients` (four at a time), or says what failed.
async fn read_secrets(
    room: Definitions,
    clients: &[Client],
) -> Result<Vec<Option<Vec<ClientSecret>>>, String> {
    let api = room.s.api();
    let total = clients.iter().filter(|c| c.kind().has_secrets()).count();
    let mut out = Vec::with_capacity(clients.len());
    let mut done = 0;
    room.reading.set(Some((0, total)));
    for group in clients.chunks(4) {
        let reads = group.iter().map(|c| {
            let api = api.clone();
            async move {
                if !c.kind().has_secrets() {
                    return Ok(None);
                }
                api.list_secrets(c.kind(), &client_id(c)).await.map(Some)
            }
        });
        for (c, result) in group.iter().zip(futures::future::join_all(reads).await) {
            match result {
                Ok(list) => {
                    done += usize::from(list.is_some());
                    out.push(list);
                }
                Err(error) => {
                    return Err(format!(
                        "The secrets of “{}” could not be read, so nothing was downloaded. {} Press Download to try again, or export without the secrets.",
                        c.name().unwrap_or("a client"),
                        error.with_server_words()
                    ))
                }
            }
        }
        room.reading.set(Some((done, total)));
    }
    Ok(out)
}

async fn export(room: Definitions, clients: Vec<Client>) {
    let s = room.s;
    room.failed.set(None);
    let secrets = if room.with_secrets.get_untracked() {
        match read_secrets(room, &clients).await {
            Ok(list) => list,
            Err(why) => {
                room.reading.set(None);
                return room.failed.set(Some(why));
            }
        }
    } else {
        vec![None; clients.len()]
    };
    room.reading.set(None);
    let roles = match s.roles.get_untracked() {
        Some(Ok(roles)) => roles,
        _ => Vec::new(),
    };
    let definitions = clients
        .iter()
        .zip(&secrets)
        .map(|(c, list)| definition_of(c, &roles, list.as_deref()))
        .collect();
    let name = file_name(&clients);
    if download(&name, "application/json", &document(definitions)) {
        s.dialogs.close();
        s.toasts.show(format!(
            "Downloaded {name} ({}); no secret values are in it.",
            match clients.len() {
                1 => "1 client".to_string(),
                n => format!("{n} clients"),
            }
        ));
    } else {
        room.failed.set(Some(
            "The browser did not take the download. Try again.".into(),
        ));
    }
}

fn export_dialog_view(clients: Vec<Client>) -> AnyView {
    let room = expect_context::<Definitions>();
    let s = room.s;
    let n = clients.len();
    let title = match n {
        1 => format!(
            "Export “{}” as JSON",
            clients[0].name().unwrap_or("this client")
        ),
        n => format!("Export {n} clients as JSON"),
    };
    let may_read_secrets = s.access().allows();
    let clients = StoredValue::new(clients);
    let busy = move || room.reading.get().is_some();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy() {
            let clients = clients.get_value();
            leptos::task::spawn_local(export(room, clients));
        }
    };
    let secrets_hint = if may_read_secrets {
        "Read now from the server. Without them, the document has the clients' settings and roles only."
    } else {
        "Reading secrets needs the Tenant Administrator role."
    };
    view! {
        <Modal open=true title on_close=Callback::new(move |()| s.dialogs.close())>
            <form class="form" on:submit=submit novalidate>
                <p>"A JSON document with each client's type, its settings as the API names them and its roles (by id and by name, for another tenant), to copy the clients there. It never holds a secret value."</p>
                <label class="check">
                    <input type="checkbox" data-testid="export-secrets" disabled=!may_read_secrets
                        prop:checked=move || room.with_secrets.get()
                        on:change:target=move |ev| room.with_secrets.set(ev.target().checked()) />
                    <span>"Include the secrets' descriptions and expiration dates"</span>
                </label>
                <p class="muted">{secrets_hint}</p>
                {move || room.reading.get().map(|(done, total)| view! {
                    <p role="status" data-testid="export-reading">{format!("Reading secrets: {done} of {total} clients…")}</p>
                })}
                {move || room.failed.get().map(|why| view! {
                    <div class="error-panel" role="alert" data-testid="export-failed"><p>{why}</p></div>
                })}
                <div class="dialog__actions">
                    <button type="button" class="button" on:click=move |_| s.dialogs.close()>"Cancel"</button>
                    <button type="submit" class="button button--primary" autofocus disabled=busy>
                        {if n == 1 { "Download".to_string() } else { format!("Download {n} clients") }}
                    </button>
                </div>
            </form>
        </Modal>
    }
    .into_any()
}

room_dialogs!(definitions;
    Dialog::ExportJson(clients) => export_dialog_view(clients),
    Dialog::ImportJson => import::import_dialog_view(),
);
