//! Small inline SVG icons (no icon font: nothing to download, nothing blocked by the CSP).

use leptos::prelude::*;

/// Two overlapping sheets: "copy".
#[component]
pub fn CopyIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path d="M11 3.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h.5" fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
    }
}
