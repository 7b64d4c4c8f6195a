//! `commonweal strategies`, `match` and `tournament`: the games layer on the command line.

use crate::output::{Format, print, print_json};
use anyhow::{Context, bail};
use clap::Args;
use commonweal_games::action::actions_to_string;
use commonweal_games::play::{Length, MatchSpec, play_match};
use commonweal_games::registry::Set;
use commonweal_games::tournament::{ResultSet, SummaryRow, Tournament};
use commonweal_games::{Game, registry};
use commonweal_report::Table;
use commonweal_report::tournament_chart::ranking_strip_chart;
use serde::Serialize;
use std::io::IsTerminal;

/// Arguments of `commonweal strategies`.
#[derive(Args, Debug)]
pub struct StrategiesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct StrategyRow {
    id: &'static str,
    class_name: &'static str,
    display_name: &'static str,
    name: String,
    memory_depth: Option<usize>,
    stochastic: bool,
    long_run_time: bool,
    makes_use_of_length: bool,
    makes_use_of_game: bool,
}

/// Lists every registered strategy.
pub fn strategies(args: StrategiesArgs) -> anyhow::Result<()> {
    let rows: Vec<StrategyRow> = registry::entries()
        .iter()
        .map(|e| {
            let player = e.build();
            let c = player.classifier();
            StrategyRow {
                id: e.id,
                class_name: e.class_name,
                display_name: e.display_name,
                name: player.name(),
                memory_depth: c.memory_depth,
                stochastic: c.stochastic,
                long_run_time: c.long_run_time,
                makes_use_of_length: c.makes_use_of_length,
                makes_use_of_game: c.makes_use_of_game,
            }
        })
        .collect();
    match args.format {
        Format::Json => print_json(&rows),
        Format::Table => {
            let mut table = Table::new(["id", "class", "name", "memory", "stochastic", "length", "game"]);
            for r in &rows {
                let memory = r.memory_depth.map_or("inf".to_string(), |d| d.to_string());
                let flag = |b: bool| if b { "yes" } else { "" };
                table.row([
                    r.id.to_string(),
                    r.class_name.to_string(),
                    r.name.clone(),
                    memory,
                    flag(r.stochastic).to_string(),
                    flag(r.makes_use_of_length).to_string(),
                    flag(r.makes_use_of_game).to_string(),
                ]);
            }
            print(&format!("{table}{} strategies\n", rows.len()))
        }
        Format::Csv => bail!("--format csv is not offered by `strategies`; use table or json"),
    }
}

/// Options shared by `match` and `tournament` that describe a match.
#[derive(Args, Debug, Clone)]
pub struct MatchOptions {
    /// Turns per match (ignored for the length when --prob-end is given, which makes it random).
    #[arg(long, default_value_t = 200)]
    turns: usize,
    /// Probability that each chosen action is flipped, in [0, 1].
    #[arg(long, default_value_t = 0.0)]
    noise: f64,
    /// Probability that a player misreads each of the opponent's actions, in [0, 1].
    #[arg(long, default_value_t = 0.0)]
    observation_error: f64,
    /// End the match after each turn with this probability, in (0, 1].
    #[arg(long)]
    prob_end: Option<f64>,
    /// Root seed.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The stage game as R,P,S,T.
    #[arg(long, default_value = "3,1,0,5")]
    game: String,
}

impl MatchOptions {
    /// The validated match settings.
    pub fn spec(&self) -> anyhow::Result<MatchSpec> {
        let game = Game::parse(&self.game).context("--game")?;
        let length = match self.prob_end {
            Some(p) => Length::ProbEnd(p),
            None => Length::Turns(self.turns),
        };
        let spec =
            MatchSpec::new(length).noise(self.noise).observation_error(self.observation_error).game(game);
        spec.validate()?;
        Ok(spec)
    }
}

