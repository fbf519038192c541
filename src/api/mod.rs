//! Typed client for the Identity admin API: one async fn per endpoint, one `ApiError`.
