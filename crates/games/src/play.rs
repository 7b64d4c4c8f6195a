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
use crate::rng::{OpenStream, StreamRng, bernoulli, bernoulli_threshold, label, stream, uniform};
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
    /// The memory-one kernels' move lists (the general loop's are the histories' own plays).
    moves: Vec<Action>,
    opponent_moves: Vec<Action>,
}

/// A finished match whose move lists are borrowed from a [`MatchScratch`]: what
/// [`play_match_in`] returns, so that callers who only summarise a match allocate nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MatchView<'s> {
    /// The first player's actions as played.
    pub moves: &'s [Action],
    /// The second player's actions as played.
    pub opponent_moves: &'s [Action],
    /// The first player's total payoff.
    pub score: f64,
    /// The second player's total payoff.
    pub opponent_score: f64,
    /// `[4·previous + current]`: the first player's state transitions (see
    /// [`transition_counts`]) when the loop that played the match counted them as it went (the
    /// general loop does; the memory-one kernels leave it to [`transition_counts`]).
    pub transitions: Option<[u32; 16]>,
}

/// `counts[4·previous + current]`: how often the first player's state (2·own + other, C = 0)
/// went from `previous` to `current` between consecutive turns of these move lists.
pub fn transition_counts(moves: &[Action], opponent_moves: &[Action]) -> [u32; 16] {
    let turns = moves.len().min(opponent_moves.len());
    let mut counts = [0u32; 16];
    // The transition of each turn as a byte, a block at a time, then each value counted over
    // the block: both loops are plain byte arithmetic the compiler turns into vector code,
    // where a histogram would make every turn wait for the previous turn's increment (a long
    // run of mutual cooperation hits one counter). Blocks of 255 keep byte sums from wrapping.
    const BLOCK: usize = 255;
    let mut codes = [0u8; BLOCK];
    let mut start = 1;
    while start < turns {
        let end = (start + BLOCK).min(turns);
        let block = &mut codes[..end - start];
        let previous = moves[start - 1..end - 1].iter().zip(&opponent_moves[start - 1..end - 1]);
        let current = moves[start..end].iter().zip(&opponent_moves[start..end]);
        for (code, ((&px, &py), (&x, &y))) in block.iter_mut().zip(previous.zip(current)) {
            *code = 8 * px as u8 + 4 * py as u8 + 2 * x as u8 + y as u8;
        }
        for (value, count) in counts.iter_mut().enumerate() {
            let hits: u8 = block.iter().map(|&code| u8::from(code == value as u8)).sum();
            *count += u32::from(hits);
        }
        start = end;
    }
    counts
}

impl MatchView<'_> {
    /// An owned copy.
    pub fn to_outcome(&self) -> MatchOutcome {
        MatchOutcome {
            moves: self.moves.to_vec(),
            opponent_moves: self.opponent_moves.to_vec(),
            score: self.score,
            opponent_score: self.opponent_score,
        }
    }
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
    play_match_in(a, b, spec, seed, scratch).to_outcome()
}

/// [`play_match`] with the move lists left in `scratch` and borrowed by the result.
pub fn play_match_in<'s>(
    a: &mut dyn Strategy,
    b: &mut dyn Strategy,
    spec: &MatchSpec,
    seed: u64,
    scratch: &'s mut MatchScratch,
) -> MatchView<'s> {
    a.reset();
    b.reset();
    let turns = spec.sample_turns(seed);
    if spec.observation_error == 0.0
        && let (Some(ra), Some(rb)) = (a.memory_one_in(&spec.game), b.memory_one_in(&spec.game))
    {
        let (moves, opponent_moves) = (&mut scratch.moves, &mut scratch.opponent_moves);
        let (score, opponent_score) = memory_one_kernel(&ra, &rb, spec, turns, seed, moves, opponent_moves);
        return MatchView {
            moves: &scratch.moves,
            opponent_moves: &scratch.opponent_moves,
            score,
            opponent_score,
            transitions: None,
        };
    }
    let mut rng_a = stream(seed, &[label("player"), 0]);
    let mut rng_b = stream(seed, &[label("player"), 1]);
    let mut env = stream(seed, &[label("environment")]);
    let (score, opponent_score, transitions) =
        general_loop(a, b, spec, turns, scratch, &mut rng_a, &mut rng_b, &mut env);
    // Each history's own plays are the actions as played (after noise), so they are the
    // match's move lists.
    MatchView {
        moves: scratch.a.own(),
        opponent_moves: scratch.b.own(),
        score,
        opponent_score,
        transitions: Some(transitions),
    }
}