/// Arguments of `commonweal match`.
#[derive(Args, Debug)]
pub struct MatchArgs {
    /// The first player (display name, class name or id).
    player: String,
    /// The second player.
    opponent: String,
    #[command(flatten)]
    options: MatchOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct MatchJson {
    player: String,
    opponent: String,
    turns: usize,
    moves: String,
    opponent_moves: String,
    score: f64,
    opponent_score: f64,
    cooperations: usize,
    opponent_cooperations: usize,
    seed: u64,
}

/// Plays one match and prints it.
pub fn play(args: MatchArgs) -> anyhow::Result<()> {
    let spec = args.options.spec()?;
    let mut a = registry::build(&args.player)?;
    let mut b = registry::build(&args.opponent)?;
    let outcome = play_match(a.as_mut(), b.as_mut(), &spec, args.options.seed);
    let json = MatchJson {
        player: a.name(),
        opponent: b.name(),
        turns: outcome.turns(),
        moves: actions_to_string(&outcome.moves),
        opponent_moves: actions_to_string(&outcome.opponent_moves),
        score: outcome.score,
        opponent_score: outcome.opponent_score,
        cooperations: outcome.cooperations(),
        opponent_cooperations: outcome.opponent_cooperations(),
        seed: args.options.seed,
    };
    match args.format {
        Format::Json => print_json(&json),
        Format::Table => {
            let mut table = Table::new(["player", "score", "per turn", "cooperations", "moves"]);
            let per_turn = |s: f64| format!("{:.4}", s / json.turns.max(1) as f64);
            let preview = |m: &str| if m.len() > 60 { format!("{}…", &m[..60]) } else { m.to_string() };
            table.row([
                json.player.clone(),
                json.score.to_string(),
                per_turn(json.score),
                json.cooperations.to_string(),
                preview(&json.moves),
            ]);
            table.row([
                json.opponent.clone(),
                json.opponent_score.to_string(),
                per_turn(json.opponent_score),
                json.opponent_cooperations.to_string(),
                preview(&json.opponent_moves),
            ]);
            print(&format!("{} turns, seed {}\n{table}", json.turns, json.seed))
        }
        Format::Csv => bail!("--format csv is not offered by `match`; use table or json"),
    }
}

/// Arguments of `commonweal tournament`.
#[derive(Args, Debug)]
pub struct TournamentArgs {
    /// Comma-separated players (names, class names or ids).
    #[arg(long, conflicts_with_all = ["all", "basic", "first_tournament"])]
    players: Option<String>,
    /// Every registered strategy.
    #[arg(long)]
    all: bool,
    /// The library's basic strategies.
    #[arg(long)]
    basic: bool,
    /// The strategies of Axelrod's first tournament.
    #[arg(long)]
    first_tournament: bool,
    /// Leave out strategies flagged as slow to run.
    #[arg(long)]
    exclude_long_run: bool,
    #[command(flatten)]
    options: MatchOptions,
    /// Repetitions of the round robin.
    #[arg(long, default_value_t = 10)]
    repetitions: usize,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Directory for per-match CSV, summary CSV and the ranking chart.
    #[arg(long)]
    out: Option<std::path::PathBuf>,
}

/// The players a tournament command line asks for, in order.
fn tournament_players(args: &TournamentArgs) -> anyhow::Result<Vec<&'static registry::Entry>> {
    let chosen = [args.players.is_some(), args.all, args.basic, args.first_tournament];
    if chosen.iter().filter(|&&c| c).count() > 1 {
        bail!("choose one of --players, --all, --basic and --first-tournament; got several");
    }
    let entries: Vec<&'static registry::Entry> = if let Some(list) = &args.players {
        let names: Vec<&str> = list.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        names.iter().map(|name| registry::find(name).context("--players")).collect::<anyhow::Result<_>>()?
    } else if args.all {
        registry::entries().iter().collect()
    } else if args.basic {
        Set::Basic.entries().context("--basic")?
    } else if args.first_tournament {
        Set::FirstTournament.entries().context("--first-tournament")?
    } else {
        bail!("no players: give --players \"A,B,…\", --all, --basic or --first-tournament");
    };
    let entries: Vec<_> = if args.exclude_long_run {
        entries.into_iter().filter(|e| !e.build().classifier().long_run_time).collect()
    } else {
        entries
    };
    if entries.is_empty() {
        bail!("no players: the selection is empty");
    }
    Ok(entries)
}

