//! PostgreSQL implementation of the embedding cache and the document vectors.

use std::borrow::Cow;
use std::collections::HashMap;

use async_trait::async_trait;
use chrono::Utc;
use sqlx::{AssertSqlSafe, Row};
use uuid::Uuid;

use super::text::clean_text;
use super::{PostgresStore, to_i32};
use crate::store::StoreError;
use crate::store::vectors::{
    DocumentKind, DocumentVectors, EmbeddingStore, ProfileScan, VectorStore, decode_vector,
    encode_vector,
};

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
impl EmbeddingStore for PostgresStore {
    async fn cached_embeddings(
        &self,
        model_id: &str,
        keys: &[String],
    ) -> Result<Vec<Option<Vec<f32>>>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<Cow<'_, str>> = keys.iter().map(|key| clean_text(key)).collect();
        let rows = sqlx::query(
            "SELECT text, vector FROM embedding_cache WHERE model_id = $1 AND text = ANY($2)",
        )
        .bind(model_id)
        .bind(&keys)
        .fetch_all(self.pool())
        .await?;

        let mut found = HashMap::with_capacity(rows.len());
        for row in &rows {
            let text: String = row.try_get("text")?;
            let blob: Vec<u8> = row.try_get("vector")?;
            found.insert(text, decode_vector("embedding_cache.vector", &blob)?);
        }
        Ok(keys
            .iter()
            .map(|key| found.get(key.as_ref()).cloned())
            .collect())
    }

    async fn put_embeddings(
        &self,
        model_id: &str,
        entries: &[(String, Vec<f32>)],
    ) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut keys = Vec::with_capacity(entries.len());
        let mut dimensions = Vec::with_capacity(entries.len());
        let mut blobs = Vec::with_capacity(entries.len());
        for (key, vector) in entries {
            keys.push(clean_text(key));
            dimensions.push(to_i32("embedding_cache.dimension", vector.len())?);
            blobs.push(encode_vector(vector));
        }

        // One statement stores the batch. A key stored before keeps its vector, and a key
        // repeated in the batch is stored once.
        sqlx::query(
            "INSERT INTO embedding_cache (model_id, text, dimension, vector, created_at)
             SELECT $1, entry.text, entry.dimension, entry.vector, $5
             FROM UNNEST($2::text[], $3::integer[], $4::bytea[])
                AS entry (text, dimension, vector)
             ON CONFLICT (model_id, text) DO NOTHING",
        )
        .bind(model_id)
        .bind(&keys)
        .bind(&dimensions)
        .bind(&blobs)
        .bind(Utc::now())
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

#[async_trait]
impl VectorStore for PostgresStore {
    async fn put_vectors(
        &self,
        kind: DocumentKind,
        id: Uuid,
        vectors: &DocumentVectors,
    ) -> Result<(), StoreError> {
        let Tables {
            documents,
            profiles,
            items,
            id_column,
        } = tables(kind);
        let mut positions = Vec::with_capacity(vectors.items.len());
        let mut texts = Vec::with_capacity(vectors.items.len());
        let mut blobs = Vec::with_capacity(vectors.items.len());
        for (position, (text, vector)) in vectors.items.iter().enumerate() {
            positions.push(to_i32("position", position)?);
            texts.push(clean_text(text));
            blobs.push(encode_vector(vector));
        }
        let mut tx = self.pool().begin().await?;

        // Locking the document serialises writers of its vectors, which would otherwise both
        // insert position 0 and one would fail on the primary key.
        sqlx::query(AssertSqlSafe(format!(
            "SELECT 1 FROM {documents} WHERE id = $1 FOR NO KEY UPDATE"
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {items} WHERE {id_column} = $1"
        )))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO {items} ({id_column}, position, text, vector)
             SELECT $1, item.position, item.text, item.vector
             FROM UNNEST($2::integer[], $3::text[], $4::bytea[]) AS item (position, text, vector)"
        )))
        .bind(id)
        .bind(&positions)
        .bind(&texts)
        .bind(&blobs)
        .execute(&mut *tx)
        .await?;
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO {profiles} ({id_column}, model_id, dimension, profile, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT ({id_column}) DO UPDATE SET model_id = excluded.model_id,
                dimension = excluded.dimension, profile = excluded.profile,
                updated_at = excluded.updated_at"
        )))
        .bind(id)
        .bind(&vectors.model_id)
        .bind(to_i32("dimension", vectors.profile.len())?)
        .bind(encode_vector(&vectors.profile))
        .bind(Utc::now())
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
        let Some(row) = sqlx::query(AssertSqlSafe(format!(
            "SELECT model_id, profile FROM {profiles} WHERE {id_column} = $1"
        )))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        else {
            return Ok(None);
        };
        let profile: Vec<u8> = row.try_get("profile")?;
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT text, vector FROM {items} WHERE {id_column} = $1 ORDER BY position"
        )))
        .bind(id)
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
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT d.id, v.profile,
                v.model_id = $2 AND v.updated_at >= d.updated_at AS fresh
             FROM {documents} d LEFT JOIN {profiles} v ON v.{id_column} = d.id
             WHERE d.user_id = $1 AND NOT d.is_deleted AND d.status = 'ready'
             ORDER BY d.created_at, d.id"
        )))
        .bind(user_id)
        .bind(model_id)
        .fetch_all(self.pool())
        .await?;

        let mut scan = ProfileScan::default();
        for row in &rows {
            let id: Uuid = row.try_get("id")?;
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
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT d.id FROM {documents} d LEFT JOIN {profiles} v ON v.{id_column} = d.id
             WHERE NOT d.is_deleted AND d.status = 'ready'
                AND (v.{id_column} IS NULL OR v.model_id <> $1 OR v.updated_at < d.updated_at)
             ORDER BY d.created_at LIMIT $2"
        )))
        .bind(model_id)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| row.try_get("id"))
            .collect::<Result<_, _>>()
            .map_err(Into::into)
    }
}
