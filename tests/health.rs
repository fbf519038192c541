//! Browser tests of the list's Secrets column and the filter chips, against a stubbed API.
#![cfg(target_arch = "wasm32")]

mod support;

use support::{click, mount_console, stub_api, texts, type_into, wait_until};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ROLES: &str = r#"{ "path": "^/api/v1/Tenants/[^/]+/Roles$", "body": [] }"#;

/// A secret expiring `days` from now, as a JS object literal.
fn secret(id: u32, days: i32) -> String {
    format!(
        r#"{{ "Id": {id}, "Description": "Key {id}", "Expires": true, "Expiration": new Date(Date.now() + {days} * 864e5).toISOString() }}"#
    )
}

const NEVER: &str = r#"{ "Id": 9, "Description": "Legacy", "Expires": false, "Expiration": null }"#;

/// Five client-credentials clients, one per state: A expired (and a valid one), B expiring in
/// 5 days, C never expiring, D fine but disabled, E without secrets.
fn five_states() -> String {
    let client = |id: &str, name: &str, enabled: bool| {
        format!(
            r#"{{ "Id": "{id}", "Name": "{name}", "Enabled": {enabled}, "AccessTokenLifetime": 3600, "RoleIds": [] }}"#
        )
    };
    let secrets = |id: &str, body: String| {
        format!(
            r#"{{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/{id}/Secrets$", "body": [{body}] }}"#
        )
    };
    format!(
        r#"[
        {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "headers": {{ "Total-Count": "5" }}, "body": [
            {}, {}, {}, {}, {} ] }},
        {}, {}, {}, {}, {}, {ROLES}
    ]"#,
        client("a", "Alpha", true),
        client("b", "Bravo", true),
        client("c", "Charlie", true),
        client("d", "Delta", false),
        client("e", "Echo", true),
        secrets("a", format!("{}, {}", secret(1, 200), secret(2, -3))),
        secrets("b", secret(3, 5)),
        secrets("c", NEVER.to_string()),
        secrets("d", secret(4, 300)),
        secrets("e", String::new()),
    )
}

/// How many reads of a Secrets collection were sent.
fn secrets_reads() -> f64 {
    js_sys::eval("window.__requests.filter(r => r.url.split('?')[0].endsWith('/Secrets')).length")
        .unwrap()
        .as_f64()
        .unwrap()
}

fn names(root: &web_sys::HtmlElement) -> Vec<String> {
    texts(root, ".client-row .client-row__name")
}

/// Waits until `rows` rows are listed and every Secrets cell has its word.
async fn every_cell_checked(app: &support::TestMount, rows: usize) {
    wait_until("every cell checked", || {
        texts(&app.root, ".client-row .client-row__health")
            .iter()
            .all(|t| t != "Checking…")
            && names(&app.root).len() == rows
    })
    .await;
}