/// The reference match loop: ask both players, apply noise, record, apply misperception.
/// Returns the two scores and the first player's state transitions: counting them here, beside
/// the two calls to the players each turn, cost less than the second pass over the moves it
/// replaces (measured on the 167-strategy tournament).
#[allow(clippy::too_many_arguments)]
fn general_loop(
    a: &mut dyn Strategy,
    b: &mut dyn Strategy,
    spec: &MatchSpec,
    turns: usize,
    scratch: &mut MatchScratch,
    rng_a: &mut StreamRng,
    rng_b: &mut StreamRng,
    env: &mut StreamRng,
) -> (f64, f64, [u32; 16]) {
    let info = spec.info();
    let (ha, hb) = (&mut scratch.a, &mut scratch.b);
    ha.clear();
    hb.clear();
    ha.reserve(turns);
    hb.reserve(turns);
    // Payoffs by state 2·x + y (C = 0), from each player's side: the same values added in the
    // same order as `Game::scores` gives them.
    let pay_a = spec.game.payoff_vector();
    let pay_b = [pay_a[0], pay_a[2], pay_a[1], pay_a[3]];
    let (mut score, mut opponent_score) = (0.0, 0.0);
    // `transitions[4·previous + current]`, with the first turn's "previous" state counted in a
    // row of its own (16..20) that is dropped at the end.
    let mut transitions = [0u32; 20];
    let mut previous = 4;
    if spec.noise == 0.0 && spec.observation_error == 0.0 {
        // The common case, with nothing drawn from the environment: no per-turn tests.
        for _ in 0..turns {
            let x = a.play(ha, &info, rng_a);
            let y = b.play(hb, &info, rng_b);
            ha.push(x, y);
            hb.push(y, x);
            let state = 2 * x as usize + y as usize;
            score += pay_a[state];
            opponent_score += pay_b[state];
            transitions[4 * previous + state] += 1;
            previous = state;
        }
        return (score, opponent_score, first_sixteen(transitions));
    }
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
        let state = 2 * x as usize + y as usize;
        score += pay_a[state];
        opponent_score += pay_b[state];
        transitions[4 * previous + state] += 1;
        previous = state;
    }
    (score, opponent_score, first_sixteen(transitions))
}

/// The transitions between states, without the first turn's row.
fn first_sixteen(counts: [u32; 20]) -> [u32; 16] {
    std::array::from_fn(|k| counts[k])
}

