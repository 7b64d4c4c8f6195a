//! Infinite populations: the replicator and replicator–mutator equations for pairwise and
//! N-player games, integrated by an adaptive Dormand–Prince 5(4) Runge–Kutta scheme.

use crate::error::{EvoError, Result};
use crate::payoff::{EvoGame, GroupGame, compositions};

/// Interior roots in (0, 1) of the fitness difference `f₀(x) − f₁(x)` of a two-strategy group
/// game in an infinite population where a fraction `x` plays strategy 0.
pub fn two_strategy_roots(game: &GroupGame) -> Vec<f64> {
    let f = |x: f64| {
        let mut fit = [0.0; 2];
        group_fitness(game, &[x, 1.0 - x], &mut fit);
        fit[0] - fit[1]
    };
    let steps = 4000;
    let mut roots = Vec::new();
    let mut prev_x = 1e-12;
    let mut prev = f(prev_x);
    for t in 1..=steps {
        let x = if t == steps { 1.0 - 1e-12 } else { t as f64 / steps as f64 };
        let y = f(x);
        if prev == 0.0 {
            roots.push(prev_x);
        } else if (prev < 0.0) != (y < 0.0) && y != 0.0 {
            let (mut a, mut b, fa) = (prev_x, x, prev);
            for _ in 0..200 {
                let mid = 0.5 * (a + b);
                let fm = f(mid);
                if (fm < 0.0) == (fa < 0.0) {
                    a = mid;
                } else {
                    b = mid;
                }
                if b - a < 1e-16 {
                    break;
                }
            }
            roots.push(0.5 * (a + b));
        }
        prev_x = x;
        prev = y;
    }
    roots
}

/// Multinomial coefficient-weighted fitness of every strategy in an infinite population with
/// shares `x` playing an N-player game: the focal player's co-players are `N − 1` independent
/// draws from `x`.
pub fn group_fitness(game: &GroupGame, x: &[f64], out: &mut [f64]) {
    let s = game.n_strategies();
    let n = game.group_size();
    let others = compositions(n - 1, s);
    let mut ln_fact = vec![0.0; n + 1];
    for k in 1..=n {
        ln_fact[k] = ln_fact[k - 1] + (k as f64).ln();
    }
    for (i, o) in out.iter_mut().enumerate().take(s) {
        let mut f = 0.0;
        for m in &others {
            let mut w = ln_fact[n - 1];
            let mut prob = 1.0;
            for t in 0..s {
                w -= ln_fact[m[t] as usize];
                prob *= x[t].powi(m[t] as i32);
            }
            if prob == 0.0 {
                continue;
            }
            let mut c = m.clone();
            c[i] += 1;
            f += w.exp() * prob * game.payoff(&c, i);
        }
        *o = f;
    }
}

/// Fitness of every strategy at shares `x`.
pub fn fitness(game: &EvoGame, x: &[f64], out: &mut [f64]) {
    match game {
        EvoGame::Matrix(m) => {
            for (i, o) in out.iter_mut().enumerate().take(m.n()) {
                *o = (0..m.n()).map(|j| m.get(i, j) * x[j]).sum();
            }
        }
        EvoGame::Group(g) => group_fitness(g, x, out),
    }
}

/// The right-hand side: `ẋᵢ = Σⱼ xⱼ fⱼ Qⱼᵢ − xᵢ φ` with mutation matrix `Q` (μ spread equally
/// over the other strategies), which is the replicator equation when `μ = 0`.
pub fn velocity(game: &EvoGame, mu: f64, x: &[f64], out: &mut [f64]) {
    let s = game.n_strategies();
    let mut f = vec![0.0; s];
    fitness(game, x, &mut f);
    let phi: f64 = (0..s).map(|i| x[i] * f[i]).sum();
    if mu == 0.0 || s == 1 {
        for i in 0..s {
            out[i] = x[i] * (f[i] - phi);
        }
    } else {
        let total: f64 = (0..s).map(|j| x[j] * f[j]).sum();
        let each = mu / (s - 1) as f64;
        for i in 0..s {
            let own = x[i] * f[i];
            out[i] = own * (1.0 - mu) + (total - own) * each - x[i] * phi;
        }
    }
}

