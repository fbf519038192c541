//! Native tests of the API client: the exact request of every endpoint, and the async fns
//! (including `load_all`) over a mock transport.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use chrono::{TimeZone, Utc};
use futures::executor::block_on;
use futures::future::LocalBoxFuture;
use serde_json::{json, Value};

use super::*;
use crate::model::{
    AuthorizationCodeClient, Client, ClientCredentialClient, ClientCredentialClientCreate,
    ClientKind, ClientSecretCreateOrUpdate, CreatedClient, HybridClient, HybridClientCreate,
    NewClient,
};

const TENANT: &str = "0b1c2d3e-aaaa-4bbb-8ccc-123456789abc";
const BASE: &str = "/api/v1/Tenants/0b1c2d3e-aaaa-4bbb-8ccc-123456789abc";

// ----- a mock transport ------------------------------------------------------------------

type Handler = dyn Fn(&ApiRequest) -> Result<RawResponse, ApiError> + Send + Sync;

/// Records every request, answers with `handler`, and yields a few times before answering so
/// that concurrent requests really overlap.
struct Mock {
    handler: Box<Handler>,
    log: Mutex<Vec<(String, ApiRequest)>>,
    in_flight: Arc<AtomicUsize>,
    max_in_flight: Arc<AtomicUsize>,
}

impl Mock {
    fn new(
        handler: impl Fn(&ApiRequest) -> Result<RawResponse, ApiError> + Send + Sync + 'static,
    ) -> Arc<Mock> {
        Arc::new(Mock {
            handler: Box::new(handler),
            log: Mutex::new(Vec::new()),
            in_flight: Arc::new(AtomicUsize::new(0)),
            max_in_flight: Arc::new(AtomicUsize::new(0)),
        })
    }

    fn urls(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .map(|(url, _)| url.clone())
            .collect()
    }
}

/// Pending `n` times (waking itself), then ready.
struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

impl Transport for Mock {
    fn send(
        &self,
        url: String,
        request: ApiRequest,
    ) -> LocalBoxFuture<'static, Result<RawResponse, ApiError>> {
        let answer = (self.handler)(&request);
        self.log.lock().unwrap().push((url, request));
        let (in_flight, max) = (self.in_flight.clone(), self.max_in_flight.clone());
        Box::pin(async move {
            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            max.fetch_max(now, Ordering::SeqCst);
            Yield(3).await;
            in_flight.fetch_sub(1, Ordering::SeqCst);
            answer
        })
    }
}

fn ok(status: u16, body: Value) -> Result<RawResponse, ApiError> {
    Ok(RawResponse {
        status,
        total_count: None,
        body: body.to_string(),
    })
}

fn client_with(mock: Arc<Mock>, token: Option<&'static str>) -> ApiClient {
    ApiClient::with_transport(
        "https://uswe.datahub.connect.aveva.com/",
        TENANT,
        Arc::new(move || token.map(String::from)),
        mock,
    )
}

fn client() -> ApiClient {
    client_with(Mock::new(|_| ok(200, json!([]))), Some("tok"))
}

