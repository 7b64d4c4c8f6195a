//! Go By Majority: cooperate while the opponent has cooperated at least as often as it has
//! defected, over its whole history or over a recent window.

use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::Entry;
use crate::rng::StreamRng;
use crate::strategy::{Classifier, MatchInfo, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("go_by_majority", "GoByMajority", "Soft Go By Majority", || {
        Box::new(GoByMajority::soft(None))
    }),
    Entry::new("go_by_majority_40", "GoByMajority40", "Soft Go By Majority: 40", || {
        Box::new(GoByMajority::soft(Some(40)))
    }),
    Entry::new("go_by_majority_20", "GoByMajority20", "Soft Go By Majority: 20", || {
        Box::new(GoByMajority::soft(Some(20)))
    }),
    Entry::new("go_by_majority_10", "GoByMajority10", "Soft Go By Majority: 10", || {
        Box::new(GoByMajority::soft(Some(10)))
    }),
    Entry::new("go_by_majority_5", "GoByMajority5", "Soft Go By Majority: 5", || {
        Box::new(GoByMajority::soft(Some(5)))
    }),
    Entry::new("hard_go_by_majority", "HardGoByMajority", "Hard Go By Majority", || {
        Box::new(GoByMajority::hard(None))
    }),
    Entry::new("hard_go_by_majority_40", "HardGoByMajority40", "Hard Go By Majority: 40", || {
        Box::new(GoByMajority::hard(Some(40)))
    }),
    Entry::new("hard_go_by_majority_20", "HardGoByMajority20", "Hard Go By Majority: 20", || {
        Box::new(GoByMajority::hard(Some(20)))
    }),
    Entry::new("hard_go_by_majority_10", "HardGoByMajority10", "Hard Go By Majority: 10", || {
        Box::new(GoByMajority::hard(Some(10)))
    }),
    Entry::new("hard_go_by_majority_5", "HardGoByMajority5", "Hard Go By Majority: 5", || {
        Box::new(GoByMajority::hard(Some(5)))
    }),
];

/// Defects when the opponent has defected more often than it has cooperated, in its whole
/// history or in its last `memory` moves; on a tie the soft version cooperates and the hard
/// version defects (so the hard one defects on the first turn). (Gail Grisell's entry to
/// Axelrod's second tournament; Axelrod library: `GoByMajority`, `HardGoByMajority` and their
/// windowed subclasses `GoByMajority5/10/20/40`, `HardGoByMajority5/10/20/40`.)
#[derive(Clone, Copy, Debug)]
pub struct GoByMajority {
    /// The window length; `None` for the whole history.
    memory: Option<usize>,
    soft: bool,
    /// The opponent's defections in the window and the history length they were counted at:
    /// one turn later the count is updated by the move that entered the window and the one
    /// that left it, instead of recounted.
    window_defections: usize,
    counted_at: usize,
}

impl GoByMajority {
    /// The soft rule (cooperate on ties) over the given window.
    pub fn soft(memory: Option<usize>) -> GoByMajority {
        GoByMajority { memory, soft: true, window_defections: 0, counted_at: 0 }
    }

    /// The hard rule (defect on ties) over the given window.
    pub fn hard(memory: Option<usize>) -> GoByMajority {
        GoByMajority { memory, soft: false, window_defections: 0, counted_at: 0 }
    }
}

impl Strategy for GoByMajority {
    fn name(&self) -> String {
        let kind = if self.soft { "Soft" } else { "Hard" };
        match self.memory {
            Some(m) if m > 0 => format!("{kind} Go By Majority: {m}"),
            _ => format!("{kind} Go By Majority"),
        }
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(self.memory)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let (cooperations, defections) = match self.memory {
            Some(m) if m > 0 => {
                let (n, opp) = (h.len(), h.opp());
                if n == self.counted_at + 1 {
                    self.window_defections += usize::from(opp[n - 1] == D);
                    if n > m {
                        self.window_defections -= usize::from(opp[n - 1 - m] == D);
                    }
                } else {
                    self.window_defections = opp[n.saturating_sub(m)..].iter().filter(|&&a| a == D).count();
                }
                self.counted_at = n;
                let d = self.window_defections;
                (n.min(m) - d, d)
            }
            _ => (h.opp_cooperations(), h.opp_defections()),
        };
        if defections > cooperations || (defections == cooperations && !self.soft) { D } else { C }
    }
    fn reset(&mut self) {
        self.window_defections = 0;
        self.counted_at = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn soft_and_hard_majority() {
        versus_test(&mut GoByMajority::soft(None), "DCDDCC", "CDCDDD");
        versus_test(&mut GoByMajority::hard(None), "DCDDCC", "DDDDDD");
        versus_test(&mut GoByMajority::hard(None), "CCDCD", "DCCCC");
    }

    #[test]
    fn windowed_majority_forgets_old_moves() {
        // Five defections, then cooperations: the 5-window turns back after three Cs.
        versus_test(&mut GoByMajority::soft(Some(5)), "DDDDDCCCCC", "CDDDDDDDCC");
        versus_test(&mut GoByMajority::soft(None), "DDDDDCCCCC", "CDDDDDDDDD");
        assert_eq!(GoByMajority::hard(Some(10)).name(), "Hard Go By Majority: 10");
    }
}
