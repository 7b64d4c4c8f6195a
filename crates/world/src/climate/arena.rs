//! The national climate arena inside a world run: one DICE-2016R2 carbon cycle and temperature,
//! each nation's abatement chosen by its doctrine, and damages and abatement costs charged to
//! each nation's own output year by year.
//!
//! **Doctrine → stance** (the [`Stance`] of the climate game):
//! - `zero_sum` → non-cooperative: it counts only its own damages (the Nash price);
//! - `unconditional` → cooperative: the global social cost of carbon, always;
//! - `win_win` and `partnership` → conditional (pledge and review): the global social cost when
//!   every other nation reciprocates, otherwise the others' reciprocating share of it;
//! - `bloc` → the coalition of its bloc (the bloc's joint best response). A bloc-doctrine nation
//!   that belongs to no bloc is conditional, as the bloc doctrine reciprocates with the
//!   non-aligned in the trade arena: with no bloc to act with it reciprocates here too;
//! - `strategy:NAME` → the strategy plays C (cooperative price) or D (own, non-cooperative price)
//!   once per DICE period. Its opponent's last move is C when the others whose stances
//!   reciprocate emitted at least half of the others' emissions (the stances in force during
//!   the period that just ended); there is no misperception in this arena;
//! - a member of the regime's climate club → club: the club's target price or its own Nash
//!   price, whichever is higher, whatever its doctrine; the members' penalty tariff on every
//!   non-member's goods is solved once in general equilibrium and added to each nation's trade
//!   effect every year.
//!
//! **Timing.** DICE periods are five years from 2015; the world's base year is 2017. Stances are
//! read at the start of every simulated year; when they differ from those of the current
//! solution the game is solved again, the periods that have already begun keeping the abatement
//! they had (what was emitted cannot be taken back: [`ClimateGame::equilibrium`] with a prefix),
//! and the new stances are held for the rest of the horizon. A solution is computed only when the
//! stances change; the first solution of a stance vector is cached and shared by every
//! replicate and regime that starts from it.
//!
//! **Costs.** In calendar year Y, a nation's output is scaled by
//! `1 − (Ω(T_Y) − Ω(T_2017)) − cost1_t · rᵢ · μᵢ(t)^θ₂`: the damage function Ω(T) = a₂T² on the
//! warming since the base year (the base-year data already carry today's damages), with T_Y
//! interpolated linearly between the period temperatures, plus the abatement cost share of the
//! period t containing Y, where rᵢ is the nation's emissions intensity relative to the world.
//! The carbon cycle runs on DICE's own projection of world output: the world model's output
//! does not feed back into emissions, so the climate arena reacts to the doctrines, not to
//! the trade arena's growth.

use crate::arena::ArenaWorld;
use crate::blocs::Blocs;
use crate::climate::nations::{climate_nations, relative_intensity};
use crate::scenario::{ClimateParams, Doctrine};
use commonweal_climate::{ClimateGame, Dice, Equilibrium, Params, Stance};
use commonweal_games::rng::{StreamRng, label, stream};
use commonweal_games::strategy::{MatchInfo, Strategy};
use commonweal_games::{Action, C, D, History, registry};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Stream label of a strategy doctrine's climate moves: `(seed, CLIMATE_STRATEGY, replicate, nation)`.
pub const CLIMATE_STRATEGY: u64 = label("climate-strategy");

/// The world's base year (the Penn World Table year): simulated year y is calendar `BASE_YEAR + y`.
pub const BASE_YEAR: i32 = 2017;

/// Solutions cached by (club target price bits, stances).
type Cache = Mutex<HashMap<(u64, Vec<Stance>), Arc<Equilibrium>>>;

/// The climate arena bound to a world: the climate game of its nations, their intensities and
/// the universal non-cooperative solution (the fallback should a later solve fail).
#[derive(Clone, Debug)]
pub struct ClimateArena {
    /// The game without a club.
    pub game: ClimateGame,
    /// Each nation's emissions intensity relative to the world.
    pub intensity: Vec<f64>,
    /// The solution when every nation is non-cooperative.
    pub nash: Arc<Equilibrium>,
    cache: Arc<Cache>,
}

