//! The equilibrium solver: a Jacobi–Newton step on each labour market, accelerated by Anderson
//! mixing, with per-pair weights cached between solves.
//!
//! A [`Solver`] keeps the per-pair weights `c = π·(d̂(1+t))^(−ε)` and `c/(1+t)` of the last
//! policy it saw and recomputes only the pairs whose tariff or cost changed, so a year's solve
//! after a few pairs moved costs a comparison pass plus a handful of iterations.
//! [`TradeBase::solve`] builds a fresh solver each call; the simulation keeps one per base.

use super::{Policy, Solution, TradeBase, TradeError};

/// Number of earlier iterates Anderson mixing combines.
const ANDERSON_DEPTH: usize = 5;
/// Steps between refreshes of the own-wage elasticities that precondition each step.
const SLOPE_REFRESH: usize = 8;
/// Own-wage slopes flatter than this are replaced by −1 (see `evaluate`).
const MIN_SLOPE: f64 = -0.1;
/// Largest change of a log wage in one step (keeps far starts from overshooting).
const MAX_LOG_STEP: f64 = 0.5;

/// An equilibrium solver bound to one base, holding cached weights and scratch buffers.
#[derive(Debug, Clone)]
pub struct Solver<'a> {
    base: &'a TradeBase,
    tariff: Vec<f64>,
    cost: Vec<f64>,
    c: Vec<f64>,
    cq: Vec<f64>,
    x: Vec<f64>,
    phi: Vec<f64>,
    q: Vec<f64>,
    g: Vec<f64>,
    demand: Vec<f64>,
    own: Vec<f64>,
    step: Vec<f64>,
    slope: Vec<f64>,
    changed: Vec<usize>,
    slopes_ready: bool,
}

impl<'a> Solver<'a> {
    /// A solver for `base`, its weights set for free trade.
    pub fn new(base: &'a TradeBase) -> Solver<'a> {
        let n = base.n;
        Solver {
            base,
            tariff: vec![0.0; n * n],
            cost: vec![1.0; n * n],
            c: base.shares.clone(),
            cq: base.shares.clone(),
            x: vec![0.0; n],
            phi: vec![0.0; n],
            q: vec![0.0; n],
            g: vec![0.0; n],
            demand: vec![0.0; n],
            own: vec![0.0; n],
            step: vec![0.0; n],
            slope: vec![-1.0; n],
            changed: Vec::new(),
            slopes_ready: false,
        }
    }

    /// The base this solver is bound to.
    pub fn base(&self) -> &'a TradeBase {
        self.base
    }

    /// Solves the equilibrium under `policy`, starting from `warm_start`'s wages when given.
    pub fn solve(&mut self, policy: &Policy, warm_start: Option<&Solution>) -> Result<Solution, TradeError> {
        let (u, iterations, residual) =
            self.find_wages(policy, warm_start.map(|s| s.wage_change.as_slice()))?;
        let mut out = Solution::default();
        self.assemble_into(&u, iterations, residual, &mut out);
        Ok(out)
    }

    /// Solves in place: `solution` is the warm start (when it holds one wage per nation) and
    /// receives the new equilibrium, its buffers reused (no allocation of the share matrix).
    /// On error `solution` is left as it was.
    pub fn solve_in_place(&mut self, policy: &Policy, solution: &mut Solution) -> Result<(), TradeError> {
        let (u, iterations, residual) = self.find_wages(policy, Some(solution.wage_change.as_slice()))?;
        self.assemble_into(&u, iterations, residual, solution);
        Ok(())
    }

