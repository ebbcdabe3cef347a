//! Request validation with the old worker's 422 bodies.
//!
//! The old worker was a FastAPI service whose pydantic v2 models validated each JSON body in lax
//! Python mode. This module describes the three request models as static [`Model`] tables and
//! walks a [`serde_json::Value`] against them. It collects every problem as a
//! [`ValidationIssue`] with pydantic's `type`, `loc`, `msg`, `input` and `ctx`, and otherwise
//! returns the body with lax values converted (such as `"0.4"` to `0.4` for a number field), so
//! that serde can deserialize it.
//!
//! Lax conversions reproduced:
//! - integers accept integral floats, booleans and numeric strings;
//! - numbers accept integers, booleans and numeric strings;
//! - booleans accept 0/1 and the words `true/false/yes/no/on/off/t/f/y/n` in any case;
//! - strings accept only strings.

use std::cmp::Ordering;

use serde::Serialize;
use serde_json::{Map, Value, json};

/// One part of an error location: a field name or a list index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub(crate) enum LocPart {
    /// Field name, or `body`.
    Field(&'static str),
    /// List index, or a character position for `json_invalid`.
    Index(usize),
}

/// One entry of the 422 `detail` list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ValidationIssue {
    /// Pydantic error type, such as `missing` or `less_than_equal`.
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    /// Location of the problem, starting with `body`.
    pub(crate) loc: Vec<LocPart>,
    /// Pydantic's message.
    pub(crate) msg: String,
    /// The offending value (the enclosing object for `missing`).
    pub(crate) input: Value,
    /// Constraint values, present only for constraint errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) ctx: Option<Value>,
}

/// A numeric bound, printed in `ctx` as the old model declared it (`0` or `1.0`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Bound {
    /// Declared as an integer.
    Int(i64),
    /// Declared as a float.
    Float(f64),
}

impl Bound {
    fn value(self) -> f64 {
        match self {
            // Bounds are small constants, so the conversion is exact.
            Bound::Int(value) => value as f64,
            Bound::Float(value) => value,
        }
    }

    fn to_json(self) -> Value {
        match self {
            Bound::Int(value) => json!(value),
            Bound::Float(value) => json!(value),
        }
    }
}

/// The type of a field.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// `str`.
    Str,
    /// `int`.
    Int,
    /// `float`.
    Float,
    /// `bool`.
    Bool,
    /// `datetime.date`, written `YYYY-MM-DD`.
    Date,
    /// `List[Model]`.
    List(&'static Model),
}

/// A field of a request model.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    /// JSON key.
    pub(crate) name: &'static str,
    /// Expected type.
    pub(crate) kind: Kind,
    /// True when the key must be present.
    pub(crate) required: bool,
    /// True when `null` is accepted (`Optional[...]`).
    pub(crate) nullable: bool,
    /// Inclusive lower bound (`ge`).
    pub(crate) ge: Option<Bound>,
    /// Inclusive upper bound (`le`).
    pub(crate) le: Option<Bound>,
}

impl Field {
    const fn new(name: &'static str, kind: Kind) -> Self {
        Self {
            name,
            kind,
            required: true,
            nullable: false,
            ge: None,
            le: None,
        }
    }

    const fn optional(name: &'static str, kind: Kind) -> Self {
        Self {
            required: false,
            nullable: true,
            ..Self::new(name, kind)
        }
    }
}

/// A request model: an object with typed fields.
#[derive(Debug)]
pub(crate) struct Model {
    /// Fields in declaration order, which is the order pydantic reports errors in.
    pub(crate) fields: &'static [Field],
}

/// Body of `POST /parse/resume`.
pub(crate) static RESUME_REQUEST: Model = Model {
    fields: &[
        Field::optional("filename", Kind::Str),
        Field::optional("mime_type", Kind::Str),
        Field::new("content_b64", Kind::Str),
        Field::optional("as_of", Kind::Date),
    ],
};

/// Body of `POST /parse/job`.
pub(crate) static JOB_REQUEST: Model = Model {
    fields: &[
        Field::optional("text", Kind::Str),
        Field::optional("content_b64", Kind::Str),
        Field::optional("filename", Kind::Str),
        Field::optional("mime_type", Kind::Str),
        Field::optional("title", Kind::Str),
    ],
};

static CANDIDATE_SKILL: Model = Model {
    fields: &[
        Field::new("skill", Kind::Str),
        Field {
            ge: Some(Bound::Int(0)),
            ..Field::optional("experience_years", Kind::Int)
        },
        Field::optional("proficiency", Kind::Float),
    ],
};

