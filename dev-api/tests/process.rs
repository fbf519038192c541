//! Tests of the `dev-api` binary as a process: the ready line, `--help`, `--data` surviving
//! `kill -9` in the middle of a burst of writes, the start-up time of a 50 000-client tenant,
//! `drop`/`hang` faults on a real connection (`apply-then-…` too), and stopping on SIGTERM.

#![cfg(unix)]

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpStream},
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

const TENANT: &str = dev_api::DEFAULT_TENANT_ID;

/// A running dev-api.
struct Server {
    child: Child,
    addr: SocketAddr,
    /// What it printed up to and including the ready line.
    banner: Vec<String>,
}

impl Server {
    /// Starts the binary on a free port and waits for its ready line.
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dev-api"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dev-api");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut banner = Vec::new();
        let addr = loop {
            let line = lines
                .next()
                .expect("dev-api exited before it was ready")
                .expect("stdout line");
            banner.push(line.clone());
            if let Some(at) = line.find("listening on http://") {
                break line[at + "listening on http://".len()..]
                    .trim()
                    .parse()
                    .expect("address");
            }
        };
        std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
        Self {
            child,
            addr,
            banner,
        }
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request on a fresh connection; returns the status and the body.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(token) = token {
        request.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    let body = body.unwrap_or("");
    if !body.is_empty() {
        request.push_str("Content-Type: application/json\r\n");
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no HTTP response: {text:?}")))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dev-api-process-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn api(rest: &str) -> String {
    format!("/api/v1/Tenants/{TENANT}/{rest}")
}

#[test]
fn help_documents_every_flag() {
    let output = Command::new(env!("CARGO_BIN_EXE_dev-api"))
        .arg("--help")
        .output()
        .expect("dev-api --help");
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--listen",
        "--tenant",
        "--static",
        "--token",
        "--clients",
        "--empty",
        "--latency-ms",
        "--dev-endpoints",
        "--data",
        "--allow-origin",
        "--opaque-tokens",
        "--name-at-userinfo",
        "--identity-listen",
    ] {
        assert!(
            help.contains(flag),
            "--help does not mention {flag}:\n{help}"
        );
    }
    assert!(help.contains("127.0.0.1:8080"));
}

