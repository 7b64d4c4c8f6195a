//! The command-line contracts of `strategies`, `match` and `tournament`: output shapes, exit
//! codes, and a one-line error with exit code 2 for each kind of bad input.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn commonweal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_commonweal")).args(args).output().expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let out = commonweal(args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Asserts exit code 2 and a single `error: …` line on stderr mentioning `needle`.
fn assert_bad_input(args: &[&str], needle: &str) {
    let out = commonweal(args);
    assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: one line expected, got {stderr:?}");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr:?}");
    assert!(stderr.contains(needle), "{args:?}: {stderr:?} should mention {needle:?}");
    assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("commonweal-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const FIVE: &str = "Cooperator,Defector,Tit For Tat,Alternator,Random";

#[test]
fn strategies_lists_the_registry_as_json() {
    let v = json(&["strategies", "--format", "json"]);
    let rows = v.as_array().unwrap();
    assert!(rows.iter().any(|r| r["id"] == "tit_for_tat" && r["name"] == "Tit For Tat"));
    for r in rows {
        for key in ["id", "class_name", "display_name", "name", "stochastic", "memory_depth"] {
            assert!(r.get(key).is_some(), "strategy row lacks {key}");
        }
    }
}

#[test]
fn match_json_has_moves_and_scores() {
    let v = json(&["match", "Tit For Tat", "defector", "--turns", "5", "--format", "json"]);
    assert_eq!(v["moves"], "CDDDD");
    assert_eq!(v["opponent_moves"], "DDDDD");
    assert_eq!(v["score"], 4.0);
    assert_eq!(v["opponent_score"], 9.0);
}

#[test]
fn tournament_json_contract() {
    let v = json(&[
        "tournament",
        "--players",
        FIVE,
        "--turns",
        "30",
        "--repetitions",
        "3",
        "--seed",
        "9",
        "--format",
        "json",
    ]);
    let players: Vec<&str> = v["players"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(players[..4], ["Cooperator", "Defector", "Tit For Tat", "Alternator"]);
    let ranked = v["ranked"].as_array().unwrap();
    assert_eq!(ranked.len(), 5);
    for (k, r) in ranked.iter().enumerate() {
        assert_eq!(r["rank"], k + 1);
        for key in ["name", "median_normalised_score", "cooperation_rating", "wins", "total_score"] {
            assert!(r.get(key).is_some(), "ranked entry lacks {key}");
        }
    }
    // Ranked by median score, best first.
    let medians: Vec<f64> = ranked.iter().map(|r| r["median_normalised_score"].as_f64().unwrap()).collect();
    assert!(medians.windows(2).all(|w| w[0] >= w[1]), "{medians:?}");
    let matrix = v["payoff_matrix"].as_array().unwrap();
    assert_eq!(matrix.len(), 5);
    assert!(matrix.iter().all(|row| row.as_array().unwrap().len() == 5));
    // Cooperator against itself earns R = 3 per turn, in input order.
    assert_eq!(matrix[0][0], 3.0);
    let setup = &v["setup"];
    assert_eq!(setup["turns"], 30);
    assert_eq!(setup["repetitions"], 3);
    assert_eq!(setup["seed"], 9);
    assert_eq!(setup["noise"], 0.0);
    assert_eq!(setup["game"]["t"], 5.0);
    assert!(setup["version"].is_string());
    assert!(setup.get("prob_end").is_some() && setup.get("observation_error").is_some());
}

#[test]
fn tournament_results_do_not_depend_on_threads() {
    let run = |threads: &str| {
        let mut v = json(&[
            "tournament",
            "--players",
            FIVE,
            "--turns",
            "40",
            "--repetitions",
            "4",
            "--noise",
            "0.05",
            "--threads",
            threads,
            "--format",
            "json",
        ]);
        assert_eq!(v["setup"]["threads"], threads.parse::<u64>().unwrap());
        v["setup"]["threads"] = Value::Null;
        v
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn tournament_out_writes_matches_summary_and_chart() {
    let dir = scratch_dir("out");
    let out = commonweal(&[
        "tournament",
        "--players",
        FIVE,
        "--turns",
        "20",
        "--repetitions",
        "2",
        "--out",
        dir.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let matches = std::fs::read_to_string(dir.join("matches.csv")).unwrap();
    // A header and 15 pairs (self-play included) × 2 repetitions.
    assert_eq!(matches.lines().count(), 1 + 15 * 2);
    assert!(matches.starts_with("repetition,player_index,player,opponent_index,opponent,turns,score"));
    let summary = std::fs::read_to_string(dir.join("summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 1 + 5);
    // --format csv prints the same summary on stdout.
    assert_eq!(String::from_utf8_lossy(&out.stdout), summary);
    let svg = std::fs::read_to_string(dir.join("ranking.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Tit For Tat"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn tournament_all_excluding_long_run_takes_every_quick_strategy() {
    let strategies = json(&["strategies", "--format", "json"]);
    let quick: Vec<&str> = strategies
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["long_run_time"] == false)
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    let v = json(&[
        "tournament",
        "--all",
        "--exclude-long-run",
        "--turns",
        "2",
        "--repetitions",
        "1",
        "--format",
        "json",
    ]);
    let players: Vec<&str> = v["players"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(players, quick);
}

#[test]
fn tournament_with_end_probability_records_it() {
    let v = json(&[
        "tournament",
        "--players",
        FIVE,
        "--prob-end",
        "0.1",
        "--repetitions",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(v["setup"]["prob_end"], 0.1);
    assert_eq!(v["setup"]["turns"], Value::Null);
}

#[test]
fn tournament_table_names_every_player() {
    let out = commonweal(&[
        "tournament",
        "--players",
        "Cooperator,Defector",
        "--turns",
        "10",
        "--repetitions",
        "1",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Defector") && text.contains("Cooperator") && text.contains("median score"));
}

#[test]
fn unknown_strategy_gets_suggestions() {
    assert_bad_input(&["tournament", "--players", "Cooperator,Defectr"], "did you mean \"Defector\"");
    assert_bad_input(&["match", "Tit For Tatt", "Defector"], "did you mean");
}

#[test]
fn noise_outside_the_unit_interval_is_refused() {
    assert_bad_input(&["tournament", "--players", FIVE, "--noise", "1.5"], "noise");
    assert_bad_input(&["tournament", "--players", FIVE, "--noise=-0.1"], "noise");
}

#[test]
fn zero_turns_is_refused() {
    assert_bad_input(&["tournament", "--players", FIVE, "--turns", "0"], "--turns");
}

#[test]
fn malformed_game_is_refused() {
    assert_bad_input(&["tournament", "--players", FIVE, "--game", "3,1,0"], "R,P,S,T");
    assert_bad_input(&["tournament", "--players", FIVE, "--game", "3,1,x,5"], "payoff S");
}

#[test]
fn zero_repetitions_is_refused() {
    assert_bad_input(&["tournament", "--players", FIVE, "--repetitions", "0"], "--repetitions");
}

#[test]
fn no_players_is_refused() {
    assert_bad_input(&["tournament"], "no players");
    assert_bad_input(&["tournament", "--players", " , "], "no players");
}

#[test]
fn unwritable_out_is_refused() {
    let dir = scratch_dir("blocked");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let target = file.join("sub");
    assert_bad_input(&["tournament", "--players", FIVE, "--out", target.to_str().unwrap()], "--out");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_prob_end_and_threads_are_refused() {
    assert_bad_input(&["tournament", "--players", FIVE, "--prob-end", "0"], "end probability");
    assert_bad_input(&["tournament", "--players", FIVE, "--threads", "0"], "--threads");
}
