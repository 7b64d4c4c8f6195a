//! Solves the n-nation climate game for identical nations under each stance and prints the carbon
//! price in 2020, the global social cost of carbon and warming in 2100.
//! Run with `cargo run --release -p commonweal-climate --example climate_game`.

use commonweal_climate::{ClimateGame, Dice, Nation, Stance, runs};

fn main() {
    let dice = Dice::standard();
    let saving = runs::optimal(&dice).expect("the optimal run converges").s;
    for n in [1, 2, 5, 10] {
        let game = ClimateGame::with_saving(dice.clone(), Nation::identical(n), saving.clone())
            .expect("identical nations are valid");
        for stance in [Stance::NonCooperative, Stance::Cooperative] {
            let out = game.solve(&vec![stance; n]).expect("the game converges");
            println!(
                "n={n:2} {stance:?}: price2020={:.3} scc2020={:.3} T2100={:.4} iterations={}",
                out.carbon_price[0][1],
                out.scc[1],
                out.tatm_in(2100).unwrap_or(f64::NAN),
                out.iterations
            );
        }
    }
}
