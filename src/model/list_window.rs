//! Which rows of a long list are in the DOM: the visible ones and a few around them.
//!
//! Each rendered row is rewritten by a keystroke that changes the rows: issue 20's trace put
//! layout, paint and the update itself at about 0.8 ms per row on the slowest keys, so the
//! window is as small as a smooth scroll allows.

/// Rows rendered above and below the visible ones (what a scroll shows before the rows catch
/// up with it).
pub const OVERSCAN: usize = 2;

/// Rows a viewport `viewport` pixels high shows at most (one shown in part counts).
fn visible(viewport: f64, row_height: f64) -> usize {
    (viewport / row_height).ceil().max(1.0) as usize
}

/// How many rows a viewport renders at most, wherever it is scrolled: the visible ones and
/// [`OVERSCAN`] above and below.
pub fn places(viewport: f64, row_height: f64) -> usize {
    visible(viewport, row_height) + 2 * OVERSCAN
}

/// The rows to render, `(first, last_exclusive)`, for a viewport `viewport` pixels high
/// scrolled to `scroll_top` over `rows` rows: the visible ones, [`OVERSCAN`] below, and as many
/// of [`OVERSCAN`] above as there are (none at the top, where every search starts).
pub fn range(scroll_top: f64, viewport: f64, row_height: f64, rows: usize) -> (usize, usize) {
    let first_visible = (scroll_top / row_height).floor().max(0.0) as usize;
    let first = first_visible.saturating_sub(OVERSCAN);
    let last = (first_visible + visible(viewport, row_height) + OVERSCAN).min(rows);
    (first.min(last), last)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROW: f64 = 40.0;

    /// Every pixel of the viewport that shows the list lies on a rendered row, and never more
    /// rows are rendered than there are places.
    #[test]
    fn the_window_covers_the_viewport_with_at_most_its_places() {
        let rows = 500;
        for viewport in [40.0, 95.0, 550.0, 613.0] {
            for scroll in (0..rows as i32 * 40).step_by(7) {
                let scroll = f64::from(scroll);
                let (first, last) = range(scroll, viewport, ROW, rows);
                assert!(
                    last - first <= places(viewport, ROW),
                    "{scroll} {viewport}: {first}..{last}"
                );
                let bottom = (scroll + viewport).min(rows as f64 * ROW);
                assert!(first as f64 * ROW <= scroll, "{scroll}: starts at {first}");
                assert!(last as f64 * ROW >= bottom, "{scroll}: ends at {last}");
            }
        }
    }

    #[test]
    fn at_the_top_only_rows_below_are_added() {
        // 550 px: 14 rows shown (the 14th in part).
        assert_eq!(range(0.0, 550.0, ROW, 50_000), (0, 14 + OVERSCAN));
        assert_eq!(places(550.0, ROW), 14 + 2 * OVERSCAN);
        assert_eq!(
            range(4000.0, 550.0, ROW, 50_000),
            (100 - OVERSCAN, 114 + OVERSCAN)
        );
        // A short list: all of it.
        assert_eq!(range(0.0, 550.0, ROW, 3), (0, 3));
        assert_eq!(range(0.0, 550.0, ROW, 0), (0, 0));
        // Scrolled past the end (the list shrank): nothing, not a reversed range.
        assert_eq!(range(4000.0, 550.0, ROW, 10), (10, 10));
    }
}
