//! Trade in general equilibrium: Armington / structural gravity solved by exact hat algebra
//! (Dekle–Eaton–Kortum 2008) with tariffs, tariff revenue and iceberg trade costs.
//!
//! # The API the simulation uses
//!
//! - [`TradeBase`]: the base-year economy — `n` nations, their ISO3 codes, base-year import shares
//!   π, expenditure `E`, labour income `Y` and the trade elasticity ε. **Layout:** every n×n
//!   matrix in this module is a flat, row-major `Vec<f64>` indexed **`[importer * n + exporter]`**:
//!   row `j` is importer `j`, and `shares[j * n + i]` is the share of `j`'s expenditure spent on
//!   goods from `i` (each row sums to 1; the diagonal is the domestic share λⱼⱼ).
//! - [`Policy`]: bilateral ad-valorem tariffs `t` (absolute levels; `0` is free trade) and
//!   iceberg-cost changes `d̂` (factors; `1` is no change), dense n×n in the same layout;
//!   [`Policy::set_tariff`] and [`Policy::set_cost_change`] update one pair in O(1).
//! - [`TradeBase::solve`]`(&policy, warm_start)` → [`Solution`]: wage changes ŵ, real-income
//!   changes Ŵ, price-index changes P̂, new shares π′, new expenditure and income, tariff revenue,
//!   iterations. Pass the previous [`Solution`] as the warm start after a small policy change.
//! - [`gains_from_trade`]: the Arkolakis–Costinot–Rodríguez-Clare (2012) gains λⱼⱼ^(−1/ε) − 1.
//! - [`pair::pair_payoffs`]: the real-income consequences, for a linked pair, of the four
//!   barrier combinations relative to a reference policy (the trade arena's stage game).
//! - [`calibrate::calibrate`]: builds the 196-nation base from [`crate::data::WorldData`].
//!
//! # The model
//!
//! Nation `i` produces one variety with labour; importer `j` buys it at `wᵢ·dᵢⱼ·(1 + tᵢⱼ)`
//! (wage, iceberg cost, tariff `j` levies). With CES demand of elasticity ε + 1, in changes
//! relative to the base year (hats):
//!
//! ```text
//! Φⱼ   = Σᵢ πᵢⱼ (ŵᵢ d̂ᵢⱼ (1 + tᵢⱼ))^(−ε)              P̂ⱼ = Φⱼ^(−1/ε)
//! π′ᵢⱼ = πᵢⱼ (ŵᵢ d̂ᵢⱼ (1 + tᵢⱼ))^(−ε) / Φⱼ
//! E′ⱼ  = ŵⱼ Yⱼ + Dⱼ + R′ⱼ,   R′ⱼ = Σᵢ π′ᵢⱼ E′ⱼ tᵢⱼ / (1 + tᵢⱼ)   (tariff revenue)
//! ŵᵢ Yᵢ = Σⱼ π′ᵢⱼ E′ⱼ / (1 + tᵢⱼ)                                  (labour market clears)
//! Ŵⱼ   = (ŵⱼ Yⱼ + R′ⱼ) / Yⱼ / P̂ⱼ                                   (real income)
//! ```
//!
//! **Choices, documented.** Base-year trade is taken as tariff-free (the data carry no applied
//! tariffs), so a policy's tariffs are absolute levels and base revenue is zero. Income is labour
//! income plus tariff revenue. Base-year trade imbalances `Dⱼ = Eⱼ − Yⱼ` (with `Yᵢ = Σⱼ πᵢⱼ Eⱼ`)
//! are held fixed in units of world labour income, the numeraire (`Σᵢ ŵᵢ Yᵢ = Σᵢ Yᵢ`);
//! [`TradeBase::balanced`] removes them first, Dekle–Eaton–Kortum style, for a balanced base.
//! Real income counts labour income and tariff revenue, not the deficit transfer, so in the
//! iceberg-only case Ŵⱼ = ŵⱼ/P̂ⱼ = λ̂ⱼⱼ^(−1/ε) exactly (the ACR formula).
//!
//! **Solver** ([`Solver`]). A fixed point on log wages: each step moves `log ŵᵢ` by a Newton
//! step on nation `i`'s own labour market, using the analytic diagonal of the Jacobian (the
//! own-wage elasticity of demand for `i`'s labour), renormalises to the numeraire, and is
//! accelerated by Anderson mixing of the last five iterates. Each step costs two passes over the
//! n×n matrices and no transcendental function per pair; the per-pair powers are cached in the
//! solver and recomputed only for pairs whose policy changed.

