//! DICE-2016R2 checked three ways: the equations' arithmetic by hand for fixed paths, the adjoint
//! against finite differences, and the solved runs against the published results and their own
//! optimality conditions.

use commonweal_climate::{Dice, Params, RunKind, runs};

/// Fixed control paths used by the arithmetic tests: μ = 0.03 and s = 0.25 in every period.
fn fixed_paths(dice: &Dice) -> (Vec<f64>, Vec<f64>) {
    (vec![0.03; dice.n_periods()], vec![0.25; dice.n_periods()])
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn exogenous_paths_follow_their_definitions() {
    let dice = Dice::standard();
    let x = &dice.exo;
    assert_eq!(x.year[0], 2015);
    assert_eq!(x.year[17], 2100);
    assert!(close(x.l[1], 7403.0 * (11500.0f64 / 7403.0).powf(0.134), 1e-14));
    assert!(close(x.al[1], 5.115 / (1.0 - 0.076), 1e-14));
    assert!(close(x.al[2], x.al[1] / (1.0 - 0.076 * (-0.025f64).exp()), 1e-14));
    let sigma1 = 35.85 / (105.5 * 0.97);
    assert!(close(x.sigma[0], sigma1, 1e-14));
    assert!(close(x.sigma[1], sigma1 * (-0.0152f64 * 5.0).exp(), 1e-14));
    assert!(close(x.sigma[2], x.sigma[1] * (-0.0152 * 0.999f64.powi(5) * 5.0).exp(), 1e-14));
    assert!(close(x.pbacktime[3], 550.0 * 0.975f64.powi(3), 1e-14));
    assert!(close(x.cost1[0], 550.0 * sigma1 / 2.6 / 1000.0, 1e-14));
    assert!(close(x.etree[2], 2.6 * 0.885f64.powi(2), 1e-14));
    // Non-CO₂ forcing ramps from 0.5 to 1.0 over periods 1–18 and then stays at 1.0.
    assert_eq!(x.forcoth[0], 0.5);
    assert!(close(x.forcoth[16], 0.5 + 16.0 / 17.0 * 0.5, 1e-14));
    assert!(close(x.forcoth[17], 1.0, 1e-15) && close(x.forcoth[99], 1.0, 1e-15));
    assert!(close(x.rr[1], 1.015f64.powi(-5), 1e-14));
    // μ ≤ 1 in periods 1–29, ≤ 1.2 from period 30 (2160) on.
    assert_eq!(x.miu_upper[28], 1.0);
    assert_eq!(x.miu_upper[29], 1.2);
}

/// The first period and the step to the second, written out from the model equations with their
/// literal coefficients.
#[test]
fn first_periods_match_hand_computation() {
    let dice = Dice::standard();
    let (mu, s) = fixed_paths(&dice);
    let path = dice.simulate(&mu, &s).unwrap();

    let sigma1 = 35.85 / (105.5 * 0.97);
    let ygross1 = 5.115 * (7403.0f64 / 1000.0).powf(0.7) * 223.0f64.powf(0.3);
    let omega1 = 0.00236 * 0.85 * 0.85;
    let lambda1 = ygross1 * (550.0 * sigma1 / 2.6 / 1000.0) * 0.03f64.powf(2.6);
    let y1 = ygross1 * (1.0 - omega1) - lambda1;
    let e1 = sigma1 * ygross1 * 0.97 + 2.6;
    assert!(close(path.ygross[0], ygross1, 1e-14));
    assert!(close(path.damfrac[0], omega1, 1e-14));
    assert!(close(path.abatecost[0], lambda1, 1e-13));
    assert!(close(path.y[0], y1, 1e-14));
    assert!(close(path.c[0], 0.75 * y1, 1e-14));
    assert!(close(path.cpc[0], 1000.0 * 0.75 * y1 / 7403.0, 1e-14));
    assert!(close(path.e[0], e1, 1e-14));
    // Calibration: σ₁ is set so that period-1 industrial emissions are 35.85 Gt at output 105.5.
    assert!(close(path.eind[0] / path.ygross[0], 35.85 / 105.5, 1e-14));
    assert!(close(path.forc[0], 3.6813 * (851.0f64 / 588.0).log2() + 0.5, 1e-14));

    let b32 = 0.007 * 360.0 / 1720.0;
    let k2 = 0.9f64.powi(5) * 223.0 + 5.0 * 0.25 * y1;
    let mat2 = 0.88 * 851.0 + 0.196 * 460.0 + 5.0 / 3.666 * e1;
    let mu2 = 0.12 * 851.0 + 0.797 * 460.0 + b32 * 1740.0;
    let ml2 = (1.0 - b32) * 1740.0 + 0.007 * 460.0;
    let forc2 = 3.6813 * (mat2 / 588.0).ln() / 2.0f64.ln() + 0.5 + 0.5 / 17.0;
    let tatm2 = 0.85 + 0.1005 * (forc2 - 3.6813 / 3.1 * 0.85 - 0.088 * (0.85 - 0.0068));
    let tocean2 = 0.0068 + 0.025 * (0.85 - 0.0068);
    assert!(close(path.k[1], k2, 1e-14));
    assert!(close(path.mat[1], mat2, 1e-14));
    assert!(close(path.mu[1], mu2, 1e-14));
    assert!(close(path.ml[1], ml2, 1e-14));
    assert!(close(path.forc[1], forc2, 1e-13));
    assert!(close(path.tatm[1], tatm2, 1e-13));
    assert!(close(path.tocean[1], tocean2, 1e-13));
    assert!(close(path.cca[1], 400.0 + 5.0 / 3.666 * (e1 - 2.6), 1e-14));

    let l2 = 7403.0 * (11500.0f64 / 7403.0).powf(0.134);
    let ygross2 = 5.115 / (1.0 - 0.076) * (l2 / 1000.0).powf(0.7) * k2.powf(0.3);
    assert!(close(path.ygross[1], ygross2, 1e-14));
    assert!(close(path.damfrac[1], 0.00236 * tatm2 * tatm2, 1e-13));
}

#[test]
fn welfare_is_the_discounted_sum_of_period_utilities() {
    let dice = Dice::standard();
    let (mu, s) = fixed_paths(&dice);
    let path = dice.simulate(&mu, &s).unwrap();
    let mut sum = 0.0;
    for t in 0..dice.n_periods() {
        let c = 1000.0 * path.c[t] / dice.exo.l[t];
        let u = (c.powf(-0.45) - 1.0) / -0.45 - 1.0;
        sum += u * dice.exo.l[t] * 1.015f64.powf(-5.0 * t as f64);
    }
    assert!(close(path.welfare, 5.0 * 0.0302455265681763 * sum - 10993.704, 1e-12));
}

#[test]
fn carbon_is_conserved_between_reservoirs() {
    let dice = Dice::standard();
    let (mu, s) = fixed_paths(&dice);
    let path = dice.simulate(&mu, &s).unwrap();
    for t in 0..dice.n_periods() - 1 {
        let before = path.mat[t] + path.mu[t] + path.ml[t];
        let after = path.mat[t + 1] + path.mu[t + 1] + path.ml[t + 1];
        assert!(close(after - before, 5.0 / 3.666 * path.e[t], 1e-9), "period {}", t + 1);
    }
}

#[test]
fn more_abatement_means_less_warming_and_higher_cost() {
    let dice = Dice::standard();
    let (low, s) = fixed_paths(&dice);
    let high: Vec<f64> = (0..dice.n_periods()).map(|t| if t == 0 { 0.03 } else { 0.6 }).collect();
    let a = dice.simulate(&low, &s).unwrap();
    let b = dice.simulate(&high, &s).unwrap();
    assert!(b.tatm[17] < a.tatm[17] - 0.3);
    assert!(b.abatecost[1] > a.abatecost[1]);
    // Full abatement removes industrial emissions entirely.
    let full = vec![1.0; dice.n_periods()];
    let c = dice.simulate(&full, &s).unwrap();
    assert!(c.eind.iter().all(|&e| e.abs() < 1e-12));
}

#[test]
fn wrong_path_length_names_the_field() {
    let dice = Dice::standard();
    let err = dice.simulate(&[0.1; 10], &[0.2; 100]).unwrap_err();
    assert_eq!(err.to_string(), "path `mu` has 10 periods; the model has 100");
    let bad = Params { n_periods: 1, ..Params::default() };
    assert!(Dice::new(bad).unwrap_err().to_string().contains("`n_periods`"));
}

/// Smooth, varied interior controls without randomness.
fn interior_paths(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mu = (0..n).map(|t| 0.2 + 0.6 * (0.5 + 0.5 * (0.37 * t as f64).sin())).collect();
    let s = (0..n).map(|t| 0.22 + 0.05 * (0.5 + 0.5 * (0.23 * t as f64).cos())).collect();
    (mu, s)
}

/// The adjoint's ∂W/∂μ, ∂W/∂s and ∂W/∂E against central finite differences of the simulation.
#[test]
fn adjoint_gradient_matches_finite_differences() {
    let mut dice = Dice::standard();
    let n = dice.n_periods();
    let (mu, s) = interior_paths(n);
    let theta2 = dice.params.expcost2;
    let q: Vec<f64> = mu.iter().map(|m: &f64| m.powf(theta2)).collect();
    let mut path = commonweal_climate::Path::default();
    let mut sens = commonweal_climate::Sensitivities::default();
    dice.simulate_aggregate(&mu, &q, &s, &mut path);
    dice.adjoint(&mu, &s, &path, &mut sens);
    let welfare = |dice: &Dice, mu: &[f64], s: &[f64]| dice.simulate(mu, s).unwrap().welfare;

    // The step balances truncation (∝ h²) against rounding in W (≈ 1e-11 absolute, ∝ 1/h).
    let h = 1e-4;
    let agree = |exact: f64, fd: f64| (exact - fd).abs() <= 1e-5 * exact.abs() + 1e-6;
    let mut checked = 0;
    for t in [0, 1, 2, 5, 10, 17, 30, 60, 98] {
        let exact_mu = sens.d_abated[t] + sens.d_cost_index[t] * theta2 * mu[t].powf(theta2 - 1.0);
        let (mut up, mut down) = (mu.clone(), mu.clone());
        up[t] += h;
        down[t] -= h;
        let fd_mu = (welfare(&dice, &up, &s) - welfare(&dice, &down, &s)) / (2.0 * h);
        assert!(agree(exact_mu, fd_mu), "dW/dmu period {}: adjoint {exact_mu}, fd {fd_mu}", t + 1);

        let (mut up, mut down) = (s.clone(), s.clone());
        up[t] += h;
        down[t] -= h;
        let fd_s = (welfare(&dice, &mu, &up) - welfare(&dice, &mu, &down)) / (2.0 * h);
        assert!(agree(sens.d_saving[t], fd_s), "dW/ds period {}: {} vs {fd_s}", t + 1, sens.d_saving[t]);

        // An emissions pulse: land-use emissions enter E one-for-one.
        let base = dice.exo.etree[t];
        let he = 1e-3;
        dice.exo.etree[t] = base + he;
        let w_up = welfare(&dice, &mu, &s);
        dice.exo.etree[t] = base - he;
        let w_down = welfare(&dice, &mu, &s);
        dice.exo.etree[t] = base;
        let fd_e = (w_up - w_down) / (2.0 * he);
        if t + 1 < n {
            assert!(
                agree(sens.d_emissions[t], fd_e),
                "dW/dE period {}: {} vs {fd_e}",
                t + 1,
                sens.d_emissions[t]
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 9);
}

#[test]
fn optimal_run_reproduces_the_published_results() {
    let dice = Dice::standard();
    let run = runs::optimal(&dice).unwrap();
    assert!(run.solver.converged);
    assert_eq!(run.year[17], 2100);
    // Published DICE-2016R2 optimum: about 3.5 °C in 2100, carbon price in 2020 in the mid-$30s.
    assert!((run.path.tatm[17] - 3.5).abs() <= 0.05, "T_AT(2100) = {}", run.path.tatm[17]);
    assert!((34.0..=38.0).contains(&run.carbon_price[1]), "price 2020 = {}", run.carbon_price[1]);
    assert!((run.scc[0] - 31.2).abs() <= 1.0, "SCC 2015 = {}", run.scc[0]);
    // The cumulative-carbon limit of 6000 GtC does not bind on this path.
    assert!(run.solver.max_cumulative_carbon < 6000.0);
    assert_eq!(run.mu[0], 0.03);
    let lr = dice.params.optlrsav();
    assert!(run.s[90..].iter().all(|&s| s == lr));
}

/// First-order optimality, checked independently of the optimiser's own stopping rule: wherever
/// abatement is strictly inside its bounds, the carbon price equals the social cost of carbon
/// (marginal abatement cost = marginal damage), and where μ sits at its cap, the SCC exceeds
/// the price. Checked to 2300; in the final periods emissions barely matter within the horizon
/// and both sides tend to zero.
#[test]
fn optimal_carbon_price_equals_the_social_cost_where_abatement_is_interior() {
    let dice = Dice::standard();
    let run = runs::optimal(&dice).unwrap();
    let mut interior = 0;
    for t in 1..58 {
        let cap = dice.exo.miu_upper[t];
        if run.mu[t] > 1e-6 && run.mu[t] < cap - 1e-6 {
            interior += 1;
            assert!(
                close(run.carbon_price[t], run.scc[t], 1e-4),
                "period {}: price {} vs scc {}",
                t + 1,
                run.carbon_price[t],
                run.scc[t]
            );
        } else if run.mu[t] >= cap - 1e-6 {
            assert!(run.scc[t] >= run.carbon_price[t] * (1.0 - 1e-4), "period {}", t + 1);
        }
    }
    assert!(interior >= 15, "only {interior} interior periods");
}

#[test]
fn baseline_run_reproduces_the_published_warming() {
    let dice = Dice::standard();
    let run = runs::baseline(&dice).unwrap();
    assert!(run.solver.converged);
    assert!((run.path.tatm[17] - 4.10).abs() <= 0.05, "T_AT(2100) = {}", run.path.tatm[17]);
    // Published social cost of carbon in 2015: $31.2/tCO₂ (2010 US$).
    assert!((run.scc[0] - 31.2).abs() <= 1.0, "SCC 2015 = {}", run.scc[0]);
    // Abatement follows the base carbon price: the implied price equals it until μ reaches 1.
    for t in 1..40 {
        if run.mu[t] < 1.0 {
            assert!(close(run.carbon_price[t], dice.exo.cprice_base[t], 1e-12));
        }
    }
    assert!(run.solver.max_cumulative_carbon < 6000.0);
}

#[test]
fn cooperation_beats_the_baseline_in_welfare_and_warming() {
    let dice = Dice::standard();
    let opt = runs::run(&dice, RunKind::Optimal).unwrap();
    let base = runs::run(&dice, RunKind::Baseline).unwrap();
    assert!(opt.welfare > base.welfare);
    assert!(opt.path.tatm[17] < base.path.tatm[17] - 0.4);
}

#[test]
fn runs_are_deterministic() {
    let dice = Dice::standard();
    let a = runs::optimal(&dice).unwrap();
    let b = runs::optimal(&dice).unwrap();
    assert_eq!(a, b);
}

/// The optimiser is not tuned to the published calibration: other discount rates, damages,
/// sensitivities and horizons also solve to their first-order conditions.
#[test]
fn optimal_runs_solve_under_other_calibrations() {
    let variants = [
        Params { prstp: 0.03, ..Params::default() },
        Params { prstp: 0.001, ..Params::default() },
        Params { t2xco2: 4.5, ..Params::default() },
        Params { a2: 0.01, ..Params::default() },
        Params { n_periods: 60, ..Params::default() },
    ];
    for params in variants {
        let dice = Dice::new(params.clone()).unwrap();
        let run = runs::optimal(&dice).unwrap();
        assert!(run.solver.converged, "{params:?}");
        // 2020 abatement is interior in every variant: marginal cost equals marginal damage.
        assert!(run.mu[1] > 0.0 && run.mu[1] < 1.0);
        assert!(close(run.carbon_price[1], run.scc[1], 1e-6), "{} vs {}", run.carbon_price[1], run.scc[1]);
    }
}
