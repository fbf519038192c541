//! The page's features, one room each. A room owns its state, its writes (its own
//! `Action`s) and its views, is provided as a context by the page's shell, and uses only
//! [`super::core::Page`] (and the shared `forms`). No room imports another; the shell wires
//! the buttons of the core's views to the rooms.

pub mod add_client;
pub mod bulk;
pub mod definitions;
pub mod edit_client;
pub mod export;
pub mod posture;
pub mod remove_client;
pub mod secrets;
pub mod shortcuts;
pub mod toggle_client;
pub mod undo;
