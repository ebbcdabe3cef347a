//! PDF extraction against PDFs generated in the test.

mod support;

use std::sync::Arc;

use chrono::NaiveDate;
use layer1_engine::Engine;
use layer1_engine::embed::HashedEmbedder;
use layer1_engine::extract::{ExtractError, ExtractLimits, FileKind, extract_text};
use layer1_engine::skills::Taxonomy;
use lopdf::{Object, Stream, dictionary};
use support::pdf_builder::{PdfBuilder, rotation, win_ansi_hex};

fn text_of(bytes: &[u8]) -> String {
    let extracted = extract_text(bytes, &ExtractLimits::default()).expect("the PDF has text");
    assert_eq!(extracted.kind, FileKind::Pdf);
    extracted.text
}

fn helvetica_builder() -> PdfBuilder {
    let mut builder = PdfBuilder::new();
    builder.add_standard_font("F1", "Helvetica");
    builder
}

/// Appends lines of text to `content`, one under another from baseline `top` down at `pitch`
/// points, starting at `x`.
fn push_column(content: &mut String, x: i32, top: i32, pitch: i32, lines: &[&str]) {
    for (i, line) in lines.iter().enumerate() {
        let y = top - pitch * i as i32;
        content.push_str(&format!("1 0 0 1 {x} {y} Tm ({line}) Tj\n"));
    }
}

#[test]
fn helvetica_page_reads_lines_in_order() {
    let mut builder = helvetica_builder();
    builder.add_page(format!(
        "BT /F1 12 Tf 72 720 Td {} Tj 0 -16 Td {} Tj ET",
        win_ansi_hex("Maya Okafor"),
        win_ansi_hex("• Python – Go")
    ));
    assert_eq!(text_of(&builder.finish()), "Maya Okafor\n• Python – Go");
}

#[test]
fn tj_kerning_gaps_become_spaces() {
    let mut builder = helvetica_builder();
    // Words are positioned by TJ adjustments only; no space characters are drawn.
    builder.add_page("BT /F1 10 Tf 72 700 Td [(Senior)-300(Backend)-280(Engineer)] TJ ET");
    assert_eq!(text_of(&builder.finish()), "Senior Backend Engineer");
}

#[test]
fn small_kerning_keeps_words_whole() {
    let mut builder = helvetica_builder();
    builder.add_page("BT /F1 10 Tf 72 700 Td [(Ku)40(ber)-30(ne)15(tes)] TJ ET");
    assert_eq!(text_of(&builder.finish()), "Kubernetes");
}

#[test]
fn td_jumps_become_spaces() {
    let mut builder = helvetica_builder();
    builder.add_page("BT /F1 10 Tf 72 700 Td (Data) Tj 30 0 Td (Engineer) Tj ET");
    assert_eq!(text_of(&builder.finish()), "Data Engineer");
}

const IDENTITY_CMAP: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Layer1-Test def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0003> <0020>
<0010> <FB01>
<0011> <0066006C>
endbfchar
1 beginbfrange
<0024> <003D> <0041>
endbfrange
1 beginbfrange
<0044> <005D> <0061>
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

fn add_identity_font(builder: &mut PdfBuilder) {
    let cmap = builder.add_object(Stream::new(
        dictionary! {},
        IDENTITY_CMAP.as_bytes().to_vec(),
    ));
    let descendant = builder.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "Fixture-Sans",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 500,
    });
    builder.add_font(
        "F9",
        dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "Fixture-Sans",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(descendant)],
            "ToUnicode" => cmap,
        },
    );
}

/// Encodes ASCII letters and spaces as the glyph ids the fixture CMap maps back.
fn glyph_ids(text: &str) -> String {
    let ids: String = text
        .chars()
        .map(|c| match c {
            ' ' => 0x03,
            'A'..='Z' => 0x24 + (c as u32 - 'A' as u32),
            'a'..='z' => 0x44 + (c as u32 - 'a' as u32),
            _ => 0xFFFF,
        })
        .map(|id| format!("{id:04X}"))
        .collect();
    format!("<{ids}>")
}

#[test]
fn identity_h_font_decodes_through_tounicode() {
    let mut builder = PdfBuilder::new();
    add_identity_font(&mut builder);
    builder.add_page(format!(
        "BT /F9 11 Tf 72 700 Td {} Tj ET",
        glyph_ids("Data Engineer")
    ));
    assert_eq!(text_of(&builder.finish()), "Data Engineer");
}

