//! The climate arena of the world model: one DICE-2016R2 carbon cycle and temperature shared by
//! every nation, national emissions intensities from the CO₂ data, damages and abatement costs on
//! each nation's own output.
//!
//! - [`nations`] turns an [`crate::arena::ArenaWorld`] into the nations of the climate game
//!   ([`commonweal_climate::Nation`]): shares of world output, emissions and damages;
//! - [`penalty`] solves the trade equilibrium when a climate club taxes every non-member's goods;
//! - [`arena`] binds the climate game to a world run (doctrines become stances, costs on output);
//! - [`clubs`] measures each nation's gain from a climate club and searches for stable clubs.

pub mod arena;
pub mod clubs;
pub mod nations;
pub mod penalty;

pub use nations::{climate_nations, relative_intensity};
pub use penalty::penalty_tariff_effects;
