//! Reproduces, to 1e-9, every metric of the tournaments stored in
//! `compat/fixtures/axelrod_tournament*.json` by `compat/axelrod_tournament.py` from the Axelrod
//! library (deterministic players only, so the library's random numbers play no part).

use commonweal_games::Game;
use commonweal_games::registry;
use commonweal_games::tournament::Tournament;
use serde_json::Value;
use std::path::PathBuf;

const TOLERANCE: f64 = 1e-9;

/// Metrics compared number by number (everything the fixture holds but names and metadata).
const METRICS: &[&str] = &[
    "match_lengths",
    "scores",
    "wins",
    "normalised_scores",
    "ranking",
    "payoffs",
    "payoff_matrix",
    "payoff_stddevs",
    "score_diffs",
    "payoff_diffs_means",
    "cooperation",
    "normalised_cooperation",
    "vengeful_cooperation",
    "cooperating_rating",
    "good_partner_matrix",
    "good_partner_rating",
    "initial_cooperation_count",
    "initial_cooperation_rate",
    "state_distribution",
    "normalised_state_distribution",
    "state_to_action_distribution",
    "normalised_state_to_action_distribution",
    "eigenjesus_rating",
    "eigenmoses_rating",
];

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../compat/fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("compat/fixtures exists")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("axelrod_tournament") && name.ends_with(".json")
        })
        .collect();
    paths.sort();
    paths
}

/// Compares two JSON trees; numbers within the tolerance, null (NaN) only with null.
fn assert_close(path: &str, expected: &Value, actual: &Value) {
    match (expected, actual) {
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{path}: lengths differ");
            for (k, (x, y)) in e.iter().zip(a).enumerate() {
                assert_close(&format!("{path}[{k}]"), x, y);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            assert!((e - a).abs() <= TOLERANCE, "{path}: library {e}, commonweal {a}");
        }
        (Value::Null, Value::Null) => {}
        _ => panic!("{path}: library {expected}, commonweal {actual}"),
    }
}

fn run_fixture(path: &PathBuf) {
    let text = std::fs::read_to_string(path).unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    let classes: Vec<&str> =
        fixture["classes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    let players = classes
        .iter()
        .map(|c| registry::build(c).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect();
    let g: Vec<f64> = fixture["game"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
    let results = Tournament::new(players)
        .turns(fixture["turns"].as_u64().unwrap() as usize)
        .repetitions(fixture["repetitions"].as_u64().unwrap() as usize)
        .game(Game::new(g[0], g[1], g[2], g[3]))
        .seed(7)
        .play()
        .unwrap();
    let ours = serde_json::to_value(&results).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    // Names in the library's repr form, in input and in ranked order.
    assert_eq!(ours["players"], fixture["players"], "{name}: player names");
    assert_eq!(ours["ranked_names"], fixture["ranked_names"], "{name}: ranked names");
    for metric in METRICS {
        assert_close(&format!("{name}: {metric}"), &fixture[*metric], &ours[*metric]);
    }
    let summary = serde_json::to_value(results.summary()).unwrap();
    let expected = fixture["summary"].as_array().unwrap();
    assert_eq!(expected.len(), summary.as_array().unwrap().len());
    for (k, (e, a)) in expected.iter().zip(summary.as_array().unwrap()).enumerate() {
        for field in [
            "rank",
            "median_score",
            "cooperation_rating",
            "wins",
            "initial_c_rate",
            "original_index",
            "state_rates",
            "state_to_c_rates",
        ] {
            assert_close(&format!("{name}: summary[{k}].{field}"), &e[field], &a[field]);
        }
    }
}

#[test]
fn every_metric_matches_the_axelrod_library() {
    let paths = fixtures();
    assert!(!paths.is_empty(), "no tournament fixtures found");
    for path in &paths {
        run_fixture(path);
    }
}

#[test]
fn metrics_do_not_depend_on_the_seed_for_deterministic_players() {
    // The fixtures' players are deterministic, so any seed must give the library's numbers;
    // this guards the comparison above against passing for one lucky seed only.
    let make = |seed| {
        Tournament::from_names(&["Cooperator", "Defector", "Tit For Tat", "Alternator"])
            .unwrap()
            .turns(30)
            .repetitions(2)
            .seed(seed)
            .play()
            .unwrap()
    };
    let (a, b) = (make(1), make(2));
    assert_eq!(a.payoff_matrix, b.payoff_matrix);
    assert_eq!(a.eigenmoses_rating, b.eigenmoses_rating);
}