/// The memory-one kernel: the same draws in the same order as [`general_loop`] for two
/// memory-one players (player draws happen only for probabilities strictly between 0 and 1),
/// from the same streams of the match seed. Writes the move lists into `moves` and
/// `opponent_moves` and returns the two scores.
fn memory_one_kernel(
    ra: &MemoryOneRule,
    rb: &MemoryOneRule,
    spec: &MatchSpec,
    turns: usize,
    seed: u64,
    moves: &mut Vec<Action>,
    opponent_moves: &mut Vec<Action>,
) -> (f64, f64) {
    if let (Some(da), Some(db)) = (DeterministicRule::of(ra), DeterministicRule::of(rb)) {
        let mut env = OpenStream::new(seed, &[label("environment")]);
        return deterministic_kernel(&da, &db, spec, turns, &mut env, moves, opponent_moves);
    }
    let mut rng_a = OpenStream::new(seed, &[label("player"), 0]);
    let mut rng_b = OpenStream::new(seed, &[label("player"), 1]);
    // Both rules indexed by the first player's view of the state, 2·x + y.
    let a = ThresholdRule::of(ra, false);
    let b = ThresholdRule::of(rb, true);
    let pay_a = spec.game.payoff_vector();
    let pay_b = [pay_a[0], pay_a[2], pay_a[1], pay_a[3]];
    // The noise draws do not depend on the course of the match, so they are made first, in
    // the general loop's order (first player's, then second's, every turn), and kept in the
    // move lists as flips (D = flip); the loop below then needs only the players' streams,
    // which keeps its state in registers.
    let noise = spec.noise;
    let always_flip = noise >= 1.0;
    moves.clear();
    moves.resize(turns, if always_flip { Action::D } else { C });
    opponent_moves.clear();
    opponent_moves.resize(turns, if always_flip { Action::D } else { C });
    if noise > 0.0 && noise < 1.0 {
        let mut env = OpenStream::new(seed, &[label("environment")]);
        let noise_threshold = bernoulli_threshold(noise);
        for (own_slot, other_slot) in moves.iter_mut().zip(opponent_moves.iter_mut()) {
            *own_slot = Action::from_bool((env.next_u64() >> 11) >= noise_threshold);
            *other_slot = Action::from_bool((env.next_u64() >> 11) >= noise_threshold);
        }
    }
    let (mut score, mut opponent_score) = (0.0, 0.0);
    let mut state = FIRST_TURN;
    for (own_slot, other_slot) in moves.iter_mut().zip(opponent_moves.iter_mut()) {
        // A player draws only where its probability is strictly between 0 and 1, as
        // `bernoulli` does; elsewhere its threshold (0 or 2⁵³) decides whatever the number.
        let draw_a = rng_a.next_masked(a.draws[state]);
        let draw_b = rng_b.next_masked(b.draws[state]);
        let x = usize::from((draw_a >> 11) >= a.threshold[state]) ^ (*own_slot as usize);
        let y = usize::from((draw_b >> 11) >= b.threshold[state]) ^ (*other_slot as usize);
        state = (2 * x + y) & 3;
        score += pay_a[state];
        opponent_score += pay_b[state];
        *own_slot = if x == 0 { C } else { Action::D };
        *other_slot = if y == 0 { C } else { Action::D };
    }
    (score, opponent_score)
}

/// The index of the first turn in a [`ThresholdRule`]'s tables (states are 0–3).
const FIRST_TURN: usize = 4;

/// A memory-one rule as integer thresholds for [`crate::rng::bernoulli_below`]-style draws: the player
/// cooperates when the draw's top 53 bits are below `threshold[state]`, and draws only where
/// `draws[state]` is all ones (it is zero elsewhere: a mask for [`OpenStream::next_masked`]). Indexed by the state `2·x + y` of the first player's view (C = 0), and
/// [`FIRST_TURN`] for the first turn; the tables have eight entries so that an index masked to
/// three bits needs no bounds check.
struct ThresholdRule {
    threshold: [u64; 8],
    draws: [u64; 8],
}

