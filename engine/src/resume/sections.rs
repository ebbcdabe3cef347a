//! Section detection: finds heading lines such as "Work History" or "TECHNICAL SKILLS:" and
//! maps them to the section names `SUMMARY`, `EXPERIENCE`, `EDUCATION`, `SKILLS`,
//! `PROJECTS` and `CERTIFICATIONS`.

use std::ops::Range;

/// Headings of other sections (awards, interests…), which end the section before them.
const OTHER: &str = "OTHER";

/// English heading words, after lower-casing, `&` → `and` and dropping punctuation, per section.
const HEADINGS: &[(&str, &[&str])] = &[
    (
        "SUMMARY",
        &[
            "summary",
            "professional summary",
            "career summary",
            "executive summary",
            "profile",
            "professional profile",
            "career profile",
            "about",
            "about me",
            "objective",
            "career objective",
            "professional objective",
            "overview",
            "personal statement",
            "summary of qualifications",
            "qualifications summary",
            "introduction",
            "objective summary",
            "about the candidate",
        ],
    ),
    (
        "EXPERIENCE",
        &[
            "experience",
            "work experience",
            "professional experience",
            "work history",
            "employment",
            "employment history",
            "career history",
            "relevant experience",
            "professional background",
            "career experience",
            "experience history",
            "industry experience",
            "clinical experience",
            "teaching experience",
            "professional history",
            "positions held",
            "jobs",
            "military service",
            "military experience",
            "military history",
            "military background",
            "service history",
            "travel contracts",
            "travel assignments",
            "contracts",
            "assignments",
            "clients",
            "selected clients",
            "academic appointments",
            "appointments",
            "positions",
            "executive career",
            "career highlights and positions",
            "board roles",
            "board positions",
            "board appointments",
            "internships",
            "internship experience",
            "internships and experience",
            "work and internship experience",
            "where i ve worked",
            "where i have worked",
            "places i ve worked",
            "employment record",
            "relevant work history",
            "work experience and internships",
            "freelance work",
            "freelance experience",
            "work",
            "career",
            "experience and leadership",
            "experience highlights",
            "selected experience",
            "experience and projects",
            "work experience and projects",
            "professional experience and projects",
        ],
    ),
    (
        "EDUCATION",
        &[
            "education",
            "education and training",
            "academic background",
            "academic history",
            "academic qualifications",
            "educational background",
            "education and certifications",
            "education and certification",
            "education and credentials",
            "education and licenses",
            "education and licensure",
            "education and qualifications",
            "training and education",
            "academics",
            "where i studied",
            "studies",
            "schooling",
            "qualifications and education",
            "degrees",
            "educational qualifications",
            "educational qualification",
            "education qualifications",
            "educational details",
            "education details",
            "academic details",
            "academic credentials",
        ],
    ),
    (
        "SKILLS",
        &[
            "skills",
            "top skills",
            "technical skills",
            "computer skills",
            "it skills",
            "digital skills",
            "skills matrix",
            "software and skills",
            "skills and software",
            "software",
            "software skills",
            "systems and software",
            "core competencies",
            "competencies",
            "key skills",
            "core skills",
            "skills summary",
            "areas of expertise",
            "expertise",
            "technologies",
            "tech stack",
            "tools",
            "tools and technologies",
            "skills and abilities",
            "professional skills",
            "technical proficiencies",
            "proficiencies",
            "skills and competencies",
            "technical expertise",
            "relevant skills",
            "key competencies",
            "skills and tools",
            "technical competencies",
            "qualifications",
            "abilities",
            "clinical skills",
            "skill set",
            "skillset",
            "skills set",
        ],
    ),
    (
        "PROJECTS",
        &[
            "projects",
            "personal projects",
            "selected projects",
            "key projects",
            "academic projects",
            "side projects",
            "portfolio",
            "open source",
            "project experience",
            "notable projects",
        ],
    ),
    (
        "CERTIFICATIONS",
        &[
            "certifications",
            "certification",
            "certificates",
            "licenses",
            "licences",
            "licenses and certifications",
            "certifications and licenses",
            "licensure",
            "credentials",
            "professional certifications",
            "certifications and training",
            "licenses and certificates",
            "certificates and licenses",
            "licensure and certification",
            "licensure and certifications",
            "licenses and certification",
            "professional designations",
            "designations",
            "training and certifications",
            "training and certification",
            "training",
            "trainings",
            "professional development and certifications",
            "certifications and professional development",
            "courses and certifications",
            "license",
            "licence",
            "teaching credentials",
            "credentials and licenses",
            "licenses and credentials",
            "professional qualifications",
            "additional qualifications",
            "certifications and additional qualifications",
            "certifications and qualifications",
            "licensing",
            "licensing and certification",
            "licensing and certifications",
            "tickets",
            "tickets and licences",
            "tickets and licenses",
            "licences and tickets",
            "licenses and tickets",
        ],
    ),
    (
        OTHER,
        &[
            "awards",
            "honors",
            "honours",
            "awards and honors",
            "publications",
            "volunteer",
            "volunteering",
            "volunteer experience",
            "interests",
            "hobbies",
            "references",
            "languages",
            "activities",
            "affiliations",
            "memberships",
            "professional affiliations",
            "achievements",
            "additional information",
            "courses",
            "coursework",
            "patents",
            "leadership",
            "community involvement",
            "community service",
            "volunteer work",
            "volunteer and community",
            "volunteering and community",
            "community and volunteer work",
            "community and volunteering",
            "volunteer and community work",
            "extracurricular activities",
            "extracurriculars",
            "leadership and activities",
            "activities and leadership",
            "clubs and activities",
            "leadership experience",
            "contact",
            "personal details",
            "accomplishments",
            "key accomplishments",
            "professional development",
            "training",
        ],
    ),
];

