//! Memory-one rules: the generic player given by its cooperation probabilities after CC, CD,
//! DC and DD, and the named members of the family (Win-Stay Lose-Shift, Generous Tit For Tat,
//! Firm But Fair, …).

use crate::action::{Action, C, D};
use crate::game::Game;
use crate::history::History;
use crate::registry::{Entry, py_float};
use crate::rng::{StreamRng, bernoulli};
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("memory_one_player", "MemoryOnePlayer", "Generic Memory One Player", || {
        Box::new(MemoryOnePlayer::with_shown_params(
            "Generic Memory One Player",
            [1.0, 0.0, 0.0, 1.0],
            C,
            Some("C".into()),
        ))
    }),
    Entry::new("win_stay_lose_shift", "WinStayLoseShift", "Win-Stay Lose-Shift", || {
        Box::new(MemoryOnePlayer::with_shown_params("Win-Stay Lose-Shift", [1.0, 0.0, 0.0, 1.0], C, None))
    }),
    Entry::new("win_shift_lose_stay", "WinShiftLoseStay", "Win-Shift Lose-Stay", || {
        Box::new(MemoryOnePlayer::with_shown_params(
            "Win-Shift Lose-Stay",
            [0.0, 1.0, 1.0, 0.0],
            D,
            Some("D".into()),
        ))
    }),
    Entry::new("gtft", "GTFT", "GTFT", || Box::new(Gtft::new(None))),
    Entry::new("firm_but_fair", "FirmButFair", "Firm But Fair", || {
        Box::new(MemoryOnePlayer::with_shown_params("Firm But Fair", [1.0, 0.0, 1.0, 2.0 / 3.0], C, None))
    }),
    Entry::new("stochastic_cooperator", "StochasticCooperator", "Stochastic Cooperator", || {
        Box::new(MemoryOnePlayer::with_shown_params(
            "Stochastic Cooperator",
            [0.935, 0.229, 0.266, 0.42],
            C,
            None,
        ))
    }),
    Entry::new("stochastic_wsls", "StochasticWSLS", "Stochastic WSLS", || Box::new(stochastic_wsls(0.05))),
    Entry::new("soft_joss", "SoftJoss", "Soft Joss", || Box::new(soft_joss(0.9))),
    Entry::new("allc_or_alld", "ALLCorALLD", "ALLCorALLD", || Box::new(AllcOrAlld)),
];

/// Cooperates with probability `four_vector[s]` after the state `s` ∈ {CC, CD, DC, DD} (own
/// move first) and plays `initial` on the first turn. Probabilities of exactly 0 or 1 draw no
/// randomness. (Nowak & Sigmund 1990, Press & Dyson 2012; Axelrod library: `MemoryOnePlayer`,
/// whose default vector is (1, 0, 0, 1), i.e. Win-Stay Lose-Shift. The named rules of the
/// family are instances: Win-Stay Lose-Shift (1, 0, 0, 1) from C (Nowak & Sigmund 1993,
/// `WinStayLoseShift`); Win-Shift Lose-Stay (0, 1, 1, 0) from D (`WinShiftLoseStay`); Firm But
/// Fair (1, 0, 1, 2/3) (Frean 1994, `FirmButFair`); Stochastic Cooperator (0.935, 0.229,
/// 0.266, 0.42) (Adami & Hintze 2013, `StochasticCooperator`); Stochastic WSLS (1 − ε, ε, ε,
/// 1 − ε) (`StochasticWSLS`); Soft Joss (1, 1 − q, 1, 1 − q) (Prison 1998, `SoftJoss`); and the
/// reactive players (p, q, p, q) (Nowak 1989, `ReactivePlayer`).)
#[derive(Clone, Debug)]
pub struct MemoryOnePlayer {
    name: &'static str,
    four_vector: [f64; 4],
    initial: Action,
    /// Parameters shown in the name (the library's `init_kwargs`), already formatted.
    shown_params: Option<String>,
}

