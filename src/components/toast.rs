//! Short confirmations ("Client ID copied") that fade after a few seconds.

use leptos::prelude::*;

/// The toasts on screen; provide once at the root, push from anywhere below.
#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Vec<(u64, String)>>, StoredValue<u64>);

impl Toasts {
    /// Provides the service in the current owner and returns it.
    pub fn provide() -> Self {
        let toasts = Toasts(RwSignal::new(Vec::new()), StoredValue::new(0));
        provide_context(toasts);
        toasts
    }

    /// Shows `message` for four seconds.
    pub fn show(&self, message: impl Into<String>) {
        let id = self.1.get_value() + 1;
        self.1.set_value(id);
        self.0.update(|list| list.push((id, message.into())));
        let list = self.0;
        set_timeout(
            move || {
                let _ = list.try_update(|list| list.retain(|(i, _)| *i != id));
            },
            std::time::Duration::from_secs(4),
        );
    }
}

/// Where toasts appear (a polite live region).
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            {move || toasts.0.get().into_iter().map(|(_, m)| view! { <p class="toast">{m}</p> }).collect_view()}
        </div>
    }
}
