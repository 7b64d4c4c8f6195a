//! Cyclers: rules that repeat a fixed sequence of moves whatever the opponent does, and the
//! Anti Cycler, whose sequence never repeats.

use crate::action::{Action, C, D, actions_from_str, actions_to_string};
use crate::history::History;
use crate::registry::Entry;
use crate::rng::StreamRng;
use crate::strategy::{Classifier, MatchInfo, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("anti_cycler", "AntiCycler", "AntiCycler", || Box::new(AntiCycler)),
    Entry::new("cycler", "Cycler", "Cycler", || Box::new(Cycler::new("CCD").expect("valid cycle"))),
    Entry::new("cycler_dc", "CyclerDC", "Cycler DC", || Box::new(Cycler::named("Cycler DC", "DC"))),
    Entry::new("cycler_ccd", "CyclerCCD", "Cycler CCD", || Box::new(Cycler::named("Cycler CCD", "CCD"))),
    Entry::new("cycler_ddc", "CyclerDDC", "Cycler DDC", || Box::new(Cycler::named("Cycler DDC", "DDC"))),
    Entry::new("cycler_cccd", "CyclerCCCD", "Cycler CCCD", || Box::new(Cycler::named("Cycler CCCD", "CCCD"))),
    Entry::new("cycler_cccccd", "CyclerCCCCCD", "Cycler CCCCCD", || {
        Box::new(Cycler::named("Cycler CCCCCD", "CCCCCD"))
    }),
    Entry::new("cycler_cccdcd", "CyclerCCCDCD", "Cycler CCCDCD", || {
        Box::new(Cycler::named("Cycler CCCDCD", "CCCDCD"))
    }),
];

/// Why a cycle cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("cycle must be a non-empty string of C and D; got {0:?}")]
pub struct InvalidCycle(pub String);

/// Repeats a fixed sequence of moves for ever, e.g. C, C, D, C, C, D, … (Axelrod library:
/// `Cycler`, default cycle "CCD", and its named subclasses `CyclerDC`, `CyclerCCD`, …; the
/// memory depth is the cycle length minus one.)
#[derive(Clone, Debug)]
pub struct Cycler {
    /// The display name of a named cycler (`"Cycler CCD"`), or `None` for the generic one,
    /// whose name shows the cycle (`"Cycler: CCD"`).
    fixed_name: Option<&'static str>,
    cycle: Vec<Action>,
}

impl Cycler {
    /// The generic cycler with the given cycle of `C`/`D` letters.
    pub fn new(cycle: &str) -> Result<Cycler, InvalidCycle> {
        match actions_from_str(cycle) {
            Some(actions) if !actions.is_empty() => Ok(Cycler { fixed_name: None, cycle: actions }),
            _ => Err(InvalidCycle(cycle.to_string())),
        }
    }

    fn named(name: &'static str, cycle: &str) -> Cycler {
        Cycler { fixed_name: Some(name), ..Cycler::new(cycle).expect("built-in cycles are valid") }
    }
}

impl Strategy for Cycler {
    fn name(&self) -> String {
        match self.fixed_name {
            Some(name) => name.to_string(),
            None => format!("Cycler: {}", actions_to_string(&self.cycle)),
        }
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(self.cycle.len() - 1))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        self.cycle[h.len() % self.cycle.len()]
    }
    fn reset(&mut self) {}
}

/// Plays C, D, D, then blocks of ever more cooperations each closed by a defection: CD, CCD,
/// CCCD, … so that its sequence contains no cycle. (Axelrod library: `AntiCycler`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct AntiCycler;

impl AntiCycler {
    /// The move on turn `turn` (0-based).
    fn at(turn: usize) -> Action {
        if turn < 3 {
            return [C, D, D][turn];
        }
        // After the opening, block k (k = 1, 2, …) is k cooperations and a defection and
        // starts at turn 3 + Σ_{j<k} (j + 1).
        let mut start = 3;
        let mut k = 1;
        loop {
            if turn < start + k + 1 {
                return if turn - start < k { C } else { D };
            }
            start += k + 1;
            k += 1;
        }
    }
}

impl Strategy for AntiCycler {
    fn name(&self) -> String {
        "AntiCycler".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        AntiCycler::at(h.len())
    }
    fn reset(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn cyclers_repeat_their_cycle() {
        versus_test(&mut Cycler::new("CCD").unwrap(), "DDDDDDD", "CCDCCDC");
        versus_test(&mut Cycler::named("Cycler DC", "DC"), "CCCCC", "DCDCD");
        versus_test(&mut Cycler::named("Cycler CCCDCD", "CCCDCD"), "CCCCCCCC", "CCCDCDCC");
        assert_eq!(Cycler::new("CCD").unwrap().name(), "Cycler: CCD");
        assert!(Cycler::new("CXD").is_err());
        assert!(Cycler::new("").is_err());
    }

    #[test]
    fn anti_cycler_lengthens_its_blocks() {
        versus_test(&mut AntiCycler, &"C".repeat(16), "CDDCDCCDCCCDCCCC");
    }
}
