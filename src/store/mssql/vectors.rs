//! SQL Server implementation of the embedding cache and the document vectors, stored as
//! `VARBINARY(MAX)` blobs of little-endian `f32` values.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::Utc;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::values::{Param, RowReader};
use super::{MssqlStore, begin, commit, execute, insert_chunked, sql};
use crate::store::StoreError;
use crate::store::vectors::{
    DocumentKind, DocumentVectors, EmbeddingStore, ProfileScan, VectorStore, decode_vector,
    encode_vector,
};

/// Parameters of one cached entry in a `put_embeddings` request.
const PARAMS_PER_ENTRY: usize = 4;

/// Returns the SHA-256 of a cache key, the primary-key column of `embedding_cache`.
fn key_hash(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

/// Builds a request that inserts `entries` cache entries unless their key is stored: `@P1`
/// model, `@P2` now, then hash, key, dimension and vector of each entry.
fn put_embeddings_sql(entries: usize) -> String {
    (0..entries)
        .map(|entry| {
            let first = 3 + entry * PARAMS_PER_ENTRY;
            let (hash, text, dimension, vector) = (first, first + 1, first + 2, first + 3);
            format!(
                "INSERT INTO embedding_cache (model_id, text_sha256, text, dimension, vector,
                    created_at)
                 SELECT @P1, @P{hash}, @P{text}, @P{dimension}, @P{vector}, @P2
                 WHERE NOT EXISTS (SELECT 1 FROM embedding_cache WITH (UPDLOCK, HOLDLOCK)
                    WHERE model_id = @P1 AND text_sha256 = @P{hash});"
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn len_param(len: usize) -> Param {
    Param::from(i64::try_from(len).unwrap_or(i64::MAX))
}

#[async_trait]
impl EmbeddingStore for MssqlStore {
    async fn cached_embeddings(
        &self,
        model_id: &str,
        keys: &[String],
    ) -> Result<Vec<Option<Vec<f32>>>, StoreError> {
        let mut found = HashMap::new();
        for chunk in keys.chunks(sql::MAX_PARAMS - 1) {
            let statement = format!(
                "SELECT text, vector FROM embedding_cache
                 WHERE model_id = @P1 AND text_sha256 IN ({})",
                sql::placeholders(2, chunk.len())
            );
            let mut params = vec![Param::from(model_id)];
            params.extend(chunk.iter().map(|key| Param::from(key_hash(key))));
            let rows = self
                .fetch_all("cached_embeddings", statement, params)
                .await?;
            for row in &rows {
                let row = RowReader::new(row);
                let blob = row.opt_bytes("vector")?.unwrap_or_default();
                found.insert(
                    row.text("text")?,
                    decode_vector("embedding_cache.vector", &blob)?,
                );
            }
        }
        // The text is compared too, so a hash collision reads as a miss.
        Ok(keys.iter().map(|key| found.get(key).cloned()).collect())
    }

    async fn put_embeddings(
        &self,
        model_id: &str,
        entries: &[(String, Vec<f32>)],
    ) -> Result<(), StoreError> {
        let per_request = (sql::MAX_PARAMS - 2) / PARAMS_PER_ENTRY;
        let now = Utc::now();
        for chunk in entries.chunks(per_request) {
            let mut params = vec![Param::from(model_id), Param::from(now)];
            for (key, vector) in chunk {
                params.push(Param::from(key_hash(key)));
                params.push(Param::from(key));
                params.push(len_param(vector.len()));
                params.push(Param::from(encode_vector(vector)));
            }
            self.execute("put_embeddings", put_embeddings_sql(chunk.len()), params)
                .await?;
        }
        Ok(())
    }
}

#[async_trait]
impl VectorStore for MssqlStore {
    async fn put_vectors(
        &self,
        kind: DocumentKind,
        id: Uuid,
        vectors: &DocumentVectors,
    ) -> Result<(), StoreError> {
        let sql::VectorTables {
            profiles,
            items,
            id_column,
            ..
        } = sql::vector_tables(kind);
        let rows: Vec<Vec<Param>> = vectors
            .items
            .iter()
            .enumerate()
            .map(|(position, (text, vector))| {
                vec![
                    Param::from(id),
                    len_param(position),
                    Param::from(text),
                    Param::from(encode_vector(vector)),
                ]
            })
            .collect();
        let profile = vec![
            Param::from(id),
            Param::from(&vectors.model_id),
            len_param(vectors.profile.len()),
            Param::from(encode_vector(&vectors.profile)),
            Param::from(Utc::now()),
        ];
        let delete_items = format!("DELETE FROM {items} WHERE {id_column} = @P1");
        let upsert_profile = format!(
            "UPDATE {profiles} WITH (UPDLOCK, SERIALIZABLE)
                SET model_id = @P2, dimension = @P3, profile = @P4, updated_at = @P5
              WHERE {id_column} = @P1;
             IF @@ROWCOUNT = 0
                 INSERT INTO {profiles} ({id_column}, model_id, dimension, profile, updated_at)
                 VALUES (@P1, @P2, @P3, @P4, @P5);"
        );
        self.run("put_vectors", move |connection| {
            let (rows, profile) = (rows.clone(), profile.clone());
            let (delete_items, upsert_profile) = (delete_items.clone(), upsert_profile.clone());
            Box::pin(async move {
                begin(connection).await?;
                execute(connection, &delete_items, &[Param::from(id)]).await?;
                let columns = [id_column, "position", "text", "vector"];
                insert_chunked(connection, items, &columns, &rows).await?;
                execute(connection, &upsert_profile, &profile).await?;
                commit(connection).await
            })
        })
        .await
    }

    async fn vectors(
        &self,
        kind: DocumentKind,
        id: Uuid,
    ) -> Result<Option<DocumentVectors>, StoreError> {
        let sql::VectorTables {
            profiles,
            items,
            id_column,
            ..
        } = sql::vector_tables(kind);
        let Some(row) = self
            .fetch_optional(
                "vectors",
                format!("SELECT model_id, profile FROM {profiles} WHERE {id_column} = @P1"),
                vec![Param::from(id)],
            )
            .await?
        else {
            return Ok(None);
        };
        let profile_row = RowReader::new(&row);
        let rows = self
            .fetch_all(
                "vectors",
                format!(
                    "SELECT text, vector FROM {items} WHERE {id_column} = @P1 ORDER BY position"
                ),
                vec![Param::from(id)],
            )
            .await?;
        let items = rows
            .iter()
            .map(|row| {
                let row = RowReader::new(row);
                let blob = row.opt_bytes("vector")?.unwrap_or_default();
                Ok((row.text("text")?, decode_vector("vector", &blob)?))
            })
            .collect::<Result<_, StoreError>>()?;
        let profile = profile_row.opt_bytes("profile")?.unwrap_or_default();
        Ok(Some(DocumentVectors {
            model_id: profile_row.text("model_id")?,
            profile: decode_vector("profile", &profile)?,
            items,
        }))
    }

    async fn profiles(
        &self,
        kind: DocumentKind,
        user_id: Uuid,
        model_id: &str,
    ) -> Result<ProfileScan, StoreError> {
        let sql::VectorTables {
            documents,
            profiles,
            id_column,
            ..
        } = sql::vector_tables(kind);
        let rows = self
            .fetch_all(
                "profiles",
                format!(
                    "SELECT d.id, v.profile,
                        CASE WHEN v.model_id = @P2 AND v.updated_at >= d.updated_at
                             THEN 1 ELSE 0 END AS fresh
                     FROM {documents} d LEFT JOIN {profiles} v ON v.{id_column} = d.id
                     WHERE d.user_id = @P1 AND d.is_deleted = 0 AND d.status = N'ready'
                     ORDER BY d.created_at, CONVERT(CHAR(36), d.id)"
                ),
                vec![Param::from(user_id), Param::from(model_id)],
            )
            .await?;

        let mut scan = ProfileScan::default();
        for row in &rows {
            let row = RowReader::new(row);
            let id = row.uuid("id")?;
            match (row.opt_bool("fresh")?, row.opt_bytes("profile")?) {
                (Some(true), Some(blob)) => {
                    scan.profiles.push((id, decode_vector("profile", &blob)?));
                }
                _ => scan.missing.push(id),
            }
        }
        Ok(scan)
    }

    async fn unindexed(
        &self,
        kind: DocumentKind,
        model_id: &str,
        limit: u32,
    ) -> Result<Vec<Uuid>, StoreError> {
        let sql::VectorTables {
            documents,
            profiles,
            id_column,
            ..
        } = sql::vector_tables(kind);
        let rows = self
            .fetch_all(
                "unindexed",
                format!(
                    "SELECT TOP (@P2) d.id FROM {documents} d
                     LEFT JOIN {profiles} v ON v.{id_column} = d.id
                     WHERE d.is_deleted = 0 AND d.status = N'ready'
                        AND (v.{id_column} IS NULL OR v.model_id <> @P1
                             OR v.updated_at < d.updated_at)
                     ORDER BY d.created_at"
                ),
                vec![Param::from(model_id), Param::from(i64::from(limit))],
            )
            .await?;
        rows.iter()
            .map(|row| RowReader::new(row).uuid("id"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_embeddings_numbers_each_entry() {
        let sql = put_embeddings_sql(2);

        assert_eq!(sql.matches("INSERT INTO embedding_cache").count(), 2);
        assert!(sql.contains("SELECT @P1, @P3, @P4, @P5, @P6, @P2"));
        assert!(sql.contains("SELECT @P1, @P7, @P8, @P9, @P10, @P2"));
        assert!(sql.contains("text_sha256 = @P7);"));
    }

    #[test]
    fn put_embeddings_chunks_fit_the_parameter_limit() {
        let per_request = (sql::MAX_PARAMS - 2) / PARAMS_PER_ENTRY;

        assert!(2 + per_request * PARAMS_PER_ENTRY <= 2_100);
    }

    #[test]
    fn key_hash_is_sha256_of_the_key() {
        let hash = key_hash("rust");

        assert_eq!(hash.len(), 32);
        assert_ne!(hash, key_hash("Rust"));
        assert_eq!(hash, key_hash("rust"));
    }
}
