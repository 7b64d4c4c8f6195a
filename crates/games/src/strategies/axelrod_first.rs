//! The entrants of Axelrod's first tournament (1980) as the Axelrod library implements them
//! (`axelrod_first.py`), and the revised Downing rule of the second tournament.
//!
//! Axelrod's paper describes each rule in a paragraph; where that leaves room, the library made
//! choices, and these types follow the library's choices exactly (each doc comment says which),
//! because agreement move for move with the library is what the compatibility fixtures check.

use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::{Entry, py_float};
use crate::rng::{Rng, StreamRng, bernoulli, uniform};
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("first_by_davis", "FirstByDavis", "First by Davis", || Box::new(FirstByDavis::default())),
    Entry::new("first_by_downing", "FirstByDowning", "First by Downing", || {
        Box::new(FirstByDowning::default())
    }),
    Entry::new("first_by_feld", "FirstByFeld", "First by Feld", || Box::new(FirstByFeld::default())),
    Entry::new("first_by_graaskamp", "FirstByGraaskamp", "First by Graaskamp", || {
        Box::new(FirstByGraaskamp::default())
    }),
    Entry::new("first_by_grofman", "FirstByGrofman", "First by Grofman", || Box::new(FirstByGrofman)),
    Entry::new("first_by_joss", "FirstByJoss", "First by Joss", || Box::new(FirstByJoss::default())),
    Entry::new("first_by_nydegger", "FirstByNydegger", "First by Nydegger", || Box::new(FirstByNydegger)),
    Entry::new("first_by_shubik", "FirstByShubik", "First by Shubik", || Box::new(FirstByShubik::default())),
    Entry::new(
        "first_by_stein_and_rapoport",
        "FirstBySteinAndRapoport",
        "First by Stein and Rapoport",
        || Box::new(FirstBySteinAndRapoport::default()),
    ),
    Entry::new(
        "first_by_tideman_and_chieruzzi",
        "FirstByTidemanAndChieruzzi",
        "First by Tideman and Chieruzzi",
        || Box::new(FirstByTidemanAndChieruzzi::default()),
    ),
    Entry::new("first_by_tullock", "FirstByTullock", "First by Tullock", || Box::new(FirstByTullock)),
    Entry::new("first_by_anonymous", "FirstByAnonymous", "First by Anonymous", || Box::new(FirstByAnonymous)),
    Entry::new(
        "revised_downing",
        "RevisedDowning",
        "Revised Downing",
        || Box::new(RevisedDowning::default()),
    ),
];

/// The complementary error function erfc(x) = 1 − erf(x), to about 1e-15 relative accuracy for
/// x ≥ 0 (and by symmetry for x < 0).
///
/// Below x = 3 it sums the everywhere-positive series
/// erf(x) = (2/√π)·e^(−x²)·Σₙ (2x²)ⁿ·x / (1·3·…·(2n+1)), which has no cancellation; above, it
/// evaluates the Laplace continued fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/…)))
/// from the tail, which converges fast there.
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    let inv_sqrt_pi = 1.0 / std::f64::consts::PI.sqrt();
    if x < 3.0 {
        let two_x2 = 2.0 * x * x;
        let (mut term, mut sum) = (x, x);
        let mut n = 0.0;
        while term > sum * 1e-17 {
            n += 1.0;
            term *= two_x2 / (2.0 * n + 1.0);
            sum += term;
        }
        1.0 - 2.0 * inv_sqrt_pi * (-x * x).exp() * sum
    } else {
        let mut f = x;
        for k in (1..=80).rev() {
            f = x + (k as f64 / 2.0) / f;
        }
        (-x * x).exp() * inv_sqrt_pi / f
    }
}

/// The p-value of Pearson's chi-squared test that `counts` come from a uniform distribution
/// over its two cells (the test `scipy.stats.chisquare([c, d])` performs): the statistic
/// Σ (observed − expected)² / expected with expected = total / 2, and its survival function for
/// one degree of freedom, P(χ²₁ > s) = erfc(√(s/2)).
pub fn chi_squared_uniform_p_value(counts: [usize; 2]) -> f64 {
    erfc((chi_squared_uniform_statistic(counts) / 2.0).sqrt())
}

fn chi_squared_uniform_statistic(counts: [usize; 2]) -> f64 {
    let expected = (counts[0] + counts[1]) as f64 / 2.0;
    counts.iter().map(|&o| (o as f64 - expected).powi(2) / expected).sum()
}

/// The statistic at which the p-value of [`chi_squared_uniform_p_value`] equals `alpha` (the
/// critical value of χ²₁), found by bisection on the same `erfc`.
pub fn chi_squared_critical_value(alpha: f64) -> f64 {
    let (mut lo, mut hi) = (0.0_f64, 1.0e4_f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        let next = if erfc((mid / 2.0).sqrt()) >= alpha { (mid, hi) } else { (lo, mid) };
        // A step that changes nothing is a fixed point: every later step would repeat it.
        if next == (lo, hi) {
            break;
        }
        (lo, hi) = next;
    }
    lo
}

