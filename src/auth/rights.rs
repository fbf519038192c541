//! Whether the signed-in user may change clients, and how the console finds out.

/// What the write controls (Add Client, Edit Client, Add Secret, …) should do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteAccess {
    /// The console is still asking the API: the controls wait, disabled.
    Checking,
    /// The user is Tenant Administrator (or the console could not tell: the API decides).
    Allowed,
    /// The user is not Tenant Administrator: a read-only page that says why.
    ReadOnly,
}

impl WriteAccess {
    /// From what the session knows: the role (`Some` once the token or the API said) and
    /// whether the rights check is still running.
    pub fn from_knowledge(is_admin: Option<bool>, checking: bool) -> Self {
        match (is_admin, checking) {
            (Some(false), _) => WriteAccess::ReadOnly,
            (Some(true), _) | (None, false) => WriteAccess::Allowed,
            (None, true) => WriteAccess::Checking,
        }
    }

    /// Whether the write controls are enabled.
    pub fn allows(self) -> bool {
        self == WriteAccess::Allowed
    }

    /// Why a control that would `what` (e.g. "change clients") is disabled, if it is.
    pub fn why_not(self, what: &str) -> Option<String> {
        match self {
            WriteAccess::Allowed => None,
            WriteAccess::Checking => Some(format!("Checking whether you may {what}…")),
            WriteAccess::ReadOnly => Some(format!("Only a Tenant Administrator can {what}")),
        }
    }
}

/// The answer to the rights check (a `HEAD` on a client's Secrets collection, which needs
/// Tenant Administrator and changes nothing): `Some(true)` when the user may change clients,
/// `Some(false)` when not, `None` when this status does not tell.
///
/// 404 (no such client) counts as allowed: the API checks the caller's role before it looks
/// the client up, so a read-only user gets 403 even for an unknown client.
pub fn may_change_from_status(status: u16) -> Option<bool> {
    match status {
        200..=299 | 404 => Some(true),
        403 => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_controls_wait_while_checking_and_say_why() {
        assert_eq!(
            WriteAccess::from_knowledge(None, true),
            WriteAccess::Checking
        );
        assert_eq!(
            WriteAccess::from_knowledge(Some(true), true),
            WriteAccess::Allowed
        );
        assert_eq!(
            WriteAccess::from_knowledge(Some(false), true),
            WriteAccess::ReadOnly
        );
        assert_eq!(
            WriteAccess::from_knowledge(None, false),
            WriteAccess::Allowed
        );
        assert_eq!(
            WriteAccess::Checking.why_not("add clients").as_deref(),
            Some("Checking whether you may add clients…")
        );
        assert_eq!(
            WriteAccess::ReadOnly.why_not("manage secrets").as_deref(),
            Some("Only a Tenant Administrator can manage secrets")
        );
        assert_eq!(WriteAccess::Allowed.why_not("change clients"), None);
    }

    #[test]
    fn the_rights_check_reads_the_status() {
        assert_eq!(may_change_from_status(200), Some(true));
        assert_eq!(may_change_from_status(404), Some(true));
        assert_eq!(may_change_from_status(403), Some(false));
        for unknown in [401, 408, 500, 503] {
            assert_eq!(may_change_from_status(unknown), None, "{unknown}");
        }
    }
}