fn headers(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const GET_HEADERS: &[(&str, &str)] = &[
    ("Accept-Verbosity", "verbose"),
    ("Authorization", "Bearer tok"),
];
const BODY_HEADERS: &[(&str, &str)] = &[
    ("Accept-Verbosity", "verbose"),
    ("Authorization", "Bearer tok"),
    ("Content-Type", "application/json"),
];

fn expect(method: Method, path: &str, query: &[(&str, &str)], body: Option<Value>) -> ApiRequest {
    ApiRequest {
        method,
        path: format!("{BASE}{path}"),
        query: headers(query),
        headers: headers(if body.is_some() {
            BODY_HEADERS
        } else {
            GET_HEADERS
        }),
        body,
    }
}

/// Each kind and its collection's path segment (the contract's names).
const COLLECTIONS: [(ClientKind, &str); 3] = [
    (ClientKind::ClientCredentials, "ClientCredentialClients"),
    (ClientKind::Hybrid, "HybridClients"),
    (ClientKind::AuthorizationCode, "AuthorizationCodeClients"),
];

// ----- request shapes, one per endpoint -------------------------------------------------

#[test]
fn client_list_and_count_requests() {
    let api = client();
    for (kind, segment) in COLLECTIONS {
        assert_eq!(
            api.list_clients_request(kind, 200, 100),
            expect(
                Method::Get,
                &format!("/{segment}"),
                &[("skip", "200"), ("count", "100")],
                None
            )
        );
        assert_eq!(
            api.count_clients_request(kind),
            expect(Method::Head, &format!("/{segment}"), &[], None)
        );
        assert_eq!(
            api.get_client_request(kind, "c-1"),
            expect(Method::Get, &format!("/{segment}/c-1"), &[], None)
        );
        assert_eq!(
            api.delete_client_request(kind, "c-1"),
            expect(Method::Delete, &format!("/{segment}/c-1"), &[], None)
        );
    }
    assert_eq!(
        api.list_clients_request(ClientKind::Hybrid, 0, 100)
            .url(api.base_url()),
        format!("https://uswe.datahub.connect.aveva.com{BASE}/HybridClients?skip=0&count=100")
    );
}

#[test]
fn create_client_requests() {
    let api = client();
    let at = Utc.with_ymd_and_hms(2027, 11, 26, 16, 18, 0).unwrap();
    let cc = NewClient::ClientCredentials(ClientCredentialClientCreate {
        role_ids: Some(vec!["member-role".into()]),
        name: Some("Pump station telemetry".into()),
        enabled: Some(true),
        access_token_lifetime: Some(3600),
        secret_description: Some("first".into()),
        secret_expiration_date: Some(at),
        ..Default::default()
    });
    assert_eq!(
        api.create_client_request(&cc),
        expect(
            Method::Post,
            "/ClientCredentialClients",
            &[],
            Some(json!({
                "RoleIds": ["member-role"], "Name": "Pump station telemetry", "Enabled": true,
                "AccessTokenLifetime": 3600, "SecretDescription": "first",
                "SecretExpirationDate": "2027-11-26T16:18:00Z"
            }))
        )
    );
    let hybrid = NewClient::Hybrid(HybridClientCreate {
        name: Some("Operator portal".into()),
        enabled: Some(true),
        redirect_uris: Some(vec!["https://portal.example/signin".into()]),
        allow_offline_access: Some(false),
        secret_expiration_date: None, // never expires: explicit null
        ..Default::default()
    });
    assert_eq!(
        api.create_client_request(&hybrid),
        expect(
            Method::Post,
            "/HybridClients",
            &[],
            Some(json!({
                "AllowOfflineAccess": false, "RedirectUris": ["https://portal.example/signin"],
                "Name": "Operator portal", "Enabled": true, "SecretExpirationDate": null
            }))
        )
    );
    let ac = NewClient::AuthorizationCode(AuthorizationCodeClient {
        name: Some("Dashboard SPA".into()),
        enabled: Some(true),
        redirect_uris: Some(vec!["https://dash.example/cb".into()]),
        allowed_cors_origins: Some(vec!["https://dash.example".into()]),
        ..Default::default()
    });
    assert_eq!(
        api.create_client_request(&ac),
        expect(
            Method::Post,
            "/AuthorizationCodeClients",
            &[],
            Some(json!({
                "RedirectUris": ["https://dash.example/cb"], "Name": "Dashboard SPA", "Enabled": true,
                "AllowedCorsOrigins": ["https://dash.example"]
            }))
        )
    );
}

#[test]
fn update_client_requests_send_only_changes() {
    let api = client();
    for (kind, segment) in COLLECTIONS {
        assert_eq!(
            api.update_client_request("c 1/x", &Client::enabled_patch(kind, false)),
            expect(
                Method::Put,
                &format!("/{segment}/c%201%2Fx"),
                &[],
                Some(json!({"Enabled": false}))
            )
        );
    }
    let original = Client::Hybrid(HybridClient {
        id: Some("h1".into()),
        name: Some("Old".into()),
        access_token_lifetime: Some(3600),
        ..Default::default()
    });
    let edited = Client::Hybrid(HybridClient {
        id: Some("h1".into()),
        name: Some("New".into()),
        access_token_lifetime: Some(300),
        ..Default::default()
    });
    let changes = Client::changes(&original, &edited).unwrap();
    assert_eq!(
        api.update_client_request("h1", &changes),
        expect(
            Method::Put,
            "/HybridClients/h1",
            &[],
            Some(json!({"Name": "New", "AccessTokenLifetime": 300}))
        )
    );
    let roles = Client::ClientCredentials(ClientCredentialClient {
        role_ids: Some(vec!["member".into(), "contributor".into()]),
        ..Default::default()
    });
    assert_eq!(
        api.update_client_request("c1", &roles),
        expect(
            Method::Put,
            "/ClientCredentialClients/c1",
            &[],
            Some(json!({"RoleIds": ["member", "contributor"]}))
        )
    );
}

#[test]
fn secret_requests() {
    let api = client();
    let at = Utc.with_ymd_and_hms(2027, 1, 2, 3, 4, 5).unwrap();
    for (kind, segment) in [
        (ClientKind::ClientCredentials, "ClientCredentialClients"),
        (ClientKind::Hybrid, "HybridClients"),
    ] {
        let base = format!("/{segment}/c1/Secrets");
        assert_eq!(
            api.list_secrets_request(kind, "c1"),
            expect(Method::Get, &base, &[("skip", "0"), ("count", "100")], None)
        );
        assert_eq!(
            api.get_secret_request(kind, "c1", 7),
            expect(Method::Get, &format!("{base}/7"), &[], None)
        );
        assert_eq!(
            api.create_secret_request(
                kind,
                "c1",
                &ClientSecretCreateOrUpdate::never_expires(Some("ci".into()))
            ),
            expect(
                Method::Post,
                &base,
                &[],
                Some(json!({"Expires": false, "Expiration": null, "Description": "ci"}))
            )
        );
        assert_eq!(
            api.create_secret_request(
                kind,
                "c1",
                &ClientSecretCreateOrUpdate::expires_at(at, None)
            ),
            expect(
                Method::Post,
                &base,
                &[],
                Some(json!({"Expires": true, "Expiration": "2027-01-02T03:04:05Z"}))
            )
        );
        assert_eq!(
            api.update_secret_request(
                kind,
                "c1",
                7,
                &ClientSecretCreateOrUpdate::description_only("renamed".into())
            ),
            expect(
                Method::Put,
                &format!("{base}/7"),
                &[],
                Some(json!({"Description": "renamed"}))
            )
        );
        assert_eq!(
            api.delete_secret_request(kind, "c1", 7),
            expect(Method::Delete, &format!("{base}/7"), &[], None)
        );
    }
}

#[test]
fn role_requests() {
    let api = client();
    assert_eq!(
        api.list_roles_request(0, 100),
        expect(
            Method::Get,
            "/Roles",
            &[("skip", "0"), ("count", "100")],
            None
        )
    );
    assert_eq!(
        api.get_client_roles_request("c1"),
        expect(
            Method::Get,
            "/ClientCredentialClients/c1/Roles",
            &[("skip", "0"), ("count", "100")],
            None
        )
    );
    assert_eq!(
        api.put_client_roles_request("c1", &["member".into(), "viewer".into()]),
        expect(
            Method::Put,
            "/ClientCredentialClients/c1/Roles",
            &[],
            Some(json!([{"Id": "member"}, {"Id": "viewer"}]))
        )
    );
}

#[test]
fn no_token_no_authorization_header_and_segments_are_encoded() {
    let api = client_with(Mock::new(|_| ok(200, json!([]))), None);
    let request = api.get_client_request(ClientKind::Hybrid, "a/b?c#d");
    assert_eq!(request.headers, headers(&[("Accept-Verbosity", "verbose")]));
    assert_eq!(request.path, format!("{BASE}/HybridClients/a%2Fb%3Fc%23d"));
    let api = ApiClient::with_transport(
        "",
        "tenant with space",
        Arc::new(|| Some(String::new())),
        Mock::new(|_| ok(200, json!([]))),
    );
    let request = api.count_clients_request(ClientKind::ClientCredentials);
    assert_eq!(
        request.path,
        "/api/v1/Tenants/tenant%20with%20space/ClientCredentialClients"
    );
    assert_eq!(request.header("Authorization"), None);
    assert_eq!(
        request.url(api.base_url()),
        "/api/v1/Tenants/tenant%20with%20space/ClientCredentialClients"
    );
    let debug = format!("{:?}", client());
    assert!(debug.contains(TENANT) && !debug.contains("tok"), "{debug}");
}

#[test]
fn the_client_can_live_in_a_shared_context() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    shareable::<ApiClient>();
    shareable::<ApiError>();
    shareable::<CancelToken>();
}

