//! PDF extraction from damaged content streams and from fonts without a `ToUnicode` map
//! (vertical Japanese, embedded TrueType), against PDFs generated in the test.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod support;

use layer1_engine::extract::{ExtractLimits, extract_text};
use lopdf::{Object, Stream, dictionary};
use support::pdf_builder::PdfBuilder;

fn text_of(bytes: &[u8]) -> String {
    extract_text(bytes, &ExtractLimits::default()).unwrap().text
}

fn helvetica_builder() -> PdfBuilder {
    let mut builder = PdfBuilder::new();
    builder.add_standard_font("F1", "Helvetica");
    builder
}

#[test]
fn operator_in_tj_array_is_skipped() {
    let mut builder = helvetica_builder();
    builder.add_page(
        "BT /F1 12 Tf 72 720 Td [(Senior) 0 Tc -250 (Data) 0 Tc -250 (Engineer)] TJ ET \
         BT /F1 12 Tf 72 700 Td (Remote since 2021) Tj ET",
    );
    assert_eq!(
        text_of(&builder.finish()),
        "Senior Data Engineer\nRemote since 2021"
    );
}

#[test]
fn stray_delimiters_and_bad_tokens_are_skipped() {
    let mut builder = helvetica_builder();
    builder.add_page(
        "BT /F1 12 Tf 72 720 Td ) (Platform) Tj } ]\n>> 0 -16 Td (team lead) Tj ET \
         BT /F1 12 Tf 72 680 Td (Kotlin) Tj ET",
    );
    assert_eq!(text_of(&builder.finish()), "Platform\nteam lead\n\nKotlin");
}

#[test]
fn inline_image_data_is_not_read_as_text() {
    let mut builder = helvetica_builder();
    let mut content = b"q BI /W 4 /H 1 /BPC 8 /CS /G ID ".to_vec();
    content.extend_from_slice(b"\x00(Tj) Tj\xff");
    content.extend_from_slice(b" EI Q BT /F1 12 Tf 72 700 Td (Data Analyst) Tj ET");
    builder.add_page(content);
    assert_eq!(text_of(&builder.finish()), "Data Analyst");
}

#[test]
fn content_stream_without_length_is_read_to_endstream() {
    let mut builder = helvetica_builder();
    let content = "BT /F1 12 Tf 72 700 Td (Site Reliability Engineer) Tj ET";
    builder.add_page(content);
    let mut bytes = builder.finish();

    // Blank out the stream's `/Length` in place, so every cross-reference offset still holds.
    let entry = format!("/Length {}", content.len());
    let at = bytes
        .windows(entry.len())
        .position(|window| window == entry.as_bytes())
        .unwrap();
    bytes[at..at + entry.len()].fill(b' ');

    assert_eq!(text_of(&bytes), "Site Reliability Engineer");
}

/// Adds a Japanese CID font with vertical writing (`Identity-V`) and no `ToUnicode` map.
fn add_vertical_japanese_font(builder: &mut PdfBuilder) {
    let descendant = builder.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType0",
        "BaseFont" => "Fixture-Mincho",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Japan1"),
            "Supplement" => 2,
        },
        "DW" => 1000,
    });
    builder.add_font(
        "J1",
        dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "Fixture-Mincho",
            "Encoding" => "Identity-V",
            "DescendantFonts" => vec![Object::Reference(descendant)],
        },
    );
}

#[test]
fn vertical_japanese_columns_read_right_to_left() {
    let mut builder = PdfBuilder::new();
    add_vertical_japanese_font(&mut builder);
    // Adobe-Japan1 CIDs: 0x034B あ, 0x034D い, 0x034F う; 0x0CD4 日, 0x0E8A 本, 0x07A0 語.
    // CID 0x1F40 lies outside the mapped ranges and must be dropped.
    builder.add_page(
        "BT /J1 10 Tf 1 0 0 1 300 700 Tm <034B034D034F1F40> Tj \
         -12 0 Td [<0CD4> -100 <0E8A07A0>] TJ ET",
    );
    let text = text_of(&builder.finish());
    assert_eq!(text, "あいう\n日本語");
    assert!(!text.contains('\u{fffd}'));
    assert!(!text.contains('\0'));
    assert!(!text.contains("cid"));
}

/// Builds a TrueType font program that contains only a `cmap` table: one format 4 subtable
/// (platform 3, encoding 1) that maps `a`..=`z` to glyphs 68..=93 and the space to glyph 3.
fn truetype_with_cmap() -> Vec<u8> {
    let segments: [(u16, u16, u16); 3] = [(0x20, 0x20, 3), (0x61, 0x7a, 68), (0xffff, 0xffff, 0)];
    let mut subtable: Vec<u8> = Vec::new();
    let header = [4u16, 0, 0, 2 * segments.len() as u16, 0, 0, 0];
    let mut words: Vec<u16> = header.to_vec();
    words.extend(segments.iter().map(|s| s.1));
    words.push(0);
    words.extend(segments.iter().map(|s| s.0));
    words.extend(segments.iter().map(|s| s.2.wrapping_sub(s.0)));
    words.extend(segments.iter().map(|_| 0));
    for word in words {
        subtable.extend_from_slice(&word.to_be_bytes());
    }

    let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1];
    cmap.extend_from_slice(&12u32.to_be_bytes());
    cmap.extend_from_slice(&subtable);
    let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    font.extend_from_slice(b"cmap");
    font.extend_from_slice(&[0; 4]);
    font.extend_from_slice(&28u32.to_be_bytes());
    font.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
    font.extend_from_slice(&cmap);
    font
}

