//! Moves Trunk's inline `<script type="module">` (the wasm loader) out of index.html into a
//! content-hashed file, so the app runs under a Content-Security-Policy without
//! `'unsafe-inline'`: `script-src 'self' 'wasm-unsafe-eval'`.
//!
//! index.html's <head> then ends with one classic script, `start-<hash>.js`
//! (src/auth/sign_in_first.js), after every preload: a tab that must sign in goes to the identity server from
//! there, with the core wasm (Trunk's preload) in the HTTP cache for the callback page; the
//! loader is imported only where the app runs. The loader and the splitter's module are
//! preloaded beside Trunk's preloads of the wasm and its glue.
//!
//! Runs as Trunk's post_build hook (`Trunk.toml`), on the staging folder, so a plain
//! `trunk build` gives a CSP-clean dist/.

use std::path::Path;

use crate::XResult;

/// The first script's text; [`rewrite`] puts the loader's and the core wasm's names above it.
const SIGN_IN_FIRST: &str = include_str!("../../src/auth/sign_in_first.js");

/// Rewrites `index.html` in `dir`; returns the new files' names, or `None` when there was no
/// inline module script (already external).
pub fn externalize(dir: &Path) -> XResult<Option<Vec<String>>> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    // The splitter's loader, which the wasm's glue imports: preloaded beside it.
    let mut modules: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("__wasm_split-") && name.ends_with(".js"))
        .collect();
    modules.sort();
    let Some(rewritten) = rewrite(&html, &modules) else {
        return Ok(None);
    };
    for (name, text) in &rewritten.files {
        std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    std::fs::write(&index, &rewritten.html)
        .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    Ok(Some(
        rewritten.files.into_iter().map(|(name, _)| name).collect(),
    ))
}

/// index.html after [`rewrite`] and the files it now loads (name, text).
pub struct Rewritten {
    pub html: String,
    pub files: Vec<(String, String)>,
}

/// The HTML with the inline loader replaced by a preload of the loader `boot-<hash>.js` (and
/// of `modules`, file names under the base) and `<script src="…/start-<hash>.js">` last in
/// `<head>`; the loader and that first script.
pub fn rewrite(html: &str, modules: &[String]) -> Option<Rewritten> {
    let open = "<script type=\"module\"";
    let start = html.find(open)?;
    let tag_end = start + html[start..].find('>')?;
    let tag = &html[start..=tag_end];
    if tag.contains(" src=") {
        return None;
    }
    let close = tag_end + html[tag_end..].find("</script>")?;
    let script = format!("{}\n", html[tag_end + 1..close].trim());
    let boot = format!("boot-{:016x}.js", fnv1a(script.as_bytes()));
    let base = base_href(html).unwrap_or("/");
    let rest = &html[close + "</script>".len()..];
    let first = format!(
        "const BOOT = {};\nconst WASM = {};\n{SIGN_IN_FIRST}",
        js_string(&format!("{base}{boot}")),
        js_string(wasm_preload(rest)?),
    );
    let start_name = format!("start-{:016x}.js", fnv1a(first.as_bytes()));
    let preloads: String = std::iter::once(&boot)
        .chain(modules)
        .map(|name| {
            format!("<link rel=\"modulepreload\" href=\"{base}{name}\" crossorigin=\"anonymous\">")
        })
        .collect();
    // The first script last in <head>: every preload is then in the document before it runs,
    // so its fetches of config.json and the wasm are answered by them, never sent again.
    let script_tag = format!("<script src=\"{base}{start_name}\"></script>");
    let html = format!("{}{preloads}{rest}", &html[..start]);
    let html = match html.rfind("</head>") {
        Some(at) => format!("{}{script_tag}{}", &html[..at], &html[at..]),
        None => format!("{script_tag}{html}"),
    };
    Some(Rewritten {
        html,
        files: vec![(boot, script), (start_name, first)],
    })
}

/// The href of Trunk's `<link rel="preload" … type="application/wasm">`.
fn wasm_preload(html: &str) -> Option<&str> {
    html.match_indices("<link ").find_map(|(at, _)| {
        let tag = &html[at..at + html[at..].find('>')?];
        (attr(tag, "rel") == Some("preload") && attr(tag, "type") == Some("application/wasm"))
            .then(|| attr(tag, "href"))
            .flatten()
    })
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// A JavaScript string literal (the names are the build's own: no quote or newline in them).
fn js_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
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

    const BUILT: &str = "<head>\n<base href=\"/admin/\" />\n<script type=\"module\">\nimport init from '/admin/app-1.js';\nawait init();\n</script>\n<link rel=\"stylesheet\" href=\"/admin/app.css\"/>\n<link rel=\"preload\" href=\"config.json\" as=\"fetch\" crossorigin=\"anonymous\" />\n<link rel=\"modulepreload\" href=\"/admin/app-1.js\" crossorigin=\"anonymous\"><link rel=\"preload\" href=\"/admin/app-1_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\"></head>";

    #[test]
    fn the_inline_loader_moves_to_a_hashed_file_under_the_base() {
        let Rewritten { html, files } = rewrite(BUILT, &["__wasm_split-1.js".into()]).unwrap();
        let [(boot, script), (first, first_text)] = &files[..] else {
            panic!("{files:?}")
        };
        assert!(boot.starts_with("boot-") && boot.ends_with(".js"));
        assert_eq!(
            script,
            "import init from '/admin/app-1.js';\nawait init();\n"
        );
        assert!(first.starts_with("start-") && first.ends_with(".js"));
        // Last in <head>, after every preload.
        assert!(
            html.ends_with(&format!("<script src=\"/admin/{first}\"></script></head>")),
            "{html}"
        );
        assert!(!html.contains("import init"));
        // The loader and the splitter's module are preloaded, Trunk's preloads stay.
        for module in [&boot[..], "__wasm_split-1.js", "app-1.js"] {
            assert!(
                html.contains(&format!(
                    "rel=\"modulepreload\" href=\"/admin/{module}\" crossorigin=\"anonymous\">"
                )),
                "{module}: {html}"
            );
        }
        assert!(html.contains("href=\"/admin/app-1_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\""));
        // The first script knows the loader and the wasm.
        assert!(first_text.starts_with(&format!(
            "const BOOT = \"/admin/{boot}\";\nconst WASM = \"/admin/app-1_bg.wasm\";\n"
        )));
        assert!(first_text.ends_with(SIGN_IN_FIRST));
        assert!(html.contains("<link rel=\"stylesheet\""));
        assert!(html.contains("href=\"config.json\""));
        // Idempotent: an external script is left alone.
        assert!(rewrite(&html, &[]).is_none());
        // The names follow the content.
        let other = rewrite(&BUILT.replace("app-1", "app-2"), &[]).unwrap();
        assert_ne!(boot, &other.files[0].0);
        assert_ne!(first, &other.files[1].0);
    }
}
