//! Per-skill statistics of a resume: mentions, sections and stated years of experience.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use super::ResumeSkill;
use super::entries::{ExperienceEntry, ends_in_role, entry_at};
use super::experience::total_years;
use super::proficiency::stated_level;
use super::sections::Section;
use crate::skills::SkillMatch;
use crate::skills::{COUNT, decades_in_years, length_in_years, marks_point_in_time};

/// Returns a regex fragment for a length of experience: a count and a unit ("5+ years", "3 yrs",
/// "eighteen months", "7-9 years", "2 years and 6 months", "two and a half years", groups `n`,
/// `half`, `unit` and `months`), "a year and a half" (group `year_and_half`) or a count of
/// decades ("a decade", "half a decade", group `decades`). A range gives its lower end.
fn length_pattern(gap: &str) -> String {
    let count = &*COUNT;
    format!(
        r"(?:(?P<n>{count})(?P<half>{gap}and{gap}a{gap}half)?(?:{gap}(?:[-‐‑‒–—―−~]|to){gap}\d{{1,3}}(?:[.,]\d)?)?{gap}\+?{gap}(?P<unit>years?|yrs?|months?|mos)(?:{gap}(?:(?:and|,){gap})?(?P<months>\d{{1,2}}){gap}(?:months?|mos?))?|(?P<year_and_half>an?{gap}year{gap}and{gap}a{gap}half)|(?P<decades>half a|a|one|two|three){gap}decades?)\b"
    )
}

/// "5+ years of", "3 yrs", "five years of", "eighteen months of", "a decade of" and similar,
/// as the last phrase before a skill.
static YEARS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b{}", length_pattern(r"\s*")))
        .expect("the years pattern is a fixed, valid regular expression")
});

/// "(4 years)", "- 5 yrs", ": 3+ years", "| 7 yrs" (a table cell), "(two years)", "for three
/// years", "for a decade" right after a skill, also after its version ("Java 8 (3 years)").
static YEARS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^[ \t]*(?:v?\d{{1,2}}(?:\.\d{{1,2}})*\+?(?:[ \t]+|\b))?[(:,–—|-]?[ \t]*(?:(?:expert|advanced|intermediate|proficient|basic|beginner|strong)[ \t]*[,;][ \t]*)?(?:for[ \t]+)?{}",
        length_pattern(r"[ \t]*")
    ))
    .expect("the years pattern is a fixed, valid regular expression")
});

/// A list of skills that ends in a colon and a length, read from the text after a skill that
/// is not the list's last: ", Go: 7 years" after "Ruby" in "Ruby, Go: 7 years".
static YEARS_AFTER_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^[ \t]*(?:,|/|&|and)[^:;.()\n]{{1,200}}:[ \t]*{}",
        length_pattern(r"[ \t]*")
    ))
    .expect("the years pattern is a fixed, valid regular expression")
});

/// Returns a regex for "with", an optional "over" or "nearly", and a length of experience,
/// after `lead` right after a skill.
fn with_years_after(lead: &str) -> Regex {
    Regex::new(&format!(
        r"(?i)^[ \t]+{lead}with[ \t]+(?:(?:over|more[ \t]+than|nearly|almost|about)[ \t]+)?{}",
        length_pattern(r"[ \t]*")
    ))
    .expect("the years pattern is a fixed, valid regular expression")
}

/// A role named by the skill and a length of experience after it: "Python developer with 5
/// years of experience", "Salesforce administrator with over 4 years".
static ROLE_YEARS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    with_years_after(
        r"(?:developer|engineer|programmer|analyst|administrator|admin|architect|consultant|specialist|technician|designer|scientist|accountant|expert)s?[ \t]+",
    )
});

/// A length of experience right after a skill that is a role: "Paralegal with 7 years".
static WITH_YEARS_AFTER: LazyLock<Regex> = LazyLock::new(|| with_years_after(""));

/// How far before a mention a years phrase may stand, in bytes.
const YEARS_WINDOW: usize = 60;

