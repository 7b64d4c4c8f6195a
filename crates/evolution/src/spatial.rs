//! Structured populations: two strategies (0 = cooperate, 1 = defect) on a [`Graph`], playing
//! a pairwise game with every neighbour or a public goods game in every neighbourhood (Santos,
//! Santos & Pacheco 2008), under synchronous imitate-the-best (Nowak & May 1992),
//! asynchronous death–birth, birth–death or imitation (Ohtsuki et al. 2006) or Fermi imitation.
//!
//! Hot loops run on flat arrays: strategies are one byte per node, the graph is CSR, and
//! synchronous generations count cooperating neighbours once and read payoffs from a table.
//!
//! Determinism: the initial state draws from `stream(seed, [label("spatial-initial")])` and
//! the dynamics from `stream(seed, [label("spatial")])`; fixation experiments give run `r` the
//! stream `stream(seed, [label("spatial-fixation"), r])`, so their counts do not depend on the
//! number of threads.

use crate::error::{EvoError, Result};
use crate::finite::fermi;
use crate::graph::{Graph, Neighbourhood};
use commonweal_games::rng::{Rng, StreamRng, label, stream, uniform};
use rayon::prelude::*;

/// Cooperate.
pub const COOPERATE: u8 = 0;
/// Defect.
pub const DEFECT: u8 = 1;

/// The game played on the graph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SpatialGame {
    /// A 2×2 game with every neighbour: `matrix[a][b]` is the payoff to `a` against `b`.
    Pairwise([[f64; 2]; 2]),
    /// A public goods game in the neighbourhood of every node: each cooperator gives `cost`
    /// to every group it belongs to, each group's pot is multiplied by `factor` and shared
    /// among the group's members.
    PublicGoods {
        /// Multiplication factor r.
        factor: f64,
        /// Contribution c per group.
        cost: f64,
    },
}

impl SpatialGame {
    /// The Nowak–May weak Prisoner's Dilemma: R = 1, T = b, S = P = 0.
    pub fn nowak_may(b: f64) -> SpatialGame {
        SpatialGame::Pairwise([[1.0, 0.0], [b, 0.0]])
    }

    /// The donation game: a cooperator pays `c` for each neighbour to receive `b`.
    pub fn donation(b: f64, c: f64) -> SpatialGame {
        SpatialGame::Pairwise([[b - c, -c], [b, 0.0]])
    }
}

/// How nodes change strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Update {
    /// Copy the highest-earning node of the neighbourhood, self included (keep own on ties).
    ImitateBest,
    /// A random node dies; its neighbours compete for the place proportionally to fitness.
    DeathBirth,
    /// A node reproduces proportionally to fitness; its offspring replaces a random neighbour.
    BirthDeath,
    /// A random node keeps its strategy or copies a neighbour, proportionally to fitness
    /// (itself included).
    Imitation,
    /// A random node copies a random neighbour with the Fermi probability.
    Fermi,
}

/// How one structured-population run is set up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpatialConfig {
    /// The game.
    pub game: SpatialGame,
    /// The update rule.
    pub update: Update,
    /// All nodes update at once from the previous generation (otherwise one random node per
    /// elementary step, `N` steps per generation).
    pub synchronous: bool,
    /// A node also plays the pairwise game against itself (Nowak–May).
    pub self_interaction: bool,
    /// Payoffs divided by the number of interactions instead of accumulated.
    pub averaged: bool,
    /// Intensity of selection: `w` in fitness `1 − w + w·payoff` for death–birth, birth–death
    /// and imitation; `β` of the Fermi rule.
    pub selection: f64,
}

impl SpatialConfig {
    /// Synchronous imitate-the-best with accumulated payoffs and no self-interaction.
    pub fn new(game: SpatialGame) -> SpatialConfig {
        SpatialConfig {
            game,
            update: Update::ImitateBest,
            synchronous: true,
            self_interaction: false,
            averaged: false,
            selection: 1.0,
        }
    }
}

