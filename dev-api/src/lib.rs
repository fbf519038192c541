//! dev-api: a local stand-in for the Identity admin API that clients-console talks to.

pub mod static_files;

use axum::{
    extract::State,
    http::{Method, Uri},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};

use static_files::StaticDir;

/// What the server needs to build its routes.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Folder with the built app (index.html, wasm, js, css), served with an SPA fallback.
    pub static_dir: Option<std::path::PathBuf>,
}

#[derive(Clone)]
struct AppState {
    static_dir: Option<StaticDir>,
}

/// The whole server as one axum router.
pub fn router(config: Config) -> Router {
    let state = AppState {
        static_dir: config.static_dir.map(StaticDir::new),
    };
    Router::new()
        .route(
            "/api/health",
            get(|| async { Json(serde_json::json!({ "Status": "ok" })) }),
        )
        .fallback(fallback)
        .with_state(state)
}

async fn fallback(State(state): State<AppState>, method: Method, uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return (axum::http::StatusCode::NOT_FOUND, "no such API route").into_response();
    }
    match &state.static_dir {
        Some(dir) => dir.serve(&method, &uri).await,
        None => (
            axum::http::StatusCode::NOT_FOUND,
            "dev-api was started without --static",
        )
            .into_response(),
    }
}
