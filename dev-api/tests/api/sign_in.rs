//! The development identity server: discovery, the authorize page, the sign-in session
//! cookie, the code exchange with PKCE, tokens the API accepts (JWT or opaque), userinfo and
//! end-session.

use axum::http::{Method, StatusCode};
use dev_api::{
    oidc::{pkce_challenge, OidcSettings},
    Config,
};

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
    sign_in_with_session(app, login).await.0
}

/// Picks `login` on the sign-in page; returns the code and the session cookie (`name=value`).
async fn sign_in_with_session(app: &axum::Router, login: &str) -> (String, String) {
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
    let set_cookie = resp.header("set-cookie").expect("a session cookie");
    let cookie = set_cookie.split(';').next().unwrap().trim().to_owned();
    (code_of(&resp), cookie)
}

/// The code of a redirect back to the app (checking the state came back too).
#[track_caller]
fn code_of(resp: &Resp) -> String {
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
    query_value(&location, "code").expect("a code")
}

fn query_value(location: &str, name: &str) -> Option<String> {
    let url = url::Url::parse(location).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// GET /connect/authorize with `extra` parameters and headers.
async fn authorize(app: &axum::Router, extra: &str, headers: &[(&str, &str)]) -> Resp {
    let mut request = call(
        Method::GET,
        format!(
            "/connect/authorize?{}{extra}",
            authorize_query("clients-console", &pkce_challenge(VERIFIER))
        ),
    )
    .header("host", "127.0.0.1:8080");
    for (name, value) in headers {
        request = request.header(name, value);
    }
    request.send(app).await
}

fn is_chooser(resp: &Resp) -> bool {
    resp.status == StatusCode::OK && resp.text().contains(r#"name="login" value="ada""#)
}

fn app_signing_in(settings: OidcSettings) -> axum::Router {
    app_with(Config {
        sign_in: settings,
        ..Default::default()
    })
}

/// Signs in as `login` and exchanges the code: the token response.
async fn tokens_for(app: &axum::Router, login: &str) -> serde_json::Value {
    let code = sign_in_as(app, login).await;
    let resp = exchange(app, &code, VERIFIER).await;
    assert_eq!(resp.status, StatusCode::OK, "{}", resp.text());
    resp.json()
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
        doc["userinfo_endpoint"],
        "http://127.0.0.1:9000/connect/userinfo"
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
    assert_eq!(away.status, StatusCode::BAD_REQUEST);
    assert!(away.text().contains("signed out"));
}

#[tokio::test]
async fn the_session_cookie_skips_the_chooser_until_prompt_login_or_end_session() {
    let app = app();
    // The cookie the sign-in sets.
    let body = format!(
        "{}&login=max",
        authorize_query("clients-console", &pkce_challenge(VERIFIER))
    );
    let chosen = call(Method::POST, "/connect/authorize")
        .header("host", "127.0.0.1:8080")
        .form(&body)
        .send(&app)
        .await;
    let set_cookie = chosen.header("set-cookie").expect("a session cookie");
    assert!(set_cookie.starts_with("dev_api_session="), "{set_cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{attribute}: {set_cookie}");
    }
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    assert!(
        cookie.len() > "dev_api_session=".len() + 30,
        "random: {cookie}"
    );

    // A later authorize request goes straight back with a code, for the same user.
    let again = authorize(&app, "", &[("cookie", &cookie)]).await;
    let code = code_of(&again);
    assert!(again.header("set-cookie").is_none());
    let token = exchange(&app, &code, VERIFIER).await.json();
    assert_eq!(
        claims(token["id_token"].as_str().unwrap())["sub"],
        "max",
        "the remembered user"
    );
    // Other cookies beside it do not matter.
    let mixed = format!("theme=dark; {cookie}; other=1");
    code_of(&authorize(&app, "", &[("cookie", &mixed)]).await);

    // prompt=login shows the chooser anyway.
    let login = authorize(&app, "&prompt=login", &[("cookie", &cookie)]).await;
    assert!(is_chooser(&login), "{}", login.text());
    // An unknown session is no session.
    let unknown = authorize(&app, "", &[("cookie", "dev_api_session=forged")]).await;
    assert!(is_chooser(&unknown));
    // A request that fails the checks is refused even with a session.
    let foreign = call(
        Method::GET,
        format!(
            "/connect/authorize?{}",
            authorize_query("someone-else", &pkce_challenge(VERIFIER))
        ),
    )
    .header("host", "127.0.0.1:8080")
    .header("cookie", &cookie)
    .send(&app)
    .await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST);

    // End-session ends it and expires the cookie.
    let out = call(
        Method::GET,
        format!(
            "/connect/endsession?post_logout_redirect_uri={}",
            enc("http://127.0.0.1:8080/")
        ),
    )
    .header("host", "127.0.0.1:8080")
    .header("cookie", &cookie)
    .send(&app)
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let cleared = out.header("set-cookie").expect("the cookie is expired");
    assert!(
        cleared.starts_with("dev_api_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    let after = authorize(&app, "", &[("cookie", &cookie)]).await;
    assert!(is_chooser(&after), "the session is gone on the server too");
}

#[tokio::test]
async fn choosing_again_replaces_the_session() {
    let app = app();
    let (_, first) = sign_in_with_session(&app, "ada").await;
    let body = format!(
        "{}&login=max",
        authorize_query("clients-console", &pkce_challenge(VERIFIER))
    );
    let second = call(Method::POST, "/connect/authorize")
        .header("host", "127.0.0.1:8080")
        .header("cookie", &first)
        .form(&body)
        .send(&app)
        .await;
    let second = second.header("set-cookie").expect("a new cookie");
    assert!(!second.starts_with(&first));
    assert!(
        is_chooser(&authorize(&app, "", &[("cookie", &first)]).await),
        "the old session ended"
    );
}

#[tokio::test]
async fn prompt_none_returns_login_required_without_a_session() {
    let app = app();
    let resp = authorize(&app, "&prompt=none", &[]).await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER, "{}", resp.text());
    let location = resp.header("location").expect("back to the app");
    assert!(location.starts_with(&format!("{REDIRECT}?")), "{location}");
    assert_eq!(
        query_value(&location, "error").as_deref(),
        Some("login_required")
    );
    assert_eq!(query_value(&location, "state").as_deref(), Some("st4te"));
    assert_eq!(query_value(&location, "code"), None);

    // With a session, prompt=none signs in silently.
    let (_, cookie) = sign_in_with_session(&app, "ada").await;
    code_of(&authorize(&app, "&prompt=none", &[("cookie", &cookie)]).await);
    // prompt=none with another value is a bad request, sent back to the app.
    let both = authorize(&app, "&prompt=none%20login", &[("cookie", &cookie)]).await;
    let location = both.header("location").expect("back to the app");
    assert_eq!(
        query_value(&location, "error").as_deref(),
        Some("invalid_request")
    );
}

#[tokio::test]
async fn behind_a_development_proxy_the_session_sign_in_returns_through_a_page() {
    let app = app();
    let (_, cookie) = sign_in_with_session(&app, "ada").await;
    let resp = authorize(
        &app,
        "",
        &[("cookie", &cookie), ("x-forwarded-host", "127.0.0.1:8080")],
    )
    .await;
    assert_eq!(resp.status, StatusCode::OK);
    let html = resp.text();
    assert!(
        html.contains(
            r#"<meta http-equiv="refresh" content="0;url=http://127.0.0.1:8080/auth/callback?code="#
        ),
        "{html}"
    );
    assert!(html.contains("state=st4te"));
    let none = authorize(
        &app,
        "&prompt=none",
        &[("x-forwarded-host", "127.0.0.1:8080")],
    )
    .await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.text().contains("error=login_required"));
    // The cookie of a sign-in behind the proxy comes with the page.
    let body = format!(
        "{}&login=ada",
        authorize_query("clients-console", &pkce_challenge(VERIFIER))
    );
    let chosen = call(Method::POST, "/connect/authorize")
        .header("host", "127.0.0.1:8081")
        .header("x-forwarded-host", "127.0.0.1:8080")
        .form(&body)
        .send(&app)
        .await;
    assert_eq!(chosen.status, StatusCode::OK);
    assert!(chosen
        .header("set-cookie")
        .is_some_and(|c| c.starts_with("dev_api_session=")));
}

