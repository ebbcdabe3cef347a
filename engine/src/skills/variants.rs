//! Spelling variants of skill names that the taxonomy need not list one by one. Multi-word
//! names get the other grammatical number of the last word ("account reconciliations" for
//! "account reconciliation"), a space for a hyphen ("month end close"), `and` for `&` and a
//! slash for the `and` of two words ("shipping/receiving").
//! Every name gets the British spelling of `-ize` words ("data visualisation") and of a
//! short list of other words ("behavioural health", "injection moulding").
//!
//! Single words get no number variant, so `sales` never yields `sale`, and neither do names of
//! roles such as `account executive`, whose plural means people rather than a skill.

/// Returns the variants of `surface`, which is lower case. The surface itself is not included.
/// Single words get only the British spelling.
pub(crate) fn variants(surface: &str) -> Vec<String> {
    let mut found: Vec<String> = british_spelling(surface).into_iter().collect();
    if !surface.contains(' ') {
        return found;
    }
    for form in spacing_forms(surface) {
        if let Some(number) = other_number(&form) {
            found.push(number);
        }
        found.push(form);
    }
    if let Some(number) = other_number(surface) {
        found.push(number);
    }
    found.retain(|variant| variant != surface);
    found.sort();
    found.dedup();
    found
}

/// Returns `surface` with hyphens as spaces, with `and` for `&`, and with a slash for the
/// `and` of two single words ("shipping/receiving"). `&` for `and` is left out because `&`
/// joins the words of company and unit names ("Tool & Die").
fn spacing_forms(surface: &str) -> Vec<String> {
    let mut forms = Vec::new();
    if surface.contains('-') {
        forms.push(surface.replace('-', " "));
    }
    if surface.contains(" & ") {
        forms.push(surface.replace(" & ", " and "));
    }
    if let Some((first, second)) = surface.split_once(" and ")
        && !first.contains(' ')
        && !second.contains(' ')
    {
        forms.push(format!("{first}/{second}"));
    }
    forms
}

/// American spellings of whole words and their British forms, for words whose difference
/// is not the `-ize` ending.
const BRITISH_WORDS: &[(&str, &str)] = &[
    ("aluminum", "aluminium"),
    ("anemia", "anaemia"),
    ("anesthesia", "anaesthesia"),
    ("behavior", "behaviour"),
    ("behavioral", "behavioural"),
    ("catalog", "catalogue"),
    ("center", "centre"),
    ("centers", "centres"),
    ("color", "colour"),
    ("defense", "defence"),
    ("edema", "oedema"),
    ("enrollment", "enrolment"),
    ("fiber", "fibre"),
    ("fulfillment", "fulfilment"),
    ("gynecology", "gynaecology"),
    ("hematology", "haematology"),
    ("hemodynamic", "haemodynamic"),
    ("hemorrhage", "haemorrhage"),
    ("judgment", "judgement"),
    ("labeling", "labelling"),
    ("labor", "labour"),
    ("license", "licence"),
    ("licenses", "licences"),
    ("modeling", "modelling"),
    ("mold", "mould"),
    ("molding", "moulding"),
    ("molds", "moulds"),
    ("orthopedic", "orthopaedic"),
    ("orthopedics", "orthopaedics"),
    ("pediatric", "paediatric"),
    ("pediatrics", "paediatrics"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("traveling", "travelling"),
];

/// Returns the British spelling of `surface`, when it has one: `-ize`, `-ization` and `-yze`
/// words ("organisational skills", "data visualisation", "analyse") and the whole words of
/// [`BRITISH_WORDS`] ("behavioural health", "injection moulding").
fn british_spelling(surface: &str) -> Option<String> {
    let mut spelled = surface.to_string();
    for (us, uk) in [
        ("iza", "isa"),
        ("ize", "ise"),
        ("izi", "isi"),
        ("yze", "yse"),
        ("yzi", "ysi"),
    ] {
        spelled = spelled.replace(us, uk);
    }
    let words: Vec<&str> = spelled
        .split(' ')
        .map(|word| {
            BRITISH_WORDS
                .iter()
                .find(|(us, _)| *us == word)
                .map_or(word, |(_, uk)| *uk)
        })
        .collect();
    let spelled = words.join(" ");
    (spelled != surface).then_some(spelled)
}

/// Last words of role names, such as `account executive` or `charge nurse`.
const ROLE_NOUNS: &[&str] = &[
    "accountant",
    "administrator",
    "agent",
    "analyst",
    "architect",
    "assistant",
    "associate",
    "auditor",
    "clerk",
    "consultant",
    "coordinator",
    "designer",
    "developer",
    "director",
    "electrician",
    "engineer",
    "executive",
    "generalist",
    "lead",
    "leader",
    "manager",
    "nurse",
    "officer",
    "recruiter",
    "representative",
    "scientist",
    "specialist",
    "supervisor",
    "teacher",
    "technician",
];

/// Returns `surface` with its last word in the other grammatical number, when that word is
/// plain letters of a regular English noun form and does not name a role.
fn other_number(surface: &str) -> Option<String> {
    let (head, last) = surface.rsplit_once(' ')?;
    if last.len() < 3 || !last.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let singular = last.strip_suffix('s').unwrap_or(last);
    if ROLE_NOUNS.contains(&last) || ROLE_NOUNS.contains(&singular) {
        return None;
    }
    let changed = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "shes", "ches", "xes"]
        .iter()
        .any(|suffix| last.ends_with(suffix))
    {
        last[..last.len() - 2].to_string()
    } else if let Some(stem) = last.strip_suffix("sis") {
        format!("{stem}ses")
    } else if ["ss", "us", "is", "ics"]
        .iter()
        .any(|suffix| last.ends_with(suffix))
    {
        return None;
    } else if let Some(stem) = last.strip_suffix('s') {
        stem.to_string()
    } else {
        plural(last)
    };
    Some(format!("{head} {changed}"))
}

