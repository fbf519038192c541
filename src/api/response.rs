//! Pure mapping of (status, `Total-Count`, body) to results: no transport needed.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::error::ApiError;
use crate::model::MultiStatusResponseChildError;

/// What a transport hands back: the status, the `Total-Count` header and the body text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// The `Total-Count` header, if present.
    pub total_count: Option<String>,
    /// The body text (empty for HEAD and 204).
    pub body: String,
}

/// One page of a list, or a whole list loaded by [`load_all`](super::ApiClient::load_all).
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items, in API order.
    pub items: Vec<T>,
    /// The `Total-Count` header: how many exist in the tenant (not the page size).
    pub total: Option<u64>,
    /// Items that could not be returned (a 207 on the client credential list).
    pub child_errors: Vec<MultiStatusResponseChildError>,
}

impl<T> Page<T> {
    /// Whether some items could not be returned (a partial result).
    pub fn is_partial(&self) -> bool {
        !self.child_errors.is_empty()
    }

    /// The same page with its items converted.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            child_errors: self.child_errors,
        }
    }
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::Decode(e.to_string()))
}

/// A 2xx with a JSON body of type `T`; any other status becomes its [`ApiError`].
pub fn interpret_json<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    if is_success(status) {
        decode(body)
    } else {
        Err(ApiError::from_status(status, body))
    }
}

/// A 2xx whose body does not matter (DELETE's 204).
pub fn interpret_empty(status: u16, body: &str) -> Result<(), ApiError> {
    if is_success(status) {
        Ok(())
    } else {
        Err(ApiError::from_status(status, body))
    }
}

/// Parses a `Total-Count` header value.
pub fn parse_total_count(header: Option<&str>) -> Option<u64> {
    header?.trim().parse().ok()
}

/// A HEAD count: 2xx with a `Total-Count` header.
pub fn interpret_count(
    status: u16,
    total_count: Option<&str>,
    body: &str,
) -> Result<u64, ApiError> {
    if !is_success(status) {
        return Err(ApiError::from_status(status, body));
    }
    parse_total_count(total_count).ok_or_else(|| {
        ApiError::Decode(format!(
            "missing or invalid Total-Count header: {total_count:?}"
        ))
    })
}

/// The 207 body shape, generic over the item type (`Data` + `ChildErrors`).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct MultiStatus<T> {
    #[serde(default = "Option::default")]
    data: Option<Vec<T>>,
    #[serde(default)]
    child_errors: Option<Vec<MultiStatusResponseChildError>>,
}

/// A list page: 200 with a JSON array, or 207 with `Data` and `ChildErrors` (the client
/// credential list documents it for `id` filters that partly fail).
pub fn interpret_page<T: DeserializeOwned>(
    status: u16,
    total_count: Option<&str>,
    body: &str,
) -> Result<Page<T>, ApiError> {
    let total = parse_total_count(total_count);
    match status {
        207 => {
            let multi: MultiStatus<T> = decode(body)?;
            Ok(Page {
                items: multi.data.unwrap_or_default(),
                total,
                child_errors: multi.child_errors.unwrap_or_default(),
            })
        }
        _ if is_success(status) => Ok(Page {
            items: decode(body)?,
            total,
            child_errors: Vec::new(),
        }),
        _ => Err(ApiError::from_status(status, body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientCredentialClient, ClientSecret};

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/../shared/admin-api/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn list_200_with_total_count() {
        let page: Page<ClientCredentialClient> = interpret_page(
            200,
            Some("1234"),
            &fixture("client-credential-client-list.json"),
        )
        .unwrap();
        assert_eq!(
            (page.items.len(), page.total, page.is_partial()),
            (1, Some(1234), false)
        );
    }

    #[test]
    fn list_207_returns_data_and_child_errors() {
        let page: Page<ClientCredentialClient> = interpret_page(
            207,
            None,
            &fixture("client-credential-client-multistatus-response.json"),
        )
        .unwrap();
        assert_eq!(page.items.len(), 1);
        assert!(page.is_partial());
        assert_eq!(page.child_errors[0].model_id.as_deref(), Some("string"));
        assert_eq!(page.total, None);
    }

    #[test]
    fn list_errors_and_undecodable_bodies() {
        let error =
            interpret_page::<ClientCredentialClient>(404, None, &fixture("error-response.json"))
                .unwrap_err();
        assert!(matches!(error, ApiError::NotFound(Some(_))));
        let error =
            interpret_page::<ClientCredentialClient>(200, Some("1"), "{\"not\":\"a list\"}")
                .unwrap_err();
        assert!(matches!(error, ApiError::Decode(_)), "{error:?}");
        let error = interpret_page::<ClientCredentialClient>(200, Some("1"), "").unwrap_err();
        assert!(matches!(error, ApiError::Decode(_)));
    }

    #[test]
    fn json_empty_and_count() {
        let secret: ClientSecret = interpret_json(200, &fixture("secret.json")).unwrap();
        assert_eq!(secret.id, Some(0));
        assert!(matches!(
            interpret_json::<ClientSecret>(409, ""),
            Err(ApiError::Conflict(None))
        ));
        assert!(matches!(
            interpret_json::<ClientSecret>(204, ""),
            Err(ApiError::Decode(_))
        ));
        assert_eq!(interpret_empty(204, ""), Ok(()));
        assert!(matches!(
            interpret_empty(408, &fixture("error-response.json")),
            Err(ApiError::Timeout(Some(_)))
        ));
        assert_eq!(interpret_count(200, Some(" 42 "), ""), Ok(42));
        assert!(matches!(
            interpret_count(200, None, ""),
            Err(ApiError::Decode(_))
        ));
        assert!(matches!(
            interpret_count(403, Some("1"), ""),
            Err(ApiError::Forbidden(None))
        ));
        assert_eq!(parse_total_count(Some("x")), None);
    }
}