/// Whether the test of [`chi_squared_uniform_p_value`] fails to reject uniformity at level
/// `alpha`, i.e. `p ≥ alpha`, given `critical = chi_squared_critical_value(alpha)`. The p-value
/// falls as the statistic grows, so away from the critical value comparing statistics decides;
/// within a relative 1e-9 of it the p-value itself is computed, so the answer is always the
/// same as `chi_squared_uniform_p_value(counts) >= alpha` — only much cheaper for a rule that
/// tests every turn.
pub fn chi_squared_uniform_not_rejected(counts: [usize; 2], alpha: f64, critical: f64) -> bool {
    let statistic = chi_squared_uniform_statistic(counts);
    if statistic < critical * (1.0 - 1e-9) {
        true
    } else if statistic > critical * (1.0 + 1e-9) {
        false
    } else {
        chi_squared_uniform_p_value(counts) >= alpha
    }
}

/// The library's `FinalTransformer((D, D))`: when the match length is announced, the last two
/// turns are defections whatever the rule proposed (the rule still runs, so its counters move).
fn defect_on_last_two(proposed: Action, history: &History, info: &MatchInfo) -> Action {
    match info.length {
        Some(length) if history.len() < length && length - history.len() <= 2 => D,
        _ => proposed,
    }
}

/// Morton Davis: cooperates for the first 10 turns, then plays Grudger (defects for ever once
/// the opponent has defected at any time, including during the first 10 turns). (Axelrod
/// 1980, 8th; Axelrod library: `FirstByDavis`, parameter `rounds_to_cooperate` = 10.)
#[derive(Clone, Debug)]
pub struct FirstByDavis {
    rounds_to_cooperate: usize,
}

impl Default for FirstByDavis {
    fn default() -> Self {
        FirstByDavis::new(10)
    }
}

impl FirstByDavis {
    /// Cooperates unconditionally for `rounds_to_cooperate` turns.
    pub fn new(rounds_to_cooperate: usize) -> FirstByDavis {
        FirstByDavis { rounds_to_cooperate }
    }
}

impl Strategy for FirstByDavis {
    fn name(&self) -> String {
        format!("First by Davis: {}", self.rounds_to_cooperate)
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, history: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if history.len() < self.rounds_to_cooperate || history.opp_defections() == 0 { C } else { D }
    }
    fn reset(&mut self) {}
}

/// Leslie Downing's outcome-maximising rule, as the library reads Downing (1975): it models the
/// opponent as cooperating with probability α after the player's C and β after its D, and each
/// turn plays the move whose expected payoff against that model is higher — C when
/// α·R + (1 − α)·S > β·T + (1 − β)·P, D when lower, and the opposite of its own last move on a
/// tie. It defects on turns 1 and 2. α counts the opponent's C answers to the player's C (the
/// opponent's first move counts as an answer to a C before the match) over the player's
/// cooperations + 1; β counts C answers to D over max(the player's defections, 2).
/// (Axelrod 1980, 10th; Axelrod library: `FirstByDowning`; reads the game's payoffs.)
#[derive(Clone, Debug, Default)]
pub struct FirstByDowning {
    cooperations_after_c: usize,
    cooperations_after_d: usize,
}

impl Strategy for FirstByDowning {
    fn name(&self) -> String {
        "First by Downing".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier { makes_use_of_game: true, ..Classifier::deterministic(None) }
    }
    fn play(&mut self, history: &History, info: &MatchInfo, _: &mut StreamRng) -> Action {
        let (own, opp) = (history.own(), history.opp());
        match own.len() {
            0 => return D,
            1 => {
                self.cooperations_after_c += usize::from(opp[0] == C);
                return D;
            }
            _ => {}
        }
        if opp[opp.len() - 1] == C {
            match own[own.len() - 2] {
                C => self.cooperations_after_c += 1,
                D => self.cooperations_after_d += 1,
            }
        }
        let alpha = self.cooperations_after_c as f64 / (history.own_cooperations() + 1) as f64;
        let beta = self.cooperations_after_d as f64 / history.own_defections().max(2) as f64;
        let g = &info.game;
        let expected_c = alpha * g.r + (1.0 - alpha) * g.s;
        let expected_d = beta * g.t + (1.0 - beta) * g.p;
        if expected_c > expected_d {
            C
        } else if expected_c < expected_d {
            D
        } else {
            own[own.len() - 1].flip()
        }
    }
    fn reset(&mut self) {
        *self = FirstByDowning::default();
    }
}

/// Scott Feld: Tit For Tat whose cooperation after the opponent's C fades linearly from
/// `start_coop_prob` (1) to `end_coop_prob` (0.5) over `rounds_of_decay` (200) turns — on turn
/// n + 1 it cooperates with probability max(start + (end − start)·n / rounds, end) — and which
/// always defects after the opponent's D. (Axelrod 1980, 11th; Axelrod library: `FirstByFeld`,
/// which chose the linear decay.)
#[derive(Clone, Debug)]
pub struct FirstByFeld {
    start_coop_prob: f64,
    end_coop_prob: f64,
    rounds_of_decay: usize,
}

impl Default for FirstByFeld {
    fn default() -> Self {
        FirstByFeld::new(1.0, 0.5, 200)
    }
}

