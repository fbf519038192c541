//! Browser tests against a running dev-api whose faults make chosen requests fail: Rotate
//! Secret's step 3, and one of two removals of expired secrets. `cargo xtask test` starts the
//! dev-api (`--dev-endpoints --allow-origin '*'`) and names it in `CONSOLE_TEST_DEV_API` when it
//! compiles these tests. Every request the app sends is recorded on its way to the dev-api.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TENANT: &str = "5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a";
const DAY_SECONDS: i64 = 86_400;

fn dev_api() -> &'static str {
    // Not `env!`: without it the other browser tests still build and run.
    match option_env!("CONSOLE_TEST_DEV_API") {
        Some(url) => url,
        None => panic!(
            "these tests call a running dev-api: run them with `cargo xtask test`, which starts \
             one and sets CONSOLE_TEST_DEV_API (or start `dev-api --dev-endpoints --allow-origin \
             '*'` and set it to its URL yourself)"
        ),
    }
}

/// Calls the dev-api as its `admin` user, past the app's recorder; fails on an error status.
async fn call(method: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{}{path}", dev_api());
    let body = body.map_or("undefined".to_string(), |b| format!("JSON.stringify({b})"));
    let script = format!(
        r#"(window.__send || window.fetch)({url:?}, {{ method: {method:?}, body: {body},
              headers: {{ 'Authorization': 'Bearer admin', 'Content-Type': 'application/json' }} }})
           .then(async r => {{
               const text = await r.text();
               if (!r.ok) throw new Error(`{method} {path}: ${{r.status}} ${{text}}`);
               return text || 'null';
           }})"#
    );
    let promise: js_sys::Promise = js_sys::eval(&script).expect("a request").into();
    let text = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    serde_json::from_str(&text.as_string().unwrap()).unwrap()
}

/// The demo tenant as it was seeded, no faults armed.
async fn reset() {
    call("POST", "/_dev/reset", None).await;
    call("DELETE", "/_dev/faults", None).await;
}

/// The next request whose method and path start as `matching` fails with a 500.
async fn fail_next(matching: &str) {
    call(
        "POST",
        "/_dev/faults",
        Some(json!({ "match": matching, "status": 500 })),
    )
    .await;
}

/// The Secrets collection of the client-credentials client called `name`.
async fn secrets_path(name: &str) -> String {
    let clients = format!("/api/v1/Tenants/{TENANT}/ClientCredentialClients");
    let list = call("GET", &format!("{clients}?count=1000"), None).await;
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["Name"] == name)
        .unwrap_or_else(|| panic!("{name} in the demo tenant"))["Id"]
        .as_str()
        .unwrap()
        .to_string();
    format!("{clients}/{id}/Secrets")
}

async fn secrets(path: &str) -> Vec<Value> {
    call("GET", path, None).await.as_array().unwrap().clone()
}

fn expiration(secret: &Value) -> Option<chrono::DateTime<chrono::Utc>> {
    secret["Expiration"]
        .as_str()
        .map(|t| t.parse().expect("an RFC 3339 expiration"))
}

/// Mounts the console on `path`'s client, Secrets tab, once its `count` secrets are listed
/// and may be changed.
async fn open_secrets(path: &str, count: usize) -> TestMount {
    let client = path.split('/').nth_back(1).unwrap();
    record_api();
    let app = mount_console_for(
        &format!("/security/clients?sel={client}&tab=secrets"),
        dev_api_admin_session(dev_api()),
    );
    // The token is opaque: the console asks the API whether Ada may change secrets first.
    wait_until(&format!("{count} secrets, changes allowed"), || {
        texts(&app.root, "[data-testid=secret-row]").len() == count
            && text_of(&app.root, "[data-testid=user-role]").as_deref()
                == Some("Tenant Administrator")
    })
    .await;
    app
}

/// How many recorded requests went to exactly `url` (a path) with `method`.
fn requests_exactly(method: &str, url: &str) -> u32 {
    let script = format!(
        "window.__requests.filter(r => r.method === {method:?} && r.url === {url:?}).length"
    );
    js_sys::eval(&script).unwrap().as_f64().unwrap() as u32
}

const FAULT_REASON: &str = "made this request fail on purpose";

