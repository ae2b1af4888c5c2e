//! The store's behaviour on a synthetic corpus (tests/common): idempotent
//! ingest, merging independent of ingest order, syndicated copies, delete,
//! recode, merge on/off, filters and aggregates, and the schema fixture.

mod common;

use common::{article, corpus_v1, event};
use dyad_store::{EventFilter, MergedEvent, Period, Recoded, RunId, RunInfo, Store, StoreError};
use dyad_types::Mode;

fn run(store: &mut Store) -> RunId {
    store
        .begin_run(&RunInfo { dyad_version: "test".into(), dict_fingerprint: "f0".into(), command: "test".into() })
        .unwrap()
}

fn all(store: &Store) -> Vec<MergedEvent> {
    let mut events = store.events_with_mentions(&EventFilter::default()).unwrap();
    // Timestamps differ between runs; everything else must not.
    for e in &mut events {
        e.date_added.clear();
        for m in &mut e.mentions {
            m.date_added.clear();
        }
    }
    events
}

fn find<'a>(events: &'a [MergedEvent], article: &str, sentence: usize) -> &'a MergedEvent {
    events
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.article_id == article && m.event.sentence == sentence))
        .unwrap_or_else(|| panic!("no event has a mention {article}:{sentence}"))
}

#[test]
fn merging_groups_reports_of_one_event() {
    let mut store = Store::open_in_memory().unwrap();
    let r = run(&mut store);
    store.ingest(r, &corpus_v1()).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.mentions, stats.events), (13, 21, 13));
    let events = all(&store);
    // Afrin shelling: Reuters, a syndicated copy of it (Daily Star), AFP
    // with a more specific code and a date, Reuters again the next day.
    let afrin = find(&events, "a1", 0);
    assert_eq!((afrin.num_mentions, afrin.num_articles, afrin.num_sources), (4, 4, 2));
    assert_eq!(afrin.event.cameo, "193", "the most specific code stands for the event");
    let ids: Vec<&str> = afrin.mentions.iter().map(|m| m.article_id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2", "a3", "a4"]);
    // Three days later: another event.
    assert_ne!(find(&events, "a5", 0).id, afrin.id);
    // The denial is its own event and does not inflate the attack.
    let denial = find(&events, "a3", 3);
    assert_ne!(denial.id, afrin.id);
    assert_eq!((denial.event.mode, denial.num_mentions), (Mode::Negated, 1));
    // 0831 and 0832 are different refinements of 083.
    assert_eq!(find(&events, "a10", 0).id, find(&events, "a10", 1).id);
    assert_ne!(find(&events, "a10", 0).id, find(&events, "a11", 0).id);
    // Undated reports merge only with undated ones.
    assert_ne!(find(&events, "a12", 0).id, find(&events, "a8", 1).id);
    assert_eq!(find(&events, "a8", 1).id, find(&events, "a9", 0).id);
    // Every mention is in exactly one event.
    let total: u32 = events.iter().map(|e| e.num_mentions).sum();
    assert_eq!(total as usize, events.iter().map(|e| e.mentions.len()).sum::<usize>());
    assert_eq!(total, 21);
}

#[test]
fn ingest_is_idempotent() {
    let mut store = Store::open_in_memory().unwrap();
    let r = run(&mut store);
    let first = store.ingest(r, &corpus_v1()).unwrap();
    assert_eq!((first.stored, first.skipped, first.mentions), (13, 0, 21));
    let before = all(&store);
    let again = store.ingest(r, &corpus_v1()).unwrap();
    assert_eq!((again.stored, again.skipped, again.mentions), (0, 13, 0));
    assert_eq!(all(&store), before);
    assert_eq!(store.stats().unwrap().articles, 13);
}