#[derive(Serialize)]
struct RankedJson {
    rank: usize,
    name: String,
    median_normalised_score: f64,
    cooperation_rating: f64,
    wins: u64,
    total_score: f64,
}

#[derive(Serialize)]
struct SetupJson {
    turns: Option<usize>,
    prob_end: Option<f64>,
    repetitions: usize,
    noise: f64,
    observation_error: f64,
    game: Game,
    seed: u64,
    version: &'static str,
    threads: usize,
}

#[derive(Serialize)]
struct TournamentJson<'a> {
    players: &'a [String],
    ranked: Vec<RankedJson>,
    payoff_matrix: &'a [Vec<f64>],
    setup: SetupJson,
}

/// Runs a tournament.
pub fn tournament(args: TournamentArgs) -> anyhow::Result<()> {
    if args.options.prob_end.is_none() && args.options.turns == 0 {
        bail!("--turns must be at least 1; got 0");
    }
    let spec = args.options.spec()?;
    if args.repetitions == 0 {
        bail!("--repetitions must be at least 1; got 0");
    }
    if args.threads == Some(0) {
        bail!("--threads must be at least 1; got 0");
    }
    let entries = tournament_players(&args)?;
    if let Some(dir) = &args.out {
        // Fail before playing rather than after.
        std::fs::create_dir_all(dir)
            .with_context(|| format!("--out {}: cannot create the directory", dir.display()))?;
        let probe = dir.join(".commonweal-write-test");
        std::fs::write(&probe, b"")
            .with_context(|| format!("--out {}: cannot write there", dir.display()))?;
        let _ = std::fs::remove_file(probe);
    }
    let tournament = Tournament::from_entries(&entries)
        .match_spec(spec)
        .repetitions(args.repetitions)
        .seed(args.options.seed)
        .threads(args.threads);
    let results = play_with_bar(&tournament)?;
    let summary = results.summary();
    let totals = results.total_scores();
    let wins = results.total_wins();
    let ranked: Vec<RankedJson> = summary
        .iter()
        .map(|row| RankedJson {
            rank: row.rank + 1,
            name: row.name.clone(),
            median_normalised_score: row.median_score,
            cooperation_rating: row.cooperation_rating,
            wins: wins[row.original_index],
            total_score: totals[row.original_index],
        })
        .collect();
    if let Some(dir) = &args.out {
        write_outputs(dir, &results, &summary)?;
    }
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    match args.format {
        Format::Json => print_json(&TournamentJson {
            players: &results.players,
            ranked,
            payoff_matrix: &results.payoff_matrix,
            setup: SetupJson {
                turns: match spec.length {
                    Length::Turns(n) => Some(n),
                    Length::ProbEnd(_) => None,
                },
                prob_end: match spec.length {
                    Length::Turns(_) => None,
                    Length::ProbEnd(p) => Some(p),
                },
                repetitions: args.repetitions,
                noise: spec.noise,
                observation_error: spec.observation_error,
                game: spec.game,
                seed: args.options.seed,
                version: env!("CARGO_PKG_VERSION"),
                threads,
            },
        }),
        Format::Table => {
            let mut table =
                Table::new(["rank", "player", "median score", "cooperation", "wins", "total score"]);
            for r in &ranked {
                table.row([
                    r.rank.to_string(),
                    r.name.clone(),
                    format!("{:.4}", r.median_normalised_score),
                    format!("{:.4}", r.cooperation_rating),
                    r.wins.to_string(),
                    r.total_score.to_string(),
                ]);
            }
            let length = match spec.length {
                Length::Turns(n) => format!("{n} turns"),
                Length::ProbEnd(p) => format!("end probability {p}"),
            };
            print(&format!(
                "{} players, {length}, {} repetitions, noise {}, seed {}\n{table}",
                results.players.len(),
                args.repetitions,
                spec.noise,
                args.options.seed
            ))
        }
        Format::Csv => {
            let mut out = Vec::new();
            write_summary_csv(&mut out, &results, &summary)?;
            print(std::str::from_utf8(&out)?)
        }
    }
}

