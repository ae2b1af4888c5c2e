//! The HTTP API through its router (tower's `oneshot`), with a real SQLite
//! store in a temporary directory: coding, limits, error shapes, write
//! access, pagination, and the OpenAPI document against the router and the
//! responses.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use dyad_coder::Coder;
use dyad_server::{api_routes, app, EventStore, ServerConfig, SqliteStore};
use serde_json::{json, Value};
use tower::ServiceExt;

const TOKEN: &str = "test-token-1234";

fn coder() -> Arc<Coder> {
    static CODER: OnceLock<Arc<Coder>> = OnceLock::new();
    CODER.get_or_init(|| Arc::new(Coder::with_default_dictionaries().expect("builtin dictionaries"))).clone()
}

/// A server over a fresh store; the directory lives as long as the server.
struct TestServer {
    app: Router,
    _dir: tempfile::TempDir,
}

fn server(config: ServerConfig) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("events.sqlite"), coder()).unwrap();
    let store: Arc<dyn EventStore> = Arc::new(store);
    TestServer { app: app(coder(), Some(store), config), _dir: dir }
}

fn writable() -> TestServer {
    server(ServerConfig { write_token: Some(TOKEN.into()), ..ServerConfig::default() })
}

struct Reply {
    status: StatusCode,
    body: Value,
}

async fn call(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 64 << 20).await.unwrap();
    let body =
        serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    Reply { status, body }
}

