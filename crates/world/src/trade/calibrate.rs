//! Base-year import shares for every nation: ICIO shares where both nations are covered, a
//! calibrated structural-gravity fill elsewhere.
//!
//! **ICIO part.** The OECD ICIO file has bilateral flows of *intermediate* inputs only, domestic
//! diagonal included; final-goods trade is not split by partner. We take each covered importer's
//! intermediate-input sourcing shares (domestic included) as the sourcing shares of its whole
//! absorption, i.e. final goods are assumed sourced like intermediates, and rescale them to the
//! part of the importer's absorption the covered exporters supply. Hong Kong (`HKG`) is in the
//! ICIO tables but not among the 196 nations; its flows are added to China's.
//!
//! **Gravity fill.** Pairs with an uncovered nation get structural-gravity shares
//! `πᵢⱼ = Tᵢ φᵢⱼ / Σₖ Tₖ φₖⱼ` with bilateral resistance
//! `φᵢⱼ = distᵢⱼ^β · exp(γ·contiguityᵢⱼ) · exp(δ·[i ≠ j])`: distance between capitals by the
//! haversine formula, internal distance `0.67·√(area/π)`, contiguity from `borders.csv`, β and γ
//! from the PPML fit with domestic flows in `gravity_coefficients.csv` (`ppml_fe_with_domestic`).
//! The exporter terms `Tᵢ` are solved so that every nation's sales equal its GDP (the structural
//! multilateral-resistance condition). The border effect δ is calibrated by bisection so that the
//! gravity model reproduces the covered nations' aggregate openness (expenditure-weighted import
//! share of absorption) measured in the ICIO data; the fitted δ of the PPML (−3.83) is reported
//! beside it for comparison.
//!
//! **Combining.** Covered importer `j`: uncovered exporters get their gravity shares and covered
//! exporters share the rest in ICIO proportions, so among covered exporters the modelled shares
//! reproduce the ICIO shares exactly. Uncovered importer: gravity shares throughout.
//! Expenditure is each nation's GDP ([`crate::data::Nation::gdp_musd`], source recorded).
//!
//! **Balance.** Combining 2017 GDP with 2022 sourcing shares and a gravity fill implies
//! imbalances `Eⱼ − Yⱼ` (expenditure minus the labour income the shares imply) of up to a few
//! tenths of GDP that are artefacts of the data's mix, not measured trade deficits. Held fixed,
//! they would act as transfers whose value moves with prices and would let a deficit nation
//! "gain" from a world tariff war. [`Calibration::base`] therefore removes them first
//! (Dekle–Eaton–Kortum 2008: the equilibrium of the same economy with zero deficits becomes the
//! base year); [`Calibration::unbalanced`] keeps the shares exactly as calibrated.

use super::{TradeBase, TradeError, invalid};
use crate::data::WorldData;
use std::collections::HashMap;

/// Options of the calibration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CalibrationOptions {
    /// Trade elasticity ε of the resulting base.
    pub epsilon: f64,
    /// Gravity specification in `gravity_coefficients.csv` whose `ln_distance` and `contiguity`
    /// terms are used.
    pub gravity_spec: &'static str,
}

impl Default for CalibrationOptions {
    fn default() -> Self {
        CalibrationOptions { epsilon: super::DEFAULT_EPSILON, gravity_spec: "ppml_fe_with_domestic" }
    }
}

/// The calibrated base and what the calibration found.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// The base economy to use (nations in the order of the world data): the calibrated shares
    /// with trade balanced by [`TradeBase::balanced`] (see the module doc, "Balance").
    pub base: TradeBase,
    /// The calibrated shares before balancing: ICIO shares where covered, gravity elsewhere,
    /// with the implied imbalances `Eⱼ − Σᵢ πⱼᵢ Eᵢ` held as deficits.
    pub unbalanced: TradeBase,
    /// Whether ICIO covers each nation.
    pub covered: Vec<bool>,
    /// Distance elasticity β used.
    pub distance_elasticity: f64,
    /// Contiguity coefficient γ used.
    pub contiguity: f64,
    /// Calibrated border effect δ.
    pub border_effect: f64,
    /// The PPML's own border coefficient, for comparison (when the data carry it).
    pub fitted_border_effect: Option<f64>,
    /// Covered nations' aggregate openness in the ICIO data (the calibration target).
    pub target_openness: f64,
    /// The same aggregate under the calibrated gravity model.
    pub gravity_openness: f64,
    /// ICIO sourcing shares among covered exporters, `[importer * n + exporter]`, zero where
    /// either nation is uncovered (what the modelled shares must reproduce).
    pub icio_shares: Vec<f64>,
}