/// Plays the tournament, with a progress bar on stderr when stderr is a terminal.
fn play_with_bar(tournament: &Tournament) -> anyhow::Result<ResultSet> {
    if !std::io::stderr().is_terminal() {
        return Ok(tournament.play()?);
    }
    let bar = indicatif::ProgressBar::new(tournament.n_matches() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} matches")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    // Reports come from worker threads in batches and may arrive out of order: the bar only
    // moves forward.
    let shown = std::sync::atomic::AtomicUsize::new(0);
    let results = tournament.play_with_progress(&|done, _| {
        if shown.fetch_max(done, std::sync::atomic::Ordering::Relaxed) < done {
            bar.set_position(done as u64);
        }
    });
    bar.finish_and_clear();
    Ok(results?)
}

/// Writes the summary table as CSV, one row per player in ranked order.
fn write_summary_csv<W: std::io::Write>(
    out: W,
    results: &ResultSet,
    summary: &[SummaryRow],
) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "rank",
        "name",
        "median_score",
        "cooperation_rating",
        "median_wins",
        "total_wins",
        "total_score",
        "initial_c_rate",
        "cc_rate",
        "cd_rate",
        "dc_rate",
        "dd_rate",
        "cc_to_c_rate",
        "cd_to_c_rate",
        "dc_to_c_rate",
        "dd_to_c_rate",
        "good_partner_rating",
        "eigenjesus_rating",
        "eigenmoses_rating",
    ])?;
    let totals = results.total_scores();
    let wins = results.total_wins();
    for row in summary {
        let i = row.original_index;
        let mut record = vec![(row.rank + 1).to_string(), row.name.clone()];
        let numbers = [
            row.median_score,
            row.cooperation_rating,
            row.wins,
            wins[i] as f64,
            totals[i],
            row.initial_c_rate,
        ]
        .into_iter()
        .chain(row.state_rates)
        .chain(row.state_to_c_rates)
        .chain([
            results.good_partner_rating[i],
            results.eigenjesus_rating[i],
            results.eigenmoses_rating[i],
        ]);
        record.extend(numbers.map(|x| x.to_string()));
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

/// Writes `matches.csv`, `summary.csv` and `ranking.svg` under `dir`.
fn write_outputs(dir: &std::path::Path, results: &ResultSet, summary: &[SummaryRow]) -> anyhow::Result<()> {
    let path = dir.join("matches.csv");
    let file =
        std::fs::File::create(&path).with_context(|| format!("--out: cannot write {}", path.display()))?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
    w.write_record([
        "repetition",
        "player_index",
        "player",
        "opponent_index",
        "opponent",
        "turns",
        "score",
        "opponent_score",
        "cooperations",
        "opponent_cooperations",
    ])?;
    for m in &results.matches {
        w.write_record([
            m.repetition.to_string(),
            m.player.to_string(),
            results.players[m.player].clone(),
            m.opponent.to_string(),
            results.players[m.opponent].clone(),
            m.turns.to_string(),
            m.scores[0].to_string(),
            m.scores[1].to_string(),
            m.cooperations[0].to_string(),
            m.cooperations[1].to_string(),
        ])?;
    }
    w.flush().with_context(|| format!("--out: cannot write {}", path.display()))?;

    let path = dir.join("summary.csv");
    let file =
        std::fs::File::create(&path).with_context(|| format!("--out: cannot write {}", path.display()))?;
    write_summary_csv(std::io::BufWriter::new(file), results, summary)?;

    let names: Vec<String> = summary.iter().map(|r| r.name.clone()).collect();
    let samples: Vec<Vec<f64>> =
        summary.iter().map(|r| results.normalised_scores[r.original_index].clone()).collect();
    let title = format!("Tournament ranking: {} players, {} repetitions", names.len(), results.repetitions);
    let svg = ranking_strip_chart(&title, &names, &samples)?;
    let path = dir.join("ranking.svg");
    std::fs::write(&path, svg).with_context(|| format!("--out: cannot write {}", path.display()))?;
    Ok(())
}
