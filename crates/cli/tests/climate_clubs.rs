//! `commonweal climate clubs` end to end: the JSON and table outputs carry every contracted field,
//! and bad input is one line on stderr with exit code 2.

use std::process::{Command, Output};

fn commonweal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_commonweal")).args(args).output().expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn json_lists_each_stable_club_with_shares_temperature_and_every_nations_gain() {
    let out = commonweal(&[
        "climate",
        "clubs",
        "--target-price",
        "25",
        "--penalty-tariff",
        "0.05",
        "--starts",
        "0",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let nations = doc["nations"].as_u64().unwrap() as usize;
    assert_eq!(nations, 196);
    assert_eq!(doc["starts"], serde_json::json!(["grand", "empty"]));
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["target_price"], 25.0);
    assert_eq!(results[0]["penalty_tariff"], 0.05);
    let stable = results[0]["stable"].as_array().unwrap();
    assert!(!stable.is_empty(), "{doc}");
    for club in stable {
        let members = club["members"].as_array().unwrap();
        let outsiders = club["outsiders"].as_array().unwrap();
        assert_eq!(members.len() + outsiders.len(), nations);
        assert_eq!(club["n_members"].as_u64().unwrap() as usize, members.len());
        for key in ["output_share", "emissions_share"] {
            let share = club[key].as_f64().unwrap();
            assert!((0.0..=1.0 + 1e-9).contains(&share), "{key} {share}");
        }
        for g in members.iter().chain(outsiders) {
            assert_eq!(g["iso3"].as_str().unwrap().len(), 3);
            let total = g["gain"].as_f64().unwrap();
            let parts = g["climate_gain"].as_f64().unwrap() + g["trade_gain"].as_f64().unwrap();
            assert!((total - parts).abs() < 1e-12);
            // Stable: nobody gains by switching alone.
            assert!(g["switch_gain"].as_f64().unwrap() <= doc["move_tolerance"].as_f64().unwrap());
        }
        assert!(!club["found_from"].as_array().unwrap().is_empty());
    }
    // At $25 with a 5 % penalty every nation stays in the club, and the world is cooler.
    let grand = stable.iter().find(|c| c["n_members"] == 196).expect("the grand coalition is stable");
    assert!(grand["tatm_2100"].as_f64().unwrap() < doc["nash_tatm_2100"].as_f64().unwrap() - 0.1);
    assert!((grand["output_share"].as_f64().unwrap() - 1.0).abs() < 1e-9);
}

#[test]
fn table_shows_one_row_per_club_without_a_penalty_only_the_empty_club() {
    let out = commonweal(&[
        "climate",
        "clubs",
        "--target-price",
        "25.0",
        "--penalty-tariff",
        "0.00",
        "--starts",
        "0",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Climate clubs on 196 nations"), "{text}");
    for column in
        ["price $/t", "tariff %", "members", "output %", "CO2 %", "T2100 °C", "member gain", "outsider gain"]
    {
        assert!(text.contains(column), "missing {column}: {text}");
    }
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("stable")).collect();
    assert_eq!(rows.len(), 1, "{text}");
    let cells: Vec<&str> = rows[0].split_whitespace().collect();
    // Numbers are shown short: 25.0 as 25, a zero tariff as 0.
    assert_eq!(&cells[..3], ["25", "0", "stable"], "{text}");
    assert!(rows[0].contains("grand, empty"), "both starts end at the same club: {text}");
}

#[test]
fn bad_input_is_one_line_naming_the_flag_with_exit_code_2() {
    let cases: [(&[&str], &str); 8] = [
        (&["--target-price", "-5"], "--target-price has '-5'"),
        (&["--target-price", "abc"], "--target-price has 'abc'"),
        (&["--target-price", ","], "--target-price is empty"),
        (&["--target-price", ""], "--target-price is empty"),
        (&["--penalty-tariff", "6"], "--penalty-tariff has '6'; expected rates in [0, 5]"),
        (&["--penalty-tariff", "0.02,inf"], "--penalty-tariff has 'inf'"),
        (&["--threads", "0"], "--threads is 0"),
        (&["--format", "csv"], "--format csv is not offered"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["climate", "clubs"];
        args.extend_from_slice(extra);
        let out = commonweal(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}
