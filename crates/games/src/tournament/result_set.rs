//! The metrics of a tournament, with the Axelrod library's conventions (`axelrod.ResultSet`).
//!
//! Conventions kept exactly, because users compare numbers with the library:
//! - self-play matches are played and appear in the payoff matrix, the match lengths and the
//!   cooperation matrix (where the two copies' cooperations are averaged, rounding down), but
//!   not in scores, wins, normalised scores, rankings, ratings or the summary;
//! - a player's normalised score in a repetition is its per-turn score averaged over its
//!   opponents (compensated summation, as pandas does);
//! - the ranking is by median normalised score over repetitions, ties kept in input order;
//! - a match is won by the player with the strictly higher total; a tie is no win for either;
//! - the eigenvector ratings use the library's power iteration (start at all ones, stop when
//!   successive normalised iterates differ by less than 1e-3 in Euclidean norm, or after 1000
//!   steps), not an exact eigensolver, so that the numbers agree.

use super::MatchResult;
use rayon::prelude::*;
use serde::Serialize;

/// Every metric of a tournament. Matrices are indexed `[player][opponent]` in input order;
/// per-repetition lists `[player][repetition]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultSet {
    /// The players' names, in input order.
    pub players: Vec<String>,
    /// Repetitions of the round robin.
    pub repetitions: usize,
    /// Every match, ordered by (repetition, player, opponent).
    pub matches: Vec<MatchResult>,
    /// `[repetition][player][opponent]`: turns of the match (self-play included).
    pub match_lengths: Vec<Vec<Vec<f64>>>,
    /// `[player][repetition]`: total payoff over all opponents, self-play excluded.
    pub scores: Vec<Vec<f64>>,
    /// `[player][repetition]`: matches won, self-play excluded.
    pub wins: Vec<Vec<u64>>,
    /// `[player][repetition]`: per-turn payoff averaged over opponents, self-play excluded.
    pub normalised_scores: Vec<Vec<f64>>,
    /// Player indices from first to last, by median normalised score.
    pub ranking: Vec<usize>,
    /// Player names from first to last.
    pub ranked_names: Vec<String>,
    /// `[player][opponent][repetition]`: per-turn payoff (self-play: mean of the two copies).
    pub payoffs: Vec<Vec<Vec<f64>>>,
    /// `[player][opponent]`: mean over repetitions of `payoffs`.
    pub payoff_matrix: Vec<Vec<f64>>,
    /// `[player][opponent]`: population standard deviation over repetitions of `payoffs`.
    pub payoff_stddevs: Vec<Vec<f64>>,
    /// `[player][opponent][repetition]`: per-turn payoff minus the opponent's.
    pub score_diffs: Vec<Vec<Vec<f64>>>,
    /// `[player][opponent]`: mean over repetitions of `score_diffs`.
    pub payoff_diffs_means: Vec<Vec<f64>>,
    /// `[player][opponent]`: cooperations summed over repetitions (self-play: the two copies'
    /// total halved, rounding down).
    pub cooperation: Vec<Vec<u64>>,
    /// `[player][opponent]`: cooperations per turn played.
    pub normalised_cooperation: Vec<Vec<f64>>,
    /// `2 · (normalised_cooperation − 0.5)`.
    pub vengeful_cooperation: Vec<Vec<f64>>,
    /// Each player's cooperations per turn over all its non-self matches.
    pub cooperating_rating: Vec<f64>,
    /// `[player][opponent]`: matches in which the player cooperated at least as often as the
    /// opponent (zero on the diagonal).
    pub good_partner_matrix: Vec<Vec<u64>>,
    /// Good-partner matches per non-self match.
    pub good_partner_rating: Vec<f64>,
    /// Non-self matches opened with cooperation.
    pub initial_cooperation_count: Vec<u64>,
    /// Non-self matches opened with cooperation, per non-self match.
    pub initial_cooperation_rate: Vec<f64>,
    /// `[player][opponent]`: counts of the states CC, CD, DC, DD (own action first), summed over
    /// repetitions; zero on the diagonal.
    pub state_distribution: Vec<Vec<[u64; 4]>>,
    /// `[player][opponent]`: `state_distribution` divided by its total (zeros when empty).
    pub normalised_state_distribution: Vec<Vec<[f64; 4]>>,
    /// `[player][opponent]`: counts of (state, next own action) in the order CC→C, CC→D,
    /// CD→C, CD→D, DC→C, DC→D, DD→C, DD→D; zero on the diagonal.
    pub state_to_action_distribution: Vec<Vec<[u64; 8]>>,
    /// `[player][opponent]`: each (state, action) count divided by the count of that state
    /// followed by an action (zero where the state never occurred).
    pub normalised_state_to_action_distribution: Vec<Vec<[f64; 8]>>,
    /// The principal eigenvector of `normalised_cooperation` (Aaronson's "eigenjesus").
    pub eigenjesus_rating: Vec<f64>,
    /// The principal eigenvector of `vengeful_cooperation` (Aaronson's "eigenmoses").
    pub eigenmoses_rating: Vec<f64>,
}