/// Order of section names in `source`.
const SECTION_ORDER: [&str; 6] = [
    "SUMMARY",
    "EXPERIENCE",
    "EDUCATION",
    "SKILLS",
    "PROJECTS",
    "CERTIFICATIONS",
];

/// Tallies `matches` into resume skills, most mentioned first, then by name. A skill's
/// `experience_years` is the longest of the years stated next to a mention ("5+ years of
/// Python") and the length of the union of the experience entries whose text mentions it.
pub(crate) fn tally(
    text: &str,
    matches: &[SkillMatch],
    sections: &[Section],
    entries: &[ExperienceEntry],
) -> Vec<ResumeSkill> {
    let mut by_id: HashMap<&str, Tally> = HashMap::new();
    for found in matches {
        let tally = by_id
            .entry(found.skill_id.as_str())
            .or_insert_with(|| Tally {
                skill: ResumeSkill {
                    skill: found.name.clone(),
                    skill_id: found.skill_id.clone(),
                    experience_years: None,
                    proficiency: None,
                    mentions: 0,
                    source: vec!["matcher".to_string()],
                },
                places: BTreeSet::new(),
                jobs: BTreeSet::new(),
            });
        tally.skill.mentions += 1;
        if let Some(years) = stated_years(text, found).filter(|years| *years > 0.0) {
            tally.add_years(years);
        }
        if let Some(level) = stated_level(text, found) {
            let known = tally.skill.proficiency.unwrap_or(0.0);
            tally.skill.proficiency = Some(known.max(level));
        }
        tally.jobs.extend(entry_at(entries, found.start));
        let section = sections.iter().find(|s| s.body.contains(&found.start));
        if let Some(section) = section {
            let rank = SECTION_ORDER.iter().position(|n| *n == section.name);
            tally.places.extend(rank);
        }
    }

    let mut skills: Vec<ResumeSkill> = by_id
        .into_values()
        .map(|tally| tally.finish(entries))
        .collect();
    skills.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.skill.cmp(&b.skill))
    });
    skills
}

/// Running totals of the mentions of one skill.
struct Tally {
    skill: ResumeSkill,
    /// Ranks in [`SECTION_ORDER`] of the sections that mention the skill.
    places: BTreeSet<usize>,
    /// Indexes of the experience entries that mention the skill.
    jobs: BTreeSet<usize>,
}

impl Tally {
    fn add_years(&mut self, years: f64) {
        let known = self.skill.experience_years;
        self.skill.experience_years = Some(known.map_or(years, |y| y.max(years)));
    }

    fn finish(mut self, entries: &[ExperienceEntry]) -> ResumeSkill {
        let months = self
            .jobs
            .iter()
            .flat_map(|i| entries[*i].months.iter().copied());
        if let Some(years) = total_years(months.collect()) {
            self.add_years(years);
        }
        let names = self
            .places
            .iter()
            .map(|rank| SECTION_ORDER[*rank].to_string());
        self.skill.source.extend(names);
        self.skill
    }
}

/// Reads years of experience stated right before or after a mention on the same line,
/// such as "5+ years of Python" or "Python (4 years)".
fn stated_years(text: &str, found: &SkillMatch) -> Option<f64> {
    let line_start = crate::skills::line_range(text, found.start).start;
    let mut window_start = found.start.saturating_sub(YEARS_WINDOW).max(line_start);
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    let after = &text[found.end..];
    let from_after = YEARS_AFTER
        .captures(after)
        .or_else(|| YEARS_AFTER_LIST.captures(after))
        .or_else(|| ROLE_YEARS_AFTER.captures(after))
        .or_else(|| {
            // "Paralegal with 7 years of experience", "project manager with 10 years": the
            // skill is written as the role itself.
            let surface = &text[found.start..found.end];
            (ends_in_role(&found.name) || ends_in_role(surface))
                .then(|| WITH_YEARS_AFTER.captures(after))
                .flatten()
        })
        .and_then(|caps| {
            let whole = caps.get(0)?;
            let rest = &after[whole.end()..];
            if marks_point_in_time("", rest) || opens_next_item(whole.as_str(), rest) {
                return None;
            }
            length(&caps)
        });

    // "Go for 4 years and Rust for 2 years": a figure written after this skill is its own,
    // and one before it that ends in "and" belongs to the skill before.
    let before = &text[window_start..found.start];
    let last = YEARS_BEFORE.captures_iter(before).last();
    let from_before = last.and_then(|caps| {
        let whole = caps.get(0)?;
        let gap = &before[whole.end()..];
        let same_clause = !gap.contains(['.', ';', ',', ')', '(']);
        let joined = matches!(
            gap.split_whitespace()
                .next()
                .map(str::to_lowercase)
                .as_deref(),
            Some("and" | "or" | "but" | "&")
        );
        let point_in_time = marks_point_in_time(&before[..whole.start()], gap);
        (same_clause && !joined && !point_in_time)
            .then(|| length(&caps))
            .flatten()
    });
    from_after
        .or(from_before)
        .or_else(|| table_years(text, found))
}