#[test]
fn ligature_glyphs_expand_to_letters() {
    let mut builder = PdfBuilder::new();
    add_identity_font(&mut builder);
    // "fi" is glyph 0x0010 (mapped to U+FB01) and "fl" is glyph 0x0011 (mapped to "fl").
    let content = format!(
        "BT /F9 11 Tf 72 700 Td [{} <0010> {} <0003> <0011> {}] TJ ET",
        glyph_ids("Pro"),
        glyph_ids("cient"),
        glyph_ids("ask")
    );
    builder.add_page(content);
    assert_eq!(text_of(&builder.finish()), "Proficient flask");
}

#[test]
fn unmapped_glyphs_are_dropped() {
    let mut builder = PdfBuilder::new();
    add_identity_font(&mut builder);
    builder.add_page("BT /F9 11 Tf 72 700 Td <0024FFFF0025> Tj ET");
    let text = text_of(&builder.finish());
    // The unmapped glyph still takes horizontal space, so a word gap may remain.
    assert_eq!(text.replace(' ', ""), "AB");
    assert!(!text.contains('\u{fffd}'));
    assert!(!text.contains("cid"));
}

#[test]
fn two_columns_are_not_interleaved() {
    let mut builder = helvetica_builder();
    let mut content = String::from("BT /F1 10 Tf\n");
    let left = [
        "EXPERIENCE",
        "Built billing APIs",
        "in Python and Go",
        "for five years",
    ];
    let right = ["SKILLS", "PostgreSQL", "Kubernetes"];
    push_column(&mut content, 54, 700, 13, &left);
    push_column(&mut content, 380, 694, 15, &right);
    content.push_str("ET");
    builder.add_page(content);
    assert_eq!(
        text_of(&builder.finish()),
        "EXPERIENCE\nBuilt billing APIs\nin Python and Go\nfor five years\nSKILLS\nPostgreSQL\nKubernetes"
    );
}

#[test]
fn sidebar_at_same_pitch_is_column() {
    let mut builder = helvetica_builder();
    let mut content = String::from("BT /F1 10 Tf\n");
    let sidebar = [
        "SKILLS",
        "Python",
        "PostgreSQL",
        "Tableau",
        "Airflow",
        "dbt",
    ];
    let main = [
        "EXPERIENCE",
        "Data Analyst, Harbor Freight Lines",
        "Built churn dashboards for the retail team",
        "Cut report refresh time from hours to minutes",
        "Analyst Intern, Quillby Research",
        "Cleaned survey data for quarterly reports",
        "Wrote the onboarding guide for new analysts",
        "Presented findings to the leadership group",
    ];
    push_column(&mut content, 40, 700, 13, &sidebar);
    push_column(&mut content, 200, 700, 13, &main);
    content.push_str("ET");
    builder.add_page(content);
    let expected = [sidebar.join("\n"), main.join("\n")].join("\n");
    assert_eq!(text_of(&builder.finish()), expected);
}

#[test]
fn years_column_stays_on_rows() {
    let mut builder = helvetica_builder();
    let mut content = String::from("BT /F1 10 Tf\n");
    let left = [
        "CPR and First Aid, Red Cross",
        "OSHA 30, Keystone Safety",
        "Forklift Operator, Dunmore Training",
        "NFPA 70E, Keystone Safety",
        "EPA 608 Universal, Tallow Institute",
        "Lockout and tagout for plant staff",
        "Trained six new hires on the dock",
    ];
    let years = ["2016", "2018", "2019", "2021", "2023"];
    push_column(&mut content, 54, 700, 13, &left);
    push_column(&mut content, 500, 700, 13, &years);
    content.push_str("ET");
    builder.add_page(content);
    let text = text_of(&builder.finish());
    assert!(
        text.starts_with("CPR and First Aid, Red Cross 2016\n"),
        "{text}"
    );
    assert!(
        text.contains("EPA 608 Universal, Tallow Institute 2023\n"),
        "{text}"
    );
}

#[test]
fn right_aligned_dates_stay_on_their_rows() {
    let mut builder = helvetica_builder();
    let content = "BT /F1 10 Tf 1 0 0 1 54 700 Tm (Senior Engineer, Acme) Tj \
        1 0 0 1 480 700 Tm (Jan 2019 - Present) Tj \
        1 0 0 1 54 687 Tm (Software Engineer, Globex) Tj \
        1 0 0 1 480 687 Tm (Jun 2016 - Dec 2018) Tj \
        1 0 0 1 54 674 Tm (Intern, Initech) Tj \
        1 0 0 1 480 674 Tm (Summer 2015) Tj ET";
    builder.add_page(content);
    assert_eq!(
        text_of(&builder.finish()),
        "Senior Engineer, Acme Jan 2019 - Present\nSoftware Engineer, Globex Jun 2016 - Dec 2018\nIntern, Initech Summer 2015"
    );
}

