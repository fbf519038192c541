//! `cargo xtask bench`: the performance figures, measured (never asserted in tests).
//!
//! 1. model: search and sort over 50 000 clients (native, `benches/model.rs`);
//! 2. dev-api: a 50 000-client tenant's start-up and a 100-item page (`dev-api/benches/api.rs`);
//! 3. the app in headless Chromium against dev-api with 50 000 clients: list load time,
//!    keystroke-to-update time in Search, rows in the DOM (`tests/end2end/bench/`).

use std::process::Command;

use crate::checks::Servers;
use crate::{root, tool_path, tools, XResult};

pub fn run(args: &[String]) -> XResult<()> {
    if let Some(arg) = args.first() {
        return Err(format!("bench takes no options (got `{arg}`)"));
    }
    tools::ensure(true)?;
    println!("==> model: search and sort over 50 000 clients");
    cargo_bench("clients-console", "model")?;
    println!("==> dev-api: 50 000-client start-up and a 100-item page");
    cargo_bench("dev-api", "api")?;
    println!("==> the Clients page in headless Chromium with 50 000 clients");
    crate::serve::build_app_with(&[])?;
    let dev_api = crate::serve::build_dev_api()?;
    let mut servers = Servers(Vec::new());
    let url = servers.start(&dev_api, &["--static", "dist", "--clients", "50000"])?;
    let result = crate::run(
        Command::new("node")
            .arg("tests/end2end/bench/large_tenant.mjs")
            .env("BENCH_URL", &url)
            .env("PATH", tool_path())
            .current_dir(root()),
    );
    drop(servers);
    result
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
