//! Blocs: given in the scenario, or derived from the trade network by a two-way spectral
//! (Fiedler) partition.
//!
//! The derived partition uses the symmetric trade-flow graph `w_ij = π_ij Y_i + π_ji Y_j`. Its
//! normalised adjacency `D^(−1/2) W D^(−1/2)` has the leading eigenvector `√d`; the next one,
//! scaled back by `D^(−1/2)`, is the random-walk Fiedler vector, whose sign splits the network
//! where the fewest flows (relative to the trade of each side) cross — the normalised-cut
//! relaxation of Shi and Malik (2000). It is found by power iteration on `(I + M)/2` with the
//! leading vector projected out, from a fixed start, so the split is deterministic. Nations
//! whose trade is balanced between the two sides are then left non-aligned.

/// Bloc membership of every nation.
#[derive(Clone, Debug, PartialEq)]
pub struct Blocs {
    /// Bloc names.
    pub names: Vec<String>,
    /// Each nation's bloc index into `names`, or `None` when non-aligned.
    pub membership: Vec<Option<u16>>,
}

impl Blocs {
    /// Whether two nations are members of different blocs (both aligned).
    #[inline]
    pub fn rivals(&self, i: usize, j: usize) -> bool {
        matches!((self.membership[i], self.membership[j]), (Some(a), Some(b)) if a != b)
    }

    /// Whether two nations are members of the same bloc.
    #[inline]
    pub fn allies(&self, i: usize, j: usize) -> bool {
        matches!((self.membership[i], self.membership[j]), (Some(a), Some(b)) if a == b)
    }
}

/// The Fiedler vector of the random-walk normalised Laplacian of the symmetric weights `w`
/// (row-major n×n, zero diagonal). Nations without trade get 0.
pub fn fiedler_vector(w: &[f64], n: usize) -> Vec<f64> {
    let degree: Vec<f64> = (0..n).map(|i| w[i * n..(i + 1) * n].iter().sum()).collect();
    let inv_sqrt: Vec<f64> = degree.iter().map(|&d| if d > 0.0 { 1.0 / d.sqrt() } else { 0.0 }).collect();
    let mut lead: Vec<f64> = degree.iter().map(|d| d.sqrt()).collect();
    normalise(&mut lead);
    // A fixed, non-symmetric start so that the iteration is deterministic and not orthogonal to
    // the wanted vector by accident.
    let mut x: Vec<f64> = (0..n).map(|i| ((i * 7919 % 104_729) as f64 / 104_729.0) - 0.5).collect();
    let mut next = vec![0.0; n];
    for _ in 0..2000 {
        project_out(&mut x, &lead);
        normalise(&mut x);
        for i in 0..n {
            let row = &w[i * n..(i + 1) * n];
            let mut s = 0.0;
            for j in 0..n {
                s += row[j] * inv_sqrt[j] * x[j];
            }
            next[i] = 0.5 * (x[i] + inv_sqrt[i] * s);
        }
        project_out(&mut next, &lead);
        normalise(&mut next);
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < 1e-12 {
            break;
        }
    }
    x.iter().zip(&inv_sqrt).map(|(u, s)| u * s).collect()
}

fn normalise(x: &mut [f64]) {
    let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        x.iter_mut().for_each(|v| *v /= norm);
    }
}

fn project_out(x: &mut [f64], unit: &[f64]) {
    let dot: f64 = x.iter().zip(unit).map(|(a, b)| a * b).sum();
    x.iter_mut().zip(unit).for_each(|(a, b)| *a -= dot * b);
}

/// Two blocs from the spectral partition of the flows `w`; `anchor` (e.g. the largest economy)
/// names bloc 0 so that the labels do not flip with the eigenvector's sign. A nation whose
/// larger bloc takes no more than `band` of its trade with both blocs is non-aligned.
pub fn derive(w: &[f64], n: usize, anchor: usize, band: f64) -> Blocs {
    let v = fiedler_vector(w, n);
    let sign = if v[anchor] >= 0.0 { 1.0 } else { -1.0 };
    let side: Vec<u16> = v.iter().map(|&x| if sign * x >= 0.0 { 0 } else { 1 }).collect();
    let membership = (0..n)
        .map(|i| {
            let mut with = [0.0; 2];
            for j in 0..n {
                if j != i {
                    with[side[j] as usize] += w[i * n + j];
                }
            }
            let total = with[0] + with[1];
            let top = with[0].max(with[1]);
            if total <= 0.0 || top <= band * total { None } else { Some(side[i]) }
        })
        .collect();
    Blocs { names: vec!["bloc A".into(), "bloc B".into()], membership }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two dense clusters joined by weak ties, plus one nation tied equally to both.
    fn two_clusters() -> (Vec<f64>, usize) {
        let n = 9;
        let mut w = vec![0.0; n * n];
        let cluster = |i: usize| {
            if i < 4 {
                0
            } else if i < 8 {
                1
            } else {
                2
            }
        };
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    w[i * n + j] = match (cluster(i), cluster(j)) {
                        (2, _) | (_, 2) => 1.0,
                        (a, b) if a == b => 5.0 + (i + j) as f64 * 0.1,
                        _ => 0.2,
                    };
                }
            }
        }
        (w, n)
    }

    #[test]
    fn spectral_partition_finds_the_clusters() {
        let (w, n) = two_clusters();
        let blocs = derive(&w, n, 0, 0.6);
        for i in 0..4 {
            assert_eq!(blocs.membership[i], Some(0), "nation {i}");
        }
        for i in 4..8 {
            assert_eq!(blocs.membership[i], Some(1), "nation {i}");
        }
        assert_eq!(blocs.membership[8], None, "the balanced nation is non-aligned");
        assert!(blocs.rivals(0, 5) && blocs.allies(0, 3) && !blocs.rivals(0, 8));
    }

    #[test]
    fn anchor_fixes_the_labels() {
        let (w, n) = two_clusters();
        let blocs = derive(&w, n, 5, 0.6);
        assert_eq!(blocs.membership[5], Some(0));
        assert_eq!(blocs.membership[0], Some(1));
    }
}
