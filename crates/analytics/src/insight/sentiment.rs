//! Lexicon-based sentiment of English notes and e-mails, after VADER's rules (Hutto & Gilbert,
//! 2014) in this engine's own implementation: word valences from `lexicon`, negation within
//! three tokens before a word (a clause's punctuation ends it), boosters and dampeners with
//! distance decay, ALL-CAPS emphasis, "but"/"however" contrast, exclamation marks; the sum
//! normalised to a compound score in [−1, 1] by `s / √(s² + 15)`. Only + − × ÷ and `sqrt`
//! touch the numbers, so the score is the same natively and in wasm. Each scored word is kept
//! with the rules that changed it, so a score explains itself.

use super::lexicon::{lexicon, negates, BOOSTERS, CONTRAST, DAMPENERS};
use crate::insight::dto::{DriverDto, SentimentDto};
use spm_base::error::{Diagnostic, Error, Result};
use spm_base::fmt::float;
use spm_base::limits::{self, MAX_NOTE_CHARS};

/// A booster's increment (VADER's `B_INCR`).
pub const BOOST: f64 = 0.293;
/// ALL-CAPS emphasis (VADER's `C_INCR`).
pub const CAPS: f64 = 0.733;
/// A negated word's factor (VADER's `N_SCALAR`).
pub const NEGATE: f64 = -0.74;
/// Weight of words before a contrast word.
pub const BEFORE_BUT: f64 = 0.5;
/// Weight of words after it.
pub const AFTER_BUT: f64 = 1.5;
/// Added per exclamation mark, at most four.
pub const EXCLAIM: f64 = 0.292;
/// The normalisation constant α of `s / √(s² + α)`.
pub const ALPHA: f64 = 15.0;
/// A compound at or above this is positive.
pub const POSITIVE: f64 = 0.05;
/// A compound at or below this is negative.
pub const NEGATIVE: f64 = -0.05;
/// Tokens before a word that negation and boosters reach.
pub const SCOPE: usize = 3;

/// A text's score, unformatted.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// In [−1, 1].
    pub compound: f64,
    /// The sum it normalises.
    pub sum: f64,
    /// The words that moved it.
    pub drivers: Vec<Driver>,
}

/// A scored word.
#[derive(Debug, Clone, PartialEq)]
pub struct Driver {
    /// As written.
    pub word: String,
    /// Token position.
    pub position: usize,
    /// Lexicon valence.
    pub base: f64,
    /// After the rules.
    pub valence: f64,
    /// The rules applied, in words.
    pub rules: Vec<String>,
}

struct Token<'a> {
    raw: &'a str,
    lower: String,
    /// A clause break (. , ; : ! ? or a dash) right before this token.
    break_before: bool,
}

fn clause_mark(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '—' | '–' | '(' | ')')
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    let mut pending_break = false;
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'));
        let word = word.trim_matches(|c: char| c == '\'' || c == '’' || c == '-');
        let starts = raw.chars().next().is_some_and(clause_mark);
        if word.is_empty() {
            pending_break |= raw.chars().any(clause_mark) || raw == "-";
            continue;
        }
        let lower = word.to_lowercase().replace('’', "'");
        out.push(Token { raw: word, lower, break_before: pending_break || starts });
        pending_break = raw.chars().last().is_some_and(clause_mark);
    }
    out
}