/// A structured population in motion.
#[derive(Clone, Debug)]
pub struct Spatial<'g> {
    graph: &'g Graph,
    cfg: SpatialConfig,
    strategies: Vec<u8>,
    next: Vec<u8>,
    payoffs: Vec<f64>,
    counts: Vec<u32>,
    rng: StreamRng,
    max_fitness: f64,
    weights: Vec<f64>,
    /// Lattice kernels: defectors in each run of three cells along a row.
    row_sums: Vec<u8>,
}

impl<'g> Spatial<'g> {
    /// A population on `graph` starting from `initial` (one strategy per node).
    pub fn new(graph: &'g Graph, cfg: SpatialConfig, initial: Vec<u8>, seed: u64) -> Result<Spatial<'g>> {
        Spatial::with_rng(graph, cfg, initial, stream(seed, &[label("spatial")]))
    }

    fn with_rng(
        graph: &'g Graph,
        cfg: SpatialConfig,
        initial: Vec<u8>,
        rng: StreamRng,
    ) -> Result<Spatial<'g>> {
        let n = graph.n();
        if initial.len() != n {
            return Err(EvoError::invalid(
                "initial",
                format!("got {} strategies for a graph of {n} nodes", initial.len()),
            ));
        }
        if initial.iter().any(|&s| s > 1) {
            return Err(EvoError::invalid("initial", "strategies are 0 (cooperate) or 1 (defect)"));
        }
        if cfg.synchronous && cfg.update == Update::BirthDeath {
            return Err(EvoError::invalid(
                "update",
                "birth-death is an asynchronous rule; drop --synchronous or use death-birth, imitation, fermi or imitate-best",
            ));
        }
        if !(cfg.selection.is_finite() && cfg.selection >= 0.0) {
            return Err(EvoError::invalid(
                "selection",
                format!("got {}; it must be finite and ≥ 0", cfg.selection),
            ));
        }
        let max_degree = (0..n).map(|i| graph.degree(i)).max().unwrap_or(0);
        let (lo, hi) = payoff_bounds(&cfg, max_degree);
        let fitness_rule = matches!(cfg.update, Update::DeathBirth | Update::BirthDeath | Update::Imitation);
        if fitness_rule {
            let w = cfg.selection;
            if w > 1.0 || 1.0 - w + w * lo <= 0.0 {
                return Err(EvoError::invalid(
                    "selection",
                    format!(
                        "w = {w} makes the fitness 1 − w + w·payoff reach {} ≤ 0; use a smaller w in [0, 1]",
                        1.0 - w + w * lo
                    ),
                ));
            }
        }
        let w = cfg.selection;
        Ok(Spatial {
            graph,
            cfg,
            next: initial.clone(),
            strategies: initial,
            payoffs: vec![0.0; n],
            counts: vec![0; n],
            rng,
            max_fitness: 1.0 - w + w * hi,
            weights: Vec::with_capacity(max_degree + 1),
            row_sums: vec![0; if graph.lattice_shape().is_some() { n } else { 0 }],
        })
    }

    /// The current strategies.
    pub fn strategies(&self) -> &[u8] {
        &self.strategies
    }

    /// The share of cooperators.
    pub fn cooperator_fraction(&self) -> f64 {
        let c = self.strategies.iter().filter(|&&s| s == COOPERATE).count();
        c as f64 / self.strategies.len() as f64
    }

