//! Factuality and attribution of a matched event: negated, intended,
//! hypothetical or asserted; reported (and by whom) or not.

use dyad_text::Tag;
use dyad_types::Mode;

use crate::patterns::{Match, Matcher};

/// How far left of the trigger the verb group may reach when the event has
/// no subject right before it.
const GROUP_WINDOW: usize = 6;

/// How far before the trigger a denial ("denied that it had") reaches.
const DENY_WINDOW: usize = 5;

impl Matcher<'_> {
    fn cue_in(&self, section: &str, from: usize, to: usize) -> bool {
        let Some(table) = self.dict.modality.section(section) else { return false };
        // Cue words inside actor names do not count: "Theresa May signed".
        (from..to)
            .any(|i| !self.is_in_mention(i) && table.longest_at(self.tokens, i).is_some_and(|(n, _)| i + n <= to + 1))
    }

    /// True when a cue of `section` stands in `from..to` that is not one of
    /// the matched pattern's own words: a pattern that writes the negation
    /// or the modal (`will not ~attack`, PETRARCH-1's `&NEGATVAUXVRB *`
    /// [904]) has coded it already, and its event is asserted under that
    /// code.
    fn cue_outside(&self, section: &str, from: usize, to: usize, consumed: &[usize]) -> bool {
        let Some(table) = self.dict.modality.section(section) else { return false };
        (from..to).any(|i| {
            !self.is_in_mention(i)
                && table
                    .longest_at(self.tokens, i)
                    .is_some_and(|(n, _)| i + n <= to + 1 && !(i..i + n).all(|k| consumed.contains(&k)))
        })
    }

    /// The factuality of a match, from the words of its verb group and of
    /// its clause.
    ///
    /// The flag is true when a refusal ("refused to", "declined to")
    /// governs the event, which then becomes a REJECT event where
    /// `reject.txt` has a code for it.
    pub fn mode(&self, m: &Match<'_>) -> (Mode, bool) {
        let t = m.trigger;
        let from = if m.group_start < t && t - m.group_start <= GROUP_WINDOW + 2 {
            m.group_start
        } else {
            t.saturating_sub(GROUP_WINDOW.min(3))
        };
        if self.cue_in("refuse", from, t) {
            return (Mode::Negated, true);
        }
        // "denied attacking", "denied that it had attacked": the denial
        // sits just before the event's clause.
        if self.cue_in("deny", t.saturating_sub(DENY_WINDOW), t) {
            return (Mode::Negated, false);
        }
        let mode = if m.controlled && self.accused(t).is_none() {
            // Asked or urged to do it: not done.
            Mode::Hypothetical
        } else if self.cue_outside("negate", from, t, &m.consumed) {
            Mode::Negated
        } else if self.in_conditional(t) {
            Mode::Hypothetical
        } else if self.cue_outside("intend", from, t, &m.consumed) || self.headline_infinitive(m) {
            Mode::Intended
        } else if self.cue_outside("hypothetical", from, t, &m.consumed) {
            Mode::Hypothetical
        } else {
            Mode::Asserted
        };
        (mode, false)
    }

    /// True when the sentence (up to a semicolon) is conditional: "If the
    /// talks fail, Israel will attack" makes both clauses hypothetical.
    fn in_conditional(&self, t: usize) -> bool {
        let start = self.tokens[..t].iter().rposition(|x| x.lower == ";").map_or(0, |p| p + 1);
        let end = self.tokens[t..].iter().position(|x| x.lower == ";").map_or(self.tokens.len(), |p| t + p);
        let table = self.dict.modality.section("conditional");
        (start..end).filter(|&i| i != t).any(|i| match table {
            Some(tb) => tb.longest_at(self.tokens, i).is_some(),
            None => matches!(self.tokens[i].lower.as_str(), "if" | "unless"),
        })
    }

    /// "EU to impose sanctions on Iran": a headline's bare infinitive right
    /// after its subject announces a plan.
    fn headline_infinitive(&self, m: &Match<'_>) -> bool {
        let t = m.trigger;
        t >= 2
            && self.tokens[t - 1].lower == "to"
            && !m.controlled
            && m.source.is_some_and(|s| {
                self.mentions.iter().filter(|x| x.group == self.mentions[s].group).map(|x| x.end).max() == Some(t - 1)
            })
    }

    /// Whether the event is reported, and the speaker mention if one is
    /// named: "X said Y attacked Z", "Y attacked Z, X said", "according to
    /// X, ...".
    pub fn attribution(&self, m: &Match<'_>) -> Option<Option<usize>> {
        let t = m.trigger;
        // "Ukraine accused Russia of shelling ...": the accuser's claim.
        if let Some(obj) = self.accused(t) {
            return Some(self.subject_before(self.mentions[obj].start));
        }
        // "Russia denied attacking ...": the speaker is the event's own subject.
        if t > 0 && self.report_verbs[t - 1] && self.tokens[t].tag == Tag::VBG {
            return Some(m.source);
        }
        let left_edge = m.source.map(|s| self.mentions[s].start.min(t)).unwrap_or(t);
        // A verb of saying before the event's clause.
        let mut i = left_edge;
        while i > 0 {
            i -= 1;
            let w = self.tokens[i].lower.as_str();
            if w == ";" {
                break;
            }
            if self.report_verbs[i] && i != t {
                // The speaker is the subject of the verb of saying (what
                // follows it is the reported clause), or follows "according
                // to".
                if self.tokens[i].lower == "according" {
                    return Some(self.mention_after(i + 2));
                }
                return Some(self.subject_before(i));
            }
        }
        // A trailing attribution: ", X said" or ", said X".
        let end = m.consumed.iter().copied().chain([t]).max().unwrap_or(t);
        let mut saw_break = false;
        for i in end + 1..self.tokens.len() {
            let tok = &self.tokens[i];
            if tok.lower == "," || matches!(tok.tag, Tag::RQUOTE | Tag::LQUOTE) || tok.lower == "\"" {
                saw_break = true;
            }
            if tok.lower == ";" {
                break;
            }
            if self.report_verbs[i] && saw_break {
                let speaker = self.mention_ending_at(i).or_else(|| self.mention_after(i + 1));
                return Some(speaker);
            }
        }
        // "according to X"
        for i in 0..self.tokens.len().saturating_sub(1) {
            if self.tokens[i].lower == "according" && self.tokens[i + 1].lower == "to" {
                return Some(self.mention_after(i + 2));
            }
        }
        None
    }

    /// The mention that starts within two tokens after `pos`.
    fn mention_after(&self, pos: usize) -> Option<usize> {
        self.mentions.iter().position(|x| x.start >= pos && x.start <= pos + 2)
    }

    /// The mention that ends right before `pos` (allowing an adverb).
    fn mention_ending_at(&self, pos: usize) -> Option<usize> {
        self.mentions.iter().rposition(|x| x.end <= pos && x.end + 2 >= pos)
    }
}
