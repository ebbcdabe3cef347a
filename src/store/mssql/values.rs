//! Conversions between Rust values and SQL Server columns: owned query parameters, and
//! readers that decode one column of a result row.
//!
//! Round trips: `UNIQUEIDENTIFIER` <-> [`Uuid`] is exact (tiberius 0.12 swaps the first three
//! groups between the GUID's little-endian wire layout and the UUID's big-endian bytes, in
//! `tds/codec/guid.rs`); `DATETIME2(7)` <-> `DateTime<Utc>` keeps 100 ns, so a time with finer
//! nanoseconds comes back truncated ([`datetime2_precision`]); `NVARCHAR(MAX)` <-> `String` is
//! exact for all of Unicode, since strings travel as UTF-16.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use tiberius::{ColumnData, FromSql, Row, ToSql};
use uuid::Uuid;

use crate::store::StoreError;

/// An owned query parameter, so a request can be sent again on a retry.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// `UNIQUEIDENTIFIER`, or NULL.
    Uuid(Option<Uuid>),
    /// `NVARCHAR`, or NULL.
    Text(Option<String>),
    /// `BIGINT`, or NULL.
    Int(Option<i64>),
    /// `FLOAT`, or NULL.
    Float(Option<f64>),
    /// `BIT`.
    Bool(bool),
    /// `DATETIME2(7)`, or NULL.
    Time(Option<DateTime<Utc>>),
    /// `VARBINARY(MAX)`, or NULL.
    Bytes(Option<Vec<u8>>),
}

impl ToSql for Param {
    fn to_sql(&self) -> ColumnData<'_> {
        match self {
            Param::Uuid(value) => ColumnData::Guid(*value),
            Param::Text(value) => ColumnData::String(value.as_deref().map(Cow::Borrowed)),
            Param::Int(value) => ColumnData::I64(*value),
            Param::Float(value) => ColumnData::F64(*value),
            Param::Bool(value) => ColumnData::Bit(Some(*value)),
            Param::Time(Some(time)) => time.to_sql(),
            Param::Time(None) => ColumnData::DateTime2(None),
            Param::Bytes(value) => ColumnData::Binary(value.as_deref().map(Cow::Borrowed)),
        }
    }
}

impl From<Uuid> for Param {
    fn from(value: Uuid) -> Self {
        Param::Uuid(Some(value))
    }
}

impl From<Option<Uuid>> for Param {
    fn from(value: Option<Uuid>) -> Self {
        Param::Uuid(value)
    }
}

impl From<&str> for Param {
    fn from(value: &str) -> Self {
        Param::Text(Some(value.to_owned()))
    }
}

impl From<String> for Param {
    fn from(value: String) -> Self {
        Param::Text(Some(value))
    }
}

impl From<&String> for Param {
    fn from(value: &String) -> Self {
        Param::Text(Some(value.clone()))
    }
}

impl From<Option<&str>> for Param {
    fn from(value: Option<&str>) -> Self {
        Param::Text(value.map(str::to_owned))
    }
}

impl From<&Option<String>> for Param {
    fn from(value: &Option<String>) -> Self {
        Param::Text(value.clone())
    }
}

impl From<i64> for Param {
    fn from(value: i64) -> Self {
        Param::Int(Some(value))
    }
}

impl From<f64> for Param {
    fn from(value: f64) -> Self {
        Param::Float(Some(value))
    }
}

impl From<Option<f64>> for Param {
    fn from(value: Option<f64>) -> Self {
        Param::Float(value)
    }
}

impl From<bool> for Param {
    fn from(value: bool) -> Self {
        Param::Bool(value)
    }
}

impl From<DateTime<Utc>> for Param {
    fn from(value: DateTime<Utc>) -> Self {
        Param::Time(Some(value))
    }
}

impl From<Option<DateTime<Utc>>> for Param {
    fn from(value: Option<DateTime<Utc>>) -> Self {
        Param::Time(value)
    }
}

impl From<Vec<u8>> for Param {
    fn from(value: Vec<u8>) -> Self {
        Param::Bytes(Some(value))
    }
}

/// Truncates a time to the 100 ns steps that a `DATETIME2(7)` column stores.
pub fn datetime2_precision(time: DateTime<Utc>) -> DateTime<Utc> {
    let nanos = time.timestamp_subsec_nanos();
    time - TimeDelta::nanoseconds(i64::from(nanos % 100))
}