impl FirstByFeld {
    /// Cooperation after a C falls from `start_coop_prob` to `end_coop_prob` over
    /// `rounds_of_decay` turns.
    pub fn new(start_coop_prob: f64, end_coop_prob: f64, rounds_of_decay: usize) -> FirstByFeld {
        FirstByFeld { start_coop_prob, end_coop_prob, rounds_of_decay }
    }

    /// The probability of answering a C with a C after `rounds` turns.
    pub fn cooperation_probability(&self, rounds: usize) -> f64 {
        let slope = (self.end_coop_prob - self.start_coop_prob) / self.rounds_of_decay as f64;
        (self.start_coop_prob + slope * rounds as f64).max(self.end_coop_prob)
    }
}

impl Strategy for FirstByFeld {
    fn name(&self) -> String {
        format!(
            "First by Feld: {}, {}, {}",
            py_float(self.start_coop_prob),
            py_float(self.end_coop_prob),
            self.rounds_of_decay
        )
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(200))
    }
    fn play(&mut self, history: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match history.last_opp() {
            None => C,
            Some(D) => D,
            Some(C) => Action::from_bool(bernoulli(rng, self.cooperation_probability(history.len()))),
        }
    }
    fn reset(&mut self) {}
}

/// James Graaskamp: Tit For Tat for 50 turns, a defection on turn 51, Tit For Tat for five
/// more turns; from turn 57 on it defects for ever once a chi-squared test cannot reject that
/// the opponent's C/D counts are 50-50 (p ≥ `alpha` = 0.05, checked every turn). Otherwise, if
/// the opponent has played Tit For Tat against it or copied it move for move, it plays Tit For
/// Tat; if not, it cooperates but defects on a random turn 5 to 14 turns ahead, again and
/// again (the library draws numpy's `randint(5, 15)`, which excludes 15). (Axelrod 1980, 9th;
/// Axelrod library: `FirstByGraaskamp`. A quirk kept from the library: against an
/// unconditional defector the Tit For Tat check fails, because the defector's second-turn D
/// did not copy the rule's opening C, so after turn 56 the rule goes back to cooperating.)
#[derive(Clone, Debug)]
pub struct FirstByGraaskamp {
    alpha: f64,
    /// `chi_squared_critical_value(alpha)`, computed once.
    critical: f64,
    opponent_is_random: bool,
    next_random_defection_turn: Option<usize>,
    /// The opponent's moves seen so far, against the rule's own, kept up to date turn by turn
    /// instead of rescanning the history every turn.
    patterns: OpponentPatterns,
}

/// What an opponent's moves have been so far, compared with the rule's own moves.
#[derive(Clone, Copy, Debug)]
struct OpponentPatterns {
    /// Turns of the history already compared.
    checked: usize,
    /// Every opponent move from the second turn on copied the rule's previous move.
    copies: bool,
    /// Every opponent move equalled the rule's move of the same turn.
    mirrors: bool,
}

impl Default for OpponentPatterns {
    fn default() -> Self {
        OpponentPatterns { checked: 0, copies: true, mirrors: true }
    }
}

impl OpponentPatterns {
    /// Brings the comparison up to the end of `history`, a continuation of the history last
    /// seen (a shorter one starts it afresh).
    fn update(&mut self, history: &History) {
        let (own, opp) = (history.own(), history.opp());
        if own.len() < self.checked {
            *self = OpponentPatterns::default();
        }
        for i in self.checked..own.len() {
            self.copies &= i == 0 || opp[i] == own[i - 1];
            self.mirrors &= opp[i] == own[i];
        }
        self.checked = own.len();
    }
}

impl Default for FirstByGraaskamp {
    fn default() -> Self {
        FirstByGraaskamp::new(0.05)
    }
}

impl FirstByGraaskamp {
    /// Judges the opponent random when the chi-squared p-value is at least `alpha`.
    pub fn new(alpha: f64) -> FirstByGraaskamp {
        let critical = chi_squared_critical_value(alpha);
        FirstByGraaskamp {
            alpha,
            critical,
            opponent_is_random: false,
            next_random_defection_turn: None,
            patterns: OpponentPatterns::default(),
        }
    }
}

impl Strategy for FirstByGraaskamp {
    fn name(&self) -> String {
        format!("First by Graaskamp: {}", py_float(self.alpha))
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn play(&mut self, history: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        let (own, opp) = (history.own(), history.opp());
        let n = own.len();
        if n == 0 {
            return C;
        }
        if n < 56 {
            return if opp[n - 1] == D || n == 50 { D } else { C };
        }
        // Once judged random the opponent stays so; the test is only run until then.
        if !self.opponent_is_random {
            let counts = [history.opp_cooperations(), history.opp_defections()];
            self.opponent_is_random = chi_squared_uniform_not_rejected(counts, self.alpha, self.critical);
        }
        if self.opponent_is_random {
            return D;
        }
        self.patterns.update(history);
        // The opponent plays Tit For Tat, or has played exactly the rule's moves.
        if self.patterns.copies || self.patterns.mirrors {
            return opp[n - 1];
        }
        let next = *self.next_random_defection_turn.get_or_insert_with(|| rng.random_range(5..15) + n);
        if n == next {
            self.next_random_defection_turn = Some(rng.random_range(5..15) + n);
            return D;
        }
        C
    }
    fn reset(&mut self) {
        self.opponent_is_random = false;
        self.next_random_defection_turn = None;
        self.patterns = OpponentPatterns::default();
    }
}

/// Bernard Grofman: cooperates when both players made the same move last turn (and on the
/// first turn); otherwise cooperates with probability 2/7. (Axelrod 1980, 4th; Axelrod library:
/// `FirstByGrofman`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct FirstByGrofman;

impl Strategy for FirstByGrofman {
    fn name(&self) -> String {
        "First by Grofman".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(1))
    }
    fn play(&mut self, history: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match (history.last_own(), history.last_opp()) {
            (Some(own), Some(opp)) if own != opp => Action::from_bool(bernoulli(rng, 2.0 / 7.0)),
            _ => C,
        }
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [1.0, 2.0 / 7.0, 2.0 / 7.0, 1.0], initial_cooperation: 1.0 })
    }
}

