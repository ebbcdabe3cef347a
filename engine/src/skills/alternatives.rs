//! Skills a posting offers as alternatives: "Python, Ruby or Go", "AWS, GCP or Azure",
//! "React (or Vue)", "Salesforce, HubSpot or a similar CRM". Any one of them meets the need,
//! so a scorer counts the group once, by its best-met member.
//!
//! A group is a run of matches on one line whose gaps hold only commas, brackets and the words
//! "or", "either" and a few fillers ("a similar", "another"), with at least one "or". A gap with
//! any other word, "and" included, ends the run, so "Python and SQL" stays two requirements.
//! The group ends at the member right after its last "or", so in "EC2 or EKS, RDS, S3" only
//! EC2 and EKS are alternatives. A slash alone joins no alternatives, because "HTML/CSS" and
//! "Word/Excel" usually ask for both. Between two programming languages, two databases or two
//! cloud providers it does ("Java/Kotlin", "MySQL/PostgreSQL", "AWS/GCP"), because a posting
//! rarely needs both of two such peers. HTML, CSS and SQL are no peers of a language.
//!
//! A list after "at least one of", "any of", "any major cloud (", "e.g." or "such as" is a
//! group too, even when "and" joins its items ("any of React, Vue and Angular"). So is a list
//! that ends in "etc." or "or similar" ("Postgres, MySQL, etc."): its items are examples.
//!
//! NOTE: "at least two of" is read the same way and is met by one member, because a group
//! carries no count of members it needs.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{SkillMatch, line_range};

/// Words a gap between alternatives may hold besides "or".
const FILLERS: &[&str] = &[
    "either",
    "a",
    "an",
    "the",
    "any",
    "other",
    "another",
    "similar",
    "comparable",
    "equivalent",
    "related",
];

/// Punctuation a gap between alternatives may hold.
const GAP_PUNCTUATION: &[char] = &[',', '(', ')', '/'];

/// Returns, for each skill id named in an alternatives run of `matches` (sorted by start), the
/// number of its group. A skill that is also named outside a group, or in two groups, gets
/// none, because the posting requires it on its own there.
pub(super) fn alternative_groups(text: &str, matches: &[SkillMatch]) -> HashMap<String, usize> {
    let mut group_of: Vec<Option<usize>> = vec![None; matches.len()];
    let mut groups = 0;
    let mut run_start = 0;
    for index in 0..matches.len() {
        let next = matches.get(index + 1);
        let next_joined = next.is_some_and(|next| joins(text, &matches[index], next));
        let next_or = next.is_some_and(|next| gap_has_or(text, &matches[index], next));
        // A group ends at the member right after an "or", unless another "or" follows: in
        // "EC2 or EKS, RDS, S3" only EC2 and EKS are alternatives.
        let came_after_or =
            index > run_start && gap_has_or(text, &matches[index - 1], &matches[index]);
        let group_ends = came_after_or && !next_or;
        if next_joined && !group_ends {
            continue;
        }
        let run = run_start..index + 1;
        let has_or = matches[run.clone()]
            .windows(2)
            .any(|pair| gap_has_or(text, &pair[0], &pair[1]));
        if run.len() >= 2 && has_or {
            for member in run {
                group_of[member] = Some(groups);
            }
            groups += 1;
        }
        run_start = index + 1;
    }

    group_led_lists(text, matches, &mut group_of, groups);

    // A skill keeps its group only when every mention of it lies in that one group.
    let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
    for (found, group) in matches.iter().zip(&group_of) {
        seen.entry(found.skill_id.as_str())
            .and_modify(|known| {
                if *known != *group {
                    *known = None;
                }
            })
            .or_insert(*group);
    }
    let mut members: HashMap<usize, usize> = HashMap::new();
    for group in seen.values().flatten() {
        *members.entry(*group).or_default() += 1;
    }
    seen.into_iter()
        .filter_map(|(id, group)| group.map(|g| (id.to_string(), g)))
        .filter(|(_, group)| members.get(group).is_some_and(|count| *count >= 2))
        .collect()
}

/// Words that, right before a list, offer its items as alternatives: "at least one of",
/// "any of", "one or more of the following:", a kind of thing and a bracket ("any major
/// cloud (AWS, Azure, GCP)"), or words that give examples ("e.g.", "such as", "for
/// example").
static CHOICE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:(?:at\s+least\s+)?(?:one|two|1|2)|any|either|one\s+or\s+more)\s+of(?:\s+the\s+following(?:\s+[a-z-]+){0,2})?|\bany\s+(?:major\s+|modern\s+|mainstream\s+|common\s+|popular\s+)?[a-z-]+(?:\s+[a-z-]+)?\s*\(|\be\.\s?g\.|\beg\.|\bsuch\s+as|\bfor\s+example)\s*[:,]?\s*$")
        .expect("the choice lead pattern is valid")
});

