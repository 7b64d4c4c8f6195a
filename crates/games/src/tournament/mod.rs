//! Round-robin tournaments: every pair of players, self-play included, meets once per
//! repetition, and the results are summarised with the Axelrod library's metrics.
//!
//! A [`Tournament`] is a reusable spec: players, match settings, repetitions, root seed and an
//! optional thread count. [`Tournament::play`] validates it, plays every match in parallel and
//! returns a [`ResultSet`].
//!
//! **Determinism contract.** The match between players `i ≤ j` in repetition `r` is played with
//! the seed `rng::derive_seed(root_seed, [r, i, j])`, and results are gathered in that index
//! order before anything is summed. Nothing depends on which thread plays which match, so the
//! per-match results and every metric are bit-identical for any number of threads (tested
//! below with pools of one and two threads).
//!
//! ```
//! use commonweal_games::tournament::Tournament;
//!
//! let results = Tournament::from_names(&["Cooperator", "Defector", "Tit For Tat"])
//!     .unwrap()
//!     .turns(20)
//!     .repetitions(2)
//!     .seed(1)
//!     .play()
//!     .unwrap();
//! // Defector earns 5 per turn against Cooperator and (5 + 19) / 20 = 1.2 against Tit For Tat.
//! assert_eq!(results.ranked_names[0], "Defector");
//! assert!(results.normalised_scores[1].iter().all(|s| (s - 3.1).abs() < 1e-12));
//! ```

mod result_set;

pub use result_set::{ResultSet, SummaryRow};

use crate::action::{Action, C};
use crate::game::Game;
use crate::play::{Length, MatchError, MatchScratch, MatchSpec, play_match_in, transition_counts};
use crate::registry::{self, Entry, UnknownStrategy};
use crate::rng::derive_seed;
use crate::strategy::Strategy;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Why a tournament cannot be played.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TournamentError {
    /// No players were given.
    #[error("a tournament needs at least one player; got none")]
    NoPlayers,
    /// Zero repetitions.
    #[error("repetitions must be at least 1; got 0")]
    ZeroRepetitions,
    /// A thread count of zero.
    #[error("threads must be at least 1; got 0")]
    ZeroThreads,
    /// Invalid match settings.
    #[error(transparent)]
    Match(#[from] MatchError),
    /// The thread pool could not be built.
    #[error("could not start {threads} worker threads: {message}")]
    ThreadPool {
        /// Threads asked for.
        threads: usize,
        /// Why the pool failed.
        message: String,
    },
}

/// A round-robin tournament spec: tweak it with the builder methods and play it as often as
/// needed. The players are mandatory (every constructor takes them); everything else has a
/// default: 200 turns, 10 repetitions, no noise, the default Prisoner's Dilemma, seed 0 and
/// rayon's global thread pool.
#[derive(Clone, Debug)]
pub struct Tournament {
    players: Vec<Box<dyn Strategy>>,
    spec: MatchSpec,
    repetitions: usize,
    seed: u64,
    threads: Option<usize>,
}

/// The summary of one match of a tournament, from the first player's side where it matters.
/// Players are indices into the tournament's player list with `player ≤ opponent`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatchResult {
    /// Repetition of the round robin, from 0.
    pub repetition: usize,
    /// Index of the first player.
    pub player: usize,
    /// Index of the second player (equal to `player` in self-play).
    pub opponent: usize,
    /// Turns played.
    pub turns: usize,
    /// Total payoffs of (player, opponent).
    pub scores: [f64; 2],
    /// Cooperations of (player, opponent).
    pub cooperations: [u32; 2],
    /// Whether each player cooperated on the first turn.
    pub initial_cooperation: [bool; 2],
    /// Counts of the states CC, CD, DC, DD from each player's own point of view (own action
    /// first).
    pub states: [[u32; 4]; 2],
    /// For each player, how often it cooperated right after each state (own point of view):
    /// the next action after CC, CD, DC, DD was C this many times. The matching defection
    /// counts are the state counts over all turns but the last, minus these.
    pub state_to_cooperation: [[u32; 4]; 2],
    /// For each player, the state counts over all turns but the last (the states that were
    /// followed by an action).
    pub states_followed: [[u32; 4]; 2],
}

impl MatchResult {
    /// Summarises the moves of a match.
    pub fn from_moves(
        repetition: usize,
        player: usize,
        opponent: usize,
        moves: &[Action],
        opponent_moves: &[Action],
        scores: [f64; 2],
    ) -> MatchResult {
        MatchResult::from_transitions(
            repetition,
            player,
            opponent,
            moves,
            opponent_moves,
            scores,
            transition_counts(moves, opponent_moves),
        )
    }

