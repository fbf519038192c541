//! The filter chips above the list (Expired, Expiring within 30 days, Never expires,
//! Disabled) and the line that says how far the Secrets column has got.

use leptos::prelude::*;

use crate::model::{HealthChip, HealthFilter};

/// Toggle buttons, one per chip; they combine with the search and the Client Type.
#[component]
pub fn FilterChips(
    #[prop(into)] chips: Signal<HealthFilter>,
    /// The user may not read secrets: only Disabled works.
    #[prop(into)]
    secrets_hidden: Signal<bool>,
    on_toggle: Callback<(HealthChip,)>,
) -> impl IntoView {
    let buttons = HealthChip::ALL
        .into_iter()
        .map(|chip| {
            let pressed = move || chips.get().has(chip);
            let unavailable = move || chip.needs_secrets() && secrets_hidden.get();
            view! {
                <button type="button" class="chip" data-chip=chip.slug()
                    aria-pressed=move || if pressed() { "true" } else { "false" }
                    disabled=unavailable
                    title=move || unavailable().then_some("Reading secrets needs the Tenant Administrator role")
                    on:click=move |_| on_toggle.run((chip,))>
                    <span class="chip__check" aria-hidden="true">{move || if pressed() { "✓" } else { "" }}</span>
                    {chip.label()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="chips" role="group" aria-label="Show only clients that are">
            {buttons}
        </div>
    }
}

/// "Checking secrets: 1 200 of 50 000 clients", why the column is empty for this user, or
/// why reading stopped (with Try again).
#[component]
pub fn HealthStatus(
    /// `(read, to read)`.
    #[prop(into)]
    progress: Signal<(usize, usize)>,
    #[prop(into)] hidden: Signal<bool>,
    #[prop(into)] stalled: Signal<Option<String>>,
    on_retry: Callback<()>,
) -> impl IntoView {
    move || {
        if hidden.get() {
            return Some(
                view! {
                    <p class="health-status muted" data-testid="health-status">
                        "The Secrets column is empty because reading secrets needs the Tenant Administrator role."
                    </p>
                }
                .into_any(),
            );
        }
        if let Some(why) = stalled.get() {
            return Some(
                view! {
                    <div class="health-status health-status--stalled" data-testid="health-status">
                        <p>{format!("Checking secrets stopped after repeated failures: {why}")}</p>
                        <button type="button" class="button" on:click=move |_| on_retry.run(())>"Try again"</button>
                    </div>
                }
                .into_any(),
            );
        }
        let (done, total) = progress.get();
        (done < total).then(|| {
            view! {
                <p class="health-status muted" data-testid="health-status" data-checked=done data-total=total>
                    <progress max=total value=done aria-label="Checking secrets"></progress>
                    {format!(" Checking secrets: {done} of {total} clients")}
                </p>
            }
            .into_any()
        })
    }
}
