//! The event JSON Schema (schema/event.schema.json) against real events, and
//! the small validator the tests use against known cases.

mod support;

use dyad_types::{Actor, DatePrecision, Event, Location, Mode, Trigger, SCHEMA_VERSION};
use serde_json::{json, Value};
use support::schema::validate;

fn event_schema() -> Value {
    let text = std::fs::read_to_string(support::schema_path()).expect("read event schema");
    serde_json::from_str(&text).expect("event schema is JSON")
}

/// An event with every optional part filled in, so every branch of the
/// schema is exercised.
fn full_event() -> Event {
    Event {
        doc_id: "doc-1".into(),
        sentence: 2,
        text: "He said Russia would not attack Ukraine last week.".into(),
        date: Some("2022-07".into()),
        date_precision: DatePrecision::Month,
        date_text: Some("last week".into()),
        date_span: Some([40, 49]),
        historical: false,
        source: Actor::from_code("RUS", None, "Russia".into(), [8, 14]),
        target: Some(Actor::from_code("UKR", None, "Ukraine".into(), [32, 39])),
        cameo: "190".into(),
        root: Some("19".into()),
        quad_class: Some(4),
        goldstein: Some(-10.0),
        plover: Some("ASSAULT".into()),
        mode: Mode::Negated,
        reported: true,
        speaker: Some(Actor::from_code("RUSGOV", Some("Vladimir Putin".into()), "He".into(), [0, 2])),
        trigger: Trigger { text: "attack".into(), span: [25, 31] },
        location: Some(Location {
            name: "Kyiv".into(),
            country: Some("UKR".into()),
            lat: Some(50.45),
            lon: Some(30.52),
            text: None,
            span: None,
            precision: Some("city".into()),
            fips: Some("UP".into()),
            adm1: Some("UP12".into()),
            feature_id: Some(703448),
            confidence: Some(0.97),
            from_actor: false,
        }),
        rule: "verbs.txt:2".into(),
        rule_pattern: Some("$ ~attack +".into()),
        schema_version: SCHEMA_VERSION,
        issues: Vec::new(),
    }
}

/// An event with every nullable part null.
fn bare_event() -> Event {
    Event {
        date: None,
        date_precision: DatePrecision::Unknown,
        date_text: None,
        date_span: None,
        historical: false,
        target: None,
        root: None,
        quad_class: None,
        goldstein: None,
        plover: None,
        mode: Mode::Asserted,
        reported: false,
        speaker: None,
        location: None,
        rule_pattern: None,
        cameo: "X99".into(),
        ..full_event()
    }
}

#[test]
fn hand_built_events_match_the_schema() {
    let schema = event_schema();
    for event in [full_event(), bare_event()] {
        let value = serde_json::to_value(&event).unwrap();
        let errors = validate(&schema, &value);
        assert!(errors.is_empty(), "{errors:#?}\nfor {value}");
    }
}

#[test]
fn schema_rejects_events_that_break_the_contract() {
    let schema = event_schema();
    let good = serde_json::to_value(full_event()).unwrap();
    type Mutation = fn(&mut Value);
    let cases: Vec<(&str, Mutation)> = vec![
        ("missing key", |v| drop(v.as_object_mut().unwrap().remove("cameo"))),
        ("unknown key", |v| v["extra"] = json!(1)),
        ("bad mode", |v| v["mode"] = json!("maybe")),
        ("bad precision", |v| v["date_precision"] = json!("week")),
        ("span of three", |v| v["trigger"]["span"] = json!([1, 2, 3])),
        ("span of one", |v| v["source"]["span"] = json!([1])),
        ("negative span", |v| v["source"]["span"] = json!([-1, 2])),
        ("numeric cameo", |v| v["cameo"] = json!(190)),
        ("older version", |v| v["schema_version"] = json!(1)),
        ("bad location precision", |v| v["location"]["precision"] = json!("street")),
        ("quad class 5", |v| v["quad_class"] = json!(5)),
        ("bad date", |v| v["date"] = json!("July 2022")),
        ("actor without code", |v| drop(v["target"].as_object_mut().unwrap().remove("code"))),
        ("null source", |v| v["source"] = Value::Null),
        ("string reported", |v| v["reported"] = json!("true")),
    ];
    for (name, mutate) in cases {
        let mut value = good.clone();
        mutate(&mut value);
        assert!(!validate(&schema, &value).is_empty(), "schema accepted: {name}");
    }
}

