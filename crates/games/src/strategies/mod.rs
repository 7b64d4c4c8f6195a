//! The library of classic strategies. Each family lives in its own module; each strategy is one
//! type with a doc comment giving its rule and source, its play method and, below it, its tests,
//! and one [`Entry`](crate::registry::Entry) in its module's `ENTRIES`.

pub mod axelrod_first;
pub mod basic;
pub mod finite_state_machines;
pub mod lookerup;
pub mod memory_one;

use crate::registry::Entry;

/// Every module's entries, in module order (the registry sorts them).
pub(crate) fn all_entries() -> Vec<&'static Entry> {
    let families: &[&[Entry]] = &[
        basic::ENTRIES,
        memory_one::ENTRIES,
        finite_state_machines::ENTRIES,
        lookerup::ENTRIES,
        axelrod_first::ENTRIES,
    ];
    families.iter().flat_map(|family| family.iter()).collect()
}
