//! The trade arena as the simulation sees it: nations, base-year import shares, the linked pairs
//! and each pair's stage payoffs, precomputed once per scenario from the general-equilibrium
//! trade model.
//!
//! Solving the full equilibrium for every nation's best response every year would cost
//! hundreds of solves a year. Instead each linked pair's 2×2 stage game is solved exactly once:
//! the real-income change of both nations when one, the other or both raise the barrier tariff
//! on each other, all else open. A year's real-income effect on a nation is then the sum of its
//! pairs' stage payoffs (an additive approximation whose error against full solves is tested
//! where a general-equilibrium model is available).

use commonweal_games::Action;
use rayon::prelude::*;
use std::sync::Arc;

/// What the simulation needs to know about one nation in the base year.
#[derive(Clone, Debug, PartialEq)]
pub struct NationInput {
    /// ISO3 code.
    pub iso3: String,
    /// Display name.
    pub name: String,
    /// Population (people); the labour input and the weight in the Gini.
    pub population: f64,
    /// Base-year output (GDP, million US$).
    pub output: f64,
    /// Base-year capital stock (million US$), when the data have it.
    pub capital: Option<f64>,
    /// Depreciation rate per year, when the data have it.
    pub depreciation: Option<f64>,
    /// Base-year territorial CO₂ emissions (Mt CO₂), when the data have them: the nation's
    /// emissions intensity in the climate arena.
    pub co2_mt: Option<f64>,
}

/// A model that says how real incomes respond to bilateral tariffs: the general-equilibrium
/// trade model, or a stand-in in tests.
pub trait RealIncomeModel: Sync {
    /// Number of nations.
    fn n_nations(&self) -> usize;
    /// The proportional real-income change (Ŵ − 1) of every nation when the listed tariffs
    /// `(importer, exporter, ad-valorem tariff)` are raised and every other barrier stays as in
    /// the base year.
    fn real_income_changes(&self, tariffs: &[(usize, usize, f64)]) -> Result<Vec<f64>, String>;
}

/// The stage game of one linked pair: proportional real-income changes for each side,
/// indexed `[own action][partner action]` with C = 0 and D = 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// One nation (the lower index).
    pub a: usize,
    /// The other nation.
    pub b: usize,
    /// Payoffs to `a`.
    pub payoff_a: [[f64; 2]; 2],
    /// Payoffs to `b`.
    pub payoff_b: [[f64; 2]; 2],
}

impl Link {
    /// The stage payoff to `side` (0 = a, 1 = b) for its own and its partner's actions.
    #[inline]
    pub fn payoff(&self, side: usize, own: Action, other: Action) -> f64 {
        let table = if side == 0 { &self.payoff_a } else { &self.payoff_b };
        table[own as usize][other as usize]
    }

    /// The nation on `side`.
    #[inline]
    pub fn nation(&self, side: usize) -> usize {
        if side == 0 { self.a } else { self.b }
    }
}

/// The trade arena: nations, import shares, links with their stage payoffs.
#[derive(Clone, Debug)]
pub struct ArenaWorld {
    /// Nations in a fixed order (the index is the nation's id in every stream path).
    pub nations: Vec<NationInput>,
    /// Base-year import shares, row-major `[importer · n + exporter]`: the share of the
    /// importer's spending on goods from the exporter (the diagonal is the domestic share).
    pub import_share: Vec<f64>,
    /// The trade elasticity ε of the trade model; a tariff t scales the taxed import flow by
    /// about `(1 + t)^(−ε)` (used for technology spillovers and contagion through that flow).
    pub elasticity: f64,
    /// The tariff a barrier raises.
    pub barrier_tariff: f64,
    /// Linked pairs sorted by `(a, b)`.
    pub links: Vec<Link>,
    /// The real-income model the stage payoffs came from, kept for policies that are not pairwise
    /// (a climate club's penalty tariff on every non-member at once).
    pub model: SharedModel,
}

/// A shared handle on a [`RealIncomeModel`], so an arena (and every clone of it) can solve
/// whole policies after it is built.
#[derive(Clone)]
pub struct SharedModel(pub Arc<dyn RealIncomeModel + Send>);

impl std::fmt::Debug for SharedModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedModel({} nations)", self.0.n_nations())
    }
}

impl SharedModel {
    /// Wraps a model.
    pub fn new(model: impl RealIncomeModel + Send + 'static) -> SharedModel {
        SharedModel(Arc::new(model))
    }
}

