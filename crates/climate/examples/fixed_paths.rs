//! Simulates DICE-2016R2 with μ = 0.03 and s = 0.25 in every period and prints welfare and the
//! 2100 temperature, a fixed point for comparing ports of the equations.
//! Run with `cargo run --release -p commonweal-climate --example fixed_paths`.

use commonweal_climate::Dice;

fn main() {
    let dice = Dice::standard();
    let path = dice.simulate(&[0.03; 100], &[0.25; 100]).expect("paths have 100 periods");
    println!("W = {:.12} T_AT(2100) = {:.12}", path.welfare, path.tatm[17]);
}
