//! Table-driven sentence-splitting cases: input text and the expected
//! sentences, as slices of the input.

use dyad_text::split_sentences;

const CASES: &[(&str, &[&str])] = &[
    // 1. plain stops
    ("One. Two.", &["One.", "Two."]),
    ("Is it? Yes! Fine.", &["Is it?", "Yes!", "Fine."]),
    ("", &[]),
    ("   \n\n  ", &[]),
    ("no final stop", &["no final stop"]),
    // 2. titles never end a sentence
    ("Mr. Smith met Mrs. Jones and Ms. Lee.", &["Mr. Smith met Mrs. Jones and Ms. Lee."]),
    ("Dr. Ali and Pres. Biden spoke.", &["Dr. Ali and Pres. Biden spoke."]),
    ("Gen. Milley, Lt. Col. Vindman and Sgt. Bergdahl testified.", &["Gen. Milley, Lt. Col. Vindman and Sgt. Bergdahl testified."]),
    ("Gov. Newsom and Sen. Warren met Rep. Cheney.", &["Gov. Newsom and Sen. Warren met Rep. Cheney."]),
    ("They prayed at St. Paul's cathedral.", &["They prayed at St. Paul's cathedral."]),
    ("It was Brazil vs. Argentina.", &["It was Brazil vs. Argentina."]),
    // 3. acronyms and initials
    ("U.S. troops entered. The U.N. objected.", &["U.S. troops entered.", "The U.N. objected."]),
    ("The U.K. and E.U. officials met.", &["The U.K. and E.U. officials met."]),
    ("He visited the U.S. The trip was short.", &["He visited the U.S.", "The trip was short."]),
    ("Aid came from the U.S. Army and others.", &["Aid came from the U.S. Army and others."]),
    ("George W. Bush spoke.", &["George W. Bush spoke."]),
    ("ICC prosecutor Karim A. A. Khan spoke. A. B. Smith left.", &["ICC prosecutor Karim A. A. Khan spoke.", "A. B. Smith left."]),
    ("J.R.R. Tolkien wrote it.", &["J.R.R. Tolkien wrote it."]),
    ("They left the U.S. But they came back.", &["They left the U.S.", "But they came back."]),
    // 4. dates, times, companies
    ("On Jan. 5 and Feb. 6 troops moved.", &["On Jan. 5 and Feb. 6 troops moved."]),
    ("Since Sept. 11 and Aug. 2 nothing changed.", &["Since Sept. 11 and Aug. 2 nothing changed."]),
    ("By Oct. 3, Nov. 4 or Dec. 25 it ends.", &["By Oct. 3, Nov. 4 or Dec. 25 it ends."]),
    ("The blast hit at 9 a.m. Monday. Police came.", &["The blast hit at 9 a.m. Monday.", "Police came."]),
    ("It ended at 5 p.m. The crowd left.", &["It ended at 5 p.m.", "The crowd left."]),
    ("Acme Inc. and Foo Corp. merged with Bar Co. Ltd. today.", &["Acme Inc. and Foo Corp. merged with Bar Co. Ltd. today."]),
    ("Martin Luther King Jr. spoke.", &["Martin Luther King Jr. spoke."]),
    ("Guns, tanks, etc. were seized.", &["Guns, tanks, etc. were seized."]),
    ("He lives at No. 10 Downing Street.", &["He lives at No. 10 Downing Street."]),
    ("She said no. Then she left.", &["She said no.", "Then she left."]),
    // 5. numbers and money
    ("Growth was 3.5 percent. It fell.", &["Growth was 3.5 percent.", "It fell."]),
    ("Iraq wants $1.2bn up front. Talks continue.", &["Iraq wants $1.2bn up front.", "Talks continue."]),
    ("The toll rose in 2019. 2020 was worse.", &["The toll rose in 2019.", "2020 was worse."]),
    ("She has a Ph.D. in law, i.e. a doctorate. It helps.", &["She has a Ph.D. in law, i.e. a doctorate.", "It helps."]),
    ("Visit https://x.com. Next one.", &["Visit https://x.com.", "Next one."]),
    ("Shares of Acme Inc. Analysts said so.", &["Shares of Acme Inc. Analysts said so."]),
    // 6. ellipses
    ("He paused... then went on.", &["He paused... then went on."]),
    ("He paused... Then he went on.", &["He paused...", "Then he went on."]),
    ("Wait… Nothing happened.", &["Wait…", "Nothing happened."]),
    // 7. quotes and brackets after the stop
    ("\"We will fight,\" he said. \"We will win.\" The crowd cheered.", &["\"We will fight,\" he said.", "\"We will win.\"", "The crowd cheered."]),
    ("“We will win.” The crowd cheered.", &["“We will win.”", "The crowd cheered."]),
    ("\"Why?\" he asked. Nobody knew.", &["\"Why?\" he asked.", "Nobody knew."]),
    ("(It was late.) They slept.", &["(It was late.)", "They slept."]),
    ("He said it was 'over.' She disagreed.", &["He said it was 'over.'", "She disagreed."]),
    // 8. lowercase continuation after a period
    ("The approx. figure is e.g. ten.", &["The approx. figure is e.g. ten."]),
    // 9. paragraphs and lines
    ("First para without stop\n\nSecond para.", &["First para without stop", "Second para."]),
    ("Headline Here\nThe story begins here. It goes on.", &["Headline Here", "The story begins here.", "It goes on."]),
    ("Syria talks collapse\nDiplomats left Geneva on Friday.", &["Syria talks collapse", "Diplomats left Geneva on Friday."]),
    ("KYIV, Ukraine (AP) — Russian forces shelled the city on Monday.", &["KYIV, Ukraine (AP) — Russian forces shelled the city on Monday."]),
    ("KYIV, Ukraine (AP) —\nRussian forces shelled the city.", &["KYIV, Ukraine (AP) —\nRussian forces shelled the city."]),
    ("WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday.", &["WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday."]),
    ("Line one.\r\n\r\nLine two.", &["Line one.", "Line two."]),
    (
        "Syria talks collapse\nDiplomats left Geneva on Friday after the two sides\nfailed to agree on an agenda for the talks, officials\nsaid. Both sides blamed the other.",
        &["Syria talks collapse", "Diplomats left Geneva on Friday after the two sides\nfailed to agree on an agenda for the talks, officials\nsaid.", "Both sides blamed the other."],
    ),
    (
        "Diplomats left Geneva on Friday after the two sides\nfailed to agree on an agenda for the talks, United\nNations officials said.",
        &["Diplomats left Geneva on Friday after the two sides\nfailed to agree on an agenda for the talks, United\nNations officials said."],
    ),
    // 10. hard-wrapped all-caps wire copy (MUC-4 style)
    (
        "THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50\nPEASANTS OF VARIOUS AGES HAVE BEEN KIDNAPPED BY TERRORISTS OF THE\nFARABUNDO MARTI NATIONAL LIBERATION FRONT (FMLN) IN SAN MIGUEL\nDEPARTMENT.  ACCORDING TO THAT GARRISON, THE MASS KIDNAPPING TOOK PLACE ON\n30 DECEMBER IN SAN LUIS DE LA REINA.\n\n   MEANWHILE, THREE SUBVERSIVES WERE KILLED.",
        &[
            "THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50\nPEASANTS OF VARIOUS AGES HAVE BEEN KIDNAPPED BY TERRORISTS OF THE\nFARABUNDO MARTI NATIONAL LIBERATION FRONT (FMLN) IN SAN MIGUEL\nDEPARTMENT.",
            "ACCORDING TO THAT GARRISON, THE MASS KIDNAPPING TOOK PLACE ON\n30 DECEMBER IN SAN LUIS DE LA REINA.",
            "MEANWHILE, THREE SUBVERSIVES WERE KILLED.",
        ],
    ),
    (
        "THE SALVADORAN ARMY TODAY\nPREVENTED THE OCCUPATION OF CITIES IN THE EASTERN PART OF EL SALVADOR,\nACCORDING TO REPORTS BY MILITARY SOURCES.",
        &["THE SALVADORAN ARMY TODAY\nPREVENTED THE OCCUPATION OF CITIES IN THE EASTERN PART OF EL SALVADOR,\nACCORDING TO REPORTS BY MILITARY SOURCES."],
    ),
    (
        "THE\nDEPLOYMENT OF U.S.  SHIPS, INCLUDING THE AIRCRAFT CARRIER \"JOHN F.\nKENNEDY\" AND THE CORVETTE, COULD BE THE RESULT OF THREE\nPOLICIES:\n\n   FIRST, THAT.",
        &[
            "THE\nDEPLOYMENT OF U.S.  SHIPS, INCLUDING THE AIRCRAFT CARRIER \"JOHN F.\nKENNEDY\" AND THE CORVETTE, COULD BE THE RESULT OF THREE\nPOLICIES:",
            "FIRST, THAT.",
        ],
    ),
    ("MILITARY DETACHMENT NO.4 REPORTED A CLASH. IT ENDED.", &["MILITARY DETACHMENT NO.4 REPORTED A CLASH.", "IT ENDED."]),
    ("THE U.S. THE END.", &["THE U.S.", "THE END."]),
    // 11. wire-style sentences
    (
        "Baghdad has asked for a $10bn (£7.6bn) fee up front, then $1bn per annum. The US state department did not respond.",
        &["Baghdad has asked for a $10bn (£7.6bn) fee up front, then $1bn per annum.", "The US state department did not respond."],
    ),
    (
        "Syria’s north-east is a “volcano”, one former senior US official said. Isis remains a threat.",
        &["Syria’s north-east is a “volcano”, one former senior US official said.", "Isis remains a threat."],
    ),
    ("1. The first point.\n2. The second point.", &["1. The first point.", "2. The second point."]),
    ("Emoji 😀 here! مرحبا بالعالم. Done.", &["Emoji 😀 here!", "مرحبا بالعالم.", "Done."]),
];

#[test]
fn split_cases() {
    assert!(CASES.len() >= 40, "{} cases", CASES.len());
    let mut failed = Vec::new();
    for (text, want) in CASES {
        let got: Vec<&str> = split_sentences(text).iter().map(|&(a, b)| &text[a..b]).collect();
        if got != *want {
            failed.push(format!("input: {text:?}\n  want: {want:?}\n  got:  {got:?}"));
        }
    }
    assert!(failed.is_empty(), "{} of {} cases failed:\n{}", failed.len(), CASES.len(), failed.join("\n"));
}
