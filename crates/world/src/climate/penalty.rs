//! A climate club's penalty tariff through the trade equilibrium: every member taxes the goods of
//! every non-member at the same rate (Nordhaus 2015); non-members do not retaliate and members
//! trade freely with each other.

use crate::arena::ArenaWorld;

/// The proportional real-income change (Ŵ − 1, against free trade) of every nation when the
/// members (`members[i]`) levy `tariff` on the goods of every non-member, solved in full general
/// equilibrium by the arena's model. No members or a zero tariff change nothing.
pub fn penalty_tariff_effects(world: &ArenaWorld, members: &[bool], tariff: f64) -> Result<Vec<f64>, String> {
    let n = world.n();
    if members.len() != n {
        return Err(format!("club membership lists {} nations; the world has {n}", members.len()));
    }
    if !(tariff.is_finite() && tariff >= 0.0) {
        return Err(format!("penalty tariff is {tariff}; expected a finite rate ≥ 0"));
    }
    let tariffs: Vec<(usize, usize, f64)> = (0..n)
        .filter(|&i| members[i])
        .flat_map(|i| (0..n).filter(|&j| !members[j]).map(move |j| (i, j, tariff)))
        .collect();
    if tariffs.is_empty() || tariff == 0.0 {
        return Ok(vec![0.0; n]);
    }
    world.model.0.real_income_changes(&tariffs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::testing::small_world;

    #[test]
    fn penalties_hurt_outsiders_and_nothing_changes_without_a_club() {
        let w = small_world(8, 2);
        assert_eq!(penalty_tariff_effects(&w, &[false; 8], 0.05).unwrap(), vec![0.0; 8]);
        assert_eq!(penalty_tariff_effects(&w, &[true; 8], 0.05).unwrap(), vec![0.0; 8]);
        let members = [true, true, true, true, true, false, true, false];
        let effect = penalty_tariff_effects(&w, &members, 0.05).unwrap();
        assert!(effect[5] < 0.0 && effect[7] < 0.0, "{effect:?}");
        assert!(penalty_tariff_effects(&w, &members[..3], 0.05).unwrap_err().contains("8"));
        assert!(penalty_tariff_effects(&w, &members, -0.1).unwrap_err().contains("≥ 0"));
    }

    #[test]
    fn a_penalty_on_the_default_world_costs_the_outsider() {
        let arena = crate::default_world::default_arena(&crate::scenario::Scenario::default_scenario().trade)
            .unwrap();
        let n = arena.n();
        let outsider = arena.find("RUS").unwrap();
        let members: Vec<bool> = (0..n).map(|i| i != outsider).collect();
        let effect = penalty_tariff_effects(&arena, &members, 0.03).unwrap();
        assert!(effect[outsider] < -1e-4, "RUS {}", effect[outsider]);
        let world_mean = effect.iter().sum::<f64>() / n as f64;
        assert!(effect[outsider] < world_mean);
    }
}
