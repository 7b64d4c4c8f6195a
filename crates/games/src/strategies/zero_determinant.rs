//! The zero-determinant (linear-relation) memory-one strategies of Press & Dyson (2012) and
//! Hilbe et al. (2013): rules that enforce a linear relation between the two players'
//! long-run payoffs.

use super::memory_one::memory_one_step;
use crate::action::{Action, C};
use crate::game::Game;
use crate::history::History;
use crate::registry::{Entry, py_float};
use crate::rng::StreamRng;
use crate::strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};

pub(crate) const ENTRIES: &[Entry] = &[
    Entry::new("zd_extortion", "ZDExtortion", "ZD-Extortion", || {
        Box::new(ZeroDeterminant::new("ZD-Extortion", 0.2, 0.1, Baseline::Value(1.0)))
    }),
    Entry::new("zd_extort_2", "ZDExtort2", "ZD-Extort-2", || {
        Box::new(ZeroDeterminant::new("ZD-Extort-2", 1.0 / 9.0, 0.5, Baseline::Punishment))
    }),
    Entry::new("zd_extort_2_v2", "ZDExtort2v2", "ZD-Extort-2 v2", || {
        Box::new(ZeroDeterminant::new("ZD-Extort-2 v2", 1.0 / 8.0, 0.5, Baseline::Value(1.0)))
    }),
    Entry::new("zd_extort_3", "ZDExtort3", "ZD-Extort3", || {
        Box::new(ZeroDeterminant::new("ZD-Extort3", 3.0 / 26.0, 1.0 / 3.0, Baseline::Value(1.0)))
    }),
    Entry::new("zd_extort_4", "ZDExtort4", "ZD-Extort-4", || {
        Box::new(ZeroDeterminant::new("ZD-Extort-4", 4.0 / 17.0, 0.25, Baseline::Value(1.0)))
    }),
    Entry::new("zd_gen_2", "ZDGen2", "ZD-GEN-2", || {
        Box::new(ZeroDeterminant::new("ZD-GEN-2", 1.0 / 8.0, 0.5, Baseline::Value(3.0)))
    }),
    Entry::new("zd_gtft_2", "ZDGTFT2", "ZD-GTFT-2", || {
        Box::new(ZeroDeterminant::new("ZD-GTFT-2", 0.25, 0.5, Baseline::Reward))
    }),
    Entry::new("zd_mischief", "ZDMischief", "ZD-Mischief", || {
        Box::new(ZeroDeterminant::new("ZD-Mischief", 0.1, 0.0, Baseline::Value(1.0)))
    }),
    Entry::new("zd_set_2", "ZDSet2", "ZD-SET-2", || {
        Box::new(ZeroDeterminant::new("ZD-SET-2", 0.25, 0.0, Baseline::Value(2.0)))
    }),
];

/// The baseline payoff `l` of a linear-relation strategy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Baseline {
    /// A fixed number.
    Value(f64),
    /// The game's punishment payoff P (extortion).
    Punishment,
    /// The game's reward payoff R (generosity).
    Reward,
}

/// A linear-relation (zero-determinant) player with parameters φ, slope s and baseline l: it
/// enforces s·(S_xy − l) = S_yx − l between its long-run payoff S_xy and the opponent's S_yx,
/// by cooperating with probabilities (Hilbe et al. 2013, eq. 14)
///
/// - P(C | CC) = 1 − φ(1 − s)(R − l)
/// - P(C | CD) = 1 − φ(s(l − S) + (T − l))
/// - P(C | DC) = φ((l − S) + s(T − l))
/// - P(C | DD) = φ(1 − s)(l − P)
///
/// computed from the match's game, and cooperating first. Extortioners have l = P and s < 1,
/// generous ones l = R. For a game in which (l, s) is not enforceable some of these fall
/// outside [0, 1]; the library refuses such a game, here they act as 0 or 1. (Press & Dyson
/// 2012, Stewart & Plotkin 2012, Kuhn 2017; Axelrod library: `LRPlayer` and its subclasses
/// `ZDExtortion`, `ZDExtort2`, `ZDExtort2v2`, `ZDExtort3`, `ZDExtort4`, `ZDGen2`, `ZDGTFT2`,
/// `ZDMischief`, `ZDSet2`.)
#[derive(Clone, Debug)]
pub struct ZeroDeterminant {
    name: &'static str,
    phi: f64,
    s: f64,
    l: Baseline,
}

