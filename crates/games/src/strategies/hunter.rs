//! Hunters: rules that watch for a recognisable kind of opponent (unconditional, alternating,
//! cyclic, random) and exploit it by defecting, and the Adaptive Pavlov rules that classify
//! the opponent every six turns.

use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::Entry;
use crate::rng::StreamRng;
use crate::strategy::{Classifier, MatchInfo, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("defector_hunter", "DefectorHunter", "Defector Hunter", || Box::new(DefectorHunter)),
    Entry::new("cooperator_hunter", "CooperatorHunter", "Cooperator Hunter", || Box::new(CooperatorHunter)),
    Entry::new("alternator_hunter", "AlternatorHunter", "Alternator Hunter", || {
        Box::new(AlternatorHunter::default())
    }),
    Entry::new("cycle_hunter", "CycleHunter", "Cycle Hunter", || Box::new(CycleHunter::new(false))),
    Entry::new("eventual_cycle_hunter", "EventualCycleHunter", "Eventual Cycle Hunter", || {
        Box::new(CycleHunter::new(true))
    }),
    Entry::new("math_constant_hunter", "MathConstantHunter", "Math Constant Hunter", || {
        Box::new(MathConstantHunter::default())
    }),
    Entry::new("random_hunter", "RandomHunter", "Random Hunter", || Box::new(RandomHunter::default())),
    Entry::new("a_pavlov_2006", "APavlov2006", "Adaptive Pavlov 2006", || {
        Box::new(AdaptivePavlov::new(2006))
    }),
    Entry::new("a_pavlov_2011", "APavlov2011", "Adaptive Pavlov 2011", || {
        Box::new(AdaptivePavlov::new(2011))
    }),
];

/// The shortest cycle of length `min_size..=12` (and at most half the sequence) that the
/// sequence after `offset` repeats exactly, as the library's `detect_cycle` finds it.
pub fn detect_cycle(history: &[Action], min_size: usize, offset: usize) -> Option<&[Action]> {
    let tail = history.get(offset..).unwrap_or(&[]);
    let max_size = (tail.len() / 2).min(12);
    (min_size..=max_size)
        .map(|i| &tail[..i])
        .find(|cycle| tail.iter().zip(cycle.iter().cycle()).all(|(a, b)| a == b))
}

/// Cooperates, but from its fifth turn on defects against an opponent that has only ever
/// defected. (Axelrod library: `DefectorHunter`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct DefectorHunter;

impl Strategy for DefectorHunter {
    fn name(&self) -> String {
        "Defector Hunter".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if h.len() >= 4 && h.opp_defections() == h.len() { D } else { C }
    }
    fn reset(&mut self) {}
}

/// Cooperates, but from its fifth turn on defects against an opponent that has only ever
/// cooperated. (Axelrod library: `CooperatorHunter`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct CooperatorHunter;

impl Strategy for CooperatorHunter {
    fn name(&self) -> String {
        "Cooperator Hunter".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if h.len() >= 4 && h.opp_cooperations() == h.len() { D } else { C }
    }
    fn reset(&mut self) {}
}

/// Cooperates for six turns; if the opponent alternated throughout them it defects for the
/// rest of the match. (Axelrod library: `AlternatorHunter`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct AlternatorHunter {
    is_alternator: bool,
}

impl Strategy for AlternatorHunter {
    fn name(&self) -> String {
        "Alternator Hunter".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if h.len() < 6 {
            return C;
        }
        if h.len() == 6 {
            self.is_alternator = h.opp().windows(2).all(|w| w[0] != w[1]);
        }
        if self.is_alternator { D } else { C }
    }
    fn reset(&mut self) {
        self.is_alternator = false;
    }
}

/// Cycle Hunter defects for ever once the opponent's whole history is a repetition of a cycle
/// of length 3 to 12 that contains both actions. The eventual version waits ten turns,
/// ignores an opponent that has only cooperated, and every ten turns looks for a cycle (of any
/// content) in the history after the first ten moves, defecting while one was found.
/// (Axelrod library: `CycleHunter` and `EventualCycleHunter`.)
#[derive(Clone, Debug)]
pub struct CycleHunter {
    eventual: bool,
    found: bool,
}

