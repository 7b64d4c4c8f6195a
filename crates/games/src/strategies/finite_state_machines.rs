//! Finite-state-machine players: a generic machine that reads the opponent's last move, and
//! the machines the Axelrod library ships (Ashlock's evolved players, Harper's evolved and
//! Moran-trained machines).

use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::Entry;
use crate::rng::StreamRng;
use crate::strategy::{Classifier, MatchInfo, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("fortress3", "Fortress3", "Fortress3", || Box::new(FsmPlayer::fortress3())),
    Entry::new("fortress4", "Fortress4", "Fortress4", || Box::new(FsmPlayer::fortress4())),
    Entry::new("predator", "Predator", "Predator", || Box::new(FsmPlayer::predator())),
    Entry::new("pun1", "Pun1", "Pun1", || Box::new(FsmPlayer::pun1())),
    Entry::new("raider", "Raider", "Raider", || Box::new(FsmPlayer::raider())),
    Entry::new("ripoff", "Ripoff", "Ripoff", || Box::new(FsmPlayer::ripoff())),
    Entry::new("usually_cooperates", "UsuallyCooperates", "UsuallyCooperates", || {
        Box::new(FsmPlayer::usually_cooperates())
    }),
    Entry::new("usually_defects", "UsuallyDefects", "UsuallyDefects", || {
        Box::new(FsmPlayer::usually_defects())
    }),
    Entry::new("solution_b1", "SolutionB1", "SolutionB1", || Box::new(FsmPlayer::solution_b1())),
    Entry::new("solution_b5", "SolutionB5", "SolutionB5", || Box::new(FsmPlayer::solution_b5())),
    Entry::new("thumper", "Thumper", "Thumper", || Box::new(FsmPlayer::thumper())),
    Entry::new("tf1", "TF1", "TF1", || Box::new(FsmPlayer::tf1())),
    Entry::new("tf2", "TF2", "TF2", || Box::new(FsmPlayer::tf2())),
    Entry::new("tf3", "TF3", "TF3", || Box::new(FsmPlayer::tf3())),
    Entry::new("evolved_fsm_4", "EvolvedFSM4", "Evolved FSM 4", || Box::new(FsmPlayer::evolved_fsm_4())),
    Entry::new("evolved_fsm_6", "EvolvedFSM6", "Evolved FSM 6", || Box::new(FsmPlayer::evolved_fsm_6())),
    Entry::new("evolved_fsm_16", "EvolvedFSM16", "Evolved FSM 16", || Box::new(FsmPlayer::evolved_fsm_16())),
    Entry::new("evolved_fsm_16_noise_05", "EvolvedFSM16Noise05", "Evolved FSM 16 Noise 05", || {
        Box::new(FsmPlayer::evolved_fsm_16_noise_05())
    }),
];

/// One row of a transition table: in `state`, having seen the opponent play `input` last turn,
/// move to `next_state` and play `output` — the tuple order of the Axelrod library.
pub type Transition = (u8, Action, u8, Action);

/// Why a transition table does not define a machine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FsmError {
    /// A reachable state lacks the row for one of the opponent's moves.
    #[error(
        "transitions: state {state} has no row for opponent move {input}; every state named as a current, next or initial state needs one row for C and one for D"
    )]
    MissingRow {
        /// The state.
        state: u8,
        /// The opponent move without a row.
        input: Action,
    },
    /// Two rows for the same (state, opponent move).
    #[error("transitions: state {state} has two rows for opponent move {input}; give exactly one")]
    DuplicateRow {
        /// The state.
        state: u8,
        /// The repeated opponent move.
        input: Action,
    },
}

