//! SVG snapshots of a square lattice of cooperators and defectors, coloured as in Nowak &
//! May (1992): blue a cooperator that was a cooperator, red a defector that was a defector,
//! green a new cooperator, yellow a new defector.

use std::fmt::Write;

const BLUE: &str = "#1f4fd1";
const RED: &str = "#d12a1f";
const GREEN: &str = "#2fa336";
const YELLOW: &str = "#f2c21b";

fn colour(now: u8, before: u8) -> &'static str {
    match (before, now) {
        (0, 0) => BLUE,
        (1, 1) => RED,
        (1, 0) => GREEN,
        _ => YELLOW,
    }
}

/// An SVG image of an `side × side` lattice (`strategies[row · side + col]`, 0 = cooperate,
/// 1 = defect), `cell` pixels per site. With `previous` the colours show changes since then.
/// Runs of equal colour along a row are merged into one rectangle to keep files small.
pub fn lattice_svg(strategies: &[u8], previous: Option<&[u8]>, side: usize, cell: usize) -> String {
    assert_eq!(strategies.len(), side * side, "the lattice must hold side² sites");
    let px = side * cell;
    let mut svg = String::with_capacity(side * side * 8);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" viewBox="0 0 {px} {px}" shape-rendering="crispEdges">"#
    );
    for row in 0..side {
        let mut col = 0;
        while col < side {
            let at = row * side + col;
            let c = colour(strategies[at], previous.map_or(strategies[at], |p| p[at]));
            let mut end = col + 1;
            while end < side {
                let k = row * side + end;
                if colour(strategies[k], previous.map_or(strategies[k], |p| p[k])) != c {
                    break;
                }
                end += 1;
            }
            let _ = writeln!(
                svg,
                r#"<rect x="{}" y="{}" width="{}" height="{cell}" fill="{c}"/>"#,
                col * cell,
                row * cell,
                (end - col) * cell
            );
            col = end;
        }
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_follow_changes_and_runs_are_merged() {
        let now = [0, 0, 1, 1];
        let before = [0, 1, 1, 0];
        let svg = lattice_svg(&now, Some(&before), 2, 5);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        for c in [BLUE, GREEN, RED, YELLOW] {
            assert_eq!(svg.matches(c).count(), 1, "{c}");
        }
        let plain = lattice_svg(&[0, 0, 0, 0], None, 2, 5);
        assert_eq!(plain.matches("<rect").count(), 2);
        assert!(plain.contains(r#"width="10""#));
    }
}
