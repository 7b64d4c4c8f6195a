//! Small rules that fit no larger family: appeasement, handshakes, negation, the tricky
//! cooperator and defector, forgivers, resurrection, ratio players, average copiers and the
//! "mutual" memory-one rules (Desperate, Hopeless, Willing).

use super::stateless_strategy;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::Entry;
use crate::rng::{StreamRng, bernoulli};
use crate::strategies::memory_one::memory_one_step;
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("appeaser", "Appeaser", "Appeaser", || Box::new(Appeaser)),
    Entry::new("handshake", "Handshake", "Handshake", || Box::new(Handshake)),
    Entry::new("negation", "Negation", "Negation", || Box::new(Negation)),
    Entry::new("tricky_cooperator", "TrickyCooperator", "Tricky Cooperator", || Box::new(TrickyCooperator)),
    Entry::new("tricky_defector", "TrickyDefector", "Tricky Defector", || Box::new(TrickyDefector)),
    Entry::new("doubler", "Doubler", "Doubler", || Box::new(Doubler)),
    Entry::new("forgiver", "Forgiver", "Forgiver", || Box::new(Forgiver)),
    Entry::new("forgiving_tit_for_tat", "ForgivingTitForTat", "Forgiving Tit For Tat", || {
        Box::new(ForgivingTitForTat)
    }),
    Entry::new("resurrection", "Resurrection", "Resurrection", || Box::new(Resurrection)),
    Entry::new("double_resurrection", "DoubleResurrection", "DoubleResurrection", || {
        Box::new(DoubleResurrection)
    }),
    Entry::new("short_mem", "ShortMem", "ShortMem", || Box::new(ShortMem)),
    Entry::new("very_bad", "VeryBad", "VeryBad", || Box::new(VeryBad)),
    Entry::new("golden", "Golden", "$\\phi$", || Box::new(RatioPlayer::golden())),
    Entry::new("pi", "Pi", "$\\pi$", || Box::new(RatioPlayer::pi())),
    Entry::new("e", "e", "$e$", || Box::new(RatioPlayer::e())),
    Entry::new("average_copier", "AverageCopier", "Average Copier", || Box::new(AverageCopier::new(false))),
    Entry::new("nice_average_copier", "NiceAverageCopier", "Nice Average Copier", || {
        Box::new(AverageCopier::new(true))
    }),
    Entry::new("inverse", "Inverse", "Inverse", || Box::new(Inverse)),
    Entry::new("desperate", "Desperate", "Desperate", || Box::new(Mutual::DESPERATE)),
    Entry::new("hopeless", "Hopeless", "Hopeless", || Box::new(Mutual::HOPELESS)),
    Entry::new("willing", "Willing", "Willing", || Box::new(Mutual::WILLING)),
    Entry::new("grumpy", "Grumpy", "Grumpy", || Box::new(Grumpy::new(10, -10))),
    Entry::new("back_stabber", "BackStabber", "BackStabber", || Box::new(BackStabber::new(false))),
    Entry::new("double_crosser", "DoubleCrosser", "DoubleCrosser", || Box::new(BackStabber::new(true))),
    Entry::new("calculator", "Calculator", "Calculator", || Box::new(Calculator::default())),
];

/// Plays Joss (Tit For Tat that answers cooperation with cooperation only nine times in ten)
/// for twenty turns; then, if the opponent's moves so far repeat a cycle of length 1 to 10 —
/// an unconditional or periodic player — it defects for ever, and otherwise it plays Tit For
/// Tat. (Prison 1998; Axelrod library: `Calculator`.)
#[derive(Clone, Debug, Default)]
pub struct Calculator {
    /// Whether the opponent was found to be periodic at turn 20.
    periodic: bool,
}

impl Strategy for Calculator {
    fn name(&self) -> String {
        "Calculator".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        let turn = h.len();
        if turn < 20 {
            return memory_one_step(&[0.9, 0.0, 0.9, 0.0], C, h, rng);
        }
        if turn == 20 {
            self.periodic = crate::strategies::hunter::detect_cycle(h.opp(), 1, 0).is_some();
        }
        if self.periodic || h.last_opp() == Some(D) { D } else { C }
    }
    fn reset(&mut self) {
        self.periodic = false;
    }
}

