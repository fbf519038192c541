//! `/_dev/…`: test helpers, served only with `--dev-endpoints`. No authentication.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};

use crate::{errors::ApiResult, faults::FaultSpec, http::parse_body, AppState};

/// The `/_dev` routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/_dev/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_dev/reset", post(reset))
}

async fn list_faults(State(state): State<AppState>) -> Json<Vec<FaultSpec>> {
    Json(state.faults.list())
}

async fn add_fault(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let spec: FaultSpec = parse_body(&headers, &body)?;
    state.faults.add(spec)?;
    Ok((StatusCode::CREATED, Json(state.faults.list())).into_response())
}

async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state.faults.clear();
    StatusCode::NO_CONTENT
}

/// Restores the seed the server started with (the fault rules stay as they are).
async fn reset(State(state): State<AppState>) -> ApiResult<StatusCode> {
    state.reset().await?;
    Ok(StatusCode::NO_CONTENT)
}
