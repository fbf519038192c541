//! The browser transport: `fetch` through gloo-net (wasm32 only).

use futures::future::LocalBoxFuture;
use gloo_net::http::{Method as HttpMethod, RequestBuilder};

use super::client::Transport;
use super::error::ApiError;
use super::request::{ApiRequest, Method};
use super::response::RawResponse;

/// Sends requests with the browser's `fetch`. A rejected fetch (offline, CORS, aborted)
/// becomes [`ApiError::Network`]; every HTTP status is returned as a [`RawResponse`].
#[derive(Clone, Copy, Debug, Default)]
pub struct FetchTransport;

fn http_method(method: Method) -> HttpMethod {
    match method {
        Method::Get => HttpMethod::GET,
        Method::Head => HttpMethod::HEAD,
        Method::Post => HttpMethod::POST,
        Method::Put => HttpMethod::PUT,
        Method::Delete => HttpMethod::DELETE,
    }
}

async fn execute(url: String, request: ApiRequest) -> Result<RawResponse, ApiError> {
    let network = |e: gloo_net::Error| ApiError::Network(e.to_string());
    let mut builder = RequestBuilder::new(&url).method(http_method(request.method));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match request.body_text() {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(network)?;
    let response = built.send().await.map_err(network)?;
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