/// Settings of an integration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OdeOptions {
    /// Relative tolerance per step.
    pub rtol: f64,
    /// Absolute tolerance per step.
    pub atol: f64,
    /// Spacing of the reported points (the integrator steps adaptively in between).
    pub dt_out: f64,
    /// Mutation rate μ of the replicator–mutator equation (0 for the replicator equation).
    pub mutation: f64,
}

impl Default for OdeOptions {
    fn default() -> Self {
        OdeOptions { rtol: 1e-10, atol: 1e-12, dt_out: 0.1, mutation: 0.0 }
    }
}

/// A trajectory: report times and states.
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    /// Times, from 0 to the end time.
    pub t: Vec<f64>,
    /// The shares at each time.
    pub x: Vec<Vec<f64>>,
}

// Dormand–Prince 5(4) tableau (the system is autonomous, so the nodes c are not needed).
const A: [[f64; 6]; 7] = [
    [0.0; 6],
    [1.0 / 5.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0],
    [44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0.0, 0.0, 0.0],
    [19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0, 0.0, 0.0],
    [9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0, 0.0],
    [35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0],
];
const B5: [f64; 7] = [35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0, 0.0];
const B4: [f64; 7] =
    [5179.0 / 57600.0, 0.0, 7571.0 / 16695.0, 393.0 / 640.0, -92097.0 / 339200.0, 187.0 / 2100.0, 1.0 / 40.0];

/// Integrates `ẋ = F(x)` from `x0` over `[0, t_end]` with Dormand–Prince 5(4), error control
/// on every step, and reports the state every `dt_out` (steps are shortened to land exactly on
/// report times, so reports are not interpolated).
pub fn integrate(
    f: impl Fn(&[f64], &mut [f64]),
    x0: &[f64],
    t_end: f64,
    opts: &OdeOptions,
) -> Result<Trajectory> {
    if !(t_end.is_finite() && t_end >= 0.0) {
        return Err(EvoError::invalid("t-end", format!("got {t_end}; it must be a finite time ≥ 0")));
    }
    if !(opts.dt_out.is_finite() && opts.dt_out > 0.0) {
        return Err(EvoError::invalid("dt-out", format!("got {}; it must be positive", opts.dt_out)));
    }
    let n = x0.len();
    let mut x = x0.to_vec();
    let mut t = 0.0;
    let mut traj = Trajectory { t: vec![0.0], x: vec![x.clone()] };
    let mut k = vec![vec![0.0; n]; 7];
    let mut tmp = vec![0.0; n];
    let mut x5 = vec![0.0; n];
    let mut h = opts.dt_out.clamp(1e-6, 0.01);
    let n_out = (t_end / opts.dt_out).ceil() as usize;
    f(&x, &mut k[0]);
    for out_idx in 1..=n_out {
        let target = (out_idx as f64 * opts.dt_out).min(t_end);
        let mut steps = 0usize;
        while t < target {
            steps += 1;
            if steps > 10_000_000 {
                return Err(EvoError::invalid(
                    "t-end",
                    "the integrator needed more than 10⁷ steps; the system is too stiff",
                ));
            }
            let last = t + h >= target;
            let h_step = if last { target - t } else { h };
            for stage in 1..7 {
                for d in 0..n {
                    tmp[d] = x[d] + h_step * (0..stage).map(|s| A[stage][s] * k[s][d]).sum::<f64>();
                }
                f(&tmp, &mut k[stage]);
            }
            let mut err: f64 = 0.0;
            for d in 0..n {
                x5[d] = x[d] + h_step * (0..7).map(|s| B5[s] * k[s][d]).sum::<f64>();
                let x4 = x[d] + h_step * (0..7).map(|s| B4[s] * k[s][d]).sum::<f64>();
                let scale = opts.atol + opts.rtol * x[d].abs().max(x5[d].abs());
                err = err.max(((x5[d] - x4) / scale).abs());
            }
            if err <= 1.0 {
                t = if last { target } else { t + h_step };
                x.copy_from_slice(&x5);
                // First-same-as-last: stage 7 was evaluated at the new point.
                let k7 = k[6].clone();
                k[0].copy_from_slice(&k7);
            }
            let factor = if err == 0.0 { 5.0 } else { (0.9 * err.powf(-0.2)).clamp(0.2, 5.0) };
            if !last || err > 1.0 {
                h = h_step * factor;
            }
        }
        traj.t.push(target);
        traj.x.push(x.clone());
    }
    Ok(traj)
}

