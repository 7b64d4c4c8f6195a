//! The DICE-2016R2 equations: a forward simulation for given abatement and saving paths, and its
//! reverse-mode adjoint (exact gradient of welfare with respect to every control and to emissions
//! and consumption in every period).
//!
//! The simulation is written over two abatement aggregates per period so that one world and n
//! nations share the same code: `abated` m(t), the fraction of uncontrolled industrial emissions
//! avoided, and `cost_index` q(t), abatement cost as a multiple of Y_gross·θ₁(t). For the single
//! world of the published model m = μ and q = μ^θ₂; for nations with emission shares eᵢ,
//! m = Σ eᵢ·μᵢ and q = Σ eᵢ·μᵢ^θ₂ (each nation on the same cost curve in $/tCO₂).

use crate::params::{Exogenous, Params};
use serde::Serialize;

/// Every variable of a simulated path, one value per period (index 0 is period 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Path {
    /// Capital (trillion 2010 US$).
    pub k: Vec<f64>,
    /// Gross output before damages and abatement (trillion 2010 US$/yr).
    pub ygross: Vec<f64>,
    /// Damage fraction Ω.
    pub damfrac: Vec<f64>,
    /// Damages (trillion 2010 US$/yr).
    pub damages: Vec<f64>,
    /// Abatement cost (trillion 2010 US$/yr).
    pub abatecost: Vec<f64>,
    /// Output net of damages and abatement (trillion 2010 US$/yr).
    pub y: Vec<f64>,
    /// Investment (trillion 2010 US$/yr).
    pub i: Vec<f64>,
    /// Consumption (trillion 2010 US$/yr).
    pub c: Vec<f64>,
    /// Consumption per head (thousand 2010 US$/yr).
    pub cpc: Vec<f64>,
    /// Industrial emissions (GtCO₂/yr).
    pub eind: Vec<f64>,
    /// Total emissions (GtCO₂/yr).
    pub e: Vec<f64>,
    /// Cumulative industrial carbon (GtC).
    pub cca: Vec<f64>,
    /// Atmospheric carbon (GtC).
    pub mat: Vec<f64>,
    /// Upper-ocean carbon (GtC).
    pub mu: Vec<f64>,
    /// Lower-ocean carbon (GtC).
    pub ml: Vec<f64>,
    /// Radiative forcing (W/m²).
    pub forc: Vec<f64>,
    /// Atmospheric temperature (°C above 1900).
    pub tatm: Vec<f64>,
    /// Lower-ocean temperature (°C above 1900).
    pub tocean: Vec<f64>,
    /// Period utility.
    pub periodu: Vec<f64>,
    /// Welfare W (the published objective, scaled).
    pub welfare: f64,
}

impl Path {
    fn resize(&mut self, n: usize) {
        for v in [
            &mut self.k,
            &mut self.ygross,
            &mut self.damfrac,
            &mut self.damages,
            &mut self.abatecost,
            &mut self.y,
            &mut self.i,
            &mut self.c,
            &mut self.cpc,
            &mut self.eind,
            &mut self.e,
            &mut self.cca,
            &mut self.mat,
            &mut self.mu,
            &mut self.ml,
            &mut self.forc,
            &mut self.tatm,
            &mut self.tocean,
            &mut self.periodu,
        ] {
            v.clear();
            v.resize(n, 0.0);
        }
    }
}

/// The model with its exogenous paths precomputed: the object every run and the nations' game use.
#[derive(Debug, Clone)]
pub struct Dice {
    /// The parameters.
    pub params: Params,
    /// The exogenous paths.
    pub exo: Exogenous,
}

/// Sensitivities of welfare returned by the adjoint, one value per period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sensitivities {
    /// ∂W/∂m(t), holding q fixed.
    pub d_abated: Vec<f64>,
    /// ∂W/∂q(t), holding m fixed.
    pub d_cost_index: Vec<f64>,
    /// ∂W/∂s(t).
    pub d_saving: Vec<f64>,
    /// ∂W/∂E(t): an extra GtCO₂/yr of emissions in period t, all controls fixed.
    pub d_emissions: Vec<f64>,
    /// ∂W/∂C(t): an extra trillion $/yr of consumption in period t.
    pub d_consumption: Vec<f64>,
}