/// Heading words in other languages than English, written as in `HEADINGS`, per section.
const FOREIGN_HEADINGS: &[(&str, &[&str])] = &[
    (
        "SUMMARY",
        &[
            "perfil",
            "profil",
            "profilo",
            "zusammenfassung",
            "über mich",
            "resumen",
            "resumo",
            "profiel",
        ],
    ),
    (
        "EXPERIENCE",
        &[
            "experiencia laboral",
            "experiencia",
            "experiencia profesional",
            "expérience professionnelle",
            "expérience",
            "expériences professionnelles",
            "esperienza",
            "esperienza professionale",
            "esperienze professionali",
            "esperienza lavorativa",
            "esperienze lavorative",
            "berufserfahrung",
            "berufliche erfahrung",
            "berufspraxis",
            "experiência",
            "experiência profissional",
            "werkervaring",
        ],
    ),
    (
        "EDUCATION",
        &[
            "formation",
            "educación",
            "formación",
            "formación académica",
            "istruzione",
            "formazione",
            "ausbildung",
            "bildungsweg",
            "formação",
            "formação acadêmica",
            "formação académica",
            "educação",
            "opleiding",
        ],
    ),
    (
        "SKILLS",
        &[
            "habilidades",
            "compétences",
            "competencias",
            "competenze",
            "kenntnisse",
            "fähigkeiten",
            "fachkenntnisse",
            "competências",
            "vaardigheden",
        ],
    ),
    (
        OTHER,
        &[
            "langues",
            "idiomas",
            "langues parlées",
            "lingue",
            "sprachen",
            "talen",
        ],
    ),
];

/// Fewest English heading lines that mark a document's headings as English.
const MIN_ENGLISH_HEADINGS: usize = 2;

/// One detected section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// Section name such as `EXPERIENCE`.
    pub(crate) name: &'static str,
    /// Byte range of the section body, heading excluded.
    pub(crate) body: Range<usize>,
}

