//! The built app: SPA fallback, content types, caching, the CSP, and sub-path hosting.

use axum::http::{Method, StatusCode};
use dev_api::Config;

use crate::support::*;

fn dist() -> std::path::PathBuf {
    // Under target/, not /tmp: nothing is left behind on the machine.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("dev-api-dist");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(
        dir.join("clients-console-0123456789abcdef_bg.wasm"),
        b"\0asm",
    )
    .unwrap();
    dir
}

#[tokio::test]
async fn deep_links_get_index_html_under_the_csp_and_wasm_its_type() {
    let app = app_with(Config {
        static_dir: Some(dist()),
        ..Config::default()
    });
    let page = call(Method::GET, "/security/clients?type=hybrid")
        .send(&app)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text(), "<!doctype html><title>app</title>");
    assert_eq!(page.header("cache-control").as_deref(), Some("no-cache"));
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    // The headers the README asks a CDN to add.
    assert_eq!(
        page.header("referrer-policy").as_deref(),
        Some("no-referrer")
    );
    assert_eq!(
        page.header("cross-origin-opener-policy").as_deref(),
        Some("same-origin-allow-popups")
    );
    assert_eq!(
        page.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    let wasm = call(Method::GET, "/clients-console-0123456789abcdef_bg.wasm")
        .send(&app)
        .await;
    assert_eq!(
        wasm.header("content-type").as_deref(),
        Some("application/wasm")
    );
    assert_eq!(
        wasm.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
}

#[tokio::test]
async fn a_sub_path_build_is_served_under_its_base_and_the_api_stays_at_the_root() {
    let app = app_with(Config {
        static_dir: Some(dist()),
        base_path: "/admin/".into(),
        ..Config::default()
    });
    let deep = call(Method::GET, "/admin/security/clients?sel=x")
        .send(&app)
        .await;
    assert_eq!(deep.status, StatusCode::OK);
    assert_eq!(deep.text(), "<!doctype html><title>app</title>");
    let wasm = call(
        Method::GET,
        "/admin/clients-console-0123456789abcdef_bg.wasm",
    )
    .send(&app)
    .await;
    assert_eq!(
        wasm.header("content-type").as_deref(),
        Some("application/wasm")
    );
    let bare = call(Method::GET, "/admin").send(&app).await;
    assert_eq!(bare.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        call(Method::GET, "/security/clients")
            .send(&app)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &url("HybridClients"), Some("admin")).await.status,
        StatusCode::OK
    );
}
