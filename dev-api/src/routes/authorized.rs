//! Who may do what. [`Authorized`] is the extractor every tenant route starts with: it reads
//! the bearer token and the `{tenant_id}` of the path, and lets the request through only when
//! the token is known (else 401), the tenant is the one served (else 404) and the user holds
//! the role the operation needs (else 403 naming the operation). The operations, with their
//! roles, are the table at the end of this file.

use std::marker::PhantomData;

use axum::{
    extract::{FromRequestParts, Path},
    http::request::Parts,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::{AppState, User, UserRole};

/// An operation of the API: the role it needs and how a 403 names it.
pub trait Operation {
    /// The role the caller must hold (an administrator may do what a member may).
    const ROLE: UserRole;
    /// The operation as the 403 reason names it: "Creating a client".
    const NAME: &'static str;
}

/// Declares operations as marker types: `Name: Role, "What";` (the role a [`UserRole`]
/// variant, "What" the [`Operation::NAME`]).
macro_rules! operations {
    ($($name:ident: $role:ident, $what:literal;)+) => {
        $(
            #[doc = concat!($what, ": needs ", stringify!($role), ".")]
            pub enum $name {}

            impl Operation for $name {
                const ROLE: UserRole = UserRole::$role;
                const NAME: &'static str = $what;
            }
        )+
    };
}

/// The caller, authorized for the operation `Op` in the tenant of the path.
pub struct Authorized<Op>(pub User, PhantomData<fn() -> Op>);

/// The part of every tenant route's path this extractor reads.
#[derive(Deserialize)]
struct TenantPath {
    tenant_id: String,
}

impl<Op: Operation> FromRequestParts<AppState> for Authorized<Op> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Path(TenantPath { tenant_id }) = Path::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let user = state
            .authorize(&parts.headers, &tenant_id, Op::ROLE, Op::NAME)
            .map_err(IntoResponse::into_response)?;
        Ok(Self(user, PhantomData))
    }
}

operations! {
    // Clients of every kind (routes/clients.rs).
    ListClients: TenantMember, "Listing clients";
    CountClients: TenantMember, "Counting clients";
    CreateClient: TenantAdministrator, "Creating a client";
    ReadClient: TenantMember, "Reading a client";
    ChangeClient: TenantAdministrator, "Changing a client";
    DeleteClient: TenantAdministrator, "Deleting a client";
    // Secrets: all of it needs Tenant Administrator, reading included (routes/secrets.rs).
    ListSecrets: TenantAdministrator, "Listing client secrets";
    CountSecrets: TenantAdministrator, "Counting client secrets";
    AddSecret: TenantAdministrator, "Adding a client secret";
    ReadSecret: TenantAdministrator, "Reading a client secret";
    ChangeSecret: TenantAdministrator, "Changing a client secret";
    DeleteSecret: TenantAdministrator, "Deleting a client secret";
    // Tenant roles and the roles of a client credential client (routes/roles.rs).
    ListRoles: TenantMember, "Listing roles";
    CountRoles: TenantMember, "Counting roles";
    ReadRole: TenantMember, "Reading a role";
    ListClientsOfRole: TenantMember, "Listing clients of a role";
    CountClientsOfRole: TenantMember, "Counting clients of a role";
    ReadClientRoles: TenantMember, "Reading the roles of a client";
    ChangeClientRoles: TenantAdministrator, "Changing the roles of a client";
}
