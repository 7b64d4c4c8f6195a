//! Two-player 2×2 games: the symmetric (R, P, S, T) games that repeated play uses, the named
//! archetypes, and the Nash equilibria of any 2×2 bimatrix game.

use crate::action::{Action, C, D};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A symmetric 2×2 game given by its four payoffs: reward R (both cooperate), punishment P (both
/// defect), sucker S (cooperate against a defector) and temptation T (defect against a cooperator).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Game {
    /// Reward for mutual cooperation.
    pub r: f64,
    /// Punishment for mutual defection.
    pub p: f64,
    /// Sucker's payoff.
    pub s: f64,
    /// Temptation to defect.
    pub t: f64,
}

impl Default for Game {
    /// The Prisoner's Dilemma of Axelrod's tournaments, (R, P, S, T) = (3, 1, 0, 5).
    fn default() -> Self {
        Game::new(3.0, 1.0, 0.0, 5.0)
    }
}

/// Why a text is not a game.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GameParseError {
    /// Not four comma-separated numbers.
    #[error("a game is four comma-separated numbers R,P,S,T (e.g. 3,1,0,5); got {0:?}")]
    Shape(String),
    /// One of the four is not a finite number.
    #[error("payoff {field} of the game is not a finite number: {value:?}")]
    NotANumber {
        /// Which payoff (R, P, S or T).
        field: &'static str,
        /// What was written.
        value: String,
    },
}

impl Game {
    /// A game from (R, P, S, T).
    pub const fn new(r: f64, p: f64, s: f64, t: f64) -> Game {
        Game { r, p, s, t }
    }

    /// Parses `"R,P,S,T"`.
    pub fn parse(text: &str) -> Result<Game, GameParseError> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        if parts.len() != 4 {
            return Err(GameParseError::Shape(text.to_string()));
        }
        let mut values = [0.0; 4];
        for (i, (part, field)) in parts.iter().zip(["R", "P", "S", "T"]).enumerate() {
            values[i] = part
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| GameParseError::NotANumber { field, value: part.to_string() })?;
        }
        Ok(Game::new(values[0], values[1], values[2], values[3]))
    }

    /// Payoffs to (row, column) when row plays `a` and column plays `b`.
    #[inline]
    pub fn scores(&self, a: Action, b: Action) -> (f64, f64) {
        match (a, b) {
            (C, C) => (self.r, self.r),
            (C, D) => (self.s, self.t),
            (D, C) => (self.t, self.s),
            (D, D) => (self.p, self.p),
        }
    }

    /// Payoff to the row player only.
    #[inline]
    pub fn payoff(&self, own: Action, other: Action) -> f64 {
        self.scores(own, other).0
    }

    /// The payoffs as `[R, S, T, P]` indexed by `2·own + other` with C = 0 — the order of the
    /// Markov-chain states CC, CD, DC, DD.
    #[inline]
    pub fn payoff_vector(&self) -> [f64; 4] {
        [self.r, self.s, self.t, self.p]
    }

    /// The game as a bimatrix.
    pub fn bimatrix(&self) -> Bimatrix {
        Bimatrix { row: [[self.r, self.s], [self.t, self.p]], col: [[self.r, self.t], [self.s, self.p]] }
    }

    /// Which archetype the payoff ordering makes this game, if any.
    pub fn classify(&self) -> Option<Archetype> {
        let Game { r, p, s, t } = *self;
        if r + r == 0.0 && p + p == 0.0 && s + t == 0.0 && s != t {
            Some(Archetype::ZeroSum)
        } else if t > r && r > p && p > s {
            Some(Archetype::PrisonersDilemma)
        } else if r > t && t >= p && p > s {
            Some(Archetype::StagHunt)
        } else if t > r && r > s && s > p {
            Some(Archetype::Chicken)
        } else if r > t && s > p {
            Some(Archetype::Harmony)
        } else if t > p && p > r && r > s {
            Some(Archetype::Deadlock)
        } else {
            None
        }
    }
}

