//! How close a secret (and so a client) is to breaking.

use chrono::{DateTime, TimeDelta, Utc};

use super::wire::ClientSecret;

/// How soon a secret stops working, worst first (the derived order sorts worst first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SecretHealth {
    /// Already expired: it can no longer authenticate.
    Expired,
    /// Expires within 7 days (inclusive).
    ExpiresWithin7Days,
    /// Expires within 30 days (inclusive).
    ExpiresWithin30Days,
    /// Expires later than 30 days from now.
    Later,
    /// Never expires.
    Never,
}

impl SecretHealth {
    /// Classifies an expiry (`None` = never expires) relative to `now`. A secret that expires
    /// exactly at `now` counts as expired.
    pub fn classify(expiration: Option<DateTime<Utc>>, now: DateTime<Utc>) -> SecretHealth {
        let Some(expiration) = expiration else {
            return SecretHealth::Never;
        };
        let left = expiration - now;
        if left <= TimeDelta::zero() {
            SecretHealth::Expired
        } else if left <= TimeDelta::days(7) {
            SecretHealth::ExpiresWithin7Days
        } else if left <= TimeDelta::days(30) {
            SecretHealth::ExpiresWithin30Days
        } else {
            SecretHealth::Later
        }
    }

    /// The health of a secret (see [`ClientSecret::effective_expiration`]).
    pub fn of_secret(secret: &ClientSecret, now: DateTime<Utc>) -> SecretHealth {
        SecretHealth::classify(secret.effective_expiration(), now)
    }

    /// The badge text.
    pub fn label(self) -> &'static str {
        match self {
            SecretHealth::Expired => "Expired",
            SecretHealth::ExpiresWithin7Days => "Expires within 7 days",
            SecretHealth::ExpiresWithin30Days => "Expires within 30 days",
            SecretHealth::Later => "Valid",
            SecretHealth::Never => "Never expires",
        }
    }

    /// A stable name for CSS classes and test ids: `expired`, `week`, `month`, `valid`, `never`.
    pub fn css_name(self) -> &'static str {
        match self {
            SecretHealth::Expired => "expired",
            SecretHealth::ExpiresWithin7Days => "week",
            SecretHealth::ExpiresWithin30Days => "month",
            SecretHealth::Later => "valid",
            SecretHealth::Never => "never",
        }
    }

    /// Whether an admin should act soon (expired or expiring within 30 days).
    pub fn needs_attention(self) -> bool {
        self <= SecretHealth::ExpiresWithin30Days
    }
}

/// A client's health: that of its worst secret, or `None` when it has no secrets.
pub fn client_health(secrets: &[ClientSecret], now: DateTime<Utc>) -> Option<SecretHealth> {
    secrets
        .iter()
        .map(|secret| SecretHealth::of_secret(secret, now))
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
    }

    fn secret(expiration: Option<DateTime<Utc>>, expires: Option<bool>) -> ClientSecret {
        ClientSecret {
            expiration,
            expires,
            ..Default::default()
        }
    }

    #[test]
    fn classification_boundaries() {
        let at = |delta: TimeDelta| Some(now() + delta);
        let c = |e| SecretHealth::classify(e, now());
        assert_eq!(c(at(TimeDelta::days(-3))), SecretHealth::Expired);
        assert_eq!(c(at(TimeDelta::zero())), SecretHealth::Expired);
        assert_eq!(
            c(at(TimeDelta::seconds(1))),
            SecretHealth::ExpiresWithin7Days
        );
        assert_eq!(c(at(TimeDelta::days(7))), SecretHealth::ExpiresWithin7Days);
        assert_eq!(
            c(at(TimeDelta::days(7) + TimeDelta::seconds(1))),
            SecretHealth::ExpiresWithin30Days
        );
        assert_eq!(
            c(at(TimeDelta::days(30))),
            SecretHealth::ExpiresWithin30Days
        );
        assert_eq!(c(at(TimeDelta::days(31))), SecretHealth::Later);
        assert_eq!(c(at(TimeDelta::days(365))), SecretHealth::Later);
        assert_eq!(c(None), SecretHealth::Never);
    }

    #[test]
    fn expires_false_means_never_even_with_a_date() {
        let s = secret(Some(now() - TimeDelta::days(1)), Some(false));
        assert_eq!(SecretHealth::of_secret(&s, now()), SecretHealth::Never);
        let s = secret(Some(now() - TimeDelta::days(1)), None);
        assert_eq!(SecretHealth::of_secret(&s, now()), SecretHealth::Expired);
    }

    #[test]
    fn client_health_is_the_worst_secret() {
        let secrets = [
            secret(None, Some(false)),
            secret(Some(now() + TimeDelta::days(20)), Some(true)),
            secret(Some(now() + TimeDelta::days(200)), Some(true)),
        ];
        assert_eq!(
            client_health(&secrets, now()),
            Some(SecretHealth::ExpiresWithin30Days)
        );
        assert_eq!(
            client_health(&secrets[..1], now()),
            Some(SecretHealth::Never)
        );
        assert_eq!(client_health(&[], now()), None);
        let with_expired = [
            secrets[0].clone(),
            secret(Some(now() - TimeDelta::hours(1)), Some(true)),
        ];
        assert_eq!(
            client_health(&with_expired, now()),
            Some(SecretHealth::Expired)
        );
    }

    #[test]
    fn labels_and_attention() {
        assert_eq!(SecretHealth::Expired.label(), "Expired");
        assert_eq!(
            SecretHealth::ExpiresWithin7Days.label(),
            "Expires within 7 days"
        );
        assert_eq!(
            SecretHealth::ExpiresWithin30Days.label(),
            "Expires within 30 days"
        );
        assert_eq!(SecretHealth::Later.label(), "Valid");
        assert_eq!(SecretHealth::Never.label(), "Never expires");
        assert!(SecretHealth::Expired.needs_attention());
        assert!(SecretHealth::ExpiresWithin30Days.needs_attention());
        assert!(!SecretHealth::Later.needs_attention());
        assert!(!SecretHealth::Never.needs_attention());
        assert_eq!(SecretHealth::ExpiresWithin7Days.css_name(), "week");
    }
}
