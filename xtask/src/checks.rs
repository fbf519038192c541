//! `cargo xtask test` (every check, in order, stopping at the first failure) and
//! `cargo xtask bench`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{root, tool_path, tools, XResult};

const WASM: &str = "wasm32-unknown-unknown";

/// Test counts over all suites.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    /// Adds a `test result: ok. 12 passed; 0 failed; …` line (cargo test and the wasm runner),
    /// or one of the summary lines Playwright's list reporter closes with: `  12 passed (31.2s)`,
    /// `  1 failed`, `  1 flaky` (a flaky test counts as failed: its first run failed).
    fn read_line(&mut self, line: &str) {
        if let Some((n, what)) = playwright_summary(line) {
            match what {
                "passed" => self.passed += n,
                _ => self.failed += n,
            }
            return;
        }
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let words: Vec<&str> = part.split_whitespace().collect();
            if let [.., n, what] = words.as_slice() {
                let n: u64 = n.parse().unwrap_or(0);
                match *what {
                    "passed" => self.passed += n,
                    "failed" => self.failed += n,
                    _ => {}
                }
            }
        }
    }
}

/// `  12 passed (31.2s)` → (12, "passed"): exactly two spaces of indent, a count, one of
/// passed | failed | flaky, and an optional duration in parentheses: nothing else, so that no
/// other suite's output is mistaken for it.
fn playwright_summary(line: &str) -> Option<(u64, &str)> {
    let rest = line.strip_prefix("  ")?;
    let (n, rest) = rest.split_once(' ')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (what, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    let duration_only = tail.is_empty() || (tail.starts_with('(') && tail.ends_with(')'));
    if !matches!(what, "passed" | "failed" | "flaky") || !duration_only {
        return None;
    }
    Some((n.parse().ok()?, what))
}

pub fn test(args: &[String]) -> XResult<()> {
    if let Some(arg) = args.first() {
        return Err(format!("test takes no options (got `{arg}`)"));
    }
    let started = Instant::now();
    let mut tally = Tally::default();
    let result = run_all(&mut tally);
    let failed = tally.failed + u64::from(result.is_err() && tally.failed == 0);
    println!("\nxtask test: {:.0} s", started.elapsed().as_secs_f64());
    println!("{} passed, {} failed", tally.passed, failed);
    result
}

fn run_all(tally: &mut Tally) -> XResult<()> {
    tools::ensure(true)?;
    check(
        "formatting (cargo fmt --check)",
        cargo(&["fmt", "--all", "--check"]),
    )?;
    check(
        "clippy, native workspace",
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    check(
        "clippy, the app on wasm32",
        cargo(&[
            "clippy",
            "-p",
            "clients-console",
            "--target",
            WASM,
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    check("no `ssr` feature in the wasm build", ssr_guard())?;
    check_fn(
        "structure (rooms, import circles, longest function)",
        || crate::structure::check(&root()),
    )?;
    suite(
        "native tests (model, api, dev-api, xtask)",
        &["test", "--workspace"],
        tally,
        &[],
    )?;
    // tests/dev_api.rs drives the app against a real dev-api and its faults: one is started
    // for the browser tests, any origin allowed (the test page's port is random).
    let dev_api = crate::serve::build_dev_api()?;
    let mut servers = Servers(Vec::new());
    let api = servers.start(&dev_api, &["--dev-endpoints", "--allow-origin", "*"])?;
    // Not `-q`: the wasm-bindgen test runner rejects --quiet.
    suite(
        "browser tests (wasm-bindgen-test in headless Chromium)",
        &["test", "-p", "clients-console", "--target", WASM],
        tally,
        &[(DEV_API_ENV, &api)],
    )?;
    drop(servers);
    end_to_end(tally)?;
    // Proves `cargo xtask bench` runs end to end (table and target/bench.json) on the dist/
    // the end-to-end step built, with small sizes; it asserts no timing.
    check_fn("bench smoke run (small sizes, no timing asserted)", || {
        let dev_api = crate::serve::build_dev_api()?;
        crate::bench::smoke(&dev_api)
    })?;
    Ok(())
}

fn check_fn(what: &str, f: impl FnOnce() -> XResult<()>) -> XResult<()> {
    println!("==> {what}");
    let started = Instant::now();
    f().map_err(|e| format!("{what} failed: {e}"))?;
    println!("  ok  {what} ({:.0} s)", started.elapsed().as_secs_f64());
    Ok(())
}

/// `cargo xtask e2e`: only the end-to-end step (with what it needs installed), for working on
/// the Playwright suite; ends with the same `N passed, N failed` line as `test`.
pub fn e2e(args: &[String]) -> XResult<()> {
    if let Some(arg) = args.first() {
        return Err(format!("e2e takes no options (got `{arg}`)"));
    }
    let started = Instant::now();
    let mut tally = Tally::default();
    let result = tools::ensure(true).and_then(|()| end_to_end(&mut tally));
    let failed = tally.failed + u64::from(result.is_err() && tally.failed == 0);
    println!("\nxtask e2e: {:.0} s", started.elapsed().as_secs_f64());
    println!("{} passed, {} failed", tally.passed, failed);
    result
}

/// The dev-api the browser tests in tests/dev_api.rs call (read at compile time).
const DEV_API_ENV: &str = "CONSOLE_TEST_DEV_API";

const E2E: &str = "end-to-end tests (Playwright in headless Chromium)";

/// Builds the app twice (for the root, and with `--public-url /admin/` into dist-admin/),
/// serves each with its own dev-api on a free loopback port, and runs the Playwright suite
/// in tests/end2end/ against both.
fn end_to_end(tally: &mut Tally) -> XResult<()> {
    println!("==> {E2E}");
    crate::serve::build_app_with(&[])?;
    crate::serve::build_app_with(&["--dist", "dist-admin", "--public-url", "/admin/"])?;
    let dev_api = crate::serve::build_dev_api()?;
    let mut servers = Servers(Vec::new());
    // Every spec starts from `/_dev/reset`; some arm `/_dev/faults`.
    let base = servers.start(&dev_api, &["--static", "dist", "--dev-endpoints"])?;
    let admin = servers.start(
        &dev_api,
        &[
            "--static",
            "dist-admin",
            "--base-path",
            "/admin/",
            "--dev-endpoints",
        ],
    )?;
    println!("xtask: the app on {base}/, the /admin/ build on {admin}/admin/");
    let result = playwright(&base, &format!("{admin}/admin/"), tally);
    drop(servers);
    result
}

/// The dev-api processes of the end-to-end step, stopped when this goes out of scope (also on
/// an error or a panic).
pub(crate) struct Servers(pub(crate) Vec<std::process::Child>);

impl Servers {
    /// Starts dev-api on a free loopback port with `args` (and `--quiet`); returns its URL.
    pub(crate) fn start(&mut self, bin: &std::path::Path, args: &[&str]) -> XResult<String> {
        let mut all: Vec<String> = vec!["--listen".into(), "127.0.0.1:0".into(), "--quiet".into()];
        all.extend(args.iter().map(|a| a.to_string()));
        let (child, url) = crate::serve::spawn_dev_api(bin, &all)?;
        self.0.push(child);
        Ok(url)
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Runs Playwright against the two servers, echoing its output and counting its results.
fn playwright(base: &str, admin: &str, tally: &mut Tally) -> XResult<()> {
    let bin = root().join("node_modules/.bin/playwright");
    let child = Command::new(&bin)
        .args(["test", "-c", "tests/end2end/playwright.config.ts"])
        .env("E2E_BASE_URL", base)
        .env("E2E_ADMIN_URL", admin)
        // Each Playwright worker starts a dev-api of its own, and so do the identity-provider
        // variants.
        .env("E2E_DEV_API", root().join("target/tool/dev-api"))
        .env("E2E_DIST", root().join("dist"))
        .env("E2E_DIST_ADMIN", root().join("dist-admin"))
        .env("FORCE_COLOR", "0")
        .env("PATH", tool_path())
        .current_dir(root())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{E2E}: cannot start {} ({e}); run `cargo xtask e2e`, which installs it with npm ci", bin.display()))?;
    finish_suite(
        E2E,
        child,
        tally,
        " (screenshots in tests/end2end/test-results/)",
    )
}

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(args).current_dir(root()).env("PATH", tool_path());
    cmd
}

fn check(what: &str, mut cmd: Command) -> XResult<()> {
    println!("==> {what}");
    let status = cmd.status().map_err(|e| format!("{what}: {e}"))?;
    if status.success() {
        println!("  ok  {what}");
        Ok(())
    } else {
        Err(format!("{what} failed: see above"))
    }
}

/// Runs a test suite, echoing its output and counting its results.
///
/// The suite's temporary files go to `target/test-tmp`, emptied before and after: the
/// wasm-bindgen test runner ends ChromeDriver before it can delete the Chromium profile it made
/// (about 110 MB per test file), so in `/tmp` every run of the browser tests left ~1 GB behind.
fn suite(what: &str, args: &[&str], tally: &mut Tally, envs: &[(&str, &str)]) -> XResult<()> {
    println!("==> {what}");
    let tmp = root().join("target").join("test-tmp");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let child = cargo(args)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("TMPDIR", &tmp)
        .envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{what}: {e}"))?;
    let result = finish_suite(what, child, tally, "");
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

/// Echoes a running suite's output, counts its results, and fails when it failed or ran no
/// test.
fn finish_suite(
    what: &str,
    mut child: std::process::Child,
    tally: &mut Tally,
    hint: &str,
) -> XResult<()> {
    let before = (tally.passed, tally.failed);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            tally.read_line(&line);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let ran = tally.passed - before.0 + tally.failed - before.1;
    if !status.success() {
        return Err(format!("{what} failed: see above{hint}"));
    }
    if ran == 0 {
        return Err(format!("{what}: no test ran"));
    }
    println!("  ok  {what}: {} passed", tally.passed - before.0);
    Ok(())
}

/// `tachys/ssr` in the wasm build makes every `on:` handler panic: refuse it.
fn ssr_guard() -> Command {
    let script = format!(
        "out=$(cargo tree -e features -i tachys --target {WASM} -p clients-console) || exit 1; \
         if printf '%s' \"$out\" | grep -q 'tachys feature \"ssr\"'; then \
           echo 'tachys feature \"ssr\" is enabled in the wasm build:'; printf '%s\\n' \"$out\" | grep -B2 -A8 ssr; exit 1; fi"
    );
    let mut cmd = Command::new("bash");
    cmd.args(["-c", &script])
        .current_dir(root())
        .env("PATH", tool_path());
    cmd
}

#[cfg(test)]
mod tests {
    use super::Tally;

    #[test]
    fn tally_reads_cargo_and_wasm_runner_summaries() {
        let mut tally = Tally::default();
        tally.read_line("test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        tally.read_line("test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 filtered out");
        tally.read_line("running 5 tests");
        assert_eq!((tally.passed, tally.failed), (15, 2));
    }

    #[test]
    fn tally_reads_playwright_list_reporter_summaries() {
        let mut tally = Tally::default();
        for line in [
            "Running 7 tests using 1 worker",
            "  ✓  1 [root] › tests/end2end/specs/csp.spec.ts:6:1 › runs under a CSP (1.8s)",
            "  ✘  2 [root] › tests/end2end/specs/sign-in.spec.ts:16:1 › signs in (3.4s)",
            "  1 failed",
            "    [root] › tests/end2end/specs/sign-in.spec.ts:16:1 › signs in ",
            "  1 flaky",
            "  12 passed (31.2s)",
        ] {
            tally.read_line(line);
        }
        assert_eq!((tally.passed, tally.failed), (12, 2));
        // Lines that only look alike are not counted.
        for line in [
            "12 passed (31.2s)",
            "  12 passed tests were slow",
            "  2 skipped",
            "  n passed",
            "  ok  browser tests: 4 passed",
        ] {
            tally.read_line(line);
        }
        assert_eq!((tally.passed, tally.failed), (12, 2));
    }
}