    /// The payoff of node `i` in the current state, computed from its neighbourhood.
    pub fn payoff(&self, i: usize) -> f64 {
        let s = &self.strategies;
        match self.cfg.game {
            SpatialGame::Pairwise(a) => {
                let own = s[i] as usize;
                let mut p = 0.0;
                for &j in self.graph.neighbours(i) {
                    p += a[own][s[j as usize] as usize];
                }
                let mut count = self.graph.degree(i);
                if self.cfg.self_interaction {
                    p += a[own][own];
                    count += 1;
                }
                if self.cfg.averaged && count > 0 { p / count as f64 } else { p }
            }
            SpatialGame::PublicGoods { factor, cost } => {
                let mut p = 0.0;
                let mut groups = 0;
                for y in std::iter::once(i as u32).chain(self.graph.neighbours(i).iter().copied()) {
                    let y = y as usize;
                    let members = self.graph.degree(y) + 1;
                    let coop = (s[y] == COOPERATE) as usize
                        + self.graph.neighbours(y).iter().filter(|&&z| s[z as usize] == COOPERATE).count();
                    p += factor * cost * coop as f64 / members as f64;
                    if s[i] == COOPERATE {
                        p -= cost;
                    }
                    groups += 1;
                }
                if self.cfg.averaged { p / groups as f64 } else { p }
            }
        }
    }

    #[inline]
    fn fitness_of(&self, payoff: f64) -> f64 {
        1.0 - self.cfg.selection + self.cfg.selection * payoff
    }

    /// Every node's payoff into `self.payoffs`, counting cooperators once per neighbourhood.
    fn compute_all_payoffs(&mut self) {
        let g = self.graph;
        let s = &self.strategies;
        let n = g.n();
        match self.cfg.game {
            SpatialGame::Pairwise(a) => {
                let si = self.cfg.self_interaction;
                for i in 0..n {
                    let mut c = 0u32;
                    for &j in g.neighbours(i) {
                        c += (s[j as usize] == COOPERATE) as u32;
                    }
                    let own = s[i] as usize;
                    let mut total = g.degree(i) as u32;
                    if si {
                        c += (own == 0) as u32;
                        total += 1;
                    }
                    let p = c as f64 * a[own][0] + (total - c) as f64 * a[own][1];
                    self.payoffs[i] = if self.cfg.averaged && total > 0 { p / total as f64 } else { p };
                }
            }
            SpatialGame::PublicGoods { factor, cost } => {
                for y in 0..n {
                    let mut c = (s[y] == COOPERATE) as u32;
                    for &z in g.neighbours(y) {
                        c += (s[z as usize] == COOPERATE) as u32;
                    }
                    self.counts[y] = c;
                }
                for i in 0..n {
                    let share = |y: usize| factor * cost * self.counts[y] as f64 / (g.degree(y) + 1) as f64;
                    let mut p = share(i);
                    for &y in g.neighbours(i) {
                        p += share(y as usize);
                    }
                    let groups = g.degree(i) + 1;
                    if s[i] == COOPERATE {
                        p -= cost * groups as f64;
                    }
                    self.payoffs[i] = if self.cfg.averaged { p / groups as f64 } else { p };
                }
            }
        }
    }

    /// Draws a node among `candidates` with probability proportional to `weights`.
    fn roulette(rng: &mut StreamRng, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut u = uniform(rng) * total;
        for (k, &w) in weights.iter().enumerate() {
            if u < w {
                return k;
            }
            u -= w;
        }
        weights.len() - 1
    }

    /// Synchronous imitate-the-best for a pairwise game: the hot loop of Nowak–May and of the
    /// network benchmarks, written on the raw CSR arrays. Strategies are 0/1, so summing them
    /// over a neighbourhood counts defectors without a comparison.
    fn imitate_best_pairwise(&mut self, a: [[f64; 2]; 2]) {
        let (offsets, neighbours) = self.graph.csr();
        let n = self.graph.n();
        let s = &self.strategies;
        let p = &mut self.payoffs;
        let si = self.cfg.self_interaction;
        for i in 0..n {
            let nb = &neighbours[offsets[i] as usize..offsets[i + 1] as usize];
            let mut defectors = 0u32;
            for &j in nb {
                defectors += s[j as usize] as u32;
            }
            let own = s[i] as usize;
            let mut total = nb.len() as u32;
            if si {
                defectors += own as u32;
                total += 1;
            }
            let pay = (total - defectors) as f64 * a[own][0] + defectors as f64 * a[own][1];
            p[i] = if self.cfg.averaged && total > 0 { pay / total as f64 } else { pay };
        }
        let next = &mut self.next;
        for i in 0..n {
            let nb = &neighbours[offsets[i] as usize..offsets[i + 1] as usize];
            // Branch-free on purpose: whether a neighbour does better is a coin flip for the
            // branch predictor, and mispredictions dominated this loop.
            let mut best = p[i];
            let mut strat = s[i];
            for &j in nb {
                let pj = p[j as usize];
                let better = pj > best;
                best = if better { pj } else { best };
                strat = if better { s[j as usize] } else { strat };
            }
            next[i] = strat;
        }
        std::mem::swap(&mut self.strategies, &mut self.next);
    }

