//! Small status words with a colour: Enabled/Disabled, secret health.

use leptos::prelude::*;

use crate::model::SecretHealth;

/// The status badge's class and word for `enabled` (`None`: the API did not say).
pub fn status_look(enabled: Option<bool>) -> (&'static str, &'static str) {
    match enabled {
        Some(true) => ("badge badge--ok", "Enabled"),
        Some(false) => ("badge badge--off", "Disabled"),
        None => ("badge", "Unknown"),
    }
}

/// The class of a secret-health badge.
pub fn health_class(css_name: &str) -> String {
    format!("badge badge--health-{css_name}")
}

/// "Enabled" or "Disabled" (or "Unknown" when the API did not say).
#[component]
pub fn StatusBadge(#[prop(into)] enabled: Signal<Option<bool>>) -> impl IntoView {
    let class = move || status_look(enabled.get()).0;
    let text = move || status_look(enabled.get()).1;
    view! { <span class=class data-testid="status-badge">{text}</span> }
}

/// How soon a secret stops working: Expired, Expires within 7 / 30 days, Valid, Never expires.
#[component]
pub fn HealthBadge(health: SecretHealth) -> impl IntoView {
    let class = health_class(health.css_name());
    view! { <span class=class data-health=health.css_name()>{health.label()}</span> }
}
