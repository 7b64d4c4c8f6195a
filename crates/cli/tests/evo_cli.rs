//! `commonweal evo …` end to end: JSON shapes of the contract and one-line errors with exit
//! code 2 on bad input.

use std::process::Command;

fn evo(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_commonweal"))
        .arg("evo")
        .args(args)
        .output()
        .expect("run commonweal");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, stdout, stderr) = evo(&all);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("valid JSON")
}

#[test]
fn fixation_reports_rho_and_its_log() {
    let v = json(&[
        "fixation",
        "--payoff",
        "1,1;1,1",
        "--population",
        "20",
        "--beta",
        "1",
        "--invader",
        "0",
        "--resident",
        "1",
    ]);
    assert!((v["rho"].as_f64().unwrap() - 0.05).abs() < 1e-12);
    assert!((v["ln_rho"].as_f64().unwrap() - 0.05f64.ln()).abs() < 1e-12);
}

#[test]
fn stationary_small_mutation_and_full_chain_shapes() {
    let v =
        json(&["stationary", "--payoff", "3,0;5,1", "--population", "10", "--beta", "1", "--small-mutation"]);
    assert_eq!(v["strategies"].as_array().unwrap().len(), 2);
    assert!(v["fixation"][0][0].is_null() && v["fixation"][0][1].is_f64());
    let v = json(&[
        "stationary",
        "--payoff",
        "3,0;5,1",
        "--population",
        "10",
        "--beta",
        "1",
        "--mutation",
        "0.01",
    ]);
    assert_eq!(v["states"].as_array().unwrap().len(), 11);
    let total: f64 = v["stationary"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-12);
}

#[test]
fn stationary_reads_a_group_game_file() {
    let dir = std::env::temp_dir().join(format!("commonweal-evo-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pgg.json");
    // A 3-player public goods game with factor 2: C gets 2k/3 − 1, D gets 2k/3.
    let rows: Vec<String> = (0..=3)
        .map(|k: u32| {
            let share = 2.0 * k as f64 / 3.0;
            let c = if k > 0 { format!("{}", share - 1.0) } else { "null".into() };
            let d = if k < 3 { format!("{share}") } else { "null".into() };
            format!(r#"{{"composition": [{k}, {}], "payoffs": [{c}, {d}]}}"#, 3 - k)
        })
        .collect();
    let text =
        format!(r#"{{"strategies": ["C", "D"], "group_size": 3, "payoff_table": [{}]}}"#, rows.join(","));
    std::fs::write(&path, text).unwrap();
    let v = json(&[
        "stationary",
        "--game",
        path.to_str().unwrap(),
        "--population",
        "20",
        "--beta",
        "1",
        "--small-mutation",
    ]);
    assert_eq!(v["strategies"][1], "D");
    assert!(v["stationary"][1].as_f64().unwrap() > 0.9);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn crd_replicator_equilibria_and_spatial_shapes() {
    let v = json(&[
        "crd",
        "--population",
        "30",
        "--group-size",
        "6",
        "--threshold",
        "3",
        "--risk",
        "0.9",
        "--cost",
        "0.1",
        "--beta",
        "5",
        "--mutation",
        "0.01",
    ]);
    assert_eq!(v["gradient"].as_array().unwrap().len(), 31);
    assert_eq!(v["replicator_roots"].as_array().unwrap().len(), 2);
    let v = json(&[
        "replicator",
        "--payoff",
        "0,-1,1;1,0,-1;-1,1,0",
        "--x0",
        "0.5,0.3,0.2",
        "--t-end",
        "1",
        "--dt-out",
        "0.5",
    ]);
    assert_eq!(v["t"].as_array().unwrap().len(), 3);
    let v = json(&["equilibria", "--payoff", "0,-1,1;1,0,-1;-1,1,0"]);
    assert!(v.as_array().unwrap().iter().any(|p| p["type"] == "centre"));
    let v = json(&[
        "spatial",
        "--b",
        "1.85",
        "--lattice",
        "20",
        "--generations",
        "5",
        "--synchronous",
        "--self-interaction",
    ]);
    assert_eq!(v["cooperator_fraction"].as_array().unwrap().len(), 6);
}

#[test]
fn bad_input_is_one_line_and_exit_code_2() {
    for args in [
        vec![
            "fixation",
            "--payoff",
            "3,0;5",
            "--population",
            "10",
            "--beta",
            "1",
            "--invader",
            "0",
            "--resident",
            "1",
        ],
        vec![
            "fixation",
            "--payoff",
            "3,0;5,1",
            "--population",
            "10",
            "--beta",
            "1",
            "--invader",
            "4",
            "--resident",
            "1",
        ],
        vec!["stationary", "--payoff", "3,0;5,1", "--population", "10", "--beta", "1", "--mutation", "2"],
        vec!["replicator", "--payoff", "3,0;5,1", "--x0", "0.5,0.6", "--t-end", "1"],
        vec!["spatial", "--b", "1.5", "--graph", "nonsense,3"],
    ] {
        let (code, _, stderr) = evo(&args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
    }
}