    /// [`Spatial::imitate_best_pairwise`] on a Moore lattice, with neighbour indices computed
    /// rather than read: defectors are counted by 3×3 box sums (three cells along each row, then
    /// three rows), and neighbours are visited in the CSR order of [`Graph::lattice`] so that
    /// ties resolve exactly as on the general path (tested).
    fn imitate_best_moore(&mut self, l: usize, a: [[f64; 2]; 2]) {
        let s = &self.strategies;
        let h = &mut self.row_sums;
        for r in 0..l {
            let row = &s[r * l..(r + 1) * l];
            let out = &mut h[r * l..(r + 1) * l];
            out[0] = row[l - 1] + row[0] + row[1];
            for c in 1..l - 1 {
                out[c] = row[c - 1] + row[c] + row[c + 1];
            }
            out[l - 1] = row[l - 2] + row[l - 1] + row[0];
        }
        let p = &mut self.payoffs;
        let si = self.cfg.self_interaction as u8;
        let total = 8.0 + si as f64;
        let averaged = self.cfg.averaged;
        for r in 0..l {
            let (up, down) = ((r + l - 1) % l, (r + 1) % l);
            for c in 0..l {
                let i = r * l + c;
                let own = s[i];
                // The box counts the cell itself; keep it only with self-interaction.
                let d = (h[up * l + c] + h[i] + h[down * l + c] - own + si * own) as f64;
                let pay = (total - d) * a[own as usize][0] + d * a[own as usize][1];
                // Divide exactly as the general path does, so payoffs are bit-identical.
                p[i] = if averaged { pay / total } else { pay };
            }
        }
        let next = &mut self.next;
        for r in 0..l {
            let rows = [(r + l - 1) % l * l, r * l, (r + 1) % l * l];
            for c in 0..l {
                // Wrap-around by comparison: a `%` by the run-time side length is a hardware
                // division, which cost more than the rest of the cell's work.
                let cl = if c == 0 { l - 1 } else { c - 1 };
                let cr = if c + 1 == l { 0 } else { c + 1 };
                let i = rows[1] + c;
                let order = [
                    rows[0] + cl,
                    rows[0] + c,
                    rows[0] + cr,
                    rows[1] + cl,
                    rows[1] + cr,
                    rows[2] + cl,
                    rows[2] + c,
                    rows[2] + cr,
                ];
                let mut best = p[i];
                let mut strat = s[i];
                for j in order {
                    let pj = p[j];
                    let better = pj > best;
                    best = if better { pj } else { best };
                    strat = if better { s[j] } else { strat };
                }
                next[i] = strat;
            }
        }
        std::mem::swap(&mut self.strategies, &mut self.next);
    }