/// Johann Joss: cooperates first; after the opponent's C it cooperates with probability `p`
/// (0.9), after the opponent's D it defects — the memory-one rule (p, 0, p, 0). (Axelrod 1980,
/// 12th; Axelrod library: `FirstByJoss`.)
#[derive(Clone, Debug)]
pub struct FirstByJoss {
    p: f64,
}

impl Default for FirstByJoss {
    fn default() -> Self {
        FirstByJoss::new(0.9)
    }
}

impl FirstByJoss {
    /// Answers a C with C with probability `p`.
    pub fn new(p: f64) -> FirstByJoss {
        FirstByJoss { p }
    }
}

impl Strategy for FirstByJoss {
    fn name(&self) -> String {
        format!("First by Joss: {}", py_float(self.p))
    }
    fn classifier(&self) -> Classifier {
        let stochastic = self.p > 0.0 && self.p < 1.0;
        if stochastic { Classifier::stochastic(Some(1)) } else { Classifier::deterministic(Some(1)) }
    }
    fn play(&mut self, history: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match history.last_opp() {
            None => C,
            Some(C) => Action::from_bool(bernoulli(rng, self.p)),
            Some(D) => D,
        }
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [self.p, 0.0, self.p, 0.0], initial_cooperation: 1.0 })
    }
}

/// Rudy Nydegger: Tit For Tat for three turns, except that it defects on turn 3 when the
/// opponent opened D, C (the library checks only the opponent's moves). From then on it scores
/// each of the last three turns 0 for CC, 2 when only the opponent defected, 1 when only it
/// defected, 3 for DD, forms A = 16·(last) + 4·(one before) + (two before), and defects exactly
/// when A is one of 1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61.
/// (Axelrod 1980, 3rd; Axelrod library: `FirstByNydegger`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct FirstByNydegger;

impl FirstByNydegger {
    /// The values of A on which the rule defects.
    pub const DEFECT_ON: [u32; 19] =
        [1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61];

    fn outcome_score(own: Action, opp: Action) -> u32 {
        match (own, opp) {
            (C, C) => 0,
            (C, D) => 2,
            (D, C) => 1,
            (D, D) => 3,
        }
    }
}

impl Strategy for FirstByNydegger {
    fn name(&self) -> String {
        "First by Nydegger".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(3))
    }
    fn play(&mut self, history: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let (own, opp) = (history.own(), history.opp());
        let n = own.len();
        match n {
            0 => C,
            1 => opp[0],
            2 if opp[..2] == [D, C] => D,
            2 => opp[1],
            _ => {
                let a: u32 = [(1, 16), (2, 4), (3, 1)]
                    .iter()
                    .map(|&(back, weight)| weight * Self::outcome_score(own[n - back], opp[n - back]))
                    .sum();
                if Self::DEFECT_ON.contains(&a) { D } else { C }
            }
        }
    }
    fn reset(&mut self) {}
}

/// Martin Shubik: cooperates until the opponent defects against its cooperation, then
/// retaliates with k defections, k growing by one with each such departure from mutual
/// cooperation (1, then 2, then 3, …); the opponent's moves during a retaliation do not
/// extend it. (Axelrod 1980, 5th; Axelrod library: `FirstByShubik`.)
#[derive(Clone, Debug, Default)]
pub struct FirstByShubik {
    retaliation_length: usize,
    retaliation_remaining: usize,
}

impl Strategy for FirstByShubik {
    fn name(&self) -> String {
        "First by Shubik".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, history: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let (Some(own), Some(opp)) = (history.last_own(), history.last_opp()) else {
            return C;
        };
        if self.retaliation_remaining > 0 {
            self.retaliation_remaining -= 1;
            return D;
        }
        if opp == D && own == C {
            self.retaliation_length += 1;
            // This turn is the first of the retaliation.
            self.retaliation_remaining = self.retaliation_length - 1;
            return D;
        }
        C
    }
    fn reset(&mut self) {
        *self = FirstByShubik::default();
    }
}

/// William Stein and Amnon Rapoport: cooperates on turns 1–4, plays Tit For Tat, and on every
/// 15th turn runs a chi-squared test of the opponent's C/D counts against 50-50; while the last
/// test could not reject randomness (p ≥ `alpha` = 0.05) it defects instead. It defects on the
/// last two turns when the length is announced. (Axelrod 1980, 6th; Axelrod library:
/// `FirstBySteinAndRapoport`, which tests the counts rather than the transition probabilities
/// the paper mentions.)
#[derive(Clone, Debug)]
pub struct FirstBySteinAndRapoport {
    alpha: f64,
    /// `chi_squared_critical_value(alpha)`, computed once.
    critical: f64,
    opponent_is_random: bool,
}