static REQUIREMENT: Model = Model {
    fields: &[
        Field::new("skill", Kind::Str),
        Field {
            ge: Some(Bound::Float(0.0)),
            le: Some(Bound::Float(1.0)),
            ..Field::optional("importance", Kind::Float)
        },
        Field {
            nullable: false,
            ..Field::optional("inferred", Kind::Bool)
        },
    ],
};

/// Body of `POST /match`.
pub(crate) static MATCH_REQUEST: Model = Model {
    fields: &[
        Field::new("candidate_skills", Kind::List(&CANDIDATE_SKILL)),
        Field::new("requirements", Kind::List(&REQUIREMENT)),
    ],
};

/// Builds an issue without `ctx`.
pub(crate) fn issue(
    kind: &'static str,
    loc: Vec<LocPart>,
    msg: impl Into<String>,
    input: Value,
) -> ValidationIssue {
    ValidationIssue {
        kind,
        loc,
        msg: msg.into(),
        input,
        ctx: None,
    }
}

/// Validates a request body against `model`, with locations starting at `body`.
///
/// Returns the body with lax values converted, or every problem found.
pub(crate) fn validate_body(body: &Value, model: &Model) -> Result<Value, Vec<ValidationIssue>> {
    let mut issues = Vec::new();
    let loc = vec![LocPart::Field("body")];
    let converted = validate_model(body, model, &loc, &mut issues);
    if issues.is_empty() {
        Ok(converted)
    } else {
        Err(issues)
    }
}

fn validate_model(
    value: &Value,
    model: &Model,
    loc: &[LocPart],
    issues: &mut Vec<ValidationIssue>,
) -> Value {
    let Some(object) = value.as_object() else {
        issues.push(issue(
            "model_attributes_type",
            loc.to_vec(),
            "Input should be a valid dictionary or object to extract fields from",
            value.clone(),
        ));
        return Value::Null;
    };
    let mut converted = Map::new();
    for field in model.fields {
        let mut field_loc = loc.to_vec();
        field_loc.push(LocPart::Field(field.name));
        match object.get(field.name) {
            None if field.required => {
                issues.push(issue("missing", field_loc, "Field required", value.clone()))
            }
            None => {}
            Some(Value::Null) if field.nullable => {
                converted.insert(field.name.to_string(), Value::Null);
            }
            Some(input) => {
                if let Some(output) = validate_field(input, field, &field_loc, issues) {
                    converted.insert(field.name.to_string(), output);
                }
            }
        }
    }
    Value::Object(converted)
}

fn validate_field(
    input: &Value,
    field: &Field,
    loc: &[LocPart],
    issues: &mut Vec<ValidationIssue>,
) -> Option<Value> {
    let result = match field.kind {
        Kind::Str => lax_str(input),
        Kind::Int => lax_int(input).and_then(|n| check_bounds(n as f64, field).map(|()| json!(n))),
        Kind::Float => {
            lax_float(input).and_then(|n| check_bounds(n, field).map(|()| float_json(n)))
        }
        Kind::Bool => lax_bool(input).map(Value::Bool),
        Kind::Date => strict_date(input),
        Kind::List(model) => return Some(validate_list(input, model, loc, issues)),
    };
    match result {
        Ok(value) => Some(value),
        Err(problem) => {
            issues.push(ValidationIssue {
                kind: problem.kind,
                loc: loc.to_vec(),
                msg: problem.msg,
                input: input.clone(),
                ctx: problem.ctx,
            });
            None
        }
    }
}

fn validate_list(
    input: &Value,
    model: &Model,
    loc: &[LocPart],
    issues: &mut Vec<ValidationIssue>,
) -> Value {
    let Some(items) = input.as_array() else {
        issues.push(issue(
            "list_type",
            loc.to_vec(),
            "Input should be a valid list",
            input.clone(),
        ));
        return Value::Null;
    };
    let converted = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let mut item_loc = loc.to_vec();
            item_loc.push(LocPart::Index(index));
            validate_model(item, model, &item_loc, issues)
        })
        .collect();
    Value::Array(converted)
}

/// A type or constraint problem of one value, before its location is known.
struct Problem {
    kind: &'static str,
    msg: String,
    ctx: Option<Value>,
}

impl Problem {
    fn new(kind: &'static str, msg: &str) -> Self {
        Self {
            kind,
            msg: msg.to_string(),
            ctx: None,
        }
    }
}

/// Converts a float to JSON; NaN and infinities, which JSON cannot carry, become `null`.
fn float_json(value: f64) -> Value {
    serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
}

fn lax_str(input: &Value) -> Result<Value, Problem> {
    match input {
        Value::String(_) => Ok(input.clone()),
        _ => Err(Problem::new(
            "string_type",
            "Input should be a valid string",
        )),
    }
}

