//! Annotation appearances: filled-in form fields and free-text notes drawn on a page.
//!
//! A visible annotation with a normal appearance stream (`/AP /N`) is drawn like a Form
//! XObject, with its `BBox` (after its `Matrix`) fitted into the annotation's `Rect`. For
//! an appearance with states, the one named by `/AS` is drawn.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::{Matrix, multiply};
use super::fonts::{number, resolve};

/// Annotations read from one page.
const MAX_ANNOTATIONS_PER_PAGE: usize = 500;
/// The `Hidden` (bit 2) and `NoView` (bit 6) annotation flags.
const INVISIBLE_FLAGS: i64 = 2 | 32;

/// Returns the appearance stream of each visible annotation on a page, with the matrix that
/// places its form space on the page (before the form's own `Matrix`).
pub(super) fn appearances(doc: &Document, page_id: ObjectId) -> Vec<(ObjectId, Matrix)> {
    let Ok(page) = doc.get_dictionary(page_id) else {
        return Vec::new();
    };
    let Some(Object::Array(annotations)) = resolve(doc, page.get(b"Annots").ok()) else {
        return Vec::new();
    };
    annotations
        .iter()
        .take(MAX_ANNOTATIONS_PER_PAGE)
        .filter_map(|annotation| resolve(doc, Some(annotation))?.as_dict().ok())
        .filter_map(|annotation| appearance(doc, annotation))
        .collect()
}

fn appearance(doc: &Document, annotation: &Dictionary) -> Option<(ObjectId, Matrix)> {
    let flags = resolve(doc, annotation.get(b"F").ok())
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    if flags & INVISIBLE_FLAGS != 0 {
        return None;
    }
    let streams = resolve(doc, annotation.get(b"AP").ok())?.as_dict().ok()?;
    let normal = streams.get(b"N").ok()?;
    let id = match normal {
        Object::Reference(id) if doc.get_object(*id).ok()?.as_stream().is_ok() => *id,
        _ => {
            let states = resolve(doc, Some(normal))?.as_dict().ok()?;
            let state = resolve(doc, annotation.get(b"AS").ok())?.as_name().ok()?;
            states.get(state).ok()?.as_reference().ok()?
        }
    };
    let stream = doc.get_object(id).ok()?.as_stream().ok()?;
    let rect = rectangle(doc, annotation.get(b"Rect").ok())?;
    let bbox = rectangle(doc, stream.dict.get(b"BBox").ok())?;
    let matrix = resolve(doc, stream.dict.get(b"Matrix").ok())
        .and_then(|o| o.as_array().ok())
        .and_then(|array| six_numbers(doc, array))
        .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    Some((id, fit(transformed_box(&bbox, &matrix), rect)))
}

/// Reads a rectangle `[x0 y0 x1 y1]`, normalised so that x0 ≤ x1 and y0 ≤ y1.
fn rectangle(doc: &Document, object: Option<&Object>) -> Option<[f32; 4]> {
    let array = resolve(doc, object)?.as_array().ok()?;
    let values: Vec<f32> = array.iter().filter_map(|o| number(doc, Some(o))).collect();
    let [x0, y0, x1, y1] = values.get(..4)?.try_into().ok()?;
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

fn six_numbers(doc: &Document, array: &[Object]) -> Option<Matrix> {
    let values: Vec<f32> = array.iter().filter_map(|o| number(doc, Some(o))).collect();
    values.get(..6)?.try_into().ok()
}

/// Returns the bounding box of `bbox` after `matrix`.
fn transformed_box(bbox: &[f32; 4], matrix: &Matrix) -> [f32; 4] {
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[1]),
        (bbox[2], bbox[3]),
    ];
    let points: Vec<(f32, f32)> = corners
        .iter()
        .map(|&(x, y)| {
            let moved = multiply(&[1.0, 0.0, 0.0, 1.0, x, y], matrix);
            (moved[4], moved[5])
        })
        .collect();
    let xs = points.iter().map(|p| p.0);
    let ys = points.iter().map(|p| p.1);
    [
        xs.clone().fold(f32::INFINITY, f32::min),
        ys.clone().fold(f32::INFINITY, f32::min),
        xs.fold(f32::NEG_INFINITY, f32::max),
        ys.fold(f32::NEG_INFINITY, f32::max),
    ]
}

/// Returns the matrix that scales and moves `from` onto `to`. An empty box is only moved.
fn fit(from: [f32; 4], to: [f32; 4]) -> Matrix {
    let scale = |source: f32, target: f32| {
        if source.abs() > f32::EPSILON {
            target / source
        } else {
            1.0
        }
    };
    let sx = scale(from[2] - from[0], to[2] - to[0]);
    let sy = scale(from[3] - from[1], to[3] - to[1]);
    [sx, 0.0, 0.0, sy, to[0] - from[0] * sx, to[1] - from[1] * sy]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_maps_box_corners_onto_rect() {
        let m = fit([0.0, 0.0, 100.0, 20.0], [50.0, 700.0, 250.0, 720.0]);
        assert_eq!(m, [2.0, 0.0, 0.0, 1.0, 50.0, 700.0]);
    }
}