#[test]
fn pages_are_separated_by_form_feed() {
    let mut builder = helvetica_builder();
    builder.add_page("BT /F1 12 Tf 72 700 Td (first) Tj ET");
    builder.add_page("BT /F1 12 Tf 72 700 Td (second) Tj ET");
    let extracted = extract_text(&builder.finish(), &ExtractLimits::default()).expect("text");
    assert_eq!(extracted.text, "first\x0csecond");
    assert_eq!(extracted.pages, 2);
}

#[test]
fn max_pages_limits_pages_read() {
    let mut builder = helvetica_builder();
    for word in ["one", "two", "three"] {
        builder.add_page(format!("BT /F1 12 Tf 72 700 Td ({word}) Tj ET"));
    }
    let limits = ExtractLimits {
        max_pages: 2,
        ..ExtractLimits::default()
    };
    let extracted = extract_text(&builder.finish(), &limits).expect("text");
    assert_eq!(extracted.text, "one\x0ctwo");
    assert_eq!(extracted.pages, 2);
    assert_eq!(extracted.total_pages, 3);
    assert_eq!(
        extracted.page_cut_warning("resume").as_deref(),
        Some("only the first 2 of 3 pages were read; the page limit is set by MAX_PAGES")
    );
}

#[test]
fn pdf_within_page_limit_has_no_warning() {
    let mut builder = helvetica_builder();
    builder.add_page("BT /F1 12 Tf 72 700 Td (only) Tj ET");
    let extracted = extract_text(&builder.finish(), &ExtractLimits::default()).expect("text");
    assert_eq!((extracted.pages, extracted.total_pages), (1, 1));
    assert_eq!(extracted.page_cut_warning("resume"), None);
}

#[test]
fn engine_warns_of_pages_past_the_limit() {
    let mut builder = helvetica_builder();
    for line in ["Experience", "Python developer", "Kubernetes"] {
        builder.add_page(format!("BT /F1 12 Tf 72 700 Td ({line}) Tj ET"));
    }
    let bytes = builder.finish();
    let limits = ExtractLimits {
        max_pages: 2,
        ..ExtractLimits::default()
    };
    let engine = Engine::new(
        &Taxonomy::builtin(),
        Arc::new(HashedEmbedder::new()),
        limits,
    );
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid date");
    let expected = "only the first 2 of 3 pages were read";

    let resume = engine.analyze_resume(&bytes, as_of).expect("resume");
    assert!(
        resume.warnings.iter().any(|w| w.starts_with(expected)),
        "{:?}",
        resume.warnings
    );
    let skills: Vec<&str> = resume.skills.iter().map(|s| s.skill.as_str()).collect();
    assert!(skills.contains(&"python"), "{skills:?}");
    assert!(!skills.contains(&"kubernetes"), "{skills:?}");

    let job = engine.analyze_job_file(&bytes).expect("job");
    assert!(
        job.warnings.iter().any(|w| w.starts_with(expected)),
        "{:?}",
        job.warnings
    );
}

#[test]
fn text_in_form_xobject_is_read() {
    let mut builder = helvetica_builder();
    builder.add_form("Fx1", "BT /F1 12 Tf 72 700 Td (inside form) Tj ET");
    builder.add_page("q 1 0 0 1 0 0 cm /Fx1 Do Q");
    assert_eq!(text_of(&builder.finish()), "inside form");
}

#[test]
fn self_referencing_form_terminates() {
    let mut builder = helvetica_builder();
    builder.add_form("Fx1", "BT /F1 12 Tf 72 700 Td (loop) Tj ET /Fx1 Do");
    builder.add_page("/Fx1 Do");
    assert_eq!(text_of(&builder.finish()), "loop");
}

#[test]
fn fake_bold_overprint_is_read_once() {
    let mut builder = helvetica_builder();
    builder
        .add_page("BT /F1 12 Tf 1 0 0 1 72 700 Tm (SKILLS) Tj 1 0 0 1 72.4 700 Tm (SKILLS) Tj ET");
    assert_eq!(text_of(&builder.finish()), "SKILLS");
}

