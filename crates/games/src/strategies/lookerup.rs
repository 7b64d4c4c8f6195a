//! Lookup-table players: a deterministic rule read from a table keyed by the opponent's first
//! moves, the player's last moves and the opponent's last moves (the Axelrod library's
//! `LookerUp`), and its stochastic twin whose table holds cooperation probabilities (`Gambler`).

use crate::action::{Action, C};
use crate::history::History;
use crate::registry::{Entry, py_float};
use crate::rng::{StreamRng, bernoulli};
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("evolved_lookerup_1_1_1", "EvolvedLookerUp1_1_1", "EvolvedLookerUp1_1_1", || {
        Box::new(LookerUp::evolved_1_1_1())
    }),
    Entry::new("evolved_lookerup_2_2_2", "EvolvedLookerUp2_2_2", "EvolvedLookerUp2_2_2", || {
        Box::new(LookerUp::evolved_2_2_2())
    }),
    Entry::new("winner12", "Winner12", "Winner12", || Box::new(LookerUp::winner12())),
    Entry::new("winner21", "Winner21", "Winner21", || Box::new(LookerUp::winner21())),
    Entry::new("pso_gambler_mem1", "PSOGamblerMem1", "PSO Gambler Mem1", || Box::new(Gambler::pso_mem1())),
    Entry::new(
        "pso_gambler_1_1_1",
        "PSOGambler1_1_1",
        "PSO Gambler 1_1_1",
        || Box::new(Gambler::pso_1_1_1()),
    ),
    Entry::new(
        "pso_gambler_2_2_2",
        "PSOGambler2_2_2",
        "PSO Gambler 2_2_2",
        || Box::new(Gambler::pso_2_2_2()),
    ),
    Entry::new("pso_gambler_2_2_2_noise_05", "PSOGambler2_2_2_Noise05", "PSO Gambler 2_2_2 Noise 05", || {
        Box::new(Gambler::pso_2_2_2_noise_05())
    }),
    Entry::new("zd_mem2", "ZDMem2", "ZD-Mem2", || Box::new(Gambler::zd_mem2())),
];

/// Why a lookup table or its initial moves are invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LookupError {
    /// The pattern does not have one value per key.
    #[error(
        "pattern: got {given} values; depths (own {player_depth}, opponent {op_depth}, openings {op_openings_depth}) need 2^{} = {needed}",
        player_depth + op_depth + op_openings_depth
    )]
    PatternLength {
        /// Values given.
        given: usize,
        /// Values needed.
        needed: usize,
        /// How many of the player's last moves are keyed.
        player_depth: usize,
        /// How many of the opponent's last moves are keyed.
        op_depth: usize,
        /// How many of the opponent's first moves are keyed.
        op_openings_depth: usize,
    },
    /// A depth so large that the table could not be stored.
    #[error("depths: own + opponent + openings must be at most 20; got {0}")]
    TooDeep(usize),
    /// A probability outside [0, 1].
    #[error("pattern: value {index} is {value}; a cooperation probability must be in [0, 1]")]
    Probability {
        /// Position in the pattern.
        index: usize,
        /// The value given.
        value: f64,
    },
}

/// A table with one value per combination of the player's last `player_depth` moves, the
/// opponent's last `op_depth` moves and the opponent's first `op_openings_depth` moves.
///
/// Keys are ordered as the Axelrod library orders them: (own moves, opponent's last moves,
/// opponent's openings), each oldest first, C before D; so the key's index is the binary number
/// those moves spell with C = 0 and D = 1.
#[derive(Clone, Debug, PartialEq)]
pub struct LookupTable<T> {
    player_depth: usize,
    op_depth: usize,
    op_openings_depth: usize,
    values: Vec<T>,
}

impl<T: Copy> LookupTable<T> {
    /// A table from its values in key order.
    pub fn new(
        player_depth: usize,
        op_depth: usize,
        op_openings_depth: usize,
        values: Vec<T>,
    ) -> Result<LookupTable<T>, LookupError> {
        let bits = player_depth + op_depth + op_openings_depth;
        if bits > 20 {
            return Err(LookupError::TooDeep(bits));
        }
        let needed = 1usize << bits;
        if values.len() != needed {
            return Err(LookupError::PatternLength {
                given: values.len(),
                needed,
                player_depth,
                op_depth,
                op_openings_depth,
            });
        }
        Ok(LookupTable { player_depth, op_depth, op_openings_depth, values })
    }

