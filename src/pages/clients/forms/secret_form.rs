//! Add Secret and Edit Secret, and the secret fields Add Client shares with them.

use leptos::prelude::*;

use crate::components::field::{
    bind, field_error, Bound, CheckField, FormFrame, FormStatus, TextField,
};
use crate::model::{field, SecretFormValues, ValidationErrors};

/// Description, Expiration Date (default one year from now) and Never Expires.
#[component]
pub fn SecretFields(
    description: Bound<String>,
    expiration: Bound<String>,
    never: Bound<bool>,
    #[prop(into)] errors: Signal<ValidationErrors>,
) -> impl IntoView {
    view! {
        <TextField label="Description (optional)" field="Description" errors testid="secret-description"
            placeholder="What uses this secret, e.g. \"Plant 4 gateway\"" value=description />
        <TextField label="Expiration Date" field=field::EXPIRATION errors testid="secret-expiration"
            kind="datetime-local" hint="Your local time. One year from now unless you change it."
            disabled=never.get value=expiration />
        <CheckField label="Never Expires" testid="never-expires" value=never
            hint="Not recommended: a secret that never expires is a standing risk if it leaks." />
    }
}

/// The secret form (inside a `Modal`).
#[component]
pub fn SecretFormBody(
    values: RwSignal<SecretFormValues>,
    #[prop(into)] errors: Signal<ValidationErrors>,
    /// "Add" or "Save".
    submit_label: &'static str,
    status: FormStatus,
) -> impl IntoView {
    view! {
        <FormFrame error_title="The secret was not saved." submit_label status>
            <div role="alert">{field_error(errors, field::SECRETS)}</div>
            <SecretFields errors
                description=bind(values, |v| v.description.clone(), |v, x| v.description = x)
                expiration=bind(values, |v| v.expiration.clone(), |v, x| v.expiration = x)
                never=bind(values, |v| v.never_expires, |v, x| v.never_expires = x) />
        </FormFrame>
    }
}