/// Rounds a fraction to a `DECIMAL(5,2)` column of the original schema, clamped to its range.
pub fn legacy_decimal(value: f64) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    let clamped = value.clamp(-999.99, 999.99);
    (clamped * 100.0).round() / 100.0
}

/// Converts years of experience for the original schema's `INT` column (whole years, rounded
/// down, clamped to the `INT` range).
pub fn legacy_years(value: Option<f64>) -> Option<i64> {
    value.filter(|years| years.is_finite()).map(|years| {
        years
            .floor()
            .clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i64
    })
}

fn corrupt(column: &'static str, reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        column,
        reason: reason.into(),
    }
}

fn unexpected(column: &'static str, expected: &str, data: &ColumnData<'_>) -> StoreError {
    corrupt(
        column,
        format!("expected {expected}, got a {} value", variant_name(data)),
    )
}

fn variant_name(data: &ColumnData<'_>) -> &'static str {
    match data {
        ColumnData::U8(_) => "TINYINT",
        ColumnData::I16(_) => "SMALLINT",
        ColumnData::I32(_) => "INT",
        ColumnData::I64(_) => "BIGINT",
        ColumnData::F32(_) => "REAL",
        ColumnData::F64(_) => "FLOAT",
        ColumnData::Bit(_) => "BIT",
        ColumnData::String(_) => "NVARCHAR",
        ColumnData::Guid(_) => "UNIQUEIDENTIFIER",
        ColumnData::Binary(_) => "VARBINARY",
        ColumnData::Numeric(_) => "DECIMAL",
        ColumnData::Xml(_) => "XML",
        ColumnData::DateTime(_) => "DATETIME",
        ColumnData::SmallDateTime(_) => "SMALLDATETIME",
        ColumnData::Time(_) => "TIME",
        ColumnData::Date(_) => "DATE",
        ColumnData::DateTime2(_) => "DATETIME2",
        ColumnData::DateTimeOffset(_) => "DATETIMEOFFSET",
    }
}

/// Returns true when the cell is SQL NULL.
pub fn is_null(data: &ColumnData<'_>) -> bool {
    match data {
        ColumnData::U8(value) => value.is_none(),
        ColumnData::I16(value) => value.is_none(),
        ColumnData::I32(value) => value.is_none(),
        ColumnData::I64(value) => value.is_none(),
        ColumnData::F32(value) => value.is_none(),
        ColumnData::F64(value) => value.is_none(),
        ColumnData::Bit(value) => value.is_none(),
        ColumnData::String(value) => value.is_none(),
        ColumnData::Guid(value) => value.is_none(),
        ColumnData::Binary(value) => value.is_none(),
        ColumnData::Numeric(value) => value.is_none(),
        ColumnData::Xml(value) => value.is_none(),
        ColumnData::DateTime(value) => value.is_none(),
        ColumnData::SmallDateTime(value) => value.is_none(),
        ColumnData::Time(value) => value.is_none(),
        ColumnData::Date(value) => value.is_none(),
        ColumnData::DateTime2(value) => value.is_none(),
        ColumnData::DateTimeOffset(value) => value.is_none(),
    }
}

/// Decodes a `UNIQUEIDENTIFIER` (or a UUID string), or NULL.
pub fn opt_uuid(column: &'static str, data: &ColumnData<'_>) -> Result<Option<Uuid>, StoreError> {
    match data {
        ColumnData::Guid(value) => Ok(*value),
        ColumnData::String(Some(text)) => Uuid::parse_str(text.trim())
            .map(Some)
            .map_err(|error| corrupt(column, error.to_string())),
        other if is_null(other) => Ok(None),
        other => Err(unexpected(column, "UNIQUEIDENTIFIER", other)),
    }
}

/// Decodes an `NVARCHAR` / `VARCHAR`, or NULL.
pub fn opt_text(column: &'static str, data: &ColumnData<'_>) -> Result<Option<String>, StoreError> {
    match data {
        ColumnData::String(value) => Ok(value.as_deref().map(str::to_owned)),
        other if is_null(other) => Ok(None),
        other => Err(unexpected(column, "NVARCHAR", other)),
    }
}

/// Decodes any numeric column as `f64`, or NULL.
pub fn opt_f64(column: &'static str, data: &ColumnData<'_>) -> Result<Option<f64>, StoreError> {
    match data {
        ColumnData::F64(value) => Ok(*value),
        ColumnData::F32(value) => Ok(value.map(f64::from)),
        ColumnData::Numeric(value) => Ok(value.map(f64::from)),
        ColumnData::I64(value) => Ok(value.map(|v| v as f64)),
        ColumnData::I32(value) => Ok(value.map(f64::from)),
        ColumnData::I16(value) => Ok(value.map(f64::from)),
        ColumnData::U8(value) => Ok(value.map(f64::from)),
        other if is_null(other) => Ok(None),
        other => Err(unexpected(column, "a number", other)),
    }
}

/// Decodes an integer column as `i64`, or NULL.
pub fn opt_i64(column: &'static str, data: &ColumnData<'_>) -> Result<Option<i64>, StoreError> {
    match data {
        ColumnData::I64(value) => Ok(*value),
        ColumnData::I32(value) => Ok(value.map(i64::from)),
        ColumnData::I16(value) => Ok(value.map(i64::from)),
        ColumnData::U8(value) => Ok(value.map(i64::from)),
        ColumnData::Numeric(Some(value)) if value.scale() == 0 => i64::try_from(value.value())
            .map(Some)
            .map_err(|error| corrupt(column, error.to_string())),
        other if is_null(other) => Ok(None),
        other => Err(unexpected(column, "an integer", other)),
    }
}

/// Decodes a `BIT` (or a 0/1 integer), or NULL.
pub fn opt_bool(column: &'static str, data: &ColumnData<'_>) -> Result<Option<bool>, StoreError> {
    match data {
        ColumnData::Bit(value) => Ok(*value),
        ColumnData::U8(_) | ColumnData::I16(_) | ColumnData::I32(_) | ColumnData::I64(_) => {
            Ok(opt_i64(column, data)?.map(|value| value != 0))
        }
        other if is_null(other) => Ok(None),
        other => Err(unexpected(column, "BIT", other)),
    }
}

/// Decodes a `DATETIME2` (read as UTC), `DATETIMEOFFSET` or `DATETIME`, or NULL.
pub fn opt_time(
    column: &'static str,
    data: &ColumnData<'static>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let convert = |error: tiberius::error::Error| corrupt(column, error.to_string());
    match data {
        ColumnData::DateTime2(_) | ColumnData::DateTimeOffset(_) => {
            DateTime::<Utc>::from_sql(data).map_err(convert)
        }
        ColumnData::DateTime(_) | ColumnData::SmallDateTime(_) => Ok(NaiveDateTime::from_sql(data)
            .map_err(convert)?
            .map(|naive| naive.and_utc())),
        other if is_null(other) => Ok(None),
        other => Err(unexpected(column, "DATETIME2", other)),
    }
}

/// Decodes a `VARBINARY`, or NULL.
pub fn opt_bytes(
    column: &'static str,
    data: &ColumnData<'_>,
) -> Result<Option<Vec<u8>>, StoreError> {
    match data {
        ColumnData::Binary(value) => Ok(value.as_deref().map(<[u8]>::to_vec)),
        other if is_null(other) => Ok(None),
        other => Err(unexpected(column, "VARBINARY", other)),
    }
}

/// Decodes a JSON document stored as `NVARCHAR(MAX)`, or NULL.
pub fn opt_json(
    column: &'static str,
    data: &ColumnData<'_>,
) -> Result<Option<serde_json::Value>, StoreError> {
    opt_text(column, data)?
        .map(|text| serde_json::from_str(&text).map_err(|error| corrupt(column, error.to_string())))
        .transpose()
}

/// Makes a NULL where a value is required an error naming the column.
pub fn required<T>(column: &'static str, value: Option<T>) -> Result<T, StoreError> {
    value.ok_or_else(|| corrupt(column, "unexpected NULL"))
}

/// Named, typed access to the columns of one result row.
pub struct RowReader<'r> {
    row: &'r Row,
}