impl ZeroDeterminant {
    /// A linear-relation player.
    pub fn new(name: &'static str, phi: f64, s: f64, l: Baseline) -> ZeroDeterminant {
        ZeroDeterminant { name, phi, s, l }
    }

    /// The four cooperation probabilities in `game`.
    pub fn four_vector(&self, game: &Game) -> [f64; 4] {
        let (r, p, s_, t) = (game.r, game.p, game.s, game.t);
        let l = match self.l {
            Baseline::Value(v) => v,
            Baseline::Punishment => p,
            Baseline::Reward => r,
        };
        let (phi, s) = (self.phi, self.s);
        [
            1.0 - phi * (1.0 - s) * (r - l),
            1.0 - phi * (s * (l - s_) + (t - l)),
            phi * ((l - s_) + s * (t - l)),
            phi * (1.0 - s) * (l - p),
        ]
    }
}

impl Strategy for ZeroDeterminant {
    fn name(&self) -> String {
        // The library shows the constructor arguments; a baseline taken from the game is not
        // one, and the fixed baselines are written as integers.
        let mut shown = format!("{}: {}, {}", self.name, py_float(self.phi), py_float(self.s));
        if let Baseline::Value(l) = self.l {
            if l == l.trunc() {
                shown.push_str(&format!(", {l:.0}"));
            } else {
                shown.push_str(&format!(", {}", py_float(l)));
            }
        }
        shown
    }
    fn classifier(&self) -> Classifier {
        Classifier { makes_use_of_game: true, ..Classifier::stochastic(Some(1)) }
    }
    fn play(&mut self, history: &History, info: &MatchInfo, rng: &mut StreamRng) -> Action {
        memory_one_step(&self.four_vector(&info.game), C, history, rng)
    }
    fn reset(&mut self) {}
    fn memory_one(&self) -> Option<MemoryOneRule> {
        self.memory_one_in(&Game::default())
    }
    fn memory_one_in(&self, game: &Game) -> Option<MemoryOneRule> {
        Some(MemoryOneRule { four_vector: self.four_vector(game), initial_cooperation: 1.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f64; 4], b: [f64; 4]) -> bool {
        a.iter().zip(&b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn published_vectors() {
        let g = Game::default();
        // Stewart & Plotkin 2012: Extort-2 = (8/9, 1/2, 1/3, 0), ZDGTFT-2 = (1, 1/8, 1, 1/4).
        let extort2 = ZeroDeterminant::new("ZD-Extort-2", 1.0 / 9.0, 0.5, Baseline::Punishment);
        assert!(close(extort2.four_vector(&g), [8.0 / 9.0, 0.5, 1.0 / 3.0, 0.0]));
        let gtft2 = ZeroDeterminant::new("ZD-GTFT-2", 0.25, 0.5, Baseline::Reward);
        assert!(close(gtft2.four_vector(&g), [1.0, 0.125, 1.0, 0.25]));
        // Kuhn 2017: SET-2 = (3/4, 1/4, 1/2, 1/4).
        let set2 = ZeroDeterminant::new("ZD-SET-2", 0.25, 0.0, Baseline::Value(2.0));
        assert!(close(set2.four_vector(&g), [0.75, 0.25, 0.5, 0.25]));
    }

    #[test]
    fn names_show_constructor_arguments() {
        let z = ZeroDeterminant::new("ZD-Mischief", 0.1, 0.0, Baseline::Value(1.0));
        assert_eq!(z.name(), "ZD-Mischief: 0.1, 0.0, 1");
        let e = ZeroDeterminant::new("ZD-Extort-2", 1.0 / 9.0, 0.5, Baseline::Punishment);
        assert_eq!(e.name(), "ZD-Extort-2: 0.1111111111111111, 0.5");
    }
}
