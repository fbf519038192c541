//! Route components: they own data (resources, actions) and compose components.

pub mod clients;
pub mod not_found;
