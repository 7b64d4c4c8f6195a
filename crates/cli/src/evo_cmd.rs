//! `commonweal evo …`: the evolution layer on the command line (fixation probabilities,
//! stationary distributions, the collective-risk dilemma, replicator dynamics, equilibria and
//! structured populations).

use crate::output::{Format, print, print_json};
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use commonweal_evolution::crd::{self, CrdParams};
use commonweal_evolution::equilibria::rest_points;
use commonweal_evolution::finite::{Fitness, Population, Rule, full_chain, small_mutation};
use commonweal_evolution::graph::{Graph, Neighbourhood};
use commonweal_evolution::payoff::{EvoGame, GroupGame, PayoffMatrix};
use commonweal_evolution::replicator::{OdeOptions, replicator};
use commonweal_evolution::spatial::{Spatial, SpatialConfig, SpatialGame, Update, random_initial};
use serde::{Deserialize, Serialize};

/// The `evo` subcommands.
#[derive(Subcommand, Debug)]
pub enum EvoCommand {
    /// Probability that one invader takes over a population of residents (exact, log space).
    Fixation(FixationArgs),
    /// Stationary distribution: small-mutation limit or the full chain with mutation.
    Stationary(StationaryArgs),
    /// The collective-risk dilemma (Santos & Pacheco 2011): gradient, stationary distribution,
    /// group achievement and replicator roots.
    Crd(CrdArgs),
    /// Integrate the replicator (–mutator) equation.
    Replicator(ReplicatorArgs),
    /// Every rest point of the replicator equation, classified.
    Equilibria(EquilibriaArgs),
    /// Cooperation on a lattice or graph (Nowak–May, Ohtsuki et al., public goods).
    Spatial(SpatialArgs),
}