/// A regime's climate club bound to the world.
#[derive(Clone, Debug)]
pub struct RegimeClub {
    /// Membership per nation.
    pub members: Vec<bool>,
    /// Target price ($/tCO₂).
    pub target_price: f64,
    /// Each nation's real-income change from the members' penalty tariffs (Ŵ − 1).
    pub penalty_effect: Vec<f64>,
    /// The climate game with the club's target price.
    pub game: ClimateGame,
}

impl ClimateArena {
    /// The arena for a world with the scenario's climate parameters; solves the universal
    /// non-cooperative game once.
    pub fn new(
        world: &ArenaWorld,
        params: &ClimateParams,
    ) -> Result<ClimateArena, commonweal_climate::Error> {
        let defaults = Params::default();
        let dice = Dice::new(Params {
            a2: defaults.a2 * params.damage_multiplier,
            t2xco2: params.climate_sensitivity,
            ..defaults
        })?;
        let nations = climate_nations(world)?;
        let intensity = nations.iter().map(relative_intensity).collect();
        let game = ClimateGame::new(dice, nations)?;
        let nash = Arc::new(game.equilibrium(&vec![Stance::NonCooperative; world.n()], &[])?);
        Ok(ClimateArena { game, intensity, nash, cache: Arc::default() })
    }

    /// A club of `members` with `target_price` and the real-income effects of its penalty tariff.
    pub fn club(
        &self,
        world: &ArenaWorld,
        members: Vec<bool>,
        target_price: f64,
        penalty_tariff: f64,
    ) -> Result<RegimeClub, String> {
        let penalty_effect = crate::climate::penalty_tariff_effects(world, &members, penalty_tariff)?;
        let game = self
            .game
            .clone()
            .with_club_price(self.game.constant_club_price(target_price))
            .map_err(|e| e.to_string())?;
        Ok(RegimeClub { members, target_price, penalty_effect, game })
    }

    /// The solution for `stances` from the start (cached), or `None` if it does not converge.
    fn initial(&self, club: Option<&RegimeClub>, stances: &[Stance]) -> Option<Arc<Equilibrium>> {
        let key = (club.map_or(0, |c| c.target_price.to_bits()), stances.to_vec());
        if let Some(eq) = self.cache.lock().expect("the cache lock is never poisoned").get(&key) {
            return Some(eq.clone());
        }
        let game = club.map_or(&self.game, |c| &c.game);
        let eq = Arc::new(game.equilibrium(stances, &[]).ok()?);
        self.cache.lock().expect("the cache lock is never poisoned").insert(key, eq.clone());
        Some(eq)
    }
}

/// The stance a nation takes in the climate arena (see the module doc).
pub fn stance_of(
    doctrine: Doctrine,
    bloc: Option<u16>,
    club_member: bool,
    strategy_move: Option<Action>,
) -> Stance {
    if club_member {
        return Stance::Club;
    }
    match doctrine {
        Doctrine::ZeroSum => Stance::NonCooperative,
        Doctrine::Unconditional => Stance::Cooperative,
        Doctrine::WinWin | Doctrine::Partnership => Stance::Conditional,
        Doctrine::Bloc => bloc.map_or(Stance::Conditional, Stance::Coalition),
        Doctrine::Strategy(_) => match strategy_move {
            Some(Action::D) => Stance::NonCooperative,
            _ => Stance::Cooperative,
        },
    }
}

/// Calendar position of year `y` after the base year in DICE periods (fractional).
fn period_position(game: &ClimateGame, year: usize) -> f64 {
    let p = &game.dice().params;
    (BASE_YEAR + year as i32 - p.first_year) as f64 / p.tstep
}

/// Linear interpolation of a per-period series at a fractional period position.
fn interpolate(series: &[f64], position: f64) -> f64 {
    let last = series.len() - 1;
    let t = (position.floor().max(0.0) as usize).min(last);
    let frac = (position - t as f64).clamp(0.0, 1.0);
    if t == last { series[last] } else { series[t] + frac * (series[t + 1] - series[t]) }
}

