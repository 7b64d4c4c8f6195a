//! The Tit For Tat family: rules that answer the opponent's recent moves in kind, with the
//! variations of the literature (suspicious, forgiving, harder, contrite, adaptive, graduated).

use super::{pure_memory_one, stateless_strategy};
use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::{Entry, py_float};
use crate::rng::{StreamRng, bernoulli, uniform};
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("suspicious_tit_for_tat", "SuspiciousTitForTat", "Suspicious Tit For Tat", || {
        Box::new(SuspiciousTitForTat)
    }),
    Entry::new("tit_for_2_tats", "TitFor2Tats", "Tit For 2 Tats", || Box::new(TitFor2Tats)),
    Entry::new("two_tits_for_tat", "TwoTitsForTat", "Two Tits For Tat", || Box::new(TwoTitsForTat)),
    Entry::new("hard_tit_for_tat", "HardTitForTat", "Hard Tit For Tat", || Box::new(HardTitForTat)),
    Entry::new("hard_tit_for_2_tats", "HardTitFor2Tats", "Hard Tit For 2 Tats", || Box::new(HardTitFor2Tats)),
    Entry::new("anti_tit_for_tat", "AntiTitForTat", "Anti Tit For Tat", || Box::new(AntiTitForTat)),
    Entry::new("bully", "Bully", "Bully", || Box::new(Bully)),
    Entry::new("sneaky_tit_for_tat", "SneakyTitForTat", "Sneaky Tit For Tat", || Box::new(SneakyTitForTat)),
    Entry::new("slow_tit_for_two_tats_2", "SlowTitForTwoTats2", "Slow Tit For Two Tats 2", || {
        Box::new(SlowTitForTwoTats2)
    }),
    Entry::new("contrite_tit_for_tat", "ContriteTitForTat", "Contrite Tit For Tat", || {
        Box::new(ContriteTitForTat::default())
    }),
    Entry::new("omega_tft", "OmegaTFT", "Omega TFT", || Box::new(OmegaTft::new(3, 8))),
    Entry::new("adaptive_tit_for_tat", "AdaptiveTitForTat", "Adaptive Tit For Tat", || {
        Box::new(AdaptiveTitForTat::new(0.5))
    }),
    Entry::new("gradual", "Gradual", "Gradual", || Box::new(Gradual::default())),
    Entry::new("original_gradual", "OriginalGradual", "Original Gradual", || {
        Box::new(OriginalGradual::default())
    }),
    Entry::new("spiteful_tit_for_tat", "SpitefulTitForTat", "Spiteful Tit For Tat", || {
        Box::new(SpitefulTitForTat::default())
    }),
    Entry::new("n_tits_for_m_tats", "NTitsForMTats", "N Tit(s) For M Tat(s)", || {
        Box::new(NTitsForMTats::new(3, 2))
    }),
    Entry::new("dynamic_two_tits_for_tat", "DynamicTwoTitsForTat", "Dynamic Two Tits For Tat", || {
        Box::new(DynamicTwoTitsForTat)
    }),
    Entry::new("random_tit_for_tat", "RandomTitForTat", "Random Tit for Tat", || {
        Box::new(RandomTitForTat::new(0.5))
    }),
    Entry::new("burn_both_ends", "BurnBothEnds", "Burn Both Ends", || Box::new(BurnBothEnds)),
    Entry::new("alexei", "Alexei", "Alexei", || Box::new(Alexei)),
    Entry::new("eugine_nier", "EugineNier", "EugineNier", || Box::new(EugineNier::default())),
    Entry::new("michaelos", "Michaelos", "Michaelos", || Box::new(Michaelos::default())),
];

stateless_strategy! {
    /// Defects first, then copies the opponent's last move. (Hilbe et al. 2013, Beaufils et al.
    /// 1997 "Mistrust"; Axelrod library: `SuspiciousTitForTat`.)
    SuspiciousTitForTat, name: "Suspicious Tit For Tat", classifier: Classifier::deterministic(Some(1)),
    memory_one: pure_memory_one([1.0, 0.0, 1.0, 0.0], D),
    play: |h| if h.last_opp() == Some(C) { C } else { D }
}