/// Words right after a list that make its items examples: "etc.", "or similar", "or
/// equivalent", "or other ...".
static EXAMPLES_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:etc\b|and\s+so\s+on\b|or\s+(?:similar|equivalent|comparable|other|another)\b)")
        .expect("the examples pattern is valid")
});

/// Words a gap inside a led-in list may hold besides commas and brackets.
const LIST_JOINERS: &[&str] = &["and", "or", "etc"];

/// Groups the lists that a [`CHOICE_LEAD`] opens ("any of React, Vue and Angular") or an
/// [`EXAMPLES_END`] closes ("Postgres, MySQL, etc."), which may join their items with "and" as
/// well as "or". Matches already in a group keep it. New groups are numbered from `groups`.
fn group_led_lists(
    text: &str,
    matches: &[SkillMatch],
    group_of: &mut [Option<usize>],
    mut groups: usize,
) {
    let mut index = 0;
    while index < matches.len() {
        let first = &matches[index];
        let line_start = line_range(text, first.start).start;
        let mut end = index + 1;
        while end < matches.len() && joins_list(text, &matches[end - 1], &matches[end]) {
            end += 1;
        }
        let led = CHOICE_LEAD.is_match(&text[line_start..first.start]);
        let examples = EXAMPLES_END.is_match(&text[matches[end - 1].end..]);
        if !led && !examples {
            // No member after the first can be led in either: a lead's words would have
            // ended the run before it.
            index = end;
            continue;
        }
        let free = group_of[index..end].iter().all(Option::is_none);
        if end - index >= 2 && free {
            for member in &mut group_of[index..end] {
                *member = Some(groups);
            }
            groups += 1;
        }
        index = end;
    }
}

/// Checks whether the gap between two items of a led-in list contains only commas, brackets and
/// [`LIST_JOINERS`].
fn joins_list(text: &str, before: &SkillMatch, after: &SkillMatch) -> bool {
    if after.start < before.end {
        return false;
    }
    let gap = &text[before.end..after.start];
    !gap.contains(['\n', ';', ':', ')'])
        && gap
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '/' | '.'))
            .filter(|word| !word.is_empty())
            .all(|word| LIST_JOINERS.contains(&word.to_lowercase().as_str()))
}

/// Checks whether the gap between two matches holds only what may join alternatives.
fn joins(text: &str, before: &SkillMatch, after: &SkillMatch) -> bool {
    if after.start < before.end {
        return false;
    }
    let gap = &text[before.end..after.start];
    if gap.contains(['\n', '.', ';', ':']) {
        return false;
    }
    // "QuickBooks and/or Xero" offers either.
    let gap = gap.to_lowercase().replace("and/or", "or");
    gap.split(|c: char| c.is_whitespace() || GAP_PUNCTUATION.contains(&c))
        .filter(|word| !word.is_empty())
        .all(|word| word == "or" || FILLERS.contains(&word))
}

/// Checks whether the gap between two matches contains the word "or", or is a slash between
/// two peers (see [`peers`]).
fn gap_has_or(text: &str, before: &SkillMatch, after: &SkillMatch) -> bool {
    if after.start < before.end {
        return false;
    }
    let gap = &text[before.end..after.start];
    gap.split(|c: char| !c.is_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case("or"))
        || (gap.trim() == "/" && peers(before, after))
}

/// Skills a slash joins to another language without making it an alternative: markup, style
/// sheets and a query language go with a programming language, not in its place.
const NOT_LANGUAGE_PEERS: &[&str] = &["html", "css", "sql"];

/// Cloud providers, which one posting offers in place of each other ("AWS/GCP").
const CLOUD_PROVIDERS: &[&str] = &["aws", "azure", "gcp"];

