//! The ranking picture of a tournament: each player's normalised score in every repetition as
//! a strip of points, with its median marked, players from first (top) to last.

use plotters::prelude::*;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("cannot draw the ranking chart: {0}")]
pub struct ChartError(String);

/// Draws the strip chart as an SVG document.
///
/// `names` are the players in ranked order and `samples[k]` the normalised scores of
/// `names[k]`, one per repetition. The picture grows with the number of players so that every
/// name stays legible.
pub fn ranking_strip_chart(
    title: &str,
    names: &[String],
    samples: &[Vec<f64>],
) -> Result<String, ChartError> {
    if names.len() != samples.len() {
        return Err(ChartError(format!("{} names but {} sample lists", names.len(), samples.len())));
    }
    let n = names.len();
    let finite = samples.iter().flatten().copied().filter(|x| x.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x)));
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let pad = ((hi - lo) * 0.05).max(0.05);
    let longest = names.iter().map(|s| s.chars().count()).max().unwrap_or(0) as u32;
    // Labels are "rank. name"; under 6 px per character at the mesh's label size.
    let label_width = 6 * (longest.min(60) + 4) + 20;
    let width = 680 + label_width;
    let height = 120 + 22 * n.max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw(&root, title, names, samples, (lo - pad, hi + pad), label_width)
            .map_err(|e| ChartError(e.to_string()))?;
        root.present().map_err(|e| ChartError(e.to_string()))?;
    }
    Ok(svg)
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    names: &[String],
    samples: &[Vec<f64>],
    x_range: (f64, f64),
    label_width: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let n = names.len();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(root)
        .caption(title, ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(label_width)
        .build_cartesian_2d(x_range.0..x_range.1, -0.5f64..(n as f64 - 0.5))?;
    // Row k (rank k) sits at y = n − 1 − k so that the winner is on top.
    let row_y = |k: usize| (n - 1 - k) as f64;
    chart
        .configure_mesh()
        .y_labels(n.max(1))
        .y_label_formatter(&|y| {
            let k = y.round();
            if (y - k).abs() < 1e-6 && k >= 0.0 && (k as usize) < n {
                let rank = n - 1 - k as usize;
                format!("{}. {}", rank + 1, names[rank])
            } else {
                String::new()
            }
        })
        .x_desc("normalised score (payoff per turn, averaged over opponents)")
        .disable_y_mesh()
        .draw()?;
    for (k, scores) in samples.iter().enumerate() {
        let y = row_y(k);
        let points =
            scores.iter().filter(|s| s.is_finite()).map(|&s| Circle::new((s, y), 3, BLUE.mix(0.5).filled()));
        chart.draw_series(points)?;
        let mut sorted: Vec<f64> = scores.iter().copied().filter(|s| s.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        if let Some(median) = median_of_sorted(&sorted) {
            chart.draw_series(LineSeries::new(
                [(median, y - 0.35), (median, y + 0.35)],
                RED.stroke_width(2),
            ))?;
        }
    }
    Ok(())
}

fn median_of_sorted(v: &[f64]) -> Option<f64> {
    match v.len() {
        0 => None,
        k if k % 2 == 1 => Some(v[k / 2]),
        k => Some((v[k / 2 - 1] + v[k / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_names_every_player_in_ranked_order() {
        let names = vec!["Defector".to_string(), "Tit For Tat".to_string(), "Cooperator".to_string()];
        let samples = vec![vec![3.0, 3.1], vec![2.4, 2.5], vec![1.9, 1.8]];
        let svg = ranking_strip_chart("test", &names, &samples).unwrap();
        assert!(svg.starts_with("<svg"));
        let first = svg.find("1. Defector").expect("winner labelled");
        let last = svg.find("3. Cooperator").expect("last labelled");
        // Every rank is labelled, and there is one point per player and repetition.
        assert_ne!(first, last);
        assert_eq!(svg.matches("<circle").count(), 6);
    }

    #[test]
    fn mismatched_inputs_are_refused() {
        assert!(ranking_strip_chart("t", &["a".to_string()], &[]).is_err());
    }
}
