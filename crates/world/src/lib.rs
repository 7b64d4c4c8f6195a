//! The world of nations: embedded data, the economy, trade in general equilibrium, arenas, doctrines, shocks, metrics and counterfactual ensembles. No file or terminal I/O.

pub mod arena;
pub mod blocs;
pub mod ensemble;
pub mod scenario;
pub mod sim;