    /// The equilibrium log wages, the iterations taken and the final residual.
    fn find_wages(
        &mut self,
        policy: &Policy,
        warm_start: Option<&[f64]>,
    ) -> Result<(Vec<f64>, usize, f64), TradeError> {
        let base = self.base;
        self.update_weights(policy)?;
        let n = base.n;
        let warm = warm_start.filter(|w| w.len() == n && w.iter().all(|w| w.is_finite() && *w > 0.0));
        let mut u: Vec<f64> = match warm {
            Some(w) => w.iter().map(|w| w.ln()).collect(),
            None => vec![0.0; n],
        };
        let world_income: f64 = base.income.iter().sum();
        normalise(&mut u, &base.income, world_income);
        let tolerance = base.options.tolerance;
        let mut history_df: Vec<Vec<f64>> = Vec::with_capacity(ANDERSON_DEPTH);
        let mut history_dg: Vec<Vec<f64>> = Vec::with_capacity(ANDERSON_DEPTH);
        let mut previous: Option<(Vec<f64>, Vec<f64>)> = None; // (f, g) of the last iterate
        let mut last_residual = f64::INFINITY;
        let mut iterations = 0;
        // A warm start reuses the own-wage slopes of this solver's last solve (they move little
        // between nearby policies); a cold start or a fresh solver computes them.
        let mut residual = self.evaluate(&u, !(self.slopes_ready && warm.is_some()));
        self.slopes_ready = true;
        let mut refresh_slope = false;
        while residual > tolerance && iterations < base.options.max_iterations {
            iterations += 1;
            // Plain step: g = normalise(u + step), f = g − u.
            let mut g: Vec<f64> =
                u.iter().zip(&self.step).map(|(u, s)| u + s.clamp(-MAX_LOG_STEP, MAX_LOG_STEP)).collect();
            normalise(&mut g, &base.income, world_income);
            let f: Vec<f64> = g.iter().zip(&u).map(|(g, u)| g - u).collect();
            if residual > 2.0 * last_residual {
                // Mixing went astray: forget the history and take plain steps again.
                history_df.clear();
                history_dg.clear();
                previous = None;
                refresh_slope = true;
            }
            last_residual = residual;
            if let Some((f_prev, g_prev)) = previous.take() {
                if history_df.len() == ANDERSON_DEPTH {
                    history_df.remove(0);
                    history_dg.remove(0);
                }
                history_df.push(f.iter().zip(&f_prev).map(|(a, b)| a - b).collect());
                history_dg.push(g.iter().zip(&g_prev).map(|(a, b)| a - b).collect());
            }
            let mut next = g.clone();
            if let Some(gamma) = least_squares(&history_df, &f) {
                for (k, dg) in history_dg.iter().enumerate() {
                    for (v, d) in next.iter_mut().zip(dg) {
                        *v -= gamma[k] * d;
                    }
                }
                normalise(&mut next, &base.income, world_income);
            }
            previous = Some((f, g));
            u = next;
            // Refresh the preconditioner now and then; between refreshes it is a fixed diagonal.
            residual = self.evaluate(&u, refresh_slope || iterations % SLOPE_REFRESH == 0);
            refresh_slope = false;
        }
        if residual.is_nan() || residual > tolerance {
            return Err(TradeError::NotConverged { iterations, residual, tolerance });
        }
        Ok((u, iterations, residual))
    }

    /// Validates and recomputes the weights of the pairs whose tariff or cost differ from the
    /// cached policy (the cache only ever holds validated entries, so only changes are checked).
    /// On an invalid entry nothing is changed.
    fn update_weights(&mut self, policy: &Policy) -> Result<(), TradeError> {
        let base = self.base;
        base.check_policy_size(policy)?;
        let n = base.n;
        self.changed.clear();
        for j in 0..n {
            let row = j * n..(j + 1) * n;
            // Whole-row comparison first: most rows are unchanged from one year to the next.
            if policy.tariff[row.clone()] == self.tariff[row.clone()]
                && policy.cost[row.clone()] == self.cost[row.clone()]
            {
                continue;
            }
            for k in row {
                if policy.tariff[k] != self.tariff[k] || policy.cost[k] != self.cost[k] {
                    self.changed.push(k);
                }
            }
        }
        for &k in &self.changed {
            base.check_policy_entry(policy, k)?;
        }
        let eps = base.epsilon;
        let integer_eps = (eps.fract() == 0.0 && eps <= 64.0).then_some(eps as i32);
        for &k in &self.changed {
            let (t, d) = (policy.tariff[k], policy.cost[k]);
            self.tariff[k] = t;
            self.cost[k] = d;
            let pi = base.shares[k];
            if t == 0.0 && d == 1.0 {
                self.c[k] = pi;
                self.cq[k] = pi;
            } else {
                let gross = 1.0 + t;
                let factor = match integer_eps {
                    Some(e) => (d * gross).powi(-e),
                    None => (d * gross).powf(-eps),
                };
                self.c[k] = pi * factor;
                self.cq[k] = self.c[k] / gross;
            }
        }
        Ok(())
    }

