//! clients-console: the Security › Clients page of AVEVA CONNECT data services, as a
//! client-side Leptos app.
//!
//! `model` and `api` are plain Rust (tested natively); the UI modules only exist in the
//! wasm32 build.

pub mod api;
pub mod auth;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;

#[cfg(target_arch = "wasm32")]
pub use app::App;