/// Starts nice; turns grumpy (defects) once the opponent's defections exceed its cooperations
/// by more than `grumpy_threshold`, and nice again once they fall below `nice_threshold`.
/// (Axelrod library: `Grumpy`, thresholds 10 and −10.)
#[derive(Clone, Debug)]
pub struct Grumpy {
    grumpy_threshold: i64,
    nice_threshold: i64,
    grumpy: bool,
}

impl Grumpy {
    /// With the given thresholds, starting nice.
    pub fn new(grumpy_threshold: i64, nice_threshold: i64) -> Grumpy {
        Grumpy { grumpy_threshold, nice_threshold, grumpy: false }
    }
}

impl Strategy for Grumpy {
    fn name(&self) -> String {
        format!("Grumpy: Nice, {}, {}", self.grumpy_threshold, self.nice_threshold)
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let grumpiness = h.opp_defections() as i64 - h.opp_cooperations() as i64;
        if !self.grumpy && grumpiness > self.grumpy_threshold {
            self.grumpy = true;
        } else if self.grumpy && grumpiness < self.nice_threshold {
            self.grumpy = false;
        }
        if self.grumpy { D } else { C }
    }
    fn reset(&mut self) {
        self.grumpy = false;
    }
}

/// Cooperates until the opponent has defected four times, then defects; and defects on the last
/// two turns of a match of announced length. The double crosser, if the opponent did not defect
/// in the first seven turns, plays from turn 8 to turn 180 a forgiving rule instead (defect only
/// after two opponent defections in a row). (Axelrod library: `BackStabber` and
/// `DoubleCrosser`.)
#[derive(Clone, Copy, Debug)]
pub struct BackStabber {
    double_crosser: bool,
}

impl BackStabber {
    /// The back stabber, or the double crosser.
    pub fn new(double_crosser: bool) -> BackStabber {
        BackStabber { double_crosser }
    }
}

impl Strategy for BackStabber {
    fn name(&self) -> String {
        if self.double_crosser { "DoubleCrosser: (D, D)".into() } else { "BackStabber: (D, D)".into() }
    }
    fn classifier(&self) -> Classifier {
        Classifier { makes_use_of_length: true, ..Classifier::deterministic(None) }
    }
    fn play(&mut self, h: &History, info: &MatchInfo, _: &mut StreamRng) -> Action {
        // The library's FinalTransformer((D, D)): the last two turns are defections.
        if let Some(n) = info.length
            && h.len() < n
            && n - h.len() <= 2
        {
            return D;
        }
        let turn = h.len() + 1;
        let alternative =
            self.double_crosser && !h.opp()[..h.len().min(7)].contains(&D) && turn > 7 && turn <= 180;
        if alternative {
            return if h.opp_back(1) == Some(D) && h.opp_back(2) == Some(D) { D } else { C };
        }
        if h.opp_defections() > 3 { D } else { C }
    }
    fn reset(&mut self) {}
}

stateless_strategy! {
    /// Cooperates first; then defects after an opponent's defection if the opponent has
    /// cooperated at most twice as often as it has defected, and cooperates otherwise.
    /// (Axelrod library: `Doubler`.)
    Doubler, name: "Doubler", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| {
        if !h.is_empty() && h.last_opp() == Some(D) && h.opp_cooperations() <= 2 * h.opp_defections() { D } else { C }
    }
}

stateless_strategy! {
    /// Defects whenever more than a tenth of the opponent's moves have been defections.
    /// (Axelrod library: `Forgiver`.)
    Forgiver, name: "Forgiver", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| if h.opp_defections() as f64 > h.len() as f64 / 10.0 { D } else { C }
}

stateless_strategy! {
    /// Cooperates while at most a tenth of the opponent's moves have been defections, and plays
    /// Tit For Tat beyond that. (Axelrod library: `ForgivingTitForTat`.)
    ForgivingTitForTat, name: "Forgiving Tit For Tat", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| {
        if h.opp_defections() as f64 > h.len() as f64 / 10.0 { h.last_opp().unwrap_or(C) } else { C }
    }
}

stateless_strategy! {
    /// Tit For Tat, except that after five defections of its own in a row it keeps defecting.
    /// (Eckhart 2015; Axelrod library: `Resurrection`.)
    Resurrection, name: "Resurrection", classifier: Classifier::deterministic(Some(5)),
    memory_one: None,
    play: |h| match h.last_opp() {
        None => C,
        Some(_) if h.len() >= 5 && h.own()[h.len() - 5..] == [D; 5] => D,
        Some(opp) => opp,
    }
}