impl Sensitivities {
    /// Social cost of carbon by period, −1000·(∂W/∂E)/(∂W/∂C), in $/tCO₂. (The published
    /// program adds 1e-5 to ∂W/∂C to guard the division; that changes only far-future values,
    /// where ∂W/∂C is itself of that order, and is left out here.)
    pub fn scc(&self) -> Vec<f64> {
        self.d_emissions.iter().zip(&self.d_consumption).map(|(de, dc)| -1000.0 * de / dc).collect()
    }
}

impl Dice {
    /// The published DICE-2016R2 model.
    pub fn standard() -> Dice {
        Dice::new(Params::default()).expect("the default calibration is valid")
    }

    /// A model from validated parameters.
    pub fn new(params: Params) -> Result<Dice, crate::Error> {
        params.validate()?;
        let exo = Exogenous::new(&params);
        Ok(Dice { params, exo })
    }

    /// Number of periods.
    pub fn n_periods(&self) -> usize {
        self.params.n_periods
    }

    /// Simulates the world for given emissions-control and saving paths (μ and s, one value per
    /// period). Lengths must equal the number of periods.
    pub fn simulate(&self, mu: &[f64], s: &[f64]) -> Result<Path, crate::Error> {
        self.check_len("mu", mu.len())?;
        self.check_len("s", s.len())?;
        let theta2 = self.params.expcost2;
        let q: Vec<f64> = mu.iter().map(|&m| m.max(0.0).powf(theta2)).collect();
        let mut path = Path::default();
        self.simulate_aggregate(mu, &q, s, &mut path);
        Ok(path)
    }

    pub(crate) fn check_len(&self, field: &'static str, got: usize) -> Result<(), crate::Error> {
        if got == self.n_periods() {
            Ok(())
        } else {
            Err(crate::Error::PathLength { field, got, expected: self.n_periods() })
        }
    }

    /// Forward simulation over the abatement aggregates (see the module docs); fills `path`.
    pub fn simulate_aggregate(&self, abated: &[f64], cost_index: &[f64], s: &[f64], path: &mut Path) {
        let p = &self.params;
        let x = &self.exo;
        let n = p.n_periods;
        path.resize(n);
        let (b11, b21, b22, b32, b33) = p.carbon_coefficients();
        let dep = (1.0 - p.dk).powf(p.tstep);
        let lambda = p.fco22x / p.t2xco2;
        let to_gtc = p.tstep * Params::C_PER_CO2;
        let mut welfare = 0.0;
        for t in 0..n {
            if t == 0 {
                path.k[0] = p.k0;
                path.mat[0] = p.mat0;
                path.mu[0] = p.mu0;
                path.ml[0] = p.ml0;
                path.tatm[0] = p.tatm0;
                path.tocean[0] = p.tocean0;
                path.cca[0] = p.cca0;
            }
            let ygross = x.al[t] * (x.l[t] / 1000.0).powf(1.0 - p.gama) * path.k[t].powf(p.gama);
            let damfrac = p.a2 * path.tatm[t] * path.tatm[t];
            let abatecost = ygross * x.cost1[t] * cost_index[t];
            let y = ygross * (1.0 - damfrac) - abatecost;
            let inv = s[t] * y;
            let c = y - inv;
            let cpc = 1000.0 * c / x.l[t];
            let eind = x.sigma[t] * ygross * (1.0 - abated[t]);
            let e = eind + x.etree[t];
            let periodu = (cpc.powf(1.0 - p.elasmu) - 1.0) / (1.0 - p.elasmu) - 1.0;
            path.ygross[t] = ygross;
            path.damfrac[t] = damfrac;
            path.damages[t] = ygross * damfrac;
            path.abatecost[t] = abatecost;
            path.y[t] = y;
            path.i[t] = inv;
            path.c[t] = c;
            path.cpc[t] = cpc;
            path.eind[t] = eind;
            path.e[t] = e;
            path.periodu[t] = periodu;
            path.forc[t] = p.fco22x * (path.mat[t] / p.mateq).log2() + x.forcoth[t];
            welfare += periodu * x.l[t] * x.rr[t];
            if t + 1 < n {
                path.k[t + 1] = dep * path.k[t] + p.tstep * inv;
                path.cca[t + 1] = path.cca[t] + eind * to_gtc;
                path.mat[t + 1] = b11 * path.mat[t] + b21 * path.mu[t] + to_gtc * e;
                path.mu[t + 1] = p.b12 * path.mat[t] + b22 * path.mu[t] + b32 * path.ml[t];
                path.ml[t + 1] = b33 * path.ml[t] + p.b23 * path.mu[t];
                let forc_next = p.fco22x * (path.mat[t + 1] / p.mateq).log2() + x.forcoth[t + 1];
                path.tatm[t + 1] = path.tatm[t]
                    + p.c1 * (forc_next - lambda * path.tatm[t] - p.c3 * (path.tatm[t] - path.tocean[t]));
                path.tocean[t + 1] = path.tocean[t] + p.c4 * (path.tatm[t] - path.tocean[t]);
            }
        }
        path.welfare = p.tstep * p.scale1 * welfare + p.scale2;
    }

