//! A calendar reminder for the day a client secret expires: one iCalendar file (RFC 5545) with
//! one event at the expiry and alarms 30 and 7 days before it.

use chrono::{DateTime, Datelike, TimeDelta, Timelike, Utc};

use super::wire::ClientSecret;

/// The longest content line, in octets, without its CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// `PRODID` of the files this console writes.
const PRODID: &str = "-//AVEVA//Clients Console//EN";

/// The reminder for `secret` of the client `client_name` (`client_id`), as the text of an
/// `.ics` file; `None` when the secret never expires.
///
/// The event starts at the expiry (UTC) and lasts 30 minutes; its two alarms ring 30 and 7 days
/// before. Its `UID` depends only on the client, the secret and the expiry, so that a calendar
/// that imports the file twice updates one event, and a changed expiry gives a new one. A
/// secret that has already expired still gets a file (its event is in the past): whether to
/// offer one is the page's choice. Lines end with CRLF and are folded at 75 octets, never
/// inside a UTF-8 character; TEXT values are escaped.
pub fn reminder_ics(
    client_name: &str,
    client_id: &str,
    secret: &ClientSecret,
    now: DateTime<Utc>,
) -> Option<String> {
    let expiry = secret.effective_expiration()?;
    let start = ics_utc(expiry);
    let summary = format!(
        "Client secret expires: {client_name} ({})",
        secret_name(secret)
    );
    let mut ics = Ics::default();
    ics.raw("BEGIN", "VCALENDAR");
    ics.raw("VERSION", "2.0");
    ics.text("PRODID", PRODID);
    ics.raw("CALSCALE", "GREGORIAN");
    ics.raw("METHOD", "PUBLISH");
    ics.raw("BEGIN", "VEVENT");
    ics.text("UID", &uid(client_id, secret, &start));
    ics.raw("DTSTAMP", &ics_utc(now));
    ics.raw("DTSTART", &start);
    ics.raw("DTEND", &ics_utc(expiry + TimeDelta::minutes(30)));
    ics.text("SUMMARY", &summary);
    ics.text(
        "DESCRIPTION",
        &description(client_name, client_id, secret, expiry),
    );
    ics.raw("TRANSP", "TRANSPARENT");
    for trigger in ["-P30D", "-P7D"] {
        ics.alarm(trigger, &summary);
    }
    ics.raw("END", "VEVENT");
    ics.raw("END", "VCALENDAR");
    Some(ics.out)
}

/// A safe download name for the reminder, e.g. `secret-expiry-Plant-4-gateway-12.ics`: the
/// client name reduced to letters, digits and single dashes (at most 60 characters), then the
/// secret id.
pub fn ics_file_name(client_name: &str, secret: &ClientSecret) -> String {
    let mut name = String::from("secret-expiry-");
    name.push_str(&file_name_part(client_name, 60, "client"));
    if let Some(id) = secret.id {
        name.push('-');
        name.push_str(&id.to_string());
    }
    name.push_str(".ics");
    name
}

/// `text` as one part of a file name: runs of anything but letters and digits become one `-`,
/// no dash at either end, at most `max_chars` characters; `fallback` when nothing is left.
pub(crate) fn file_name_part(text: &str, max_chars: usize, fallback: &str) -> String {
    let mut part = String::new();
    let (mut count, mut gap) = (0, false);
    for c in text.chars() {
        if !c.is_alphanumeric() {
            gap = true;
            continue;
        }
        let dash = gap && count > 0;
        if count + usize::from(dash) + 1 > max_chars {
            break;
        }
        if dash {
            part.push('-');
            count += 1;
        }
        part.push(c);
        count += 1;
        gap = false;
    }
    if part.is_empty() {
        fallback.to_owned()
    } else {
        part
    }
}

/// The secret as people know it: its description, else `Secret <id>`.
fn secret_name(secret: &ClientSecret) -> String {
    match (secret.description.as_deref().map(str::trim), secret.id) {
        (Some(description), _) if !description.is_empty() => description.to_owned(),
        (_, Some(id)) => format!("Secret {id}"),
        (_, None) => "Secret".to_owned(),
    }
}

