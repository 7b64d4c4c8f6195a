//! # commonweal-report — tables, CSV, charts and HTML (an edge crate)
//!
//! Only edge crates know file formats. The libraries below produce plain Rust values; this
//! crate turns them into aligned text tables for terminals, CSV for pandas/R, SVG charts and
//! self-contained HTML reports.

pub mod lattice;
pub mod table;
pub mod tournament_chart;
pub mod world_run;

pub use table::Table;