stateless_strategy! {
    /// Cooperates unless the opponent defected in both of the last two turns. (John Maynard
    /// Smith's entry to Axelrod's second tournament; Axelrod library: `TitFor2Tats`.)
    TitFor2Tats, name: "Tit For 2 Tats", classifier: Classifier::deterministic(Some(2)),
    memory_one: None,
    play: |h| if h.opp_back(1) == Some(D) && h.opp_back(2) == Some(D) { D } else { C }
}

stateless_strategy! {
    /// Answers each defection with two: defects if the opponent defected in either of the last
    /// two turns. (Axelrod 1984; Axelrod library: `TwoTitsForTat`.)
    TwoTitsForTat, name: "Two Tits For Tat", classifier: Classifier::deterministic(Some(2)),
    memory_one: None,
    play: |h| if h.opp_back(1) == Some(D) || h.opp_back(2) == Some(D) { D } else { C }
}

stateless_strategy! {
    /// Defects if the opponent defected in any of the last three turns. (Axelrod library:
    /// `HardTitForTat`.)
    HardTitForTat, name: "Hard Tit For Tat", classifier: Classifier::deterministic(Some(3)),
    memory_one: None,
    play: |h| if (1..=3).any(|k| h.opp_back(k) == Some(D)) { D } else { C }
}

stateless_strategy! {
    /// Defects if the opponent defected twice in a row within the last three turns. (Stewart &
    /// Plotkin 2012; Axelrod library: `HardTitFor2Tats`.)
    HardTitFor2Tats, name: "Hard Tit For 2 Tats", classifier: Classifier::deterministic(Some(3)),
    memory_one: None,
    play: |h| {
        let last3 = &h.opp()[h.len().saturating_sub(3)..];
        if last3.windows(2).any(|w| w == [D, D]) { D } else { C }
    }
}

stateless_strategy! {
    /// Cooperates first, then plays the opposite of the opponent's last move. (Hilbe et al.
    /// 2013; Axelrod library: `AntiTitForTat`.)
    AntiTitForTat, name: "Anti Tit For Tat", classifier: Classifier::deterministic(Some(1)),
    memory_one: pure_memory_one([0.0, 1.0, 0.0, 1.0], C),
    play: |h| if h.last_opp() == Some(C) { D } else { C }
}

stateless_strategy! {
    /// Reverse Tit For Tat: defects first, then plays the opposite of the opponent's last move.
    /// (Nachbar 1992; Axelrod library: `Bully`.)
    Bully, name: "Bully", classifier: Classifier::deterministic(Some(1)),
    memory_one: pure_memory_one([0.0, 1.0, 0.0, 1.0], D),
    play: |h| if h.last_opp() == Some(D) { C } else { D }
}

stateless_strategy! {
    /// Cooperates twice; defects while the opponent has never defected; after being punished
    /// for its own defection it cooperates once (repents); otherwise plays Tit For Tat.
    /// (Axelrod library: `SneakyTitForTat`.)
    SneakyTitForTat, name: "Sneaky Tit For Tat", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| {
        if h.len() < 2 {
            C
        } else if h.opp_defections() == 0 {
            D
        } else if h.opp_back(1) == Some(D) && h.own_back(2) == Some(D) {
            C
        } else {
            h.opp_back(1).unwrap_or(C)
        }
    }
}

stateless_strategy! {
    /// Cooperates twice; then copies the opponent when its last two moves agree, and otherwise
    /// repeats its own last move. (Prison 1998 "Slow Tit For Tat"; Axelrod library:
    /// `SlowTitForTwoTats2`.)
    SlowTitForTwoTats2, name: "Slow Tit For Two Tats 2", classifier: Classifier::deterministic(Some(2)),
    memory_one: None,
    play: |h| match (h.len() < 2, h.opp_back(2), h.opp_back(1), h.own_back(1)) {
        (false, Some(a), Some(b), _) if a == b => b,
        (false, _, _, Some(own)) => own,
        _ => C,
    }
}

/// Tit For Tat that makes amends for its own accidental defections: when noise turned its
/// intended cooperation into a defection against a cooperating opponent, it becomes contrite
/// and cooperates (taking the retaliation) until it has cooperated once more. Without noise it
/// is Tit For Tat. (Axelrod, Wu & Boyd 1995; Axelrod library: `ContriteTitForTat`, whose
/// memory depth 3 this shares.)
#[derive(Clone, Debug, Default)]
pub struct ContriteTitForTat {
    contrite: bool,
    /// The action this player chose last turn, before any noise.
    last_intended: Option<Action>,
}