    /// The number of turns of history the table needs before it can be read.
    pub fn table_depth(&self) -> usize {
        self.player_depth.max(self.op_depth).max(self.op_openings_depth)
    }

    /// The depths (own last moves, opponent's last moves, opponent's openings).
    pub fn depths(&self) -> (usize, usize, usize) {
        (self.player_depth, self.op_depth, self.op_openings_depth)
    }

    /// The values in key order.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// The value for the current history, which must be at least [`Self::table_depth`] long.
    #[inline]
    pub fn get(&self, history: &History) -> T {
        let (own, opp) = (history.own(), history.opp());
        let mut key = 0usize;
        for &a in &own[own.len() - self.player_depth..] {
            key = (key << 1) | a as usize;
        }
        for &a in &opp[opp.len() - self.op_depth..] {
            key = (key << 1) | a as usize;
        }
        for &a in &opp[..self.op_openings_depth] {
            key = (key << 1) | a as usize;
        }
        self.values[key]
    }

    /// The memory depth the library declares for a table player: the table depth when no
    /// openings are keyed, unbounded otherwise.
    fn memory_depth(&self) -> Option<usize> {
        if self.op_openings_depth == 0 { Some(self.table_depth()) } else { None }
    }

    /// The (own last, opponent last) → value map, when the table is keyed by exactly those.
    fn as_memory_one(&self) -> Option<[T; 4]> {
        (self.depths() == (1, 1, 0)).then(|| [self.values[0], self.values[1], self.values[2], self.values[3]])
    }
}

/// The library's convention for opening moves: exactly `table_depth` of them, the given ones
/// cut to that length or padded with C.
fn normalise_initial_actions(given: &[Action], table_depth: usize) -> Vec<Action> {
    let mut actions: Vec<Action> = given.iter().copied().take(table_depth).collect();
    actions.resize(table_depth, C);
    actions
}

/// Python's rendering of a tuple of actions: `(C,)`, `(C, D)`.
fn py_action_tuple(actions: &[Action]) -> String {
    let items: Vec<String> = actions.iter().map(Action::to_string).collect();
    if items.len() == 1 { format!("({},)", items[0]) } else { format!("({})", items.join(", ")) }
}

fn py_plays(depths: (usize, usize, usize)) -> String {
    format!("Plays(self_plays={}, op_plays={}, op_openings={})", depths.0, depths.1, depths.2)
}

/// Plays by a lookup table of actions: for the first `table_depth` turns (the longest of the
/// three keyed depths) it plays its opening moves, then the table's action for (own last moves,
/// opponent's last moves, opponent's first moves). (Axelrod library: `LookerUp`, after Martin
/// Jones; the default table is Tit For Tat.)
#[derive(Clone, Debug)]
pub struct LookerUp {
    /// The library's `name` for a named table; `None` for a generic one.
    label: Option<&'static str>,
    table: LookupTable<Action>,
    initial_actions: Vec<Action>,
    /// The opening moves as given, shown in a generic player's name.
    given_initial_actions: Option<Vec<Action>>,
}

impl Default for LookerUp {
    /// Tit For Tat: keyed by the opponent's last move only.
    fn default() -> Self {
        let table = LookupTable::new(0, 1, 0, vec![C, Action::D]).expect("a two-value table");
        LookerUp { label: Some("LookerUp"), initial_actions: vec![C], table, given_initial_actions: None }
    }
}

impl LookerUp {
    /// A player from a pattern of `C`/`D` in key order and the depths (own, opponent,
    /// openings); `initial_actions` are cut or padded with C to the table depth (all C when
    /// `None`).
    pub fn new(
        depths: (usize, usize, usize),
        pattern: &[Action],
        initial_actions: Option<&[Action]>,
    ) -> Result<LookerUp, LookupError> {
        let table = LookupTable::new(depths.0, depths.1, depths.2, pattern.to_vec())?;
        let initial = normalise_initial_actions(initial_actions.unwrap_or(&[]), table.table_depth());
        Ok(LookerUp {
            label: None,
            table,
            initial_actions: initial,
            given_initial_actions: initial_actions.map(<[Action]>::to_vec),
        })
    }

