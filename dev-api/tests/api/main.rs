//! In-process tests of every route and rule, through `tower::ServiceExt::oneshot`.

mod support;

mod auth_and_errors;
mod clients;
mod conformance;
mod cors_faults_persistence;
mod identity_apart;
mod roles;
mod secrets;
mod sign_in;
mod static_app;
