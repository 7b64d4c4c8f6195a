//! The DICE-2016R2 climate–economy model: simulation, optimal and baseline runs, social cost of carbon. No I/O.

pub mod error;
pub mod game;
pub mod model;
pub mod optimize;
pub mod params;
pub mod runs;

pub use error::Error;
pub use game::{ClimateGame, Nation, Outcome, Stance};
pub use model::{Dice, Path, Sensitivities};
pub use params::{Exogenous, Params};
pub use runs::{Run, RunKind};