impl ContriteTitForTat {
    fn choose(&mut self, h: &History) -> Action {
        let (Some(own), Some(opp)) = (h.last_own(), h.last_opp()) else { return C };
        if self.contrite && own == C {
            self.contrite = false;
            return C;
        }
        if self.last_intended != Some(own) && own == D && opp == C {
            self.contrite = true;
        }
        opp
    }
}

impl Strategy for ContriteTitForTat {
    fn name(&self) -> String {
        "Contrite Tit For Tat".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(3))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let action = self.choose(h);
        self.last_intended = Some(action);
        action
    }
    fn reset(&mut self) {
        *self = ContriteTitForTat::default();
    }
}

/// Tit For Tat with two repairs: it breaks C/D–D/C deadlock loops by cooperating, and if the
/// opponent looks random (its moves keep changing and disagree with ours) it defects for the
/// rest of the match. (Slany & Kienreich 2007; Axelrod library: `OmegaTFT`.)
#[derive(Clone, Debug)]
pub struct OmegaTft {
    deadlock_threshold: i64,
    randomness_threshold: i64,
    randomness_counter: i64,
    deadlock_counter: i64,
}

impl OmegaTft {
    /// With the given deadlock and randomness thresholds (the library's defaults are 3 and 8).
    pub fn new(deadlock_threshold: i64, randomness_threshold: i64) -> OmegaTft {
        OmegaTft { deadlock_threshold, randomness_threshold, randomness_counter: 0, deadlock_counter: 0 }
    }
}

impl Strategy for OmegaTft {
    fn name(&self) -> String {
        format!("Omega TFT: {}, {}", self.deadlock_threshold, self.randomness_threshold)
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let n = h.len();
        if n == 0 {
            return C;
        }
        let opp = h.opp();
        if n == 1 {
            return opp[0];
        }
        let (prev, last) = (opp[n - 2], opp[n - 1]);
        if self.deadlock_counter >= self.deadlock_threshold {
            if self.deadlock_counter == self.deadlock_threshold {
                self.deadlock_counter = self.deadlock_threshold + 1;
            } else {
                self.deadlock_counter = 0;
            }
            return C;
        }
        if prev == C && last == C {
            self.randomness_counter -= 1;
        }
        if prev != last {
            self.randomness_counter += 1;
        }
        if h.own()[n - 1] != last {
            self.randomness_counter += 1;
        }
        if self.randomness_counter >= self.randomness_threshold {
            return D;
        }
        if prev != last {
            self.deadlock_counter += 1;
        } else {
            self.deadlock_counter = 0;
        }
        last
    }
    fn reset(&mut self) {
        *self = OmegaTft::new(self.deadlock_threshold, self.randomness_threshold);
    }
}

/// Keeps an image of the world, moved each turn a fraction `rate` of the way towards 1 when the
/// opponent cooperated and towards 0 when it defected; cooperates while the image is at least
/// one half. The image starts at `rate`. (Tzafestas 2000; Axelrod library: `AdaptiveTitForTat`.)
#[derive(Clone, Debug)]
pub struct AdaptiveTitForTat {
    rate: f64,
    world: f64,
}

impl AdaptiveTitForTat {
    /// With adaptation rate `rate` (the library's default is 0.5).
    pub fn new(rate: f64) -> AdaptiveTitForTat {
        AdaptiveTitForTat { rate, world: rate }
    }
}

impl Strategy for AdaptiveTitForTat {
    fn name(&self) -> String {
        format!("Adaptive Tit For Tat: {}", py_float(self.rate))
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let Some(last) = h.last_opp() else { return C };
        // The same floating-point expressions as the library, so the threshold is crossed on
        // the same turn.
        if last == C {
            self.world += self.rate * (1.0 - self.world);
        } else {
            self.world -= self.rate * self.world;
        }
        if self.world >= 0.5 { C } else { D }
    }
    fn reset(&mut self) {
        self.world = self.rate;
    }
}

/// Punishes the opponent's n-th defection with n defections (counting every defection so far),
/// then cooperates twice to calm things down. (The CRISTAL-SMAC version of Beaufils et al.'s
/// Gradual; Axelrod library: `Gradual`.)
#[derive(Clone, Debug, Default)]
pub struct Gradual {
    calm_count: usize,
    punish_count: usize,
}

