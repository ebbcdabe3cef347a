//! Skills a posting offers as alternatives: "Python, Ruby or Go", "AWS, GCP or Azure",
//! "React (or Vue)", "Salesforce, HubSpot or a similar CRM". Any one of them meets the need,
//! so a scorer counts the group once, by its best-met member.
//!
//! A group is a run of matches on one line whose gaps hold only commas, brackets and the words
//! "or", "either" and a few fillers ("a similar", "another"), with at least one "or". A gap with
//! any other word, "and" included, ends the run, so "Python and SQL" stays two requirements.
//! The group ends at the member right after its last "or", so in "EC2 or EKS, RDS, S3" only
//! EC2 and EKS are alternatives. A slash alone joins no alternatives, because "HTML/CSS" and
//! "Word/Excel" usually ask for both. Between two programming languages, two databases, two
//! cloud providers or two competing products ("Java/Kotlin", "MySQL/PostgreSQL", "AWS/GCP",
//! "React/Vue") it does, because a posting rarely needs both of two such peers. HTML, CSS and SQL are no peers of a language.
//!
//! A list after "at least one of", "any of", "any major cloud (", "e.g." or "such as" is a
//! group too, even when "and" joins its items ("any of React, Vue and Angular"). So is a list
//! that ends in "etc." or "or similar" ("Postgres, MySQL, etc."): its items are examples.
//!
//! A bracket after a name that does not open with "or" qualifies that name, so the names in it
//! are alternatives among themselves only ("CSS (Tailwind or CSS Modules)"). A name that the
//! words after it accept in place of the one before joins that one ("Terraform (Pulumi is fine
//! too)"), and a name repeated in a bracket after its group stays in it ("Dentrix or Eaglesoft
//! (Dentrix preferred)"). The kind of thing before a list of examples joins their group
//! ("ticketing systems such as Zendesk or Freshdesk", "a WMS (Manhattan, HighJump or
//! similar)"), and "or" before words that name no skill closes a group ("SRE, DevOps, or
//! infrastructure engineering").
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
    // Editions of a product: "ArcGIS Pro or QGIS".
    "pro",
    "desktop",
    "online",
    "enterprise",
    "cloud",
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
        // "SRE, DevOps, or infrastructure engineering": the last alternative may be no skill.
        let or_after = OR_AFTER.is_match(&text[matches[index].end..]);
        let has_or = or_after
            || matches[run.clone()]
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

    let groups = group_led_lists(text, matches, &mut group_of, groups);
    let groups = group_items_below_lead(text, matches, &mut group_of, groups);
    group_accepted_substitutes(text, matches, &mut group_of, groups);
    join_repeats_in_brackets(text, matches, &mut group_of);
    join_kinds_to_bracketed_groups(text, matches, &mut group_of);

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
    Regex::new(r"(?i)(?:\b(?:(?:at\s+least\s+)?(?:one|two|1|2)|any|either|one\s+or\s+more)\s+of(?:\s+the\s+following(?:\s+[a-z-]+){0,2})?|\bany\s+(?:major\s+|modern\s+|mainstream\s+|common\s+|popular\s+)?[a-z-]+(?:\s+[a-z-]+)?\s*\(|\ba\s+(?:major|leading|public)\s+[a-z-]+(?:\s+[a-z-]+)?\s*[–—:-]|\be\.\s?g\.|\beg\.|\bsuch\s+as|\bfor\s+example)\s*[:,]?\s*$")
        .expect("the choice lead pattern is valid")
});

