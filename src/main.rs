#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(clients_console::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("clients-console is a web app: build it with `cargo xtask run` (Trunk, wasm32).");
    std::process::exit(2);
}