/// Why an arena cannot be built from the inputs.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ArenaError {
    /// The shares matrix does not match the nations.
    #[error("import_share has {got} entries; expected {expected} (nations squared)")]
    ShareShape {
        /// Entries given.
        got: usize,
        /// Entries expected.
        expected: usize,
    },
    /// A nation's numbers are unusable.
    #[error("nation {iso3}: {field} is {value}; expected a positive finite number")]
    BadNation {
        /// The nation.
        iso3: String,
        /// The field.
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// Fewer than two nations.
    #[error("a world needs at least 2 nations; got {0}")]
    TooSmall(usize),
    /// The real-income model failed on a pair.
    #[error("stage payoffs of the pair ({a}, {b}): {message}")]
    Model {
        /// ISO3 of one nation.
        a: String,
        /// ISO3 of the other.
        b: String,
        /// The model's message.
        message: String,
    },
}

/// The linked pairs: each nation's `k` largest import partners, as unordered pairs, sorted.
///
/// A pair is linked when either nation has the other among its top `k` partners by import
/// share, so every nation has at least `min(k, n − 1)` links and the pair count stays below
/// `k · n`. Ties are broken by the lower partner index so the set is deterministic.
pub fn top_partner_pairs(import_share: &[f64], n: usize, k: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::with_capacity(n * k);
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for i in 0..n {
        order.clear();
        order.extend((0..n).filter(|&j| j != i));
        order.sort_by(|&x, &y| import_share[i * n + y].total_cmp(&import_share[i * n + x]).then(x.cmp(&y)));
        for &j in order.iter().take(k) {
            pairs.push((i.min(j), i.max(j)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

impl ArenaWorld {
    /// Builds the arena: finds the links and solves each pair's stage game with `model`
    /// (three solves per pair, in parallel; each solve is independent, so the result does not
    /// depend on the number of threads).
    pub fn build(
        nations: Vec<NationInput>,
        import_share: Vec<f64>,
        elasticity: f64,
        barrier_tariff: f64,
        partners_per_nation: usize,
        model: SharedModel,
    ) -> Result<ArenaWorld, ArenaError> {
        let n = nations.len();
        if n < 2 {
            return Err(ArenaError::TooSmall(n));
        }
        if import_share.len() != n * n {
            return Err(ArenaError::ShareShape { got: import_share.len(), expected: n * n });
        }
        for nation in &nations {
            for (field, value) in [("population", nation.population), ("output", nation.output)] {
                if !(value.is_finite() && value > 0.0) {
                    return Err(ArenaError::BadNation { iso3: nation.iso3.clone(), field, value });
                }
            }
        }
        let pairs = top_partner_pairs(&import_share, n, partners_per_nation.min(n - 1));
        let t = barrier_tariff;
        let shared = model.clone();
        let model = shared.0.as_ref();
        let links = pairs
            .par_iter()
            .map(|&(a, b)| {
                let fail = |message: String| ArenaError::Model {
                    a: nations[a].iso3.clone(),
                    b: nations[b].iso3.clone(),
                    message,
                };
                let a_taxes_b = model.real_income_changes(&[(a, b, t)]).map_err(fail)?;
                let b_taxes_a = model.real_income_changes(&[(b, a, t)]).map_err(fail)?;
                let both = model.real_income_changes(&[(a, b, t), (b, a, t)]).map_err(fail)?;
                Ok(Link {
                    a,
                    b,
                    payoff_a: [[0.0, b_taxes_a[a]], [a_taxes_b[a], both[a]]],
                    payoff_b: [[0.0, a_taxes_b[b]], [b_taxes_a[b], both[b]]],
                })
            })
            .collect::<Result<Vec<Link>, ArenaError>>()?;
        Ok(ArenaWorld { nations, import_share, elasticity, barrier_tariff, links, model: shared })
    }

    /// Number of nations.
    pub fn n(&self) -> usize {
        self.nations.len()
    }

    /// The index of a nation by ISO3 code (case-insensitive).
    pub fn find(&self, iso3: &str) -> Option<usize> {
        self.nations.iter().position(|n| n.iso3.eq_ignore_ascii_case(iso3))
    }

    /// Symmetric bilateral trade flows `w[i·n + j] = π_ij Y_i + π_ji Y_j` (spending ≈ output),
    /// zero on the diagonal: the weights of the trade network.
    pub fn trade_flows(&self) -> Vec<f64> {
        let n = self.n();
        let mut w = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    w[i * n + j] = self.import_share[i * n + j] * self.nations[i].output
                        + self.import_share[j * n + i] * self.nations[j].output;
                }
            }
        }
        w
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small synthetic worlds for tests: a stand-in real-income model with a Prisoner's-Dilemma
    //! structure (a tariff gains the imposer a terms-of-trade share and costs the partner more).
    use super::*;

    /// A linear stand-in model: a tariff t by i on j changes i's income by
    /// `gain · t · π_ij` and j's by `−loss · t · π_ij · Y_i / Y_j`, and costs i a small
    /// efficiency loss `waste · t² · π_ij`.
    pub struct LinearModel {
        pub n: usize,
        pub share: Vec<f64>,
        pub output: Vec<f64>,
        pub gain: f64,
        pub loss: f64,
        pub waste: f64,
    }

    impl RealIncomeModel for LinearModel {
        fn n_nations(&self) -> usize {
            self.n
        }
        fn real_income_changes(&self, tariffs: &[(usize, usize, f64)]) -> Result<Vec<f64>, String> {
            let mut out = vec![0.0; self.n];
            for &(i, j, t) in tariffs {
                let pij = self.share[i * self.n + j];
                out[i] += self.gain * t * pij - self.waste * t * t * pij;
                out[j] -= self.loss * t * pij * self.output[i] / self.output[j];
            }
            Ok(out)
        }
    }

    /// A world of `n` nations on a ring-ish trade network with unequal sizes.
    pub fn small_world(n: usize, k: usize) -> ArenaWorld {
        let output: Vec<f64> = (0..n).map(|i| 100.0 * (1.0 + i as f64)).collect();
        let mut share = vec![0.0; n * n];
        for i in 0..n {
            let mut total = 0.0;
            for j in 0..n {
                if i != j {
                    let d = (i as f64 - j as f64).abs().min(n as f64 - (i as f64 - j as f64).abs());
                    share[i * n + j] = 0.3 * output[j] / d / (n as f64 * 100.0);
                    total += share[i * n + j];
                }
            }
            share[i * n + i] = 1.0 - total;
        }
        let nations = (0..n)
            .map(|i| NationInput {
                iso3: format!("N{}{}", (b'A' + (i / 26) as u8) as char, (b'A' + (i % 26) as u8) as char),
                name: format!("Nation {i}"),
                population: 10.0 + i as f64,
                output: output[i],
                capital: Some(3.0 * output[i]),
                depreciation: None,
                // Intensities vary between nations: every third nation is twice as dirty.
                co2_mt: Some(output[i] * if i % 3 == 0 { 2.0 } else { 1.0 }),
            })
            .collect();
        let model =
            LinearModel { n, share: share.clone(), output: output.clone(), gain: 0.5, loss: 0.8, waste: 0.6 };
        ArenaWorld::build(nations, share, 5.0, 0.25, k, SharedModel::new(model))
            .expect("valid synthetic world")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_partners_link_every_nation() {
        let w = testing::small_world(12, 3);
        let n = w.n();
        for i in 0..n {
            let degree = w.links.iter().filter(|l| l.a == i || l.b == i).count();
            assert!(degree >= 3, "nation {i} has {degree} links");
        }
        assert!(w.links.len() <= 3 * n);
        assert!(w.links.windows(2).all(|p| (p[0].a, p[0].b) < (p[1].a, p[1].b)));
    }

    #[test]
    fn stage_payoffs_come_from_the_model() {
        let w = testing::small_world(6, 2);
        for l in &w.links {
            assert_eq!(l.payoff_a[0][0], 0.0);
            // In the stand-in model a unilateral tariff pays and mutual tariffs hurt the partner.
            assert!(l.payoff_a[1][0] > 0.0 && l.payoff_a[0][1] < 0.0);
            assert!((l.payoff_a[1][1] - (l.payoff_a[1][0] + l.payoff_a[0][1])).abs() < 1e-12);
        }
    }

    #[test]
    fn bad_inputs_are_rejected_with_the_field() {
        let w = testing::small_world(3, 1);
        let mut nations = w.nations.clone();
        nations[1].population = 0.0;
        let model = testing::LinearModel {
            n: 3,
            share: w.import_share.clone(),
            output: vec![1.0; 3],
            gain: 0.0,
            loss: 0.0,
            waste: 0.0,
        };
        let err = ArenaWorld::build(nations, w.import_share.clone(), 5.0, 0.25, 1, SharedModel::new(model))
            .unwrap_err();
        assert!(err.to_string().contains("population"), "{err}");
    }
}
