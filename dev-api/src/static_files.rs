//! Serves the built app (`dist/`) the way a CDN with an SPA fallback rule would.
//!
//! * an existing file is served with its content type;
//! * any other GET outside `/api/` gets `index.html`, so deep links such as
//!   `/security/clients?type=hybrid` survive a reload;
//! * `index.html` and `config.json` are `no-cache` (they change between deployments), files
//!   whose names carry Trunk's content hash are cached for a year;
//! * a file with a precompressed twin beside it (`app.wasm.br`, `app.wasm.gz`, as a CDN keeps
//!   them) is sent compressed to a browser that accepts it (`cargo xtask bench` writes the
//!   twins into its copy of dist/ to measure a load as a CDN would serve it).

use std::path::{Component, Path, PathBuf};

use axum::{
    body::Body,
    http::{header, HeaderName, HeaderValue, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
};

/// The Content-Security-Policy the app is served under: no inline script, WebAssembly
/// allowed, requests only to this origin (the API and the identity server in development).
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; \
frame-ancestors 'none'; object-src 'none'";

/// [`CONTENT_SECURITY_POLICY`] with `extra` origins in `connect-src` (the identity server's,
/// when it has its own listener: the app fetches discovery, token and userinfo from it).
pub fn content_security_policy(extra: &[String]) -> String {
    if extra.is_empty() {
        return CONTENT_SECURITY_POLICY.to_owned();
    }
    CONTENT_SECURITY_POLICY.replace(
        "connect-src 'self';",
        &format!("connect-src 'self' {};", extra.join(" ")),
    )
}

/// The app's sign-in callback, below its base path.
const CALLBACK_PATH: &str = "auth/callback";

/// The folder with the built app.
#[derive(Clone, Debug)]
pub struct StaticDir {
    root: PathBuf,
    /// The path the app is hosted under: `/`, or e.g. `/admin/` for a build with
    /// `--public-url /admin/`.
    base: String,
    /// The Content-Security-Policy of every file.
    csp: HeaderValue,
}

impl StaticDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self::with_base(root, "/")
    }

    /// Serves the app under `base` (leading and trailing `/` added when missing).
    pub fn with_base(root: impl Into<PathBuf>, base: &str) -> Self {
        let trimmed = base.trim_matches('/');
        let base = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        Self {
            root: root.into(),
            base,
            csp: HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        }
    }

    /// Also allows these origins in the policy's `connect-src`.
    pub fn with_connect_src(mut self, origins: Vec<String>) -> Self {
        let origins: Vec<String> = origins
            .into_iter()
            .filter(|o| HeaderValue::from_str(o).is_ok() && !o.contains([';', ' ', ',']))
            .collect();
        if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&origins)) {
            self.csp = csp;
        }
        self
    }

    /// Answers a GET or HEAD for `uri` from the folder, falling back to `index.html`;
    /// `accept_encoding` is the request's Accept-Encoding header.
    pub async fn serve(&self, method: &Method, uri: &Uri, accept_encoding: &str) -> Response {
        if method != Method::GET && method != Method::HEAD {
            return StatusCode::METHOD_NOT_ALLOWED.into_response();
        }
        let Some(path) = uri.path().strip_prefix(self.base.as_str()) else {
            if format!("{}/", uri.path()) == self.base {
                return axum::response::Redirect::permanent(&self.base).into_response();
            }
            return (
                StatusCode::NOT_FOUND,
                format!("The app is served under {}: nothing here.", self.base),
            )
                .into_response();
        };
        let file = match safe_relative(path) {
            Some(rel) if !rel.as_os_str().is_empty() => {
                let candidate = self.root.join(&rel);
                if tokio::fs::metadata(&candidate)
                    .await
                    .map(|m| m.is_file())
                    .unwrap_or(false)
                {
                    candidate
                } else {
                    self.root.join("index.html")
                }
            }
            _ => self.root.join("index.html"),
        };
        let (encoding, twin) = precompressed(&file, accept_encoding).await;
        match tokio::fs::read(twin.as_ref().unwrap_or(&file)).await {
            Ok(bytes) => {
                let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let mut response = if method == Method::HEAD {
                    Response::new(Body::empty())
                } else {
                    Response::new(Body::from(bytes))
                };
                let headers = response.headers_mut();
                headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(name)));
                headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
                if let Some(encoding) = encoding {
                    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
                    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
                }
                headers.insert(header::CONTENT_SECURITY_POLICY, self.csp.clone());
                // The headers the README asks a CDN to add, so every test runs under them.
                headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
                // Not on the sign-in callback: in the re-authentication pop-up, a page with an
                // opener policy after the identity server's page (which has none) would cut
                // the pop-up from the console, and it could not hand back its answer.
                if path != CALLBACK_PATH {
                    headers.insert(
                        HeaderName::from_static("cross-origin-opener-policy"),
                        HeaderValue::from_static("same-origin-allow-popups"),
                    );
                }
                response
            }
            Err(_) => (
                StatusCode::NOT_FOUND,
                "The app is not built here: run `cargo xtask run`, or pass --static with the folder that holds index.html.",
            )
                .into_response(),
        }
    }
}

