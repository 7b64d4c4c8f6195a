//! `commonweal strategies`, `match` and `tournament`: the games layer on the command line.

use crate::output::{Format, print, print_json};
use anyhow::{Context, bail};
use clap::Args;
use commonweal_games::action::actions_to_string;
use commonweal_games::play::{Length, MatchSpec, play_match};
use commonweal_games::{Game, registry};
use commonweal_report::Table;
use serde::Serialize;

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

/// Runs a tournament.
pub fn tournament(args: TournamentArgs) -> anyhow::Result<()> {
    let _ = args;
    bail!("tournaments are being built")
}
