//! One error type for every API call, built from the status code and the `ErrorResponse` body.

use crate::model::ErrorResponse;

/// What went wrong with an API call, in terms the UI can act on.
///
/// Every variant that comes from an HTTP response keeps the server's [`ErrorResponse`] when
/// the body had one, so the UI can show its `Reason` and `Resolution` ([`ApiError::reason`],
/// [`ApiError::resolution`]) and support can trace the `OperationId`
/// ([`ApiError::operation_id`]). `Display` is a short sentence for people.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// 401: the sign-in is missing or has expired.
    #[error("Your sign-in has expired or is missing. Sign in again to continue.")]
    Unauthorized(Option<Box<ErrorResponse>>),
    /// 403: the signed-in user lacks the role (usually Tenant Administrator).
    #[error("You don't have permission to do this. Changing clients and secrets needs the Tenant Administrator role.")]
    Forbidden(Option<Box<ErrorResponse>>),
    /// 404: the client, secret or tenant does not exist (perhaps removed meanwhile).
    #[error("It could not be found. It may have been removed by someone else: refresh the list.")]
    NotFound(Option<Box<ErrorResponse>>),
    /// 409: conflicts with the current state (e.g. a client with this Id already exists).
    #[error("The server refused this because it conflicts with the current state (for example, a client with this Id already exists).")]
    Conflict(Option<Box<ErrorResponse>>),
    /// 400: the server rejected the input (or the tenant's client limit is reached).
    #[error("The server did not accept the request. Check the details below and try again.")]
    Invalid(Option<Box<ErrorResponse>>),
    /// 408: the server did not confirm in time; the change may or may not have been made.
    #[error("The server did not confirm in time, so the change may or may not have been made. Check the current state before retrying.")]
    Timeout(Option<Box<ErrorResponse>>),
    /// 5xx: the server failed.
    #[error("The server had a problem (HTTP {status}). Try again in a moment.")]
    Server {
        /// The HTTP status (500–599).
        status: u16,
        /// The error body, if any.
        details: Option<Box<ErrorResponse>>,
    },
    /// Any other unexpected status (e.g. 405 when a write goes to a regional host, 429, 3xx).
    #[error("The server answered with an unexpected status (HTTP {status}).")]
    Unexpected {
        /// The HTTP status.
        status: u16,
        /// The error body, if any.
        details: Option<Box<ErrorResponse>>,
    },
    /// `fetch` itself failed: offline, DNS, CORS, or the request was aborted.
    #[error("Could not reach the server. Check your connection and try again.")]
    Network(String),
    /// The response body was not what the API documents.
    #[error(
        "The server's answer could not be read. Try again; if it keeps happening, contact support."
    )]
    Decode(String),
    /// No answer within the console's deadline (`requestTimeoutSeconds`, default 30): the
    /// console stopped waiting. A change may or may not have been made.
    #[error("The server did not answer within {0} seconds. If this was a change, it may or may not have been made.")]
    Deadline(u32),
    /// The operation was cancelled before it finished (e.g. the user switched client type).
    #[error("Loading was cancelled.")]
    Cancelled,
}

impl ApiError {
    /// The error for a non-success `status` with response `body` (which may be empty or not
    /// JSON; then there are no details).
    pub fn from_status(status: u16, body: &str) -> ApiError {
        let details = parse_error_body(body);
        match status {
            400 => ApiError::Invalid(details),
            401 => ApiError::Unauthorized(details),
            403 => ApiError::Forbidden(details),
            404 => ApiError::NotFound(details),
            408 => ApiError::Timeout(details),
            409 => ApiError::Conflict(details),
            500..=599 => ApiError::Server { status, details },
            _ => ApiError::Unexpected { status, details },
        }
    }

    /// The server's error body, when it sent one.
    pub fn details(&self) -> Option<&ErrorResponse> {
        match self {
            ApiError::Unauthorized(d)
            | ApiError::Forbidden(d)
            | ApiError::NotFound(d)
            | ApiError::Conflict(d)
            | ApiError::Invalid(d)
            | ApiError::Timeout(d)
            | ApiError::Server { details: d, .. }
            | ApiError::Unexpected { details: d, .. } => d.as_deref(),
            ApiError::Network(_)
            | ApiError::Decode(_)
            | ApiError::Deadline(_)
            | ApiError::Cancelled => None,
        }
    }