// ----- async fns over the mock -----------------------------------------------------------

#[test]
fn endpoints_map_success_bodies() {
    let mock = Mock::new(|request| {
        match (
            request.method,
            request.path.rsplit('/').next().unwrap_or(""),
        ) {
            (Method::Post, "HybridClients") => ok(
                201,
                json!({"Secret": "s3cr3t", "Id": 1, "ExpirationDate": null, "Client": {"Id": "h-new", "Name": "Portal", "Enabled": true}}),
            ),
            (Method::Head, _) => Ok(RawResponse {
                status: 200,
                total_count: Some("1234".into()),
                body: String::new(),
            }),
            (Method::Delete, _) => ok(204, Value::Null).map(|r| RawResponse {
                body: String::new(),
                ..r
            }),
            (Method::Put, "h1") => ok(200, json!({"Id": "h1", "Enabled": false})),
            (Method::Post, "Secrets") => ok(
                201,
                json!({"Id": 9, "Expires": false, "Secret": "value-once"}),
            ),
            (Method::Get, "Secrets") => ok(
                200,
                json!([{"Id": 1, "Expires": false}, {"Id": 2, "Expiration": "2027-01-01T00:00:00Z", "Expires": true}]),
            ),
            (Method::Put, "Roles") => ok(200, json!([{"Id": "member", "Name": "Tenant Member"}])),
            _ => ok(500, json!({})),
        }
    });
    let api = client_with(mock.clone(), Some("tok"));
    let created =
        block_on(api.create_client(&NewClient::Hybrid(HybridClientCreate::default()))).unwrap();
    assert!(matches!(created, CreatedClient::Hybrid(_)));
    assert_eq!(created.secret_value(), Some("s3cr3t"));
    assert_eq!(created.client_id(), Some("h-new"));
    assert_eq!(created.secret_expiration(), None);
    assert_eq!(block_on(api.count_clients(ClientKind::Hybrid)), Ok(1234));
    assert_eq!(
        block_on(api.delete_client(ClientKind::Hybrid, "h1")),
        Ok(())
    );
    let updated = block_on(api.set_client_enabled(ClientKind::Hybrid, "h1", false)).unwrap();
    assert_eq!(updated.enabled(), Some(false));
    let secret = block_on(api.create_secret(
        ClientKind::Hybrid,
        "h1",
        &ClientSecretCreateOrUpdate::never_expires(None),
    ))
    .unwrap();
    assert_eq!(secret.secret.as_deref(), Some("value-once"));
    let secrets = block_on(api.list_secrets(ClientKind::ClientCredentials, "c1")).unwrap();
    assert_eq!(secrets.len(), 2);
    let roles = block_on(api.put_client_roles("c1", &["member".into()])).unwrap();
    assert_eq!(roles[0].name.as_deref(), Some("Tenant Member"));
    // The enable/disable PUT carried only `Enabled`.
    let log = mock.log.lock().unwrap();
    let put = log
        .iter()
        .find(|(_, r)| r.method == Method::Put && r.path.ends_with("/h1"))
        .unwrap();
    assert_eq!(put.1.body, Some(json!({"Enabled": false})));
    assert_eq!(
        put.0,
        format!("https://uswe.datahub.connect.aveva.com{BASE}/HybridClients/h1")
    );
}

