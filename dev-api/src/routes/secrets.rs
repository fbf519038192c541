//! Secret routes of client credential and hybrid clients. Every one of them, reading
//! included, needs Tenant Administrator. The value of a secret appears only in the 201 of
//! its creation.

use axum::{
    body::Bytes,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Router,
};

use crate::{
    errors::ApiResult,
    http::{head_total, is_verbose, json, list_page, ok_json, parse_body, secret_id, ListQuery},
    model::{ClientSecretCreateOrUpdate, ClientSecretResponse},
    store::{secret_not_found, ClientKind, StoredSecret, Tenant},
    AppState,
};

use super::{
    authorized::{
        AddSecret, Authorized, ChangeSecret, CountSecrets, DeleteSecret, ListSecrets, ReadSecret,
    },
    TENANT_BASE,
};

/// The secret routes of one kind.
pub fn routes(kind: ClientKind) -> Router<AppState> {
    let base = format!("{TENANT_BASE}/{}/{{client_id}}/Secrets", kind.collection());
    Router::new()
        .route(&base, get(list).head(count).post(create))
        .route(
            &format!("{base}/{{secret_id}}"),
            get(get_one).head(exists).put(update).delete(delete),
        )
        .layer(Extension(kind))
}

/// The secret named in the path (`secret`) of the client `client_id`, or the 404 of the client,
/// of an id that is not an integer, or of the secret, in that order.
fn find_secret<'a>(
    tenant: &'a Tenant,
    kind: ClientKind,
    client_id: &str,
    secret: &str,
) -> ApiResult<&'a StoredSecret> {
    let client = tenant.find_client(kind, client_id)?;
    let id = secret_id(secret)?;
    client
        .secret(id)
        .ok_or_else(|| secret_not_found(client_id, id))
}

async fn list(
    _: Authorized<ListSecrets>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let query = ListQuery::parse(raw.as_deref())?;
    let tenant = state.read();
    let client = tenant.find_client(kind, &client_id)?;
    Ok(list_page(
        &query,
        client.secrets.iter(),
        StoredSecret::to_wire,
        &headers,
    ))
}

async fn count(
    _: Authorized<CountSecrets>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let tenant = state.read();
    let client = tenant.find_client(kind, &client_id)?;
    Ok(head_total(client.secrets.len()))
}

async fn create(
    _: Authorized<AddSecret>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    state.read().find_client(kind, &client_id)?;
    let body: ClientSecretCreateOrUpdate = parse_body(&headers, &body)?;
    let secret = state
        .write(|t| t.add_secret(kind, &client_id, body))
        .await?;
    let wire = secret.stored.to_wire();
    Ok(json(
        StatusCode::CREATED,
        &ClientSecretResponse {
            id: wire.id,
            expiration: wire.expiration,
            expires: wire.expires,
            description: wire.description,
            secret: Some(secret.value),
        },
        is_verbose(&headers),
    ))
}

async fn get_one(
    _: Authorized<ReadSecret>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id, secret)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let tenant = state.read();
    let secret = find_secret(&tenant, kind, &client_id, &secret)?;
    Ok(ok_json(&secret.to_wire(), &headers))
}

async fn exists(
    _: Authorized<ReadSecret>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id, secret)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    find_secret(&state.read(), kind, &client_id, &secret)?;
    Ok(StatusCode::OK.into_response())
}

async fn update(
    _: Authorized<ChangeSecret>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id, secret)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let id = find_secret(&state.read(), kind, &client_id, &secret)?.id;
    let body: ClientSecretCreateOrUpdate = parse_body(&headers, &body)?;
    let updated = state
        .write(|t| t.update_secret(kind, &client_id, id, body))
        .await?;
    Ok(ok_json(&updated.to_wire(), &headers))
}

async fn delete(
    _: Authorized<DeleteSecret>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id, secret)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    state.read().find_client(kind, &client_id)?;
    let id = secret_id(&secret)?;
    state
        .write(|t| t.delete_secret(kind, &client_id, id))
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
