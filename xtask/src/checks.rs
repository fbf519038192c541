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
    /// Adds a `test result: ok. 12 passed; 0 failed; …` line (cargo test and the wasm runner).
    fn read_line(&mut self, line: &str) {
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
    suite(
        "native tests (model, api, dev-api, xtask)",
        &["test", "--workspace"],
        tally,
    )?;
    // Not `-q`: the wasm-bindgen test runner rejects --quiet.
    suite(
        "browser tests (wasm-bindgen-test in headless Chromium)",
        &["test", "-p", "clients-console", "--target", WASM],
        tally,
    )?;
    Ok(())
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
fn suite(what: &str, args: &[&str], tally: &mut Tally) -> XResult<()> {
    println!("==> {what}");
    let mut child = cargo(args)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{what}: {e}"))?;
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
        return Err(format!("{what} failed: see above"));
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

pub fn bench(_args: &[String]) -> XResult<()> {
    Err("no benchmarks yet".into())
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
}
