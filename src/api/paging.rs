//! List pagination: `limit` and `cursor` query parameters, and the `x-next-cursor` header.
//!
//! Without `limit` a list returns every item, as it always did, so clients that know nothing
//! of pages keep working. The body stays a plain JSON array; the cursor of the next page (when
//! there is one) travels in the `x-next-cursor` response header.

use axum::Json;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use uuid::Uuid;

use super::ApiError;
use crate::store::ListPage;

/// Response header carrying the cursor of the next page.
pub const NEXT_CURSOR_HEADER: &str = "x-next-cursor";
/// Largest accepted `limit`.
pub const MAX_PAGE_LIMIT: u32 = 200;

/// Query parameters of the list routes.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ListParams {
    /// Items per page, 1 to 200; without it the whole list is returned.
    #[param(minimum = 1, maximum = 200)]
    pub(super) limit: Option<u32>,
    /// `x-next-cursor` value of the previous page.
    pub(super) cursor: Option<String>,
}

impl ListParams {
    /// Validates the parameters and returns the page to read, asking for one row more than
    /// `limit` so the caller knows whether another page follows.
    pub(super) fn page(&self) -> Result<ListPage, ApiError> {
        let limit = match self.limit {
            Some(limit) if !(1..=MAX_PAGE_LIMIT).contains(&limit) => {
                return Err(ApiError::bad_request(
                    "invalid_query",
                    format!("limit must be between 1 and {MAX_PAGE_LIMIT} (got {limit})"),
                ));
            }
            other => other,
        };
        let before = self.cursor.as_deref().map(decode_cursor).transpose()?;
        Ok(ListPage {
            limit: limit.map(|l| l + 1),
            before,
        })
    }
}

fn invalid_cursor() -> ApiError {
    ApiError::bad_request(
        "invalid_query",
        "cursor is invalid: pass the x-next-cursor value of the previous page",
    )
}

fn encode_cursor(created_at: DateTime<Utc>, id: Uuid) -> String {
    let raw = format!(
        "{}|{id}",
        created_at.to_rfc3339_opts(SecondsFormat::Micros, true)
    );
    URL_SAFE_NO_PAD.encode(raw)
}

fn decode_cursor(cursor: &str) -> Result<(DateTime<Utc>, Uuid), ApiError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor.trim())
        .map_err(|_| invalid_cursor())?;
    let raw = String::from_utf8(bytes).map_err(|_| invalid_cursor())?;
    let (created, id) = raw.split_once('|').ok_or_else(invalid_cursor)?;
    let created = DateTime::parse_from_rfc3339(created).map_err(|_| invalid_cursor())?;
    let id = Uuid::parse_str(id).map_err(|_| invalid_cursor())?;
    Ok((created.with_timezone(&Utc), id))
}

/// Trims the extra row read by [`ListParams::page`] and returns the JSON array, with
/// `x-next-cursor` set when another page follows.
pub(super) fn page_response<R, T>(
    params: &ListParams,
    mut rows: Vec<R>,
    position: impl Fn(&R) -> (DateTime<Utc>, Uuid),
    item: impl Fn(&R) -> T,
) -> Response
where
    T: Serialize,
{
    let mut next = None;
    if let Some(limit) = params.limit
        && rows.len() > limit as usize
    {
        rows.truncate(limit as usize);
        next = rows.last().map(|last| {
            let (created_at, id) = position(last);
            encode_cursor(created_at, id)
        });
    }
    let items: Vec<T> = rows.iter().map(item).collect();
    let mut response = Json(items).into_response();
    if let Some(cursor) = next.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(NEXT_CURSOR_HEADER, cursor);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips() {
        let created = Utc::now();
        let id = Uuid::new_v4();
        let (back_created, back_id) = decode_cursor(&encode_cursor(created, id)).unwrap();
        assert_eq!(back_id, id);
        assert_eq!(back_created.timestamp_micros(), created.timestamp_micros());
    }

    #[test]
    fn garbage_cursor_is_bad_request() {
        for cursor in ["", "!!", "bm90IGEgY3Vyc29y"] {
            assert!(matches!(
                decode_cursor(cursor),
                Err(ApiError::BadRequest { .. })
            ));
        }
    }

    #[test]
    fn limit_outside_range_is_rejected() {
        for limit in [0, MAX_PAGE_LIMIT + 1] {
            let params = ListParams {
                limit: Some(limit),
                cursor: None,
            };
            assert!(params.page().is_err(), "limit {limit}");
        }
    }
}
