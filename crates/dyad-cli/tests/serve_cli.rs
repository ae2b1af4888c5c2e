//! `dyad serve` as a process on a real socket: start-up, a missing
//! database, and a few requests over TCP (the API itself is tested through
//! its router in crates/dyad-server/tests/api.rs).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

struct Server {
    child: Child,
    addr: String,
    banner: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str], token: Option<&str>) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dyad"));
    command.args(["serve", "--addr", "127.0.0.1:0"]).args(args).env_remove("DYAD_DB").env_remove("DYAD_WRITE_TOKEN");
    if let Some(token) = token {
        command.env("DYAD_WRITE_TOKEN", token);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut child = command.current_dir(dir.path()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let banner = lines.next().expect("a first line").unwrap();
    let addr = banner
        .strip_prefix("dyad: serving http://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("unexpected first line: {banner}"))
        .to_string();
    Server { child, addr, banner }
}

/// One HTTP/1.1 request; returns the status and the JSON body.
fn request(addr: &str, method: &str, path: &str, body: Option<&str>, token: Option<&str>) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let body = body.unwrap_or("");
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response);
    let status: u16 = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let (_, raw) = text.split_once("\r\n\r\n").unwrap();
    // Bodies are sent with a length or chunked; a chunked body is the JSON
    // between its size lines.
    let json = raw.find('{').map(|s| &raw[s..raw.rfind('}').unwrap() + 1]).unwrap_or("null");
    (status, serde_json::from_str(json).unwrap_or(Value::Null))
}

#[test]
fn a_missing_database_is_an_error_unless_writes_can_fill_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db", "/nonexistent/dir/events.sqlite"])
        .env_remove("DYAD_WRITE_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no such database"), "{stderr}");
}

#[test]
fn serves_coding_without_a_store() {
    let server = start(&[], None);
    assert!(server.banner.contains("no store") && server.banner.contains("writes disabled"), "{}", server.banner);
    let (status, doc) = request(&server.addr, "GET", "/v1/openapi.json", None, None);
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let (status, body) = request(
        &server.addr,
        "POST",
        "/v1/code",
        Some(r#"{"text": "Russian forces shelled Kharkiv on Monday.", "date": "2024-03-04"}"#),
        None,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["events"][0]["trigger"]["text"], "shelled");
    let (status, body) = request(&server.addr, "GET", "/v1/events", None, None);
    assert_eq!((status, body["error"]["code"].as_str()), (503, Some("no_store")));
}

#[test]
fn a_new_store_filled_through_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite");
    let server = start(&["--db", db.to_str().unwrap()], Some("tok"));
    assert!(server.banner.contains("writes enabled"), "{}", server.banner);
    let article = r#"{"id": "n1", "text": "Israeli aircraft struck targets in Gaza on Monday.", "date": "2024-05-13"}"#;
    assert_eq!(request(&server.addr, "POST", "/v1/articles", Some(article), None).0, 401);
    let (status, report) = request(&server.addr, "POST", "/v1/articles", Some(article), Some("tok"));
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["stored"], 1);
    let (status, page) = request(&server.addr, "GET", "/v1/events?country=PSE,ISR&mentions=true", None, None);
    assert_eq!(status, 200, "{page}");
    let events = page["events"].as_array().unwrap();
    assert!(!events.is_empty(), "{page}");
    assert_eq!(events[0]["mentions"][0]["article_id"], "n1");
    assert!(db.exists(), "the store was created");
}
