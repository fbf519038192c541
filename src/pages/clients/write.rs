//! Running a change against the API: pending and error state for the form or dialog that
//! started it, the session told about 401/403, and the follow-up on success.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::auth::session::Session;

/// The state of one write the user can start, retry and see fail.
#[derive(Clone, Copy)]
pub struct Write {
    pub pending: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    session: Option<Session>,
}

impl Write {
    /// Call in a component body (it picks up the session from context).
    pub fn new() -> Self {
        Self {
            pending: RwSignal::new(false),
            error: RwSignal::new(None),
            session: use_context::<Session>(),
        }
    }

    /// Forgets the last failure (when the dialog opens again).
    pub fn reset(&self) {
        self.pending.set(false);
        self.error.set(None);
    }

    /// Runs `request`; on success `on_ok` gets the answer, on failure the error is kept for
    /// the dialog (which keeps everything the user entered).
    pub fn run<T: 'static>(
        &self,
        request: impl Future<Output = Result<T, ApiError>> + 'static,
        on_ok: impl FnOnce(T) + 'static,
    ) {
        if self.pending.get_untracked() {
            return;
        }
        let session = self.session;
        let this = *self;
        this.pending.set(true);
        this.error.set(None);
        leptos::task::spawn_local(async move {
            let result = request.await;
            let _ = this.pending.try_set(false);
            match result {
                Ok(value) => on_ok(value),
                Err(err) => {
                    if let (Some(session), Some(status)) = (session, err.status()) {
                        session.note_status(status);
                    }
                    let _ = this.error.try_set(Some(err));
                }
            }
        });
    }
}

impl Default for Write {
    fn default() -> Self {
        Self::new()
    }
}
