//! The sentiment lexicon: a few hundred English words and two-word phrases common in sales
//! notes and e-mails, each with a valence from −4 (most negative) to +4 (most positive), on
//! the scale of VADER's lexicon but written for this engine; and the word lists the rules use
//! (boosters, dampeners, negators, contrast words). No external data.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Words and phrases with their valence.
#[rustfmt::skip]
const WORDS: &[(&str, f64)] = &[
    // Positive: outcomes and agreement.
    ("good", 1.9), ("great", 3.1), ("excellent", 3.2), ("amazing", 2.8), ("awesome", 3.1),
    ("fantastic", 3.1), ("wonderful", 2.7), ("outstanding", 3.0), ("perfect", 2.7), ("love", 3.2),
    ("loved", 2.9), ("loves", 2.7), ("liked", 1.8), ("likes", 1.7), ("happy", 2.7), ("pleased", 2.0),
    ("glad", 2.0), ("delighted", 2.9), ("excited", 2.2), ("exciting", 2.2), ("enthusiastic", 2.2),
    ("keen", 1.5), ("eager", 1.5), ("interested", 1.7), ("interest", 1.4), ("impressed", 2.2),
    ("impressive", 2.3), ("positive", 2.0), ("strong", 1.6), ("solid", 1.5), ("promising", 1.8),
    ("encouraging", 1.9), ("optimistic", 1.9), ("confident", 2.0), ("confidence", 1.8), ("agree", 1.5),
    ("agreed", 1.6), ("approved", 2.0), ("approve", 1.8), ("approval", 1.6), ("signed", 1.8),
    ("commit", 1.4), ("committed", 1.8), ("commitment", 1.5), ("win", 2.8), ("won", 2.4),
    ("winning", 2.4), ("success", 2.7), ("successful", 2.6), ("benefit", 1.7), ("benefits", 1.6),
    ("valuable", 2.1), ("value", 1.2), ("helpful", 1.9), ("useful", 1.6), ("easy", 1.7), ("smooth", 1.5),
    ("fast", 1.0), ("quick", 1.0), ("quickly", 0.9), ("ready", 1.2), ("yes", 1.7), ("thanks", 1.9),
    ("thank", 1.5), ("appreciate", 1.8), ("appreciated", 1.9), ("recommend", 1.8), ("recommended", 1.7),
    ("fit", 1.0), ("aligned", 1.4), ("alignment", 1.2), ("support", 1.4), ("supportive", 1.8),
    ("champion", 1.5), ("sponsor", 1.0), ("expand", 1.3), ("expansion", 1.4), ("upsell", 1.3),
    ("upgrade", 1.4), ("grow", 1.4), ("growth", 1.5), ("growing", 1.3), ("progress", 1.5),
    ("progressing", 1.5), ("advance", 1.2), ("accelerate", 1.5), ("accelerated", 1.4),
    ("responsive", 1.6), ("engaged", 1.5), ("engaging", 1.5), ("enjoy", 2.2), ("enjoyed", 2.3),
    ("fun", 2.3), ("nice", 1.8), ("best", 3.2), ("better", 1.9), ("improve", 1.6), ("improved", 1.8),
    ("improvement", 1.6), ("solved", 1.7), ("resolved", 1.7), ("fixed", 1.0), ("clear", 1.2),
    ("opportunity", 1.0), ("opportunities", 1.0), ("savings", 1.4), ("save", 1.2), ("saves", 1.2),
    ("roi", 1.2), ("profitable", 1.9), ("worth", 1.3), ("worthwhile", 1.8), ("favorable", 1.9),
    ("favourable", 1.9), ("welcome", 1.8), ("warm", 1.2), ("friendly", 1.9), ("trust", 1.8),
    ("trusted", 1.8), ("reliable", 1.7), ("secured", 1.6), ("finalize", 1.2), ("finalized", 1.6),
    ("finalised", 1.6), ("booked", 1.3), ("confirmed", 1.5), ("confirm", 1.0), ("buy", 1.0),
    ("purchase", 1.0), ("renew", 1.5), ("renewed", 1.7), ("referral", 1.5), ("praise", 2.4),
    ("praised", 2.4), ("thrilled", 3.0), ("ecstatic", 3.0), ("brilliant", 2.8), ("superb", 3.1),
    ("terrific", 3.0), ("seamless", 1.8), ("effortless", 1.7), ("flexible", 1.4), ("convinced", 1.6),
    ("convincing", 1.7), ("buy-in", 1.6), ("momentum", 1.5), ("traction", 1.4), ("upbeat", 1.8),
    ("ok", 0.9), ("okay", 0.9), ("fine", 0.8), ("sure", 1.0), ("productive", 1.8), ("constructive", 1.6),
    ("collaborative", 1.6), ("receptive", 1.7), ("attentive", 1.5), ("easier", 1.5), ("happier", 2.2),
    ("wins", 2.4), ("succeeded", 2.5), ("thriving", 2.4), ("smoothly", 1.5), ("great-fit", 2.5),
    ("eagerly", 1.5), ("certain", 1.1), ("definitely", 1.2), ("ideal", 2.0), ("fair", 1.3),
    ("reasonable", 1.3), ("affordable", 1.5), ("competitive", 0.9), ("compelling", 2.0),
    ("differentiated", 1.2), ("innovative", 1.8), ("efficient", 1.6), ("effective", 1.7),
    ("satisfied", 1.9), ("satisfaction", 1.8), ("loyal", 1.6), ("advocate", 1.5), ("greenlight", 1.9),
    ("greenlit", 1.9), ("congrats", 2.4), ("congratulations", 2.6), ("celebrate", 2.4),
    // Negative: risk, delay, cost and loss.
    ("expensive", -1.5), ("pricey", -1.2), ("costly", -1.3), ("overpriced", -2.0), ("delay", -1.4),
    ("delayed", -1.5), ("delays", -1.4), ("stalled", -1.8), ("stuck", -1.6), ("concern", -1.2),
    ("concerns", -1.3), ("concerned", -1.3), ("worried", -1.8), ("worry", -1.6), ("worries", -1.6),
    ("risk", -1.2), ("risks", -1.2), ("risky", -1.6), ("objection", -1.2), ("objections", -1.3),
    ("issue", -1.0), ("issues", -1.1), ("problem", -1.6), ("problems", -1.7), ("blocker", -1.8),
    ("blockers", -1.8), ("blocked", -1.6), ("cancel", -1.8), ("cancelled", -2.0), ("canceled", -2.0),
    ("churn", -2.0), ("churned", -2.0), ("lost", -1.8), ("lose", -1.8), ("losing", -1.8), ("loss", -1.8),
    ("unhappy", -2.2), ("frustrated", -2.2), ("frustrating", -2.2), ("frustration", -2.0),
    ("angry", -2.6), ("upset", -2.0), ("disappointed", -2.2), ("disappointing", -2.2),
    ("complaint", -2.0), ("complaints", -2.0), ("complained", -1.9), ("reject", -2.0),
    ("rejected", -2.2), ("declined", -1.8), ("decline", -1.4), ("slow", -1.0), ("slipping", -1.6),
    ("slipped", -1.6), ("postpone", -1.4), ("postponed", -1.5), ("freeze", -1.3), ("frozen", -1.3),
    ("cut", -1.0), ("cuts", -1.1), ("layoffs", -2.2), ("unresponsive", -2.0), ("silent", -1.0),
    ("confused", -1.3), ("confusing", -1.5), ("difficult", -1.4), ("skeptical", -1.4),
    ("sceptical", -1.4), ("hesitant", -1.2), ("hesitation", -1.2), ("doubt", -1.5), ("doubts", -1.5),
    ("unclear", -1.0), ("uncertain", -1.2), ("uncertainty", -1.3), ("reluctant", -1.4), ("bad", -2.5),
    ("poor", -2.1), ("terrible", -3.1), ("awful", -3.1), ("horrible", -3.0), ("worst", -3.1),
    ("worse", -2.1), ("fail", -2.3), ("failed", -2.3), ("failure", -2.6), ("broken", -1.9),
    ("bug", -1.2), ("bugs", -1.3), ("outage", -2.0), ("downtime", -1.5), ("threat", -1.8),
    ("threatened", -2.0), ("escalation", -1.6), ("escalated", -1.5), ("pushback", -1.4),
    ("unfortunately", -1.6), ("sadly", -1.7), ("hate", -2.7), ("hates", -2.6), ("dislike", -1.6),
    ("annoyed", -1.9), ("annoying", -1.9), ("no-show", -1.8), ("late", -1.0), ("overdue", -1.5),
    ("weak", -1.5), ("weakness", -1.4), ("missing", -1.1), ("missed", -1.3), ("lacks", -1.2),
    ("lacking", -1.3), ("limited", -0.8), ("painful", -1.9), ("downgrade", -1.6), ("discount", -0.6),
    ("discounting", -0.8), ("haggling", -1.0), ("wrong", -1.8), ("mistake", -1.6), ("rude", -2.0),
    ("ignore", -1.2), ("ignored", -1.5), ("ignoring", -1.4), ("refuse", -1.8), ("refused", -2.0),
    ("stop", -1.2), ("stopped", -1.3), ("pause", -1.0), ("paused", -1.2), ("shelve", -1.5),
    ("shelved", -1.7), ("dead", -2.3), ("cold", -0.8), ("lukewarm", -1.0), ("tepid", -1.1),
    ("nervous", -1.3), ("afraid", -1.8), ("scared", -1.9), ("crisis", -2.4), ("complicated", -1.1),
    ("bottleneck", -1.2), ("struggle", -1.6), ("struggling", -1.7), ("tough", -0.9), ("tight", -0.6),
    ("shortfall", -1.5), ("overrun", -1.5), ("unrealistic", -1.5), ("unacceptable", -2.4),
    ("useless", -2.4), ("irrelevant", -1.2), ("disagree", -1.5), ("disagreement", -1.5),
    ("vague", -1.0), ("ghosted", -2.2), ("ghosting", -2.2), ("competitor", -0.8), ("churning", -2.0),
    ("downsizing", -1.8), ("restructuring", -1.0), ("reorg", -0.9), ("budgetless", -1.8),
    ("cheaper", -0.5), ("slower", -1.0), ("sluggish", -1.4), ("costlier", -1.4), ("unhelpful", -1.8),
    ("unimpressed", -1.9), ("unconvinced", -1.6), ("unsure", -1.1), ("unlikely", -1.4),
    ("impossible", -1.9), ("annoyance", -1.6), ("dissatisfied", -2.1), ("unsatisfied", -1.9),
    ("regret", -1.8), ("sorry", -0.8), ("complain", -1.8), ("argument", -1.3), ("dispute", -1.6),
    ("penalty", -1.5), ("lawsuit", -2.2), ("breach", -2.0), ("downturn", -1.6), ("recession", -1.7),
    ("cutbacks", -1.8), ("hiring-freeze", -1.6), ("deprioritized", -1.6), ("deprioritised", -1.6),
    ("backlog", -0.8), ("blocking", -1.4), ("stalling", -1.7), ("evasive", -1.6), ("silence", -1.1),
    ("awkward", -1.2), ("tense", -1.3), ("hostile", -2.4), ("declining", -1.4), ("pulled", -0.8),
    ("withdrew", -1.6), ("withdrawn", -1.6), ("terminate", -1.8), ("terminated", -2.0), ("expired", -1.0),
    // Two-word phrases (matched before single words).
    ("on hold", -1.5), ("went dark", -2.0), ("gone dark", -2.0), ("pushed back", -1.2),
    ("push back", -1.0), ("budget cut", -2.0), ("budget cuts", -2.0), ("no budget", -2.2),
    ("no response", -1.6), ("no brainer", 2.0), ("no-brainer", 2.0), ("no problem", 1.5),
    ("moving forward", 1.6), ("move forward", 1.5), ("signed off", 2.0), ("sign off", 1.2),
    ("red flag", -2.0), ("red flags", -2.1), ("deal breaker", -2.5), ("sticker shock", -2.0),
    ("price increase", -1.0), ("high priority", 1.5), ("top priority", 2.0), ("low priority", -1.5),
    ("verbal commit", 2.0), ("verbal yes", 2.0), ("purchase order", 1.2), ("well received", 2.0),
    ("went well", 2.0), ("going well", 1.9), ("fell through", -2.2), ("falling through", -2.0),
    ("back out", -1.8), ("backed out", -2.0), ("walked away", -1.9), ("not interested", -2.0),
    ("thumbs up", 1.9), ("on track", 1.5), ("off track", -1.5), ("behind schedule", -1.5),
    ("ahead of", 0.9), ("green light", 1.9), ("closed won", 2.5), ("closed lost", -2.2),
    ("cost savings", 1.6), ("too expensive", -2.3), ("too slow", -1.6),
];