/// Haversine great-circle distance in km between two points given in degrees.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Internal distance of a nation of `area_km2`: 0.67·√(area/π) (Head & Mayer 2002).
pub fn internal_distance_km(area_km2: f64) -> f64 {
    0.67 * (area_km2 / std::f64::consts::PI).sqrt()
}

/// Builds the 196-nation base from world data (see the module doc).
pub fn calibrate(world: &WorldData, options: &CalibrationOptions) -> Result<Calibration, TradeError> {
    let nations = &world.nations;
    let n = nations.len();
    let coef = |term: &str| {
        world.gravity_coefficient(options.gravity_spec, term).ok_or_else(|| {
            invalid(
                "gravity_coefficients.csv",
                format!(
                    "no `{term}` term for spec `{}`; the spec needs `ln_distance` and `contiguity`",
                    options.gravity_spec
                ),
            )
        })
    };
    let beta = coef("ln_distance")?;
    let gamma = coef("contiguity")?;
    let fitted_border_effect = world.gravity_coefficient(options.gravity_spec, "international_border");
    let expenditure: Vec<f64> = nations.iter().map(|x| x.gdp_musd).collect();

    // ICIO flows folded onto the nations (HKG into CHN), importer-major.
    let index: HashMap<&str, usize> = nations.iter().enumerate().map(|(i, x)| (x.iso3.as_str(), i)).collect();
    let fold = |code: &str| -> Option<usize> {
        let code = if code == "HKG" { "CHN" } else { code };
        index.get(code).copied()
    };
    let mut flows = vec![0.0; n * n];
    let mut covered = vec![false; n];
    for f in &world.icio_flows {
        if let (Some(i), Some(j)) = (fold(&f.exporter), fold(&f.importer)) {
            flows[j * n + i] += f.flow_musd;
            covered[i] = true;
            covered[j] = true;
        }
    }
    let mut icio_shares = vec![0.0; n * n];
    let mut target_num = 0.0;
    let mut target_den = 0.0;
    for j in (0..n).filter(|&j| covered[j]) {
        let total: f64 = (0..n).filter(|&i| covered[i]).map(|i| flows[j * n + i]).sum();
        if total <= 0.0 || flows[j * n + j] <= 0.0 {
            return Err(invalid(
                format!("icio flows[importer {}]", nations[j].iso3),
                "no domestic or total inputs; a covered economy needs a positive domestic flow",
            ));
        }
        for i in (0..n).filter(|&i| covered[i]) {
            icio_shares[j * n + i] = flows[j * n + i] / total;
        }
        target_num += expenditure[j] * (1.0 - icio_shares[j * n + j]);
        target_den += expenditure[j];
    }
    let target_openness = if target_den > 0.0 { target_num / target_den } else { 0.0 };

    // Geography.
    let mut log_resistance = vec![0.0; n * n]; // β·ln dist + γ·contiguity, without the border
    let mut contiguous = vec![false; n * n];
    for b in &world.borders {
        if let (Some(&a), Some(&c)) = (index.get(b.a.as_str()), index.get(b.b.as_str())) {
            contiguous[a * n + c] = true;
            contiguous[c * n + a] = true;
        }
    }
    for j in 0..n {
        for i in 0..n {
            let dist = if i == j {
                internal_distance_km(nations[i].area_km2)
            } else {
                let (a, b) = (&nations[i], &nations[j]);
                // Capitals a few km apart (Rome and San Marino are not, but enclaves can be)
                // must not get a shorter distance than a nation's own interior.
                haversine_km(a.capital_lat, a.capital_lon, b.capital_lat, b.capital_lon).max(1.0)
            };
            log_resistance[j * n + i] = beta * dist.ln() + if contiguous[j * n + i] { gamma } else { 0.0 };
        }
    }

    let any_covered = covered.iter().any(|&c| c);
    let openness = |gravity: &[f64]| -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for j in (0..n).filter(|&j| covered[j]) {
            num += expenditure[j] * (1.0 - gravity[j * n + j]);
            den += expenditure[j];
        }
        num / den
    };
    // Bisection on the border effect: openness rises with δ (a smaller border penalty).
    let (mut lo, mut hi) = (-20.0_f64, 5.0_f64);
    let mut delta = fitted_border_effect.unwrap_or(-3.8);
    let mut exporter_terms = vec![1.0; n];
    let mut gravity = gravity_shares(n, &log_resistance, delta, &expenditure, &mut exporter_terms)?;
    if any_covered {
        for _ in 0..60 {
            delta = 0.5 * (lo + hi);
            gravity = gravity_shares(n, &log_resistance, delta, &expenditure, &mut exporter_terms)?;
            if openness(&gravity) < target_openness {
                lo = delta;
            } else {
                hi = delta;
            }
            if hi - lo < 1e-10 {
                break;
            }
        }
    }
    let gravity_openness = if any_covered { openness(&gravity) } else { 0.0 };

    let mut shares = gravity.clone();
    for j in (0..n).filter(|&j| covered[j]) {
        let uncovered_part: f64 = (0..n).filter(|&i| !covered[i]).map(|i| gravity[j * n + i]).sum();
        for i in (0..n).filter(|&i| covered[i]) {
            shares[j * n + i] = (1.0 - uncovered_part) * icio_shares[j * n + i];
        }
    }
    // Rows sum to 1 up to rounding; make it exact so identities hold to machine precision.
    for j in 0..n {
        let s: f64 = shares[j * n..(j + 1) * n].iter().sum();
        shares[j * n..(j + 1) * n].iter_mut().for_each(|v| *v /= s);
    }
    let iso3 = nations.iter().map(|x| x.iso3.clone()).collect();
    let unbalanced = TradeBase::new(iso3, shares, expenditure, options.epsilon)?;
    let base = unbalanced.balanced()?;
    Ok(Calibration {
        base,
        unbalanced,
        covered,
        distance_elasticity: beta,
        contiguity: gamma,
        border_effect: delta,
        fitted_border_effect,
        target_openness,
        gravity_openness,
        icio_shares,
    })
}

