//! Presentational pieces: props in, callbacks out, no API calls.

pub mod nav;