    /// [`MatchResult::from_moves`] given the first player's state transitions
    /// (`transitions[4·previous + current]`, as [`transition_counts`] counts them).
    pub fn from_transitions(
        repetition: usize,
        player: usize,
        opponent: usize,
        moves: &[Action],
        opponent_moves: &[Action],
        scores: [f64; 2],
        transitions: [u32; 16],
    ) -> MatchResult {
        let turns = moves.len();
        // Every count below is a sum over the transition table; the second player's view of a
        // state is the first's with the two bits swapped.
        let state = |x: Action, y: Action| 2 * x as usize + y as usize;
        let first = moves.first().zip(opponent_moves.first()).map(|(&x, &y)| state(x, y));
        const SWAP: [usize; 4] = [0, 2, 1, 3];
        let mut states = [[0u32; 4]; 2];
        let mut to_c = [[0u32; 4]; 2];
        let mut followed = [[0u32; 4]; 2];
        for prev in 0..4 {
            let row = &transitions[4 * prev..4 * prev + 4];
            followed[0][prev] = row.iter().sum();
            to_c[0][prev] = row[0] + row[1];
            to_c[1][SWAP[prev]] = row[0] + row[2];
            for (current, &count) in row.iter().enumerate() {
                states[0][current] += count;
            }
        }
        if let Some(s) = first {
            states[0][s] += 1;
        }
        for s in 0..4 {
            states[1][SWAP[s]] = states[0][s];
            followed[1][SWAP[s]] = followed[0][s];
        }
        let coop0 = states[0][0] + states[0][1];
        let coop1 = states[1][0] + states[1][1];
        MatchResult {
            repetition,
            player,
            opponent,
            turns,
            scores,
            cooperations: [coop0, coop1],
            initial_cooperation: [moves.first() == Some(&C), opponent_moves.first() == Some(&C)],
            states,
            state_to_cooperation: to_c,
            states_followed: followed,
        }
    }
}

impl Tournament {
    /// A tournament between these players, in this order.
    pub fn new(players: Vec<Box<dyn Strategy>>) -> Tournament {
        Tournament { players, spec: MatchSpec::turns(200), repetitions: 10, seed: 0, threads: None }
    }

    /// A tournament between fresh players built from registry entries.
    pub fn from_entries(entries: &[&Entry]) -> Tournament {
        Tournament::new(entries.iter().map(|e| e.build()).collect())
    }

    /// A tournament between the strategies with these names (display name, class name or id).
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Result<Tournament, UnknownStrategy> {
        let players = names.iter().map(|n| registry::build(n.as_ref())).collect::<Result<_, _>>()?;
        Ok(Tournament::new(players))
    }

    /// Matches of exactly `turns` turns.
    pub fn turns(mut self, turns: usize) -> Tournament {
        self.spec.length = Length::Turns(turns);
        self
    }

    /// Matches that end after each turn with probability `prob_end`.
    pub fn prob_end(mut self, prob_end: f64) -> Tournament {
        self.spec.length = Length::ProbEnd(prob_end);
        self
    }

    /// Action noise.
    pub fn noise(mut self, noise: f64) -> Tournament {
        self.spec.noise = noise;
        self
    }

    /// Misperception of the opponent's actions.
    pub fn observation_error(mut self, q: f64) -> Tournament {
        self.spec.observation_error = q;
        self
    }

    /// The stage game.
    pub fn game(mut self, game: Game) -> Tournament {
        self.spec.game = game;
        self
    }

    /// Every match setting at once.
    pub fn match_spec(mut self, spec: MatchSpec) -> Tournament {
        self.spec = spec;
        self
    }

    /// Repetitions of the round robin.
    pub fn repetitions(mut self, repetitions: usize) -> Tournament {
        self.repetitions = repetitions;
        self
    }

    /// The root seed.
    pub fn seed(mut self, seed: u64) -> Tournament {
        self.seed = seed;
        self
    }

    /// Plays on a private pool of `threads` threads (`None`: rayon's global pool). The results
    /// do not depend on it.
    pub fn threads(mut self, threads: Option<usize>) -> Tournament {
        self.threads = threads;
        self
    }

    /// The players, in input order.
    pub fn players(&self) -> &[Box<dyn Strategy>] {
        &self.players
    }

    /// The players' names (the library's `repr` form), in input order.
    pub fn player_names(&self) -> Vec<String> {
        self.players.iter().map(|p| p.name()).collect()
    }

    /// The match settings.
    pub fn spec(&self) -> &MatchSpec {
        &self.spec
    }

