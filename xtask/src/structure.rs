//! The structure check of `cargo xtask test`: the rules of the Clients page's rooms, import
//! circles in `src/`, and the longest function in `src/pages` and `src/components`.
//!
//! It reads the sources as text (no parser): a file's references are the paths it names
//! (`crate::…`, `super::…`, `self::…`, and in `use` lines a child module's name), each taken
//! to the longest module that exists. A module folder below a feature room counts as the
//! room (its files are one unit).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::XResult;

/// The longest a function in `src/pages` and `src/components` may be, in lines.
pub const MAX_FUNCTION_LINES: usize = 120;

const PAGE: &str = "pages::clients";

/// One source file: its module path (`pages::clients::core::url`) and its text.
struct Source {
    module: String,
    text: String,
}

pub fn check(root: &Path) -> XResult<()> {
    let sources = read_sources(&root.join("src"))?;
    let mut problems = room_rules(&sources);
    for cycle in import_circles(&sources) {
        problems.push(format!("import circle: {}", cycle.join(" → ")));
    }
    let (lines, place) = longest_function(&sources, &["pages", "components"]);
    if lines > MAX_FUNCTION_LINES {
        problems.push(format!(
            "{place} is {lines} lines long (at most {MAX_FUNCTION_LINES})"
        ));
    }
    if problems.is_empty() {
        println!("  ok  no import circle; rooms import only the core; longest function {lines} lines ({place})");
        Ok(())
    } else {
        Err(format!("structure:\n  {}", problems.join("\n  ")))
    }
}

fn read_sources(src: &Path) -> XResult<Vec<Source>> {
    let mut files = Vec::new();
    walk(src, &mut files).map_err(|e| format!("reading {}: {e}", src.display()))?;
    let mut sources = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let relative = file.strip_prefix(src).unwrap_or(&file);
        sources.push(Source {
            module: module_of(relative),
            text: strip_comments(&text),
        });
    }
    Ok(sources)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// `pages/clients/core/url.rs` → `pages::clients::core::url`; `mod.rs`, `lib.rs` and
/// `main.rs` are their folder's module (the crate root is empty).
fn module_of(relative: &Path) -> String {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts.join("::")
}

