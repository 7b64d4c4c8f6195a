//! The `Strategy` abstraction for repeated games and its typed metadata.

use crate::action::Action;
use crate::game::Game;
use crate::history::History;
use crate::rng::StreamRng;
use serde::Serialize;

/// What a player may know about the match it is in (the Axelrod library's `match_attributes`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MatchInfo {
    /// The number of turns, when the match has a fixed, announced length; `None` when it ends
    /// with a continuation probability (the library's `length = inf`).
    pub length: Option<usize>,
    /// The stage game.
    pub game: Game,
    /// The action-noise probability.
    pub noise: f64,
}

impl Default for MatchInfo {
    fn default() -> Self {
        MatchInfo { length: Some(200), game: Game::default(), noise: 0.0 }
    }
}

/// Typed metadata of a strategy (the Axelrod library's `classifier`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Classifier {
    /// How many past turns the rule looks at; `None` for unbounded memory.
    pub memory_depth: Option<usize>,
    /// Whether the rule uses randomness.
    pub stochastic: bool,
    /// Whether the library flags it as slow to run (left out by `--exclude-long-run`).
    pub long_run_time: bool,
    /// Whether the rule reads the announced match length.
    pub makes_use_of_length: bool,
    /// Whether the rule reads the game's payoffs.
    pub makes_use_of_game: bool,
}

impl Classifier {
    /// A deterministic rule with the given memory depth that uses neither length nor game.
    pub const fn deterministic(memory_depth: Option<usize>) -> Classifier {
        Classifier {
            memory_depth,
            stochastic: false,
            long_run_time: false,
            makes_use_of_length: false,
            makes_use_of_game: false,
        }
    }

    /// A stochastic rule with the given memory depth that uses neither length nor game.
    pub const fn stochastic(memory_depth: Option<usize>) -> Classifier {
        Classifier { stochastic: true, ..Classifier::deterministic(memory_depth) }
    }

    /// A rule that draws with probability `p`: deterministic when `p` is 0 or 1 (the draw
    /// always comes out the same way), stochastic otherwise, as the Axelrod library classifies it.
    pub fn drawing_with(p: f64, memory_depth: Option<usize>) -> Classifier {
        if p == 0.0 || p == 1.0 {
            Classifier::deterministic(memory_depth)
        } else {
            Classifier::stochastic(memory_depth)
        }
    }
}

/// A memory-one rule: the probability of cooperating after each of the four states
/// (own last, opponent last) = CC, CD, DC, DD, and the probability of cooperating first.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MemoryOneRule {
    /// P(C | CC), P(C | CD), P(C | DC), P(C | DD).
    pub four_vector: [f64; 4],
    /// P(C) on the first turn.
    pub initial_cooperation: f64,
}

impl MemoryOneRule {
    /// P(C) after the state (own, opp).
    #[inline]
    pub fn p_cooperate(&self, own: Action, opp: Action) -> f64 {
        self.four_vector[2 * own as usize + opp as usize]
    }
}

/// A rule for playing a repeated two-action game.
///
/// A strategy sees its own [`History`] (own plays, perceived opponent plays), what it may know
/// of the match ([`MatchInfo`]) and its own random stream, and returns the action it intends to
/// play this turn. Any internal state must be restored by [`Strategy::reset`], so that a reset
/// player behaves exactly like a fresh one; a strategy whose classifier says it is
/// deterministic must never draw from the stream.
pub trait Strategy: StrategyClone + Send + Sync {
    /// The display name, with parameters where the rule has them (e.g. `"GTFT: 0.33"`), in the
    /// Axelrod library's `repr` form.
    fn name(&self) -> String;

    /// The typed metadata.
    fn classifier(&self) -> Classifier;

    /// The action intended this turn (before any action noise).
    fn play(&mut self, history: &History, info: &MatchInfo, rng: &mut StreamRng) -> Action;

    /// Forgets everything learnt in a match.
    fn reset(&mut self);

    /// The rule as a memory-one vector, when it is one. Matches between two memory-one players
    /// use a fast kernel and can be analysed exactly through their Markov chain.
    fn memory_one(&self) -> Option<MemoryOneRule> {
        None
    }

    /// The rule as a memory-one vector when the stage game is `game`. Rules whose vector is
    /// computed from the payoffs (Generous Tit For Tat, the zero-determinant family) override
    /// this; for them [`Strategy::memory_one`] gives the vector in the default game.
    fn memory_one_in(&self, game: &Game) -> Option<MemoryOneRule> {
        let _ = game;
        self.memory_one()
    }
}

/// Object-safe cloning for boxed strategies; implemented for every `Clone` strategy.
pub trait StrategyClone {
    /// A boxed copy, internal state included.
    fn clone_box(&self) -> Box<dyn Strategy>;
}

impl<T: Strategy + Clone + 'static> StrategyClone for T {
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

impl Clone for Box<dyn Strategy> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

impl std::fmt::Debug for dyn Strategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strategy({})", self.name())
    }
}
