//! Grudgers: rules that punish a defection for ever, for a while, or by a fixed sequence.

use super::stateless_strategy;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::Entry;
use crate::rng::StreamRng;
use crate::strategy::{Classifier, MatchInfo, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("grudger", "Grudger", "Grudger", || Box::new(Grudger)),
    Entry::new("forgetful_grudger", "ForgetfulGrudger", "Forgetful Grudger", || {
        Box::new(ForgetfulGrudger::default())
    }),
    Entry::new("opposite_grudger", "OppositeGrudger", "Opposite Grudger", || Box::new(OppositeGrudger)),
    Entry::new("aggravater", "Aggravater", "Aggravater", || Box::new(Aggravater)),
    Entry::new("soft_grudger", "SoftGrudger", "Soft Grudger", || Box::new(SoftGrudger::default())),
    Entry::new("grudger_alternator", "GrudgerAlternator", "GrudgerAlternator", || {
        Box::new(GrudgerAlternator)
    }),
    Entry::new("easy_go", "EasyGo", "EasyGo", || Box::new(EasyGo)),
    Entry::new("general_soft_grudger", "GeneralSoftGrudger", "General Soft Grudger", || {
        Box::new(GeneralSoftGrudger::new(1, 4, 2))
    }),
    Entry::new("spiteful_cc", "SpitefulCC", "SpitefulCC", || Box::new(SpitefulCc)),
    Entry::new("capri", "Capri", "CAPRI", || Box::new(Capri)),
];

stateless_strategy! {
    /// Grim trigger: cooperates until the opponent's first defection, then defects for ever.
    /// (Friedman's entry to Axelrod's first tournament; Axelrod library: `Grudger`.)
    Grudger, name: "Grudger", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| if h.opp_defections() > 0 { D } else { C }
}

stateless_strategy! {
    /// Defects until the opponent's first cooperation, then cooperates for ever. (Axelrod
    /// library: `OppositeGrudger`.)
    OppositeGrudger, name: "Opposite Grudger", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| if h.opp_cooperations() > 0 { C } else { D }
}

stateless_strategy! {
    /// Grudger that defects on its first three turns. (Axelrod library: `Aggravater`.)
    Aggravater, name: "Aggravater", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| if h.len() < 3 || h.opp_defections() > 0 { D } else { C }
}

stateless_strategy! {
    /// Cooperates until the opponent's first defection, then alternates D, C, D, C…
    /// (Prison 1998 "c_then_per_dc"; Axelrod library: `GrudgerAlternator`.)
    GrudgerAlternator, name: "GrudgerAlternator", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| if h.opp_defections() > 0 && h.last_own() == Some(C) { D } else { C }
}

stateless_strategy! {
    /// Defects until the opponent's first defection, then cooperates for ever (reverse grim).
    /// (Prison 1998, Li 2011 "RGRIM"; Axelrod library: `EasyGo`.)
    EasyGo, name: "EasyGo", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| if h.opp_defections() > 0 { C } else { D }
}

stateless_strategy! {
    /// Cooperates on the first two turns, then plays Grudger. (Mathieu & Delahaye 2015;
    /// Axelrod library: `SpitefulCC`.)
    SpitefulCc, name: "SpitefulCC", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| if h.len() >= 2 && h.opp_defections() > 0 { D } else { C }
}

stateless_strategy! {
    /// CAPRI, a memory-three rule found by exhaustive search: Cooperate at mutual cooperation,
    /// Accept punishment after its own mistaken defection, Punish a defection once, Recover
    /// cooperation from mutual defection, and defect In all other cases. Turns before the first
    /// count as mutual cooperation. (Murase & Baek 2020; Axelrod library: `Capri`.)
    Capri, name: "CAPRI", classifier: Classifier::deterministic(Some(3)),
    memory_one: None,
    play: |h| capri(h)
}

fn capri(h: &History) -> Action {
    // Encode the last three rounds (own, opp), oldest first, padding with (C, C).
    let round = |k: usize| match (h.own_back(k), h.opp_back(k)) {
        (Some(a), Some(b)) => (a, b),
        _ => (C, C),
    };
    let state = [round(3), round(2), round(1)];
    const CC: (Action, Action) = (C, C);
    const CD: (Action, Action) = (C, D);
    const DC: (Action, Action) = (D, C);
    const DD: (Action, Action) = (D, D);
    const COOPERATE: [[(Action, Action); 3]; 14] = [
        [CC, CC, CC],
        [CC, CC, DC],
        [CC, DC, CD],
        [DC, CD, CC],
        [CD, CC, CC],
        [CC, CD, DC],
        [CD, DC, CC],
        [DC, CC, CC],
        [DD, DD, DC],
        [DD, DC, CC],
        [DD, DD, CD],
        [DD, CD, CC],
        [DD, DD, CC],
        [DD, CC, CC],
    ];
    if COOPERATE.contains(&state) { C } else { D }
}