/// Atmospheric temperature (°C above 1900) in simulated year `year` along a solution.
pub fn temperature_in(game: &ClimateGame, eq: &Equilibrium, year: usize) -> f64 {
    interpolate(&eq.path.tatm, period_position(game, year))
}

/// The climate series of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct ClimateSeries {
    /// Atmospheric temperature (°C above 1900), years 0..=T.
    pub temperature: Vec<f64>,
    /// World industrial emissions (GtCO₂/yr), years 0..=T.
    pub emissions: Vec<f64>,
    /// World climate damages since the base year, percent of world output before climate costs,
    /// years 0..=T (0 in the base year).
    pub damages_pct: Vec<f64>,
    /// World abatement cost, percent of world output before climate costs, years 0..=T (0 in
    /// the base year).
    pub abatement_pct: Vec<f64>,
    /// Each nation's cumulative climate cost (damages plus abatement) over years 1..=T, percent
    /// of its cumulative output before climate costs.
    pub nation_cost_pct: Vec<f64>,
    /// Temperature in 2100 committed by the final stances (the last solution's path).
    pub committed_2100: f64,
    /// Solutions computed or taken from the cache during the run.
    pub solves: u32,
}

/// A strategy doctrine's climate player: registry index, player, history.
type Player = (u16, Box<dyn Strategy>, History);

/// One run's climate state: the solution in force, the stances it was solved for, strategy
/// players, and the running sums. Made per run; never fails after the arena was built.
pub struct ClimateRun<'a> {
    arena: &'a ClimateArena,
    club: Option<&'a RegimeClub>,
    game: &'a ClimateGame,
    seed: u64,
    replicate: u64,
    years: usize,
    current: Arc<Equilibrium>,
    stances: Vec<Stance>,
    moves: Vec<Option<Action>>,
    players: Vec<Option<(Player, StreamRng)>>,
    factor: Vec<f64>,
    cost: Vec<f64>,
    output: Vec<f64>,
    series: ClimateSeries,
    started: bool,
}