/// Checks whether two skills are peers that a slash offers as alternatives: two programming
/// languages, two databases or two cloud providers.
fn peers(before: &SkillMatch, after: &SkillMatch) -> bool {
    let both = |test: &dyn Fn(&SkillMatch) -> bool| test(before) && test(after);
    both(&|m| m.category == "language" && !NOT_LANGUAGE_PEERS.contains(&m.skill_id.as_str()))
        || both(&|m| m.category == "database")
        || both(&|m| CLOUD_PROVIDERS.contains(&m.skill_id.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::Gazetteer;

    /// Groups of the skill names in `text`, each group's names sorted, groups sorted.
    fn groups(text: &str) -> Vec<Vec<String>> {
        let matches = Gazetteer::builtin().find(text);
        let found = alternative_groups(text, &matches);
        let mut by_group: HashMap<usize, Vec<String>> = HashMap::new();
        for m in &matches {
            if let Some(group) = found.get(&m.skill_id) {
                let names = by_group.entry(*group).or_default();
                if !names.contains(&m.name) {
                    names.push(m.name.clone());
                }
            }
        }
        let mut out: Vec<Vec<String>> = by_group
            .into_values()
            .map(|mut names| {
                names.sort();
                names
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn or_lists_are_one_group() {
        assert_eq!(
            groups("- Proficiency in at least one of Python, Ruby or Go"),
            [["go", "python", "ruby"]]
        );
        assert_eq!(groups("- AWS, GCP or Azure"), [["aws", "azure", "gcp"]]);
        assert_eq!(
            groups("- Hands-on AWS experience (EC2 or EKS, RDS, S3, IAM)"),
            [["ec2", "eks"]]
        );
        assert_eq!(
            groups("- Java or Kotlin or Scala"),
            [["java", "kotlin", "scala"]]
        );
        assert_eq!(
            groups("- Experience with React (or Vue)"),
            [["react", "vue.js"]]
        );
        assert_eq!(
            groups("- Salesforce, HubSpot or a similar CRM"),
            [["customer relationship management", "hubspot", "salesforce"]]
        );
    }

    #[test]
    fn choice_lists_are_one_group() {
        assert_eq!(
            groups("- Experience with at least two of: React, Vue, Angular"),
            [["angular", "react", "vue.js"]]
        );
        assert_eq!(
            groups("Any major cloud (AWS, Azure, GCP) is fine."),
            [["aws", "azure", "gcp"]]
        );
        assert_eq!(
            groups("- Any of Postgres, MySQL and SQL Server, plus Kafka"),
            [["microsoft sql server", "mysql", "postgresql"]]
        );
        assert!(groups("- Python, SQL and Tableau").is_empty());
    }

    #[test]
    fn example_lists_are_one_group() {
        assert_eq!(
            groups("- Relational databases (Postgres, MySQL, etc.)"),
            [["mysql", "postgresql", "relational databases"]]
        );
        assert_eq!(
            groups("- Postgres, MySQL or similar databases"),
            [["mysql", "postgresql"]]
        );
        assert_eq!(
            groups("- Cloud experience (e.g. AWS, Azure)"),
            [["aws", "azure"]]
        );
        assert_eq!(
            groups("- A BI tool such as Tableau and Power BI"),
            [["power bi", "tableau"]]
        );
        assert!(groups("- Python, SQL and Tableau; Excel etc. a plus").is_empty());
    }

    #[test]
    fn and_lists_and_slashes_are_no_group() {
        assert!(groups("- Python and SQL").is_empty());
        assert!(groups("- HTML/CSS and JavaScript").is_empty());
        assert!(groups("- Python/SQL").is_empty());
        assert!(groups("- Word/Excel").is_empty());
        assert!(groups("- Python, SQL, Tableau").is_empty());
        assert!(groups("- Python. Or Go, if you prefer").is_empty());
    }

    #[test]
    fn and_or_and_named_kinds_form_groups() {
        assert_eq!(groups("- QuickBooks and/or Xero"), [["quickbooks", "xero"]]);
        assert_eq!(
            groups("- AWS, Azure, and/or GCP"),
            [["aws", "azure", "gcp"]]
        );
        assert_eq!(
            groups("- One of the following CRMs: Salesforce, HubSpot, Pipedrive"),
            [["hubspot", "pipedrive", "salesforce"]]
        );
    }

    #[test]
    fn slash_between_peers_is_a_group() {
        assert_eq!(groups("- Java/Kotlin"), [["java", "kotlin"]]);
        assert_eq!(groups("- MySQL / PostgreSQL"), [["mysql", "postgresql"]]);
        assert_eq!(groups("- AWS/GCP and Terraform"), [["aws", "gcp"]]);
        assert_eq!(
            groups("- Java/Kotlin, Docker and Kubernetes"),
            [["java", "kotlin"]]
        );
    }

    #[test]
    fn skill_required_alone_leaves_group() {
        let text = "- Python or Go\n- Strong Python\n- Kafka or RabbitMQ\n";
        assert_eq!(groups(text), [["kafka", "rabbitmq"]]);
    }
}
