//! Rules of the Rotate Secret wizard (a new secret, then a grace period for the old one) and of
//! Remove Expired Secrets.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};

use super::health::SecretHealth;
use super::validate::validate_secret_count;
use super::wire::{ClientSecret, ClientSecretCreateOrUpdate};

pub use super::validate::MAX_SECRETS;

/// Whether a client with `existing` secrets may get another (fewer than [`MAX_SECRETS`]).
pub fn can_add_secret(existing: usize) -> bool {
    validate_secret_count(existing).is_ok()
}

/// The description of the new secret of a rotation: `"<old> (rotated YYYY-MM-DD)"`, e.g.
/// `"Primary (rotated 2026-11-30)"`.
///
/// An old description that already ends with ` (rotated YYYY-MM-DD)` gets a new date instead
/// of a second suffix; an empty one (or one that is only `Rotated YYYY-MM-DD`) gives
/// `"Rotated YYYY-MM-DD"`. Pass the user's local date.
pub fn rotated_description(old: Option<&str>, today: NaiveDate) -> String {
    let date = iso_date(today);
    let old = old.unwrap_or("").trim();
    let base = match strip_dated(old, "(rotated ", ")") {
        Some(base) if base.is_empty() || base.ends_with(char::is_whitespace) => base.trim_end(),
        _ => old,
    };
    if base.is_empty() || strip_dated(base, "Rotated ", "") == Some("") {
        return format!("Rotated {date}");
    }
    format!("{base} (rotated {date})")
}

/// `text` without a final `<before>YYYY-MM-DD<after>`, if it ends so.
fn strip_dated<'t>(text: &'t str, before: &str, after: &str) -> Option<&'t str> {
    let rest = text.strip_suffix(after)?;
    let split = rest.len().checked_sub(10)?;
    parse_iso_date(rest.get(split..)?)?;
    rest[..split].strip_suffix(before)
}

/// Parses exactly `YYYY-MM-DD` (without chrono's format machinery, as in `expiry`).
fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// `YYYY-MM-DD`.
fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// How long the old secret keeps working after a rotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GracePeriod {
    /// One day.
    OneDay,
    /// Seven days.
    SevenDays,
    /// Thirty days.
    ThirtyDays,
}

impl GracePeriod {
    /// Every choice, shortest first.
    pub const ALL: [GracePeriod; 3] = [
        GracePeriod::OneDay,
        GracePeriod::SevenDays,
        GracePeriod::ThirtyDays,
    ];

    /// Its length in days.
    pub fn days(self) -> i64 {
        match self {
            GracePeriod::OneDay => 1,
            GracePeriod::SevenDays => 7,
            GracePeriod::ThirtyDays => 30,
        }
    }

    /// The words people see: "1 day", "7 days" or "30 days".
    pub fn label(self) -> &'static str {
        match self {
            GracePeriod::OneDay => "1 day",
            GracePeriod::SevenDays => "7 days",
            GracePeriod::ThirtyDays => "30 days",
        }
    }
}

/// What a rotation does to the old secret's expiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraceChange {
    /// Set its expiry to this, the end of the grace period (it expired later, or never).
    Shorten(DateTime<Utc>),
    /// Leave it: it already expires by the end of the grace period (a rotation never extends
    /// a secret).
    KeepSooner,
    /// Leave it: it has already expired.
    AlreadyExpired,
}

/// What a rotation at `now` with `grace` does to `old`. The grace period ends at `now + grace`
/// (to the whole second, rounded down). A secret that never expires, or expires after that, is
/// shortened to it; one that expires at or before it is kept; an expired one (at or before
/// `now`, as [`SecretHealth::Expired`]) is left alone.
pub fn grace_change(old: &ClientSecret, grace: GracePeriod, now: DateTime<Utc>) -> GraceChange {
    let end = now + TimeDelta::days(grace.days());
    let end = end.with_nanosecond(0).unwrap_or(end);
    if SecretHealth::of_secret(old, now) == SecretHealth::Expired {
        return GraceChange::AlreadyExpired;
    }
    match old.effective_expiration() {
        Some(expiry) if expiry <= end => GraceChange::KeepSooner,
        _ => GraceChange::Shorten(end),
    }
}

/// The PUT body that ends the old secret at `end`: `{"Expiration": "<end>", "Expires": true}`,
/// the description left out (unchanged).
pub fn grace_update_body(end: DateTime<Utc>) -> ClientSecretCreateOrUpdate {
    ClientSecretCreateOrUpdate::expires_at(end, None)
}

