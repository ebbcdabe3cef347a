//! Builds small PDFs in memory with lopdf's object API.

use lopdf::{
    Dictionary, Document, EncryptionState, EncryptionVersion, Object, ObjectId, Permissions,
    Stream, StringFormat, dictionary,
};

use super::metrics::helvetica_width;

/// A PDF under construction: fonts live in the resources of the `Pages` node, so every
/// page inherits them.
pub struct PdfBuilder {
    doc: Document,
    pages_id: ObjectId,
    kids: Vec<Object>,
    fonts: Dictionary,
    xobjects: Dictionary,
}

impl Default for PdfBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl PdfBuilder {
    pub fn new() -> Self {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        PdfBuilder {
            doc,
            pages_id,
            kids: Vec::new(),
            fonts: Dictionary::new(),
            xobjects: Dictionary::new(),
        }
    }

    /// Adds a font resource under `name` and returns its object id.
    pub fn add_font(&mut self, name: &str, font: Dictionary) -> ObjectId {
        let id = self.doc.add_object(font);
        self.fonts.set(name, Object::Reference(id));
        id
    }

    /// Adds a standard 14 font with WinAnsiEncoding and Helvetica widths.
    pub fn add_standard_font(&mut self, name: &str, base_font: &str) -> ObjectId {
        let widths: Vec<Object> = (32u8..=255)
            .map(|code| {
                let ch = encoding_rs::WINDOWS_1252
                    .decode(&[code])
                    .0
                    .chars()
                    .next()
                    .unwrap_or(' ');
                Object::Integer(i64::from(helvetica_width(ch)))
            })
            .collect();
        self.add_font(
            name,
            dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => Object::Name(base_font.as_bytes().to_vec()),
                "Encoding" => "WinAnsiEncoding",
                "FirstChar" => 32,
                "LastChar" => 255,
                "Widths" => widths,
            },
        )
    }

    /// Adds an object and returns its id.
    pub fn add_object(&mut self, object: impl Into<Object>) -> ObjectId {
        self.doc.add_object(object)
    }

    /// Adds a Form XObject resource under `name` with the given content and returns its id.
    pub fn add_form(&mut self, name: &str, content: &str) -> ObjectId {
        let id = self.doc.new_object_id();
        self.set_form(id, content);
        self.xobjects.set(name, Object::Reference(id));
        id
    }

    /// Stores a Form XObject under an id reserved earlier.
    pub fn set_form(&mut self, id: ObjectId, content: &str) {
        let dict = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        };
        self.doc.objects.insert(
            id,
            Object::Stream(Stream::new(dict, content.as_bytes().to_vec())),
        );
    }

    /// Compresses every stream added so far with FlateDecode.
    pub fn compress_streams(&mut self) {
        self.doc.compress();
    }

    /// Adds a Letter-size page with the given content stream.
    pub fn add_page(&mut self, content: impl Into<Vec<u8>>) -> ObjectId {
        self.add_page_with(content, Dictionary::new())
    }

    /// Adds a page with extra page dictionary entries (such as `Rotate`).
    pub fn add_page_with(&mut self, content: impl Into<Vec<u8>>, extra: Dictionary) -> ObjectId {
        let content_id = self
            .doc
            .add_object(Stream::new(Dictionary::new(), content.into()));
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => content_id,
        };
        page.extend(&extra);
        let id = self.doc.add_object(page);
        self.kids.push(Object::Reference(id));
        id
    }

    fn assemble(mut self) -> Document {
        let resources = dictionary! {
            "Font" => Object::Dictionary(self.fonts.clone()),
            "XObject" => Object::Dictionary(self.xobjects.clone()),
        };
        let pages = dictionary! {
            "Type" => "Pages",
            "Kids" => self.kids.clone(),
            "Count" => self.kids.len() as i64,
            "Resources" => resources,
        };
        self.doc
            .objects
            .insert(self.pages_id, Object::Dictionary(pages));
        let catalog_id = self.doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => self.pages_id,
        });
        self.doc.trailer.set("Root", catalog_id);
        let id = Object::String(b"layer1-fixture-id".to_vec(), StringFormat::Hexadecimal);
        self.doc.trailer.set("ID", vec![id.clone(), id]);
        self.doc
    }

    /// Writes the PDF.
    pub fn finish(self) -> Vec<u8> {
        let mut doc = self.assemble();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes)
            .expect("writing a PDF to memory succeeds");
        bytes
    }

    /// Writes the PDF encrypted with RC4 128-bit and the given passwords.
    pub fn finish_encrypted(self, user_password: &str, owner_password: &str) -> Vec<u8> {
        let mut doc = self.assemble();
        let version = EncryptionVersion::V2 {
            document: &doc,
            owner_password,
            user_password,
            key_length: 128,
            permissions: Permissions::all(),
        };
        let state = EncryptionState::try_from(version).expect("encryption parameters are valid");
        doc.encrypt(&state)
            .expect("encrypting the fixture succeeds");
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes)
            .expect("writing a PDF to memory succeeds");
        bytes
    }
}

/// Encodes text as a PDF hex string in WinAnsiEncoding (`•` is code 0x95).
pub fn win_ansi_hex(text: &str) -> String {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    format!("<{hex}>")
}

/// Width of text in Helvetica at `size` points, from the standard metrics.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| f32::from(helvetica_width(c)))
        .sum::<f32>()
        * size
        / 1000.0
}

/// Page dictionary entries that rotate a page clockwise by `degrees`.
pub fn rotation(degrees: i64) -> Dictionary {
    dictionary! { "Rotate" => degrees }
}