/// One line of the summary (the library's `ResultSet.summarise`), in ranked order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SummaryRow {
    /// Rank from 0.
    pub rank: usize,
    /// The player's name.
    pub name: String,
    /// Median normalised score over repetitions.
    pub median_score: f64,
    /// Cooperations per turn over non-self matches.
    pub cooperation_rating: f64,
    /// Median wins over repetitions.
    pub wins: f64,
    /// Share of non-self matches opened with cooperation.
    pub initial_c_rate: f64,
    /// Index in the input order.
    pub original_index: usize,
    /// Share of the states CC, CD, DC, DD (own action first) over opponents, as the library
    /// computes it: per-opponent shares summed, then normalised.
    pub state_rates: [f64; 4],
    /// For CC, CD, DC, DD: the mean, over opponents against which it was positive, of the rate
    /// of cooperating right after that state (0 when it never was).
    pub state_to_c_rates: [f64; 4],
}

/// The least number of match summaries one parallel group of result-set rows reads.
const ROW_GROUP_MATCHES: usize = 512;

/// A Kahan–Babuška compensated running sum (pandas' group sums and means), for values added
/// in a fixed order.
#[derive(Clone, Copy, Default)]
struct CompensatedSum {
    sum: f64,
    comp: f64,
}

impl CompensatedSum {
    fn add(&mut self, v: f64) {
        let y = v - self.comp;
        let t = self.sum + y;
        self.comp = (t - self.sum) - y;
        self.sum = t;
    }
}

/// Plain left-to-right mean (numpy's for the short lists met here).
fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Population standard deviation (numpy's `std` with `ddof = 0`).
fn std_dev(values: &[f64]) -> f64 {
    let m = mean(values);
    let sq: Vec<f64> = values.iter().map(|v| (v - m) * (v - m)).collect();
    mean(&sq).sqrt()
}

/// Median ignoring NaN (numpy's `nanmedian`); NaN when nothing is left.
pub(crate) fn nan_median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN left"));
    let k = v.len();
    if k % 2 == 1 { v[k / 2] } else { (v[k / 2 - 1] + v[k / 2]) / 2.0 }
}

/// `x / y`, with 0/0 (and any non-finite quotient) mapped as numpy's `nan_to_num` would map
/// the quotients met here: NaN to 0.
fn div_or_zero(x: f64, y: f64) -> f64 {
    let q = x / y;
    if q.is_nan() { 0.0 } else { q }
}

/// The library's power iteration for the principal eigenvector.
///
/// It works in two buffers, because a thousand steps are common: when the eigenvalue of
/// largest modulus is negative, or shares its modulus with another, the iterate keeps turning
/// and the loop runs to its cap (eigenmoses of the basic strategies with noise does).
pub(crate) fn principal_eigenvector(matrix: &[Vec<f64>]) -> Vec<f64> {
    let n = matrix.len();
    // `out = normalise(matrix · v)`, each entry and the norm summed left to right.
    let step = |v: &[f64], out: &mut [f64]| {
        for (o, row) in out.iter_mut().zip(matrix) {
            *o = row.iter().zip(v).map(|(a, b)| a * b).sum();
        }
        let norm = out.iter().map(|x| x * x).sum::<f64>().sqrt();
        out.iter_mut().for_each(|x| *x /= norm);
    };
    let mut last = vec![1.0; n];
    let mut vector = vec![0.0; n];
    step(&last, &mut vector);
    for _ in 0..=1000 {
        let error = vector.iter().zip(&last).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt();
        // A NaN error (zero matrix) never passes the test, as in the library; the iteration
        // cap then ends the loop.
        if error < 1e-3 {
            break;
        }
        std::mem::swap(&mut last, &mut vector);
        step(&last, &mut vector);
    }
    vector
}

