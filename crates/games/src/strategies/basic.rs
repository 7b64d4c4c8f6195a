//! The simplest rules: unconditional play, random play, alternation and Tit For Tat.

use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::Entry;
use crate::rng::{StreamRng, bernoulli};
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("cooperator", "Cooperator", "Cooperator", || Box::new(Cooperator)),
    Entry::new("defector", "Defector", "Defector", || Box::new(Defector)),
    Entry::new("random", "Random", "Random", || Box::new(RandomPlayer::new(0.5))),
    Entry::new("alternator", "Alternator", "Alternator", || Box::new(Alternator)),
    Entry::new("tit_for_tat", "TitForTat", "Tit For Tat", || Box::new(TitForTat)),
];

/// Always cooperates. (Axelrod library: `Cooperator`.)
#[derive(Clone, Debug, Default)]
pub struct Cooperator;

impl Strategy for Cooperator {
    fn name(&self) -> String {
        "Cooperator".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(0))
    }
    fn play(&mut self, _: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        C
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [1.0; 4], initial_cooperation: 1.0 })
    }
}

/// Always defects. (Axelrod library: `Defector`.)
#[derive(Clone, Debug, Default)]
pub struct Defector;

impl Strategy for Defector {
    fn name(&self) -> String {
        "Defector".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(0))
    }
    fn play(&mut self, _: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        D
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [0.0; 4], initial_cooperation: 0.0 })
    }
}

/// Cooperates with probability `p` each turn, regardless of history. (Axelrod library:
/// `Random`, default p = 0.5; deterministic when p is 0 or 1.)
#[derive(Clone, Debug)]
pub struct RandomPlayer {
    p: f64,
}

impl RandomPlayer {
    /// Cooperates with probability `p`.
    pub fn new(p: f64) -> RandomPlayer {
        RandomPlayer { p }
    }
}

impl Strategy for RandomPlayer {
    fn name(&self) -> String {
        format!("Random: {}", crate::registry::py_float(self.p))
    }
    fn classifier(&self) -> Classifier {
        Classifier::drawing_with(self.p, Some(0))
    }
    fn play(&mut self, _: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        Action::from_bool(bernoulli(rng, self.p))
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [self.p; 4], initial_cooperation: self.p })
    }
}

/// Cooperates first, then plays the opposite of its own last move. (Axelrod library: `Alternator`.)
#[derive(Clone, Debug, Default)]
pub struct Alternator;

impl Strategy for Alternator {
    fn name(&self) -> String {
        "Alternator".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(1))
    }
    fn play(&mut self, history: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        match history.last_own() {
            None => C,
            Some(last) => last.flip(),
        }
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [0.0, 0.0, 1.0, 1.0], initial_cooperation: 1.0 })
    }
}

/// Cooperates first, then copies the opponent's last move. (Axelrod 1980; Axelrod library:
/// `TitForTat`.)
#[derive(Clone, Debug, Default)]
pub struct TitForTat;

impl Strategy for TitForTat {
    fn name(&self) -> String {
        "Tit For Tat".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(1))
    }
    fn play(&mut self, history: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        history.last_opp().unwrap_or(C)
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: [1.0, 0.0, 1.0, 0.0], initial_cooperation: 1.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn tit_for_tat_copies() {
        versus_test(&mut TitForTat, "CDDCD", "CCDDC");
    }

    #[test]
    fn alternator_alternates() {
        versus_test(&mut Alternator, "DDDDD", "CDCDC");
    }

    #[test]
    fn unconditional_players() {
        versus_test(&mut Cooperator, "DDD", "CCC");
        versus_test(&mut Defector, "CCC", "DDD");
    }
}
