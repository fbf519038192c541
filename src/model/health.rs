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

/// What the list's Secrets column says about one client: its worst secret (`None`: it has no
/// secrets) and which states its secrets are in (for the filter chips).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientHealth {
    worst: Option<SecretHealth>,
    present: u8,
}

impl ClientHealth {
    /// The health of a client with `secrets`, relative to `now`.
    pub fn of(secrets: &[ClientSecret], now: DateTime<Utc>) -> ClientHealth {
        let mut present = 0u8;
        let mut worst = None;
        for secret in secrets {
            let health = SecretHealth::of_secret(secret, now);
            present |= 1 << health as u8;
            // Worst by the column's order: a never-expiring secret outranks one that is fine.
            if worst.is_none_or(|w| column_rank(health) < column_rank(w)) {
                worst = Some(health);
            }
        }
        ClientHealth { worst, present }
    }

    /// The worst secret's state; `None` when the client has no secrets.
    pub fn worst(self) -> Option<SecretHealth> {
        self.worst
    }

    /// Whether at least one secret is in state `health`.
    pub fn has(self, health: SecretHealth) -> bool {
        self.present & (1 << health as u8) != 0
    }

    /// The column's word: Expired, Expires in ≤ 7 days, Expires in ≤ 30 days, Never expires,
    /// OK, No secrets.
    pub fn label(self) -> &'static str {
        match self.worst {
            None => "No secrets",
            Some(SecretHealth::Expired) => "Expired",
            Some(SecretHealth::ExpiresWithin7Days) => "Expires in ≤ 7 days",
            Some(SecretHealth::ExpiresWithin30Days) => "Expires in ≤ 30 days",
            Some(SecretHealth::Never) => "Never expires",
            Some(SecretHealth::Later) => "OK",
        }
    }

    /// A stable name for CSS classes and test ids (see [`SecretHealth::css_name`]; `none` for
    /// no secrets).
    pub fn css_name(self) -> &'static str {
        self.worst.map(SecretHealth::css_name).unwrap_or("none")
    }

    /// Sort rank, worst first: expired, ≤ 7 days, ≤ 30 days, never expires (a standing risk),
    /// OK, no secrets.
    pub fn rank(self) -> u32 {
        self.worst.map(column_rank).unwrap_or(5)
    }
}

/// A secret's place in the Secrets column, worst first: expired, ≤ 7 days, ≤ 30 days, never
/// expires, fine.
fn column_rank(health: SecretHealth) -> u32 {
    match health {
        SecretHealth::Expired => 0,
        SecretHealth::ExpiresWithin7Days => 1,
        SecretHealth::ExpiresWithin30Days => 2,
        SecretHealth::Never => 3,
        SecretHealth::Later => 4,
    }
}

/// A filter chip above the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HealthChip {
    /// Clients with at least one expired secret.
    Expired,
    /// Clients with a secret that expires within 30 days.
    Expiring,
    /// Clients with a secret that never expires.
    Never,
    /// Clients (of kinds with secrets) that have no secret at all.
    NoSecret,
    /// Disabled clients.
    Disabled,
    /// Client-credentials clients that hold the Tenant Administrator role (the platform
    /// advises against it).
    Admin,
}

impl HealthChip {
    /// Every chip, in the order shown.
    pub const ALL: [HealthChip; 6] = [
        HealthChip::Expired,
        HealthChip::Expiring,
        HealthChip::Never,
        HealthChip::NoSecret,
        HealthChip::Disabled,
        HealthChip::Admin,
    ];