/// Words that strengthen the next sentiment word ("very good").
pub(crate) const BOOSTERS: &[&str] = &[
    "very",
    "extremely",
    "really",
    "incredibly",
    "absolutely",
    "highly",
    "so",
    "super",
    "totally",
    "completely",
    "hugely",
    "particularly",
    "truly",
    "exceptionally",
    "remarkably",
    "especially",
    "deeply",
    "most",
    "more",
    "too",
    "quite",
    "entirely",
    "fully",
    "utterly",
    "enormously",
    "tremendously",
    "seriously",
    "massively",
    "insanely",
    "strongly",
];

/// Words that weaken it ("slightly worried").
pub(crate) const DAMPENERS: &[&str] = &[
    "slightly",
    "barely",
    "somewhat",
    "hardly",
    "marginally",
    "partly",
    "partially",
    "fairly",
    "rather",
    "mildly",
    "occasionally",
    "kinda",
    "less",
    "scarcely",
    "moderately",
    "little",
];

/// Words that negate the sentiment words after them, within the scope.
pub(crate) const NEGATORS: &[&str] = &[
    "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without", "cannot", "cant",
    "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "couldnt", "shouldnt", "hasnt",
    "havent", "hadnt", "aint", "mustnt", "neednt", "rarely", "seldom",
];