async fn get(app: &Router, uri: &str) -> Reply {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post_json(app: &Router, uri: &str, body: &Value, token: Option<&str>) -> Reply {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    call(app, request.body(Body::from(body.to_string())).unwrap()).await
}

fn articles() -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/articles.jsonl");
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

async fn ingest_all(app: &Router) {
    let reply = post_json(app, "/v1/articles", &json!({ "articles": articles() }), Some(TOKEN)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["stored"], articles().len());
}

fn assert_error(reply: &Reply, status: StatusCode, code: &str) {
    let shown: String = reply.body.to_string().chars().take(500).collect();
    assert_eq!(reply.status, status, "{shown}");
    assert_eq!(reply.body["error"]["code"], code, "{}", reply.body);
    assert!(reply.body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{}", reply.body);
    let keys: Vec<&String> = reply.body.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["error"], "one error shape");
}

/// Slices `text` by a code-point span.
fn slice(text: &str, span: &Value) -> String {
    let (s, e) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
    text.chars().skip(s).take(e - s).collect()
}

#[tokio::test]
async fn code_returns_events_whose_spans_index_the_document_by_code_point() {
    let srv = server(ServerConfig::default());
    // Astral characters in the title shift UTF-16 offsets but not code
    // points: the spans must still point at the right words.
    let request = json!({
        "title": "🚀🇺🇦 Talks in Tehran 𝔸",
        "text": "Russian President Vladimir Putin met Iranian President Ebrahim Raisi in Tehran on Tuesday. Russian forces shelled Kharkiv.",
        "date": "2022-07-20"
    });
    let reply = post_json(&srv.app, "/v1/code", &request, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let text = reply.body["text"].as_str().unwrap();
    assert!(text.starts_with("🚀🇺🇦 Talks in Tehran 𝔸\n\nRussian"), "title + blank line + text");
    let events = reply.body["events"].as_array().unwrap();
    assert!(events.len() >= 2, "{events:?}");
    for event in events {
        assert_eq!(slice(text, &event["source"]["span"]), event["source"]["text"].as_str().unwrap());
        assert_eq!(slice(text, &event["trigger"]["span"]), event["trigger"]["text"].as_str().unwrap());
        if !event["target"].is_null() {
            assert_eq!(slice(text, &event["target"]["span"]), event["target"]["text"].as_str().unwrap());
        }
        assert_eq!(event["doc_id"], "request");
    }
    assert!(events.iter().any(|e| e["cameo"].as_str().unwrap().starts_with("19")), "the shelling is coded");
    let sentences = reply.body["sentences"].as_array().unwrap();
    for s in sentences {
        assert_eq!(slice(text, &s["span"]), s["text"].as_str().unwrap());
    }
}

#[tokio::test]
async fn the_same_json_as_dyad_code() {
    let srv = server(ServerConfig::default());
    let text = "Russian forces shelled Kharkiv on Monday.";
    let reply = post_json(&srv.app, "/v1/code", &json!({"text": text, "date": "2024-03-04", "id": "k1"}), None).await;
    let article = dyad_coder::Article { id: "k1".into(), text: text.into(), date: Some("2024-03-04".into()) };
    let direct = serde_json::to_value(coder().code(&article).events).unwrap();
    assert_eq!(reply.body["events"], direct);
}

#[tokio::test]
async fn bad_requests_get_the_error_shape() {
    let srv = server(ServerConfig::default());
    let bad_json = Request::post("/v1/code")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"text\": "))
        .unwrap();
    assert_error(&call(&srv.app, bad_json).await, StatusCode::BAD_REQUEST, "bad_request");
    let not_json =
        Request::post("/v1/code").header(header::CONTENT_TYPE, "text/plain").body(Body::from("hello")).unwrap();
    assert_error(&call(&srv.app, not_json).await, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    let unknown_field = post_json(&srv.app, "/v1/code", &json!({"text": "x", "txet": 1}), None).await;
    assert_error(&unknown_field, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(
        &post_json(&srv.app, "/v1/code", &json!({"text": "  "}), None).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    let bad_date = post_json(&srv.app, "/v1/code", &json!({"text": "Hello.", "date": "2024-02-30"}), None).await;
    assert_error(&bad_date, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&srv.app, "/v1/nothing").await, StatusCode::NOT_FOUND, "not_found");
    assert_error(&get(&srv.app, "/v1/code").await, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    assert_error(&get(&srv.app, "/v1/events?quad=5").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&srv.app, "/v1/events?actr=RUS").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&srv.app, "/v1/events?cursor=bm9wZQ").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&srv.app, "/v1/events?limit=0").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&srv.app, "/v1/events?text=%22open").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&srv.app, "/v1/aggregates?kind=nope").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&srv.app, "/v1/events/abc").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&srv.app, "/v1/events/12345").await, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let srv = server(ServerConfig { body_limit: 4096, ..ServerConfig::default() });
    let big = json!({"text": "a".repeat(10_000)}).to_string();
    // With a declared length: refused before the body is read.
    let declared = Request::post("/v1/code")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big.clone()))
        .unwrap();
    assert_error(&call(&srv.app, declared).await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    // Streamed without a length: cut off while it is read.
    let chunks = big.into_bytes().chunks(1000).map(|c| Ok::<_, std::io::Error>(c.to_vec())).collect::<Vec<_>>();
    let streamed = Request::post("/v1/code")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap();
    assert_error(&call(&srv.app, streamed).await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    let small = post_json(&srv.app, "/v1/code", &json!({"text": "Russia attacked Ukraine."}), None).await;
    assert_eq!(small.status, StatusCode::OK);
}

#[tokio::test]
async fn a_slow_request_times_out_with_the_error_shape() {
    let srv = server(ServerConfig { timeout: Duration::from_millis(5), ..ServerConfig::default() });
    // About a second of coding: far longer than the limit, even when other
    // tests keep the cores busy and this one is scheduled late.
    let text = "Russian forces shelled Kharkiv on Monday, killing three civilians. ".repeat(8000);
    let reply = post_json(&srv.app, "/v1/code", &json!({ "text": text }), None).await;
    assert_error(&reply, StatusCode::SERVICE_UNAVAILABLE, "timeout");
}

#[tokio::test]
async fn writes_need_the_token() {
    let read_only = server(ServerConfig::default());
    let body = json!({"id": "w1", "text": "Russia attacked Ukraine on Monday."});
    let reply = post_json(&read_only.app, "/v1/articles", &body, Some(TOKEN)).await;
    assert_error(&reply, StatusCode::FORBIDDEN, "forbidden");
    let delete = Request::delete("/v1/articles/w1")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    assert_error(&call(&read_only.app, delete).await, StatusCode::FORBIDDEN, "forbidden");

    let srv = writable();
    assert_error(&post_json(&srv.app, "/v1/articles", &body, None).await, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_error(
        &post_json(&srv.app, "/v1/articles", &body, Some("wrong")).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    let events = get(&srv.app, "/v1/events").await;
    assert_eq!(events.body["events"], json!([]), "refused writes stored nothing");

    let stored = post_json(&srv.app, "/v1/articles", &body, Some(TOKEN)).await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    assert_eq!((stored.body["articles"].as_u64(), stored.body["stored"].as_u64()), (Some(1), Some(1)));
    let again = post_json(&srv.app, "/v1/articles", &body, Some(TOKEN)).await;
    assert_eq!(again.body["stored"], 0, "the same article twice stores nothing new");
    assert!(!get(&srv.app, "/v1/events").await.body["events"].as_array().unwrap().is_empty());

    let unauthorized = Request::delete("/v1/articles/w1").body(Body::empty()).unwrap();
    assert_error(&call(&srv.app, unauthorized).await, StatusCode::UNAUTHORIZED, "unauthorized");
    let delete = || {
        Request::delete("/v1/articles/w1")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::empty())
            .unwrap()
    };
    let deleted = call(&srv.app, delete()).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert_eq!(get(&srv.app, "/v1/events").await.body["events"], json!([]), "its events went with it");
    assert_error(&call(&srv.app, delete()).await, StatusCode::NOT_FOUND, "not_found");
}

/// Every event id of a listing, page by page.
async fn all_ids(app: &Router, query: &str, limit: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..1000 {
        let uri = match &cursor {
            Some(c) => format!("/v1/events?{query}&limit={limit}&cursor={c}"),
            None => format!("/v1/events?{query}&limit={limit}"),
        };
        let reply = get(app, &uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let page = reply.body["events"].as_array().unwrap();
        assert!(page.len() <= limit);
        ids.extend(page.iter().map(|e| e["id"].as_i64().unwrap()));
        match reply.body["next_cursor"].as_str() {
            Some(c) => {
                assert_eq!(page.len(), limit, "only the last page is short");
                cursor = Some(c.to_string());
            }
            None => return ids,
        }
    }
    panic!("pagination did not end");
}

#[tokio::test]
async fn pages_return_every_event_exactly_once() {
    let srv = writable();
    ingest_all(&srv.app).await;
    let everything = all_ids(&srv.app, "mentions=false", 1000).await;
    assert!(everything.len() >= 10, "{} events", everything.len());
    let mut unique = everything.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), everything.len(), "ids are unique");
    for limit in [1, 2, 3, 7] {
        assert_eq!(all_ids(&srv.app, "mentions=true", limit).await, everything, "limit {limit}");
    }
    // Filtered listings page the same way.
    let conflict = all_ids(&srv.app, "quad=3,4", 1000).await;
    assert!(!conflict.is_empty() && conflict.len() < everything.len());
    assert_eq!(all_ids(&srv.app, "quad=3,4", 2).await, conflict);

    // Aggregates page too: the rows of small pages are the rows of one.
    let rows = |limit: usize| {
        let app = srv.app.clone();
        async move {
            let mut out = Vec::new();
            let mut uri = format!("/v1/aggregates?kind=top_actors&limit={limit}");
            loop {
                let reply = get(&app, &uri).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
                out.extend(reply.body["rows"].as_array().unwrap().iter().cloned());
                match reply.body["next_cursor"].as_str() {
                    Some(c) => uri = format!("/v1/aggregates?kind=top_actors&limit={limit}&cursor={c}"),
                    None => return out,
                }
            }
        }
    };
    let one_page = rows(1000).await;
    assert!(one_page.len() > 3);
    assert_eq!(rows(2).await, one_page);
}

#[tokio::test]
async fn a_store_change_between_pages_is_reported_not_skipped() {
    let srv = writable();
    ingest_all(&srv.app).await;
    let first = get(&srv.app, "/v1/events?limit=1").await;
    let event_id = first.body["events"][0]["id"].as_i64().unwrap();
    let cursor = first.body["next_cursor"].as_str().unwrap().to_string();
    // Delete every article behind the first event: it disappears and the
    // rest of the listing moves up by one.
    let event = get(&srv.app, &format!("/v1/events/{event_id}")).await;
    for mention in event.body["mentions"].as_array().unwrap() {
        let id = mention["article_id"].as_str().unwrap();
        let delete = Request::delete(format!("/v1/articles/{id}"))
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::empty())
            .unwrap();
        let reply = call(&srv.app, delete).await;
        assert!(reply.status == StatusCode::OK || reply.status == StatusCode::NOT_FOUND, "{}", reply.body);
    }
    let next = get(&srv.app, &format!("/v1/events?limit=1&cursor={cursor}")).await;
    assert_error(&next, StatusCode::CONFLICT, "stale_cursor");
}