#[wasm_bindgen_test]
async fn rotate_secret_keeps_the_new_secret_when_step_3_fails_and_retry_shortens_the_old_one() {
    reset().await;
    let path = secrets_path("Pump station telemetry").await;
    let before = secrets(&path).await;
    let now = chrono::Utc::now();
    let old = before
        .iter()
        .find(|s| expiration(s).is_none_or(|e| e > now + chrono::TimeDelta::days(40)))
        .expect("a long-lived secret to rotate")
        .clone();
    let old_id = old["Id"].as_u64().unwrap();
    let app = open_secrets(&path, before.len()).await;

    click(&app.root, &format!("#rotate-secret-{old_id}"));
    wait_for_dialog_field(&app, "secret-description").await;
    dialog_button(&app.root, "Add").unwrap().click();
    wait_until("step 2, the value", || {
        open_dialog_text(&app.root).is_some_and(|t| t.contains("step 2 of 4"))
            && text_of(&app.root, "[data-testid=new-secret]").is_some_and(|v| v.len() > 10)
    })
    .await;
    let value = text_of(&app.root, "[data-testid=new-secret]").unwrap();
    set_checked(&app.root, "dialog[open] [data-testid=stored-secret]", true);
    dialog_button(&app.root, "Close").unwrap().click();

    // Step 3: the dev-api fails the PUT that shortens the old secret.
    wait_until("step 3", || {
        open_dialog_text(&app.root).is_some_and(|t| t.contains("step 3 of 4"))
    })
    .await;
    fail_next(&format!("PUT {path}/")).await;
    set_checked(&app.root, "dialog[open] input[name=grace][value='1']", true);
    dialog_button(&app.root, "Shorten expiry").unwrap().click();
    wait_until("the failure, in the API's words", || {
        open_dialog_text(&app.root)
            .is_some_and(|t| t.contains("was created and stays") && t.contains(FAULT_REASON))
    })
    .await;
    assert!(!app.root.inner_html().contains(&value), "the value is gone");
    let held = secrets(&path).await;
    assert_eq!(held.len(), before.len() + 1, "the new secret exists");
    let unchanged = held.iter().find(|s| s["Id"] == old["Id"]).unwrap();
    assert_eq!(
        unchanged["Expiration"], old["Expiration"],
        "the old one as it was"
    );

    dialog_button(&app.root, "Retry").unwrap().click();
    wait_until("the summary", || {
        text_of(&app.root, "[data-testid=rotate-summary]")
            .is_some_and(|t| t.contains("now expires"))
    })
    .await;
    assert_eq!(requests_to("POST", &path), 1, "one new secret, not two");
    assert_eq!(requests_exactly("PUT", &format!("{path}/{old_id}")), 2);
    let put = last_body("PUT", &format!("{path}/{old_id}")).unwrap();
    assert_eq!(put["Expires"], true);
    assert!(
        put.get("Description").is_none_or(Value::is_null),
        "the description is left as it is: {put}"
    );
    let held = secrets(&path).await;
    assert_eq!(held.len(), before.len() + 1);
    let shortened = held.iter().find(|s| s["Id"] == old["Id"]).unwrap();
    assert_eq!(shortened["Description"], old["Description"]);
    let in_a_day = chrono::Utc::now() + chrono::TimeDelta::days(1);
    let end = expiration(shortened).expect("the old secret now expires");
    assert!((end - in_a_day).num_seconds().abs() < 120, "{end}");
    let added = held
        .iter()
        .find(|s| !before.iter().any(|b| b["Id"] == s["Id"]))
        .unwrap();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert!(
        added["Description"]
            .as_str()
            .is_some_and(|d| d.ends_with(&format!("(rotated {today})"))),
        "{added}"
    );
    let year = expiration(added).unwrap() - chrono::Utc::now();
    assert!((year.num_seconds() - 365 * DAY_SECONDS).abs() < 2 * DAY_SECONDS);
    dialog_button(&app.root, "Done").unwrap().click();
    wait_until("closed", || open_dialog_text(&app.root).is_none()).await;
}

#[wasm_bindgen_test]
async fn remove_expired_secrets_reports_a_dev_api_failure_for_one_removes_the_other_and_retries() {
    reset().await;
    let path = secrets_path("Edge gateway – Rotterdam").await;
    let before = secrets(&path).await;
    let now = chrono::Utc::now();
    let expired: Vec<u64> = before
        .iter()
        .filter(|s| expiration(s).is_some_and(|e| e < now))
        .map(|s| s["Id"].as_u64().unwrap())
        .collect();
    assert_eq!(expired.len(), 2, "the demo client has two expired secrets");
    let app = open_secrets(&path, before.len()).await;
    fail_next(&format!("DELETE {path}/{}", expired[1])).await;

    button(&app.root, "Remove expired secrets (2)")
        .unwrap()
        .click();
    wait_until("the two listed", || {
        texts(&app.root, "[data-testid=expired-secret]").len() == 2
    })
    .await;
    assert_eq!(
        requests_to("DELETE", &path),
        0,
        "nothing before the confirmation"
    );
    dialog_button(&app.root, "Remove 2 secrets")
        .unwrap()
        .click();
    wait_until("a result for each", || {
        let t = texts(&app.root, "[data-testid=expired-secret]");
        t.iter().filter(|r| r.contains("✓ Removed")).count() == 1
            && t.iter().filter(|r| r.contains("✗ Not removed")).count() == 1
    })
    .await;
    let failed = texts(&app.root, "[data-testid=expired-secret]")
        .into_iter()
        .find(|r| r.contains("✗ Not removed"))
        .unwrap();
    assert!(failed.contains(FAULT_REASON), "{failed}");
    let ids =
        |held: &[Value]| -> Vec<u64> { held.iter().map(|s| s["Id"].as_u64().unwrap()).collect() };
    let held = ids(&secrets(&path).await);
    assert!(
        !held.contains(&expired[0]) && held.contains(&expired[1]),
        "{held:?}"
    );

    dialog_button(&app.root, "Retry the 1 that failed")
        .unwrap()
        .click();
    wait_until("both removed", || {
        texts(&app.root, "[data-testid=expired-secret]")
            .iter()
            .all(|t| t.contains("✓ Removed"))
    })
    .await;
    assert_eq!(
        requests_exactly("DELETE", &format!("{path}/{}", expired[0])),
        1
    );
    assert_eq!(
        requests_exactly("DELETE", &format!("{path}/{}", expired[1])),
        2
    );
    assert_eq!(requests_to("DELETE", &path), 3, "the valid secrets stay");
    let held = ids(&secrets(&path).await);
    assert_eq!(held.len(), before.len() - 2);
    dialog_button(&app.root, "Close").unwrap().click();
    wait_until("8 secrets listed", || {
        open_dialog_text(&app.root).is_none()
            && texts(&app.root, "[data-testid=secret-row]").len() == before.len() - 2
    })
    .await;
}
