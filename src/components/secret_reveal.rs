//! A new secret's value, shown once with Copy: the platform keeps only a hash. Closing it
//! (Close, ✕ or Esc) asks first unless the value was copied or "I have stored the secret" is
//! ticked; when the clipboard refuses, the value is selected for Ctrl+C / ⌘C.

use leptos::{html, prelude::*};

use crate::model::snippet::{curl_token_request, env_lines};

/// Writes `text` to the clipboard; `false` when the browser refused.
pub async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// One value with Copy; on a refused copy, a selected read-only field and the key hint.
#[component]
fn CopyValue(
    label: &'static str,
    value: String,
    testid: &'static str,
    /// Several lines (a snippet): shown as a block.
    #[prop(optional)]
    block: bool,
    /// Called after a successful copy.
    on_copied: Callback<()>,
) -> impl IntoView {
    let refused = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let field = NodeRef::<html::Input>::new();
    let text = StoredValue::new(value.clone());
    let copy = move |_| {
        leptos::task::spawn_local(async move {
            let ok = write_clipboard(&text.get_value()).await;
            let _ = copied.try_set(ok);
            let _ = refused.try_set(!ok);
            if ok {
                on_copied.run(());
            }
        });
    };
    // Select the value for the keyboard as soon as the fallback field appears.
    Effect::new(move |_| {
        if let Some(input) = field.get() {
            input.set_value(&text.get_value());
            let _ = input.focus();
            input.select();
        }
    });
    view! {
        <div class="reveal__item">
            <span class="field__label">{label}</span>
            <div class="reveal__value" class:reveal__value--block=block>
                {if block {
                    view! { <pre data-testid=testid>{value.clone()}</pre> }.into_any()
                } else {
                    view! { <code data-testid=testid>{value.clone()}</code> }.into_any()
                }}
                <button type="button" class="button button--small" on:click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy" }}
                </button>
            </div>
            <Show when=move || refused.get()>
                <label class="field">
                    <span class="field__hint" role="alert">
                        "The browser did not allow copying. The value is selected below: press Ctrl+C (⌘C on a Mac) to copy it."
                    </span>
                    <input type="text" readonly class="reveal__fallback" node_ref=field
                        aria-label=format!("{label} (selected, copy with Ctrl+C or ⌘C)") prop:value=text.get_value() />
                </label>
            </Show>
        </div>
    }
}

/// The value (and, after Add Client, the new Client ID), each with Copy, the warning that
/// the secret cannot be shown again, and the guarded Close. `close_asked` turns true when
/// ✕ or Esc was pressed (the dialog's own close controls).
#[component]
pub fn SecretReveal(
    /// The new client's id (Add Client), if any.
    client_id: Option<String>,
    /// The secret's value, if the server sent one.
    secret: Option<String>,
    /// A client-credentials secret: `(token endpoint, client id)` for the snippets.
    #[prop(optional_no_strip)]
    connection: Option<(String, String)>,
    /// ✕ or Esc was pressed: ask (or close, when it is safe).
    #[prop(into)]
    close_asked: Signal<u32>,
    on_close: Callback<()>,
) -> impl IntoView {
    let has_secret = secret.is_some();
    let secret_copied = RwSignal::new(false);
    let stored = RwSignal::new(false);
    let asking = RwSignal::new(false);
    // The safe choice takes the focus when the question appears.
    let go_back = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = go_back.get() {
            let _ = button.focus();
        }
    });
    let safe = move || !has_secret || secret_copied.get() || stored.get();
    let request_close = move || {
        if safe() {
            on_close.run(());
        } else {
            asking.set(true);
        }
    };
    Effect::new(move |previous: Option<u32>| {
        let now = close_asked.get();
        if previous.is_some_and(|p| p != now) {
            request_close();
        }
        now
    });
    view! {
        <div class="reveal">
            {client_id.map(|id| view! {
                <CopyValue label="Client ID" value=id testid="new-client-id" on_copied=Callback::new(|()| {}) />
            })}
            {secret.clone().map(|value| view! {
                <CopyValue label="Client Secret" value testid="new-secret"
                    on_copied=Callback::new(move |()| {
                        secret_copied.set(true);
                        asking.set(false);
                    }) />
            })}
            {secret.zip(connection).map(|(value, (endpoint, id))| {
                // Copying a snippet copies the secret too.
                let copied = Callback::new(move |()| {
                    secret_copied.set(true);
                    asking.set(false);
                });
                view! {
                    <details class="reveal__connect" data-testid="connect-snippets">
                        <summary>"Connect an application with this secret"</summary>
                        <p class="muted small">"A token request with the client credentials grant, as environment lines and as a curl command. They hold the secret: they are gone when this window closes."</p>
                        <CopyValue label=".env" block=true testid="snippet-env"
                            value=env_lines(&endpoint, &id, &value) on_copied=copied />
                        <CopyValue label="curl" block=true testid="snippet-curl"
                            value=curl_token_request(&endpoint, &id, &value) on_copied=copied />
                    </details>
                }
            })}
            {has_secret.then(|| view! {
                <p class="read-only-note" role="note">
                    "Copy the secret now and store it somewhere safe. Once this window is closed it cannot be shown or retrieved again; if it is lost, add a new secret and remove this one."
                </p>
                <label class="check">
                    <input type="checkbox" data-testid="stored-secret" prop:checked=move || stored.get()
                        on:change:target=move |ev| {
                            stored.set(ev.target().checked());
                            // Stored now: the question is answered.
                            asking.set(false);
                        } />
                    "I have stored the secret"
                </label>
            })}
            <Show when=move || asking.get() fallback=move || view! {
                <div class="dialog__actions">
                    <button type="button" class="button button--primary" on:click=move |_| request_close()>"Close"</button>
                </div>
            }>
                <div class="confirm-close">
                    <p role="alert"><strong>"You haven't copied this secret. Close anyway? It cannot be shown again."</strong></p>
                    <div class="dialog__actions">
                        <button type="button" class="button" node_ref=go_back on:click=move |_| asking.set(false)>"Go back"</button>
                        <button type="button" class="button button--danger" on:click=move |_| on_close.run(())>"Close anyway"</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
