//! Reading order: glyphs to words, words to lines, lines to columns and blocks.
//!
//! Glyphs are merged into fragments along their baseline, and a space is inserted where
//! the gap between glyphs exceeds [`WORD_GAP_EM`] of the font size. The fragments of a
//! page are then ordered by recursive cuts. A vertical gutter splits a block into columns,
//! left before right, unless the two sides share their baselines (a table row or a
//! right-aligned date). Otherwise the widest horizontal gap splits the block into upper
//! and lower parts. Leaf blocks become lines sorted top to bottom.
//!
//! Two sides whose baselines align are rows, except when the shorter side is one steady run
//! of lines and the other side has more lines of its own: that is a sidebar column
//! at the main column's line pitch.

use super::content::Glyph;

/// Gap between glyphs, in font sizes, above which a word break is assumed.
const WORD_GAP_EM: f32 = 0.15;
/// Gap, in font sizes, above which two glyphs on a baseline belong to separate fragments.
const FRAGMENT_GAP_EM: f32 = 1.0;
/// Narrowest gutter between columns, in font sizes.
const GUTTER_EM: f32 = 1.0;
/// Share of baseline-aligned lines at which two sides read as rows, not columns.
const ROW_ALIGNMENT_SHARE: f32 = 0.8;
/// Minimum number of lines on each side of a column cut.
const MIN_COLUMN_LINES: usize = 2;
/// Minimum number of lines a side needs to read as a sidebar column when all its lines
/// align with rows of the other side.
const SIDEBAR_MIN_LINES: usize = 5;
/// Largest distance between the baselines of consecutive sidebar lines, in font sizes.
const SIDEBAR_PITCH_EM: f32 = 1.6;
/// Share of consecutive line pairs of a sidebar that keep that distance.
const SIDEBAR_STEADY_SHARE: f32 = 0.8;
/// Vertical gap, in font sizes, that starts a new paragraph (an empty line).
const PARAGRAPH_GAP_EM: f32 = 0.9;

/// A run of glyphs on one baseline, in a frame where the text runs left to right.
#[derive(Debug, Clone)]
pub(super) struct Fragment {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub baseline: f32,
    pub size: f32,
}

impl Fragment {
    fn top(&self) -> f32 {
        self.baseline + 0.75 * self.size
    }

    fn bottom(&self) -> f32 {
        self.baseline - 0.25 * self.size
    }
}

/// One output line and whether a paragraph gap precedes it.
struct Line {
    text: String,
    gap_before: bool,
}

/// Lays out the glyphs of one page as text lines.
///
/// Glyphs of each writing direction are laid out separately, the most common direction
/// first, so a rotated label does not break the lines of the main text.
pub(super) fn page_text(glyphs: &[Glyph]) -> String {
    let mut groups: [Vec<Glyph>; 4] = Default::default();
    for glyph in glyphs {
        let quadrant = quadrant(glyph.direction);
        groups[quadrant].push(rotate_to_horizontal(glyph, quadrant));
    }
    let mut order: Vec<usize> = (0..4).filter(|&q| !groups[q].is_empty()).collect();
    order.sort_by_key(|&q| std::cmp::Reverse(groups[q].len()));
    let mut text = String::new();
    for quadrant in order {
        let fragments = fragments(&groups[quadrant]);
        let block: Vec<usize> = (0..fragments.len()).collect();
        let mut lines = Vec::new();
        order_block(&fragments, block, &mut lines, 0);
        for (index, line) in lines.iter().enumerate() {
            if line.gap_before && index > 0 {
                text.push('\n');
            }
            text.push_str(&line.text);
            text.push('\n');
        }
    }
    text
}

fn quadrant((dx, dy): (f32, f32)) -> usize {
    if dx.abs() >= dy.abs() {
        if dx >= 0.0 { 0 } else { 2 }
    } else if dy > 0.0 {
        1
    } else {
        3
    }
}

