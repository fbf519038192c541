//! Bearer tokens and the users they belong to.
//!
//! dev-api does not validate real access tokens: a token is an opaque string that maps to a
//! [`User`]. Tokens come from `--token NAME=ROLE` (plus the two defaults) and from the sign-in
//! module, which adds tokens at runtime through [`Tokens::issue_signed_in`] (remembering the
//! subject who signed in, for the userinfo endpoint) or [`Tokens::issue_token`].

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use axum::http::{header, HeaderMap};

use crate::errors::ApiError;

/// A built-in tenant role a user can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UserRole {
    /// Tenant Administrator: may change clients and see secrets.
    TenantAdministrator,
    /// Tenant Member: may read clients and roles.
    TenantMember,
}

impl UserRole {
    /// The role's display name.
    pub fn name(self) -> &'static str {
        match self {
            UserRole::TenantAdministrator => "Tenant Administrator",
            UserRole::TenantMember => "Tenant Member",
        }
    }

    /// Reads `admin`/`tenant-administrator` or `member`/`tenant-member` (case-insensitive).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "admin" | "administrator" | "tenant-administrator" => {
                Some(UserRole::TenantAdministrator)
            }
            "member" | "tenant-member" => Some(UserRole::TenantMember),
            _ => None,
        }
    }
}

/// The person (or test) behind a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Display name, used in 403 messages.
    pub name: String,
    /// Roles held in the served tenant.
    pub roles: Vec<UserRole>,
}

impl User {
    /// A user with the roles that `role` implies: an administrator is also a member.
    pub fn with_role(name: impl Into<String>, role: UserRole) -> Self {
        let roles = match role {
            UserRole::TenantAdministrator => {
                vec![UserRole::TenantAdministrator, UserRole::TenantMember]
            }
            UserRole::TenantMember => vec![UserRole::TenantMember],
        };
        Self {
            name: name.into(),
            roles,
        }
    }

    /// Whether the user may do what `role` allows (an administrator may do what a member may).
    pub fn has(&self, role: UserRole) -> bool {
        self.roles.contains(&role)
            || (role == UserRole::TenantMember
                && self.roles.contains(&UserRole::TenantAdministrator))
    }
}

/// What a token stands for.
#[derive(Clone, Debug)]
struct TokenEntry {
    user: User,
    /// The subject (`sub`, the demo user's login) when the identity server issued the token.
    subject: Option<String>,
}

/// The shared token store. Cloning shares it, so a handle kept outside the router sees and
/// changes the same tokens.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    inner: Arc<RwLock<HashMap<String, TokenEntry>>>,
}

impl Tokens {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The two default tokens: `admin` (Ada Lovelace, Tenant Administrator) and `member`
    /// (Max Planck, Tenant Member).
    pub fn with_defaults() -> Self {
        let tokens = Self::new();
        tokens.issue_token(
            "admin",
            User::with_role("Ada Lovelace", UserRole::TenantAdministrator),
        );
        tokens.issue_token(
            "member",
            User::with_role("Max Planck", UserRole::TenantMember),
        );
        tokens
    }

    /// Makes `token` valid for `user` (replacing whatever it meant before).
    pub fn issue_token(&self, token: impl Into<String>, user: User) {
        self.insert(token.into(), user, None);
    }

    /// Makes `token` valid for `user`, who signed in at the identity server as `subject` (the
    /// userinfo endpoint answers for such tokens only).
    pub fn issue_signed_in(
        &self,
        token: impl Into<String>,
        user: User,
        subject: impl Into<String>,
    ) {
        self.insert(token.into(), user, Some(subject.into()));
    }

    fn insert(&self, token: String, user: User, subject: Option<String>) {
        let mut map = self.inner.write().unwrap_or_else(|e| e.into_inner());
        map.insert(token, TokenEntry { user, subject });
    }

    /// Makes `token` invalid.
    pub fn revoke_token(&self, token: &str) {
        let mut map = self.inner.write().unwrap_or_else(|e| e.into_inner());
        map.remove(token);
    }

    /// The user of `token`, if it is known.
    pub fn user(&self, token: &str) -> Option<User> {
        let map = self.inner.read().unwrap_or_else(|e| e.into_inner());
        map.get(token).map(|entry| entry.user.clone())
    }

    /// The subject who signed in for `token`, if the identity server issued it and it is still
    /// valid (`None` for `--token` tokens and the defaults).
    pub fn subject(&self, token: &str) -> Option<String> {
        let map = self.inner.read().unwrap_or_else(|e| e.into_inner());
        map.get(token).and_then(|entry| entry.subject.clone())
    }

    /// All tokens with their users, sorted by token (for the start-up banner).
    pub fn list(&self) -> Vec<(String, User)> {
        let map = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let mut all: Vec<_> = map
            .iter()
            .map(|(t, entry)| (t.clone(), entry.user.clone()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }

    /// The user behind the request's `Authorization: Bearer` header, or 401.
    pub fn authenticate(&self, headers: &HeaderMap) -> Result<User, ApiError> {
        let token = bearer_token(headers)?;
        self.user(token)
            .ok_or_else(|| ApiError::unauthorized("The bearer token is not valid or has expired."))
    }
}

/// The token of the request's `Authorization: Bearer` header, or the 401 that says what is
/// wrong with the header.
pub fn bearer_token(headers: &HeaderMap) -> Result<&str, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::unauthorized(
            "The request has no Authorization header.",
        ));
    };
    let value = value.to_str().unwrap_or_default().trim();
    let token = match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ => {
            return Err(ApiError::unauthorized(
                "The Authorization header is not of the form `Bearer <token>`.",
            ))
        }
    };
    if token.is_empty() {
        return Err(ApiError::unauthorized("The bearer token is empty."));
    }
    Ok(token)
}

/// Parses a `--token NAME=ROLE` value into the token and its user (named after the token).
pub fn parse_token_flag(text: &str) -> Result<(String, User), String> {
    let (name, role) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}`: expected NAME=ROLE, e.g. alice=admin"))?;
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(format!(
            "`{text}`: the token NAME must be non-empty and without spaces"
        ));
    }
    let role = UserRole::parse(role).ok_or_else(|| {
        format!("`{text}`: ROLE must be admin, tenant-administrator, member or tenant-member")
    })?;
    Ok((name.to_owned(), User::with_role(name, role)))
}
