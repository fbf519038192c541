//! Serde types and pure rules of the Identity admin API (no web, no leptos).
//!
//! * [`wire`]: the JSON bodies, exactly as CONTRACT.md names them.
//! * [`ClientKind`], [`Client`] and [`ClientSummary`]: the three kinds, one view of any client,
//!   and the list row with [`search_and_sort`].
//! * Rules: [`default_secret_expiration`] (one year, 29 Feb → 28 Feb), [`validate_client`] and
//!   friends (the documented limits), [`SecretHealth`] and [`client_health`], and the words
//!   in [`format`].
//! * [`form`]: what the client and secret forms hold, and the POST/PUT body they make
//!   ([`new_client_body`], [`client_update_body`], [`new_secret_body`], [`secret_update_body`]).

pub mod bulk;
pub mod client;
pub mod csv;
pub mod definitions;
pub mod expiry;
pub mod form;
pub mod format;
pub mod health;
pub mod ics;
pub mod kind;
pub mod list_window;
pub mod patch;
pub mod posture;
pub mod rotation;
pub mod snippet;
pub mod summary;
pub mod undo;
pub mod validate;
pub mod wire;

pub use client::{Client, CreatedClient, NewClient};
pub use expiry::{
    default_secret_expiration, local_to_utc, one_year_later, parse_datetime_local,
    to_datetime_local,
};
pub use form::{
    client_update_body, new_client_body, new_secret_body, secret_update_body, ClientFormValues,
    SecretFormValues,
};
pub use format::{format_datetime, relative_expiry, relative_time, token_lifetime_words};
pub use health::{
    client_health, ChipSubject, ClientHealth, HealthChip, HealthFilter, SecretHealth,
};
pub use kind::{ClientKind, UnknownClientKind};
pub use patch::Patch;
pub use posture::{chip_subject, tenant_admin_role_id, Posture};
pub use summary::{
    filter_indices, normalize_query, search_and_sort, sort_indices, ClientSummary, ClientTable,
    SearchCache, SortDirection, SortKey, SortOrder,
};
pub use validate::{
    field, validate_client, validate_client_update, validate_new_client_secret,
    validate_new_secret, ClientForm, ValidationErrors,
};
pub use wire::{
    parse_api_datetime, AuthorizationCodeClient, ClientCreateResponse, ClientCredentialClient,
    ClientCredentialClientCreate, ClientCredentialClientCreateResponse,
    ClientCredentialClientMultiStatusResponse, ClientSecret, ClientSecretCreateOrUpdate,
    ClientSecretResponse, DeviceCodeClient, ErrorResponse, HybridClient, HybridClientCreate,
    HybridClientCreateResponse, MultiStatusResponseChildError, Role, RoleScope,
    TENANT_ADMINISTRATOR_ROLE_TYPE_ID, TENANT_MEMBER_ROLE_TYPE_ID,
};

#[cfg(test)]
mod fixture_tests;