/// `secret-<id>-<client id>-<expiry>@clients-console`.
fn uid(client_id: &str, secret: &ClientSecret, start: &str) -> String {
    let id = secret
        .id
        .map_or_else(|| "none".to_owned(), |id| id.to_string());
    format!("secret-{id}-{client_id}-{start}@clients-console")
}

/// Which client and secret, when, and what to do.
fn description(
    client_name: &str,
    client_id: &str,
    secret: &ClientSecret,
    expiry: DateTime<Utc>,
) -> String {
    let id = secret
        .id
        .map_or_else(String::new, |id| format!(" (ID {id})"));
    format!(
        "The secret \"{}\"{id} of the client \"{client_name}\" (Client ID: {client_id}) \
         expires on {} UTC. After that the application can no longer sign in with it.\n\n\
         Before then, in Security > Clients: add a new secret to the client, switch the \
         application to the new secret, then remove the old one. Changes can take up to an \
         hour to take effect.",
        secret_name(secret),
        readable_utc(expiry),
    )
}

/// `YYYYMMDDTHHMMSSZ` (an iCalendar UTC DATE-TIME).
fn ics_utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `YYYY-MM-DD HH:MM`.
fn readable_utc(at: DateTime<Utc>) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// An iCalendar being written: content lines, folded, each ending with CRLF.
#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    /// `NAME:value`, the value written as it is (it must need no escaping).
    fn raw(&mut self, name: &str, value: &str) {
        self.line(name, value);
    }

    /// `NAME:value` with a TEXT value, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape_text(value));
    }

    /// A display alarm `trigger` (a duration before the start) before the event.
    fn alarm(&mut self, trigger: &str, description: &str) {
        self.raw("BEGIN", "VALARM");
        self.raw("ACTION", "DISPLAY");
        self.text("DESCRIPTION", description);
        self.raw("TRIGGER", trigger);
        self.raw("END", "VALARM");
    }

    fn line(&mut self, name: &str, value: &str) {
        let mut line = String::with_capacity(name.len() + 1 + value.len());
        line.push_str(name);
        line.push(':');
        line.push_str(value);
        push_folded(&mut self.out, &line);
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` get a backslash, a line break
/// (LF, CRLF or CR) becomes `\n`, other control characters but TAB are dropped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded (RFC 5545 §3.1): at most 75 octets per line, each continuation line
/// starting with one space, never inside a UTF-8 character; each line ends with CRLF.
fn push_folded(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    loop {
        let cut = char_floor(rest, room);
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        if rest.is_empty() {
            return;
        }
        out.push(' ');
        room = MAX_LINE_OCTETS - 1;
    }
}

/// The largest char boundary of `text` at most `max` (all of `text` if it fits).
fn char_floor(text: &str, max: usize) -> usize {
    if text.len() <= max {
        return text.len();
    }
    (1..=max)
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
    }

    fn expiry() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 1, 8, 30, 15).unwrap()
    }

    fn secret(id: i32, description: Option<&str>, expires: Option<bool>) -> ClientSecret {
        ClientSecret::for_test(id, description, Some(expiry()), expires)
    }

    fn lines(ics: &str) -> Vec<&str> {
        ics.strip_suffix("\r\n").unwrap().split("\r\n").collect()
    }

    #[test]
    fn never_expiring_secrets_get_no_reminder() {
        let never = secret(3, None, Some(false));
        assert_eq!(reminder_ics("App", "id", &never, now()), None);
        let no_date = ClientSecret {
            expiration: None,
            ..secret(3, None, Some(true))
        };
        assert_eq!(reminder_ics("App", "id", &no_date, now()), None);
    }

    #[test]
    fn the_calendar_as_written() {
        let ics = reminder_ics("App", "c1", &secret(7, None, None), now()).unwrap();
        assert_eq!(
            &lines(&ics)[..11],
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//AVEVA//Clients Console//EN",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                "BEGIN:VEVENT",
                "UID:secret-7-c1-20270301T083015Z@clients-console",
                "DTSTAMP:20261126T120000Z",
                "DTSTART:20270301T083015Z",
                "DTEND:20270301T090015Z",
                "SUMMARY:Client secret expires: App (Secret 7)",
            ]
            .as_slice(),
            "{ics}"
        );
    }

    #[test]
    fn the_uid_changes_with_the_expiry_only() {
        let uid = |s: &ClientSecret, at| {
            let ics = reminder_ics("Name", "c1", s, at).unwrap();
            lines(&ics)
                .into_iter()
                .find(|l| l.starts_with("UID:"))
                .unwrap()
                .to_owned()
        };
        let s = secret(7, Some("Primary"), None);
        assert_eq!(uid(&s, now()), uid(&s, now() + TimeDelta::days(3)));
        let later = ClientSecret {
            expiration: Some(expiry() + TimeDelta::days(365)),
            ..s.clone()
        };
        assert_ne!(uid(&s, now()), uid(&later, now()));
        assert_ne!(
            uid(&s, now()),
            uid(&secret(8, Some("Primary"), None), now())
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(
            escape_text("one\ntwo\r\nthree\rfour"),
            r"one\ntwo\nthree\nfour"
        );
        assert_eq!(escape_text("tab\there\u{7}bell"), "tab\therebell");
        assert_eq!(escape_text("Zürich: ok"), "Zürich: ok");
    }

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        for len in [0, 1, 74, 75, 76, 149, 150, 151, 400] {
            for filler in ["a", "é", "€", "😀"] {
                let value: String = filler.repeat(len);
                let mut out = String::new();
                push_folded(&mut out, &format!("DESCRIPTION:{value}"));
                let physical = lines(&out);
                for (i, line) in physical.iter().enumerate() {
                    assert!(line.len() <= MAX_LINE_OCTETS, "{len} {filler}: {line:?}");
                    assert_eq!(i > 0, line.starts_with(' '), "{line:?}");
                }
                let unfolded = out.replace("\r\n ", "");
                assert_eq!(unfolded, format!("DESCRIPTION:{value}\r\n"));
                // A full first line: folding only where a character had to wait.
                if physical.len() > 1 {
                    assert!(physical[0].len() > MAX_LINE_OCTETS - filler.len());
                }
            }
        }
    }

    #[test]
    fn file_names_are_safe() {
        let s = secret(12, None, None);
        assert_eq!(
            ics_file_name("Plant 4 / gateway", &s),
            "secret-expiry-Plant-4-gateway-12.ics"
        );
        assert_eq!(
            ics_file_name("  Zürich: \"Ops\"\\..  ", &s),
            "secret-expiry-Zürich-Ops-12.ics"
        );
        assert_eq!(ics_file_name("../..", &s), "secret-expiry-client-12.ics");
        let long = ics_file_name(&"x".repeat(500), &ClientSecret::default());
        assert_eq!(long, format!("secret-expiry-{}.ics", "x".repeat(60)));
    }
}

/// Reads the files back with a real iCalendar parser (`icalendar`, a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod parsed {
    use super::*;
    use chrono::TimeZone;
    use icalendar::parser::{read_calendar, unfold, Component};
    use icalendar::{CalendarDateTime, Component as _, DatePerhapsTime};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
    }

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 1, 8, 30, 15).unwrap()
    }

    const NAME: &str = "Zürich; line, two\nthree — Werk Süd, Halle 7; Ölpumpen \\ Förderband";
    const DESCRIPTION: &str =
        "Primary; for the gateway, über alles\r\nsecond line with € and 😀 in it, long enough";

    fn secret() -> ClientSecret {
        ClientSecret {
            id: Some(42),
            description: Some(DESCRIPTION.to_owned()),
            expiration: Some(at()),
            expires: Some(true),
        }
    }

    fn prop<'a>(component: &'a Component<'a>, name: &str) -> String {
        component
            .find_prop(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .val
            .as_str()
            .to_owned()
    }

    #[test]
    fn a_parser_reads_one_event_with_its_alarms() {
        let ics = reminder_ics(NAME, "c0ffee-id", &secret(), now()).unwrap();
        let unfolded = unfold(&ics);
        let calendar = read_calendar(&unfolded).unwrap();
        let calendar_prop = |name: &str| {
            calendar
                .properties
                .iter()
                .find(|p| p.name.as_str() == name)
                .map(|p| p.val.as_str().to_owned())
        };
        assert_eq!(calendar_prop("VERSION").as_deref(), Some("2.0"));
        assert_eq!(calendar_prop("CALSCALE").as_deref(), Some("GREGORIAN"));
        assert_eq!(calendar_prop("METHOD").as_deref(), Some("PUBLISH"));
        assert_eq!(calendar.components.len(), 1);
        let event = &calendar.components[0];
        assert_eq!(event.name.as_str(), "VEVENT");

        let want_summary = format!(
            "Client secret expires: {NAME} ({})",
            DESCRIPTION.replace("\r\n", "\n")
        );
        assert_eq!(prop(event, "SUMMARY"), want_summary);
        let description = prop(event, "DESCRIPTION");
        for part in [
            NAME,
            "c0ffee-id",
            "(ID 42)",
            &DESCRIPTION.replace("\r\n", "\n"),
            "2027-03-01 08:30 UTC",
            "add a new secret",
            "switch the application to the new secret",
            "remove the old one",
            "up to an hour",
        ] {
            assert!(description.contains(part), "{part:?} in {description:?}");
        }
        assert_eq!(prop(event, "DTSTART"), "20270301T083015Z");
        assert_eq!(prop(event, "DTEND"), "20270301T090015Z");
        assert_eq!(prop(event, "DTSTAMP"), "20261126T120000Z");
        assert_eq!(
            prop(event, "UID"),
            "secret-42-c0ffee-id-20270301T083015Z@clients-console"
        );

        let alarms: Vec<_> = event.components.iter().collect();
        assert_eq!(alarms.len(), 2);
        let triggers: Vec<String> = alarms.iter().map(|a| prop(a, "TRIGGER")).collect();
        assert_eq!(triggers, ["-P30D", "-P7D"]);
        for alarm in alarms {
            assert_eq!(alarm.name.as_str(), "VALARM");
            assert_eq!(prop(alarm, "ACTION"), "DISPLAY");
            assert_eq!(prop(alarm, "DESCRIPTION"), want_summary);
        }
    }

    #[test]
    fn the_typed_event_starts_at_the_expiry() {
        let ics = reminder_ics(NAME, "c0ffee-id", &secret(), now()).unwrap();
        let calendar: icalendar::Calendar = ics.parse().unwrap();
        let events: Vec<_> = calendar
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(events.len(), 1);
        let start = events[0].get_start();
        assert_eq!(
            start,
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at())))
        );
        assert_eq!(
            events[0].get_end(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(
                at() + TimeDelta::minutes(30)
            )))
        );
        assert_eq!(
            events[0].get_summary().map(str::to_owned),
            Some(format!(
                "Client secret expires: {NAME} ({})",
                DESCRIPTION.replace("\r\n", "\n")
            ))
        );
    }

    #[test]
    fn lines_are_crlf_and_short() {
        let ics = reminder_ics(NAME, "c0ffee-id", &secret(), now()).unwrap();
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
        assert_eq!(ics.matches('\r').count(), ics.matches("\r\n").count());
        let lines: Vec<&str> = ics.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        assert!(lines.iter().any(|l| l.starts_with(' ')), "nothing folded");
        for line in lines {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
            assert!(!line.is_empty());
        }
    }

    #[test]
    fn an_expired_secret_still_gets_a_reminder_in_the_past() {
        let ics = reminder_ics("App", "id", &secret(), at() + TimeDelta::days(2)).unwrap();
        let calendar: icalendar::Calendar = ics.parse().unwrap();
        let event = calendar.components[0].as_event().unwrap();
        assert_eq!(
            event.get_start(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at())))
        );
    }
}
