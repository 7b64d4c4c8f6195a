//! The generic memory-one player: cooperation probabilities after CC, CD, DC and DD.

use crate::action::{Action, C};
use crate::history::History;
use crate::registry::{Entry, py_float};
use crate::rng::{StreamRng, bernoulli};
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] =
    &[Entry::new("memory_one_player", "MemoryOnePlayer", "Generic Memory One Player", || {
        Box::new(MemoryOnePlayer::new("Generic Memory One Player", [1.0, 0.0, 0.0, 1.0], C))
    })];

/// Cooperates with probability `four_vector[s]` after the state `s` ∈ {CC, CD, DC, DD} (own
/// move first) and plays `initial` on the first turn. Probabilities of exactly 0 or 1 draw no
/// randomness. (Nowak & Sigmund 1990, Press & Dyson 2012; Axelrod library: `MemoryOnePlayer`,
/// whose default vector is (1, 0, 0, 1), i.e. Win-Stay Lose-Shift.)
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

    /// The four cooperation probabilities.
    pub fn four_vector(&self) -> [f64; 4] {
        self.four_vector
    }
}

impl Strategy for MemoryOnePlayer {
    fn name(&self) -> String {
        match &self.shown_params {
            Some(p) => format!("{}: {}", self.name, p),
            None => self.name.to_string(),
        }
    }
    fn classifier(&self) -> Classifier {
        let stochastic = self.four_vector.iter().any(|&p| p > 0.0 && p < 1.0);
        if stochastic { Classifier::stochastic(Some(1)) } else { Classifier::deterministic(Some(1)) }
    }
    fn play(&mut self, history: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        match (history.last_own(), history.last_opp()) {
            (Some(own), Some(opp)) => {
                Action::from_bool(bernoulli(rng, self.four_vector[2 * own as usize + opp as usize]))
            }
            _ => self.initial,
        }
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        Some(MemoryOneRule {
            four_vector: self.four_vector,
            initial_cooperation: if self.initial == C { 1.0 } else { 0.0 },
        })
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
}
