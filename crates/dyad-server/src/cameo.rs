//! `GET /v1/cameo`: the CAMEO event codes of the coder's dictionaries with
//! their names, Goldstein scores, quad classes and PLOVER categories, so the
//! web UI (and any client) names codes the way the coder does.

use dyad_dict::Codebook;
use serde_json::{json, Map, Value};

/// The codebook as `{"codes": {"042": {"name", "goldstein", "quad_class",
/// "plover"}, ...}}`, built once at start.
///
/// [`Codebook`] offers lookups only, so every possible code (two to four
/// digits, 11,100 strings) is looked up once; that takes about a
/// millisecond.
pub fn codebook_json(codebook: &Codebook) -> Value {
    let mut codes = Map::new();
    for width in 2..=4u32 {
        for n in 0..10u32.pow(width) {
            let code = format!("{n:0width$}", width = width as usize);
            if let Some(info) = codebook.get(&code) {
                codes.insert(
                    code,
                    json!({"name": info.name, "goldstein": info.goldstein, "quad_class": info.quad_class, "plover": info.plover}),
                );
            }
        }
    }
    json!({ "codes": codes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_codebook_is_listed_with_leading_zeros() {
        let dict = dyad_dict::Dictionaries::builtin().expect("builtin dictionaries");
        let value = codebook_json(&dict.codebook);
        let codes = value["codes"].as_object().unwrap();
        assert_eq!(codes.len(), dict.codebook.len(), "every code is listed once");
        let consult = &codes["042"];
        assert_eq!(consult["name"], Value::String(dict.codebook.get("042").unwrap().name.clone()));
        assert!(codes.contains_key("19"), "roots are listed");
    }
}
