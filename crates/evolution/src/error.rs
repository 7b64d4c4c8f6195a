//! The one error type of the evolution layer: bad input, naming the field, the value and what
//! would be valid.

/// Why an evolutionary computation cannot run on the input it was given.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EvoError {
    /// A setting or an input value is out of its valid range.
    #[error("{field}: {message}")]
    Invalid {
        /// Which field or argument.
        field: &'static str,
        /// What was given and what would be valid.
        message: String,
    },
}

impl EvoError {
    /// An [`EvoError::Invalid`] for `field`.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> EvoError {
        EvoError::Invalid { field, message: message.into() }
    }
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, EvoError>;
