//! dev-api benchmarks: how fast a 50 000-client tenant is ready, and how fast it serves a
//! 100-item page from the middle of the list.
//!
//! Run with `cargo bench -p dev-api --profile tool` (or plain `cargo bench -p dev-api`).
//! Targets (issue 3): ready in under 2 s, a page in under 10 ms.

use std::time::{Duration, Instant};

use axum::{body::Body, http::Request};
use dev_api::{Config, SeedOptions, DEFAULT_TENANT_ID};
use http_body_util::BodyExt;
use tower::ServiceExt;

const REQUESTS: usize = 200;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let started = Instant::now();
    let state = dev_api::AppState::new(Config {
        seed: SeedOptions {
            demo: true,
            generated: 50_000,
        },
        ..Default::default()
    })
    .expect("state");
    let app = dev_api::router_with_state(state.clone());
    let ready = started.elapsed();
    assert_eq!(state.total_clients(), 50_000);
    println!(
        "dev-api: 50000-client tenant ready in {:.2} s",
        ready.as_secs_f64()
    );

    let total_cc = 40_000 + 8;
    let path = format!(
        "/api/v1/Tenants/{DEFAULT_TENANT_ID}/ClientCredentialClients?skip={}&count=100",
        total_cc / 2
    );
    let mut times: Vec<Duration> = Vec::with_capacity(REQUESTS);
    for _ in 0..REQUESTS {
        let request = Request::get(&path)
            .header("authorization", "Bearer member")
            .body(Body::empty())
            .expect("request");
        let t = Instant::now();
        let response = app.clone().oneshot(request).await.expect("response");
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        times.push(t.elapsed());
        assert!(body.len() > 1000);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[REQUESTS / 2];
    let p95 = times[REQUESTS * 95 / 100];
    println!(
        "dev-api: GET 100-item page median {:.2} ms, p95 {:.2} ms ({REQUESTS} requests)",
        ms(median),
        ms(p95)
    );
    if ready > Duration::from_secs(2) || p95 > Duration::from_millis(10) {
        println!("dev-api: WARNING: above the targets (ready < 2 s, page < 10 ms)");
    }
}