/// The secrets that have expired at `now` ([`SecretHealth::Expired`]), in the given order: what
/// Remove Expired Secrets removes.
pub fn expired_secrets(secrets: &[ClientSecret], now: DateTime<Utc>) -> Vec<ClientSecret> {
    secrets
        .iter()
        .filter(|secret| SecretHealth::of_secret(secret, now) == SecretHealth::Expired)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn expiring(at: Option<DateTime<Utc>>) -> ClientSecret {
        ClientSecret {
            id: Some(1),
            description: Some("Primary".into()),
            expiration: at,
            expires: Some(at.is_some()),
        }
    }

    #[test]
    fn the_secret_limit() {
        assert_eq!(MAX_SECRETS, 10);
        assert!(can_add_secret(0));
        assert!(can_add_secret(9));
        assert!(!can_add_secret(10));
        assert!(!can_add_secret(11));
    }

    #[test]
    fn rotated_descriptions() {
        let r = |old| rotated_description(old, today());
        assert_eq!(r(Some("Primary")), "Primary (rotated 2026-11-30)");
        assert_eq!(r(Some("  Primary  ")), "Primary (rotated 2026-11-30)");
        assert_eq!(
            r(Some("Primary (rotated 2025-01-02)")),
            "Primary (rotated 2026-11-30)"
        );
        assert_eq!(
            r(Some("Primary  (rotated 2025-01-02) ")),
            "Primary (rotated 2026-11-30)"
        );
        assert_eq!(r(None), "Rotated 2026-11-30");
        assert_eq!(r(Some("")), "Rotated 2026-11-30");
        assert_eq!(r(Some("   ")), "Rotated 2026-11-30");
        assert_eq!(r(Some("Rotated 2025-01-02")), "Rotated 2026-11-30");
        assert_eq!(r(Some(" (rotated 2025-01-02)")), "Rotated 2026-11-30");
        assert_eq!(r(Some("(rotated 2025-01-02)")), "Rotated 2026-11-30");
        // Not a rotation suffix: kept as written.
        for old in [
            "Primary (rotated soon)",
            "Primary (rotated 2025-13-45)",
            "Primary (Rotated 2025-01-02) v2",
            "Rotated 2025-01-02 gateway",
            "Grüße (rotated 2025-1-2)",
            "Primary(rotated 2025-01-02)",
            "Primary (rotated 2025-01-0x)",
        ] {
            assert_eq!(r(Some(old)), format!("{old} (rotated 2026-11-30)"));
        }
        // Short or non-ASCII text never panics.
        assert_eq!(r(Some("ü)")), "ü) (rotated 2026-11-30)");
        assert_eq!(r(Some("éééééééééé)")), "éééééééééé) (rotated 2026-11-30)");
    }

    #[test]
    fn grace_periods() {
        let days: Vec<i64> = GracePeriod::ALL.iter().map(|g| g.days()).collect();
        assert_eq!(days, [1, 7, 30]);
        let labels: Vec<&str> = GracePeriod::ALL.iter().map(|g| g.label()).collect();
        assert_eq!(labels, ["1 day", "7 days", "30 days"]);
    }

    #[test]
    fn grace_change_boundaries() {
        let grace = GracePeriod::SevenDays;
        let end = now() + TimeDelta::days(7);
        let change = |at: Option<DateTime<Utc>>| grace_change(&expiring(at), grace, now());
        let second = TimeDelta::seconds(1);
        assert_eq!(change(None), GraceChange::Shorten(end));
        assert_eq!(change(Some(end + second)), GraceChange::Shorten(end));
        assert_eq!(
            change(Some(end + TimeDelta::days(300))),
            GraceChange::Shorten(end)
        );
        assert_eq!(change(Some(end)), GraceChange::KeepSooner);
        assert_eq!(change(Some(end - second)), GraceChange::KeepSooner);
        assert_eq!(change(Some(now() + second)), GraceChange::KeepSooner);
        assert_eq!(change(Some(now())), GraceChange::AlreadyExpired);
        assert_eq!(change(Some(now() - second)), GraceChange::AlreadyExpired);
        assert_eq!(
            change(Some(now() - TimeDelta::days(90))),
            GraceChange::AlreadyExpired
        );
        // `Expires: false` wins over a date, even a past one: it never expires.
        let never = ClientSecret {
            expires: Some(false),
            ..expiring(Some(now() - TimeDelta::days(1)))
        };
        assert_eq!(
            grace_change(&never, grace, now()),
            GraceChange::Shorten(end)
        );
    }

    #[test]
    fn each_grace_period_ends_at_its_own_time() {
        let old = expiring(Some(now() + TimeDelta::days(8)));
        assert_eq!(
            grace_change(&old, GracePeriod::OneDay, now()),
            GraceChange::Shorten(now() + TimeDelta::days(1))
        );
        assert_eq!(
            grace_change(&old, GracePeriod::SevenDays, now()),
            GraceChange::Shorten(now() + TimeDelta::days(7))
        );
        assert_eq!(
            grace_change(&old, GracePeriod::ThirtyDays, now()),
            GraceChange::KeepSooner
        );
    }

    #[test]
    fn the_grace_end_drops_sub_seconds() {
        let now = now() + TimeDelta::milliseconds(750);
        assert_eq!(
            grace_change(&expiring(None), GracePeriod::OneDay, now),
            GraceChange::Shorten(Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap())
        );
    }

    #[test]
    fn the_grace_body_changes_the_expiry_only() {
        let end = now() + TimeDelta::days(7);
        let body = serde_json::to_value(grace_update_body(end)).unwrap();
        assert_eq!(
            body,
            json!({"Expiration": "2026-12-07T12:00:00Z", "Expires": true})
        );
    }

    #[test]
    fn expired_secrets_in_order() {
        let secret = |id, at: Option<DateTime<Utc>>, expires| ClientSecret {
            id: Some(id),
            description: None,
            expiration: at,
            expires,
        };
        let second = TimeDelta::seconds(1);
        let secrets = [
            secret(1, Some(now() + second), Some(true)),
            secret(2, Some(now() - TimeDelta::days(3)), Some(true)),
            secret(3, None, Some(false)),
            secret(4, Some(now()), None),
            secret(5, Some(now() - TimeDelta::days(9)), Some(false)),
            secret(6, Some(now() - second), None),
        ];
        let ids: Vec<Option<i32>> = expired_secrets(&secrets, now())
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, [Some(2), Some(4), Some(6)]);
        assert!(expired_secrets(&[], now()).is_empty());
    }

    #[test]
    fn iso_dates() {
        assert_eq!(
            parse_iso_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for bad in [
            "2023-02-29",
            "2024-2-29",
            "2024-02-29x",
            "2024/02/29",
            "+024-02-29",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad:?}");
        }
    }
}
