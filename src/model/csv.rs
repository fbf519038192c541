//! The clients and their secrets as a CSV file (RFC 4180) for a spreadsheet.

use chrono::{DateTime, Datelike, TimeZone, Utc};

use super::health::SecretHealth;
use super::ics::file_name_part;
use super::kind::ClientKind;
use super::wire::ClientSecret;

/// The header record, in column order.
pub const CSV_HEADER: [&str; 8] = [
    "Client Type",
    "Client ID",
    "Name",
    "Status",
    "Secret ID",
    "Secret Description",
    "Secret Expiration (UTC)",
    "Secret State",
];

/// One client to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportClient<'a> {
    /// Its kind (the Client Type column).
    pub kind: ClientKind,
    /// Its client id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Whether it is enabled (`None`: not reported, written "Unknown").
    pub enabled: Option<bool>,
    /// Its secrets, or why there are none to list.
    pub secrets: SecretsForExport<'a>,
}

/// What the export knows of a client's secrets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretsForExport<'a> {
    /// The secrets as read (an empty list is written as one row saying "No secrets").
    Known(&'a [ClientSecret]),
    /// The kind has no secrets (authorization code clients).
    NotApplicable,
    /// The secrets could not be read; the reason goes in the Secret State column, e.g.
    /// "Needs Tenant Administrator" or "Could not be read".
    Unavailable(&'a str),
}

/// The CSV text of `clients`: the header ([`CSV_HEADER`]), then one record per secret, in the
/// given order. A client without secrets to list gets one record with empty secret cells and
/// a Secret State of "No secrets", "Not applicable" or the reason they are unavailable.
///
/// Expirations are UTC, `YYYY-MM-DDTHH:MM:SSZ`, and empty for a secret that never expires; the
/// state is the secret's [`SecretHealth`] label at `now`.
///
/// The format is RFC 4180: every record (the last one too) ends with CRLF; a field is quoted
/// when it holds `"`, `,`, CR or LF, and its quotes are doubled. Against spreadsheet formula
/// injection, any cell that starts with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`
/// (so a name like `=HYPERLINK(…)` shows as text; it reads back with that `'`).
pub fn clients_csv(clients: &[ExportClient], now: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(128 * (clients.len() + 1));
    push_record(&mut out, CSV_HEADER);
    for client in clients {
        let status = status_label(client.enabled);
        let head = [client.kind.label(), client.id, client.name, status];
        let without = |state| head.into_iter().chain(["", "", "", state]);
        match client.secrets {
            SecretsForExport::Known([]) => push_record(&mut out, without("No secrets")),
            SecretsForExport::NotApplicable => push_record(&mut out, without("Not applicable")),
            SecretsForExport::Unavailable(reason) => push_record(&mut out, without(reason)),
            SecretsForExport::Known(secrets) => {
                for secret in secrets {
                    let id = secret.id.map_or_else(String::new, |id| id.to_string());
                    let expiration = secret
                        .effective_expiration()
                        .map_or_else(String::new, iso_utc);
                    let description = secret.description.as_deref().unwrap_or("");
                    let state = SecretHealth::of_secret(secret, now).label();
                    let tail = [id.as_str(), description, expiration.as_str(), state];
                    push_record(&mut out, head.into_iter().chain(tail));
                }
            }
        }
    }
    out
}

/// The download name, e.g. `clients-client-credentials-2026-11-30.csv`: the view's slug (made
/// safe for a file name) and the date of `now` in its own time zone (pass local time to name
/// the file by the user's date).
pub fn csv_file_name<Tz: TimeZone>(view_slug: &str, now: &DateTime<Tz>) -> String {
    let date = now.date_naive();
    format!(
        "clients-{}-{:04}-{:02}-{:02}.csv",
        file_name_part(view_slug, 60, "all"),
        date.year(),
        date.month(),
        date.day()
    )
}

/// "Enabled", "Disabled" or "Unknown" (as in the list).
fn status_label(enabled: Option<bool>) -> &'static str {
    match enabled {
        Some(true) => "Enabled",
        Some(false) => "Disabled",
        None => "Unknown",
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
fn iso_utc(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Appends one record and its CRLF.
fn push_record<'c>(out: &mut String, cells: impl IntoIterator<Item = &'c str>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// Appends one cell: guarded against formulas, then quoted if it has to be.
fn push_cell(out: &mut String, cell: &str) {
    let guard = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = cell.contains(['"', ',', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeDelta};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
    }

    fn secret(id: i32, description: Option<&str>, days: Option<i64>) -> ClientSecret {
        let ends = days.map(|d| now() + TimeDelta::days(d));
        ClientSecret::for_test(id, description, ends, Some(days.is_some()))
    }

    fn client<'a>(name: &'a str, secrets: SecretsForExport<'a>) -> ExportClient<'a> {
        ExportClient {
            kind: ClientKind::ClientCredentials,
            id: "c1",
            name,
            enabled: Some(true),
            secrets,
        }
    }

    fn cell(text: &str) -> String {
        let mut out = String::new();
        push_cell(&mut out, text);
        out
    }

    /// Checks `cell` on each `(text, expected)`.
    fn cells(cases: &[(&str, &str)]) {
        for (text, expected) in cases {
            assert_eq!(cell(text), *expected, "the cell for {text:?}");
        }
    }

    #[test]
    fn cells_are_quoted_only_when_they_must_be() {
        cells(&[
            ("plain text", "plain text"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("one\ntwo", "\"one\ntwo\""),
            ("one\rtwo", "\"one\rtwo\""),
            ("it's; fine", "it's; fine"),
        ]);
    }

    #[test]
    fn formula_like_cells_get_a_leading_apostrophe() {
        cells(&[
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            ),
            ("a=1", "a=1"),
            (" =1", " =1"),
        ]);
    }

    #[test]
    fn exact_text_of_a_small_export() {
        let secrets = [secret(1, Some("Primary"), Some(100)), secret(2, None, None)];
        let csv = clients_csv(
            &[client("Plant, 4", SecretsForExport::Known(&secrets))],
            now(),
        );
        assert_eq!(
            csv,
            "Client Type,Client ID,Name,Status,Secret ID,Secret Description,\
             Secret Expiration (UTC),Secret State\r\n\
             Client-Credentials,c1,\"Plant, 4\",Enabled,1,Primary,2027-03-10T12:00:00Z,Valid\r\n\
             Client-Credentials,c1,\"Plant, 4\",Enabled,2,,,Never expires\r\n"
        );
    }

    #[test]
    fn file_names() {
        assert_eq!(
            csv_file_name("client-credentials", &now()),
            "clients-client-credentials-2026-11-30.csv"
        );
        // The date of `now` where the user is: 23:30 UTC is already 1 December at +02:00.
        let late = Utc.with_ymd_and_hms(2026, 11, 30, 23, 30, 0).unwrap();
        let east = late.with_timezone(&FixedOffset::east_opt(2 * 3600).unwrap());
        assert_eq!(
            csv_file_name("hybrid", &east),
            "clients-hybrid-2026-12-01.csv"
        );
        assert_eq!(csv_file_name("../a b", &late), "clients-a-b-2026-11-30.csv");
    }
}

/// Reads the export back with a real CSV reader (`csv`, a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod parsed {
    use super::*;
    use chrono::TimeDelta;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
    }

    fn read(text: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|record| record.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    fn at(days: i64) -> ClientSecret {
        ClientSecret {
            id: Some(days as i32 + 100),
            description: Some(format!("in {days} days")),
            expiration: Some(now() + TimeDelta::days(days)),
            expires: None,
        }
    }

    const NASTY: &str = "Plant \"4\", line one\r\nline two\nthree";

    #[test]
    fn round_trip_one_record_per_secret() {
        let secrets = [
            at(-1),
            at(3),
            at(20),
            at(90),
            ClientSecret {
                id: Some(9),
                description: Some("a, \"b\"\nc".into()),
                expiration: Some(now() - TimeDelta::days(400)),
                expires: Some(false),
            },
        ];
        let clients = [ExportClient {
            kind: ClientKind::Hybrid,
            id: "h-1",
            name: NASTY,
            enabled: Some(false),
            secrets: SecretsForExport::Known(&secrets),
        }];
        let rows = read(&clients_csv(&clients, now()));
        assert_eq!(rows[0], CSV_HEADER);
        assert_eq!(rows.len(), 1 + secrets.len());
        let states: Vec<&str> = rows[1..].iter().map(|r| r[7].as_str()).collect();
        assert_eq!(
            states,
            [
                "Expired",
                "Expires within 7 days",
                "Expires within 30 days",
                "Valid",
                "Never expires"
            ]
        );
        for row in &rows[1..] {
            assert_eq!(&row[..4], ["Hybrid", "h-1", NASTY, "Disabled"]);
        }
        assert_eq!(rows[1][4..7], ["99", "in -1 days", "2026-11-29T12:00:00Z"]);
        assert_eq!(rows[5][4..7], ["9", "a, \"b\"\nc", ""]);
    }

    #[test]
    fn clients_without_secrets_to_list_get_one_record() {
        let none: [ClientSecret; 0] = [];
        let base = |id, secrets| ExportClient {
            kind: ClientKind::ClientCredentials,
            id,
            name: "App",
            enabled: None,
            secrets,
        };
        let clients = [
            base("a", SecretsForExport::Known(&none)),
            ExportClient {
                kind: ClientKind::AuthorizationCode,
                ..base("b", SecretsForExport::NotApplicable)
            },
            base(
                "c",
                SecretsForExport::Unavailable("Needs Tenant Administrator"),
            ),
            base(
                "d",
                SecretsForExport::Unavailable("Could not be read, try again"),
            ),
        ];
        let rows = read(&clients_csv(&clients, now()));
        assert_eq!(rows.len(), 5);
        let tail = |row: &Vec<String>| row[3..].to_vec();
        assert_eq!(rows[1][..3], ["Client-Credentials", "a", "App"]);
        assert_eq!(tail(&rows[1]), ["Unknown", "", "", "", "No secrets"]);
        assert_eq!(rows[2][0], "Authorization Code");
        assert_eq!(tail(&rows[2]), ["Unknown", "", "", "", "Not applicable"]);
        assert_eq!(
            tail(&rows[3]),
            ["Unknown", "", "", "", "Needs Tenant Administrator"]
        );
        assert_eq!(rows[4][7], "Could not be read, try again");
    }

    #[test]
    fn injection_guard_survives_a_reader() {
        let clients = [client_named("=cmd|' /C calc'!A0"), client_named("@x")];
        let rows = read(&clients_csv(&clients, now()));
        assert_eq!(rows[1][2], "'=cmd|' /C calc'!A0");
        assert_eq!(rows[2][2], "'@x");
    }

    fn client_named(name: &str) -> ExportClient<'_> {
        ExportClient {
            kind: ClientKind::ClientCredentials,
            id: "id",
            name,
            enabled: Some(true),
            secrets: SecretsForExport::NotApplicable,
        }
    }

    #[test]
    fn records_end_with_crlf_and_no_bare_line_breaks_outside_quotes() {
        let text = clients_csv(&[client_named("plain")], now());
        assert!(text.ends_with("Not applicable\r\n"));
        assert_eq!(text.matches("\r\n").count(), 2);
        assert_eq!(text.matches('\n').count(), 2);
        let empty = clients_csv(&[], now());
        assert_eq!(read(&empty), [CSV_HEADER.map(str::to_owned).to_vec()]);
        assert!(empty.ends_with("Secret State\r\n"));
    }
}
