//! Small rules that fit no larger family: appeasement, handshakes, negation and the tricky
//! cooperator and defector.

use super::stateless_strategy;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::Entry;
use crate::rng::{StreamRng, bernoulli};
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("appeaser", "Appeaser", "Appeaser", || Box::new(Appeaser)),
    Entry::new("handshake", "Handshake", "Handshake", || Box::new(Handshake)),
    Entry::new("negation", "Negation", "Negation", || Box::new(Negation)),
    Entry::new("tricky_cooperator", "TrickyCooperator", "Tricky Cooperator", || Box::new(TrickyCooperator)),
    Entry::new("tricky_defector", "TrickyDefector", "Tricky Defector", || Box::new(TrickyDefector)),
];

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
    fn tricky_players() {
        versus_test(&mut TrickyCooperator, "CCCCDC", "CCCDDC");
        versus_test(&mut TrickyDefector, "CDDDCD", "DDDDCD");
    }
}