impl Default for FirstBySteinAndRapoport {
    fn default() -> Self {
        FirstBySteinAndRapoport::new(0.05)
    }
}

impl FirstBySteinAndRapoport {
    /// Judges the opponent random when the chi-squared p-value is at least `alpha`.
    pub fn new(alpha: f64) -> FirstBySteinAndRapoport {
        FirstBySteinAndRapoport {
            alpha,
            critical: chi_squared_critical_value(alpha),
            opponent_is_random: false,
        }
    }

    fn proposed(&mut self, history: &History) -> Action {
        let round = history.len() + 1;
        if round < 5 {
            return C;
        }
        let last_opp = history.last_opp().expect("four turns have been played");
        if round < 15 {
            return last_opp;
        }
        if round.is_multiple_of(15) {
            let counts = [history.opp_cooperations(), history.opp_defections()];
            self.opponent_is_random = chi_squared_uniform_not_rejected(counts, self.alpha, self.critical);
        }
        if self.opponent_is_random { D } else { last_opp }
    }
}

impl Strategy for FirstBySteinAndRapoport {
    fn name(&self) -> String {
        format!("First by Stein and Rapoport: {}: (D, D)", py_float(self.alpha))
    }
    fn classifier(&self) -> Classifier {
        Classifier { makes_use_of_length: true, ..Classifier::deterministic(None) }
    }
    fn play(&mut self, history: &History, info: &MatchInfo, _: &mut StreamRng) -> Action {
        let proposed = self.proposed(history);
        defect_on_last_two(proposed, history, info)
    }
    fn reset(&mut self) {
        self.opponent_is_random = false;
    }
}

/// Nicolas Tideman and Paula Chieruzzi: Tit For Tat with growing punishment — each defection
/// by the opponent outside a punishment starts a run of k defections, k growing by one each
/// time. The opponent gets a fresh start (two cooperations, and the punishment length and the
/// remembered defections forgotten) when all hold: it is at least 10 points behind, it
/// cooperated last turn, at least 20 turns have passed since the last fresh start, at least 10
/// turns remain (always true when the length is not announced), and its remembered defections
/// differ from half the turns played by at least 3 binomial standard deviations. It defects on
/// the last two turns when the length is announced. (Axelrod 1980, 2nd; Axelrod library:
/// `FirstByTidemanAndChieruzzi`; reads the game's payoffs and the match length.)
#[derive(Clone, Debug, Default)]
pub struct FirstByTidemanAndChieruzzi {
    retaliation_length: usize,
    retaliation_remaining: usize,
    own_score: f64,
    opponent_score: f64,
    last_fresh_start: usize,
    second_fresh_cooperation_due: bool,
    remembered_opponent_defections: usize,
}

impl FirstByTidemanAndChieruzzi {
    fn proposed(&mut self, history: &History, info: &MatchInfo) -> Action {
        let (Some(own_last), Some(opp_last)) = (history.last_own(), history.last_opp()) else {
            return C;
        };
        if opp_last == D {
            self.remembered_opponent_defections += 1;
        }
        let (own_payoff, opp_payoff) = info.game.scores(own_last, opp_last);
        self.own_score += own_payoff;
        self.opponent_score += opp_payoff;

        if self.second_fresh_cooperation_due {
            self.second_fresh_cooperation_due = false;
            return C;
        }

        let round = history.len() + 1;
        let fresh_start_allowed = self.last_fresh_start == 0 || round - self.last_fresh_start >= 20;
        if fresh_start_allowed {
            let far_enough_behind = self.own_score - self.opponent_score >= 10.0;
            let enough_turns_left = info.length.is_none_or(|length| length as f64 - round as f64 >= 10.0);
            if far_enough_behind && enough_turns_left && opp_last == C {
                // Binomial(N, 1/2): mean N/2, standard deviation √N / 2. `powf(0.5)` rather
                // than `sqrt` so the bounds round exactly as the library's `N ** (1 / 2)`.
                let n = history.len() as f64;
                let std_deviation = n.powf(0.5) / 2.0;
                let lower = n / 2.0 - 3.0 * std_deviation;
                let upper = n / 2.0 + 3.0 * std_deviation;
                let remembered = self.remembered_opponent_defections as f64;
                if remembered <= lower || remembered >= upper {
                    self.last_fresh_start = round;
                    self.retaliation_length = 0;
                    self.retaliation_remaining = 0;
                    self.remembered_opponent_defections = 0;
                    self.second_fresh_cooperation_due = true;
                    return C;
                }
            }
        }

        if self.retaliation_remaining > 0 {
            self.retaliation_remaining -= 1;
            return D;
        }
        if opp_last == D {
            self.retaliation_length += 1;
            self.retaliation_remaining = self.retaliation_length - 1;
            return D;
        }
        C
    }
}

