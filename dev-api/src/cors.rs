//! CORS for a browser app on another origin (`--allow-origin URL`, repeatable).
//!
//! For an allowed `Origin`, responses carry `Access-Control-Allow-Origin` (that origin),
//! `Vary: Origin` and `Access-Control-Expose-Headers: Total-Count`, and a preflight
//! (`OPTIONS` with `Access-Control-Request-Method`) is answered 204 with the allowed methods
//! and headers. `*` allows every origin (each answer still names the request's own).
//! Other origins get no CORS headers at all, so the browser blocks them. The
//! `/_dev/` test endpoints accept any origin as soon as one `--allow-origin` is given.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};

use crate::AppState;

/// Methods a preflight allows.
pub const ALLOW_METHODS: &str = "GET, HEAD, POST, PUT, DELETE";
/// Request headers a preflight allows.
pub const ALLOW_HEADERS: &str = "Authorization, Content-Type, Accept-Verbosity";
/// How long a browser may cache a preflight, in seconds.
pub const MAX_AGE: &str = "600";

/// `http://localhost:8080/` and `http://LOCALHOST:8080` are the same origin.
pub fn normalize_origin(origin: &str) -> String {
    origin.trim().trim_end_matches('/').to_ascii_lowercase()
}

/// The middleware.
pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let allowed = origin.filter(|o| state.origin_allowed(o, request.uri().path()));
    let Some(origin) = allowed else {
        return next.run(request).await;
    };
    let Ok(origin_value) = HeaderValue::from_str(&origin) else {
        return next.run(request).await;
    };
    answer(request, next, origin_value, &API_RULES).await
}

/// What a CORS answer allows and exposes.
pub struct Rules {
    /// `Access-Control-Allow-Methods` of a preflight.
    pub methods: &'static str,
    /// `Access-Control-Allow-Headers` of a preflight.
    pub headers: &'static str,
    /// `Access-Control-Expose-Headers` of every answer.
    pub expose: &'static str,
}

/// The API's rules.
const API_RULES: Rules = Rules {
    methods: ALLOW_METHODS,
    headers: ALLOW_HEADERS,
    expose: "Total-Count",
};

/// Answers a request from an allowed `origin`: a preflight (`OPTIONS` with
/// `Access-Control-Request-Method`) with 204 and `rules`, anything else as `next` does; both
/// with `Access-Control-Allow-Origin: origin` and `Vary: Origin`.
pub async fn answer(request: Request, next: Next, origin: HeaderValue, rules: &Rules) -> Response {
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NO_CONTENT;
        let headers = response.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(rules.methods),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(rules.headers),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(MAX_AGE),
        );
        response
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(rules.expose),
    );
    response
}