impl fmt::Display for Game {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "R={}, P={}, S={}, T={}", self.r, self.p, self.s, self.t)
    }
}

/// The named 2×2 archetypes of cooperation theory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Archetype {
    /// T > R > P > S: defection dominates, mutual cooperation is better for both.
    PrisonersDilemma,
    /// R > T ≥ P > S: coordination; cooperation pays if the other cooperates.
    StagHunt,
    /// T > R > S > P (Hawk–Dove): each prefers to defect against a cooperator, but mutual defection is worst.
    Chicken,
    /// R > T and S > P: cooperation dominates; no dilemma.
    Harmony,
    /// T > P > R > S: defection dominates and mutual defection is preferred to mutual cooperation.
    Deadlock,
    /// Payoffs of the two players always sum to zero: one's gain is the other's loss.
    ZeroSum,
}

impl Archetype {
    /// Every archetype.
    pub const ALL: [Archetype; 6] = [
        Archetype::PrisonersDilemma,
        Archetype::StagHunt,
        Archetype::Chicken,
        Archetype::Harmony,
        Archetype::Deadlock,
        Archetype::ZeroSum,
    ];

    /// A representative symmetric game of this archetype.
    pub fn game(self) -> Game {
        match self {
            Archetype::PrisonersDilemma => Game::new(3.0, 1.0, 0.0, 5.0),
            Archetype::StagHunt => Game::new(4.0, 2.0, 1.0, 3.0),
            Archetype::Chicken => Game::new(3.0, 0.0, 1.0, 5.0),
            Archetype::Harmony => Game::new(4.0, 1.0, 3.0, 2.0),
            Archetype::Deadlock => Game::new(2.0, 3.0, 0.0, 4.0),
            // Symmetric zero-sum: defecting against a cooperator wins 1 from it.
            Archetype::ZeroSum => Game::new(0.0, 0.0, -1.0, 1.0),
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Archetype::PrisonersDilemma => "Prisoner's Dilemma",
            Archetype::StagHunt => "Stag Hunt",
            Archetype::Chicken => "Chicken (Hawk-Dove)",
            Archetype::Harmony => "Harmony",
            Archetype::Deadlock => "Deadlock",
            Archetype::ZeroSum => "Zero-sum",
        }
    }
}

/// A general two-player 2×2 game: `row[i][j]` and `col[i][j]` are the payoffs to the row and
/// column player when row plays action `i` and column plays action `j` (0 = C, 1 = D).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bimatrix {
    /// Payoffs to the row player.
    pub row: [[f64; 2]; 2],
    /// Payoffs to the column player.
    pub col: [[f64; 2]; 2],
}

/// A Nash equilibrium of a 2×2 game: the probability each player puts on its first action (C).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Equilibrium {
    /// Probability that the row player plays C.
    pub row_c: f64,
    /// Probability that the column player plays C.
    pub col_c: f64,
    /// Expected payoff to the row player.
    pub row_payoff: f64,
    /// Expected payoff to the column player.
    pub col_payoff: f64,
}

impl Equilibrium {
    /// True when both players play a pure action.
    pub fn is_pure(&self) -> bool {
        [self.row_c, self.col_c].iter().all(|&x| x == 0.0 || x == 1.0)
    }
}

impl Bimatrix {
    /// Matching pennies, the textbook zero-sum game with only a mixed equilibrium.
    pub fn matching_pennies() -> Bimatrix {
        Bimatrix { row: [[1.0, -1.0], [-1.0, 1.0]], col: [[-1.0, 1.0], [1.0, -1.0]] }
    }

    fn expected(&self, row_c: f64, col_c: f64) -> (f64, f64) {
        let pr = [row_c, 1.0 - row_c];
        let pc = [col_c, 1.0 - col_c];
        let (mut a, mut b) = (0.0, 0.0);
        for (i, &pi) in pr.iter().enumerate() {
            for (j, &pj) in pc.iter().enumerate() {
                a += pi * pj * self.row[i][j];
                b += pi * pj * self.col[i][j];
            }
        }
        (a, b)
    }

