//! Installs what the build needs, each step skipped when it is already satisfied.
//!
//! The versions are the ones that work together with rustc 1.95 on our machines
//! (see ../shared/TOOLCHAIN.md): trunk 0.21.14, wasm-bindgen-cli equal to Cargo.lock's
//! wasm-bindgen, binaryen 132 from npm (never Debian's 108), Debian's Chromium.

use std::path::Path;
use std::process::Command;

use crate::{fail, root, step_ok, step_run, XResult};

pub const TRUNK_VERSION: &str = "0.21.14";

/// What a run needs: the wasm target, trunk, wasm-bindgen, wasm-opt; browser tests also Chromium.
pub fn ensure(with_browser: bool) -> XResult<()> {
    let mut installed = 0;
    installed += ensure_wasm_target()?;
    installed += ensure_node_packages()?;
    installed += ensure_wasm_bindgen()?;
    installed += ensure_trunk()?;
    if with_browser {
        installed += ensure_chromium()?;
    }
    if installed == 0 {
        println!("xtask: nothing to install, every tool is already here.");
    } else {
        println!("xtask: installed {installed} tool(s); the next run will skip them.");
    }
    Ok(())
}

fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn ensure_wasm_target() -> XResult<u32> {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        step_ok("wasm32-unknown-unknown target is installed");
        return Ok(0);
    }
    step_run(
        "rustup target add wasm32-unknown-unknown",
        "usually under a minute",
    );
    crate::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    Ok(1)
}

/// The wasm-bindgen version Cargo.lock resolved; the CLI must be exactly this one.
pub fn locked_wasm_bindgen() -> XResult<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock ({e}); run from the repository"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn ensure_wasm_bindgen() -> XResult<u32> {
    let want = locked_wasm_bindgen()?;
    let have = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output_of("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str())
        && runner.split_whitespace().nth(1) == Some(want.as_str())
    {
        step_ok(&format!("wasm-bindgen-cli {want} is installed"));
        return Ok(0);
    }
    step_run(
        &format!("cargo install wasm-bindgen-cli --version ={want}"),
        "compiles from crates.io, usually about 2-3 minutes",
    );
    // Not --locked: its lockfile pins a webpki-roots release our registry mirror lacks.
    crate::run(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={want}"),
        "--force",
    ]))?;
    Ok(1)
}

fn ensure_trunk() -> XResult<u32> {
    let have = output_of("trunk", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        step_ok(&format!("trunk {TRUNK_VERSION} is installed"));
        return Ok(0);
    }
    step_run(
        &format!("cargo install trunk --version ={TRUNK_VERSION} --locked"),
        "compiles from crates.io, usually about 10 minutes on 2 cores (once per machine)",
    );
    crate::run(Command::new("cargo").args([
        "install",
        "trunk",
        "--version",
        &format!("={TRUNK_VERSION}"),
        "--locked",
        "--force",
    ]))?;
    Ok(1)
}

/// binaryen (wasm-opt 132) and, for the end-to-end suite, Playwright: from package-lock.json.
fn ensure_node_packages() -> XResult<u32> {
    if output_of("npm", &["--version"]).is_none() {
        step_run("apt-get install -y nodejs npm", "usually 1-2 minutes");
        apt_install(&["nodejs", "npm"])?;
    }
    let root = root();
    let marker = root.join("node_modules/.package-lock.json");
    if is_newer_or_same(&marker, &root.join("package-lock.json"))
        && wasm_opt_version().as_deref() == Some("132")
    {
        step_ok("npm packages (binaryen 132, Playwright) are installed");
        return Ok(0);
    }
    step_run(
        "npm ci (binaryen 132 for wasm-opt, Playwright)",
        "usually under a minute",
    );
    crate::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .current_dir(&root),
    )?;
    Ok(1)
}

fn is_newer_or_same(a: &Path, b: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(a), modified(b)), (Some(a), Some(b)) if a >= b)
}

/// The binaryen version of the project's wasm-opt ("wasm-opt version 132 (version_132)" → 132).
fn wasm_opt_version() -> Option<String> {
    let bin = root().join("node_modules/.bin/wasm-opt");
    let out = output_of(bin.to_str()?, &["--version"])?;
    out.split_whitespace().nth(2).map(str::to_string)
}

fn ensure_chromium() -> XResult<u32> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        step_ok("Chromium and ChromeDriver are installed");
        return Ok(0);
    }
    step_run(
        "apt-get install -y chromium chromium-driver",
        "usually 1-3 minutes",
    );
    apt_install(&["chromium", "chromium-driver"])?;
    Ok(1)
}

fn apt_install(packages: &[&str]) -> XResult<()> {
    crate::run(Command::new("apt-get").arg("update").arg("-q"))?;
    let status = Command::new("apt-get")
        .args(["install", "-y", "-q"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .map_err(|e| format!("apt-get: {e}"))?;
    if !status.success() {
        return fail(&format!(
            "apt-get install {} failed (are you root?)",
            packages.join(" ")
        ));
    }
    Ok(())
}