#[test]
fn merged_events_do_not_depend_on_ingest_order() {
    let corpus = corpus_v1();
    let mut one = Store::open_in_memory().unwrap();
    let r = run(&mut one);
    one.ingest(r, &corpus).unwrap();

    // Reversed, one article per transaction.
    let mut other = Store::open_in_memory().unwrap();
    let r = run(&mut other);
    for a in corpus.iter().rev() {
        other.ingest(r, std::slice::from_ref(a)).unwrap();
    }
    assert_eq!(all(&other), all(&one));

    // Interleaved in two batches.
    let mut third = Store::open_in_memory().unwrap();
    let r = run(&mut third);
    let (odd, even): (Vec<_>, Vec<_>) = corpus.iter().cloned().enumerate().partition(|(i, _)| i % 2 == 1);
    third.ingest(r, &odd.into_iter().map(|(_, a)| a).collect::<Vec<_>>()).unwrap();
    third.ingest(r, &even.into_iter().map(|(_, a)| a).collect::<Vec<_>>()).unwrap();
    assert_eq!(all(&third), all(&one));
}

#[test]
fn syndicated_copies_count_once_as_a_source() {
    let mut store = Store::open_in_memory().unwrap();
    let r = run(&mut store);
    let e = |doc: &str| vec![event(doc, 0, "TURMIL", Some("SYRREB"), "190", None, None, Mode::Asserted)];
    let copy = common::WIRE_STORY.replace("Kurdish officials", "Officials of the Kurdish administration");
    store
        .ingest(
            r,
            &[
                article("wire", Some("AP"), "2018-01-21", Some(common::WIRE_STORY), e("wire")),
                article("copy1", Some("Times"), "2018-01-21", Some(common::WIRE_STORY), e("copy1")),
                article("copy2", None, "2018-01-21", Some(&copy), e("copy2")),
            ],
        )
        .unwrap();
    let events = all(&store);
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].num_mentions, events[0].num_articles, events[0].num_sources), (3, 3, 1));
    assert_eq!(events[0].mentions.len(), 3, "copies keep their mentions");

    // An independent article from another outlet is another source.
    store.ingest(r, &[article("own", Some("BBC"), "2018-01-21", None, e("own"))]).unwrap();
    let events = all(&store);
    assert_eq!((events[0].num_articles, events[0].num_sources), (4, 2));
}

#[test]
fn delete_removes_articles_and_the_events_only_they_supported() {
    let mut store = Store::open_in_memory().unwrap();
    let r = run(&mut store);
    store.ingest(r, &corpus_v1()).unwrap();
    let afrin_before = find(&all(&store), "a1", 0).clone();

    // a3: one mention in the shared Afrin event, and the denial alone.
    let report = store.delete_articles(&["a3".into(), "nope".into()]).unwrap();
    assert_eq!((report.deleted, report.mentions, report.missing.clone()), (1, 2, vec!["nope".to_string()]));
    assert_eq!((report.events_before, report.events_after), (13, 12));
    let events = all(&store);
    assert!(events.iter().all(|e| e.mentions.iter().all(|m| m.article_id != "a3")));
    assert!(events.iter().all(|e| e.event.mode != Mode::Negated), "the denial only a3 reported is gone");
    let afrin = find(&events, "a1", 0);
    assert_eq!((afrin.num_mentions, afrin.num_articles, afrin.num_sources), (3, 3, 1));
    assert_eq!(afrin.event.cameo, "190", "the representative falls back to what is left");
    assert_ne!(afrin.num_mentions, afrin_before.num_mentions);
    // The text search no longer finds its sentences.
    let filter = EventFilter { text: Some("a3".into()), ..EventFilter::default() };
    assert!(store.events(&filter).unwrap().is_empty());

    // Deleting everything leaves nothing behind.
    let ids: Vec<String> = corpus_v1().iter().map(|a| a.id.clone()).collect();
    store.delete_articles(&ids).unwrap();
    assert_eq!(store.stats().unwrap(), Default::default());
}