impl Strategy for Gradual {
    fn name(&self) -> String {
        "Gradual".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if h.is_empty() {
            return C;
        }
        if self.punish_count > 0 {
            self.punish_count -= 1;
            return D;
        }
        if self.calm_count > 0 {
            self.calm_count -= 1;
            return C;
        }
        if h.last_opp() == Some(D) {
            self.punish_count = h.opp_defections() - 1;
            self.calm_count = 2;
            return D;
        }
        C
    }
    fn reset(&mut self) {
        *self = Gradual::default();
    }
}

/// Beaufils et al.'s original Gradual: the punishment length grows by one with each
/// defection that starts a punishment (defections during punishment or calming are not
/// counted); each punishment is followed by two cooperations. (Beaufils, Delahaye & Mathieu
/// 1997; Axelrod library: `OriginalGradual`.)
#[derive(Clone, Debug, Default)]
pub struct OriginalGradual {
    calming: bool,
    punishing: bool,
    punishment_count: usize,
    punishment_limit: usize,
}

impl Strategy for OriginalGradual {
    fn name(&self) -> String {
        "Original Gradual".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if self.calming {
            self.calming = false;
            return C;
        }
        if self.punishing {
            if self.punishment_count < self.punishment_limit {
                self.punishment_count += 1;
                return D;
            }
            self.calming = true;
            self.punishing = false;
            self.punishment_count = 0;
            return C;
        }
        if h.last_opp() == Some(D) {
            self.punishing = true;
            self.punishment_count += 1;
            self.punishment_limit += 1;
            return D;
        }
        C
    }
    fn reset(&mut self) {
        *self = OriginalGradual::default();
    }
}

/// Tit For Tat until the opponent defects twice in a row, then defects for ever. (Prison 1998;
/// Axelrod library: `SpitefulTitForTat`.)
#[derive(Clone, Debug, Default)]
pub struct SpitefulTitForTat {
    retaliating: bool,
}

impl Strategy for SpitefulTitForTat {
    fn name(&self) -> String {
        "Spiteful Tit For Tat".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if h.is_empty() {
            return C;
        }
        if h.opp_back(1) == Some(D) && h.opp_back(2) == Some(D) {
            self.retaliating = true;
        }
        if self.retaliating { D } else { h.opp_back(1).unwrap_or(C) }
    }
    fn reset(&mut self) {
        self.retaliating = false;
    }
}

/// Answers `m` consecutive defections with `n` defections (restarting the count of `n` whenever
/// the last `m` opponent moves are all defections). (Axelrod library: `NTitsForMTats`, default
/// n = 3, m = 2; its memory depth is max(m, n).)
#[derive(Clone, Debug)]
pub struct NTitsForMTats {
    n: usize,
    m: usize,
    retaliate_count: usize,
}

impl NTitsForMTats {
    /// `n` retaliations after `m` consecutive defections.
    pub fn new(n: usize, m: usize) -> NTitsForMTats {
        NTitsForMTats { n, m, retaliate_count: 0 }
    }
}

impl Strategy for NTitsForMTats {
    fn name(&self) -> String {
        format!("N Tit(s) For M Tat(s): {}, {}", self.n, self.m)
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(self.n.max(self.m)))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let recent = &h.opp()[h.len().saturating_sub(self.m)..];
        if self.m == 0 || recent.iter().filter(|&&a| a == D).count() == self.m {
            self.retaliate_count = self.n;
        }
        if self.retaliate_count > 0 {
            self.retaliate_count -= 1;
            return D;
        }
        C
    }
    fn reset(&mut self) {
        self.retaliate_count = 0;
    }
}

/// Cooperates first; after a defection in the opponent's last two moves it cooperates with
/// probability equal to the opponent's overall cooperation rate, otherwise it cooperates.
/// (Axelrod library: `DynamicTwoTitsForTat`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct DynamicTwoTitsForTat;

impl Strategy for DynamicTwoTitsForTat {
    fn name(&self) -> String {
        "Dynamic Two Tits For Tat".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        if h.is_empty() {
            return C;
        }
        if h.opp_back(1) == Some(D) || h.opp_back(2) == Some(D) {
            return Action::from_bool(bernoulli(rng, h.opp_cooperations() as f64 / h.len() as f64));
        }
        C
    }
    fn reset(&mut self) {}
}