/// Accepts a date written in full as `YYYY-MM-DD` and returns it unchanged.
fn strict_date(input: &Value) -> Result<Value, Problem> {
    let Value::String(text) = input else {
        return Err(Problem::new("date_type", "Input should be a valid date"));
    };
    if crate::dates::parse_full_date(text).is_some() {
        Ok(input.clone())
    } else {
        Err(Problem::new(
            "date_parsing",
            "Input should be a valid date in the format YYYY-MM-DD",
        ))
    }
}

fn lax_float(input: &Value) -> Result<f64, Problem> {
    match input {
        Value::Number(number) => number
            .as_f64()
            .ok_or_else(|| Problem::new("float_type", "Input should be a valid number")),
        Value::Bool(flag) => Ok(if *flag { 1.0 } else { 0.0 }),
        Value::String(text) => text.trim().parse::<f64>().map_err(|_| {
            Problem::new(
                "float_parsing",
                "Input should be a valid number, unable to parse string as a number",
            )
        }),
        _ => Err(Problem::new("float_type", "Input should be a valid number")),
    }
}

fn lax_int(input: &Value) -> Result<i64, Problem> {
    /// 2^63: the first magnitude outside the i64 range.
    const I64_LIMIT: f64 = 9_223_372_036_854_775_808.0;
    const TOO_LARGE: &str = "Unable to parse input string as an integer, exceeded maximum size";
    let parsing = || {
        Problem::new(
            "int_parsing",
            "Input should be a valid integer, unable to parse string as an integer",
        )
    };
    let from_float = |value: f64| {
        if !value.is_finite() {
            Err(Problem::new(
                "finite_number",
                "Input should be a finite number",
            ))
        } else if value.fract() != 0.0 {
            Err(Problem::new(
                "int_from_float",
                "Input should be a valid integer, got a number with a fractional part",
            ))
        } else if value.abs() >= I64_LIMIT {
            Err(Problem::new("int_parsing_size", TOO_LARGE))
        } else {
            // Integral and inside the i64 range, checked above.
            Ok(value as i64)
        }
    };
    match input {
        Value::Number(number) => match number.as_i64() {
            Some(value) => Ok(value),
            None => from_float(number.as_f64().unwrap_or(f64::INFINITY)),
        },
        Value::Bool(flag) => Ok(i64::from(*flag)),
        Value::String(text) => {
            let text = text.trim();
            if let Ok(value) = text.parse::<i64>() {
                return Ok(value);
            }
            match text.parse::<f64>() {
                Ok(value) if value.is_finite() && value.fract() == 0.0 => {
                    from_float(value).map_err(|_| parsing())
                }
                _ => Err(parsing()),
            }
        }
        _ => Err(Problem::new("int_type", "Input should be a valid integer")),
    }
}

fn lax_bool(input: &Value) -> Result<bool, Problem> {
    let parsing = || {
        Problem::new(
            "bool_parsing",
            "Input should be a valid boolean, unable to interpret input",
        )
    };
    let wrong_type = || Problem::new("bool_type", "Input should be a valid boolean");
    match input {
        Value::Bool(flag) => Ok(*flag),
        Value::Number(number) => match number.as_f64() {
            Some(0.0) => Ok(false),
            Some(1.0) => Ok(true),
            Some(value) if value.fract() == 0.0 => Err(parsing()),
            _ => Err(wrong_type()),
        },
        Value::String(text) => match text.to_ascii_lowercase().as_str() {
            "0" | "off" | "f" | "false" | "n" | "no" => Ok(false),
            "1" | "on" | "t" | "true" | "y" | "yes" => Ok(true),
            _ => Err(parsing()),
        },
        _ => Err(wrong_type()),
    }
}

/// Checks `le` before `ge` and reports only the first failure, as pydantic does. NaN fails both.
fn check_bounds(value: f64, field: &Field) -> Result<(), Problem> {
    if let Some(le) = field.le
        && value.partial_cmp(&le.value()).is_none_or(Ordering::is_gt)
    {
        return Err(Problem {
            kind: "less_than_equal",
            msg: format!("Input should be less than or equal to {}", le.value()),
            ctx: Some(json!({ "le": le.to_json() })),
        });
    }
    if let Some(ge) = field.ge
        && value.partial_cmp(&ge.value()).is_none_or(Ordering::is_lt)
    {
        return Err(Problem {
            kind: "greater_than_equal",
            msg: format!("Input should be greater than or equal to {}", ge.value()),
            ctx: Some(json!({ "ge": ge.to_json() })),
        });
    }
    Ok(())
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
