//! `cargo xtask run | test | build | e2e | bench | structure` — the project's two commands
//! and the parts they are made of.

mod bench;
mod boot_script;
mod checks;
mod serve;
mod split;
mod structure;
mod tools;

use std::path::PathBuf;
use std::process::{Command, ExitCode};

pub type XResult<T> = Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command>

  run [--port N] [--watch]   install what is missing, build the app, serve it with dev-api and
                             demo data on http://127.0.0.1:8080 (or --port); --watch rebuilds on
                             change (trunk serve, dev-api on the next port)
  test                       install what is missing, run every check (what CI runs)
  build [TRUNK OPTIONS]      install what is missing, build the app for a CDN into dist/ (the
                             core wasm and its chunks; e.g. --public-url /admin/ --dist out)
  e2e                        only the end-to-end step of `test`: build the app for / and /admin/,
                             serve both with dev-api, run the Playwright suite (tests/end2end/)
  bench [--smoke] [--micro]  build the app, measure it in headless Chromium (first-load bytes,
                             100 clients visible beside a static page, 50 000 clients: load,
                             keystrokes, rows, memory) and print one table (also written to
                             target/bench.json); --smoke: small sizes, reuses dist/;
                             --micro: also the native model and dev-api micro-benchmarks
  structure [DIR]            only the structure check of `test`: the Clients page's rooms import
                             only the core, no import circle in src/, no function in src/pages
                             or src/components longer than 120 lines";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => serve::run(&args[1..]),
        Some("test") => checks::test(&args[1..]),
        Some("e2e") => checks::e2e(&args[1..]),
        Some("build") => tools::ensure(false).and_then(|()| {
            let extra: Vec<&str> = args[1..].iter().map(String::as_str).collect();
            serve::build_app_with(&extra)
        }),
        Some("bench") => bench::run(&args[1..]),
        Some("structure") => structure::check(&args.get(1).map(PathBuf::from).unwrap_or_else(root)),
        // Trunk's post_build hook (see Trunk.toml): TRUNK_STAGING_DIR holds the build.
        Some("post-build") => post_build_hook(),
        Some("-h") | Some("--help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn post_build_hook() -> XResult<()> {
    let dir = std::env::var("TRUNK_STAGING_DIR")
        .map_err(|_| "TRUNK_STAGING_DIR is not set: this runs as Trunk's post_build hook")?;
    let dir = std::path::Path::new(&dir);
    if std::env::var(split::WASM_RUSTFLAGS_VAR).as_deref() == Ok(split::WASM_RUSTFLAGS) {
        let profile = std::env::var("TRUNK_PROFILE").unwrap_or_else(|_| "release".into());
        let split = split::run(&root(), dir, &profile)?;
        println!(
            "xtask: split the wasm: core {} B, {} chunks ({})",
            split.main_bytes,
            split.chunks.len(),
            split
                .chunks
                .iter()
                .map(|(name, bytes)| format!("{name} {bytes} B"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    } else {
        // A plain `trunk build` (not through cargo xtask): no split points are compiled in;
        // only the size optimisation Trunk was told to leave to this hook.
        split::optimize_trunk_output(dir)?;
        println!("xtask: not split (built without cargo xtask's flags); wasm-opt -Oz done");
    }
    if let Some(names) = boot_script::externalize(dir)? {
        println!(
            "xtask: moved the wasm loader out of index.html into {} (no inline script: strict CSP; sign-in starts before the wasm)",
            names.join(" and ")
        );
    }
    Ok(())
}

/// The repository root (the folder above xtask/).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

pub fn step_ok(what: &str) {
    println!("  ok  {what}");
}

pub fn step_run(what: &str, how_long: &str) {
    println!("==> {what} ({how_long})");
}

pub fn fail<T>(message: &str) -> XResult<T> {
    Err(message.to_string())
}

/// PATH with the project's npm tools (wasm-opt from binaryen) first.
pub fn tool_path() -> String {
    let bin = root().join("node_modules/.bin");
    let cargo_bin = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
        .join("bin");
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{old}", bin.display(), cargo_bin.display())
}

/// Runs a command with the project's PATH, inheriting the terminal; fails on a non-zero exit.
pub fn run(cmd: &mut Command) -> XResult<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .env("PATH", tool_path())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}