/// Grudger that forgets: after the opponent defects it defects for ten turns, then starts
/// afresh. (Axelrod library: `ForgetfulGrudger`, memory depth 10.)
#[derive(Clone, Debug, Default)]
pub struct ForgetfulGrudger {
    grudged: bool,
    grudge_memory: usize,
}

impl Strategy for ForgetfulGrudger {
    fn name(&self) -> String {
        "Forgetful Grudger".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(10))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        const MEM_LENGTH: usize = 10;
        if self.grudge_memory == MEM_LENGTH {
            self.grudge_memory = 0;
            self.grudged = false;
        }
        if h.last_opp() == Some(D) {
            self.grudged = true;
        }
        if self.grudged {
            self.grudge_memory += 1;
            return D;
        }
        C
    }
    fn reset(&mut self) {
        *self = ForgetfulGrudger::default();
    }
}

/// Answers the opponent's defection with D, D, D, D, C, C and then cooperates again.
/// (Li 2011 "SGRIM"; Axelrod library: `SoftGrudger`, memory depth 6.)
#[derive(Clone, Debug, Default)]
pub struct SoftGrudger {
    grudge: GeneralSoftGrudger,
}

impl Strategy for SoftGrudger {
    fn name(&self) -> String {
        "Soft Grudger".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(6))
    }
    fn play(&mut self, h: &History, info: &MatchInfo, rng: &mut StreamRng) -> Action {
        self.grudge.play(h, info, rng)
    }
    fn reset(&mut self) {
        self.grudge.reset();
    }
}

/// After the opponent defects `n` times in a row, punishes with `d` defections (the first
/// being the immediate reply) followed by `c` cooperations of penance. (Axelrod library:
/// `GeneralSoftGrudger`, default n = 1, d = 4, c = 2, which is Soft Grudger.)
#[derive(Clone, Debug)]
pub struct GeneralSoftGrudger {
    n: usize,
    d: usize,
    c: usize,
    /// Position in the punishment sequence, when punishing.
    grudge_memory: Option<usize>,
}

impl Default for GeneralSoftGrudger {
    fn default() -> Self {
        GeneralSoftGrudger::new(1, 4, 2)
    }
}

impl GeneralSoftGrudger {
    /// Punishes `n` consecutive defections with `d` defections and `c` cooperations.
    pub fn new(n: usize, d: usize, c: usize) -> GeneralSoftGrudger {
        GeneralSoftGrudger { n, d, c, grudge_memory: None }
    }
}

impl Strategy for GeneralSoftGrudger {
    fn name(&self) -> String {
        format!("General Soft Grudger: n={},d={},c={}", self.n, self.d, self.c)
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        // The rest of the punishment after the immediate defection: d − 1 Ds then c Cs.
        let rest = self.d.saturating_sub(1) + self.c;
        if let Some(i) = self.grudge_memory {
            let action = if i + 1 < self.d { D } else { C };
            self.grudge_memory = if i + 1 == rest { None } else { Some(i + 1) };
            return action;
        }
        // The library compares the last n opponent moves with n defections; before n turns
        // the slice is shorter and never equal.
        let recent = &h.opp()[h.len().saturating_sub(self.n)..];
        if recent.len() == self.n && recent.iter().all(|&a| a == D) {
            if rest > 0 {
                self.grudge_memory = Some(0);
            }
            return D;
        }
        C
    }
    fn reset(&mut self) {
        self.grudge_memory = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn grudgers_hold_their_grudge() {
        versus_test(&mut Grudger, "CDCCC", "CCDDD");
        versus_test(&mut Aggravater, "CCCCC", "DDDCC");
        versus_test(&mut Aggravater, "CDCCC", "DDDDD");
        versus_test(&mut SpitefulCc, "DCCC", "CCDD");
        versus_test(&mut EasyGo, "CCDCC", "DDDCC");
        versus_test(&mut OppositeGrudger, "DDCDD", "DDDCC");
        versus_test(&mut GrudgerAlternator, "CDCCCC", "CCDCDC");
    }

    #[test]
    fn forgetful_grudger_forgets_after_ten_turns() {
        versus_test(&mut ForgetfulGrudger::default(), "DCCCCCCCCCCC", "CDDDDDDDDDDC");
    }

    #[test]
    fn soft_grudger_punishes_with_ddddcc() {
        versus_test(&mut SoftGrudger::default(), "DCCCCCCC", "CDDDDCCC");
        // A defection during the penance is not punished afresh.
        versus_test(&mut SoftGrudger::default(), "DCCCDCCC", "CDDDDCCC");
    }

    #[test]
    fn capri_punishes_once_and_recovers() {
        versus_test(&mut Capri, "CCDCCC", "CCCDCC");
        versus_test(&mut Capri, "DDDDD", "CDDDD");
    }
}