/// Words right after a list that make its items examples: "etc.", "or similar", "or
/// equivalent", "or other ...".
static EXAMPLES_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:etc\b|and\s+so\s+on\b|(?:or|and)\s+(?:similar|equivalent|comparable|other|another)\b)")
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
) -> usize {
    let mut index = 0;
    while index < matches.len() {
        let first = &matches[index];
        let line_start = line_range(text, first.start).start;
        let mut end = index + 1;
        while end < matches.len() && joins_list(text, &matches[end - 1], &matches[end]) {
            end += 1;
        }
        let led = CHOICE_LEAD.is_match(without_unknown_names(&text[line_start..first.start]));
        let examples = EXAMPLES_END.is_match(&text[matches[end - 1].end..]);
        if !led && !examples {
            // No member after the first can be led in either: a lead's words would have
            // ended the run before it.
            index = end;
            continue;
        }
        // "Ticketing systems such as Zendesk": the kind of thing before the examples is met by
        // any of them.
        // So does "a WMS (Manhattan, HighJump or similar)".
        let head = index.checked_sub(1).filter(|&head| {
            let gap = without_unknown_names(&text[matches[head].end..first.start]);
            (led && EXAMPLES_LEAD.is_match(gap)) || (examples && gap.trim() == "(")
        });
        let start = head.unwrap_or(index);
        let free = group_of[start..end].iter().all(Option::is_none);
        // "Zendesk or Freshdesk" may be a group already; the rest of the list joins it.
        let mut known = group_of[start..end].iter().flatten();
        let first_known = known.next().copied();
        if let Some(group) = first_known
            && known.all(|other| *other == group)
        {
            for member in &mut group_of[start..end] {
                member.get_or_insert(group);
            }
        }
        if end - start >= 2 && free {
            for member in &mut group_of[start..end] {
                *member = Some(groups);
            }
            groups += 1;
        }
        index = end;
    }
    groups
}

/// A line that ends by leading into a list of choices below it: "Experience with one of the
/// following languages:", "Any of these:".
static LEAD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:at\s+least\s+)?one|any|either)\s+of\s+(?:the\s+following|these|the\s+below)\b[^\n]{0,40}:\s*$")
        .expect("the lead line pattern is valid")
});

/// Groups the first match of each list item below a [`LEAD_LINE`] ("one of the following
/// languages:" over "- Python", "- Ruby", "- Perl"). The list ends at a line less indented
/// than its first item or at a blank line. New groups are numbered from `groups`.
fn group_items_below_lead(
    text: &str,
    matches: &[SkillMatch],
    group_of: &mut [Option<usize>],
    mut groups: usize,
) -> usize {
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, line) in lines.iter().enumerate() {
        let line_start = offset;
        offset += line.len();
        if !LEAD_LINE.is_match(line.trim_end()) {
            continue;
        }
        let indent = |line: &str| line.len() - line.trim_start().len();
        let lead_indent = indent(line);
        let mut members = Vec::new();
        let mut item_start = line_start + line.len();
        let mut first_indent = None;
        for item in &lines[index + 1..] {
            let item_indent = indent(item);
            let blank = item.trim().is_empty();
            if blank
                || item_indent < *first_indent.get_or_insert(item_indent)
                || item_indent <= lead_indent
            {
                break;
            }
            let range = item_start..item_start + item.len();
            if let Some(member) = matches.iter().position(|m| range.contains(&m.start)) {
                members.push(member);
            }
            item_start += item.len();
        }
        if members.len() >= 2 && members.iter().all(|&m| group_of[m].is_none()) {
            for member in members {
                group_of[member] = Some(groups);
            }
            groups += 1;
        }
    }
    groups
}

/// "or" and a few words with no skill in them after the last member of a run, before the end
/// of its clause: "SRE, DevOps, or infrastructure engineering".
static OR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*or\s+(?:an?\s+|other\s+)?[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}\s*(?:[.;,)\n]|$)")
        .expect("the or-after pattern is valid")
});

/// Words that lead from a kind of thing to examples of it: "ticketing systems such as", "a
/// BI tool (e.g.".
static EXAMPLES_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*\(?\s*(?:such\s+as|e\.\s?g\.|eg\.|for\s+example|including|like)\s*[:,]?\s*$",
    )
    .expect("the examples lead pattern is valid")
});

/// Words after a name that accept it in place of the one before: "Terraform (Pulumi is fine
/// too)", "Java (Kotlin is acceptable)", "Playwright; Cypress would also work", "(SAP
/// preferred; Oracle acceptable)".
static ACCEPTED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:is|are|would\s+be|will\s+be)\s+(?:also\s+)?(?:fine|acceptable|ok|okay|welcome|accepted)|(?:also\s+)?(?:acceptable|accepted|ok|okay|fine))\b|^\s*(?:would\s+|will\s+)?(?:also\s+)?works?\s+(?:too|as\s+well)\b|^\s*would\s+also\s+work\b")
        .expect("the accepted pattern is valid")
});