/// Splits `text` into the known sections, in document order. Text before the first heading
/// and under unknown headings is left out.
pub(crate) fn split_sections(text: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut offset = 0;
    let mut after_blank = true;
    for line in text.split_inclusive('\n') {
        let line_end = offset + line.len();
        let current = sections.last().map(|s| s.name);
        let heading = heading_of(line, current, after_blank);
        after_blank = line.trim().is_empty();
        if let Some((name, body_start)) = heading {
            if let Some(last) = sections.last_mut() {
                last.body.end = offset;
            }
            sections.push(Section {
                name,
                body: offset + body_start..line_end,
            });
        }
        offset = line_end;
    }
    if let Some(last) = sections.last_mut() {
        last.body.end = text.len();
    }
    sections.retain(|s| s.name != OTHER);
    sections
}

/// Returns the section named by a heading line, with the byte offset in the line where
/// its body starts (after the line, or after the colon of "Skills: Python, Go" or the bar of
/// "SUMMARY | Friendly and fast").
///
/// A label with text after its colon opens a section outside the Experience, Projects and
/// Skills sections, where lines such as "Tools: Jira, Git" or "Languages: Go" describe the
/// entry they sit in. Inside them it opens a section only when it starts a paragraph (after
/// a blank line, not indented) and names a different section, or, inside Skills, when it names
/// Education or Certifications ("Skills: Python" then "Education: BSc Physics, 2019").
fn heading_of(
    line: &str,
    current: Option<&str>,
    after_blank: bool,
) -> Option<(&'static str, usize)> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    let by_head = || after_blank.then(|| by_head_word(trimmed)).flatten();
    if trimmed.len() <= 60
        && let Some(name) = lookup(trimmed).or_else(by_head)
    {
        return Some((name, line.len()));
    }
    // "Skills: Python" or "SUMMARY | Friendly and fast".
    let separator = [":", " | "]
        .into_iter()
        .find(|separator| trimmed.contains(separator))?;
    let (label, _) = trimmed.split_once(separator)?;
    let name = lookup(label).filter(|name| *name != OTHER)?;
    let inside_entries = matches!(current, Some("EXPERIENCE" | "PROJECTS" | "SKILLS"));
    let starts_paragraph = after_blank && !line.starts_with([' ', '\t']);
    let leaves_skills = current == Some("SKILLS") && matches!(name, "EDUCATION" | "CERTIFICATIONS");
    if inside_entries && !leaves_skills && (!starts_paragraph || current == Some(name)) {
        return None;
    }
    let at = line
        .find(separator)
        .expect("the trimmed line contains the separator");
    Some((name, at + separator.len()))
}

/// Checks whether the headings of `text` are English: at least `MIN_ENGLISH_HEADINGS`
/// headings in English (one in a text under `SHORT_DOCUMENT_WORDS` words), on a line of their
/// own or before a colon ("EXPERIENCE", "Skills: Python"), and none in another language
/// ("Formation", "Experiencia laboral").
pub(crate) fn english_headings(text: &str) -> bool {
    let keys = text.lines().map(str::trim).filter_map(|line| {
        let label = match line.split_once(':') {
            Some((label, _)) if lookup(line).is_none() => label,
            _ => line,
        };
        (label.len() <= 60 && lookup(label).is_some()).then(|| normalise(label))
    });
    let (mut english, mut other) = (0, 0);
    for key in keys {
        if in_table(FOREIGN_HEADINGS, &key).is_some() {
            other += 1;
        } else {
            english += 1;
        }
    }
    let short = text.split_whitespace().count() < SHORT_DOCUMENT_WORDS;
    let enough = english >= MIN_ENGLISH_HEADINGS || (short && english >= 1);
    enough && other == 0
}

/// Minimum word count of a document whose letter patterns outweigh one English heading. A
/// shorter text ("EXPERIENCE" over three lines) can read as French to a letter-pattern guess.
const SHORT_DOCUMENT_WORDS: usize = 60;

/// Returns the byte offset where the line of the first section heading starts, or the text's
/// length when it has none. The text before it is the contact block.
pub(crate) fn first_heading_start(text: &str, found: &[Section]) -> usize {
    let Some(first) = found.first() else {
        return text.len();
    };
    let before = text[..first.body.start].trim_end_matches(['\n', '\r']);
    before.rfind('\n').map_or(0, |newline| newline + 1)
}

