//! The security posture strip above the list: per filter chip, how many clients of the
//! Client Type shown it holds (Tenant Administrator role, expired, never-expiring or no
//! secret, disabled, …). A count is a one-click filter: it switches its chip (in the URL,
//! combined with the search and the other chips).
//!
//! Uses of the core: the cached rows, the Secrets column's reads, the tenant's roles, the
//! URL's chips. The counts follow the column at most once a second while it reads, so that
//! counting 50 000 clients never competes with typing.

use std::time::Duration;

use leptos::prelude::*;

use crate::model::{HealthChip, Posture};

use crate::pages::clients::core::Page;

/// How often, at most, the counts follow the Secrets column while it reads.
const RECOUNT_EVERY: Duration = Duration::from_millis(1000);

/// The room: the counts for the list shown.
#[derive(Clone, Copy)]
pub struct PostureStrip {
    s: Page,
    posture: Memo<Posture>,
}

impl PostureStrip {
    pub fn provide(s: Page) -> Self {
        let tick = RwSignal::new(0u32);
        let scheduled = StoredValue::new(false);
        Effect::new(move |_| {
            s.health.track();
            if !scheduled.get_value() {
                scheduled.set_value(true);
                // A recount reads every row: not while the user types.
                set_timeout(
                    move || {
                        s.health.when_not_typing(move || {
                            if scheduled.try_set_value(false).is_none() {
                                tick.try_update(|t| *t += 1);
                            }
                        })
                    },
                    RECOUNT_EVERY,
                );
            }
        });
        let posture = Memo::new(move |_| {
            tick.track();
            let table = s.summaries.get();
            let admin = s.admin_role.get();
            let column = untrack(|| s.health.column(&table));
            Posture::of(&table, &column, admin.as_deref())
        });
        let this = PostureStrip { s, posture };
        provide_context(this);
        this
    }

    /// The strip.
    pub fn view(self) -> impl IntoView {
        let PostureStrip { s, posture } = self;
        let hidden = s.health.denied;
        let buttons = HealthChip::ALL
            .into_iter()
            .map(|chip| {
                let pressed = move || s.query.read().chips.has(chip);
                let unavailable = move || chip.needs_secrets() && hidden.get();
                let count = move || {
                    if unavailable() {
                        "—".to_string()
                    } else {
                        posture.read().count(chip).to_string()
                    }
                };
                let title = move || {
                    if unavailable() {
                        Some("Reading secrets needs the Tenant Administrator role")
                    } else if chip == HealthChip::Admin {
                        Some("The platform advises against giving clients the Tenant Administrator role")
                    } else {
                        None
                    }
                };
                let risky = move || {
                    matches!(chip, HealthChip::Admin | HealthChip::Expired)
                        && !unavailable()
                        && posture.read().count(chip) > 0
                };
                view! {
                    <button type="button" class="chip" class:chip--alert=risky data-chip=chip.slug()
                        aria-pressed=move || if pressed() { "true" } else { "false" }
                        disabled=unavailable title=title
                        on:click=move |_| s.url.toggle_chip(chip)>
                        <span class="chip__check" aria-hidden="true">{move || if pressed() { "✓" } else { "" }}</span>
                        <span class="chip__label">{chip.label()}</span>
                        <span class="chip__count" data-count=count>{count}</span>
                    </button>
                }
            })
            .collect_view();
        let reading = move || {
            // The live figure of the progress line below (the counts follow within a second).
            let (read, of) = s.health_progress.get();
            (read < of && !hidden.get()).then(|| {
                view! {
                    <span class="posture__read muted" data-testid="posture-read">
                        {format!("Secrets: {read} of {of} read")}
                    </span>
                }
            })
        };
        let scope = move || match s.view().single() {
            Some(kind) => format!("{} clients", kind.label()),
            None => "All clients".to_string(),
        };
        view! {
            <div class="chips posture" role="group" data-testid="posture"
                aria-label=move || format!("Security posture of {}: show only clients with", scope())>
                <span class="posture__scope muted" aria-hidden="true">{scope}</span>
                {buttons}
                {reading}
            </div>
        }
    }
}