/// Words that shift the weight to the clause after them.
pub(crate) const CONTRAST: &[&str] = &["but", "however"];

/// The lexicon as a map, built once.
pub(crate) fn lexicon() -> &'static BTreeMap<&'static str, f64> {
    static MAP: OnceLock<BTreeMap<&'static str, f64>> = OnceLock::new();
    MAP.get_or_init(|| WORDS.iter().copied().collect())
}

/// Entries in the lexicon (for the documentation and tests).
pub fn size() -> usize {
    lexicon().len()
}

/// Every entry: (word or two-word phrase, valence), in the order listed.
pub fn entries() -> impl Iterator<Item = (&'static str, f64)> {
    WORDS.iter().copied()
}

/// Whether `w` (lower case) negates: a listed negator or any word ending in `n't`.
pub(crate) fn negates(w: &str) -> bool {
    NEGATORS.contains(&w) || w.ends_with("n't")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_unique_lower_case_and_in_range() {
        assert_eq!(size(), WORDS.len(), "a word is listed twice");
        for (w, v) in WORDS {
            assert_eq!(w.to_lowercase(), *w);
            assert!((-4.0..=4.0).contains(v) && *v != 0.0, "{w}");
            assert!(!BOOSTERS.contains(w) && !DAMPENERS.contains(w) && !negates(w), "{w}");
        }
        assert!(size() >= 300, "{}", size());
    }
}
