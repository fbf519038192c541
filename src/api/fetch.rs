//! The browser transport: `fetch` through gloo-net (wasm32 only).

use futures::future::LocalBoxFuture;
use wasm_bindgen::{JsCast, JsValue};

use super::client::Transport;
use super::error::ApiError;
use super::request::{ApiRequest, Method};
use super::response::RawResponse;

/// Sends requests with the browser's `fetch`. A rejected fetch (offline, CORS, aborted)
/// becomes [`ApiError::Network`]; every HTTP status is returned as a [`RawResponse`].
///
/// The `web_sys::Request` is built here rather than by gloo-net's `RequestBuilder`, which
/// re-parses the URL and appends a stray `&` to an existing query string. The web-sys types
/// used (`Request`, `RequestInit`, `Headers`) are enabled by gloo-net's `http` feature.
///
/// Every request has a deadline: when no answer (headers and body) has arrived after
/// `deadline_seconds`, the request is aborted and fails with [`ApiError::Deadline`].
#[derive(Clone, Copy, Debug)]
pub struct FetchTransport {
    pub deadline_seconds: u32,
}

impl Default for FetchTransport {
    fn default() -> Self {
        FetchTransport {
            deadline_seconds: crate::auth::config::DEFAULT_REQUEST_TIMEOUT_SECONDS,
        }
    }
}

fn js_error(error: JsValue) -> ApiError {
    let text = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.to_string()))
        .unwrap_or_else(|| format!("{error:?}"));
    ApiError::Network(text)
}

fn build(
    url: &str,
    request: &ApiRequest,
    signal: &web_sys::AbortSignal,
) -> Result<web_sys::Request, JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(signal));
    init.set_method(request.method.as_str());
    let headers = web_sys::Headers::new()?;
    for (name, value) in &request.headers {
        headers.set(name, value)?;
    }
    init.set_headers(&headers);
    if let Some(body) = request.body_text() {
        init.set_body(&JsValue::from_str(&body));
    }
    web_sys::Request::new_with_str_and_init(url, &init)
}

async fn execute(
    url: String,
    request: ApiRequest,
    deadline_seconds: u32,
) -> Result<RawResponse, ApiError> {
    // The browser's own timer aborts the request at its deadline: no closure or timer of
    // ours per request (issue 20's trace: ~0.3 ms each, thousands of Secrets reads).
    let signal = web_sys::AbortSignal::timeout_with_u32(deadline_seconds.saturating_mul(1000));
    let network = |e: gloo_net::Error| {
        if signal.aborted() {
            ApiError::Deadline(deadline_seconds)
        } else {
            ApiError::Network(e.to_string())
        }
    };
    let raw = build(&url, &request, &signal).map_err(js_error)?;
    let response = gloo_net::http::Request::from(raw)
        .send()
        .await
        .map_err(network)?;
    let status = response.status();
    let total_count = response.headers().get("Total-Count");
    let body = if request.method == Method::Head {
        String::new()
    } else {
        // The bytes, checked as UTF-8 here: `text()` would decode them into a JS string that
        // wasm-bindgen encodes back to UTF-8 (issue 20: ~9 MB twice for 50 000 clients).
        let bytes = response.binary().await.map_err(network)?;
        String::from_utf8(bytes)
            .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned())
    };
    Ok(RawResponse {
        status,
        total_count,
        body,
    })
}

impl Transport for FetchTransport {
    fn send(
        &self,
        url: String,
        request: ApiRequest,
    ) -> LocalBoxFuture<'static, Result<RawResponse, ApiError>> {
        Box::pin(execute(url, request, self.deadline_seconds))
    }
}