impl<'r> RowReader<'r> {
    /// Reads `row`.
    pub fn new(row: &'r Row) -> Self {
        Self { row }
    }

    /// Returns the cell of `column` (names compare case-insensitively, as SQL Server's
    /// default collations do).
    pub fn cell(&self, column: &'static str) -> Result<&'r ColumnData<'static>, StoreError> {
        self.row
            .cells()
            .find(|(meta, _)| meta.name().eq_ignore_ascii_case(column))
            .map(|(_, data)| data)
            .ok_or_else(|| corrupt(column, "column missing from the result"))
    }

    /// Reads a required `UNIQUEIDENTIFIER`.
    pub fn uuid(&self, column: &'static str) -> Result<Uuid, StoreError> {
        required(column, opt_uuid(column, self.cell(column)?)?)
    }

    /// Reads a nullable `UNIQUEIDENTIFIER`.
    pub fn opt_uuid(&self, column: &'static str) -> Result<Option<Uuid>, StoreError> {
        opt_uuid(column, self.cell(column)?)
    }

    /// Reads a required string.
    pub fn text(&self, column: &'static str) -> Result<String, StoreError> {
        required(column, opt_text(column, self.cell(column)?)?)
    }

    /// Reads a nullable string.
    pub fn opt_text(&self, column: &'static str) -> Result<Option<String>, StoreError> {
        opt_text(column, self.cell(column)?)
    }

