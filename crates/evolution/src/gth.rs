//! Stationary distributions of finite Markov chains by Grassmann–Taksar–Heyman elimination:
//! subtraction-free, hence accurate to working precision in every entry, even on metastable
//! chains whose stationary mass differs between states by hundreds of orders of magnitude.
//!
//! The banded variant stores only the band `|i − j| ≤ w` of the transition matrix. Eliminating
//! the states from the last to the first keeps every fill-in inside that band, so the cost is
//! `n · w²` instead of `n³`: the full chain of a 3-strategy population of 100 (5,151 states,
//! `w` ≈ 101) takes tens of milliseconds rather than minutes.

use crate::error::{EvoError, Result};

/// A square transition matrix stored as a band of half-width `width` around the diagonal.
#[derive(Clone, Debug)]
pub struct BandedMatrix {
    n: usize,
    width: usize,
    stride: usize,
    data: Vec<f64>,
}

impl BandedMatrix {
    /// An all-zero `n × n` matrix with band half-width `width`.
    pub fn zeros(n: usize, width: usize) -> BandedMatrix {
        let width = width.min(n.saturating_sub(1));
        let stride = 2 * width + 1;
        BandedMatrix { n, width, stride, data: vec![0.0; n * stride] }
    }

    /// The number of states.
    pub fn n(&self) -> usize {
        self.n
    }

    /// The band half-width.
    pub fn width(&self) -> usize {
        self.width
    }

    #[inline]
    fn at(&self, i: usize, j: usize) -> usize {
        i * self.stride + j + self.width - i
    }

    /// Adds `p` to entry `(i, j)`; panics when `(i, j)` lies outside the band (a construction
    /// bug, since the caller computed the width from the same transitions).
    pub fn add(&mut self, i: usize, j: usize, p: f64) {
        assert!(i.abs_diff(j) <= self.width, "entry ({i}, {j}) outside band {}", self.width);
        let at = self.at(i, j);
        self.data[at] += p;
    }

    /// Entry `(i, j)` (zero outside the band).
    pub fn get(&self, i: usize, j: usize) -> f64 {
        if i.abs_diff(j) <= self.width { self.data[self.at(i, j)] } else { 0.0 }
    }
}

/// The stationary distribution of the chain with off-diagonal transition rates in `matrix`
/// (the diagonal is ignored: GTH never needs it). Fails when the chain is reducible.
pub fn stationary_banded(mut m: BandedMatrix) -> Result<Vec<f64>> {
    let n = m.n;
    if n == 0 {
        return Ok(Vec::new());
    }
    let w = m.width;
    let stride = m.stride;
    for k in (1..n).rev() {
        let lo = k.saturating_sub(w);
        // Rate out of k towards the states not yet eliminated.
        let row_k = k * stride + w - k;
        let s: f64 = (lo..k).map(|j| m.data[row_k + j]).sum();
        if s <= 0.0 || !s.is_finite() {
            return Err(EvoError::invalid(
                "chain",
                format!(
                    "state {k} cannot reach the states before it: the chain is reducible, so its stationary distribution is not unique (use a positive mutation rate)"
                ),
            ));
        }
        for i in lo..k {
            let ik = i * stride + w + k - i;
            let f = m.data[ik] / s;
            m.data[ik] = f;
            if f != 0.0 {
                let row_i = i * stride + w - i;
                // Split borrows: row k is never row i, so copy row k's window first.
                for j in lo..k {
                    let pkj = m.data[row_k + j];
                    m.data[row_i + j] += f * pkj;
                }
            }
        }
    }
    let mut pi = vec![0.0; n];
    pi[0] = 1.0;
    for k in 1..n {
        let lo = k.saturating_sub(w);
        pi[k] = (lo..k).map(|i| pi[i] * m.data[i * stride + w + k - i]).sum();
    }
    let total: f64 = pi.iter().sum();
    pi.iter_mut().for_each(|x| *x /= total);
    Ok(pi)
}

/// The stationary distribution of a dense chain (`p[i][j]`, diagonal ignored) by plain GTH.
pub fn stationary_dense(p: &[Vec<f64>]) -> Result<Vec<f64>> {
    let n = p.len();
    let mut a: Vec<Vec<f64>> = p.to_vec();
    for k in (1..n).rev() {
        let s: f64 = a[k][..k].iter().sum();
        if s <= 0.0 || !s.is_finite() {
            return Err(EvoError::invalid(
                "chain",
                format!(
                    "state {k} cannot reach the states before it: the chain is reducible, so its stationary distribution is not unique"
                ),
            ));
        }
        let row_k = a[k].clone();
        for row in a.iter_mut().take(k) {
            row[k] /= s;
            let f = row[k];
            if f != 0.0 {
                for j in 0..k {
                    row[j] += f * row_k[j];
                }
            }
        }
    }
    let mut pi = vec![0.0; n];
    if n > 0 {
        pi[0] = 1.0;
    }
    for k in 1..n {
        pi[k] = (0..k).map(|i| pi[i] * a[i][k]).sum();
    }
    let total: f64 = pi.iter().sum();
    pi.iter_mut().for_each(|x| *x /= total);
    Ok(pi)
}

