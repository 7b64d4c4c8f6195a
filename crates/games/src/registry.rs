//! The registry of built-in strategies: every strategy answers to its display name
//! (`"Tit For Tat"`), its class name (`TitForTat`) and its snake_case id (`tit_for_tat`),
//! case-insensitively.

use crate::strategy::Strategy;
use std::sync::OnceLock;

/// One registered strategy.
#[derive(Clone, Copy)]
pub struct Entry {
    /// snake_case identifier, stable across releases (`tit_for_tat`).
    pub id: &'static str,
    /// The Axelrod library's class name (`TitForTat`).
    pub class_name: &'static str,
    /// The Axelrod library's `name` attribute, without parameters (`Tit For Tat`).
    pub display_name: &'static str,
    /// Builds a fresh player with the default parameters.
    pub make: fn() -> Box<dyn Strategy>,
}

impl Entry {
    /// A registry entry.
    pub const fn new(
        id: &'static str,
        class_name: &'static str,
        display_name: &'static str,
        make: fn() -> Box<dyn Strategy>,
    ) -> Entry {
        Entry { id, class_name, display_name, make }
    }

    /// A fresh player.
    pub fn build(&self) -> Box<dyn Strategy> {
        (self.make)()
    }
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Entry({})", self.id)
    }
}

/// Why a name does not resolve to a strategy.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("unknown strategy {name:?}{}", suggestion_text(.suggestions))]
pub struct UnknownStrategy {
    /// The name asked for.
    pub name: String,
    /// The closest registered names.
    pub suggestions: Vec<String>,
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(
            "; did you mean {}?",
            suggestions.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ")
        )
    }
}

/// Every registered strategy, sorted by id.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut all: Vec<Entry> = crate::strategies::all_entries().into_iter().copied().collect();
        all.sort_by_key(|e| e.id);
        all
    })
}

/// The lookup key of a name: lower case, letters and digits only, so that `"Tit For Tat"`,
/// `TitForTat` and `tit_for_tat` all become `titfortat`.
pub fn normalise(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The entry named `name` (display name, class name or id, any case).
pub fn find(name: &str) -> Result<&'static Entry, UnknownStrategy> {
    let key = normalise(name);
    lookup_keys()
        .iter()
        .position(|keys| keys.contains(&key))
        .map(|i| &entries()[i])
        .ok_or_else(|| UnknownStrategy { name: name.to_string(), suggestions: suggest(name, 3) })
}

/// The lookup keys of every entry (id, class name, display name), in `entries()` order,
/// normalised once.
fn lookup_keys() -> &'static [[String; 3]] {
    static KEYS: OnceLock<Vec<[String; 3]>> = OnceLock::new();
    KEYS.get_or_init(|| {
        entries()
            .iter()
            .map(|e| [normalise(e.id), normalise(e.class_name), normalise(e.display_name)])
            .collect()
    })
}

/// A fresh player of the strategy named `name`.
pub fn build(name: &str) -> Result<Box<dyn Strategy>, UnknownStrategy> {
    find(name).map(Entry::build)
}

/// The `n` registered display names closest to `name` by edit distance on lookup keys.
pub fn suggest(name: &str, n: usize) -> Vec<String> {
    let key = normalise(name);
    let mut scored: Vec<(usize, &'static str)> = entries()
        .iter()
        .map(|e| {
            let d = [e.id, e.class_name, e.display_name]
                .iter()
                .map(|cand| levenshtein(&key, &normalise(cand)))
                .min()
                .unwrap_or(usize::MAX);
            (d, e.display_name)
        })
        .collect();
    scored.sort();
    let limit = (key.len() / 2).max(3);
    scored.into_iter().filter(|(d, _)| *d <= limit).take(n).map(|(_, s)| s.to_string()).collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Formats a float the way Python's `repr` does for the values strategy names show
/// (`0.1` → `"0.1"`, `1.0` → `"1.0"`, `1/3` → `"0.3333333333333333"`): Rust's shortest
/// round-trip formatting agrees with Python's for these.
pub fn py_float(x: f64) -> String {
    if x.is_finite() && x == x.trunc() && x.abs() < 1e16 { format!("{x:.1}") } else { format!("{x}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn three_names_resolve_case_insensitively() {
        for name in ["Tit For Tat", "TitForTat", "tit_for_tat", "TIT FOR TAT", "titfortat"] {
            assert_eq!(find(name).unwrap().id, "tit_for_tat", "{name}");
        }
    }

    #[test]
    fn lookup_keys_are_unique_across_the_registry() {
        let mut owners: HashMap<String, &str> = HashMap::new();
        for e in entries() {
            let mut keys: Vec<String> =
                [e.id, e.class_name, e.display_name].iter().map(|n| normalise(n)).collect();
            keys.dedup();
            for key in keys {
                if let Some(other) = owners.insert(key.clone(), e.id) {
                    assert_eq!(other, e.id, "lookup key {key:?} is shared by {other} and {}", e.id);
                }
            }
        }
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let err = find("Tit For Tatt").unwrap_err();
        assert_eq!(err.suggestions.first().map(String::as_str), Some("Tit For Tat"));
        assert!(err.to_string().contains("did you mean"));
    }

    #[test]
    fn python_float_repr() {
        assert_eq!(py_float(0.1), "0.1");
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(py_float(0.0), "0.0");
    }
}

/// Named sets of strategies, as the Axelrod library defines them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Set {
    /// The library's `basic_strategies`.
    Basic,
    /// The library's `axelrod_first_strategies`: the fifteen entrants of Axelrod's first
    /// tournament (1980) as the library implements them, in the library's order.
    FirstTournament,
}

impl Set {
    /// The ids of the members, in the library's order.
    pub fn ids(self) -> &'static [&'static str] {
        match self {
            Set::Basic => &[
                "alternator",
                "anti_tit_for_tat",
                "bully",
                "cooperator",
                "cycler_dc",
                "defector",
                "suspicious_tit_for_tat",
                "tit_for_tat",
                "win_shift_lose_stay",
                "win_stay_lose_shift",
            ],
            Set::FirstTournament => &[
                "tit_for_tat",
                "first_by_tideman_and_chieruzzi",
                "first_by_nydegger",
                "first_by_grofman",
                "first_by_shubik",
                "first_by_stein_and_rapoport",
                "grudger",
                "first_by_davis",
                "first_by_graaskamp",
                "first_by_downing",
                "first_by_feld",
                "first_by_joss",
                "first_by_tullock",
                "first_by_anonymous",
                "random",
            ],
        }
    }

    /// The members' registry entries, in the library's order.
    pub fn entries(self) -> Result<Vec<&'static Entry>, UnknownStrategy> {
        self.ids().iter().map(|id| find(id)).collect()
    }
}
