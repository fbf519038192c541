//! Secret expiry: the one-year default and conversions between local input and UTC.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Timelike, Utc};

/// The same calendar date one year later; 29 February becomes 28 February.
pub fn one_year_later(date: NaiveDate) -> NaiveDate {
    let year = date.year() + 1;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(date + TimeDelta::days(365))
}

/// The default expiry of a new secret (the portal's default): the same local date and time
/// one year after `now`, in `now`'s time zone, as UTC and to the whole second.
///
/// Pass `Utc::now().with_timezone(&Local)` in the app; tests pass a fixed offset. When the
/// local time does not exist a year later (a daylight-saving gap) it moves forward by an hour;
/// when it exists twice the earlier one is used.
pub fn default_secret_expiration<Tz: TimeZone>(now: &DateTime<Tz>) -> DateTime<Utc> {
    let local = now.naive_local();
    let target = NaiveDateTime::new(one_year_later(local.date()), local.time())
        .with_nanosecond(0)
        .unwrap_or(local);
    local_to_utc(target, &now.timezone()).unwrap_or_else(|| {
        let fallback = now.with_timezone(&Utc) + TimeDelta::days(365);
        fallback.with_nanosecond(0).unwrap_or(fallback)
    })
}

/// Converts a local date-time (e.g. from an `<input type="datetime-local">`) to UTC. An
/// ambiguous time takes the earlier instant; a time in a daylight-saving gap moves forward by
/// an hour; `None` only if neither exists.
pub fn local_to_utc<Tz: TimeZone>(local: NaiveDateTime, tz: &Tz) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + TimeDelta::hours(1)))
                .earliest()
        })
        .map(|at| at.with_timezone(&Utc))
}

/// Parses the value of an `<input type="datetime-local">` (`YYYY-MM-DDTHH:MM`, optionally with
/// seconds).
pub fn parse_datetime_local(value: &str) -> Option<NaiveDateTime> {
    parse_iso_datetime(value.trim(), false)
}

/// Parses `YYYY-MM-DDTHH:MM`, then `:SS` (optional unless `seconds`), then (only after
/// seconds, and only if `seconds`) an optional fraction `.` + 1–9 digits: what chrono's
/// `%Y-%m-%dT%H:%M[:%S[%.f]]` reads from canonical text, without chrono's format machinery
/// (about 20 KB of wasm). Fields have exactly their canonical number of digits.
pub(crate) fn parse_iso_datetime(text: &str, seconds: bool) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let sep = |at: usize, c: u8| (b.get(at) == Some(&c)).then_some(());
    let year = num(0, 4)?;
    sep(4, b'-')?;
    let month = num(5, 2)?;
    sep(7, b'-')?;
    let day = num(8, 2)?;
    sep(10, b'T')?;
    let hour = num(11, 2)?;
    sep(13, b':')?;
    let minute = num(14, 2)?;
    let (second, nano, end) = if b.len() > 16 || seconds {
        sep(16, b':')?;
        let second = num(17, 2)?;
        match b.get(19) {
            Some(b'.') if seconds => {
                let fraction = &b[20..];
                if fraction.is_empty() || !fraction.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                let nano = fraction
                    .iter()
                    .chain(std::iter::repeat(&b'0'))
                    .take(9)
                    .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
                (second, nano, b.len())
            }
            _ => (second, 0, 19),
        }
    } else {
        (0, 0, 16)
    };
    if b.len() != end {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?
        .and_hms_nano_opt(hour, minute, second, nano)
}

/// Formats an instant for an `<input type="datetime-local">` in the time zone `tz`
/// (`YYYY-MM-DDTHH:MM`).
pub fn to_datetime_local<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let local = at.with_timezone(tz);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn at(offset_hours: i32, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(offset_hours * 3600)
            .unwrap()
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn one_year_later_keeps_the_local_date_and_time() {
        let expiry = default_secret_expiration(&at(1, 2026, 11, 26, 17, 18));
        assert_eq!(expiry, utc(2027, 11, 26, 16, 18));
        let json = serde_json::to_string(&expiry).unwrap();
        assert_eq!(json, "\"2027-11-26T16:18:00Z\"");
    }

    #[test]
    fn leap_day_becomes_28_february() {
        let expiry = default_secret_expiration(&at(-5, 2028, 2, 29, 23, 30));
        // 2029-02-28 23:30 at −05:00 is 2029-03-01 04:30 UTC.
        assert_eq!(expiry, utc(2029, 3, 1, 4, 30));
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(one_year_later(day(2024, 2, 29)), day(2025, 2, 28));
        assert_eq!(one_year_later(day(2027, 2, 28)), day(2028, 2, 28));
    }

    #[test]
    fn local_date_not_utc_date_is_kept() {
        // 00:30 on 1 March local (+02:00) is still 28 February in UTC.
        let expiry = default_secret_expiration(&at(2, 2027, 3, 1, 0, 30));
        assert_eq!(expiry, utc(2028, 2, 29, 22, 30));
    }

    #[test]
    fn sub_seconds_are_dropped() {
        let now = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap() + TimeDelta::milliseconds(678);
        let expiry = default_secret_expiration(&now);
        assert_eq!(
            serde_json::to_string(&expiry).unwrap(),
            "\"2027-01-02T03:04:05Z\""
        );
    }

    #[test]
    fn datetime_local_round_trip() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let local = parse_datetime_local("2027-11-26T17:18").unwrap();
        let back = local_to_utc(local, &tz).unwrap();
        assert_eq!(back, utc(2027, 11, 26, 16, 18));
        assert_eq!(to_datetime_local(back, &tz), "2027-11-26T17:18");
        assert!(parse_datetime_local("2027-11-26T17:18:30").is_some());
        assert!(parse_datetime_local("tomorrow").is_none());
    }

    #[test]
    fn iso_datetimes_parse_like_chrono_formats() {
        let chrono = |text: &str, format: &str| NaiveDateTime::parse_from_str(text, format).ok();
        for text in [
            "2027-11-26T17:18",
            "2027-11-26T17:18:30",
            "2024-02-29T00:00",
            "2023-02-29T00:00",
            "2027-13-01T00:00",
            "2027-11-26T24:00",
            "2027-11-26T17:18:",
            "2027-11-26T17:18:30.5",
            "2027-11-26 17:18",
            "2027-11-26T17:18Z",
            "tomorrow",
            "",
        ] {
            let expected =
                chrono(text, "%Y-%m-%dT%H:%M").or_else(|| chrono(text, "%Y-%m-%dT%H:%M:%S"));
            assert_eq!(parse_datetime_local(text), expected, "{text:?}");
        }
        for text in [
            "2027-11-26T17:18:30",
            "2027-11-26T17:18:30.1",
            "2027-11-26T17:18:30.123456789",
            "2027-11-26T17:18:30.",
            "2027-11-26T17:18:30.12x",
            "2027-11-26T17:18",
            "2027-11-26T17:18:61",
            "2027-11-26T17:18:30Z",
        ] {
            assert_eq!(
                parse_iso_datetime(text, true),
                chrono(text, "%Y-%m-%dT%H:%M:%S%.f"),
                "{text:?}"
            );
        }
    }
}
