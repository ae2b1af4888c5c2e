//! The lookup key of a place name.
//!
//! News text and GeoNames spell the same place in many ways: "Kyiv", "KYIV",
//! "Kyïv"; "Luhans'k", "Luhans’k", "Luhansk"; "Rostov-on-Don", "Rostov on
//! Don"; "the Gaza Strip". [`name_key`] maps all of these to one key so that a
//! hash lookup finds them. It is deliberately lossy; callers keep the original
//! text for display.

/// Normalised lookup key of a place name.
///
/// Lower case; Latin diacritics folded (`é`→`e`, `ł`→`l`, `ß`→`ss`);
/// apostrophes, periods and commas dropped; hyphens, dashes, slashes and runs
/// of white space become one space; a leading "the " is dropped. Letters of
/// other scripts are kept (lower-cased). Never panics; may return "".
///
/// ```
/// use dyad_geo::name_key;
/// assert_eq!(name_key("Luhans’k"), "luhansk");
/// assert_eq!(name_key("Kyïv"), "kyiv");
/// assert_eq!(name_key("Rostov-on-Don"), "rostov on don");
/// assert_eq!(name_key("the Gaza  Strip"), "gaza strip");
/// assert_eq!(name_key("Washington, D.C."), "washington dc");
/// ```
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    name_key_into(name, &mut out);
    out
}

/// [`name_key`] written into `out` (cleared first), to reuse one buffer.
pub fn name_key_into(name: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for ch in name.chars() {
        if ch.is_ascii() {
            match ch {
                'A'..='Z' | 'a'..='z' | '0'..='9' => {
                    push_sep(out, &mut pending_space);
                    out.push(ch.to_ascii_lowercase());
                }
                '\'' | '.' | ',' | '`' | '"' => {}
                _ => pending_space = true,
            }
            continue;
        }
        if is_dropped(ch) {
            continue;
        }
        if is_separator(ch) {
            pending_space = true;
            continue;
        }
        push_sep(out, &mut pending_space);
        match fold_char(ch) {
            Some(s) => out.push_str(s),
            None => out.extend(ch.to_lowercase()),
        }
    }
    if out.len() > 4 && out.starts_with("the ") {
        out.drain(..4);
    }
}

fn push_sep(out: &mut String, pending_space: &mut bool) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
}

/// Arabic article forms that transliterations write, join or leave out at will
/// ("Al Diwaniyah" / "Diwaniyah", "Deir ez-Zor" / "Deir Ezzor").
const ARTICLES: &[&str] =
    &["al", "el", "ad", "ar", "as", "ash", "an", "at", "az", "ath", "adh", "ed", "es", "et", "ez", "ul"];

/// Looser forms of a [`name_key`] for a fallback lookup: the key with its
/// spaces removed and, if it starts with an Arabic article, the rest with
/// spaces removed if that has five bytes or more. Forms shorter than three
/// bytes are left out.
pub fn compact_keys(key: &str) -> impl Iterator<Item = String> {
    let (mut joined, mut bare) = (String::new(), String::new());
    let forms = compact_keys_into(key, &mut joined, &mut bare);
    [joined, bare].into_iter().take(forms)
}

/// [`compact_keys`] into reusable buffers; returns how many forms (0 to 2)
/// were written, `joined` first.
pub(crate) fn compact_keys_into(key: &str, joined: &mut String, bare: &mut String) -> usize {
    joined.clear();
    bare.clear();
    joined.extend(key.chars().filter(|&c| c != ' '));
    if let Some((first, rest)) = key.split_once(' ') {
        if ARTICLES.contains(&first) {
            bare.extend(rest.chars().filter(|&c| c != ' '));
        }
    }
    let bare_ok = bare.len() >= 5 && bare != joined;
    match (joined.len() >= 3, bare_ok) {
        (true, true) => 2,
        (true, false) => 1,
        (false, true) => {
            std::mem::swap(joined, bare);
            1
        }
        (false, false) => 0,
    }
}

/// Combining marks and apostrophe-like characters vanish from keys.
fn is_dropped(ch: char) -> bool {
    matches!(
        ch,
        '\u{0300}'
            ..='\u{036F}'           // combining diacritics (decomposed input)
        | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{02BB}' | '\u{02B9}'
        | '\u{02BE}' | '\u{02BF}' | '\u{00B4}' | '\u{2032}' | '\u{201C}' | '\u{201D}'
        | '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}'
    )
}

/// Dashes and non-ASCII spaces separate words.
fn is_separator(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{00B7}' | '\u{2027}')
}