stateless_strategy! {
    /// Tit For Tat, except that after five cooperations of its own in a row it defects and
    /// after five defections in a row it cooperates. (Eckhart 2015; Axelrod library:
    /// `DoubleResurrection`.)
    DoubleResurrection, name: "DoubleResurrection", classifier: Classifier::deterministic(Some(5)),
    memory_one: None,
    play: |h| match h.last_opp() {
        None => C,
        Some(_) if h.len() >= 5 && h.own()[h.len() - 5..] == [C; 5] => D,
        Some(_) if h.len() >= 5 && h.own()[h.len() - 5..] == [D; 5] => C,
        Some(opp) => opp,
    }
}

stateless_strategy! {
    /// Cooperates for the first eleven turns; then, looking at the opponent's last ten moves,
    /// cooperates if cooperations lead by at least three, defects if defections lead by at
    /// least three, and otherwise plays Tit For Tat. (Andre et al. 2015; Axelrod library:
    /// `ShortMem`.)
    ShortMem, name: "ShortMem", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| {
        if h.len() <= 10 {
            return C;
        }
        let recent = &h.opp()[h.len() - 10..];
        let defections = recent.iter().filter(|&&a| a == D).count() as i64;
        let cooperations = 10 - defections;
        if cooperations - defections >= 3 {
            C
        } else if defections - cooperations >= 3 {
            D
        } else {
            h.last_opp().unwrap_or(C)
        }
    }
}

stateless_strategy! {
    /// Cooperates for three turns; then cooperates when the opponent has cooperated more than
    /// half the time, defects when less, and copies its last move on an exact half. (Eckhart
    /// 2015; Axelrod library: `VeryBad`.)
    VeryBad, name: "VeryBad", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| {
        let n = h.len();
        if n < 3 {
            return C;
        }
        let twice = 2 * h.opp_cooperations();
        if twice > n {
            C
        } else if twice < n {
            D
        } else {
            h.last_opp().unwrap_or(C)
        }
    }
}

/// Cooperates first; defects while the opponent has never defected; afterwards defects when
/// the ratio of all cooperations to all defections (both players' moves together) exceeds a
/// mathematical constant, and cooperates otherwise. (Axelrod library: `CotoDeRatio` and its
/// subclasses `Golden` (φ), `Pi` (π) and `e`.)
#[derive(Clone, Copy, Debug)]
pub struct RatioPlayer {
    name: &'static str,
    ratio: f64,
}

impl RatioPlayer {
    /// The golden ratio player.
    pub fn golden() -> RatioPlayer {
        RatioPlayer { name: "$\\phi$", ratio: (1.0 + 5f64.sqrt()) / 2.0 }
    }

    /// The π player.
    pub fn pi() -> RatioPlayer {
        RatioPlayer { name: "$\\pi$", ratio: std::f64::consts::PI }
    }

    /// The e player.
    pub fn e() -> RatioPlayer {
        RatioPlayer { name: "$e$", ratio: std::f64::consts::E }
    }
}

impl Strategy for RatioPlayer {
    fn name(&self) -> String {
        self.name.to_string()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if h.is_empty() {
            return C;
        }
        if h.opp_defections() == 0 {
            return D;
        }
        let cooperations = (h.opp_cooperations() + h.own_cooperations()) as f64;
        let defections = (h.opp_defections() + h.own_defections()) as f64;
        if cooperations / defections > self.ratio { D } else { C }
    }
    fn reset(&mut self) {}
}

/// Cooperates with probability equal to the opponent's cooperation rate so far; the first move
/// is random (probability one half), or cooperation for the nice version. (Axelrod library:
/// `AverageCopier` and `NiceAverageCopier`.)
#[derive(Clone, Copy, Debug)]
pub struct AverageCopier {
    nice: bool,
}

impl AverageCopier {
    /// The nice version cooperates on the first turn.
    pub fn new(nice: bool) -> AverageCopier {
        AverageCopier { nice }
    }
}

