//! The nations of the climate game from the nations of a world.
//!
//! Choices, documented:
//! - output share: base-year output over world output;
//! - emissions share: base-year territorial CO₂ ([`crate::arena::NationInput::co2_mt`]) over the
//!   world total; a nation without a CO₂ figure is given the world's mean intensity (emissions in
//!   proportion to its output), so missing data neither hides nor inflates its emissions;
//! - damage share: equal to the output share (one damage coefficient Ω(T) on every nation's
//!   output, the national version's default in `models/dice2016r2.md`).
//!
//! A nation's emissions intensity relative to the world, `emissions_share / output_share`, scales
//! its abatement cost per unit of output: with the same cost curve, a nation twice as carbon
//! intensive as the world pays twice the world's cost share for the same control rate.

use crate::arena::ArenaWorld;
use commonweal_climate::Nation;

/// Each nation's territorial CO₂ (Mt), with the world's mean intensity filled in where the data
/// have none. Fails when no nation has a CO₂ figure at all.
pub fn emissions_filled(world: &ArenaWorld) -> Result<Vec<f64>, commonweal_climate::Error> {
    let (mut known_co2, mut known_output) = (0.0, 0.0);
    for v in &world.nations {
        if let Some(e) = v.co2_mt.filter(|e| e.is_finite() && *e >= 0.0) {
            known_co2 += e;
            known_output += v.output;
        }
    }
    if known_output <= 0.0 {
        return Err(commonweal_climate::Error::InvalidNation {
            index: 0,
            name: "every nation".into(),
            field: "emissions",
            value: f64::NAN,
            valid: "a territorial CO₂ figure for at least one nation (the co2 dataset)",
        });
    }
    let intensity = known_co2 / known_output;
    Ok(world
        .nations
        .iter()
        .map(|v| v.co2_mt.filter(|e| e.is_finite() && *e >= 0.0).unwrap_or(intensity * v.output))
        .collect())
}

/// The climate game's nations for a world, in the world's nation order.
pub fn climate_nations(world: &ArenaWorld) -> Result<Vec<Nation>, commonweal_climate::Error> {
    let emissions = emissions_filled(world)?;
    Nation::from_levels(
        world.nations.iter().zip(&emissions).map(|(v, e)| (v.iso3.clone(), v.output, *e, v.output)),
    )
}

/// A nation's emissions intensity relative to the world's (1 for a nation as carbon intensive as
/// the world as a whole).
pub fn relative_intensity(nation: &Nation) -> f64 {
    if nation.output_share > 0.0 { nation.emissions_share / nation.output_share } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::testing::small_world;

    #[test]
    fn shares_follow_output_and_co2() {
        let w = small_world(6, 2);
        let nations = climate_nations(&w).unwrap();
        let total_y: f64 = w.nations.iter().map(|v| v.output).sum();
        let total_e: f64 = w.nations.iter().map(|v| v.co2_mt.unwrap()).sum();
        for (v, n) in w.nations.iter().zip(&nations) {
            assert_eq!(n.name, v.iso3);
            assert!((n.output_share - v.output / total_y).abs() < 1e-15);
            assert!((n.damage_share - n.output_share).abs() < 1e-15);
            assert!((n.emissions_share - v.co2_mt.unwrap() / total_e).abs() < 1e-15);
        }
        // Nation 0 is twice as carbon intensive as nations 1 and 2 in the stand-in world.
        let r: Vec<f64> = nations.iter().map(relative_intensity).collect();
        assert!((r[0] / r[1] - 2.0).abs() < 1e-12, "{r:?}");
    }

    #[test]
    fn missing_co2_takes_the_world_mean_intensity() {
        let mut w = small_world(5, 2);
        w.nations[2].co2_mt = None;
        let filled = emissions_filled(&w).unwrap();
        let known: Vec<usize> = vec![0, 1, 3, 4];
        let intensity = known.iter().map(|&i| w.nations[i].co2_mt.unwrap()).sum::<f64>()
            / known.iter().map(|&i| w.nations[i].output).sum::<f64>();
        assert!((filled[2] - intensity * w.nations[2].output).abs() < 1e-9);
        for v in &mut w.nations {
            v.co2_mt = None;
        }
        let err = climate_nations(&w).unwrap_err();
        assert!(err.to_string().contains("co2 dataset"), "{err}");
    }

    #[test]
    fn the_default_world_has_its_big_emitters() {
        let arena = crate::default_world::default_arena(&crate::scenario::Scenario::default_scenario().trade)
            .unwrap();
        let nations = climate_nations(&arena).unwrap();
        let share = |iso: &str| nations[arena.find(iso).unwrap()].emissions_share;
        // China emitted about 27-28 % of world territorial CO₂ in 2017, the United States about 15 %.
        assert!((0.24..0.32).contains(&share("CHN")), "CHN {}", share("CHN"));
        assert!((0.12..0.18).contains(&share("USA")), "USA {}", share("USA"));
        let r = relative_intensity(&nations[arena.find("CHN").unwrap()]);
        assert!(r > 1.0, "China is more carbon intensive than the world: {r}");
    }
}