/// `[repetition][player][opponent]` from each player's `[repetition][opponent]` lengths.
fn transpose_lengths(mut by_row: Vec<Vec<Vec<f64>>>, reps: usize) -> Vec<Vec<Vec<f64>>> {
    (0..reps).map(|r| by_row.iter_mut().map(|row| std::mem::take(&mut row[r])).collect()).collect()
}

/// The ranking (player indices, first to last) and the ranked names: by median normalised
/// score, a stable sort on the negated median exactly as the library's `sorted(key=-median)`.
fn rank(players: &[String], normalised_scores: &[Vec<f64>]) -> (Vec<usize>, Vec<String>) {
    let medians: Vec<f64> = normalised_scores.iter().map(|s| nan_median(s)).collect();
    let mut ranking: Vec<usize> = (0..players.len()).collect();
    ranking.sort_by(|&a, &b| (-medians[a]).partial_cmp(&-medians[b]).unwrap_or(std::cmp::Ordering::Equal));
    let ranked_names = ranking.iter().map(|&i| players[i].clone()).collect();
    (ranking, ranked_names)
}

impl ResultSet {
    /// Builds every metric from the matches of a tournament between `players` (in input order)
    /// over `repetitions` round robins. `matches` must hold each (repetition, i ≤ j) once, in
    /// (repetition, i, j) order as [`super::Tournament::play_matches`] returns them.
    ///
    /// Each player's row of every matrix is computed on its own (on the current rayon pool), in
    /// the same order of operations whatever the pool, so the result does not depend on the
    /// number of threads.
    ///
    /// # Panics
    /// If a (repetition, i ≤ j) match is missing or out of that order.
    pub fn from_matches(players: Vec<String>, repetitions: usize, matches: Vec<MatchResult>) -> ResultSet {
        let n = players.len();
        let reps = repetitions;
        // The match of (r, i ≤ j) is at r · pairs + pair(i, j). Rows are computed player by
        // player, and reading each player's matches at their place keeps every write local to
        // its row instead of scattering the second player's side of each match over the
        // matrices. Each lookup checks that the match it finds is the one asked for, and every
        // match is read by both its players, so the order is checked in full.
        let pairs = n * (n + 1) / 2;
        assert_eq!(matches.len(), reps * pairs, "one match per (repetition, i ≤ j) is needed");
        let pair = |i: usize, j: usize| i * (2 * n - i + 1) / 2 + (j - i);
        let lookup = |r: usize, i: usize, j: usize| {
            let (i, j) = (i.min(j), i.max(j));
            let m = &matches[r * pairs + pair(i, j)];
            assert!(
                (m.repetition, m.player, m.opponent) == (r, i, j),
                "matches must be in (repetition, player, opponent) order"
            );
            m
        };
        // Rows in parallel, in groups that read at least `ROW_GROUP_MATCHES` match summaries
        // (a row reads n · reps): a group then costs ten microseconds or more, more than
        // handing it to another thread, and a tiny tournament stays on one thread. (The first
        // tournament's 15 rows of 75 summaries now make two groups; with 2048 they made one,
        // 4 % of its two-thread time.)
        let rows_per_group = ROW_GROUP_MATCHES.div_ceil(n * reps).max(1);
        let rows: Vec<Row> = (0..n)
            .into_par_iter()
            .with_min_len(rows_per_group)
            .map(|me| Row::new(me, n, reps, &lookup))
            .collect();

        let mut columns = Columns::with_rows(n);
        let mut lengths_by_row = Vec::with_capacity(n);
        for mut row in rows {
            lengths_by_row.push(std::mem::take(&mut row.lengths));
            columns.push(row);
        }
        // The power iteration of eigenmoses often runs to its cap of a thousand steps (see
        // `principal_eigenvector`); the rest of the summary is built beside it.
        let ((eigenjesus_rating, eigenmoses_rating), (match_lengths, (ranking, ranked_names))) = rayon::join(
            || {
                rayon::join(
                    || principal_eigenvector(&columns.normalised_cooperation),
                    || principal_eigenvector(&columns.vengeful_cooperation),
                )
            },
            || {
                rayon::join(
                    || transpose_lengths(lengths_by_row, reps),
                    || rank(&players, &columns.normalised_scores),
                )
            },
        );
        let c = columns;
        ResultSet {
            players,
            repetitions,
            matches,
            match_lengths,
            scores: c.scores,
            wins: c.wins,
            normalised_scores: c.normalised_scores,
            ranking,
            ranked_names,
            payoffs: c.payoffs,
            payoff_matrix: c.payoff_matrix,
            payoff_stddevs: c.payoff_stddevs,
            score_diffs: c.score_diffs,
            payoff_diffs_means: c.payoff_diffs_means,
            cooperation: c.cooperation,
            normalised_cooperation: c.normalised_cooperation,
            vengeful_cooperation: c.vengeful_cooperation,
            cooperating_rating: c.cooperating_rating,
            good_partner_matrix: c.good_partner_matrix,
            good_partner_rating: c.good_partner_rating,
            initial_cooperation_count: c.initial_cooperation_count,
            initial_cooperation_rate: c.initial_cooperation_rate,
            state_distribution: c.state_distribution,
            normalised_state_distribution: c.normalised_state_distribution,
            state_to_action_distribution: c.state_to_action_distribution,
            normalised_state_to_action_distribution: c.normalised_state_to_action_distribution,
            eigenjesus_rating,
            eigenmoses_rating,
        }
    }

