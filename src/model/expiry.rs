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
    let value = value.trim();
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

/// Formats an instant for an `<input type="datetime-local">` in the time zone `tz`
/// (`YYYY-MM-DDTHH:MM`).
pub fn to_datetime_local<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    at.with_timezone(tz).format("%Y-%m-%dT%H:%M").to_string()
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

    #[test]
    fn one_year_later_keeps_the_local_date_and_time() {
        let expiry = default_secret_expiration(&at(1, 2026, 11, 26, 17, 18));
        assert_eq!(
            expiry,
            Utc.with_ymd_and_hms(2027, 11, 26, 16, 18, 0).unwrap()
        );
        let json = serde_json::to_string(&expiry).unwrap();
        assert_eq!(json, "\"2027-11-26T16:18:00Z\"");
    }

    #[test]
    fn leap_day_becomes_28_february() {
        let expiry = default_secret_expiration(&at(-5, 2028, 2, 29, 23, 30));
        // 2029-02-28 23:30 at −05:00 is 2029-03-01 04:30 UTC.
        assert_eq!(expiry, Utc.with_ymd_and_hms(2029, 3, 1, 4, 30, 0).unwrap());
        assert_eq!(
            one_year_later(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()),
            NaiveDate::from_ymd_opt(2025, 2, 28).unwrap()
        );
        assert_eq!(
            one_year_later(NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()),
            NaiveDate::from_ymd_opt(2028, 2, 28).unwrap()
        );
    }

    #[test]
    fn local_date_not_utc_date_is_kept() {
        // 00:30 on 1 March local (+02:00) is still 28 February in UTC.
        let expiry = default_secret_expiration(&at(2, 2027, 3, 1, 0, 30));
        assert_eq!(
            expiry,
            Utc.with_ymd_and_hms(2028, 2, 29, 22, 30, 0).unwrap()
        );
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
        let utc = local_to_utc(local, &tz).unwrap();
        assert_eq!(utc, Utc.with_ymd_and_hms(2027, 11, 26, 16, 18, 0).unwrap());
        assert_eq!(to_datetime_local(utc, &tz), "2027-11-26T17:18");
        assert!(parse_datetime_local("2027-11-26T17:18:30").is_some());
        assert!(parse_datetime_local("tomorrow").is_none());
    }
}
