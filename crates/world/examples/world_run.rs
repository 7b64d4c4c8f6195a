//! Times the pieces of one default-world run: arena precomputation, one 50-year run, one ensemble.
//!
//! Run: `cargo run --release -p commonweal-world --example world_run [REPLICATES] [BARRIER_TARIFF]`
//! Expect: timings and the default scenario's headline metrics per regime.

use commonweal_world::default_world::default_arena;
use commonweal_world::ensemble::run_ensemble;
use commonweal_world::scenario::Scenario;
use commonweal_world::sim::Prepared;
use std::time::Instant;

fn main() {
    let mut scenario = Scenario::default_scenario();
    if let Some(t) = std::env::args().nth(2).and_then(|a| a.parse().ok()) {
        scenario.trade.barrier_tariff = t;
    }
    let cal = commonweal_world::trade::calibrate::default_base().expect("calibrates");
    let ge = commonweal_world::default_world::GeneralEquilibrium::new(&cal.base).expect("free trade");
    let mut policy = commonweal_world::trade::Policy::free_trade(cal.base.n());
    policy.set_tariff(0, 1, 0.25);
    let t = Instant::now();
    let s = ge.solve(&policy).expect("solves");
    println!("one pair solve from free trade: {:?}, {} iterations", t.elapsed(), s.iterations);
    let pairs = commonweal_world::arena::top_partner_pairs(cal.base.shares(), cal.base.n(), 5);
    let t = Instant::now();
    let mut iters = Vec::new();
    for &(a, b) in pairs.iter().take(100) {
        let mut policy = commonweal_world::trade::Policy::free_trade(cal.base.n());
        policy.set_tariff(a, b, 0.25);
        iters.push(ge.solve(&policy).expect("solves").iterations);
    }
    iters.sort();
    println!("100 pair solves {:?}; iterations median {} max {}", t.elapsed(), iters[50], iters[99]);
    let t0 = Instant::now();
    let arena = default_arena(&scenario.trade).expect("arena");
    println!("arena: {} nations, {} links, built in {:?}", arena.n(), arena.links.len(), t0.elapsed());
    let pd = arena
        .links
        .iter()
        .filter(|l| {
            let pd = |p: &[[f64; 2]; 2]| p[1][0] > p[0][0] && p[1][1] > p[0][1] && p[0][0] > p[1][1];
            pd(&l.payoff_a) && pd(&l.payoff_b)
        })
        .count();
    println!("links whose stage game is a Prisoner's Dilemma for both: {pd}");
    let pays = arena
        .links
        .iter()
        .map(|l| (l.payoff_a[1][0] > 0.0) as usize + (l.payoff_b[1][0] > 0.0) as usize)
        .sum::<usize>();
    println!("link sides for which a unilateral barrier pays: {pays} of {}", 2 * arena.links.len());
    scenario.replicates = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let p = Prepared::new(scenario, arena).expect("prepared");
    let t1 = Instant::now();
    for k in 0..p.regimes.len() {
        let t = Instant::now();
        let out = p.run(k, 0);
        println!(
            "regime {} one run: {:?}; coop {:.3}",
            p.regimes[k].name,
            t.elapsed(),
            out.cooperation.last().unwrap()
        );
    }
    println!("4 single runs {:?}", t1.elapsed());
    let t2 = Instant::now();
    let summary = run_ensemble(&p, &|_| {});
    println!("ensemble ({} replicates) {:?}", p.scenario.replicates, t2.elapsed());
    for r in &summary.regimes {
        println!(
            "{:16} income {:.3} [{:.3},{:.3}] winwin {:.3} gini {:.3} coop {:.3} barrier {:.3} crises {:.2}",
            r.name,
            r.world_income_index.mean,
            r.world_income_index.lo,
            r.world_income_index.hi,
            r.win_win_share.mean,
            r.gini.mean,
            r.cooperation_rate.mean,
            r.mean_barrier.mean,
            r.crises_per_year.mean
        );
    }
    println!("blocs {:?}", summary.blocs);
}
