//! Remove Client: what goes with the client, "This cannot be undone", Disable instead, and
//! Remove only once the client's name is typed (GitHub's "type the name to confirm").

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::dialog::Modal;
use crate::components::error_panel::ErrorPanel;

/// What the admin must type: the name, or the Client ID when the client has no name.
pub fn confirmation_word(name: Option<&str>, id: &str) -> String {
    name.map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(id)
        .to_string()
}

fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// The Remove Client dialog.
#[component]
pub fn RemoveClientDialog(
    name: Option<String>,
    id: String,
    /// "Client-Credentials", "Hybrid", "Authorization Code".
    kind_label: &'static str,
    /// The client has secrets at all (client-credentials and hybrid).
    has_secrets: bool,
    /// How many secrets go with it (`None` while loading).
    #[prop(into)]
    secrets: Signal<Option<Result<usize, ApiError>>>,
    roles: usize,
    /// Enabled clients offer Disable instead.
    enabled: bool,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(optional, into)] note: Signal<Option<String>>,
    on_remove: Callback<()>,
    on_disable: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let word = confirmation_word(name.as_deref(), &id);
    let typed = RwSignal::new(String::new());
    let expected = StoredValue::new(word.clone());
    let matches = move || expected.with_value(|e| typed.read().trim() == e);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches() && !pending.get_untracked() {
            on_remove.run(());
        }
    };
    let goes_with = move || {
        let roles = (roles > 0).then(|| count(roles, "role assignment", "role assignments"));
        let secrets = match secrets.get() {
            _ if !has_secrets => None,
            None => Some("its secrets (counting…)".to_string()),
            Some(Ok(n)) => Some(count(n, "secret", "secrets")),
            Some(Err(_)) => Some("all its secrets".to_string()),
        };
        match (secrets, roles) {
            (Some(s), Some(r)) => format!("With it go {s} and {r}."),
            (Some(s), None) => format!("With it go {s}."),
            (None, Some(r)) => format!("With it go {r}."),
            (None, None) => String::new(),
        }
    };
    let title = name.clone().unwrap_or_else(|| "(no name)".into());
    view! {
        <Modal open=true title="Remove Client" on_close>
            <form class="form" on:submit=submit novalidate>
                <dl class="fields remove-summary" data-testid="remove-summary">
                    <dt>"Name"</dt><dd>{title.clone()}</dd>
                    <dt>"Client ID"</dt><dd><code>{id.clone()}</code></dd>
                    <dt>"Client Type"</dt><dd>{kind_label}</dd>
                </dl>
                <p>{goes_with}" Applications that use it will stop being able to sign in (tokens already issued stay valid until they expire)."</p>
                <p><strong>"This cannot be undone."</strong></p>
                {move || error.get().map(|e| view! { <ErrorPanel error=e title="Remove Client did not work." /> })}
                {move || note.get().map(|n| view! { <p class="read-only-note" role="status" data-testid="finding">{n}</p> })}
                <label class="field">
                    <span class="field__label">{format!("Type “{word}” to confirm")}</span>
                    <input type="text" data-testid="confirm-name" autocomplete="off" spellcheck="false"
                        prop:value=move || typed.get() on:input:target=move |ev| typed.set(ev.target().value()) />
                </label>
                <div class="dialog__actions">
                    <button type="button" class="button" autofocus on:click=move |_| on_close.run(())>"Cancel"</button>
                    {enabled.then(|| view! {
                        <button type="button" class="button" disabled=move || pending.get()
                            title="Keep the client and its secrets, but stop it from getting tokens"
                            on:click=move |_| on_disable.run(())>"Disable instead"</button>
                    })}
                    <button type="submit" class="button button--danger" disabled=move || !matches() || pending.get()>
                        {move || if pending.get() { "Working…" } else { "Remove" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
