//! Fault injection for tests (`--dev-endpoints`): make the next N matching API requests fail.
//!
//! `POST /_dev/faults` with `{"match": "...", "count": N, "status": 503}` or
//! `{"match": "...", "count": N, "mode": "hang" | "drop" | "apply-then-hang" | "apply-then-drop"}`:
//!
//! * `match` is a substring of the request path (`"/Secrets"`), or a method and a path prefix
//!   (`"POST /api/v1/Tenants/5b1e…/HybridClients"`). An empty match hits every API request.
//! * `status`: the request is answered with that status and an `ErrorResponse` body.
//! * `hang`: the request is never answered (the server holds it for an hour, or until it
//!   shuts down); the caller's timeout has to fire.
//! * `drop`: the connection is closed without a single byte of response. The handler unwinds
//!   with `std::panic::resume_unwind` (which skips the panic hook, so nothing is printed);
//!   the connection task that axum spawned ends, and its socket is closed. Through
//!   `tower::ServiceExt::oneshot` (no real connection) the unwind reaches the caller.
//! * `apply-then-hang`, `apply-then-drop`: as a real timeout can, the request is carried out
//!   (the handler runs, the change is applied and, with `--data`, saved), and then the answer
//!   is withheld: held like `hang`, or the connection closed like `drop`. The caller cannot
//!   tell whether its write happened; it has to read back (e.g. GET the list) to find out.
//!
//! `GET /_dev/faults` lists the active rules, `DELETE /_dev/faults` clears them.
//! Only requests under `/api/` are affected.

use std::{sync::Mutex, time::Duration};

use axum::http::{Method, StatusCode};
use serde::{Deserialize, Serialize};

use crate::errors::ApiError;

/// A fault rule as posted to `/_dev/faults`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultSpec {
    /// Path substring, or `METHOD /path-prefix`.
    #[serde(rename = "match", default)]
    pub matcher: String,
    /// How many matching requests fail (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// The status to answer with (400–599).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// `hang`, `drop`, `apply-then-hang` or `apply-then-drop`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

fn one() -> u32 {
    1
}

/// What happens to a request that hits a fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultAction {
    /// Answer with this status and an `ErrorResponse`.
    Status(StatusCode),
    /// Never answer.
    Hang,
    /// Close the connection without answering.
    Drop,
    /// Carry the request out, then never answer.
    ApplyThenHang,
    /// Carry the request out, then close the connection without answering.
    ApplyThenDrop,
}

impl FaultAction {
    /// The action of a `mode` (any letter case), if it is one.
    fn from_mode(mode: &str) -> Option<Self> {
        [
            ("hang", FaultAction::Hang),
            ("drop", FaultAction::Drop),
            ("apply-then-hang", FaultAction::ApplyThenHang),
            ("apply-then-drop", FaultAction::ApplyThenDrop),
        ]
        .into_iter()
        .find(|(name, _)| mode.eq_ignore_ascii_case(name))
        .map(|(_, action)| action)
    }
}

#[derive(Clone, Debug)]
struct Rule {
    spec: FaultSpec,
    method: Option<Method>,
    pattern: String,
    action: FaultAction,
    remaining: u32,
}

impl Rule {
    fn matches(&self, method: &Method, path: &str) -> bool {
        match &self.method {
            Some(m) => m == method && path.starts_with(&self.pattern),
            None => path.contains(&self.pattern),
        }
    }
}

/// The active fault rules.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<Rule>>,
}

/// The payload `drop` unwinds with.
pub struct DropConnection;

/// How long a hung request is held at most.
pub const HANG_FOR: Duration = Duration::from_secs(3600);