    fn synchronous_generation(&mut self) {
        if let (Update::ImitateBest, SpatialGame::Pairwise(a)) = (self.cfg.update, self.cfg.game) {
            match self.graph.lattice_shape() {
                Some((l, Neighbourhood::Moore)) => self.imitate_best_moore(l, a),
                _ => self.imitate_best_pairwise(a),
            }
            return;
        }
        self.compute_all_payoffs();
        let g = self.graph;
        let n = g.n();
        for i in 0..n {
            let nb = g.neighbours(i);
            let s = &self.strategies;
            let p = &self.payoffs;
            self.next[i] = match self.cfg.update {
                Update::ImitateBest => {
                    // Branch-free on purpose: whether a neighbour does better is a coin flip
                    // for the branch predictor, and mispredictions dominated this loop.
                    let mut best = p[i];
                    let mut strat = s[i];
                    for &j in nb {
                        let pj = p[j as usize];
                        let better = pj > best;
                        best = if better { pj } else { best };
                        strat = if better { s[j as usize] } else { strat };
                    }
                    strat
                }
                Update::Fermi => {
                    if nb.is_empty() {
                        s[i]
                    } else {
                        let j = nb[self.rng.random_range(0..nb.len())] as usize;
                        if uniform(&mut self.rng) < fermi(self.cfg.selection, p[j], p[i]) {
                            s[j]
                        } else {
                            s[i]
                        }
                    }
                }
                Update::DeathBirth | Update::Imitation => {
                    self.weights.clear();
                    let include_self = self.cfg.update == Update::Imitation;
                    if include_self {
                        self.weights.push(1.0 - self.cfg.selection + self.cfg.selection * p[i]);
                    }
                    for &j in nb {
                        self.weights.push(1.0 - self.cfg.selection + self.cfg.selection * p[j as usize]);
                    }
                    if self.weights.is_empty() {
                        s[i]
                    } else {
                        let k = Self::roulette(&mut self.rng, &self.weights);
                        if include_self {
                            if k == 0 { s[i] } else { s[nb[k - 1] as usize] }
                        } else {
                            s[nb[k] as usize]
                        }
                    }
                }
                Update::BirthDeath => s[i],
            };
        }
        std::mem::swap(&mut self.strategies, &mut self.next);
    }

    /// One asynchronous elementary update; returns the node whose strategy may have changed
    /// and its previous strategy.
    fn elementary_step(&mut self) -> Option<(usize, u8)> {
        let g = self.graph;
        let n = g.n();
        match self.cfg.update {
            Update::BirthDeath => {
                // Parent ∝ fitness by rejection against the largest possible fitness.
                let parent = loop {
                    let i = self.rng.random_range(0..n);
                    let f = self.fitness_of(self.payoff(i));
                    if uniform(&mut self.rng) * self.max_fitness < f {
                        break i;
                    }
                };
                let nb = g.neighbours(parent);
                if nb.is_empty() {
                    return None;
                }
                let j = nb[self.rng.random_range(0..nb.len())] as usize;
                let old = self.strategies[j];
                self.strategies[j] = self.strategies[parent];
                Some((j, old))
            }
            update => {
                let i = self.rng.random_range(0..n);
                let nb = g.neighbours(i);
                if nb.is_empty() {
                    return None;
                }
                let s = &self.strategies;
                // Nothing can change when the whole neighbourhood already agrees with i.
                if nb.iter().all(|&j| s[j as usize] == s[i]) {
                    return None;
                }
                let new = match update {
                    Update::ImitateBest => {
                        let mut best = self.payoff(i);
                        let mut strat = s[i];
                        for &j in nb {
                            let pj = self.payoff(j as usize);
                            if pj > best {
                                best = pj;
                                strat = s[j as usize];
                            }
                        }
                        strat
                    }
                    Update::Fermi => {
                        let j = nb[self.rng.random_range(0..nb.len())] as usize;
                        let (pi, pj) = (self.payoff(i), self.payoff(j));
                        if uniform(&mut self.rng) < fermi(self.cfg.selection, pj, pi) { s[j] } else { s[i] }
                    }
                    _ => {
                        let include_self = update == Update::Imitation;
                        let mut weights = std::mem::take(&mut self.weights);
                        weights.clear();
                        if include_self {
                            weights.push(self.fitness_of(self.payoff(i)));
                        }
                        for &j in nb {
                            weights.push(self.fitness_of(self.payoff(j as usize)));
                        }
                        let k = Self::roulette(&mut self.rng, &weights);
                        self.weights = weights;
                        let s = &self.strategies;
                        if include_self {
                            if k == 0 { s[i] } else { s[nb[k - 1] as usize] }
                        } else {
                            s[nb[k] as usize]
                        }
                    }
                };
                let old = self.strategies[i];
                self.strategies[i] = new;
                Some((i, old))
            }
        }
    }

