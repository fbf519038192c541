//! The line that says how far the Secrets column has got (the chips themselves are the
//! posture room's strip).

use leptos::prelude::*;

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