    /// Reads a nullable number.
    pub fn opt_f64(&self, column: &'static str) -> Result<Option<f64>, StoreError> {
        opt_f64(column, self.cell(column)?)
    }

    /// Reads a required integer.
    pub fn i64(&self, column: &'static str) -> Result<i64, StoreError> {
        required(column, opt_i64(column, self.cell(column)?)?)
    }

    /// Reads a nullable `BIT`.
    pub fn opt_bool(&self, column: &'static str) -> Result<Option<bool>, StoreError> {
        opt_bool(column, self.cell(column)?)
    }

    /// Reads a required time.
    pub fn time(&self, column: &'static str) -> Result<DateTime<Utc>, StoreError> {
        required(column, opt_time(column, self.cell(column)?)?)
    }

    /// Reads a nullable time.
    pub fn opt_time(&self, column: &'static str) -> Result<Option<DateTime<Utc>>, StoreError> {
        opt_time(column, self.cell(column)?)
    }

    /// Reads a nullable binary value.
    pub fn opt_bytes(&self, column: &'static str) -> Result<Option<Vec<u8>>, StoreError> {
        opt_bytes(column, self.cell(column)?)
    }

    /// Reads a nullable JSON document.
    pub fn opt_json(&self, column: &'static str) -> Result<Option<serde_json::Value>, StoreError> {
        opt_json(column, self.cell(column)?)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use tiberius::numeric::Numeric;

    use super::*;

    /// Converts a parameter into the cell that the server would return for it.
    fn as_cell(param: &Param) -> ColumnData<'static> {
        match param.to_sql() {
            ColumnData::Guid(value) => ColumnData::Guid(value),
            ColumnData::String(value) => ColumnData::String(value.map(|v| Cow::Owned(v.into()))),
            ColumnData::I64(value) => ColumnData::I64(value),
            ColumnData::F64(value) => ColumnData::F64(value),
            ColumnData::Bit(value) => ColumnData::Bit(value),
            ColumnData::DateTime2(value) => ColumnData::DateTime2(value),
            ColumnData::Binary(value) => ColumnData::Binary(value.map(|v| Cow::Owned(v.into()))),
            other => panic!("unexpected parameter type {}", variant_name(&other)),
        }
    }

    #[test]
    fn times_keep_100_ns_steps() {
        let cases = [
            Utc.with_ymd_and_hms(2026, 12, 4, 21, 5, 7).unwrap()
                + TimeDelta::nanoseconds(123_456_700),
            Utc.with_ymd_and_hms(1969, 7, 20, 20, 17, 40).unwrap() + TimeDelta::nanoseconds(100),
            Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap()
                + TimeDelta::nanoseconds(999_999_900),
        ];
        for time in cases {
            let cell = as_cell(&Param::from(time));
            let back = opt_time("created_at", &cell).unwrap();
            assert_eq!(back, Some(time), "{time}");
        }
    }

    #[test]
    fn finer_nanoseconds_are_truncated() {
        let time = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
            + TimeDelta::nanoseconds(123_456_789);
        let cell = as_cell(&Param::from(time));

        let back = opt_time("created_at", &cell).unwrap().unwrap();
        assert_eq!(back.timestamp_subsec_nanos(), 123_456_700);
        assert_eq!(back, datetime2_precision(time));
        assert_eq!(datetime2_precision(back), back);
    }

    #[test]
    fn microsecond_times_round_trip_exactly() {
        let now = Utc::now();
        let micros = Utc.timestamp_micros(now.timestamp_micros()).unwrap();
        let cell = as_cell(&Param::from(micros));

        assert_eq!(opt_time("updated_at", &cell).unwrap(), Some(micros));
    }

