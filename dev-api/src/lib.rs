//! dev-api: a local stand-in for the Identity admin API that clients-console talks to.
//!
//! It implements `../shared/admin-api/CONTRACT.md` as strictly as the documentation allows:
//! the client, secret and role routes of one tenant, with the documented rules, status codes,
//! `ErrorResponse` bodies and JSON shapes. See `dev-api --help` for the command line.
//!
//! Module map: [`model`] (wire types), [`store`] (tenant state), [`rules`] (validation),
//! [`seed`] (demo data), [`auth`] (tokens), [`persist`] (`--data`), [`faults`] and [`cors`]
//! (middleware), [`routes`] (handlers), [`static_files`] (the built app).

pub mod auth;
pub mod cors;
pub mod errors;
pub mod faults;
pub mod http;
pub mod model;
pub mod oidc;
pub mod persist;
pub mod routes;
pub mod rules;
pub mod seed;
pub mod static_files;
pub mod store;

use std::{
    path::PathBuf,
    sync::{Arc, RwLock, RwLockReadGuard},
    time::{Duration, Instant},
};

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, Method, StatusCode, Uri},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use chrono::{DateTime, Utc};

pub use auth::{Tokens, User, UserRole};
pub use errors::{ApiError, ApiResult};
pub use seed::{SeedOptions, DEFAULT_TENANT_ID};
use static_files::StaticDir;
use store::Tenant;

/// What the server needs to build its routes.
#[derive(Clone, Debug)]
pub struct Config {
    /// Folder with the built app (index.html, wasm, js, css), served with an SPA fallback.
    pub static_dir: Option<PathBuf>,
    /// The path the app is served under (`--base-path`, default `/`).
    pub base_path: String,
    /// The identity server's settings (sign-in client id, token lifetime).
    pub sign_in: oidc::OidcSettings,
    /// The tenant served; `None` = [`DEFAULT_TENANT_ID`] (or the one in the `--data` file).
    pub tenant_id: Option<String>,
    /// Accepted bearer tokens. Keep a clone to issue tokens while the server runs.
    pub tokens: Tokens,
    /// What the tenant starts with.
    pub seed: SeedOptions,
    /// Delay before every API response (`--latency-ms`).
    pub latency: Duration,
    /// Serve `/_dev/faults` and `/_dev/reset` (`--dev-endpoints`).
    pub dev_endpoints: bool,
    /// Load and save the tenant here (`--data`).
    pub data_file: Option<PathBuf>,
    /// Origins a browser app may call from (`--allow-origin`).
    pub allow_origins: Vec<String>,
    /// The time the seed's dates are relative to; `None` = now.
    pub now: Option<DateTime<Utc>>,
    /// Print one line per API request to stderr.
    pub log_requests: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            static_dir: None,
            base_path: "/".to_owned(),
            sign_in: oidc::OidcSettings::default(),
            tenant_id: None,
            tokens: Tokens::with_defaults(),
            seed: SeedOptions::default(),
            latency: Duration::ZERO,
            dev_endpoints: false,
            data_file: None,
            allow_origins: Vec::new(),
            now: None,
            log_requests: false,
        }
    }
}

