//! Moves Trunk's inline `<script type="module">` (the wasm loader) out of index.html into a
//! content-hashed file, so the app runs under a Content-Security-Policy without
//! `'unsafe-inline'`: `script-src 'self' 'wasm-unsafe-eval'`.
//!
//! Runs as Trunk's post_build hook (`Trunk.toml`), on the staging folder, so a plain
//! `trunk build` gives a CSP-clean dist/.

use std::path::Path;

use crate::XResult;

/// Rewrites `index.html` in `dir`; returns the new file's name, or `None` when there was no
/// inline module script (already external).
pub fn externalize(dir: &Path) -> XResult<Option<String>> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let Some((rewritten, name, script)) = rewrite(&html) else {
        return Ok(None);
    };
    std::fs::write(dir.join(&name), script).map_err(|e| format!("cannot write {name}: {e}"))?;
    std::fs::write(&index, rewritten)
        .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    Ok(Some(name))
}

/// The HTML with the inline loader replaced by `<script type="module" src="…">`, the file
/// name and the script.
pub fn rewrite(html: &str) -> Option<(String, String, String)> {
    let open = "<script type=\"module\"";
    let start = html.find(open)?;
    let tag_end = start + html[start..].find('>')?;
    let tag = &html[start..=tag_end];
    if tag.contains(" src=") {
        return None;
    }
    let close = tag_end + html[tag_end..].find("</script>")?;
    let script = html[tag_end + 1..close].trim().to_string();
    let name = format!("boot-{:016x}.js", fnv1a(script.as_bytes()));
    let base = base_href(html).unwrap_or("/");
    let replacement = format!("<script type=\"module\" src=\"{base}{name}\"></script>");
    let rewritten = format!(
        "{}{replacement}{}",
        &html[..start],
        &html[close + "</script>".len()..]
    );
    Some((rewritten, name, format!("{script}\n")))
}

fn base_href(html: &str) -> Option<&str> {
    let at = html.find("<base href=\"")? + "<base href=\"".len();
    let end = at + html[at..].find('"')?;
    Some(&html[at..end])
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = "<head>\n<base href=\"/admin/\" />\n<script type=\"module\">\nimport init from '/admin/app-1.js';\nawait init();\n</script>\n<link rel=\"stylesheet\" href=\"/admin/app.css\"/></head>";

    #[test]
    fn the_inline_loader_moves_to_a_hashed_file_under_the_base() {
        let (html, name, script) = rewrite(BUILT).unwrap();
        assert!(name.starts_with("boot-") && name.ends_with(".js"));
        assert_eq!(
            script,
            "import init from '/admin/app-1.js';\nawait init();\n"
        );
        assert!(
            html.contains(&format!(
                "<script type=\"module\" src=\"/admin/{name}\"></script>"
            )),
            "{html}"
        );
        assert!(!html.contains("import init"));
        assert!(html.contains("<link rel=\"stylesheet\""));
        // Idempotent: an external script is left alone.
        assert!(rewrite(&html).is_none());
        // The name follows the content.
        let (_, other, _) = rewrite(&BUILT.replace("app-1", "app-2")).unwrap();
        assert_ne!(name, other);
    }
}
