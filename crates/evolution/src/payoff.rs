//! Games the population dynamics run on: an n×n payoff matrix for pairwise games and a payoff
//! table over group compositions for N-player games, with the classic group games built in
//! (linear and threshold public goods, the collective-risk dilemma of Santos & Pacheco 2011).

use crate::error::{EvoError, Result};
use std::collections::HashMap;

/// A pairwise game: entry `(i, j)` is the payoff to strategy `i` against strategy `j`.
#[derive(Clone, Debug, PartialEq)]
pub struct PayoffMatrix {
    n: usize,
    data: Vec<f64>,
}

impl PayoffMatrix {
    /// A matrix from its rows; it must be square, non-empty and finite.
    pub fn new(rows: Vec<Vec<f64>>) -> Result<PayoffMatrix> {
        let n = rows.len();
        if n == 0 {
            return Err(EvoError::invalid("payoff", "the payoff matrix is empty; give at least one row"));
        }
        let mut data = Vec::with_capacity(n * n);
        for (i, row) in rows.iter().enumerate() {
            if row.len() != n {
                return Err(EvoError::invalid(
                    "payoff",
                    format!("row {i} has {} entries; a {n}×{n} matrix needs {n} in every row", row.len()),
                ));
            }
            for (j, &x) in row.iter().enumerate() {
                if !x.is_finite() {
                    return Err(EvoError::invalid(
                        "payoff",
                        format!("entry ({i}, {j}) is {x}; payoffs must be finite"),
                    ));
                }
            }
            data.extend_from_slice(row);
        }
        Ok(PayoffMatrix { n, data })
    }

    /// Parses `"a,b;c,d"`: rows separated by `;`, entries by `,`.
    pub fn parse(text: &str) -> Result<PayoffMatrix> {
        let mut rows = Vec::new();
        for (i, row) in text.split(';').enumerate() {
            let mut values = Vec::new();
            for item in row.split(',') {
                let item = item.trim();
                let x: f64 = item.parse().map_err(|_| {
                    EvoError::invalid(
                        "payoff",
                        format!("{item:?} in row {i} is not a number; expected e.g. \"3,0;5,1\""),
                    )
                })?;
                values.push(x);
            }
            rows.push(values);
        }
        PayoffMatrix::new(rows)
    }

    /// The number of strategies.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Payoff to `i` against `j`.
    #[inline]
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.data[i * self.n + j]
    }

    /// The rows as nested vectors.
    pub fn rows(&self) -> Vec<Vec<f64>> {
        self.data.chunks(self.n).map(<[f64]>::to_vec).collect()
    }

    /// The 2×2 matrix of a symmetric 2×2 game with (R, S; T, P) layout, strategy 0 = cooperate.
    pub fn from_rstp(r: f64, s: f64, t: f64, p: f64) -> PayoffMatrix {
        PayoffMatrix { n: 2, data: vec![r, s, t, p] }
    }
}

/// Every composition of `total` into `parts` non-negative parts, in reverse lexicographic order
/// (the first part largest first), e.g. (2,0), (1,1), (0,2).
pub fn compositions(total: usize, parts: usize) -> Vec<Vec<u32>> {
    fn rec(left: usize, parts: usize, prefix: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
        if parts == 1 {
            prefix.push(left as u32);
            out.push(prefix.clone());
            prefix.pop();
            return;
        }
        for x in (0..=left).rev() {
            prefix.push(x as u32);
            rec(left - x, parts - 1, prefix, out);
            prefix.pop();
        }
    }
    let mut out = Vec::new();
    if parts > 0 {
        rec(total, parts, &mut Vec::with_capacity(parts), &mut out);
    }
    out
}

/// An N-player group game: for every composition of a group of `group_size` players over the
/// strategies, the payoff each strategy present in the group receives.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupGame {
    n_strategies: usize,
    group_size: usize,
    /// `payoff[rank(composition)][strategy]`; NaN where the strategy is absent.
    payoff: Vec<Vec<f64>>,
    index: HashMap<Vec<u32>, usize>,
}

impl GroupGame {
    /// Builds the table from a payoff function `(composition, strategy) -> payoff`, called only
    /// for strategies present in the composition.
    pub fn from_fn(
        n_strategies: usize,
        group_size: usize,
        mut f: impl FnMut(&[u32], usize) -> f64,
    ) -> Result<GroupGame> {
        if n_strategies < 1 {
            return Err(EvoError::invalid("strategies", "a group game needs at least one strategy"));
        }
        if group_size < 2 {
            return Err(EvoError::invalid(
                "group_size",
                format!("got {group_size}; a group has at least 2 players"),
            ));
        }
        let comps = compositions(group_size, n_strategies);
        let mut payoff = Vec::with_capacity(comps.len());
        let mut index = HashMap::with_capacity(comps.len());
        for (rank, c) in comps.into_iter().enumerate() {
            let row: Vec<f64> =
                (0..n_strategies).map(|s| if c[s] > 0 { f(&c, s) } else { f64::NAN }).collect();
            for (s, &x) in row.iter().enumerate() {
                if c[s] > 0 && !x.is_finite() {
                    return Err(EvoError::invalid(
                        "payoff_table",
                        format!("the payoff of strategy {s} in group {c:?} is {x}; payoffs must be finite"),
                    ));
                }
            }
            payoff.push(row);
            index.insert(c, rank);
        }
        Ok(GroupGame { n_strategies, group_size, payoff, index })
    }

