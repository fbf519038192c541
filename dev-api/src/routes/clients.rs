//! Client routes, the same for the three kinds: list, count, create, get, exists, update,
//! delete.

use axum::{
    body::Bytes,
    extract::{Path, RawQuery, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Router,
};

use crate::{
    errors::ApiResult,
    http::{head_total, is_verbose, json, ok_json, parse_body, with_total, ListQuery},
    model::{
        format_date, AuthorizationCodeClient, ClientCreateResponse, ClientCredentialClient,
        ClientCredentialClientCreate, ClientCredentialClientMultiStatusResponse, HybridClient,
        HybridClientCreate, MultiStatusResponseChildError,
    },
    store::{client_not_found, ClientInput, ClientKind, StoredClient, Tenant, WireClient},
    AppState,
};

use super::{
    authorized::{
        Authorized, ChangeClient, CountClients, CreateClient, DeleteClient, ListClients, ReadClient,
    },
    TENANT_BASE,
};

/// The routes of one kind.
pub fn routes(kind: ClientKind) -> Router<AppState> {
    let base = format!("{TENANT_BASE}/{}", kind.collection());
    Router::new()
        .route(&base, get(list).head(count).post(create))
        .route(
            &format!("{base}/{{client_id}}"),
            get(get_one).head(exists).put(update).delete(delete),
        )
        .layer(Extension(kind))
}

/// The clients of `kind` that pass the `id` and `tag` filters, in creation order, and the ids
/// asked for that do not exist.
fn matching<'a>(
    tenant: &'a Tenant,
    kind: ClientKind,
    query: &ListQuery,
) -> (Vec<&'a StoredClient>, Vec<String>) {
    let has_tags = |c: &StoredClient| {
        query
            .tags
            .iter()
            .all(|t| c.tags.iter().any(|ct| ct.eq_ignore_ascii_case(t)))
    };
    if query.ids.is_empty() {
        let all = tenant
            .clients(kind)
            .values()
            .filter(|c| has_tags(c))
            .collect();
        return (all, Vec::new());
    }
    let wanted: Vec<String> = query.ids.iter().map(|i| i.to_ascii_lowercase()).collect();
    let found = tenant
        .clients(kind)
        .iter()
        .filter(|(k, c)| wanted.contains(k) && has_tags(c))
        .map(|(_, c)| c)
        .collect();
    let missing = query
        .ids
        .iter()
        .filter(|id| tenant.client(kind, id).is_none())
        .cloned()
        .collect();
    (found, missing)
}

async fn list(
    _: Authorized<ListClients>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let query = ListQuery::parse(raw.as_deref())?;
    let verbose = is_verbose(&headers);
    let tenant = state.read();
    if query.ids.is_empty() && query.tags.is_empty() {
        // The common case: a slice of the kind's clients, without walking the others.
        let all = tenant.clients(kind);
        let end = query.skip.saturating_add(query.count).min(all.len());
        let page: Vec<WireClient> = (query.skip.min(end)..end)
            .filter_map(|i| all.get_index(i))
            .map(|(_, c)| c.to_wire())
            .collect();
        return Ok(with_total(json(StatusCode::OK, &page, verbose), all.len()));
    }
    let (found, missing) = matching(&tenant, kind, &query);
    let total = found.len();
    let page: Vec<WireClient> = query
        .page(found.into_iter())
        .into_iter()
        .map(StoredClient::to_wire)
        .collect();
    if kind == ClientKind::ClientCredential && !missing.is_empty() {
        return Ok(with_total(
            json(
                StatusCode::MULTI_STATUS,
                &multi_status(page, &missing),
                verbose,
            ),
            total,
        ));
    }
    Ok(with_total(json(StatusCode::OK, &page, verbose), total))
}