/// The text without `//` comments (doc comments name modules in prose).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file refers to (resolved to modules that exist), without itself.
fn references(source: &Source, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let here: Vec<&str> = source
        .module
        .split("::")
        .filter(|s| !s.is_empty())
        .collect();
    // A module file (`mod.rs`) is its folder: `super` is the folder's parent.
    let text = &source.text;
    let mut paths = Vec::new();
    for (at, _) in text.match_indices("::") {
        let start = text[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(0, |i| i + 1);
        let end = text[at..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(text.len(), |i| at + i);
        if start < at {
            paths.push((start, &text[start..end]));
        }
    }
    paths.dedup_by_key(|(start, _)| *start);
    for (start, path) in paths {
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let in_use = text[..start].trim_end().ends_with("use")
            || text[..start].trim_end().ends_with("pub use");
        let absolute: Option<Vec<String>> = match segments.first().copied() {
            Some("crate") => Some(segments[1..].iter().map(|s| s.to_string()).collect()),
            Some("super") => {
                let mut base: Vec<String> = here.iter().map(|s| s.to_string()).collect();
                let mut rest = &segments[..];
                while rest.first() == Some(&"super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.extend(rest.iter().map(|s| s.to_string()));
                Some(base)
            }
            Some("self") => {
                let mut base: Vec<String> = here.iter().map(|s| s.to_string()).collect();
                base.extend(segments[1..].iter().map(|s| s.to_string()));
                Some(base)
            }
            Some(first) if in_use => {
                let mut base: Vec<String> = here.iter().map(|s| s.to_string()).collect();
                base.push(first.to_string());
                modules.contains(&base.join("::")).then(|| {
                    base.extend(segments[1..].iter().map(|s| s.to_string()));
                    base
                })
            }
            _ => None,
        };
        let Some(mut absolute) = absolute else {
            continue;
        };
        while !absolute.is_empty() && !modules.contains(&absolute.join("::")) {
            absolute.pop();
        }
        let target = absolute.join("::");
        if !target.is_empty() && target != source.module {
            found.insert(target);
        }
    }
    found
}

/// The unit a module counts as: a feature room's inner modules are the room.
fn unit(module: &str) -> String {
    let prefix = format!("{PAGE}::features::");
    match module.strip_prefix(&prefix) {
        Some(rest) => format!("{prefix}{}", rest.split("::").next().unwrap_or(rest)),
        None => module.to_string(),
    }
}

/// The unit graph: unit → the units it refers to. A reference to an enclosing module (a
/// child naming its parent's items) is not an edge: the parent declares the child.
fn graph(sources: &[Source]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for source in sources {
        let from = unit(&source.module);
        let entry = edges.entry(from.clone()).or_default();
        for target in references(source, &modules) {
            let to = unit(&target);
            let enclosing = from.starts_with(&format!("{to}::")) || to.is_empty();
            if to != from && !enclosing {
                entry.insert(to);
            }
        }
    }
    edges
}

/// Every circle of the unit graph (one per strongly connected group of two or more), as
/// the units in it.
fn import_circles(sources: &[Source]) -> Vec<Vec<String>> {
    let edges = graph(sources);
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(next) = todo.pop() {
            for to in edges.get(&next).into_iter().flatten() {
                if seen.insert(to.clone()) {
                    todo.push(to.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|k| (k, reach(k))).collect();
    let mut circles = Vec::new();
    let mut placed = BTreeSet::new();
    for (unit, reached) in &reachable {
        if placed.contains(*unit) || !reached.contains(*unit) {
            continue;
        }
        let group: Vec<String> = reached
            .iter()
            .filter(|other| reachable.get(other).is_some_and(|r| r.contains(*unit)))
            .cloned()
            .collect();
        placed.extend(group.iter().cloned());
        circles.push(group);
    }
    circles
}

/// What the rooms may touch: a room imports no other room; the core imports no room and
/// no shared form; the forms import neither.
fn room_rules(sources: &[Source]) -> Vec<String> {
    let modules: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let features = format!("{PAGE}::features::");
    let core = format!("{PAGE}::core");
    let forms = format!("{PAGE}::forms");
    let mut problems = Vec::new();
    for source in sources {
        let from = unit(&source.module);
        for target in references(source, &modules) {
            let to = unit(&target);
            let wrong = if from.starts_with(&features) {
                to.starts_with(&features) && to != from
            } else if from.starts_with(&core) {
                to.starts_with(&features) || to.starts_with(&forms)
            } else if from.starts_with(&forms) {
                to.starts_with(&features) || to.starts_with(&core)
            } else {
                false
            };
            if wrong {
                problems.push(format!("{} uses {target}", source.module));
            }
        }
    }
    problems
}

/// The longest function in the modules below `roots`: its length in lines and where.
fn longest_function(sources: &[Source], roots: &[&str]) -> (usize, String) {
    let mut best = (0, String::new());
    for source in sources {
        let top = source.module.split("::").next().unwrap_or_default();
        if !roots.contains(&top) {
            continue;
        }
        for (name, lines) in function_lengths(&source.text) {
            if lines > best.0 {
                best = (lines, format!("{}::{name}", source.module));
            }
        }
    }
    best
}

/// Each `fn` of the text with its length in lines (from the `fn` line to its closing brace).
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = find_fn(line) else {
            continue;
        };
        let name: String = line[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut depth = 0i32;
        let mut opened = false;
        for (j, body) in lines.iter().enumerate().skip(i) {
            for c in body.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if opened && depth <= 0 {
                out.push((name.clone(), j - i + 1));
                break;
            }
            if !opened && body.trim_end().ends_with(';') {
                break;
            }
        }
    }
    out
}

/// Where `fn name` starts on a line that declares a function.
fn find_fn(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let offset = line.len() - trimmed.len();
    let mut rest = trimmed;
    let mut at = offset;
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            at += prefix.len();
            rest = r;
        }
    }
    rest.starts_with("fn ").then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(module: &str, text: &str) -> Source {
        Source {
            module: module.into(),
            text: strip_comments(text),
        }
    }

    #[test]
    fn a_file_path_is_its_module() {
        assert_eq!(
            module_of(Path::new("pages/clients/core/url.rs")),
            "pages::clients::core::url"
        );
        assert_eq!(
            module_of(Path::new("pages/clients/mod.rs")),
            "pages::clients"
        );
        assert_eq!(module_of(Path::new("lib.rs")), "");
    }

    #[test]
    fn two_siblings_that_use_each_other_are_a_circle() {
        let sources = [
            source("a", "use crate::b::Thing;"),
            source("b", "fn f() { super::a::g() }"),
            source("c", "use crate::a::G; // crate::c is not a reference"),
        ];
        assert_eq!(
            import_circles(&sources),
            vec![vec!["a".to_string(), "b".to_string()]]
        );
        let one_way = [source("a", "use crate::b::Thing;"), source("b", "")];
        assert!(import_circles(&one_way).is_empty());
    }

    #[test]
    fn a_child_naming_its_parent_is_no_circle() {
        let sources = [
            source("p", "mod c;\nuse c::Thing;"),
            source("p::c", "use super::Parent;"),
        ];
        assert!(import_circles(&sources).is_empty());
    }

    #[test]
    fn a_room_that_uses_another_room_or_the_core_that_uses_a_room_is_named() {
        let f = "pages::clients::features";
        let sources = [
            source(&format!("{f}::a"), "use crate::pages::clients::features::b::B;\nuse crate::pages::clients::core::Page;"),
            source(&format!("{f}::b"), "use crate::pages::clients::core::Page;"),
            source(&format!("{f}::b::inner"), "use super::B;"),
            source("pages::clients::core", "use crate::pages::clients::features::a::A;"),
        ];
        let problems = room_rules(&sources);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with(&format!("{f}::a uses {f}::b")));
        assert!(problems[1].starts_with("pages::clients::core uses"));
    }

    #[test]
    fn a_function_is_measured_from_its_fn_line_to_its_closing_brace() {
        let text = "pub fn short() {\n}\n\nasync fn long(x: u8) -> u8 {\n    if x > 0 {\n        x\n    } else {\n        0\n    }\n}\nfn declared();\n";
        assert_eq!(
            function_lengths(text),
            vec![("short".to_string(), 2), ("long".to_string(), 7)]
        );
    }
}
