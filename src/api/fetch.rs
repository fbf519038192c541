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

/// Aborts `controller` after `seconds` unless dropped first.
struct Deadline {
    handle: i32,
    _abort: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(controller: &web_sys::AbortController, seconds: u32) -> Option<Deadline> {
        let controller = controller.clone();
        let abort = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || controller.abort());
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                i32::try_from(seconds.saturating_mul(1000)).unwrap_or(i32::MAX),
            )
            .ok()?;
        Some(Deadline {
            handle,
            _abort: abort,
        })
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.handle);
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
    let controller = web_sys::AbortController::new().map_err(js_error)?;
    let signal = controller.signal();
    let _deadline = Deadline::start(&controller, deadline_seconds);
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
        response.text().await.map_err(network)?
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