impl Strategy for AverageCopier {
    fn name(&self) -> String {
        if self.nice { "Nice Average Copier".into() } else { "Average Copier".into() }
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        let p = if h.is_empty() {
            if self.nice { 1.0 } else { 0.5 }
        } else {
            h.opp_cooperations() as f64 / h.len() as f64
        };
        Action::from_bool(bernoulli(rng, p))
    }
    fn reset(&mut self) {}
}

/// Cooperates while the opponent has never defected; otherwise cooperates with probability
/// 1 − 1/k, where k is how many turns ago the opponent last defected (so never right after a
/// defection). (Axelrod library: `Inverse`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct Inverse;

impl Strategy for Inverse {
    fn name(&self) -> String {
        "Inverse".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        // No defection to find: answered from the count rather than a scan of the history.
        if h.opp_defections() == 0 {
            return C;
        }
        match h.opp().iter().rev().position(|&a| a == D) {
            None => C,
            Some(i) => Action::from_bool(bernoulli(rng, 1.0 - 1.0 / (i + 1) as f64)),
        }
    }
    fn reset(&mut self) {}
}

/// The "mutual" rules: a random first move, then a fixed reply to each (own, opponent) state.
/// Desperate cooperates only after mutual defection; Hopeless defects only after mutual
/// cooperation; Willing defects only after mutual defection. (Axelrod library: `Desperate`,
/// `Hopeless`, `Willing`.)
#[derive(Clone, Copy, Debug)]
pub struct Mutual {
    name: &'static str,
    four_vector: [f64; 4],
}

impl Mutual {
    /// Cooperates only after mutual defection.
    pub const DESPERATE: Mutual = Mutual { name: "Desperate", four_vector: [0.0, 0.0, 0.0, 1.0] };
    /// Defects only after mutual cooperation.
    pub const HOPELESS: Mutual = Mutual { name: "Hopeless", four_vector: [0.0, 1.0, 1.0, 1.0] };
    /// Defects only after mutual defection.
    pub const WILLING: Mutual = Mutual { name: "Willing", four_vector: [1.0, 1.0, 1.0, 0.0] };
}

impl Strategy for Mutual {
    fn name(&self) -> String {
        self.name.to_string()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(1))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        if h.is_empty() {
            return Action::from_bool(bernoulli(rng, 0.5));
        }
        memory_one_step(&self.four_vector, C, h, rng)
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: self.four_vector, initial_cooperation: 0.5 })
    }
}

stateless_strategy! {
    /// Cooperates first and switches between C and D each time the opponent defects,
    /// otherwise repeats its own last move. (Axelrod library: `Appeaser`.)
    Appeaser, name: "Appeaser", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| match (h.last_own(), h.last_opp()) {
        (Some(own), Some(D)) => own.flip(),
        (Some(own), _) => own,
        _ => C,
    }
}

stateless_strategy! {
    /// Opens C, D; cooperates for ever if the opponent opened with the same handshake, and
    /// defects for ever otherwise. (Robson 1990; Axelrod library: `Handshake`.)
    Handshake, name: "Handshake", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| match h.len() {
        n @ 0..2 => [C, D][n],
        _ if h.opp()[..2] == [C, D] => C,
        _ => D,
    }
}

stateless_strategy! {
    /// Cooperates, except that from the fourth turn on it defects whenever the opponent has not
    /// defected in its last ten moves. (Axelrod library: `TrickyCooperator`, memory depth 10.)
    TrickyCooperator, name: "Tricky Cooperator", classifier: Classifier::deterministic(Some(10)),
    memory_one: None,
    play: |h| {
        let recent = &h.opp()[h.len().saturating_sub(10)..];
        if h.len() >= 3 && !recent.contains(&D) { D } else { C }
    }
}

stateless_strategy! {
    /// Defects, except that it cooperates when an opponent that has cooperated at least once
    /// has defected in each of the last three turns (to lure it back). (Axelrod library:
    /// `TrickyDefector`.)
    TrickyDefector, name: "Tricky Defector", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| {
        let last3 = &h.opp()[h.len().saturating_sub(3)..];
        if h.opp_cooperations() > 0 && last3 == [D, D, D] { C } else { D }
    }
}

/// Plays the opposite of the opponent's last move, after a random first move. (Axelrod
/// library: `Negation`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct Negation;

