//! Tests of the trade model: equilibrium identities, calibration and economics the literature agrees on.

// Index loops read like the equations they check.
#![allow(clippy::needless_range_loop)]

use super::calibrate::{Calibration, default_base};
use super::pair::{Barrier, pair_payoffs};
use super::*;
use std::sync::OnceLock;

fn world() -> &'static Calibration {
    static CAL: OnceLock<Calibration> = OnceLock::new();
    CAL.get_or_init(|| default_base().expect("the default world calibrates"))
}

/// A symmetric two-nation world with domestic share `own`.
fn two_nations(own: f64) -> TradeBase {
    let shares = vec![own, 1.0 - own, 1.0 - own, own];
    TradeBase::new(vec!["AAA".into(), "BBB".into()], shares, vec![1.0, 1.0], 5.0).unwrap()
}

#[test]
fn no_change_changes_nothing() {
    let base = &world().base;
    let s = base.solve(&Policy::free_trade(base.n()), None).unwrap();
    for j in 0..base.n() {
        assert!((s.wage_change[j] - 1.0).abs() < 1e-12, "{}", base.iso3()[j]);
        assert!((s.real_income_change[j] - 1.0).abs() < 1e-12, "{}", base.iso3()[j]);
    }
    for (a, b) in s.shares.iter().zip(base.shares()) {
        assert!((a - b).abs() < 1e-12);
    }
}

#[test]
fn iceberg_only_real_income_equals_the_acr_formula() {
    let base = &world().base;
    let mut policy = Policy::uniform_cost_change(base.n(), 1.2);
    let usa = base.index_of("USA").unwrap();
    let chn = base.index_of("CHN").unwrap();
    policy.set_cost_change(usa, chn, 1.6);
    let s = base.solve(&policy, None).unwrap();
    let acr = base.acr_real_income_change(&s);
    for j in 0..base.n() {
        assert!((s.real_income_change[j] - acr[j]).abs() < 1e-9, "{}", base.iso3()[j]);
        assert!(s.real_income_change[j] < 1.0, "{} gains from dearer trade", base.iso3()[j]);
    }
}

#[test]
fn converges_and_clears_every_market_under_a_tariff_war() {
    let base = &world().base;
    let s = base.solve(&Policy::uniform_tariff(base.n(), 0.25), None).unwrap();
    assert!(s.residual <= base.options().tolerance);
    // Market clearing recomputed from the outputs: ŵᵢYᵢ = Σⱼ π′ᵢⱼ E′ⱼ/(1+t).
    let n = base.n();
    for i in 0..n {
        let demand: f64 =
            (0..n).map(|j| s.shares[j * n + i] * s.expenditure[j] / if i == j { 1.0 } else { 1.25 }).sum();
        let supply = s.wage_change[i] * base.income()[i];
        assert!((demand - supply).abs() <= 1e-9 * base.income()[i], "{}", base.iso3()[i]);
    }
}

#[test]
fn modelled_base_shares_reproduce_icio_shares_where_covered() {
    let cal = world();
    let n = cal.base.n();
    let mut checked = 0;
    for j in (0..n).filter(|&j| cal.covered[j]) {
        let covered_total: f64 = (0..n).filter(|&i| cal.covered[i]).map(|i| cal.unbalanced.share(j, i)).sum();
        for i in (0..n).filter(|&i| cal.covered[i]) {
            let modelled = cal.unbalanced.share(j, i) / covered_total;
            assert!((modelled - cal.icio_shares[j * n + i]).abs() < 1e-12);
            checked += 1;
        }
    }
    assert_eq!(checked, 79 * 79);
    assert!((cal.gravity_openness - cal.target_openness).abs() < 1e-6);
}

#[test]
fn two_nations_unilateral_tariff_pays_and_mutual_tariffs_hurt() {
    let base = two_nations(0.8);
    let free = base.solve(&Policy::free_trade(2), None).unwrap();
    let mut one = Policy::free_trade(2);
    one.set_tariff(0, 1, 0.10);
    let s = base.solve(&one, Some(&free)).unwrap();
    assert!(s.real_income_change[0] > 1.0, "imposer: {:?}", s.real_income_change);
    assert!(s.real_income_change[1] < 1.0, "partner: {:?}", s.real_income_change);
    let both = Policy::uniform_tariff(2, 0.10);
    let s = base.solve(&both, Some(&free)).unwrap();
    assert!(s.real_income_change.iter().all(|&w| w < 1.0), "{:?}", s.real_income_change);
    let pay = pair_payoffs(&base, &Policy::free_trade(2), &free, 0, 1, Barrier::Tariff(0.10)).unwrap();
    assert!(pay.is_prisoners_dilemma(), "{pay:?}");
}

