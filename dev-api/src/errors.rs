//! The documented `ErrorResponse` body and the one error type every handler returns.
//!
//! Every error the API produces carries the four required fields of the contract
//! (`OperationId`, `Error`, `Reason`, `Resolution`), written in our own words so a developer
//! reading them in the browser's network tab knows what happened and what to do.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use crate::model::ErrorResponse;

/// An API error: a status code plus the three human-readable parts of `ErrorResponse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub error: String,
    pub reason: String,
    pub resolution: String,
}

impl ApiError {
    /// Any status with the three texts.
    pub fn new(
        status: StatusCode,
        error: impl Into<String>,
        reason: impl Into<String>,
        resolution: impl Into<String>,
    ) -> Self {
        Self {
            status,
            error: error.into(),
            reason: reason.into(),
            resolution: resolution.into(),
        }
    }

    /// 400: the request is missing something or has an invalid value.
    pub fn bad_request(
        error: impl Into<String>,
        reason: impl Into<String>,
        resolution: impl Into<String>,
    ) -> Self {
        Self::new(StatusCode::BAD_REQUEST, error, reason, resolution)
    }

    /// 404 with the thing that was not found.
    pub fn not_found(
        error: impl Into<String>,
        reason: impl Into<String>,
        resolution: impl Into<String>,
    ) -> Self {
        Self::new(StatusCode::NOT_FOUND, error, reason, resolution)
    }

    /// 401: no token, or one the server does not know.
    pub fn unauthorized(reason: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "Authentication failed.",
            reason,
            "Send a valid access token in the header `Authorization: Bearer <token>` \
             (dev-api prints the tokens it accepts when it starts).",
        )
    }

    /// 403: the user is known but lacks the role the operation needs.
    pub fn forbidden(user: &str, needed: &str, operation: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "You do not have permission to perform this operation.",
            format!("{operation} requires the {needed} role, and {user} does not have it."),
            format!(
                "Make sure the user has the right role: ask a Tenant Administrator to assign \
                 {needed} to {user}, or sign in as a user who has it."
            ),
        )
    }

    /// 500: something failed on the server side (for example saving the `--data` file).
    pub fn internal(reason: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The server could not complete the operation.",
            reason,
            "Try again. If it keeps failing, check the dev-api console output.",
        )
    }

    /// The `ErrorResponse` body with a fresh `OperationId`.
    pub fn body(&self) -> ErrorResponse {
        ErrorResponse::new(
            uuid::Uuid::new_v4().to_string(),
            &self.error,
            &self.reason,
            &self.resolution,
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.error,
            self.reason
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let bytes = serde_json::to_vec(&self.body()).unwrap_or_default();
        let mut response = (self.status, bytes).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        response
    }
}

/// Handlers return this.
pub type ApiResult<T> = Result<T, ApiError>;