/// Groups a name with the one before it when words after it accept it in that one's place,
/// and the two are in one clause or a bracket ("Terraform (Pulumi is fine too)"). New groups
/// are numbered from `groups`.
fn group_accepted_substitutes(
    text: &str,
    matches: &[SkillMatch],
    group_of: &mut [Option<usize>],
    mut groups: usize,
) {
    for index in 1..matches.len() {
        let (before, after) = (&matches[index - 1], &matches[index]);
        if after.start < before.end || !ACCEPTED_AFTER.is_match(&text[after.end..]) {
            continue;
        }
        let gap = &text[before.end..after.start];
        let close = !gap.contains('\n')
            && gap
                .split(|c: char| c.is_whitespace() || matches!(c, '(' | ',' | ';'))
                .all(|word| {
                    word.is_empty()
                        || word.eq_ignore_ascii_case("or")
                        || word.eq_ignore_ascii_case("preferred")
                });
        if !close {
            continue;
        }
        match group_of[index - 1] {
            Some(group) => group_of[index] = Some(group),
            None => {
                group_of[index - 1] = Some(groups);
                group_of[index] = Some(groups);
                groups += 1;
            }
        }
    }
}

/// Skill ids that name a kind of system, which the products of that kind meet: "ERP system
/// (SAP or Oracle)", "donor CRM (Salesforce or Bloomerang)".
const KINDS: &[&str] = &[
    "erp",
    "gis",
    "customer-relationship-management",
    "electronic-medical-records",
    "point-of-sale",
    "learning-management-systems",
    "applicant-tracking-systems",
    "wms",
    "dashboards",
    "spreadsheets",
    "cad",
];

/// A kind's noun and the bracket that opens its products: " system (", " software (".
static KIND_BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(?:systems?|software|platforms?|tools?|experience|package|suite)\s*)?\(\s*$",
    )
    .expect("the kind bracket pattern is valid")
});

/// Words in a bracket after a name that offer others like it: "React (or a comparable
/// framework like", "Jira (or a similar tool such as".
static COMPARABLE_BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\(\s*or\s+(?:an?\s+|any\s+)?(?:comparable|similar|equivalent|other)\s+(?:[a-z-]+\s+){0,2}?(?:like|such\s+as|e\.\s?g\.,?|including)\s*$")
        .expect("the comparable bracket pattern is valid")
});

/// Gives a kind of system the group of the alternatives in the bracket right after it: "ERP
/// system (SAP or Oracle)" is met by either product, which is an ERP. A name followed by "(or
/// a comparable framework like Vue or Svelte)" joins the group in its bracket the same way.
/// The bracket must hold the whole group.
fn join_kinds_to_bracketed_groups(
    text: &str,
    matches: &[SkillMatch],
    group_of: &mut [Option<usize>],
) {
    for head in 0..matches.len().saturating_sub(1) {
        let kind = &matches[head];
        let first = &matches[head + 1];
        let gap = &text[kind.end..first.start];
        let kind_bracket = KINDS.contains(&kind.skill_id.as_str()) && KIND_BRACKET.is_match(gap);
        if group_of[head].is_some() || !(kind_bracket || COMPARABLE_BRACKET.is_match(gap)) {
            continue;
        }
        let Some(group) = group_of[head + 1] else {
            continue;
        };
        let close = text[first.start..]
            .find(')')
            .map_or(text.len(), |i| first.start + i);
        let whole_group_inside = matches
            .iter()
            .zip(group_of.iter())
            .filter(|(_, g)| **g == Some(group))
            .all(|(m, _)| m.start > kind.end && m.end <= close);
        if whole_group_inside {
            group_of[head] = Some(group);
        }
    }
}