/// Checks that `x` is a point of the simplex for `n` strategies.
pub fn validate_shares(x: &[f64], n: usize) -> Result<()> {
    if x.len() != n {
        return Err(EvoError::invalid("x0", format!("got {} shares; the game has {n} strategies", x.len())));
    }
    if x.iter().any(|v| !(v.is_finite() && *v >= 0.0)) {
        return Err(EvoError::invalid("x0", format!("got {x:?}; shares must be finite and ≥ 0")));
    }
    let sum: f64 = x.iter().sum();
    if (sum - 1.0).abs() > 1e-9 {
        return Err(EvoError::invalid("x0", format!("shares sum to {sum}; they must sum to 1")));
    }
    Ok(())
}

/// Integrates the replicator(–mutator) equation of `game` from `x0`.
pub fn replicator(game: &EvoGame, x0: &[f64], t_end: f64, opts: &OdeOptions) -> Result<Trajectory> {
    validate_shares(x0, game.n_strategies())?;
    if !(0.0..=1.0).contains(&opts.mutation) {
        return Err(EvoError::invalid("mutation", format!("got {}; it must be in [0, 1]", opts.mutation)));
    }
    integrate(|x, out| velocity(game, opts.mutation, x, out), x0, t_end, opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payoff::PayoffMatrix;

    #[test]
    fn exponential_growth_is_integrated_to_tolerance() {
        let traj = integrate(|x, out| out[0] = x[0], &[1.0], 2.0, &OdeOptions::default()).unwrap();
        let last = traj.x.last().unwrap();
        assert!((last[0] - 2f64.exp()).abs() < 1e-8, "{}", last[0]);
        assert_eq!(traj.t.len(), 21);
        assert!((traj.t[20] - 2.0).abs() < 1e-15);
    }

    #[test]
    fn rock_paper_scissors_conserves_the_product() {
        let game: EvoGame = PayoffMatrix::parse("0,-1,1;1,0,-1;-1,1,0").unwrap().into();
        let x0 = [0.5, 0.3, 0.2];
        let traj = replicator(&game, &x0, 30.0, &OdeOptions::default()).unwrap();
        let h0 = x0.iter().product::<f64>();
        for x in &traj.x {
            let h: f64 = x.iter().product();
            assert!((h - h0).abs() < 1e-8, "{h} vs {h0}");
            assert!((x.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        // It is a cycle, not a fixed point: the shares move.
        assert!(traj.x.iter().any(|x| (x[0] - 0.5).abs() > 0.1));
    }

    #[test]
    fn prisoners_dilemma_goes_to_defection_and_mutation_keeps_some_cooperators() {
        let game: EvoGame = PayoffMatrix::parse("3,0;5,1").unwrap().into();
        let traj = replicator(&game, &[0.9, 0.1], 40.0, &OdeOptions::default()).unwrap();
        assert!(traj.x.last().unwrap()[0] < 1e-6);
        let opts = OdeOptions { mutation: 0.05, ..OdeOptions::default() };
        let traj = replicator(&game, &[0.9, 0.1], 60.0, &opts).unwrap();
        let x = traj.x.last().unwrap()[0];
        assert!(x > 0.01 && x < 0.2, "{x}");
    }

    #[test]
    fn group_fitness_with_pairs_is_matrix_fitness() {
        let m = PayoffMatrix::parse("3,0;5,1").unwrap();
        let g =
            GroupGame::from_fn(2, 2, |c, s| if c[s] == 2 { m.get(s, s) } else { m.get(s, 1 - s) }).unwrap();
        let (mut a, mut b) = ([0.0; 2], [0.0; 2]);
        fitness(&EvoGame::Matrix(m), &[0.3, 0.7], &mut a);
        group_fitness(&g, &[0.3, 0.7], &mut b);
        assert!((a[0] - b[0]).abs() < 1e-14 && (a[1] - b[1]).abs() < 1e-14);
    }
}