#[test]
fn replacing_mentions_recomputes_events() {
    let mut store = Store::open_in_memory().unwrap();
    let r = run(&mut store);
    store.ingest(r, &corpus_v1()).unwrap();
    let r2 = store
        .begin_run(&RunInfo { dyad_version: "test".into(), dict_fingerprint: "f1".into(), command: "recode".into() })
        .unwrap();
    // a13 (AFP, like a3) had no events; now it reports the Afrin shelling
    // too: one more mention and article, no new source.
    let new = vec![event("a13", 0, "TURMIL", Some("SYRREB"), "190", Some("2018-01-21"), None, Mode::Asserted)];
    let recoded = Recoded { id: "a13".into(), sentences: vec![(0, "Turkey shelled Afrin.".into())], events: new };
    let stored = store.replace_mentions(r2, &[recoded]).unwrap();
    assert_eq!(stored, 1);
    let afrin = find(&all(&store), "a1", 0).clone();
    assert_eq!((afrin.num_mentions, afrin.num_articles, afrin.num_sources), (5, 5, 2));
    assert_eq!(store.article_run("a13").unwrap(), Some(("test".into(), "f1".into())));
    assert_eq!(store.article_run("a1").unwrap(), Some(("test".into(), "f0".into())));
    let recoded = find(&all(&store), "a13", 0).id;
    assert_eq!(
        store.event_run(recoded).unwrap().map(|r| r.1),
        Some("f0".into()),
        "a mention of the first run still represents it"
    );
    let only_recoded =
        store.events(&EventFilter::default()).unwrap().into_iter().find(|e| e.event.doc_id == "a13").map(|e| e.id);
    assert!(only_recoded.is_none(), "a13 represents no event here");
    assert_eq!(store.event_run(1).unwrap(), None);
    // And back to none.
    store.replace_mentions(r2, &[Recoded { id: "a13".into(), sentences: vec![], events: vec![] }]).unwrap();
    assert_eq!(find(&all(&store), "a1", 0).num_mentions, 4);
}

#[test]
fn merging_can_be_turned_off_and_on() {
    let mut store = Store::open_in_memory().unwrap();
    let r = run(&mut store);
    store.ingest(r, &corpus_v1()).unwrap();
    let merged = all(&store);
    store.set_merge(false).unwrap();
    assert_eq!(store.stats().unwrap().events, 21);
    assert!(all(&store).iter().all(|e| e.num_mentions == 1));
    store.set_merge(true).unwrap();
    assert_eq!(all(&store), merged);
}