    /// Builds the table from explicit rows `(composition, payoffs)`; every composition must be
    /// given exactly once, and every payoff of a present strategy must be a finite number.
    pub fn from_rows(
        n_strategies: usize,
        group_size: usize,
        rows: &[(Vec<u32>, Vec<Option<f64>>)],
    ) -> Result<GroupGame> {
        let mut given: HashMap<Vec<u32>, &Vec<Option<f64>>> = HashMap::new();
        for (c, p) in rows {
            if c.len() != n_strategies || p.len() != n_strategies {
                return Err(EvoError::invalid(
                    "payoff_table",
                    format!(
                        "row {c:?} has {} counts and {} payoffs; expected {n_strategies} of each",
                        c.len(),
                        p.len()
                    ),
                ));
            }
            let sum: u32 = c.iter().sum();
            if sum as usize != group_size {
                return Err(EvoError::invalid(
                    "payoff_table",
                    format!(
                        "composition {c:?} sums to {sum}; every composition must sum to the group size {group_size}"
                    ),
                ));
            }
            if given.insert(c.clone(), p).is_some() {
                return Err(EvoError::invalid("payoff_table", format!("composition {c:?} is given twice")));
            }
        }
        let missing: Vec<Vec<u32>> =
            compositions(group_size, n_strategies).into_iter().filter(|c| !given.contains_key(c)).collect();
        if let Some(c) = missing.first() {
            return Err(EvoError::invalid(
                "payoff_table",
                format!(
                    "composition {c:?} is missing ({} of {} missing); every group composition needs a row",
                    missing.len(),
                    given.len() + missing.len()
                ),
            ));
        }
        let mut bad = None;
        let game = GroupGame::from_fn(n_strategies, group_size, |c, s| match given[c][s] {
            Some(x) => x,
            None => {
                bad.get_or_insert((c.to_vec(), s));
                0.0
            }
        })?;
        if let Some((c, s)) = bad {
            return Err(EvoError::invalid(
                "payoff_table",
                format!(
                    "the payoff of strategy {s} in group {c:?} is null; it must be a number where the strategy is present"
                ),
            ));
        }
        Ok(game)
    }

    /// The number of strategies.
    pub fn n_strategies(&self) -> usize {
        self.n_strategies
    }

    /// Players per group.
    pub fn group_size(&self) -> usize {
        self.group_size
    }

    /// The payoff to `strategy` in a group of composition `composition` (NaN when absent).
    pub fn payoff(&self, composition: &[u32], strategy: usize) -> f64 {
        self.payoff[self.index[composition]][strategy]
    }

    /// Every row of the table: `(composition, payoffs)` with NaN for absent strategies.
    pub fn rows(&self) -> Vec<(Vec<u32>, Vec<f64>)> {
        let mut rows: Vec<(Vec<u32>, Vec<f64>)> =
            self.index.iter().map(|(c, &r)| (c.clone(), self.payoff[r].clone())).collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0));
        rows
    }

    /// The payoff to `i` when the group has `k` players of `i` and the rest play `j`
    /// (1 ≤ k ≤ N) — the two-strategy slice used by fixation computations.
    pub fn pair_payoff(&self, i: usize, j: usize, k: usize) -> f64 {
        let mut c = vec![0u32; self.n_strategies];
        c[i] += k as u32;
        c[j] += (self.group_size - k) as u32;
        self.payoff(&c, i)
    }

    /// The linear public goods game: each cooperator (strategy 0) pays `cost`; the pot is
    /// multiplied by `factor` and shared equally among all `group_size` members.
    pub fn linear_public_goods(group_size: usize, factor: f64, cost: f64) -> Result<GroupGame> {
        GroupGame::from_fn(2, group_size, |c, s| {
            let share = factor * cost * c[0] as f64 / group_size as f64;
            if s == 0 { share - cost } else { share }
        })
    }

    /// The threshold public goods game: as the linear game, but the pot is produced only when
    /// at least `threshold` members cooperate (contributions are lost otherwise).
    pub fn threshold_public_goods(
        group_size: usize,
        threshold: usize,
        factor: f64,
        cost: f64,
    ) -> Result<GroupGame> {
        GroupGame::from_fn(2, group_size, |c, s| {
            let share = if c[0] as usize >= threshold {
                factor * cost * c[0] as f64 / group_size as f64
            } else {
                0.0
            };
            if s == 0 { share - cost } else { share }
        })
    }

    /// The collective-risk dilemma of Santos & Pacheco (2011): every member holds an endowment
    /// `endowment`; cooperators (strategy 0) give `cost · endowment`; when fewer than
    /// `threshold` members cooperate, everyone loses what they kept with probability `risk`
    /// (the payoff is the expected one).
    pub fn collective_risk(
        group_size: usize,
        threshold: usize,
        risk: f64,
        cost: f64,
        endowment: f64,
    ) -> Result<GroupGame> {
        if threshold > group_size {
            return Err(EvoError::invalid(
                "threshold",
                format!("got {threshold}; it must be at most the group size {group_size}"),
            ));
        }
        if !(0.0..=1.0).contains(&risk) {
            return Err(EvoError::invalid("risk", format!("got {risk}; a risk is a probability in [0, 1]")));
        }
        if !(0.0..=1.0).contains(&cost) {
            return Err(EvoError::invalid(
                "cost",
                format!("got {cost}; the cost is a fraction of the endowment in [0, 1]"),
            ));
        }
        GroupGame::from_fn(2, group_size, |c, s| {
            let kept = if (c[0] as usize) >= threshold { endowment } else { endowment * (1.0 - risk) };
            if s == 0 { kept - cost * endowment } else { kept }
        })
    }
}

