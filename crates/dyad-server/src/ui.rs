//! The web UI: plain HTML, CSS and JavaScript modules from `web/`, compiled
//! into the binary so `dyad serve` needs no files beside it and no build
//! step (a fresh clone works with `cargo run`).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::ApiError;
use crate::AppState;

/// The embedded files: name under `/ui/`, content type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    ("index.html", "text/html; charset=utf-8", include_bytes!("../../../web/index.html")),
    ("style.css", "text/css; charset=utf-8", include_bytes!("../../../web/style.css")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../../../web/app.js")),
    ("api.js", "text/javascript; charset=utf-8", include_bytes!("../../../web/api.js")),
    ("spans.js", "text/javascript; charset=utf-8", include_bytes!("../../../web/spans.js")),
    ("explain.js", "text/javascript; charset=utf-8", include_bytes!("../../../web/explain.js")),
    ("explore.js", "text/javascript; charset=utf-8", include_bytes!("../../../web/explore.js")),
    ("charts.js", "text/javascript; charset=utf-8", include_bytes!("../../../web/charts.js")),
    ("topojson.js", "text/javascript; charset=utf-8", include_bytes!("../../../web/topojson.js")),
    ("countries-110m.json", "application/json", include_bytes!("../../../web/vendor/countries-110m.json")),
];

/// `/` (the UI) and `/ui/{file}`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { asset("index.html") }))
        .route("/ui/{file}", get(|Path(file): Path<String>| async move { asset(&file) }))
}

fn asset(name: &str) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, bytes)) => {
            (StatusCode::OK, [(header::CONTENT_TYPE, *kind), (header::CACHE_CONTROL, "no-cache")], *bytes)
                .into_response()
        }
        None => ApiError::not_found(format!("no UI file {name:?}")).into_response(),
    }
}

/// Names of the embedded files, for tests.
pub fn asset_names() -> impl Iterator<Item = &'static str> {
    ASSETS.iter().map(|(n, _, _)| *n)
}