/// `ln(e^a + e^b)` without overflow or underflow.
#[inline]
fn ln_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// GTH carried out on logarithms of the rates (`ln_p[i][j]`, diagonal ignored, `−∞` for no
/// transition): the same subtraction-free elimination, with products turned into sums and sums
/// into log-sum-exp, so chains whose rates span more than the f64 range (fixation
/// probabilities of 1e−5000 beside 1e−3) are solved exactly. Returns `ln π`, normalised.
pub fn ln_stationary_dense(ln_p: &[Vec<f64>]) -> Result<Vec<f64>> {
    let n = ln_p.len();
    let mut a: Vec<Vec<f64>> = ln_p.to_vec();
    for k in (1..n).rev() {
        let s = a[k][..k].iter().fold(f64::NEG_INFINITY, |acc, &x| ln_add(acc, x));
        if s == f64::NEG_INFINITY || s.is_nan() {
            return Err(EvoError::invalid(
                "chain",
                format!(
                    "state {k} cannot reach the states before it: the chain is reducible, so its stationary distribution is not unique"
                ),
            ));
        }
        let row_k = a[k].clone();
        for row in a.iter_mut().take(k) {
            row[k] -= s;
            let f = row[k];
            if f != f64::NEG_INFINITY {
                for j in 0..k {
                    row[j] = ln_add(row[j], f + row_k[j]);
                }
            }
        }
    }
    let mut ln_pi = vec![f64::NEG_INFINITY; n];
    if n > 0 {
        ln_pi[0] = 0.0;
    }
    for k in 1..n {
        ln_pi[k] = (0..k).fold(f64::NEG_INFINITY, |acc, i| ln_add(acc, ln_pi[i] + a[i][k]));
    }
    let total = ln_pi.iter().fold(f64::NEG_INFINITY, |acc, &x| ln_add(acc, x));
    ln_pi.iter_mut().for_each(|x| *x -= total);
    Ok(ln_pi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use commonweal_games::rng::{stream, uniform};

    fn random_chain(n: usize, width: usize, seed: u64) -> (Vec<Vec<f64>>, BandedMatrix) {
        let mut rng = stream(seed, &[]);
        let mut dense = vec![vec![0.0; n]; n];
        let mut band = BandedMatrix::zeros(n, width);
        for i in 0..n {
            for j in i.saturating_sub(width)..(i + width + 1).min(n) {
                if i != j {
                    let p = uniform(&mut rng) / (2 * width + 1) as f64;
                    dense[i][j] = p;
                    band.add(i, j, p);
                }
            }
        }
        (dense, band)
    }

    #[test]
    fn banded_agrees_with_dense() {
        for (n, w, seed) in [(30, 3, 1), (50, 7, 2), (12, 11, 3)] {
            let (dense, band) = random_chain(n, w, seed);
            let a = stationary_dense(&dense).unwrap();
            let b = stationary_banded(band).unwrap();
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() <= 1e-13 * x.abs().max(1e-300), "{x} vs {y}");
            }
        }
    }

    #[test]
    fn stationary_satisfies_balance() {
        let (dense, _) = random_chain(20, 19, 9);
        let pi = stationary_dense(&dense).unwrap();
        for j in 0..20 {
            let inflow: f64 = (0..20).filter(|&i| i != j).map(|i| pi[i] * dense[i][j]).sum();
            let outflow: f64 = pi[j] * (0..20).filter(|&k| k != j).map(|k| dense[j][k]).sum::<f64>();
            assert!((inflow - outflow).abs() < 1e-14, "{inflow} vs {outflow}");
        }
    }

    #[test]
    fn log_space_gth_agrees_with_plain_gth() {
        let (dense, _) = random_chain(15, 14, 4);
        let ln: Vec<Vec<f64>> = dense.iter().map(|r| r.iter().map(|x| x.ln()).collect()).collect();
        let a = stationary_dense(&dense).unwrap();
        let b = ln_stationary_dense(&ln).unwrap();
        for (x, y) in a.iter().zip(&b) {
            assert!((x.ln() - y).abs() < 1e-12, "{x} vs {y}");
        }
    }

    #[test]
    fn reducible_chain_is_an_error() {
        let p = vec![vec![0.0, 0.0], vec![0.0, 0.0]];
        assert!(stationary_dense(&p).is_err());
    }
}