impl MemoryOnePlayer {
    /// A memory-one player that shows its vector and initial action in its name.
    pub fn new(name: &'static str, four_vector: [f64; 4], initial: Action) -> MemoryOnePlayer {
        let v: Vec<String> = four_vector.iter().map(|&p| py_float(p)).collect();
        let shown = format!("({}), {}", v.join(", "), initial);
        MemoryOnePlayer { name, four_vector, initial, shown_params: Some(shown) }
    }

    /// A named memory-one rule whose name shows the given parameter text (or none).
    pub fn with_shown_params(
        name: &'static str,
        four_vector: [f64; 4],
        initial: Action,
        shown_params: Option<String>,
    ) -> MemoryOnePlayer {
        MemoryOnePlayer { name, four_vector, initial, shown_params }
    }

    /// The reactive player cooperating with probability `p` after the opponent's C and `q`
    /// after its D, starting with C. (Nowak 1989; Axelrod library: `ReactivePlayer`.)
    pub fn reactive(p: f64, q: f64) -> MemoryOnePlayer {
        let shown = format!("({}, {})", py_float(p), py_float(q));
        MemoryOnePlayer::with_shown_params("Reactive Player", [p, q, p, q], C, Some(shown))
    }

    /// The four cooperation probabilities.
    pub fn four_vector(&self) -> [f64; 4] {
        self.four_vector
    }
}

/// Stochastic Win-Stay Lose-Shift: (1 − ε, ε, ε, 1 − ε), starting with C.
pub fn stochastic_wsls(ep: f64) -> MemoryOnePlayer {
    MemoryOnePlayer::with_shown_params("Stochastic WSLS", [1.0 - ep, ep, ep, 1.0 - ep], C, Some(py_float(ep)))
}

/// Soft Joss: Tit For Tat that forgives a defection with probability 1 − q.
pub fn soft_joss(q: f64) -> MemoryOnePlayer {
    MemoryOnePlayer::with_shown_params(
        "Soft Joss",
        [1.0, 1.0 - q, 1.0, 1.0 - q],
        C,
        Some(py_float((q * 100.0).round() / 100.0)),
    )
}

/// The library's classifier of a memory-one vector: stochastic when any entry is strictly
/// between 0 and 1, memory depth 0 when all entries are 0 or all are 1.
pub(crate) fn memory_one_classifier(four_vector: &[f64; 4]) -> Classifier {
    let stochastic = four_vector.iter().any(|&p| p > 0.0 && p < 1.0);
    let constant = four_vector.iter().all(|&p| p == 0.0) || four_vector.iter().all(|&p| p == 1.0);
    let depth = Some(if constant { 0 } else { 1 });
    if stochastic { Classifier::stochastic(depth) } else { Classifier::deterministic(depth) }
}

/// One memory-one step: the initial move, or a draw with the vector's probability.
#[inline]
pub(crate) fn memory_one_step(
    four_vector: &[f64; 4],
    initial: Action,
    h: &History,
    rng: &mut StreamRng,
) -> Action {
    match (h.last_own(), h.last_opp()) {
        (Some(own), Some(opp)) => {
            Action::from_bool(bernoulli(rng, four_vector[2 * own as usize + opp as usize]))
        }
        _ => initial,
    }
}

fn rule(four_vector: [f64; 4], initial: Action) -> MemoryOneRule {
    MemoryOneRule { four_vector, initial_cooperation: if initial == C { 1.0 } else { 0.0 } }
}

impl Strategy for MemoryOnePlayer {
    fn name(&self) -> String {
        match &self.shown_params {
            Some(p) => format!("{}: {}", self.name, p),
            None => self.name.to_string(),
        }
    }
    fn classifier(&self) -> Classifier {
        memory_one_classifier(&self.four_vector)
    }
    fn play(&mut self, history: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        memory_one_step(&self.four_vector, self.initial, history, rng)
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(rule(self.four_vector, self.initial))
    }
}

/// Generous Tit For Tat: cooperates after the opponent's cooperation and, after its defection,
/// forgives with probability p. By default p = min(1 − (T − R)/(R − S), (R − P)/(T − P)), the
/// most generous value that still deters exploitation, computed from the match's game (1/3 in
/// the default game). (Nowak & Sigmund 1992, Molander 1985; Axelrod library: `GTFT`, whose name
/// shows p rounded to two decimals.)
#[derive(Clone, Debug)]
pub struct Gtft {
    /// A fixed forgiveness probability, or `None` to derive it from the game.
    p: Option<f64>,
}