#[tokio::test]
async fn store_endpoints_without_a_store_say_so() {
    let srv = TestServer { app: app(coder(), None, ServerConfig::default()), _dir: tempfile::tempdir().unwrap() };
    assert_error(&get(&srv.app, "/v1/events").await, StatusCode::SERVICE_UNAVAILABLE, "no_store");
    assert_error(&get(&srv.app, "/v1/aggregates?kind=timeline").await, StatusCode::SERVICE_UNAVAILABLE, "no_store");
    assert_eq!(
        post_json(&srv.app, "/v1/code", &json!({"text": "Russia attacked Ukraine."}), None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_web_ui_is_served() {
    let srv = server(ServerConfig::default());
    let response = srv.app.clone().oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    let html = String::from_utf8(axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap();
    for name in dyad_server::ui::asset_names() {
        let reply = call(&srv.app, Request::get(format!("/ui/{name}")).body(Body::empty()).unwrap()).await;
        assert_eq!(reply.status, StatusCode::OK, "{name}");
    }
    assert!(html.contains("/ui/app.js"));
    assert_error(&get(&srv.app, "/ui/nothing.js").await, StatusCode::NOT_FOUND, "not_found");
}

// ---- OpenAPI ---------------------------------------------------------------

fn openapi() -> &'static Value {
    dyad_server::openapi::document()
}

/// A validator for the documented schema `#/components/schemas/{name}`,
/// resolved within the document.
fn validator_for(schema: Value) -> jsonschema::Validator {
    let mut root = schema;
    root["components"] = openapi()["components"].clone();
    jsonschema::validator_for(&root).expect("documented schemas compile")
}

fn assert_valid(schema: Value, instance: &Value, what: &str) {
    let validator = validator_for(schema);
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path)).take(5).collect();
    assert!(errors.is_empty(), "{what} does not match its documented schema:\n{}", errors.join("\n"));
}

/// Checks a reply against the response its operation documents for its
/// status.
fn assert_documented(path: &str, method: &str, reply: &Reply) {
    let op = &openapi()["paths"][path][method];
    assert!(op.is_object(), "{method} {path} is not documented");
    let status = reply.status.as_u16().to_string();
    let response = &op["responses"][&status];
    assert!(response.is_object(), "{method} {path} answered {status}, which is not documented");
    let schema = response["content"]["application/json"]["schema"].clone();
    assert_valid(schema, &reply.body, &format!("{method} {path} {status}"));
}

#[test]
fn every_route_is_documented_and_every_documented_path_is_a_route() {
    let paths = openapi()["paths"].as_object().unwrap();
    let routes = api_routes();
    for route in &routes {
        let method = route.method.as_str().to_lowercase();
        assert!(
            paths.get(route.path).is_some_and(|p| p.get(&method).is_some()),
            "{} {} is not in api/openapi.json",
            route.method,
            route.path
        );
    }
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            assert!(
                routes.iter().any(|r| r.path == path && r.method.as_str().eq_ignore_ascii_case(method)),
                "api/openapi.json documents {method} {path}, which the router does not serve"
            );
        }
    }
}

