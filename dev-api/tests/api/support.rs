//! Helpers: build the app, send a request, check an `ErrorResponse`.

#![allow(dead_code)]

use axum::{
    body::Body,
    http::{HeaderMap, Method, Request, StatusCode},
    Router,
};
use dev_api::{model::ErrorResponse, Config, DEFAULT_TENANT_ID};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub const TENANT: &str = DEFAULT_TENANT_ID;
pub const ADMIN: Option<&str> = Some("admin");
pub const MEMBER: Option<&str> = Some("member");

pub const CC: &str = "ClientCredentialClients";
pub const HYBRID: &str = "HybridClients";
pub const AUTH_CODE: &str = "AuthorizationCodeClients";

/// Seeded client with 3 secrets (one expired, one within 30 days, one in ~300 days).
pub const PUMP: &str = "3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a01";
/// Seeded client credential client with 10 secrets.
pub const EDGE_RTM: &str = "3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a03";
/// Seeded client credential client without secrets.
pub const DQ_MONITOR: &str = "3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a06";
/// Seeded hybrid client with 3 secrets.
pub const OPS_DASHBOARD: &str = "7a2d4e6f-8b1c-4f3a-a5d7-9c0e1b2a3f01";
/// Seeded hybrid client with 10 secrets.
pub const HANDOVER: &str = "7a2d4e6f-8b1c-4f3a-a5d7-9c0e1b2a3f04";
/// Seeded authorization code client.
pub const MOBILE_APP: &str = "9e4b6c8d-0a2f-4b1e-8c3d-5f7a9b1c2d01";

pub fn base() -> String {
    format!("/api/v1/Tenants/{TENANT}")
}

pub fn url(rest: &str) -> String {
    format!("{}/{rest}", base())
}

/// The seeded app.
pub fn app() -> Router {
    dev_api::router(Config::default())
}

pub fn app_with(config: Config) -> Router {
    dev_api::router(config)
}

/// A response, fully read.
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn total(&self) -> usize {
        self.headers
            .get("total-count")
            .expect("Total-Count header")
            .to_str()
            .expect("ascii")
            .parse()
            .expect("number")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("ascii").to_owned())
    }
}

/// A request builder.
pub struct Call {
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

pub fn call(method: Method, path: impl Into<String>) -> Call {
    Call {
        method,
        path: path.into(),
        headers: Vec::new(),
        body: None,
    }
}

impl Call {
    pub fn token(mut self, token: Option<&str>) -> Self {
        if let Some(token) = token {
            self.headers
                .push(("authorization".into(), format!("Bearer {token}")));
        }
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn verbose(self) -> Self {
        self.header("accept-verbosity", "verbose")
    }

    pub fn json(mut self, value: Value) -> Self {
        self.headers
            .push(("content-type".into(), "application/json".into()));
        self.body = Some(serde_json::to_vec(&value).expect("json"));
        self
    }

    pub fn raw(mut self, body: &str) -> Self {
        self.headers
            .push(("content-type".into(), "application/json".into()));
        self.body = Some(body.as_bytes().to_vec());
        self
    }

    /// A form-encoded body (the OAuth endpoints).
    pub fn form(mut self, body: &str) -> Self {
        self.headers.push((
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        ));
        self.body = Some(body.as_bytes().to_vec());
        self
    }

    pub async fn send(self, app: &Router) -> Resp {
        let mut builder = Request::builder().method(self.method).uri(self.path);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let request = builder
            .body(self.body.map(Body::from).unwrap_or_else(Body::empty))
            .expect("request");
        let response = app.clone().oneshot(request).await.expect("infallible");
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("body").to_bytes().to_vec();
        Resp {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }
}

pub async fn get(app: &Router, path: &str, token: Option<&str>) -> Resp {
    call(Method::GET, path).token(token).send(app).await
}

pub async fn head(app: &Router, path: &str, token: Option<&str>) -> Resp {
    call(Method::HEAD, path).token(token).send(app).await
}

pub async fn post(app: &Router, path: &str, token: Option<&str>, body: Value) -> Resp {
    call(Method::POST, path)
        .token(token)
        .json(body)
        .send(app)
        .await
}

pub async fn put(app: &Router, path: &str, token: Option<&str>, body: Value) -> Resp {
    call(Method::PUT, path)
        .token(token)
        .json(body)
        .send(app)
        .await
}

pub async fn delete(app: &Router, path: &str, token: Option<&str>) -> Resp {
    call(Method::DELETE, path).token(token).send(app).await
}

/// Asserts `status` and a complete `ErrorResponse` body; returns it.
#[track_caller]
pub fn expect_error(resp: &Resp, status: StatusCode) -> ErrorResponse {
    assert_eq!(resp.status, status, "body: {}", resp.text());
    assert!(
        resp.header("content-type")
            .is_some_and(|c| c.starts_with("application/json")),
        "error content type"
    );
    let error: ErrorResponse = serde_json::from_slice(&resp.body)
        .unwrap_or_else(|e| panic!("not an ErrorResponse ({e}): {}", resp.text()));
    assert!(
        uuid::Uuid::parse_str(&error.operation_id).is_ok(),
        "OperationId is a GUID"
    );
    assert!(!error.error.trim().is_empty(), "Error is set");
    assert!(!error.reason.trim().is_empty(), "Reason is set");
    assert!(!error.resolution.trim().is_empty(), "Resolution is set");
    let keys: Vec<String> = resp
        .json()
        .as_object()
        .expect("object")
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys.len(), 4, "only the four fields: {keys:?}");
    error
}

/// `expect_error` plus a check that the reason mentions `needle`.
#[track_caller]
pub fn expect_error_reason(resp: &Resp, status: StatusCode, needle: &str) -> ErrorResponse {
    let error = expect_error(resp, status);
    assert!(
        error.reason.contains(needle),
        "reason `{}` should mention `{needle}`",
        error.reason
    );
    error
}

/// A valid new client credential client body.
pub fn cc_body(name: &str) -> Value {
    serde_json::json!({
        "Name": name,
        "Enabled": true,
        "AccessTokenLifetime": 1800,
        "SecretDescription": "First key",
        "SecretExpirationDate": "2030-01-02T03:04:05Z"
    })
}

/// A valid new hybrid or authorization code client body.
pub fn web_body(name: &str) -> Value {
    serde_json::json!({
        "Name": name,
        "RedirectUris": ["https://app.example.com/signin-oidc"],
        "PostLogoutRedirectUris": ["https://app.example.com/"],
    })
}