/// Plays a finite state machine driven by the opponent's moves: the first turn plays
/// `initial_action` and leaves the machine in `initial_state`; every later turn looks up
/// (current state, opponent's last move), moves to the row's next state and plays its action.
/// (Axelrod library: `FSMPlayer`, whose default machine is Tit For Tat:
/// `((1, C, 1, C), (1, D, 1, D))`, state 1, first move C.)
///
/// The named machines are parameterisations of this type with the library's tables, names and
/// classifiers (the library declares memory depth 1 for the generic player, whatever its table).
#[derive(Clone, Debug)]
pub struct FsmPlayer {
    /// The library's `name` for a named machine; `None` for a generic one, whose name shows
    /// its table.
    label: Option<&'static str>,
    rows: Vec<Transition>,
    /// Dense table indexed by `2·state_index + opponent move`: (next state index, move).
    table: Vec<(u16, Action)>,
    initial_state: u8,
    initial_index: u16,
    initial_action: Action,
    state: u16,
    memory_depth: Option<usize>,
}

impl Default for FsmPlayer {
    /// Tit For Tat as a one-state machine, the library's default.
    fn default() -> Self {
        FsmPlayer::new(&[(1, C, 1, C), (1, D, 1, D)], 1, C).expect("Tit For Tat is a valid machine")
    }
}

