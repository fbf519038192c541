//! Serde types and pure rules of the Identity admin API (no web, no leptos).