#[test]
fn endpoints_map_error_statuses() {
    let body = json!({"OperationId": "op-9", "Error": "Client identifier already exists.", "Reason": "dup", "Resolution": "Use another Id."});
    let answers = crate::api::error::tests::STATUS_CASES;
    for (status, is_expected) in answers {
        let body = body.clone();
        let api = client_with(Mock::new(move |_| ok(status, body.clone())), Some("tok"));
        let error = block_on(api.create_client(&NewClient::ClientCredentials(Default::default())))
            .unwrap_err();
        assert!(is_expected(&error), "{status}: {error:?}");
        assert_eq!(error.operation_id(), Some("op-9"));
        assert_eq!(error.resolution(), Some("Use another Id."));
        let error = block_on(api.delete_secret(ClientKind::Hybrid, "h", 1)).unwrap_err();
        assert!(is_expected(&error), "{status}: {error:?}");
    }
    let api = client_with(
        Mock::new(|_| Err(ApiError::Network("TypeError: Failed to fetch".into()))),
        Some("tok"),
    );
    let error = block_on(api.get_client(ClientKind::Hybrid, "h")).unwrap_err();
    assert_eq!(
        error,
        ApiError::Network("TypeError: Failed to fetch".into())
    );
    let api = client_with(Mock::new(|_| ok(200, json!({"Id": 5}))), Some("tok"));
    let error = block_on(api.list_secrets(ClientKind::Hybrid, "h")).unwrap_err();
    assert!(matches!(error, ApiError::Decode(_)));
}