#[test]
fn universal_tariff_war_lowers_income_for_most_nations_and_the_world() {
    let base = &world().base;
    let s = base.solve(&Policy::uniform_tariff(base.n(), 0.25), None).unwrap();
    let losers = s.real_income_change.iter().filter(|&&w| w < 1.0).count();
    assert!(losers as f64 >= 0.9 * base.n() as f64, "{losers} of {} lose", base.n());
    assert!(base.world_real_income_change(&s) < 1.0);
}

#[test]
fn warm_start_reaches_the_same_equilibrium_in_fewer_steps() {
    let base = &world().base;
    let war = Policy::uniform_tariff(base.n(), 0.25);
    let cold = base.solve(&war, None).unwrap();
    let mut nudged = war.clone();
    nudged.set_tariff(base.index_of("USA").unwrap(), base.index_of("CHN").unwrap(), 0.30);
    let warm = base.solve(&nudged, Some(&cold)).unwrap();
    let again = base.solve(&nudged, None).unwrap();
    assert!(warm.iterations < again.iterations, "{} vs {}", warm.iterations, again.iterations);
    for (a, b) in warm.real_income_change.iter().zip(&again.real_income_change) {
        assert!((a - b).abs() < 1e-10);
    }
}

#[test]
fn gains_from_trade_are_larger_for_small_open_economies() {
    let base = &world().base;
    let gains = gains_from_trade(base);
    let usa = gains[base.index_of("USA").unwrap()];
    assert!(usa > 0.005 && usa < 0.05, "USA {usa}");
    let lux = gains[base.index_of("LUX").unwrap()];
    assert!(lux > 5.0 * usa, "LUX {lux} vs USA {usa}");
}

#[test]
fn balanced_base_has_no_deficits_and_is_its_own_equilibrium() {
    let base = world().unbalanced.balanced().unwrap();
    assert_eq!(base, world().base);
    assert!(base.deficit().iter().all(|&d| d == 0.0));
    let s = base.solve(&Policy::free_trade(base.n()), None).unwrap();
    assert!(s.wage_change.iter().all(|w| (w - 1.0).abs() < 1e-9));
}

#[test]
fn invalid_policies_name_the_pair_and_the_valid_range() {
    let base = two_nations(0.8);
    let mut p = Policy::free_trade(2);
    p.set_tariff(0, 1, -2.0);
    let msg = base.solve(&p, None).unwrap_err().to_string();
    assert!(msg.contains("tariff[importer AAA, exporter BBB]") && msg.contains("> −1"), "{msg}");
    let bad = TradeBase::new(vec!["AAA".into()], vec![0.5], vec![1.0], 5.0).unwrap_err().to_string();
    assert!(bad.contains("sum to 1"), "{bad}");
}

#[test]
fn cached_solver_matches_a_fresh_solve_after_policy_changes() {
    let base = &world().base;
    let n = base.n();
    let mut solver = base.solver();
    let war = Policy::uniform_tariff(n, 0.25);
    let first = solver.solve(&war, None).unwrap();
    // Change a few pairs, including one back to free trade, and reuse the cached weights.
    let mut next = war.clone();
    next.set_tariff(base.index_of("DEU").unwrap(), base.index_of("FRA").unwrap(), 0.0);
    next.set_cost_change(base.index_of("JPN").unwrap(), base.index_of("KOR").unwrap(), 1.3);
    let cached = solver.solve(&next, Some(&first)).unwrap();
    let fresh = base.solve(&next, None).unwrap();
    for j in 0..n {
        assert!((cached.real_income_change[j] - fresh.real_income_change[j]).abs() < 1e-10);
        assert!((cached.wage_change[j] - fresh.wage_change[j]).abs() < 1e-10);
    }
    // In place, warm-started from the buffer itself: the same equilibrium.
    let mut buffer = first.clone();
    solver.solve_in_place(&next, &mut buffer).unwrap();
    for j in 0..n {
        assert!((buffer.real_income_change[j] - fresh.real_income_change[j]).abs() < 1e-10);
    }
    // Back to free trade through the cache: nothing changes.
    let free = solver.solve(&Policy::free_trade(n), Some(&cached)).unwrap();
    assert!(free.real_income_change.iter().all(|w| (w - 1.0).abs() < 1e-11));
}

#[test]
fn pair_payoffs_in_the_real_world_make_a_prisoners_dilemma() {
    let base = &world().base;
    let free_policy = Policy::free_trade(base.n());
    let free = base.solve(&free_policy, None).unwrap();
    let (usa, chn) = (base.index_of("USA").unwrap(), base.index_of("CHN").unwrap());
    let pay = pair_payoffs(base, &free_policy, &free, usa, chn, Barrier::Tariff(0.25)).unwrap();
    // The low-low case is the reference itself.
    assert!(pay.both_low.iter().all(|w| (w - 1.0).abs() < 1e-11));
    // Each loses from the other's tariff alone.
    assert!(pay.i_raises[1] < 1.0 && pay.j_raises[0] < 1.0, "{pay:?}");
    // With pure iceberg barriers nobody gains by raising.
    let ice = pair_payoffs(base, &free_policy, &free, usa, chn, Barrier::Iceberg(1.25)).unwrap();
    assert!(ice.i_raises[0] < 1.0 && ice.j_raises[1] < 1.0, "{ice:?}");
}

