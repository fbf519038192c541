//! Sign-in: runtime configuration, OpenID Connect authorization code flow with PKCE.
//!
//! The access token lives in memory only. During the redirect to the identity server the PKCE
//! verifier, `state`, `nonce` and the return URL sit in sessionStorage and are removed as soon
//! as the code has been exchanged.

pub mod config;
pub mod oidc;
pub mod pkce;
pub mod rights;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod session;
