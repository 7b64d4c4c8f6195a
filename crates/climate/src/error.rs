//! The climate crate's typed errors.

/// Everything that can go wrong when building or solving a climate model.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter outside its valid range.
    #[error("parameter `{field}` is {value}; it must be {valid}")]
    InvalidParameter {
        /// The parameter's name.
        field: &'static str,
        /// The value given.
        value: f64,
        /// What would be valid.
        valid: &'static str,
    },
    /// A control or input path of the wrong length.
    #[error("path `{field}` has {got} periods; the model has {expected}")]
    PathLength {
        /// The path's name.
        field: &'static str,
        /// Its length.
        got: usize,
        /// The model's number of periods.
        expected: usize,
    },
    /// A nation's description is invalid.
    #[error("nation {index} (`{name}`): `{field}` is {value}; it must be {valid}")]
    InvalidNation {
        /// Position of the nation in the input.
        index: usize,
        /// Its name.
        name: String,
        /// The field.
        field: &'static str,
        /// The value given.
        value: f64,
        /// What would be valid.
        valid: &'static str,
    },
    /// Shares across nations do not sum to one.
    #[error("nations' `{field}` shares sum to {sum}; they must sum to 1 (within 1e-6)")]
    SharesDoNotSumToOne {
        /// Which share.
        field: &'static str,
        /// Their sum.
        sum: f64,
    },
    /// The solved path exceeds the limit on cumulative industrial carbon. The optimiser does not
    /// impose this limit (it is slack in the published calibration); a calibration that makes it
    /// bind is reported rather than silently violated.
    #[error(
        "the {run} run reaches {max_cumulative_carbon:.1} GtC of cumulative industrial carbon, above          the limit `fosslim` = {limit} GtC; raise `fosslim` or lower emissions"
    )]
    FossilLimitExceeded {
        /// Which run.
        run: &'static str,
        /// The largest cumulative industrial carbon on the path (GtC).
        max_cumulative_carbon: f64,
        /// The limit (GtC).
        limit: f64,
    },
    /// The optimiser or a fixed-point iteration stopped before converging.
    #[error("the {run} solve did not converge in {iterations} iterations")]
    NotConverged {
        /// Which solve.
        run: &'static str,
        /// Iterations taken.
        iterations: usize,
    },
}
