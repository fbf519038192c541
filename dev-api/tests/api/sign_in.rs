//! The development identity server: discovery, the authorize page, the code exchange with
//! PKCE, and tokens the API accepts.

use axum::http::{Method, StatusCode};
use dev_api::oidc::pkce_challenge;

use crate::support::*;

const REDIRECT: &str = "http://127.0.0.1:8080/auth/callback";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn enc(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn authorize_query(client_id: &str, challenge: &str) -> String {
    format!(
        "response_type=code&client_id={client_id}&redirect_uri={}&scope=openid%20profile&state=st4te&nonce=n0nce\
         &code_challenge={challenge}&code_challenge_method=S256",
        enc(REDIRECT)
    )
}

/// Picks `login` on the sign-in page; returns the code from the redirect.
async fn sign_in_as(app: &axum::Router, login: &str) -> String {
    let body = format!(
        "{}&login={login}",
        authorize_query("clients-console", &pkce_challenge(VERIFIER))
    );
    let resp = call(Method::POST, "/connect/authorize")
        .header("host", "127.0.0.1:8080")
        .form(&body)
        .send(app)
        .await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER, "{}", resp.text());
    let location = resp.header("location").expect("a redirect");
    assert!(
        location.starts_with(&format!("{REDIRECT}?code=")),
        "{location}"
    );
    assert!(
        location.ends_with("&state=st4te"),
        "the state comes back: {location}"
    );
    let url = url::Url::parse(&location).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned()
}

async fn exchange(app: &axum::Router, code: &str, verifier: &str) -> Resp {
    let body = format!(
        "grant_type=authorization_code&code={code}&redirect_uri={}&client_id=clients-console&code_verifier={verifier}",
        enc(REDIRECT)
    );
    call(Method::POST, "/connect/token")
        .header("host", "127.0.0.1:8080")
        .form(&body)
        .send(app)
        .await
}

