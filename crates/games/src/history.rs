//! What a player remembers of a match: its own plays and its view of the opponent's.

use crate::action::{Action, D};

/// One player's record of a match so far.
///
/// `own` holds the actions the player actually played (after any action noise, as in the
/// Axelrod library); `opp` holds the opponent's actions *as this player perceived them* — equal
/// to what was played unless the match has observation error. Running counts are kept so that
/// strategies that look at totals do not rescan the history every turn.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    own: Vec<Action>,
    opp: Vec<Action>,
    /// Counts of the states (own, opp) indexed by `2·own + opp` with C = 0: CC, CD, DC, DD.
    state_counts: [usize; 4],
}

impl History {
    /// An empty history with room for `capacity` turns.
    pub fn with_capacity(capacity: usize) -> History {
        History { own: Vec::with_capacity(capacity), opp: Vec::with_capacity(capacity), ..Default::default() }
    }

    /// A history from two equal-length sequences (own plays, perceived opponent plays).
    pub fn from_moves(own: &[Action], opp: &[Action]) -> History {
        assert_eq!(own.len(), opp.len(), "histories must have equal length");
        let mut h = History::with_capacity(own.len());
        for (&a, &b) in own.iter().zip(opp) {
            h.push(a, b);
        }
        h
    }

    /// Records one turn.
    #[inline]
    pub fn push(&mut self, own: Action, opp: Action) {
        self.own.push(own);
        self.opp.push(opp);
        self.state_counts[2 * own as usize + opp as usize] += 1;
    }

    /// Forgets everything (keeps the allocation).
    pub fn clear(&mut self) {
        self.own.clear();
        self.opp.clear();
        self.state_counts = [0; 4];
    }

    /// Makes room for `additional` more turns, so that recording them does not reallocate.
    pub fn reserve(&mut self, additional: usize) {
        self.own.reserve(additional);
        self.opp.reserve(additional);
    }

    /// Number of turns played.
    #[inline]
    pub fn len(&self) -> usize {
        self.own.len()
    }

    /// True before the first turn.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// The player's own plays.
    #[inline]
    pub fn own(&self) -> &[Action] {
        &self.own
    }

    /// The opponent's plays as perceived.
    #[inline]
    pub fn opp(&self) -> &[Action] {
        &self.opp
    }

    /// The player's last play.
    #[inline]
    pub fn last_own(&self) -> Option<Action> {
        self.own.last().copied()
    }

    /// The opponent's last (perceived) play.
    #[inline]
    pub fn last_opp(&self) -> Option<Action> {
        self.opp.last().copied()
    }

    /// How many times the player cooperated.
    #[inline]
    pub fn own_cooperations(&self) -> usize {
        self.state_counts[0] + self.state_counts[1]
    }

    /// How many times the player defected.
    #[inline]
    pub fn own_defections(&self) -> usize {
        self.own.len() - self.own_cooperations()
    }

    /// How many times the opponent (as perceived) cooperated.
    #[inline]
    pub fn opp_cooperations(&self) -> usize {
        self.state_counts[0] + self.state_counts[2]
    }

    /// How many times the opponent (as perceived) defected.
    #[inline]
    pub fn opp_defections(&self) -> usize {
        self.opp.len() - self.opp_cooperations()
    }

    /// How many turns ended in the state (own, opp).
    #[inline]
    pub fn state_count(&self, own: Action, opp: Action) -> usize {
        self.state_counts[2 * own as usize + opp as usize]
    }

    /// The opponent's perceived play `k` turns ago (`k = 1` is the last turn).
    #[inline]
    pub fn opp_back(&self, k: usize) -> Option<Action> {
        self.opp.len().checked_sub(k).map(|i| self.opp[i])
    }

    /// The player's own play `k` turns ago (`k = 1` is the last turn).
    #[inline]
    pub fn own_back(&self, k: usize) -> Option<Action> {
        self.own.len().checked_sub(k).map(|i| self.own[i])
    }
}

/// Convenience: count of `D` in a slice.
pub fn count_defections(actions: &[Action]) -> usize {
    actions.iter().filter(|&&a| a == D).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::C;

    #[test]
    fn counts_follow_pushes() {
        let mut h = History::default();
        h.push(C, D);
        h.push(D, D);
        h.push(C, C);
        assert_eq!(h.len(), 3);
        assert_eq!(h.own_cooperations(), 2);
        assert_eq!(h.opp_defections(), 2);
        assert_eq!(h.state_count(C, D), 1);
        assert_eq!(h.state_count(D, D), 1);
        assert_eq!(h.opp_back(1), Some(C));
        assert_eq!(h.opp_back(3), Some(D));
        assert_eq!(h.opp_back(4), None);
        h.clear();
        assert_eq!(h, History::default());
    }
}
