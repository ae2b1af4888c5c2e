//! Splitting a CAMEO actor code into GDELT's ten actor columns.
//!
//! A CAMEO code is a string of three-letter blocks (`PSEREBHMS`: Palestine,
//! rebels, Hamas). GDELT spreads them over CountryCode, KnownGroupCode,
//! EthnicCode, Religion1Code, Religion2Code and Type1Code..Type3Code. Which
//! block goes where is table work: the tables are in
//! `data/cameo_actor_blocks.txt`, kept as data so a reader can check them
//! against the CAMEO manual without reading code.

use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_types::Actor;

/// Where a three-letter block goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Region,
    Type,
    Religion,
    Denomination,
}

fn blocks_table() -> &'static HashMap<&'static str, BlockKind> {
    static TABLE: OnceLock<HashMap<&'static str, BlockKind>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for line in include_str!("../data/cameo_actor_blocks.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (kind, codes) = line.split_once(':').expect("data/cameo_actor_blocks.txt: `kind: CODES` lines");
            let kind = match kind.trim() {
                "region" => BlockKind::Region,
                "type" => BlockKind::Type,
                "religion" => BlockKind::Religion,
                "denomination" => BlockKind::Denomination,
                other => panic!("data/cameo_actor_blocks.txt: unknown kind `{other}`"),
            };
            for code in codes.split_whitespace() {
                table.insert(code, kind);
            }
        }
        table
    })
}

/// GDELT's actor columns for one actor, after the full code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GdeltActorBlocks {
    /// CountryCode: the actor's country (dyad's `Actor.country`), else the
    /// first transnational region block (`WST` of `IGOWSTNAT`), as GDELT's
    /// country table includes regions.
    pub country: Option<String>,
    /// KnownGroupCode: the last block that is neither country, region,
    /// role/type nor religion: the named organisation (`HMS` of
    /// `PSEREBHMS`, `NAT` of `IGOWSTNAT`, `IAE` of `IGOUNOIAE`).
    pub known_group: Option<String>,
    /// EthnicCode: always empty. CAMEO ethnic codes share their letters
    /// with country codes (`ALB`, `ARG`, `AFR`), so a block cannot be read
    /// as one, and dyad's dictionaries code no ethnic groups.
    pub ethnic: Option<String>,
    /// Religion1Code: the first religion block (`MOS` of `IMGMOSALQ`).
    pub religion1: Option<String>,
    /// Religion2Code: a second religion block, or the denomination right
    /// after the first (`CTH` of `CHRCTH`).
    pub religion2: Option<String>,
    /// Type1Code..Type3Code: role and generic international blocks in
    /// order (`REB`; `IGO`; `NGO`, `HRI`).
    pub types: [Option<String>; 3],
}

impl GdeltActorBlocks {
    /// Splits `actor.code`, taking the country from `actor.country` (which
    /// `dyad_types::split_code` filled).
    pub fn of(actor: &Actor) -> GdeltActorBlocks {
        let table = blocks_table();
        let code = actor.code.as_str();
        let blocks: Vec<&str> = (0..code.len() / 3)
            .filter_map(|i| code.get(i * 3..i * 3 + 3))
            .filter(|b| b.bytes().all(|c| c.is_ascii_alphanumeric()))
            .collect();
        let mut out = GdeltActorBlocks { country: actor.country.clone(), ..Default::default() };
        let mut country_seen = false;
        let mut previous = None;
        let mut n_types = 0;
        for (i, &block) in blocks.iter().enumerate() {
            let kind = table.get(block).copied();
            match kind {
                _ if !country_seen && actor.country.as_deref() == Some(block) => country_seen = true,
                Some(BlockKind::Region) => {
                    if out.country.is_none() {
                        out.country = Some(block.to_string());
                    }
                }
                Some(BlockKind::Type) => {
                    if n_types < 3 {
                        out.types[n_types] = Some(block.to_string());
                        n_types += 1;
                    }
                }
                Some(BlockKind::Religion) if out.religion1.is_none() => out.religion1 = Some(block.to_string()),
                Some(BlockKind::Religion) => {
                    if out.religion2.is_none() {
                        out.religion2 = Some(block.to_string());
                    }
                }
                Some(BlockKind::Denomination) if previous == Some(BlockKind::Religion) && out.religion2.is_none() => {
                    out.religion2 = Some(block.to_string())
                }
                // A first block that split_code did not call a country (a
                // dictionary's own code) is no known group either.
                _ if i == 0 => {}
                _ => out.known_group = Some(block.to_string()),
            }
            previous = kind;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(code: &str) -> GdeltActorBlocks {
        GdeltActorBlocks::of(&Actor::from_code(code, None, String::new(), [0, 0]))
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn table_loads_every_kind() {
        let t = blocks_table();
        assert_eq!(t.get("GOV"), Some(&BlockKind::Type));
        assert_eq!(t.get("WST"), Some(&BlockKind::Region));
        assert_eq!(t.get("MOS"), Some(&BlockKind::Religion));
        assert_eq!(t.get("CTH"), Some(&BlockKind::Denomination));
        assert_eq!(t.get("RUS"), None);
    }

    /// (code, country, known group, religion1, religion2, types)
    type Case = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        [Option<&'static str>; 3],
    );

    #[test]
    fn codes_split_as_gdelt_columns() {
        let cases: &[Case] = &[
            ("RUSGOV", Some("RUS"), None, None, None, [Some("GOV"), None, None]),
            ("RUS", Some("RUS"), None, None, None, [None, None, None]),
            ("IGOWSTNAT", Some("WST"), Some("NAT"), None, None, [Some("IGO"), None, None]),
            ("IGOUNOIAE", None, Some("IAE"), None, None, [Some("IGO"), None, None]),
            ("PSEREBHMS", Some("PSE"), Some("HMS"), None, None, [Some("REB"), None, None]),
            ("IMGMOSALQ", None, Some("ALQ"), Some("MOS"), None, [Some("IMG"), None, None]),
            ("NGOHRIAMN", None, Some("AMN"), None, None, [Some("NGO"), Some("HRI"), None]),
            ("USAGOVPTY", Some("USA"), None, None, None, [Some("GOV"), Some("PTY"), None]),
            ("CHRCTH", None, None, Some("CHR"), Some("CTH"), [None, None, None]),
            ("IRQMOSSHIMIL", Some("IRQ"), None, Some("MOS"), Some("SHI"), [Some("MIL"), None, None]),
            ("COP", None, None, None, None, [Some("COP"), None, None]),
            ("---", None, None, None, None, [None, None, None]),
            ("", None, None, None, None, [None, None, None]),
        ];
        for (code, country, group, rel1, rel2, types) in cases {
            let b = blocks(code);
            let want = GdeltActorBlocks {
                country: country.map(String::from),
                known_group: group.map(String::from),
                ethnic: None,
                religion1: rel1.map(String::from),
                religion2: rel2.map(String::from),
                types: types.map(|t| t.map(String::from)),
            };
            assert_eq!(b, want, "{code}");
        }
        assert_eq!(blocks("USAMIL").country, s("USA"));
    }
}