impl ThresholdRule {
    /// `rule` for the first player, or for the second when `second` (its own state is the
    /// first player's with the two actions swapped).
    fn of(rule: &MemoryOneRule, second: bool) -> ThresholdRule {
        let v = rule.four_vector;
        let by_state = if second { [v[0], v[2], v[1], v[3]] } else { v };
        let mut out = ThresholdRule { threshold: [0; 8], draws: [0; 8] };
        for (k, p) in by_state.into_iter().chain([rule.initial_cooperation]).enumerate() {
            (out.threshold[k], out.draws[k]) = if p <= 0.0 {
                (0, 0)
            } else if p >= 1.0 {
                (1 << 53, 0)
            } else {
                (bernoulli_threshold(p), u64::MAX)
            };
        }
        out
    }
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
    env: &mut OpenStream,
    moves: &mut Vec<Action>,
    opponent_moves: &mut Vec<Action>,
) -> (f64, f64) {
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
    moves.clear();
    moves.resize(turns, C);
    opponent_moves.clear();
    opponent_moves.resize(turns, C);
    let (mut score, mut opponent_score) = (0.0, 0.0);
    let (mut x, mut y) = (a.first, b.first);
    for (turn, (own_slot, other_slot)) in moves.iter_mut().zip(opponent_moves.iter_mut()).enumerate() {
        if turn > 0 {
            let state = (2 * x + y) & 3;
            x = a.next[state];
            y = b_next[state];
        }
        if flips {
            x ^= usize::from((env.next_u64() >> 11) < noise_threshold);
            y ^= usize::from((env.next_u64() >> 11) < noise_threshold);
        }
        x ^= always_flip;
        y ^= always_flip;
        let state = (2 * x + y) & 3;
        score += pay_a[state];
        opponent_score += pay_b[state];
        *own_slot = if x == 0 { C } else { Action::D };
        *other_slot = if y == 0 { C } else { Action::D };
    }
    (score, opponent_score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::Classifier;
    use crate::testing::GeneralLoop;

    /// A memory-one rule played as the general loop plays any strategy, and announced to the
    /// kernels through `memory_one`.
    #[derive(Clone)]
    struct Rule(MemoryOneRule);

    impl Strategy for Rule {
        fn name(&self) -> String {
            format!("{:?}", self.0)
        }
        fn classifier(&self) -> Classifier {
            Classifier::stochastic(Some(1))
        }
        fn play(&mut self, h: &History, _: &MatchInfo, rng: &mut StreamRng) -> Action {
            let p = match (h.last_own(), h.last_opp()) {
                (Some(own), Some(opp)) => self.0.p_cooperate(own, opp),
                _ => self.0.initial_cooperation,
            };
            Action::from_bool(bernoulli(rng, p))
        }
        fn reset(&mut self) {}
        fn memory_one(&self) -> Option<MemoryOneRule> {
            Some(self.0)
        }
    }

    fn rule(four_vector: [f64; 4], initial_cooperation: f64) -> Rule {
        Rule(MemoryOneRule { four_vector, initial_cooperation })
    }

    /// Rules mixing certain and uncertain states, so that players draw on some turns and not
    /// on others, and deterministic ones.
    fn rules() -> Vec<Rule> {
        vec![
            rule([1.0, 1.0 / 3.0, 1.0, 1.0 / 3.0], 1.0),
            rule([0.9, 0.2, 0.6, 0.1], 0.5),
            rule([1.0, 0.0, 0.0, 1.0], 0.0),
            rule([0.0, 0.75, 1.0, 0.25], 0.3),
            rule([1e-12, 1.0 - 1e-12, 0.5, 0.0], 1.0),
            rule([1.0, 0.0, 1.0, 0.0], 1.0),
        ]
    }

    #[test]
    fn kernels_equal_the_general_loop_for_every_noise_level() {
        let mut compared = 0;
        for noise in [0.0, 0.05, 0.5, 1.0] {
            for (i, a) in rules().into_iter().enumerate() {
                for (j, b) in rules().into_iter().enumerate() {
                    let spec = MatchSpec::turns(120).noise(noise);
                    let seed = 17 * i as u64 + j as u64;
                    let fast = play_match(&mut a.clone(), &mut b.clone(), &spec, seed);
                    let slow = play_match(
                        &mut GeneralLoop(Box::new(a.clone())),
                        &mut GeneralLoop(Box::new(b)),
                        &spec,
                        seed,
                    );
                    assert_eq!(fast, slow, "{} v {} with noise {noise}", a.name(), j);
                    compared += 1;
                }
            }
        }
        assert_eq!(compared, 4 * 36);
    }

    #[test]
    fn gtft_against_a_defector_forgives_a_third_of_the_time() {
        // After each of the opponent's defections GTFT's rule cooperates with probability 1/3,
        // so its share of cooperations after the first turn is near 1/3.
        let mut gtft = rule([1.0, 1.0 / 3.0, 1.0, 1.0 / 3.0], 1.0);
        let mut defector = rule([0.0; 4], 0.0);
        let outcome = play_match(&mut gtft, &mut defector, &MatchSpec::turns(30_000), 5);
        let share = (outcome.cooperations() - 1) as f64 / 29_999.0;
        assert!((share - 1.0 / 3.0).abs() < 0.01, "share {share}");
        assert_eq!(outcome.opponent_cooperations(), 0);
    }

    #[test]
    fn a_view_in_scratch_buffers_equals_the_owned_outcome() {
        let mut scratch = MatchScratch::default();
        let spec = MatchSpec::turns(60).noise(0.1);
        for (a, b) in [(0, 1), (1, 3), (2, 2)] {
            let (ra, rb) = (rules()[a].clone(), rules()[b].clone());
            let owned = play_match(&mut ra.clone(), &mut rb.clone(), &spec, 9);
            let view = play_match_in(&mut ra.clone(), &mut rb.clone(), &spec, 9, &mut scratch).to_outcome();
            assert_eq!(owned, view);
            let owned = play_match(
                &mut GeneralLoop(Box::new(ra.clone())),
                &mut GeneralLoop(Box::new(rb.clone())),
                &spec,
                9,
            );
            let view = play_match_in(
                &mut GeneralLoop(Box::new(ra)),
                &mut GeneralLoop(Box::new(rb)),
                &spec,
                9,
                &mut scratch,
            );
            assert_eq!(owned, view.to_outcome());
        }
    }

    /// Transitions counted one turn at a time, the plainest way.
    fn counted_one_by_one(moves: &[Action], opponent_moves: &[Action]) -> [u32; 16] {
        let mut counts = [0u32; 16];
        for t in 1..moves.len() {
            let state = |t: usize| 2 * moves[t] as usize + opponent_moves[t] as usize;
            counts[4 * state(t - 1) + state(t)] += 1;
        }
        counts
    }

    #[test]
    fn transition_counts_in_blocks_equal_a_plain_count() {
        use rand::Rng;
        let mut rng = crate::rng::stream(5, &[]);
        // Lengths around the 255-turn blocks, with long runs of one state and random play.
        for turns in [0usize, 1, 2, 3, 254, 255, 256, 257, 511, 1000] {
            for p in [0.0, 0.5, 0.97] {
                let mut draw = || if rng.random_bool(p) { Action::D } else { C };
                let moves: Vec<Action> = (0..turns).map(|_| draw()).collect();
                let opponent_moves: Vec<Action> = (0..turns).map(|_| draw()).collect();
                let counts = transition_counts(&moves, &opponent_moves);
                assert_eq!(counts, counted_one_by_one(&moves, &opponent_moves), "{turns} turns, p {p}");
                assert_eq!(counts.iter().sum::<u32>() as usize, turns.saturating_sub(1));
            }
        }
    }

    #[test]
    fn the_general_loop_counts_the_transitions_of_its_moves() {
        let mut scratch = MatchScratch::default();
        for spec in [
            MatchSpec::turns(300),
            MatchSpec::turns(300).noise(0.1),
            MatchSpec::turns(300).observation_error(0.2),
            MatchSpec::turns(1),
            MatchSpec::new(Length::ProbEnd(0.01)),
        ] {
            for (a, b) in [(0, 1), (1, 3), (2, 2)] {
                let (ra, rb) = (rules()[a].clone(), rules()[b].clone());
                let (mut a, mut b) = (GeneralLoop(Box::new(ra)), GeneralLoop(Box::new(rb)));
                let view = play_match_in(&mut a, &mut b, &spec, 4, &mut scratch);
                let counted = view.transitions.expect("the general loop counts transitions");
                assert_eq!(counted, counted_one_by_one(view.moves, view.opponent_moves), "{spec:?}");
            }
        }
    }
}
