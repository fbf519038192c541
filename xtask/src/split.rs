//! Loading features on first use: splits the app's wasm into the core and one chunk per
//! split point (each feature room's `renderer()`, a `#[wasm_split]` function), the way
//! cargo-leptos does it, inside Trunk's post_build hook.
//!
//! Trunk builds the Rust part with relocations kept (`-Clink-args=--emit-relocs`, set by
//! `cargo xtask` through `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS`), runs wasm-bindgen
//! on it and writes `clients-console-<hash>.js` and `…_bg.wasm` into its staging folder. Its
//! hooks only see that output, which has lost the relocations, so this step starts again
//! from cargo's own `.wasm`:
//!
//! 1. `wasm_split_cli_support::transform` splits it: the main module, `split_<name>.wasm`
//!    per split point, `chunk_<n>.wasm` for code two split points share, and the loader
//!    `__wasm_split.js` that fetches them next to itself;
//! 2. the chunks and the loader get the build's hash in their names (a redeploy writes new
//!    names, so an open tab never mixes its main module with a newer chunk);
//! 3. wasm-bindgen (`--target web --keep-lld-exports --no-demangle`) writes the main module
//!    over Trunk's files, under the same names, so Trunk's loader and preloads stay right
//!    (index.html asks Trunk for no `integrity` on them, `data-integrity="none"`);
//! 4. wasm-opt -Oz on the main module and every chunk (Trunk's own wasm-opt is off:
//!    `data-wasm-opt="0"`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::XResult;

/// The app's binary (its `.wasm` in cargo's target folder).
const BIN: &str = "clients-console";

/// What `cargo xtask` sets for every build that Trunk makes: the relocations the splitter
/// needs, the split points switched on, and the project's own flag (config.toml's
/// rustflags, which this variable replaces).
pub const WASM_RUSTFLAGS: &str =
    "--cfg erase_components --cfg split_chunks -Clink-args=--emit-relocs";

/// The env var that carries [`WASM_RUSTFLAGS`] (wasm32 builds only: never the host's).
pub const WASM_RUSTFLAGS_VAR: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";

const WASM_OPT_FEATURES: [&str; 4] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
];

/// What the split wrote: the chunks' file names and sizes.
pub struct Split {
    pub chunks: Vec<(String, u64)>,
    pub main_bytes: u64,
}

/// Runs the split on Trunk's staging folder `staging` (profile `profile`).
pub fn run(root: &Path, staging: &Path, profile: &str) -> XResult<Split> {
    let raw = raw_wasm(root, profile);
    let input = std::fs::read(&raw).map_err(|e| format!("cannot read {}: {e}", raw.display()))?;
    let stem = trunk_stem(staging)?;
    let hash = stem
        .rsplit_once('-')
        .map(|(_, h)| h.to_string())
        .ok_or_else(|| format!("no hash in {stem}"))?;
    let work = root.join("target/wasm-split");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let main_out = work.join("main.wasm");
    // The loader's name is the main module's import (and the file the splitter writes).
    let link_name = format!("./__wasm_split-{hash}.js");
    let main_module = format!("./{stem}.js");
    let split = {
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = &work;
        opts.main_out_path = &main_out;
        opts.link_name = &link_name;
        opts.main_module = &main_module;
        wasm_split_cli_support::transform(opts).map_err(|e| format!("wasm split: {e:#}"))?
    };
    // The loader and the chunks, renamed with the hash, into the staging folder.
    let loader_name = format!("__wasm_split-{hash}.js");
    let mut loader = std::fs::read_to_string(work.join(&loader_name))
        .map_err(|e| format!("the splitter wrote no loader: {e}"))?;
    let mut chunks = Vec::new();
    for path in &split.split_modules {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("odd chunk name {}", path.display()))?;
        let hashed = format!("{name}-{hash}.wasm");
        loader = loader.replace(&format!("\"./{name}.wasm\""), &format!("\"./{hashed}\""));
        std::fs::copy(path, staging.join(&hashed))
            .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        chunks.push(hashed);
    }
    std::fs::write(staging.join(&loader_name), loader)
        .map_err(|e| format!("cannot write the loader: {e}"))?;
    bindgen(&main_out, staging, &stem)?;
    let mut wasm: Vec<PathBuf> = chunks.iter().map(|c| staging.join(c)).collect();
    wasm.push(staging.join(format!("{stem}_bg.wasm")));
    optimize(&wasm)?;
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    Ok(Split {
        main_bytes: size(&staging.join(format!("{stem}_bg.wasm"))),
        chunks: chunks
            .iter()
            .map(|c| (c.clone(), size(&staging.join(c))))
            .collect(),
    })
}

/// wasm-opt -Oz on the wasm Trunk wrote (a build without the split).
pub fn optimize_trunk_output(staging: &Path) -> XResult<()> {
    let stem = trunk_stem(staging)?;
    optimize(&[staging.join(format!("{stem}_bg.wasm"))])
}

/// cargo's `.wasm` of the app for `profile` (`release` or `debug`).
fn raw_wasm(root: &Path, profile: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    target
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join(format!("{BIN}.wasm"))
}

/// `clients-console-<hash>`: the stem of the JS file Trunk wrote.
fn trunk_stem(staging: &Path) -> XResult<String> {
    let entries = std::fs::read_dir(staging)
        .map_err(|e| format!("cannot read {}: {e}", staging.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix(".js") {
            if stem.starts_with(&format!("{BIN}-")) {
                return Ok(stem.to_string());
            }
        }
    }
    Err(format!("no {BIN}-<hash>.js in {}", staging.display()))
}

fn bindgen(main: &Path, staging: &Path, stem: &str) -> XResult<()> {
    let status = Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-demangle",
            "--no-typescript",
            "--out-name",
            stem,
            "--out-dir",
        ])
        .arg(staging)
        .arg(main)
        .status()
        .map_err(|e| format!("cannot run wasm-bindgen: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("wasm-bindgen on the split main module: {status}"))
    }
}

/// Whether the build keeps the wasm's function names (`CONSOLE_WASM_NAMES=1`).
fn keep_names() -> bool {
    std::env::var_os("CONSOLE_WASM_NAMES").is_some_and(|v| v == "1")
}

/// wasm-opt -Oz on each file in place, two at a time.
fn optimize(files: &[PathBuf]) -> XResult<()> {
    let mut running = Vec::new();
    for file in files {
        let child = Command::new("wasm-opt")
            .arg("-Oz")
            .args(WASM_OPT_FEATURES)
            // For profiles (`CONSOLE_WASM_NAMES=1 cargo xtask build --dist …`): the function
            // names kept, so a trace names the Rust functions; ~1 MB more, never for a CDN.
            .args(keep_names().then_some("-g"))
            .arg(file)
            .arg("-o")
            .arg(file)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run wasm-opt: {e}"))?;
        running.push((file.clone(), child));
        if running.len() == 2 {
            wait_first(&mut running)?;
        }
    }
    while !running.is_empty() {
        wait_first(&mut running)?;
    }
    Ok(())
}

fn wait_first(running: &mut Vec<(PathBuf, std::process::Child)>) -> XResult<()> {
    let (file, child) = running.remove(0);
    let output = child
        .wait_with_output()
        .map_err(|e| format!("wasm-opt: {e}"))?;
    // The chunks carry a name subsection binaryen does not know (and drops): not worth a line
    // per chunk in every build's output.
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| !l.contains("unknown name subsection"))
        .for_each(|l| eprintln!("{l}"));
    let status = output.status;
    if status.success() {
        Ok(())
    } else {
        Err(format!("wasm-opt on {}: {status}", file.display()))
    }
}