/// Checks whether a whole line is a section heading.
pub(crate) fn is_heading(line: &str) -> bool {
    lookup(line.trim()).is_some()
}

/// Maximum length, in bytes, of a label looked up as a heading. Headings are a few words, so a
/// longer line is not normalised.
const MAX_LABEL_BYTES: usize = 80;

fn lookup(label: &str) -> Option<&'static str> {
    if label.len() > MAX_LABEL_BYTES {
        return None;
    }
    let key = normalise(label);
    if key.is_empty() || key.split(' ').count() > 5 {
        return None;
    }
    in_table(HEADINGS, &key).or_else(|| in_table(FOREIGN_HEADINGS, &key))
}

/// Names of experiences that are skills or services rather than a record of jobs ("Customer
/// Experience", "User Experience").
const EXPERIENCE_SKILL_WORDS: &[&str] = &[
    "customer",
    "user",
    "patient",
    "guest",
    "client",
    "employee",
    "candidate",
    "member",
    "brand",
    "digital",
    "developer",
];

/// Names the section of a short heading that no table lists by its head word: "Contract
/// Experience" and "Volunteer Experience" are Experience, "Executive Profile" is Summary, and
/// "Certifications & Exams" is Certifications. A heading about skills ("Skills Summary") is
/// left to the tables, and so are the names of experiences that are skills ("Customer
/// Experience"). Only a line after a blank line is read this way, because such a line inside
/// a list is one of its items.
fn by_head_word(label: &str) -> Option<&'static str> {
    let key = normalise(label);
    let words: Vec<&str> = key.split(' ').collect();
    let skill_words = words
        .iter()
        .any(|word| *word == "skills" || EXPERIENCE_SKILL_WORDS.contains(word));
    if key.is_empty() || words.len() > 3 || skill_words {
        return None;
    }
    let (first, last) = (words[0], words[words.len() - 1]);
    match (first, last) {
        (_, "experience") => Some("EXPERIENCE"),
        (_, "profile" | "summary") => Some("SUMMARY"),
        ("certifications" | "certificates" | "licenses" | "licences" | "licensure", _) => {
            Some("CERTIFICATIONS")
        }
        _ => None,
    }
}

