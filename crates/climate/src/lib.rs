//! # commonweal-climate — climate change as a common threat
//!
//! Nordhaus's DICE-2016R2 climate–economy model (see `shared/models/dice2016r2.md`): the
//! exogenous paths, economy, carbon cycle, temperature and welfare ([`Dice`]); its exact
//! reverse-mode adjoint ([`Dice::adjoint`]), which gives the gradient of welfare with respect to
//! every control and the social cost of carbon; a box-constrained projected Newton optimiser
//! ([`optimize::maximize`]); the optimal and baseline runs ([`runs`]); and the n-nation climate
//! game of non-cooperative, cooperative and conditional abatement ([`game`]). No I/O.
//!
//! ```
//! use commonweal_climate::{Dice, runs};
//!
//! let dice = Dice::standard();
//! let optimal = runs::optimal(&dice).unwrap();
//! let baseline = runs::baseline(&dice).unwrap();
//! // Period 18 is 2100: about 3.5 °C with optimal policy, 4.1 °C at the base carbon price.
//! assert!((optimal.path.tatm[17] - 3.5).abs() < 0.05);
//! assert!((baseline.path.tatm[17] - 4.1).abs() < 0.05);
//! // The optimal carbon price equals the social cost of carbon where abatement is interior.
//! assert!((optimal.carbon_price[1] - optimal.scc[1]).abs() < 1e-6 * optimal.scc[1]);
//! ```
//!
//! The nations' game shares the same equations:
//!
//! ```
//! use commonweal_climate::{ClimateGame, Dice, Nation, Stance};
//!
//! let game = ClimateGame::new(Dice::standard(), Nation::identical(4)).unwrap();
//! let nash = game.solve(&[Stance::NonCooperative; 4]).unwrap();
//! let coop = game.solve(&[Stance::Cooperative; 4]).unwrap();
//! // Each nation counts a quarter of the damages, so it prices carbon at a quarter of the SCC.
//! assert!((nash.carbon_price[0][1] - nash.scc[1] / 4.0).abs() < 1e-6);
//! assert!(coop.tatm_in(2100).unwrap() < nash.tatm_in(2100).unwrap());
//! ```

pub mod error;
pub mod game;
pub mod model;
pub mod optimize;
pub mod params;
pub mod runs;

pub use error::Error;
pub use game::{ClimateGame, Equilibrium, Nation, Outcome, Stance};
pub use model::{Dice, Path, Sensitivities};
pub use params::{Exogenous, Params};
pub use runs::{Run, RunKind};