#[tokio::test]
async fn opaque_access_tokens_have_no_claims_and_the_api_accepts_them() {
    let app = app_signing_in(OidcSettings {
        opaque_tokens: true,
        ..Default::default()
    });
    let body = tokens_for(&app, "ada").await;
    let token = body["access_token"].as_str().unwrap().to_owned();
    assert!(!token.contains('.'), "not a JWT: {token}");
    assert!(token.len() >= 32, "random: {token}");
    assert!(!token.contains("Ada") && !token.contains("Administrator"));
    // The ID token keeps its claims.
    let id = claims(body["id_token"].as_str().unwrap());
    assert_eq!(id["name"], "Ada Lovelace");
    assert_eq!(id["nonce"], "n0nce");
    assert_eq!(
        get(&app, &url(&format!("{CC}/{PUMP}/Secrets")), Some(&token))
            .await
            .status,
        StatusCode::OK,
        "the API knows the administrator behind the opaque token"
    );
    let userinfo = get(&app, "/connect/userinfo", Some(&token)).await;
    assert_eq!(userinfo.json()["name"], "Ada Lovelace");

    let member = tokens_for(&app, "max").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!member.contains('.'));
    assert_eq!(
        get(&app, &url(CC), Some(&member)).await.status,
        StatusCode::OK
    );
    expect_error(
        &get(&app, &url(&format!("{CC}/{PUMP}/Secrets")), Some(&member)).await,
        StatusCode::FORBIDDEN,
    );
}