impl FsmPlayer {
    /// A generic machine. Every state named in the table (as current or next) and the initial
    /// state must have exactly one row for each opponent move.
    pub fn new(
        rows: &[Transition],
        initial_state: u8,
        initial_action: Action,
    ) -> Result<FsmPlayer, FsmError> {
        // Map state labels (which need not be contiguous) to dense indices.
        let mut labels: Vec<u8> = rows.iter().flat_map(|&(s, _, n, _)| [s, n]).collect();
        labels.push(initial_state);
        labels.sort_unstable();
        labels.dedup();
        let index_of = |label: u8| labels.binary_search(&label).expect("every label was collected") as u16;
        let mut table: Vec<Option<(u16, Action)>> = vec![None; 2 * labels.len()];
        for &(state, input, next, output) in rows {
            let slot = &mut table[2 * index_of(state) as usize + input as usize];
            if slot.is_some() {
                return Err(FsmError::DuplicateRow { state, input });
            }
            *slot = Some((index_of(next), output));
        }
        let table = table
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                row.ok_or(FsmError::MissingRow {
                    state: labels[i / 2],
                    input: if i % 2 == 0 { C } else { D },
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let initial_index = index_of(initial_state);
        Ok(FsmPlayer {
            label: None,
            rows: rows.to_vec(),
            table,
            initial_state,
            initial_index,
            initial_action,
            state: initial_index,
            memory_depth: Some(1),
        })
    }

    /// A named machine from the library's tables (which are valid by construction).
    fn named(
        label: &'static str,
        rows: &[Transition],
        initial_state: u8,
        initial_action: Action,
        memory_depth: Option<usize>,
    ) -> FsmPlayer {
        let mut player = FsmPlayer::new(rows, initial_state, initial_action)
            .unwrap_or_else(|e| panic!("the table of {label} is invalid: {e}"));
        player.label = Some(label);
        player.memory_depth = memory_depth;
        player
    }

    /// The transition table as given.
    pub fn transitions(&self) -> &[Transition] {
        &self.rows
    }

    /// The number of distinct states.
    pub fn num_states(&self) -> usize {
        self.table.len() / 2
    }

    /// Ashlock & Kim (2006): defects until the opponent answers with two defections in a row
    /// (a password), then cooperates while the opponent cooperates. (Axelrod library: `Fortress3`.)
    pub fn fortress3() -> FsmPlayer {
        FsmPlayer::named("Fortress3", FORTRESS3, 1, D, Some(2))
    }

    /// Ashlock & Kim (2006): like Fortress3 with a three-defection password.
    /// (Axelrod library: `Fortress4`.)
    pub fn fortress4() -> FsmPlayer {
        FsmPlayer::named("Fortress4", FORTRESS4, 1, D, Some(3))
    }

    /// Ashlock & Kim (2006): a nine-state machine that exploits cooperators and punishes
    /// defectors. (Axelrod library: `Predator`.)
    pub fn predator() -> FsmPlayer {
        FsmPlayer::named("Predator", PREDATOR, 0, C, None)
    }

    /// Ashlock & Rogers (2006): opens with D, then cooperates every other turn and copies the
    /// opponent in between. (Axelrod library: `Pun1`.)
    pub fn pun1() -> FsmPlayer {
        FsmPlayer::named("Pun1", PUN1, 1, D, None)
    }

    /// Ashlock et al. (2014): a four-state raider that mostly defects and falls back to Tit For
    /// Tat in its absorbing state. (Axelrod library: `Raider`.)
    pub fn raider() -> FsmPlayer {
        FsmPlayer::named("Raider", RAIDER, 0, D, None)
    }

    /// Ashlock et al. (2008): opens with D and alternates C and D while the opponent
    /// cooperates; the first defection it sees is answered with C, and from then on it plays
    /// Tit For Tat. (Axelrod library: `Ripoff`.)
    pub fn ripoff() -> FsmPlayer {
        FsmPlayer::named("Ripoff", RIPOFF, 1, D, Some(3))
    }

    /// Ashlock (2009): cooperates except after the opponent plays C right after a D.
    /// (Axelrod library: `UsuallyCooperates`.)
    pub fn usually_cooperates() -> FsmPlayer {
        FsmPlayer::named("UsuallyCooperates", USUALLY_COOPERATES, 1, C, None)
    }

    /// Ashlock (2009): defects except after the opponent plays D right after a C.
    /// (Axelrod library: `UsuallyDefects`.)
    pub fn usually_defects() -> FsmPlayer {
        FsmPlayer::named("UsuallyDefects", USUALLY_DEFECTS, 1, D, None)
    }

    /// Ashlock et al. (2015), solution B1: defects until the opponent first cooperates, plays
    /// one more D, then cooperates for ever.
    /// (Axelrod library: `SolutionB1`.)
    pub fn solution_b1() -> FsmPlayer {
        FsmPlayer::named("SolutionB1", SOLUTION_B1, 1, D, Some(2))
    }

    /// Ashlock et al. (2015), solution B5: a six-state machine. (Axelrod library: `SolutionB5`.)
    pub fn solution_b5() -> FsmPlayer {
        FsmPlayer::named("SolutionB5", SOLUTION_B5, 1, D, None)
    }

    /// Ashlock et al. (2008): cooperates while the opponent cooperates; a defection is answered
    /// with two defections. (Axelrod library: `Thumper`.)
    pub fn thumper() -> FsmPlayer {
        FsmPlayer::named("Thumper", THUMPER, 1, C, None)
    }

    /// Harper et al. (2017): a 16-state machine trained to maximise Moran fixation.
    /// (Axelrod library: `TF1`.)
    pub fn tf1() -> FsmPlayer {
        FsmPlayer::named("TF1", TF1, 0, C, None)
    }

    /// Harper et al. (2017): a machine trained to maximise Moran fixation (16 state labels, 14
    /// in use). (Axelrod library: `TF2`.)
    pub fn tf2() -> FsmPlayer {
        FsmPlayer::named("TF2", TF2, 0, C, None)
    }

    /// Harper et al. (2017): an 8-state machine trained to maximise Moran fixation.
    /// (Axelrod library: `TF3`.)
    pub fn tf3() -> FsmPlayer {
        FsmPlayer::named("TF3", TF3, 0, C, None)
    }

    /// Harper et al. (2017): a 4-state machine evolved for tournament score.
    /// (Axelrod library: `EvolvedFSM4`.)
    pub fn evolved_fsm_4() -> FsmPlayer {
        FsmPlayer::named("Evolved FSM 4", EVOLVED_FSM4, 0, C, None)
    }

    /// Vincent & Fryer: a machine evolved for tournament score whose reachable part has six
    /// states. (Axelrod library: `EvolvedFSM6`.)
    pub fn evolved_fsm_6() -> FsmPlayer {
        FsmPlayer::named("Evolved FSM 6", EVOLVED_FSM6, 4, C, None)
    }

    /// Harper et al. (2017): a machine evolved for tournament score with 16 states, 14 of
    /// which are in use.
    /// (Axelrod library: `EvolvedFSM16`.)
    pub fn evolved_fsm_16() -> FsmPlayer {
        FsmPlayer::named("Evolved FSM 16", EVOLVED_FSM16, 0, C, None)
    }

    /// Harper et al. (2017): a machine evolved for score in matches with 5% noise (16 state
    /// labels, 14 in use).
    /// (Axelrod library: `EvolvedFSM16Noise05`.)
    pub fn evolved_fsm_16_noise_05() -> FsmPlayer {
        FsmPlayer::named("Evolved FSM 16 Noise 05", EVOLVED_FSM16_NOISE05, 0, C, None)
    }
}

impl Strategy for FsmPlayer {
    fn name(&self) -> String {
        match self.label {
            Some(label) => label.to_string(),
            None => {
                let rows: Vec<String> =
                    self.rows.iter().map(|(s, a, n, b)| format!("({s}, {a}, {n}, {b})")).collect();
                // Python prints a one-element tuple with a trailing comma.
                let trailing = if rows.len() == 1 { "," } else { "" };
                format!(
                    "FSM Player: ({}{trailing}), {}, {}",
                    rows.join(", "),
                    self.initial_state,
                    self.initial_action
                )
            }
        }
    }

    fn classifier(&self) -> Classifier {
        Classifier::deterministic(self.memory_depth)
    }

    fn play(&mut self, history: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        match history.last_opp() {
            None => self.initial_action,
            Some(opp) => {
                let (next, output) = self.table[2 * self.state as usize + opp as usize];
                self.state = next;
                output
            }
        }
    }

    fn reset(&mut self) {
        self.state = self.initial_index;
    }
}

// The tables below are data from the Axelrod library 4.14.0, printed by
// compat/dump_strategy_tables.py.

/// `Fortress3`: initial state 1, initial move D.
const FORTRESS3: &[Transition] =
    &[(1, C, 1, D), (1, D, 2, D), (2, C, 1, D), (2, D, 3, C), (3, C, 3, C), (3, D, 1, D)];
/// `Fortress4`: initial state 1, initial move D.
const FORTRESS4: &[Transition] = &[
    (1, C, 1, D),
    (1, D, 2, D),
    (2, C, 1, D),
    (2, D, 3, D),
    (3, C, 1, D),
    (3, D, 4, C),
    (4, C, 4, C),
    (4, D, 1, D),
];
/// `Predator`: initial state 0, initial move C.
const PREDATOR: &[Transition] = &[
    (0, C, 0, D),
    (0, D, 1, D),
    (1, C, 2, D),
    (1, D, 3, D),
    (2, C, 4, C),
    (2, D, 3, D),
    (3, C, 5, D),
    (3, D, 4, C),
    (4, C, 2, C),
    (4, D, 6, D),
    (5, C, 7, D),
    (5, D, 3, D),
    (6, C, 7, C),
    (6, D, 7, D),
    (7, C, 8, D),
    (7, D, 7, D),
    (8, C, 8, D),
    (8, D, 6, D),
];
/// `Pun1`: initial state 1, initial move D.
const PUN1: &[Transition] = &[(1, C, 2, C), (1, D, 2, C), (2, C, 1, C), (2, D, 1, D)];
/// `Raider`: initial state 0, initial move D.
const RAIDER: &[Transition] = &[
    (0, C, 2, D),
    (0, D, 2, D),
    (1, C, 1, C),
    (1, D, 1, D),
    (2, C, 0, D),
    (2, D, 3, C),
    (3, C, 0, D),
    (3, D, 1, C),
];
/// `Ripoff`: initial state 1, initial move D.
const RIPOFF: &[Transition] =
    &[(1, C, 2, C), (1, D, 3, C), (2, C, 1, D), (2, D, 3, C), (3, C, 3, C), (3, D, 3, D)];
/// `UsuallyCooperates`: initial state 1, initial move C.
const USUALLY_COOPERATES: &[Transition] = &[(1, C, 1, C), (1, D, 2, C), (2, C, 1, D), (2, D, 1, C)];
/// `UsuallyDefects`: initial state 1, initial move D.
const USUALLY_DEFECTS: &[Transition] = &[(1, C, 2, D), (1, D, 1, D), (2, C, 1, D), (2, D, 1, C)];
/// `SolutionB1`: initial state 1, initial move D.
const SOLUTION_B1: &[Transition] =
    &[(1, C, 2, D), (1, D, 1, D), (2, C, 2, C), (2, D, 3, C), (3, C, 3, C), (3, D, 3, C)];
/// `SolutionB5`: initial state 1, initial move D.
const SOLUTION_B5: &[Transition] = &[
    (1, C, 2, C),
    (1, D, 6, D),
    (2, C, 2, C),
    (2, D, 3, D),
    (3, C, 6, C),
    (3, D, 1, D),
    (4, C, 3, C),
    (4, D, 6, D),
    (5, C, 5, D),
    (5, D, 4, D),
    (6, C, 3, C),
    (6, D, 5, D),
];
/// `Thumper`: initial state 1, initial move C.
const THUMPER: &[Transition] = &[(1, C, 1, C), (1, D, 2, D), (2, C, 1, D), (2, D, 1, D)];
/// `TF1`: initial state 0, initial move C.
const TF1: &[Transition] = &[
    (0, C, 7, C),
    (0, D, 1, C),
    (1, C, 11, D),
    (1, D, 11, D),
    (2, C, 8, D),
    (2, D, 8, C),
    (3, C, 3, C),
    (3, D, 12, D),
    (4, C, 6, C),
    (4, D, 3, C),
    (5, C, 11, C),
    (5, D, 8, D),
    (6, C, 13, D),
    (6, D, 14, C),
    (7, C, 4, D),
    (7, D, 2, D),
    (8, C, 14, D),
    (8, D, 8, D),
    (9, C, 0, C),
    (9, D, 10, D),
    (10, C, 8, C),
    (10, D, 15, C),
    (11, C, 6, D),
    (11, D, 5, D),
    (12, C, 6, D),
    (12, D, 9, D),
    (13, C, 9, D),
    (13, D, 8, D),
    (14, C, 8, D),
    (14, D, 13, D),
    (15, C, 4, C),
    (15, D, 5, C),
];
/// `TF2`: initial state 0, initial move C.
const TF2: &[Transition] = &[
    (0, C, 13, D),
    (0, D, 12, D),
    (1, C, 3, D),
    (1, D, 4, D),
    (2, C, 14, D),
    (2, D, 9, D),
    (3, C, 0, C),
    (3, D, 1, D),
    (4, C, 1, D),
    (4, D, 2, D),
    (7, C, 12, D),
    (7, D, 2, D),
    (8, C, 7, D),
    (8, D, 9, D),
    (9, C, 8, D),
    (9, D, 0, D),
    (10, C, 2, C),
    (10, D, 15, C),
    (11, C, 7, D),
    (11, D, 13, D),
    (12, C, 3, C),
    (12, D, 8, D),
    (13, C, 7, C),
    (13, D, 10, D),
    (14, C, 10, D),
    (14, D, 7, D),
    (15, C, 15, C),
    (15, D, 11, D),
];
/// `TF3`: initial state 0, initial move C.
const TF3: &[Transition] = &[
    (0, C, 0, C),
    (0, D, 3, C),
    (1, C, 5, D),
    (1, D, 0, C),
    (2, C, 3, C),
    (2, D, 2, D),
    (3, C, 4, D),
    (3, D, 6, D),
    (4, C, 3, C),
    (4, D, 1, D),
    (5, C, 6, C),
    (5, D, 3, D),
    (6, C, 6, D),
    (6, D, 6, D),
    (7, C, 7, D),
    (7, D, 5, C),
];
/// `EvolvedFSM4`: initial state 0, initial move C.
const EVOLVED_FSM4: &[Transition] = &[
    (0, C, 0, C),
    (0, D, 2, D),
    (1, C, 3, D),
    (1, D, 0, C),
    (2, C, 2, D),
    (2, D, 1, C),
    (3, C, 3, D),
    (3, D, 1, D),
];
/// `EvolvedFSM6`: initial state 4, initial move C.
const EVOLVED_FSM6: &[Transition] = &[
    (2, C, 2, D),
    (2, D, 7, D),
    (3, C, 6, D),
    (3, D, 4, C),
    (4, C, 4, C),
    (4, D, 6, D),
    (5, C, 2, D),
    (5, D, 7, D),
    (6, C, 3, C),
    (6, D, 5, D),
    (7, C, 2, C),
    (7, D, 3, D),
];
/// `EvolvedFSM16`: initial state 0, initial move C.
const EVOLVED_FSM16: &[Transition] = &[
    (0, C, 0, C),
    (0, D, 12, D),
    (1, C, 3, D),
    (1, D, 6, C),
    (2, C, 2, D),
    (2, D, 14, D),
    (3, C, 3, D),
    (3, D, 3, D),
    (5, C, 12, D),
    (5, D, 10, D),
    (6, C, 5, C),
    (6, D, 12, D),
    (7, C, 3, D),
    (7, D, 1, C),
    (8, C, 5, C),
    (8, D, 5, C),
    (10, C, 11, D),
    (10, D, 8, C),
    (11, C, 15, D),
    (11, D, 5, D),
    (12, C, 8, C),
    (12, D, 11, D),
    (13, C, 13, D),
    (13, D, 7, D),
    (14, C, 13, D),
    (14, D, 13, D),
    (15, C, 15, D),
    (15, D, 2, C),
];
/// `EvolvedFSM16Noise05`: initial state 0, initial move C.
const EVOLVED_FSM16_NOISE05: &[Transition] = &[
    (0, C, 8, C),
    (0, D, 3, D),
    (1, C, 13, C),
    (1, D, 15, D),
    (2, C, 12, C),
    (2, D, 3, D),
    (3, C, 10, C),
    (3, D, 3, D),
    (4, C, 5, D),
    (4, D, 4, D),
    (5, C, 4, D),
    (5, D, 10, D),
    (6, C, 8, C),
    (6, D, 6, D),
    (8, C, 2, C),
    (8, D, 4, D),
    (10, C, 4, D),
    (10, D, 1, D),
    (11, C, 14, D),
    (11, D, 13, C),
    (12, C, 13, C),
    (12, D, 2, C),
    (13, C, 13, C),
    (13, D, 6, C),
    (14, C, 3, D),
    (14, D, 13, D),
    (15, C, 5, D),
    (15, D, 11, C),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn default_machine_is_tit_for_tat() {
        let mut p = FsmPlayer::default();
        versus_test(&mut p, "CDDCDC", "CCDDCD");
        assert_eq!(p.name(), "FSM Player: ((1, C, 1, C), (1, D, 1, D)), 1, C");
        assert_eq!(p.classifier().memory_depth, Some(1));
    }

    #[test]
    fn incomplete_or_duplicated_tables_are_rejected() {
        assert_eq!(
            FsmPlayer::new(&[(1, C, 2, C), (1, D, 1, D)], 1, C).unwrap_err(),
            FsmError::MissingRow { state: 2, input: C }
        );
        assert_eq!(
            FsmPlayer::new(&[(1, C, 1, C), (1, C, 1, D)], 1, C).unwrap_err(),
            FsmError::DuplicateRow { state: 1, input: C }
        );
        let err = FsmPlayer::new(&[(1, C, 1, C), (1, D, 1, D)], 3, C).unwrap_err();
        assert!(err.to_string().contains("state 3"), "{err}");
    }

    #[test]
    fn state_labels_need_not_be_contiguous() {
        // Evolved FSM 6 has no states 0 and 1 and starts in state 4.
        let p = FsmPlayer::evolved_fsm_6();
        assert_eq!(p.num_states(), 6);
    }

    #[test]
    fn thumper_answers_a_defection_with_two() {
        versus_test(&mut FsmPlayer::thumper(), "CDCCCDDCC", "CCDDCCDDC");
    }

    #[test]
    fn fortress3_opens_the_gate_after_two_defections() {
        // D until the opponent defects twice running, then C while the opponent cooperates.
        versus_test(&mut FsmPlayer::fortress3(), "DDCCCD", "DDCCCC");
        versus_test(&mut FsmPlayer::fortress3(), "CCCCCC", "DDDDDD");
    }

    #[test]
    fn ripoff_alternates_then_falls_back_to_tit_for_tat() {
        versus_test(&mut FsmPlayer::ripoff(), "CCCCDCDC", "DCDCDCCD");
    }

    #[test]
    fn usually_cooperates_punishes_c_after_d() {
        versus_test(&mut FsmPlayer::usually_cooperates(), "CDCCDDC", "CCCDCCC");
        versus_test(&mut FsmPlayer::usually_defects(), "CDCDDCD", "DDCDCDD");
    }

    #[test]
    fn reset_restores_the_initial_state() {
        let mut p = FsmPlayer::predator();
        let first = crate::testing::play_against_script(&mut p, "CDCDDDCCDC", &MatchInfo::default(), 0);
        let again = crate::testing::play_against_script(&mut p, "CDCDDDCCDC", &MatchInfo::default(), 0);
        assert_eq!(first, again);
    }

    #[test]
    fn named_machines_have_the_library_sizes() {
        let sizes = [
            (FsmPlayer::fortress3(), 3),
            (FsmPlayer::fortress4(), 4),
            (FsmPlayer::predator(), 9),
            (FsmPlayer::raider(), 4),
            (FsmPlayer::solution_b5(), 6),
            (FsmPlayer::tf1(), 16),
            (FsmPlayer::tf3(), 8),
            (FsmPlayer::evolved_fsm_16(), 14),
            (FsmPlayer::evolved_fsm_16_noise_05(), 14),
        ];
        for (p, n) in sizes {
            assert_eq!(p.num_states(), n, "{}", p.name());
        }
    }

    /// The naive reading of a machine: find the row for (state, opponent's last move) by a
    /// linear search of the rows as given.
    fn naive_moves(
        rows: &[Transition],
        initial_state: u8,
        initial_action: Action,
        opp: &[Action],
    ) -> Vec<Action> {
        let mut state = initial_state;
        let mut out = Vec::with_capacity(opp.len());
        for t in 0..opp.len() {
            if t == 0 {
                out.push(initial_action);
                continue;
            }
            let &(_, _, next, output) = rows
                .iter()
                .find(|&&(s, input, _, _)| s == state && input == opp[t - 1])
                .expect("complete table");
            state = next;
            out.push(output);
        }
        out
    }

    fn action() -> impl proptest::strategy::Strategy<Value = Action> {
        proptest::prop_oneof![proptest::strategy::Just(C), proptest::strategy::Just(D)]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 256, ..Default::default() })]

        /// The dense table agrees with the naive reading on random machines whose state labels
        /// are sparse (1, 4, 7, …) and random opponents.
        #[test]
        fn dense_table_agrees_with_the_naive_reading(
            n_states in 1usize..7,
            choices in proptest::collection::vec((0usize..7, action()), 14),
            initial in 0usize..7,
            initial_action in action(),
            opp in proptest::collection::vec(action(), 0..60),
        ) {
            let label = |i: usize| (3 * (i % n_states) + 1) as u8;
            let mut rows = Vec::new();
            for state in 0..n_states {
                for (k, input) in [C, D].into_iter().enumerate() {
                    let (next, output) = choices[2 * state + k];
                    rows.push((label(state), input, label(next), output));
                }
            }
            let mut player = FsmPlayer::new(&rows, label(initial), initial_action).unwrap();
            let script = crate::action::actions_to_string(&opp);
            let got = crate::testing::play_against_script(&mut player, &script, &MatchInfo::default(), 0);
            proptest::prop_assert_eq!(got, naive_moves(&rows, label(initial), initial_action, &opp));
        }
    }
}
