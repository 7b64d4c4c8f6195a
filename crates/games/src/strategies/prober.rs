//! Probers: rules that open with a test of the opponent and exploit those that do not
//! retaliate.

use super::stateless_strategy;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::{Entry, py_float};
use crate::rng::{StreamRng, bernoulli, uniform};
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("collective_strategy", "CollectiveStrategy", "CollectiveStrategy", || {
        Box::new(CollectiveStrategy)
    }),
    Entry::new("detective", "Detective", "Detective", || Box::new(Detective)),
    Entry::new("prober", "Prober", "Prober", || Box::new(Prober)),
    Entry::new("prober_2", "Prober2", "Prober 2", || Box::new(Prober2)),
    Entry::new("prober_3", "Prober3", "Prober 3", || Box::new(Prober3)),
    Entry::new("prober_4", "Prober4", "Prober 4", || Box::new(Prober4::default())),
    Entry::new("hard_prober", "HardProber", "Hard Prober", || Box::new(HardProber)),
    Entry::new("naive_prober", "NaiveProber", "Naive Prober", || Box::new(NaiveProber::new(0.1))),
    Entry::new("remorseful_prober", "RemorsefulProber", "Remorseful Prober", || {
        Box::new(RemorsefulProber::new(0.1))
    }),
];

/// Tit For Tat's reply to the last move.
fn tft(h: &History) -> Action {
    if h.last_opp() == Some(D) { D } else { C }
}

stateless_strategy! {
    /// Plays C then D; if the opponent answered with the same C, D and has defected no more
    /// than that once, cooperates until it defects again; otherwise defects for ever.
    /// (Li & Kendall 2009; Axelrod library: `CollectiveStrategy`.)
    CollectiveStrategy, name: "CollectiveStrategy", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| match h.len() {
        0 => C,
        1 => D,
        _ if h.opp_defections() > 1 => D,
        _ if h.opp()[..2] == [C, D] => C,
        _ => D,
    }
}

stateless_strategy! {
    /// Opens C, D, C, C; if the opponent never defected in those four turns it defects for
    /// ever, otherwise it plays Tit For Tat. (Case 2019 "The Evolution of Trust"; Axelrod
    /// library: `Detective`.)
    Detective, name: "Detective", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| match h.len() {
        n @ 0..4 => [C, D, C, C][n],
        _ if !h.opp()[..4].contains(&D) => D,
        _ => h.opp_back(1).unwrap_or(C),
    }
}

stateless_strategy! {
    /// Opens D, C, C; defects for ever if the opponent cooperated on turns 2 and 3, otherwise
    /// plays Tit For Tat. (Li 2011; Axelrod library: `Prober`.)
    Prober, name: "Prober", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| match h.len() {
        n @ 0..3 => [D, C, C][n],
        _ if h.opp()[1..3] == [C, C] => D,
        _ => tft(h),
    }
}

stateless_strategy! {
    /// Opens D, C, C; cooperates for ever if the opponent played D then C on turns 2 and 3,
    /// otherwise plays Tit For Tat. (Prison 1998; Axelrod library: `Prober2`.)
    Prober2, name: "Prober 2", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| match h.len() {
        n @ 0..3 => [D, C, C][n],
        _ if h.opp()[1..3] == [D, C] => C,
        _ => tft(h),
    }
}

stateless_strategy! {
    /// Opens D, C; defects for ever if the opponent cooperated on turn 2, otherwise plays Tit
    /// For Tat. (Prison 1998; Axelrod library: `Prober3`.)
    Prober3, name: "Prober 3", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| match h.len() {
        n @ 0..2 => [D, C][n],
        _ if h.opp()[1] == C => D,
        _ => tft(h),
    }
}

stateless_strategy! {
    /// Opens D, D, C, C; defects for ever if the opponent cooperated on turns 2 and 3,
    /// otherwise plays Tit For Tat. (Prison 1998; Axelrod library: `HardProber`.)
    HardProber, name: "Hard Prober", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| match h.len() {
        n @ 0..4 => [D, D, C, C][n],
        _ if h.opp()[1..3] == [C, C] => D,
        _ => tft(h),
    }
}

/// The opening of [`Prober4`].
const PROBER4_OPENING: [Action; 20] = [C, C, D, C, D, D, D, C, C, D, C, D, C, C, D, C, D, D, C, D];

/// Plays a fixed 20-move opening while counting the opponent's defections that answer its own
/// defections (just) and those that answer cooperation (unjust). If the two counts differ by
/// at most 2 it defects for ever; otherwise it cooperates five times and then plays Tit For
/// Tat. (Prison 1998; Axelrod library: `Prober4`.)
#[derive(Clone, Debug, Default)]
pub struct Prober4 {
    just_defections: i64,
    unjust_defections: i64,
    turned_defector: bool,
}