/// Most lines above a table row that may hold the table's header.
const TABLE_HEADER_LINES: usize = 30;

/// Reads the years of a skill from a "Years" column: a row of tab- or bar-separated cells
/// ("Adobe Illustrator\tExpert\t9") under a header that names the column ("Tool\tLevel\tYears").
fn table_years(text: &str, found: &SkillMatch) -> Option<f64> {
    let line = crate::skills::line_range(text, found.start);
    let row = &text[line.clone()];
    let separator = if row.contains('\t') {
        '\t'
    } else if row.contains('|') {
        '|'
    } else {
        return None;
    };
    let cells = |line: &str| -> Vec<String> {
        line.split(separator)
            .map(str::trim)
            .filter(|cell| !cell.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let above = text[..line.start].lines().rev();
    let header = above
        .take(TABLE_HEADER_LINES)
        .take_while(|line| line.contains(separator))
        .map(cells)
        .find(|cells| cells.iter().any(|cell| YEARS_HEADER.is_match(cell)))?;
    let column = header.iter().position(|cell| YEARS_HEADER.is_match(cell))?;
    let value = cells(row).get(column)?.trim_end_matches('+').to_string();
    value
        .parse::<f64>()
        .ok()
        .filter(|years| (0.0..=60.0).contains(years))
}

/// The header of a column of years: "Years", "Yrs", "Years of experience", "Experience
/// (years)".
static YEARS_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:years?|yrs?|years? of experience|experience \((?:years|yrs)\)|years? used)$")
        .expect("the years header pattern is valid")
});

/// Checks whether a length after a comma introduces the next item of a list rather than
/// measuring the skill before it: in "5+ years of Python, 3 years of Django" the 3 years are
/// Django's. `found` is the length with the text before it, `rest` the text after it.
fn opens_next_item(found: &str, rest: &str) -> bool {
    let next_word = rest
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    found.trim_start().starts_with(',')
        && matches!(next_word.as_str(), "of" | "in" | "with" | "using" | "on")
}

