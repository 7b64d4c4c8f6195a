//! Punishers: rules whose punishment grows with how often the opponent has defected (or
//! cooperated), and level punishers that defect once the opponent's defection rate passes a
//! threshold.

use super::stateless_strategy;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::Entry;
use crate::rng::StreamRng;
use crate::strategy::{Classifier, MatchInfo, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("punisher", "Punisher", "Punisher", || Box::new(Punisher::new(false))),
    Entry::new("inverse_punisher", "InversePunisher", "Inverse Punisher", || Box::new(Punisher::new(true))),
    Entry::new("level_punisher", "LevelPunisher", "Level Punisher", || Box::new(LevelPunisher)),
    Entry::new("tricky_level_punisher", "TrickyLevelPunisher", "Tricky Level Punisher", || {
        Box::new(TrickyLevelPunisher)
    }),
];

/// Cooperates until the opponent defects; then defects for a number of turns proportional to
/// the opponent's defection rate so far (⌊20·defections/turns⌋), after which it forgives. The
/// inverse version punishes in proportion to the opponent's cooperation rate instead (at least
/// one turn). (Axelrod library: `Punisher` and `InversePunisher`.)
#[derive(Clone, Debug)]
pub struct Punisher {
    inverse: bool,
    mem_length: usize,
    grudged: bool,
    grudge_memory: usize,
}

impl Punisher {
    /// The punisher, or the inverse punisher when `inverse`.
    pub fn new(inverse: bool) -> Punisher {
        Punisher { inverse, mem_length: 1, grudged: false, grudge_memory: 1 }
    }
}

impl Strategy for Punisher {
    fn name(&self) -> String {
        if self.inverse { "Inverse Punisher".into() } else { "Punisher".into() }
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        if self.grudge_memory >= self.mem_length {
            self.grudge_memory = 0;
            self.grudged = false;
        }
        if self.grudged {
            self.grudge_memory += 1;
            return D;
        }
        if h.last_opp() == Some(D) {
            let count = if self.inverse { h.opp_cooperations() } else { h.opp_defections() };
            self.mem_length = (count * 20) / h.len();
            if self.inverse && self.mem_length == 0 {
                self.mem_length = 1;
            }
            self.grudged = true;
            return D;
        }
        C
    }
    fn reset(&mut self) {
        *self = Punisher::new(self.inverse);
    }
}

stateless_strategy! {
    /// Cooperates for ten turns, then defects whenever more than 20% of the opponent's moves
    /// have been defections. (Eckhart 2015; Axelrod library: `LevelPunisher`.)
    LevelPunisher, name: "Level Punisher", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| if h.len() >= 10 && h.opp_defections() as f64 / h.len() as f64 > 0.2 { D } else { C }
}

stateless_strategy! {
    /// Defects whenever the opponent's defection rate exceeds 20% (before turn 10), 10%
    /// (before turn 50) or 5% (before turn 100); cooperates from turn 100 on. (Eckhart 2015;
    /// Axelrod library: `TrickyLevelPunisher`.)
    TrickyLevelPunisher, name: "Tricky Level Punisher", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| {
        let n = h.len();
        let rate = if n == 0 { 0.0 } else { h.opp_defections() as f64 / n as f64 };
        if (n > 0 && n < 10 && rate > 0.2) || (n > 0 && n < 50 && rate > 0.1) || (n > 0 && n < 100 && rate > 0.05) {
            D
        } else {
            C
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn punisher_scales_punishment_with_defection_rate() {
        // First D at turn 2 of 2 seen: rate 1/2 → 10 turns of punishment after the reply.
        versus_test(&mut Punisher::new(false), "CDCCCCCCCCCCCC", "CCDDDDDDDDDDDC");
        // Inverse: the opponent had cooperated in 0 of 1 turns, so the punishment is the
        // minimum of one turn after the reply.
        versus_test(&mut Punisher::new(true), "DCCCCC", "CDDCCC");
    }

    #[test]
    fn level_punishers_watch_the_defection_rate() {
        let script = "DDCCCCCCCCCC";
        versus_test(&mut LevelPunisher, script, "CCCCCCCCCCCC");
        versus_test(&mut LevelPunisher, "DDDCCCCCCCCC", "CCCCCCCCCCDD");
        versus_test(&mut TrickyLevelPunisher, script, "CDDDDDDDDDDD");
    }
}
