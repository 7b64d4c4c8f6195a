//! Matches: two strategies playing a repeated game with optional action noise, observation
//! error (misperception) and a fixed length or a continuation probability.
//!
//! Randomness: a match with seed `s` gives the first player the stream `(s, "player", 0)`, the
//! second `(s, "player", 1)`, action noise and misperception `(s, "environment")` and the
//! sampled length `(s, "length")`. Noise is drawn only when its probability is positive, so a
//! noiseless match consumes no environment randomness.

use crate::action::{Action, C};
use crate::game::Game;
use crate::history::History;
use crate::rng::{StreamRng, bernoulli, bernoulli_below, bernoulli_threshold, label, stream, uniform};
use crate::strategy::{MatchInfo, MemoryOneRule, Strategy};
use serde::Serialize;

/// How long a match lasts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Length {
    /// Exactly this many turns, announced to the players.
    Turns(usize),
    /// After each turn the match ends with this probability; players are not told the length.
    ProbEnd(f64),
}

/// Why match settings are invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MatchError {
    /// Zero turns.
    #[error("a match needs at least one turn")]
    ZeroTurns,
    /// A probability outside [0, 1].
    #[error("{what} must be a probability in [0, 1]; got {value}")]
    Probability {
        /// Which setting.
        what: &'static str,
        /// The value given.
        value: f64,
    },
    /// A continuation probability that ends nothing or ends before the first turn.
    #[error("the end probability must be in (0, 1]; got {0}")]
    ProbEnd(f64),
}

/// The settings of a match. The length is mandatory; everything else has a default
/// (no noise, no misperception, the Axelrod Prisoner's Dilemma).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MatchSpec {
    /// Fixed turns or continuation probability.
    pub length: Length,
    /// Probability that each chosen action is flipped (recorded as flipped).
    pub noise: f64,
    /// Probability that a player misreads each of the opponent's actions.
    pub observation_error: f64,
    /// The stage game.
    pub game: Game,
}

impl MatchSpec {
    /// A match of `turns` turns with no noise, played on the default Prisoner's Dilemma.
    pub fn turns(turns: usize) -> MatchSpec {
        MatchSpec::new(Length::Turns(turns))
    }

    /// A match of the given length with no noise, played on the default Prisoner's Dilemma.
    pub fn new(length: Length) -> MatchSpec {
        MatchSpec { length, noise: 0.0, observation_error: 0.0, game: Game::default() }
    }

    /// Sets the action-noise probability.
    pub fn noise(mut self, noise: f64) -> MatchSpec {
        self.noise = noise;
        self
    }

    /// Sets the misperception probability.
    pub fn observation_error(mut self, q: f64) -> MatchSpec {
        self.observation_error = q;
        self
    }

    /// Sets the stage game.
    pub fn game(mut self, game: Game) -> MatchSpec {
        self.game = game;
        self
    }

    /// Checks every setting.
    pub fn validate(&self) -> Result<(), MatchError> {
        match self.length {
            Length::Turns(0) => return Err(MatchError::ZeroTurns),
            Length::ProbEnd(p) if !(p > 0.0 && p <= 1.0) => return Err(MatchError::ProbEnd(p)),
            _ => {}
        }
        for (what, value) in [("noise", self.noise), ("observation error", self.observation_error)] {
            if !(0.0..=1.0).contains(&value) {
                return Err(MatchError::Probability { what, value });
            }
        }
        Ok(())
    }

    /// What players are told.
    pub fn info(&self) -> MatchInfo {
        MatchInfo {
            length: match self.length {
                Length::Turns(n) => Some(n),
                Length::ProbEnd(_) => None,
            },
            game: self.game,
            noise: self.noise,
        }
    }

    /// The number of turns this match will last with seed `seed`.
    pub fn sample_turns(&self, seed: u64) -> usize {
        match self.length {
            Length::Turns(n) => n,
            Length::ProbEnd(p) => sample_length(p, &mut stream(seed, &[label("length")])),
        }
    }
}

/// A geometric match length: the number of turns until the first end, each turn ending with
/// probability `p` (at least one turn). Same law as the Axelrod library's `sample_length`.
pub fn sample_length(p: f64, rng: &mut StreamRng) -> usize {
    if p >= 1.0 {
        return 1;
    }
    let x = uniform(rng);
    // ceil(ln(1 − x) / ln(1 − p)), which is ≥ 1 for x in (0, 1); x = 0 is mapped to one turn.
    let n = ((1.0 - x).ln() / (1.0 - p).ln()).ceil();
    if n < 1.0 {
        1
    } else if n > 1e9 {
        1_000_000_000
    } else {
        n as usize
    }
}