/// A tenant of `total` client credential clients named `client-00000`…, served in pages.
fn paged_tenant(total: usize) -> Arc<Mock> {
    Mock::new(move |request| {
        let param = |name: &str| {
            request
                .query
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<usize>().ok())
                .unwrap_or(0)
        };
        let (skip, count) = (param("skip"), param("count"));
        let items: Vec<Value> = (skip..total.min(skip + count))
            .map(|i| json!({"Id": format!("client-{i:05}"), "Name": format!("Client {i}"), "Enabled": i % 3 != 0}))
            .collect();
        Ok(RawResponse {
            status: 200,
            total_count: Some(total.to_string()),
            body: Value::Array(items).to_string(),
        })
    })
}

#[test]
fn load_all_fetches_every_page_in_order_with_at_most_four_in_flight() {
    let mock = paged_tenant(12_345);
    let api = client_with(mock.clone(), Some("tok"));
    let calls = Mutex::new(Vec::new());
    let page = block_on(api.load_all(
        ClientKind::ClientCredentials,
        |loaded, total| calls.lock().unwrap().push((loaded, total)),
        &CancelToken::new(),
    ))
    .unwrap();
    assert_eq!(page.items.len(), 12_345);
    assert_eq!(page.total, Some(12_345));
    let ids: Vec<&str> = page.items.iter().filter_map(Client::id).collect();
    let expected: Vec<String> = (0..12_345).map(|i| format!("client-{i:05}")).collect();
    assert_eq!(ids, expected);
    // 13 pages of 1000: one call per page, the count climbing to the total.
    let calls = calls.into_inner().unwrap();
    assert_eq!(calls.len(), 13);
    assert_eq!(calls.first(), Some(&(1000, 12_345)));
    assert_eq!(calls.last(), Some(&(12_345, 12_345)));
    assert!(calls
        .windows(2)
        .all(|w| w[0].0 < w[1].0 && w[1].1 == 12_345));
    assert_eq!(mock.urls().len(), 13);
    assert!(mock.urls()[0].ends_with("/ClientCredentialClients?skip=0&count=1000"));
    let max = mock.max_in_flight.load(Ordering::SeqCst);
    assert!(max <= MAX_IN_FLIGHT, "{max} requests in flight");
    assert_eq!(max, MAX_IN_FLIGHT, "pages after the first should overlap");
}