/// Any game a population can play.
#[derive(Clone, Debug, PartialEq)]
pub enum EvoGame {
    /// A pairwise game.
    Matrix(PayoffMatrix),
    /// An N-player group game.
    Group(GroupGame),
}

impl EvoGame {
    /// The number of strategies.
    pub fn n_strategies(&self) -> usize {
        match self {
            EvoGame::Matrix(m) => m.n(),
            EvoGame::Group(g) => g.n_strategies(),
        }
    }

    /// Players per interaction (2 for a matrix game).
    pub fn group_size(&self) -> usize {
        match self {
            EvoGame::Matrix(_) => 2,
            EvoGame::Group(g) => g.group_size(),
        }
    }

    /// The smallest payoff any strategy can receive.
    pub fn min_payoff(&self) -> f64 {
        match self {
            EvoGame::Matrix(m) => m.data.iter().copied().fold(f64::INFINITY, f64::min),
            EvoGame::Group(g) => {
                g.payoff.iter().flatten().copied().filter(|x| !x.is_nan()).fold(f64::INFINITY, f64::min)
            }
        }
    }
}

impl From<PayoffMatrix> for EvoGame {
    fn from(m: PayoffMatrix) -> EvoGame {
        EvoGame::Matrix(m)
    }
}

impl From<GroupGame> for EvoGame {
    fn from(g: GroupGame) -> EvoGame {
        EvoGame::Group(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_rows_and_rejects_ragged_input() {
        let m = PayoffMatrix::parse("3,0;5,1").unwrap();
        assert_eq!((m.n(), m.get(0, 1), m.get(1, 0)), (2, 0.0, 5.0));
        let err = PayoffMatrix::parse("3,0;5").unwrap_err().to_string();
        assert!(err.contains("row 1 has 1 entries"), "{err}");
        assert!(PayoffMatrix::parse("3,x;5,1").unwrap_err().to_string().contains("\"x\""));
    }

    #[test]
    fn compositions_count_is_binomial() {
        assert_eq!(compositions(6, 3).len(), 28);
        assert_eq!(compositions(100, 3).len(), 5151);
        assert_eq!(compositions(2, 2), vec![vec![2, 0], vec![1, 1], vec![0, 2]]);
    }

    #[test]
    fn collective_risk_payoffs_follow_the_definition() {
        let g = GroupGame::collective_risk(6, 3, 0.9, 0.1, 1.0).unwrap();
        assert!((g.payoff(&[3, 3], 0) - 0.9).abs() < 1e-15);
        assert!((g.payoff(&[3, 3], 1) - 1.0).abs() < 1e-15);
        assert!((g.payoff(&[2, 4], 1) - 0.1).abs() < 1e-15);
        assert!((g.payoff(&[2, 4], 0) - 0.0).abs() < 1e-15);
        assert!(g.payoff(&[0, 6], 0).is_nan());
    }

    #[test]
    fn from_rows_requires_every_composition() {
        let rows = vec![(vec![2, 0], vec![Some(1.0), None]), (vec![1, 1], vec![Some(0.0), Some(2.0)])];
        let err = GroupGame::from_rows(2, 2, &rows).unwrap_err().to_string();
        assert!(err.contains("[0, 2] is missing"), "{err}");
        let mut rows = rows;
        rows.push((vec![0, 2], vec![None, Some(1.0)]));
        let g = GroupGame::from_rows(2, 2, &rows).unwrap();
        assert_eq!(g.pair_payoff(1, 0, 1), 2.0);
    }
}
