//! DICE-2016R2 parameters and the exogenous paths derived from them (population, productivity,
//! carbon intensity, backstop price, land-use emissions, non-CO₂ forcing, discount factors).

use serde::{Deserialize, Serialize};

/// Every scalar of DICE-2016R2. `Params::default()` is the published calibration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Number of periods (100 in the published model).
    pub n_periods: usize,
    /// Years per period.
    pub tstep: f64,
    /// First calendar year (period 1).
    pub first_year: i32,
    /// Initial population (millions).
    pub pop0: f64,
    /// Asymptotic population (millions).
    pub pop_asym: f64,
    /// Population adjustment rate per period.
    pub pop_adj: f64,
    /// Initial total factor productivity.
    pub a0: f64,
    /// Initial productivity growth per period.
    pub ga0: f64,
    /// Decline rate of productivity growth per year.
    pub dela: f64,
    /// Capital share in the Cobb–Douglas production function.
    pub gama: f64,
    /// Depreciation rate of capital per year.
    pub dk: f64,
    /// Initial capital (trillion 2010 US$).
    pub k0: f64,
    /// Initial industrial emissions (GtCO₂/yr), used to calibrate σ₁.
    pub e0: f64,
    /// Initial world gross output (trillion 2010 US$), used to calibrate σ₁.
    pub q0: f64,
    /// Initial emissions control rate.
    pub miu0: f64,
    /// Initial growth of carbon intensity per year.
    pub gsigma1: f64,
    /// Decline rate of decarbonisation per year.
    pub dsig: f64,
    /// Backstop price in period 1 ($/tCO₂).
    pub pback: f64,
    /// Decline of the backstop price per period.
    pub gback: f64,
    /// Exponent of the abatement cost function θ₂.
    pub expcost2: f64,
    /// Upper limit of the control rate from period `miu_one_until` on.
    pub limmiu: f64,
    /// Periods before this one (1-based) have μ ≤ 1 (the published program uses t < 30).
    pub miu_one_until: usize,
    /// Land-use emissions in period 1 (GtCO₂/yr).
    pub eland0: f64,
    /// Decline of land-use emissions per period.
    pub deland: f64,
    /// Non-CO₂ forcing in 2015 (W/m²).
    pub fex0: f64,
    /// Non-CO₂ forcing in 2100 (W/m²).
    pub fex1: f64,
    /// Initial atmospheric carbon (GtC).
    pub mat0: f64,
    /// Initial upper-ocean carbon (GtC).
    pub mu0: f64,
    /// Initial lower-ocean carbon (GtC).
    pub ml0: f64,
    /// Equilibrium atmospheric carbon (GtC).
    pub mateq: f64,
    /// Equilibrium upper-ocean carbon (GtC).
    pub mueq: f64,
    /// Equilibrium lower-ocean carbon (GtC).
    pub mleq: f64,
    /// Carbon flow atmosphere → upper ocean per period.
    pub b12: f64,
    /// Carbon flow upper → lower ocean per period.
    pub b23: f64,
    /// Forcing of a CO₂ doubling (W/m²).
    pub fco22x: f64,
    /// Equilibrium climate sensitivity (°C per doubling).
    pub t2xco2: f64,
    /// Initial atmospheric temperature (°C above 1900).
    pub tatm0: f64,
    /// Initial lower-ocean temperature (°C above 1900).
    pub tocean0: f64,
    /// Speed of adjustment of atmospheric temperature.
    pub c1: f64,
    /// Heat transfer coefficient atmosphere → ocean.
    pub c3: f64,
    /// Heat transfer coefficient to the lower ocean.
    pub c4: f64,
    /// Quadratic damage coefficient.
    pub a2: f64,
    /// Elasticity of marginal utility of consumption.
    pub elasmu: f64,
    /// Pure rate of time preference per year.
    pub prstp: f64,
    /// Multiplicative welfare scaling.
    pub scale1: f64,
    /// Additive welfare scaling.
    pub scale2: f64,
    /// Cumulative industrial carbon in period 1 (GtC).
    pub cca0: f64,
    /// Limit on cumulative industrial carbon (GtC).
    pub fosslim: f64,
    /// Number of final periods whose saving rate is fixed at the long-run optimum.
    pub n_fixed_saving: usize,
    /// Base carbon price in period 1 ($/tCO₂) for the baseline run.
    pub cprice0: f64,
    /// Growth of the base carbon price per year.
    pub gcprice: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            n_periods: 100,
            tstep: 5.0,
            first_year: 2015,
            pop0: 7403.0,
            pop_asym: 11500.0,
            pop_adj: 0.134,
            a0: 5.115,
            ga0: 0.076,
            dela: 0.005,
            gama: 0.300,
            dk: 0.100,
            k0: 223.0,
            e0: 35.85,
            q0: 105.5,
            miu0: 0.03,
            gsigma1: -0.0152,
            dsig: -0.001,
            pback: 550.0,
            gback: 0.025,
            expcost2: 2.6,
            limmiu: 1.2,
            miu_one_until: 30,
            eland0: 2.6,
            deland: 0.115,
            fex0: 0.5,
            fex1: 1.0,
            mat0: 851.0,
            mu0: 460.0,
            ml0: 1740.0,
            mateq: 588.0,
            mueq: 360.0,
            mleq: 1720.0,
            b12: 0.12,
            b23: 0.007,
            fco22x: 3.6813,
            t2xco2: 3.1,
            tatm0: 0.85,
            tocean0: 0.0068,
            c1: 0.1005,
            c3: 0.088,
            c4: 0.025,
            a2: 0.00236,
            elasmu: 1.45,
            prstp: 0.015,
            scale1: 0.0302455265681763,
            scale2: -10993.704,
            cca0: 400.0,
            fosslim: 6000.0,
            n_fixed_saving: 10,
            cprice0: 2.0,
            gcprice: 0.02,
        }
    }
}

