//! # commonweal-evolution — how strategies spread in populations
//!
//! Evolutionary dynamics over any game: replicator equations for infinite populations,
//! finite well-mixed populations solved exactly, and structured populations on graphs. No I/O;
//! every random draw comes from the games crate's seeded streams.
//!
//! - [`payoff`]: the games — an n×n [`payoff::PayoffMatrix`] or an N-player
//!   [`payoff::GroupGame`] (public goods, threshold public goods, collective risk);
//!   [`repeated`] builds matrices from repeated-game strategies of the games layer.
//! - [`finite`]: fixation probabilities in log space, the gradient of selection, the
//!   small-mutation limit and the full chain with mutation; [`gth`] holds the exact solvers;
//!   [`crd`] the collective-risk analysis; [`montecarlo`] simulation with a mixing diagnostic.
//! - [`replicator`] and [`equilibria`]: the replicator(–mutator) equation and its rest points.
//! - [`graph`] and [`spatial`]: lattices and networks, Nowak–May and Ohtsuki et al. dynamics.
//!
//! ```
//! use commonweal_evolution::{payoff::PayoffMatrix, finite::{Fitness, Population, small_mutation}};
//!
//! // Prisoner's Dilemma: one cooperator among 100 defectors fixes with a tiny probability,
//! // computed exactly in log space.
//! let game = PayoffMatrix::parse("3,0;5,1").unwrap().into();
//! let fitness = Fitness::new(&game, Population::new(100, 10.0)).unwrap();
//! assert!(fitness.ln_fixation(0, 1) < -1000.0);
//! // With rare mutations the population spends almost all its time defecting.
//! let sml = small_mutation(&fitness).unwrap();
//! assert!(sml.stationary[1] > 0.999);
//! ```
//!
//! ```
//! use commonweal_evolution::graph::{Graph, Neighbourhood};
//! use commonweal_evolution::spatial::{Spatial, SpatialConfig, SpatialGame, random_initial};
//!
//! // Nowak & May (1992): cooperators survive in clusters on a lattice.
//! let lattice = Graph::lattice(50, Neighbourhood::Moore).unwrap();
//! let cfg = SpatialConfig { self_interaction: true, ..SpatialConfig::new(SpatialGame::nowak_may(1.6)) };
//! let mut pop = Spatial::new(&lattice, cfg, random_initial(2500, 0.9, 7), 7).unwrap();
//! let shares = pop.run(50);
//! assert!(shares[50] > 0.2);
//! ```

// Numerical kernels index several arrays with one counter; iterator chains would hide that.
#![allow(clippy::needless_range_loop)]

pub mod crd;
pub mod equilibria;
pub mod error;
pub mod finite;
pub mod graph;
pub mod gth;
pub mod montecarlo;
pub mod payoff;
pub mod repeated;
pub mod replicator;
pub mod spatial;

pub use error::{EvoError, Result};