/// Rotates a glyph by a multiple of 90° so that its direction becomes left to right.
fn rotate_to_horizontal(glyph: &Glyph, quadrant: usize) -> Glyph {
    let rotate = |(x, y): (f32, f32)| match quadrant {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    };
    Glyph {
        text: glyph.text.clone(),
        origin: rotate(glyph.origin),
        end: rotate(glyph.end),
        size: glyph.size,
        direction: (1.0, 0.0),
    }
}

/// Merges glyphs, in content order, into fragments along their baseline.
pub(super) fn fragments(glyphs: &[Glyph]) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::new();
    let mut current: Option<Fragment> = None;
    let mut members: Vec<&Glyph> = Vec::new();
    let mut pending_space = false;
    for glyph in glyphs {
        let size = glyph.size.max(1.0);
        let is_space = glyph.text.trim().is_empty();
        if let Some(fragment) = current.as_mut() {
            let same_line = (glyph.origin.1 - fragment.baseline).abs() <= 0.3 * size;
            let gap = glyph.origin.0 - fragment.x1;
            if same_line && is_overprint(&members, glyph) {
                continue;
            }
            if same_line && gap >= -0.3 * size && gap <= FRAGMENT_GAP_EM * size {
                if is_space {
                    pending_space = true;
                } else {
                    if (pending_space || gap > WORD_GAP_EM * size) && !fragment.text.ends_with(' ')
                    {
                        fragment.text.push(' ');
                    }
                    fragment.text.push_str(&glyph.text);
                    pending_space = false;
                    members.push(glyph);
                }
                fragment.x1 = fragment.x1.max(glyph.end.0);
                continue;
            }
        }
        out.extend(current.take());
        members.clear();
        pending_space = false;
        if is_space {
            continue;
        }
        members.push(glyph);
        current = Some(Fragment {
            text: glyph.text.clone(),
            x0: glyph.origin.0,
            x1: glyph.end.0.max(glyph.origin.0),
            baseline: glyph.origin.1,
            size,
        });
    }
    out.extend(current);
    out.retain(|f| !f.text.trim().is_empty());
    for fragment in &mut out {
        fragment.text = fragment.text.trim_end().to_string();
    }
    out
}

/// Returns whether a glyph repeats one already in the fragment at nearly the same position, as
/// producers do to fake bold text.
fn is_overprint(members: &[&Glyph], glyph: &Glyph) -> bool {
    let tolerance = 0.15 * glyph.size.max(1.0);
    members.iter().rev().take(256).any(|seen| {
        seen.text == glyph.text
            && (glyph.origin.0 - seen.origin.0).abs() < tolerance
            && (glyph.origin.1 - seen.origin.1).abs() < tolerance
    })
}

fn order_block(fragments: &[Fragment], block: Vec<usize>, lines: &mut Vec<Line>, depth: usize) {
    if block.len() > 1 && depth < 200 {
        if let Some((left, right)) = column_cut(fragments, &block) {
            order_block(fragments, left, lines, depth + 1);
            order_block(fragments, right, lines, depth + 1);
            return;
        }
        if let Some((upper, lower, gap)) = row_cut(fragments, &block) {
            order_block(fragments, upper, lines, depth + 1);
            let first_lower = lines.len();
            order_block(fragments, lower, lines, depth + 1);
            if let Some(line) = lines.get_mut(first_lower) {
                line.gap_before = gap >= PARAGRAPH_GAP_EM * median_size(fragments, &block);
            }
            return;
        }
    }
    lines.extend(leaf_lines(fragments, &block));
}