/// Counts computed here from the events themselves, against the store's
/// filters and aggregates.
#[test]
fn filters_and_aggregates_agree_with_the_events() {
    let mut store = Store::open_in_memory().unwrap();
    let r = run(&mut store);
    store.ingest(r, &corpus_v1()).unwrap();
    let events = all(&store);
    let count = |f: EventFilter| store.events(&f).unwrap().len();
    let expect = |pred: &dyn Fn(&MergedEvent) -> bool| events.iter().filter(|e| pred(e)).count();
    let side = |code: &str, prefix: &str| code.starts_with(prefix);

    assert_eq!(
        count(EventFilter { actor: vec!["SYR".into()], ..Default::default() }),
        expect(&|e| side(&e.event.source.code, "SYR") || e.event.target.as_ref().is_some_and(|t| side(&t.code, "SYR")))
    );
    assert_eq!(
        count(EventFilter { source: vec!["TURMIL".into()], target: vec!["SYR".into()], ..Default::default() }),
        expect(
            &|e| e.event.source.code == "TURMIL" && e.event.target.as_ref().is_some_and(|t| t.code.starts_with("SYR"))
        )
    );
    assert_eq!(
        count(EventFilter { cameo: vec!["19".into()], ..Default::default() }),
        expect(&|e| e.event.cameo.starts_with("19"))
    );
    assert_eq!(
        count(EventFilter { cameo: vec!["083".into(), "111".into()], ..Default::default() }),
        expect(&|e| e.event.cameo.starts_with("083") || e.event.cameo.starts_with("111"))
    );
    assert_eq!(
        count(EventFilter { mode: vec![Mode::Asserted], ..Default::default() }),
        expect(&|e| e.event.mode == Mode::Asserted)
    );
    assert_eq!(count(EventFilter { quad: vec![4], ..Default::default() }), expect(&|e| e.event.quad_class == Some(4)));
    assert_eq!(
        count(EventFilter { plover: vec!["assault".into()], ..Default::default() }),
        expect(&|e| e.event.plover.as_deref() == Some("ASSAULT"))
    );
    assert_eq!(
        count(EventFilter { country: vec!["SYR".into()], ..Default::default() }),
        expect(&|e| e.event.location.as_ref().and_then(|l| l.country.as_deref()) == Some("SYR"))
    );
    let day = |e: &MergedEvent| {
        e.mentions.iter().find(|m| m.event == e.event).and_then(|m| e.event.date.clone().or(m.article_date.clone()))
    };
    assert_eq!(
        count(EventFilter { from: Some("2018-01-22".into()), to: Some("2018-01-26".into()), ..Default::default() }),
        expect(&|e| day(e).is_some_and(|d| ("2018-01-22".to_string()..="2018-01-26".to_string()).contains(&d)))
    );
    assert_eq!(
        count(EventFilter { text: Some("a9".into()), ..Default::default() }),
        expect(&|e| e.mentions.iter().any(|m| m.article_id == "a9"))
    );
    assert_eq!(count(EventFilter { limit: Some(2), ..Default::default() }), 2);

    // Per day: each dated event once, with its mentions and Goldstein sum.
    let days = store.count_by(&EventFilter::default(), Period::Day).unwrap();
    let mut want = std::collections::BTreeMap::<String, (u64, u64, f64)>::new();
    for e in &events {
        if let Some(d) = day(e) {
            let slot = want.entry(d).or_default();
            slot.0 += 1;
            slot.1 += e.num_mentions as u64;
            slot.2 += e.event.goldstein.unwrap_or(0.0);
        }
    }
    let got: Vec<(String, u64, u64, f64)> =
        days.iter().map(|p| (p.period.clone(), p.events, p.mentions, p.goldstein)).collect();
    let want: Vec<(String, u64, u64, f64)> = want.into_iter().map(|(d, (e, m, g))| (d, e, m, g)).collect();
    assert_eq!(got, want);
    // 2018-01-21 is a Sunday: its week starts on Monday the 15th.
    let weeks = store.count_by(&EventFilter::default(), Period::Week).unwrap();
    assert_eq!(weeks.iter().map(|w| w.period.as_str()).collect::<Vec<_>>(), ["2018-01-15", "2018-01-22"]);
    assert_eq!(weeks.iter().map(|w| w.events).sum::<u64>(), days.iter().map(|d| d.events).sum::<u64>());
    let months =
        store.count_by(&EventFilter { actor: vec!["RUS".into()], ..Default::default() }, Period::Month).unwrap();
    assert_eq!(months.len(), 1);
    assert_eq!(months[0].events as usize, expect(&|e| e.event.source.code.starts_with("RUS")));

    let quads = store.quad_counts(&EventFilter::default()).unwrap();
    for q in &quads {
        assert_eq!(q.events as usize, expect(&|e| e.event.quad_class == q.quad_class), "quad {:?}", q.quad_class);
    }
    assert_eq!(quads.iter().map(|q| q.events).sum::<u64>() as usize, events.len());

    let actors = store.top_actors(&EventFilter::default(), 3).unwrap();
    let in_events = |code: &str| {
        expect(&|e| e.event.source.code == code || e.event.target.as_ref().is_some_and(|t| t.code == code))
    };
    assert_eq!(actors.len(), 3);
    for a in &actors {
        assert_eq!(a.events as usize, in_events(&a.actor), "{}", a.actor);
    }
    assert!(actors.windows(2).all(|w| w[0].events >= w[1].events));
    let dyads = store.top_dyads(&EventFilter::default(), 1).unwrap();
    assert_eq!(
        dyads[0].events as usize,
        expect(&|e| e.event.source.code == dyads[0].source
            && e.event.target.as_ref().is_some_and(|t| t.code == dyads[0].target))
    );
    assert_eq!((dyads[0].source.as_str(), dyads[0].target.as_str()), ("TURMIL", "SYRREB"));
}