/// The 207 answer of the client credential list when some requested ids do not exist.
fn multi_status(
    page: Vec<WireClient>,
    missing: &[String],
) -> ClientCredentialClientMultiStatusResponse {
    let operation_id = uuid::Uuid::new_v4().to_string();
    let data: Vec<ClientCredentialClient> = page
        .into_iter()
        .filter_map(|c| match c {
            WireClient::ClientCredential(c) => Some(c),
            _ => None,
        })
        .collect();
    ClientCredentialClientMultiStatusResponse {
        operation_id: Some(operation_id.clone()),
        error: Some("Some of the requested clients were not found.".to_owned()),
        reason: Some(format!(
            "{} of the requested Ids do not name a client credential client in this tenant.",
            missing.len()
        )),
        event_id: Some(uuid::Uuid::new_v4().to_string()),
        child_errors: Some(
            missing
                .iter()
                .map(|id| MultiStatusResponseChildError {
                    operation_id: operation_id.clone(),
                    error: "The client was not found.".to_owned(),
                    reason: format!("There is no client credential client with Id {id}."),
                    resolution: "Check the Id; the client may have been deleted.".to_owned(),
                    event_id: uuid::Uuid::new_v4().to_string(),
                    status_code: 404,
                    model_id: Some(id.clone()),
                    extra: Default::default(),
                })
                .collect(),
        ),
        data: Some(data),
    }
}

async fn count(
    _: Authorized<CountClients>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let query = ListQuery::parse(raw.as_deref())?;
    let tenant = state.read();
    let (found, _) = matching(&tenant, kind, &query);
    Ok(head_total(found.len()))
}

/// Reads the body of a create (`create`) or an update of a client of `kind`: each has its own
/// documented schema.
fn read_input(
    kind: ClientKind,
    create: bool,
    headers: &HeaderMap,
    body: &Bytes,
) -> ApiResult<ClientInput> {
    Ok(match (kind, create) {
        (ClientKind::ClientCredential, true) => {
            parse_body::<ClientCredentialClientCreate>(headers, body)?.into()
        }
        (ClientKind::ClientCredential, false) => {
            parse_body::<ClientCredentialClient>(headers, body)?.into()
        }
        (ClientKind::Hybrid, true) => parse_body::<HybridClientCreate>(headers, body)?.into(),
        (ClientKind::Hybrid, false) => parse_body::<HybridClient>(headers, body)?.into(),
        (ClientKind::AuthorizationCode, _) => {
            parse_body::<AuthorizationCodeClient>(headers, body)?.into()
        }
    })
}

async fn create(
    _: Authorized<CreateClient>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let input = read_input(kind, true, &headers, &body)?;
    let (client, secret) = state.write(|t| t.create_client(kind, input)).await?;
    let verbose = is_verbose(&headers);
    // Kinds with secrets answer with the first secret and the client inside; the others with
    // the client alone.
    let mut response = match secret {
        Some(secret) => json(
            StatusCode::CREATED,
            &ClientCreateResponse {
                secret: Some(secret.value),
                id: secret.stored.id,
                description: secret.stored.description,
                expiration_date: secret.stored.expiration.as_ref().map(format_date),
                client: Some(client.to_wire()),
            },
            verbose,
        ),
        None => json(StatusCode::CREATED, &client.to_wire(), verbose),
    };
    let location = format!(
        "/api/v1/Tenants/{}/{}/{}",
        state.tenant_id(),
        kind.collection(),
        client.id
    );
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

async fn get_one(
    _: Authorized<ReadClient>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let tenant = state.read();
    let client = tenant.find_client(kind, &client_id)?;
    Ok(ok_json(&client.to_wire(), &headers))
}

async fn exists(
    _: Authorized<ReadClient>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    state.read().find_client(kind, &client_id)?;
    Ok(StatusCode::OK.into_response())
}

async fn update(
    _: Authorized<ChangeClient>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    state.read().find_client(kind, &client_id)?;
    let input = read_input(kind, false, &headers, &body)?;
    let client = state
        .write(|t| t.update_client(kind, &client_id, input))
        .await?;
    Ok(ok_json(&client.to_wire(), &headers))
}

async fn delete(
    _: Authorized<DeleteClient>,
    State(state): State<AppState>,
    Extension(kind): Extension<ClientKind>,
    Path((_, client_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    state
        .write(|t| {
            if t.remove(kind, &client_id) {
                Ok(())
            } else {
                Err(client_not_found(kind, &client_id))
            }
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