    /// Median normalised score of each player, in input order.
    pub fn median_normalised_scores(&self) -> Vec<f64> {
        self.normalised_scores.iter().map(|s| nan_median(s)).collect()
    }

    /// Total payoff of each player over all repetitions (self-play excluded), in input order.
    pub fn total_scores(&self) -> Vec<f64> {
        self.scores.iter().map(|s| s.iter().sum()).collect()
    }

    /// Matches won by each player over all repetitions, in input order.
    pub fn total_wins(&self) -> Vec<u64> {
        self.wins.iter().map(|w| w.iter().sum()).collect()
    }

    /// The summary table in ranked order (the library's `summarise`).
    pub fn summary(&self) -> Vec<SummaryRow> {
        let n = self.players.len();
        let rows_for = |i: usize| -> SummaryRow {
            let mut state_rates = [0.0; 4];
            for (j, shares) in self.normalised_state_distribution[i].iter().enumerate() {
                if j != i {
                    for s in 0..4 {
                        state_rates[s] += shares[s];
                    }
                }
            }
            let total: f64 = state_rates.iter().sum();
            state_rates = if total == 0.0 { [0.0; 4] } else { state_rates.map(|r| r / total) };
            let mut state_to_c_rates = [0.0; 4];
            for (s, rate) in state_to_c_rates.iter_mut().enumerate() {
                let positive: Vec<f64> = (0..n)
                    .map(|j| self.normalised_state_to_action_distribution[i][j][2 * s])
                    .filter(|&r| r > 0.0)
                    .collect();
                *rate = if positive.is_empty() { 0.0 } else { mean(&positive) };
            }
            let wins: Vec<f64> = self.wins[i].iter().map(|&w| w as f64).collect();
            SummaryRow {
                rank: 0,
                name: self.players[i].clone(),
                median_score: nan_median(&self.normalised_scores[i]),
                cooperation_rating: self.cooperating_rating[i],
                wins: nan_median(&wins),
                initial_c_rate: self.initial_cooperation_rate[i],
                original_index: i,
                state_rates,
                state_to_c_rates,
            }
        };
        self.ranking.iter().enumerate().map(|(rank, &i)| SummaryRow { rank, ..rows_for(i) }).collect()
    }
}