#[test]
fn bad_filters_are_errors_not_panics() {
    let store = Store::open_in_memory().unwrap();
    let bad_date = EventFilter { from: Some("2018-13-01".into()), ..Default::default() };
    assert!(matches!(store.events(&bad_date), Err(StoreError::Filter(_))));
    let bad_text = EventFilter { text: Some("\"unclosed".into()), ..Default::default() };
    match store.events(&bad_text) {
        Err(StoreError::Filter(message)) => assert!(message.contains("FTS5"), "{message}"),
        other => panic!("expected a filter error, got {other:?}"),
    }
    // Quotes and SQL in values are values, not SQL.
    let odd = EventFilter { actor: vec!["'; DROP TABLE events; --".into()], ..Default::default() };
    assert!(store.events(&odd).unwrap().is_empty());
    assert_eq!(store.stats().unwrap().events, 0);
}

/// `tests/data/schema_v1.sqlite` was written by the first version of the
/// schema from `corpus_v1()` (see `examples/make_v1_fixture.rs`). It must
/// open, migrate and read back exactly what a fresh store makes of the same
/// corpus.
#[test]
fn schema_v1_fixture_opens_and_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema_v1.sqlite"), &path).unwrap();
    assert_eq!(header_user_version(&path), 1, "the fixture is a version 1 file");
    let mut old = Store::open(&path).unwrap();
    // The migration sits in the write-ahead log until a checkpoint.
    old.checkpoint().unwrap();
    let version: u32 = header_user_version(&path);
    assert_eq!(version, dyad_store::SCHEMA_VERSION);
    assert_eq!(old.integrity_check().unwrap(), "ok");

    let mut fresh = Store::open_in_memory().unwrap();
    let r = run(&mut fresh);
    fresh.ingest(r, &corpus_v1()).unwrap();
    assert_eq!(old.stats().unwrap(), fresh.stats().unwrap());
    assert_eq!(all(&old), all(&fresh));
    assert_eq!(old.article_run("a1").unwrap(), Some(("fixture".into(), "v1".into())));

    // The migrated store takes new articles like a fresh one.
    let extra = article(
        "new",
        Some("AP"),
        "2018-01-22",
        None,
        vec![event("new", 0, "TURMIL", Some("SYRREB"), "190", None, None, Mode::Asserted)],
    );
    let r = run(&mut old);
    old.ingest(r, std::slice::from_ref(&extra)).unwrap();
    let r = run(&mut fresh);
    fresh.ingest(r, &[extra]).unwrap();
    assert_eq!(all(&old), all(&fresh));
}

fn header_user_version(path: &std::path::Path) -> u32 {
    // The store does not expose its connection; read the header: the
    // user_version is the big-endian u32 at byte 60 of an SQLite file.
    let bytes = std::fs::read(path).unwrap();
    u32::from_be_bytes([bytes[60], bytes[61], bytes[62], bytes[63]])
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    drop(Store::open(&path).unwrap());
    // Bump user_version in the header (byte 60) as a newer dyad would.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[60..64].copy_from_slice(&(dyad_store::SCHEMA_VERSION + 1).to_be_bytes());
    std::fs::write(&path, bytes).unwrap();
    match Store::open(&path) {
        Err(StoreError::TooNew { found, .. }) => assert_eq!(found, dyad_store::SCHEMA_VERSION + 1),
        other => panic!("expected TooNew, got {:?}", other.err()),
    }
}

#[test]
fn stored_event_ids_are_stable_across_stores() {
    let mut a = Store::open_in_memory().unwrap();
    let r = run(&mut a);
    a.ingest(r, &corpus_v1()).unwrap();
    let first = all(&a);
    let again = a.event(first[0].id).unwrap().unwrap();
    assert_eq!(again.id, first[0].id);
    assert_eq!(again.mentions.len(), first[0].mentions.len());
    assert!(first.iter().all(|e| e.id > 0 && e.id < 1 << 53));
    assert!(a.event(7).unwrap().is_none());
}

