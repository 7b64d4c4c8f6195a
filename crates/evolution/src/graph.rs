//! Interaction graphs for structured populations, stored as compressed sparse rows (CSR):
//! square lattices (von Neumann or Moore, periodic), rings, random regular, Erdős–Rényi,
//! Barabási–Albert and Watts–Strogatz graphs, and graphs from an edge list.
//!
//! Random graphs draw from `rng::stream(seed, [label("graph"), …])`, so the same seed gives the
//! same graph on any machine.

use crate::error::{EvoError, Result};
use commonweal_games::rng::{Rng, StreamRng, label, stream, uniform};
use std::collections::HashSet;

/// The neighbourhood of a square lattice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Neighbourhood {
    /// The 4 orthogonal neighbours.
    VonNeumann,
    /// The 8 surrounding cells.
    Moore,
}

/// An undirected simple graph in CSR form: the neighbours of node `i` are
/// `neighbours[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graph {
    offsets: Vec<u32>,
    neighbours: Vec<u32>,
    /// Side and neighbourhood when the graph is a periodic square lattice, so that kernels
    /// can compute neighbour indices instead of reading them.
    shape: Option<(usize, Neighbourhood)>,
}

impl Graph {
    /// Builds the CSR form from adjacency lists.
    fn from_lists(lists: Vec<Vec<u32>>) -> Graph {
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        let mut neighbours = Vec::new();
        offsets.push(0);
        for l in lists {
            neighbours.extend_from_slice(&l);
            offsets.push(neighbours.len() as u32);
        }
        Graph { offsets, neighbours, shape: None }
    }

    fn from_edge_set(n: usize, edges: &HashSet<(u32, u32)>) -> Graph {
        let mut lists = vec![Vec::new(); n];
        let mut sorted: Vec<&(u32, u32)> = edges.iter().collect();
        sorted.sort_unstable();
        for &&(a, b) in &sorted {
            lists[a as usize].push(b);
            lists[b as usize].push(a);
        }
        for l in &mut lists {
            l.sort_unstable();
        }
        Graph::from_lists(lists)
    }

    /// The raw CSR arrays `(offsets, neighbours)`, for kernels that walk every node.
    #[inline]
    pub fn csr(&self) -> (&[u32], &[u32]) {
        (&self.offsets, &self.neighbours)
    }

