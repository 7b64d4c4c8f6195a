//! The two standard DICE-2016R2 runs: optimal (μ and s chosen to maximise welfare) and baseline
//! (μ set by the base carbon price, s chosen), with the social cost of carbon and carbon price.

use crate::model::{Dice, Path, Sensitivities};
use crate::optimize::{self, Options};
use serde::Serialize;

/// Which standard run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunKind {
    /// Abatement and saving both optimised.
    Optimal,
    /// Abatement at the base carbon price, saving optimised.
    Baseline,
}

impl RunKind {
    /// The run's name as used on the command line and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            RunKind::Optimal => "optimal",
            RunKind::Baseline => "baseline",
        }
    }
}

/// A solved run: controls, the simulated path, and its prices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    /// Which run.
    pub kind: RunKind,
    /// Calendar year of each period.
    pub year: Vec<i32>,
    /// Emissions control rate μ.
    pub mu: Vec<f64>,
    /// Saving rate s.
    pub s: Vec<f64>,
    /// The simulated path.
    pub path: Path,
    /// Social cost of carbon by period ($/tCO₂, 2010 US$).
    pub scc: Vec<f64>,
    /// Carbon price implied by μ, p_b·μ^(θ₂−1) ($/tCO₂).
    pub carbon_price: Vec<f64>,
    /// Welfare W.
    pub welfare: f64,
    /// Optimiser diagnostics.
    pub solver: SolverReport,
}

/// What the optimiser did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SolverReport {
    /// Number of free controls.
    pub n_controls: usize,
    /// Newton iterations.
    pub iterations: usize,
    /// Simulations with adjoint gradients.
    pub evaluations: usize,
    /// Whether the stopping test was met.
    pub converged: bool,
    /// Largest projected-gradient component at the solution.
    pub projected_gradient: f64,
    /// Largest cumulative industrial carbon on the path (GtC), to compare with the limit.
    pub max_cumulative_carbon: f64,
}

/// Runs the optimal or the baseline case.
pub fn run(dice: &Dice, kind: RunKind) -> Result<Run, crate::Error> {
    match kind {
        RunKind::Optimal => optimal(dice),
        RunKind::Baseline => baseline(dice),
    }
}

/// The baseline abatement path: μ(t) = min(1, (p_base/p_b)^(1/(θ₂−1))) with μ(1) fixed.
pub fn baseline_mu(dice: &Dice) -> Vec<f64> {
    let p = &dice.params;
    let x = &dice.exo;
    (0..dice.n_periods())
        .map(|t| {
            if t == 0 {
                p.miu0
            } else {
                (x.cprice_base[t] / x.pbacktime[t]).powf(1.0 / (p.expcost2 - 1.0)).min(1.0)
            }
        })
        .collect()
}

/// Layout of the free controls: μ(2..n) when abatement is optimised, then s(1..n−n_fixed).
struct Layout {
    optimise_mu: bool,
    n: usize,
    n_free_s: usize,
}

impl Layout {
    fn len(&self) -> usize {
        self.n_free_s + if self.optimise_mu { self.n - 1 } else { 0 }
    }

    /// Writes the controls `x` into full μ and s paths (fixed entries untouched).
    fn unpack(&self, x: &[f64], mu: &mut [f64], s: &mut [f64]) {
        let mut k = 0;
        if self.optimise_mu {
            mu[1..].copy_from_slice(&x[..self.n - 1]);
            k = self.n - 1;
        }
        s[..self.n_free_s].copy_from_slice(&x[k..k + self.n_free_s]);
    }
}

/// The optimal run: μ(2..100) and s(1..90) maximise welfare.
pub fn optimal(dice: &Dice) -> Result<Run, crate::Error> {
    let mut mu = vec![0.0; dice.n_periods()];
    mu[0] = dice.params.miu0;
    solve(dice, RunKind::Optimal, true, mu, None)
}

/// The baseline run: μ at the base carbon price, s(1..90) maximises welfare.
///
/// As the model specification states, μ is fixed at the base price in every period. The
/// published program instead bounds the carbon price by the larger of the base price and a
/// Hotelling rent through period 45 and lets it float after; the two agree wherever the bound
/// binds, which it does through 2100, so the 2100 figures are unaffected.
pub fn baseline(dice: &Dice) -> Result<Run, crate::Error> {
    solve(dice, RunKind::Baseline, false, baseline_mu(dice), None)
}