#[tokio::test]
async fn name_at_userinfo_keeps_the_name_out_of_the_id_token() {
    let app = app_signing_in(OidcSettings {
        name_at_userinfo: true,
        ..Default::default()
    });
    let body = tokens_for(&app, "ada").await;
    let id = claims(body["id_token"].as_str().unwrap());
    let mut keys: Vec<&str> = id.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["aud", "exp", "iat", "iss", "nonce", "sub"], "{id}");
    assert_eq!(id["sub"], "ada");
    assert_eq!(id["aud"], "clients-console");
    let token = body["access_token"].as_str().unwrap().to_owned();
    let access = claims(&token);
    assert!(access.get("name").is_none(), "{access}");
    assert!(access["role"].is_array(), "the roles stay");

    let expected = serde_json::json!({
        "sub": "ada",
        "name": "Ada Lovelace",
        "given_name": "Ada",
        "family_name": "Lovelace",
        "preferred_username": "ada",
    });
    let info = call(Method::GET, "/connect/userinfo")
        .token(Some(&token))
        .send(&app)
        .await;
    assert_eq!(info.status, StatusCode::OK);
    assert_eq!(info.json(), expected);
    assert_eq!(info.header("cache-control").as_deref(), Some("no-store"));
    let posted = call(Method::POST, "/connect/userinfo")
        .token(Some(&token))
        .send(&app)
        .await;
    assert_eq!(posted.json(), expected);
}

#[tokio::test]
async fn userinfo_answers_401_without_a_token_it_issued() {
    let app = app();
    for token in [None, Some("unknown"), Some("admin")] {
        let resp = get(&app, "/connect/userinfo", token).await;
        assert_eq!(resp.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(
            resp.header("www-authenticate").as_deref(),
            Some(r#"Bearer error="invalid_token""#)
        );
        assert_eq!(resp.json()["error"], "invalid_token");
    }
    let token = tokens_for(&app, "max").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let info = get(&app, "/connect/userinfo", Some(&token)).await;
    assert_eq!(info.status, StatusCode::OK);
    assert_eq!(info.json()["name"], "Max Planck");
    // Without the flag the ID token has the name too.
    let id = tokens_for(&app, "max").await;
    assert_eq!(
        claims(id["id_token"].as_str().unwrap())["name"],
        "Max Planck"
    );
}

#[tokio::test]
async fn userinfo_forgets_expired_tokens() {
    let app = app_signing_in(OidcSettings {
        token_lifetime: std::time::Duration::from_secs(1),
        ..Default::default()
    });
    let token = tokens_for(&app, "ada").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        get(&app, "/connect/userinfo", Some(&token)).await.status,
        StatusCode::OK
    );
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    assert_eq!(
        get(&app, "/connect/userinfo", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_bad_post_logout_redirect_uri_gets_400_never_a_panic() {
    let app = app();
    for bad in [
        "not a url",
        "/relative",
        "javascript:alert(1)",
        "https://evil.example/",
        "http://127.0.0.1:8080.evil.example/",
        // Characters that cannot be in a header: the old code panicked in Redirect::to.
        "http://127.0.0.1:8080/\nSet-Cookie: x=1",
        "http://127.0.0.1:8080/\u{7f}",
    ] {
        let resp = call(
            Method::GET,
            format!("/connect/endsession?post_logout_redirect_uri={}", enc(bad)),
        )
        .header("host", "127.0.0.1:8080")
        .send(&app)
        .await;
        assert_eq!(resp.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert!(resp.header("location").is_none());
        assert!(resp.text().contains("refused"), "{}", resp.text());
        assert!(
            resp.header("set-cookie").is_some(),
            "signed out all the same"
        );
    }
    // What is sent back is the URL as parsed: percent-encoded.
    let encoded = call(
        Method::GET,
        format!(
            "/connect/endsession?post_logout_redirect_uri={}",
            enc("http://127.0.0.1:8080/caf\u{e9}")
        ),
    )
    .header("host", "127.0.0.1:8080")
    .send(&app)
    .await;
    assert_eq!(encoded.status, StatusCode::SEE_OTHER);
    assert_eq!(
        encoded.header("location").as_deref(),
        Some("http://127.0.0.1:8080/caf%C3%A9")
    );
    // Without an address: the signed-out page.
    let plain = call(Method::GET, "/connect/endsession")
        .header("host", "127.0.0.1:8080")
        .send(&app)
        .await;
    assert_eq!(plain.status, StatusCode::OK);
    // Behind the proxy, a good address comes back through a page.
    let proxied = call(
        Method::GET,
        format!(
            "/connect/endsession?post_logout_redirect_uri={}",
            enc("http://127.0.0.1:8080/admin/")
        ),
    )
    .header("host", "127.0.0.1:8081")
    .header("x-forwarded-host", "127.0.0.1:8080")
    .send(&app)
    .await;
    assert_eq!(proxied.status, StatusCode::OK);
    assert!(proxied
        .text()
        .contains(r#"content="0;url=http://127.0.0.1:8080/admin/""#));
}
