//! `commonweal trade` and `commonweal data` end to end: JSON shapes, the identities they show,
//! and one-line errors with exit code 2 on bad input.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_commonweal")).args(args).output().expect("the binary runs")
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON on stdout")
}

fn nation<'a>(v: &'a serde_json::Value, iso3: &str) -> &'a serde_json::Value {
    v["nations"].as_array().unwrap().iter().find(|n| n["iso3"] == iso3).unwrap()
}

#[test]
fn gains_lists_every_nation_with_domestic_share_and_acr_gains() {
    let v = json(&["trade", "gains", "--format", "json"]);
    let nations = v["nations"].as_array().unwrap();
    assert_eq!(nations.len(), 196);
    for n in nations {
        let lambda = n["domestic_share"].as_f64().unwrap();
        let gains = n["gains_from_trade_pct"].as_f64().unwrap();
        assert!(lambda > 0.0 && lambda <= 1.0);
        assert!((gains - 100.0 * (lambda.powf(-1.0 / 5.0) - 1.0)).abs() < 1e-9, "{n}");
    }
    let usa = nation(&v, "USA")["gains_from_trade_pct"].as_f64().unwrap();
    let irl = nation(&v, "IRL")["gains_from_trade_pct"].as_f64().unwrap();
    assert!(usa > 1.0 && usa < 3.0 && irl > 5.0 * usa, "USA {usa} IRL {irl}");
}

#[test]
fn a_universal_tariff_war_hurts_the_world_and_most_nations() {
    let v = json(&["trade", "counterfactual", "--uniform-tariff", "0.25", "--format", "json"]);
    assert!(v["world"]["real_income_change_pct"].as_f64().unwrap() < 0.0);
    let losing = v["nations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["real_income_change_pct"].as_f64().unwrap() < 0.0);
    assert!(losing.count() >= 177);
    assert!(nation(&v, "USA").get("acr_change_pct").is_none());
}

#[test]
fn iceberg_counterfactual_reports_the_acr_formula_equal_to_the_model() {
    let v = json(&[
        "trade",
        "counterfactual",
        "--tariffs",
        "USA>CHN=0.25,CHN>USA=0.25",
        "--iceberg",
        "--format",
        "json",
    ]);
    assert_eq!(v["iceberg"], true);
    for n in v["nations"].as_array().unwrap() {
        let model = n["real_income_change_pct"].as_f64().unwrap();
        let acr = n["acr_change_pct"].as_f64().unwrap();
        assert!((model - acr).abs() < 1e-7, "{n}");
    }
    assert!(nation(&v, "USA")["real_income_change_pct"].as_f64().unwrap() < 0.0);
}

#[test]
fn cost_change_with_a_wildcard_runs_and_prints_a_table() {
    let out = run(&["trade", "counterfactual", "--cost-change", "*>GBR=0.1"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("world real income change"));
    let gbr = text.lines().find(|l| l.starts_with("GBR")).unwrap();
    assert!(gbr.contains('-'), "{gbr}");
}

#[test]
fn bad_input_gives_one_line_and_exit_code_2() {
    for (args, needle) in [
        (vec!["trade", "counterfactual", "--tariffs", "USA>ATL=0.1"], "`ATL` is not a nation"),
        (vec!["trade", "counterfactual", "--uniform-tariff", "-3"], "> −1"),
        (vec!["trade", "gains", "--epsilon", "0"], "--epsilon"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("error: ") && err.contains(needle), "{err}");
    }
}

#[test]
fn data_lists_datasets_sources_licences_and_coverage() {
    let v = json(&["data", "--format", "json"]);
    assert_eq!(v["nations"], 196);
    let g = &v["gdp_sources"];
    let total = g["pwt"].as_u64().unwrap()
        + g["natural_earth"].as_u64().unwrap()
        + g["regional_per_capita"].as_u64().unwrap();
    assert_eq!(total, 196);
    let datasets = v["datasets"].as_array().unwrap();
    assert_eq!(datasets.len(), 7);
    for d in datasets {
        assert!(d["rows"].as_u64().unwrap() > 0, "{d}");
        assert!(!d["licence"].as_str().unwrap().is_empty());
    }
    assert!(v["notice"].as_str().unwrap().contains("CC BY 4.0"));
}