/// The record of a finished match.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatchOutcome {
    /// The first player's actions as played.
    pub moves: Vec<Action>,
    /// The second player's actions as played.
    pub opponent_moves: Vec<Action>,
    /// The first player's total payoff.
    pub score: f64,
    /// The second player's total payoff.
    pub opponent_score: f64,
}

impl MatchOutcome {
    /// Turns played.
    pub fn turns(&self) -> usize {
        self.moves.len()
    }

    /// Cooperations of the first player.
    pub fn cooperations(&self) -> usize {
        self.moves.iter().filter(|&&a| a == C).count()
    }

    /// Cooperations of the second player.
    pub fn opponent_cooperations(&self) -> usize {
        self.opponent_moves.iter().filter(|&&a| a == C).count()
    }
}

/// Reusable buffers for playing many matches without reallocating.
#[derive(Default)]
pub struct MatchScratch {
    a: History,
    b: History,
}

/// Plays a match between two strategies; both are reset first.
///
/// Every match with two memory-one players and no misperception runs on a specialised kernel
/// that draws exactly the same random numbers as the general loop, so the outcome is identical
/// (tested); everything else runs the general loop.
pub fn play_match(a: &mut dyn Strategy, b: &mut dyn Strategy, spec: &MatchSpec, seed: u64) -> MatchOutcome {
    play_match_with(a, b, spec, seed, &mut MatchScratch::default())
}

/// [`play_match`] with caller-owned scratch buffers.
pub fn play_match_with(
    a: &mut dyn Strategy,
    b: &mut dyn Strategy,
    spec: &MatchSpec,
    seed: u64,
    scratch: &mut MatchScratch,
) -> MatchOutcome {
    a.reset();
    b.reset();
    let turns = spec.sample_turns(seed);
    let mut rng_a = stream(seed, &[label("player"), 0]);
    let mut rng_b = stream(seed, &[label("player"), 1]);
    let mut env = stream(seed, &[label("environment")]);
    if spec.observation_error == 0.0
        && let (Some(ra), Some(rb)) = (a.memory_one_in(&spec.game), b.memory_one_in(&spec.game))
    {
        return memory_one_kernel(&ra, &rb, spec, turns, &mut rng_a, &mut rng_b, &mut env);
    }
    general_loop(a, b, spec, turns, seed, scratch, &mut rng_a, &mut rng_b, &mut env)
}

/// The reference match loop: ask both players, apply noise, record, apply misperception.
#[allow(clippy::too_many_arguments)]
fn general_loop(
    a: &mut dyn Strategy,
    b: &mut dyn Strategy,
    spec: &MatchSpec,
    turns: usize,
    _seed: u64,
    scratch: &mut MatchScratch,
    rng_a: &mut StreamRng,
    rng_b: &mut StreamRng,
    env: &mut StreamRng,
) -> MatchOutcome {
    let info = spec.info();
    let (ha, hb) = (&mut scratch.a, &mut scratch.b);
    ha.clear();
    hb.clear();
    let (mut score, mut opponent_score) = (0.0, 0.0);
    for _ in 0..turns {
        let mut x = a.play(ha, &info, rng_a);
        let mut y = b.play(hb, &info, rng_b);
        if spec.noise > 0.0 {
            if bernoulli(env, spec.noise) {
                x = x.flip();
            }
            if bernoulli(env, spec.noise) {
                y = y.flip();
            }
        }
        let (seen_by_a, seen_by_b) = if spec.observation_error > 0.0 {
            let ya = if bernoulli(env, spec.observation_error) { y.flip() } else { y };
            let xb = if bernoulli(env, spec.observation_error) { x.flip() } else { x };
            (ya, xb)
        } else {
            (y, x)
        };
        ha.push(x, seen_by_a);
        hb.push(y, seen_by_b);
        let (sx, sy) = spec.game.scores(x, y);
        score += sx;
        opponent_score += sy;
    }
    // Each history's own plays are the actions as played (after noise), so the outcome's move
    // lists are copies of them rather than a second push every turn.
    MatchOutcome { moves: ha.own().to_vec(), opponent_moves: hb.own().to_vec(), score, opponent_score }
}