/// One player's row of every per-player metric, computed from its own matches only.
struct Row {
    /// `[repetition][opponent]`: turns of the match.
    lengths: Vec<Vec<f64>>,
    scores: Vec<f64>,
    wins: Vec<u64>,
    normalised_scores: Vec<f64>,
    payoffs: Vec<Vec<f64>>,
    payoff_matrix: Vec<f64>,
    payoff_stddevs: Vec<f64>,
    score_diffs: Vec<Vec<f64>>,
    payoff_diffs_means: Vec<f64>,
    cooperation: Vec<u64>,
    normalised_cooperation: Vec<f64>,
    vengeful_cooperation: Vec<f64>,
    cooperating_rating: f64,
    good_partner_matrix: Vec<u64>,
    good_partner_rating: f64,
    initial_cooperation_count: u64,
    initial_cooperation_rate: f64,
    state_distribution: Vec<[u64; 4]>,
    normalised_state_distribution: Vec<[f64; 4]>,
    state_to_action_distribution: Vec<[u64; 8]>,
    normalised_state_to_action_distribution: Vec<[f64; 8]>,
}

impl Row {
    /// The row of player `me` among `n` over `reps` repetitions; `lookup(r, i, j)` is the match
    /// of players i and j (either order) in repetition r.
    fn new<'m>(
        me: usize,
        n: usize,
        reps: usize,
        lookup: &impl Fn(usize, usize, usize) -> &'m MatchResult,
    ) -> Row {
        let mut lengths = vec![vec![0.0; n]; reps];
        let mut payoffs = vec![vec![0.0; reps]; n];
        let mut score_diffs = vec![vec![0.0; reps]; n];
        let mut wins = vec![0u64; reps];
        // Per repetition: the sums of the non-self rows' totals and per-turn scores, in row
        // order. The library writes two rows per match, one from each side, in the order of the
        // pairs (i ≤ j); a player's rows in a repetition are therefore in increasing opponent
        // order, the order of the inner loop below, and its grouped sums run in that order.
        let mut score_sums = vec![CompensatedSum::default(); reps];
        let mut per_turn_sums = vec![CompensatedSum::default(); reps];
        let mut cooperation = vec![0u64; n];
        let mut good_partner_matrix = vec![0u64; n];
        let mut initial_cooperation_count = 0u64;
        let mut interactions = 0u64;
        let mut state_distribution = vec![[0u64; 4]; n];
        let mut state_to_action_distribution = vec![[0u64; 8]; n];
        for r in 0..reps {
            for other in 0..n {
                let m = lookup(r, me, other);
                let turns = m.turns as f64;
                lengths[r][other] = turns;
                if other == me {
                    let per_turn = [m.scores[0] / turns, m.scores[1] / turns];
                    let diff_per_turn =
                        [(m.scores[0] - m.scores[1]) / turns, (m.scores[1] - m.scores[0]) / turns];
                    payoffs[me][r] = (per_turn[0] + per_turn[1]) / 2.0;
                    score_diffs[me][r] = (diff_per_turn[0] + diff_per_turn[1]) / 2.0;
                    cooperation[me] += u64::from(m.cooperations[0]) + u64::from(m.cooperations[1]);
                    continue;
                }
                let side = usize::from(m.player != me);
                let per_turn = m.scores[side] / turns;
                payoffs[other][r] = per_turn;
                score_diffs[other][r] = (m.scores[side] - m.scores[1 - side]) / turns;
                score_sums[r].add(m.scores[side]);
                per_turn_sums[r].add(per_turn);
                wins[r] += u64::from(m.scores[side] > m.scores[1 - side]);
                cooperation[other] += u64::from(m.cooperations[side]);
                good_partner_matrix[other] += u64::from(m.cooperations[side] >= m.cooperations[1 - side]);
                initial_cooperation_count += u64::from(m.initial_cooperation[side]);
                interactions += 1;
                for s in 0..4 {
                    state_distribution[other][s] += u64::from(m.states[side][s]);
                    let to_c = u64::from(m.state_to_cooperation[side][s]);
                    let followed = u64::from(m.states_followed[side][s]);
                    state_to_action_distribution[other][2 * s] += to_c;
                    state_to_action_distribution[other][2 * s + 1] += followed - to_c;
                }
            }
        }
        // Both copies of a self-play match were counted; the library halves, rounding down.
        cooperation[me] /= 2;

        let scores: Vec<f64> = score_sums.iter().map(|total| total.sum).collect();
        // Every repetition has the same n − 1 opponents (none when playing alone).
        let normalised_scores: Vec<f64> =
            per_turn_sums.iter().map(|total| if n == 1 { 0.0 } else { total.sum / (n - 1) as f64 }).collect();
        let payoff_matrix: Vec<f64> = payoffs.iter().map(|v| mean(v)).collect();
        let payoff_stddevs: Vec<f64> = payoffs.iter().map(|v| std_dev(v)).collect();
        let payoff_diffs_means: Vec<f64> = score_diffs.iter().map(|v| mean(v)).collect();
        // Turns played against each opponent over all repetitions.
        let total_lengths: Vec<f64> = (0..n).map(|j| lengths.iter().map(|rep| rep[j]).sum()).collect();
        let normalised_cooperation: Vec<f64> =
            (0..n).map(|j| div_or_zero(cooperation[j] as f64, total_lengths[j])).collect();
        let vengeful_cooperation: Vec<f64> = normalised_cooperation.iter().map(|c| 2.0 * (c - 0.5)).collect();
        let coop: u64 = (0..n).filter(|&j| j != me).map(|j| cooperation[j]).sum();
        let len: f64 = (0..n).filter(|&j| j != me).map(|j| total_lengths[j]).sum();
        let cooperating_rating = coop as f64 / len.max(1.0);
        let good_partner_rating = good_partner_matrix.iter().sum::<u64>() as f64 / interactions.max(1) as f64;
        let initial_cooperation_rate = div_or_zero(initial_cooperation_count as f64, interactions as f64);
        let normalised_state_distribution: Vec<[f64; 4]> = state_distribution
            .iter()
            .map(|counts| {
                let total: u64 = counts.iter().sum();
                counts.map(|c| if total == 0 { 0.0 } else { c as f64 / total as f64 })
            })
            .collect();
        let normalised_state_to_action_distribution: Vec<[f64; 8]> = state_to_action_distribution
            .iter()
            .map(|counts| {
                let mut out = [0.0; 8];
                for s in 0..4 {
                    let total = counts[2 * s] + counts[2 * s + 1];
                    if total > 0 {
                        out[2 * s] = counts[2 * s] as f64 / total as f64;
                        out[2 * s + 1] = counts[2 * s + 1] as f64 / total as f64;
                    }
                }
                out
            })
            .collect();
        Row {
            lengths,
            scores,
            wins,
            normalised_scores,
            payoffs,
            payoff_matrix,
            payoff_stddevs,
            score_diffs,
            payoff_diffs_means,
            cooperation,
            normalised_cooperation,
            vengeful_cooperation,
            cooperating_rating,
            good_partner_matrix,
            good_partner_rating,
            initial_cooperation_count,
            initial_cooperation_rate,
            state_distribution,
            normalised_state_distribution,
            state_to_action_distribution,
            normalised_state_to_action_distribution,
        }
    }
}