    /// All pure equilibria (in the order CC, CD, DC, DD) followed by the completely mixed one
    /// when it exists. In degenerate games with a continuum of equilibria only its pure and
    /// isolated mixed members are listed.
    pub fn nash_equilibria(&self) -> Vec<Equilibrium> {
        let mut out = Vec::new();
        for i in 0..2 {
            for j in 0..2 {
                let row_best = self.row[i][j] >= self.row[1 - i][j];
                let col_best = self.col[i][j] >= self.col[i][1 - j];
                if row_best && col_best {
                    let (row_c, col_c) = (if i == 0 { 1.0 } else { 0.0 }, if j == 0 { 1.0 } else { 0.0 });
                    let (row_payoff, col_payoff) = self.expected(row_c, col_c);
                    out.push(Equilibrium { row_c, col_c, row_payoff, col_payoff });
                }
            }
        }
        // Row's mix makes the column player indifferent, and vice versa.
        let b = &self.col;
        let a = &self.row;
        let den_row = b[0][0] - b[1][0] - b[0][1] + b[1][1];
        let den_col = a[0][0] - a[0][1] - a[1][0] + a[1][1];
        if den_row != 0.0 && den_col != 0.0 {
            let row_c = (b[1][1] - b[1][0]) / den_row;
            let col_c = (a[1][1] - a[0][1]) / den_col;
            if row_c > 0.0 && row_c < 1.0 && col_c > 0.0 && col_c < 1.0 {
                let (row_payoff, col_payoff) = self.expected(row_c, col_c);
                out.push(Equilibrium { row_c, col_c, row_payoff, col_payoff });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archetypes_classify_as_themselves() {
        for a in Archetype::ALL {
            assert_eq!(a.game().classify(), Some(a), "{}", a.name());
        }
    }

    #[test]
    fn prisoners_dilemma_has_only_mutual_defection() {
        let eq = Archetype::PrisonersDilemma.game().bimatrix().nash_equilibria();
        assert_eq!(eq.len(), 1);
        assert_eq!((eq[0].row_c, eq[0].col_c), (0.0, 0.0));
        assert_eq!(eq[0].row_payoff, 1.0);
    }

    #[test]
    fn stag_hunt_has_two_pure_and_one_mixed() {
        let eq = Archetype::StagHunt.game().bimatrix().nash_equilibria();
        assert_eq!(eq.len(), 3);
        // R=4,P=2,S=1,T=3: indifference p·4 + (1−p)·1 = p·3 + (1−p)·2 ⇒ p = 1/2.
        assert!((eq[2].row_c - 0.5).abs() < 1e-12);
    }

    #[test]
    fn chicken_mixed_equilibrium() {
        // R=3,P=0,S=1,T=5: p·3 + (1−p)·1 = p·5 ⇒ p = 1/3.
        let eq = Archetype::Chicken.game().bimatrix().nash_equilibria();
        assert_eq!(eq.iter().filter(|e| e.is_pure()).count(), 2);
        let mixed = eq.iter().find(|e| !e.is_pure()).unwrap();
        assert!((mixed.row_c - 1.0 / 3.0).abs() < 1e-12);
        assert!((mixed.col_c - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn matching_pennies_is_fifty_fifty() {
        let eq = Bimatrix::matching_pennies().nash_equilibria();
        assert_eq!(eq.len(), 1);
        assert_eq!((eq[0].row_c, eq[0].col_c), (0.5, 0.5));
        assert_eq!(eq[0].row_payoff + eq[0].col_payoff, 0.0);
    }

    #[test]
    fn parse_game() {
        assert_eq!(Game::parse("3, 1,0,5").unwrap(), Game::default());
        assert!(matches!(Game::parse("3,1,0"), Err(GameParseError::Shape(_))));
        assert!(matches!(Game::parse("3,1,x,5"), Err(GameParseError::NotANumber { field: "S", .. })));
    }
}
