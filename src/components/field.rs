//! Form fields bound to one part of a form's values: a value in, a change out, the label,
//! the hint and the field's validation message wired to `aria-describedby`.

use leptos::{html, prelude::*};

use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;
use crate::model::ValidationErrors;

/// One part of a form's values: what it is now, and how to change it.
pub struct Bound<T: Send + Sync + 'static> {
    pub get: Signal<T>,
    pub set: Callback<(T,)>,
}

impl<T: Send + Sync + 'static> Clone for Bound<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Bound<T> {}

/// Binds the part of `state` that `get` reads and `set` writes.
pub fn bind<S, T>(state: RwSignal<S>, get: fn(&S) -> T, set: fn(&mut S, T)) -> Bound<T>
where
    S: Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Bound {
        get: Signal::derive(move || state.with(get)),
        set: Callback::new(move |(value,)| state.update(|s| set(s, value))),
    }
}

/// The message for `field`, with the id `err-{field}` the input points at.
pub fn field_error(errors: Signal<ValidationErrors>, field: &'static str) -> impl IntoView {
    move || {
        errors.read().get(field).map(
            |m| view! { <p class="field__error" id=format!("err-{field}")>{m.to_string()}</p> },
        )
    }
}

fn invalid(errors: Signal<ValidationErrors>, field: &'static str) -> impl Fn() -> &'static str {
    move || {
        if errors.read().get(field).is_some() {
            "true"
        } else {
            "false"
        }
    }
}

/// A labelled one-line input (`kind`: "text", "number", "datetime-local", …) or, with
/// `rows`, a textarea.
#[component]
pub fn TextField(
    #[prop(into)] label: String,
    value: Bound<String>,
    /// The wire name the validation keys its message by.
    field: &'static str,
    #[prop(into)] errors: Signal<ValidationErrors>,
    testid: &'static str,
    #[prop(default = "text")] kind: &'static str,
    /// A textarea of this many rows instead of an input.
    #[prop(optional)]
    rows: Option<u32>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let described_by = match hint {
        Some(_) => format!("err-{field} hint-{field}"),
        None => format!("err-{field}"),
    };
    let on_input = move |ev: leptos::ev::Event| value.set.run((event_target_value(&ev),));
    let control = match rows {
        Some(rows) => view! {
            <textarea rows=rows data-testid=testid aria-invalid=invalid(errors, field)
                aria-describedby=described_by placeholder=placeholder
                prop:value=move || value.get.get() on:input=on_input></textarea>
        }
        .into_any(),
        None => view! {
            <input type=kind data-testid=testid aria-invalid=invalid(errors, field)
                aria-describedby=described_by placeholder=placeholder disabled=move || disabled.get()
                prop:value=move || value.get.get() on:input=on_input />
        }
        .into_any(),
    };
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            {control}
            {hint.map(|h| view! { <span class="field__hint" id=format!("hint-{field}")>{h}</span> })}
            {field_error(errors, field)}
        </label>
    }
}

/// A labelled checkbox with an optional hint after the label.
#[component]
pub fn CheckField(
    label: &'static str,
    value: Bound<bool>,
    #[prop(optional)] testid: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" data-testid=testid prop:checked=move || value.get.get()
                on:change:target=move |ev| value.set.run((ev.target().checked(),)) />
            {label}
            {hint.map(|h| view! { <span class="field__hint">" "{h}</span> })}
        </label>
    }
}

/// Where a dialog's form stands and what its buttons do: one value for the form, its frame
/// and its owner to share.
#[derive(Clone, Copy)]
pub struct FormStatus {
    /// A save is running.
    pub pending: Signal<bool>,
    /// The server's refusal of the last attempt.
    pub error: Signal<Option<ApiError>>,
    /// What re-reading found after the last attempt got no answer.
    pub note: Signal<Option<String>>,
    /// Cancel was asked on a changed form: ask before discarding.
    pub asking_discard: Signal<bool>,
    pub on_submit: Callback<()>,
    /// Cancel, and "Discard changes".
    pub on_cancel: Callback<()>,
    /// "Keep editing".
    pub on_keep: Callback<()>,
}

/// A dialog's form: the server's refusal of the last attempt on top (everything typed
/// stays), the fields, then Cancel and the submit button ("Saving…" while it runs); a changed
/// form asks before Cancel discards it.
#[component]
pub fn FormFrame(
    /// What failed, e.g. "The client was not saved."
    error_title: &'static str,
    /// "Save" or "Add".
    submit_label: &'static str,
    status: FormStatus,
    children: Children,
) -> impl IntoView {
    let FormStatus {
        pending,
        error,
        note,
        asking_discard,
        on_submit,
        on_cancel,
        on_keep,
    } = status;
    // The safe answer takes the focus when the question appears.
    let keep_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = keep_button.get() {
            let _ = button.focus();
        }
    });
    let discard_bar = move || {
        asking_discard.get().then(|| {
            view! {
                <div class="confirm-close" data-testid="discard-ask">
                    <p role="alert"><strong>"Discard your changes? What you typed in this form will be lost."</strong></p>
                    <div class="dialog__actions">
                        <button type="button" class="button" node_ref=keep_button
                            on:click=move |_| on_keep.run(())>"Keep editing"</button>
                        <button type="button" class="button button--danger" on:click=move |_| on_cancel.run(())>"Discard changes"</button>
                    </div>
                </div>
            }
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            {move || error.get().map(|e| view! { <ErrorPanel error=e title=error_title /> })}
            {move || note.get().map(|n| view! { <p class="read-only-note" role="status" data-testid="finding">{n}</p> })}
            {children()}
            {discard_bar}
            <Show when=move || !asking_discard.get()>
                <div class="dialog__actions">
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Saving…" } else { submit_label }}
                    </button>
                </div>
            </Show>
        </form>
    }
}
