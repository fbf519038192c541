//! The `dev-api` binary: parses the command line, builds the router and serves it until
//! SIGINT or SIGTERM.

use std::{io::Write, net::SocketAddr, path::PathBuf, time::Duration};

use clap::Parser;
use dev_api::{auth, AppState, Config, SeedOptions, Tokens};

/// Local stand-in for the Identity admin API (clients, secrets, roles) of AVEVA CONNECT data
/// services, for development, demos and tests.
///
/// Serves /api/v1/Tenants/{tenantId}/… for client credential, hybrid and authorization code
/// clients, their secrets and the tenant's roles, following ../shared/admin-api/CONTRACT.md.
/// Every API call needs `Authorization: Bearer <token>`. Two tokens always exist: `admin`
/// (Ada Lovelace, Tenant Administrator) and `member` (Max Planck, Tenant Member).
#[derive(Parser, Debug)]
#[command(name = "dev-api", version)]
struct Args {
    /// Address to listen on (port 0 picks a free port; the ready line shows the real one).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    listen: SocketAddr,
    /// The tenant id served [default: 5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a, or the one in
    /// the --data file].
    #[arg(long, value_name = "ID")]
    tenant: Option<String>,
    /// Serve the built app from this folder (index.html for every other GET outside /api/).
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Serve the app under this path (for a build made with `trunk build --public-url PATH`),
    /// e.g. /admin/. The API and the identity server stay at the root.
    #[arg(long, value_name = "PATH", default_value = "/")]
    base_path: String,
    /// The client id the development identity server signs in (the console's `clientId` in
    /// config.json). Sign-in: /.well-known/openid-configuration, /connect/authorize (pick a
    /// demo user: Ada Lovelace, Tenant Administrator; Max Planck, Tenant Member; the choice is
    /// remembered in the HttpOnly session cookie `dev_api_session`, so the next authorize
    /// request goes straight back with a code unless it says prompt=login, and prompt=none
    /// without a session returns error=login_required), /connect/token (authorization code +
    /// PKCE S256), /connect/userinfo, /connect/endsession (ends the session).
    #[arg(long, value_name = "ID", default_value = "clients-console")]
    sign_in_client: String,
    /// Lifetime of the access tokens the identity server issues, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    token_lifetime: u64,
    /// Issue opaque access tokens: random strings without dots or claims (no name, no roles),
    /// as many identity providers do, so the app cannot read the user's rights from the token.
    /// The API still accepts them (with the signed-in user's role), and /connect/userinfo
    /// answers for them. The ID token keeps its claims.
    #[arg(long)]
    opaque_tokens: bool,
    /// Keep the user's name out of the tokens: the ID token (and a JWT access token) carries no
    /// name, given_name, family_name, preferred_username or email, only iss, sub, aud, exp,
    /// iat and nonce; the name is at the userinfo endpoint (GET or POST /connect/userinfo with
    /// the access token), as the OpenID Connect default has it. The userinfo endpoint and its
    /// `userinfo_endpoint` in discovery exist with or without this flag.
    #[arg(long)]
    name_at_userinfo: bool,
    /// Serve the identity server (discovery, /connect/authorize, token, userinfo, endsession)
    /// on a listener of its own at ADDR (port 0 picks a free port), so the app signs in across
    /// origins: discovery names this origin as the issuer, the main listener no longer serves
    /// those routes, redirect URIs and post-logout redirect URIs must be on the main
    /// listener's origin (http://127.0.0.1:PORT or http://localhost:PORT) or an
    /// --allow-origin, discovery, token and userinfo answer CORS requests from those origins,
    /// and the app's Content-Security-Policy (--static) allows this origin in connect-src.
    /// Prints `dev-api: identity server on http://ADDR` before the final ready line.
    #[arg(long, value_name = "ADDR")]
    identity_listen: Option<SocketAddr>,
    /// Accept an extra bearer token NAME for a user called NAME with ROLE: `admin` (or
    /// `tenant-administrator`: may read and change everything, secrets included) or `member`
    /// (or `tenant-member`: may only read clients and roles). Repeatable.
    #[arg(long = "token", value_name = "NAME=ROLE", value_parser = auth::parse_token_flag)]
    tokens: Vec<(String, dev_api::User)>,
    /// Add N generated clients (80% client credential, 10% hybrid, 10% authorization code)
    /// for scale work; the tenant holds at most 50000 clients in total.
    #[arg(long, value_name = "N", default_value_t = 0)]
    clients: usize,
    /// Start without the demo clients (the roles are still there).
    #[arg(long)]
    empty: bool,
    /// Delay every API response by this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    latency_ms: u64,
    /// Serve the test endpoints: POST/GET/DELETE /_dev/faults (make the next N matching API
    /// requests fail with a status, hang or drop the connection, or carry them out and then
    /// hang or drop as a real timeout can, e.g. POST {"match": "/Secrets", "count": 2,
    /// "status": 503}, {"match": "GET /api/v1", "mode": "hang"|"drop"} or {"match": "POST
    /// /api/v1", "mode": "apply-then-hang"|"apply-then-drop"}) and POST /_dev/reset (restore
    /// the seed). Never enable this outside tests.
    #[arg(long)]
    dev_endpoints: bool,
    /// Keep the tenant in this JSON file: loaded at start if it exists (otherwise seeded and
    /// written), and rewritten atomically after every change (a new temporary file with a
    /// random name in the same folder, then a rename) before the change is applied in memory
    /// and answered; when saving fails the request gets 500 and nothing changes. Secrets are
    /// stored as hashes only.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Let a browser app on this origin call the API (CORS, with preflight). Repeatable.
    /// `*` lets any origin call the API (the browser tests, whose page is on a random port).
    #[arg(long = "allow-origin", value_name = "URL")]
    allow_origins: Vec<String>,
    /// Do not print a line per API request on stderr.
    #[arg(long)]
    quiet: bool,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let tokens = Tokens::with_defaults();
    for (token, user) in args.tokens {
        tokens.issue_token(token, user);
    }
    // Both listeners first: the identity server needs the app's origin, and the other way
    // round.
    let listener = bind(args.listen).await;
    let addr = listener.local_addr().unwrap_or(args.listen);
    let identity_listener = match args.identity_listen {
        Some(at) => {
            let listener = bind(at).await;
            let addr = listener.local_addr().unwrap_or(at);
            Some((listener, addr))
        }
        None => None,
    };
    let config = Config {
        static_dir: args.static_dir,
        base_path: args.base_path,
        sign_in: dev_api::oidc::OidcSettings {
            client_id: args.sign_in_client,
            token_lifetime: Duration::from_secs(args.token_lifetime.max(1)),
            opaque_tokens: args.opaque_tokens,
            name_at_userinfo: args.name_at_userinfo,
            apart: identity_listener.as_ref().map(|(_, identity_addr)| {
                dev_api::oidc::IdentityApart {
                    app_origins: dev_api::oidc::loopback_origins(addr),
                    identity_origins: dev_api::oidc::loopback_origins(*identity_addr),
                }
            }),
        },
        tenant_id: args.tenant,
        tokens: tokens.clone(),
        seed: SeedOptions {
            demo: !args.empty,
            generated: args.clients,
        },
        latency: Duration::from_millis(args.latency_ms),
        dev_endpoints: args.dev_endpoints,
        data_file: args.data.clone(),
        allow_origins: args.allow_origins,
        now: None,
        log_requests: !args.quiet,
    };
    let started = std::time::Instant::now();
    let state = match AppState::new(config) {
        Ok(state) => state,
        Err(err) => {
            eprintln!("dev-api: {err}");
            std::process::exit(1);
        }
    };
    let clients = state.total_clients();
    if args.clients > 0 && clients >= dev_api::rules::MAX_CLIENTS {
        eprintln!(
            "dev-api: the tenant is at its limit of {} clients (--clients {} adds clients only \
             up to that total); creating more answers 400",
            dev_api::rules::MAX_CLIENTS,
            args.clients
        );
    }
    let app = dev_api::router_with_state(state.clone());
    let identity = identity_listener
        .map(|(listener, addr)| (listener, addr, dev_api::identity_router(&state)));
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "dev-api: tenant {} with {clients} clients (ready in {:.2} s){}",
        state.tenant_id(),
        started.elapsed().as_secs_f64(),
        match &args.data {
            Some(path) => format!(", saved in {}", path.display()),
            None => ", in memory".to_owned(),
        }
    );
    for (token, user) in tokens.list() {
        let roles: Vec<&str> = user.roles.iter().map(|r| r.name()).collect();
        let _ = writeln!(
            out,
            "dev-api: token `{token}` = {} ({})",
            user.name,
            roles.join(", ")
        );
    }
    if args.dev_endpoints {
        let _ = writeln!(
            out,
            "dev-api: test endpoints /_dev/faults and /_dev/reset are on"
        );
    }
    if let Some((_, identity_addr, _)) = &identity {
        let _ = writeln!(out, "dev-api: identity server on http://{identity_addr}");
    }
    // The ready line: tools wait for it, so it stays last.
    let _ = writeln!(out, "dev-api listening on http://{addr}");
    let _ = out.flush();
    drop(out);

    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        wait_for_signal().await;
        let _ = stop_tx.send(true);
    });
    let graceful = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|stop| *stop).await;
    };
    let serve = axum::serve(listener, app).with_graceful_shutdown(graceful(stop_rx.clone()));
    let serve_identity = {
        let stop = stop_rx.clone();
        async move {
            match identity {
                Some((listener, _, router)) => {
                    axum::serve(listener, router)
                        .with_graceful_shutdown(graceful(stop))
                        .await
                }
                None => std::future::pending().await,
            }
        }
    };
    // Requests held by a `hang` fault would keep a graceful shutdown waiting: give open
    // requests two seconds, then exit anyway.
    let deadline = async move {
        let _ = stop_rx.wait_for(|stop| *stop).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
    };
    tokio::select! {
        result = serve => {
            if let Err(err) = result {
                eprintln!("dev-api: {err}");
                std::process::exit(1);
            }
        }
        result = serve_identity => {
            if let Err(err) = result {
                eprintln!("dev-api: identity server: {err}");
                std::process::exit(1);
            }
        }
        _ = deadline => {}
    }
    eprintln!("dev-api: stopped");
}

/// A listener on `addr`, or exit with a message.
async fn bind(addr: SocketAddr) -> tokio::net::TcpListener {
    match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("dev-api: cannot listen on {addr}: {err}");
            std::process::exit(1);
        }
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
