//! `ApiClient`: pure request builders per endpoint, plus one async fn per endpoint that sends
//! the request through a [`Transport`] and maps the response.

use std::fmt;
use std::sync::Arc;

use futures::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::ApiError;
use super::paging::{load_pages, CancelToken, LIST_PAGE_SIZE, PAGE_SIZE};
use super::request::{encode_component, ApiRequest, Method};
use super::response::{
    interpret_count, interpret_empty, interpret_json, interpret_page, Page, RawResponse,
};
use crate::auth::rights::may_change_from_status;
use crate::model::client::to_json;

/// A client id no tenant has (the nil GUID), for the rights check in an empty tenant.
const NO_SUCH_CLIENT: &str = "00000000-0000-0000-0000-000000000000";
use crate::model::{
    AuthorizationCodeClient, Client, ClientCredentialClient, ClientCredentialClientCreateResponse,
    ClientKind, ClientSecret, ClientSecretCreateOrUpdate, ClientSecretResponse, CreatedClient,
    HybridClient, HybridClientCreateResponse, NewClient, Role,
};

/// Where the access token comes from: called for every request; `None` (or an empty string)
/// sends no `Authorization` header.
pub type TokenSource = Arc<dyn Fn() -> Option<String> + Send + Sync>;

/// Told the HTTP status of every response, whichever call made it: the one place where the
/// app learns that the sign-in ended (401) or that the user may not change anything (403).
pub type StatusObserver = Arc<dyn Fn(u16) + Send + Sync>;

/// Executes an [`ApiRequest`] against a full URL and returns status, `Total-Count` and body.
///
/// Only transport failures (the fetch itself rejected) are errors here; every HTTP status is
/// a [`RawResponse`]. The browser transport is [`FetchTransport`](super::FetchTransport);
/// native tests use their own.
pub trait Transport: Send + Sync {
    /// Sends `request` to `url`.
    fn send(
        &self,
        url: String,
        request: ApiRequest,
    ) -> LocalBoxFuture<'static, Result<RawResponse, ApiError>>;
}

/// The typed client of the Identity admin API for one tenant.
///
/// Cheap to clone, `Send + Sync`: put it in a Leptos context once. Each endpoint has a pure
/// `*_request` builder (tested natively) and an async fn that sends it. Every request carries
/// `Accept-Verbosity: verbose` and `Authorization: Bearer <token>`; bodies are JSON.
#[derive(Clone)]
pub struct ApiClient {
    base_url: Arc<str>,
    tenant_id: Arc<str>,
    token: TokenSource,
    transport: Arc<dyn Transport>,
    observer: Option<StatusObserver>,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print the token.
        f.debug_struct("ApiClient")
            .field("base_url", &self.base_url)
            .field("tenant_id", &self.tenant_id)
            .finish_non_exhaustive()
    }
}

#[cfg(target_arch = "wasm32")]
impl ApiClient {
    /// A client that talks to `base_url` (empty = same origin, e.g.
    /// `https://uswe.datahub.connect.aveva.com`) for tenant `tenant_id` with the browser's
    /// `fetch`.
    pub fn new(
        base_url: impl Into<String>,
        tenant_id: impl Into<String>,
        token: impl Fn() -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        Self::with_transport(
            base_url,
            tenant_id,
            Arc::new(token),
            Arc::new(super::FetchTransport::default()),
        )
    }

    /// The same client with a request deadline of `seconds` (the browser transport only).
    pub fn with_deadline(mut self, seconds: u32) -> Self {
        self.transport = Arc::new(super::FetchTransport {
            deadline_seconds: seconds,
        });
        self
    }
}

impl ApiClient {
    /// A client with an explicit token source and transport.
    pub fn with_transport(
        base_url: impl Into<String>,
        tenant_id: impl Into<String>,
        token: TokenSource,
        transport: Arc<dyn Transport>,
    ) -> Self {
        let base_url: String = base_url.into();
        ApiClient {
            base_url: Arc::from(base_url.trim_end_matches('/')),
            tenant_id: Arc::from(tenant_id.into()),
            token,
            transport,
            observer: None,
        }
    }