impl Strategy for FirstByTidemanAndChieruzzi {
    fn name(&self) -> String {
        "First by Tideman and Chieruzzi: (D, D)".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier { makes_use_of_length: true, makes_use_of_game: true, ..Classifier::deterministic(None) }
    }
    fn play(&mut self, history: &History, info: &MatchInfo, _: &mut StreamRng) -> Action {
        let proposed = self.proposed(history, info);
        defect_on_last_two(proposed, history, info)
    }
    fn reset(&mut self) {
        *self = FirstByTidemanAndChieruzzi::default();
    }
}

/// Gordon Tullock: cooperates on the first 11 turns, then cooperates with probability
/// max(0, f − 0.1), where f is the opponent's cooperation rate over the last 10 turns.
/// (Axelrod 1980, 13th; Axelrod library: `FirstByTullock`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct FirstByTullock;

impl Strategy for FirstByTullock {
    fn name(&self) -> String {
        "First by Tullock".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn play(&mut self, history: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        if history.len() < 11 {
            return C;
        }
        let opp = history.opp();
        let recent_cooperations = opp[opp.len() - 10..].iter().filter(|&&a| a == C).count();
        let p = (recent_cooperations as f64 / 10.0 - 0.10).max(0.0);
        Action::from_bool(bernoulli(rng, p))
    }
    fn reset(&mut self) {}
}

/// The anonymous graduate student's entry, as the library reads Axelrod's remark that it
/// looked random: each turn it draws a cooperation probability uniformly from [0.3, 0.7] and
/// cooperates with that probability. (Axelrod 1980; Axelrod library: `FirstByAnonymous`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct FirstByAnonymous;

impl Strategy for FirstByAnonymous {
    fn name(&self) -> String {
        "First by Anonymous".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(0))
    }
    fn play(&mut self, _: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        let p = (3.0 + 4.0 * uniform(rng)) / 10.0;
        Action::from_bool(bernoulli(rng, p))
    }
    fn reset(&mut self) {}
}

/// Leslie Downing's revised rule from Axelrod's second tournament (Fortran entry K59R):
/// cooperates first; it estimates `good`, the share of its cooperations that the opponent
/// answered with C on the next turn, and `bad`, the same share for its defections (starting at
/// 1 and 0), and with c = 6·good − 8·bad − 2 and alt = 4·good − 5·bad − 1 cooperates when c ≥ 0 and c ≥ alt,
/// alternates (plays the opposite of its last move) when 0 ≤ c < alt or alt ≥ 0, and defects
/// otherwise. (Axelrod library: `RevisedDowning`.)
#[derive(Clone, Debug)]
pub struct RevisedDowning {
    good: f64,
    bad: f64,
    nice1: usize,
    nice2: usize,
    total_c: usize,
    total_d: usize,
}

impl Default for RevisedDowning {
    fn default() -> Self {
        RevisedDowning { good: 1.0, bad: 0.0, nice1: 0, nice2: 0, total_c: 0, total_d: 0 }
    }
}