impl Strategy for Prober4 {
    fn name(&self) -> String {
        "Prober 4".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let turn = h.len();
        let n = PROBER4_OPENING.len();
        if turn == 0 {
            return PROBER4_OPENING[0];
        }
        if turn < n {
            if h.last_opp() == Some(D) {
                if h.last_own() == Some(D) {
                    self.just_defections += 1;
                } else {
                    self.unjust_defections += 1;
                }
            }
            return PROBER4_OPENING[turn];
        }
        if turn == n {
            self.turned_defector = (self.just_defections - self.unjust_defections).abs() <= 2;
        }
        if self.turned_defector {
            D
        } else if turn < n + 5 {
            C
        } else {
            tft(h)
        }
    }
    fn reset(&mut self) {
        *self = Prober4::default();
    }
}

/// Tit For Tat that, after the opponent cooperates, defects at random with probability `p`.
/// (Li 2011; Axelrod library: `NaiveProber`, default p = 0.1.)
#[derive(Clone, Debug)]
pub struct NaiveProber {
    p: f64,
}

impl NaiveProber {
    /// Probes with probability `p`.
    pub fn new(p: f64) -> NaiveProber {
        NaiveProber { p }
    }
}

impl Strategy for NaiveProber {
    fn name(&self) -> String {
        format!("Naive Prober: {}", py_float(self.p))
    }
    fn classifier(&self) -> Classifier {
        Classifier::drawing_with(self.p, Some(1))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match h.last_opp() {
            None => C,
            Some(D) => D,
            Some(C) => Action::from_bool(bernoulli(rng, 1.0 - self.p)),
        }
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        let q = 1.0 - self.p;
        Some(MemoryOneRule { four_vector: [q, 0.0, q, 0.0], initial_cooperation: 1.0 })
    }
}

/// Naive Prober that remembers whether its last defection was a random probe: if the opponent
/// retaliates against a probe it cooperates once instead of answering, so as not to start a
/// feud. (Li 2011, after Dawkins' "Selfish Gene"; Axelrod library: `RemorsefulProber`,
/// default p = 0.1.)
#[derive(Clone, Debug)]
pub struct RemorsefulProber {
    p: f64,
    probing: bool,
}

impl RemorsefulProber {
    /// Probes with probability `p`.
    pub fn new(p: f64) -> RemorsefulProber {
        RemorsefulProber { p, probing: false }
    }
}

impl Strategy for RemorsefulProber {
    fn name(&self) -> String {
        format!("Remorseful Prober: {}", py_float(self.p))
    }
    fn classifier(&self) -> Classifier {
        Classifier::drawing_with(self.p, Some(2))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match h.last_opp() {
            None => C,
            Some(D) => {
                if self.probing {
                    self.probing = false;
                    C
                } else {
                    D
                }
            }
            Some(C) => {
                // The library draws a uniform number here unless p is 0 or 1.
                if self.p == 1.0 {
                    self.probing = true;
                    D
                } else if self.p == 0.0 || uniform(rng) < 1.0 - self.p {
                    self.probing = false;
                    C
                } else {
                    self.probing = true;
                    D
                }
            }
        }
    }
    fn reset(&mut self) {
        self.probing = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn probers_exploit_the_meek_and_follow_the_firm() {
        versus_test(&mut Prober, "CCCCC", "DCCDD");
        versus_test(&mut Prober, "CDCCD", "DCCCC");
        versus_test(&mut Prober2, "CDCDD", "DCCCC");
        versus_test(&mut Prober2, "CCCDC", "DCCCD");
        versus_test(&mut Prober3, "CCCC", "DCDD");
        versus_test(&mut Prober3, "CDCD", "DCDC");
        versus_test(&mut HardProber, "CCCCC", "DDCCD");
        versus_test(&mut HardProber, "CDCDC", "DDCCD");
    }

    #[test]
    fn detective_and_collective_strategy() {
        versus_test(&mut Detective, "CCCCCC", "CDCCDD");
        versus_test(&mut Detective, "CDCCCD", "CDCCCC");
        versus_test(&mut CollectiveStrategy, "CDCCDC", "CDCCCD");
        versus_test(&mut CollectiveStrategy, "CCCCC", "CDDDD");
    }

    #[test]
    fn prober4_defects_against_an_unconditional_cooperator() {
        // No defections at all: the counts agree, so it defects after its opening.
        let opening: String = PROBER4_OPENING.iter().map(|a| a.as_char()).collect();
        versus_test(&mut Prober4::default(), &"C".repeat(23), &format!("{opening}DDD"));
        // Against a copy of its own moves delayed by one turn (Tit For Tat), 3 defections answer its
        // defections and 6 answer its cooperations: a difference of 3, so it cooperates five
        // times and then plays Tit For Tat.
        let tft_reply: String = std::iter::once('C').chain(opening.chars()).take(20).collect();
        let script = format!("{tft_reply}CCCCCCC");
        versus_test(&mut Prober4::default(), &script, &format!("{opening}CCCCCCC"));
    }

    #[test]
    fn remorseful_prober_without_probes_is_tit_for_tat() {
        versus_test(&mut RemorsefulProber::new(0.0), "CDDCD", "CCDDC");
        versus_test(&mut NaiveProber::new(0.0), "CDDCD", "CCDDC");
        // Always probing: defects after C, and forgives the retaliation to a probe.
        versus_test(&mut RemorsefulProber::new(1.0), "CDDCD", "CDCDD");
    }
}