/// ASCII replacement of a Latin letter with a diacritic, lower case.
fn fold_char(ch: char) -> Option<&'static str> {
    Some(match ch {
        'À'..='Å'
        | 'à'..='å'
        | 'Ā'
        | 'ā'
        | 'Ă'
        | 'ă'
        | 'Ą'
        | 'ą'
        | 'Ǎ'
        | 'ǎ'
        | 'Ạ'
        | 'ạ'
        | 'Ả'
        | 'ả'
        | 'Ấ'
        | 'ấ'
        | 'Ầ'
        | 'ầ'
        | 'Ẩ'
        | 'ẩ'
        | 'Ẫ'
        | 'ẫ'
        | 'Ậ'
        | 'ậ'
        | 'Ắ'
        | 'ắ'
        | 'Ằ'
        | 'ằ'
        | 'Ẳ'
        | 'ẳ'
        | 'Ẵ'
        | 'ẵ'
        | 'Ặ'
        | 'ặ'
        | 'Ǻ'
        | 'ǻ' => "a",
        'Æ' | 'æ' | 'Ǽ' | 'ǽ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' | 'Ḍ' | 'ḍ' => "d",
        'È'..='Ë'
        | 'è'..='ë'
        | 'Ē'
        | 'ē'
        | 'Ĕ'
        | 'ĕ'
        | 'Ė'
        | 'ė'
        | 'Ę'
        | 'ę'
        | 'Ě'
        | 'ě'
        | 'Ẹ'
        | 'ẹ'
        | 'Ẻ'
        | 'ẻ'
        | 'Ẽ'
        | 'ẽ'
        | 'Ế'
        | 'ế'
        | 'Ề'
        | 'ề'
        | 'Ể'
        | 'ể'
        | 'Ễ'
        | 'ễ'
        | 'Ệ'
        | 'ệ'
        | 'Ə'
        | 'ə' => "e",
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' | 'Ǧ' | 'ǧ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' | 'Ḥ' | 'ḥ' | 'Ḩ' | 'ḩ' => "h",
        'Ì'..='Ï'
        | 'ì'..='ï'
        | 'Ĩ'
        | 'ĩ'
        | 'Ī'
        | 'ī'
        | 'Ĭ'
        | 'ĭ'
        | 'Į'
        | 'į'
        | 'İ'
        | 'ı'
        | 'Ǐ'
        | 'ǐ'
        | 'Ị'
        | 'ị'
        | 'Ỉ'
        | 'ỉ' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' | 'Ḳ' | 'ḳ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' | 'Ŋ' | 'ŋ' | 'Ṇ' | 'ṇ' => "n",
        'Ò'..='Ö'
        | 'Ø'
        | 'ò'..='ö'
        | 'ø'
        | 'Ō'
        | 'ō'
        | 'Ŏ'
        | 'ŏ'
        | 'Ő'
        | 'ő'
        | 'Ơ'
        | 'ơ'
        | 'Ǒ'
        | 'ǒ'
        | 'Ọ'
        | 'ọ'
        | 'Ỏ'
        | 'ỏ'
        | 'Ố'
        | 'ố'
        | 'Ồ'
        | 'ồ'
        | 'Ổ'
        | 'ổ'
        | 'Ỗ'
        | 'ỗ'
        | 'Ộ'
        | 'ộ'
        | 'Ớ'
        | 'ớ'
        | 'Ờ'
        | 'ờ'
        | 'Ở'
        | 'ở'
        | 'Ỡ'
        | 'ỡ'
        | 'Ợ'
        | 'ợ'
        | 'Ǫ'
        | 'ǫ' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' | 'Ṛ' | 'ṛ' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' | 'Ṣ' | 'ṣ' => "s",
        'ß' | 'ẞ' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' | 'Ṭ' | 'ṭ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'
        | 'ũ'
        | 'Ū'
        | 'ū'
        | 'Ŭ'
        | 'ŭ'
        | 'Ů'
        | 'ů'
        | 'Ű'
        | 'ű'
        | 'Ų'
        | 'ų'
        | 'Ư'
        | 'ư'
        | 'Ǔ'
        | 'ǔ'
        | 'Ǖ'
        | 'ǖ'
        | 'Ǘ'
        | 'ǘ'
        | 'Ǚ'
        | 'ǚ'
        | 'Ǜ'
        | 'ǜ'
        | 'Ụ'
        | 'ụ'
        | 'Ủ'
        | 'ủ'
        | 'Ứ'
        | 'ứ'
        | 'Ừ'
        | 'ừ'
        | 'Ử'
        | 'ử'
        | 'Ữ'
        | 'ữ'
        | 'Ự'
        | 'ự' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' | 'Ŷ' | 'ŷ' | 'Ỳ' | 'ỳ' | 'Ỹ' | 'ỹ' | 'Ỵ' | 'ỵ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' | 'Ẓ' | 'ẓ' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn folds_spellings_together() {
        for (a, b) in [
            ("Kyïv", "KYIV"),
            ("Luhans'k", "Luhansk"),
            ("Luhans’k", "luhansk"),
            ("Zaporizhzhia", "ZAPORIZHZHIA"),
            ("Düsseldorf", "Dusseldorf"),
            ("Łódź", "Lodz"),
            ("Kraków", "Krakow"),
            ("Ürümqi", "Urumqi"),
            ("Khān Yūnis", "Khan Yunis"),
            ("İzmir", "Izmir"),
            ("Şanlıurfa", "Sanliurfa"),
            ("Bà Rịa", "Ba Ria"),
            ("Rostov–on–Don", "rostov on don"),
            ("St. Petersburg", "St Petersburg"),
            ("Côte d’Ivoire", "Cote dIvoire"),
            ("The Hague", "Hague"),
            ("Kyi\u{0308}v", "Kyiv"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} vs {b}");
        }
    }

    #[test]
    fn compact_keys_join_words_and_drop_articles() {
        let forms = |s: &str| super::compact_keys(&name_key(s)).collect::<Vec<_>>();
        assert_eq!(forms("Deir ez-Zor"), ["deirezzor"]);
        assert_eq!(forms("Deir Ezzor"), ["deirezzor"]);
        assert_eq!(forms("Al Diwaniyah"), ["aldiwaniyah", "diwaniyah"]);
        assert_eq!(forms("Diwaniyah"), ["diwaniyah"]);
        assert!(forms("al").is_empty() || forms("al") == ["al"][..0]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in ["", " ", "the", "the ", "—", "'''", "\u{0308}", "東京", "Москва", "a\u{0}b"] {
            let _ = name_key(s);
        }
        assert_eq!(name_key("the"), "the");
        assert_eq!(name_key("  --  "), "");
        assert_eq!(name_key("Москва"), "москва");
    }
}
