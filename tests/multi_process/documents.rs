//! Generated documents of the multi-process test: resumes of fictional people (plain text or
//! DOCX) and job descriptions, with skills that vary by item.

use std::io::{Cursor, Write};

pub(crate) const FIRST_NAMES: [&str; 16] = [
    "Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemi",
    "Lars", "Maya", "Nikhil", "Olga", "Priya",
];

pub(crate) const LAST_NAMES: [&str; 13] = [
    "Varga",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Silva",
    "Novak",
    "Haddad",
    "Keller",
    "Quispe",
    "Rossi",
    "Sato",
    "Walsh",
];

pub(crate) const SKILLS: [&str; 31] = [
    "Rust",
    "Python",
    "Go",
    "Java",
    "TypeScript",
    "JavaScript",
    "React",
    "Node.js",
    "PostgreSQL",
    "MySQL",
    "Redis",
    "Kafka",
    "Docker",
    "Kubernetes",
    "Terraform",
    "AWS",
    "Azure",
    "Linux",
    "Git",
    "C++",
    "C#",
    "Spark",
    "Airflow",
    "Pandas",
    "PyTorch",
    "GraphQL",
    "Scala",
    "Ruby",
    "Django",
    "Tableau",
    "Excel",
];

pub(crate) const TITLES: [&str; 6] = [
    "Backend Engineer",
    "Data Engineer",
    "Frontend Developer",
    "DevOps Engineer",
    "Data Scientist",
    "Platform Engineer",
];

/// Five distinct skills for item `index` (the step is coprime with the pool size).
pub(crate) fn skills_for(index: usize) -> Vec<&'static str> {
    (0..5)
        .map(|k| SKILLS[(index * 3 + k * 7) % SKILLS.len()])
        .collect()
}

/// Returns the lines of a fictional person's resume.
pub(crate) fn resume_lines(index: usize) -> Vec<String> {
    let first = FIRST_NAMES[index % FIRST_NAMES.len()];
    let last = LAST_NAMES[index % LAST_NAMES.len()];
    let title = TITLES[index % TITLES.len()];
    let skills = skills_for(index);
    let years = 2 + index % 12;
    vec![
        format!("{first} {last}"),
        title.to_string(),
        format!(
            "{}.{}{index}@example.com",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        "SUMMARY".to_string(),
        format!("{title} with {years} years of experience."),
        "EXPERIENCE".to_string(),
        format!(
            "{title}, Example Corp {index}, January {} - Present",
            2025 - years
        ),
        format!(
            "Built services in {} and {} on {}.",
            skills[0], skills[1], skills[2]
        ),
        "EDUCATION".to_string(),
        "B.Sc. Computer Science, Example University, 2012".to_string(),
        "SKILLS".to_string(),
        skills.join(", "),
    ]
}

/// Returns the title and text of a job description for item `index`.
pub(crate) fn job_text(index: usize) -> (String, String) {
    let title = TITLES[(index + 1) % TITLES.len()];
    let skills = skills_for(index * 5 + 1);
    let text = format!(
        "We are hiring a {title}. Required: {}, {} and {}. Nice to have: {} and {}. \
         {}+ years of experience. Strong communication and teamwork.",
        skills[0],
        skills[1],
        skills[2],
        skills[3],
        skills[4],
        1 + index % 8
    );
    (format!("{title} {index}"), text)
}

/// Builds a minimal DOCX file with one paragraph per line.
pub(crate) fn docx(lines: &[String]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let relationships = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let paragraphs: String = lines
        .iter()
        .map(|line| format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", escape_xml(line)))
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paragraphs}</w:body></w:document>"#
    );
    for (name, text) in [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", relationships),
        ("word/document.xml", document.as_str()),
    ] {
        writer.start_file(name, options).unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

pub(crate) fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
