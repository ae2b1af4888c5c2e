//! Merging reports (mentions) into events.
//!
//! See the crate docs ("Merging") for the rule. The code below is the rule
//! itself: [`merge_key`] picks the mentions that may be one event, and
//! `cluster` groups them, in a canonical order that does not depend on
//! when or in what order the articles were ingested.

use std::collections::HashMap;

use dyad_types::{Event, Mode};

use crate::identity::{day_number, near_duplicates};

/// Greatest distance in days between a cluster's first mention and any
/// other of its mentions.
pub const DAY_WINDOW: i64 = 1;

/// The part of a mention that must match exactly for two mentions to be one
/// event: source code, target code (empty when none), CAMEO root (the code
/// itself outside CAMEO) and mode.
pub fn merge_key(event: &Event) -> String {
    let target = event.target.as_ref().map_or("", |t| t.code.as_str());
    let root = event.root.as_deref().unwrap_or(&event.cameo);
    format!("{}|{}|{}|{}", event.source.code, target, root, mode_name(event.mode))
}

fn mode_name(mode: Mode) -> &'static str {
    mode.as_str()
}

/// The day a mention is dated for merging: the event's own date when it is
/// a full day, else the article's publication date, else none.
pub fn effective_day(event: &Event, article_date: Option<&str>) -> Option<String> {
    match event.date.as_deref() {
        Some(d) if day_number(d).is_some() => Some(d.to_string()),
        _ => article_date.filter(|d| day_number(d).is_some()).map(str::to_string),
    }
}

/// A CAMEO code without the trailing zeros that mean "not specified below"
/// (`190` → `19`, `0210` → `021`), never shorter than the two-digit root; a
/// code refines another when this of one is a prefix of this of the other.
pub fn specific_part(code: &str) -> &str {
    let mut s = code;
    while s.len() > 2 && s.ends_with('0') {
        s = &s[..s.len() - 1];
    }
    s
}

/// What clustering needs to know of one mention.
#[derive(Debug, Clone)]
pub(crate) struct MentionRow {
    pub id: i64,
    pub article_id: String,
    pub ordinal: i64,
    pub cameo: String,
    pub day: Option<String>,
    pub place_country: Option<String>,
    pub source_name: Option<String>,
    pub minhash: Vec<u32>,
    pub ingested_at: String,
    /// The merged event the mention belonged to before this recompute.
    pub event_id: Option<i64>,
}

/// One merged event: indices into the (sorted) mention rows.
#[derive(Debug)]
pub(crate) struct Cluster {
    pub members: Vec<usize>,
    /// The member whose event stands for the cluster.
    pub representative: usize,
    pub num_articles: u32,
    pub num_sources: u32,
    /// Earliest `ingested_at` of the members.
    pub date_added: String,
}

/// Sorts `rows` into the canonical order (day, with undated first; then
/// article id; then the mention's position in its article) and groups them
/// into events. With `merge` off every mention is its own event.
///
/// Each mention joins the first open cluster it is compatible with, else
/// starts one. Compatible means: both undated, or dated within
/// [`DAY_WINDOW`] days of the cluster's first mention; its CAMEO code and
/// the cluster's most specific code are one a prefix of the other; and its
/// place country is unknown, or the cluster's is, or they are equal.
pub(crate) fn cluster(rows: &mut [MentionRow], merge: bool) -> Vec<Cluster> {
    rows.sort_by(|a, b| (&a.day, &a.article_id, a.ordinal).cmp(&(&b.day, &b.article_id, b.ordinal)));
    struct Open {
        first_day: Option<i64>,
        code: String,
        country: Option<String>,
        members: Vec<usize>,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<Vec<usize>> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let day = row.day.as_deref().and_then(day_number);
        if !merge {
            done.push(vec![i]);
            continue;
        }
        // Rows come in day order, so clusters whose window has passed can
        // never take another member.
        let (closed, still_open): (Vec<Open>, Vec<Open>) = open.into_iter().partition(|c| match (c.first_day, day) {
            (Some(first), Some(d)) => d - first > DAY_WINDOW,
            (None, Some(_)) => true,
            _ => false,
        });
        done.extend(closed.into_iter().map(|c| c.members));
        open = still_open;
        let fits = |c: &Open| {
            let dates = match (c.first_day, day) {
                (Some(first), Some(d)) => (d - first).abs() <= DAY_WINDOW,
                (None, None) => true,
                _ => false,
            };
            let code = specific_part(&row.cameo);
            let codes = c.code.starts_with(code) || code.starts_with(c.code.as_str());
            let places = match (&c.country, &row.place_country) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            dates && codes && places
        };
        match open.iter_mut().find(|c| fits(c)) {
            Some(c) => {
                let code = specific_part(&row.cameo);
                if code.len() > c.code.len() {
                    c.code = code.to_string();
                }
                if c.country.is_none() {
                    c.country = row.place_country.clone();
                }
                c.members.push(i);
            }
            None => open.push(Open {
                first_day: day,
                code: specific_part(&row.cameo).to_string(),
                country: row.place_country.clone(),
                members: vec![i],
            }),
        }
    }
    done.extend(open.into_iter().map(|c| c.members));
    let mut clusters: Vec<Cluster> = done.into_iter().map(|members| summarize(rows, members)).collect();
    clusters.sort_by_key(|c| c.members[0]);
    clusters
}