/// Structural-gravity shares with exporter terms solved so that each nation's sales equal its
/// expenditure (GDP): `Σⱼ πᵢⱼ Eⱼ = Eᵢ`. `t` holds the exporter terms: the start on entry (warm
/// from the previous δ of the bisection), the solution on exit.
fn gravity_shares(
    n: usize,
    log_resistance: &[f64],
    delta: f64,
    expenditure: &[f64],
    t: &mut [f64],
) -> Result<Vec<f64>, TradeError> {
    let mut phi = vec![0.0; n * n];
    for j in 0..n {
        for i in 0..n {
            let border = if i == j { 0.0 } else { delta };
            phi[j * n + i] = (log_resistance[j * n + i] + border).exp();
        }
    }
    let mut shares = vec![0.0; n * n];
    let mut sales = vec![0.0; n];
    for _ in 0..10_000 {
        sales.iter_mut().for_each(|s| *s = 0.0);
        for j in 0..n {
            let row = &phi[j * n..(j + 1) * n];
            let denom: f64 = row.iter().zip(t.iter()).map(|(p, t)| p * t).sum();
            for i in 0..n {
                let s = t[i] * row[i] / denom;
                shares[j * n + i] = s;
                sales[i] += s * expenditure[j];
            }
        }
        let mut worst = 0.0f64;
        for i in 0..n {
            let ratio = expenditure[i] / sales[i];
            worst = worst.max((ratio - 1.0).abs());
            t[i] *= ratio;
        }
        if worst < 1e-11 {
            return Ok(shares);
        }
    }
    Err(invalid("gravity fill", "the exporter terms of the gravity model did not converge"))
}

/// Calibrates the embedded 196-nation world with the default options.
pub fn default_base() -> Result<Calibration, TradeError> {
    calibrate(WorldData::embedded(), &CalibrationOptions::default())
}