impl Faults {
    /// Adds a rule after checking it.
    pub fn add(&self, spec: FaultSpec) -> Result<(), ApiError> {
        let mode = spec.mode.as_deref().map(FaultAction::from_mode);
        let action = match (spec.status, mode) {
            (Some(status), None) => {
                let status = StatusCode::from_u16(status)
                    .ok()
                    .filter(|s| s.is_client_error() || s.is_server_error())
                    .ok_or_else(|| {
                        ApiError::bad_request(
                            "The fault is not valid.",
                            format!("status was {status}; it must be an error status (400–599)."),
                            "Use a status such as 500, 503 or 408, or a mode (hang, drop, \
                             apply-then-hang, apply-then-drop).",
                        )
                    })?;
                FaultAction::Status(status)
            }
            (None, Some(Some(action))) => action,
            _ => {
                return Err(ApiError::bad_request(
                    "The fault is not valid.",
                    "Give exactly one of status (400–599) or mode (\"hang\", \"drop\", \
                     \"apply-then-hang\" or \"apply-then-drop\").",
                    "For example {\"match\": \"/Secrets\", \"count\": 2, \"status\": 503}.",
                ))
            }
        };
        if spec.count == 0 {
            return Err(ApiError::bad_request(
                "The fault is not valid.",
                "count was 0; it must be at least 1.",
                "Send the number of requests that should fail.",
            ));
        }
        let (method, pattern) = match spec.matcher.split_once(' ') {
            Some((m, rest)) if !m.is_empty() && m.chars().all(|c| c.is_ascii_uppercase()) => {
                let method = Method::from_bytes(m.as_bytes()).map_err(|_| {
                    ApiError::bad_request(
                        "The fault is not valid.",
                        format!("`{m}` is not an HTTP method."),
                        "Use e.g. \"POST /api/v1/Tenants\".",
                    )
                })?;
                (Some(method), rest.trim().to_owned())
            }
            _ => (None, spec.matcher.clone()),
        };
        let rule = Rule {
            remaining: spec.count,
            spec,
            method,
            pattern,
            action,
        };
        self.lock().push(rule);
        Ok(())
    }

    /// The active rules with their remaining counts.
    pub fn list(&self) -> Vec<FaultSpec> {
        self.lock()
            .iter()
            .map(|r| FaultSpec {
                count: r.remaining,
                ..r.spec.clone()
            })
            .collect()
    }

    /// Removes all rules.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The fault for this request, if one matches (and counts it).
    pub fn take(&self, method: &Method, path: &str) -> Option<FaultAction> {
        let mut rules = self.lock();
        let index = rules.iter().position(|r| r.matches(method, path))?;
        let rule = &mut rules[index];
        let action = rule.action.clone();
        rule.remaining -= 1;
        if rule.remaining == 0 {
            rules.remove(index);
        }
        Some(action)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Rule>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Holds a request for [`HANG_FOR`] (or until the server shuts down), then closes its
/// connection without answering.
pub async fn hang() -> ! {
    tokio::time::sleep(HANG_FOR).await;
    drop_connection()
}

/// Closes the connection without answering: unwinds with [`DropConnection`] (see the module
/// docs).
pub fn drop_connection() -> ! {
    std::panic::resume_unwind(Box::new(DropConnection))
}

/// The error an injected status produces.
pub fn injected(status: StatusCode) -> ApiError {
    ApiError::new(
        status,
        format!(
            "{} (injected by dev-api).",
            status.canonical_reason().unwrap_or("Error")
        ),
        "A fault rule set through /_dev/faults made this request fail on purpose.",
        "Retry the request; clear the rules with DELETE /_dev/faults.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_by_substring_or_method_and_prefix_and_count_down() {
        let faults = Faults::default();
        faults
            .add(FaultSpec {
                matcher: "POST /api/v1/Tenants/t/HybridClients".into(),
                count: 2,
                status: Some(503),
                mode: None,
            })
            .expect("valid");
        faults
            .add(FaultSpec {
                matcher: "/Secrets".into(),
                count: 1,
                status: None,
                mode: Some("drop".into()),
            })
            .expect("valid");
        assert_eq!(
            faults.take(&Method::GET, "/api/v1/Tenants/t/HybridClients"),
            None
        );
        assert_eq!(
            faults.take(&Method::POST, "/api/v1/Tenants/t/HybridClients"),
            Some(FaultAction::Status(StatusCode::SERVICE_UNAVAILABLE))
        );
        assert_eq!(
            faults.take(&Method::GET, "/api/v1/Tenants/t/HybridClients/x/Secrets"),
            Some(FaultAction::Drop)
        );
        assert_eq!(faults.list().len(), 1);
        assert_eq!(faults.list()[0].count, 1);
        for (mode, action) in [
            ("apply-then-hang", FaultAction::ApplyThenHang),
            ("Apply-Then-Drop", FaultAction::ApplyThenDrop),
        ] {
            faults
                .add(FaultSpec {
                    matcher: "PUT /api/".into(),
                    count: 1,
                    status: None,
                    mode: Some(mode.into()),
                })
                .expect("valid");
            assert_eq!(faults.take(&Method::PUT, "/api/v1/x"), Some(action));
        }
        faults.take(&Method::POST, "/api/v1/Tenants/t/HybridClients");
        assert!(faults.list().is_empty());
        assert!(faults
            .add(FaultSpec {
                matcher: String::new(),
                count: 1,
                status: Some(200),
                mode: None
            })
            .is_err());
    }
}