    /// Repetitions of the round robin.
    pub fn n_repetitions(&self) -> usize {
        self.repetitions
    }

    /// The root seed.
    pub fn root_seed(&self) -> u64 {
        self.seed
    }

    /// The number of matches a play runs: pairs `i ≤ j` times repetitions.
    pub fn n_matches(&self) -> usize {
        let n = self.players.len();
        n * (n + 1) / 2 * self.repetitions
    }

    /// The seed of the match between players `i ≤ j` in repetition `repetition`.
    pub fn match_seed(&self, repetition: usize, i: usize, j: usize) -> u64 {
        derive_seed(self.seed, &[repetition as u64, i as u64, j as u64])
    }

    /// Checks the spec.
    pub fn validate(&self) -> Result<(), TournamentError> {
        if self.players.is_empty() {
            return Err(TournamentError::NoPlayers);
        }
        if self.repetitions == 0 {
            return Err(TournamentError::ZeroRepetitions);
        }
        if self.threads == Some(0) {
            return Err(TournamentError::ZeroThreads);
        }
        self.spec.validate()?;
        Ok(())
    }

    /// Plays every match and summarises the results.
    pub fn play(&self) -> Result<ResultSet, TournamentError> {
        self.play_with_progress(&|_, _| {})
    }

    /// [`Tournament::play`], calling `progress(done, total)` as matches finish: from worker
    /// threads, after every few matches, so calls may arrive out of order; the largest `done`
    /// seen is the number of matches played, and the last call has `done == total`.
    pub fn play_with_progress(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<ResultSet, TournamentError> {
        self.validate()?;
        // The result set is built on the same pool as the matches: its rows are computed in
        // parallel, and `threads(Some(1))` keeps the whole play on one thread.
        self.in_pool(|| ResultSet::from_matches(self.player_names(), self.repetitions, self.run(progress)))
    }

    /// Plays every match and returns their summaries ordered by (repetition, player,
    /// opponent), without building the result set.
    pub fn play_matches(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Vec<MatchResult>, TournamentError> {
        self.validate()?;
        self.in_pool(|| self.run(progress))
    }

    /// Runs `job` on the tournament's pool: one of `threads` threads, or the current one.
    fn in_pool<R: Send>(&self, job: impl FnOnce() -> R + Send) -> Result<R, TournamentError> {
        match self.threads {
            None => Ok(job()),
            Some(threads) => Ok(pool_of(threads)?.install(job)),
        }
    }

    /// The parallel loop. Work items are (repetition, i, j) in a fixed order; rayon's indexed
    /// `collect` keeps that order whatever thread plays each one.
    fn run(&self, progress: &(dyn Fn(usize, usize) + Sync)) -> Vec<MatchResult> {
        let n = self.players.len();
        let pairs: Vec<(usize, usize)> = (0..n).flat_map(|i| (i..n).map(move |j| (i, j))).collect();
        let total = pairs.len() * self.repetitions;
        let done = AtomicUsize::new(0);
        // One set of player copies per worker thread, made on first use and reset by every
        // match, instead of two fresh copies per match. A reset player behaves exactly like a
        // fresh one (the `Strategy` contract, tested for every registry entry), so which
        // worker plays a match changes nothing.
        let workers: Vec<WorkerSlot> =
            (0..rayon::current_num_threads()).map(|_| WorkerSlot(Mutex::new(Worker::new(n)))).collect();
        // Progress is counted in batches of matches: a counter shared by the threads and bumped
        // after every match (two microseconds in a memory-one tournament) made the cores trade
        // its cache line at every match, about 0.2 ms of the basic strategies' 3 ms on two
        // threads.
        let report = |matches: usize| progress(done.fetch_add(matches, Ordering::Relaxed) + matches, total);
        let results = (0..total)
            .into_par_iter()
            // Small work units keep both threads busy to the end: the cost of a match varies
            // a hundredfold between strategies, and with large units the last one decides
            // when the loop ends. Units of 8 matches measured as fast as 64 on a 70,000-match
            // tournament and gave a millisecond-long one (the first tournament's) its
            // two-thread speed-up back (1.76× → 1.9× median).
            .with_max_len(8)
            .map(|k| {
                let repetition = k / pairs.len();
                let (i, j) = pairs[k % pairs.len()];
                let slot = rayon::current_thread_index()
                    .and_then(|t| workers.get(t))
                    .and_then(|slot| slot.0.try_lock().ok());
                match slot {
                    Some(mut worker) => {
                        let result = worker.play(self, repetition, i, j);
                        worker.unreported += 1;
                        if worker.unreported == PROGRESS_BATCH {
                            worker.unreported = 0;
                            report(PROGRESS_BATCH);
                        }
                        result
                    }
                    // Not on a worker of the pool, or re-entered while it plays: fresh copies.
                    None => {
                        let result = Worker::new(n).play(self, repetition, i, j);
                        report(1);
                        result
                    }
                }
            })
            .collect();
        let rest: usize =
            workers.iter().map(|slot| slot.0.lock().unwrap_or_else(|e| e.into_inner()).unreported).sum();
        // The last call, after every worker's: `done == total`.
        report(rest);
        results
    }
}

/// Matches a worker plays between two progress reports.
const PROGRESS_BATCH: usize = 32;

/// A worker on cache lines of its own (128 bytes: the pair of lines the processor fetches
/// together). Side by side in a vector, one worker's lock shared a line with its neighbour's
/// buffers, which both threads wrote at every match.
#[repr(align(128))]
struct WorkerSlot(Mutex<Worker>);

/// What one worker thread keeps between matches: copies of the players (one for the first
/// seat, one for the second, so that self-play has two) and the match buffers.
struct Worker {
    first: Vec<Option<Box<dyn Strategy>>>,
    second: Vec<Option<Box<dyn Strategy>>>,
    scratch: MatchScratch,
    /// Matches played since this worker last reported progress.
    unreported: usize,
}

impl Worker {
    fn new(n: usize) -> Worker {
        Worker {
            first: vec![None; n],
            second: vec![None; n],
            scratch: MatchScratch::default(),
            unreported: 0,
        }
    }

    /// The match between players `i ≤ j` in repetition `repetition`, summarised.
    fn play(&mut self, t: &Tournament, repetition: usize, i: usize, j: usize) -> MatchResult {
        let a = self.first[i].get_or_insert_with(|| t.players[i].clone());
        let b = self.second[j].get_or_insert_with(|| t.players[j].clone());
        let seed = t.match_seed(repetition, i, j);
        let view = play_match_in(a.as_mut(), b.as_mut(), &t.spec, seed, &mut self.scratch);
        let transitions =
            view.transitions.unwrap_or_else(|| transition_counts(view.moves, view.opponent_moves));
        MatchResult::from_transitions(
            repetition,
            i,
            j,
            view.moves,
            view.opponent_moves,
            [view.score, view.opponent_score],
            transitions,
        )
    }
}

/// The process's pool of `threads` threads, built on first use and kept: starting threads costs
/// about as much as a small tournament, and which pool plays a match never changes its result
/// (every match draws from its own stream).
fn pool_of(threads: usize) -> Result<std::sync::Arc<rayon::ThreadPool>, TournamentError> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(pool) = pools.get(&threads) {
        return Ok(pool.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| TournamentError::ThreadPool { threads, message: e.to_string() })?;
    let pool = Arc::new(pool);
    pools.insert(threads, pool.clone());
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::D;
    use crate::play::play_match;

    fn small() -> Tournament {
        Tournament::from_names(&["Cooperator", "Defector", "Tit For Tat", "Random", "Alternator"])
            .unwrap()
            .turns(50)
            .repetitions(4)
            .noise(0.05)
            .seed(42)
    }

    #[test]
    fn bit_identical_for_one_and_two_threads() {
        let one = small().threads(Some(1)).play().unwrap();
        let two = small().threads(Some(2)).play().unwrap();
        assert_eq!(one.matches, two.matches);
        assert_eq!(one, two);
        // Noise and a stochastic player make repetitions differ, so the check is not vacuous.
        assert_ne!(one.matches[0..15].iter().map(|m| m.scores).collect::<Vec<_>>(), {
            one.matches[15..30].iter().map(|m| m.scores).collect::<Vec<_>>()
        });
    }

    #[test]
    fn random_lengths_are_per_match_and_thread_independent() {
        let t = small().prob_end(0.05);
        let one = t.clone().threads(Some(1)).play().unwrap();
        let two = t.threads(Some(2)).play().unwrap();
        assert_eq!(one, two);
        let lengths: std::collections::HashSet<usize> = one.matches.iter().map(|m| m.turns).collect();
        assert!(lengths.len() > 5, "lengths should vary: {lengths:?}");
        // Both sides of a match see the same length.
        for r in 0..4 {
            for i in 0..5 {
                for j in 0..5 {
                    assert_eq!(one.match_lengths[r][i][j], one.match_lengths[r][j][i]);
                }
            }
        }
    }

    #[test]
    fn every_pair_and_self_play_once_per_repetition() {
        let t = small();
        let matches = t.play_matches(&|_, _| {}).unwrap();
        assert_eq!(matches.len(), t.n_matches());
        assert_eq!(matches.len(), 15 * 4);
        let mut seen = std::collections::HashSet::new();
        for m in &matches {
            assert!(m.player <= m.opponent);
            assert!(seen.insert((m.repetition, m.player, m.opponent)));
        }
    }

    #[test]
    fn each_match_equals_a_standalone_match_with_its_seed() {
        let t = small();
        let matches = t.play_matches(&|_, _| {}).unwrap();
        for m in matches.iter().step_by(7) {
            let mut a = t.players()[m.player].clone();
            let mut b = t.players()[m.opponent].clone();
            let seed = t.match_seed(m.repetition, m.player, m.opponent);
            let outcome = play_match(a.as_mut(), b.as_mut(), t.spec(), seed);
            assert_eq!(m.scores, [outcome.score, outcome.opponent_score]);
            assert_eq!(m.cooperations[0] as usize, outcome.cooperations());
        }
    }

    #[test]
    fn reused_stateful_players_give_the_matches_of_fresh_ones() {
        // Each worker resets and reuses its copies of the players; rules that keep state between
        // turns must then play every match as fresh copies would.
        let t = Tournament::from_names(&[
            "Math Constant Hunter",
            "Soft Go By Majority: 5",
            "Cycle Hunter",
            "Grudger",
            "Alternator",
            "Random",
        ])
        .unwrap()
        .turns(40)
        .repetitions(3)
        .noise(0.1)
        .seed(3)
        .threads(Some(1));
        let matches = t.play_matches(&|_, _| {}).unwrap();
        for m in &matches {
            let mut a = t.players()[m.player].clone();
            let mut b = t.players()[m.opponent].clone();
            let seed = t.match_seed(m.repetition, m.player, m.opponent);
            let outcome = play_match(a.as_mut(), b.as_mut(), t.spec(), seed);
            let fresh = MatchResult::from_moves(
                m.repetition,
                m.player,
                m.opponent,
                &outcome.moves,
                &outcome.opponent_moves,
                [outcome.score, outcome.opponent_score],
            );
            assert_eq!(*m, fresh);
        }
    }

    #[test]
    fn progress_reaches_the_total() {
        // 300 matches: several batches per worker, and a remainder reported at the end.
        let t = small().repetitions(20);
        for threads in [1, 2] {
            let calls = Mutex::new(Vec::new());
            t.clone()
                .threads(Some(threads))
                .play_with_progress(&|done, total| {
                    assert_eq!(total, 300);
                    calls.lock().unwrap().push(done);
                })
                .unwrap();
            let calls = calls.into_inner().unwrap();
            assert!(calls.len() >= 300 / PROGRESS_BATCH, "{threads} threads: {calls:?}");
            assert_eq!(calls.last(), Some(&300), "{threads} threads: {calls:?}");
            assert_eq!(calls.iter().max(), Some(&300));
            if threads == 1 {
                // On one thread the counts arrive in order.
                assert!(calls.windows(2).all(|w| w[0] <= w[1]), "{calls:?}");
            }
        }
    }

    #[test]
    fn invalid_specs_are_refused() {
        assert_eq!(Tournament::new(vec![]).play().unwrap_err(), TournamentError::NoPlayers);
        assert_eq!(small().repetitions(0).play().unwrap_err(), TournamentError::ZeroRepetitions);
        assert_eq!(small().threads(Some(0)).play().unwrap_err(), TournamentError::ZeroThreads);
        assert!(matches!(small().turns(0).play().unwrap_err(), TournamentError::Match(_)));
        assert!(matches!(small().noise(1.5).play().unwrap_err(), TournamentError::Match(_)));
    }

    #[test]
    fn match_summary_counts_states_and_transitions() {
        // Own moves C C D, other D C C: states (own view) CD, CC, DC; the other sees DC, CC, CD.
        let m = MatchResult::from_moves(0, 0, 1, &[C, C, D], &[D, C, C], [5.0, 10.0]);
        assert_eq!(m.cooperations, [2, 2]);
        assert_eq!(m.initial_cooperation, [true, false]);
        assert_eq!(m.states[0], [1, 1, 1, 0]);
        assert_eq!(m.states[1], [1, 1, 1, 0]);
        // Player 0: after CD it played C, after CC it played D.
        assert_eq!(m.states_followed[0], [1, 1, 0, 0]);
        assert_eq!(m.state_to_cooperation[0], [0, 1, 0, 0]);
        // Player 1: after DC it played C, after CC it played C.
        assert_eq!(m.states_followed[1], [1, 0, 1, 0]);
        assert_eq!(m.state_to_cooperation[1], [1, 0, 1, 0]);
    }
}