/// Waits (up to 30 s) until `reads` Secrets reads were sent and the column's progress line is
/// gone.
async fn all_read(app: &support::TestMount, reads: u32) {
    for _ in 0..1200 {
        if secrets_reads() >= f64::from(reads) {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(25).await;
    }
    wait_until("all read", || {
        app.root
            .query_selector("[data-testid=health-status]")
            .unwrap()
            .is_none()
    })
    .await;
}

fn chip(root: &web_sys::HtmlElement, slug: &str) {
    click(root, &format!("[data-chip={slug}]"));
}

#[wasm_bindgen_test]
async fn the_secrets_column_names_each_clients_worst_secret_in_words() {
    stub_api(&five_states());
    let app = mount_console("/security/clients", true);
    every_cell_checked(&app, 5).await;
    assert_eq!(
        texts(&app.root, ".client-row .client-row__health"),
        [
            "Expired",
            "Expires in ≤ 7 days",
            "Never expires",
            "OK",
            "No secrets"
        ]
    );
    // Word and colour: the badge's class follows the state.
    let expired = app
        .root
        .query_selector(".client-row .client-row__health .badge")
        .unwrap()
        .unwrap();
    assert!(expired.class_name().contains("badge--health-expired"));
    assert_eq!(secrets_reads(), 5.0, "one read per client");

    // The column sorts: worst first, then best first.
    let header = app
        .root
        .query_selector("th:nth-child(4) button")
        .unwrap()
        .unwrap();
    assert_eq!(
        header.text_content().unwrap().trim_end_matches(['▲', '▼']),
        "Secrets"
    );
    click(&app.root, "th:nth-child(4) button");
    wait_until("sorted by health", || names(&app.root)[0] == "Alpha").await;
    assert_eq!(
        names(&app.root),
        ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    );
    assert!(support::location()
        .search()
        .unwrap()
        .contains("sort=health"));
    click(&app.root, "th:nth-child(4) button");
    wait_until("best first", || names(&app.root)[0] == "Echo").await;
    assert_eq!(
        names(&app.root),
        ["Echo", "Delta", "Charlie", "Bravo", "Alpha"]
    );
}

#[wasm_bindgen_test]
async fn chips_filter_with_the_search_and_live_in_the_url() {
    stub_api(&five_states());
    let app = mount_console("/security/clients", true);
    every_cell_checked(&app, 5).await;
    chip(&app.root, "expired");
    wait_until("only expired", || names(&app.root) == ["Alpha"]).await;
    chip(&app.root, "expiring");
    wait_until("expired or expiring", || {
        names(&app.root) == ["Alpha", "Bravo"]
    })
    .await;
    wait_until("chips in the URL", || {
        support::location()
            .search()
            .unwrap()
            .contains("f=expired,expiring")
    })
    .await;
    let pressed = app
        .root
        .query_selector("[data-chip=expired]")
        .unwrap()
        .unwrap()
        .get_attribute("aria-pressed");
    assert_eq!(pressed.as_deref(), Some("true"));
    // With the search: "bra" keeps Bravo only.
    support::type_into(&app.root, "#client-search", "bra");
    wait_until("search and chips", || names(&app.root) == ["Bravo"]).await;
    support::type_into(&app.root, "#client-search", "");
    chip(&app.root, "expired");
    chip(&app.root, "expiring");
    chip(&app.root, "never");
    wait_until("never expires", || names(&app.root) == ["Charlie"]).await;
    chip(&app.root, "never");
    chip(&app.root, "disabled");
    wait_until("disabled", || names(&app.root) == ["Delta"]).await;
    // Disabled narrows the secret chips: Delta is disabled but fine.
    chip(&app.root, "expired");
    wait_until("disabled and expired", || {
        names(&app.root).is_empty()
            && support::location()
                .search()
                .unwrap()
                .contains("f=expired,disabled")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_deep_link_with_chips_shows_the_filtered_list() {
    stub_api(&five_states());
    let app = mount_console("/security/clients?f=never", true);
    wait_until("filtered", || names(&app.root) == ["Charlie"]).await;
}

#[wasm_bindgen_test]
async fn refresh_keeps_the_column_and_the_chips_while_secrets_are_read_again() {
    // Secrets answer after 300 ms: the reads after Refresh are still out below.
    let routes = five_states().replace(
        "/Secrets$\", \"body\"",
        "/Secrets$\", \"delay\": 300, \"body\"",
    );
    assert!(routes.contains("\"delay\": 300"));
    stub_api(&routes);
    let app = mount_console("/security/clients?f=expired", true);
    wait_until("only expired", || names(&app.root) == ["Alpha"]).await;
    all_read(&app, 5).await;
    let before = secrets_reads();
    support::button(&app.root, "Refresh").unwrap().click();
    wait_until("reading again", || secrets_reads() > before).await;
    for _ in 0..8 {
        assert_eq!(names(&app.root), ["Alpha"], "the chip still finds Alpha");
        assert_eq!(
            texts(&app.root, ".client-row .client-row__health"),
            ["Expired"]
        );
        gloo_timers::future::TimeoutFuture::new(25).await;
    }
    wait_until("read again", || secrets_reads() >= before + 4.0).await;
    assert_eq!(names(&app.root), ["Alpha"]);
}

/// 200 clients named in the reverse of the API's order; every Secrets read takes 40 ms.
fn many_clients() -> String {
    let clients: Vec<String> = (0..200)
        .map(|i| {
            format!(
                r#"{{ "Id": "id-{i:03}", "Name": "Client {:03}", "Enabled": true, "AccessTokenLifetime": 3600, "RoleIds": [] }}"#,
                199 - i
            )
        })
        .collect();
    format!(
        r#"[
        {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients$", "headers": {{ "Total-Count": "200" }}, "body": [{}] }},
        {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/[^/]+/Secrets$", "delay": 40, "body": [{}] }},
        {ROLES}
    ]"#,
        clients.join(","),
        secret(1, 100)
    )
}

#[wasm_bindgen_test]
async fn the_visible_rows_are_read_first_never_more_than_six_at_once() {
    stub_api(&many_clients());
    let app = mount_console("/security/clients", true);
    wait_until("rows", || !names(&app.root).is_empty()).await;
    let first_six: Vec<String> = {
        wait_until("six reads", || secrets_reads() >= 6.0).await;
        let script = "window.__requests.filter(r => r.url.split('?')[0].endsWith('/Secrets')).slice(0, 6).map(r => r.url.split('?')[0].split('/').slice(-2)[0]).join(',')";
        js_sys::eval(script)
            .unwrap()
            .as_string()
            .unwrap()
            .split(',')
            .map(String::from)
            .collect()
    };
    // Sorted by name, the rows on screen are the API's last ones (Client 000 = id-199).
    let rendered: Vec<String> = texts(&app.root, ".client-row .client-row__name");
    for id in &first_six {
        let n: usize = id.trim_start_matches("id-").parse().unwrap();
        assert!(
            rendered.contains(&format!("Client {:03}", 199 - n)),
            "{id} was read first but is not on screen"
        );
    }
    all_read(&app, 200).await;
    let max = js_sys::eval("window.__routes.find(r => r.path.endsWith('/Secrets$')).maxInFlight")
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(max <= 6.0, "{max} reads of secrets overlapped");
    assert!(max >= 2.0, "reads ran one by one ({max})");
    let secrets_reads = js_sys::eval(
        "window.__requests.filter(r => r.url.split('?')[0].endsWith('/Secrets')).length",
    )
    .unwrap()
    .as_f64()
    .unwrap();
    assert_eq!(secrets_reads, 200.0, "each client read once");
}

#[wasm_bindgen_test]
async fn no_new_secrets_read_starts_while_the_user_types_in_the_search() {
    stub_api(&many_clients());
    let app = mount_console("/security/clients", true);
    wait_until("reading", || secrets_reads() >= 6.0).await;
    // Ten keystrokes 60 ms apart: 600 ms in which 40 ms reads, six at a time, would make ~90.
    let query = "Client 1 2";
    type_into(&app.root, "#client-search", &query[..1]);
    let at_first_key = secrets_reads();
    for n in 2..=query.len() {
        gloo_timers::future::TimeoutFuture::new(60).await;
        type_into(&app.root, "#client-search", &query[..n]);
    }
    let while_typing = secrets_reads() - at_first_key;
    assert!(
        while_typing == 0.0,
        "{while_typing} reads started while the user typed"
    );
    // Typing over, reading goes on.
    wait_until("reading again", || secrets_reads() > at_first_key + 6.0).await;
}

#[wasm_bindgen_test]
async fn a_tenant_member_is_told_once_and_no_secrets_are_read() {
    stub_api(&five_states());
    let app = mount_console("/security/clients", false);
    wait_until("rows", || names(&app.root).len() == 5).await;
    wait_until("the note", || {
        support::text_of(&app.root, "[data-testid=health-status]")
            .is_some_and(|t| t.contains("needs the Tenant Administrator role"))
    })
    .await;
    assert_eq!(secrets_reads(), 0.0);
    assert!(texts(&app.root, ".client-row .client-row__health")
        .iter()
        .all(|t| t == "—Not shown"));
    let expired = app
        .root
        .query_selector("[data-chip=expired]")
        .unwrap()
        .unwrap();
    assert!(expired.has_attribute("disabled"));
    chip(&app.root, "disabled");
    wait_until("Disabled still works", || names(&app.root) == ["Delta"]).await;
}

#[wasm_bindgen_test]
async fn a_fresh_read_on_the_secrets_tab_updates_the_column() {
    let routes = five_states().replacen(
        r#"{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/e/Secrets$", "body": [] }"#,
        &format!(
            r#"{{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/e/Secrets$", "once": true, "body": [] }},
               {{ "path": "^/api/v1/Tenants/[^/]+/ClientCredentialClients/e/Secrets$", "body": [{}] }}"#,
            secret(7, -1)
        ),
        1,
    );
    assert!(routes.contains("\"once\": true"));
    stub_api(&routes);
    let app = mount_console("/security/clients", true);
    wait_until("Echo has none", || {
        texts(&app.root, ".client-row .client-row__health")
            .last()
            .map(String::as_str)
            == Some("No secrets")
    })
    .await;
    // Open Echo's Secrets tab: it reads again and finds an expired secret.
    click(&app.root, ".client-row[data-id=e]");
    wait_until("the pane", || {
        app.root.query_selector("#tab-secrets").unwrap().is_some()
    })
    .await;
    click(&app.root, "#tab-secrets");
    wait_until("Echo's expired secret on the list", || {
        texts(&app.root, ".client-row .client-row__health")
            .last()
            .map(String::as_str)
            == Some("Expired")
    })
    .await;
}

/// Catches the files the page offers for download (their Blobs).
fn catch_downloads() {
    js_sys::eval(
        "window.__blobs = []; if (!window.__origCreate) { window.__origCreate = URL.createObjectURL; } \
         URL.createObjectURL = b => { window.__blobs.push(b); return window.__origCreate.call(URL, b); };",
    )
    .unwrap();
}

/// The text and type of the last file offered.
async fn last_download() -> (String, String) {
    let blob: web_sys::Blob = js_sys::eval("window.__blobs[window.__blobs.length - 1]")
        .unwrap()
        .into();
    let text = wasm_bindgen_futures::JsFuture::from(blob.text())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    (text, blob.type_())
}

#[wasm_bindgen_test]
async fn export_csv_writes_the_clients_shown_with_each_secret_in_utc() {
    stub_api(&five_states());
    catch_downloads();
    let app = mount_console("/security/clients", true);
    every_cell_checked(&app, 5).await;
    click(&app.root, "#export-csv");
    wait_until("a file", || {
        js_sys::eval("window.__blobs.length").unwrap().as_f64() == Some(1.0)
    })
    .await;
    let (csv, mime) = last_download().await;
    assert!(mime.starts_with("text/csv"), "{mime}");
    assert!(csv.ends_with("\r\n") && !csv.replace("\r\n", "").contains('\n'));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert!(
        lines[0].starts_with("Client Type,Client ID,Name,Status,Secret ID"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 1 + 2 + 1 + 1 + 1 + 1, "{}", lines.join(" | "));
    let alpha: Vec<&&str> = lines.iter().filter(|l| l.contains(",Alpha,")).collect();
    assert_eq!(alpha.len(), 2, "one line per secret");
    assert!(alpha.iter().any(|l| l.contains("Expired")));
    let expiry = alpha[0].split(',').nth(6).unwrap();
    assert!(expiry.ends_with('Z') && expiry.len() == 20, "UTC: {expiry}");
    assert!(lines
        .iter()
        .any(|l| l.contains(",Echo,") && l.ends_with("No secrets")));
    assert!(lines
        .iter()
        .any(|l| l.contains(",Charlie,") && l.contains(",,Never expires")));

    // The view as shown: with the Expired chip, only Alpha.
    click(&app.root, "[data-chip=expired]");
    wait_until("filtered", || names(&app.root) == ["Alpha"]).await;
    click(&app.root, "#export-csv");
    wait_until("a second file", || {
        js_sys::eval("window.__blobs.length").unwrap().as_f64() == Some(2.0)
    })
    .await;
    let (csv, _) = last_download().await;
    assert_eq!(csv.trim_end().split("\r\n").count(), 1 + 2, "{csv}");
}

#[wasm_bindgen_test]
async fn export_csv_pressed_while_secrets_load_reads_the_shown_clients_first_then_downloads() {
    stub_api(&many_clients());
    catch_downloads();
    // A list 400 px high, as on a screen: most of the 100 clients exported are off it.
    js_sys::eval(
        "if (!document.getElementById('short-list')) { const st = document.createElement('style'); \
         st.id = 'short-list'; st.textContent = '.client-table { height: 400px; overflow: auto; }'; \
         document.head.appendChild(st); }",
    )
    .unwrap();
    let app = mount_console("/security/clients", true);
    wait_until("rows", || !names(&app.root).is_empty()).await;
    // After the rows on screen, the column reads in the API's order: "Client 0…" (id-100 to
    // id-199) are the last 100.
    type_into(&app.root, "[data-testid=search]", "Client 0");
    wait_until("searched", || {
        names(&app.root).first().map(String::as_str) == Some("Client 000")
            && !names(&app.root).contains(&"Client 150".to_string())
    })
    .await;
    click(&app.root, "#export-csv");
    wait_until("the export waits", || {
        support::text_of(&app.root, "[data-testid=export-status]")
            .is_some_and(|t| t.contains("Export CSV is reading the secrets of"))
            && support::text_of(&app.root, "#export-csv").as_deref() == Some("Cancel export")
    })
    .await;
    assert_eq!(
        js_sys::eval("window.__blobs.length").unwrap().as_f64(),
        Some(0.0)
    );
    wait_until("the file", || {
        js_sys::eval("window.__blobs.length").unwrap().as_f64() == Some(1.0)
    })
    .await;
    let reads_when_written = secrets_reads();
    let (csv, _) = last_download().await;
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 100, "{}", lines.join(" | "));
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.contains(",Client 0") && l.contains(",Key 1,")),
        "every line has its secret: {}",
        lines.join(" | ")
    );
    assert!(
        reads_when_written < 200.0,
        "the shown clients were read before the rest ({reads_when_written} reads)"
    );
    wait_until("the button and the status back", || {
        support::text_of(&app.root, "#export-csv").as_deref() == Some("Export CSV")
            && support::text_of(&app.root, "[data-testid=export-status]").as_deref() == Some("")
    })
    .await;
    js_sys::eval("document.getElementById('short-list').remove()").unwrap();
}

#[wasm_bindgen_test]
async fn cancel_export_stops_waiting_and_downloads_nothing() {
    stub_api(&many_clients());
    catch_downloads();
    let app = mount_console("/security/clients", true);
    wait_until("rows", || !names(&app.root).is_empty()).await;
    click(&app.root, "#export-csv");
    wait_until("the export waits", || {
        support::text_of(&app.root, "#export-csv").as_deref() == Some("Cancel export")
    })
    .await;
    click(&app.root, "#export-csv");
    wait_until("the toast", || {
        app.root
            .text_content()
            .unwrap_or_default()
            .contains("Export cancelled: nothing was downloaded")
    })
    .await;
    all_read(&app, 200).await;
    assert_eq!(
        js_sys::eval("window.__blobs.length").unwrap().as_f64(),
        Some(0.0)
    );
    assert_eq!(
        support::text_of(&app.root, "#export-csv").as_deref(),
        Some("Export CSV")
    );
}

#[wasm_bindgen_test]
async fn add_reminder_offers_a_calendar_event_at_the_expiry_with_two_alarms() {
    stub_api(&five_states());
    catch_downloads();
    let app = mount_console("/security/clients?sel=b&tab=secrets", true);
    wait_until("Bravo's secret", || {
        app.root.query_selector("#reminder-3").unwrap().is_some()
    })
    .await;
    click(&app.root, "#reminder-3");
    wait_until("a file", || {
        js_sys::eval("window.__blobs.length").unwrap().as_f64() == Some(1.0)
    })
    .await;
    let (ics, mime) = last_download().await;
    assert!(mime.starts_with("text/calendar"), "{mime}");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("TRIGGER:-P30D\r\n") && ics.contains("TRIGGER:-P7D\r\n"));
    assert!(ics.contains("SUMMARY:") && ics.contains("Bravo"));
    assert!(ics.split("\r\n").all(|line| line.len() <= 75));
    // An expired secret gets no reminder.
    drop(app);
    let app = mount_console("/security/clients?sel=a&tab=secrets", true);
    wait_until("Alpha's secrets", || {
        texts(&app.root, "[data-testid=secret-row]").len() == 2
    })
    .await;
    assert!(app.root.query_selector("#reminder-1").unwrap().is_some());
    assert!(
        app.root.query_selector("#reminder-2").unwrap().is_none(),
        "expired"
    );
}
