//! Person specifications written as a grid, with a column of essential criteria and one of
//! desirable criteria:
//!
//! ```text
//! Criteria     Essential              Desirable
//! Technical    SQL, Tableau           Python, Spark
//! Education    Bachelor's degree      Master's degree
//! ```
//!
//! The parser reads such a grid as two headed lists, "Essential" and "Desirable", so each cell
//! takes its column's importance and its years and degrees count as stated there. A column of
//! marks ("Skill | Required | Preferred" over "SQL | x | ") puts the row's first cell under
//! the marked column.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// The header of a column of required criteria.
static ESSENTIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:essential|required|mandatory|must[- ]have)(?:\s+(?:criteria|requirements))?$",
    )
    .expect("the essential column pattern is valid")
});

/// The header of a column of preferred criteria.
static DESIRABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:desirable|preferred|desired|nice[- ]to[- ]have|optional|advantageous)(?:\s+(?:criteria|requirements))?$")
        .expect("the desirable column pattern is valid")
});

/// Returns `text` with each essential/desirable grid written as two headed lists, or `text`
/// itself when it contains no such grid.
pub(crate) fn columns_as_lists(text: &str) -> Cow<'_, str> {
    if !text.contains(['\t', '|']) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut index = 0;
    while index < lines.len() {
        let columns = table_cells(lines[index]).and_then(|header| {
            let essential = header.iter().position(|cell| ESSENTIAL.is_match(cell))?;
            let desirable = header.iter().position(|cell| DESIRABLE.is_match(cell))?;
            Some((essential, desirable))
        });
        let Some((essential, desirable)) = columns else {
            out.push_str(lines[index]);
            index += 1;
            continue;
        };
        let (mut required, mut preferred) = (Vec::new(), Vec::new());
        let mut next = index + 1;
        while let Some(row) = lines.get(next).and_then(|line| table_cells(line)) {
            next += 1;
            if row
                .iter()
                .all(|cell| cell.chars().all(|c| matches!(c, '-' | ':' | ' ')))
            {
                continue;
            }
            let label = row
                .iter()
                .enumerate()
                .find(|(at, cell)| *at != essential && *at != desirable && !cell.is_empty())
                .map(|(_, cell)| *cell);
            for (column, items) in [(essential, &mut required), (desirable, &mut preferred)] {
                let Some(cell) = row.get(column).copied().filter(|cell| !cell.is_empty()) else {
                    continue;
                };
                let lower = cell.to_lowercase();
                if is_mark(&lower) {
                    items.extend(label);
                } else if !matches!(lower.as_str(), "no" | "n" | "-" | "–" | "n/a") {
                    items.push(cell);
                }
            }
        }
        if required.is_empty() && preferred.is_empty() {
            out.push_str(lines[index]);
            index += 1;
            continue;
        }
        for (heading, items) in [("Essential", required), ("Desirable", preferred)] {
            out.push_str(heading);
            out.push('\n');
            for item in items {
                out.push_str("- ");
                out.push_str(item);
                out.push('\n');
            }
            out.push('\n');
        }
        changed = true;
        index = next;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Checks whether a cell only marks its row: "x", "✓", "yes".
fn is_mark(cell: &str) -> bool {
    matches!(cell, "x" | "✓" | "✔" | "yes" | "y" | "•")
}

/// Splits a table row into its cells: at tabs, or at bars for a Markdown row. Returns `None`
/// for a line with fewer than two cells.
pub(super) fn table_cells(line: &str) -> Option<Vec<&str>> {
    let separator = if line.contains('\t') { '\t' } else { '|' };
    let cells: Vec<&str> = line
        .trim()
        .trim_matches('|')
        .split(separator)
        .map(str::trim)
        .collect();
    (cells.len() >= 2).then_some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_becomes_two_lists() {
        let text = "Person specification\nCriteria\tEssential\tDesirable\n\
                    Technical\tSQL, Tableau\tPython, Spark\n\
                    Education\tBachelor's degree\tMaster's degree\n";
        assert_eq!(
            columns_as_lists(text),
            "Person specification\nEssential\n- SQL, Tableau\n- Bachelor's degree\n\n\
             Desirable\n- Python, Spark\n- Master's degree\n\n"
        );
    }

    #[test]
    fn marked_rows_go_under_their_column() {
        let text =
            "| Skill | Required | Preferred |\n|---|---|---|\n| SQL | x | |\n| dbt | | x |\n";
        assert_eq!(
            columns_as_lists(text),
            "Essential\n- SQL\n\nDesirable\n- dbt\n\n"
        );
    }

    #[test]
    fn other_tables_stay() {
        let text = "| Skill | Required? |\n| SQL | Yes |\n";
        assert!(matches!(columns_as_lists(text), Cow::Borrowed(_)));
    }
}