    /// The HTTP status behind the error (`None` for network, decode and cancel).
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Invalid(_) => Some(400),
            ApiError::Unauthorized(_) => Some(401),
            ApiError::Forbidden(_) => Some(403),
            ApiError::NotFound(_) => Some(404),
            ApiError::Timeout(_) => Some(408),
            ApiError::Conflict(_) => Some(409),
            ApiError::Server { status, .. } | ApiError::Unexpected { status, .. } => Some(*status),
            ApiError::Network(_)
            | ApiError::Decode(_)
            | ApiError::Deadline(_)
            | ApiError::Cancelled => None,
        }
    }

    /// The server's `Error` text ("what happened"), if any.
    pub fn server_error(&self) -> Option<&str> {
        non_blank(self.details()?.error.as_deref())
    }

    /// The server's `Reason` ("why"), if any.
    pub fn reason(&self) -> Option<&str> {
        non_blank(self.details()?.reason.as_deref())
    }

    /// The server's `Resolution` ("how to fix it"), if any.
    pub fn resolution(&self) -> Option<&str> {
        non_blank(self.details()?.resolution.as_deref())
    }

    /// The server's `OperationId`, to quote to support.
    pub fn operation_id(&self) -> Option<&str> {
        non_blank(self.details()?.operation_id.as_deref())
    }

    /// The technical detail of a network or decode error (for logs and support).
    pub fn technical_detail(&self) -> Option<&str> {
        match self {
            ApiError::Network(detail) | ApiError::Decode(detail) => Some(detail),
            _ => None,
        }
    }

    /// The error's sentence, then the server's `Reason` and `Resolution` where it sent them.
    pub fn with_server_words(&self) -> String {
        let mut words = self.to_string();
        for part in [self.reason(), self.resolution()].into_iter().flatten() {
            words.push(' ');
            words.push_str(part);
        }
        words
    }

    /// The error's sentence when it ended a read: a read changes nothing, so where the
    /// sentence speaks of a change that may have been made, it says what to do instead.
    pub fn read_sentence(&self) -> String {
        match self {
            ApiError::Deadline(seconds) => format!(
                "The server did not answer within {seconds} seconds. Check your connection, then press Retry."
            ),
            ApiError::Timeout(_) => {
                "The server did not answer in time (HTTP 408). Press Retry.".to_string()
            }
            other => other.to_string(),
        }
    }

    /// Whether a write may have happened anyway (a 408, no answer before the deadline, or a
    /// connection dropped before the answer), so the UI must re-read before retrying.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            ApiError::Timeout(_) | ApiError::Deadline(_) | ApiError::Network(_)
        )
    }

    /// Whether the same request may succeed later without any change (network, 408, 5xx).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Timeout(_)
                | ApiError::Deadline(_)
                | ApiError::Server { .. }
        )
    }
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