/// Counts and representative of one group of mentions.
fn summarize(rows: &[MentionRow], members: Vec<usize>) -> Cluster {
    // The representative is the first mention (in canonical order) among
    // those with the most specific code, so a refined code ("190" then
    // "193") stands for the event.
    let longest = members.iter().map(|&i| specific_part(&rows[i].cameo).len()).max().unwrap_or(0);
    let representative =
        members.iter().copied().find(|&i| specific_part(&rows[i].cameo).len() == longest).unwrap_or(members[0]);
    let date_added = members.iter().map(|&i| rows[i].ingested_at.as_str()).min().unwrap_or("").to_string();

    // Distinct articles, each with its outlet and text fingerprint.
    let mut articles: Vec<usize> = Vec::new();
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for &i in &members {
        if seen.insert(rows[i].article_id.as_str(), ()).is_none() {
            articles.push(i);
        }
    }
    // Sources are the connected components of the articles linked by the
    // same outlet name or by near-identical text (syndicated copies).
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for a in 0..articles.len() {
        for b in a + 1..articles.len() {
            let (ra, rb) = (&rows[articles[a]], &rows[articles[b]]);
            let same_outlet = matches!((&ra.source_name, &rb.source_name), (Some(x), Some(y)) if x == y);
            if same_outlet || near_duplicates(&ra.minhash, &rb.minhash) {
                let (pa, pb) = (find(&mut parent, a), find(&mut parent, b));
                parent[pa.max(pb)] = pa.min(pb);
            }
        }
    }
    let num_sources = (0..articles.len()).filter(|&a| find(&mut parent, a) == a).count();
    Cluster {
        num_articles: articles.len() as u32,
        num_sources: num_sources as u32,
        members,
        representative,
        date_added,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, article: &str, cameo: &str, day: Option<&str>, country: Option<&str>) -> MentionRow {
        MentionRow {
            id,
            article_id: article.into(),
            ordinal: id,
            cameo: cameo.into(),
            day: day.map(str::to_string),
            place_country: country.map(str::to_string),
            source_name: Some(format!("outlet-{article}")),
            minhash: vec![id as u32; 10],
            ingested_at: format!("t{id}"),
            event_id: None,
        }
    }

    fn groups(rows: &mut [MentionRow], merge: bool) -> Vec<Vec<i64>> {
        let clusters = cluster(rows, merge);
        clusters.iter().map(|c| c.members.iter().map(|&i| rows[i].id).collect()).collect()
    }

    #[test]
    fn compatible_mentions_merge_and_others_do_not() {
        let mut rows = vec![
            row(1, "a", "190", Some("2020-01-01"), None),
            row(2, "b", "193", Some("2020-01-02"), Some("SYR")),
            row(3, "c", "19", Some("2020-01-01"), Some("SYR")),
            // Day 3 is two days after the cluster's first mention.
            row(4, "d", "190", Some("2020-01-03"), None),
            // Another country.
            row(5, "e", "190", Some("2020-01-01"), Some("IRQ")),
            // 194 refines the first cluster's 19 (from 190 and 19), so
            // 193 the next day no longer fits it.
            row(6, "f", "194", Some("2020-01-01"), None),
            row(7, "g", "190", None, None),
            row(8, "h", "190", None, None),
        ];
        assert_eq!(groups(&mut rows, true), vec![vec![7, 8], vec![1, 3, 6], vec![5], vec![2, 4]]);
        assert_eq!(groups(&mut rows, false).len(), 8);
    }

    #[test]
    fn unspecified_codes_are_refined() {
        assert_eq!(specific_part("190"), "19");
        assert_eq!(specific_part("0210"), "021");
        assert_eq!(specific_part("100"), "10");
        assert_eq!(specific_part("10"), "10");
        assert_eq!(specific_part("1041"), "1041");
    }

    #[test]
    fn order_does_not_matter() {
        let base = vec![
            row(1, "a", "190", Some("2020-01-01"), None),
            row(2, "b", "193", Some("2020-01-02"), Some("SYR")),
            row(3, "c", "19", Some("2020-01-01"), Some("SYR")),
            row(4, "d", "190", Some("2020-01-03"), None),
            row(5, "e", "190", Some("2020-01-01"), Some("IRQ")),
        ];
        let want = groups(&mut base.clone(), true);
        let mut reversed: Vec<MentionRow> = base.iter().rev().cloned().collect();
        assert_eq!(groups(&mut reversed, true), want);
        let mut rotated = base.clone();
        rotated.rotate_left(2);
        assert_eq!(groups(&mut rotated, true), want);
    }

    #[test]
    fn representative_has_the_most_specific_code() {
        let mut rows = vec![row(1, "a", "19", Some("2020-01-01"), None), row(2, "b", "193", Some("2020-01-01"), None)];
        let clusters = cluster(&mut rows, true);
        assert_eq!(clusters.len(), 1);
        assert_eq!(rows[clusters[0].representative].cameo, "193");
        assert_eq!(clusters[0].date_added, "t1");
    }

    #[test]
    fn sources_count_outlets_and_syndicated_copies_once() {
        let mut rows = vec![
            row(1, "a", "190", Some("2020-01-01"), None),
            row(2, "b", "190", Some("2020-01-01"), None),
            row(3, "c", "190", Some("2020-01-01"), None),
            row(4, "a", "190", Some("2020-01-01"), None),
        ];
        // b is a syndicated copy of a (9 of 10 hashes agree); c shares a's outlet.
        rows[1].minhash = rows[0].minhash.clone();
        rows[1].minhash[0] = 99;
        rows[2].source_name = rows[0].source_name.clone();
        let mut d = row(5, "d", "190", Some("2020-01-01"), None);
        d.source_name = None;
        rows.push(d);
        let clusters = cluster(&mut rows, true);
        assert_eq!(clusters.len(), 1);
        assert_eq!((clusters[0].members.len(), clusters[0].num_articles, clusters[0].num_sources), (5, 4, 2));
    }
}
