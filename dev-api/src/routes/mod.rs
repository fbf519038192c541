//! The API routes.
//!
//! ```text
//! /api/v1/Tenants/{tenantId}/ClientCredentialClients[/{clientId}[/Secrets[/{secretId}]|/Roles]]
//! /api/v1/Tenants/{tenantId}/HybridClients[/{clientId}[/Secrets[/{secretId}]]]
//! /api/v1/Tenants/{tenantId}/AuthorizationCodeClients[/{clientId}]
//! /api/v1/Tenants/{tenantId}/Clients/{clientId}/Roles
//! /api/v1/Tenants/{tenantId}/Roles[/{roleId}[/clientcredentialclients]]
//! ```
//!
//! Every handler starts with the [`authorized::Authorized`] extractor for its operation; who
//! may do what is the one table in [`authorized`].

pub mod authorized;
pub mod clients;
pub mod dev;
pub mod roles;
pub mod secrets;

use axum::Router;

use crate::{store::ClientKind, AppState};

/// The base of every tenant route.
pub const TENANT_BASE: &str = "/api/v1/Tenants/{tenant_id}";

/// All `/api/v1` routes.
pub fn api_routes() -> Router<AppState> {
    let mut router = Router::new();
    for kind in ClientKind::ALL {
        router = router.merge(clients::routes(kind));
        if kind.has_secrets() {
            router = router.merge(secrets::routes(kind));
        }
    }
    router.merge(roles::routes())
}