/// Gives a name repeated in a bracket after its own group the group too, so the repeat does not
/// take the name out of it: "Dentrix or Eaglesoft (Dentrix preferred)".
fn join_repeats_in_brackets(text: &str, matches: &[SkillMatch], group_of: &mut [Option<usize>]) {
    for index in 0..matches.len() {
        if group_of[index].is_some() {
            continue;
        }
        let found = &matches[index];
        let line = line_range(text, found.start);
        let before = &text[line.start..found.start];
        let in_bracket = before
            .rfind('(')
            .is_some_and(|open| !before[open..].contains(')'));
        if !in_bracket {
            continue;
        }
        let earlier = matches[..index]
            .iter()
            .zip(group_of.iter())
            .rev()
            .find(|(m, group)| {
                m.skill_id == found.skill_id && group.is_some() && m.start >= line.start
            });
        if let Some((_, group)) = earlier {
            group_of[index] = *group;
        }
    }
}

/// Checks whether the gap between two items of a led-in list contains only commas, brackets and
/// [`LIST_JOINERS`].
fn joins_list(text: &str, before: &SkillMatch, after: &SkillMatch) -> bool {
    if after.start < before.end {
        return false;
    }
    let gap = &text[before.end..after.start];
    let gap = &unwrapped(gap);
    // "… Tableau or Power BI. Advanced Excel is essential.": a sentence ends the list.
    let sentence_end = gap.trim_end().ends_with('.') || gap.contains(". ");
    let listed = gap.contains(',');
    !sentence_end
        && !gap.contains(['\n', ';', ':', ')'])
        && gap
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '/' | '.'))
            .filter(|word| !word.is_empty())
            .all(|word| {
                LIST_JOINERS.contains(&word.to_lowercase().as_str())
                    || (listed && unknown_name(word))
            })
}

/// Returns `gap` with its line break turned into a space when a list item wraps there: the
/// line ends with "or", "and" or a comma and the next line opens with no bullet ("Python,
/// Ruby, or" over "Go").
fn unwrapped(gap: &str) -> std::borrow::Cow<'_, str> {
    let Some((line_end, next)) = gap.split_once('\n') else {
        return std::borrow::Cow::Borrowed(gap);
    };
    let end = line_end.trim_end().to_lowercase();
    let open = end.ends_with(',') || end.ends_with(" or") || end.ends_with(" and") || end == "or";
    let bullet = next
        .trim_start()
        .starts_with(['-', '*', '•', '·', '–', '—', '▪', '◦']);
    if open && !bullet && !next.contains('\n') {
        std::borrow::Cow::Owned(format!("{} {}", line_end.trim_end(), next.trim_start()))
    } else {
        std::borrow::Cow::Borrowed(gap)
    }
}

/// Checks whether a word of a list's gap may be a product the taxonomy lacks: it
/// starts with a capital ("Kinaxis", "TMW") or mixes letters and digits ("o9", "12d").
fn unknown_name(word: &str) -> bool {
    let capital = word.starts_with(|c: char| c.is_uppercase());
    let mixed = word.contains(|c: char| c.is_ascii_digit()) && word.contains(char::is_alphabetic);
    (capital || mixed) && !word.eq_ignore_ascii_case("or") && !word.eq_ignore_ascii_case("and")
}

/// Returns `before` without a run of unknown names at its end, so the words that lead into a
/// list stay found when its first items are names the taxonomy lacks ("such as
/// McLeod, TMW or").
fn without_unknown_names(before: &str) -> &str {
    let mut end = before.len();
    loop {
        let trimmed = before[..end].trim_end_matches([' ', '\t', ',', '/']);
        let word_start = trimmed
            .rfind(|c: char| c.is_whitespace() || c == ',')
            .map_or(0, |at| at + 1);
        let word = &trimmed[word_start..];
        let joiner = word.eq_ignore_ascii_case("or") || word.eq_ignore_ascii_case("and");
        if word.is_empty() || !(joiner || unknown_name(word)) {
            return &before[..end];
        }
        end = word_start;
    }
}

