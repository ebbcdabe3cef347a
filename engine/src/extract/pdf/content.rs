//! Content stream interpretation: text state, text and graphics matrices, and Form
//! XObjects, producing positioned glyphs in device space.

use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::{Font, number, resolve};
use super::operations::Operations;
use super::streams::DocumentCache;

/// Nesting limit for Form XObjects drawn inside each other.
const MAX_FORM_DEPTH: usize = 12;
/// Form XObject invocations allowed on one page, against exponential nesting.
const MAX_FORMS_PER_PAGE: usize = 2_000;
/// Content stream operations interpreted on one page.
const MAX_OPERATIONS_PER_PAGE: usize = 2_000_000;
/// Glyphs kept from one page.
const MAX_GLYPHS_PER_PAGE: usize = 200_000;

/// An affine matrix `[a b c d e f]` in PDF row-vector convention.
pub(super) type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// Returns `first × second`: apply `first`, then `second`.
pub(super) fn multiply(first: &Matrix, second: &Matrix) -> Matrix {
    [
        first[0] * second[0] + first[1] * second[2],
        first[0] * second[1] + first[1] * second[3],
        first[2] * second[0] + first[3] * second[2],
        first[2] * second[1] + first[3] * second[3],
        first[4] * second[0] + first[5] * second[2] + second[4],
        first[4] * second[1] + first[5] * second[3] + second[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// One shown character in device space (points, y up).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    /// Unicode text, never empty.
    pub text: String,
    /// Origin on the baseline.
    pub origin: (f32, f32),
    /// Origin plus the glyph advance.
    pub end: (f32, f32),
    /// Font size in device units.
    pub size: f32,
    /// Writing direction of the text x-axis, as a unit vector.
    pub direction: (f32, f32),
}

/// Resource dictionaries in lookup order (nearest first).
#[derive(Clone, Default)]
pub(super) struct Resources<'a> {
    dicts: Vec<&'a Dictionary>,
}

impl<'a> Resources<'a> {
    /// Resources of a page and of its ancestors in the page tree.
    pub(super) fn of_page(doc: &'a Document, page_id: ObjectId) -> Resources<'a> {
        let mut dicts = Vec::new();
        let mut node = doc.get_dictionary(page_id).ok();
        for _ in 0..32 {
            let Some(current) = node else { break };
            if let Some(Object::Dictionary(dict)) = resolve(doc, current.get(b"Resources").ok()) {
                dicts.push(dict);
            }
            node = resolve(doc, current.get(b"Parent").ok()).and_then(|o| o.as_dict().ok());
        }
        Resources { dicts }
    }

    fn lookup(&self, doc: &'a Document, category: &[u8], name: &[u8]) -> Option<&'a Object> {
        self.dicts.iter().find_map(|dict| {
            let group = resolve(doc, dict.get(category).ok())?.as_dict().ok()?;
            group.get(name).ok()
        })
    }
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
}

/// Interprets the content streams of one page.
pub(super) struct PageInterpreter<'a> {
    doc: &'a Document,
    cache: &'a DocumentCache<'a>,
    glyphs: Vec<Glyph>,
    operations: usize,
    forms_run: usize,
    form_stack: Vec<ObjectId>,
}

/// Text matrix and text line matrix, reset by `BT`.
struct TextMatrices {
    text: Matrix,
    line: Matrix,
}

impl<'a> PageInterpreter<'a> {
    pub(super) fn new(cache: &'a DocumentCache<'a>) -> Self {
        PageInterpreter {
            doc: cache.doc(),
            cache,
            glyphs: Vec::new(),
            operations: 0,
            forms_run: 0,
            form_stack: Vec::new(),
        }
    }

    /// Runs a content stream with the given resources and initial matrix; returns all glyphs.
    /// Runs the page content, then draws each annotation appearance stream with its
    /// placement matrix (see [`super::annotations`]).
    pub(super) fn run_page(
        mut self,
        content: &[u8],
        resources: &Resources<'a>,
        ctm: Matrix,
        appearances: &[(ObjectId, Matrix)],
    ) -> Vec<Glyph> {
        let state = GraphicsState {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(content, resources, state.clone());
        for (id, placement) in appearances {
            let mut placed = state.clone();
            placed.ctm = multiply(placement, &ctm);
            self.draw_form(*id, resources, &placed);
        }
        self.glyphs
    }

    fn run(&mut self, content: &[u8], resources: &Resources<'a>, initial: GraphicsState) {
        let mut stack: Vec<GraphicsState> = Vec::new();
        let mut state = initial;
        let mut text = TextMatrices {
            text: IDENTITY,
            line: IDENTITY,
        };
        if !self.cache.take_parse_bytes(content.len()) {
            tracing::debug!("document content exceeds the parse budget");
            return;
        }
        for operation in Operations::new(content) {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS_PER_PAGE
                || self.glyphs.len() > MAX_GLYPHS_PER_PAGE
                || !self.cache.take_operation()
            {
                tracing::debug!("page content exceeds the interpretation budget");
                break;
            }
            let operands = operation.operands.as_slice();
            match operation.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(state.clone()),
                "Q" => state = stack.pop().unwrap_or(state),
                "cm" => {
                    if let Some(m) = matrix_of(operands) {
                        state.ctm = multiply(&m, &state.ctm);
                    }
                }
                "Do" => self.run_form(operands, resources, &state),
                operator => {
                    self.text_operator(operator, operands, resources, &mut state, &mut text)
                }
            }
        }
    }

    fn text_operator(
        &mut self,
        operator: &str,
        operands: &[Object],
        resources: &Resources<'a>,
        state: &mut GraphicsState,
        text: &mut TextMatrices,
    ) {
        let nums: Vec<f32> = operands.iter().filter_map(|o| o.as_float().ok()).collect();
        let first = nums.first().copied().unwrap_or(0.0);
        match operator {
            "BT" => {
                text.text = IDENTITY;
                text.line = IDENTITY;
            }
            "Tf" => {
                state.font = operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|name| self.font(resources, name));
                state.size = nums.last().copied().unwrap_or(0.0);
            }
            "Tc" => state.char_spacing = first,
            "Tw" => state.word_spacing = first,
            "Tz" => state.horizontal_scale = first / 100.0,
            "TL" => state.leading = first,
            "Ts" => state.rise = first,
            "Td" | "TD" if nums.len() >= 2 => {
                if operator == "TD" {
                    state.leading = -nums[1];
                }
                move_line(text, nums[0], nums[1]);
            }
            "Tm" => {
                if let Some(m) = matrix_of(operands) {
                    text.text = m;
                    text.line = m;
                }
            }
            "T*" => move_line(text, 0.0, -state.leading),
            "Tj" => self.show_operands(operands, state, text),
            "'" => {
                move_line(text, 0.0, -state.leading);
                self.show_operands(operands, state, text);
            }
            "\"" if operands.len() >= 3 => {
                state.word_spacing = nums.first().copied().unwrap_or(0.0);
                state.char_spacing = nums.get(1).copied().unwrap_or(0.0);
                move_line(text, 0.0, -state.leading);
                self.show_operands(&operands[2..], state, text);
            }
            "TJ" => {
                if let Some(Object::Array(items)) = operands.first() {
                    self.show_operands(items, state, text);
                }
            }
            _ => {}
        }
    }

    /// Shows strings and applies the numeric adjustments of a `TJ` array.
    fn show_operands(&mut self, items: &[Object], state: &GraphicsState, text: &mut TextMatrices) {
        for item in items {
            match item {
                Object::String(bytes, _) => self.show_string(bytes, state, text),
                Object::Integer(_) | Object::Real(_) => {
                    let adjust = -item.as_float().unwrap_or(0.0) / 1000.0 * state.size;
                    let vertical = state.font.as_ref().and_then(|f| f.vertical_advance());
                    let (tx, ty) = match vertical {
                        Some(_) => (0.0, adjust),
                        None => (adjust * state.horizontal_scale, 0.0),
                    };
                    text.text = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &text.text);
                }
                _ => {}
            }
        }
    }

    fn show_string(&mut self, bytes: &[u8], state: &GraphicsState, text: &mut TextMatrices) {
        let Some(font) = state.font.clone() else {
            return;
        };
        // A code takes at most 4 bytes, so this keeps every glyph the page may still show.
        let room = (MAX_GLYPHS_PER_PAGE + 1).saturating_sub(self.glyphs.len()) * 4;
        let bytes = &bytes[..bytes.len().min(room)];
        let scale = state.horizontal_scale;
        let vertical = font.vertical_advance();
        for glyph in font.decode(bytes) {
            let device = multiply(&text.text, &state.ctm);
            // The advance runs along the text x-axis, or down the y-axis in vertical writing.
            let advance = match vertical {
                Some(advance) => (0.0, advance * state.size),
                None => (glyph.width * state.size * scale, 0.0),
            };
            if !glyph.text.is_empty() && self.glyphs.len() <= MAX_GLYPHS_PER_PAGE {
                let origin = apply(&device, 0.0, state.rise);
                let end = apply(&device, advance.0, state.rise + advance.1);
                let (dx, dy) = match vertical {
                    Some(_) => (end.0 - origin.0, end.1 - origin.1),
                    None => (device[0], device[1]),
                };
                let length = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
                // The glyph height runs across the writing direction.
                let across = match vertical {
                    Some(_) => (device[0], device[1]),
                    None => (device[2], device[3]),
                };
                let size = (state.size * (across.0 * across.0 + across.1 * across.1).sqrt()).abs();
                self.glyphs.push(Glyph {
                    text: glyph.text,
                    origin,
                    end,
                    size,
                    direction: (dx / length, dy / length),
                });
            }
            let spacing = state.char_spacing
                + if glyph.is_word_space {
                    state.word_spacing
                } else {
                    0.0
                };
            let (tx, ty) = match vertical {
                Some(_) => (0.0, advance.1 + spacing),
                None => (advance.0 + spacing * scale, 0.0),
            };
            text.text = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &text.text);
        }
    }

    fn font(&mut self, resources: &Resources<'a>, name: &[u8]) -> Option<Rc<Font>> {
        let dict = resolve(self.doc, resources.lookup(self.doc, b"Font", name))?
            .as_dict()
            .ok()?;
        let key = dict as *const Dictionary as usize;
        if let Some(font) = self.cache.fonts.borrow().get(&key) {
            return Some(font.clone());
        }
        let font = Rc::new(Font::load(self.cache, dict));
        self.cache.fonts.borrow_mut().insert(key, font.clone());
        Some(font)
    }

    /// Runs a Form XObject, guarding against cycles, deep nesting and repeated expansion.
    fn run_form(&mut self, operands: &[Object], resources: &Resources<'a>, state: &GraphicsState) {
        let Some(name) = operands.first().and_then(|o| o.as_name().ok()) else {
            return;
        };
        let Some(Object::Reference(id)) = resources.lookup(self.doc, b"XObject", name) else {
            return;
        };
        self.draw_form(*id, resources, state);
    }

    fn draw_form(&mut self, id: ObjectId, resources: &Resources<'a>, state: &GraphicsState) {
        let id = &id;
        if self.form_stack.contains(id)
            || self.form_stack.len() >= MAX_FORM_DEPTH
            || self.forms_run >= MAX_FORMS_PER_PAGE
        {
            return;
        }
        let Ok(stream) = self.doc.get_object(*id).and_then(Object::as_stream) else {
            return;
        };
        // Annotation appearance streams may omit `/Subtype /Form`; images always carry theirs.
        let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name).ok();
        if subtype.is_some_and(|name| name != b"Form") {
            return;
        }
        let Ok(content) = self.cache.decode_id(*id) else {
            return;
        };

        self.forms_run += 1;
        let mut inner = state.clone();
        if let Some(matrix) = resolve(self.doc, stream.dict.get(b"Matrix").ok())
            .and_then(|o| o.as_array().ok())
            .and_then(|a| matrix_of_in(self.doc, a))
        {
            inner.ctm = multiply(&matrix, &state.ctm);
        }
        let inner_resources = match resolve(self.doc, stream.dict.get(b"Resources").ok()) {
            Some(Object::Dictionary(dict)) => Resources { dicts: vec![dict] },
            _ => resources.clone(),
        };

        self.form_stack.push(*id);
        self.run(&content, &inner_resources, inner);
        self.form_stack.pop();
    }
}

fn move_line(text: &mut TextMatrices, tx: f32, ty: f32) {
    text.line = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &text.line);
    text.text = text.line;
}

fn matrix_of(operands: &[Object]) -> Option<Matrix> {
    let nums: Vec<f32> = operands.iter().filter_map(|o| o.as_float().ok()).collect();
    let m: Matrix = nums.get(..6)?.try_into().ok()?;
    m.iter().all(|v| v.is_finite()).then_some(m)
}

fn matrix_of_in(doc: &Document, array: &[Object]) -> Option<Matrix> {
    let nums: Vec<f32> = array.iter().filter_map(|o| number(doc, Some(o))).collect();
    let m: Matrix = nums.get(..6)?.try_into().ok()?;
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiply_applies_first_then_second() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 5.0];
        let m = multiply(&scale, &shift);
        assert_eq!(apply(&m, 1.0, 1.0), (12.0, 7.0));
    }
}
