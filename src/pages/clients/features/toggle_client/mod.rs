//! Disable Client / Enable Client, with a confirmation (Disable is the dangerous one).
//!
//! Uses of the core: the shared patch write ([`toggle_enabled`]: the row, the dialog, the
//! toast) and the dialog host.

use leptos::prelude::*;

use crate::components::dialog::ConfirmDialog;
use crate::model::Client;

use crate::pages::clients::core::dialog::{room_dialogs, Dialog};
use crate::pages::clients::core::writes::{client_action, failure, toggle_enabled, WriteResult};
use crate::pages::clients::core::Page;

#[derive(Clone, Copy)]
pub struct ToggleClient {
    s: Page,
    write: Action<Client, WriteResult>,
}

impl ToggleClient {
    pub fn provide(s: Page) -> Self {
        let this = ToggleClient {
            s,
            write: client_action(s, toggle_enabled),
        };
        provide_context(this);
        this
    }

    pub fn open(&self, client: &Client) {
        self.write.clear();
        self.s
            .dialogs
            .open(Dialog::ToggleClient(client.clone()), &["toggle-client"]);
    }
}

/// The dialog, from its chunk.
fn toggle_dialog_view(client: Client) -> AnyView {
    let room = expect_context::<ToggleClient>();
    let d = room.s.dialogs;
    let name = client.name().unwrap_or("this client").to_string();
    let enabled = client.enabled() != Some(false);
    let action = room.write;
    let (title, message, label) = if enabled {
        ("Disable Client", format!("Disable “{name}”? It will no longer be able to get tokens. Tokens it already has stay valid until they expire, and the change can take up to an hour to take effect. You can enable it again at any time."), "Disable")
    } else {
        (
            "Enable Client",
            format!("Enable “{name}”? It will be able to get tokens again (within the hour)."),
            "Enable",
        )
    };
    view! {
        <ConfirmDialog open=true title message confirm_label=label danger=enabled
            pending=action.pending() error=failure(action)
            on_confirm=Callback::new(move |()| { action.dispatch(client.clone()); })
            on_close=Callback::new(move |()| d.close()) note=d.finding />
    }
    .into_any()
}

room_dialogs!(toggle_client, preload(preload_toggle_client);
    Dialog::ToggleClient(client) => toggle_dialog_view(client),
);