#[tokio::test]
async fn every_documented_operation_answers() {
    let srv = writable();
    ingest_all(&srv.app).await;
    let event_id = get(&srv.app, "/v1/events?limit=1").await.body["events"][0]["id"].as_i64().unwrap();
    for (path, ops) in openapi()["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let uri =
                path.replace("{id}", &if path.starts_with("/v1/events") { event_id.to_string() } else { "a6".into() });
            let uri = if path == "/v1/aggregates" { format!("{uri}?kind=timeline") } else { uri };
            let mut request =
                Request::builder().method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap()).uri(&uri);
            request = request
                .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
                .header(header::CONTENT_TYPE, "application/json");
            let body = if method == "post" {
                json!({"text": "Russia attacked Ukraine.", "id": "p1"}).to_string()
            } else {
                String::new()
            };
            let reply = call(&srv.app, request.body(Body::from(body)).unwrap()).await;
            assert!(reply.status.is_success(), "{method} {uri} answered {}: {}", reply.status, reply.body);
            assert_documented(path, method, &reply);
        }
    }
}

#[tokio::test]
async fn responses_match_their_documented_schemas() {
    let srv = writable();
    ingest_all(&srv.app).await;
    let code = post_json(
        &srv.app,
        "/v1/code",
        &json!({"text": "Russian forces shelled Kharkiv on Monday.", "date": "2024-03-04", "title": "Kharkiv"}),
        None,
    )
    .await;
    assert!(!code.body["events"].as_array().unwrap().is_empty());
    assert_documented("/v1/code", "post", &code);
    let events = get(&srv.app, "/v1/events?mentions=true&limit=5").await;
    assert!(!events.body["events"][0]["mentions"].as_array().unwrap().is_empty(), "mentions=true includes mentions");
    assert_documented("/v1/events", "get", &events);
    let id = events.body["events"][0]["id"].as_i64().unwrap();
    assert_documented("/v1/events/{id}", "get", &get(&srv.app, &format!("/v1/events/{id}")).await);
    for kind in ["timeline", "quad_class", "top_actors", "top_dyads"] {
        let reply = get(&srv.app, &format!("/v1/aggregates?kind={kind}&by=month")).await;
        assert!(!reply.body["rows"].as_array().unwrap().is_empty(), "{kind}");
        assert_documented("/v1/aggregates", "get", &reply);
    }
    assert_documented("/v1/cameo", "get", &get(&srv.app, "/v1/cameo").await);
    // Errors too.
    assert_documented("/v1/code", "post", &post_json(&srv.app, "/v1/code", &json!({"nope": 1}), None).await);
    assert_documented(
        "/v1/articles",
        "post",
        &post_json(&srv.app, "/v1/articles", &json!({"text": "x"}), Some("bad")).await,
    );
    assert_documented("/v1/events", "get", &get(&srv.app, "/v1/events?mode=sure").await);
}

#[test]
fn a_wrong_response_fails_validation() {
    // The schema check itself must be able to fail.
    let schema = json!({"$ref": "#/components/schemas/EventPage"});
    let validator = validator_for(schema);
    assert!(validator.is_valid(&json!({"events": [], "next_cursor": null})));
    assert!(!validator.is_valid(&json!({"events": [{"id": 1}], "next_cursor": null})));
    assert!(!validator.is_valid(&json!({"events": []})));
}