/// Runs one `evo` subcommand.
pub fn run(cmd: EvoCommand) -> anyhow::Result<()> {
    match cmd {
        EvoCommand::Fixation(a) => fixation(a),
        EvoCommand::Stationary(a) => stationary(a),
        EvoCommand::Crd(a) => crd_cmd(a),
        EvoCommand::Replicator(a) => replicator_cmd(a),
        EvoCommand::Equilibria(a) => equilibria_cmd(a),
        EvoCommand::Spatial(a) => spatial_cmd(a),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum RuleArg {
    Fermi,
    Moran,
}

/// Arguments of `evo fixation`.
#[derive(Args, Debug)]
pub struct FixationArgs {
    /// Payoff matrix, rows separated by `;`: entry (i, j) is the payoff to i against j.
    #[arg(long, allow_hyphen_values = true)]
    payoff: String,
    /// Population size Z.
    #[arg(long)]
    population: usize,
    /// Intensity of selection β.
    #[arg(long)]
    beta: f64,
    /// Index of the invading strategy (from 0).
    #[arg(long)]
    invader: usize,
    /// Index of the resident strategy (from 0).
    #[arg(long)]
    resident: usize,
    /// Update rule.
    #[arg(long, value_enum, default_value = "fermi")]
    rule: RuleArg,
    /// Let individuals interact with themselves.
    #[arg(long)]
    self_interaction: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

fn population(size: usize, beta: f64, rule: RuleArg, self_interaction: bool) -> Population {
    let rule = match rule {
        RuleArg::Fermi => Rule::Fermi,
        RuleArg::Moran => Rule::Moran,
    };
    Population::new(size, beta).rule(rule).self_interaction(self_interaction)
}

fn check_index(field: &str, index: usize, n: usize) -> anyhow::Result<()> {
    if index >= n {
        bail!("{field}: got {index}; strategies are indexed 0..{} for this {n}-strategy game", n - 1);
    }
    Ok(())
}

/// Finite numbers only, so that JSON output never meets NaN or infinity.
fn finite_or_none(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

#[derive(Serialize)]
struct FixationOut {
    rho: f64,
    ln_rho: f64,
}

fn fixation(a: FixationArgs) -> anyhow::Result<()> {
    let game: EvoGame = PayoffMatrix::parse(&a.payoff)?.into();
    check_index("invader", a.invader, game.n_strategies())?;
    check_index("resident", a.resident, game.n_strategies())?;
    let fit = Fitness::new(&game, population(a.population, a.beta, a.rule, a.self_interaction))?;
    let ln_rho = fit.ln_fixation(a.invader, a.resident);
    let out = FixationOut { rho: ln_rho.exp(), ln_rho };
    match a.format {
        Format::Json => print_json(&out),
        Format::Table => print(&format!("rho     {:e}\nln_rho  {}\n", out.rho, out.ln_rho)),
        Format::Csv => print(&format!("rho,ln_rho\n{:e},{}\n", out.rho, out.ln_rho)),
    }
}

/// The game file of `evo stationary --game`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GameFile {
    strategies: Vec<String>,
    #[serde(default)]
    payoff_matrix: Option<Vec<Vec<f64>>>,
    #[serde(default)]
    group_size: Option<usize>,
    #[serde(default)]
    payoff_table: Option<Vec<TableRow>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableRow {
    composition: Vec<u32>,
    payoffs: Vec<Option<f64>>,
}

fn read_game(path: &std::path::Path) -> anyhow::Result<(Vec<String>, EvoGame)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read game file {}", path.display()))?;
    let file: GameFile = serde_json::from_str(&text)
        .with_context(|| format!("game file {} is not a valid game", path.display()))?;
    let s = file.strategies.len();
    let game: EvoGame = match (file.payoff_matrix, file.payoff_table) {
        (Some(m), None) => PayoffMatrix::new(m)?.into(),
        (None, Some(rows)) => {
            let n = file.group_size.context("game file: `payoff_table` needs `group_size`")?;
            let rows: Vec<(Vec<u32>, Vec<Option<f64>>)> =
                rows.into_iter().map(|r| (r.composition, r.payoffs)).collect();
            GroupGame::from_rows(s, n, &rows)?.into()
        }
        _ => bail!("game file {}: give exactly one of `payoff_matrix` or `payoff_table`", path.display()),
    };
    if game.n_strategies() != s {
        bail!(
            "game file {}: {} strategy names for a {}-strategy game",
            path.display(),
            s,
            game.n_strategies()
        );
    }
    Ok((file.strategies, game))
}

/// Arguments of `evo stationary`.
#[derive(Args, Debug)]
pub struct StationaryArgs {
    /// Payoff matrix, rows separated by `;`.
    #[arg(long, allow_hyphen_values = true, conflicts_with = "game", required_unless_present = "game")]
    payoff: Option<String>,
    /// A JSON game file (payoff matrix or N-player payoff table).
    #[arg(long)]
    game: Option<std::path::PathBuf>,
    /// Population size Z.
    #[arg(long)]
    population: usize,
    /// Intensity of selection β.
    #[arg(long)]
    beta: f64,
    /// Small-mutation limit (the chain over homogeneous states).
    #[arg(long, conflicts_with = "mutation", required_unless_present = "mutation")]
    small_mutation: bool,
    /// Mutation rate μ of the full chain.
    #[arg(long)]
    mutation: Option<f64>,
    /// Update rule.
    #[arg(long, value_enum, default_value = "fermi")]
    rule: RuleArg,
    /// Let individuals interact with themselves.
    #[arg(long)]
    self_interaction: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct SmallMutationOut {
    strategies: Vec<String>,
    stationary: Vec<f64>,
    fixation: Vec<Vec<Option<f64>>>,
}

#[derive(Serialize)]
struct FullChainOut {
    strategies: Vec<String>,
    states: Vec<Vec<u32>>,
    stationary: Vec<f64>,
    abundance: Vec<f64>,
}

fn stationary(a: StationaryArgs) -> anyhow::Result<()> {
    let (names, game) = match (&a.payoff, &a.game) {
        (Some(p), None) => {
            let g: EvoGame = PayoffMatrix::parse(p)?.into();
            ((0..g.n_strategies()).map(|i| i.to_string()).collect(), g)
        }
        (None, Some(path)) => read_game(path)?,
        _ => bail!("give exactly one of --payoff or --game"),
    };
    let fit = Fitness::new(&game, population(a.population, a.beta, a.rule, a.self_interaction))?;
    if a.small_mutation {
        let r = small_mutation(&fit)?;
        let fixation =
            r.fixation.iter().map(|row| row.iter().map(|&x| finite_or_none(x)).collect()).collect();
        let out = SmallMutationOut { strategies: names, stationary: r.stationary, fixation };
        match a.format {
            Format::Json => print_json(&out),
            _ => {
                let mut text = String::from("strategy  stationary\n");
                for (n, p) in out.strategies.iter().zip(&out.stationary) {
                    text.push_str(&format!("{n:<9} {p:.6}\n"));
                }
                print(&text)
            }
        }
    } else {
        let mu = a.mutation.context("give --small-mutation or --mutation MU")?;
        let r = full_chain(&fit, mu)?;
        let out = FullChainOut {
            strategies: names,
            states: r.states,
            stationary: r.stationary,
            abundance: r.abundance,
        };
        match a.format {
            Format::Json => print_json(&out),
            _ => {
                let mut text = format!("{} states\nstrategy  abundance\n", out.states.len());
                for (n, p) in out.strategies.iter().zip(&out.abundance) {
                    text.push_str(&format!("{n:<9} {p:.6}\n"));
                }
                print(&text)
            }
        }
    }
}

/// Arguments of `evo crd`.
#[derive(Args, Debug)]
pub struct CrdArgs {
    /// Population size Z.
    #[arg(long)]
    population: usize,
    /// Group size N.
    #[arg(long)]
    group_size: usize,
    /// Threshold M of cooperators per group.
    #[arg(long)]
    threshold: usize,
    /// Risk r of losing everything kept when the threshold is missed.
    #[arg(long)]
    risk: f64,
    /// Fraction c of the endowment a cooperator contributes.
    #[arg(long)]
    cost: f64,
    /// Endowment b.
    #[arg(long, default_value_t = 1.0)]
    endowment: f64,
    /// Intensity of selection β.
    #[arg(long)]
    beta: f64,
    /// Mutation rate μ.
    #[arg(long)]
    mutation: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct CrdOut {
    gradient: Vec<f64>,
    stationary: Vec<f64>,
    group_achievement: f64,
    replicator_roots: Vec<f64>,
}

fn crd_cmd(a: CrdArgs) -> anyhow::Result<()> {
    let r = crd::analyse(&CrdParams {
        population: a.population,
        group_size: a.group_size,
        threshold: a.threshold,
        risk: a.risk,
        cost: a.cost,
        endowment: a.endowment,
        beta: a.beta,
        mutation: a.mutation,
    })?;
    let out = CrdOut {
        gradient: r.gradient,
        stationary: r.stationary,
        group_achievement: r.group_achievement,
        replicator_roots: r.replicator_roots,
    };
    match a.format {
        Format::Json => print_json(&out),
        _ => print(&format!(
            "group achievement  {:.6}\nreplicator roots   {:?}\n",
            out.group_achievement, out.replicator_roots
        )),
    }
}

/// Arguments of `evo replicator`.
#[derive(Args, Debug)]
pub struct ReplicatorArgs {
    /// Payoff matrix, rows separated by `;`.
    #[arg(long, allow_hyphen_values = true)]
    payoff: String,
    /// Initial shares, comma separated, summing to 1.
    #[arg(long)]
    x0: String,
    /// End time.
    #[arg(long)]
    t_end: f64,
    /// Spacing of the reported points.
    #[arg(long, default_value_t = 0.1)]
    dt_out: f64,
    /// Mutation rate of the replicator–mutator equation.
    #[arg(long, default_value_t = 0.0)]
    mutation: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct TrajectoryOut {
    t: Vec<f64>,
    x: Vec<Vec<f64>>,
}

fn parse_list(field: &str, text: &str) -> anyhow::Result<Vec<f64>> {
    text.split(',')
        .map(|s| {
            s.trim()
                .parse::<f64>()
                .map_err(|_| anyhow::anyhow!("{field}: {s:?} is not a number; expected e.g. \"0.5,0.3,0.2\""))
        })
        .collect()
}

fn replicator_cmd(a: ReplicatorArgs) -> anyhow::Result<()> {
    let game: EvoGame = PayoffMatrix::parse(&a.payoff)?.into();
    let x0 = parse_list("x0", &a.x0)?;
    let opts = OdeOptions { dt_out: a.dt_out, mutation: a.mutation, ..OdeOptions::default() };
    let traj = replicator(&game, &x0, a.t_end, &opts)?;
    let out = TrajectoryOut { t: traj.t, x: traj.x };
    match a.format {
        Format::Json => print_json(&out),
        _ => {
            let mut text = String::new();
            for (t, x) in out.t.iter().zip(&out.x) {
                let xs: Vec<String> = x.iter().map(|v| format!("{v:.6}")).collect();
                text.push_str(&format!("{t:>10.4}  {}\n", xs.join("  ")));
            }
            print(&text)
        }
    }
}

/// Arguments of `evo equilibria`.
#[derive(Args, Debug)]
pub struct EquilibriaArgs {
    /// Payoff matrix, rows separated by `;`.
    #[arg(long, allow_hyphen_values = true)]
    payoff: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct RestPointOut {
    x: Vec<f64>,
    #[serde(rename = "type")]
    kind: &'static str,
    eigenvalues_re: Vec<f64>,
    eigenvalues_im: Vec<f64>,
}

fn equilibria_cmd(a: EquilibriaArgs) -> anyhow::Result<()> {
    let m = PayoffMatrix::parse(&a.payoff)?;
    let out: Vec<RestPointOut> = rest_points(&m)
        .into_iter()
        .map(|p| RestPointOut {
            x: p.x,
            kind: p.stability.name(),
            eigenvalues_re: p.eigenvalues_re,
            eigenvalues_im: p.eigenvalues_im,
        })
        .collect();
    match a.format {
        Format::Json => print_json(&out),
        _ => {
            let mut text = String::new();
            for p in &out {
                let xs: Vec<String> = p.x.iter().map(|v| format!("{v:.6}")).collect();
                text.push_str(&format!("{:<15} ({})\n", p.kind, xs.join(", ")));
            }
            print(&text)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum HoodArg {
    Moore,
    VonNeumann,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum UpdateArg {
    ImitateBest,
    DeathBirth,
    BirthDeath,
    Imitation,
    Fermi,
}

/// Arguments of `evo spatial`.
#[derive(Args, Debug)]
pub struct SpatialArgs {
    /// Temptation b of the Nowak–May game (R = 1, T = b, S = P = 0).
    #[arg(long)]
    b: f64,
    /// Play a public goods game in every neighbourhood with this multiplication factor
    /// (contribution 1) instead of the pairwise game.
    #[arg(long)]
    pgg_factor: Option<f64>,
    /// Side of the square periodic lattice.
    #[arg(long, default_value_t = 100)]
    lattice: usize,
    /// Lattice neighbourhood.
    #[arg(long, value_enum, default_value = "moore")]
    neighbourhood: HoodArg,
    /// Each node also plays against itself.
    #[arg(long)]
    self_interaction: bool,
    /// Update rule.
    #[arg(long, value_enum, default_value = "imitate-best")]
    update: UpdateArg,
    /// All nodes update at once (otherwise N random elementary updates per generation).
    #[arg(long)]
    synchronous: bool,
    /// Divide payoffs by the number of interactions.
    #[arg(long)]
    averaged: bool,
    /// Intensity of selection: w of fitness 1 − w + w·payoff, or β of the Fermi rule.
    #[arg(long, default_value_t = 1.0)]
    selection: f64,
    /// Initial share of cooperators.
    #[arg(long, default_value_t = 0.9)]
    initial_cooperators: f64,
    /// Generations to run.
    #[arg(long, default_value_t = 500)]
    generations: usize,
    /// Root seed.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// A graph instead of the lattice: ring,K (on lattice² nodes) | random-regular,N,K | erdos-renyi,N,P |
    /// barabasi-albert,N,M | watts-strogatz,N,K,P.
    #[arg(long, conflicts_with = "edges")]
    graph: Option<String>,
    /// A graph from an edge list file (one `a b` or `a,b` pair per line, `#` comments).
    #[arg(long)]
    edges: Option<std::path::PathBuf>,
    /// Write SVG snapshots of the lattice into this directory.
    #[arg(long)]
    out: Option<std::path::PathBuf>,
    /// With --out, a snapshot every this many generations (besides the first and last).
    #[arg(long)]
    snapshot_every: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

fn parse_graph(spec: &str, n_default: usize, seed: u64) -> anyhow::Result<Graph> {
    let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
    let num = |k: usize| -> anyhow::Result<f64> {
        let s = parts
            .get(k)
            .with_context(|| format!("graph: {spec:?} lacks parameter {k}; see --help for the forms"))?;
        s.parse::<f64>().map_err(|_| anyhow::anyhow!("graph: {s:?} in {spec:?} is not a number"))
    };
    let int = |k: usize| -> anyhow::Result<usize> {
        let x = num(k)?;
        if x < 0.0 || x.fract() != 0.0 {
            bail!("graph: parameter {k} of {spec:?} must be a whole number, got {x}");
        }
        Ok(x as usize)
    };
    let g = match parts[0] {
        "ring" => Graph::ring(n_default, int(1)?)?,
        "random-regular" => Graph::random_regular(int(1)?, int(2)?, seed)?,
        "erdos-renyi" => Graph::erdos_renyi(int(1)?, num(2)?, seed)?,
        "barabasi-albert" => Graph::barabasi_albert(int(1)?, int(2)?, seed)?,
        "watts-strogatz" => Graph::watts_strogatz(int(1)?, int(2)?, num(3)?, seed)?,
        other => bail!(
            "graph: unknown kind {other:?}; expected ring, random-regular, erdos-renyi, barabasi-albert or watts-strogatz"
        ),
    };
    Ok(g)
}

fn read_edges(path: &std::path::Path) -> anyhow::Result<Graph> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read edge list {}", path.display()))?;
    let mut edges = Vec::new();
    for (line_no, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let ids: Vec<&str> =
            line.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()).collect();
        let parse = |s: &str| {
            s.parse::<usize>().map_err(|_| {
                anyhow::anyhow!("{}:{}: {s:?} is not a node index (0, 1, 2, …)", path.display(), line_no + 1)
            })
        };
        if ids.len() != 2 {
            bail!("{}:{}: expected two node indices, got {line:?}", path.display(), line_no + 1);
        }
        edges.push((parse(ids[0])?, parse(ids[1])?));
    }
    Ok(Graph::from_edges(&edges)?)
}

#[derive(Serialize)]
struct SpatialOut {
    cooperator_fraction: Vec<f64>,
}

fn spatial_cmd(a: SpatialArgs) -> anyhow::Result<()> {
    if !(0.0..=1.0).contains(&a.initial_cooperators) {
        bail!("initial-cooperators: got {}; it must be a share in [0, 1]", a.initial_cooperators);
    }
    let on_lattice = a.graph.is_none() && a.edges.is_none();
    let graph = if let Some(spec) = &a.graph {
        parse_graph(spec, a.lattice * a.lattice, a.seed)?
    } else if let Some(path) = &a.edges {
        read_edges(path)?
    } else {
        let hood = match a.neighbourhood {
            HoodArg::Moore => Neighbourhood::Moore,
            HoodArg::VonNeumann => Neighbourhood::VonNeumann,
        };
        Graph::lattice(a.lattice, hood)?
    };
    if a.out.is_some() && !on_lattice {
        bail!("out: snapshots are drawn for the square lattice only; drop --graph/--edges or --out");
    }
    let game = match a.pgg_factor {
        Some(r) => SpatialGame::PublicGoods { factor: r, cost: 1.0 },
        None => SpatialGame::nowak_may(a.b),
    };
    let update = match a.update {
        UpdateArg::ImitateBest => Update::ImitateBest,
        UpdateArg::DeathBirth => Update::DeathBirth,
        UpdateArg::BirthDeath => Update::BirthDeath,
        UpdateArg::Imitation => Update::Imitation,
        UpdateArg::Fermi => Update::Fermi,
    };
    let cfg = SpatialConfig {
        game,
        update,
        synchronous: a.synchronous,
        self_interaction: a.self_interaction,
        averaged: a.averaged,
        selection: a.selection,
    };
    let initial = random_initial(graph.n(), a.initial_cooperators, a.seed);
    let mut pop = Spatial::new(&graph, cfg, initial, a.seed)?;
    let mut series = vec![pop.cooperator_fraction()];
    let write = |dir: &std::path::Path, g: usize, now: &[u8], before: Option<&[u8]>| -> anyhow::Result<()> {
        let cell = (800 / a.lattice).max(1);
        let svg = commonweal_report::lattice::lattice_svg(now, before, a.lattice, cell);
        let path = dir.join(format!("generation_{g:05}.svg"));
        std::fs::write(&path, svg).with_context(|| format!("cannot write {}", path.display()))
    };
    if let Some(dir) = &a.out {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        write(dir, 0, pop.strategies(), None)?;
    }
    for g in 1..=a.generations {
        let before = a.out.as_ref().map(|_| pop.strategies().to_vec());
        pop.step();
        series.push(pop.cooperator_fraction());
        if let Some(dir) = &a.out {
            let due = g == a.generations || a.snapshot_every.is_some_and(|k| k > 0 && g % k == 0);
            if due {
                write(dir, g, pop.strategies(), before.as_deref())?;
            }
        }
    }
    let out = SpatialOut { cooperator_fraction: series };
    match a.format {
        Format::Json => print_json(&out),
        _ => {
            let n = out.cooperator_fraction.len();
            let tail = &out.cooperator_fraction[n.saturating_sub(100)..];
            let mean = tail.iter().sum::<f64>() / tail.len() as f64;
            print(&format!(
                "{} nodes, {} generations\ncooperators: initial {:.4}, final {:.4}, mean of the last {} {:.4}\n",
                graph.n(),
                a.generations,
                out.cooperator_fraction[0],
                out.cooperator_fraction[n - 1],
                tail.len(),
                mean
            ))
        }
    }
}