impl Strategy for Negation {
    fn name(&self) -> String {
        "Negation".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(1))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match h.last_opp() {
            Some(opp) => opp.flip(),
            None => Action::from_bool(bernoulli(rng, 0.5)),
        }
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [0.0, 1.0, 0.0, 1.0], initial_cooperation: 0.5 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn appeaser_switches_on_defection() {
        versus_test(&mut Appeaser, "CDCDDC", "CCDDCD");
    }

    #[test]
    fn handshake_recognises_its_kind() {
        versus_test(&mut Handshake, "CDDDD", "CDCCC");
        versus_test(&mut Handshake, "CCCCC", "CDDDD");
    }

    #[test]
    fn forgivers_and_resurrection() {
        // One defection in ten is forgiven, two are not.
        versus_test(&mut Forgiver, "DCCCCCCCCCCC", "CDDDDDDDDDCC");
        versus_test(&mut ForgivingTitForTat, "DCCCCCCCCCCD", "CDCCCCCCCCCC");
        versus_test(&mut Resurrection, "DDDDDDCC", "CDDDDDDD");
        versus_test(&mut DoubleResurrection, "CCCCCCC", "CCCCCDC");
        versus_test(&mut Doubler, "DDCCD", "CDDCC");
    }

    #[test]
    fn majority_like_rules() {
        versus_test(&mut VeryBad, "DDCCCC", "CCCDCC");
        versus_test(&mut ShortMem, &format!("{}DDD", "D".repeat(11)), &format!("{}DDD", "C".repeat(11)));
    }

    #[test]
    fn ratio_players_compare_cooperation_with_their_constant() {
        // Defects while the opponent never has; then 2 Cs / 2 Ds = 1 < φ → C; then 4 / 2 > φ → D.
        versus_test(&mut RatioPlayer::golden(), "CDCC", "CDCD");
        // 1 / 1 < π → C; 3 / 1 < π → C; 5 / 1 > π → D.
        versus_test(&mut RatioPlayer::pi(), "DCCC", "CCCD");
    }

    #[test]
    fn mutual_rules_after_the_first_move() {
        let info = MatchInfo::default();
        for (rule, opp, expected_after_first) in [
            (Mutual::DESPERATE, "DDDD", None),
            (Mutual::WILLING, "CCCC", Some(C)),
            (Mutual::HOPELESS, "DDDD", Some(C)),
        ] {
            let moves = crate::testing::play_against_script(&mut { rule }, opp, &info, 5);
            if let Some(a) = expected_after_first {
                assert!(moves[1..].iter().all(|&m| m == a), "{}: {moves:?}", rule.name());
            } else {
                // Desperate against a defector alternates: after DD it cooperates, after CD it
                // defects.
                assert!(moves.windows(2).all(|w| w[0] != w[1]), "{moves:?}");
            }
        }
    }

    #[test]
    fn grumpy_and_back_stabber() {
        let mut g = Grumpy::new(1, -1);
        // Grumpiness 2 > 1 after DD: grumpy; −2 < −1 after four more Cs: nice again.
        versus_test(&mut g, "DDCCCCCC", "CCDDDDCC");
        let info = MatchInfo { length: Some(7), ..MatchInfo::default() };
        crate::testing::versus_test_with(&mut BackStabber::new(false), "DDDDCCC", "CCCCDDD", &info, 0);
        crate::testing::versus_test_with(&mut BackStabber::new(false), "CCCCCCC", "CCCCCDD", &info, 0);
    }

    #[test]
    fn calculator_defects_against_periodic_players() {
        let info = MatchInfo::default();
        let alternator: String = "CD".repeat(15);
        let moves = crate::testing::play_against_script(&mut Calculator::default(), &alternator, &info, 1);
        assert!(moves[20..].iter().all(|&a| a == D), "{moves:?}");
        // An opponent with no cycle up to length 10 in its first twenty moves gets Tit For Tat.
        let irregular = "CCDCCCDDCDDDCCDCDCCCCCCCCC";
        let moves = crate::testing::play_against_script(&mut Calculator::default(), irregular, &info, 1);
        assert!(moves[21..].iter().all(|&a| a == C), "{moves:?}");
    }

    #[test]
    fn tricky_players() {
        versus_test(&mut TrickyCooperator, "CCCCDC", "CCCDDC");
        versus_test(&mut TrickyDefector, "CDDDCD", "DDDDCD");
    }
}