/// State shared by all handlers.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The inside of [`AppState`].
pub struct Shared {
    tenant_id: String,
    tenant: RwLock<Tenant>,
    /// Accepted bearer tokens.
    pub tokens: Tokens,
    seed: SeedOptions,
    persister: Option<persist::Persister>,
    /// Held from a change to its save to its swap into `tenant` (with `--data`).
    writer: Arc<tokio::sync::Mutex<()>>,
    /// Active fault rules.
    pub faults: faults::Faults,
    latency: Duration,
    dev_endpoints: bool,
    allow_origins: Vec<String>,
    static_dir: Option<StaticDir>,
    log_requests: bool,
    sign_in: oidc::OidcSettings,
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// Builds the state: loads the `--data` file, or seeds (and writes it).
    pub fn new(config: Config) -> Result<Self, String> {
        let now = config.now.unwrap_or_else(Utc::now);
        let persister = config.data_file.as_ref().map(persist::Persister::new);
        let tenant = match &config.data_file {
            Some(path) if path.exists() => {
                let bytes = std::fs::read(path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let tenant = Tenant::from_file_json(&bytes)
                    .map_err(|e| format!("{} is not a dev-api data file: {e}", path.display()))?;
                if let Some(wanted) = &config.tenant_id {
                    if !wanted.eq_ignore_ascii_case(&tenant.id) {
                        return Err(format!(
                            "{} holds tenant {}, not {wanted}: pass --tenant {} or another \
                             --data file",
                            path.display(),
                            tenant.id,
                            tenant.id
                        ));
                    }
                }
                tenant
            }
            _ => {
                let id = config
                    .tenant_id
                    .clone()
                    .unwrap_or_else(|| DEFAULT_TENANT_ID.to_owned());
                let tenant = seed::tenant(&id, config.seed, now);
                if let Some(path) = &config.data_file {
                    persist::write_atomically(path, &tenant.to_file_json())
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                }
                tenant
            }
        };
        Ok(Self(Arc::new(Shared {
            tenant_id: tenant.id.clone(),
            tenant: RwLock::new(tenant),
            tokens: config.tokens,
            seed: config.seed,
            persister,
            writer: Arc::default(),
            faults: faults::Faults::default(),
            latency: config.latency,
            dev_endpoints: config.dev_endpoints,
            allow_origins: config
                .allow_origins
                .iter()
                .map(|o| cors::normalize_origin(o))
                .collect(),
            static_dir: config.static_dir.map(|dir| {
                let identity = config.sign_in.apart.as_ref();
                StaticDir::with_base(dir, &config.base_path).with_connect_src(
                    identity
                        .map(|apart| apart.identity_origins.clone())
                        .unwrap_or_default(),
                )
            }),
            log_requests: config.log_requests,
            sign_in: config.sign_in,
        })))
    }

    /// The tenant id served.
    pub fn tenant_id(&self) -> &str {
        &self.tenant_id
    }

    /// Number of clients of all kinds.
    pub fn total_clients(&self) -> usize {
        self.read().total_clients()
    }

    /// Read access to the tenant.
    pub fn read(&self) -> RwLockReadGuard<'_, Tenant> {
        self.tenant.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a change on the tenant. With `--data`, the change runs on a copy that is saved
    /// first and replaces the tenant in memory only once the file is written: when saving
    /// fails, the answer is 500 and memory keeps the old state. A change that returns `Err` is
    /// not applied (with `--data`) and not saved.
    pub async fn write<R>(&self, change: impl FnOnce(&mut Tenant) -> ApiResult<R>) -> ApiResult<R> {
        if self.persister.is_none() {
            let mut tenant = self.tenant.write().unwrap_or_else(|e| e.into_inner());
            return change(&mut tenant);
        }
        // One change at a time from copy to save to swap, so none is lost.
        let writer = self.writer.clone().lock_owned().await;
        let mut copy = Tenant::clone(&self.read());
        let before = copy.version;
        let result = change(&mut copy);
        if result.is_err() || copy.version == before {
            return result;
        }
        let bytes = copy.to_file_json();
        let state = self.clone();
        // In a task of its own, so a caller that goes away mid-save cannot leave the file
        // ahead of memory.
        tokio::spawn(async move {
            let _writer = writer;
            let Some(persister) = &state.persister else {
                return Ok(());
            };
            persister.save(copy.version, bytes).await?;
            *state.tenant.write().unwrap_or_else(|e| e.into_inner()) = copy;
            Ok::<(), ApiError>(())
        })
        .await
        .map_err(|e| ApiError::internal(format!("Saving the data file failed: {e}.")))??;
        result
    }

    /// Restores the seed (`/_dev/reset`).
    pub async fn reset(&self) -> ApiResult<()> {
        let fresh = seed::tenant(&self.tenant_id, self.seed, Utc::now());
        self.write(move |tenant| {
            let version = tenant.version + 1;
            *tenant = fresh;
            tenant.version = version;
            Ok(())
        })
        .await
    }

    /// 404 unless `tenant_id` is the tenant served.
    pub fn check_tenant(&self, tenant_id: &str) -> ApiResult<()> {
        if tenant_id.trim().eq_ignore_ascii_case(&self.tenant_id) {
            Ok(())
        } else {
            Err(ApiError::not_found(
                "The tenant was not found.",
                format!("There is no tenant with Id {tenant_id}."),
                format!(
                    "Check the tenant Id in the URL (this dev-api serves tenant {}).",
                    self.tenant_id
                ),
            ))
        }
    }

    /// Authenticates the request, checks the tenant and the role `needed` for `operation`.
    pub fn authorize(
        &self,
        headers: &axum::http::HeaderMap,
        tenant_id: &str,
        needed: UserRole,
        operation: &str,
    ) -> ApiResult<User> {
        let user = self.tokens.authenticate(headers)?;
        self.check_tenant(tenant_id)?;
        if !user.has(needed) {
            return Err(ApiError::forbidden(&user.name, needed.name(), operation));
        }
        Ok(user)
    }

    /// Whether a CORS `origin` may call `path`.
    pub fn origin_allowed(&self, origin: &str, path: &str) -> bool {
        if self.allow_origins.is_empty() {
            return false;
        }
        path.starts_with("/_dev/")
            || self
                .allow_origins
                .iter()
                .any(|o| o == "*" || *o == cors::normalize_origin(origin))
    }
}

/// The whole server as one axum router. Panics when the `--data` file cannot be loaded; use
/// [`try_router`] to handle that.
pub fn router(config: Config) -> Router {
    match try_router(config) {
        Ok(router) => router,
        Err(err) => panic!("dev-api cannot start: {err}"),
    }
}

/// The router, or why it cannot be built (an unreadable `--data` file).
pub fn try_router(config: Config) -> Result<Router, String> {
    Ok(router_with_state(AppState::new(config)?))
}

/// The router for an existing state (keep a clone of the state to look inside).
pub fn router_with_state(state: AppState) -> Router {
    let mut app = Router::new()
        .route(
            "/api/health",
            get(|| async { Json(serde_json::json!({ "Status": "ok" })) }),
        )
        .merge(routes::api_routes());
    if state.dev_endpoints {
        app = app.merge(routes::dev::routes());
    }
    let identity_apart = state.sign_in.apart.is_some();
    let app = app
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(state.clone(), inject_faults))
        .layer(middleware::from_fn_with_state(state.clone(), add_latency))
        .layer(middleware::from_fn(error_bodies))
        .layer(middleware::from_fn(strip_head_bodies))
        .layer(middleware::from_fn_with_state(state.clone(), cors::cors))
        .layer(middleware::from_fn_with_state(state.clone(), log_requests))
        .with_state(state.clone());
    if identity_apart {
        app
    } else {
        app.merge(identity_router(&state))
    }
}

