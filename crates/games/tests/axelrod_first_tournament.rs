//! Agreement with the Axelrod library (the version recorded in the fixture) for the
//! finite-state-machine, lookup-table, gambler and first-tournament players.
//!
//! The fixture `compat/fixtures/axelrod_first_tournament_pairs.json` is written by
//! `compat/axelrod_first_check.py`. What is promised:
//! - every strategy's name is the library's `repr` and its classifier the library's;
//! - `Set::FirstTournament` lists the library's `axelrod_first_strategies` in order;
//! - every deterministic pair plays the same 200 moves each and scores the same as in the
//!   library, with the length announced or not and on the default or another game;
//! - every stochastic pair's mean score per turn (and its opponent's) agrees with the library's
//!   within three standard errors of the difference (the random streams differ, so only the
//!   distributions can agree).

use commonweal_games::action::actions_to_string;
use commonweal_games::history::History;
use commonweal_games::play::{MatchSpec, play_match};
use commonweal_games::registry::{self, Set};
use commonweal_games::rng::{label, stream};
use commonweal_games::{Game, MatchInfo, Strategy};
use serde::Deserialize;

const FIXTURE: &str = include_str!("../../../compat/fixtures/axelrod_first_tournament_pairs.json");

#[derive(Deserialize)]
struct Fixture {
    axelrod_version: String,
    turns: usize,
    strategies: Vec<StrategyRecord>,
    first_tournament: FirstTournament,
    deterministic_pairs: Vec<DeterministicPair>,
    stochastic_pairs: Vec<StochasticPair>,
}

#[derive(Deserialize)]
struct StrategyRecord {
    class_name: String,
    repr: String,
    memory_depth: Option<usize>,
    stochastic: bool,
    long_run_time: bool,
    makes_use_of: Vec<String>,
}

#[derive(Deserialize)]
struct FirstTournament {
    class_names: Vec<String>,
    reprs: Vec<String>,
}

#[derive(Deserialize)]
struct DeterministicPair {
    player: String,
    opponent: String,
    game: [f64; 4],
    length_known: bool,
    moves: String,
    opponent_moves: String,
    score: f64,
    opponent_score: f64,
}

#[derive(Deserialize)]
struct StochasticPair {
    player: String,
    opponent: String,
    seeds: usize,
    mean_score_per_turn: f64,
    standard_error: f64,
    opponent_mean_score_per_turn: f64,
    opponent_standard_error: f64,
}

fn fixture() -> Fixture {
    serde_json::from_str(FIXTURE).expect("the fixture parses")
}

fn build(class_name: &str) -> Box<dyn Strategy> {
    registry::build(class_name).unwrap_or_else(|e| panic!("{e}"))
}

/// The library's class name in snake case, the registry's id convention.
fn snake_case(class_name: &str) -> String {
    let chars: Vec<char> = class_name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit()) {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[test]
fn fixture_is_from_the_pinned_library() {
    let f = fixture();
    assert_eq!(f.axelrod_version, "4.14.0");
    assert_eq!(f.turns, 200);
    assert!(f.deterministic_pairs.len() > 500);
    assert!(f.stochastic_pairs.len() >= 60);
}

#[test]
fn names_and_classifiers_match_the_library() {
    for s in fixture().strategies {
        let player = build(&s.class_name);
        let c = player.classifier();
        assert_eq!(player.name(), s.repr, "{}", s.class_name);
        assert_eq!(c.memory_depth, s.memory_depth, "{} memory depth", s.class_name);
        assert_eq!(c.stochastic, s.stochastic, "{} stochastic", s.class_name);
        assert_eq!(c.long_run_time, s.long_run_time, "{} long run time", s.class_name);
        let uses = |what: &str| s.makes_use_of.iter().any(|u| u == what);
        assert_eq!(c.makes_use_of_length, uses("length"), "{} uses length", s.class_name);
        assert_eq!(c.makes_use_of_game, uses("game"), "{} uses game", s.class_name);
    }
}

#[test]
fn first_tournament_set_is_the_library_list_in_order() {
    let f = fixture().first_tournament;
    let ids: Vec<String> = f.class_names.iter().map(|c| snake_case(c)).collect();
    assert_eq!(Set::FirstTournament.ids(), ids.as_slice());
    for (id, repr) in ids.iter().zip(&f.reprs) {
        let entry = registry::find(id).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&entry.build().name(), repr, "{id}");
    }
}