/// Returns the regular plural of a lower-case noun.
fn plural(word: &str) -> String {
    let consonant_y =
        word.ends_with('y') && !word[..word.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{}ies", &word[..word.len() - 1])
    } else if word.ends_with(['s', 'x']) || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_word_changes_number() {
        assert_eq!(
            variants("account reconciliation"),
            vec!["account reconciliations"]
        );
        assert_eq!(variants("rf scanners"), vec!["rf scanner"]);
        assert_eq!(variants("journal entry"), vec!["journal entries"]);
        assert_eq!(variants("cash flow analysis"), vec!["cash flow analyses"]);
        assert_eq!(variants("status"), Vec::<String>::new());
    }

    #[test]
    fn single_words_keep_their_number() {
        assert!(variants("sales").is_empty());
        assert!(variants("go").is_empty());
    }

    #[test]
    fn hyphens_and_ampersands_vary() {
        let found = variants("month-end close");
        assert!(found.contains(&"month end close".to_string()));
        assert!(found.contains(&"month-end closes".to_string()));
        let found = variants("research & development");
        assert!(found.contains(&"research and development".to_string()));
        let found = variants("tool and die");
        assert!(!found.contains(&"tool & die".to_string()));
        assert!(variants("shipping and receiving").contains(&"shipping/receiving".to_string()));
        let found = variants("research and development budgets");
        assert!(found.iter().all(|v| !v.contains('/')), "{found:?}");
    }

    #[test]
    fn british_spellings_are_variants() {
        assert_eq!(variants("optimization"), vec!["optimisation"]);
        assert!(variants("data visualization").contains(&"data visualisation".to_string()));
        assert_eq!(variants("analyze"), vec!["analyse"]);
        assert!(variants("zendesk").is_empty());
    }

    #[test]
    fn british_whole_words_are_variants() {
        assert!(variants("injection molding").contains(&"injection moulding".to_string()));
        assert_eq!(variants("mold"), vec!["mould"]);
        assert!(variants("behavioral health").contains(&"behavioural health".to_string()));
        assert!(variants("sound judgment").contains(&"sound judgement".to_string()));
        let found = variants("hemodynamic monitoring");
        assert!(found.contains(&"haemodynamic monitoring".to_string()));
        assert!(
            variants("laboratory testing")
                .iter()
                .all(|v| !v.contains("labour"))
        );
        assert!(variants("multimeter").is_empty());
    }

    #[test]
    fn role_names_keep_their_number() {
        assert!(variants("account executive").is_empty());
        assert!(variants("charge nurses").is_empty());
    }

    #[test]
    fn punctuated_last_words_keep_their_number() {
        assert!(variants("ci/cd").is_empty());
        assert_eq!(variants("osha 30"), Vec::<String>::new());
    }
}
