//! `--identity-listen`: the identity server on a listener of its own. The app listener is
//! `127.0.0.1:8080` here, the identity listener `127.0.0.1:9090`: discovery names the
//! identity origin, redirect URIs must be on the app's origin, and discovery, token and
//! userinfo answer CORS requests from it.

use axum::{
    http::{Method, StatusCode},
    Router,
};
use dev_api::{
    oidc::{loopback_origins, pkce_challenge, IdentityApart, OidcSettings},
    AppState, Config,
};

use crate::support::*;

const IDENTITY: &str = "127.0.0.1:9090";
const APP_ORIGIN: &str = "http://127.0.0.1:8080";
const REDIRECT: &str = "http://127.0.0.1:8080/auth/callback";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn enc(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The app router and the identity router of one dev-api with the identity server apart.
fn apart(allow_origins: &[&str], static_dir: Option<std::path::PathBuf>) -> (Router, Router) {
    let state = AppState::new(Config {
        sign_in: OidcSettings {
            apart: Some(IdentityApart {
                app_origins: loopback_origins("127.0.0.1:8080".parse().unwrap()),
                identity_origins: loopback_origins(IDENTITY.parse().unwrap()),
            }),
            ..Default::default()
        },
        allow_origins: allow_origins.iter().map(|o| o.to_string()).collect(),
        static_dir,
        ..Default::default()
    })
    .expect("state");
    (
        dev_api::router_with_state(state.clone()),
        dev_api::identity_router(&state),
    )
}

fn authorize_query(redirect: &str) -> String {
    format!(
        "response_type=code&client_id=clients-console&redirect_uri={}&scope=openid%20profile&state=st4te&nonce=n0nce\
         &code_challenge={}&code_challenge_method=S256",
        enc(redirect),
        pkce_challenge(VERIFIER)
    )
}

async fn authorize(identity: &Router, redirect: &str) -> Resp {
    call(
        Method::GET,
        format!("/connect/authorize?{}", authorize_query(redirect)),
    )
    .header("host", IDENTITY)
    .send(identity)
    .await
}

#[test]
fn the_app_origins_are_the_loopback_names_of_the_listener() {
    assert_eq!(
        loopback_origins("127.0.0.1:8080".parse().unwrap()),
        ["http://127.0.0.1:8080", "http://localhost:8080"]
    );
    assert_eq!(
        loopback_origins("0.0.0.0:81".parse().unwrap()),
        ["http://127.0.0.1:81", "http://localhost:81"]
    );
    assert_eq!(
        loopback_origins("192.0.2.7:80".parse().unwrap()),
        ["http://192.0.2.7:80"]
    );
}

#[tokio::test]
async fn discovery_names_the_identity_origin_and_the_app_listener_does_not_serve_it() {
    let (app, identity) = apart(&[], None);
    let doc = call(Method::GET, "/.well-known/openid-configuration")
        .header("host", IDENTITY)
        .send(&identity)
        .await;
    assert_eq!(doc.status, StatusCode::OK);
    let doc = doc.json();
    assert_eq!(doc["issuer"], "http://127.0.0.1:9090");
    for (key, path) in [
        ("authorization_endpoint", "authorize"),
        ("token_endpoint", "token"),
        ("userinfo_endpoint", "userinfo"),
        ("end_session_endpoint", "endsession"),
    ] {
        assert_eq!(doc[key], format!("http://127.0.0.1:9090/connect/{path}"));
    }
    for path in [
        "/.well-known/openid-configuration",
        "/connect/authorize",
        "/connect/userinfo",
    ] {
        let resp = call(Method::GET, path)
            .header("host", "127.0.0.1:8080")
            .send(&app)
            .await;
        assert_eq!(resp.status, StatusCode::NOT_FOUND, "{path} on the app");
    }
    let token = call(Method::POST, "/connect/token")
        .form("grant_type=authorization_code")
        .send(&app)
        .await;
    assert_eq!(token.status, StatusCode::NOT_FOUND);
    // The API stays on the app listener only.
    assert_eq!(get(&app, &url(CC), MEMBER).await.status, StatusCode::OK);
    assert_eq!(
        get(&identity, &url(CC), MEMBER).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn cors_for_the_app_on_discovery_token_and_userinfo() {
    let (_, identity) = apart(&["https://console.example.com/"], None);
    for (path, method, headers) in [
        ("/connect/token", "POST", "content-type"),
        ("/connect/userinfo", "GET", "authorization"),
        ("/.well-known/openid-configuration", "GET", ""),
    ] {
        for origin in [
            APP_ORIGIN,
            "http://localhost:8080",
            "https://console.example.com",
        ] {
            let preflight = call(Method::OPTIONS, path)
                .header("host", IDENTITY)
                .header("origin", origin)
                .header("access-control-request-method", method)
                .header("access-control-request-headers", headers)
                .send(&identity)
                .await;
            assert_eq!(preflight.status, StatusCode::NO_CONTENT, "{path} {origin}");
            assert_eq!(
                preflight.header("access-control-allow-origin").as_deref(),
                Some(origin)
            );
            let methods = preflight.header("access-control-allow-methods").unwrap();
            assert!(
                methods.contains("GET") && methods.contains("POST"),
                "{methods}"
            );
            let allowed = preflight
                .header("access-control-allow-headers")
                .unwrap()
                .to_ascii_lowercase();
            assert!(
                allowed.contains("authorization") && allowed.contains("content-type"),
                "{allowed}"
            );
            assert!(preflight
                .header("vary")
                .is_some_and(|v| v.contains("Origin")));
        }
        let foreign = call(Method::OPTIONS, path)
            .header("host", IDENTITY)
            .header("origin", "https://evil.example")
            .header("access-control-request-method", method)
            .send(&identity)
            .await;
        assert_ne!(foreign.status, StatusCode::NO_CONTENT);
        assert!(foreign.header("access-control-allow-origin").is_none());
    }
    let doc = call(Method::GET, "/.well-known/openid-configuration")
        .header("host", IDENTITY)
        .header("origin", APP_ORIGIN)
        .send(&identity)
        .await;
    assert_eq!(doc.status, StatusCode::OK);
    assert_eq!(
        doc.header("access-control-allow-origin").as_deref(),
        Some(APP_ORIGIN)
    );
    let foreign = call(Method::GET, "/.well-known/openid-configuration")
        .header("host", IDENTITY)
        .header("origin", "https://evil.example")
        .send(&identity)
        .await;
    assert!(foreign.header("access-control-allow-origin").is_none());
    // A 401 of userinfo is readable by the app, its WWW-Authenticate too.
    let denied = call(Method::GET, "/connect/userinfo")
        .header("host", IDENTITY)
        .header("origin", APP_ORIGIN)
        .send(&identity)
        .await;
    assert_eq!(denied.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        denied.header("access-control-allow-origin").as_deref(),
        Some(APP_ORIGIN)
    );
    assert!(denied
        .header("access-control-expose-headers")
        .is_some_and(|h| h.contains("WWW-Authenticate")));
    // Navigations need no CORS.
    let page = call(
        Method::GET,
        format!("/connect/authorize?{}", authorize_query(REDIRECT)),
    )
    .header("host", IDENTITY)
    .header("origin", APP_ORIGIN)
    .send(&identity)
    .await;
    assert!(page.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn sign_in_across_origins_redirects_to_the_app_and_its_token_works_there() {
    let (app, identity) = apart(&[], None);
    assert_eq!(authorize(&identity, REDIRECT).await.status, StatusCode::OK);
    assert_eq!(
        authorize(&identity, "http://localhost:8080/admin/auth/callback")
            .await
            .status,
        StatusCode::OK
    );
    for foreign in [
        "https://evil.example/auth/callback",
        "http://127.0.0.1:9090/auth/callback",
        "http://127.0.0.1:8081/auth/callback",
        "https://127.0.0.1:8080/auth/callback",
    ] {
        let refused = authorize(&identity, foreign).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{foreign}");
        assert!(refused.header("location").is_none());
        assert!(refused.text().contains("app"), "{}", refused.text());
    }

    let chosen = call(Method::POST, "/connect/authorize")
        .header("host", IDENTITY)
        .form(&format!("{}&login=ada", authorize_query(REDIRECT)))
        .send(&identity)
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.text());
    let location = chosen.header("location").unwrap();
    assert!(
        location.starts_with(&format!("{REDIRECT}?code=")),
        "{location}"
    );
    let code = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    let exchanged = call(Method::POST, "/connect/token")
        .header("host", IDENTITY)
        .header("origin", APP_ORIGIN)
        .form(&format!(
            "grant_type=authorization_code&code={code}&redirect_uri={}&client_id=clients-console&code_verifier={VERIFIER}",
            enc(REDIRECT)
        ))
        .send(&identity)
        .await;
    assert_eq!(exchanged.status, StatusCode::OK, "{}", exchanged.text());
    assert_eq!(
        exchanged.header("access-control-allow-origin").as_deref(),
        Some(APP_ORIGIN)
    );
    let token = exchanged.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        get(&app, &url(&format!("{CC}/{PUMP}/Secrets")), Some(&token))
            .await
            .status,
        StatusCode::OK,
        "the app listener's API accepts the identity listener's token"
    );
    let info = call(Method::GET, "/connect/userinfo")
        .header("host", IDENTITY)
        .header("origin", APP_ORIGIN)
        .token(Some(&token))
        .send(&identity)
        .await;
    assert_eq!(info.status, StatusCode::OK);
    assert_eq!(info.json()["name"], "Ada Lovelace");
    assert_eq!(
        info.header("access-control-allow-origin").as_deref(),
        Some(APP_ORIGIN)
    );
}

#[tokio::test]
async fn an_allowed_origin_may_be_redirected_to_as_well() {
    let (_, identity) = apart(&["http://127.0.0.1:3000"], None);
    assert_eq!(
        authorize(&identity, "http://127.0.0.1:3000/auth/callback")
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn post_logout_redirects_go_to_the_app_origin_only() {
    let (_, identity) = apart(&[], None);
    let end = |target: &str| {
        call(
            Method::GET,
            format!(
                "/connect/endsession?post_logout_redirect_uri={}",
                enc(target)
            ),
        )
        .header("host", IDENTITY)
    };
    let back = end("http://localhost:8080/admin/").send(&identity).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert_eq!(
        back.header("location").as_deref(),
        Some("http://localhost:8080/admin/")
    );
    for bad in [
        "http://127.0.0.1:9090/",
        "https://evil.example/",
        "http://127.0.0.1:8080/\r\nx",
    ] {
        let resp = end(bad).send(&identity).await;
        assert_eq!(resp.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert!(resp.header("location").is_none());
    }
}

#[tokio::test]
async fn the_app_may_connect_to_the_identity_origin() {
    let dir = std::env::temp_dir().join(format!("dev-api-test-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<html>app</html>").unwrap();
    let (app, _) = apart(&[], Some(dir.clone()));
    let page = get(&app, "/", None).await;
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(
        csp.contains("connect-src 'self' http://127.0.0.1:9090 http://localhost:9090;"),
        "{csp}"
    );
    // Without --identity-listen the policy is the one documented.
    let same = app_with(Config {
        static_dir: Some(dir.clone()),
        ..Default::default()
    });
    assert_eq!(
        get(&same, "/", None)
            .await
            .header("content-security-policy")
            .as_deref(),
        Some(dev_api::static_files::CONTENT_SECURITY_POLICY)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