/// The identity server's routes (discovery, `/connect/…`) for `state`: part of
/// [`router_with_state`] by default; with [`oidc::OidcSettings::apart`] (`--identity-listen`)
/// serve this router on its own listener (it has the CORS the app needs then).
pub fn identity_router(state: &AppState) -> Router {
    oidc::router(
        oidc::OidcConfig {
            settings: state.sign_in.clone(),
            tenant_id: state.tenant_id.clone(),
            allow_origins: state.allow_origins.clone(),
        },
        state.tokens.clone(),
    )
}

/// Paths of the identity server, which the main router does not serve when it is apart.
fn is_identity(path: &str) -> bool {
    path.starts_with("/connect/") || path == "/.well-known/openid-configuration"
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

async fn fallback(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    if is_api(uri.path()) || uri.path().starts_with("/_dev/") || uri.path() == "/_dev" {
        return ApiError::not_found(
            "The route does not exist.",
            format!("{method} {} is not an API route.", uri.path()),
            "Check the path against the API documentation (paths are case-sensitive, e.g. \
             /api/v1/Tenants/{tenantId}/ClientCredentialClients).",
        )
        .into_response();
    }
    if state.sign_in.apart.is_some() && is_identity(uri.path()) {
        return (
            StatusCode::NOT_FOUND,
            "The identity server has its own listener here (--identity-listen): see the \
             `identity server on` line dev-api printed at start.",
        )
            .into_response();
    }
    match &state.static_dir {
        Some(dir) => {
            let accept = headers
                .get(axum::http::header::ACCEPT_ENCODING)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            dir.serve(&method, &uri, accept).await
        }
        None => (
            StatusCode::NOT_FOUND,
            "dev-api was started without --static",
        )
            .into_response(),
    }
}

/// `--latency-ms`: every API response waits this long.
async fn add_latency(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.latency.is_zero() && is_api(request.uri().path()) {
        tokio::time::sleep(state.latency).await;
    }
    next.run(request).await
}

/// Applies the rules of `/_dev/faults`.
async fn inject_faults(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !is_api(request.uri().path()) {
        return next.run(request).await;
    }
    match state.faults.take(request.method(), request.uri().path()) {
        None => next.run(request).await,
        Some(faults::FaultAction::Status(status)) => faults::injected(status).into_response(),
        Some(faults::FaultAction::Hang) => faults::hang().await,
        Some(faults::FaultAction::Drop) => faults::drop_connection(),
        Some(faults::FaultAction::ApplyThenHang) => {
            // The handler has applied (and saved) the change once it has its response.
            drop(next.run(request).await);
            faults::hang().await
        }
        Some(faults::FaultAction::ApplyThenDrop) => {
            drop(next.run(request).await);
            faults::drop_connection()
        }
    }
}

/// Turns every error without a JSON body under `/api/` and `/_dev/` (405 from the router,
/// 413 from the body limit, …) into an `ErrorResponse`.
async fn error_bodies(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if !(status.is_client_error() || status.is_server_error())
        || is_json
        || !(is_api(&path) || path.starts_with("/_dev"))
    {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let error = match status {
        StatusCode::METHOD_NOT_ALLOWED => ApiError::new(
            status,
            "The method is not allowed.",
            format!("{method} is not supported on {path}."),
            "Use one of the methods in the Allow header of this response.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            status,
            "The request body is too large.",
            "The body is larger than the server accepts (2 MB).",
            "Send a smaller body.",
        ),
        _ => ApiError::new(
            status,
            status
                .canonical_reason()
                .unwrap_or("The request failed.")
                .to_owned()
                + ".",
            format!("{method} {path} failed with status {}.", status.as_u16()),
            "Check the request against the API documentation.",
        ),
    };
    let mut response = error.into_response();
    if let Some(allow) = allow {
        response.headers_mut().insert(header::ALLOW, allow);
    }
    response
}

/// HEAD responses never have a body (errors included).
async fn strip_head_bodies(request: Request, next: Next) -> Response {
    let head = request.method() == Method::HEAD;
    let response = next.run(request).await;
    if !head {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::empty())
}

/// One line per API request on stderr (the binary turns this on).
async fn log_requests(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.log_requests
        || !(is_api(request.uri().path()) || request.uri().path().starts_with("/_dev"))
    {
        return next.run(request).await;
    }
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    eprintln!(
        "dev-api: {method} {path} -> {} ({:.1} ms)",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}