//!
//! # Against the literature (default world, ε = 5; `cargo run --release -p commonweal-world --example trade_figures`)
//!
//! - Gains from trade (ACR, relative to autarky): United States 1.68 % (domestic share 0.920,
//!   i.e. 8 cents of each dollar spent on imports — Costinot & Rodríguez-Clare 2018 report about 8
//!   from WIOD, and CRC 2014 about 2 % at ε = 5); China 1.92 %, Japan 2.88 %, Germany 5.20 %;
//!   small open economies far more: Singapore 16.8 %, Luxembourg 19.2 %, Ireland 25.4 %.
//!   Nations of the gravity fill are more open than the ICIO-covered ones of their size
//!   (Afghanistan 38 %, small islands more): the fill is calibrated to the covered nations'
//!   aggregate openness, which larger economies dominate.
//! - A universal 25 % tariff war lowers real income in all 196 nations; the world
//!   (expenditure-weighted) loses 1.19 %, the unweighted mean 5.78 % (median 4.71 %, range
//!   −14.9 % to −0.44 %). Ossa (2014) finds average losses of a few percent in a non-cooperative
//!   tariff war among a smaller set of large economies; our world-weighted loss is lower and the
//!   unweighted mean higher, because small very open economies lose most.
//! - Two symmetric nations: a unilateral 10 % tariff raises the imposer's real income and lowers
//!   the partner's; mutual tariffs lower both (a Prisoner's Dilemma, tested). In the 196-nation
//!   world a bilateral 10 % tariff makes a Prisoner's Dilemma for USA–China, Germany–France,
//!   USA–Mexico and Japan–Korea (tested); at 2 % mutual tariffs can still leave the larger
//!   partner slightly better off, and at 25 % a unilateral tariff between the United States and
//!   China no longer pays (−0.002 % for the United States): each partner is a small share of
//!   the other's trade, so the terms-of-trade gain is small and trade diversion costs more.

pub mod calibrate;
pub mod pair;
mod solver;
pub mod spec;

pub use solver::Solver;

#[cfg(test)]
mod tests;

/// Default trade elasticity ε (Costinot & Rodríguez-Clare 2014).
pub const DEFAULT_EPSILON: f64 = 5.0;

/// Errors of the trade model.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TradeError {
    /// An input of a base or policy is invalid.
    #[error("{field}: {message}")]
    Invalid {
        /// Which input, e.g. `shares[USA, CHN]` or `epsilon`.
        field: String,
        /// What was given and what would be valid.
        message: String,
    },
    /// The equilibrium solver did not reach its tolerance. A NaN residual means some nation's
    /// expenditure turned negative: with base-year deficits held fixed, a large enough shock
    /// has no equilibrium (a balanced base always has one).
    #[error(
        "equilibrium not found after {iterations} iterations (largest excess demand {residual:e} of income; tolerance {tolerance:e}; NaN: a nation's expenditure turned negative under its fixed deficit)"
    )]
    NotConverged {
        /// Iterations run.
        iterations: usize,
        /// Largest remaining excess demand relative to labour income.
        residual: f64,
        /// The tolerance asked for.
        tolerance: f64,
    },
    /// Building the base from world data failed.
    #[error(transparent)]
    Data(#[from] crate::data::DataError),
}

fn invalid(field: impl Into<String>, message: impl Into<String>) -> TradeError {
    TradeError::Invalid { field: field.into(), message: message.into() }
}

/// Solver settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolverOptions {
    /// Convergence when every nation's excess demand for labour is below this share of its income
    /// (default 1e−10: real incomes then agree with a tighter solve to about 1e−11).
    pub tolerance: f64,
    /// Iteration cap.
    pub max_iterations: usize,
}

impl Default for SolverOptions {
    fn default() -> Self {
        SolverOptions { tolerance: 1e-10, max_iterations: 5_000 }
    }
}

/// The base-year world economy the counterfactuals are taken from (see the module doc for layout).
#[derive(Debug, Clone, PartialEq)]
pub struct TradeBase {
    n: usize,
    iso3: Vec<String>,
    shares: Vec<f64>,
    expenditure: Vec<f64>,
    income: Vec<f64>,
    deficit: Vec<f64>,
    epsilon: f64,
    options: SolverOptions,
}

