//! # commonweal-games — the vocabulary of strategic interaction
//!
//! Actions, 2×2 games and their Nash equilibria, repeated-game strategies with a registry,
//! matches with noise and misperception, and tournaments. No I/O and no knowledge of nations:
//! the layers above (evolution, the world of nations) play their games through this crate.
//!
//! ```
//! use commonweal_games::{registry, play::{MatchSpec, play_match}};
//!
//! let mut tft = registry::build("Tit For Tat").unwrap();
//! let mut alld = registry::build("defector").unwrap();
//! let outcome = play_match(tft.as_mut(), alld.as_mut(), &MatchSpec::turns(5), 1);
//! assert_eq!(commonweal_games::action::actions_to_string(&outcome.moves), "CDDDD");
//! assert_eq!((outcome.score, outcome.opponent_score), (4.0, 9.0));
//! ```

pub mod action;
pub mod analysis;
pub mod game;
pub mod history;
pub mod play;
pub mod registry;
pub mod rng;
pub mod strategies;
pub mod strategy;
pub mod testing;
pub mod tournament;

/// Long guides, compiled and run as doc tests.
pub mod tutorials {
    #[doc = include_str!("../../../docs/tutorials/first_tournament.md")]
    pub mod first_tournament {}
}

pub use action::{Action, C, D};
pub use game::{Archetype, Bimatrix, Game};
pub use history::History;
pub use play::{Length, MatchOutcome, MatchSpec, play_match};
pub use strategy::{Classifier, MatchInfo, MemoryOneRule, Strategy};
