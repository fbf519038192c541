//! `cargo xtask run`: build the app and serve it with dev-api and demo data.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use crate::{root, tool_path, tools, XResult};

/// Pids of the children to stop on Ctrl-C.
static CHILDREN: [AtomicU32; 2] = [AtomicU32::new(0), AtomicU32::new(0)];

struct RunArgs {
    port: u16,
    watch: bool,
    extra: Vec<String>,
}

fn parse(args: &[String]) -> XResult<RunArgs> {
    let mut parsed = RunArgs {
        port: 8080,
        watch: false,
        extra: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--watch" => parsed.watch = true,
            "--port" => {
                let value = it.next().ok_or("--port needs a number")?;
                parsed.port = value
                    .parse()
                    .map_err(|_| format!("--port: `{value}` is not a port number"))?;
            }
            // Anything after `--` goes to dev-api (e.g. `-- --clients 50000`).
            "--" => parsed.extra.extend(it.by_ref().cloned()),
            other => {
                return Err(format!(
                    "run: unknown option `{other}` (try --port N, --watch, -- <dev-api flags>)"
                ))
            }
        }
    }
    Ok(parsed)
}

pub fn run(args: &[String]) -> XResult<()> {
    let args = parse(args)?;
    tools::ensure(false)?;
    install_ctrl_c()?;
    let dev_api = build_dev_api()?;
    if args.watch {
        let api_port = 8081;
        if args.port == api_port {
            return Err(
                "--watch serves dev-api on 8081 (Trunk.toml's proxy): pick another --port".into(),
            );
        }
        let api = start_dev_api(&dev_api, api_port, false, &args.extra)?;
        remember(0, &api);
        println!("xtask: trunk serve with live reload on http://127.0.0.1:{} (API proxied to :{api_port})", args.port);
        let mut trunk = Command::new("trunk")
            .env(
                crate::split::WASM_RUSTFLAGS_VAR,
                crate::split::WASM_RUSTFLAGS,
            )
            .args(["serve", "--port", &args.port.to_string()])
            .env("PATH", tool_path())
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .current_dir(root())
            .spawn()
            .map_err(|e| format!("could not start trunk: {e}"))?;
        remember(1, &trunk);
        let _ = trunk.wait();
        stop_all();
        return Ok(());
    }
    build_app()?;
    let mut api = start_dev_api(&dev_api, args.port, true, &args.extra)?;
    remember(0, &api);
    println!(
        "\n  clients-console is ready: http://127.0.0.1:{}/\n  (Ctrl-C stops it)\n",
        args.port
    );
    let status = api.wait().map_err(|e| e.to_string())?;
    println!("xtask: dev-api stopped ({status}).");
    Ok(())
}

/// Builds dev-api with the quick-to-compile optimised profile and returns the binary's path.
pub fn build_dev_api() -> XResult<std::path::PathBuf> {
    println!("==> building dev-api");
    crate::run(
        Command::new("cargo")
            .args(["build", "--quiet", "-p", "dev-api", "--profile", "tool"])
            .current_dir(root()),
    )?;
    Ok(root().join("target/tool/dev-api"))
}

/// `trunk build --release --offline` into dist/.
pub fn build_app() -> XResult<()> {
    build_app_with(&[])
}

pub fn build_app_with(extra: &[&str]) -> XResult<()> {
    println!("==> trunk build --release (about 1.5 minutes cold, seconds when nothing changed)");
    let started = Instant::now();
    crate::run(
        Command::new("trunk")
            .args(["build", "--release", "--offline"])
            .env(
                crate::split::WASM_RUSTFLAGS_VAR,
                crate::split::WASM_RUSTFLAGS,
            )
            .args(extra)
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .current_dir(root()),
    )?;
    let dist = extra
        .iter()
        .position(|a| *a == "--dist")
        .and_then(|i| extra.get(i + 1))
        .unwrap_or(&"dist");
    println!(
        "  ok  app built into {dist}/ in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Starts dev-api and returns once it printed its ready line.
pub fn start_dev_api(
    bin: &std::path::Path,
    port: u16,
    serve_dist: bool,
    extra: &[String],
) -> XResult<Child> {
    let mut args = vec!["--listen".to_string(), format!("127.0.0.1:{port}")];
    if serve_dist {
        args.push("--static".into());
        args.push(root().join("dist").display().to_string());
    }
    args.extend(extra.iter().cloned());
    spawn_dev_api(bin, &args)
        .map(|(child, _)| child)
        .map_err(|e| format!("{e}; is port {port} in use?"))
}

/// Starts dev-api with `args` and returns it with the URL its ready line announces
/// (`dev-api listening on http://127.0.0.1:PORT`), so `--listen 127.0.0.1:0` works.
pub fn spawn_dev_api(bin: &std::path::Path, args: &[String]) -> XResult<(Child, String)> {
    let mut child = Command::new(bin)
        .args(args)
        .stdout(Stdio::piped())
        .current_dir(root())
        .spawn()
        .map_err(|e| format!("could not start dev-api: {e}"))?;
    let stdout = child.stdout.take().ok_or("dev-api has no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        match lines.next() {
            Some(Ok(line)) => {
                println!("{line}");
                if let Some((_, url)) = line.split_once("listening on ") {
                    break url.trim().trim_end_matches('/').to_string();
                }
            }
            _ => {
                let status = child.wait().map_err(|e| e.to_string())?;
                return Err(format!("dev-api exited before it was ready ({status})"));
            }
        }
    };
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            println!("{line}");
        }
    });
    Ok((child, url))
}

fn remember(slot: usize, child: &Child) {
    CHILDREN[slot].store(child.id(), Ordering::SeqCst);
}

fn stop_all() {
    for slot in &CHILDREN {
        let pid = slot.swap(0, Ordering::SeqCst);
        if pid != 0 {
            let _ = Command::new("kill")
                .args(["-INT", &pid.to_string()])
                .status();
        }
    }
}

fn install_ctrl_c() -> XResult<()> {
    // The terminal sends SIGINT to the children too; this makes sure they also stop when only
    // xtask is signalled, and keeps xtask alive until they have exited.
    ctrlc::set_handler(stop_all).map_err(|e| format!("cannot handle Ctrl-C: {e}"))
}