/// Reads an `ErrorResponse` body; `None` when empty, not JSON, or saying nothing useful.
fn parse_error_body(body: &str) -> Option<Box<ErrorResponse>> {
    if body.trim().is_empty() {
        return None;
    }
    serde_json::from_str::<ErrorResponse>(body)
        .ok()
        .filter(ErrorResponse::has_text)
        .map(Box::new)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const BODY: &str = r#"{"OperationId":"op-1","Error":"Invalid token lifetime.","Reason":"AccessTokenLifetime must be between 60 and 3600.","Resolution":"Enter a value from 60 to 3600 seconds.","EventId":"e"}"#;

    /// Each status the contract documents (and one it does not), with the variant it must
    /// become when the body is the API's error body (also used by the endpoint tests).
    pub(crate) type StatusCase = (u16, fn(&ApiError) -> bool);
    pub(crate) const STATUS_CASES: [StatusCase; 9] = [
        (400, |e| matches!(e, ApiError::Invalid(Some(_)))),
        (401, |e| matches!(e, ApiError::Unauthorized(Some(_)))),
        (403, |e| matches!(e, ApiError::Forbidden(Some(_)))),
        (404, |e| matches!(e, ApiError::NotFound(Some(_)))),
        (408, |e| matches!(e, ApiError::Timeout(Some(_)))),
        (409, |e| matches!(e, ApiError::Conflict(Some(_)))),
        (500, |e| {
            matches!(
                e,
                ApiError::Server {
                    status: 500,
                    details: Some(_)
                }
            )
        }),
        (503, |e| {
            matches!(
                e,
                ApiError::Server {
                    status: 503,
                    details: Some(_)
                }
            )
        }),
        (405, |e| {
            matches!(
                e,
                ApiError::Unexpected {
                    status: 405,
                    details: Some(_)
                }
            )
        }),
    ];

    #[test]
    fn each_documented_status_maps_to_its_variant() {
        let cases = STATUS_CASES;
        for (status, is_expected) in cases {
            let error = ApiError::from_status(status, BODY);
            assert!(is_expected(&error), "{status} → {error:?}");
            assert_eq!(error.status(), Some(status));
            assert_eq!(error.operation_id(), Some("op-1"));
            assert_eq!(error.server_error(), Some("Invalid token lifetime."));
            assert_eq!(
                error.reason(),
                Some("AccessTokenLifetime must be between 60 and 3600.")
            );
            assert_eq!(
                error.resolution(),
                Some("Enter a value from 60 to 3600 seconds.")
            );
        }
    }

    #[test]
    fn bodies_that_are_not_error_responses_give_no_details() {
        for body in [
            "",
            "   ",
            "<html>Bad gateway</html>",
            "[]",
            "{}",
            r#"{"Reason":"  "}"#,
        ] {
            let error = ApiError::from_status(502, body);
            assert_eq!(
                error,
                ApiError::Server {
                    status: 502,
                    details: None
                },
                "{body:?}"
            );
            assert_eq!(error.reason(), None);
            assert_eq!(error.operation_id(), None);
        }
        assert_eq!(ApiError::from_status(401, ""), ApiError::Unauthorized(None));
    }

    #[test]
    fn sentences_for_people() {
        assert_eq!(ApiError::Timeout(None).to_string(), "The server did not confirm in time, so the change may or may not have been made. Check the current state before retrying.");
        assert!(ApiError::Timeout(None).outcome_unknown());
        // A read changes nothing: its sentences say what to do, not that a change may exist.
        let read = ApiError::Deadline(30).read_sentence();
        assert_eq!(
            read,
            "The server did not answer within 30 seconds. Check your connection, then press Retry."
        );
        assert!(!ApiError::Timeout(None).read_sentence().contains("change"));
        assert_eq!(
            ApiError::Network("reset".into()).read_sentence(),
            ApiError::Network("reset".into()).to_string()
        );
        assert!(!ApiError::Invalid(None).outcome_unknown());
        assert_eq!(
            ApiError::Server {
                status: 503,
                details: None
            }
            .to_string(),
            "The server had a problem (HTTP 503). Try again in a moment."
        );
        assert_eq!(
            ApiError::Network("TypeError: Failed to fetch".into()).to_string(),
            "Could not reach the server. Check your connection and try again."
        );
        assert_eq!(
            ApiError::Network("TypeError: Failed to fetch".into()).technical_detail(),
            Some("TypeError: Failed to fetch")
        );
        assert!(ApiError::Forbidden(None)
            .to_string()
            .contains("Tenant Administrator"));
        assert!(ApiError::Network(String::new()).is_transient());
        assert!(!ApiError::Conflict(None).is_transient());
        assert_eq!(ApiError::Cancelled.status(), None);
    }

    #[test]
    fn the_documented_error_fixture_maps_with_its_fields() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/admin-api/fixtures/error-response-legacy-example.json"
        ))
        .unwrap();
        let error = ApiError::from_status(400, &text);
        assert_eq!(error.reason(), Some("Reason that caused error."));
        assert_eq!(error.resolution(), Some("Possible solution for the error."));
        assert_eq!(
            error.operation_id(),
            Some("1b2af18e-8b27-4f86-93e0-6caa3e59b90c")
        );
    }
}
