//! The library of classic strategies. Each family lives in its own module; each strategy is one
//! type with a doc comment giving its rule and source, its play method and, below it, its tests,
//! and one [`Entry`](crate::registry::Entry) in its module's `ENTRIES`.

pub mod axelrod_first;
pub mod basic;
pub mod cycler;
pub mod finite_state_machines;
pub mod gobymajority;
pub mod grudger;
pub mod hunter;
pub mod lookerup;
pub mod memory_one;
pub mod misc;
pub mod prober;
pub mod punisher;
pub mod retaliate;
pub mod titfortat;
pub mod zero_determinant;

use crate::registry::Entry;

/// Every module's entries, in module order (the registry sorts them).
pub(crate) fn all_entries() -> Vec<&'static Entry> {
    let families: &[&[Entry]] = &[
        basic::ENTRIES,
        cycler::ENTRIES,
        gobymajority::ENTRIES,
        grudger::ENTRIES,
        hunter::ENTRIES,
        memory_one::ENTRIES,
        misc::ENTRIES,
        prober::ENTRIES,
        punisher::ENTRIES,
        retaliate::ENTRIES,
        titfortat::ENTRIES,
        zero_determinant::ENTRIES,
        finite_state_machines::ENTRIES,
        lookerup::ENTRIES,
        axelrod_first::ENTRIES,
    ];
    families.iter().flat_map(|family| family.iter()).collect()
}

/// Defines a strategy without internal state: a unit struct whose action is a pure function of
/// the history. Most classic rules are of this kind, and writing each one out in full would
/// bury the one line that matters (the rule) under the same trait boilerplate.
///
/// `memory_one` is an expression of type `Option<MemoryOneRule>`.
macro_rules! stateless_strategy {
    (
        $(#[$doc:meta])*
        $ty:ident, name: $name:expr, classifier: $classifier:expr,
        memory_one: $m1:expr,
        play: |$h:ident| $body:expr
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $ty;

        impl $crate::strategy::Strategy for $ty {
            fn name(&self) -> String {
                $name.to_string()
            }
            fn classifier(&self) -> $crate::strategy::Classifier {
                $classifier
            }
            fn play(
                &mut self,
                $h: &$crate::history::History,
                _: &$crate::strategy::MatchInfo,
                _: &mut $crate::rng::StreamRng,
            ) -> $crate::action::Action {
                $body
            }
            fn reset(&mut self) {}
            fn memory_one(&self) -> Option<$crate::strategy::MemoryOneRule> {
                $m1
            }
        }
    };
}
pub(crate) use stateless_strategy;

/// A deterministic memory-one rule with the given four vector (0s and 1s) and first move.
pub(crate) const fn pure_memory_one(
    four_vector: [f64; 4],
    first: crate::action::Action,
) -> Option<crate::strategy::MemoryOneRule> {
    Some(crate::strategy::MemoryOneRule {
        four_vector,
        initial_cooperation: match first {
            crate::action::Action::C => 1.0,
            crate::action::Action::D => 0.0,
        },
    })
}