#[test]
fn load_all_of_a_small_or_empty_tenant_is_one_request() {
    for total in [0, 1, 100] {
        let mock = paged_tenant(total);
        let api = client_with(mock.clone(), Some("tok"));
        let page =
            block_on(api.load_all(ClientKind::Hybrid, |_, _| {}, &CancelToken::new())).unwrap();
        assert_eq!(page.items.len(), total);
        assert_eq!(mock.urls().len(), 1);
    }
}

#[test]
fn load_all_stops_issuing_requests_when_cancelled() {
    let mock = paged_tenant(5000);
    let api = client_with(mock.clone(), Some("tok"));
    let cancel = CancelToken::new();
    let result = block_on(api.load_all(
        ClientKind::AuthorizationCode,
        |loaded, _| {
            if loaded >= 300 {
                cancel.cancel();
            }
        },
        &cancel,
    ));
    assert_eq!(result, Err(ApiError::Cancelled));
    let issued = mock.urls().len();
    assert!(
        issued < 10,
        "{issued} requests issued after cancelling at 300 of 5000"
    );

    let mock = paged_tenant(5000);
    let api = client_with(mock.clone(), Some("tok"));
    let cancelled = CancelToken::new();
    cancelled.cancel();
    assert_eq!(
        block_on(api.load_all(ClientKind::Hybrid, |_, _| {}, &cancelled)),
        Err(ApiError::Cancelled)
    );
    assert!(mock.urls().is_empty());
}

#[test]
fn load_all_fails_on_the_first_failing_page() {
    let inner = paged_tenant(5000);
    let mock = Mock::new(move |request| {
        if request
            .query
            .iter()
            .any(|(k, v)| k == "skip" && v == "2000")
        {
            ok(
                503,
                json!({"OperationId": "op-503", "Error": "Unavailable"}),
            )
        } else {
            (inner.handler)(request)
        }
    });
    let api = client_with(mock, Some("tok"));
    let error = block_on(api.load_all(
        ClientKind::ClientCredentials,
        |_, _| {},
        &CancelToken::new(),
    ))
    .unwrap_err();
    assert!(matches!(error, ApiError::Server { status: 503, .. }));
    assert_eq!(error.operation_id(), Some("op-503"));
}

#[test]
fn load_all_collects_207_child_errors_and_pages_without_total_count() {
    let mock = Mock::new(|_| {
        ok(
            207,
            json!({"Data": [{"Id": "a"}], "ChildErrors": [{"StatusCode": 404, "ModelId": "gone", "EventId": "e"}]}),
        )
    });
    let api = client_with(mock, Some("tok"));
    let page = block_on(api.load_all(
        ClientKind::ClientCredentials,
        |_, _| {},
        &CancelToken::new(),
    ))
    .unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(page.is_partial());
    assert_eq!(page.child_errors[0].model_id.as_deref(), Some("gone"));

    // No Total-Count: pages one by one until a short page.
    let inner = paged_tenant(2500);
    let mock = Mock::new(move |request| {
        (inner.handler)(request).map(|r| RawResponse {
            total_count: None,
            ..r
        })
    });
    let api = client_with(mock.clone(), Some("tok"));
    let page = block_on(api.load_all(ClientKind::Hybrid, |_, _| {}, &CancelToken::new())).unwrap();
    assert_eq!(page.items.len(), 2500);
    assert_eq!(mock.urls().len(), 3);
}

#[test]
fn list_roles_pages_until_a_short_page() {
    let mock = Mock::new(|request| {
        let skip = request
            .query
            .iter()
            .find(|(k, _)| k == "skip")
            .map(|(_, v)| v.as_str())
            .unwrap_or("0");
        let n = if skip == "0" { 100 } else { 7 };
        ok(
            200,
            Value::Array(
                (0..n)
                    .map(|i| json!({"Id": format!("{skip}-{i}")}))
                    .collect(),
            ),
        )
    });
    let api = client_with(mock.clone(), Some("tok"));
    let roles = block_on(api.list_roles()).unwrap();
    assert_eq!(roles.len(), 107);
    assert_eq!(mock.urls().len(), 2);
    assert!(mock.urls()[1].ends_with("/Roles?skip=100&count=100"));
}

