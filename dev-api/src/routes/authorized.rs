//! [`Authorized`]: the extractor every tenant route starts with. It reads the bearer token and
//! the `{tenant_id}` of the path and lets the request through only when the token is known
//! (else 401), the tenant is the one served (else 404) and the user holds the role the
//! operation needs (else 403 naming the operation). Routes declare their operations with
//! [`operations!`](crate::routes::authorized::operations).

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
            #[doc = $what]
            pub(crate) enum $name {}

            impl $crate::routes::authorized::Operation for $name {
                const ROLE: $crate::UserRole = $crate::UserRole::$role;
                const NAME: &'static str = $what;
            }
        )+
    };
}
pub(crate) use operations;

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
