//! The forms that two features share (Add Client and Edit Client; Add Secret, Edit Secret
//! and Rotate Secret's first step): views only, props in and callbacks out, like
//! `crate::components`. They hold no state and call no API.

pub mod client_form;
pub mod secret_form;
