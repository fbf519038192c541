//! Typed client for the Identity admin API: one async fn per endpoint, one [`ApiError`].
//!
//! The request side is plain data ([`ApiRequest`], built by `ApiClient::*_request`) and the
//! response side is pure functions ([`interpret_json`], [`interpret_page`], …), so both are
//! tested natively. Only the transport ([`FetchTransport`], gloo-net) is wasm32-only; the
//! async endpoint fns run over any [`Transport`].

mod client;
mod error;
#[cfg(target_arch = "wasm32")]
mod fetch;
mod paging;
mod request;
mod response;

pub use client::{ApiClient, StatusObserver, TokenSource, Transport};
pub use error::ApiError;
#[cfg(target_arch = "wasm32")]
pub use fetch::FetchTransport;
pub use paging::{
    load_pages, plan_remaining_pages, CancelToken, PageSpec, MAX_IN_FLIGHT, MAX_TOTAL, PAGE_SIZE,
};
pub use request::{encode_component, ApiRequest, Method};
pub use response::{
    interpret_count, interpret_empty, interpret_json, interpret_page, parse_total_count, Page,
    RawResponse,
};

#[cfg(test)]
mod tests;
