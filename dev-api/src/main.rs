use std::{net::SocketAddr, path::PathBuf};

use clap::Parser;

/// Local stand-in for the Identity admin API (clients, secrets, roles) of AVEVA CONNECT data
/// services, for development, demos and tests.
#[derive(Parser, Debug)]
#[command(name = "dev-api", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Serve the built app from this folder (index.html for every other GET outside /api/).
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let app = dev_api::router(dev_api::Config {
        static_dir: args.static_dir,
    });
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("dev-api: cannot listen on {}: {err}", args.listen);
            std::process::exit(1);
        }
    };
    println!("dev-api listening on http://{}", args.listen);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(err) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("dev-api: {err}");
        std::process::exit(1);
    }
}