/// The encoding and the twin file to send for `file`: brotli before gzip, each only when the
/// browser accepts it and the twin exists.
async fn precompressed(
    file: &Path,
    accept_encoding: &str,
) -> (Option<&'static str>, Option<PathBuf>) {
    for (encoding, ext) in [("br", "br"), ("gzip", "gz")] {
        if !accepts(accept_encoding, encoding) {
            continue;
        }
        let mut twin = file.as_os_str().to_owned();
        twin.push(format!(".{ext}"));
        let twin = PathBuf::from(twin);
        if tokio::fs::metadata(&twin)
            .await
            .map(|m| m.is_file())
            .unwrap_or(false)
        {
            return (Some(encoding), Some(twin));
        }
    }
    (None, None)
}

/// Whether an Accept-Encoding header lists `encoding` (without `;q=0`).
fn accepts(header: &str, encoding: &str) -> bool {
    header.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        parts
            .next()
            .is_some_and(|name| name.eq_ignore_ascii_case(encoding))
            && !parts.any(|p| p.replace(' ', "") == "q=0")
    })
}

/// Turns a URL path into a path below the root, or `None` when it tries to leave it.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let mut out = PathBuf::new();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn percent_decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = input.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type for a file name, by its extension.
pub fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `no-cache` for files that keep their name between builds, a year for hashed ones.
pub fn cache_control(name: &str) -> &'static str {
    if has_content_hash(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Trunk names built assets `stem-<16 hex digits>[_bg].ext`.
fn has_content_hash(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .map(|(_, hash)| hash.len() >= 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_is_read_item_by_item() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=1.0, br;q=0.5", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("", "gzip"));
    }

    #[tokio::test]
    async fn a_precompressed_twin_is_sent_to_a_browser_that_accepts_it() {
        let dir = std::env::temp_dir().join(format!("dev-api-twin-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<p>plain</p>").unwrap();
        std::fs::write(dir.join("app-0123456789abcdef_bg.wasm"), b"plain wasm").unwrap();
        std::fs::write(dir.join("app-0123456789abcdef_bg.wasm.br"), b"br bytes").unwrap();
        let site = StaticDir::new(&dir);
        let uri: Uri = "/app-0123456789abcdef_bg.wasm".parse().unwrap();
        let body = |r: Response| async move {
            let bytes = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
            String::from_utf8(bytes.to_vec()).unwrap()
        };
        let br = site.serve(&Method::GET, &uri, "gzip, br").await;
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(br.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(body(br).await, "br bytes");
        // No gzip twin and no brotli accepted: the file as it is.
        let plain = site.serve(&Method::GET, &uri, "gzip").await;
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(plain).await, "plain wasm");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paths_cannot_leave_the_root() {
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/%2e%2e/secret"), None);
        assert_eq!(
            safe_relative("/style/app.css"),
            Some(PathBuf::from("style/app.css"))
        );
    }

    #[test]
    fn wasm_is_served_as_application_wasm_and_hashed_assets_are_immutable() {
        assert_eq!(
            content_type("clients-console-0123456789abcdef_bg.wasm"),
            "application/wasm"
        );
        assert_eq!(
            cache_control("clients-console-0123456789abcdef_bg.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_control("clients-console-0123456789abcdef.js"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("index.html"), "no-cache");
        assert_eq!(cache_control("config.json"), "no-cache");
    }
}