#[test]
fn real_output_matches_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Putin visits Tehran\n\nRussian President Vladimir Putin visited Tehran on Tuesday. \
         He said Russia would not attack Ukraine. Turkey will host talks with Iran next month.\n",
    )
    .unwrap();
    let run = support::dyad(dir.path(), &["code", "--date", "2022-07-19", "a.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let schema = event_schema();
    let mut events = 0;
    for line in run.stdout.lines() {
        let value: Value = serde_json::from_str(line).expect("output line is JSON");
        let errors = validate(&schema, &value);
        assert!(errors.is_empty(), "{errors:#?}\nfor {line}");
        events += 1;
    }
    // Guards against the check above passing vacuously; "Putin visits
    // Tehran" is the coder's most basic case.
    assert!(events > 0, "no events coded; stderr:\n{}", run.stderr);
}

// The validator itself, on the keywords it supports.

#[test]
fn validator_keywords() {
    let schema = json!({
        "type": "object",
        "required": ["a"],
        "additionalProperties": false,
        "properties": {
            "a": { "type": ["integer", "null"], "minimum": 1, "maximum": 3 },
            "b": { "enum": ["x", "y"] },
            "c": { "const": 1 },
            "d": { "type": "string", "minLength": 2, "pattern": "^[a-z]+$" },
            "e": { "type": "array", "prefixItems": [{ "type": "string" }], "items": false, "minItems": 1 },
            "f": { "anyOf": [{ "$ref": "#/$defs/n" }, { "type": "boolean" }] },
            "g": { "type": "array", "items": { "type": "number" }, "maxItems": 2 }
        },
        "$defs": { "n": { "type": "number" } }
    });
    let ok = [
        json!({"a": 1}),
        json!({"a": null, "b": "y", "c": 1, "d": "ab", "e": ["s"], "f": 2.5, "g": [1, 2.5]}),
        json!({"a": 3.0, "f": true}),
    ];
    for v in ok {
        assert_eq!(validate(&schema, &v), Vec::<String>::new(), "{v}");
    }
    let bad = [
        json!([]),
        json!({}),
        json!({"a": 0}),
        json!({"a": 4}),
        json!({"a": 1.5}),
        json!({"a": "1"}),
        json!({"a": 1, "z": 0}),
        json!({"a": 1, "b": "z"}),
        json!({"a": 1, "c": 2}),
        json!({"a": 1, "d": "a"}),
        json!({"a": 1, "d": "AB"}),
        json!({"a": 1, "e": []}),
        json!({"a": 1, "e": [1]}),
        json!({"a": 1, "e": ["s", "t"]}),
        json!({"a": 1, "f": "s"}),
        json!({"a": 1, "g": [1, 2, 3]}),
        json!({"a": 1, "g": ["s"]}),
    ];
    for v in bad {
        assert!(!validate(&schema, &v).is_empty(), "accepted {v}");
    }
}

#[test]
fn validator_refuses_unknown_keywords_and_refs() {
    let errors = validate(&json!({"oneOf": [true]}), &json!(1));
    assert!(errors[0].contains("unsupported schema keyword"), "{errors:?}");
    let errors = validate(&json!({"$ref": "#/$defs/missing"}), &json!(1));
    assert!(errors[0].contains("unresolvable"), "{errors:?}");
    let errors = validate(&json!({"properties": {"a": {"format": "date"}}}), &json!({"a": "x"}));
    assert!(errors[0].starts_with("/a: unsupported"), "{errors:?}");
}