impl Params {
    /// Carbon-cycle transfer coefficients `(b11, b21, b22, b32, b33)` derived from the flows and
    /// the equilibrium reservoirs, as the published program computes them. (Rounded they are
    /// 0.88, 0.196, 0.797, 0.001465 and 0.998535; the unrounded values keep carbon conserved.)
    pub fn carbon_coefficients(&self) -> (f64, f64, f64, f64, f64) {
        let b11 = 1.0 - self.b12;
        let b21 = self.b12 * self.mateq / self.mueq;
        let b22 = 1.0 - b21 - self.b23;
        let b32 = self.b23 * self.mueq / self.mleq;
        let b33 = 1.0 - b32;
        (b11, b21, b22, b32, b33)
    }

    /// The long-run optimal saving rate that fixes s in the final periods.
    pub fn optlrsav(&self) -> f64 {
        (self.dk + 0.004) / (self.dk + 0.004 * self.elasmu + self.prstp) * self.gama
    }

    /// Carbon content conversion: GtC per GtCO₂.
    pub const C_PER_CO2: f64 = 1.0 / 3.666;

    /// Validates the calibration: periods, positive stocks, exponents that keep the model smooth.
    pub fn validate(&self) -> Result<(), crate::Error> {
        let check = |ok: bool, field: &'static str, value: f64, valid: &'static str| {
            if ok { Ok(()) } else { Err(crate::Error::InvalidParameter { field, value, valid }) }
        };
        check(self.n_periods >= 2, "n_periods", self.n_periods as f64, "at least 2")?;
        check(
            self.n_fixed_saving < self.n_periods,
            "n_fixed_saving",
            self.n_fixed_saving as f64,
            "fewer than n_periods",
        )?;
        check(self.tstep > 0.0, "tstep", self.tstep, "a positive number of years")?;
        check(self.expcost2 > 1.0, "expcost2", self.expcost2, "greater than 1")?;
        check(self.k0 > 0.0, "k0", self.k0, "positive")?;
        check(self.pop0 > 0.0, "pop0", self.pop0, "positive")?;
        check(self.elasmu > 0.0 && self.elasmu != 1.0, "elasmu", self.elasmu, "positive and not 1")?;
        check(self.limmiu >= 1.0, "limmiu", self.limmiu, "at least 1")?;
        Ok(())
    }
}