impl Gtft {
    /// With a fixed forgiveness probability, or `None` for the game's default.
    pub fn new(p: Option<f64>) -> Gtft {
        Gtft { p }
    }

    /// The forgiveness probability in `game`.
    pub fn p_in(&self, game: &Game) -> f64 {
        self.p.unwrap_or_else(|| {
            let (r, p, s, t) = (game.r, game.p, game.s, game.t);
            (1.0 - (t - r) / (r - s)).min((r - p) / (t - p))
        })
    }
}

impl Strategy for Gtft {
    fn name(&self) -> String {
        let p = self.p_in(&Game::default());
        format!("GTFT: {}", py_float((p * 100.0).round() / 100.0))
    }
    fn classifier(&self) -> Classifier {
        Classifier { makes_use_of_game: true, ..Classifier::stochastic(Some(1)) }
    }
    fn play(&mut self, history: &History, info: &MatchInfo, rng: &mut StreamRng) -> Action {
        let p = self.p_in(&info.game);
        memory_one_step(&[1.0, p, 1.0, p], C, history, rng)
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        self.memory_one_in(&Game::default())
    }
    fn memory_one_in(&self, game: &Game) -> Option<MemoryOneRule> {
        let p = self.p_in(game);
        Some(rule([1.0, p, 1.0, p], C))
    }
}

/// Repeats its own last move for ever, after a first move that cooperates with probability
/// 0.6: it becomes Cooperator or Defector after one turn. The extreme φ = 0 of the
/// zero-determinant strategies. (Akin 2015 "Repeat"; Axelrod library: `ALLCorALLD`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct AllcOrAlld;

impl Strategy for AllcOrAlld {
    fn name(&self) -> String {
        "ALLCorALLD".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(1))
    }
    fn play(&mut self, history: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match history.last_own() {
            Some(own) => own,
            None => Action::from_bool(bernoulli(rng, 0.6)),
        }
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [1.0, 1.0, 0.0, 0.0], initial_cooperation: 0.6 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn default_is_win_stay_lose_shift() {
        let mut p = MemoryOnePlayer::new("Generic Memory One Player", [1.0, 0.0, 0.0, 1.0], C);
        // CC→C, CD→D, DD→C, CD→D, DC→D
        versus_test(&mut p, "CDDDC", "CCDCD");
    }

    #[test]
    fn win_shift_lose_stay_starts_with_d() {
        let mut p = MemoryOnePlayer::with_shown_params("Win-Shift Lose-Stay", [0.0, 1.0, 1.0, 0.0], D, None);
        // DC→C, CC→D, DD→D, DC→C
        versus_test(&mut p, "CCDCC", "DCDDC");
    }

    #[test]
    fn gtft_forgiveness_follows_the_game() {
        let g = Gtft::new(None);
        assert!((g.p_in(&Game::default()) - 1.0 / 3.0).abs() < 1e-15);
        assert_eq!(g.name(), "GTFT: 0.33");
        let other = Game { r: 3.0, p: 1.0, s: 0.0, t: 4.0 };
        assert!((g.p_in(&other) - 2.0 / 3.0).abs() < 1e-15);
        assert_eq!(g.memory_one_in(&other).unwrap().four_vector[1], g.p_in(&other));
    }

    #[test]
    fn constant_vectors_have_memory_zero() {
        assert_eq!(memory_one_classifier(&[1.0; 4]).memory_depth, Some(0));
        assert_eq!(memory_one_classifier(&[1.0, 0.0, 1.0, 0.0]).memory_depth, Some(1));
        assert!(memory_one_classifier(&[1.0, 0.5, 1.0, 0.0]).stochastic);
    }

    #[test]
    fn allc_or_alld_repeats_itself() {
        let mut p = AllcOrAlld;
        let moves = crate::testing::play_against_script(&mut p, "DCDCDC", &MatchInfo::default(), 3);
        assert!(moves.iter().all(|&a| a == moves[0]));
    }
}
