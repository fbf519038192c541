//! `config.json`: the runtime configuration, fetched at start-up so one build serves any tenant.

use serde::Deserialize;

/// The file the app fetches at start-up, next to index.html.
pub const CONFIG_FILE: &str = "config.json";

/// What `config.json` holds, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppConfig {
    /// Where the admin API lives: an absolute URL, or empty for the app's own origin.
    pub api_base: String,
    /// The tenant whose clients are managed (a GUID).
    pub tenant_id: String,
    /// The OIDC issuer; discovery is at `{authority}/.well-known/openid-configuration`.
    /// Empty means the app's own origin (dev-api plays the identity server locally).
    pub authority: String,
    /// The authorization code client the console signs in with.
    pub client_id: String,
    /// Scopes requested at sign-in (space separated on the wire).
    pub scopes: Vec<String>,
    /// Where the identity server sends the browser after sign-out; the app's own page when absent.
    pub post_logout_redirect: Option<String>,
    /// How long an API request may take before the console stops waiting (seconds, 1–300).
    pub request_timeout_seconds: u32,
}

/// The request deadline when config.json does not set `requestTimeoutSeconds`.
pub const DEFAULT_REQUEST_TIMEOUT_SECONDS: u32 = 30;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawConfig {
    api_base: Option<serde_json::Value>,
    tenant_id: Option<serde_json::Value>,
    authority: Option<serde_json::Value>,
    client_id: Option<serde_json::Value>,
    scopes: Option<serde_json::Value>,
    post_logout_redirect: Option<serde_json::Value>,
    request_timeout_seconds: Option<serde_json::Value>,
}

/// Why a configuration cannot be used: the field and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct ConfigError {
    /// The key in config.json (`""` when the file as a whole is unreadable).
    pub field: String,
    /// What is wrong, in words.
    pub problem: String,
}

impl ConfigError {
    fn new(field: &str, problem: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            problem: problem.into(),
        }
    }
}

impl AppConfig {
    /// Parses and validates the text of config.json.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let raw: RawConfig = serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            if let Some(rest) = message.strip_prefix("unknown field `") {
                let name = rest.split('`').next().unwrap_or_default();
                ConfigError::new(name, "is not a known setting (expected apiBase, tenantId, authority, clientId, scopes, postLogoutRedirect, requestTimeoutSeconds)")
            } else {
                ConfigError::new("", format!("is not valid JSON ({message})"))
            }
        })?;
        let api_base = optional_string(raw.api_base, "apiBase")?.unwrap_or_default();
        if !api_base.is_empty() && !is_absolute_http_url(&api_base) {
            return Err(ConfigError::new("apiBase", format!("\"{api_base}\" must be an absolute http(s) URL, or empty for this site's own origin")));
        }
        require_https("apiBase", &api_base)?;
        let tenant_id = required_string(raw.tenant_id, "tenantId")?;
        if !is_guid(&tenant_id) {
            return Err(ConfigError::new("tenantId", format!("\"{tenant_id}\" is not a tenant id (a GUID such as 5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a)")));
        }
        let authority = optional_string(raw.authority, "authority")?.ok_or_else(|| {
            ConfigError::new(
                "authority",
                "is missing (use \"\" for this site's own origin)",
            )
        })?;
        if !authority.is_empty() && !is_absolute_http_url(&authority) {
            return Err(ConfigError::new("authority", format!("\"{authority}\" must be the identity server's absolute http(s) URL, or empty for this site's own origin")));
        }
        require_https("authority", &authority)?;
        let client_id = required_string(raw.client_id, "clientId")?;
        let scopes = match raw.scopes {
            None | Some(serde_json::Value::Null) => {
                return Err(ConfigError::new("scopes", "is missing"))
            }
            Some(serde_json::Value::String(s)) => {
                s.split_whitespace().map(str::to_string).collect::<Vec<_>>()
            }
            Some(serde_json::Value::Array(items)) => items
                .into_iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| ConfigError::new("scopes", "must list strings"))
                })
                .collect::<Result<Vec<_>, _>>()?,
            Some(_) => {
                return Err(ConfigError::new(
                    "scopes",
                    "must be a space-separated string or a list of strings",
                ))
            }
        };
        if !scopes.iter().any(|s| s == "openid") {
            return Err(ConfigError::new("scopes", "must include \"openid\""));
        }
        let post_logout_redirect = optional_string(raw.post_logout_redirect, "postLogoutRedirect")?
            .filter(|s| !s.is_empty());
        if let Some(url) = &post_logout_redirect {
            if !is_absolute_http_url(url) {
                return Err(ConfigError::new(
                    "postLogoutRedirect",
                    format!("\"{url}\" must be an absolute http(s) URL"),
                ));
            }
            require_https("postLogoutRedirect", url)?;
        }
        let request_timeout_seconds = match raw.request_timeout_seconds {
            None | Some(serde_json::Value::Null) => DEFAULT_REQUEST_TIMEOUT_SECONDS,
            Some(value) => value
                .as_u64()
                .filter(|s| (1..=300).contains(s))
                .map(|s| s as u32)
                .ok_or_else(|| {
                    ConfigError::new(
                        "requestTimeoutSeconds",
                        "must be a whole number of seconds from 1 to 300",
                    )
                })?,
        };
        Ok(Self {
            request_timeout_seconds,
            api_base: api_base.trim_end_matches('/').to_string(),
            tenant_id,
            authority: authority.trim_end_matches('/').to_string(),
            client_id,
            scopes,
            post_logout_redirect,
        })
    }
}

