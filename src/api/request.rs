//! A request as a plain value: what to send, before any transport sees it.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// HTTP method of an [`ApiRequest`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET.
    Get,
    /// HEAD (collection counts).
    Head,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// DELETE.
    Delete,
}

impl Method {
    /// The method name, e.g. `"GET"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One API request, fully described: method, path (from `/api/v1/…`, segments already
/// percent-encoded), query pairs (not yet encoded), headers and JSON body. `Debug` shows the
/// `Authorization` header as `[redacted]`.
#[derive(Clone, PartialEq)]
pub struct ApiRequest {
    /// The method.
    pub method: Method,
    /// The path, e.g. `/api/v1/Tenants/t1/HybridClients/abc`.
    pub path: String,
    /// Query parameters in order (repeated keys allowed), unencoded.
    pub query: Vec<(String, String)>,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// The JSON body, if any.
    pub body: Option<serde_json::Value>,
}

impl std::fmt::Debug for ApiRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name.eq_ignore_ascii_case("authorization") {
                    "[redacted]"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("ApiRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

impl ApiRequest {
    /// The full URL: `base` (empty = same origin; a trailing `/` is ignored) + path + query.
    pub fn url(&self, base: &str) -> String {
        let mut url = String::with_capacity(base.len() + self.path.len() + 32);
        url.push_str(base.trim_end_matches('/'));
        url.push_str(&self.path);
        for (index, (key, value)) in self.query.iter().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            url.push_str(&encode_component(key));
            url.push('=');
            url.push_str(&encode_component(value));
        }
        url
    }

    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body as JSON text.
    pub fn body_text(&self) -> Option<String> {
        self.body.as_ref().map(serde_json::Value::to_string)
    }
}

/// Every byte but RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`).
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes (UTF-8, upper-case hex) everything except RFC 3986 unreserved characters
/// (`A–Z a–z 0–9 - . _ ~`), so the result is safe as a path segment, a query key or value, or
/// a form field.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, NOT_UNRESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding() {
        for (text, encoded) in [
            ("abc-DEF_1.2~", "abc-DEF_1.2~"),
            ("a/b c?d#e%f&g=h", "a%2Fb%20c%3Fd%23e%25f%26g%3Dh"),
            ("é", "%C3%A9"),
            ("..", ".."),
            ("+!*'()", "%2B%21%2A%27%28%29"),
            ("", ""),
        ] {
            assert_eq!(encode_component(text), encoded, "{text:?}");
        }
    }

    #[test]
    fn debug_hides_the_bearer_token_and_keeps_the_rest() {
        let request = ApiRequest {
            method: Method::Get,
            path: "/api/v1/Tenants/t/HybridClients".into(),
            query: Vec::new(),
            headers: vec![
                ("Accept-Verbosity".into(), "verbose".into()),
                ("Authorization".into(), "Bearer eyJ-very-secret".into()),
            ],
            body: None,
        };
        let shown = format!("{request:?}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(
            shown.contains("[redacted]")
                && shown.contains("verbose")
                && shown.contains("HybridClients"),
            "{shown}"
        );
    }

    #[test]
    fn url_joins_base_path_and_query() {
        let request = ApiRequest {
            method: Method::Get,
            path: "/api/v1/Tenants/t/HybridClients".into(),
            query: vec![
                ("skip".into(), "0".into()),
                ("id".into(), "a b".into()),
                ("id".into(), "c".into()),
            ],
            headers: vec![("Accept-Verbosity".into(), "verbose".into())],
            body: None,
        };
        assert_eq!(
            request.url(""),
            "/api/v1/Tenants/t/HybridClients?skip=0&id=a%20b&id=c"
        );
        assert_eq!(
            request.url("https://uswe.datahub.connect.aveva.com/"),
            "https://uswe.datahub.connect.aveva.com/api/v1/Tenants/t/HybridClients?skip=0&id=a%20b&id=c"
        );
        assert_eq!(request.header("accept-verbosity"), Some("verbose"));
        assert_eq!(request.header("Authorization"), None);
        assert_eq!(request.body_text(), None);
        assert_eq!(Method::Delete.as_str(), "DELETE");
    }
}