/// Solves a run; `start` overrides the default starting point (the free controls, in layout order).
fn solve(
    dice: &Dice,
    kind: RunKind,
    optimise_mu: bool,
    mut mu: Vec<f64>,
    start: Option<&[f64]>,
) -> Result<Run, crate::Error> {
    let p = &dice.params;
    let n = dice.n_periods();
    let theta2 = p.expcost2;
    let layout = Layout { optimise_mu, n, n_free_s: n - p.n_fixed_saving };
    let mut s = vec![p.optlrsav(); n];

    // Bounds and a start: a linear ramp of μ to full abatement by 2100, saving at its long-run rate.
    let mut lower = Vec::with_capacity(layout.len());
    let mut upper = Vec::with_capacity(layout.len());
    let mut x0 = Vec::with_capacity(layout.len());
    if optimise_mu {
        for t in 1..n {
            lower.push(0.0);
            upper.push(dice.exo.miu_upper[t]);
            x0.push((t as f64 / 17.0).min(1.0) * dice.exo.miu_upper[t]);
        }
    }
    for _ in 0..layout.n_free_s {
        // s stays inside (0, 1): consumption and investment both positive.
        lower.push(1e-4);
        upper.push(1.0 - 1e-4);
        x0.push(p.optlrsav());
    }

    if let Some(start) = start {
        x0 = start.to_vec();
    }

    let mut path = Path::default();
    let mut sens = Sensitivities::default();
    let mut q = vec![0.0; n];
    let objective = |x: &[f64], grad: &mut [f64]| -> f64 {
        layout.unpack(x, &mut mu, &mut s);
        for (q, m) in q.iter_mut().zip(&mu) {
            *q = m.max(0.0).powf(theta2);
        }
        dice.simulate_aggregate(&mu, &q, &s, &mut path);
        dice.adjoint(&mu, &s, &path, &mut sens);
        let mut k = 0;
        if layout.optimise_mu {
            // dW/dμ through both aggregates: m = μ and q = μ^θ₂.
            for (t, g) in grad[..n - 1].iter_mut().enumerate().map(|(k, g)| (k + 1, g)) {
                *g = sens.d_abated[t] + sens.d_cost_index[t] * theta2 * mu[t].max(0.0).powf(theta2 - 1.0);
            }
            k = n - 1;
        }
        grad[k..k + layout.n_free_s].copy_from_slice(&sens.d_saving[..layout.n_free_s]);
        path.welfare
    };
    let sol = optimize::maximize(objective, &x0, &lower, &upper, Options::default());
    if !sol.converged {
        return Err(crate::Error::NotConverged { run: kind.name(), iterations: sol.iterations });
    }

    let mut mu_full = if optimise_mu { vec![0.0; n] } else { baseline_mu(dice) };
    mu_full[0] = p.miu0;
    let mut s_full = vec![p.optlrsav(); n];
    layout.unpack(&sol.x, &mut mu_full, &mut s_full);
    let run = evaluate(dice, kind, mu_full, s_full, &sol, layout.len());
    if run.solver.max_cumulative_carbon > p.fosslim {
        return Err(crate::Error::FossilLimitExceeded {
            run: kind.name(),
            max_cumulative_carbon: run.solver.max_cumulative_carbon,
            limit: p.fosslim,
        });
    }
    Ok(run)
}

fn evaluate(
    dice: &Dice,
    kind: RunKind,
    mu: Vec<f64>,
    s: Vec<f64>,
    sol: &optimize::Solution,
    n_controls: usize,
) -> Run {
    let path = dice.simulate(&mu, &s).expect("paths have the model's length");
    let mut sens = Sensitivities::default();
    dice.adjoint(&mu, &s, &path, &mut sens);
    let theta2 = dice.params.expcost2;
    let carbon_price =
        mu.iter().zip(&dice.exo.pbacktime).map(|(m, pb)| pb * m.max(0.0).powf(theta2 - 1.0)).collect();
    let max_cumulative_carbon = path.cca.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Run {
        kind,
        year: dice.exo.year.clone(),
        welfare: path.welfare,
        scc: sens.scc(),
        carbon_price,
        mu,
        s,
        path,
        solver: SolverReport {
            n_controls,
            iterations: sol.iterations,
            evaluations: sol.evaluations,
            converged: sol.converged,
            projected_gradient: sol.projected_gradient,
            max_cumulative_carbon,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tight convergence: two very different starting points reach the same welfare to 1e-10
    /// relative, and the same controls where they matter (abatement to 2200, saving to 2100).
    #[test]
    fn optimal_run_is_independent_of_the_starting_point() {
        let dice = Dice::standard();
        let reference = optimal(&dice).unwrap();
        let n = dice.n_periods();
        let mut start: Vec<f64> = (1..n).map(|t| 0.5 * dice.exo.miu_upper[t]).collect();
        start.extend(std::iter::repeat_n(0.2, n - dice.params.n_fixed_saving));
        let mut mu = vec![0.0; n];
        mu[0] = dice.params.miu0;
        let other = solve(&dice, RunKind::Optimal, true, mu, Some(&start)).unwrap();
        let rel = (other.welfare - reference.welfare).abs() / reference.welfare.abs();
        assert!(rel < 1e-10, "welfare differs by {rel:e}");
        for t in 0..38 {
            assert!((other.mu[t] - reference.mu[t]).abs() < 1e-6, "mu period {}", t + 1);
        }
        for t in 0..18 {
            assert!((other.s[t] - reference.s[t]).abs() < 1e-6, "s period {}", t + 1);
        }
    }

    #[test]
    fn a_binding_fossil_limit_is_reported_not_ignored() {
        let params = crate::Params { fosslim: 2000.0, ..crate::Params::default() };
        let dice = Dice::new(params).unwrap();
        let err = baseline(&dice).unwrap_err();
        assert!(matches!(err, crate::Error::FossilLimitExceeded { limit: 2000.0, .. }), "{err}");
        assert!(err.to_string().contains("`fosslim` = 2000 GtC"), "{err}");
        // The optimal run stays below 2000 GtC and still solves.
        assert!(optimal(&dice).is_ok());
    }
}