    fn named(
        label: &'static str,
        depths: (usize, usize, usize),
        pattern: &str,
        initial: &[Action],
    ) -> LookerUp {
        let pattern = crate::action::actions_from_str(pattern).expect("library patterns are C/D strings");
        let mut player = LookerUp::new(depths, &pattern, Some(initial))
            .unwrap_or_else(|e| panic!("the table of {label} is invalid: {e}"));
        player.label = Some(label);
        player
    }

    /// The table.
    pub fn table(&self) -> &LookupTable<Action> {
        &self.table
    }

    /// Harper et al. (2017): a table keyed by one move of each kind (own last, opponent's last,
    /// opponent's first), evolved for tournament score; opens with C.
    /// (Axelrod library: `EvolvedLookerUp1_1_1`.)
    pub fn evolved_1_1_1() -> LookerUp {
        LookerUp::named("EvolvedLookerUp1_1_1", (1, 1, 1), EVOLVED_LOOKERUP1_1_1, &[C])
    }

    /// Harper et al. (2017): a table keyed by two moves of each kind, evolved for tournament
    /// score; opens with C, C. (Axelrod library: `EvolvedLookerUp2_2_2`.)
    pub fn evolved_2_2_2() -> LookerUp {
        LookerUp::named("EvolvedLookerUp2_2_2", (2, 2, 2), EVOLVED_LOOKERUP2_2_2, &[C, C])
    }

    /// Mathieu & Delahaye (2015): keyed by its own last move and the opponent's last two;
    /// opens with C, C. (Axelrod library: `Winner12`.)
    pub fn winner12() -> LookerUp {
        LookerUp::named("Winner12", (1, 2, 0), WINNER12, &[C, C])
    }

    /// Mathieu & Delahaye (2015): keyed by its own last move and the opponent's last two;
    /// opens with D, C. (Axelrod library: `Winner21`.)
    pub fn winner21() -> LookerUp {
        LookerUp::named("Winner21", (1, 2, 0), WINNER21, &[Action::D, C])
    }
}

impl Strategy for LookerUp {
    fn name(&self) -> String {
        match self.label {
            Some(label) => label.to_string(),
            None => {
                let pattern = crate::action::actions_to_string(self.table.values());
                let plays = py_plays(self.table.depths());
                match &self.given_initial_actions {
                    Some(init) => format!("LookerUp: {}, {pattern}, {plays}", py_action_tuple(init)),
                    None => format!("LookerUp: {pattern}, {plays}"),
                }
            }
        }
    }

    fn classifier(&self) -> Classifier {
        Classifier::deterministic(self.table.memory_depth())
    }

    fn play(&mut self, history: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        match self.initial_actions.get(history.len()) {
            Some(&opening) => opening,
            None => self.table.get(history),
        }
    }

    fn reset(&mut self) {}

    fn memory_one(&self) -> Option<MemoryOneRule> {
        let actions = self.table.as_memory_one()?;
        let opening = *self.initial_actions.first()?;
        Some(MemoryOneRule {
            four_vector: actions.map(|a| if a == C { 1.0 } else { 0.0 }),
            initial_cooperation: if opening == C { 1.0 } else { 0.0 },
        })
    }
}

/// A lookup table of cooperation probabilities: opens with C for `table_depth` turns, then
/// cooperates with the probability the table gives for (own last moves, opponent's last moves,
/// opponent's first moves). Probabilities of exactly 0 or 1 draw no randomness. (Axelrod
/// library: `Gambler`, after Georgios Koutsovoulos; tables trained by particle-swarm
/// optimisation.)
#[derive(Clone, Debug)]
pub struct Gambler {
    label: Option<&'static str>,
    table: LookupTable<f64>,
    initial_actions: Vec<Action>,
}

impl Gambler {
    /// A player from cooperation probabilities in key order and the depths (own, opponent,
    /// openings); it opens with C.
    pub fn new(depths: (usize, usize, usize), pattern: &[f64]) -> Result<Gambler, LookupError> {
        if let Some((index, &value)) = pattern.iter().enumerate().find(|(_, p)| !(0.0..=1.0).contains(*p)) {
            return Err(LookupError::Probability { index, value });
        }
        let table = LookupTable::new(depths.0, depths.1, depths.2, pattern.to_vec())?;
        let initial_actions = normalise_initial_actions(&[], table.table_depth());
        Ok(Gambler { label: None, table, initial_actions })
    }

    fn named(label: &'static str, depths: (usize, usize, usize), pattern: &[f64]) -> Gambler {
        let mut player =
            Gambler::new(depths, pattern).unwrap_or_else(|e| panic!("the table of {label} is invalid: {e}"));
        player.label = Some(label);
        player
    }

