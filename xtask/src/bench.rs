//! `cargo xtask bench`: the performance figures of the built app, each beside a baseline
//! measured in the same run, as one table (and `target/bench.json`); measured, never asserted.
//!
//! The browser part (`tests/end2end/bench/large_tenant.mjs`) runs against two dev-api servers
//! that serve the same copy of dist/: one with 100 client-credentials clients (beside a static
//! HTML page with the same rows, written into that copy), one with 50 000 clients.
//!
//! * `--smoke`: small sizes (1 load, 5 keystrokes, 500 clients) and the dist/ already built
//!   (built when missing): proves the bench runs end to end, for `cargo xtask test`;
//! * `--micro`: also the native micro-benchmarks (model search and sort, dev-api start-up).

use std::path::Path;
use std::process::Command;

use crate::checks::Servers;
use crate::{root, tool_path, tools, XResult};

/// The table's JSON twin.
pub const BENCH_JSON: &str = "target/bench.json";

/// `--empty --clients 123`: 99 generated client-credentials clients plus the one the empty
/// tenant keeps, so the list holds exactly 100.
const CLIENTS_FOR_100: &str = "123";

struct Sizes {
    loads: &'static str,
    keys: &'static str,
    clients: &'static str,
}

const FULL: Sizes = Sizes {
    loads: "10",
    keys: "50",
    clients: "50000",
};
const SMOKE: Sizes = Sizes {
    loads: "1",
    keys: "5",
    clients: "500",
};

pub fn run(args: &[String]) -> XResult<()> {
    let mut smoke = false;
    let mut micro = false;
    for arg in args {
        match arg.as_str() {
            "--smoke" => smoke = true,
            "--micro" => micro = true,
            other => {
                return Err(format!(
                    "bench: unknown option `{other}` (try --smoke, --micro)"
                ))
            }
        }
    }
    tools::ensure(true)?;
    if micro {
        println!("==> model: search and sort over 50 000 clients");
        cargo_bench("clients-console", "model")?;
        println!("==> dev-api: 50 000-client start-up and a 100-item page");
        cargo_bench("dev-api", "api")?;
    }
    if !smoke || !root().join("dist/index.html").exists() {
        crate::serve::build_app_with(&[])?;
    }
    let dev_api = crate::serve::build_dev_api()?;
    browser_bench(&dev_api, if smoke { &SMOKE } else { &FULL })
}

/// `cargo xtask bench --smoke` inside `cargo xtask test`: dist/ and dev-api are already built.
pub fn smoke(dev_api: &Path) -> XResult<()> {
    let _ = std::fs::remove_file(root().join(BENCH_JSON));
    browser_bench(dev_api, &SMOKE)?;
    let json = std::fs::read_to_string(root().join(BENCH_JSON))
        .map_err(|e| format!("bench smoke: {BENCH_JSON} was not written ({e})"))?;
    for key in [
        "\"firstLoad\"",
        "\"visible100\"",
        "\"large\"",
        "\"throttled\"",
    ] {
        if !json.contains(key) {
            return Err(format!("bench smoke: {BENCH_JSON} has no {key}"));
        }
    }
    Ok(())
}

fn browser_bench(dev_api: &Path, sizes: &Sizes) -> XResult<()> {
    println!(
        "==> the app in headless Chromium: first load, 100 clients visible, {} clients",
        sizes.clients
    );
    // A copy of dist/, so that the static page never lands in the build.
    let site = root().join("target/bench-site");
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&root().join("dist"), &site)?;
    let site_arg = site.display().to_string();
    let mut servers = Servers(Vec::new());
    let url_100 = servers.start(
        dev_api,
        &[
            "--static",
            &site_arg,
            "--empty",
            "--clients",
            CLIENTS_FOR_100,
        ],
    )?;
    let url_large = servers.start(
        dev_api,
        &["--static", &site_arg, "--clients", sizes.clients],
    )?;
    let result = crate::run(
        Command::new("node")
            .arg("tests/end2end/bench/large_tenant.mjs")
            .env("BENCH_URL_100", &url_100)
            .env("BENCH_URL_LARGE", &url_large)
            .env("BENCH_SITE", &site)
            .env("BENCH_LOADS", sizes.loads)
            .env("BENCH_KEYS", sizes.keys)
            .env("BENCH_LARGE_CLIENTS", sizes.clients)
            .env("BENCH_OUT", root().join(BENCH_JSON))
            .env("PATH", tool_path())
            .current_dir(root()),
    );
    drop(servers);
    result
}

fn copy_dir(from: &Path, to: &Path) -> XResult<()> {
    let err = |e: std::io::Error| format!("copying {} to {}: {e}", from.display(), to.display());
    std::fs::create_dir_all(to).map_err(err)?;
    for entry in std::fs::read_dir(from).map_err(err)? {
        let entry = entry.map_err(err)?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(err)?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(err)?;
        }
    }
    Ok(())
}

/// `cargo bench --profile tool`: optimised like release, but quick to compile.
fn cargo_bench(package: &str, bench: &str) -> XResult<()> {
    crate::run(
        Command::new("cargo")
            .args([
                "bench",
                "--quiet",
                "-p",
                package,
                "--bench",
                bench,
                "--profile",
                "tool",
            ])
            .current_dir(root()),
    )
}
