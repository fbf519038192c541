//! Presentational pieces: props in, callbacks out, no API calls.

pub mod async_region;
pub mod badge;
pub mod clipboard;
pub mod dialog;
pub mod download;
pub mod error_panel;
pub mod field;
pub mod focus;
pub mod icons;
pub mod nav;
pub mod secret_reveal;
pub mod session_bar;
pub mod toast;
