//! Evolutionary dynamics: how strategies and doctrines spread in populations (replicator
//! equations, finite well-mixed populations, structured populations). No I/O.
//!
//! ```
//! use commonweal_evolution::{payoff::PayoffMatrix, finite::{Fitness, Population}};
//!
//! // Prisoner's Dilemma: one cooperator among 100 defectors fixes with a tiny probability,
//! // computed exactly in log space.
//! let game = PayoffMatrix::parse("3,0;5,1").unwrap().into();
//! let fitness = Fitness::new(&game, Population::new(100, 10.0)).unwrap();
//! let ln_rho = fitness.ln_fixation(0, 1);
//! assert!(ln_rho < -1000.0);
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