    /// The chip's words.
    pub fn label(self) -> &'static str {
        match self {
            HealthChip::Expired => "Expired",
            HealthChip::Expiring => "Expiring within 30 days",
            HealthChip::Never => "Never expires",
            HealthChip::NoSecret => "No secret",
            HealthChip::Disabled => "Disabled",
            HealthChip::Admin => "Tenant Administrator role",
        }
    }

    /// The name in the URL (`f=expired,expiring`).
    pub fn slug(self) -> &'static str {
        match self {
            HealthChip::Expired => "expired",
            HealthChip::Expiring => "expiring",
            HealthChip::Never => "never",
            HealthChip::NoSecret => "nosecret",
            HealthChip::Disabled => "disabled",
            HealthChip::Admin => "admin",
        }
    }

    /// Whether the chip needs the clients' secrets (all but Disabled and the role).
    pub fn needs_secrets(self) -> bool {
        !matches!(self, HealthChip::Disabled | HealthChip::Admin)
    }

    /// Whether client `c` is one this chip shows. A secret chip needs `c.health` (`None`
    /// while unknown: not yet).
    pub fn holds(self, c: ChipSubject) -> bool {
        let has = |state| c.health.is_some_and(|h| h.has(state));
        match self {
            HealthChip::Expired => has(SecretHealth::Expired),
            HealthChip::Expiring => {
                has(SecretHealth::ExpiresWithin7Days) || has(SecretHealth::ExpiresWithin30Days)
            }
            HealthChip::Never => has(SecretHealth::Never),
            HealthChip::NoSecret => c.health.is_some_and(|h| h.worst().is_none()),
            HealthChip::Disabled => c.enabled == Some(false),
            HealthChip::Admin => c.holds_admin,
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The chips that are on. Secret chips combine with "or" (a client with an expired secret or
/// one expiring soon); Disabled narrows that further ("and").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct HealthFilter(u8);

impl HealthFilter {
    /// No chip on: every client.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `chip` is on.
    pub fn has(self, chip: HealthChip) -> bool {
        self.0 & chip.bit() != 0
    }

    /// `chip` switched on or off.
    pub fn toggled(self, chip: HealthChip) -> HealthFilter {
        HealthFilter(self.0 ^ chip.bit())
    }

    /// Whether a chip that needs secrets is on.
    pub fn needs_secrets(self) -> bool {
        HealthChip::ALL
            .into_iter()
            .any(|c| c.needs_secrets() && self.has(c))
    }

    /// The URL form: slugs joined by commas, in chip order ("" when empty).
    pub fn to_param(self) -> String {
        HealthChip::ALL
            .into_iter()
            .filter(|c| self.has(*c))
            .map(HealthChip::slug)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads the URL form; unknown names are ignored.
    pub fn from_param(param: &str) -> HealthFilter {
        param
            .split(',')
            .filter_map(|part| {
                HealthChip::ALL
                    .into_iter()
                    .find(|c| c.slug() == part.trim())
            })
            .fold(HealthFilter::default(), |f, c| {
                if f.has(c) {
                    f
                } else {
                    f.toggled(c)
                }
            })
    }

    /// Whether a client passes: Disabled and the role narrow ("and"); the secret chips that
    /// are on need one of them to hold ("or").
    pub fn matches(self, c: ChipSubject) -> bool {
        let on = || HealthChip::ALL.into_iter().filter(|chip| self.has(*chip));
        on().filter(|chip| !chip.needs_secrets())
            .all(|chip| chip.holds(c))
            && (!self.needs_secrets() || on().any(|chip| chip.needs_secrets() && chip.holds(c)))
    }
}

/// What the chips look at of one client.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChipSubject {
    /// Its status (`None`: not given).
    pub enabled: Option<bool>,
    /// Its secrets' health (`None`: not read, or its kind has none).
    pub health: Option<ClientHealth>,
    /// It holds the Tenant Administrator role.
    pub holds_admin: bool,
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

    #[test]
    fn client_health_words_ranks_and_states_present() {
        let days = |d: i64| secret(Some(now() + TimeDelta::days(d)), Some(true));
        let never_and_fine = ClientHealth::of(&[days(200), secret(None, Some(false))], now());
        assert_eq!(
            never_and_fine.label(),
            "Never expires",
            "a standing risk outranks OK"
        );
        let h = ClientHealth::of(&[days(200), secret(None, Some(false)), days(-1)], now());
        assert_eq!(h.label(), "Expired");
        assert!(h.has(SecretHealth::Expired) && h.has(SecretHealth::Never));
        assert!(h.has(SecretHealth::Later) && !h.has(SecretHealth::ExpiresWithin7Days));
        let words: Vec<_> = [
            vec![days(-1)],
            vec![days(3)],
            vec![days(20)],
            vec![secret(None, Some(false))],
            vec![days(90)],
            vec![],
        ]
        .iter()
        .map(|s| ClientHealth::of(s, now()))
        .map(|h| (h.label(), h.rank(), h.css_name()))
        .collect();
        assert_eq!(
            words,
            [
                ("Expired", 0, "expired"),
                ("Expires in ≤ 7 days", 1, "week"),
                ("Expires in ≤ 30 days", 2, "month"),
                ("Never expires", 3, "never"),
                ("OK", 4, "valid"),
                ("No secrets", 5, "none"),
            ]
        );
    }

    #[test]
    fn chips_combine_secret_states_with_or_and_disabled_with_and() {
        let days = |d: i64| secret(Some(now() + TimeDelta::days(d)), Some(true));
        let expired = Some(ClientHealth::of(&[days(-2), days(100)], now()));
        let soon = Some(ClientHealth::of(&[days(6)], now()));
        let never = Some(ClientHealth::of(&[secret(None, Some(false))], now()));
        let ok = Some(ClientHealth::of(&[days(100)], now()));
        let none = Some(ClientHealth::of(&[], now()));
        let f = |chips: &[HealthChip]| {
            chips
                .iter()
                .fold(HealthFilter::default(), |f, c| f.toggled(*c))
        };
        let c = |enabled: Option<bool>, health: Option<ClientHealth>| ChipSubject {
            enabled,
            health,
            holds_admin: false,
        };
        let expired_or_soon = f(&[HealthChip::Expired, HealthChip::Expiring]);
        assert!(expired_or_soon.matches(c(Some(true), expired)));
        assert!(expired_or_soon.matches(c(Some(true), soon)));
        assert!(!expired_or_soon.matches(c(Some(true), ok)));
        assert!(!expired_or_soon.matches(c(Some(true), none)));
        assert!(!expired_or_soon.matches(c(Some(true), None)), "unknown yet");
        assert!(f(&[HealthChip::Never]).matches(c(Some(true), never)));
        let disabled_expired = f(&[HealthChip::Disabled, HealthChip::Expired]);
        assert!(disabled_expired.matches(c(Some(false), expired)));
        assert!(!disabled_expired.matches(c(Some(true), expired)));
        assert!(!disabled_expired.matches(c(Some(false), ok)));
        let disabled = f(&[HealthChip::Disabled]);
        assert!(disabled.matches(c(Some(false), None)), "needs no secrets");
        assert!(!disabled.matches(c(None, None)));
        assert!(HealthFilter::default().matches(c(Some(true), None)));
    }

    #[test]
    fn no_secret_is_a_secret_chip_and_the_role_narrows() {
        let none = Some(ClientHealth::of(&[], now()));
        let never = Some(ClientHealth::of(&[secret(None, Some(false))], now()));
        let subject = |health, holds_admin| ChipSubject {
            enabled: Some(true),
            health,
            holds_admin,
        };
        let no_secret = HealthFilter::default().toggled(HealthChip::NoSecret);
        assert!(no_secret.matches(subject(none, false)));
        assert!(!no_secret.matches(subject(never, false)));
        assert!(!no_secret.matches(subject(None, false)), "not read yet");
        let either = no_secret.toggled(HealthChip::Never);
        assert!(either.matches(subject(never, false)) && either.matches(subject(none, false)));
        let admin = HealthFilter::default().toggled(HealthChip::Admin);
        assert!(admin.matches(subject(None, true)), "needs no secrets");
        assert!(!admin.matches(subject(never, false)));
        let admin_never = admin.toggled(HealthChip::Never);
        assert!(admin_never.matches(subject(never, true)));
        assert!(!admin_never.matches(subject(none, true)));
        assert!(!admin_never.matches(subject(never, false)));
        assert!(!HealthChip::Admin.needs_secrets() && HealthChip::NoSecret.needs_secrets());
        assert_eq!(
            HealthFilter::from_param("admin,nosecret").to_param(),
            "nosecret,admin"
        );
    }

    #[test]
    fn chips_in_the_url() {
        let on = HealthFilter::default()
            .toggled(HealthChip::Disabled)
            .toggled(HealthChip::Expired);
        assert_eq!(on.to_param(), "expired,disabled");
        assert_eq!(HealthFilter::from_param("expired,disabled"), on);
        assert_eq!(
            HealthFilter::from_param("disabled, expired,expired,bogus"),
            on
        );
        assert!(HealthFilter::from_param("").is_empty());
        assert_eq!(HealthFilter::default().to_param(), "");
        assert!(!HealthFilter::from_param("disabled").needs_secrets());
        assert!(HealthFilter::from_param("never").needs_secrets());
    }
}
