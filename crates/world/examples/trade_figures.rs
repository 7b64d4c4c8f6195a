//! Prints the trade model's headline figures: calibration, gains from trade, a 25 % tariff war.
//!
//! Run: `cargo run --release -p commonweal-world --example trade_figures`
//! Expect: the calibrated border effect, gains from trade for selected nations, the tariff war's
//! losers and world loss, and solver iteration counts.

use commonweal_world::trade::calibrate::default_base;
use commonweal_world::trade::{Policy, gains_from_trade};
use std::time::Instant;

fn main() {
    let t0 = Instant::now();
    let cal = default_base().expect("calibrates");
    println!("calibration took {:?}", t0.elapsed());
    let base = &cal.base;
    println!(
        "beta {} gamma {} border delta {:.4} (PPML fit {:?}); openness target {:.4} gravity {:.4}",
        cal.distance_elasticity,
        cal.contiguity,
        cal.border_effect,
        cal.fitted_border_effect,
        cal.target_openness,
        cal.gravity_openness
    );
    let gains = gains_from_trade(base);
    for code in [
        "USA", "CHN", "JPN", "DEU", "GBR", "FRA", "IND", "BRA", "CAN", "MEX", "KOR", "IRL", "BEL", "LUX",
        "SGP", "MLT", "EST", "AFG", "TUV",
    ] {
        let k = base.index_of(code).unwrap();
        println!("{code} domestic share {:.4} gains {:.2} %", base.domestic_shares()[k], 100.0 * gains[k]);
    }
    let free = base.solve(&Policy::free_trade(base.n()), None).unwrap();
    let t = Instant::now();
    let war = base.solve(&Policy::uniform_tariff(base.n(), 0.25), Some(&free)).unwrap();
    println!("tariff war solve {:?}, {} iterations", t.elapsed(), war.iterations);
    let losers = war.real_income_change.iter().filter(|&&w| w < 1.0).count();
    let mut changes: Vec<f64> = war.real_income_change.iter().map(|w| 100.0 * (w - 1.0)).collect();
    let mean = changes.iter().sum::<f64>() / changes.len() as f64;
    changes.sort_by(f64::total_cmp);
    println!(
        "25% war: {losers}/{} lose; world {:.3} %; mean {:.3} %; median {:.3} %; min {:.3} %; max {:.3} %",
        base.n(),
        100.0 * (base.world_real_income_change(&war) - 1.0),
        mean,
        changes[changes.len() / 2],
        changes[0],
        changes[changes.len() - 1]
    );
    let gainers: Vec<String> = (0..base.n())
        .filter(|&k| war.real_income_change[k] >= 1.0)
        .map(|k| {
            format!(
                "{} {:+.2} % (deficit/E {:.2})",
                base.iso3()[k],
                100.0 * (war.real_income_change[k] - 1.0),
                base.deficit()[k] / base.expenditure()[k]
            )
        })
        .collect();
    println!("  gainers: {}", gainers.join("; "));
    let balanced = &cal.unbalanced;
    let bw = balanced.solve(&Policy::uniform_tariff(base.n(), 0.25), None).unwrap();
    println!(
        "  unbalanced base (implied deficits held fixed): {}/{} lose, world {:.3} %",
        bw.real_income_change.iter().filter(|&&w| w < 1.0).count(),
        base.n(),
        100.0 * (balanced.world_real_income_change(&bw) - 1.0)
    );
    let free_policy = Policy::free_trade(base.n());
    let (usa, chn) = (base.index_of("USA").unwrap(), base.index_of("CHN").unwrap());
    let pay = commonweal_world::trade::pair::pair_payoffs(
        base,
        &free_policy,
        &free,
        usa,
        chn,
        commonweal_world::trade::pair::Barrier::Tariff(0.25),
    )
    .unwrap();
    println!(
        "USA-CHN 25% stage game (real income ratios [USA, CHN]): {pay:?}; PD: {}",
        pay.is_prisoners_dilemma()
    );
    for rate in [0.02, 0.05, 0.10] {
        for (a, b) in [("USA", "CHN"), ("DEU", "FRA"), ("USA", "MEX"), ("JPN", "KOR")] {
            let (i, j) = (base.index_of(a).unwrap(), base.index_of(b).unwrap());
            let barrier = commonweal_world::trade::pair::Barrier::Tariff(rate);
            let p = commonweal_world::trade::pair::pair_payoffs(base, &free_policy, &free, i, j, barrier)
                .unwrap();
            println!(
                "  {a}-{b} tariff {rate}: unilateral gain {a} {:+.4} % {b} {:+.4} %; both raise {:+.4} % / {:+.4} %; PD {}",
                100.0 * (p.i_raises[0] - 1.0),
                100.0 * (p.j_raises[1] - 1.0),
                100.0 * (p.both_raise[0] - 1.0),
                100.0 * (p.both_raise[1] - 1.0),
                p.is_prisoners_dilemma()
            );
        }
    }
    for code in ["USA", "CHN", "DEU", "LUX", "SGP"] {
        let k = base.index_of(code).unwrap();
        println!("  {code} {:.3} %", 100.0 * (war.real_income_change[k] - 1.0));
    }
    let mut nudged = Policy::uniform_tariff(base.n(), 0.25);
    nudged.set_tariff(base.index_of("USA").unwrap(), base.index_of("CHN").unwrap(), 0.35);
    let mut solver = base.solver();
    let war = solver.solve(&Policy::uniform_tariff(base.n(), 0.25), Some(&war)).unwrap();
    let reps = 200;
    let t = Instant::now();
    let mut its = 0;
    for r in 0..reps {
        let p = if r % 2 == 0 { &nudged } else { &Policy::uniform_tariff(base.n(), 0.25) };
        its += solver.solve(p, Some(&war)).unwrap().iterations;
    }
    println!(
        "warm solve after one pair changed (cached solver): {:?} each, {:.1} iterations",
        t.elapsed() / reps,
        its as f64 / reps as f64
    );
    let t = Instant::now();
    let mut its = 0;
    for _ in 0..20 {
        its += base.solve(&Policy::uniform_tariff(base.n(), 0.25), None).unwrap().iterations;
    }
    println!("cold tariff-war solve: {:?} each, {} iterations", t.elapsed() / 20, its / 20);
}
