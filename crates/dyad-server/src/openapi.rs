//! The OpenAPI 3.1 document served at `/v1/openapi.json`.
//!
//! It is written by hand (`api/openapi.json`) and is the reference for
//! clients. The `Event` schema is not copied into it: the event record's
//! own JSON Schema (`schema/event.schema.json`, the contract of
//! `dyad code`) is put in its place when the document is served, so the two
//! cannot disagree. Tests check that every route of the router is
//! documented, every documented path answers, and responses validate
//! against the documented schemas.

use std::sync::OnceLock;

use serde_json::Value;

const DOCUMENT: &str = include_str!("../api/openapi.json");
const EVENT_SCHEMA: &str = include_str!("../../../schema/event.schema.json");

/// The document, with the event schema in place.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        // Both files are compiled in and parsed by the tests, so a failure
        // here is a build defect, not bad input.
        let mut doc: Value = serde_json::from_str(DOCUMENT).expect("api/openapi.json is valid JSON");
        let mut event: Value = serde_json::from_str(EVENT_SCHEMA).expect("schema/event.schema.json is valid JSON");
        if let Some(object) = event.as_object_mut() {
            // OpenAPI 3.1 schemas are JSON Schema 2020-12 already. Without
            // its own `$id`, the schema's references must say where it now
            // lives: many OpenAPI tools do not resolve embedded `$id`s.
            object.remove("$schema");
            object.remove("$id");
        }
        rebase_refs(&mut event, "#/$defs/", "#/components/schemas/Event/$defs/");
        doc["components"]["schemas"]["Event"] = event;
        doc
    })
}

/// Rewrites every `$ref` that starts with `from` to start with `to`.
fn rebase_refs(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if key == "$ref" && s.starts_with(from) => {
                        *s = format!("{to}{}", &s[from.len()..])
                    }
                    _ => rebase_refs(v, from, to),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rebase_refs(v, from, to)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_schema_is_the_event_record_contract() {
        let event = &document()["components"]["schemas"]["Event"];
        assert_eq!(event["title"], "dyad event");
        assert!(event["required"].as_array().unwrap().iter().any(|k| k == "cameo"));
        assert_eq!(event["properties"]["source"]["$ref"], "#/components/schemas/Event/$defs/actor");
        assert!(!event.to_string().contains("\"#/$defs/"), "no reference is left pointing at the old root");
    }
}
