//! The trade arena's stage game for one linked pair: real-income consequences of the four
//! barrier combinations, computed by the full equilibrium.
//!
//! A *barrier* is either a tariff (with revenue) or a pure iceberg cost (no revenue) that the
//! raising nation puts on imports from its partner. Starting from a reference policy (the rest of
//! the world's barriers this year), the pair's two directions are set to "low" or "high" in the
//! four combinations; each nation's payoff is its real income under the combination relative to
//! its real income under the reference policy. The reference solution warm-starts each solve.

use super::{Policy, Solution, TradeBase, TradeError, invalid};

/// What a raised barrier is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Barrier {
    /// An ad-valorem tariff at this rate (revenue accrues to the imposer).
    Tariff(f64),
    /// An iceberg trade cost: goods shipped arrive divided by this factor (no revenue).
    Iceberg(f64),
}

impl Barrier {
    /// Writes the barrier `importer` raises against `exporter` into `policy`; `raised = false`
    /// writes the low state (no tariff, no extra cost).
    pub fn apply(self, policy: &mut Policy, importer: usize, exporter: usize, raised: bool) {
        match (self, raised) {
            (Barrier::Tariff(rate), true) => policy.set_tariff(importer, exporter, rate),
            (Barrier::Tariff(_), false) => policy.set_tariff(importer, exporter, 0.0),
            (Barrier::Iceberg(factor), true) => policy.set_cost_change(importer, exporter, factor),
            (Barrier::Iceberg(_), false) => policy.set_cost_change(importer, exporter, 1.0),
        }
    }
}

/// Real-income ratios `[for i, for j]` of each combination, relative to the reference policy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairPayoffs {
    /// Both keep barriers low (mutual cooperation).
    pub both_low: [f64; 2],
    /// Only `i` raises its barrier on imports from `j`.
    pub i_raises: [f64; 2],
    /// Only `j` raises its barrier on imports from `i`.
    pub j_raises: [f64; 2],
    /// Both raise (mutual defection).
    pub both_raise: [f64; 2],
}

impl PairPayoffs {
    /// True when the pair's stage game is a Prisoner's Dilemma for both nations:
    /// raising pays whatever the partner does, yet mutual raising is worse than mutual low.
    pub fn is_prisoners_dilemma(&self) -> bool {
        let i_ok = self.i_raises[0] > self.both_low[0]
            && self.both_raise[0] > self.j_raises[0]
            && self.both_low[0] > self.both_raise[0];
        let j_ok = self.j_raises[1] > self.both_low[1]
            && self.both_raise[1] > self.i_raises[1]
            && self.both_low[1] > self.both_raise[1];
        i_ok && j_ok
    }
}

/// Solves the four barrier combinations of pair `(i, j)` around `reference`.
/// `reference_solution` must be the solution of `reference` (it is the warm start and the
/// denominator of every payoff).
pub fn pair_payoffs(
    base: &TradeBase,
    reference: &Policy,
    reference_solution: &Solution,
    i: usize,
    j: usize,
    barrier: Barrier,
) -> Result<PairPayoffs, TradeError> {
    let n = base.n();
    if i >= n || j >= n || i == j {
        return Err(invalid("pair", format!("({i}, {j}); give two different nation indices below {n}")));
    }
    let mut policy = reference.clone();
    let mut solve = |raise_i: bool, raise_j: bool| -> Result<[f64; 2], TradeError> {
        barrier.apply(&mut policy, i, j, raise_i);
        barrier.apply(&mut policy, j, i, raise_j);
        let s = base.solve(&policy, Some(reference_solution))?;
        Ok([
            s.real_income_change[i] / reference_solution.real_income_change[i],
            s.real_income_change[j] / reference_solution.real_income_change[j],
        ])
    };
    Ok(PairPayoffs {
        both_low: solve(false, false)?,
        i_raises: solve(true, false)?,
        j_raises: solve(false, true)?,
        both_raise: solve(true, true)?,
    })
}

/// Builds the year's policy from a barrier matrix: `raised[importer * n + exporter]` says whether
/// `importer` raises `barrier` against `exporter` (the diagonal is ignored).
pub fn policy_from_barriers(n: usize, raised: &[bool], barrier: Barrier) -> Result<Policy, TradeError> {
    if raised.len() != n * n {
        return Err(invalid(
            "raised",
            format!("{} entries given; {n}×{n} = {} expected", raised.len(), n * n),
        ));
    }
    let mut policy = Policy::free_trade(n);
    for j in 0..n {
        for i in 0..n {
            if i != j && raised[j * n + i] {
                barrier.apply(&mut policy, j, i, true);
            }
        }
    }
    Ok(policy)
}
