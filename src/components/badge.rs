//! Small status words with a colour: Enabled/Disabled, secret health.

use leptos::prelude::*;

use crate::model::SecretHealth;

/// "Enabled" or "Disabled" (or "Unknown" when the API did not say).
#[component]
pub fn StatusBadge(#[prop(into)] enabled: Signal<Option<bool>>) -> impl IntoView {
    let class = move || match enabled.get() {
        Some(true) => "badge badge--ok",
        Some(false) => "badge badge--off",
        None => "badge",
    };
    let text = move || match enabled.get() {
        Some(true) => "Enabled",
        Some(false) => "Disabled",
        None => "Unknown",
    };
    view! { <span class=class data-testid="status-badge">{text}</span> }
}

/// How soon a secret stops working: Expired, Expires within 7 / 30 days, Valid, Never expires.
#[component]
pub fn HealthBadge(health: SecretHealth) -> impl IntoView {
    let class = format!("badge badge--health-{}", health.css_name());
    view! { <span class=class data-health=health.css_name()>{health.label()}</span> }
}