/// Checks whether the gap between two matches holds only what may join alternatives.
fn joins(text: &str, before: &SkillMatch, after: &SkillMatch) -> bool {
    if after.start < before.end {
        return false;
    }
    let gap = &text[before.end..after.start];
    let gap = &unwrapped(gap);
    if gap.contains(['\n', '.', ';', ':']) {
        return false;
    }
    // "CSS (Tailwind or CSS Modules)": a bracket that does not open with "or" qualifies the
    // item before it, so the names inside are alternatives among themselves only.
    if let Some(open) = gap.rfind('(') {
        let inside = gap[open + 1..].trim_start().to_lowercase();
        if !inside.starts_with("or ") && !inside.starts_with("either ") {
            return false;
        }
    }
    // "QuickBooks and/or Xero" offers either. "SAP, Kinaxis or Oracle" contains a product the
    // taxonomy lacks between two commas or a comma and "or".
    let gap = gap.replace("and/or", "or");
    let listed = gap.contains(',');
    gap.split(|c: char| c.is_whitespace() || GAP_PUNCTUATION.contains(&c))
        .filter(|word| !word.is_empty())
        .all(|word| {
            let lower = word.to_lowercase();
            lower == "or" || FILLERS.contains(&lower.as_str()) || (listed && unknown_name(word))
        })
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

/// Competing products of one kind, which a posting offers in place of each other
/// ("NetSuite/Sage Intacct/Dynamics 365", "Epic/Cerner", "React/Vue/Svelte"): ERP, CRM and
/// electronic health record systems, front-end and Python web frameworks, dashboard tools,
/// build services and infrastructure-as-code tools.
const PRODUCT_KINDS: &[&[&str]] = &[
    &[
        "netsuite",
        "sage",
        "microsoft-dynamics",
        "sap",
        "oracle-financials",
        "oracle-ebs",
        "oracle-jd-edwards",
        "acumatica",
        "epicor",
        "infor",
        "odoo",
    ],
    &[
        "salesforce",
        "hubspot",
        "microsoft-dynamics",
        "pipedrive",
        "zoho-crm",
    ],
    &[
        "epic",
        "cerner",
        "meditech",
        "athenahealth",
        "eclinicalworks",
    ],
    &["react", "angular", "vuejs", "svelte", "emberjs"],
    &["django", "flask", "fastapi"],
    &["tableau", "power-bi", "looker", "qlik"],
    &["jenkins", "github-actions", "gitlab-ci", "circleci"],
    &["terraform", "cloudformation", "pulumi"],
];

/// Checks whether two skills are peers that a slash offers as alternatives: two programming
/// languages, two databases, two cloud providers or two products of one kind.
fn peers(before: &SkillMatch, after: &SkillMatch) -> bool {
    let both = |test: &dyn Fn(&SkillMatch) -> bool| test(before) && test(after);
    both(&|m| m.category == "language" && !NOT_LANGUAGE_PEERS.contains(&m.skill_id.as_str()))
        || both(&|m| m.category == "database")
        || both(&|m| CLOUD_PROVIDERS.contains(&m.skill_id.as_str()))
        || PRODUCT_KINDS
            .iter()
            .any(|kind| both(&|m| kind.contains(&m.skill_id.as_str())))
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
    fn bracket_after_a_name_qualifies_it() {
        assert_eq!(
            groups("- HTML, CSS (Tailwind or CSS Modules)"),
            [["css modules", "tailwind css"]]
        );
        assert_eq!(groups("- React (or Vue)"), [["react", "vue.js"]]);
    }

    #[test]
    fn kind_before_bracketed_products_joins_them() {
        assert_eq!(
            groups("- ERP system (SAP or Oracle)"),
            [["erp", "oracle financials", "sap"]]
        );
        assert_eq!(
            groups("- GIS software (ArcGIS Pro or QGIS)"),
            [["arcgis", "gis", "qgis"]]
        );
        assert_eq!(
            groups("- Donor CRM (Salesforce NPSP, Bloomerang, or Raiser's Edge)"),
            [[
                "bloomerang",
                "customer relationship management",
                "raiser's edge",
                "salesforce"
            ]]
        );
        assert_eq!(
            groups("- React (or a comparable framework like Vue or Svelte)"),
            [["react", "svelte", "vue.js"]]
        );
        assert_eq!(groups("- Python (Django or Flask)"), [["django", "flask"]]);
    }

    #[test]
    fn slashed_products_of_one_kind_are_alternatives() {
        assert_eq!(
            groups("- NetSuite/Sage Intacct/Dynamics 365"),
            [["microsoft dynamics", "netsuite", "sage"]]
        );
        assert_eq!(groups("- Epic/Cerner charting"), [["cerner", "epic"]]);
        assert!(groups("- Salesforce/Tableau reporting").is_empty());
    }

    #[test]
    fn accepted_substitutes_are_alternatives() {
        assert_eq!(
            groups("- Terraform (Pulumi is fine too)"),
            [["pulumi", "terraform"]]
        );
        assert_eq!(
            groups("- Java (Kotlin is acceptable)"),
            [["java", "kotlin"]]
        );
        assert!(groups("- Terraform (Pulumi for new stacks)").is_empty());
        assert_eq!(
            groups("- ERP experience (SAP preferred; Oracle acceptable)"),
            [["erp", "oracle financials", "sap"]]
        );
    }

    #[test]
    fn repeat_in_bracket_keeps_the_group() {
        assert_eq!(
            groups("- Dentrix or Eaglesoft (Dentrix preferred)"),
            [["dentrix", "eaglesoft"]]
        );
    }

    #[test]
    fn or_before_a_non_skill_ends_a_group() {
        assert_eq!(
            groups("- 5+ years in SRE, DevOps, or infrastructure engineering"),
            [["devops", "sre"]]
        );
        assert!(groups("- SRE, DevOps and Python").is_empty());
    }

    #[test]
    fn kind_before_examples_joins_them() {
        assert_eq!(
            groups("- Ticketing systems such as Zendesk or Freshdesk"),
            [["freshdesk", "ticketing systems", "zendesk"]]
        );
        assert_eq!(
            groups("- a WMS (Manhattan, HighJump or similar)"),
            [["highjump", "manhattan wms", "wms"]]
        );
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
            groups("- React/Vue/Svelte"),
            [["react", "svelte", "vue.js"]]
        );
        assert_eq!(
            groups("- Tableau / Power BI dashboards"),
            [["power bi", "tableau"]]
        );
        assert_eq!(
            groups("- Java/Kotlin, Docker and Kubernetes"),
            [["java", "kotlin"]]
        );
    }

    #[test]
    fn unknown_products_keep_the_group() {
        assert_eq!(
            groups("- Experience with SAP, Planora or Oracle"),
            [["oracle database", "sap"]]
        );
        assert_eq!(
            groups("- TMS such as McLeod, TMW or MercuryGate"),
            [["mcleod software", "mercurygate"]]
        );
        assert_eq!(
            groups("- Planning tools (SAP, Oracle, Kinaxis, o9 or Blue Yonder)"),
            [["blue yonder", "kinaxis", "oracle database", "sap"]]
        );
        assert!(groups("- Python, Strong Communication and SQL").is_empty());
    }

    #[test]
    fn more_wordings_of_choices_are_groups() {
        let text = "- Experience with one of the following languages:\n  - Python\n  - Ruby\n\
                    - Terraform\n";
        assert_eq!(groups(text), [["python", "ruby"]]);
        assert_eq!(
            groups("- A major cloud provider – AWS, Azure, GCP"),
            [["aws", "azure", "gcp"]]
        );
        assert_eq!(
            groups("- Terraform (Pulumi also OK)"),
            [["pulumi", "terraform"]]
        );
        assert_eq!(
            groups("- PostgreSQL, MySQL and similar"),
            [["mysql", "postgresql"]]
        );
        assert_eq!(
            groups("- Strong knowledge of Python, Ruby, or\nGo\n- Docker"),
            [["go", "python", "ruby"]]
        );
        assert_eq!(
            groups("- Cloud such as AWS, Azure or\nGCP\n- Docker"),
            [["aws", "azure", "gcp"]]
        );
    }

    #[test]
    fn skill_required_alone_leaves_group() {
        let text = "- Python or Go\n- Strong Python\n- Kafka or RabbitMQ\n";
        assert_eq!(groups(text), [["kafka", "rabbitmq"]]);
    }
}