impl TradeBase {
    /// Builds a base from import shares (`[importer * n + exporter]`, rows summing to 1) and each
    /// nation's expenditure. Labour income is implied by market clearing, `Yᵢ = Σⱼ πᵢⱼ Eⱼ`, and
    /// the gap `Eⱼ − Yⱼ` is the base-year deficit held fixed in counterfactuals.
    pub fn new(
        iso3: Vec<String>,
        shares: Vec<f64>,
        expenditure: Vec<f64>,
        epsilon: f64,
    ) -> Result<TradeBase, TradeError> {
        let n = iso3.len();
        if n == 0 {
            return Err(invalid("iso3", "no nations; at least one is required"));
        }
        if !(epsilon.is_finite() && epsilon > 0.0) {
            return Err(invalid(
                "epsilon",
                format!("{epsilon} is not a valid trade elasticity; give a number > 0"),
            ));
        }
        if shares.len() != n * n {
            return Err(invalid(
                "shares",
                format!("{} values given; {n}×{n} = {} expected", shares.len(), n * n),
            ));
        }
        if expenditure.len() != n {
            return Err(invalid("expenditure", format!("{} values given; {n} expected", expenditure.len())));
        }
        for (j, &e) in expenditure.iter().enumerate() {
            if !(e.is_finite() && e > 0.0) {
                return Err(invalid(format!("expenditure[{}]", iso3[j]), format!("{e}; give a number > 0")));
            }
        }
        for j in 0..n {
            let row = &shares[j * n..(j + 1) * n];
            for (i, &s) in row.iter().enumerate() {
                if !(s.is_finite() && s >= 0.0) {
                    return Err(invalid(
                        format!("shares[importer {}, exporter {}]", iso3[j], iso3[i]),
                        format!("{s}; a share must be a number in [0, 1]"),
                    ));
                }
            }
            let sum: f64 = row.iter().sum();
            if (sum - 1.0).abs() > 1e-9 {
                return Err(invalid(
                    format!("shares[importer {}, ·]", iso3[j]),
                    format!("the importer's shares sum to {sum}; they must sum to 1"),
                ));
            }
            if row[j] <= 0.0 {
                return Err(invalid(
                    format!("shares[importer {0}, exporter {0}]", iso3[j]),
                    "the domestic share is 0; it must be > 0 (each nation buys some of its own goods)",
                ));
            }
        }
        let mut income = vec![0.0; n];
        for j in 0..n {
            let e = expenditure[j];
            for (y, &s) in income.iter_mut().zip(&shares[j * n..(j + 1) * n]) {
                *y += s * e;
            }
        }
        let deficit = expenditure.iter().zip(&income).map(|(e, y)| e - y).collect();
        Ok(TradeBase {
            n,
            iso3,
            shares,
            expenditure,
            income,
            deficit,
            epsilon,
            options: SolverOptions::default(),
        })
    }

    /// The same base with other solver settings.
    pub fn with_options(mut self, options: SolverOptions) -> TradeBase {
        self.options = options;
        self
    }

    /// The same shares and expenditure with another trade elasticity.
    pub fn with_epsilon(mut self, epsilon: f64) -> Result<TradeBase, TradeError> {
        if !(epsilon.is_finite() && epsilon > 0.0) {
            return Err(invalid(
                "epsilon",
                format!("{epsilon} is not a valid trade elasticity; give a number > 0"),
            ));
        }
        self.epsilon = epsilon;
        Ok(self)
    }

    /// A balanced base: the equilibrium of this economy with every deficit set to zero and no
    /// policy change (the Dekle–Eaton–Kortum purge), taken as the new base year.
    pub fn balanced(&self) -> Result<TradeBase, TradeError> {
        let mut zero = self.clone();
        zero.deficit.iter_mut().for_each(|d| *d = 0.0);
        let sol = zero.solve(&Policy::free_trade(self.n), None)?;
        let expenditure: Vec<f64> = sol.wage_change.iter().zip(&self.income).map(|(w, y)| w * y).collect();
        let mut base = TradeBase::new(self.iso3.clone(), sol.shares, expenditure, self.epsilon)?;
        base.options = self.options;
        // Balanced by construction: income equals expenditure up to rounding; make it exact.
        base.income.clone_from(&base.expenditure);
        base.deficit.iter_mut().for_each(|d| *d = 0.0);
        Ok(base)
    }