    /// Evaluates the markets at log wages `u`: fills the scratch buffers and the Jacobi–Newton
    /// step, and returns the largest excess demand for labour relative to base income. With
    /// `refresh_slope` the own-wage elasticities are recomputed (an extra product per pair);
    /// otherwise the last ones precondition the step, which Anderson mixing tolerates.
    // One long kernel with index loops: the indices are the equations' subscripts.
    #[allow(clippy::needless_range_loop)]
    fn evaluate(&mut self, u: &[f64], refresh_slope: bool) -> f64 {
        let base = self.base;
        let n = base.n;
        let eps = base.epsilon;
        for (x, u) in self.x.iter_mut().zip(u) {
            *x = (-eps * u).exp();
        }
        self.demand.iter_mut().for_each(|d| *d = 0.0);
        if refresh_slope {
            self.own.iter_mut().for_each(|d| *d = 0.0);
        }
        // One pass over the matrices: importer j's price terms need only row j, and its
        // purchases are added to every exporter's demand while the row is still in cache.
        for j in 0..n {
            let row_c = &self.c[j * n..(j + 1) * n];
            let row_q = &self.cq[j * n..(j + 1) * n];
            let (sc, sq) = dot2(row_c, row_q, &self.x);
            self.phi[j] = sc;
            self.q[j] = sq;
            // E′ⱼ/Φⱼ = (ŵⱼYⱼ + Dⱼ)/Qⱼ: expenditure grossed up by tariff revenue.
            let gj = (u[j].exp() * base.income[j] + base.deficit[j]) / sq;
            // A surplus held fixed can exceed a collapsing labour income: expenditure ≤ 0 has no
            // economic meaning, so the point is marked invalid (NaN) and the solve fails.
            self.g[j] = if gj > 0.0 { gj } else { f64::NAN };
            let gj = self.g[j];
            // Sales of i to j are row_q[i]·xᵢ·gⱼ (xᵢ applied below).
            for (d, q) in self.demand.iter_mut().zip(row_q) {
                *d += q * gj;
            }
            if refresh_slope {
                // `own` weights those sales by π′ᵢⱼ/xᵢ = row_c[i]/Φⱼ.
                let scale = gj / sc;
                for ((o, q), c) in self.own.iter_mut().zip(row_q).zip(row_c) {
                    *o += q * c * scale;
                }
            }
        }
        let mut residual = 0.0f64;
        for i in 0..n {
            let supply = u[i].exp() * base.income[i];
            let x = self.x[i];
            let d = self.demand[i] * x;
            // NaN-propagating maximum (f64::max would drop a NaN and hide a failure).
            let r = (d - supply).abs() / base.income[i];
            if r.is_nan() || r > residual {
                residual = r;
            }
            if refresh_slope {
                // d log demandᵢ / d log ŵᵢ: substitution away from i in every market, plus i's
                // own spending rising with its wage; minus 1 for supply.
                let own = self.own[i] * x * x;
                let home_sales = self.cq[i * n + i] * x * self.g[i];
                let income_effect = home_sales * supply / (self.g[i] * self.q[i]);
                let slope = (-eps * (d - own) + income_effect) / d - 1.0;
                // The diagonal misses the numeraire's coupling; for a home-biased surplus nation
                // it can vanish or change sign, and a step the wrong way stalls the iteration.
                // Fall back to the supply side alone (a log tâtonnement step) there.
                self.slope[i] = if slope < MIN_SLOPE { slope } else { -1.0 };
            }
            self.step[i] = (d / supply).ln() / -self.slope[i];
        }
        residual
    }