    /// The number of nodes.
    pub fn n(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The neighbours of node `i`.
    #[inline]
    pub fn neighbours(&self, i: usize) -> &[u32] {
        &self.neighbours[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The degree of node `i`.
    #[inline]
    pub fn degree(&self, i: usize) -> usize {
        (self.offsets[i + 1] - self.offsets[i]) as usize
    }

    /// The number of edges.
    pub fn n_edges(&self) -> usize {
        self.neighbours.len() / 2
    }

    /// An `l × l` periodic square lattice; node `(row, col)` is `row · l + col`.
    pub fn lattice(l: usize, hood: Neighbourhood) -> Result<Graph> {
        if l < 3 {
            return Err(EvoError::invalid(
                "lattice",
                format!("got {l}; a periodic lattice needs a side of at least 3"),
            ));
        }
        let offsets: &[(isize, isize)] = match hood {
            Neighbourhood::VonNeumann => &[(-1, 0), (0, -1), (0, 1), (1, 0)],
            Neighbourhood::Moore => &[(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)],
        };
        let li = l as isize;
        let lists = (0..l * l)
            .map(|i| {
                let (r, c) = ((i / l) as isize, (i % l) as isize);
                offsets
                    .iter()
                    .map(|&(dr, dc)| (((r + dr).rem_euclid(li)) * li + (c + dc).rem_euclid(li)) as u32)
                    .collect()
            })
            .collect();
        let mut g = Graph::from_lists(lists);
        g.shape = Some((l, hood));
        Ok(g)
    }

    /// The side and neighbourhood of a lattice made by [`Graph::lattice`].
    pub fn lattice_shape(&self) -> Option<(usize, Neighbourhood)> {
        self.shape
    }

    /// The same graph without its lattice shape, so that kernels take the general CSR path
    /// (for testing the lattice kernels against it).
    pub fn forget_shape(mut self) -> Graph {
        self.shape = None;
        self
    }

    /// A ring of `n` nodes, each linked to its `k / 2` nearest nodes on each side (`k` even).
    pub fn ring(n: usize, k: usize) -> Result<Graph> {
        if k == 0 || k % 2 == 1 || k >= n {
            return Err(EvoError::invalid(
                "graph",
                format!("ring of {n} with degree {k}: the degree must be even, ≥ 2 and < n"),
            ));
        }
        let mut edges = HashSet::new();
        for i in 0..n {
            for d in 1..=k / 2 {
                let j = (i + d) % n;
                edges.insert((i.min(j) as u32, i.max(j) as u32));
            }
        }
        Ok(Graph::from_edge_set(n, &edges))
    }

    /// A uniformly drawn-ish random `k`-regular graph on `n` nodes: stubs are paired at random,
    /// rejecting self-loops and repeated edges, restarting when stuck (Steger–Wormald style).
    pub fn random_regular(n: usize, k: usize, seed: u64) -> Result<Graph> {
        if k >= n || (n * k) % 2 == 1 || k == 0 {
            return Err(EvoError::invalid(
                "graph",
                format!("random regular graph of {n} nodes and degree {k}: need 0 < k < n and n·k even"),
            ));
        }
        for attempt in 0..1000u64 {
            let mut rng = stream(seed, &[label("graph"), label("random-regular"), attempt]);
            if let Some(edges) = try_pairing(n, k, &mut rng) {
                return Ok(Graph::from_edge_set(n, &edges));
            }
        }
        Err(EvoError::invalid("graph", format!("could not draw a simple {k}-regular graph on {n} nodes")))
    }

    /// An Erdős–Rényi graph: each of the `n(n−1)/2` edges present with probability `p`.
    pub fn erdos_renyi(n: usize, p: f64, seed: u64) -> Result<Graph> {
        if !(0.0..=1.0).contains(&p) || n < 2 {
            return Err(EvoError::invalid(
                "graph",
                format!("Erdős–Rényi with n = {n}, p = {p}: need n ≥ 2 and p in [0, 1]"),
            ));
        }
        let mut rng = stream(seed, &[label("graph"), label("erdos-renyi")]);
        let mut edges = HashSet::new();
        for i in 0..n {
            for j in i + 1..n {
                if uniform(&mut rng) < p {
                    edges.insert((i as u32, j as u32));
                }
            }
        }
        Ok(Graph::from_edge_set(n, &edges))
    }

    /// A Barabási–Albert graph: starting from a clique of `m + 1` nodes, each new node links to
    /// `m` distinct existing nodes chosen with probability proportional to their degree.
    pub fn barabasi_albert(n: usize, m: usize, seed: u64) -> Result<Graph> {
        if m == 0 || m >= n {
            return Err(EvoError::invalid(
                "graph",
                format!("Barabási–Albert with n = {n}, m = {m}: need 0 < m < n"),
            ));
        }
        let mut rng = stream(seed, &[label("graph"), label("barabasi-albert")]);
        let mut edges = HashSet::new();
        // Every edge endpoint once: drawing uniformly from it is drawing by degree.
        let mut ends: Vec<u32> = Vec::new();
        for i in 0..=m {
            for j in i + 1..=m {
                edges.insert((i as u32, j as u32));
                ends.extend([i as u32, j as u32]);
            }
        }
        for v in m + 1..n {
            let mut chosen = Vec::with_capacity(m);
            while chosen.len() < m {
                let t = ends[rng.random_range(0..ends.len())];
                if !chosen.contains(&t) {
                    chosen.push(t);
                }
            }
            for t in chosen {
                edges.insert((t, v as u32));
                ends.extend([t, v as u32]);
            }
        }
        Ok(Graph::from_edge_set(n, &edges))
    }

    /// A Watts–Strogatz graph: a ring of degree `k` whose edges are each rewired with
    /// probability `p` to a uniformly chosen node (avoiding self-loops and duplicates).
    pub fn watts_strogatz(n: usize, k: usize, p: f64, seed: u64) -> Result<Graph> {
        if !(0.0..=1.0).contains(&p) {
            return Err(EvoError::invalid(
                "graph",
                format!("Watts–Strogatz rewiring probability {p}: need p in [0, 1]"),
            ));
        }
        let ring = Graph::ring(n, k)?;
        let mut rng = stream(seed, &[label("graph"), label("watts-strogatz")]);
        let mut edges: HashSet<(u32, u32)> = HashSet::new();
        for i in 0..n {
            for &j in ring.neighbours(i) {
                if (j as usize) > i {
                    edges.insert((i as u32, j));
                }
            }
        }
        let mut original: Vec<(u32, u32)> = edges.iter().copied().collect();
        original.sort_unstable();
        for (a, b) in original {
            if uniform(&mut rng) < p {
                let t = rng.random_range(0..n) as u32;
                let e = (a.min(t), a.max(t));
                if t != a && !edges.contains(&e) {
                    edges.remove(&(a, b));
                    edges.insert(e);
                }
            }
        }
        Ok(Graph::from_edge_set(n, &edges))
    }

    /// A graph from an undirected edge list over nodes `0..n` (n = largest index + 1);
    /// self-loops are rejected and repeated edges merged.
    pub fn from_edges(edges: &[(usize, usize)]) -> Result<Graph> {
        let n = edges.iter().map(|&(a, b)| a.max(b) + 1).max().unwrap_or(0);
        if n == 0 {
            return Err(EvoError::invalid("edges", "the edge list is empty"));
        }
        let mut set = HashSet::new();
        for &(a, b) in edges {
            if a == b {
                return Err(EvoError::invalid(
                    "edges",
                    format!("self-loop at node {a}; an edge joins two different nodes"),
                ));
            }
            set.insert((a.min(b) as u32, a.max(b) as u32));
        }
        Ok(Graph::from_edge_set(n, &set))
    }
}

fn try_pairing(n: usize, k: usize, rng: &mut StreamRng) -> Option<HashSet<(u32, u32)>> {
    let mut stubs: Vec<u32> = (0..n).flat_map(|i| std::iter::repeat_n(i as u32, k)).collect();
    let mut edges = HashSet::with_capacity(n * k / 2);
    while !stubs.is_empty() {
        let mut placed = false;
        for _ in 0..100 {
            let a = rng.random_range(0..stubs.len());
            let b = rng.random_range(0..stubs.len());
            let (u, v) = (stubs[a], stubs[b]);
            if a == b || u == v || edges.contains(&(u.min(v), u.max(v))) {
                continue;
            }
            edges.insert((u.min(v), u.max(v)));
            let (hi, lo) = (a.max(b), a.min(b));
            stubs.swap_remove(hi);
            stubs.swap_remove(lo);
            placed = true;
            break;
        }
        if !placed {
            return None;
        }
    }
    Some(edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lattices_have_the_right_degrees_and_are_symmetric() {
        for (hood, k) in [(Neighbourhood::VonNeumann, 4), (Neighbourhood::Moore, 8)] {
            let g = Graph::lattice(5, hood).unwrap();
            assert_eq!(g.n(), 25);
            for i in 0..25 {
                assert_eq!(g.degree(i), k);
                for &j in g.neighbours(i) {
                    assert!(g.neighbours(j as usize).contains(&(i as u32)));
                }
            }
        }
        // Periodic wrap: the corner (0, 0) touches (4, 4) in the Moore neighbourhood.
        assert!(Graph::lattice(5, Neighbourhood::Moore).unwrap().neighbours(0).contains(&24));
    }

    #[test]
    fn random_graphs_have_their_defining_properties() {
        let g = Graph::random_regular(100, 3, 7).unwrap();
        assert!((0..100).all(|i| g.degree(i) == 3 && !g.neighbours(i).contains(&(i as u32))));
        assert_eq!(g, Graph::random_regular(100, 3, 7).unwrap());
        let ba = Graph::barabasi_albert(500, 2, 1).unwrap();
        assert_eq!(ba.n_edges(), 3 + 2 * (500 - 3));
        let er = Graph::erdos_renyi(400, 0.05, 2).unwrap();
        let expected = 0.05 * 400.0 * 399.0 / 2.0;
        assert!((er.n_edges() as f64 - expected).abs() < 5.0 * expected.sqrt(), "{}", er.n_edges());
        let ws = Graph::watts_strogatz(200, 4, 0.1, 3).unwrap();
        assert_eq!(ws.n_edges(), 400);
        assert!(Graph::from_edges(&[(0, 1), (1, 2), (2, 0), (1, 0)]).unwrap().n_edges() == 3);
        assert!(Graph::from_edges(&[(1, 1)]).is_err());
    }
}