    #[test]
    fn uuids_round_trip() {
        let ids = [
            Uuid::nil(),
            Uuid::max(),
            Uuid::parse_str("00112233-4455-6677-8899-aabbccddeeff").unwrap(),
            Uuid::new_v4(),
        ];
        for id in ids {
            let cell = as_cell(&Param::from(id));
            assert_eq!(opt_uuid("id", &cell).unwrap(), Some(id));
        }
    }

    #[test]
    fn uuid_strings_are_accepted() {
        let id = Uuid::new_v4();
        let upper = ColumnData::String(Some(Cow::Owned(id.to_string().to_uppercase())));

        assert_eq!(opt_uuid("id", &upper).unwrap(), Some(id));
        let bad = ColumnData::String(Some(Cow::Borrowed("not-a-uuid")));
        assert!(opt_uuid("id", &bad).is_err());
    }

    #[test]
    fn unicode_text_round_trips() {
        let long = "ß€😀".repeat(3000);
        for text in [
            "",
            "plain",
            "Zoë Ünal – C++ & C#",
            "名前 😀 \u{10FFFF}",
            long.as_str(),
        ] {
            let cell = as_cell(&Param::from(text));
            assert_eq!(opt_text("skill", &cell).unwrap().as_deref(), Some(text));
        }
    }

    #[test]
    fn nulls_decode_as_none() {
        let cells = [
            as_cell(&Param::Uuid(None)),
            as_cell(&Param::Text(None)),
            as_cell(&Param::Time(None)),
            as_cell(&Param::Bytes(None)),
            ColumnData::Numeric(None),
        ];
        for cell in &cells {
            assert!(is_null(cell));
        }
        assert_eq!(opt_uuid("id", &cells[0]).unwrap(), None);
        assert_eq!(opt_text("skill", &cells[1]).unwrap(), None);
        assert_eq!(opt_time("deleted_at", &cells[2]).unwrap(), None);
        assert_eq!(opt_bytes("vector", &cells[3]).unwrap(), None);
        assert_eq!(opt_f64("score", &cells[4]).unwrap(), None);
        assert!(required("id", opt_uuid("id", &cells[0]).unwrap()).is_err());
    }

    #[test]
    fn decimals_and_integers_read_as_numbers() {
        let decimal = ColumnData::Numeric(Some(Numeric::new_with_scale(90, 2)));
        let int = ColumnData::I32(Some(7));
        let tiny = ColumnData::U8(Some(1));

        assert_eq!(opt_f64("importance", &decimal).unwrap(), Some(0.9));
        assert_eq!(opt_f64("experience_years", &int).unwrap(), Some(7.0));
        assert_eq!(opt_i64("annual_limit", &int).unwrap(), Some(7));
        assert_eq!(opt_bool("inferred", &tiny).unwrap(), Some(true));
        assert_eq!(
            opt_bool("inferred", &ColumnData::Bit(Some(false))).unwrap(),
            Some(false)
        );
    }

    #[test]
    fn wrong_type_names_column_and_type() {
        let error = opt_uuid("user_id", &ColumnData::I32(Some(1))).unwrap_err();
        let message = error.to_string();

        assert!(message.contains("user_id"), "{message}");
        assert!(message.contains("INT"), "{message}");
    }

    #[test]
    fn binary_and_json_round_trip() {
        let blob = vec![0_u8, 1, 2, 255];
        let cell = as_cell(&Param::from(blob.clone()));
        assert_eq!(opt_bytes("vector", &cell).unwrap(), Some(blob));

        let json = serde_json::json!({"skills": ["rust"], "score": 0.75, "name": "Zoë"});
        let cell = as_cell(&Param::from(json.to_string()));
        assert_eq!(opt_json("parsed_summary", &cell).unwrap(), Some(json));
    }

    #[test]
    fn legacy_columns_get_rounded_values() {
        assert_eq!(legacy_decimal(0.8734), 0.87);
        assert_eq!(legacy_decimal(0.875), 0.88);
        assert_eq!(legacy_decimal(5_000.0), 999.99);
        assert_eq!(legacy_decimal(f64::NAN), 0.0);
        assert_eq!(legacy_years(Some(3.9)), Some(3));
        assert_eq!(legacy_years(Some(f64::INFINITY)), None);
        assert_eq!(legacy_years(None), None);
    }
}
