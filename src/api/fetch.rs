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
#[derive(Clone, Copy, Debug, Default)]
pub struct FetchTransport;

fn js_error(error: JsValue) -> ApiError {
    let text = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.to_string()))
        .unwrap_or_else(|| format!("{error:?}"));
    ApiError::Network(text)
}

fn build(url: &str, request: &ApiRequest) -> Result<web_sys::Request, JsValue> {
    let init = web_sys::RequestInit::new();
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

async fn execute(url: String, request: ApiRequest) -> Result<RawResponse, ApiError> {
    let network = |e: gloo_net::Error| ApiError::Network(e.to_string());
    let raw = build(&url, &request).map_err(js_error)?;
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
        Box::pin(execute(url, request))
    }
}
