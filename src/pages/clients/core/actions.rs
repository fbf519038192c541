//! The client's actions in the Details pane: Edit Client, Disable/Enable Client and More
//! options › Export as JSON, Remove Client. The dialogs they open belong to the page.

use leptos::{html, prelude::*};

use crate::auth::rights::WriteAccess;
use wasm_bindgen::JsCast;

/// The action buttons for one client.
#[component]
pub fn ClientActions(
    #[prop(into)] enabled: Signal<Option<bool>>,
    #[prop(into)] access: Signal<WriteAccess>,
    on_edit: Callback<()>,
    on_toggle: Callback<()>,
    on_remove: Callback<()>,
    on_export: Callback<()>,
) -> impl IntoView {
    let menu = RwSignal::new(false);
    let menu_box = NodeRef::<html::Div>::new();
    let why_not = move || access.get().why_not("change clients");
    let blocked = move || !access.get().allows();
    // A click anywhere outside the menu closes it.
    let outside = window_event_listener(leptos::ev::click, move |ev| {
        let inside = menu_box
            .get_untracked()
            .zip(ev.target())
            .is_some_and(|(menu_el, target)| {
                target
                    .dyn_ref::<web_sys::Node>()
                    .is_some_and(|node| menu_el.contains(Some(node)))
            });
        if !inside && menu.get_untracked() {
            menu.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    let on_menu_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            menu.set(false);
            crate::components::focus::focus_id("more-options");
        }
    };
    view! {
        <div class="pane__actions">
            <button type="button" id="edit-client" class="button" disabled=blocked title=why_not
                on:click=move |_| on_edit.run(())>
                "Edit Client"
            </button>
            <button type="button" id="toggle-client" class="button" disabled=blocked title=why_not
                on:click=move |_| on_toggle.run(())>
                {move || if enabled.get() == Some(false) { "Enable Client" } else { "Disable Client" }}
            </button>
            <div class="menu" node_ref=menu_box on:keydown=on_menu_key>
                <button type="button" id="more-options" class="button" aria-haspopup="menu"
                    aria-expanded=move || if menu.get() { "true" } else { "false" }
                    on:click=move |_| menu.update(|m| *m = !*m)>
                    "More options"
                </button>
                <Show when=move || menu.get()>
                    <div class="menu__list" role="menu">
                        <button type="button" role="menuitem" class="menu__item"
                            on:click=move |_| {
                                menu.set(false);
                                on_export.run(());
                            }>
                            "Export as JSON"
                        </button>
                        <button type="button" role="menuitem" class="menu__item menu__item--danger"
                            disabled=blocked title=why_not
                            on:click=move |_| {
                                menu.set(false);
                                on_remove.run(());
                            }>
                            "Remove Client"
                        </button>
                    </div>
                </Show>
            </div>
        </div>
    }
}