#[test]
fn identity_listen_serves_sign_in_on_its_own_port_and_says_so_before_the_ready_line() {
    let server = Server::start(&["--identity-listen", "127.0.0.1:0", "--quiet"]);
    let last = server.banner.last().expect("a ready line");
    assert!(
        last.starts_with("dev-api listening on http://"),
        "the ready line stays last: {:?}",
        server.banner
    );
    let identity_line = server
        .banner
        .iter()
        .find_map(|l| l.strip_prefix("dev-api: identity server on http://"))
        .unwrap_or_else(|| panic!("no identity line: {:?}", server.banner));
    assert!(
        !identity_line.contains("listening on"),
        "tools that look for `listening on` find the app"
    );
    let identity: SocketAddr = identity_line.trim().parse().expect("address");
    assert_ne!(identity.port(), server.addr.port());

    let (status, body) = http(
        identity,
        "GET",
        "/.well-known/openid-configuration",
        None,
        None,
    )
    .expect("discovery");
    assert_eq!(status, 200, "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(doc["issuer"], format!("http://{identity}"));
    assert_eq!(
        doc["userinfo_endpoint"],
        format!("http://{identity}/connect/userinfo")
    );
    let (status, _) = http(
        server.addr,
        "GET",
        "/.well-known/openid-configuration",
        None,
        None,
    )
    .expect("app");
    assert_eq!(status, 404, "the app listener does not serve discovery");
    let (status, _) = http(server.addr, "GET", &api("Roles"), Some("member"), None).expect("api");
    assert_eq!(status, 200);
    // The chooser accepts a redirect URI on the app listener's port.
    let challenge = dev_api::oidc::pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    let authorize = |redirect: &str| {
        format!(
            "/connect/authorize?response_type=code&client_id=clients-console&redirect_uri={}\
             &scope=openid&code_challenge={challenge}&code_challenge_method=S256",
            redirect.replace(':', "%3A").replace('/', "%2F")
        )
    };
    let app_redirect = format!("http://localhost:{}/auth/callback", server.addr.port());
    let (status, _) = http(identity, "GET", &authorize(&app_redirect), None, None).expect("page");
    assert_eq!(status, 200);
    let own = format!("http://{identity}/auth/callback");
    let (status, _) = http(identity, "GET", &authorize(&own), None, None).expect("page");
    assert_eq!(status, 400);
}

#[test]
fn data_file_survives_kill_9_in_the_middle_of_200_writes() {
    let dir = temp_dir();
    let file = dir.join("tenant.json");
    let file_arg = file.to_string_lossy().into_owned();
    let mut server = Server::start(&["--data", &file_arg]);
    let addr = server.addr;
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let writer = {
        let acked = Arc::clone(&acked);
        std::thread::spawn(move || {
            for n in 0..200u32 {
                let id = format!("00000000-0000-4000-b000-{n:012}");
                let body = format!(
                    r#"{{"Id": "{id}", "Name": "Burst {n}", "SecretExpirationDate": "2030-01-01T00:00:00Z"}}"#
                );
                match http(
                    addr,
                    "POST",
                    &api("ClientCredentialClients"),
                    Some("admin"),
                    Some(&body),
                ) {
                    Ok((201, response)) => {
                        // The value shown once must never reach the file.
                        let value: serde_json::Value =
                            serde_json::from_str(&response).expect("create response");
                        let secret = value["Secret"].as_str().expect("secret").to_owned();
                        acked.lock().expect("lock").push(format!("{id} {secret}"));
                    }
                    Ok((status, body)) => panic!("write {n} failed with {status}: {body}"),
                    Err(_) => break, // the server was killed
                }
            }
        })
    };
    let started = Instant::now();
    while acked.lock().expect("lock").len() < 100 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "writes too slow"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    server.child.kill().expect("kill -9");
    let _ = server.child.wait();
    writer.join().expect("writer");
    let acked = acked.lock().expect("lock").clone();
    println!(
        "dev-api: {} of 200 writes acknowledged before kill -9",
        acked.len()
    );

    let text = std::fs::read_to_string(&file).expect("data file");
    let data: serde_json::Value = serde_json::from_str(&text).expect("the file is valid JSON");
    let ids: std::collections::HashSet<&str> = data["Clients"]
        .as_array()
        .expect("clients")
        .iter()
        .filter_map(|c| c["Id"].as_str())
        .collect();
    for entry in &acked {
        let (id, secret) = entry.split_once(' ').expect("entry");
        assert!(
            ids.contains(id),
            "acknowledged client {id} is missing from the file"
        );
        assert!(!text.contains(secret), "a secret value reached the file");
    }

    // A restart serves every acknowledged client.
    let server = Server::start(&["--data", &file_arg]);
    let (status, _) = http(
        server.addr,
        "HEAD",
        &api(&format!(
            "ClientCredentialClients/{}",
            acked[acked.len() - 1].split(' ').next().expect("id")
        )),
        Some("member"),
        None,
    )
    .expect("head");
    assert_eq!(status, 200);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_50000_client_tenant_starts_and_serves_pages() {
    let started = Instant::now();
    let server = Server::start(&["--clients", "50000"]);
    let ready = started.elapsed();
    println!(
        "dev-api: 50000-client tenant process ready in {:.2} s (test profile)",
        ready.as_secs_f64()
    );
    let (status, body) = http(
        server.addr,
        "GET",
        &api("ClientCredentialClients?skip=20000&count=100"),
        Some("member"),
        None,
    )
    .expect("page");
    assert_eq!(status, 200);
    let page: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(page.as_array().expect("array").len(), 100);
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        http(
            server.addr,
            "GET",
            &api("ClientCredentialClients?skip=20000&count=100"),
            Some("member"),
            None,
        )
        .expect("page");
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "dev-api: GET 100-item page over TCP, median {:.1} ms (test profile)",
        times[times.len() / 2].as_secs_f64() * 1000.0
    );
}

#[test]
fn drop_and_hang_faults_on_a_real_connection_and_sigterm_stops() {
    let server = Server::start(&["--dev-endpoints"]);
    let (status, _) = http(
        server.addr,
        "POST",
        "/_dev/faults",
        None,
        Some(r#"{"match": "/Roles", "mode": "drop"}"#),
    )
    .expect("add fault");
    assert_eq!(status, 201);
    let dropped = http(server.addr, "GET", &api("Roles"), Some("member"), None);
    assert!(
        dropped.is_err(),
        "the connection must close without a response: {dropped:?}"
    );
    let (status, _) = http(server.addr, "GET", &api("Roles"), Some("member"), None).expect("roles");
    assert_eq!(status, 200);

    http(
        server.addr,
        "POST",
        "/_dev/faults",
        None,
        Some(r#"{"match": "GET /api/", "mode": "hang"}"#),
    )
    .expect("add fault");
    let mut stream = TcpStream::connect(server.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(500)))
        .expect("timeout");
    write!(
        stream,
        "GET {} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer member\r\n\r\n",
        api("Roles")
    )
    .expect("write");
    let mut buf = [0u8; 16];
    let read = stream.read(&mut buf);
    assert!(read.is_err(), "a hung request gets no answer: {read:?}");

    // SIGTERM stops the server, even with a hung request open.
    let mut server = server;
    let stopping = Instant::now();
    server.signal("-TERM");
    let status = server.child.wait().expect("wait");
    assert!(status.success(), "{status}");
    assert!(stopping.elapsed() < Duration::from_secs(10));
}

#[test]
fn apply_then_faults_on_a_real_connection_change_the_tenant_without_answering() {
    let server = Server::start(&["--dev-endpoints"]);
    let body = |name: &str| {
        format!(r#"{{"Name": "{name}", "RedirectUris": ["https://app.example.com/signin-oidc"]}}"#)
    };
    let list = || {
        let (status, text) = http(
            server.addr,
            "GET",
            &api("AuthorizationCodeClients"),
            Some("member"),
            None,
        )
        .expect("list");
        assert_eq!(status, 200);
        text
    };

    let (status, _) = http(
        server.addr,
        "POST",
        "/_dev/faults",
        None,
        Some(r#"{"match": "POST /api/", "mode": "apply-then-drop"}"#),
    )
    .expect("add fault");
    assert_eq!(status, 201);
    let dropped = http(
        server.addr,
        "POST",
        &api("AuthorizationCodeClients"),
        Some("admin"),
        Some(&body("Dropped on the wire")),
    );
    assert!(
        dropped.is_err(),
        "the connection must close without a response: {dropped:?}"
    );
    assert!(list().contains("Dropped on the wire"));

    http(
        server.addr,
        "POST",
        "/_dev/faults",
        None,
        Some(r#"{"match": "POST /api/", "mode": "apply-then-hang"}"#),
    )
    .expect("add fault");
    let mut stream = TcpStream::connect(server.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(500)))
        .expect("timeout");
    let body = body("Hung on the wire");
    write!(
        stream,
        "POST {} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        api("AuthorizationCodeClients"),
        body.len()
    )
    .expect("write");
    let mut buf = [0u8; 16];
    let read = stream.read(&mut buf);
    assert!(read.is_err(), "a hung request gets no answer: {read:?}");
    assert!(list().contains("Hung on the wire"));
}