    /// Number of nations.
    pub fn n(&self) -> usize {
        self.n
    }

    /// ISO3 codes in index order.
    pub fn iso3(&self) -> &[String] {
        &self.iso3
    }

    /// Index of a nation by ISO3 code.
    pub fn index_of(&self, iso3: &str) -> Option<usize> {
        self.iso3.iter().position(|c| c.eq_ignore_ascii_case(iso3))
    }

    /// Base import shares, `[importer * n + exporter]`.
    pub fn shares(&self) -> &[f64] {
        &self.shares
    }

    /// Base share of `importer`'s expenditure spent on `exporter`'s goods.
    pub fn share(&self, importer: usize, exporter: usize) -> f64 {
        self.shares[importer * self.n + exporter]
    }

    /// Base domestic share λⱼⱼ of each nation.
    pub fn domestic_shares(&self) -> Vec<f64> {
        (0..self.n).map(|j| self.shares[j * self.n + j]).collect()
    }

    /// Base expenditure (absorption) Eⱼ.
    pub fn expenditure(&self) -> &[f64] {
        &self.expenditure
    }

    /// Base labour income Yᵢ = Σⱼ πᵢⱼ Eⱼ.
    pub fn income(&self) -> &[f64] {
        &self.income
    }

    /// Base trade deficit Dⱼ = Eⱼ − Yⱼ (held fixed in counterfactuals).
    pub fn deficit(&self) -> &[f64] {
        &self.deficit
    }

    /// Trade elasticity ε.
    pub fn epsilon(&self) -> f64 {
        self.epsilon
    }

    /// Solver settings.
    pub fn options(&self) -> SolverOptions {
        self.options
    }

    /// Solves the counterfactual equilibrium under `policy`, starting from `warm_start`'s wages
    /// when given (any earlier solution of this base; the closer its policy, the fewer steps).
    pub fn solve(&self, policy: &Policy, warm_start: Option<&Solution>) -> Result<Solution, TradeError> {
        Solver::new(self).solve(policy, warm_start)
    }

    /// A reusable solver for this base that caches per-pair weights between solves (the fast
    /// path for a sequence of nearby policies, e.g. one per simulated year).
    pub fn solver(&self) -> Solver<'_> {
        Solver::new(self)
    }

    /// Checks the number of nations of a policy.
    fn check_policy_size(&self, policy: &Policy) -> Result<(), TradeError> {
        if policy.n != self.n {
            return Err(invalid(
                "policy",
                format!("made for {} nations; this base has {}", policy.n, self.n),
            ));
        }
        Ok(())
    }

    /// Checks one entry `k = importer * n + exporter` of a policy.
    fn check_policy_entry(&self, policy: &Policy, k: usize) -> Result<(), TradeError> {
        let (j, i) = (k / self.n, k % self.n);
        let (t, d) = (policy.tariff[k], policy.cost[k]);
        if !(t.is_finite() && t > -1.0) {
            return Err(invalid(
                format!("tariff[importer {}, exporter {}]", self.iso3[j], self.iso3[i]),
                format!("{t}; an ad-valorem rate must be a finite number > −1 (0 is free trade)"),
            ));
        }
        if !(d.is_finite() && d > 0.0) {
            return Err(invalid(
                format!("cost_change[importer {}, exporter {}]", self.iso3[j], self.iso3[i]),
                format!("{d}; an iceberg-cost factor must be a finite number > 0 (1 is no change)"),
            ));
        }
        if i == j && (t != 0.0 || d != 1.0) {
            return Err(invalid(
                format!("policy[{0}, {0}]", self.iso3[j]),
                "a nation's trade with itself takes no tariff and no cost change",
            ));
        }
        Ok(())
    }

    /// World real income change: the expenditure-weighted mean of the nations' Ŵ.
    pub fn world_real_income_change(&self, solution: &Solution) -> f64 {
        let total: f64 = self.expenditure.iter().sum();
        self.expenditure.iter().zip(&solution.real_income_change).map(|(e, w)| e * w).sum::<f64>() / total
    }

    /// The ACR real-income change implied by the change in each nation's domestic share,
    /// λ̂ⱼⱼ^(−1/ε); equals Ŵⱼ exactly when the policy changes iceberg costs only.
    pub fn acr_real_income_change(&self, solution: &Solution) -> Vec<f64> {
        let n = self.n;
        (0..n)
            .map(|j| (solution.shares[j * n + j] / self.shares[j * n + j]).powf(-1.0 / self.epsilon))
            .collect()
    }
}

