//! DOCX extraction against archives generated in the test.

mod support;

use layer1_engine::extract::{ExtractError, ExtractLimits, FileKind, extract_text};
use support::docx_builder::{docx, paragraph, part_xml, table, zip_parts};

fn text_of(bytes: &[u8]) -> String {
    let extracted = extract_text(bytes, &ExtractLimits::default()).expect("the DOCX has text");
    assert_eq!(extracted.kind, FileKind::Docx);
    extracted.text
}

#[test]
fn tables_read_row_by_row_with_nested_table() {
    let nested = table(&[vec![paragraph("Go"), paragraph("Kafka")]]);
    let body = table(&[
        vec![paragraph("Company"), paragraph("Years")],
        vec![
            paragraph("Acme"),
            format!("{}{nested}", paragraph("Stack:")),
        ],
    ]);
    assert_eq!(
        text_of(&docx(&body, &[])),
        "Company\tYears\nAcme\nStack:\nGo\tKafka"
    );
}

#[test]
fn hyperlink_text_is_kept() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">Portfolio: </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>maya.example.com</w:t></w:r></w:hyperlink></w:p>"#;
    assert_eq!(text_of(&docx(body, &[])), "Portfolio: maya.example.com");
}

#[test]
fn hyperlink_addresses_follow_their_labels() {
    let link = |id: &str, text: &str| {
        format!(r#"<w:hyperlink r:id="{id}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>"#)
    };
    let body = format!(
        "<w:p>{}{bar}{}{bar}{}{bar}{}</w:p>",
        link("rId7", "LinkedIn"),
        link("rId8", "github.com/maya-okafor"),
        link("rId9", "Email me"),
        link("rId10", "Intranet"),
        bar = r#"<w:r><w:t xml:space="preserve"> | </w:t></w:r>"#,
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.linkedin.com/in/maya-okafor" TargetMode="External"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://github.com/maya-okafor/" TargetMode="External"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:maya@example.com" TargetMode="External"/><Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="file:///C:/share/intranet.html" TargetMode="External"/></Relationships>"#;
    let parts = [("word/_rels/document.xml.rels", rels.to_string())];
    assert_eq!(
        text_of(&docx(&body, &parts)),
        "LinkedIn (https://www.linkedin.com/in/maya-okafor) | github.com/maya-okafor | \
         Email me (maya@example.com) | Intranet"
    );
}

#[test]
fn broken_relationships_part_is_malformed() {
    let body = paragraph("Maya Okafor");
    let parts = [(
        "word/_rels/document.xml.rels",
        "<Relationships><Relationship Id=\"rId3\"></Relationships>".to_string(),
    )];
    let result = extract_text(&docx(&body, &parts), &ExtractLimits::default());
    let Err(ExtractError::Malformed { kind, reason }) = result else {
        panic!("expected a malformed DOCX, got {result:?}");
    };
    assert_eq!(kind, "docx");
    assert_eq!(reason, "invalid XML in word/_rels/document.xml.rels");
}

#[test]
fn linkedin_behind_a_label_reaches_the_profile() {
    let body = format!(
        "{}<w:p><w:hyperlink r:id=\"rId3\"><w:r><w:t>LinkedIn</w:t></w:r></w:hyperlink></w:p>{}",
        paragraph("Maya Okafor"),
        paragraph("Data analyst with SQL and Tableau."),
    );
    let rels = r#"<Relationships><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://linkedin.com/in/maya-okafor"/></Relationships>"#;
    let parts = [("word/_rels/document.xml.rels", rels.to_string())];
    let text = text_of(&docx(&body, &parts));
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
    let parsed = layer1_engine::resume::parse_resume(
        &text,
        layer1_engine::skills::Gazetteer::builtin(),
        as_of,
    );
    assert_eq!(
        parsed.profile.linkedin.as_deref(),
        Some("https://linkedin.com/in/maya-okafor")
    );
}

#[test]
fn text_box_content_is_read_once() {
    let textbox = format!(
        "<w:txbxContent>{}</w:txbxContent>",
        paragraph("Contact: 555-0100")
    );
    let body = format!(
        concat!(
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{0}</wps:txbx></w:drawing></mc:Choice>",
            "<mc:Fallback><w:pict><v:textbox>{0}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
            "<w:r><w:t>Summary</w:t></w:r></w:p>"
        ),
        textbox
    );
    assert_eq!(text_of(&docx(&body, &[])), "Contact: 555-0100\nSummary");
}

#[test]
fn tracked_changes_read_as_accepted() {
    let body = concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">Skills: </w:t></w:r>"#,
        r#"<w:del w:id="1" w:author="a"><w:r><w:delText>Perl</w:delText></w:r></w:del>"#,
        r#"<w:ins w:id="2" w:author="a"><w:r><w:t>Rust</w:t></w:r></w:ins></w:p>"#
    );
    assert_eq!(text_of(&docx(body, &[])), "Skills: Rust");
}

#[test]
fn content_controls_tabs_and_breaks_are_kept() {
    let body = r#"<w:sdt><w:sdtPr><w:alias w:val="Name"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Maya</w:t><w:tab/><w:t>Okafor</w:t><w:br/><w:t>Engineer</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    assert_eq!(text_of(&docx(body, &[])), "Maya\tOkafor\nEngineer");
}

#[test]
fn headers_lead_and_footers_follow_the_body() {
    let parts = [
        (
            "word/header1.xml",
            part_xml("hdr", &paragraph("Maya Okafor – Resume")),
        ),
        ("word/footer1.xml", part_xml("ftr", &paragraph("Page 1"))),
        (
            "word/header2.xml",
            part_xml("hdr", &paragraph("Maya Okafor – Resume")),
        ),
    ];
    let text = text_of(&docx(&paragraph("Body text"), &parts));
    assert_eq!(text, "Maya Okafor – Resume\n\nBody text\n\nPage 1");
}

#[test]
fn oversized_entry_is_rejected_as_malformed() {
    let body = paragraph(&"x".repeat(200_000));
    let limits = ExtractLimits {
        max_decompressed_bytes: 50_000,
        ..ExtractLimits::default()
    };
    let result = extract_text(&docx(&body, &[]), &limits);
    assert!(
        matches!(result, Err(ExtractError::Malformed { kind: "docx", .. })),
        "{result:?}"
    );
}

#[test]
fn empty_document_is_no_text() {
    let result = extract_text(&docx("<w:p/>", &[]), &ExtractLimits::default());
    assert!(matches!(result, Err(ExtractError::NoText)), "{result:?}");
}

#[test]
fn invalid_xml_is_malformed() {
    let parts = [
        ("[Content_Types].xml", "<Types/>".to_string()),
        (
            "word/document.xml",
            "<w:document><w:body><w:p></w:body>".to_string(),
        ),
    ];
    let result = extract_text(&zip_parts(&parts), &ExtractLimits::default());
    assert!(
        matches!(result, Err(ExtractError::Malformed { .. })),
        "{result:?}"
    );
}

#[test]
fn xml_error_quotes_no_document_text() {
    let parts = [
        ("[Content_Types].xml", "<Types/>".to_string()),
        (
            "word/document.xml",
            "<w:document><w:body><w:Nell.Corrow-nell.c@example.test></w:body>".to_string(),
        ),
    ];
    let result = extract_text(&zip_parts(&parts), &ExtractLimits::default());
    let message = result.expect_err("the XML is invalid").to_string();
    assert!(message.contains("word/document.xml near byte"), "{message}");
    assert!(!message.contains("Corrow"), "{message}");
}