impl CycleHunter {
    /// The cycle hunter, or the eventual cycle hunter.
    pub fn new(eventual: bool) -> CycleHunter {
        CycleHunter { eventual, found: false }
    }
}

impl Strategy for CycleHunter {
    fn name(&self) -> String {
        if self.eventual { "Eventual Cycle Hunter".into() } else { "Cycle Hunter".into() }
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if self.eventual {
            let n = h.len();
            if n < 10 || h.opp_cooperations() == n {
                return C;
            }
            if n.is_multiple_of(10) {
                self.found = detect_cycle(h.opp(), 3, 10).is_some();
            }
            return if self.found { D } else { C };
        }
        if self.found {
            return D;
        }
        // A history of one action only is a cycle of that action, which cannot hold both:
        // decided from the counts, without scanning the history.
        if h.opp_cooperations() == h.len() || h.opp_defections() == h.len() {
            return C;
        }
        match detect_cycle(h.opp(), 3, 0) {
            Some(cycle) if cycle.contains(&C) && cycle.contains(&D) => {
                self.found = true;
                D
            }
            _ => C,
        }
    }
    fn reset(&mut self) {
        self.found = false;
    }
}

/// From turn 9 on, against an opponent that has played both actions, compares the share of
/// cooperation (both players' moves) in the first half, the middle half and the second half of
/// the match so far; if the three agree within 0.2 — a steady mix, as a player following a
/// mathematical constant would produce — it defects. (Axelrod library: `MathConstantHunter`.)
#[derive(Clone, Debug)]
pub struct MathConstantHunter {
    /// `cooperations[k]`: cooperations of both players in the first `k` turns, extended as the
    /// match goes on, so that each turn's three shares cost three subtractions instead of a
    /// scan of the history.
    cooperations: Vec<u32>,
}

impl Default for MathConstantHunter {
    fn default() -> Self {
        MathConstantHunter { cooperations: vec![0] }
    }
}

impl Strategy for MathConstantHunter {
    fn name(&self) -> String {
        "Math Constant Hunter".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let n = h.len();
        if self.cooperations.len() > n + 1 {
            // A shorter history than last time: another match without a reset. Start over.
            self.cooperations.truncate(1);
        }
        for k in self.cooperations.len() - 1..n {
            let here = u32::from(h.own()[k] == C) + u32::from(h.opp()[k] == C);
            let total = self.cooperations[k] + here;
            self.cooperations.push(total);
        }
        if n < 8 || h.opp_cooperations() == 0 || h.opp_defections() == 0 {
            return C;
        }
        let ratio = |start: usize, end: usize| {
            let count = self.cooperations[end] - self.cooperations[start];
            0.5 * count as f64 / (end - start) as f64
        };
        let (r1, r2, r3) = (ratio(0, n / 2), ratio(n / 4, 3 * n / 4), ratio(n / 2, n));
        if (r1 - r2).abs() < 0.2 && (r1 - r3).abs() < 0.2 { D } else { C }
    }
    fn reset(&mut self) {
        self.cooperations.truncate(1);
    }
}

/// After ten turns, estimates how often the opponent answers its cooperation with cooperation
/// and its defection with defection; if each estimate it has enough data for (more than five
/// of its own cooperations, or defections) is within 0.25 of one half — the opponent looks
/// random — it defects. (Axelrod library: `RandomHunter`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct RandomHunter {
    count_cc: usize,
    count_dd: usize,
}

impl Strategy for RandomHunter {
    fn name(&self) -> String {
        "Random Hunter".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let n = h.len();
        if n > 1 {
            match (h.own_back(2), h.opp_back(1)) {
                (Some(C), Some(C)) => self.count_cc += 1,
                (Some(D), Some(D)) => self.count_dd += 1,
                _ => {}
            }
        }
        if n > 10 {
            let mut probabilities = Vec::with_capacity(2);
            if h.own_cooperations() > 5 {
                probabilities.push(self.count_cc as f64 / h.own_cooperations() as f64);
            }
            if h.own_defections() > 5 {
                probabilities.push(self.count_dd as f64 / h.own_defections() as f64);
            }
            if !probabilities.is_empty() && probabilities.iter().all(|p| (p - 0.5).abs() < 0.25) {
                return D;
            }
        }
        C
    }
    fn reset(&mut self) {
        *self = RandomHunter::default();
    }
}