#[test]
fn a_ten_percent_tariff_between_real_partners_is_a_prisoners_dilemma() {
    let base = &world().base;
    let free_policy = Policy::free_trade(base.n());
    let free = base.solve(&free_policy, None).unwrap();
    for (a, b) in [("USA", "CHN"), ("DEU", "FRA"), ("USA", "MEX"), ("JPN", "KOR")] {
        let (i, j) = (base.index_of(a).unwrap(), base.index_of(b).unwrap());
        let pay = pair_payoffs(base, &free_policy, &free, i, j, Barrier::Tariff(0.10)).unwrap();
        assert!(pay.is_prisoners_dilemma(), "{a}-{b}: {pay:?}");
    }
}

#[test]
fn policy_from_barriers_sets_exactly_the_raised_pairs() {
    let n = 3;
    let mut raised = vec![false; n * n];
    raised[1] = true; // importer 0 against exporter 1
    raised[2 * n] = true; // importer 2 against exporter 0
    raised[4] = true; // diagonal: ignored
    let p = super::pair::policy_from_barriers(n, &raised, Barrier::Tariff(0.2)).unwrap();
    assert_eq!(p.tariff(0, 1), 0.2);
    assert_eq!(p.tariff(2, 0), 0.2);
    assert_eq!(p.tariffs().iter().filter(|&&t| t != 0.0).count(), 2);
    assert!(super::pair::policy_from_barriers(n, &raised[..4], Barrier::Tariff(0.2)).is_err());
}

mod small_worlds {
    //! Random small worlds: the solver converges, clears every market and keeps the identities.
    use super::super::*;
    use proptest::prelude::*;

    /// A random world of 2–6 nations: positive shares (rows normalised) and expenditures.
    fn world() -> impl Strategy<Value = TradeBase> {
        (2usize..=6).prop_flat_map(|n| {
            (prop::collection::vec(0.01f64..1.0, n * n), prop::collection::vec(0.1f64..10.0, n), 2.0f64..10.0)
                .prop_map(move |(raw, e, eps)| {
                    let mut shares = raw;
                    for j in 0..n {
                        // A home bias so domestic shares are not negligible.
                        shares[j * n + j] += 1.0;
                        let s: f64 = shares[j * n..(j + 1) * n].iter().sum();
                        shares[j * n..(j + 1) * n].iter_mut().for_each(|v| *v /= s);
                    }
                    let codes = (0..n).map(|k| format!("N{k:02}")).collect();
                    TradeBase::new(codes, shares, e, eps).unwrap()
                })
        })
    }

    /// The same worlds, balanced (deficits removed), as the default world is.
    fn balanced_world() -> impl Strategy<Value = TradeBase> {
        world().prop_map(|b| b.balanced().expect("a zero-deficit equilibrium always exists"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn tariffs_clear_markets_and_iceberg_costs_match_acr(base in balanced_world(), rates in prop::collection::vec(0.0f64..0.6, 36)) {
            let n = base.n();
            let mut tariffs = Policy::free_trade(n);
            let mut costs = Policy::free_trade(n);
            for j in 0..n {
                for i in 0..n {
                    if i != j {
                        tariffs.set_tariff(j, i, rates[(j * n + i) % rates.len()]);
                        costs.set_cost_change(j, i, 1.0 + rates[(i * n + j) % rates.len()]);
                    }
                }
            }
            let s = base.solve(&tariffs, None).unwrap();
            for i in 0..n {
                let demand: f64 = (0..n).map(|j| s.shares[j * n + i] * s.expenditure[j] / (1.0 + tariffs.tariff(j, i))).sum();
                prop_assert!((demand - s.wage_change[i] * base.income()[i]).abs() <= 1e-9 * base.income()[i]);
            }
            let s = base.solve(&costs, None).unwrap();
            let acr = base.acr_real_income_change(&s);
            for j in 0..n {
                // Relative: extreme random worlds can move real income by orders of magnitude.
                prop_assert!((s.real_income_change[j] - acr[j]).abs() < 1e-9 * acr[j].max(1.0));
            }
        }

        #[test]
        fn with_fixed_deficits_a_solve_either_clears_markets_or_says_it_failed(base in world(), rate in 0.0f64..1.0) {
            let n = base.n();
            match base.solve(&Policy::uniform_cost_change(n, 1.0 + rate), None) {
                Ok(s) => {
                    prop_assert!(s.residual <= base.options().tolerance);
                    prop_assert!(s.real_income_change.iter().all(|w| w.is_finite() && *w > 0.0));
                }
                Err(e) => {
                    let not_converged = matches!(e, TradeError::NotConverged { .. });
                    prop_assert!(not_converged, "unexpected error: {}", e);
                }
            }
        }
    }
}
