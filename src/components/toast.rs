//! Short confirmations ("Client ID copied") that fade after a few seconds, some with one
//! follow-up button (Undo). A toast stays while the pointer is over it or the focus is in
//! it, so its button never vanishes under the hand that reaches for it.

use std::time::Duration;

use leptos::prelude::*;

/// A toast's follow-up: its button's label and what it does.
#[derive(Clone, Copy)]
pub struct ToastAction {
    pub label: &'static str,
    /// The key that also does it (said on the button, `aria-keyshortcuts`).
    pub key: &'static str,
    pub run: Callback<()>,
}

#[derive(Clone)]
struct Toast {
    id: u64,
    text: String,
    action: Option<ToastAction>,
}

/// The toasts on screen; provide once at the root, push from anywhere below.
#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Vec<Toast>>, StoredValue<u64>);

impl Toasts {
    /// Provides the service in the current owner and returns it.
    pub fn provide() -> Self {
        let toasts = Toasts(RwSignal::new(Vec::new()), StoredValue::new(0));
        provide_context(toasts);
        toasts
    }

    /// Shows `message` for four seconds.
    pub fn show(&self, message: impl Into<String>) {
        self.push(message.into(), None, Duration::from_secs(4));
    }

    /// Shows `message` with the button `action` for `shown` (longer while pointed at or
    /// focused). A newer toast with a follow-up replaces the older one's button.
    pub fn show_with(&self, message: impl Into<String>, action: ToastAction, shown: Duration) {
        self.0
            .update(|list| list.iter_mut().for_each(|t| t.action = None));
        self.push(message.into(), Some(action), shown);
    }

    /// Runs the follow-up of the newest toast that offers one (its key was pressed); false
    /// when none does.
    pub fn act_on_newest(&self, key: &str) -> bool {
        let newest = self.0.with_untracked(|list| {
            list.iter()
                .rev()
                .find_map(|t| t.action.filter(|a| a.key == key).map(|a| (t.id, a)))
        });
        let Some((id, action)) = newest else {
            return false;
        };
        action.run.run(());
        self.dismiss(id);
        true
    }

    fn dismiss(&self, id: u64) {
        let _ = self.0.try_update(|list| list.retain(|t| t.id != id));
    }

    fn push(&self, text: String, action: Option<ToastAction>, shown: Duration) {
        let id = self.1.get_value() + 1;
        self.1.set_value(id);
        self.0.update(|list| list.push(Toast { id, text, action }));
        expire_later(*self, id, shown);
    }
}

/// Removes the toast `id` after `after`, or later while it is pointed at or focused.
fn expire_later(toasts: Toasts, id: u64, after: Duration) {
    set_timeout(
        move || {
            if held(id) {
                expire_later(toasts, id, Duration::from_secs(1));
            } else {
                toasts.dismiss(id);
            }
        },
        after,
    );
}

fn held(id: u64) -> bool {
    document()
        .get_element_by_id(&format!("toast-{id}"))
        .is_some_and(|e| e.matches(":hover, :focus-within").unwrap_or(false))
}

/// Where toasts appear (a polite live region).
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let toast = move |Toast { id, text, action }: Toast| {
        let button = action.map(|a| {
            // The action first: it may move the focus away from this button before it goes.
            let run = move |_| {
                a.run.run(());
                toasts.dismiss(id);
            };
            view! {
                <button type="button" class="toast__action" aria-keyshortcuts=a.key
                    title=format!("{} (key {})", a.label, a.key.to_uppercase()) on:click=run>
                    {a.label}
                </button>
            }
        });
        view! { <p class="toast" id=format!("toast-{id}")><span>{text}</span>{button}</p> }
    };
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.0.get() key=|t| (t.id, t.action.is_some()) children=toast />
        </div>
    }
}
