//! `dyad serve`: the HTTP API and web UI (crate `dyad-server`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use dyad_server::{EventStore, ServerConfig};

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ServeArgs {
    /// The event store to query and write (as made by `dyad ingest`).
    /// Default: $DYAD_DB, else dyad.sqlite in the current directory when it
    /// exists; without a store only coding (/v1/code) and the Explain view
    /// work.
    #[arg(long, value_name = "PATH", env = "DYAD_DB")]
    db: Option<PathBuf>,

    /// Address to listen on. The default accepts connections from this
    /// machine only; use 0.0.0.0:PORT to serve others.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,

    /// Enables POST /v1/articles and DELETE /v1/articles/{id} for requests
    /// that carry `Authorization: Bearer TOKEN`. Prefer the environment
    /// variable: a command line is visible to other users of the machine.
    #[arg(long, value_name = "TOKEN", env = "DYAD_WRITE_TOKEN", hide_env_values = true)]
    write_token: Option<String>,

    /// Largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024)]
    body_limit: usize,

    /// Longest a request may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,

    #[command(flatten)]
    dicts: crate::dicts::DictArgs,
}

const AFTER_HELP: &str = "\
The web UI is at http://HOST:PORT/ and the API reference (OpenAPI 3.1) at
http://HOST:PORT/v1/openapi.json. Errors are JSON: {\"error\": {\"code\", \"message\"}}.";

/// Runs `dyad serve` until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let coder = Arc::new(args.dicts.coder()?);
    let writable = args.write_token.as_deref().is_some_and(|t| !t.is_empty());
    let db = match &args.db {
        Some(path) if !path.exists() && !writable => anyhow::bail!(
            "{}: no such database (create it with `dyad ingest`, or start with a write token to fill it through the API)",
            path.display()
        ),
        Some(path) => Some(path.clone()),
        // The same default as `dyad ingest`, when it has made one here.
        None => Some(PathBuf::from(crate::store_cmd::DEFAULT_DB)).filter(|p| p.exists()),
    };
    let store = match &db {
        Some(path) => Some(open_store(path, coder.clone())?),
        None => None,
    };
    let config = ServerConfig {
        body_limit: args.body_limit,
        timeout: Duration::from_secs(args.timeout.max(1)),
        write_token: args.write_token.clone(),
        ..ServerConfig::default()
    };
    let writes = if writable { "enabled" } else { "disabled" };
    let store_note = match &db {
        Some(path) => format!("store {}", path.display()),
        None => "no store".to_string(),
    };
    let app = dyad_server::app(coder, store, config);
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the async runtime")?;
    runtime.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(args.addr).await.with_context(|| format!("listening on {}", args.addr))?;
        let local = listener.local_addr().context("reading the bound address")?;
        // Tests and scripts read this line to learn the port when started
        // with port 0.
        eprintln!("dyad: serving http://{local}/ ({store_note}, writes {writes})");
        dyad_server::serve(listener, app).await.context("serving")
    })?;
    Ok(ExitCode::SUCCESS)
}

fn open_store(path: &std::path::Path, coder: Arc<dyad_coder::Coder>) -> anyhow::Result<Arc<dyn EventStore>> {
    let store = dyad_server::SqliteStore::open(path, coder)
        .with_context(|| format!("opening the event store {}", path.display()))?;
    Ok(Arc::new(store))
}