/// A trade policy: tariffs and iceberg-cost changes for every ordered pair, `[importer * n + exporter]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    n: usize,
    tariff: Vec<f64>,
    cost: Vec<f64>,
}

impl Policy {
    /// Free trade at base-year costs: no tariffs, no cost change.
    pub fn free_trade(n: usize) -> Policy {
        Policy { n, tariff: vec![0.0; n * n], cost: vec![1.0; n * n] }
    }

    /// The same tariff on every international pair.
    pub fn uniform_tariff(n: usize, rate: f64) -> Policy {
        let mut p = Policy::free_trade(n);
        for j in 0..n {
            for i in 0..n {
                if i != j {
                    p.tariff[j * n + i] = rate;
                }
            }
        }
        p
    }

    /// The same iceberg-cost factor on every international pair.
    pub fn uniform_cost_change(n: usize, factor: f64) -> Policy {
        let mut p = Policy::free_trade(n);
        for j in 0..n {
            for i in 0..n {
                if i != j {
                    p.cost[j * n + i] = factor;
                }
            }
        }
        p
    }

    /// Number of nations.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Sets the ad-valorem tariff `importer` levies on goods from `exporter`.
    pub fn set_tariff(&mut self, importer: usize, exporter: usize, rate: f64) {
        self.tariff[importer * self.n + exporter] = rate;
    }

    /// Sets the iceberg-cost factor on goods shipped from `exporter` to `importer`.
    pub fn set_cost_change(&mut self, importer: usize, exporter: usize, factor: f64) {
        self.cost[importer * self.n + exporter] = factor;
    }

    /// The tariff `importer` levies on goods from `exporter`.
    pub fn tariff(&self, importer: usize, exporter: usize) -> f64 {
        self.tariff[importer * self.n + exporter]
    }

    /// The iceberg-cost factor on goods from `exporter` to `importer`.
    pub fn cost_change(&self, importer: usize, exporter: usize) -> f64 {
        self.cost[importer * self.n + exporter]
    }

    /// All tariffs, `[importer * n + exporter]`.
    pub fn tariffs(&self) -> &[f64] {
        &self.tariff
    }

    /// All iceberg-cost factors, `[importer * n + exporter]`.
    pub fn cost_changes(&self) -> &[f64] {
        &self.cost
    }

    /// True when the policy has no tariff anywhere (an iceberg-only or free-trade policy).
    pub fn is_iceberg_only(&self) -> bool {
        self.tariff.iter().all(|&t| t == 0.0)
    }
}

/// A counterfactual equilibrium, in changes relative to the base year (`Default` is an empty
/// solution, a buffer for [`Solver::solve_in_place`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Solution {
    /// Wage change ŵᵢ (world labour income is the numeraire).
    pub wage_change: Vec<f64>,
    /// Real income change Ŵⱼ = (labour income + tariff revenue)′ / base income / P̂ⱼ.
    pub real_income_change: Vec<f64>,
    /// Price index change P̂ⱼ.
    pub price_index_change: Vec<f64>,
    /// New import shares π′, `[importer * n + exporter]`.
    pub shares: Vec<f64>,
    /// New expenditure E′ⱼ (base-year units).
    pub expenditure: Vec<f64>,
    /// New income: labour income plus tariff revenue (base-year units).
    pub income: Vec<f64>,
    /// Tariff revenue R′ⱼ (base-year units).
    pub tariff_revenue: Vec<f64>,
    /// Solver steps taken (0 when the start already was the equilibrium).
    pub iterations: usize,
    /// Largest excess demand for labour relative to income at the end.
    pub residual: f64,
}

/// Gains from trade relative to autarky, ACR formula: λⱼⱼ^(−1/ε) − 1 for each nation.
pub fn gains_from_trade(base: &TradeBase) -> Vec<f64> {
    base.domestic_shares().iter().map(|l| l.powf(-1.0 / base.epsilon) - 1.0).collect()
}
