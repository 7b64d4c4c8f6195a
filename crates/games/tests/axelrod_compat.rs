//! Exact agreement with the Axelrod library (4.14.0): every strategy that both projects have
//! answers to the library's `repr` and has the library's classifier, and every ordered pair of
//! deterministic strategies plays the library's 200-turn match move for move and point for
//! point. The expected values are the library's own output, committed as
//! `compat/fixtures/axelrod_matches.json` by `compat/axelrod_fixture.py` (see compat/README.md);
//! all disagreements are reported at once.

use commonweal_games::action::{Action, actions_to_string};
use commonweal_games::play::{MatchSpec, play_match};
use commonweal_games::registry;
use serde::Deserialize;

const FIXTURE: &str = include_str!("../../../compat/fixtures/axelrod_matches.json");

#[derive(Deserialize)]
struct Fixture {
    axelrod_version: String,
    turns: usize,
    game: [f64; 4],
    strategies: Vec<LibraryStrategy>,
    not_in_library: Vec<String>,
    sequences: Vec<String>,
    /// [player, opponent, player's sequence, opponent's sequence, player's score, opponent's score]
    matches: Vec<(usize, usize, usize, usize, f64, f64)>,
}

#[derive(Deserialize)]
struct LibraryStrategy {
    class_name: String,
    repr: String,
    memory_depth: Option<usize>,
    stochastic: bool,
    long_run_time: bool,
    makes_use_of: Vec<String>,
}

fn fixture() -> Fixture {
    serde_json::from_str(FIXTURE).expect("the fixture parses")
}

/// Expands a run-length encoded move string ("C3D2" → "CCCDD").
fn expand(rle: &str) -> String {
    let mut out = String::new();
    let mut chars = rle.chars().peekable();
    while let Some(action) = chars.next() {
        let mut count = String::new();
        while let Some(d) = chars.peek().filter(|c| c.is_ascii_digit()) {
            count.push(*d);
            chars.next();
        }
        let n: usize = count.parse().expect("a run length");
        out.extend(std::iter::repeat_n(action, n));
    }
    out
}

fn report(what: &str, mismatches: &[String]) {
    assert!(
        mismatches.is_empty(),
        "{} {what} disagree with the Axelrod library:\n{}",
        mismatches.len(),
        mismatches.iter().take(60).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_fixture_is_the_libraries_and_covers_the_registry() {
    let f = fixture();
    assert_eq!(f.axelrod_version, "4.14.0");
    assert_eq!(f.game, [3.0, 1.0, 0.0, 5.0]);
    let deterministic = f.strategies.iter().filter(|s| !s.stochastic).count();
    assert_eq!(f.matches.len(), deterministic * deterministic, "every ordered pair is played");
    // A strategy added to the registry after the fixture was generated shows up here: run
    // compat/axelrod_fixture.py again.
    let known: Vec<&str> = f
        .strategies
        .iter()
        .map(|s| s.class_name.as_str())
        .chain(f.not_in_library.iter().map(String::as_str))
        .collect();
    let stale: Vec<&str> =
        registry::entries().iter().map(|e| e.class_name).filter(|c| !known.contains(c)).collect();
    assert!(stale.is_empty(), "not in the fixture (regenerate it): {stale:?}");
}

#[test]
fn names_and_classifiers_match_the_library() {
    let f = fixture();
    let mut mismatches = Vec::new();
    for s in &f.strategies {
        let entry = match registry::find(&s.class_name) {
            Ok(e) if e.class_name == s.class_name => e,
            _ => {
                mismatches.push(format!("{}: not registered under this class name", s.class_name));
                continue;
            }
        };
        let player = entry.build();
        let c = player.classifier();
        let mut check = |field: &str, ours: String, theirs: String| {
            if ours != theirs {
                mismatches.push(format!("{}: {field} is {ours}, the library's is {theirs}", s.class_name));
            }
        };
        check("name", player.name(), s.repr.clone());
        check("memory_depth", format!("{:?}", c.memory_depth), format!("{:?}", s.memory_depth));
        check("stochastic", c.stochastic.to_string(), s.stochastic.to_string());
        check("long_run_time", c.long_run_time.to_string(), s.long_run_time.to_string());
        let mut uses = Vec::new();
        if c.makes_use_of_game {
            uses.push("game".to_string());
        }
        if c.makes_use_of_length {
            uses.push("length".to_string());
        }
        check("makes_use_of", format!("{uses:?}"), format!("{:?}", s.makes_use_of));
    }
    report("names or classifiers", &mismatches);
}

#[test]
fn every_deterministic_pair_plays_the_librarys_match() {
    let f = fixture();
    let spec = MatchSpec::turns(f.turns);
    let mut mismatches = Vec::new();
    for &(i, j, seq_a, seq_b, score_a, score_b) in &f.matches {
        let (a, b) = (&f.strategies[i].class_name, &f.strategies[j].class_name);
        let (Ok(mut pa), Ok(mut pb)) = (registry::build(a), registry::build(b)) else {
            mismatches.push(format!("{a} vs {b}: not registered"));
            continue;
        };
        let outcome = play_match(pa.as_mut(), pb.as_mut(), &spec, 0);
        let (ours_a, ours_b) =
            (actions_to_string(&outcome.moves), actions_to_string(&outcome.opponent_moves));
        let (theirs_a, theirs_b) = (expand(&f.sequences[seq_a]), expand(&f.sequences[seq_b]));
        if ours_a != theirs_a || ours_b != theirs_b {
            let turn = ours_a
                .chars()
                .zip(ours_b.chars())
                .zip(theirs_a.chars().zip(theirs_b.chars()))
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            mismatches.push(format!("{a} vs {b}: moves differ from turn {} on", turn + 1));
        } else if (outcome.score, outcome.opponent_score) != (score_a, score_b) {
            mismatches.push(format!(
                "{a} vs {b}: scores ({}, {}), the library's ({score_a}, {score_b})",
                outcome.score, outcome.opponent_score
            ));
        }
    }
    report("matches", &mismatches);
}

#[test]
fn run_length_decoding() {
    assert_eq!(expand("C3D2"), "CCCDD");
    assert_eq!(expand("D12"), "D".repeat(12));
    let _: Option<Vec<Action>> = commonweal_games::action::actions_from_str(&expand("C1D1"));
}
