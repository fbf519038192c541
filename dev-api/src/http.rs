//! Request and response plumbing shared by the routes: JSON bodies with field-naming errors,
//! list queries, verbosity, `Total-Count`.

use axum::{
    body::{Body, Bytes},
    http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::{de::DeserializeOwned, Serialize};

use crate::{errors::ApiError, model};

/// The `Total-Count` response header.
pub static TOTAL_COUNT: HeaderName = HeaderName::from_static("total-count");

/// Whether the request asked for `Accept-Verbosity: verbose` (case-insensitive).
pub fn is_verbose(headers: &HeaderMap) -> bool {
    headers
        .get("accept-verbosity")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("verbose"))
}

/// A JSON response; nulls are written only when `verbose`.
pub fn json<T: Serialize + ?Sized>(status: StatusCode, value: &T, verbose: bool) -> Response {
    let mut response = (status, Body::from(model::to_json(value, verbose))).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

/// 200 with `value` as JSON, verbose when the request asked for it.
pub fn ok_json<T: Serialize + ?Sized>(value: &T, headers: &HeaderMap) -> Response {
    json(StatusCode::OK, value, is_verbose(headers))
}

/// Adds `Total-Count: total`.
pub fn with_total(mut response: Response, total: usize) -> Response {
    response
        .headers_mut()
        .insert(TOTAL_COUNT.clone(), HeaderValue::from(total as u64));
    response
}

/// 200 with the page of `all` that `query` asks for, each item in its `wire` shape, and
/// `Total-Count: all.len()` (collection GET).
pub fn list_page<'a, T: 'a, W: Serialize>(
    query: &ListQuery,
    all: impl ExactSizeIterator<Item = &'a T>,
    wire: impl FnMut(&'a T) -> W,
    headers: &HeaderMap,
) -> Response {
    let total = all.len();
    let page: Vec<W> = query.page(all).into_iter().map(wire).collect();
    with_total(ok_json(&page, headers), total)
}

/// 200 with no body and `Total-Count` (collection HEAD).
pub fn head_total(total: usize) -> Response {
    with_total(StatusCode::OK.into_response(), total)
}

/// Parses a JSON object request body into `T`. Errors are 400 `ErrorResponse`s whose reason
/// names the field (`AccessTokenLifetime: invalid type: string "abc", expected an integer`).
pub fn parse_body<T: DeserializeOwned>(headers: &HeaderMap, body: &Bytes) -> Result<T, ApiError> {
    parse_json(headers, body, b'{', "object")
}

/// Like [`parse_body`] for a body that is a JSON array.
pub fn parse_array_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<T, ApiError> {
    parse_json(headers, body, b'[', "array")
}

fn parse_json<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
    opener: u8,
    shape: &str,
) -> Result<T, ApiError> {
    if let Some(content_type) = headers.get(header::CONTENT_TYPE) {
        let content_type = content_type
            .to_str()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !content_type.contains("json") {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "The request body has the wrong content type.",
                format!("Content-Type was `{content_type}`; the body must be JSON."),
                "Send the body as JSON with `Content-Type: application/json`.",
            ));
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "The request body is missing.",
            format!("The request has no body, but this operation needs a JSON {shape}."),
            "Send the object as JSON in the request body.",
        ));
    }
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first != Some(opener) && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
        return Err(ApiError::bad_request(
            "The request body has an invalid value.",
            format!("The body: expected a JSON {shape}."),
            format!("Send a JSON {shape} as the request body."),
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let value = result.map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                ApiError::bad_request(
                    "The request body is not valid JSON.",
                    format!("The body could not be read as JSON: {}.", clean(&inner)),
                    "Check the JSON syntax (quotes, commas, brackets) of the request body.",
                )
            }
            _ => {
                let field = if path == "." || path.is_empty() {
                    "The body".to_owned()
                } else {
                    path
                };
                ApiError::bad_request(
                    "The request body has an invalid value.",
                    format!("{field}: {}.", clean(&inner)),
                    "Fix the named field: check its type and format against the API \
                     documentation.",
                )
            }
        }
    })?;
    de.end().map_err(|e| {
        ApiError::bad_request(
            "The request body is not valid JSON.",
            format!("There is more after the JSON value: {}.", clean(&e)),
            "Send exactly one JSON object.",
        )
    })?;
    Ok(value)
}

/// serde_json's message without the position, with friendlier type names.
fn clean(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let text = match text.find(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    };
    text.replace("expected i32", "expected an integer (32-bit)")
        .replace("expected a sequence", "expected an array")
        .replace("expected struct ", "expected an object ")
}

/// The query parameters of list and count endpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// `id` (repeatable); empty or whitespace ids are ignored.
    pub ids: Vec<String>,
    /// `tag` (repeatable).
    pub tags: Vec<String>,
    /// `skip`, default 0.
    pub skip: usize,
    /// `count`, default 100.
    pub count: usize,
    /// `roleTypeId` (roles only).
    pub role_type_id: Option<String>,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            ids: Vec::new(),
            tags: Vec::new(),
            skip: 0,
            count: 100,
            role_type_id: None,
        }
    }
}

impl ListQuery {
    /// Parses a raw query string (names are case-insensitive, as on the platform).
    pub fn parse(raw: Option<&str>) -> Result<Self, ApiError> {
        let mut query = Self::default();
        let Some(raw) = raw else {
            return Ok(query);
        };
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            match name.to_ascii_lowercase().as_str() {
                "id" if !value.trim().is_empty() => query.ids.push(value.trim().to_owned()),
                "tag" => query.tags.push(value.into_owned()),
                "skip" => query.skip = non_negative("skip", &value)?,
                "count" => query.count = non_negative("count", &value)?,
                "roletypeid" if !value.trim().is_empty() => {
                    query.role_type_id = Some(value.trim().to_owned())
                }
                _ => {}
            }
        }
        Ok(query)
    }

    /// The page `skip..skip+count` of `items`.
    pub fn page<'a, T>(&self, items: impl Iterator<Item = &'a T>) -> Vec<&'a T>
    where
        T: 'a,
    {
        items.skip(self.skip).take(self.count).collect()
    }
}

fn non_negative(name: &str, value: &str) -> Result<usize, ApiError> {
    value.trim().parse::<usize>().map_err(|_| {
        ApiError::bad_request(
            "A query parameter has an invalid value.",
            format!("{name} was `{value}`; it must be a whole number of 0 or more."),
            format!("Send {name} as a non-negative integer, or leave it out."),
        )
    })
}

/// A secret id from the path: an integer, otherwise the route does not exist (404).
pub fn secret_id(text: &str) -> Result<i32, ApiError> {
    text.trim().parse::<i32>().map_err(|_| {
        ApiError::not_found(
            "The secret was not found.",
            format!("`{text}` is not a secret Id; secret Ids are integers."),
            "Use the integer Id from the list of the client's secrets.",
        )
    })
}
