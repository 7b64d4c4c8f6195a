//! The DICE-2016R2 climate–economy model: simulation, optimal and baseline runs, social cost of carbon. No I/O.
