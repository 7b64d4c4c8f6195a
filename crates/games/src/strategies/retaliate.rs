//! Retaliators and grudgers with a short fuse: rules that count exploitation (the opponent's D
//! against their C) and answer it.

use super::stateless_strategy;
use crate::action::{Action, C, D};
use crate::history::History;
use crate::registry::{Entry, py_float};
use crate::rng::{StreamRng, uniform};
use crate::strategy::{Classifier, MatchInfo, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("retaliate", "Retaliate", "Retaliate", || Box::new(Retaliate::new("Retaliate", 0.1))),
    Entry::new("retaliate_2", "Retaliate2", "Retaliate 2", || Box::new(Retaliate::new("Retaliate 2", 0.08))),
    Entry::new("retaliate_3", "Retaliate3", "Retaliate 3", || Box::new(Retaliate::new("Retaliate 3", 0.05))),
    Entry::new("limited_retaliate", "LimitedRetaliate", "Limited Retaliate", || {
        Box::new(LimitedRetaliate::new("Limited Retaliate", 0.1, 20))
    }),
    Entry::new("limited_retaliate_2", "LimitedRetaliate2", "Limited Retaliate 2", || {
        Box::new(LimitedRetaliate::new("Limited Retaliate 2", 0.08, 15))
    }),
    Entry::new("limited_retaliate_3", "LimitedRetaliate3", "Limited Retaliate 3", || {
        Box::new(LimitedRetaliate::new("Limited Retaliate 3", 0.05, 20))
    }),
    Entry::new("once_bitten", "OnceBitten", "Once Bitten", || Box::new(OnceBitten::default())),
    Entry::new("fool_me_once", "FoolMeOnce", "Fool Me Once", || Box::new(FoolMeOnce)),
    Entry::new("forgetful_fool_me_once", "ForgetfulFoolMeOnce", "Forgetful Fool Me Once", || {
        Box::new(ForgetfulFoolMeOnce::new(0.05))
    }),
];

/// Defects whenever the opponent has exploited it (played D against its C) more often than
/// `threshold` times the number of times it has exploited the opponent; otherwise cooperates.
/// (Axelrod library: `Retaliate`, `Retaliate2`, `Retaliate3` with thresholds 0.1, 0.08, 0.05.)
#[derive(Clone, Debug)]
pub struct Retaliate {
    name: &'static str,
    threshold: f64,
}

impl Retaliate {
    /// With the given threshold.
    pub fn new(name: &'static str, threshold: f64) -> Retaliate {
        Retaliate { name, threshold }
    }
}

impl Strategy for Retaliate {
    fn name(&self) -> String {
        format!("{}: {}", self.name, py_float(self.threshold))
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let exploited = h.state_count(C, D) as f64;
        let exploiting = h.state_count(D, C) as f64;
        if exploited > exploiting * self.threshold { D } else { C }
    }
    fn reset(&mut self) {}
}

/// Retaliate with a limit: while the exploitation test of [`Retaliate`] holds it defects, but
/// after `limit` retaliations in a row it cooperates once and starts counting again.
/// (Axelrod library: `LimitedRetaliate`, `LimitedRetaliate2`, `LimitedRetaliate3` with
/// (threshold, limit) = (0.1, 20), (0.08, 15), (0.05, 20).)
#[derive(Clone, Debug)]
pub struct LimitedRetaliate {
    name: &'static str,
    threshold: f64,
    limit: usize,
    retaliation_count: usize,
}

impl LimitedRetaliate {
    /// With the given threshold and limit.
    pub fn new(name: &'static str, threshold: f64, limit: usize) -> LimitedRetaliate {
        LimitedRetaliate { name, threshold, limit, retaliation_count: 0 }
    }
}