/// Cooperates first, then alternates between copying the opponent's last move and cooperating
/// with probability `p`. (Axelrod library: `RandomTitForTat`, default p = 0.5.)
#[derive(Clone, Debug)]
pub struct RandomTitForTat {
    p: f64,
    act_random: bool,
}

impl RandomTitForTat {
    /// Random turns cooperate with probability `p`.
    pub fn new(p: f64) -> RandomTitForTat {
        RandomTitForTat { p, act_random: false }
    }
}

impl Strategy for RandomTitForTat {
    fn name(&self) -> String {
        format!("Random Tit for Tat: {}", py_float(self.p))
    }
    fn classifier(&self) -> Classifier {
        Classifier::drawing_with(self.p, Some(1))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        let Some(last) = h.last_opp() else { return C };
        if self.act_random {
            self.act_random = false;
            return Action::from_bool(bernoulli(rng, self.p));
        }
        self.act_random = true;
        last
    }
    fn reset(&mut self) {
        self.act_random = false;
    }
}

/// Tit For Tat that, after the opponent cooperates, cooperates only with probability 0.9.
/// (Marinoff 1992; Axelrod library: `BurnBothEnds`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct BurnBothEnds;

impl Strategy for BurnBothEnds {
    fn name(&self) -> String {
        "Burn Both Ends".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(1))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match h.last_opp() {
            None => C,
            Some(C) => Action::from_bool(bernoulli(rng, 0.9)),
            Some(D) => D,
        }
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [0.9, 0.0, 0.9, 0.0], initial_cooperation: 1.0 })
    }
}

/// The library's `FinalTransformer((D,))`: when the match length is announced, the last turn
/// is a defection whatever the rule chose (the rule is still consulted, so its state and draws
/// are the same as without the override).
fn defect_on_last_turn(h: &History, info: &MatchInfo, action: Action) -> Action {
    match info.length {
        Some(n) if h.len() + 1 == n => D,
        _ => action,
    }
}

/// The classifier of a rule wrapped to defect on the last turn: it reads the match length.
const fn with_length(c: Classifier) -> Classifier {
    Classifier { makes_use_of_length: true, ..c }
}

/// Tit For Tat that defects on the last turn of a match of announced length. (LessWrong 2011
/// tournament; Axelrod library: `Alexei`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct Alexei;

impl Strategy for Alexei {
    fn name(&self) -> String {
        "Alexei: (D,)".into()
    }
    fn classifier(&self) -> Classifier {
        with_length(Classifier::deterministic(None))
    }
    fn play(&mut self, h: &History, info: &MatchInfo, _: &mut StreamRng) -> Action {
        defect_on_last_turn(h, info, h.last_opp().unwrap_or(C))
    }
    fn reset(&mut self) {}
}

/// Tit For Tat that defects for ever once the opponent has defected five times, and defects on
/// the last turn of a match of announced length. (LessWrong 2011 tournament; Axelrod library:
/// `EugineNier`.)
#[derive(Clone, Debug, Default)]
pub struct EugineNier {
    is_defector: bool,
}

impl Strategy for EugineNier {
    fn name(&self) -> String {
        "EugineNier: (D,)".into()
    }
    fn classifier(&self) -> Classifier {
        with_length(Classifier::deterministic(None))
    }
    fn play(&mut self, h: &History, info: &MatchInfo, _: &mut StreamRng) -> Action {
        let action = if h.is_empty() {
            C
        } else {
            if h.opp_defections() >= 5 {
                self.is_defector = true;
            }
            if self.is_defector { D } else { h.opp_back(1).unwrap_or(C) }
        };
        defect_on_last_turn(h, info, action)
    }
    fn reset(&mut self) {
        self.is_defector = false;
    }
}

/// Tit For Tat, except that after its own defection met the opponent's cooperation it tosses a
/// coin: heads it cooperates, tails it defects for the rest of the match; it defects on the
/// last turn of a match of announced length. (LessWrong 2011 tournament; Axelrod library:
/// `Michaelos`.)
#[derive(Clone, Debug, Default)]
pub struct Michaelos {
    is_defector: bool,
}

