//! T-SQL text built from fixed table and column names; values are always bound as `@P<n>`
//! parameters.

use crate::store::lifecycle::ItemKind;
use crate::store::vectors::DocumentKind;

/// Bound parameters per request, below SQL Server's limit of 2,100 so a statement can add a
/// few fixed ones.
pub const MAX_PARAMS: usize = 2_000;

/// Rows in one `INSERT ... VALUES` list, SQL Server's limit.
pub const MAX_VALUES_ROWS: usize = 1_000;

/// An id as canonical upper-case text under a binary collation, so it sorts like the UUID's
/// bytes whatever the database collation (SQL Server orders `UNIQUEIDENTIFIER` values by a
/// different byte order).
pub const ID_TEXT: &str = "CONVERT(CHAR(36), id) COLLATE Latin1_General_BIN2";

/// Newest-first order that matches the other backends: by creation time, then by id.
pub const NEWEST_FIRST: &str =
    "ORDER BY created_at DESC, CONVERT(CHAR(36), id) COLLATE Latin1_General_BIN2 DESC";

/// Returns `@P{first}, @P{first + 1}, ...` for `count` parameters.
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|index| format!("@P{index}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Builds one `INSERT` of `rows` rows into `table`, numbering parameters from `first`, row by
/// row in `columns` order.
pub fn insert_rows(table: &str, columns: &[&str], rows: usize, first: usize) -> String {
    let width = columns.len();
    let values = (0..rows)
        .map(|row| format!("({})", placeholders(first + row * width, width)))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "INSERT INTO {table} ({}) VALUES {values}",
        columns.join(", ")
    )
}

/// Returns how many rows of `width` parameters fit in one request.
pub fn rows_per_insert(width: usize) -> usize {
    (MAX_PARAMS / width.max(1)).clamp(1, MAX_VALUES_ROWS)
}

/// Builds a newest-first keyset page of `table`: `@P1` is the user, `@P2` and `@P3` the
/// `(created_at, id)` of the last row already seen (both NULL for the first page), and, when
/// `limited`, `@P4` the page size.
pub fn page(table: &str, visible: &str, limited: bool) -> String {
    let fetch = if limited {
        " OFFSET 0 ROWS FETCH NEXT @P4 ROWS ONLY"
    } else {
        ""
    };
    format!(
        "SELECT * FROM {table} WHERE user_id = @P1 {visible}
           AND (@P2 IS NULL OR created_at < @P2
                OR (created_at = @P2 AND {ID_TEXT} < CONVERT(CHAR(36), @P3)))
         {NEWEST_FIRST}{fetch}"
    )
}

/// Table, failed status and visibility filter of an item kind.
pub fn item_table(kind: ItemKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ItemKind::Resume => ("resumes", "error", "AND is_deleted = 0"),
        ItemKind::Job => ("job_descriptions", "error", "AND is_deleted = 0"),
        ItemKind::Match => ("match_jobs", "failed", ""),
    }
}

/// Table names of one document kind's vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VectorTables {
    /// Documents (`resumes`, `job_descriptions`).
    pub documents: &'static str,
    /// Profile vectors.
    pub profiles: &'static str,
    /// Per-skill or per-requirement vectors.
    pub items: &'static str,
    /// Column naming the document in both vector tables.
    pub id_column: &'static str,
}

/// Returns the vector tables of a document kind.
pub fn vector_tables(kind: DocumentKind) -> VectorTables {
    match kind {
        DocumentKind::Resume => VectorTables {
            documents: "resumes",
            profiles: "resume_vectors",
            items: "resume_skill_vectors",
            id_column: "resume_id",
        },
        DocumentKind::Job => VectorTables {
            documents: "job_descriptions",
            profiles: "job_vectors",
            items: "requirement_vectors",
            id_column: "job_id",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_from_first() {
        assert_eq!(placeholders(3, 3), "@P3, @P4, @P5");
        assert_eq!(placeholders(1, 0), "");
    }

    #[test]
    fn insert_numbers_rows_in_sequence() {
        let sql = insert_rows("job_soft_skills", &["id", "skill"], 2, 2);

        assert_eq!(
            sql,
            "INSERT INTO job_soft_skills (id, skill) VALUES (@P2, @P3), (@P4, @P5)"
        );
    }

    #[test]
    fn inserts_stay_under_parameter_and_row_limits() {
        assert_eq!(rows_per_insert(9), 222);
        assert_eq!(rows_per_insert(1), MAX_VALUES_ROWS);
        assert_eq!(rows_per_insert(5_000), 1);
        assert!(rows_per_insert(9) * 9 < 2_100);
    }

    #[test]
    fn limited_page_fetches_p4_rows() {
        let sql = page("resumes", "AND is_deleted = 0", true);

        assert!(sql.contains("FROM resumes WHERE user_id = @P1 AND is_deleted = 0"));
        assert!(sql.contains(
            "created_at = @P2 AND CONVERT(CHAR(36), id) COLLATE Latin1_General_BIN2 \
             < CONVERT(CHAR(36), @P3)"
        ));
        assert!(sql.ends_with(
            "ORDER BY created_at DESC, CONVERT(CHAR(36), id) COLLATE Latin1_General_BIN2 DESC \
             OFFSET 0 ROWS FETCH NEXT @P4 ROWS ONLY"
        ));
    }

    #[test]
    fn newest_first_orders_by_id_text() {
        assert!(NEWEST_FIRST.contains(ID_TEXT));
    }

    #[test]
    fn unlimited_page_has_no_fetch() {
        let sql = page("match_jobs", "", false);

        assert!(!sql.contains("@P4"));
        assert!(sql.ends_with(NEWEST_FIRST));
    }

    #[test]
    fn canonical_uuid_text_sorts_like_uuid_bytes() {
        // The tie-break compares CONVERT(CHAR(36), id): upper-case canonical text, which
        // sorts like the UUID's bytes, as the text ids of the other backends do.
        let mut ids: Vec<uuid::Uuid> = (0..64).map(|_| uuid::Uuid::new_v4()).collect();
        let mut by_text = ids.clone();
        ids.sort();
        by_text.sort_by_key(|id| id.to_string().to_uppercase());

        assert_eq!(ids, by_text);
    }

    #[test]
    fn item_tables_name_failed_status() {
        assert_eq!(item_table(ItemKind::Match), ("match_jobs", "failed", ""));
        assert_eq!(item_table(ItemKind::Resume).1, "error");
        assert_eq!(
            vector_tables(DocumentKind::Job).items,
            "requirement_vectors"
        );
    }
}