    /// One generation: a synchronous sweep, or `N` asynchronous elementary updates.
    pub fn step(&mut self) {
        if self.cfg.synchronous {
            self.synchronous_generation();
        } else {
            for _ in 0..self.graph.n() {
                self.elementary_step();
            }
        }
    }

    /// Runs `generations` generations and returns the cooperator share after each, the
    /// initial share first.
    pub fn run(&mut self, generations: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(generations + 1);
        out.push(self.cooperator_fraction());
        for _ in 0..generations {
            self.step();
            out.push(self.cooperator_fraction());
        }
        out
    }
}

/// The largest and smallest payoff a node of degree at most `max_degree` can earn.
fn payoff_bounds(cfg: &SpatialConfig, max_degree: usize) -> (f64, f64) {
    match cfg.game {
        SpatialGame::Pairwise(a) => {
            let (lo, hi) = a
                .iter()
                .flatten()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| (l.min(x), h.max(x)));
            let k = if cfg.averaged { 1.0 } else { (max_degree + cfg.self_interaction as usize) as f64 };
            (lo.min(0.0) * k, hi.max(0.0) * k)
        }
        SpatialGame::PublicGoods { factor, cost } => {
            let groups = if cfg.averaged { 1.0 } else { (max_degree + 1) as f64 };
            (-cost * groups, factor * cost * groups)
        }
    }
}

/// A random initial state: each node cooperates with probability `cooperators`.
pub fn random_initial(n: usize, cooperators: f64, seed: u64) -> Vec<u8> {
    let mut rng = stream(seed, &[label("spatial-initial")]);
    (0..n).map(|_| if uniform(&mut rng) < cooperators { COOPERATE } else { DEFECT }).collect()
}

/// Outcome counts of a fixation experiment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixationCounts {
    /// Runs in which the mutant strategy took over.
    pub fixed: u64,
    /// Runs in which it disappeared.
    pub lost: u64,
    /// Runs stopped at the step limit before either.
    pub undecided: u64,
}