    /// Builds the solution from the converged log wages (the scratch buffers hold their state).
    fn assemble_into(&self, u: &[f64], iterations: usize, residual: f64, out: &mut Solution) {
        let base = self.base;
        let n = base.n;
        for v in [
            &mut out.wage_change,
            &mut out.real_income_change,
            &mut out.price_index_change,
            &mut out.expenditure,
            &mut out.income,
            &mut out.tariff_revenue,
        ] {
            v.resize(n, 0.0);
        }
        out.shares.resize(n * n, 0.0);
        for (w, u) in out.wage_change.iter_mut().zip(u) {
            *w = u.exp();
        }
        for j in 0..n {
            let inv_phi = 1.0 / self.phi[j];
            let row = &mut out.shares[j * n..(j + 1) * n];
            for ((s, c), x) in row.iter_mut().zip(&self.c[j * n..(j + 1) * n]).zip(&self.x) {
                *s = c * x * inv_phi;
            }
            let labour = out.wage_change[j] * base.income[j];
            out.expenditure[j] = (labour + base.deficit[j]) * self.phi[j] / self.q[j];
            out.tariff_revenue[j] = out.expenditure[j] * (1.0 - self.q[j] * inv_phi);
            out.income[j] = labour + out.tariff_revenue[j];
            out.price_index_change[j] = self.phi[j].powf(-1.0 / base.epsilon);
            out.real_income_change[j] = out.income[j] / base.income[j] / out.price_index_change[j];
        }
        out.iterations = iterations;
        out.residual = residual;
    }
}

/// Two dot products with `x` at once, in four independent lanes so the compiler can vectorise
/// (a single running sum would force one addition after another).
fn dot2(a: &[f64], b: &[f64], x: &[f64]) -> (f64, f64) {
    let (mut sa, mut sb) = ([0.0f64; 4], [0.0f64; 4]);
    let chunks = a.len() / 4 * 4;
    for ((ca, cb), cx) in
        a[..chunks].chunks_exact(4).zip(b[..chunks].chunks_exact(4)).zip(x[..chunks].chunks_exact(4))
    {
        for k in 0..4 {
            sa[k] += ca[k] * cx[k];
            sb[k] += cb[k] * cx[k];
        }
    }
    let (mut ta, mut tb) = ((sa[0] + sa[1]) + (sa[2] + sa[3]), (sb[0] + sb[1]) + (sb[2] + sb[3]));
    for k in chunks..a.len() {
        ta += a[k] * x[k];
        tb += b[k] * x[k];
    }
    (ta, tb)
}

/// Rescales log wages so that world labour income stays the numeraire.
fn normalise(log_w: &mut [f64], income: &[f64], world_income: f64) {
    let total: f64 = log_w.iter().zip(income).map(|(l, y)| l.exp() * y).sum();
    let shift = (world_income / total).ln();
    log_w.iter_mut().for_each(|l| *l += shift);
}

/// Anderson coefficients γ minimising ‖f − Σₖ γₖ Δfₖ‖ (normal equations with a tiny ridge);
/// `None` without history or when the system is singular.
fn least_squares(df: &[Vec<f64>], f: &[f64]) -> Option<Vec<f64>> {
    let m = df.len();
    if m == 0 {
        return None;
    }
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut a = vec![0.0; m * (m + 1)]; // augmented m × (m+1)
    let mut trace = 0.0;
    for r in 0..m {
        for c in 0..m {
            a[r * (m + 1) + c] = dot(&df[r], &df[c]);
        }
        a[r * (m + 1) + m] = dot(&df[r], f);
        trace += a[r * (m + 1) + r];
    }
    if trace.is_nan() || trace <= 0.0 {
        return None;
    }
    for r in 0..m {
        a[r * (m + 1) + r] += 1e-12 * trace;
    }
    // Gaussian elimination with partial pivoting.
    for col in 0..m {
        let pivot =
            (col..m).max_by(|&x, &y| a[x * (m + 1) + col].abs().total_cmp(&a[y * (m + 1) + col].abs()))?;
        if a[pivot * (m + 1) + col].abs() < 1e-300 {
            return None;
        }
        if pivot != col {
            for c in 0..=m {
                a.swap(pivot * (m + 1) + c, col * (m + 1) + c);
            }
        }
        for r in col + 1..m {
            let factor = a[r * (m + 1) + col] / a[col * (m + 1) + col];
            for c in col..=m {
                a[r * (m + 1) + c] -= factor * a[col * (m + 1) + c];
            }
        }
    }
    let mut gamma = vec![0.0; m];
    for r in (0..m).rev() {
        let mut s = a[r * (m + 1) + m];
        for c in r + 1..m {
            s -= a[r * (m + 1) + c] * gamma[c];
        }
        gamma[r] = s / a[r * (m + 1) + r];
    }
    gamma.iter().all(|g| g.is_finite()).then_some(gamma)
}