fn claims(jwt: &str) -> serde_json::Value {
    use base64::Engine;
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn discovery_names_the_endpoints_on_the_host_the_browser_used() {
    let app = app();
    let resp = call(Method::GET, "/.well-known/openid-configuration")
        .header("host", "127.0.0.1:9000")
        .send(&app)
        .await;
    assert_eq!(resp.status, StatusCode::OK);
    let doc = resp.json();
    assert_eq!(doc["issuer"], "http://127.0.0.1:9000");
    assert_eq!(
        doc["authorization_endpoint"],
        "http://127.0.0.1:9000/connect/authorize"
    );
    assert_eq!(doc["token_endpoint"], "http://127.0.0.1:9000/connect/token");
    assert_eq!(
        doc["end_session_endpoint"],
        "http://127.0.0.1:9000/connect/endsession"
    );
    assert_eq!(
        doc["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
}

#[tokio::test]
async fn behind_a_development_proxy_the_issuer_is_the_browsers_host() {
    let app = app();
    let resp = call(Method::GET, "/.well-known/openid-configuration")
        .header("host", "127.0.0.1")
        .header("x-forwarded-host", "127.0.0.1:8080")
        .send(&app)
        .await;
    assert_eq!(
        resp.json()["token_endpoint"],
        "http://127.0.0.1:8080/connect/token"
    );
}

#[tokio::test]
async fn the_sign_in_page_offers_the_demo_users_and_refuses_bad_requests() {
    let app = app();
    let page = call(
        Method::GET,
        format!(
            "/connect/authorize?{}",
            authorize_query("clients-console", &pkce_challenge(VERIFIER))
        ),
    )
    .header("host", "127.0.0.1:8080")
    .send(&app)
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("Ada Lovelace") && html.contains("Tenant Administrator"),
        "{html}"
    );
    assert!(html.contains("Max Planck") && html.contains("Tenant Member"));
    assert!(html.contains(r#"name="state" value="st4te""#));

    let unknown = call(
        Method::GET,
        format!(
            "/connect/authorize?{}",
            authorize_query("someone-else", &pkce_challenge(VERIFIER))
        ),
    )
    .header("host", "127.0.0.1:8080")
    .send(&app)
    .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.text().contains("Unknown client_id"));

    let no_pkce = call(
        Method::GET,
        format!(
            "/connect/authorize?{}",
            authorize_query("clients-console", "").replace("&code_challenge_method=S256", "")
        ),
    )
    .header("host", "127.0.0.1:8080")
    .send(&app)
    .await;
    assert_eq!(no_pkce.status, StatusCode::BAD_REQUEST);
    assert!(no_pkce.text().contains("PKCE is required"));

    let elsewhere = call(
        Method::GET,
        format!(
            "/connect/authorize?{}",
            authorize_query("clients-console", &pkce_challenge(VERIFIER))
                .replace(&enc(REDIRECT), &enc("https://evil.example/cb"))
        ),
    )
    .header("host", "127.0.0.1:8080")
    .send(&app)
    .await;
    assert_eq!(
        elsewhere.status,
        StatusCode::BAD_REQUEST,
        "no code goes to another site"
    );
}

#[tokio::test]
async fn a_code_exchanged_with_the_right_verifier_gives_a_token_the_api_accepts() {
    let app = app();
    let code = sign_in_as(&app, "ada").await;
    let resp = exchange(&app, &code, VERIFIER).await;
    assert_eq!(resp.status, StatusCode::OK, "{}", resp.text());
    let body = resp.json();
    let token = body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    let access = claims(&token);
    assert_eq!(access["name"], "Ada Lovelace");
    assert!(access["role"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "Tenant Administrator"));
    assert_eq!(claims(body["id_token"].as_str().unwrap())["nonce"], "n0nce");

    let list = get(&app, &url("ClientCredentialClients?count=1"), Some(&token)).await;
    assert_eq!(list.status, StatusCode::OK);
    let secrets = get(
        &app,
        &url(&format!("ClientCredentialClients/{PUMP}/Secrets")),
        Some(&token),
    )
    .await;
    assert_eq!(
        secrets.status,
        StatusCode::OK,
        "the administrator may read secrets"
    );

    // A code is single-use.
    let again = exchange(&app, &code, VERIFIER).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn a_member_token_reads_but_cannot_see_secrets() {
    let app = app();
    let code = sign_in_as(&app, "max").await;
    let token = exchange(&app, &code, VERIFIER).await.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        get(&app, &url("HybridClients"), Some(&token)).await.status,
        StatusCode::OK
    );
    let secrets = get(
        &app,
        &url(&format!("ClientCredentialClients/{PUMP}/Secrets")),
        Some(&token),
    )
    .await;
    expect_error(&secrets, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_wrong_verifier_or_redirect_gets_no_token() {
    let app = app();
    let code = sign_in_as(&app, "ada").await;
    let wrong = exchange(
        &app,
        &code,
        "not-the-verifier-not-the-verifier-not-the-verifier",
    )
    .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.json()["error"], "invalid_grant");
    assert!(wrong.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("PKCE"));
    // The failed attempt used the code up.
    assert_eq!(
        exchange(&app, &code, VERIFIER).await.status,
        StatusCode::BAD_REQUEST
    );

    let code = sign_in_as(&app, "ada").await;
    let body = format!(
        "grant_type=authorization_code&code={code}&redirect_uri={}&client_id=clients-console&code_verifier={VERIFIER}",
        enc("http://127.0.0.1:8080/elsewhere")
    );
    let resp = call(Method::POST, "/connect/token")
        .form(&body)
        .send(&app)
        .await;
    assert_eq!(resp.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn end_session_returns_to_this_site_only() {
    let app = app();
    let back = call(
        Method::GET,
        format!(
            "/connect/endsession?post_logout_redirect_uri={}",
            enc("http://127.0.0.1:8080/")
        ),
    )
    .header("host", "127.0.0.1:8080")
    .send(&app)
    .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert_eq!(
        back.header("location").as_deref(),
        Some("http://127.0.0.1:8080/")
    );
    let away = call(
        Method::GET,
        format!(
            "/connect/endsession?post_logout_redirect_uri={}",
            enc("https://evil.example/")
        ),
    )
    .header("host", "127.0.0.1:8080")
    .send(&app)
    .await;
    assert_eq!(away.status, StatusCode::OK);
    assert!(away.text().contains("signed out"));
}
