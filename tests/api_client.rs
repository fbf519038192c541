//! The real `ApiClient` over gloo-net in headless Chromium, against a stubbed `window.fetch`:
//! error bodies arrive as typed `ApiError`s, a paged list loads in order, and a rejected fetch
//! is a network error. The stub also checks the headers every request must carry.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use clients_console::api::{ApiClient, ApiError, CancelToken};
use clients_console::model::{Client, ClientKind, HybridClientCreate, NewClient};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TENANT: &str = "0b1c2d3e-aaaa-4bbb-8ccc-123456789abc";

/// Replaces `window.fetch` with `respond(req, url, body)` (an async JS function body that
/// returns a `Response`), recording every request in `window.__apiSeen`.
fn stub_fetch(respond: &str) {
    let script = format!(
        r#"
        window.__apiSeen = [];
        window.__inFlight = 0;
        window.__maxInFlight = 0;
        window.fetch = async (input, init) => {{
            const req = input instanceof Request ? input : new Request(input, init);
            const url = new URL(req.url);
            const body = (req.method === "GET" || req.method === "HEAD") ? null : await req.text();
            window.__apiSeen.push({{
                method: req.method, path: url.pathname, search: url.search,
                authorization: req.headers.get("Authorization"),
                verbosity: req.headers.get("Accept-Verbosity"),
                contentType: req.headers.get("Content-Type"),
                body,
            }});
            window.__inFlight += 1;
            window.__maxInFlight = Math.max(window.__maxInFlight, window.__inFlight);
            try {{
                const respond = async (req, url, body) => {{ {respond} }};
                return await respond(req, url, body);
            }} finally {{
                window.__inFlight -= 1;
            }}
        }};
        "#
    );
    js_sys::eval(&script).expect("install the fetch stub");
}

/// What the stub saw, as JSON.
fn seen() -> Vec<Value> {
    let text = js_sys::eval("JSON.stringify(window.__apiSeen)")
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    serde_json::from_str(&text).expect("the stub's log is JSON")
}

fn js_number(expr: &str) -> f64 {
    js_sys::eval(expr)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(-1.0)
}

fn api() -> ApiClient {
    ApiClient::new("", TENANT, || Some("test-token".to_owned()))
}

fn assert_common_headers(request: &Value) {
    assert_eq!(request["authorization"], "Bearer test-token", "{request}");
    assert_eq!(request["verbosity"], "verbose", "{request}");
}

#[wasm_bindgen_test]
async fn a_400_error_body_arrives_as_invalid_with_reason_and_resolution() {
    stub_fetch(
        r#"
        return new Response(JSON.stringify({
            OperationId: "8d1f6c5e-op",
            Error: "The client could not be created.",
            Reason: "RedirectUris is required when creating a hybrid client.",
            Resolution: "Add at least one redirect URI and try again.",
            DynamicProperties: null,
            property1: null
        }), { status: 400, headers: { "Content-Type": "application/json" } });
        "#,
    );
    let new_client = NewClient::Hybrid(HybridClientCreate {
        name: Some("Operator portal".into()),
        enabled: Some(true),
        ..Default::default()
    });
    let error = api().create_client(&new_client).await.unwrap_err();
    assert!(matches!(error, ApiError::Invalid(Some(_))), "{error:?}");
    assert_eq!(
        error.reason(),
        Some("RedirectUris is required when creating a hybrid client.")
    );
    assert_eq!(
        error.resolution(),
        Some("Add at least one redirect URI and try again.")
    );
    assert_eq!(error.operation_id(), Some("8d1f6c5e-op"));
    assert_eq!(error.status(), Some(400));

    let seen = seen();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_common_headers(request);
    assert_eq!(request["method"], "POST");
    assert_eq!(
        request["path"],
        format!("/api/v1/Tenants/{TENANT}/HybridClients")
    );
    assert_eq!(request["contentType"], "application/json");
    let body: Value =
        serde_json::from_str(request["body"].as_str().unwrap_or_default()).expect("JSON body");
    assert_eq!(
        body,
        serde_json::json!({"Name": "Operator portal", "Enabled": true, "SecretExpirationDate": null})
    );
}