impl Strategy for RevisedDowning {
    fn name(&self) -> String {
        "Revised Downing".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, history: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let (own, opp) = (history.own(), history.opp());
        let n = own.len();
        if n == 0 {
            return C;
        }
        if n >= 2 {
            let answered_c = opp[n - 1] == C;
            if own[n - 2] == D {
                self.nice2 += usize::from(answered_c);
                self.total_d += 1;
                self.bad = self.nice2 as f64 / self.total_d as f64;
            } else {
                self.nice1 += usize::from(answered_c);
                self.total_c += 1;
                self.good = self.nice1 as f64 / self.total_c as f64;
            }
        }
        let c = 6.0 * self.good - 8.0 * self.bad - 2.0;
        let alt = 4.0 * self.good - 5.0 * self.bad - 1.0;
        if c >= 0.0 && c >= alt {
            C
        } else if (0.0 <= c && c < alt) || alt >= 0.0 {
            own[n - 1].flip()
        } else {
            D
        }
    }
    fn reset(&mut self) {
        *self = RevisedDowning::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{play_against_script, versus_test, versus_test_with};

    /// Expected play in a match whose announced length is the script's length (the cases were
    /// checked against the Axelrod library 4.14 with `Match(turns=len(script))`).
    fn versus_announced(player: &mut dyn Strategy, opponent: &str, expected: &str) {
        let info = MatchInfo { length: Some(opponent.len()), ..MatchInfo::default() };
        versus_test_with(player, opponent, expected, &info, 0);
    }

    #[test]
    fn erfc_matches_known_values() {
        let known = [
            (0.0, 1.0),
            (0.5, 0.4795001221869535),
            (1.0, 0.15729920705028513),
            (2.0, 0.004677734981047266),
            (3.0, 2.209049699858544e-05),
            (5.0, 1.537_459_794_428_035e-12),
            (-1.0, 1.8427007929497148),
        ];
        for (x, want) in known {
            let got = erfc(x);
            assert!(((got - want) / want).abs() < 1e-13, "erfc({x}) = {got}, want {want}");
        }
    }

    #[test]
    fn the_cheap_uniformity_test_decides_as_the_p_value_does() {
        let critical = chi_squared_critical_value(0.05);
        assert!((critical - 3.841458820694124).abs() < 1e-9, "critical value {critical}");
        for n in 1..400usize {
            for c in 0..=n {
                let counts = [c, n - c];
                assert_eq!(
                    chi_squared_uniform_not_rejected(counts, 0.05, critical),
                    chi_squared_uniform_p_value(counts) >= 0.05,
                    "counts {counts:?}"
                );
            }
        }
    }

    #[test]
    fn chi_squared_p_value_crosses_alpha_at_the_critical_value() {
        // The 5% critical value of chi-squared with one degree of freedom is 3.841458820694124;
        // 20 against 10 gives the statistic 10/3 (p ≈ 0.068), 21 against 9 gives 4.8 (p ≈ 0.028).
        assert!(chi_squared_uniform_p_value([20, 10]) > 0.05);
        assert!(chi_squared_uniform_p_value([21, 9]) < 0.05);
        assert_eq!(chi_squared_uniform_p_value([7, 7]), 1.0);
        let p = erfc((3.841458820694124f64 / 2.0).sqrt());
        assert!((p - 0.05).abs() < 1e-14, "{p}");
    }

    #[test]
    fn davis_cooperates_ten_turns_then_holds_a_grudge() {
        versus_test(&mut FirstByDavis::default(), "CCCCCCCCCCCDCC", "CCCCCCCCCCCCDD");
        versus_test(&mut FirstByDavis::default(), "DCCCCCCCCCCCCC", "CCCCCCCCCCDDDD");
        assert_eq!(FirstByDavis::default().name(), "First by Davis: 10");
    }

    #[test]
    fn downing_opens_with_two_defections_and_maximises_against_its_model() {
        let mut p = FirstByDowning::default();
        versus_test(&mut p, "CCCCCCCCCC", "DDCDDDDDDD");
        versus_test(&mut p, "DDDDDDDDDD", "DDDDDDDDDD");
        versus_test(&mut p, "CDCDCDCDCD", "DDCDDDDDDD");
        versus_test(&mut p, "DCCDCCDCCD", "DDDDDDDDDD");
        assert!(p.classifier().makes_use_of_game);
    }

    #[test]
    fn downing_alternates_on_a_tie() {
        // In a game whose four payoffs are equal both expectations are always equal, so after
        // its two opening defections the rule alternates.
        let info = MatchInfo { game: crate::game::Game::new(1.0, 1.0, 1.0, 1.0), ..MatchInfo::default() };
        versus_test_with(&mut FirstByDowning::default(), "CCCCC", "DDCDC", &info, 0);
    }

    #[test]
    fn feld_decays_linearly_to_one_half() {
        let p = FirstByFeld::default();
        assert_eq!(p.cooperation_probability(0), 1.0);
        assert_eq!(p.cooperation_probability(100), 0.75);
        assert_eq!(p.cooperation_probability(200), 0.5);
        assert_eq!(p.cooperation_probability(300), 0.5);
        // Always defects after a defection, whatever the stream.
        for seed in 0..5 {
            let moves =
                play_against_script(&mut FirstByFeld::default(), "CDDDD", &MatchInfo::default(), seed);
            assert_eq!(crate::action::actions_to_string(&moves[2..]), "DDD");
        }
        assert_eq!(p.name(), "First by Feld: 1.0, 0.5, 200");
    }

    #[test]
    fn graaskamp_defects_on_turn_51() {
        let script = "C".repeat(55);
        let expected = format!("{}D{}", "C".repeat(50), "C".repeat(4));
        versus_test(&mut FirstByGraaskamp::default(), &script, &expected);
        // Against a defector the library's rule copies D up to turn 56; then the opponent is not
        // random (p tiny) and fails the Tit For Tat check (its D on turn 2 did not copy the
        // player's C), so the rule goes back to cooperating with sporadic defections.
        let moves =
            play_against_script(&mut FirstByGraaskamp::default(), &"D".repeat(80), &MatchInfo::default(), 0);
        assert_eq!(crate::action::actions_to_string(&moves[..56]), format!("C{}", "D".repeat(55)));
        // The first random defection is 5 to 14 turns after turn 56, so at most one of these.
        assert!(moves[56..66].iter().filter(|&&a| a == C).count() >= 9);
    }

    #[test]
    fn graaskamp_defects_for_good_against_a_random_looking_opponent() {
        // An alternating opponent has equal counts (p = 1) from turn 57 on.
        let script = "CD".repeat(40);
        let moves = play_against_script(&mut FirstByGraaskamp::default(), &script, &MatchInfo::default(), 3);
        assert!(moves[56..].iter().all(|&a| a == D));
    }

    #[test]
    fn graaskamp_random_defections_come_every_5_to_14_turns() {
        // Against a cooperator (not random, not Tit For Tat) it cooperates with sporadic
        // defections whose gaps are 5 to 14 turns.
        let script = "C".repeat(2000);
        let moves = play_against_script(&mut FirstByGraaskamp::default(), &script, &MatchInfo::default(), 11);
        let defections: Vec<usize> = (56..moves.len()).filter(|&i| moves[i] == D).collect();
        assert!(defections.len() > 100);
        assert!(defections.windows(2).all(|w| (5..15).contains(&(w[1] - w[0]))), "{defections:?}");
        assert!((5..15).contains(&(defections[0] - 56)));
    }

    #[test]
    fn grofman_cooperates_after_matching_moves() {
        versus_test(&mut FirstByGrofman, "CCCCC", "CCCCC");
        // After (C, D) it cooperates with probability 2/7, then after (D, D) it cooperates.
        let moves = play_against_script(&mut FirstByGrofman, "CDDD", &MatchInfo::default(), 0);
        assert_eq!(moves[..2], [C, C]);
        if moves[2] == D {
            assert_eq!(moves[3], C);
        }
        let rule = FirstByGrofman.memory_one().unwrap();
        assert_eq!(rule.four_vector, [1.0, 2.0 / 7.0, 2.0 / 7.0, 1.0]);
    }

    #[test]
    fn joss_always_defects_after_a_defection() {
        for seed in 0..5 {
            let moves = play_against_script(&mut FirstByJoss::default(), "DDDD", &MatchInfo::default(), seed);
            assert_eq!(crate::action::actions_to_string(&moves), "CDDD");
        }
        assert_eq!(FirstByJoss::default().name(), "First by Joss: 0.9");
        versus_test(&mut FirstByJoss::new(1.0), "CDCD", "CCDC");
    }

    #[test]
    fn nydegger_scores_the_last_three_turns() {
        versus_test(&mut FirstByNydegger, "DCCCCC", "CDDDCC");
        versus_test(&mut FirstByNydegger, "CDDCDDCCDCDD", "CCDCCCCCCCCC");
        // Three mutual defections give A = 63: cooperate.
        let mut p = FirstByNydegger;
        let h = History::from_moves(&[D, D, D], &[D, D, D]);
        assert_eq!(p.play(&h, &MatchInfo::default(), &mut crate::rng::stream(0, &[])), C);
    }

    #[test]
    fn shubik_retaliates_one_turn_longer_each_time() {
        versus_test(&mut FirstByShubik::default(), "CDCCDCCCDCCCCCDC", "CCDCCDDCCDDDCCCD");
    }

    #[test]
    fn stein_and_rapoport_defects_against_a_random_looking_opponent_and_at_the_end() {
        let mut p = FirstBySteinAndRapoport::default();
        versus_announced(&mut p, &"CD".repeat(20), "CCCCDCDCDCDCDCDDDDDDDDDDDDDDDDDDDDDDDDDD");
        versus_announced(&mut p, &"C".repeat(30), &format!("{}DD", "C".repeat(28)));
        // Without an announced length there is no end game.
        let info = MatchInfo { length: None, ..MatchInfo::default() };
        versus_test_with(&mut p, &"C".repeat(30), &"C".repeat(30), &info, 0);
        assert_eq!(p.name(), "First by Stein and Rapoport: 0.05: (D, D)");
        assert!(p.classifier().makes_use_of_length);
    }

    #[test]
    fn tideman_and_chieruzzi_punishes_runs_and_defects_at_the_end() {
        let mut p = FirstByTidemanAndChieruzzi::default();
        versus_announced(&mut p, "CCCCCCCCCCCC", "CCCCCCCCCCDD");
        versus_announced(&mut p, "CDCCDDCCCCCCDCCCCCCCCCCCC", "CCDCCDDCCCCCCDDDCCCCCCCDD");
    }

    #[test]
    fn tideman_and_chieruzzi_gives_a_fresh_start() {
        // A defector that turns cooperative: it falls 10+ points behind, its 12 defections are
        // far from half of 16 turns, so on the turn after its first cooperation it gets two
        // cooperations although a punishment run is under way.
        let script = format!("{}{}", "D".repeat(15), "C".repeat(15));
        let moves = play_against_script(
            &mut FirstByTidemanAndChieruzzi::default(),
            &script,
            &MatchInfo::default(),
            0,
        );
        assert_eq!(crate::action::actions_to_string(&moves[15..19]), "DCCC");
        let mut q = FirstByTidemanAndChieruzzi::default();
        q.play(&History::from_moves(&[C], &[D]), &MatchInfo::default(), &mut crate::rng::stream(0, &[]));
        assert_eq!(q.retaliation_length, 1);
        q.reset();
        assert_eq!(q.retaliation_length, 0);
    }

    #[test]
    fn tullock_tracks_the_last_ten_turns() {
        // Ten recent defections give probability max(0, 0 − 0.1) = 0: defect without drawing.
        let script = format!("{}{}", "C".repeat(5), "D".repeat(20));
        let moves = play_against_script(&mut FirstByTullock, &script, &MatchInfo::default(), 0);
        assert!(moves[..11].iter().all(|&a| a == C));
        assert!(moves[15..].iter().all(|&a| a == D));
    }

    #[test]
    fn anonymous_cooperates_about_half_the_time() {
        let moves = play_against_script(&mut FirstByAnonymous, &"C".repeat(20_000), &MatchInfo::default(), 5);
        let rate = moves.iter().filter(|&&a| a == C).count() as f64 / moves.len() as f64;
        assert!((rate - 0.5).abs() < 0.02, "{rate}");
    }

    #[test]
    fn revised_downing_estimates_good_and_bad() {
        versus_test(&mut RevisedDowning::default(), "CCCCCC", "CCCCCC");
        versus_test(&mut RevisedDowning::default(), "DDDDDD", "CCDDDD");
        versus_test(&mut RevisedDowning::default(), "CDCDCDCD", "CCDCCCCC");
    }
}