    /// The table.
    pub fn table(&self) -> &LookupTable<f64> {
        &self.table
    }

    /// Harper et al. (2017): the memory-one rule (keyed by both last moves) trained against
    /// the library's short-run-time strategies. (Axelrod library: `PSOGamblerMem1`.)
    pub fn pso_mem1() -> Gambler {
        Gambler::named("PSO Gambler Mem1", (1, 1, 0), PSO_GAMBLER_MEM1)
    }

    /// Harper et al. (2017): keyed by one move of each kind. (Axelrod library: `PSOGambler1_1_1`.)
    pub fn pso_1_1_1() -> Gambler {
        Gambler::named("PSO Gambler 1_1_1", (1, 1, 1), PSO_GAMBLER1_1_1)
    }

    /// Harper et al. (2017): keyed by two moves of each kind. (Axelrod library: `PSOGambler2_2_2`.)
    pub fn pso_2_2_2() -> Gambler {
        Gambler::named("PSO Gambler 2_2_2", (2, 2, 2), PSO_GAMBLER2_2_2)
    }

    /// Harper et al. (2017): keyed by two moves of each kind, trained in matches with 5% noise.
    /// (Axelrod library: `PSOGambler2_2_2_Noise05`.)
    pub fn pso_2_2_2_noise_05() -> Gambler {
        Gambler::named("PSO Gambler 2_2_2 Noise 05", (2, 2, 2), PSO_GAMBLER2_2_2_NOISE05)
    }

    /// Li & Sun (2014), named by Harper: a memory-two generalisation of a zero-determinant
    /// player, keyed by both players' last two moves. (Axelrod library: `ZDMem2`, a gambler.)
    pub fn zd_mem2() -> Gambler {
        Gambler::named("ZD-Mem2", (2, 2, 0), ZD_MEM2)
    }
}

impl Strategy for Gambler {
    fn name(&self) -> String {
        match self.label {
            Some(label) => label.to_string(),
            None => {
                let values: Vec<String> = self.table.values().iter().map(|&p| py_float(p)).collect();
                format!("Gambler: [{}], {}", values.join(", "), py_plays(self.table.depths()))
            }
        }
    }

    fn classifier(&self) -> Classifier {
        Classifier::stochastic(self.table.memory_depth())
    }

    fn play(&mut self, history: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match self.initial_actions.get(history.len()) {
            Some(&opening) => opening,
            None => Action::from_bool(bernoulli(rng, self.table.get(history))),
        }
    }

    fn reset(&mut self) {}

    fn memory_one(&self) -> Option<MemoryOneRule> {
        let four_vector = self.table.as_memory_one()?;
        Some(MemoryOneRule { four_vector, initial_cooperation: 1.0 })
    }
}

// The tables below are data from the Axelrod library 4.14.0, printed by
// compat/dump_strategy_tables.py.