#[test]
fn a_foreign_database_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');").unwrap();
    drop(conn);
    assert!(matches!(Store::open(&path), Err(StoreError::NotAStore { .. })));
    assert!(matches!(Store::open_read_only(&path), Err(StoreError::NotAStore { .. })));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 1, "no dyad tables were written into it");
}

/// Re-merging after each write looks only at the days a change can reach;
/// whatever the writes (batches in any order, deletes, recodes), the events
/// must be those a full recomputation gives, and those of a store that got
/// the surviving articles in one batch.
#[test]
fn incremental_merging_equals_a_full_recomputation() {
    for seed in 1..=20u64 {
        let mut state = seed * 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let codes = ["19", "190", "193", "194", "1931"];
        let countries = [None, Some("SYR"), Some("IRQ")];
        let mut corpus: Vec<dyad_store::NewArticle> = (0..40)
            .map(|i| {
                let id = format!("s{seed}a{i:02}");
                let day = format!("2020-01-{:02}", 1 + next(12));
                let events = (0..1 + next(3) as usize)
                    .map(|k| {
                        let date = (next(4) == 0).then(|| format!("2020-01-{:02}", 1 + next(12)));
                        let mode = if next(6) == 0 { Mode::Negated } else { Mode::Asserted };
                        event(
                            &id,
                            k,
                            "TURMIL",
                            Some("SYRREB"),
                            codes[next(5) as usize],
                            date.as_deref(),
                            countries[next(3) as usize],
                            mode,
                        )
                    })
                    .collect();
                let mut a = article(&id, Some(["AP", "AFP", "BBC", "TASS"][next(4) as usize]), &day, None, events);
                if next(8) == 0 {
                    a.date = None;
                }
                a
            })
            .collect();
        // Shuffle, then ingest in batches of random size.
        for i in (1..corpus.len()).rev() {
            corpus.swap(i, next(i as u64 + 1) as usize);
        }
        let mut store = Store::open_in_memory().unwrap();
        let r = run(&mut store);
        let mut at = 0;
        while at < corpus.len() {
            let n = (1 + next(6) as usize).min(corpus.len() - at);
            store.ingest(r, &corpus[at..at + n]).unwrap();
            at += n;
        }
        // Delete a few, recode one with fewer events.
        let gone: Vec<String> = (0..4).map(|_| corpus[next(40) as usize].id.clone()).collect();
        store.delete_articles(&gone).unwrap();
        let kept: Vec<_> = corpus.iter().filter(|a| !gone.contains(&a.id)).cloned().collect();
        let recoded = kept[next(kept.len() as u64) as usize].clone();
        let fewer: Vec<_> = recoded.events.iter().take(1).cloned().collect();
        store
            .replace_mentions(r, &[Recoded { id: recoded.id.clone(), sentences: vec![], events: fewer.clone() }])
            .unwrap();
        let incremental = all(&store);

        // A full recomputation of every key.
        store.set_merge(false).unwrap();
        store.set_merge(true).unwrap();
        assert_eq!(all(&store), incremental, "seed {seed}: incremental merging differs from a full recomputation");

        // A fresh store with the surviving articles in one batch.
        let mut fresh = Store::open_in_memory().unwrap();
        let r = run(&mut fresh);
        let survivors: Vec<_> = kept
            .into_iter()
            .map(|mut a| {
                if a.id == recoded.id {
                    a.events = fewer.clone();
                }
                a
            })
            .collect();
        fresh.ingest(r, &survivors).unwrap();
        let mut want = all(&fresh);
        // The recoded article's sentences were replaced by none: compare
        // events, not search rows.
        want.sort_by_key(|e| e.id);
        let mut got = incremental.clone();
        got.sort_by_key(|e| e.id);
        assert_eq!(got, want, "seed {seed}: differs from a store built in one batch");
    }
}