/// A noiseless match of `turns` turns whose length is not announced to the players.
fn play_unannounced(
    a: &mut dyn Strategy,
    b: &mut dyn Strategy,
    game: Game,
    turns: usize,
) -> (String, String, f64, f64) {
    let info = MatchInfo { length: None, game, noise: 0.0 };
    a.reset();
    b.reset();
    let (mut ha, mut hb) = (History::default(), History::default());
    let (mut rng_a, mut rng_b) = (stream(0, &[label("player"), 0]), stream(0, &[label("player"), 1]));
    let (mut sa, mut sb) = (0.0, 0.0);
    for _ in 0..turns {
        let x = a.play(&ha, &info, &mut rng_a);
        let y = b.play(&hb, &info, &mut rng_b);
        ha.push(x, y);
        hb.push(y, x);
        let (px, py) = game.scores(x, y);
        sa += px;
        sb += py;
    }
    (actions_to_string(ha.own()), actions_to_string(hb.own()), sa, sb)
}

#[test]
fn deterministic_pairs_reproduce_the_library_move_for_move() {
    let f = fixture();
    let mut mismatches = Vec::new();
    for pair in &f.deterministic_pairs {
        let (mut a, mut b) = (build(&pair.player), build(&pair.opponent));
        let [r, p, s, t] = pair.game;
        let game = Game::new(r, p, s, t);
        let got = if pair.length_known {
            let outcome = play_match(a.as_mut(), b.as_mut(), &MatchSpec::turns(f.turns).game(game), 0);
            (
                actions_to_string(&outcome.moves),
                actions_to_string(&outcome.opponent_moves),
                outcome.score,
                outcome.opponent_score,
            )
        } else {
            play_unannounced(a.as_mut(), b.as_mut(), game, f.turns)
        };
        let want = (pair.moves.clone(), pair.opponent_moves.clone(), pair.score, pair.opponent_score);
        if got != want {
            mismatches.push(format!(
                "{} v {} (game {:?}, length known {}):\n  got  {} / {} ({}, {})\n  want {} / {} ({}, {})",
                pair.player,
                pair.opponent,
                pair.game,
                pair.length_known,
                got.0,
                got.1,
                got.2,
                got.3,
                want.0,
                want.1,
                want.2,
                want.3
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} pairs differ; first ones:\n{}",
        mismatches.len(),
        f.deterministic_pairs.len(),
        mismatches.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Mean and standard error of the mean.
fn mean_se(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

/// Seeds per stochastic pair on this side: more than the library's 1000 (cheap here), so that
/// the library's sampling error dominates the comparison.
const SEEDS: u64 = 4000;

#[test]
fn stochastic_pairs_agree_with_the_library_within_three_standard_errors() {
    let f = fixture();
    let mut disagreements = Vec::new();
    for (pair_idx, pair) in f.stochastic_pairs.iter().enumerate() {
        assert!(pair.seeds >= 1000);
        let (mut a, mut b) = (build(&pair.player), build(&pair.opponent));
        let spec = MatchSpec::turns(f.turns);
        let (mut own, mut opp) = (Vec::new(), Vec::new());
        for seed in 0..SEEDS {
            let outcome = play_match(a.as_mut(), b.as_mut(), &spec, ((pair_idx as u64) << 32) | seed);
            own.push(outcome.score / f.turns as f64);
            opp.push(outcome.opponent_score / f.turns as f64);
        }
        for (who, values, want, want_se) in [
            ("player", &own, pair.mean_score_per_turn, pair.standard_error),
            ("opponent", &opp, pair.opponent_mean_score_per_turn, pair.opponent_standard_error),
        ] {
            let (mean, se) = mean_se(values);
            let tolerance = 3.0 * (se * se + want_se * want_se).sqrt();
            if (mean - want).abs() > tolerance.max(1e-12) {
                disagreements.push(format!(
                    "{} v {} ({who}): {mean:.5} ± {se:.5} here, {want:.5} ± {want_se:.5} in the library",
                    pair.player, pair.opponent
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
