//! A scenario's `[data]` table end to end: a user countries file changes the run and is recorded
//! in its outputs; a missing file, a malformed row and an unknown key are one-line errors with
//! exit code 2 that name what is wrong.

mod common;

use common::{run_in, scratch, stderr};
use std::path::{Path, PathBuf};

/// The embedded countries file with one field of one nation's row replaced.
fn countries_with(iso3: &str, column: &str, value: &str) -> String {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/countries.csv"))
            .unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let col = lines[0].split(',').position(|h| h == column).expect("known column");
    let row = lines.iter().position(|l| l.starts_with(&format!("{iso3},"))).expect("known nation");
    let mut fields: Vec<String> = lines[row].split(',').map(str::to_string).collect();
    fields[col] = value.to_string();
    lines[row] = fields.join(",");
    lines.join("\n") + "\n"
}

/// Writes `scen/scenario.toml` with `[data] countries = "countries.csv"` beside it.
fn scenario_with_countries(dir: &Path, countries: Option<&str>) -> PathBuf {
    let scen = dir.join("scen");
    std::fs::create_dir_all(&scen).unwrap();
    let toml = "name = \"user\"\n\n[[regime]]\nname = \"win_win\"\ndoctrine = \"win_win\"\n\n[data]\ncountries = \"countries.csv\"\n";
    std::fs::write(scen.join("scenario.toml"), toml).unwrap();
    if let Some(text) = countries {
        std::fs::write(scen.join("countries.csv"), text).unwrap();
    }
    scen.join("scenario.toml")
}

fn json_run(dir: &Path, scenario: Option<&str>, out: &str) -> serde_json::Value {
    let mut args = vec!["run"];
    args.extend(scenario);
    args.extend(["--replicates", "2", "--years", "3", "--seed", "5", "--format", "json", "--out", out]);
    let o = run_in(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("json summary")
}

#[test]
fn a_user_countries_file_replaces_the_embedded_one() {
    let dir = scratch("userdata-run");
    // The United States with a tenth of its population: its labour input and productivity change.
    let scenario = scenario_with_countries(&dir, Some(&countries_with("USA", "pop_wb", "33000000")));
    let path = scenario.to_str().unwrap();
    let check = run_in(&dir, &["scenario", "check", path]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("countries=countries.csv"));

    let user = json_run(&dir, Some(path), "user");
    assert_eq!(user["data"], "countries=countries.csv (other datasets embedded)");
    let html = std::fs::read_to_string(dir.join("user/report.html")).unwrap();
    assert!(html.contains("World data: countries=countries.csv"));

    // The same scenario without [data], on the embedded world.
    std::fs::write(
        dir.join("plain.toml"),
        "name = \"user\"\n\n[[regime]]\nname = \"win_win\"\ndoctrine = \"win_win\"\n",
    )
    .unwrap();
    let plain = json_run(&dir, Some("plain.toml"), "plain");
    assert_eq!(plain["data"], "embedded");
    assert_eq!(user["nations"], plain["nations"]);
    assert_ne!(
        user["regimes"], plain["regimes"],
        "a different population of the largest economy must change the results"
    );
}

#[test]
fn a_missing_user_file_names_the_field_and_the_path() {
    let dir = scratch("userdata-missing");
    let scenario = scenario_with_countries(&dir, None);
    for args in [
        vec!["run", scenario.to_str().unwrap(), "--replicates", "1", "--years", "1"],
        vec!["scenario", "check", scenario.to_str().unwrap()],
    ] {
        let o = run_in(&dir, &args);
        assert_eq!(o.status.code(), Some(2));
        let msg = stderr(&o);
        assert!(msg.contains("scenario.toml:8: field `data.countries`"), "{msg}");
        assert!(msg.contains(&format!("scen{}countries.csv", std::path::MAIN_SEPARATOR)), "{msg}");
        assert_eq!(msg.trim_end().lines().count(), 1, "{msg}");
    }
}

#[test]
fn a_malformed_user_row_names_dataset_row_and_field() {
    let dir = scratch("userdata-malformed");
    // AGO is the second data row.
    let scenario = scenario_with_countries(&dir, Some(&countries_with("AGO", "area_km2", "wide")));
    let o = run_in(&dir, &["scenario", "check", scenario.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let msg = stderr(&o);
    assert!(msg.contains("data.countries = \"countries.csv\""), "{msg}");
    assert!(msg.contains("countries.csv: row 2, field `area_km2`"), "{msg}");
    assert_eq!(msg.trim_end().lines().count(), 1, "{msg}");
}

#[test]
fn an_unknown_data_key_is_refused_with_the_valid_ones() {
    let dir = scratch("userdata-unknown");
    std::fs::write(dir.join("s.toml"), "name = \"x\"\n[data]\npopulation = \"p.csv\"\n").unwrap();
    let o = run_in(&dir, &["scenario", "check", "s.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let msg = stderr(&o);
    assert!(msg.contains("s.toml:3: unknown field `population`"), "{msg}");
    assert!(msg.contains("`countries`") && msg.contains("`pwt_panel`"), "{msg}");
}