fn median_size(fragments: &[Fragment], block: &[usize]) -> f32 {
    let mut sizes: Vec<f32> = block.iter().map(|&i| fragments[i].size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
}

/// Splits a block at its widest vertical gutter when the two sides read as columns.
fn column_cut(fragments: &[Fragment], block: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut spans: Vec<(f32, f32)> = block
        .iter()
        .map(|&i| (fragments[i].x0, fragments[i].x1))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<(f32, f32)> = None;
    let mut reach = spans[0].1;
    for &(x0, x1) in &spans[1..] {
        if x0 > reach && best.is_none_or(|(a, b)| x0 - reach > b - a) {
            best = Some((reach, x0));
        }
        reach = reach.max(x1);
    }

    let (gap_start, gap_end) = best?;
    if gap_end - gap_start < GUTTER_EM * median_size(fragments, block) {
        return None;
    }
    let (left, right): (Vec<usize>, Vec<usize>) = block
        .iter()
        .partition(|&&i| fragments[i].x1 <= gap_start + 0.01);
    if distinct_baselines(fragments, &left).len() < MIN_COLUMN_LINES
        || distinct_baselines(fragments, &right).len() < MIN_COLUMN_LINES
    {
        return None;
    }

    let aligned_left = aligned_share(fragments, &left, &right);
    let aligned_right = aligned_share(fragments, &right, &left);
    let (sparse, sparse_share, other_share) = if aligned_left >= aligned_right {
        (&left, aligned_left, aligned_right)
    } else {
        (&right, aligned_right, aligned_left)
    };
    let rows = sparse_share >= ROW_ALIGNMENT_SHARE
        && !(other_share < ROW_ALIGNMENT_SHARE && is_running_column(fragments, sparse));
    if rows {
        return None;
    }
    Some((left, right))
}

/// Checks whether a side is one run of text lines at a steady line pitch, as a sidebar of
/// skills is, rather than labels scattered down the page or a column of dates and years
/// beside job titles and degrees. A sidebar that shares the main column's line pitch aligns
/// every one of its baselines with that column, yet it is a column of its own.
fn is_running_column(fragments: &[Fragment], side: &[usize]) -> bool {
    let baselines = distinct_baselines(fragments, side);
    if baselines.len() < SIDEBAR_MIN_LINES {
        return false;
    }
    let numbered = side
        .iter()
        .filter(|&&i| fragments[i].text.contains(|c: char| c.is_ascii_digit()))
        .count();
    if 2 * numbered >= side.len() {
        return false;
    }
    let steady = baselines
        .windows(2)
        .filter(|pair| pair[0].0 - pair[1].0 <= SIDEBAR_PITCH_EM * pair[0].1)
        .count();
    steady as f32 >= SIDEBAR_STEADY_SHARE * (baselines.len() - 1) as f32
}

/// Share of the baselines of `side` that also carry a fragment of `other`.
fn aligned_share(fragments: &[Fragment], side: &[usize], other: &[usize]) -> f32 {
    let baselines = distinct_baselines(fragments, side);
    if baselines.is_empty() {
        return 0.0;
    }
    let aligned = baselines
        .iter()
        .filter(|&&(baseline, size)| {
            other
                .iter()
                .any(|&j| (fragments[j].baseline - baseline).abs() <= 0.3 * size)
        })
        .count();
    aligned as f32 / baselines.len() as f32
}

fn distinct_baselines(fragments: &[Fragment], block: &[usize]) -> Vec<(f32, f32)> {
    let mut baselines: Vec<(f32, f32)> = Vec::new();
    let mut sorted: Vec<&Fragment> = block.iter().map(|&i| &fragments[i]).collect();
    sorted.sort_by(|a, b| b.baseline.total_cmp(&a.baseline));
    for fragment in sorted {
        match baselines.last() {
            Some(&(baseline, size)) if (baseline - fragment.baseline).abs() <= 0.3 * size => {}
            _ => baselines.push((fragment.baseline, fragment.size)),
        }
    }
    baselines
}

/// Splits a block at its widest horizontal gap; returns upper part, lower part and gap.
fn row_cut(fragments: &[Fragment], block: &[usize]) -> Option<(Vec<usize>, Vec<usize>, f32)> {
    let mut spans: Vec<(f32, f32)> = block
        .iter()
        .map(|&i| (fragments[i].bottom(), fragments[i].top()))
        .collect();
    spans.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut best: Option<(f32, f32)> = None;
    let mut floor = spans[0].0;
    for &(bottom, top) in &spans[1..] {
        if top < floor && best.is_none_or(|(low, high)| floor - top > high - low) {
            best = Some((top, floor));
        }
        floor = floor.min(bottom);
    }
    let (gap_low, gap_high) = best?;
    let (upper, lower): (Vec<usize>, Vec<usize>) = block
        .iter()
        .partition(|&&i| fragments[i].bottom() >= gap_high - 0.01);
    if upper.is_empty() || lower.is_empty() {
        return None;
    }
    Some((upper, lower, gap_high - gap_low))
}

/// Groups the fragments of a block into lines by baseline, top to bottom, left to right.
fn leaf_lines(fragments: &[Fragment], block: &[usize]) -> Vec<Line> {
    let mut sorted: Vec<&Fragment> = block.iter().map(|&i| &fragments[i]).collect();
    sorted.sort_by(|a, b| b.baseline.total_cmp(&a.baseline));
    let mut rows: Vec<Vec<&Fragment>> = Vec::new();
    for fragment in sorted {
        match rows.last_mut() {
            Some(row)
                if (row[0].baseline - fragment.baseline).abs()
                    <= 0.4 * row[0].size.min(fragment.size) =>
            {
                row.push(fragment)
            }
            _ => rows.push(vec![fragment]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let parts: Vec<&str> = row.iter().map(|f| f.text.as_str()).collect();
            Line {
                text: parts.join(" "),
                gap_before: false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f32, y: f32, size: f32, advance: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, ch)| {
                let x0 = x + i as f32 * advance;
                Glyph {
                    text: ch.to_string(),
                    origin: (x0, y),
                    end: (x0 + advance, y),
                    size,
                    direction: (1.0, 0.0),
                }
            })
            .collect()
    }

    #[test]
    fn wide_gap_between_glyphs_becomes_space() {
        let mut all = glyphs("Data", 0.0, 700.0, 10.0, 5.0);
        all.extend(glyphs("Engineer", 23.0, 700.0, 10.0, 5.0));
        assert_eq!(page_text(&all), "Data Engineer\n");
    }

    #[test]
    fn tight_kerning_does_not_split_words() {
        let mut all = glyphs("Kuber", 0.0, 700.0, 10.0, 5.0);
        all.extend(glyphs("netes", 25.8, 700.0, 10.0, 5.0));
        assert_eq!(page_text(&all), "Kubernetes\n");
    }

    #[test]
    fn lines_are_sorted_top_to_bottom() {
        let mut all = glyphs("second", 0.0, 688.0, 10.0, 5.0);
        all.extend(glyphs("first", 0.0, 700.0, 10.0, 5.0));
        assert_eq!(page_text(&all), "first\nsecond\n");
    }

    #[test]
    fn right_aligned_date_stays_on_its_line() {
        let mut all = glyphs("Engineer", 0.0, 700.0, 10.0, 5.0);
        all.extend(glyphs("2019", 300.0, 700.0, 10.0, 5.0));
        all.extend(glyphs("Acme", 0.0, 688.0, 10.0, 5.0));
        all.extend(glyphs("Boston", 300.0, 688.0, 10.0, 5.0));
        assert_eq!(page_text(&all), "Engineer 2019\nAcme Boston\n");
    }

    #[test]
    fn columns_with_a_gutter_are_not_interleaved() {
        let mut all = Vec::new();
        for (i, word) in ["alpha", "beta", "gamma", "delta"].iter().enumerate() {
            all.extend(glyphs(word, 0.0, 700.0 - 12.0 * i as f32, 10.0, 5.0));
        }
        for (i, word) in ["one", "two", "three"].iter().enumerate() {
            all.extend(glyphs(word, 200.0, 694.0 - 17.0 * i as f32, 10.0, 5.0));
        }
        assert_eq!(
            page_text(&all),
            "alpha\nbeta\ngamma\ndelta\none\ntwo\nthree\n"
        );
    }
}