/// `EvolvedLookerUp1_1_1`: depths (1, 1, 1), initial moves 'C'.
const EVOLVED_LOOKERUP1_1_1: &str = "CDDDDCDD";
/// `EvolvedLookerUp2_2_2`: depths (2, 2, 2), initial moves 'CC'.
const EVOLVED_LOOKERUP2_2_2: &str = "CDDCDCDDCDDDCDDDDDCDCDCCCDDCCDCDDDCCCCCDDDCDDDDDDDDDCCDDCDDDCCCD";
/// `Winner12`: depths (1, 2, 0), initial moves 'CC'.
const WINNER12: &str = "CDCDDCDD";
/// `Winner21`: depths (1, 2, 0), initial moves 'DC'.
const WINNER21: &str = "CDCDCDDD";
/// `PSOGamblerMem1`: depths (1, 1, 0), initial moves 'C'.
const PSO_GAMBLER_MEM1: &[f64] = &[1.0, 0.52173487, 0.0, 0.12050939];
/// `PSOGambler1_1_1`: depths (1, 1, 1), initial moves 'C'.
const PSO_GAMBLER1_1_1: &[f64] = &[1.0, 1.0, 0.12304797, 0.57740178, 0.0, 0.0, 0.13581423, 0.11886807];
/// `PSOGambler2_2_2`: depths (2, 2, 2), initial moves 'CC'.
const PSO_GAMBLER2_2_2: &[f64] = &[
    1.0, 1.0, 1.0, 0.0, 1.0, 0.95280465, 0.0, 0.0, 0.0, 0.80897541, 0.0, 0.0, 0.02126434, 0.0, 0.43278586,
    0.0, 0.0, 0.0, 1.0, 0.15140743, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.23563137, 0.0, 0.0, 0.65147565, 1.0, 0.0,
    0.0, 0.15412392, 1.0, 0.0, 0.0, 0.24922166, 1.0, 0.0, 0.0, 0.0, 0.00227615, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.77344942, 1.0, 0.24523149, 1.0, 0.0,
];
/// `PSOGambler2_2_2_Noise05`: depths (2, 2, 2), initial moves 'CC'.
const PSO_GAMBLER2_2_2_NOISE05: &[f64] = &[
    1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.98603825, 1.0, 1.0, 0.0, 0.0, 0.16240799, 0.63548102, 0.0, 0.0, 0.0, 1.0,
    0.0, 1.0, 0.0, 1.0, 0.13863175, 0.06434619, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.7724137, 1.0, 0.0, 0.0, 0.0,
    1.0, 0.0, 1.0, 1.0, 0.50999729, 1.0, 0.0, 0.0, 0.00524508, 0.87463905, 0.0, 0.07127653, 1.0, 0.0, 1.0,
    0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.28124022, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0,
];
/// `ZDMem2`: depths (2, 2, 0), initial moves 'CC'.
const ZD_MEM2: &[f64] = &[
    0.9166666666666666,
    0.36363636363636365,
    0.7777777777777778,
    0.1,
    0.8333333333333334,
    0.2727272727272727,
    0.7777777777777778,
    0.1,
    0.6666666666666666,
    0.09090909090909091,
    0.7777777777777778,
    0.1,
    0.75,
    0.18181818181818182,
    0.7777777777777778,
    0.1,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::D;
    use crate::testing::{play_against_script, versus_test};

    #[test]
    fn default_table_is_tit_for_tat() {
        versus_test(&mut LookerUp::default(), "CDDCDC", "CCDDCD");
    }

    #[test]
    fn key_order_is_own_then_opponent_then_openings() {
        // Values equal to their index expose the key arithmetic.
        let t = LookupTable::new(1, 1, 1, (0..8).collect()).unwrap();
        // own last D, opponent's last C, opponent's first D: 0b101.
        assert_eq!(t.get(&History::from_moves(&[C, D], &[D, C])), 5);
        let t = LookupTable::new(2, 2, 2, (0..64).collect()).unwrap();
        // own last two CC = 00, opponent's last two DD = 11, opponent's first two CD = 01.
        assert_eq!(t.get(&History::from_moves(&[D, C, C], &[C, D, D])), 0b00_11_01);
        assert_eq!(t.table_depth(), 2);
    }

    #[test]
    fn initial_actions_are_cut_or_padded_to_the_table_depth() {
        let pattern = vec![C; 16];
        let p = LookerUp::new((2, 1, 1), &pattern, Some(&[D, D, D])).unwrap();
        assert_eq!(p.initial_actions, vec![D, D]);
        let q = LookerUp::new((2, 1, 1), &pattern, Some(&[D])).unwrap();
        assert_eq!(q.initial_actions, vec![D, C]);
        assert_eq!(
            q.name(),
            "LookerUp: (D,), CCCCCCCCCCCCCCCC, Plays(self_plays=2, op_plays=1, op_openings=1)"
        );
    }

    #[test]
    fn wrong_pattern_length_names_the_need() {
        let err = LookerUp::new((1, 1, 0), &[C, D, C], None).unwrap_err();
        assert_eq!(
            err,
            LookupError::PatternLength {
                given: 3,
                needed: 4,
                player_depth: 1,
                op_depth: 1,
                op_openings_depth: 0
            }
        );
        assert!(err.to_string().contains("need 2^2 = 4"), "{err}");
        assert!(matches!(
            Gambler::new((0, 1, 0), &[0.5, 1.5]),
            Err(LookupError::Probability { index: 1, .. })
        ));
    }

    #[test]
    fn winners_follow_their_tables() {
        versus_test(&mut LookerUp::winner12(), "CDCCDDCD", "CCDDDCDD");
        versus_test(&mut LookerUp::winner21(), "CDCCDDCD", "DCDDCDDD");
    }

    #[test]
    fn evolved_lookerups_against_scripts() {
        versus_test(&mut LookerUp::evolved_1_1_1(), "CDCCDDCD", "CCDDDDDD");
        versus_test(&mut LookerUp::evolved_2_2_2(), "CDCCDDCDCC", "CCCDDCDDCD");
    }

    #[test]
    fn memory_depths_follow_the_keys() {
        assert_eq!(LookerUp::winner12().classifier().memory_depth, Some(2));
        assert_eq!(LookerUp::evolved_1_1_1().classifier().memory_depth, None);
        assert_eq!(Gambler::pso_mem1().classifier().memory_depth, Some(1));
        assert_eq!(Gambler::zd_mem2().classifier().memory_depth, Some(2));
        assert!(Gambler::pso_2_2_2().classifier().stochastic);
    }

    #[test]
    fn gambler_with_certain_entries_draws_nothing() {
        // A 0/1 table is a deterministic rule: Tit For Tat written as probabilities.
        let mut g = Gambler::new((0, 1, 0), &[1.0, 0.0]).unwrap();
        let info = MatchInfo::default();
        let a = play_against_script(&mut g, "CDDCDCCD", &info, 1);
        let b = play_against_script(&mut g, "CDDCDCCD", &info, 2);
        assert_eq!(a, b);
        assert_eq!(crate::action::actions_to_string(&a), "CCDDCDCC");
        assert_eq!(g.name(), "Gambler: [1.0, 0.0], Plays(self_plays=0, op_plays=1, op_openings=0)");
    }

    #[test]
    fn gambler_cooperation_frequency_matches_its_table() {
        // PSO Gambler Mem1 against a defector sits in state (own, D) after the opening C;
        // from (C, D) it cooperates with p1 and from (D, D) with p3, so the long-run cooperation
        // rate is the stationary mass p3 / (1 - p1 + p3) of the two-state chain.
        let mut g = Gambler::pso_mem1();
        let (p1, p3) = (PSO_GAMBLER_MEM1[1], PSO_GAMBLER_MEM1[3]);
        let expected = p3 / (1.0 - p1 + p3);
        let script = "D".repeat(20_000);
        let moves = play_against_script(&mut g, &script, &MatchInfo::default(), 7);
        let rate = moves[1..].iter().filter(|&&a| a == C).count() as f64 / (moves.len() - 1) as f64;
        assert!((rate - expected).abs() < 0.02, "rate {rate} vs {expected}");
    }

    #[test]
    fn pso_mem1_exposes_its_memory_one_rule() {
        let rule = Gambler::pso_mem1().memory_one().unwrap();
        assert_eq!(rule.four_vector, [1.0, 0.52173487, 0.0, 0.12050939]);
        assert!(Gambler::pso_2_2_2().memory_one().is_none());
    }

    fn action() -> impl proptest::strategy::Strategy<Value = Action> {
        proptest::prop_oneof![proptest::strategy::Just(C), proptest::strategy::Just(D)]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 256, ..Default::default() })]

        /// The bit-arithmetic key agrees with spelling the key out as a C/D string and reading it
        /// as a binary number, and the opening moves follow the library's convention.
        #[test]
        fn table_player_agrees_with_the_spelled_out_key(
            depths in (0usize..3, 0usize..3, 0usize..3),
            pattern_seed in proptest::collection::vec(action(), 64),
            initial in proptest::collection::vec(action(), 0..4),
            opp in proptest::collection::vec(action(), 0..40),
        ) {
            let (p, q, r) = depths;
            let pattern = pattern_seed[..1 << (p + q + r)].to_vec();
            let mut player = LookerUp::new(depths, &pattern, Some(&initial)).unwrap();
            let script = crate::action::actions_to_string(&opp);
            let got = play_against_script(&mut player, &script, &MatchInfo::default(), 0);
            let depth = p.max(q).max(r);
            let mut own: Vec<Action> = Vec::new();
            for t in 0..opp.len() {
                let mv = if t < depth {
                    initial.get(t).copied().unwrap_or(C)
                } else {
                    let key: String = own[t - p..]
                        .iter()
                        .chain(&opp[t - q..t])
                        .chain(&opp[..r])
                        .map(|a| if *a == C { '0' } else { '1' })
                        .collect();
                    pattern[if key.is_empty() { 0 } else { usize::from_str_radix(&key, 2).unwrap() }]
                };
                own.push(mv);
            }
            proptest::prop_assert_eq!(got, own);
        }
    }
}
