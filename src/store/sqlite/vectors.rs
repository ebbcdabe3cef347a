//! SQLite implementation of the embedding cache and the document vectors.

use async_trait::async_trait;
use chrono::Utc;
use sqlx::Row;
use uuid::Uuid;

use super::{SqliteStore, get_uuid, ts};
use crate::store::StoreError;
use crate::store::vectors::{
    DocumentKind, DocumentVectors, EmbeddingStore, ProfileScan, VectorStore, decode_vector,
    encode_vector,
};

/// Keys looked up per query, well below SQLite's limit on bound parameters.
const KEYS_PER_QUERY: usize = 500;

/// Table names of one document kind.
struct Tables {
    documents: &'static str,
    profiles: &'static str,
    items: &'static str,
    id_column: &'static str,
}

fn tables(kind: DocumentKind) -> Tables {
    match kind {
        DocumentKind::Resume => Tables {
            documents: "resumes",
            profiles: "resume_vectors",
            items: "resume_skill_vectors",
            id_column: "resume_id",
        },
        DocumentKind::Job => Tables {
            documents: "job_descriptions",
            profiles: "job_vectors",
            items: "requirement_vectors",
            id_column: "job_id",
        },
    }
}

#[async_trait]
impl EmbeddingStore for SqliteStore {
    async fn cached_embeddings(
        &self,
        model_id: &str,
        keys: &[String],
    ) -> Result<Vec<Option<Vec<f32>>>, StoreError> {
        let mut found = std::collections::HashMap::new();
        for chunk in keys.chunks(KEYS_PER_QUERY) {
            let placeholders = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT text, vector FROM embedding_cache WHERE model_id = ? AND text IN ({placeholders})"
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.as_str())).bind(model_id);
            for key in chunk {
                query = query.bind(key);
            }
            for row in query.fetch_all(self.pool()).await? {
                let text: String = row.try_get("text")?;
                let blob: Vec<u8> = row.try_get("vector")?;
                found.insert(text, decode_vector("embedding_cache.vector", &blob)?);
            }
        }
        Ok(keys.iter().map(|key| found.get(key).cloned()).collect())
    }

    async fn put_embeddings(
        &self,
        model_id: &str,
        entries: &[(String, Vec<f32>)],
    ) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        let now = ts(Utc::now());
        let mut tx = self.pool().begin().await?;
        for (key, vector) in entries {
            sqlx::query(
                "INSERT INTO embedding_cache (model_id, text, dimension, vector, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (model_id, text) DO NOTHING",
            )
            .bind(model_id)
            .bind(key)
            .bind(vector.len() as i64)
            .bind(encode_vector(vector))
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[async_trait]
impl VectorStore for SqliteStore {
    async fn put_vectors(
        &self,
        kind: DocumentKind,
        id: Uuid,
        vectors: &DocumentVectors,
    ) -> Result<(), StoreError> {
        let Tables {
            profiles,
            items,
            id_column,
            ..
        } = tables(kind);
        let id = id.to_string();
        let mut tx = self.pool().begin().await?;

        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {items} WHERE {id_column} = ?1"
        )))
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        for (position, (text, vector)) in vectors.items.iter().enumerate() {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO {items} ({id_column}, position, text, vector) VALUES (?1, ?2, ?3, ?4)"
            )))
            .bind(&id)
            .bind(position as i64)
            .bind(text)
            .bind(encode_vector(vector))
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {profiles} ({id_column}, model_id, dimension, profile, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT ({id_column}) DO UPDATE SET model_id = excluded.model_id,
                dimension = excluded.dimension, profile = excluded.profile,
                updated_at = excluded.updated_at"
        )))
        .bind(&id)
        .bind(&vectors.model_id)
        .bind(vectors.profile.len() as i64)
        .bind(encode_vector(&vectors.profile))
        .bind(ts(Utc::now()))
        .execute(&mut *tx)
        .await?;

        tx.commit().await?;
        Ok(())
    }

    async fn vectors(
        &self,
        kind: DocumentKind,
        id: Uuid,
    ) -> Result<Option<DocumentVectors>, StoreError> {
        let Tables {
            profiles,
            items,
            id_column,
            ..
        } = tables(kind);
        let id = id.to_string();
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT model_id, profile FROM {profiles} WHERE {id_column} = ?1"
        )))
        .bind(&id)
        .fetch_optional(self.pool())
        .await?
        else {
            return Ok(None);
        };
        let profile: Vec<u8> = row.try_get("profile")?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT text, vector FROM {items} WHERE {id_column} = ?1 ORDER BY position"
        )))
        .bind(&id)
        .fetch_all(self.pool())
        .await?;
        let items = rows
            .iter()
            .map(|row| {
                let blob: Vec<u8> = row.try_get("vector")?;
                Ok((row.try_get("text")?, decode_vector("vector", &blob)?))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Some(DocumentVectors {
            model_id: row.try_get("model_id")?,
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
        let Tables {
            documents,
            profiles,
            id_column,
            ..
        } = tables(kind);
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT d.id, v.profile,
                v.model_id = ?2 AND v.updated_at >= d.updated_at AS fresh
             FROM {documents} d LEFT JOIN {profiles} v ON v.{id_column} = d.id
             WHERE d.user_id = ?1 AND d.is_deleted = 0 AND d.status = 'ready'
             ORDER BY d.created_at, d.id"
        )))
        .bind(user_id.to_string())
        .bind(model_id)
        .fetch_all(self.pool())
        .await?;

        let mut scan = ProfileScan::default();
        for row in &rows {
            let id = get_uuid(row, "id")?;
            let fresh: Option<bool> = row.try_get("fresh")?;
            let profile: Option<Vec<u8>> = row.try_get("profile")?;
            match (fresh, profile) {
                (Some(true), Some(blob)) => {
                    scan.profiles.push((id, decode_vector("profile", &blob)?))
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
        let Tables {
            documents,
            profiles,
            id_column,
            ..
        } = tables(kind);
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT d.id FROM {documents} d LEFT JOIN {profiles} v ON v.{id_column} = d.id
             WHERE d.is_deleted = 0 AND d.status = 'ready'
                AND (v.{id_column} IS NULL OR v.model_id <> ?1 OR v.updated_at < d.updated_at)
             ORDER BY d.created_at LIMIT ?2"
        )))
        .bind(model_id)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|row| get_uuid(row, "id")).collect()
    }
}
