//! Tenant roles (`/Roles`) and the roles of a client credential client
//! (`/ClientCredentialClients/{clientId}/Roles`, also under `/Clients/{clientId}/Roles`).

use axum::{
    body::Bytes,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};

use crate::{
    errors::{ApiError, ApiResult},
    http::{head_total, list_page, ok_json, parse_array_body, ListQuery},
    model::Role,
    store::{ClientKind, StoredClient},
    AppState,
};

use super::{
    authorized::{
        Authorized, ChangeClientRoles, CountClientsOfRole, CountRoles, ListClientsOfRole,
        ListRoles, ReadClientRoles, ReadRole,
    },
    TENANT_BASE,
};

/// The role routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{TENANT_BASE}/Roles"), get(list).head(count))
        .route(
            &format!("{TENANT_BASE}/Roles/{{role_id}}"),
            get(get_one).head(exists),
        )
        .route(
            &format!("{TENANT_BASE}/Roles/{{role_id}}/clientcredentialclients"),
            get(clients_with_role).head(count_clients_with_role),
        )
        .route(
            &format!("{TENANT_BASE}/ClientCredentialClients/{{client_id}}/Roles"),
            get(client_roles)
                .head(count_client_roles)
                .put(set_client_roles),
        )
        .route(
            &format!("{TENANT_BASE}/Clients/{{client_id}}/Roles"),
            get(client_roles)
                .head(count_client_roles)
                .put(set_client_roles),
        )
}

fn filtered<'a>(roles: &'a [Role], query: &ListQuery) -> Vec<&'a Role> {
    roles
        .iter()
        .filter(|r| match &query.role_type_id {
            Some(wanted) => r
                .role_type_id
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(wanted)),
            None => true,
        })
        .collect()
}

async fn list(
    _: Authorized<ListRoles>,
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let query = ListQuery::parse(raw.as_deref())?;
    let tenant = state.read();
    let all = filtered(&tenant.roles, &query);
    Ok(list_page(&query, all.into_iter(), |r| r, &headers))
}

async fn count(
    _: Authorized<CountRoles>,
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let query = ListQuery::parse(raw.as_deref())?;
    let tenant = state.read();
    Ok(head_total(filtered(&tenant.roles, &query).len()))
}

async fn get_one(
    _: Authorized<ReadRole>,
    State(state): State<AppState>,
    Path((_, role_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let tenant = state.read();
    let role = tenant.find_role(&role_id)?;
    Ok(ok_json(role, &headers))
}

async fn exists(
    _: Authorized<ReadRole>,
    State(state): State<AppState>,
    Path((_, role_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    state.read().find_role(&role_id)?;
    Ok(StatusCode::OK.into_response())
}

fn with_role<'a>(
    clients: impl Iterator<Item = &'a StoredClient>,
    role_id: &str,
) -> Vec<&'a StoredClient> {
    clients
        .filter(|c| c.role_ids.iter().any(|r| r.eq_ignore_ascii_case(role_id)))
        .collect()
}

async fn clients_with_role(
    _: Authorized<ListClientsOfRole>,
    State(state): State<AppState>,
    Path((_, role_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let query = ListQuery::parse(raw.as_deref())?;
    let tenant = state.read();
    tenant.find_role(&role_id)?;
    let all = with_role(
        tenant.clients(ClientKind::ClientCredential).values(),
        &role_id,
    );
    Ok(list_page(
        &query,
        all.into_iter(),
        StoredClient::to_cc,
        &headers,
    ))
}

async fn count_clients_with_role(
    _: Authorized<CountClientsOfRole>,
    State(state): State<AppState>,
    Path((_, role_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let tenant = state.read();
    tenant.find_role(&role_id)?;
    let total = with_role(
        tenant.clients(ClientKind::ClientCredential).values(),
        &role_id,
    )
    .len();
    Ok(head_total(total))
}

async fn client_roles(
    _: Authorized<ReadClientRoles>,
    State(state): State<AppState>,
    Path((_, client_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let query = ListQuery::parse(raw.as_deref())?;
    let tenant = state.read();
    let client = tenant.find_client(ClientKind::ClientCredential, &client_id)?;
    let roles = tenant.roles_of(&client.role_ids);
    Ok(list_page(&query, roles.iter(), |r| r, &headers))
}

async fn count_client_roles(
    _: Authorized<ReadClientRoles>,
    State(state): State<AppState>,
    Path((_, client_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let tenant = state.read();
    let client = tenant.find_client(ClientKind::ClientCredential, &client_id)?;
    Ok(head_total(tenant.roles_of(&client.role_ids).len()))
}

async fn set_client_roles(
    _: Authorized<ChangeClientRoles>,
    State(state): State<AppState>,
    Path((_, client_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    state
        .read()
        .find_client(ClientKind::ClientCredential, &client_id)?;
    let roles: Vec<Role> = parse_array_body(&headers, &body)?;
    let mut ids = Vec::with_capacity(roles.len());
    for (index, role) in roles.iter().enumerate() {
        match role.id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => ids.push(id.to_owned()),
            _ => {
                return Err(ApiError::bad_request(
                    "A role has no Id.",
                    format!("[{index}].Id is missing; every role in the list needs its Id."),
                    "Send the roles as an array of Role objects with at least their Id, e.g. \
                     [{\"Id\": \"…\"}].",
                ))
            }
        }
    }
    let roles = state
        .write(|t| t.set_client_roles(&client_id, &ids))
        .await?;
    Ok(ok_json(&roles, &headers))
}
