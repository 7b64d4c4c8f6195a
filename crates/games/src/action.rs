//! The two actions of a dilemma: cooperate (C) or defect (D).

use serde::{Deserialize, Serialize};
use std::fmt;

/// An action in a two-action game.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[repr(u8)]
pub enum Action {
    /// Cooperate: keep barriers low, contribute, abate.
    C = 0,
    /// Defect: raise barriers, free-ride.
    D = 1,
}

pub use Action::{C, D};

impl Action {
    /// The other action.
    #[inline]
    pub fn flip(self) -> Action {
        match self {
            C => D,
            D => C,
        }
    }

    /// `C` when `cooperate` is true.
    #[inline]
    pub fn from_bool(cooperate: bool) -> Action {
        if cooperate { C } else { D }
    }

    /// The letter used in move strings.
    pub fn as_char(self) -> char {
        match self {
            C => 'C',
            D => 'D',
        }
    }

    /// Parses `'C'` or `'D'` (either case).
    pub fn from_char(c: char) -> Option<Action> {
        match c {
            'C' | 'c' => Some(C),
            'D' | 'd' => Some(D),
            _ => None,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_char())
    }
}

/// Renders a sequence of actions as a string of `C`/`D`.
pub fn actions_to_string(actions: &[Action]) -> String {
    actions.iter().map(|a| a.as_char()).collect()
}

/// Parses a string of `C`/`D`; `None` if any other character occurs.
pub fn actions_from_str(s: &str) -> Option<Vec<Action>> {
    s.chars().map(Action::from_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_strings() {
        let moves = actions_from_str("CDDC").unwrap();
        assert_eq!(moves, vec![C, D, D, C]);
        assert_eq!(actions_to_string(&moves), "CDDC");
        assert!(actions_from_str("CX").is_none());
        assert_eq!(C.flip(), D);
    }
}