#[test]
fn the_status_observer_hears_every_call_including_roles_and_secrets() {
    let mock = Mock::new(|request| {
        if request.path.ends_with("/Roles") {
            ok(401, json!({"Error": "expired"}))
        } else {
            ok(403, json!({"Error": "no"}))
        }
    });
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = heard.clone();
    let api =
        client_with(mock, Some("t")).observing(move |status| sink.lock().unwrap().push(status));
    assert!(block_on(api.list_secrets(ClientKind::Hybrid, "h1")).is_err());
    assert!(block_on(api.list_roles()).is_err());
    assert!(block_on(api.get_client(ClientKind::ClientCredentials, "c1")).is_err());
    assert_eq!(*heard.lock().unwrap(), vec![403, 401, 403]);
}

/// A tenant whose client-credentials list holds `cc` and hybrid list holds `hybrid` (ids),
/// answering the Secrets `HEAD` with `head_status`.
fn rights_tenant(
    cc: &'static [&'static str],
    hybrid: &'static [&'static str],
    head_status: u16,
) -> Arc<Mock> {
    Mock::new(move |request| {
        let ids = |ids: &[&str]| json!(ids.iter().map(|id| json!({"Id": id})).collect::<Vec<_>>());
        match (request.method, request.path.as_str()) {
            (Method::Get, p) if p.ends_with("/ClientCredentialClients") => ok(200, ids(cc)),
            (Method::Get, p) if p.ends_with("/HybridClients") => ok(200, ids(hybrid)),
            (Method::Head, p) if p.ends_with("/Secrets") => Ok(RawResponse {
                status: head_status,
                ..Default::default()
            }),
            _ => ok(500, json!({})),
        }
    })
}

#[test]
fn the_rights_check_heads_the_first_clients_secrets_and_changes_nothing() {
    let mock = rights_tenant(&["c1", "c2"], &["h1"], 200);
    assert_eq!(
        block_on(client_with(mock.clone(), Some("t")).may_change_clients()),
        Some(true)
    );
    let log = mock.log.lock().unwrap();
    let calls: Vec<(Method, String)> = log.iter().map(|(_, r)| (r.method, r.url(""))).collect();
    assert_eq!(
        calls,
        [
            (
                Method::Get,
                format!("{BASE}/ClientCredentialClients?skip=0&count=1")
            ),
            (
                Method::Head,
                format!("{BASE}/ClientCredentialClients/c1/Secrets")
            ),
        ]
    );
    drop(log);
    let member = rights_tenant(&["c1"], &[], 403);
    assert_eq!(
        block_on(client_with(member, Some("t")).may_change_clients()),
        Some(false)
    );
}

#[test]
fn the_rights_check_uses_a_hybrid_client_or_an_unknown_id_in_an_empty_tenant() {
    let mock = rights_tenant(&[], &["h1"], 403);
    assert_eq!(
        block_on(client_with(mock.clone(), Some("t")).may_change_clients()),
        Some(false)
    );
    assert!(mock
        .urls()
        .last()
        .unwrap()
        .ends_with("/HybridClients/h1/Secrets"));
    let empty = rights_tenant(&[], &[], 404);
    assert_eq!(
        block_on(client_with(empty.clone(), Some("t")).may_change_clients()),
        Some(true)
    );
    assert!(empty
        .urls()
        .last()
        .unwrap()
        .ends_with("/ClientCredentialClients/00000000-0000-0000-0000-000000000000/Secrets"));
    let down = rights_tenant(&["c1"], &[], 503);
    assert_eq!(
        block_on(client_with(down, Some("t")).may_change_clients()),
        None
    );
}