fn optional_string(
    value: Option<serde_json::Value>,
    field: &str,
) -> Result<Option<String>, ConfigError> {
    match value {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(_) => Err(ConfigError::new(field, "must be a string")),
    }
}

fn required_string(value: Option<serde_json::Value>, field: &str) -> Result<String, ConfigError> {
    match optional_string(value, field)? {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(ConfigError::new(field, "is missing")),
    }
}

/// `http://host…` or `https://host…` with a non-empty host.
pub fn is_absolute_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && !host.starts_with(':') && !host.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// Tokens and the sign-in must never cross the network in the clear: an absolute URL must be
/// `https://`, except on this computer (`localhost`, `127.0.0.1`, `[::1]`) for development.
/// Empty (this site's own origin) is fine: the site itself decides.
fn require_https(field: &str, url: &str) -> Result<(), ConfigError> {
    let Some(rest) = url.strip_prefix("http://") else {
        return Ok(());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default().to_string(),
        None => authority
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase(),
    };
    if matches!(host.as_str(), "localhost" | "127.0.0.1" | "::1") {
        return Ok(());
    }
    Err(ConfigError::new(
        field,
        format!("\"{url}\" must use https:// (plain http:// is allowed only for localhost and 127.0.0.1)"),
    ))
}

/// 8-4-4-4-12 hexadecimal digits.
pub fn is_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
        "apiBase": "https://uswe.datahub.connect.aveva.com/",
        "tenantId": "5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a",
        "authority": "https://uswe.datahub.connect.aveva.com/identity",
        "clientId": "clients-console",
        "scopes": "openid ocsapi",
        "postLogoutRedirect": "https://admin.example.com/"
    }"#;

    #[test]
    fn a_complete_config_parses_and_trims_trailing_slashes() {
        let config = AppConfig::parse(GOOD).unwrap();
        assert_eq!(config.api_base, "https://uswe.datahub.connect.aveva.com");
        assert_eq!(
            config.authority,
            "https://uswe.datahub.connect.aveva.com/identity"
        );
        assert_eq!(config.scopes, vec!["openid", "ocsapi"]);
        assert_eq!(
            config.post_logout_redirect.as_deref(),
            Some("https://admin.example.com/")
        );
    }

    #[test]
    fn empty_api_base_means_same_origin_and_scopes_may_be_a_list() {
        let config = AppConfig::parse(
            r#"{"apiBase": "", "tenantId": "5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a",
                "authority": "http://127.0.0.1:8080", "clientId": "c", "scopes": ["openid", "ocsapi"]}"#,
        )
        .unwrap();
        assert_eq!(config.api_base, "");
        assert_eq!(config.post_logout_redirect, None);
    }

    fn field_of(text: &str) -> String {
        AppConfig::parse(text).unwrap_err().field
    }

    #[test]
    fn each_bad_field_is_named() {
        let with = |key: &str, value: &str| {
            let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
            v[key] = serde_json::from_str(value).unwrap();
            v.to_string()
        };
        // Each bad value is blamed on its own field.
        let bad = "tenantId=\"tenant-1\" tenantId=null authority=\"identity.example.com\" \
            authority=null apiBase=\"/api\" clientId=\"\" clientId=42 scopes=\"ocsapi\" \
            postLogoutRedirect=\"back\" tenantID=\"x\"";
        for case in bad.split_whitespace() {
            let (key, value) = case.split_once('=').unwrap();
            assert_eq!(field_of(&with(key, value)), key, "{case}");
        }
    }

    #[test]
    fn urls_must_be_https_except_on_this_computer() {
        let with = |key: &str, value: &str| {
            let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
            v[key] = serde_json::Value::String(value.into());
            AppConfig::parse(&v.to_string())
        };
        for key in ["apiBase", "authority", "postLogoutRedirect"] {
            let err = with(key, "http://uswe.datahub.connect.aveva.com").unwrap_err();
            assert_eq!(err.field, key);
            assert!(err.problem.contains("https://"), "{err}");
            assert_eq!(
                with(key, "HTTP://evil.example.com/").unwrap_err().field,
                key
            );
            for local in [
                "http://localhost:8080",
                "http://127.0.0.1",
                "http://[::1]:9000/x",
                "http://LOCALHOST/",
            ] {
                assert!(with(key, local).is_ok(), "{key} = {local}");
            }
            // A host that only starts like localhost is not this computer.
            assert!(with(key, "http://localhost.evil.example.com").is_err());
            assert!(with(key, "http://127.0.0.1.evil.example.com").is_err());
        }
    }

    #[test]
    fn broken_json_names_no_field_but_says_why() {
        let err = AppConfig::parse("{\"tenantId\": ").unwrap_err();
        assert_eq!(err.field, "");
        assert!(err.problem.contains("not valid JSON"), "{err}");
    }

    #[test]
    fn the_request_deadline_defaults_to_30_seconds_and_is_checked() {
        let base = r#""apiBase": "", "tenantId": "5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a", "authority": "", "clientId": "c", "scopes": "openid""#;
        let parse = |extra: &str| AppConfig::parse(&format!("{{{base}{extra}}}"));
        assert_eq!(parse("").unwrap().request_timeout_seconds, 30);
        assert_eq!(
            parse(r#", "requestTimeoutSeconds": 90"#)
                .unwrap()
                .request_timeout_seconds,
            90
        );
        for bad in ["0", "1000", "\"30\"", "2.5"] {
            let err = parse(&format!(r#", "requestTimeoutSeconds": {bad}"#)).unwrap_err();
            assert_eq!(err.field, "requestTimeoutSeconds", "{bad}");
        }
    }
}