/// Returns the section whose forms in `table` include the normalised heading `key`.
fn in_table(table: &[(&'static str, &[&str])], key: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(_, forms)| forms.contains(&key))
        .map(|(name, _)| *name)
}

/// Lower-cases, writes `&` as `and`, drops decoration and punctuation and collapses spaces.
fn normalise(label: &str) -> String {
    let spaced = label.to_lowercase().replace('&', " and ");
    let cleaned: String = spaced
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let cleaned = join_spaced_letters(&cleaned).unwrap_or(cleaned);
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    // "Experience (continued)" and "Experience, cont'd" go on a section from the page before,
    // and "Work Experience (Selected)" is the section itself.
    match words.as_slice() {
        [.., _, "continued" | "cont" | "selected"] => {
            words.pop();
        }
        [.., _, "cont", "d"] => {
            words.truncate(words.len() - 2);
        }
        _ => {}
    }
    words.join(" ")
}

/// Joins a heading written with spaced-out letters ("E X P E R I E N C E"). Two or more
/// spaces part its words ("W O R K  H I S T O R Y"). Returns `None` for any other label.
fn join_spaced_letters(label: &str) -> Option<String> {
    let letters: Vec<&str> = label.split_whitespace().collect();
    let spaced_out = letters.len() >= 4 && letters.iter().all(|w| w.chars().count() == 1);
    if !spaced_out {
        return None;
    }
    let words: Vec<String> = label
        .trim()
        .split("  ")
        .map(|word| word.split_whitespace().collect::<String>())
        .filter(|word| !word.is_empty())
        .collect();
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&'static str> {
        split_sections(text).iter().map(|s| s.name).collect()
    }

    #[test]
    fn spaced_and_continued_headings() {
        let text = "Jo Quill\nE X P E R I E N C E\nx\nE D U C A T I O N\nx\n\
                    W O R K   H I S T O R Y\nx\nExperience (continued)\nx\nSkills, cont'd\nx\n";
        let expected = [
            "EXPERIENCE",
            "EDUCATION",
            "EXPERIENCE",
            "EXPERIENCE",
            "SKILLS",
        ];
        assert_eq!(names(text), expected);
        assert!(!is_heading("A B C D"));
    }

    #[test]
    fn heading_forms_are_recognised() {
        let text = "Jo Quill\nPROFILE\nx\nWork History:\nx\nTechnical Skills\nx\n\
                    Education & Training\nx\nLicenses\nx\n## Selected Projects ##\nx\n";
        let expected = [
            "SUMMARY",
            "EXPERIENCE",
            "SKILLS",
            "EDUCATION",
            "CERTIFICATIONS",
            "PROJECTS",
        ];
        assert_eq!(names(text), expected);
    }

    #[test]
    fn synonyms_map_to_one_section() {
        assert_eq!(names("Objective\nx\n"), ["SUMMARY"]);
        assert_eq!(names("Professional Experience\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Employment\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Internships\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Core Competencies\nx\n"), ["SKILLS"]);
        assert_eq!(names("Certificates\nx\n"), ["CERTIFICATIONS"]);
        assert_eq!(names("COMPUTER SKILLS\nx\n"), ["SKILLS"]);
        assert_eq!(names("SOFTWARE\nx\n"), ["SKILLS"]);
        for heading in [
            "TRAINING & CERTIFICATIONS",
            "TRAINING",
            "LICENSE",
            "TEACHING CREDENTIALS",
            "PROFESSIONAL DESIGNATIONS",
        ] {
            assert_eq!(
                names(&format!("{heading}\nx\n")),
                ["CERTIFICATIONS"],
                "{heading}"
            );
        }
        for heading in [
            "Work Experience (Selected)",
            "Experience Highlights",
            "Professional Experience & Projects",
        ] {
            assert_eq!(
                names(&format!("{heading}\nx\n")),
                ["EXPERIENCE"],
                "{heading}"
            );
        }
        assert_eq!(names("About\nx\n"), ["SUMMARY"]);
        assert_eq!(names("Esperienza professionale\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("BERUFSERFAHRUNG\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Ausbildung\nx\n"), ["EDUCATION"]);
        assert_eq!(names("Studies\nx\n"), ["EDUCATION"]);
        assert_eq!(names("SCHOOLING\nx\n"), ["EDUCATION"]);
        assert!(names("Case Studies\nx\n").is_empty());
        assert_eq!(names("Competências\nx\n"), ["SKILLS"]);
        assert_eq!(names("CONTRACT EXPERIENCE\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Executive Profile\nx\n"), ["SUMMARY"]);
        assert_eq!(names("CERTIFICATIONS & EXAMS\nx\n"), ["CERTIFICATIONS"]);
        assert_eq!(
            names("SUMMARY | Friendly and fast on the phones.\n"),
            ["SUMMARY"]
        );
        assert!(names("Experience with Python and Go matters here\n").is_empty());
        assert_eq!(
            names("Skills\nSQL\nCustomer Experience\nZendesk\n"),
            ["SKILLS"]
        );
        assert_eq!(names("Skills\nSQL\nSales Experience\n"), ["SKILLS"]);
        assert_eq!(names("Formação académica\nx\n"), ["EDUCATION"]);
        assert_eq!(names("Where I've Worked\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Where I Studied\nx\n"), ["EDUCATION"]);
        assert_eq!(names("SKILL SET\nx\n"), ["SKILLS"]);
        assert_eq!(names("Employment Record\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Work Experience & Internships\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Freelance Work\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("WORK\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Career\nx\n"), ["EXPERIENCE"]);
        assert_eq!(names("Experience & Leadership\nx\n"), ["EXPERIENCE"]);
    }

    #[test]
    fn regional_headings_map_to_sections() {
        for (heading, section) in [
            ("IT SKILLS:", "SKILLS"),
            ("EDUCATIONAL QUALIFICATIONS", "EDUCATION"),
            ("Academic Details", "EDUCATION"),
            ("Professional Qualifications", "CERTIFICATIONS"),
            ("Licensing", "CERTIFICATIONS"),
            ("Tickets & Licences", "CERTIFICATIONS"),
            (
                "Certifications & Additional Qualifications",
                "CERTIFICATIONS",
            ),
            ("Military History", "EXPERIENCE"),
            ("TRAVEL CONTRACTS", "EXPERIENCE"),
            ("Academic Appointments", "EXPERIENCE"),
            ("Board Roles", "EXPERIENCE"),
            ("SKILLS MATRIX", "SKILLS"),
            ("SOFTWARE & SKILLS", "SKILLS"),
        ] {
            assert_eq!(names(&format!("{heading}\nx\n")), [section], "{heading}");
        }
    }

    #[test]
    fn headings_tell_english_from_other_languages() {
        assert!(english_headings("Ana\nEXPERIENCE\nx\nEducation:\nx\n"));
        assert!(english_headings("Ana\nEXPERIENCE\nx\n"));
        let long = format!("Ana\nEXPERIENCE\n{}\n", "palabra ".repeat(80));
        assert!(!english_headings(&long));
        assert!(english_headings(
            "Ana\nSkills: Python, SQL\n\nExperience\nx\n"
        ));
        assert!(!english_headings(
            "Ana\nSkills: Python\nBerufserfahrung\nx\nEducation\n"
        ));
        assert!(!english_headings(
            "Ana\nExperiencia laboral\nx\nEducation\nx\nSkills\n"
        ));
    }

    #[test]
    fn contact_block_ends_at_first_heading() {
        let text = "Ana Ruiz\nana@example.com\nSKILLS\nGo\n";
        assert_eq!(first_heading_start(text, &split_sections(text)), 25);
        let inline = "Ana Ruiz\nSkills: Go\n";
        assert_eq!(first_heading_start(inline, &split_sections(inline)), 9);
        assert_eq!(first_heading_start("Ana Ruiz\n", &[]), 9);
    }

    #[test]
    fn inline_heading_body_starts_after_colon() {
        let text = "Skills: Python, SQL\nEducation\nBSc\n";
        let sections = split_sections(text);
        assert_eq!(sections[0].name, "SKILLS");
        assert_eq!(&text[sections[0].body.clone()], " Python, SQL\n");
        assert_eq!(&text[sections[1].body.clone()], "BSc\n");
    }

    #[test]
    fn inline_education_label_leaves_skills() {
        let text = "Skills: Python, SQL\nEducation: BSc Physics, Tarn University, 2019\n\
            Certifications: PMP\n";
        assert_eq!(names(text), ["SKILLS", "EDUCATION", "CERTIFICATIONS"]);
        let text = "Jobs\n- Clerk (2019 - 2020)\n  Education: forklift course\n";
        assert_eq!(names(text), ["EXPERIENCE"]);
    }

    #[test]
    fn unknown_heading_ends_previous_section() {
        let text = "Skills\nGo\nInterests\nhiking\n";
        let sections = split_sections(text);
        assert_eq!(sections.len(), 1);
        assert_eq!(&text[sections[0].body.clone()], "Go\n");
    }

    #[test]
    fn labelled_lines_stay_inside_skills() {
        let text = "Technical Skills\nLanguages: Go, Rust\nTools: Git\n";
        let sections = split_sections(text);
        assert_eq!(sections.len(), 1);
        assert_eq!(
            &text[sections[0].body.clone()],
            "Languages: Go, Rust\nTools: Git\n"
        );
    }

    #[test]
    fn labelled_paragraph_after_entries_opens_a_section() {
        let text = "Jobs\n- Clerk (2019 - 2020)\n    Tools: RF scanner\n\nSkills: forklift\n";
        assert_eq!(names(text), ["EXPERIENCE", "SKILLS"]);
    }

    #[test]
    fn sentence_mentioning_experience_is_not_a_heading() {
        assert!(names("I have experience with many tools and teams\n").is_empty());
    }
}