/// Runs `runs` asynchronous experiments, each starting from one `mutant` at a random node
/// among residents of the other strategy, until one strategy is left (or `max_steps`
/// elementary updates). Runs are spread over threads; counts are identical for any number of
/// threads because run `r` always draws from the same stream.
pub fn fixation_experiment(
    graph: &Graph,
    cfg: SpatialConfig,
    mutant: u8,
    runs: u64,
    max_steps: u64,
    seed: u64,
) -> Result<FixationCounts> {
    if cfg.synchronous {
        return Err(EvoError::invalid("update", "fixation experiments use asynchronous updating"));
    }
    let n = graph.n();
    // Validate once on a throwaway population.
    Spatial::new(graph, cfg, vec![1 - mutant; n], seed)?;
    let outcome = |r: u64| -> u8 {
        let mut rng = stream(seed, &[label("spatial-fixation"), r]);
        let start = rng.random_range(0..n);
        let mut initial = vec![1 - mutant; n];
        initial[start] = mutant;
        let mut pop = Spatial::with_rng(graph, cfg, initial, rng).expect("validated above");
        let mut count = 1usize;
        for _ in 0..max_steps {
            if let Some((i, old)) = pop.elementary_step() {
                let new = pop.strategies[i];
                if new != old {
                    if new == mutant {
                        count += 1;
                    } else {
                        count -= 1;
                    }
                    if count == 0 {
                        return 1;
                    }
                    if count == n {
                        return 0;
                    }
                }
            }
        }
        2
    };
    let tallies = (0..runs)
        .into_par_iter()
        .map(|r| {
            let mut t = [0u64; 3];
            t[outcome(r) as usize] += 1;
            t
        })
        .reduce(|| [0; 3], |a, b| [a[0] + b[0], a[1] + b[1], a[2] + b[2]]);
    Ok(FixationCounts { fixed: tallies[0], lost: tallies[1], undecided: tallies[2] })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mean cooperator share over the last 100 of 500 synchronous generations of the
    /// Nowak–May lattice (100×100, Moore, self-interaction, 90% cooperators).
    fn nowak_may_share(b: f64, seed: u64) -> f64 {
        let g = Graph::lattice(100, Neighbourhood::Moore).unwrap();
        let cfg = SpatialConfig { self_interaction: true, ..SpatialConfig::new(SpatialGame::nowak_may(b)) };
        let mut pop = Spatial::new(&g, cfg, random_initial(g.n(), 0.9, seed), seed).unwrap();
        let series = pop.run(500);
        series[401..].iter().sum::<f64>() / 100.0
    }

    #[test]
    fn nowak_may_reproduces_the_three_regimes() {
        let mid = nowak_may_share(1.85, 1);
        assert!((mid - (12.0 * 2f64.ln() - 8.0)).abs() < 0.03, "b = 1.85: {mid}");
        let low = nowak_may_share(1.15, 2);
        assert!((low - 0.9).abs() < 0.07, "b = 1.15: {low}");
        let high = nowak_may_share(2.05, 3);
        assert!(high < 0.1, "b = 2.05: {high}");
    }

    #[test]
    fn synchronous_payoffs_match_the_per_node_definition() {
        let g = Graph::random_regular(60, 4, 5).unwrap();
        for game in [SpatialGame::nowak_may(1.6), SpatialGame::PublicGoods { factor: 3.0, cost: 1.0 }] {
            for (si, avg) in [(false, false), (true, false), (false, true)] {
                let cfg = SpatialConfig { self_interaction: si, averaged: avg, ..SpatialConfig::new(game) };
                let mut pop = Spatial::new(&g, cfg, random_initial(60, 0.5, 9), 9).unwrap();
                pop.compute_all_payoffs();
                for i in 0..60 {
                    assert!((pop.payoffs[i] - pop.payoff(i)).abs() < 1e-12, "{game:?} node {i}");
                }
            }
        }
    }

    #[test]
    fn imitate_best_fast_path_matches_the_general_loop() {
        // The general loop (compute_all_payoffs + the per-rule update) on the same state.
        let g = Graph::barabasi_albert(300, 3, 4).unwrap();
        for si in [false, true] {
            let cfg =
                SpatialConfig { self_interaction: si, ..SpatialConfig::new(SpatialGame::nowak_may(1.7)) };
            let mut fast = Spatial::new(&g, cfg, random_initial(300, 0.6, 8), 8).unwrap();
            let mut slow = fast.clone();
            for _ in 0..30 {
                fast.step();
                slow.compute_all_payoffs();
                let next: Vec<u8> = (0..300)
                    .map(|i| {
                        let mut best = (slow.payoffs[i], slow.strategies[i]);
                        for &j in g.neighbours(i) {
                            if slow.payoffs[j as usize] > best.0 {
                                best = (slow.payoffs[j as usize], slow.strategies[j as usize]);
                            }
                        }
                        best.1
                    })
                    .collect();
                slow.strategies = next;
                assert_eq!(fast.strategies, slow.strategies);
            }
        }
    }

    #[test]
    fn moore_lattice_kernel_matches_the_csr_path() {
        // b = 2 makes ties between neighbours common, so the visiting order is exercised.
        let lattice = Graph::lattice(30, Neighbourhood::Moore).unwrap();
        let plain = lattice.clone().forget_shape();
        for (b, si, avg) in [(1.85, true, false), (2.0, true, false), (2.0, false, false), (1.6, false, true)]
        {
            let cfg = SpatialConfig {
                self_interaction: si,
                averaged: avg,
                ..SpatialConfig::new(SpatialGame::nowak_may(b))
            };
            let init = random_initial(900, 0.7, 5);
            let mut fast = Spatial::new(&lattice, cfg, init.clone(), 5).unwrap();
            let mut slow = Spatial::new(&plain, cfg, init, 5).unwrap();
            for generation in 0..60 {
                fast.step();
                slow.step();
                assert_eq!(fast.strategies, slow.strategies, "b={b} si={si} generation {generation}");
            }
        }
    }

    #[test]
    fn runs_are_reproducible_and_seed_dependent() {
        let g = Graph::lattice(20, Neighbourhood::VonNeumann).unwrap();
        let cfg = SpatialConfig {
            update: Update::Fermi,
            synchronous: false,
            selection: 2.0,
            ..SpatialConfig::new(SpatialGame::nowak_may(1.3))
        };
        let run = |seed| Spatial::new(&g, cfg, random_initial(400, 0.5, seed), seed).unwrap().run(20);
        assert_eq!(run(4), run(4));
        assert_ne!(run(4), run(5));
    }

    #[test]
    fn fixation_counts_do_not_depend_on_thread_count() {
        let g = Graph::random_regular(30, 3, 1).unwrap();
        let cfg = SpatialConfig {
            update: Update::DeathBirth,
            synchronous: false,
            selection: 0.1,
            ..SpatialConfig::new(SpatialGame::donation(4.0, 1.0))
        };
        let count = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| fixation_experiment(&g, cfg, COOPERATE, 300, 1_000_000, 11).unwrap())
        };
        let one = count(1);
        assert_eq!(one, count(2));
        assert_eq!(one.fixed + one.lost, 300);
    }

    #[test]
    fn neutral_fixation_is_one_over_n() {
        // With w = 0 every rule is neutral: ρ = 1/N whatever the graph. 6,000 runs on N = 20
        // give a standard error of 0.0028 around 0.05; the band is over 5 standard errors.
        let g = Graph::random_regular(20, 3, 2).unwrap();
        for update in [Update::DeathBirth, Update::BirthDeath, Update::Imitation] {
            let cfg = SpatialConfig {
                update,
                synchronous: false,
                selection: 0.0,
                ..SpatialConfig::new(SpatialGame::donation(3.0, 1.0))
            };
            let c = fixation_experiment(&g, cfg, COOPERATE, 6000, 10_000_000, 3).unwrap();
            let rho = c.fixed as f64 / 6000.0;
            assert!((rho - 0.05).abs() < 0.015, "{update:?}: {rho}");
        }
    }

    /// Ohtsuki, Hauert, Lieberman & Nowak (2006): under death–birth updating on a graph of
    /// degree k, cooperation is favoured (ρ_C > 1/N) when b/c exceeds k; for finite N the
    /// threshold is (N − 2)/(N/k − 2) = 3.35 at N = 40, k = 3. With 20,000 runs per point the
    /// standard error of N·ρ is below 0.05, and every assertion holds with more than 5 of them.
    #[test]
    fn ohtsuki_death_birth_threshold_near_k() {
        let (n, k, runs) = (40usize, 3usize, 20_000u64);
        let g = Graph::random_regular(n, k, 1).unwrap();
        let n_rho = |bc: f64| {
            let cfg = SpatialConfig {
                update: Update::DeathBirth,
                synchronous: false,
                selection: 0.05,
                ..SpatialConfig::new(SpatialGame::donation(bc, 1.0))
            };
            let c = fixation_experiment(&g, cfg, COOPERATE, runs, u64::MAX, 7).unwrap();
            assert_eq!(c.undecided, 0);
            c.fixed as f64 / runs as f64 * n as f64
        };
        let (below, just_below, just_above, above) = (n_rho(2.0), n_rho(3.0), n_rho(4.0), n_rho(5.0));
        assert!(below < 0.6 && just_below < 0.85, "b/c = 2: {below}, 3: {just_below}");
        assert!(just_above > 1.2 && above > 1.6, "b/c = 4: {just_above}, 5: {above}");
        // Linear interpolation of the crossing of 1/N between b/c = 3 and 4.
        let crossing = 3.0 + (1.0 - just_below) / (just_above - just_below);
        assert!((crossing - 3.35).abs() < 0.35, "crossing at b/c = {crossing}");
    }
}