#[test]
fn identity_font_reads_embedded_cmap() {
    let mut builder = PdfBuilder::new();
    let program = builder.add_object(Stream::new(dictionary! {}, truetype_with_cmap()));
    let descriptor = builder.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "Fixture-Serif",
        "Flags" => 32,
        "FontFile2" => program,
    });
    let descendant = builder.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "Fixture-Serif",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 500,
    });
    builder.add_font(
        "T1",
        dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "Fixture-Serif",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(descendant)],
        },
    );
    // Glyph ids of "data team" (a = 68); glyph 200 has no Unicode and must be dropped.
    let ids: String = "data team"
        .chars()
        .map(|c| {
            if c == ' ' {
                3
            } else {
                68 + (c as u16 - 'a' as u16)
            }
        })
        .chain([200])
        .map(|id| format!("{id:04X}"))
        .collect();
    builder.add_page(format!("BT /T1 11 Tf 72 700 Td <{ids}> Tj ET"));
    assert_eq!(text_of(&builder.finish()), "data team");
}

/// Builds a TrueType font program whose `cmap` contains one format 4 subtable (platform 3,
/// encoding 1) with the given segments as `(start, end, id_delta, id_range_offset)`.
fn truetype_with_segments(segments: &[(u16, u16, u16, u16)]) -> Vec<u8> {
    let count = u16::try_from(segments.len()).unwrap();
    let mut words: Vec<u16> = vec![4, 0, 0, 2 * count, 0, 0, 0];
    words.extend(segments.iter().map(|s| s.1));
    words.push(0);
    words.extend(segments.iter().map(|s| s.0));
    words.extend(segments.iter().map(|s| s.2));
    words.extend(segments.iter().map(|s| s.3));
    let subtable: Vec<u8> = words.iter().flat_map(|w| w.to_be_bytes()).collect();

    let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1];
    cmap.extend_from_slice(&12u32.to_be_bytes());
    cmap.extend_from_slice(&subtable);
    let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    font.extend_from_slice(b"cmap");
    font.extend_from_slice(&[0; 4]);
    font.extend_from_slice(&28u32.to_be_bytes());
    font.extend_from_slice(&u32::try_from(cmap.len()).unwrap().to_be_bytes());
    font.extend_from_slice(&cmap);
    font
}

/// Adds an `Identity-H` composite font `T2` over an embedded TrueType program, with no
/// `ToUnicode` map.
fn add_identity_truetype_font(builder: &mut PdfBuilder, program: Vec<u8>) {
    let program = builder.add_object(Stream::new(dictionary! {}, program));
    let descriptor = builder.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "Fixture-Sans",
        "Flags" => 32,
        "FontFile2" => program,
    });
    let descendant = builder.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "Fixture-Sans",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
    });
    builder.add_font(
        "T2",
        dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "Fixture-Sans",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(descendant)],
        },
    );
}

#[test]
fn overlapping_cmap_segments_stop_after_one_code_space() {
    // Lowercase letters map to glyphs 68..=93 and uppercase ones to 36..=61. Between them
    // sit two segments that each span the whole 16-bit code space and point outside the
    // table, as in a damaged or hostile font. A valid table never covers a code twice.
    // Repeated 32,000 times, such segments would mean two billion lookups for one font, so
    // reading stops once a full code space has been visited and the uppercase glyphs after
    // the overlap map to nothing.
    let whole_space = (0, 0xfffe, 0, 0xffff);
    let program = truetype_with_segments(&[
        (0x61, 0x7a, 68u16.wrapping_sub(0x61), 0),
        whole_space,
        whole_space,
        (0x41, 0x5a, 36u16.wrapping_sub(0x41), 0),
        (0xffff, 0xffff, 1, 0),
    ]);
    let mut builder = PdfBuilder::new();
    add_identity_truetype_font(&mut builder, program);
    // Glyph ids of "data" (a = 68), then of "TEAM" (A = 36).
    let ids: String = "dataTEAM"
        .chars()
        .map(|c| match c {
            'a'..='z' => 68 + (c as u16 - 'a' as u16),
            _ => 36 + (c as u16 - 'A' as u16),
        })
        .map(|id| format!("{id:04X}"))
        .collect();
    builder.add_page(format!("BT /T2 11 Tf 72 700 Td <{ids}> Tj ET"));
    assert_eq!(text_of(&builder.finish()), "data");
}
