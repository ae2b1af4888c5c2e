//! dyad's HTTP API and web UI.
//!
//! # Overview
//!
//! [`app`] builds the axum [`Router`] that `dyad serve` runs:
//!
//! * `POST /v1/code` codes one article and returns its events exactly as
//!   `dyad code` writes them, plus what the coder saw in each sentence;
//! * `GET /v1/events` and `GET /v1/aggregates` page through the merged
//!   events of an [`EventStore`] and aggregate them;
//! * `POST /v1/articles` and `DELETE /v1/articles/{id}` write to the store,
//!   only when the server holds a write token and the request carries it;
//! * `GET /v1/cameo` names the CAMEO codes; `GET /v1/openapi.json` describes
//!   all of the above (the reference for clients);
//! * `/` serves the web UI (Explain and Explore), embedded in the binary.
//!
//! Every error has one shape, `{"error": {"code", "message"}}`, with the
//! stable codes of [`ErrorCode`]. Bodies are limited in size
//! ([`ServerConfig::body_limit`], 413 `payload_too_large` past it) and
//! requests in time ([`ServerConfig::timeout`], 503 `timeout`).
//!
//! # Why a trait for the store
//!
//! The API depends on what it offers, not on SQLite: [`EventStore`] has the
//! four operations the endpoints need, the SQLite store implements it, and
//! the HTTP layer is tested against it on its own.

pub mod cameo;
pub mod code;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod sqlite;
pub mod store;
pub mod ui;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, MethodRouter};
use axum::{Json, Router};
use dyad_coder::Coder;
use tokio::sync::Semaphore;

pub use error::{ApiError, ErrorCode};
pub use sqlite::SqliteStore;
pub use store::{AggregateKind, AggregateRow, ArticleIn, EventFilter, EventStore, IngestReport, Period, StoreError};

/// Limits and access of a server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Largest request body in bytes (default 1 MiB).
    pub body_limit: usize,
    /// Longest a request may take (default 30 s).
    pub timeout: Duration,
    /// The bearer token that enables the write endpoints; None disables them.
    pub write_token: Option<String>,
    /// How many articles are coded at once (default: one per core).
    pub coding_threads: usize,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            body_limit: 1024 * 1024,
            timeout: Duration::from_secs(30),
            write_token: None,
            coding_threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// The state shared by every handler.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    coder: Arc<Coder>,
    store: Option<Arc<dyn EventStore>>,
    write_token: Option<String>,
    coding: Arc<Semaphore>,
    cameo: serde_json::Value,
    body_limit: usize,
}

/// One route of the API, as registered in the router: the OpenAPI test
/// checks the document against this list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
}

/// Registers routes and remembers them, so the list the OpenAPI test reads
/// is the router's own and cannot drift from it.
struct Routes {
    router: Router<AppState>,
    list: Vec<RouteInfo>,
}

impl Routes {
    fn add(mut self, method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Routes {
        self.router = self.router.route(path, handler);
        self.list.push(RouteInfo { method, path });
        self
    }
}

/// The API and UI routes, and the list of API routes.
fn routes() -> Routes {
    Routes { router: Router::new(), list: Vec::new() }
        .add(Method::POST, "/v1/code", post(code::handle))
        .add(Method::GET, "/v1/events", get(store::events))
        .add(Method::GET, "/v1/events/{id}", get(store::event))
        .add(Method::GET, "/v1/aggregates", get(store::aggregates))
        .add(Method::POST, "/v1/articles", post(store::ingest))
        .add(Method::DELETE, "/v1/articles/{id}", delete(store::delete_article))
        .add(Method::GET, "/v1/cameo", get(cameo_handler))
        .add(Method::GET, "/v1/openapi.json", get(openapi_handler))
}

/// Every API route the router serves (method and path template).
pub fn api_routes() -> Vec<RouteInfo> {
    routes().list
}

/// The whole application: API, web UI, limits and error shapes.
pub fn app(coder: Arc<Coder>, store: Option<Arc<dyn EventStore>>, config: ServerConfig) -> Router {
    let cameo = cameo::codebook_json(&coder.dictionaries().codebook);
    let state = AppState {
        inner: Arc::new(Inner {
            coder,
            store,
            write_token: config.write_token.filter(|t| !t.is_empty()),
            coding: Arc::new(Semaphore::new(config.coding_threads.max(1))),
            cameo,
            body_limit: config.body_limit,
        }),
    };
    let timeout = config.timeout;
    routes()
        .router
        .merge(ui::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(middleware::from_fn_with_state(state.clone(), declared_length_limit))
        .layer(middleware::from_fn(move |req: Request, next: Next| time_limit(timeout, req, next)))
        .with_state(state)
}

async fn cameo_handler(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(state.inner.cameo.clone())
}

async fn openapi_handler() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], openapi::document().to_string()).into_response()
}

async fn not_found(req: Request) -> ApiError {
    ApiError::not_found(format!("no route for {} {}", req.method(), req.uri().path()))
}

async fn method_not_allowed(req: Request) -> ApiError {
    ApiError::new(ErrorCode::MethodNotAllowed, format!("{} is not allowed on {}", req.method(), req.uri().path()))
}

/// Refuses a body whose declared length is over the limit before reading
/// it. Bodies without a declared length are cut off by [`DefaultBodyLimit`]
/// while they are read, and the extractors report that as 413 too.
async fn declared_length_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > state.inner.body_limit as u64 => ApiError::new(
            ErrorCode::PayloadTooLarge,
            format!("the body is {n} bytes; this server accepts at most {}", state.inner.body_limit),
        )
        .into_response(),
        _ => next.run(req).await,
    }
}

/// Ends a request that takes longer than `limit` with 503 `timeout`.
async fn time_limit(limit: Duration, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(ErrorCode::Timeout, format!("the request took longer than {} s", limit.as_secs_f64()))
            .into_response(),
    }
}

/// Serves `app` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