/// The exogenous paths of DICE-2016R2, one value per period (index 0 is period 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exogenous {
    /// Calendar year of each period.
    pub year: Vec<i32>,
    /// Population (millions).
    pub l: Vec<f64>,
    /// Total factor productivity.
    pub al: Vec<f64>,
    /// Carbon intensity of gross output (GtCO₂ per trillion $).
    pub sigma: Vec<f64>,
    /// Backstop price ($/tCO₂).
    pub pbacktime: Vec<f64>,
    /// Abatement cost coefficient θ₁.
    pub cost1: Vec<f64>,
    /// Land-use emissions (GtCO₂/yr).
    pub etree: Vec<f64>,
    /// Non-CO₂ forcing (W/m²).
    pub forcoth: Vec<f64>,
    /// Social discount factor.
    pub rr: Vec<f64>,
    /// Upper bound of the emissions control rate.
    pub miu_upper: Vec<f64>,
    /// Base carbon price of the baseline run ($/tCO₂).
    pub cprice_base: Vec<f64>,
}

impl Exogenous {
    /// Computes every exogenous path from the parameters.
    pub fn new(p: &Params) -> Exogenous {
        let n = p.n_periods;
        let mut x = Exogenous {
            year: Vec::with_capacity(n),
            l: Vec::with_capacity(n),
            al: Vec::with_capacity(n),
            sigma: Vec::with_capacity(n),
            pbacktime: Vec::with_capacity(n),
            cost1: Vec::with_capacity(n),
            etree: Vec::with_capacity(n),
            forcoth: Vec::with_capacity(n),
            rr: Vec::with_capacity(n),
            miu_upper: Vec::with_capacity(n),
            cprice_base: Vec::with_capacity(n),
        };
        let mut l = p.pop0;
        let mut al = p.a0;
        let mut sigma = p.e0 / (p.q0 * (1.0 - p.miu0));
        let mut gsig = p.gsigma1;
        for i in 0..n {
            let t = (i + 1) as f64;
            x.year.push(p.first_year + (p.tstep as i32) * i as i32);
            x.l.push(l);
            x.al.push(al);
            x.sigma.push(sigma);
            let pb = p.pback * (1.0 - p.gback).powf(t - 1.0);
            x.pbacktime.push(pb);
            x.cost1.push(pb * sigma / p.expcost2 / 1000.0);
            x.etree.push(p.eland0 * (1.0 - p.deland).powf(t - 1.0));
            // The published expression: a linear ramp to period 17, then fex0 + (fex1 − fex0),
            // which equals fex1 and keeps the path continuous at period 18.
            let forcoth = if i + 1 < 18 {
                p.fex0 + (1.0 / 17.0) * (p.fex1 - p.fex0) * (t - 1.0)
            } else {
                p.fex0 + (p.fex1 - p.fex0)
            };
            x.forcoth.push(forcoth);
            x.rr.push(1.0 / (1.0 + p.prstp).powf(p.tstep * (t - 1.0)));
            x.miu_upper.push(if i + 1 < p.miu_one_until { 1.0 } else { p.limmiu });
            x.cprice_base.push(p.cprice0 * (1.0 + p.gcprice).powf(p.tstep * (t - 1.0)));

            // Advance to the next period.
            let ga = p.ga0 * (-p.dela * p.tstep * (t - 1.0)).exp();
            l *= (p.pop_asym / l).powf(p.pop_adj);
            al /= 1.0 - ga;
            sigma *= (gsig * p.tstep).exp();
            gsig *= (1.0 + p.dsig).powf(p.tstep);
        }
        x
    }

    /// Number of periods.
    pub fn len(&self) -> usize {
        self.l.len()
    }

    /// True when there are no periods.
    pub fn is_empty(&self) -> bool {
        self.l.is_empty()
    }
}