/// What an Adaptive Pavlov player has concluded about its opponent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OpponentClass {
    Cooperative,
    AllD,
    Stft,
    PavlovD,
    Random,
}

/// Plays Tit For Tat for six turns, then every six turns classifies the opponent from its
/// last six moves and plays the reply suited to that class (defect against random players and
/// defectors, forgive suspicious Tit For Tat, …). The 2006 version recognises exact patterns;
/// the 2011 version counts defections. (Li 2007 and Li, Hingston & Kendall 2011; Axelrod
/// library: `APavlov2006` and `APavlov2011`.)
#[derive(Clone, Debug)]
pub struct AdaptivePavlov {
    version: u16,
    opponent_class: Option<OpponentClass>,
}

impl AdaptivePavlov {
    /// The 2006 or the 2011 rule.
    pub fn new(version: u16) -> AdaptivePavlov {
        AdaptivePavlov { version, opponent_class: None }
    }

    fn classify(&mut self, last6: &[Action]) {
        use OpponentClass::*;
        let defections = last6.iter().filter(|&&a| a == D).count();
        if self.version == 2006 {
            if last6 == [C; 6] {
                self.opponent_class = Some(Cooperative);
            }
            if last6 == [D; 6] {
                self.opponent_class = Some(AllD);
            }
            if last6 == [D, C, D, C, D, C] {
                self.opponent_class = Some(Stft);
            }
            if last6 == [D, D, C, D, D, C] {
                self.opponent_class = Some(PavlovD);
            }
        } else {
            if defections == 0 {
                self.opponent_class = Some(Cooperative);
            }
            if defections >= 4 {
                self.opponent_class = Some(AllD);
            }
            if defections == 3 {
                self.opponent_class = Some(Stft);
            }
        }
        if self.opponent_class.is_none() {
            self.opponent_class = Some(Random);
        }
    }
}

impl Strategy for AdaptivePavlov {
    fn name(&self) -> String {
        format!("Adaptive Pavlov {}", self.version)
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        use OpponentClass::*;
        let n = h.len();
        let tft = if h.last_opp() == Some(D) { D } else { C };
        if n < 6 {
            return tft;
        }
        if n.is_multiple_of(6) {
            self.classify(&h.opp()[n - 6..]);
        }
        match (self.version, self.opponent_class) {
            (_, Some(Random | AllD)) => D,
            (2006, Some(Stft)) if n % 6 <= 1 => C,
            (2006, Some(Stft)) => tft,
            (2006, Some(PavlovD)) if n.is_multiple_of(6) => D,
            (2006, Some(Cooperative)) => tft,
            (2006, _) => C,
            (_, Some(Stft)) => {
                if h.opp_back(1) == Some(D) && h.opp_back(2) == Some(D) {
                    D
                } else {
                    C
                }
            }
            _ => tft,
        }
    }
    fn reset(&mut self) {
        self.opponent_class = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn hunters_catch_their_prey() {
        versus_test(&mut DefectorHunter, "DDDDDD", "CCCCDD");
        versus_test(&mut CooperatorHunter, "CCCCCD", "CCCCDD");
        versus_test(&mut AlternatorHunter::default(), "CDCDCDCC", "CCCCCCDD");
        versus_test(&mut AlternatorHunter::default(), "CDCDCCCC", "CCCCCCCC");
    }

    #[test]
    fn cycle_detection() {
        let h: Vec<Action> = "CCDCCDCCD".chars().map(|c| Action::from_char(c).unwrap()).collect();
        assert_eq!(detect_cycle(&h, 3, 0), Some(&h[..3]));
        assert_eq!(detect_cycle(&h[..5], 3, 0), None);
        // Cycle Hunter needs two full periods of a mixed cycle.
        versus_test(&mut CycleHunter::new(false), "CCDCCDCC", "CCCCCCDD");
        versus_test(&mut CycleHunter::new(false), "CCCCCCCC", "CCCCCCCC");
    }

    #[test]
    fn adaptive_pavlov_defects_against_a_defector() {
        // Tit For Tat for six turns, then "ALLD" from the seventh.
        versus_test(&mut AdaptivePavlov::new(2006), "DDDDDDDD", "CDDDDDDD");
        versus_test(&mut AdaptivePavlov::new(2011), "CCCCCCCD", "CCCCCCCC");
    }
}