    /// The same client, telling `observer` the status of every response (see
    /// [`StatusObserver`]).
    pub fn observing(mut self, observer: impl Fn(u16) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// The base URL (no trailing `/`; empty = same origin).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The tenant id.
    pub fn tenant_id(&self) -> &str {
        &self.tenant_id
    }

    // ----- request building (pure) -------------------------------------------------------

    /// `/api/v1/Tenants/{tenant}` followed by `segments`, each percent-encoded.
    fn path(&self, segments: &[&str]) -> String {
        let mut path = format!("/api/v1/Tenants/{}", encode_component(&self.tenant_id));
        for segment in segments {
            path.push('/');
            path.push_str(&encode_component(segment));
        }
        path
    }

    /// A request with the common headers (and `Content-Type` when there is a body).
    fn request(
        &self,
        method: Method,
        path: String,
        query: Vec<(String, String)>,
        body: Option<Value>,
    ) -> ApiRequest {
        let mut headers = vec![("Accept-Verbosity".to_owned(), "verbose".to_owned())];
        if let Some(token) = (self.token)().filter(|t| !t.trim().is_empty()) {
            headers.push(("Authorization".to_owned(), format!("Bearer {token}")));
        }
        if body.is_some() {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        ApiRequest {
            method,
            path,
            query,
            headers,
            body,
        }
    }

    fn paging(skip: u64, count: u64) -> Vec<(String, String)> {
        vec![
            ("skip".to_owned(), skip.to_string()),
            ("count".to_owned(), count.to_string()),
        ]
    }

    /// `GET …/{Kind}?skip=&count=`: one page of clients.
    pub fn list_clients_request(&self, kind: ClientKind, skip: u64, count: u64) -> ApiRequest {
        self.request(
            Method::Get,
            self.path(&[kind.path_segment()]),
            Self::paging(skip, count),
            None,
        )
    }

    /// `HEAD …/{Kind}`: the number of clients (`Total-Count`).
    pub fn count_clients_request(&self, kind: ClientKind) -> ApiRequest {
        self.request(
            Method::Head,
            self.path(&[kind.path_segment()]),
            Vec::new(),
            None,
        )
    }

    /// `GET …/{Kind}/{clientId}`.
    pub fn get_client_request(&self, kind: ClientKind, client_id: &str) -> ApiRequest {
        self.request(
            Method::Get,
            self.path(&[kind.path_segment(), client_id]),
            Vec::new(),
            None,
        )
    }

    /// `POST …/{Kind}` with the create body of the kind.
    pub fn create_client_request(&self, client: &NewClient) -> ApiRequest {
        let path = self.path(&[client.kind().path_segment()]);
        self.request(Method::Post, path, Vec::new(), Some(client.to_json()))
    }

    /// `PUT …/{Kind}/{clientId}` with `changes` (only the changed fields; see
    /// [`Client::changes`]).
    pub fn update_client_request(&self, client_id: &str, changes: &Client) -> ApiRequest {
        let path = self.path(&[changes.kind().path_segment(), client_id]);
        self.request(Method::Put, path, Vec::new(), Some(changes.to_json()))
    }

    /// `DELETE …/{Kind}/{clientId}`.
    pub fn delete_client_request(&self, kind: ClientKind, client_id: &str) -> ApiRequest {
        self.request(
            Method::Delete,
            self.path(&[kind.path_segment(), client_id]),
            Vec::new(),
            None,
        )
    }

    /// `GET …/{Kind}/{clientId}/Secrets?skip=0&count=100` (a client has at most 10).
    ///
    /// Only client-credentials and hybrid clients have secrets; for an authorization code
    /// client the server answers 404 ([`ApiError::NotFound`]).
    pub fn list_secrets_request(&self, kind: ClientKind, client_id: &str) -> ApiRequest {
        let path = self.path(&[kind.path_segment(), client_id, "Secrets"]);
        self.request(Method::Get, path, Self::paging(0, PAGE_SIZE), None)
    }

    /// `HEAD …/{Kind}/{clientId}/Secrets`: needs Tenant Administrator, changes nothing.
    pub fn secrets_head_request(&self, kind: ClientKind, client_id: &str) -> ApiRequest {
        let path = self.path(&[kind.path_segment(), client_id, "Secrets"]);
        self.request(Method::Head, path, Vec::new(), None)
    }

    /// `…/{Kind}/{clientId}/Secrets/{secretId}`.
    fn secret_path(&self, kind: ClientKind, client_id: &str, secret_id: i32) -> String {
        self.path(&[
            kind.path_segment(),
            client_id,
            "Secrets",
            &secret_id.to_string(),
        ])
    }

    /// `GET …/{Kind}/{clientId}/Secrets/{secretId}`.
    pub fn get_secret_request(
        &self,
        kind: ClientKind,
        client_id: &str,
        secret_id: i32,
    ) -> ApiRequest {
        let path = self.secret_path(kind, client_id, secret_id);
        self.request(Method::Get, path, Vec::new(), None)
    }

    /// `POST …/{Kind}/{clientId}/Secrets`.
    pub fn create_secret_request(
        &self,
        kind: ClientKind,
        client_id: &str,
        secret: &ClientSecretCreateOrUpdate,
    ) -> ApiRequest {
        let path = self.path(&[kind.path_segment(), client_id, "Secrets"]);
        self.request(Method::Post, path, Vec::new(), Some(to_json(secret)))
    }

    /// `PUT …/{Kind}/{clientId}/Secrets/{secretId}` (only the fields to change).
    pub fn update_secret_request(
        &self,
        kind: ClientKind,
        client_id: &str,
        secret_id: i32,
        changes: &ClientSecretCreateOrUpdate,
    ) -> ApiRequest {
        let path = self.secret_path(kind, client_id, secret_id);
        self.request(Method::Put, path, Vec::new(), Some(to_json(changes)))
    }

    /// `DELETE …/{Kind}/{clientId}/Secrets/{secretId}`.
    pub fn delete_secret_request(
        &self,
        kind: ClientKind,
        client_id: &str,
        secret_id: i32,
    ) -> ApiRequest {
        let path = self.secret_path(kind, client_id, secret_id);
        self.request(Method::Delete, path, Vec::new(), None)
    }

    /// `GET …/Roles?skip=&count=`: the tenant's roles, including community roles.
    pub fn list_roles_request(&self, skip: u64, count: u64) -> ApiRequest {
        self.request(
            Method::Get,
            self.path(&["Roles"]),
            Self::paging(skip, count),
            None,
        )
    }

    /// `GET …/ClientCredentialClients/{clientId}/Roles?skip=0&count=100`.
    pub fn get_client_roles_request(&self, client_id: &str) -> ApiRequest {
        let path = self.path(&[
            ClientKind::ClientCredentials.path_segment(),
            client_id,
            "Roles",
        ]);
        self.request(Method::Get, path, Self::paging(0, PAGE_SIZE), None)
    }

    /// `PUT …/ClientCredentialClients/{clientId}/Roles` with `[{"Id": …}, …]`: replaces the
    /// client's roles (keep the Tenant Member role in the list).
    pub fn put_client_roles_request(&self, client_id: &str, role_ids: &[String]) -> ApiRequest {
        let path = self.path(&[
            ClientKind::ClientCredentials.path_segment(),
            client_id,
            "Roles",
        ]);
        let roles: Vec<Role> = role_ids
            .iter()
            .map(|id| Role::reference(id.clone()))
            .collect();
        self.request(Method::Put, path, Vec::new(), Some(to_json(&roles)))
    }

    // ----- sending -------------------------------------------------------------------------

    /// Sends a request through the transport.
    pub async fn send(&self, request: ApiRequest) -> Result<RawResponse, ApiError> {
        let url = request.url(&self.base_url);
        let raw = self.transport.send(url, request).await?;
        if let Some(observer) = &self.observer {
            observer(raw.status);
        }
        Ok(raw)
    }

    async fn send_json<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T, ApiError> {
        let raw = self.send(request).await?;
        interpret_json(raw.status, &raw.body)
    }

    async fn send_empty(&self, request: ApiRequest) -> Result<(), ApiError> {
        let raw = self.send(request).await?;
        interpret_empty(raw.status, &raw.body)
    }

    // ----- endpoints -------------------------------------------------------------------------

    /// One page of clients of `kind` (`Total-Count` in [`Page::total`]; a 207 on the client
    /// credential list gives the clients found plus [`Page::child_errors`]).
    pub async fn list_clients(
        &self,
        kind: ClientKind,
        skip: u64,
        count: u64,
    ) -> Result<Page<Client>, ApiError> {
        let raw = self
            .send(self.list_clients_request(kind, skip, count))
            .await?;
        let total = raw.total_count.as_deref();
        Ok(match kind {
            ClientKind::ClientCredentials => {
                interpret_page::<ClientCredentialClient>(raw.status, total, &raw.body)?
                    .map(Client::ClientCredentials)
            }
            ClientKind::Hybrid => {
                interpret_page::<HybridClient>(raw.status, total, &raw.body)?.map(Client::Hybrid)
            }
            ClientKind::AuthorizationCode => {
                interpret_page::<AuthorizationCodeClient>(raw.status, total, &raw.body)?
                    .map(Client::AuthorizationCode)
            }
        })
    }

    /// Every client of `kind`, in API order: pages of 1000 (100 if the server refuses that),
    /// at most 4 requests in flight,
    /// `progress(loaded, total)` after each page. Cancelling `cancel` stops issuing requests
    /// and ends with [`ApiError::Cancelled`].
    pub async fn load_all(
        &self,
        kind: ClientKind,
        progress: impl Fn(usize, usize),
        cancel: &CancelToken,
    ) -> Result<Page<Client>, ApiError> {
        self.load_all_after(kind, None, progress, cancel).await
    }

    /// [`ApiClient::load_all`] whose first page ([`ApiClient::first_page`]) was sent earlier:
    /// `first` is its answer to come.
    pub async fn load_all_after(
        &self,
        kind: ClientKind,
        first: Option<LocalBoxFuture<'static, Result<Page<Client>, ApiError>>>,
        progress: impl Fn(usize, usize),
        cancel: &CancelToken,
    ) -> Result<Page<Client>, ApiError> {
        load_pages(
            |skip, count| self.list_clients(kind, skip, count),
            first,
            LIST_PAGE_SIZE,
            progress,
            cancel,
        )
        .await
    }

    /// The first request of [`ApiClient::load_all`] for `kind`, on its own.
    pub async fn first_page(&self, kind: ClientKind) -> Result<Page<Client>, ApiError> {
        self.list_clients(kind, 0, LIST_PAGE_SIZE).await
    }

    /// How many clients of `kind` the tenant has (`HEAD`, `Total-Count`).
    pub async fn count_clients(&self, kind: ClientKind) -> Result<u64, ApiError> {
        let raw = self.send(self.count_clients_request(kind)).await?;
        interpret_count(raw.status, raw.total_count.as_deref(), &raw.body)
    }

    /// One client.
    pub async fn get_client(&self, kind: ClientKind, client_id: &str) -> Result<Client, ApiError> {
        let request = self.get_client_request(kind, client_id);
        self.decode_client(kind, request).await
    }

    async fn decode_client(
        &self,
        kind: ClientKind,
        request: ApiRequest,
    ) -> Result<Client, ApiError> {
        Ok(match kind {
            ClientKind::ClientCredentials => {
                Client::ClientCredentials(self.send_json(request).await?)
            }
            ClientKind::Hybrid => Client::Hybrid(self.send_json(request).await?),
            ClientKind::AuthorizationCode => {
                Client::AuthorizationCode(self.send_json(request).await?)
            }
        })
    }

    /// Creates a client. For client-credentials and hybrid clients the answer holds the first
    /// secret's value, which is never available again.
    pub async fn create_client(&self, client: &NewClient) -> Result<CreatedClient, ApiError> {
        let request = self.create_client_request(client);
        Ok(match client.kind() {
            ClientKind::ClientCredentials => CreatedClient::ClientCredentials(
                self.send_json::<ClientCredentialClientCreateResponse>(request)
                    .await?,
            ),
            ClientKind::Hybrid => CreatedClient::Hybrid(
                self.send_json::<HybridClientCreateResponse>(request)
                    .await?,
            ),
            ClientKind::AuthorizationCode => {
                CreatedClient::AuthorizationCode(self.send_json(request).await?)
            }
        })
    }

    /// Changes a client: `changes` holds only the changed fields (see [`Client::changes`]).
    pub async fn update_client(
        &self,
        client_id: &str,
        changes: &Client,
    ) -> Result<Client, ApiError> {
        let request = self.update_client_request(client_id, changes);
        self.decode_client(changes.kind(), request).await
    }

    /// Enables or disables a client (sends `{"Enabled": …}` only).
    pub async fn set_client_enabled(
        &self,
        kind: ClientKind,
        client_id: &str,
        enabled: bool,
    ) -> Result<Client, ApiError> {
        self.update_client(client_id, &Client::enabled_patch(kind, enabled))
            .await
    }

    /// Removes a client.
    pub async fn delete_client(&self, kind: ClientKind, client_id: &str) -> Result<(), ApiError> {
        self.send_empty(self.delete_client_request(kind, client_id))
            .await
    }

    /// The secrets of a client-credentials or hybrid client (without values).
    pub async fn list_secrets(
        &self,
        kind: ClientKind,
        client_id: &str,
    ) -> Result<Vec<ClientSecret>, ApiError> {
        self.send_json(self.list_secrets_request(kind, client_id))
            .await
    }

    /// One secret (without value).
    pub async fn get_secret(
        &self,
        kind: ClientKind,
        client_id: &str,
        secret_id: i32,
    ) -> Result<ClientSecret, ApiError> {
        self.send_json(self.get_secret_request(kind, client_id, secret_id))
            .await
    }

    /// Adds a secret; the answer holds its value, shown once.
    pub async fn create_secret(
        &self,
        kind: ClientKind,
        client_id: &str,
        secret: &ClientSecretCreateOrUpdate,
    ) -> Result<ClientSecretResponse, ApiError> {
        self.send_json(self.create_secret_request(kind, client_id, secret))
            .await
    }

    /// Changes a secret's description or expiry (only the fields set in `changes`).
    pub async fn update_secret(
        &self,
        kind: ClientKind,
        client_id: &str,
        secret_id: i32,
        changes: &ClientSecretCreateOrUpdate,
    ) -> Result<ClientSecret, ApiError> {
        self.send_json(self.update_secret_request(kind, client_id, secret_id, changes))
            .await
    }

    /// Removes a secret.
    pub async fn delete_secret(
        &self,
        kind: ClientKind,
        client_id: &str,
        secret_id: i32,
    ) -> Result<(), ApiError> {
        self.send_empty(self.delete_secret_request(kind, client_id, secret_id))
            .await
    }

    /// Whether the signed-in user may change clients, asked without changing anything: a
    /// `HEAD` on the Secrets collection of the tenant's first client-credentials (else hybrid)
    /// client — or of an id no client has, in a tenant without either; see
    /// [`may_change_from_status`]. `None` when the API could not tell.
    pub async fn may_change_clients(&self) -> Option<bool> {
        let mut client_id = None;
        for kind in [ClientKind::ClientCredentials, ClientKind::Hybrid] {
            let first = self.list_clients(kind, 0, 1).await.ok()?;
            if let Some(id) = first.items.first().and_then(|c| c.id()) {
                client_id = Some((kind, id.to_owned()));
                break;
            }
        }
        let (kind, id) =
            client_id.unwrap_or((ClientKind::ClientCredentials, NO_SUCH_CLIENT.to_owned()));
        let raw = self.send(self.secrets_head_request(kind, &id)).await.ok()?;
        may_change_from_status(raw.status)
    }

    /// Every tenant (and community) role, fetched page by page until a short page.
    pub async fn list_roles(&self) -> Result<Vec<Role>, ApiError> {
        let fetch = |skip, count| async move {
            let raw = self.send(self.list_roles_request(skip, count)).await?;
            // The role list documents no Total-Count: page until a short page.
            let mut page = interpret_page::<Role>(raw.status, None, &raw.body)?;
            page.total = None;
            Ok(page)
        };
        Ok(
            load_pages(fetch, None, PAGE_SIZE, |_, _| {}, &CancelToken::new())
                .await?
                .items,
        )
    }

    /// The roles of a client credential client.
    pub async fn get_client_roles(&self, client_id: &str) -> Result<Vec<Role>, ApiError> {
        self.send_json(self.get_client_roles_request(client_id))
            .await
    }

    /// Replaces the roles of a client credential client; returns the new list.
    pub async fn put_client_roles(
        &self,
        client_id: &str,
        role_ids: &[String],
    ) -> Result<Vec<Role>, ApiError> {
        self.send_json(self.put_client_roles_request(client_id, role_ids))
            .await
    }
}