/// Reads the length of a match of `length_pattern` in years.
fn length(caps: &regex::Captures<'_>) -> Option<f64> {
    if let Some(decades) = caps.name("decades") {
        return Some(decades_in_years(decades.as_str()));
    }
    if caps.name("year_and_half").is_some() {
        return Some(1.5);
    }
    let months = caps
        .name("months")
        .and_then(|m| m.as_str().parse::<f64>().ok())
        .unwrap_or(0.0);
    let half = if caps.name("half").is_some() {
        length_in_years("1", &caps["unit"])? / 2.0
    } else {
        0.0
    };
    let years = length_in_years(&caps["n"], &caps["unit"])? + half + months / 12.0;
    Some((years * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::Gazetteer;

    fn years_of(text: &str, skill: &str) -> Option<f64> {
        let matches = Gazetteer::builtin().find(text);
        let skills = tally(text, &matches, &[], &[]);
        skills.iter().find(|s| s.skill == skill)?.experience_years
    }

    #[test]
    fn years_before_skill_are_read() {
        assert_eq!(years_of("5+ years of Python", "python"), Some(5.0));
        assert_eq!(
            years_of("over 3 years of experience with Kubernetes", "kubernetes"),
            Some(3.0)
        );
    }

    #[test]
    fn years_written_as_words_are_read() {
        assert_eq!(years_of("Five years of Terraform", "terraform"), Some(5.0));
        assert_eq!(years_of("Terraform (two years)", "terraform"), Some(2.0));
        assert_eq!(years_of("Twelve yrs of SQL", "sql"), Some(12.0));
        assert_eq!(years_of("someone years ago used SQL", "sql"), None);
        assert_eq!(years_of("Twenty-five years of COBOL", "cobol"), Some(25.0));
        assert_eq!(years_of("Thirty two years of COBOL", "cobol"), Some(32.0));
    }

    #[test]
    fn years_after_version_or_fraction() {
        assert_eq!(years_of("Java 8 (3 years)", "java"), Some(3.0));
        assert_eq!(years_of("Python 3.11 - 4 yrs", "python"), Some(4.0));
        assert_eq!(years_of("Kotlin 1.9: 2 years", "kotlin"), Some(2.0));
        assert_eq!(years_of("Terraform 12 years", "terraform"), Some(12.0));
        assert_eq!(years_of("2½ years of Terraform", "terraform"), Some(2.5));
        assert_eq!(years_of("Kotlin (1¾ years)", "kotlin"), Some(1.75));
        assert_eq!(years_of("Two and a half years of Go", "go"), Some(2.5));
        assert_eq!(
            years_of("Kotlin (two and a half years)", "kotlin"),
            Some(2.5)
        );
        assert_eq!(years_of("A year and a half of Swift", "swift"), Some(1.5));
        assert_eq!(years_of("Java (expert, 8 yrs)", "java"), Some(8.0));
    }

    #[test]
    fn months_and_decades_are_read() {
        assert_eq!(
            years_of("Eighteen months of Go in production", "go"),
            Some(1.5)
        );
        assert_eq!(years_of("Over a decade of Java.", "java"), Some(10.0));
        assert_eq!(years_of("Two decades of COBOL.", "cobol"), Some(20.0));
        assert_eq!(years_of("Kotlin (6 months)", "kotlin"), Some(0.5));
        assert_eq!(years_of("A decade ago I used Perl.", "perl"), None);
        assert_eq!(
            years_of("2 years and 6 months of Python", "python"),
            Some(2.5)
        );
        assert_eq!(years_of("Kotlin (1 year, 3 months)", "kotlin"), Some(1.25));
        assert_eq!(years_of("Wrote Go for 18 months.", "go"), Some(1.5));
        assert_eq!(years_of("Python: 3 years 4 months", "python"), Some(3.33));
        assert_eq!(years_of("Kotlin (1 yr 6 mos)", "kotlin"), Some(1.5));
        assert_eq!(years_of("Terraform — 3 years", "terraform"), Some(3.0));
    }

    #[test]
    fn decimals_ranges_and_periods_are_read() {
        assert_eq!(years_of("Half a decade of Haskell.", "haskell"), Some(5.0));
        assert_eq!(years_of("2.5 years of Kotlin", "kotlin"), Some(2.5));
        assert_eq!(years_of("1,5 years of Kotlin", "kotlin"), Some(1.5));
        assert_eq!(years_of("120 months of COBOL", "cobol"), Some(10.0));
        assert_eq!(years_of("Scala, Kotlin: 7-9 years", "scala"), Some(7.0));
        assert_eq!(years_of("7–9 years of Kotlin.", "kotlin"), Some(7.0));
        assert_eq!(
            years_of("A 6 month probation period in Java.", "java"),
            None
        );
        assert_eq!(
            years_of("Python 3 and 5 years of Kotlin.", "kotlin"),
            Some(5.0)
        );
    }

    #[test]
    fn years_after_listed_skills() {
        let text = "Ruby, Go: 7 years; Python: 3 years";
        assert_eq!(years_of(text, "ruby"), Some(7.0));
        assert_eq!(years_of(text, "go"), Some(7.0));
        assert_eq!(years_of(text, "python"), Some(3.0));
        assert_eq!(years_of("Ruby. Go: 7 years", "ruby"), None);
        let long =
            "Python, Docker, Kubernetes, Terraform, AWS, GCP, Azure, Linux, Bash, Git: 2 years";
        assert_eq!(years_of(long, "python"), Some(2.0));
    }

    #[test]
    fn years_ago_are_no_experience() {
        assert_eq!(years_of("ten years ago I used Java.", "java"), None);
        assert_eq!(years_of("10 years ago I used Java.", "java"), None);
        assert_eq!(years_of("Java (ten years ago).", "java"), None);
        assert_eq!(years_of("Java (ten years).", "java"), Some(10.0));
        assert_eq!(years_of("Python for three years.", "python"), Some(3.0));
    }

    #[test]
    fn years_belong_to_their_own_skill() {
        let text = "Python for 4 years and Java for 2 years.";
        assert_eq!(years_of(text, "python"), Some(4.0));
        assert_eq!(years_of(text, "java"), Some(2.0));
        assert_eq!(years_of("Python for 4 years and Java.", "java"), None);
        assert_eq!(
            years_of("Skills\nPerl, Ruby\nTwenty five years of Fortran.", "ruby"),
            None
        );
        assert_eq!(years_of("Thirty years old, Ruby developer.", "ruby"), None);
    }

    #[test]
    fn digits_inside_longer_numbers_are_no_years() {
        assert_eq!(years_of("1000 years of Perl", "perl"), None);
        assert_eq!(years_of("0 years of Perl", "perl"), None);
        assert_eq!(years_of("12 years of Perl", "perl"), Some(12.0));
    }

    #[test]
    fn years_opening_next_item_are_not_read() {
        let text = "Summary\n5+ years of Python, 3 years of Django\n";
        assert_eq!(years_of(text, "python"), Some(5.0));
        assert_eq!(years_of(text, "django"), Some(3.0));
        assert_eq!(years_of("Skills\nPython, 4 years\n", "python"), Some(4.0));
    }

    #[test]
    fn years_after_a_role_named_by_the_skill() {
        let text = "Python developer with 5 years of experience. Excel used daily.\n";
        assert_eq!(years_of(text, "python"), Some(5.0));
        let text = "Kotlin engineer with over 4 years in fintech.\n";
        assert_eq!(years_of(text, "kotlin"), Some(4.0));
        assert_eq!(
            years_of("Python scripts with 5 years of logs.\n", "python"),
            None
        );
        let text = "Paralegal with 7 years of experience in litigation.\n";
        assert_eq!(years_of(text, "paralegal"), Some(7.0));
    }

    #[test]
    fn years_after_skill_are_read() {
        assert_eq!(years_of("Python (4 years), SQL", "python"), Some(4.0));
        assert_eq!(years_of("Python (4 years), SQL", "sql"), None);
        assert_eq!(years_of("Python | 7 yrs | Expert", "python"), Some(7.0));
        let table = "Tool\tLevel\tYears\nAdobe Illustrator\tExpert\t9\nFigma\tAdvanced\t4+\n";
        assert_eq!(years_of(table, "illustrator"), Some(9.0));
        assert_eq!(years_of(table, "figma"), Some(4.0));
    }

    #[test]
    fn years_in_another_clause_are_ignored() {
        assert_eq!(
            years_of("10 years in retail. Later learned SQL", "sql"),
            None
        );
    }

    #[test]
    fn skills_sort_by_mentions_then_name() {
        let text = "SQL and Python. Python again. Docker.";
        let matches = Gazetteer::builtin().find(text);
        let skills = tally(text, &matches, &[], &[]);
        let names: Vec<&str> = skills.iter().map(|s| s.skill.as_str()).collect();
        assert_eq!(names, vec!["python", "docker", "sql"]);
        assert_eq!(skills[0].mentions, 2);
        assert_eq!(skills[0].source, vec!["matcher"]);
    }
}
