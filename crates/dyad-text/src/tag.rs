//! The Penn Treebank part-of-speech tag set, as used by the XPOS column of
//! the Universal Dependencies English treebanks (EWT, GUM).

use std::fmt;

/// A Penn Treebank tag, stored as an index into [`Tag::NAMES`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Tag(pub u8);

macro_rules! tags {
    ($($konst:ident = $name:literal),* $(,)?) => {
        #[allow(missing_docs)]
        impl Tag {
            /// Every tag name, in index order.
            pub const NAMES: &'static [&'static str] = &[$($name),*];
            tags!(@consts 0u8; $($konst),*);
        }
    };
    (@consts $i:expr; $konst:ident $(, $rest:ident)*) => {
        pub const $konst: Tag = Tag($i);
        tags!(@consts $i + 1u8; $($rest),*);
    };
    (@consts $i:expr;) => {};
}

tags! {
    XX = "XX", CC = "CC", CD = "CD", DT = "DT", EX = "EX", FW = "FW", IN = "IN",
    JJ = "JJ", JJR = "JJR", JJS = "JJS", LS = "LS", MD = "MD", NN = "NN",
    NNS = "NNS", NNP = "NNP", NNPS = "NNPS", PDT = "PDT", POS = "POS",
    PRP = "PRP", PRPS = "PRP$", RB = "RB", RBR = "RBR", RBS = "RBS", RP = "RP",
    SYM = "SYM", TO = "TO", UH = "UH", VB = "VB", VBD = "VBD", VBG = "VBG",
    VBN = "VBN", VBP = "VBP", VBZ = "VBZ", WDT = "WDT", WP = "WP", WPS = "WP$",
    WRB = "WRB", COMMA = ",", PERIOD = ".", COLON = ":", LQUOTE = "``",
    RQUOTE = "''", LRB = "-LRB-", RRB = "-RRB-", HASH = "#", DOLLAR = "$",
    HYPH = "HYPH", NFP = "NFP", ADD = "ADD", AFX = "AFX", GW = "GW",
}

impl Tag {
    /// The tag with this name, if it is one.
    pub fn from_name(name: &str) -> Option<Tag> {
        Tag::NAMES.iter().position(|&n| n == name).map(|i| Tag(i as u8))
    }
    /// The tag's Penn Treebank name.
    pub fn name(self) -> &'static str {
        Tag::NAMES.get(self.0 as usize).copied().unwrap_or("XX")
    }
    /// Any verb form (VB, VBD, VBG, VBN, VBP, VBZ).
    pub fn is_verb(self) -> bool {
        matches!(self, Tag::VB | Tag::VBD | Tag::VBG | Tag::VBN | Tag::VBP | Tag::VBZ)
    }
    /// Common or proper noun, singular or plural.
    pub fn is_noun(self) -> bool {
        matches!(self, Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS)
    }
    /// Proper noun.
    pub fn is_proper(self) -> bool {
        matches!(self, Tag::NNP | Tag::NNPS)
    }
    /// Adjective in any degree.
    pub fn is_adjective(self) -> bool {
        matches!(self, Tag::JJ | Tag::JJR | Tag::JJS)
    }
    /// Punctuation of any kind.
    pub fn is_punct(self) -> bool {
        matches!(
            self,
            Tag::COMMA
                | Tag::PERIOD
                | Tag::COLON
                | Tag::LQUOTE
                | Tag::RQUOTE
                | Tag::LRB
                | Tag::RRB
                | Tag::HYPH
                | Tag::NFP
        )
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, name) in Tag::NAMES.iter().enumerate() {
            assert_eq!(Tag::from_name(name), Some(Tag(i as u8)), "{name}");
            assert_eq!(Tag(i as u8).name(), *name);
        }
        assert_eq!(Tag::VBD.name(), "VBD");
        assert_eq!(Tag::PRPS.name(), "PRP$");
        assert!(Tag::from_name("NOPE").is_none());
    }
}