#[wasm_bindgen_test]
async fn load_all_reads_total_count_and_returns_every_page_in_order() {
    stub_fetch(
        r#"
        const total = 2500;
        const skip = Number(url.searchParams.get("skip"));
        const count = Number(url.searchParams.get("count"));
        // Later pages answer sooner, so completion order differs from API order.
        await new Promise(r => setTimeout(r, skip === 0 ? 5 : 40 - skip / 100));
        const items = [];
        for (let i = skip; i < Math.min(total, skip + count); i++) {
            items.push({ Id: "client-" + String(i).padStart(4, "0"), Name: "Client " + i, Enabled: i % 2 === 0 });
        }
        return new Response(JSON.stringify(items),
            { status: 200, headers: { "Content-Type": "application/json", "Total-Count": String(total) } });
        "#,
    );
    let progress = Rc::new(RefCell::new(Vec::new()));
    let calls = progress.clone();
    let page = api()
        .load_all(
            ClientKind::Hybrid,
            move |loaded, total| calls.borrow_mut().push((loaded, total)),
            &CancelToken::new(),
        )
        .await
        .expect("the list loads");
    assert_eq!(page.total, Some(2500));
    let ids: Vec<String> = page
        .items
        .iter()
        .filter_map(Client::id)
        .map(String::from)
        .collect();
    let expected: Vec<String> = (0..2500).map(|i| format!("client-{i:04}")).collect();
    assert_eq!(ids, expected);
    assert!(page.items.iter().all(|c| c.kind() == ClientKind::Hybrid));
    assert_eq!(
        *progress.borrow(),
        vec![(1000, 2500), (1500, 2500), (2500, 2500)]
    );

    let seen = seen();
    let searches: Vec<&str> = seen.iter().filter_map(|r| r["search"].as_str()).collect();
    assert_eq!(
        searches,
        [
            "?skip=0&count=1000",
            "?skip=1000&count=1000",
            "?skip=2000&count=1000"
        ]
    );
    for request in &seen {
        assert_common_headers(request);
        assert_eq!(request["method"], "GET");
        assert_eq!(
            request["path"],
            format!("/api/v1/Tenants/{TENANT}/HybridClients")
        );
        assert_eq!(request["contentType"], Value::Null);
    }
    // The two remaining pages were in flight together (at most 4 are allowed).
    let max = js_number("window.__maxInFlight");
    assert!((2.0..=4.0).contains(&max), "max in flight {max}");
}

#[wasm_bindgen_test]
async fn a_rejected_fetch_is_a_network_error() {
    js_sys::eval("window.__apiSeen = []; window.fetch = () => Promise.reject(new TypeError('Failed to fetch'))")
        .expect("install the rejecting fetch");
    let error = api()
        .get_client(ClientKind::ClientCredentials, "c-1")
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Network(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "Could not reach the server. Check your connection and try again."
    );
    assert!(
        error
            .technical_detail()
            .is_some_and(|d| d.contains("Failed to fetch")),
        "{error:?}"
    );
}

#[wasm_bindgen_test]
async fn timeouts_counts_and_deletes_map_through_fetch() {
    stub_fetch(
        r#"
        if (req.method === "HEAD") return new Response(null, { status: 200, headers: { "Total-Count": "4321" } });
        if (req.method === "DELETE") return new Response(null, { status: 204 });
        return new Response(JSON.stringify({ OperationId: "op-408", Error: "Operation timed out.", Reason: "r", Resolution: "Check first." }),
            { status: 408, headers: { "Content-Type": "application/json" } });
        "#,
    );
    let api = api();
    assert_eq!(
        api.count_clients(ClientKind::AuthorizationCode).await,
        Ok(4321)
    );
    assert_eq!(
        api.delete_secret(ClientKind::Hybrid, "h 1", 3).await,
        Ok(())
    );
    let error = api
        .set_client_enabled(ClientKind::ClientCredentials, "c1", false)
        .await
        .unwrap_err();
    assert!(error.outcome_unknown(), "{error:?}");
    assert_eq!(error.operation_id(), Some("op-408"));

    let seen = seen();
    assert_eq!(
        seen[1]["path"],
        format!("/api/v1/Tenants/{TENANT}/HybridClients/h%201/Secrets/3")
    );
    assert_eq!(seen[2]["method"], "PUT");
    assert_eq!(seen[2]["body"], r#"{"Enabled":false}"#);
    seen.iter().for_each(assert_common_headers);
}
