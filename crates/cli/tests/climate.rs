//! `commonweal climate dice` end to end: formats, headline numbers and bad input.

use std::process::{Command, Output};

fn commonweal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_commonweal")).args(args).output().expect("the binary runs")
}

#[test]
fn dice_json_has_the_contracted_shape_and_the_published_values() {
    let out = commonweal(&["climate", "dice", "--run", "baseline", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["run"], "baseline");
    let periods = doc["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 100);
    let keys = ["year", "mu", "s", "tatm", "mat", "e", "y", "c", "k", "forc", "carbon_price", "scc"];
    for key in keys {
        assert!(periods[0][key].is_number(), "missing {key}");
    }
    assert_eq!(periods[17]["year"], 2100);
    let t2100 = periods[17]["tatm"].as_f64().unwrap();
    assert!((t2100 - 4.10).abs() < 0.05, "{t2100}");
    let scc = doc["scc_2015"].as_f64().unwrap();
    assert!((scc - 31.2).abs() < 1.0, "{scc}");
    assert_eq!(scc, periods[0]["scc"].as_f64().unwrap());
    assert!(doc["welfare"].is_number());
}

#[test]
fn dice_csv_has_a_header_and_one_row_per_period() {
    let out = commonweal(&["climate", "dice", "--run", "optimal", "--format", "csv"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "year,mu,s,tatm,mat,e,y,c,k,forc,carbon_price,scc");
    assert_eq!(lines.len(), 101);
    let row_2100: Vec<f64> = lines[18].split(',').map(|v| v.parse().unwrap()).collect();
    assert_eq!(row_2100[0], 2100.0);
    assert!((row_2100[3] - 3.5).abs() < 0.05, "T 2100 = {}", row_2100[3]);
    let row_2020: Vec<f64> = lines[2].split(',').map(|v| v.parse().unwrap()).collect();
    assert!((34.0..=38.0).contains(&row_2020[10]), "carbon price 2020 = {}", row_2020[10]);
}

#[test]
fn dice_table_names_the_run() {
    let out = commonweal(&["climate", "dice"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("DICE-2016R2 optimal run"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("2100 ")));
}

#[test]
fn bad_run_exits_with_code_2() {
    let out = commonweal(&["climate", "dice", "--run", "pessimal"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid value 'pessimal'") && err.contains("optimal, baseline"), "{err}");
}