impl Strategy for Michaelos {
    fn name(&self) -> String {
        "Michaelos: (D,)".into()
    }
    fn classifier(&self) -> Classifier {
        with_length(Classifier::stochastic(None))
    }
    fn play(&mut self, h: &History, info: &MatchInfo, rng: &mut StreamRng) -> Action {
        let action = match (h.last_own(), h.last_opp()) {
            (None, _) | (_, None) => C,
            _ if self.is_defector => D,
            (Some(D), Some(C)) => {
                if uniform(rng) < 0.5 {
                    C
                } else {
                    self.is_defector = true;
                    D
                }
            }
            (_, Some(opp)) => opp,
        };
        defect_on_last_turn(h, info, action)
    }
    fn reset(&mut self) {
        self.is_defector = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{versus_test, versus_test_with};

    #[test]
    fn suspicious_and_anti_variants() {
        versus_test(&mut SuspiciousTitForTat, "CCDDC", "DCCDD");
        versus_test(&mut AntiTitForTat, "CCDDC", "CDDCC");
        versus_test(&mut Bully, "CCDDC", "DDDCC");
    }

    #[test]
    fn slower_and_harder_retaliation() {
        // Tit For 2 Tats waits for two defections in a row.
        versus_test(&mut TitFor2Tats, "DCDDDC", "CCCCDD");
        // Two Tits For Tat answers one defection with two.
        versus_test(&mut TwoTitsForTat, "DCCCDC", "CDDCCD");
        // Hard Tit For Tat remembers a defection for three turns.
        versus_test(&mut HardTitForTat, "DCCCC", "CDDDC");
        // Hard Tit For 2 Tats needs DD within the last three turns.
        versus_test(&mut HardTitFor2Tats, "DCDDCCC", "CCCCDDC");
    }

    #[test]
    fn sneaky_tit_for_tat_probes_and_repents() {
        // Cooperates twice, defects while the opponent never has, repents after punishment.
        versus_test(&mut SneakyTitForTat, "CCCDCC", "CCDDCC");
    }

    #[test]
    fn slow_tit_for_two_tats_waits_for_agreement() {
        versus_test(&mut SlowTitForTwoTats2, "DDCDCC", "CCDDDD");
    }

    #[test]
    fn contrite_is_tit_for_tat_without_noise() {
        versus_test(&mut ContriteTitForTat::default(), "CDDCDC", "CCDDCD");
    }

    #[test]
    fn omega_tft_copies_then_breaks_deadlock() {
        // Deadlocked alternation: three changes of the opponent's move, then a conciliatory C.
        versus_test(&mut OmegaTft::new(3, 8), "DCDCDCDC", "CDCDCCCD");
    }

    #[test]
    fn adaptive_tit_for_tat_tracks_its_image_of_the_world() {
        // world: 0.5 →(C) 0.75 →(D) 0.375 →(C) 0.6875 →(D) 0.34375
        versus_test(&mut AdaptiveTitForTat::new(0.5), "CDCDD", "CCDCD");
    }

    #[test]
    fn gradual_punishes_by_the_count_of_defections() {
        // First defection: one D then CC; second defection: two Ds then CC.
        versus_test(&mut Gradual::default(), "DCCCDCCCCC", "CDCCCDDCCC");
        versus_test(&mut OriginalGradual::default(), "DCCCDCCCCC", "CDCCCDDCCC");
    }

    #[test]
    fn spiteful_tit_for_tat_turns_after_two_defections() {
        versus_test(&mut SpitefulTitForTat::default(), "DCDDCC", "CDCDDD");
    }

    #[test]
    fn n_tits_for_m_tats_retaliates_n_times() {
        versus_test(&mut NTitsForMTats::new(3, 2), "DDCCCCC", "CCDDDCC");
    }

    #[test]
    fn final_turn_defection_needs_a_known_length() {
        let info = MatchInfo { length: Some(4), ..MatchInfo::default() };
        versus_test_with(&mut Alexei, "CCCC", "CCCD", &info, 0);
        let endless = MatchInfo { length: None, ..MatchInfo::default() };
        versus_test_with(&mut Alexei, "CCCC", "CCCC", &endless, 0);
        versus_test_with(&mut EugineNier::default(), "DDDDDCCC", "CDDDDDDD", &endless, 0);
    }
}