/// The memory-one kernel: the same draws in the same order as [`general_loop`] for two
/// memory-one players (player draws happen only for probabilities strictly between 0 and 1).
fn memory_one_kernel(
    ra: &MemoryOneRule,
    rb: &MemoryOneRule,
    spec: &MatchSpec,
    turns: usize,
    rng_a: &mut StreamRng,
    rng_b: &mut StreamRng,
    env: &mut StreamRng,
) -> MatchOutcome {
    if let (Some(da), Some(db)) = (DeterministicRule::of(ra), DeterministicRule::of(rb)) {
        return deterministic_kernel(&da, &db, spec, turns, env);
    }
    let payoff_a = spec.game.payoff_vector();
    let mut moves = Vec::with_capacity(turns);
    let mut opponent_moves = Vec::with_capacity(turns);
    let (mut score, mut opponent_score) = (0.0, 0.0);
    let mut state: Option<(Action, Action)> = None;
    for _ in 0..turns {
        let (pa, pb) = match state {
            None => (ra.initial_cooperation, rb.initial_cooperation),
            Some((x, y)) => (ra.p_cooperate(x, y), rb.p_cooperate(y, x)),
        };
        let mut x = Action::from_bool(bernoulli(rng_a, pa));
        let mut y = Action::from_bool(bernoulli(rng_b, pb));
        if spec.noise > 0.0 {
            if bernoulli(env, spec.noise) {
                x = x.flip();
            }
            if bernoulli(env, spec.noise) {
                y = y.flip();
            }
        }
        score += payoff_a[2 * x as usize + y as usize];
        opponent_score += payoff_a[2 * y as usize + x as usize];
        moves.push(x);
        opponent_moves.push(y);
        state = Some((x, y));
    }
    MatchOutcome { moves, opponent_moves, score, opponent_score }
}

/// A memory-one rule whose probabilities are all 0 or 1, as a table of actions indexed by the
/// state `2·own + other` (C = 0), plus the first action; 1 stands for D.
struct DeterministicRule {
    next: [usize; 4],
    first: usize,
}

impl DeterministicRule {
    fn of(rule: &MemoryOneRule) -> Option<DeterministicRule> {
        let action = |p: f64| match p {
            1.0 => Some(0),
            0.0 => Some(1),
            _ => None,
        };
        let v = rule.four_vector;
        Some(DeterministicRule {
            next: [action(v[0])?, action(v[1])?, action(v[2])?, action(v[3])?],
            first: action(rule.initial_cooperation)?,
        })
    }
}

/// The memory-one kernel for two deterministic rules: the players draw nothing (as
/// [`bernoulli`] draws nothing for probabilities 0 and 1), so each turn is two table lookups
/// and, under noise, two draws from the environment stream in the general loop's order. The
/// lookups and flips are arithmetic rather than branches, because under noise the state is
/// unpredictable and mispredicted branches would dominate the turn.
fn deterministic_kernel(
    a: &DeterministicRule,
    b: &DeterministicRule,
    spec: &MatchSpec,
    turns: usize,
    env: &mut StreamRng,
) -> MatchOutcome {
    let pay_a = spec.game.payoff_vector();
    let pay_b = [pay_a[0], pay_a[2], pay_a[1], pay_a[3]];
    // The second player's table indexed by the first player's view of the state.
    let b_next = [b.next[0], b.next[2], b.next[1], b.next[3]];
    // Noise of exactly 1 flips every action (and `bernoulli` draws nothing for it); in (0, 1)
    // the integer-threshold draw is the same draw with the same outcome as `bernoulli`.
    let noise = spec.noise;
    let always_flip = usize::from(noise >= 1.0);
    let flips = noise > 0.0 && noise < 1.0;
    let noise_threshold = bernoulli_threshold(noise);
    // Filled in place through iterators: no capacity check per turn, as a push would make.
    let mut moves = vec![C; turns];
    let mut opponent_moves = vec![C; turns];
    let (mut score, mut opponent_score) = (0.0, 0.0);
    let (mut x, mut y) = (a.first, b.first);
    for (turn, (own_slot, other_slot)) in moves.iter_mut().zip(opponent_moves.iter_mut()).enumerate() {
        if turn > 0 {
            let state = (2 * x + y) & 3;
            x = a.next[state];
            y = b_next[state];
        }
        if flips {
            x ^= usize::from(bernoulli_below(env, noise_threshold));
            y ^= usize::from(bernoulli_below(env, noise_threshold));
        }
        x ^= always_flip;
        y ^= always_flip;
        let state = (2 * x + y) & 3;
        score += pay_a[state];
        opponent_score += pay_b[state];
        *own_slot = if x == 0 { C } else { Action::D };
        *other_slot = if y == 0 { C } else { Action::D };
    }
    MatchOutcome { moves, opponent_moves, score, opponent_score }
}