/// The rows gathered into the result set's per-player lists, in player order.
struct Columns {
    scores: Vec<Vec<f64>>,
    wins: Vec<Vec<u64>>,
    normalised_scores: Vec<Vec<f64>>,
    payoffs: Vec<Vec<Vec<f64>>>,
    payoff_matrix: Vec<Vec<f64>>,
    payoff_stddevs: Vec<Vec<f64>>,
    score_diffs: Vec<Vec<Vec<f64>>>,
    payoff_diffs_means: Vec<Vec<f64>>,
    cooperation: Vec<Vec<u64>>,
    normalised_cooperation: Vec<Vec<f64>>,
    vengeful_cooperation: Vec<Vec<f64>>,
    cooperating_rating: Vec<f64>,
    good_partner_matrix: Vec<Vec<u64>>,
    good_partner_rating: Vec<f64>,
    initial_cooperation_count: Vec<u64>,
    initial_cooperation_rate: Vec<f64>,
    state_distribution: Vec<Vec<[u64; 4]>>,
    normalised_state_distribution: Vec<Vec<[f64; 4]>>,
    state_to_action_distribution: Vec<Vec<[u64; 8]>>,
    normalised_state_to_action_distribution: Vec<Vec<[f64; 8]>>,
}

impl Columns {
    fn with_rows(n: usize) -> Columns {
        Columns {
            scores: Vec::with_capacity(n),
            wins: Vec::with_capacity(n),
            normalised_scores: Vec::with_capacity(n),
            payoffs: Vec::with_capacity(n),
            payoff_matrix: Vec::with_capacity(n),
            payoff_stddevs: Vec::with_capacity(n),
            score_diffs: Vec::with_capacity(n),
            payoff_diffs_means: Vec::with_capacity(n),
            cooperation: Vec::with_capacity(n),
            normalised_cooperation: Vec::with_capacity(n),
            vengeful_cooperation: Vec::with_capacity(n),
            cooperating_rating: Vec::with_capacity(n),
            good_partner_matrix: Vec::with_capacity(n),
            good_partner_rating: Vec::with_capacity(n),
            initial_cooperation_count: Vec::with_capacity(n),
            initial_cooperation_rate: Vec::with_capacity(n),
            state_distribution: Vec::with_capacity(n),
            normalised_state_distribution: Vec::with_capacity(n),
            state_to_action_distribution: Vec::with_capacity(n),
            normalised_state_to_action_distribution: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, row: Row) {
        self.scores.push(row.scores);
        self.wins.push(row.wins);
        self.normalised_scores.push(row.normalised_scores);
        self.payoffs.push(row.payoffs);
        self.payoff_matrix.push(row.payoff_matrix);
        self.payoff_stddevs.push(row.payoff_stddevs);
        self.score_diffs.push(row.score_diffs);
        self.payoff_diffs_means.push(row.payoff_diffs_means);
        self.cooperation.push(row.cooperation);
        self.normalised_cooperation.push(row.normalised_cooperation);
        self.vengeful_cooperation.push(row.vengeful_cooperation);
        self.cooperating_rating.push(row.cooperating_rating);
        self.good_partner_matrix.push(row.good_partner_matrix);
        self.good_partner_rating.push(row.good_partner_rating);
        self.initial_cooperation_count.push(row.initial_cooperation_count);
        self.initial_cooperation_rate.push(row.initial_cooperation_rate);
        self.state_distribution.push(row.state_distribution);
        self.normalised_state_distribution.push(row.normalised_state_distribution);
        self.state_to_action_distribution.push(row.state_to_action_distribution);
        self.normalised_state_to_action_distribution.push(row.normalised_state_to_action_distribution);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::C;

    #[test]
    fn median_of_odd_even_and_nan_lists() {
        assert_eq!(nan_median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(nan_median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(nan_median(&[f64::NAN, 1.0]), 1.0);
        assert!(nan_median(&[]).is_nan());
    }

    #[test]
    fn power_iteration_finds_the_dominant_direction() {
        // Eigenvalues 3 (direction (1, 1)) and 1 (direction (1, −1)).
        let v = principal_eigenvector(&[vec![2.0, 1.0], vec![1.0, 2.0]]);
        let expected = 1.0 / 2f64.sqrt();
        assert!((v[0] - expected).abs() < 1e-3 && (v[1] - expected).abs() < 1e-3, "{v:?}");
        // A zero matrix has no direction: NaN, as in the library.
        assert!(principal_eigenvector(&[vec![0.0, 0.0], vec![0.0, 0.0]])[0].is_nan());
    }

    /// The power iteration as first written: a fresh vector every step.
    fn reference_power_iteration(matrix: &[Vec<f64>]) -> Vec<f64> {
        let normalise = |v: Vec<f64>| -> Vec<f64> {
            let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
            v.into_iter().map(|x| x / norm).collect()
        };
        let multiply = |v: &[f64]| -> Vec<f64> {
            matrix.iter().map(|row| row.iter().zip(v).map(|(a, b)| a * b).sum()).collect()
        };
        let mut last = vec![1.0; matrix.len()];
        let mut vector = normalise(multiply(&last));
        let mut iteration = 0;
        while iteration <= 1000 {
            let error = vector.iter().zip(&last).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt();
            if error < 1e-3 {
                break;
            }
            last = vector;
            vector = normalise(multiply(&last));
            iteration += 1;
        }
        vector
    }

    #[test]
    fn power_iteration_in_two_buffers_is_the_straightforward_one_bit_for_bit() {
        use rand::Rng;
        let mut rng = crate::rng::stream(11, &[]);
        let mut matrices: Vec<Vec<Vec<f64>>> = (0..40)
            .map(|k| {
                let n = 1 + k % 12;
                // Entries in [−1, 1], like vengeful cooperation: many never converge.
                (0..n).map(|_| (0..n).map(|_| rng.random_range(-1.0..=1.0)).collect()).collect()
            })
            .collect();
        // Eigenvalues ±√5: the iteration runs to its cap.
        matrices.push(vec![vec![1.0, 2.0], vec![2.0, -1.0]]);
        matrices.push(vec![vec![0.0; 3]; 3]);
        for m in &matrices {
            let (ours, reference) = (principal_eigenvector(m), reference_power_iteration(m));
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&ours), bits(&reference), "{m:?}");
        }
    }

    #[test]
    #[should_panic(expected = "(repetition, player, opponent) order")]
    fn matches_out_of_order_are_refused() {
        let m = |i, j| MatchResult::from_moves(0, i, j, &[C], &[C], [3.0, 3.0]);
        // (0, 1) before (0, 0).
        ResultSet::from_matches(vec!["a".into(), "b".into()], 1, vec![m(0, 1), m(0, 0), m(1, 1)]);
    }

    #[test]
    #[should_panic(expected = "one match per (repetition, i ≤ j)")]
    fn a_missing_match_is_refused() {
        let m = |i, j| MatchResult::from_moves(0, i, j, &[C], &[C], [3.0, 3.0]);
        ResultSet::from_matches(vec!["a".into(), "b".into()], 1, vec![m(0, 0), m(0, 1)]);
    }

    #[test]
    fn compensated_sum_recovers_lost_low_bits() {
        let values = [1.0, 1e-16, 1e-16, 1e-16, 1e-16];
        let mut total = CompensatedSum::default();
        values.iter().for_each(|&v| total.add(v));
        assert!(total.sum > 1.0);
        assert_eq!(values.iter().sum::<f64>(), 1.0);
    }

    #[test]
    fn self_play_is_left_out_of_scores_but_kept_in_the_payoff_matrix() {
        let m = |i, j, s: [f64; 2], c: [u32; 2]| MatchResult {
            repetition: 0,
            player: i,
            opponent: j,
            turns: 10,
            scores: s,
            cooperations: c,
            initial_cooperation: [true, true],
            states: [[0; 4]; 2],
            state_to_cooperation: [[0; 4]; 2],
            states_followed: [[0; 4]; 2],
        };
        let matches = vec![
            m(0, 0, [30.0, 20.0], [10, 5]),
            m(0, 1, [10.0, 40.0], [4, 6]),
            m(1, 1, [10.0, 10.0], [0, 0]),
        ];
        let rs = ResultSet::from_matches(vec!["a".into(), "b".into()], 1, matches);
        assert_eq!(rs.scores, vec![vec![10.0], vec![40.0]]);
        assert_eq!(rs.payoff_matrix[0], vec![2.5, 1.0]);
        assert_eq!(rs.cooperation[0], vec![7, 4]);
        assert_eq!(rs.wins, vec![vec![0], vec![1]]);
        assert_eq!(rs.good_partner_matrix, vec![vec![0, 0], vec![1, 0]]);
        assert_eq!(rs.ranking, vec![1, 0]);
        assert_eq!(rs.cooperating_rating, vec![0.4, 0.6]);
    }
}
