//! Words for durations and times, as the UI shows them.

use chrono::{DateTime, Datelike, TimeDelta, TimeZone, Timelike, Utc};

fn plural(count: i64, unit: &str) -> String {
    if count == 1 {
        format!("1 {unit}")
    } else {
        format!("{count} {unit}s")
    }
}

/// A token lifetime in words: 3600 → "1 hour", 300 → "5 minutes", 90 → "1 minute 30 seconds",
/// 5400 → "1 hour 30 minutes". Zero or negative values are written in seconds.
pub fn token_lifetime_words(seconds: i64) -> String {
    if seconds <= 0 {
        return plural(seconds, "second");
    }
    let (hours, minutes, secs) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    let parts: Vec<String> = [(hours, "hour"), (minutes, "minute"), (secs, "second")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| plural(n, unit))
        .collect();
    parts.join(" ")
}

/// A positive duration in its largest unit, rounded to the nearest: "5 minutes", "3 hours",
/// "23 days" (a secret made a year ago minus a few seconds reads "in 365 days", not 364).
fn span_words(span: TimeDelta) -> String {
    let minutes = span.num_minutes().max(1);
    if span.num_days() >= 1 {
        plural((minutes + 12 * 60) / (24 * 60), "day")
    } else if span.num_hours() >= 1 {
        plural((minutes + 30) / 60, "hour")
    } else {
        plural(minutes, "minute")
    }
}

/// When a secret expires, relative to `now`: "in 23 days", "in 5 hours", "in 12 minutes",
/// "in less than a minute", "expired 3 days ago", "expired just now", or "never" (`None`).
pub fn relative_expiry(expiration: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    let Some(expiration) = expiration else {
        return "never".to_owned();
    };
    let delta = expiration - now;
    if delta > TimeDelta::zero() {
        if delta < TimeDelta::minutes(1) {
            "in less than a minute".to_owned()
        } else {
            format!("in {}", span_words(delta))
        }
    } else if -delta < TimeDelta::minutes(1) {
        "expired just now".to_owned()
    } else {
        format!("expired {} ago", span_words(-delta))
    }
}

/// Any instant relative to `now`: "in 3 days", "5 hours ago", "just now".
pub fn relative_time(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let delta = at - now;
    if delta.abs() < TimeDelta::minutes(1) {
        "just now".to_owned()
    } else if delta > TimeDelta::zero() {
        format!("in {}", span_words(delta))
    } else {
        format!("{} ago", span_words(-delta))
    }
}

/// An instant in the time zone `tz`, for people: "26 Nov 2027, 17:18".
pub fn format_datetime<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let local = at.with_timezone(tz);
    let month = MONTHS.get(local.month0() as usize).copied().unwrap_or("");
    format!(
        "{} {month} {}, {:02}:{:02}",
        local.day(),
        local.year(),
        local.hour(),
        local.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn token_lifetimes() {
        assert_eq!(token_lifetime_words(3600), "1 hour");
        assert_eq!(token_lifetime_words(300), "5 minutes");
        assert_eq!(token_lifetime_words(90), "1 minute 30 seconds");
        assert_eq!(token_lifetime_words(60), "1 minute");
        assert_eq!(token_lifetime_words(5400), "1 hour 30 minutes");
        assert_eq!(token_lifetime_words(7201), "2 hours 1 second");
        assert_eq!(token_lifetime_words(1), "1 second");
        assert_eq!(token_lifetime_words(0), "0 seconds");
    }

    #[test]
    fn relative_expiries() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let r = |delta: TimeDelta| relative_expiry(Some(now + delta), now);
        assert_eq!(relative_expiry(None, now), "never");
        assert_eq!(r(TimeDelta::days(23) + TimeDelta::hours(5)), "in 23 days");
        assert_eq!(r(TimeDelta::days(1)), "in 1 day");
        assert_eq!(
            r(TimeDelta::days(365) - TimeDelta::seconds(5)),
            "in 365 days"
        );
        assert_eq!(r(TimeDelta::days(2) + TimeDelta::hours(13)), "in 3 days");
        assert_eq!(
            r(TimeDelta::hours(2) + TimeDelta::minutes(40)),
            "in 3 hours"
        );
        assert_eq!(r(TimeDelta::hours(5)), "in 5 hours");
        assert_eq!(r(TimeDelta::minutes(12)), "in 12 minutes");
        assert_eq!(r(TimeDelta::seconds(20)), "in less than a minute");
        assert_eq!(r(TimeDelta::zero()), "expired just now");
        assert_eq!(r(-TimeDelta::days(3)), "expired 3 days ago");
        assert_eq!(r(-TimeDelta::hours(1)), "expired 1 hour ago");
        assert_eq!(r(-TimeDelta::minutes(2)), "expired 2 minutes ago");
    }

    #[test]
    fn relative_times() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        assert_eq!(relative_time(now + TimeDelta::days(3), now), "in 3 days");
        assert_eq!(relative_time(now - TimeDelta::hours(5), now), "5 hours ago");
        assert_eq!(relative_time(now + TimeDelta::seconds(10), now), "just now");
    }

    #[test]
    fn local_datetime_for_people() {
        let at = Utc.with_ymd_and_hms(2027, 11, 26, 16, 18, 0).unwrap();
        let tz = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(format_datetime(at, &tz), "26 Nov 2027, 17:18");
        // The same text as chrono's "%-d %b %Y, %H:%M" (which the wasm no longer carries).
        for (y, mo, d, h, mi) in [
            (2026, 1, 5, 0, 7),
            (2027, 12, 31, 23, 59),
            (2028, 2, 29, 9, 0),
        ] {
            let at = Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap();
            for tz in [
                FixedOffset::east_opt(0).unwrap(),
                FixedOffset::west_opt(5 * 3600 + 1800).unwrap(),
            ] {
                assert_eq!(
                    format_datetime(at, &tz),
                    at.with_timezone(&tz).format("%-d %b %Y, %H:%M").to_string()
                );
            }
        }
    }
}
