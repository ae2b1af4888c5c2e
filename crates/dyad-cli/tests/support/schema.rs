//! A JSON Schema (draft 2020-12) validator for the subset of keywords that
//! `schema/event.schema.json` uses.
//!
//! The full `jsonschema` crate more than doubled this crate's test build
//! time, so the tests carry this small validator instead. It refuses any
//! keyword it does not implement, so the schema cannot silently grow a
//! constraint that nothing checks.

use regex::Regex;
use serde_json::Value;

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$comment", "title", "description", "$defs"];

/// Validates `instance` against `schema` (which is also the root that
/// `$ref`s resolve in). Returns one message per violation, each starting
/// with the instance path.
pub fn validate(schema: &Value, instance: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, instance, "", &mut errors);
    errors
}

fn check(root: &Value, schema: &Value, inst: &Value, path: &str, errors: &mut Vec<String>) {
    let obj = match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => return errors.push(format!("{path}: no value is allowed here")),
        Value::Object(obj) => obj,
        _ => return errors.push(format!("{path}: schema is not an object or boolean")),
    };
    let mut fail = |msg: String| errors.push(format!("{path}: {msg}"));
    let mut nested = Vec::new();
    for (key, arg) in obj {
        match key.as_str() {
            k if ANNOTATIONS.contains(&k) => {}
            "$ref" => {
                let target = arg.as_str().and_then(|r| r.strip_prefix('#')).and_then(|pointer| root.pointer(pointer));
                match target {
                    Some(target) => nested.push((target, inst, path.to_string())),
                    None => fail(format!("unresolvable $ref {arg}")),
                }
            }
            "type" => {
                let types: Vec<&str> = match arg {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if !types.iter().any(|t| has_type(inst, t)) {
                    fail(format!("expected type {arg}, found {inst}"));
                }
            }
            "enum" => {
                if !arg.as_array().is_some_and(|vs| vs.contains(inst)) {
                    fail(format!("{inst} is not one of {arg}"));
                }
            }
            "const" => {
                if arg != inst {
                    fail(format!("expected {arg}, found {inst}"));
                }
            }
            "minimum" | "maximum" => {
                if let (Some(x), Some(limit)) = (inst.as_f64(), arg.as_f64()) {
                    let ok = if key == "minimum" { x >= limit } else { x <= limit };
                    if !ok {
                        fail(format!("{x} breaks {key} {limit}"));
                    }
                }
            }
            "minLength" => {
                if let (Some(s), Some(n)) = (inst.as_str(), arg.as_u64()) {
                    if (s.chars().count() as u64) < n {
                        fail(format!("string shorter than {n}"));
                    }
                }
            }
            "pattern" => {
                if let Some(s) = inst.as_str() {
                    match arg.as_str().map(Regex::new) {
                        Some(Ok(re)) if re.is_match(s) => {}
                        Some(Ok(_)) => fail(format!("{s:?} does not match {arg}")),
                        _ => fail(format!("bad pattern {arg}")),
                    }
                }
            }
            "required" => {
                if let Some(map) = inst.as_object() {
                    for name in arg.as_array().into_iter().flatten().filter_map(Value::as_str) {
                        if !map.contains_key(name) {
                            fail(format!("missing required key {name:?}"));
                        }
                    }
                }
            }
            "properties" => {
                if let (Some(map), Some(props)) = (inst.as_object(), arg.as_object()) {
                    for (name, sub) in props {
                        if let Some(v) = map.get(name) {
                            nested.push((sub, v, format!("{path}/{name}")));
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(map) = inst.as_object() {
                    let props = obj.get("properties").and_then(Value::as_object);
                    for (name, v) in map {
                        if !props.is_some_and(|p| p.contains_key(name)) {
                            nested.push((arg, v, format!("{path}/{name}")));
                        }
                    }
                }
            }
            "prefixItems" | "items" | "minItems" | "maxItems" => {
                let Some(items) = inst.as_array() else {
                    continue;
                };
                let prefix = obj.get("prefixItems").and_then(Value::as_array);
                let prefix_len = prefix.map_or(0, Vec::len);
                match key.as_str() {
                    "prefixItems" => {
                        for (i, (sub, v)) in prefix.into_iter().flatten().zip(items).enumerate() {
                            nested.push((sub, v, format!("{path}/{i}")));
                        }
                    }
                    "items" => {
                        for (i, v) in items.iter().enumerate().skip(prefix_len) {
                            nested.push((arg, v, format!("{path}/{i}")));
                        }
                    }
                    "minItems" if (items.len() as u64) < arg.as_u64().unwrap_or(0) => {
                        fail(format!("fewer than {arg} items"))
                    }
                    "maxItems" if (items.len() as u64) > arg.as_u64().unwrap_or(u64::MAX) => {
                        fail(format!("more than {arg} items"))
                    }
                    _ => {}
                }
            }
            "anyOf" => {
                let branches = arg.as_array().map(Vec::as_slice).unwrap_or_default();
                let ok = branches.iter().any(|b| {
                    let mut sub = Vec::new();
                    check(root, b, inst, path, &mut sub);
                    sub.is_empty()
                });
                if !ok {
                    fail(format!("{inst} matches none of anyOf"));
                }
            }
            other => fail(format!("unsupported schema keyword {other:?}")),
        }
    }
    for (sub, v, p) in nested {
        check(root, sub, v, &p, errors);
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "number" => v.is_number(),
        // 2020-12: a number with a zero fractional part is an integer.
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => false,
    }
}