#[test]
fn rotated_page_reads_as_displayed() {
    let mut builder = helvetica_builder();
    builder.add_page_with(
        "BT /F1 12 Tf 72 700 Td (top line) Tj 0 -20 Td (bottom line) Tj ET",
        rotation(90),
    );
    assert_eq!(text_of(&builder.finish()), "top line\nbottom line");
}

#[test]
fn page_without_text_is_no_text() {
    let mut builder = helvetica_builder();
    builder.add_page("0 0 m 100 100 l S");
    let result = extract_text(&builder.finish(), &ExtractLimits::default());
    assert!(matches!(result, Err(ExtractError::NoText)), "{result:?}");
}

#[test]
fn empty_user_password_is_decrypted() {
    let mut builder = helvetica_builder();
    builder.add_page("BT /F1 12 Tf 72 700 Td (open secret) Tj ET");
    assert_eq!(
        text_of(&builder.finish_encrypted("", "owner-pass")),
        "open secret"
    );
}

#[test]
fn user_password_pdf_is_rejected_as_encrypted() {
    let mut builder = helvetica_builder();
    builder.add_page("BT /F1 12 Tf 72 700 Td (hidden) Tj ET");
    let bytes = builder.finish_encrypted("user-pass", "owner-pass");
    let result = extract_text(&bytes, &ExtractLimits::default());
    assert!(
        matches!(result, Err(ExtractError::PdfEncrypted)),
        "{result:?}"
    );
}

#[test]
fn garbage_after_header_is_malformed() {
    let result = extract_text(
        b"%PDF-1.7\n\x00\x01 this is not a PDF body",
        &ExtractLimits::default(),
    );
    assert!(
        matches!(result, Err(ExtractError::Malformed { .. })),
        "{result:?}"
    );
}

#[test]
fn truncated_pdf_never_panics() {
    let mut builder = helvetica_builder();
    builder.add_page("BT /F1 12 Tf 72 700 Td (truncated) Tj ET");
    let bytes = builder.finish();
    for cut in (8..bytes.len()).step_by(37) {
        // Any outcome but a panic is acceptable for a damaged file.
        let _ = extract_text(&bytes[..cut], &ExtractLimits::default());
    }
}

#[test]
fn hyphenated_line_end_words_are_joined() {
    let mut builder = helvetica_builder();
    builder.add_page(
        "BT /F1 10 Tf 72 700 Td (Led data engi-) Tj 0 -12 Td (neering for billing and end-) Tj \
         0 -12 Td (to-end tests in 2019-) Tj 0 -12 Td (2021) Tj ET",
    );
    assert_eq!(
        text_of(&builder.finish()),
        "Led data engineering\nfor billing and end-to-end\ntests in 2019-\n2021"
    );
}

#[test]
fn shared_content_stream_is_decoded_once_per_document() {
    let mut builder = helvetica_builder();
    // One 16 MiB Form XObject drawn 1,000 times: decoding it per drawing would inflate 16 GiB.
    let mut form = String::from("BT /F1 12 Tf 72 700 Td (drawn) Tj ET\n");
    form.push_str(&" ".repeat(16 * 1024 * 1024));
    let id = builder.add_form("Fx1", "");
    builder.set_form(id, &form);
    builder.compress_streams();
    builder.add_page("/Fx1 Do ".repeat(1_000));
    let started = std::time::Instant::now();
    assert_eq!(text_of(&builder.finish()), "drawn");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn form_field_appearance_text_is_read() {
    let mut builder = helvetica_builder();
    let appearance = |text: &str| {
        Stream::new(
            dictionary! { "BBox" => vec![0.into(), 0.into(), 200.into(), 20.into()] },
            format!("BT /F1 10 Tf 2 5 Td ({text}) Tj ET").into_bytes(),
        )
    };
    let visible = builder.add_object(appearance("Kubernetes"));
    let hidden = builder.add_object(appearance("secret note"));
    let widget = |stream, flags: i64| {
        dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "Rect" => vec![72.into(), 600.into(), 272.into(), 620.into()],
            "F" => flags,
            "AP" => dictionary! { "N" => Object::Reference(stream) },
        }
    };
    let field = builder.add_object(widget(visible, 4));
    let hidden_field = builder.add_object(widget(hidden, 2));
    let annots = vec![Object::Reference(field), Object::Reference(hidden_field)];
    builder.add_page_with(
        "BT /F1 12 Tf 72 700 Td (Skills:) Tj ET",
        dictionary! { "Annots" => annots },
    );
    assert_eq!(text_of(&builder.finish()), "Skills:\n\nKubernetes");
}