    /// Reverse-mode adjoint of [`Dice::simulate_aggregate`] along `path` (which must come from the
    /// same inputs): the exact derivatives of welfare. Fills `out`.
    pub fn adjoint(&self, abated: &[f64], s: &[f64], path: &Path, out: &mut Sensitivities) {
        let p = &self.params;
        let x = &self.exo;
        let n = p.n_periods;
        for v in [
            &mut out.d_abated,
            &mut out.d_cost_index,
            &mut out.d_saving,
            &mut out.d_emissions,
            &mut out.d_consumption,
        ] {
            v.clear();
            v.resize(n, 0.0);
        }
        let (b11, b21, b22, b32, b33) = p.carbon_coefficients();
        let dep = (1.0 - p.dk).powf(p.tstep);
        let lambda = p.fco22x / p.t2xco2;
        let to_gtc = p.tstep * Params::C_PER_CO2;
        let wscale = p.tstep * p.scale1;
        // Costates: ∂W/∂(state at t+1), zero beyond the horizon.
        let (mut lk, mut lmat, mut lmu, mut lml, mut lt, mut lto) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        for t in (0..n).rev() {
            // MAT(t+1) also moves T_AT(t+1) through the forcing of period t+1.
            let dmat_next = if t + 1 < n {
                lmat + lt * p.c1 * p.fco22x / (path.mat[t + 1] * std::f64::consts::LN_2)
            } else {
                0.0
            };
            let l_e = dmat_next * to_gtc;
            // ∂W/∂C: utility of consumption per head, c^(−η), times 1000/L, times L·R·scale.
            let l_c = wscale * x.rr[t] * 1000.0 * path.cpc[t].powf(-p.elasmu);
            let l_inv = lk * p.tstep;
            let l_y = l_c * (1.0 - s[t]) + l_inv * s[t];
            let ygross = path.ygross[t];
            let l_ygross = l_y * (1.0 - path.damfrac[t] - path.abatecost[t] / ygross)
                + l_e * x.sigma[t] * (1.0 - abated[t]);
            out.d_saving[t] = path.y[t] * (l_inv - l_c);
            out.d_emissions[t] = l_e;
            out.d_consumption[t] = l_c;
            out.d_abated[t] = -l_e * x.sigma[t] * ygross;
            out.d_cost_index[t] = -l_y * ygross * x.cost1[t];
            let l_tatm_local = -l_y * ygross * 2.0 * p.a2 * path.tatm[t];

            let new_lk = lk * dep + l_ygross * p.gama * ygross / path.k[t];
            let new_lmat = dmat_next * b11 + lmu * p.b12;
            let new_lmu = dmat_next * b21 + lmu * b22 + lml * p.b23;
            let new_lml = lmu * b32 + lml * b33;
            let new_lt = lt * (1.0 - p.c1 * lambda - p.c1 * p.c3) + lto * p.c4 + l_tatm_local;
            let new_lto = lt * p.c1 * p.c3 + lto * (1.0 - p.c4);
            (lk, lmat, lmu, lml, lt, lto) = (new_lk, new_lmat, new_lmu, new_lml, new_lt, new_lto);
        }
    }
}
