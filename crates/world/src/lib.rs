//! The world of nations: embedded data, the economy, trade in general equilibrium, arenas, doctrines, shocks, metrics and counterfactual ensembles. No file or terminal I/O.
//!
//! ```
//! use commonweal_world::data::WorldData;
//! use commonweal_world::trade::{Policy, calibrate};
//!
//! let world = WorldData::embedded();
//! assert_eq!(world.nations.len(), 196);
//! let cal = calibrate::calibrate(world, &calibrate::CalibrationOptions::default()).unwrap();
//! let base = &cal.base;
//! let free = base.solve(&Policy::free_trade(base.n()), None).unwrap();
//! let war = base.solve(&Policy::uniform_tariff(base.n(), 0.25), Some(&free)).unwrap();
//! assert!(base.world_real_income_change(&war) < 1.0);
//! ```

pub mod arena;
pub mod blocs;
pub mod climate;
pub mod data;
pub mod default_world;
pub mod ensemble;
pub mod scenario;
pub mod sim;
pub mod trade;