impl<'a> ClimateRun<'a> {
    /// A run's climate state before its first year.
    pub fn new(
        arena: &'a ClimateArena,
        club: Option<&'a RegimeClub>,
        seed: u64,
        replicate: u64,
        years: usize,
    ) -> ClimateRun<'a> {
        let n = arena.intensity.len();
        let game = club.map_or(&arena.game, |c| &c.game);
        let nash = arena.nash.clone();
        let mut series = ClimateSeries {
            temperature: Vec::with_capacity(years + 1),
            emissions: Vec::with_capacity(years + 1),
            damages_pct: vec![0.0],
            abatement_pct: vec![0.0],
            nation_cost_pct: vec![0.0; n],
            committed_2100: f64::NAN,
            solves: 0,
        };
        series.temperature.push(temperature_in(game, &nash, 0));
        series.emissions.push(interpolate(&nash.path.eind, period_position(game, 0)));
        ClimateRun {
            arena,
            club,
            game,
            seed,
            replicate,
            years,
            current: nash,
            stances: Vec::new(),
            moves: vec![None; n],
            players: (0..n).map(|_| None).collect(),
            factor: vec![1.0; n],
            cost: vec![0.0; n],
            output: vec![0.0; n],
            series,
            started: false,
        }
    }

    /// Moves of the strategy doctrines at the start of simulated year `year`: a nation that has
    /// just taken a strategy opens; the others move at the start of every DICE period.
    fn strategy_moves(&mut self, year: usize, doctrine: &[Doctrine]) {
        let period_start = period_position(self.game, year).fract() == 0.0;
        let n = doctrine.len();
        // What each nation observed: did the emitters of at least half of the others' emissions
        // reciprocate under the stances in force?
        let shares: Vec<f64> = self.game.nations().iter().map(|v| v.emissions_share).collect();
        let reciprocating: f64 = if self.stances.is_empty() {
            0.0
        } else {
            (0..n).filter(|&j| self.stances[j].reciprocates()).map(|j| shares[j]).sum()
        };
        let info = MatchInfo { length: Some(self.years.div_ceil(5) + 1), ..MatchInfo::default() };
        for i in 0..n {
            let Doctrine::Strategy(idx) = doctrine[i] else {
                self.players[i] = None;
                self.moves[i] = None;
                continue;
            };
            let fresh = self.players[i].as_ref().is_none_or(|((k, _, _), _)| *k != idx);
            if fresh {
                let player = registry::entries()[idx as usize].build();
                let rng = stream(self.seed, &[CLIMATE_STRATEGY, self.replicate, i as u64]);
                self.players[i] =
                    Some(((idx, player, History::with_capacity(info.length.unwrap_or(0))), rng));
            } else if !period_start {
                continue;
            }
            let ((_, player, history), rng) = self.players[i].as_mut().expect("just filled");
            if !fresh {
                let own_share = if self.stances[i].reciprocates() { shares[i] } else { 0.0 };
                let others = 1.0 - shares[i];
                let seen = if others <= 0.0 || (reciprocating - own_share) >= 0.5 * others { C } else { D };
                history.push(self.moves[i].unwrap_or(C), seen);
            }
            self.moves[i] = Some(player.play(history, &info, rng));
        }
    }

    /// Starts simulated year `year` (1..=T): reads the stances, solves again if they changed,
    /// and sets every nation's climate factor for the year.
    pub fn begin_year(&mut self, year: usize, doctrine: &[Doctrine], blocs: &Blocs) {
        self.strategy_moves(year, doctrine);
        let stances: Vec<Stance> = (0..doctrine.len())
            .map(|i| {
                let member = self.club.is_some_and(|c| c.members[i]);
                stance_of(doctrine[i], blocs.membership[i], member, self.moves[i])
            })
            .collect();
        if !self.started || stances != self.stances {
            self.resolve(year, &stances);
            self.started = true;
            self.stances = stances;
        }
        let game = self.game;
        let dice = game.dice();
        let position = period_position(game, year);
        let t = (position.floor() as usize).min(dice.n_periods() - 1);
        let a2 = dice.params.a2;
        let base = self.series.temperature[0];
        let temp = temperature_in(game, &self.current, year);
        let damage = a2 * (temp * temp - base * base);
        let theta2 = dice.params.expcost2;
        let cost1 = dice.exo.cost1[t];
        for (i, f) in self.factor.iter_mut().enumerate() {
            let abatement =
                cost1 * self.arena.intensity[i] * self.current.mu(game, i, t).max(0.0).powf(theta2);
            *f = (1.0 - damage - abatement).max(0.0);
        }
        self.series.temperature.push(temp);
        self.series.emissions.push(interpolate(&self.current.path.eind, position));
    }

    /// Solves for new stances from simulated year `year` on, keeping the periods already begun.
    fn resolve(&mut self, year: usize, stances: &[Stance]) {
        let p0 = period_position(self.game, year).ceil().max(0.0) as usize;
        let solved = if !self.started {
            self.arena.initial(self.club, stances)
        } else if p0 >= self.game.dice().n_periods() {
            None
        } else {
            let n = stances.len();
            let prefix: Vec<Vec<f64>> =
                (0..n).map(|i| (0..p0).map(|t| self.current.mu(self.game, i, t)).collect()).collect();
            self.game.equilibrium(stances, &prefix).ok().map(Arc::new)
        };
        // A solve that fails to converge keeps the solution in force (from the start: the
        // universal non-cooperative one).
        if let Some(eq) = solved {
            self.series.solves += 1;
            self.current = eq;
        }
    }

    /// The climate factor on nation `i`'s output this year.
    #[inline]
    pub fn factor(&self, i: usize) -> f64 {
        self.factor[i]
    }

    /// The real-income effect of the club's penalty tariffs on nation `i` (0 without a club).
    #[inline]
    pub fn penalty_effect(&self, i: usize) -> f64 {
        self.club.map_or(0.0, |c| c.penalty_effect[i])
    }

    /// Records this year's costs given each nation's output before climate costs.
    pub fn record(&mut self, output: &[f64]) {
        let (mut total, mut damages, mut abatement) = (0.0, 0.0, 0.0);
        let base = self.series.temperature[0];
        let temp = *self.series.temperature.last().expect("begin_year pushed a temperature");
        let damage = self.game.dice().params.a2 * (temp * temp - base * base);
        for (i, &y) in output.iter().enumerate() {
            let lost = y * (1.0 - self.factor[i]);
            let damage_i = y * damage.min(1.0 - self.factor[i]).max(0.0);
            self.cost[i] += lost;
            self.output[i] += y;
            total += y;
            damages += damage_i;
            abatement += lost - damage_i;
        }
        let pct = |x: f64| if total > 0.0 { 100.0 * x / total } else { 0.0 };
        self.series.damages_pct.push(pct(damages));
        self.series.abatement_pct.push(pct(abatement));
    }

    /// The run's climate series.
    pub fn finish(mut self) -> ClimateSeries {
        for (i, pct) in self.series.nation_cost_pct.iter_mut().enumerate() {
            *pct = if self.output[i] > 0.0 { 100.0 * self.cost[i] / self.output[i] } else { 0.0 };
        }
        self.series.committed_2100 = self
            .game
            .dice()
            .exo
            .year
            .iter()
            .position(|&y| y == 2100)
            .map_or(f64::NAN, |t| self.current.path.tatm[t]);
        self.series
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::testing::small_world;

    fn params() -> ClimateParams {
        ClimateParams { enabled: true, damage_multiplier: 1.0, climate_sensitivity: 3.1 }
    }

    #[test]
    fn doctrines_map_to_their_stances() {
        assert_eq!(stance_of(Doctrine::ZeroSum, None, false, None), Stance::NonCooperative);
        assert_eq!(stance_of(Doctrine::Unconditional, Some(1), false, None), Stance::Cooperative);
        assert_eq!(stance_of(Doctrine::WinWin, None, false, None), Stance::Conditional);
        assert_eq!(stance_of(Doctrine::Partnership, Some(0), false, None), Stance::Conditional);
        assert_eq!(stance_of(Doctrine::Bloc, Some(1), false, None), Stance::Coalition(1));
        assert_eq!(stance_of(Doctrine::Bloc, None, false, None), Stance::Conditional);
        assert_eq!(stance_of(Doctrine::Strategy(0), None, false, Some(D)), Stance::NonCooperative);
        assert_eq!(stance_of(Doctrine::Strategy(0), None, false, Some(C)), Stance::Cooperative);
        assert_eq!(stance_of(Doctrine::ZeroSum, None, true, None), Stance::Club);
    }

    #[test]
    fn interpolation_between_periods() {
        let s = [1.0, 3.0, 4.0];
        assert_eq!(interpolate(&s, 0.0), 1.0);
        assert_eq!(interpolate(&s, 0.5), 2.0);
        assert_eq!(interpolate(&s, 1.25), 3.25);
        assert_eq!(interpolate(&s, 7.0), 4.0);
    }

    #[test]
    fn the_arena_solves_the_nash_game_once_and_damages_scale() {
        let w = small_world(6, 2);
        let arena = ClimateArena::new(&w, &params()).unwrap();
        let nash = arena.game.solve(&[Stance::NonCooperative; 6]).unwrap();
        assert!((arena.nash.path.tatm[17] - nash.path.tatm[17]).abs() < 1e-9);
        let doubled = ClimateArena::new(&w, &ClimateParams { damage_multiplier: 2.0, ..params() }).unwrap();
        assert_eq!(doubled.game.dice().params.a2, 2.0 * arena.game.dice().params.a2);
        // Higher damages raise the Nash price and so lower warming.
        assert!(doubled.nash.path.tatm[17] < arena.nash.path.tatm[17]);
    }
}
