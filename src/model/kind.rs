//! The three client kinds the console manages.

use std::fmt;
use std::str::FromStr;

/// The kind of an OAuth client, as picked in the page's **Client Type** selector.
///
/// Client-Credentials is the default, as in the portal. Device code clients exist in the API
/// but are not offered by the portal, so they are not a kind here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClientKind {
    /// Machine-to-machine clients (`ClientCredentialClients`): secrets and roles.
    #[default]
    ClientCredentials,
    /// Server-side web apps with a user (`HybridClients`): secrets and redirect URIs.
    Hybrid,
    /// Browser and native apps with PKCE (`AuthorizationCodeClients`): redirect URIs, no
    /// secrets.
    AuthorizationCode,
}

/// A URL slug that names no [`ClientKind`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a client type (expected client-credentials, hybrid or authorization-code)")]
pub struct UnknownClientKind(pub String);

impl ClientKind {
    /// Every kind, in the order of the Client Type selector.
    pub const ALL: [ClientKind; 3] = [
        ClientKind::ClientCredentials,
        ClientKind::Hybrid,
        ClientKind::AuthorizationCode,
    ];

    /// The collection segment of the API path, e.g. `ClientCredentialClients`.
    pub fn path_segment(self) -> &'static str {
        match self {
            ClientKind::ClientCredentials => "ClientCredentialClients",
            ClientKind::Hybrid => "HybridClients",
            ClientKind::AuthorizationCode => "AuthorizationCodeClients",
        }
    }

    /// The short label people see, e.g. "Client-Credentials".
    pub fn label(self) -> &'static str {
        match self {
            ClientKind::ClientCredentials => "Client-Credentials",
            ClientKind::Hybrid => "Hybrid",
            ClientKind::AuthorizationCode => "Authorization Code",
        }
    }

    /// The lower-case plural used in sentences, e.g. "No hybrid clients yet".
    pub fn plural_noun(self) -> &'static str {
        match self {
            ClientKind::ClientCredentials => "client-credentials clients",
            ClientKind::Hybrid => "hybrid clients",
            ClientKind::AuthorizationCode => "authorization code clients",
        }
    }

    /// The value used in the page URL (`?type=hybrid`).
    pub fn slug(self) -> &'static str {
        match self {
            ClientKind::ClientCredentials => "client-credentials",
            ClientKind::Hybrid => "hybrid",
            ClientKind::AuthorizationCode => "authorization-code",
        }
    }

    /// The kind named by a URL slug (exact, lower-case), if any.
    pub fn from_slug(slug: &str) -> Option<ClientKind> {
        ClientKind::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    /// Whether clients of this kind have secrets (`…/Secrets`).
    pub fn has_secrets(self) -> bool {
        matches!(self, ClientKind::ClientCredentials | ClientKind::Hybrid)
    }

    /// Whether clients of this kind have roles of their own (`RoleIds`, `…/Roles`).
    pub fn has_roles(self) -> bool {
        matches!(self, ClientKind::ClientCredentials)
    }

    /// Whether clients of this kind have redirect and post-logout redirect URIs.
    pub fn has_redirect_uris(self) -> bool {
        matches!(self, ClientKind::Hybrid | ClientKind::AuthorizationCode)
    }
}

impl fmt::Display for ClientKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for ClientKind {
    type Err = UnknownClientKind;

    /// Parses a URL slug (see [`ClientKind::slug`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ClientKind::from_slug(s).ok_or_else(|| UnknownClientKind(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::ClientKind;

    #[test]
    fn default_is_client_credentials() {
        assert_eq!(ClientKind::default(), ClientKind::ClientCredentials);
    }

    #[test]
    fn names_on_the_wire_in_the_ui_and_in_the_url() {
        let table = [
            (
                ClientKind::ClientCredentials,
                "ClientCredentialClients",
                "Client-Credentials",
                "client-credentials",
            ),
            (ClientKind::Hybrid, "HybridClients", "Hybrid", "hybrid"),
            (
                ClientKind::AuthorizationCode,
                "AuthorizationCodeClients",
                "Authorization Code",
                "authorization-code",
            ),
        ];
        for (kind, segment, label, slug) in table {
            assert_eq!(kind.path_segment(), segment);
            assert_eq!(kind.label(), label);
            assert_eq!(kind.to_string(), label);
            assert_eq!(kind.slug(), slug);
            assert_eq!(ClientKind::from_slug(slug), Some(kind));
            assert_eq!(slug.parse::<ClientKind>(), Ok(kind));
        }
        assert_eq!(ClientKind::from_slug("Hybrid"), None);
        assert!("device-code".parse::<ClientKind>().is_err());
    }

    #[test]
    fn capabilities() {
        assert!(ClientKind::ClientCredentials.has_secrets());
        assert!(ClientKind::Hybrid.has_secrets());
        assert!(!ClientKind::AuthorizationCode.has_secrets());
        assert!(ClientKind::ClientCredentials.has_roles());
        assert!(!ClientKind::Hybrid.has_roles());
        assert!(!ClientKind::AuthorizationCode.has_roles());
        assert!(!ClientKind::ClientCredentials.has_redirect_uris());
        assert!(ClientKind::Hybrid.has_redirect_uris());
        assert!(ClientKind::AuthorizationCode.has_redirect_uris());
    }
}