fn all_caps(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

fn sign(v: f64) -> f64 {
    if v < 0.0 {
        -1.0
    } else {
        1.0
    }
}

/// Scores a text.
pub fn score(text: &str) -> Score {
    let toks = tokens(text);
    let lex = lexicon();
    // ALL CAPS counts as emphasis only when the text is not shouting throughout.
    let mixed = toks.iter().any(|t| !all_caps(t.raw)) && toks.iter().any(|t| all_caps(t.raw));
    let contrast = toks.iter().position(|t| CONTRAST.contains(&t.lower.as_str()));
    let mut drivers = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(t) = toks.get(i) else { break };
        let next = toks.get(i + 1).filter(|n| !n.break_before);
        let phrase = next.and_then(|n| lex.get_key_value(format!("{} {}", t.lower, n.lower).as_str()));
        let (word, base, width) = match phrase {
            Some((_, v)) => (format!("{} {}", t.raw, next.map_or("", |n| n.raw)), *v, 2),
            None => match lex.get(t.lower.as_str()) {
                Some(v) => (t.raw.to_string(), *v, 1),
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        let mut v = base;
        let mut rules = Vec::new();
        if mixed && all_caps(t.raw) {
            v += sign(v) * CAPS;
            rules.push("ALL CAPS".to_string());
        }
        // Modifiers before the word, nearest first, up to the scope or a clause break.
        let mut k = 1;
        while k <= SCOPE && k <= i {
            if toks.get(i - k + 1).is_some_and(|x| x.break_before) {
                break;
            }
            let Some(m) = toks.get(i - k) else { break };
            let decay = match k {
                1 => 1.0,
                2 => 0.95,
                _ => 0.9,
            };
            let w = m.lower.as_str();
            let step = if BOOSTERS.contains(&w) {
                Some((BOOST, "boosted by"))
            } else if DAMPENERS.contains(&w) {
                Some((-BOOST, "dampened by"))
            } else {
                None
            };
            if let Some((inc, what)) = step {
                let mut scalar = inc * sign(v);
                if mixed && all_caps(m.raw) {
                    scalar += sign(inc) * sign(v) * CAPS;
                }
                v += scalar * decay;
                rules.push(format!("{what} {}", m.raw));
            }
            k += 1;
        }
        let mut k = 1;
        while k <= SCOPE && k <= i {
            if toks.get(i - k + 1).is_some_and(|x| x.break_before) {
                break;
            }
            let Some(m) = toks.get(i - k) else { break };
            if negates(&m.lower) {
                v *= NEGATE;
                rules.push(format!("negated by {}", m.raw));
            }
            k += 1;
        }
        if let Some(c) = contrast {
            if i < c {
                v *= BEFORE_BUT;
                rules.push(format!("before {}", toks.get(c).map_or("but", |x| x.raw)));
            } else if i > c {
                v *= AFTER_BUT;
                rules.push(format!("after {}", toks.get(c).map_or("but", |x| x.raw)));
            }
        }
        drivers.push(Driver { word, position: i, base, valence: v, rules });
        i += width;
    }
    let mut sum = 0.0;
    for d in &drivers {
        sum += d.valence;
    }
    let bangs = text.chars().filter(|c| *c == '!').count().min(4);
    if sum != 0.0 && bangs > 0 {
        sum += sign(sum) * EXCLAIM * bangs as f64;
    }
    let compound = if sum == 0.0 { 0.0 } else { sum / (sum * sum + ALPHA).sqrt() };
    Score { compound, sum, drivers }
}

/// `positive`, `neutral` or `negative` by the thresholds.
pub fn label(compound: f64) -> &'static str {
    if compound >= POSITIVE {
        "positive"
    } else if compound <= NEGATIVE {
        "negative"
    } else {
        "neutral"
    }
}

/// A text's score in the wire format. Scoring is linear in the text; a text is at most
/// [`MAX_NOTE_CHARS`] characters, as a deal's note is.
///
/// # Errors
/// `LIMIT_EXCEEDED` at `text` for a longer text, naming its length.
pub fn sentiment(text: &str) -> Result<SentimentDto> {
    if let Some(d) = too_long("text", text) {
        return Err(Error::from_diagnostics(vec![d]));
    }
    Ok(to_dto(&score(text)))
}

/// The `LIMIT_EXCEEDED` diagnostic at `path` for a text scored for sentiment that is longer
/// than [`MAX_NOTE_CHARS`] characters (the length is counted only when its bytes could pass it).
pub(crate) fn too_long(path: &str, text: &str) -> Option<Diagnostic> {
    limits::check_chars(
        path,
        "characters in a text scored for sentiment",
        text,
        MAX_NOTE_CHARS,
        "score a shorter text: split a long one into notes",
    )
    .err()
    .and_then(|e| e.diagnostics.into_iter().next())
}

/// A score in the wire format.
pub(crate) fn to_dto(s: &Score) -> SentimentDto {
    SentimentDto {
        compound: float(s.compound, 4),
        label: label(s.compound).to_string(),
        sum: float(s.sum, 4),
        drivers: s
            .drivers
            .iter()
            .map(|d| DriverDto {
                word: d.word.clone(),
                position: d.position,
                base: float(d.base, 1),
                valence: float(d.valence, 4),
                rules: d.rules.clone(),
            })
            .collect(),
    }
}

/// The recency weight of a note `age` days old: `h / (h + age)`, so a note `h` days old
/// weighs half as much as today's (hyperbolic decay: only a division, no exponential).
pub fn weight(age: i64, half_life: u32) -> f64 {
    let h = f64::from(half_life);
    h / (h + age.max(0) as f64)
}

/// The recency-weighted mean of (compound, age) pairs; `None` without notes.
pub fn aggregate(scores: &[(f64, i64)], half_life: u32) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for (c, age) in scores {
        let w = weight(*age, half_life);
        num += w * c;
        den += w;
    }
    (den > 0.0).then(|| num / den)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vader_reference_values() {
        // good: 1.9 / √(1.9² + 15) = 1.9 / √18.61 = 0.4404 (VADER gives 0.4404 too).
        assert_eq!(sentiment("good").unwrap().compound, "0.4404");
        // not good: 1.9 × −0.74 = −1.406; −1.406 / √(1.976836 + 15) = −0.3412.
        assert_eq!(sentiment("not good").unwrap().compound, "-0.3412");
        assert_eq!(sentiment("").unwrap().compound, "0.0000");
        assert_eq!(sentiment("the call is on Tuesday").unwrap().label, "neutral");
    }

    #[test]
    fn a_text_over_the_limit_is_refused_with_its_length() {
        // 10 MB took 17 s to score; the limit is counted in characters, not bytes.
        let e = sentiment(&"great deal ".repeat(1_000_000)).unwrap_err();
        assert_eq!(e.code, spm_base::Code::LimitExceeded);
        assert_eq!(e.diagnostics[0].path, "text");
        assert!(e.diagnostics[0].message.ends_with("11000000 is above the limit of 10000"), "{}", e.message);
        assert!(sentiment(&"é".repeat(MAX_NOTE_CHARS)).is_ok());
        assert!(sentiment(&"é".repeat(MAX_NOTE_CHARS + 1)).is_err());
    }

    #[test]
    fn punctuation_ends_negation_scope() {
        // "not, good": the comma ends the scope, so good keeps its sign.
        assert_eq!(sentiment("not. Good").unwrap().compound, "0.4404");
        assert!(score("they did not sign, great news").compound > 0.0);
    }

    #[test]
    fn phrases_and_caps() {
        let s = score("Project is on hold");
        assert_eq!(s.drivers.len(), 1);
        assert_eq!(s.drivers[0].word, "on hold");
        assert!(score("This is GREAT news").compound > score("This is great news").compound);
        // Shouting throughout is not emphasis.
        assert_eq!(score("THIS IS GREAT").compound, score("this is great").compound);
    }
}
