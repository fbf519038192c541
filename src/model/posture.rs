//! The security posture strip: how many clients of a list each filter chip would show.

use super::health::{ChipSubject, ClientHealth, HealthChip};
use super::summary::{ClientSummary, ClientTable};
use super::wire::{Role, TENANT_ADMINISTRATOR_ROLE_TYPE_ID};

/// The id of the tenant's Tenant Administrator role among `roles` (by `RoleTypeId`,
/// case-insensitive; by name when no role carries the type id).
pub fn tenant_admin_role_id(roles: &[Role]) -> Option<String> {
    let by_type = roles.iter().find(|r| {
        r.role_type_id
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case(TENANT_ADMINISTRATOR_ROLE_TYPE_ID))
    });
    by_type
        .or_else(|| {
            roles
                .iter()
                .find(|r| r.name.as_deref() == Some("Tenant Administrator"))
        })
        .and_then(|r| r.id.clone())
}

/// What the chips look at of `summary`, whose secrets' health is `health`.
pub fn chip_subject(
    summary: &ClientSummary,
    health: Option<ClientHealth>,
    admin_role: Option<&str>,
) -> ChipSubject {
    ChipSubject {
        enabled: summary.enabled(),
        health,
        holds_admin: admin_role.is_some_and(|id| summary.role_ids().iter().any(|r| r == id)),
    }
}

/// Per chip, how many clients of a list it shows; and how far the secrets have been read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Posture {
    counts: [usize; HealthChip::ALL.len()],
    /// Clients of kinds with secrets whose secrets are known.
    pub read: usize,
    /// Clients of kinds with secrets.
    pub with_secrets: usize,
}

impl Posture {
    /// Counts `table`'s clients; `column` holds each row's health (`None`: not read yet;
    /// shorter than the table while nothing is read).
    pub fn of(
        table: &ClientTable,
        column: &[Option<ClientHealth>],
        admin_role: Option<&str>,
    ) -> Self {
        let mut posture = Posture::default();
        for (index, summary) in table.items().iter().enumerate() {
            let health = column.get(index).copied().flatten();
            if summary.kind().has_secrets() {
                posture.with_secrets += 1;
                posture.read += usize::from(health.is_some());
            }
            let subject = chip_subject(summary, health, admin_role);
            for (count, chip) in posture.counts.iter_mut().zip(HealthChip::ALL) {
                *count += usize::from(chip.holds(subject));
            }
        }
        posture
    }

    /// How many clients `chip` shows (of those read, for a secret chip).
    pub fn count(&self, chip: HealthChip) -> usize {
        HealthChip::ALL
            .iter()
            .position(|c| *c == chip)
            .map_or(0, |at| self.counts[at])
    }

    /// Whether some secrets are still to be read.
    pub fn reading(&self) -> bool {
        self.read < self.with_secrets
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::wire::ClientSecret;
    use crate::model::ClientKind;
    use chrono::{TimeDelta, Utc};

    fn cc(id: &str, enabled: bool, roles: &[&str]) -> ClientSummary {
        ClientSummary::new(ClientKind::ClientCredentials, id, id, Some(enabled))
            .with_role_ids(roles.iter().map(|r| r.to_string()).collect())
    }

    #[test]
    fn counts_each_chip_over_the_list_and_what_was_read() {
        let now = Utc::now();
        let secret = |days: Option<i64>| ClientSecret {
            expiration: days.map(|d| now + TimeDelta::days(d)),
            expires: Some(days.is_some()),
            ..Default::default()
        };
        let table = ClientTable::new(vec![
            cc("a", true, &["member", "admin"]),
            cc("b", false, &["member"]),
            cc("c", true, &["member"]),
            cc("d", true, &["member"]),
            ClientSummary::new(ClientKind::AuthorizationCode, "e", "e", Some(false)),
        ]);
        let column = vec![
            Some(ClientHealth::of(&[secret(Some(-1)), secret(None)], now)),
            Some(ClientHealth::of(&[], now)),
            None,
            Some(ClientHealth::of(&[secret(Some(10))], now)),
            None,
        ];
        let p = Posture::of(&table, &column, Some("admin"));
        let counts: Vec<usize> = HealthChip::ALL.iter().map(|c| p.count(*c)).collect();
        // Expired, Expiring, Never, No secret, Disabled, Admin.
        assert_eq!(counts, [1, 1, 1, 1, 2, 1]);
        assert_eq!((p.read, p.with_secrets), (3, 4));
        assert!(p.reading());
        assert_eq!(Posture::of(&table, &[], None).count(HealthChip::Admin), 0);
    }

    #[test]
    fn the_admin_role_is_found_by_type_then_by_name() {
        let role = |id: &str, name: &str, type_id: Option<&str>| Role {
            id: Some(id.into()),
            name: Some(name.into()),
            role_type_id: type_id.map(str::to_string),
            ..Default::default()
        };
        let typed = [
            role("x", "Tenant Administrator", None),
            role(
                "y",
                "Admins",
                Some(&TENANT_ADMINISTRATOR_ROLE_TYPE_ID.to_uppercase()),
            ),
        ];
        assert_eq!(tenant_admin_role_id(&typed).as_deref(), Some("y"));
        assert_eq!(tenant_admin_role_id(&typed[..1]).as_deref(), Some("x"));
        assert_eq!(
            tenant_admin_role_id(&[role("m", "Tenant Member", None)]),
            None
        );
    }
}