impl Strategy for LimitedRetaliate {
    fn name(&self) -> String {
        format!("{}: {}, {}", self.name, py_float(self.threshold), self.limit)
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        let exploited = h.state_count(C, D) as f64;
        let exploiting = h.state_count(D, C) as f64;
        if exploited > exploiting * self.threshold {
            if self.retaliation_count < self.limit {
                self.retaliation_count += 1;
                return D;
            }
            self.retaliation_count = 0;
        } else {
            self.retaliation_count = 0;
        }
        C
    }
    fn reset(&mut self) {
        self.retaliation_count = 0;
    }
}

/// Cooperates through the first two turns; when the opponent defects twice in a row it
/// defects for ten turns, then forgives. (Axelrod library: `OnceBitten`, memory depth 12.)
#[derive(Clone, Debug, Default)]
pub struct OnceBitten {
    grudged: bool,
    grudge_memory: usize,
}

impl Strategy for OnceBitten {
    fn name(&self) -> String {
        "Once Bitten".into()
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(12))
    }
    fn play(&mut self, h: &History, _: &MatchInfo, _: &mut StreamRng) -> Action {
        const MEM_LENGTH: usize = 10;
        if self.grudge_memory >= MEM_LENGTH {
            self.grudge_memory = 0;
            self.grudged = false;
        }
        if h.len() < 2 {
            return C;
        }
        if self.grudged {
            self.grudge_memory += 1;
            return D;
        }
        if h.opp_back(1) == Some(D) && h.opp_back(2) == Some(D) {
            self.grudged = true;
            return D;
        }
        C
    }
    fn reset(&mut self) {
        *self = OnceBitten::default();
    }
}

stateless_strategy! {
    /// Forgives the opponent's first defection and defects for ever after its second.
    /// (Axelrod library: `FoolMeOnce`.)
    FoolMeOnce, name: "Fool Me Once", classifier: Classifier::deterministic(None),
    memory_one: None,
    play: |h| if h.opp_defections() > 1 { D } else { C }
}

/// Fool Me Once with a failing memory: each turn, with probability `forget`, it forgets the
/// defections it has counted. (Axelrod library: `ForgetfulFoolMeOnce`, default 0.05; like the
/// library it draws its random number every turn, the first included.)
#[derive(Clone, Debug)]
pub struct ForgetfulFoolMeOnce {
    forget: f64,
    defections: usize,
}

impl ForgetfulFoolMeOnce {
    /// Forgets with probability `forget` each turn.
    pub fn new(forget: f64) -> ForgetfulFoolMeOnce {
        ForgetfulFoolMeOnce { forget, defections: 0 }
    }
}

impl Strategy for ForgetfulFoolMeOnce {
    fn name(&self) -> String {
        format!("Forgetful Fool Me Once: {}", py_float(self.forget))
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
        let r = uniform(rng);
        let Some(last) = h.last_opp() else { return C };
        if last == D {
            self.defections += 1;
        }
        if r < self.forget {
            self.defections = 0;
        }
        if self.defections > 1 { D } else { C }
    }
    fn reset(&mut self) {
        self.defections = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::versus_test;

    #[test]
    fn retaliate_answers_exploitation() {
        // One exploitation (CD) with no exploiting of ours: 1 > 0 → D; then DC states raise
        // the bar: after DC once, 1 > 0.1 still holds.
        versus_test(&mut Retaliate::new("Retaliate", 0.1), "DCCC", "CDDD");
        versus_test(&mut Retaliate::new("Retaliate", 0.1), "CCCC", "CCCC");
    }

    #[test]
    fn limited_retaliate_stops_at_its_limit() {
        let mut p = LimitedRetaliate::new("Limited Retaliate", 0.1, 2);
        // Exploited once: retaliate twice, then cooperate once, then retaliate again.
        versus_test(&mut p, "DCCCCC", "CDDCDD");
    }

    #[test]
    fn once_bitten_and_fool_me_once() {
        versus_test(&mut OnceBitten::default(), "DDCCCCCCCCCCCC", "CCDDDDDDDDDDDC");
        versus_test(&mut FoolMeOnce, "DCDCC", "CCCDD");
    }
}
