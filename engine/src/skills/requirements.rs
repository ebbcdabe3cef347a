//! Job description understanding: hard-skill requirements with importance, and soft skills.
//!
//! Importance comes from cue words in the same sentence as the skill, else from the
//! heading of the section the skill sits in, else a neutral 0.9:
//! - required cues ("must", "required", "minimum", "need") give 1.0;
//! - preferred cues ("preferred", "nice to have", "a plus", "would be great", "ideally",
//!   "familiarity") give 0.75, and "bonus" gives 0.7.
//!
//! A cue right after the skill and before the next comma is the skill's own and wins ("SQL
//! required, Python preferred"), then the nearest cue before it, then one after it.
//!
//! Skills under benefit headings ("What we offer", "Benefits") and company blurbs ("About
//! us", "Who we are", "About Acme") are ignored. So are skills in the job title (the first
//! line), fields of study on degree lines ("Bachelor's degree in Accounting"), and prose
//! lines before the first requirement heading unless their sentence contains an importance
//! cue. Soft skills under a duties heading ("What you will do", "Responsibilities") are
//! ignored too, because duty lines describe the work rather than the person asked for. Hard
//! skills there are ignored as well when the job also has a heading of required items and the
//! sentence has no importance cue: the requirements section then states what is asked of the
//! candidate. The lines right under the title, before the first blank line, name the
//! employer, place and terms ("Redcliff Fabrication — Mesa, AZ") when the job has known
//! headings, so skills there count only with a cue on their line. A skill takes the highest
//! importance of its mentions. The years of experience and education level asked for come from
//! [`super::job_facts`].

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::alternatives::alternative_groups;
use super::context::{ascii_boundaries, line_range};
use super::grid::table_cells;
use super::job_facts::{
    accepts_equivalent_experience, education_level, in_degree_field, in_title, offered_years,
    required_years,
};
use super::unread::unread_items_warning;
use super::{
    Gazetteer, JobRequirement, ParsedJob, SkillMatch, SoftSkill, drop_implied_languages,
    drop_product_features, drop_subsumed, drop_tool_families,
};
use crate::resume::language;

/// Importance of a skill mentioned without any cue.
const NEUTRAL: f64 = 0.9;
const REQUIRED: f64 = 1.0;
const PREFERRED: f64 = 0.75;
const BONUS: f64 = 0.7;
/// Highest importance that still means "preferred" rather than "required".
pub const PREFERRED_MAX: f64 = PREFERRED;

/// A cue phrase, its importance, and whether it applies to skills after it, before it, or both.
struct Cue {
    pattern: &'static str,
    importance: f64,
    forward: bool,
    backward: bool,
}

const CUES: &[Cue] = &[
    Cue {
        pattern: r"must",
        importance: REQUIRED,
        forward: true,
        backward: true,
    },
    Cue {
        pattern: r"required",
        importance: REQUIRED,
        forward: true,
        backward: true,
    },
    Cue {
        pattern: r"requirements?|(?:we|employer|company|position|role|job) requires?",
        importance: REQUIRED,
        forward: true,
        backward: false,
    },
    Cue {
        pattern: r"minimum|at minimum",
        importance: REQUIRED,
        forward: true,
        backward: false,
    },
    Cue {
        pattern: r"mandatory|essential",
        importance: REQUIRED,
        forward: true,
        backward: true,
    },
    Cue {
        pattern: r"need|needed",
        importance: REQUIRED,
        forward: true,
        backward: true,
    },
    Cue {
        pattern: r"preferred|preferably",
        importance: PREFERRED,
        forward: true,
        backward: true,
    },
    Cue {
        pattern: r"(?:nice|good)[- ]to[- ]haves?|pluses",
        importance: PREFERRED,
        forward: true,
        backward: true,
    },
    Cue {
        pattern: r"(?:a|big|huge|strong|definite|major|real|great|nice) plus|would be (?:great|nice|helpful)|great to have|(?:is|are) (?:a )?(?:big |great |real )?help|(?:is|are) (?:also )?welcome|un plus|ein plus|un atout",
        importance: PREFERRED,
        forward: false,
        backward: true,
    },
    Cue {
        pattern: r"even better|stand out (?:if|with)|make you stand out|great if you|bonus points|extra points|extra credit|sets? you apart|icing on the cake|differentiators?|might also have|would also like",
        importance: PREFERRED,
        forward: true,
        backward: false,
    },
    Cue {
        pattern: r"ideally|familiarity|exposure",
        importance: PREFERRED,
        forward: true,
        backward: false,
    },
    // A preference written after the name: "Kafka, if possible", "Redis is appreciated",
    // "Terraform exposure wouldn't hurt", "Ansible is a nice extra". "Docker, ideally" at the
    // end of a line is found by [`TRAILING_IDEALLY`].
    Cue {
        pattern: r"if possible|where possible|(?:is|are|would be) appreciated|wouldn['’]t hurt|would not hurt|nice extra",
        importance: PREFERRED,
        forward: false,
        backward: true,
    },
    // "Plus: Kubernetes", "Standout qualifications", "We'd love it if you have".
    Cue {
        pattern: r"plus:\s*|standout|stand-out|(?:we['’]d|we would) love (?:it )?if",
        importance: PREFERRED,
        forward: true,
        backward: false,
    },
    Cue {
        pattern: r"desired|desirable|optional",
        importance: PREFERRED,
        forward: true,
        backward: true,
    },
    // A skill the hire may learn or a credential they may get after starting: "willing to
    // learn Epic", "ACLS within 90 days of hire".
    Cue {
        pattern: r"willing(?:ness)? to (?:learn|obtain|get|earn)|ability to obtain|(?:(?:obtain|get|earn|complete|acquire)(?:ed)? )?within (?:\d{1,3}|one|two|three|six) (?:days?|months?|years?) of (?:hire|hiring|employment|start|starting)",
        importance: PREFERRED,
        forward: true,
        backward: true,
    },
    // "Tableau is an asset", "SAP would be considered an asset".
    Cue {
        pattern: r"an (?:(?:added|definite|real|great|strong|valuable) )?asset",
        importance: PREFERRED,
        forward: false,
        backward: true,
    },
    Cue {
        pattern: r"helpful|useful|beneficial",
        importance: PREFERRED,
        forward: false,
        backward: true,
    },
    Cue {
        pattern: r"advantage|advantageous",
        importance: PREFERRED,
        forward: false,
        backward: true,
    },
    Cue {
        pattern: r"requisitos|exigences|anforderungen|profil recherché",
        importance: REQUIRED,
        forward: true,
        backward: false,
    },
    Cue {
        pattern: FOREIGN_REQUIRED_CUES,
        importance: REQUIRED,
        forward: true,
        backward: true,
    },
    Cue {
        pattern: FOREIGN_PREFERRED_CUES,
        importance: PREFERRED,
        forward: true,
        backward: true,
    },
    Cue {
        pattern: r"bonus",
        importance: BONUS,
        forward: true,
        backward: true,
    },
];

/// Spanish, Portuguese, French, German and Dutch words that mark a required item.
const FOREIGN_REQUIRED_CUES: &str = r"imprescindible|imprescindível|indispensable|obligatori[oa]|requerid[oa]|obrigatóri[oa]|obligatoire|exigée?|erforderlich|zwingend|vorausgesetzt|voraussetzung|ein muss|vereist|verplicht|noodzakelijk";

/// Spanish, Portuguese, French, German and Dutch words that mark a preferred item.
const FOREIGN_PREFERRED_CUES: &str = r"deseables?|valorable|se valora(?:rá)?|idealmente|desejável|diferenciais|(?:um )?diferencial|souhaitée?|appréciée?|idéalement|wünschenswert|von vorteil|idealerweise|pluspunt|gewenst|wenselijk";

static CUE_REGEXES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    CUES.iter()
        .map(|cue| {
            let pattern = format!(r"(?i)\b(?:{})\b", cue.pattern);
            // ASCII word boundaries let the regex run on its fast automaton whatever the text
            // holds. They are right only where the words at the boundary are ASCII.
            let pattern = if cue.pattern.is_ascii() {
                ascii_boundaries(&pattern)
            } else {
                pattern
            };
            Regex::new(&pattern).expect("cue patterns are fixed, valid regular expressions")
        })
        .collect()
});

static BENEFIT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*what you(?:'ll| will)? get(?: from us| in return)?\W*$|^\W*why\s+(?:[^?\nyY]|y[^o]|yo[^u])[^?\n]{0,40}\?\s*$|\b(?:what we offer|what we can offer|we (?:also |can )?offer|about (?:the|our) (?:trust|organi[sz]ation|hospital|practice|care group|department|service|firm|business|client|employer|school|charity)|in it for you|love working here|why you(?:'ll| will) love|bieten wir|unser angebot|benefícios|oferecemos|benefits|perks|ofrecemos|beneficios|sobre nosotros|nous offrons|avantages|wir bieten|über uns|compensation|salary|equal opportunity|why join|about us|about the company|about the team|who we are|our company|company overview|our story|our mission|our values|(?:our |company )?culture|team life|life at|meet the team|(?:^\W*(?:the|our) team\W*$))\b",
    )
    .expect("the benefit heading pattern is a fixed, valid regular expression")
});

static DUTY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:what you(?:'ll| will) do|what you(?:'ll| will)? get to do|what you(?:'ll| will) be doing|(?:key |main |primary |job |your )?responsibilities|(?:key |main |primary |job |essential )?duties|essential (?:job )?functions|(?:your|the) role|about the role|day[- ]to[- ]day|in this role|your impact|a typical day)\b")
        .expect("the duty heading pattern is a fixed, valid regular expression")
});

/// Duty and requirement headings and cue words of other languages. They classify headings
/// like their English forms but do not count as English headings.
static FOREIGN_DUTY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:responsabilidades|funciones|tus funciones|tareas|atividades|(?:vos |tes )?missions|(?:ihre |deine )?aufgaben|wat ga (?:je|jij) doen|(?:jouw |je )?taken|verantwoordelijkheden|werkzaamheden)\b")
        .expect("the foreign duty heading pattern is a fixed, valid regular expression")
});

static FOREIGN_REQUIRED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:requisitos|requerimientos|buscamos|necesitas|lo que pedimos|exigences|anforderungen|qualifikationen|was (?:du|sie) mitbringen|(?:ihr|dein|votre|ton) profil|profil recherché|(?:tu|su|seu) perfil|perfil buscado|functie-?eisen|wat (?:vragen wij|wij vragen|breng (?:je|jij) mee)|(?:jouw|je) profiel|wie ben (?:je|jij)|vereisten)\b|^\W*(?:profil|perfil|profiel)\W*$")
        .expect("the foreign requirement heading pattern is a fixed, valid regular expression")
});

static FOREIGN_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{FOREIGN_REQUIRED_CUES}|{FOREIGN_PREFERRED_CUES}|un plus|ein plus|un atout)\b"
    ))
    .expect("the foreign cue pattern is a fixed, valid regular expression")
});

/// Other section headings of job texts, alone on their line, which end a list of items
/// without bullets ("Tech stack", "Your skills").
static SECTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:our |the |tech |technology )?stack|tools we use|technologies|(?:your |key |core |technical |essential )?(?:skills|competencies|knowledge)|what we expect|the ideal candidate|ideal candidate|(?:the )?team|(?:the )?company|location|schedule|hours|salary|pay|how to apply)\W*$")
        .expect("the section heading pattern is a fixed, valid regular expression")
});

static REQUIRED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:qualifications|what you(?:'ll| will)? (?:need|bring)|who you are|you have|you should have|about you|your profile|your background|required skills|skills (?:&|and) (?:experience|qualifications)|experience (?:&|and) skills|looking for|what we expect|ideal candidate|(?:your|key|core|essential) skills|what we require|we require|knowledge,? skills,? (?:and|&) abilities|ksas?|who can apply|eligibility|successful candidate will have)\b|^\W*(?:experience|skills)\W*$")
        .expect("the required heading pattern is a fixed, valid regular expression")
});

/// A cue found in the text.
pub(super) struct CueHit {
    position: usize,
    importance: f64,
    forward: bool,
    backward: bool,
}

/// Accumulated evidence for one skill.
struct Tally {
    skill: String,
    skill_id: String,
    soft: bool,
    importance: f64,
    mentions: usize,
    first: usize,
}

/// Extracts requirements with importance and soft skills from a job description.
///
/// Requirements are sorted by importance (descending), then by number of mentions
/// (descending), then by first position. Soft skills use the same importance as their value.
pub fn parse_job(text: &str, gazetteer: &Gazetteer) -> ParsedJob {
    let text = &crate::extract::markup_as_lines(text);
    let text = &crate::extract::page_breaks_as_lines(text);
    let text = &super::grid::columns_as_lists(text);
    let text = &super::wrapped::join_wrapped_items(text);
    let headings = headings(text);
    let layout = Layout {
        cues: find_cues(text),
        header: header_block(text, &headings),
        headings,
        rows: importance_rows(text),
    };
    let headings = &layout.headings;
    let mut tallies: HashMap<String, Tally> = HashMap::new();

    let mut matches = gazetteer.find(text);
    let mut matched: Vec<Range<usize>> = matches.iter().map(|m| m.start..m.end).collect();
    matched.sort_by_key(|m| m.start);
    drop_subsumed(text, &mut matches, gazetteer);
    drop_product_features(text, &mut matches);
    drop_tool_families(&mut matches);
    let sample = language::sample(text);
    let language = language::detect(sample, english_headings(text, headings));
    // "English" in an English job text is implied by the text itself, so even a weak guess of
    // English drops it.
    let implied = language.clone().or_else(|| {
        let named = matches.iter().any(|m| m.name == "english");
        named.then(|| language::best_guess(sample)).flatten()
    });
    drop_implied_languages(&mut matches, implied.as_deref());
    let mut required = Vec::new();
    for found in matches {
        let soft = found.category == "soft";
        if soft && (under_duties(text, found.start, headings) || describes_workplace(text, &found))
            || given_to_the_hire(text, &found)
        {
            continue;
        }
        if hiring_check(text, &found) || employer_notice(text, &found) {
            continue;
        }
        let span = found.start..found.end;
        if let Some(importance) = importance_at(text, span, &layout) {
            record(&mut tallies, &found, importance);
            if found.category != "soft" {
                required.push(found);
            }
        }
    }
    let groups = alternative_groups(text, &required);

    let mut tallies: Vec<Tally> = tallies.into_values().collect();
    tallies.sort_by(|a, b| {
        b.importance
            .total_cmp(&a.importance)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.first.cmp(&b.first))
    });
    let mut parsed = ParsedJob {
        required_years: required_years(text, headings, &layout.cues),
        education_level: education_level(text, headings, &layout.cues),
        equivalent_experience: accepts_equivalent_experience(text),
        equivalent_years: offered_years(text),
        warnings: language::warnings(language.as_deref()),
        language,
        ..ParsedJob::default()
    };
    parsed
        .warnings
        .extend(unread_items_warning(text, headings, &matched));
    for tally in tallies {
        if tally.soft {
            let value = tally.importance;
            parsed.soft_skills.push(SoftSkill {
                skill: tally.skill,
                value,
            });
        } else {
            parsed.requirements.push(JobRequirement {
                any_of: groups.get(&tally.skill_id).copied(),
                skill: tally.skill,
                skill_id: tally.skill_id,
                importance: tally.importance,
                inferred: false,
            });
        }
    }
    tracing::debug!(
        requirements = parsed.requirements.len(),
        soft_skills = parsed.soft_skills.len(),
        language = parsed.language.as_deref(),
        "parsed job description"
    );
    parsed
}

/// Returns the importance a mention at byte range `span` of a job description would get, or
/// `None` when a mention there is not a requirement (the job title, a degree line, a benefit
/// section or a company blurb). It applies the same rules as [`parse_job`], so skills found
/// by other means can be weighed like the taxonomy's own.
///
/// # Panics
///
/// Panics when `span` is out of bounds or does not lie on character boundaries of `text`.
pub fn mention_importance(text: &str, span: Range<usize>) -> Option<f64> {
    // Joining wrapped items keeps every byte offset, so `span` still points at the mention.
    // NOTE: an essential/desirable grid is read only by `parse_job`, since rewriting it as
    // lists moves offsets.
    let text = &super::wrapped::join_wrapped_items(text);
    let headings = headings(text);
    let layout = Layout {
        cues: find_cues(text),
        header: header_block(text, &headings),
        headings,
        rows: importance_rows(text),
    };
    importance_at(text, span, &layout)
}

/// Headings that job boards print above the parts of a posting: "Full job description",
/// "Job details". A skill they name ("job descriptions") is no requirement.
fn names_posting_part(text: &str, offset: usize) -> bool {
    let line = text[line_range(text, offset)]
        .trim()
        .trim_end_matches(':')
        .to_lowercase();
    matches!(
        line.as_str(),
        "full job description" | "job description" | "job details" | "job summary"
    )
}

/// What importance depends on besides the mention itself, found once per job text.
struct Layout {
    cues: Vec<CueHit>,
    headings: Vec<(usize, Heading)>,
    /// The lines under the title (see [`header_block`]).
    header: Range<usize>,
    /// Table rows whose "Required?" cell states their importance (see [`importance_rows`]).
    rows: Vec<(Range<usize>, f64)>,
}

fn importance_at(text: &str, span: Range<usize>, layout: &Layout) -> Option<f64> {
    let (cues, headings) = (&layout.cues, &layout.headings);
    let (clause, offset_in_clause) = clause_at(text, span.start);
    if in_title(text, span.start)
        || in_degree_field(clause, offset_in_clause)
        || waived(text, span.clone())
        || names_posting_part(text, span.start)
    {
        return None;
    }
    if layout.header.contains(&span.start) && cue_in_line(text, span.start, cues).is_none() {
        return None;
    }
    let row = layout
        .rows
        .iter()
        .find(|(row, _)| row.contains(&span.start));
    if let Some((_, importance)) = row {
        return Some(*importance);
    }
    let heading_importance = match heading_at(headings, span.start) {
        Heading::Ignored => return None,
        Heading::Cue(importance) => Some(importance),
        Heading::Neutral => None,
    };
    let cue = cue_importance(text, span.start, span.end, cues);
    if cue.is_none() && in_opening_prose(text, span.start, headings) {
        return None;
    }
    // "Our data team works in Python and dbt.": the company speaks of itself, so the heading
    // above does not make the tools required. Beside a list of requirements, knowing them is
    // a plus.
    let sentence = &text[sentence_range(text, span.start)];
    if cue.is_none() && opens_in_company_voice(sentence.trim_start()) {
        let listed = has_requirements(headings);
        return Some(if listed { PREFERRED } else { NEUTRAL });
    }
    if cue.is_none() && under_duties(text, span.start, headings) && has_requirements(headings) {
        return None;
    }
    let importance = cue.or(heading_importance).unwrap_or(NEUTRAL);
    if merely_helpful(text, span.start) {
        return Some(importance.min(PREFERRED));
    }
    Some(importance)
}

/// Words after a soft skill that make it a trait of the workplace ("a team-oriented
/// culture", "a collaborative environment"), not of the person asked for.
static WORKPLACE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s-]*(?:work(?:ing)?\s+)?(?:culture|environment|atmosphere|workplace|setting|office|company|organi[sz]ation)\b")
        .expect("the workplace pattern is valid")
});

/// Checks whether a soft skill describes the workplace rather than the person: "a
/// team-oriented culture".
fn describes_workplace(text: &str, found: &SkillMatch) -> bool {
    let line = line_range(text, found.end);
    WORKPLACE_AFTER.is_match(&text[found.end..line.end.max(found.end)])
}

/// Words before a skill that make it something the hire receives ("receive regular
/// feedback", "benefit from coaching", "regular supervision and appraisal").
static RECEIVED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:receive|receives|be\s+given|benefit\s+from|access\s+to)\s+((?:[\w-]+,?\s+){0,4})$",
    )
    .expect("the received pattern is valid")
});

/// Checks whether a skill is given to the hire rather than asked of them: "You will be
/// mentored by a senior analyst and receive regular feedback", "You will receive regular
/// supervision and appraisal". "Receive and process payments" is a duty.
fn given_to_the_hire(text: &str, found: &SkillMatch) -> bool {
    let line = line_range(text, found.start);
    let surface = text[found.start..found.end].to_lowercase();
    let passive = surface.ends_with("ed")
        && text[found.end..line.end.max(found.end)]
            .trim_start()
            .starts_with("by ");
    let received = RECEIVED_BEFORE
        .captures(&text[line.start..found.start])
        .is_some_and(|caps| {
            let between = caps.get(1).map_or("", |m| m.as_str()).to_lowercase();
            !between.starts_with("and ") && !between.starts_with("or ")
        });
    passive || received
}

/// Skills that an employer's legal notice names about itself: "an EEO employer", "E-Verify
/// participant".
const NOTICE_SKILLS: &[&str] = &["eeo", "i-9-verification"];

/// Words of a legal notice about the employer.
static NOTICE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:employer|participant|participates|participating|(?:we|company)\s+(?:is|are)\s+(?:an?\s+)?(?:proud\s+)?(?:equal|eeo))\b")
        .expect("the notice pattern is valid")
});

/// Checks whether an EEO or E-Verify match is the employer's notice about itself rather than a
/// skill required of the candidate ("Knowledge of EEO regulations").
fn employer_notice(text: &str, found: &SkillMatch) -> bool {
    NOTICE_SKILLS.contains(&found.skill_id.as_str())
        && NOTICE_WORDS.is_match(&text[sentence_range(text, found.start)])
}

/// Skills that a posting names as checks every hire passes ("Must pass a background check",
/// "subject to a drug screen"), not as work the person does.
const HIRING_CHECKS: &[&str] = &["background-screening", "drug-testing"];

/// Words before a check that make it a condition of hire: "pass a", "subject to", "successful
/// completion of a criminal".
static CHECK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:pass(?:es|ing)?|clear(?:s|ing)?|complet(?:e|es|ing|ion\s+of)|undergo(?:es|ing)?|subject\s+to|consent\s+to|successful(?:ly)?|satisfactory|contingent\s+(?:up)?on|pending|requires?\s+an?|pre-employment|post-offer)\s+(?:[\w-]+\s+){0,5}$")
        .expect("the check pattern is valid")
});

/// Checks whether a match is a background check or drug screen that the hire must pass, or a
/// check stated as a condition ("Background check required").
fn hiring_check(text: &str, found: &SkillMatch) -> bool {
    if !HIRING_CHECKS.contains(&found.skill_id.as_str()) {
        return false;
    }
    let line = line_range(text, found.start);
    let before = &text[line.start..found.start];
    let after = &text[found.end..line.end.max(found.end)];
    CHECK_BEFORE.is_match(before) || CHECK_REQUIRED_AFTER.is_match(after)
}

/// "required" right after a check, maybe after a second check: "Background check and drug
/// screen required".
static CHECK_REQUIRED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^s?(?:\s*(?:and|&|/)\s*[\w-]+(?:\s+[\w-]+){0,2})?\s*(?:is\s+|are\s+|will\s+be\s+)?(?:required|mandatory)\b")
        .expect("the check required pattern is valid")
});

/// The head of a table column that states, row by row, whether the item is required:
/// "Required?", "Mandatory", "Must have".
static REQUIRED_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:required|mandatory|must[- ]have|essential)\s*\??$")
        .expect("the required column pattern is valid")
});

/// Reads a table whose header row has a "Required?" column ("| Skill | Required? |") and
/// returns the byte range of each row below it with the importance its cell states: "Yes"
/// is required, "No" or "Preferred" a preference. Rows with another value are left out. A
/// blank line or a line with no cells ends the table.
fn importance_rows(text: &str) -> Vec<(Range<usize>, f64)> {
    let mut rows = Vec::new();
    let mut column = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let range = offset..offset + line.len();
        offset += line.len();
        let Some(cells) = table_cells(line) else {
            column = None;
            continue;
        };
        if let Some(index) = cells.iter().position(|cell| REQUIRED_COLUMN.is_match(cell)) {
            column = Some(index);
            continue;
        }
        let Some(cell) = column.and_then(|index| cells.get(index)) else {
            continue;
        };
        let importance = match cell.to_lowercase().trim_end_matches('.') {
            "yes" | "y" | "x" | "✓" | "✔" | "required" | "must" | "mandatory" => REQUIRED,
            "no" | "n" | "optional" | "preferred" | "nice to have" | "desired" | "a plus" => {
                PREFERRED
            }
            _ => continue,
        };
        rows.push((range, importance));
    }
    rows
}

/// A negated requirement word: "not necessary", "not mandatory", "not a must".
static NOT_NEEDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bnot\s+(?:required|needed|necessary|mandatory|essential|a\s+must)\b")
        .expect("the not needed pattern is valid")
});

/// Checks whether the sentence of a mention has both a [`NOT_NEEDED`] phrase and a preference
/// word ("Kubernetes is helpful but not necessary"), or pays extra for the skill
/// ([`EXTRA_PAY`]). Such an item is a preference under any heading. The other sentences of its
/// line keep their importance.
pub(super) fn merely_helpful(text: &str, offset: usize) -> bool {
    let sentence = &text[sentence_range(text, offset)];
    NOT_NEEDED.is_match(sentence) && NICE.is_match(sentence) || EXTRA_PAY.is_match(sentence)
}

/// A sentence that pays extra for a skill rather than requiring it: "Bilingual candidates
/// (Spanish, Tagalog) may qualify for bilingual pay", "eligible for a shift differential".
static EXTRA_PAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:may|can|will)\s+(?:qualify|be\s+eligible)\s+for\b|\beligible\s+for\s+(?:an?\s+)?(?:[a-z-]+\s+)?(?:pay|differential|stipend|bonus|premium)\b")
        .expect("the extra pay pattern is valid")
});

/// Maximum number of lines under the title read as the employer, place and terms of the job.
const HEADER_BLOCK_LINES: usize = 2;

/// Returns the byte range of the lines right under the job title, before the first blank
/// line, of a job whose sections have known headings, or an empty range. Those lines name the
/// employer, the place and the terms ("Redcliff Fabrication — Mesa, AZ"), so a skill's name in
/// them ("fabrication") is not a requirement. List items, sentences and headings end them.
fn header_block(text: &str, headings: &[(usize, Heading)]) -> Range<usize> {
    let known = |at: usize, heading: &Heading| {
        !matches!(heading, Heading::Neutral) || is_duty_heading(text[line_range(text, at)].trim())
    };
    let start = text.len() - text.trim_start().len();
    let opens_with_heading = headings
        .iter()
        .any(|(at, heading)| *at == start && known(*at, heading));
    if opens_with_heading || !headings.iter().any(|(at, heading)| known(*at, heading)) {
        return 0..0;
    }
    let mut lines = text[start..].split_inclusive('\n');
    let first = start + lines.next().map_or(0, str::len);
    let mut end = first;
    for line in lines.take(HEADER_BLOCK_LINES) {
        let trimmed = line.trim();
        let sentence = trimmed.ends_with(['.', ':', ';']);
        let heading = headings
            .iter()
            .any(|(at, heading)| *at == end && known(*at, heading));
        if trimmed.is_empty() || is_list_item(trimmed) || sentence || heading {
            break;
        }
        end += line.len();
    }
    first..end
}

/// Returns the importance of a cue on the line around `offset`, if any.
fn cue_in_line(text: &str, offset: usize, cues: &[CueHit]) -> Option<f64> {
    let line = line_range(text, offset);
    let first = cues.partition_point(|cue| cue.position < line.start);
    cues[first..]
        .iter()
        .take_while(|cue| cue.position < line.end)
        .map(|cue| cue.importance)
        .reduce(f64::max)
}

/// Minimum number of words for a line to count as a prose sentence rather than a list item or
/// a heading.
const PROSE_MIN_WORDS: usize = 8;

/// Checks whether `offset` lies in a prose line (no bullet, at least [`PROSE_MIN_WORDS`]
/// words) before the first requirement heading of a job that has one. Such lines introduce
/// the employer or the team ("Tidewell makes scheduling and payroll software"), so the skills
/// they name are not asked of the candidate.
fn in_opening_prose(text: &str, offset: usize, headings: &[(usize, Heading)]) -> bool {
    let first_requirement = headings
        .iter()
        .find(|(_, heading)| matches!(heading, Heading::Cue(_)))
        .map(|(start, _)| *start);
    if first_requirement.is_none_or(|start| offset >= start) {
        return false;
    }
    let line = text[line_range(text, offset)].trim_start();
    let listed = line.starts_with(['-', '*', '•', '·', '–']) || line.starts_with(char::is_numeric);
    !listed && line.split_whitespace().count() >= PROSE_MIN_WORDS
}

/// Checks whether the job has a heading of required items ("Requirements", "What you'll
/// need"), so its duties section is not the only place that states what the job needs. A
/// "Nice to have" section alone does not count: the duties then name the tools the job needs.
fn has_requirements(headings: &[(usize, Heading)]) -> bool {
    headings.iter().any(
        |(_, heading)| matches!(heading, Heading::Cue(importance) if *importance > PREFERRED_MAX),
    )
}

/// Checks whether `offset` lies under a duties heading without an importance cue ("What you
/// will do", "Responsibilities"). Duty lines describe the work ("Collaborate with marketing on
/// launches"), so the soft skills they imply are not asked of the candidate.
fn under_duties(text: &str, offset: usize, headings: &[(usize, Heading)]) -> bool {
    headings
        .iter()
        .rev()
        .find(|(start, _)| *start <= offset)
        .is_some_and(|(start, heading)| {
            matches!(heading, Heading::Neutral)
                && is_duty_heading(text[line_range(text, *start)].trim())
        })
}

/// "No prior … experience needed", "you do not need to know …", "not a … role" around a
/// name: the posting waives that skill.
static WAIVED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:do|does|will)\s+not\s+(?:need|use|require)|don['’]t\s+(?:need|use|require)|doesn['’]t\s+(?:need|use|require)|no\s+longer\s+use|no\s+need\s+to\s+(?:know|have)|not\s+an?|not\s+(?:looking|asking)\s+for)\b[^.;:!?,]{0,40}$")
        .expect("the waived pattern is valid")
});

/// Words before a name, in its clause, that state the employer teaches it: "we will train you on
/// RF scanners", "you will learn Epic", "never used Epic? We'll teach you", "prior knowledge of
/// Epic is not expected".
static TAUGHT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:we(?:['’]ll|\s+will)\s+(?:train|teach)(?:\s+you)?(?:\s+(?:on|in|to\s+use|how\s+to\s+use))?|you(?:['’]ll|\s+will)\s+(?:learn|be\s+trained\s+(?:on|in)|be\s+taught)|(?:new\s+hires|hires|staff|you)\s+(?:are|get|will\s+be)\s+trained\s+(?:on|in)|(?:full|comprehensive|paid|on-the-job)\s+training\s+(?:on|in|with|for)|never\s+used|(?:haven['’]t|have\s+not|hasn['’]t|never)\s+(?:used|worked\s+with))\s+[^.;:!?]{0,40}$")
        .expect("the taught pattern is valid")
});

/// Words after a name that state the employer teaches it or does not expect it: "Training on
/// Epic is provided", "No Cerner experience? No problem.", "… is not expected".
static TAUGHT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*training\s+(?:is\s+|will\s+be\s+)?(?:provided|given|offered)\b|^[^.;:!]{0,30}?(?:\b(?:is|are|will\s+be)\s+(?:provided|taught)\b|\?\s*no\s+problem\b|\?\s*we(?:['’]ll|\s+will)\s+(?:teach|train)\b|\b(?:is|are)\s+not\s+expected\b)")
        .expect("the taught pattern is valid")
});

/// Words before a name that say the employer supplies it: "We supply power tools", "The
/// company provides a van and fuel card", "We'll give you a laptop with Office".
static SUPPLIED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:we|we['’]ll|we\s+will|the\s+company|the\s+employer|employer)\s+(?:supply|supplies|provide|provides|furnish|furnishes|issue|issues|give\s+you)\s+(?:you\s+with\s+)?(?:all\s+)?(?:the\s+|a\s+|an\s+)?(?:[\w-]+(?:,|\s+and)?\s+){0,4}$")
        .expect("the supplied pattern is valid")
});

/// Words after a name that say the employer supplies it: "Power tools and PPE provided",
/// "Uniform supplied".
static SUPPLIED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:,|and|&)\s*[\w -]{1,25}?)?\s*(?:(?:is|are|will\s+be)\s+)?(?:provided|supplied|furnished|issued)\b")
        .expect("the supplied-after pattern is valid")
});

/// People of another firm right after a name: "with their React developers", "the client's
/// Salesforce admins". The posting names their skill, not the candidate's.
static OTHERS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:their|the\s+client['’]s|the\s+customer['’]s|clients['’])\s+$")
        .expect("the others pattern is valid")
});

/// Roles after a name that, with [`OTHERS_BEFORE`], make it another firm's people.
static OTHERS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:developers|engineers|designers|analysts|admins|administrators|teams?|staff|specialists|consultants)\b")
        .expect("the others-after pattern is valid")
});

/// Words inside a bracket before "does not count" that name what it waives instead of the
/// name before the bracket: "B2B sales (SDR/BDR time does not count)".
fn waives_other_subject(clause: &str) -> bool {
    const FILLERS: &[&str] = &["is", "are", "but", "experience", "knowledge", "strictly"];
    let Some(inner) = clause.trim_start().strip_prefix('(') else {
        return false;
    };
    let Some(cue) = NOT_REQUIRED.find(inner) else {
        return false;
    };
    inner[..cue.start()]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .any(|word| !FILLERS.contains(&word.to_lowercase().as_str()))
}

/// A line that opens with "Not required:" and lists what the posting waives.
static WAIVED_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s\-*•·]*(?:not\s+(?:required|needed|necessary|mandatory|essential|compulsory)|no\s+need\s+for|not\s+a\s+requirement)\s*:")
        .expect("the waived list pattern is valid")
});

/// "… experience (is) not required / needed", after a name that "no" or "not" precedes.
static WAIVED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;:!?]{0,40}?\b(?:(?:is\s+)?not\s+(?:required|needed|necessary)|needed|required|necessary)\b")
        .expect("the waived pattern is valid")
});

/// "No" or "without" opening the clause before a name ("No prior Salesforce experience").
static NO_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s(,])(?:no|zero|without)\s+(?:prior\s+|previous\s+|formal\s+)?[^.;:!?,]{0,30}$",
    )
    .expect("the no pattern is valid")
});

/// Checks whether the clause around `span` waives the skill: "No prior
/// Salesforce experience needed", "You do not need to know Kubernetes", "Not a Java role",
/// "Python experience is not required", "Java, not JavaScript", "We don't use Java", "We
/// supply power tools", "with their React developers".
pub(super) fn waived(text: &str, span: Range<usize>) -> bool {
    let line = line_range(text, span.start);
    let before = &text[line.start..span.start];
    let after = &text[span.end..line.end.max(span.end)];
    // "React is nice but not necessary" still wants it, as a preference. A bracket later in
    // the clause is about another item ("Jira is required (Confluence not required)"), but one
    // right after the name is about it ("Python (not required)").
    let own_clause = |clause: &'_ str| -> String {
        match clause.find('(') {
            Some(open) if !clause[..open].trim().is_empty() => clause[..open].to_string(),
            _ => clause.to_string(),
        }
    };
    let not_required_after = after
        .split(['.', ';', '!', '?'])
        .next()
        .map(own_clause)
        .is_some_and(|clause| {
            NOT_REQUIRED.is_match(&clause)
                && !NICE.is_match(&clause)
                && !waives_other_subject(&clause)
        });
    let taught = TAUGHT_BEFORE.is_match(before) || TAUGHT_AFTER.is_match(after);
    let supplied = SUPPLIED_BEFORE.is_match(before) || SUPPLIED_AFTER.is_match(after);
    let others = OTHERS_BEFORE.is_match(before) && OTHERS_AFTER.is_match(after);
    let own_equipment = OWN_BEFORE.is_match(before) && EQUIPMENT_AFTER.is_match(after);
    WAIVED_BEFORE.is_match(before)
        || own_equipment
        || NOT_BEFORE.is_match(before)
        || WAIVED_LIST.is_match(before)
        || taught
        || supplied
        || others
        || not_required_after
        || (NO_BEFORE.is_match(before) && WAIVED_AFTER.is_match(after))
        || (NO_ALONE.is_match(before) && after.trim().trim_end_matches(['!', '.']).is_empty())
}

/// "your own" a few words before a name ("Your own Windows 10 or macOS computer").
static OWN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\byour\s+own\s+(?:[\w.+-]+\s+){0,3}$").expect("the own pattern is valid")
});

/// Equipment after a name that the candidate brings: " computer", " laptop", " vehicle".
static EQUIPMENT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[\w.+-]+\s+){0,2}?(?:computer|laptop|pc|device|machine|phone|smartphone|tablet|vehicle|car|truck)s?\b")
        .expect("the equipment pattern is valid")
});

/// "No" opening a line that names nothing else: "No cold calling!".
static NO_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^[\s\-*•·]*no\s+$").expect("the no-alone pattern is valid"));

/// "not" right before a name ("Java, not JavaScript", "(not JavaScript-only roles)"): the
/// posting sets the skill apart from what it requires.
static NOT_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|[\s(,;])not\s+$").expect("the not pattern is valid"));

/// Words of a preference that may stand before "not required" ("nice but not necessary").
static NICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:nice|plus|bonus|helpful|welcome|preferred|great|useful|advantage)\b")
        .expect("the preference pattern is valid")
});

/// "is not required", "not needed", "not necessary", "not a must", "not allowed", "not used
/// here" or "doesn't count" later in a clause.
static NOT_REQUIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:is\s+|are\s+)?not\s+(?:required|needed|necessary|essential|mandatory|compulsory|obligatory|a\s+requirement|a\s+must|allowed|permitted|used\s+(?:here|at\s+all|on\s+this\s+team))\b|\b(?:isn['’]t|aren['’]t)\s+(?:required|needed|necessary|essential|mandatory|compulsory|a\s+must)\b|\b(?:does\s+not|doesn['’]t|won['’]t|will\s+not)\s+count\b")
        .expect("the not required pattern is valid")
});

/// Returns the part of the line around `offset` between semicolons, and `offset` within it, so
/// a degree named in one clause ("Bachelor's degree; valid teaching license") leaves the other
/// clauses alone.
fn clause_at(text: &str, offset: usize) -> (&str, usize) {
    let line = line_range(text, offset);
    let start = text[line.start..offset]
        .rfind(';')
        .map_or(line.start, |i| line.start + i + 1);
    let end = text[offset..line.end]
        .find(';')
        .map_or(line.end, |i| offset + i);
    (&text[start..end], offset - start)
}

fn record(tallies: &mut HashMap<String, Tally>, found: &SkillMatch, importance: f64) {
    let tally = tallies
        .entry(found.skill_id.clone())
        .or_insert_with(|| Tally {
            skill: found.name.clone(),
            skill_id: found.skill_id.clone(),
            soft: found.category == "soft",
            importance,
            mentions: 0,
            first: found.start,
        });
    tally.mentions += 1;
    tally.importance = tally.importance.max(importance);
}

/// "Ideally" closing a line after a name ("Docker, ideally"): a preference for that name. Before
/// a name ("Strong SQL, ideally PostgreSQL") it is the forward cue of [`CUES`].
static TRAILING_IDEALLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im),[ \t]*ideally[ \t]*[.;]?[ \t]*$")
        .expect("the trailing ideally pattern is valid")
});

pub(super) fn find_cues(text: &str) -> Vec<CueHit> {
    let mut hits: Vec<CueHit> = CUES
        .iter()
        .zip(CUE_REGEXES.iter())
        .flat_map(|(cue, regex)| {
            regex.find_iter(text).map(|m| CueHit {
                position: m.start(),
                importance: cue.importance,
                forward: cue.forward,
                backward: cue.backward,
            })
        })
        .chain(TRAILING_IDEALLY.find_iter(text).map(|m| CueHit {
            position: m.start() + 1,
            importance: PREFERRED,
            forward: false,
            backward: true,
        }))
        .collect();
    hits.sort_by_key(|hit| hit.position);
    hits
}

/// Returns the importance set by the nearest cue in the same sentence as `start..end`: a
/// cue right after the span in its own clause wins, then a cue before the span, then one after
/// it. `cues` must be sorted by position.
pub(super) fn cue_importance(text: &str, start: usize, end: usize, cues: &[CueHit]) -> Option<f64> {
    let sentence = sentence_range(text, start);
    let first = cues.partition_point(|hit| hit.position < sentence.start);
    let past = cues.partition_point(|hit| hit.position < sentence.end);
    let in_sentence = &cues[first..past.max(first)];
    // "Kubernetes (EKS preferred) and Docker": a cue in a bracket stays in it.
    let before = in_sentence.iter().rfind(|hit| {
        hit.forward && hit.position < start && !text[hit.position..start].contains(')')
    });

    // "SQL required, Python preferred": a cue right after the span, before the next comma,
    // is the span's own and wins over a cue for an earlier item.
    let sentence_end = sentence.end.max(end);
    let clause_end = text[end..sentence_end]
        .find(',')
        .map_or(sentence_end, |comma| end + comma);
    // "4+ years of accounting experience, public accounting preferred": a clause that states
    // its own length of time is a whole item, so a cue in a later clause with words of its
    // own belongs to those words.
    let clause_start = text[sentence.start..start.max(sentence.start)]
        .rfind(',')
        .map_or(sentence.start, |comma| sentence.start + comma + 1);
    let measured = TIME_FIGURE.is_match(&text[clause_start..clause_end]);
    // "Docker, with Terraform preferred": a later clause that adds an item with "with" or
    // "plus" takes its cue along.
    let later_item = |position: usize| {
        if position <= clause_end {
            return false;
        }
        let later = &text[clause_end + 1..sentence_end.max(clause_end + 1)];
        let later = later.split(',').next().unwrap_or_default();
        let adds_item = ADDED_ITEM.is_match(later);
        (measured || adds_item) && !only_cue_words(later)
    };
    let after = in_sentence.iter().find(|hit| {
        hit.backward
            && hit.position >= end
            && !qualifies_other_item(&text[end..hit.position])
            && !later_item(hit.position)
    });
    let own_after = after.filter(|hit| hit.position < clause_end);
    // "PTCB certification required within 1 year of hire": the time allowed after hiring
    // makes the required item one the hire may still gain.
    if own_after.is_some() && AFTER_HIRE.is_match(&text[end..clause_end]) {
        return Some(PREFERRED);
    }
    // "A full driving licence, or working towards one" accepts a candidate still gaining it.
    if WORKING_TOWARDS.is_match(&text[end..sentence_end]) {
        return Some(PREFERRED);
    }
    own_after.or(before).or(after).map(|hit| hit.importance)
}

/// Progress towards an item accepted in its place: "or working towards one".
static WORKING_TOWARDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;(]{0,20}?\bor\s+(?:be\s+)?working\s+towards?\s+(?:one|it|them|this)\b")
        .expect("the working-towards pattern is valid")
});

/// Words that open a clause adding an item to the one before it: "with", "plus", "and
/// ideally".
static ADDED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:with|plus|and\s+ideally|ideally\s+with)\b")
        .expect("the added item pattern is valid")
});

/// A time allowed after hiring: "within 1 year of hire", "within 90 days of employment".
static AFTER_HIRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bwithin\s+(?:\d{1,3}|one|two|three|six)\s+(?:days?|months?|years?)\s+of\s+(?:hire|hiring|employment|start|starting)\b")
        .expect("the after-hire pattern is valid")
});

/// Words that may be beside a cue without naming another item: "is", "strongly", "but".
const CUE_FILLERS: &[&str] = &[
    "is",
    "are",
    "be",
    "would",
    "also",
    "strongly",
    "highly",
    "very",
    "but",
    "and",
    "not",
    "a",
    "an",
    "the",
    "too",
    "definitely",
];

/// Checks whether a clause contains only cue words and fillers (", strongly preferred", ", but
/// not required"), so the cue in it applies to the item before it.
fn only_cue_words(clause: &str) -> bool {
    let mut rest = clause.to_string();
    for regex in CUE_REGEXES.iter().chain([&*NOT_NEEDED]) {
        rest = regex.replace_all(&rest, " ").into_owned();
    }
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .all(|word| CUE_FILLERS.contains(&word.to_lowercase().as_str()))
}

/// A length of time written in a clause of its own: "one year in ICU", "5+ years".
static TIME_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:\d{1,2}\+?|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*(?:years?|yrs?|months?)\b")
        .expect("the time figure pattern is valid")
});

/// Names joined to the span by slashes at the start of the text after it: "/BLS" in "CPR/BLS".
static SLASHED_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*/\s*[\w.+#-]+)+").expect("the slashed names pattern is valid")
});

/// Checks whether a cue after a span belongs to another item, given the text `between` the
/// span's end and the cue. It does when the cue sits in a parenthesis that opens after other
/// names or figures, or that holds words or figures of its own ("3+ years of HR experience
/// (5+ preferred)", "Docker (Kubernetes a plus)"), or in a later comma clause with its own
/// length of time ("Current RN license, one year in ICU preferred"). "SQL (preferred)",
/// "NetSuite experience (preferred)" and "SQL, Python or Go preferred" keep the cue.
fn qualifies_other_item(between: &str) -> bool {
    if let Some(open) = between.rfind('(')
        && !between[open..].contains(')')
    {
        // A few lower-case words ("experience", "skills", "accounting experience") finish the
        // span's own noun phrase.
        // "CPR/BLS certification (…)": names joined by a slash share the bracket.
        let lead = SLASHED_NAMES.replace(between[..open].trim(), "");
        let lead = lead.trim();
        let direct = lead.split_whitespace().count() <= 5
            && lead
                .chars()
                .all(|c| c.is_lowercase() || c.is_whitespace() || c == '-');
        // "(or ability to obtain …)" offers the same item another way.
        let inner_words = between[open + 1..]
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| !word.is_empty() && !matches!(word, "or" | "and" | "either"));
        return !direct || inner_words;
    }
    // "Python — Go is a plus": a spaced dash leads to another item.
    let after_dash = [" — ", " – ", " - "]
        .iter()
        .filter_map(|dash| between.rfind(dash).map(|at| &between[at + dash.len()..]))
        .next();
    if after_dash.is_some_and(|rest| !only_cue_words(rest)) {
        return true;
    }
    between
        .rfind(',')
        .is_some_and(|comma| TIME_FIGURE.is_match(&between[comma..]))
}

/// Returns the importance that cue words give the span `start..end` of `text`, if any.
pub(super) fn sentence_importance(text: &str, start: usize, end: usize) -> Option<f64> {
    cue_importance(text, start, end, &find_cues(text))
}

/// Returns the kind of the heading that `offset` sits under.
pub(super) fn heading_at(headings: &[(usize, Heading)], offset: usize) -> Heading {
    headings
        .iter()
        .rev()
        .find(|(start, _)| *start <= offset)
        .map_or(Heading::Neutral, |(_, heading)| *heading)
}

/// Byte range of the sentence around `offset`, bounded by its line and by `. `, `; `,
/// `! ` or `? `.
fn sentence_range(text: &str, offset: usize) -> Range<usize> {
    let own = sentence_in_line(text, offset);
    // "- Docker, with Terraform\n  preferred.": an indented line without a bullet goes on
    // with the item above it, so an unfinished sentence runs into it, and a sentence that
    // opens such a line began on the line above.
    let line = line_range(text, offset);
    let mut range = own.clone();
    if own.end == line.end && line.end < text.len() {
        let next = line_range(text, line.end + 1);
        if continues_item(&text[next.clone()]) {
            range.end = sentence_in_line(text, next.start).end.max(next.start);
        }
    }
    if own.start == line.start && line.start > 0 && continues_item(&text[line.clone()]) {
        let previous = line_range(text, line.start - 1);
        let before = sentence_in_line(text, previous.end);
        if before.end == previous.end {
            range.start = before.start;
        }
    }
    range
}

/// Checks whether a line goes on with the list item above it: it is indented and opens with
/// no bullet.
fn continues_item(line: &str) -> bool {
    line.starts_with([' ', '\t']) && !line.trim().is_empty() && !is_list_item(line.trim())
}

/// Returns the sentence around `offset` within its own line.
fn sentence_in_line(text: &str, offset: usize) -> Range<usize> {
    let line = line_range(text, offset);
    let is_end = |s: &str| s.starts_with([' ', '\t']) || s.is_empty();
    let mut start = line.start;
    let mut end = line.end;
    for (i, c) in text[line.clone()].char_indices() {
        let at = line.start + i;
        if matches!(c, '.' | ';' | '!' | '?') && is_end(&text[at + c.len_utf8()..line.end]) {
            if at < offset {
                start = at + 1;
            } else {
                end = at;
                break;
            }
        }
    }
    start..end
}

/// Kind of a section heading, which sets the importance of the skills under it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Heading {
    /// Benefits, company blurbs and similar sections: their skills are not requirements.
    Ignored,
    /// A heading with an importance cue, such as "Requirements" or "Nice to have".
    Cue(f64),
    /// Any other heading, such as "What you will do".
    Neutral,
}

/// Lists each heading line's start offset with its kind.
pub(super) fn headings(text: &str) -> Vec<(usize, Heading)> {
    let mut headings = Vec::new();
    let mut offset = 0;
    let mut previous_item = false;
    let mut items_follow = false;
    // Whether the last heading has an importance cue and list items stood under it, and
    // whether the line before was blank.
    let mut listed_under_cue = false;
    let mut blank_before = false;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, line) in lines.iter().copied().enumerate() {
        let trimmed = line.trim();
        // A paragraph about the company after a list of requirements and a blank line ("We
        // run Kubernetes on three clouds.") ends the list: its tools are not asked of anyone.
        let under_cue = matches!(headings.last(), Some((_, Heading::Cue(_))));
        if under_cue && listed_under_cue && blank_before && speaks_for_company(trimmed) {
            headings.push((offset, Heading::Neutral));
            listed_under_cue = false;
        }
        // After a blank line under "About Us", a paragraph that requests a candidate ("You have
        // 3+ years as a sous chef") ends the blurb.
        let under_blurb = headings
            .last()
            .is_some_and(|(at, _)| is_company_blurb(text[line_range(text, *at)].trim()));
        if under_blurb && blank_before && !is_list_item(trimmed) && asks_for_someone(trimmed) {
            headings.push((offset, Heading::Neutral));
        }
        if is_list_item(trimmed) {
            listed_under_cue |= under_cue;
        }
        blank_before = trimmed.is_empty();
        // An indented line right after a list item continues that item ("- Experience with
        // Power\n  BI dashboards"), even when it is short enough to read as a heading. Items
        // that break off at "or" or a comma were joined into one line before.
        let continues_item = previous_item && line.starts_with([' ', '\t']);
        if !trimmed.is_empty() {
            previous_item = is_list_item(trimmed) || (previous_item && continues_item);
        }
        if continues_item {
            offset += line.len();
            continue;
        }
        if trimmed.is_empty() || is_list_item(trimmed) {
            items_follow = false;
        }
        // A label on a list item ("- Nice to have: Kafka") cues that item alone, through the
        // cue words of its sentence, and heads no lines below it.
        let inline = inline_heading(trimmed).filter(|_| !is_list_item(trimmed));
        if let Some(label) = inline {
            // "License: Valid PE license." under "Minimum Qualifications" stays required.
            let required_above =
                matches!(headings.last(), Some((_, Heading::Cue(i))) if *i >= REQUIRED);
            let education_label = label == Heading::Neutral;
            let label = if education_label && required_above {
                Heading::Cue(REQUIRED)
            } else {
                label
            };
            headings.push((offset, label));
            items_follow = false;
        } else if is_heading(trimmed) && !item_with_cue(trimmed, items_follow) {
            let heading = classify_heading(trimmed);
            let known = !matches!(heading, Heading::Neutral)
                || is_duty_heading(trimmed)
                || SECTION_HEADING.is_match(trimmed)
                || trimmed.ends_with(':');
            // Under a heading of requirements or duties, short lines without bullets are its
            // items ("Requirements" over "Python" and "Docker"), as PDFs often print lists,
            // until a blank line, another known heading, or a heading over prose.
            let over_prose = title_case(trimmed)
                && lines
                    .get(index + 1)
                    .is_some_and(|next| reads_as_prose(next));
            if known || !items_follow || over_prose {
                headings.push((offset, heading));
                items_follow = known && !matches!(heading, Heading::Ignored);
            }
        }
        offset += line.len();
    }
    headings
}

/// Checks whether a short line in a list without bullets is an item that states its own
/// importance ("PMP certification desirable") rather than a heading: a cue heading opens with
/// its cue ("Desirable skills", "Nice to have") or ends in a colon.
fn item_with_cue(line: &str, items_follow: bool) -> bool {
    if !items_follow || line.ends_with(':') || !matches!(classify_heading(line), Heading::Cue(_)) {
        return false;
    }
    let first_word = line.find(char::is_alphanumeric).unwrap_or(0);
    let opens = |regex: &Regex| regex.find(line).is_some_and(|m| m.start() <= first_word);
    let opens_with_cue = CUE_REGEXES.iter().any(opens)
        || opens(&REQUIRED_HEADING)
        || opens(&FOREIGN_REQUIRED_HEADING)
        || opens(&ASSETS_HEADING)
        || opens(&NOT_NEEDED);
    !opens_with_cue
}

/// Checks whether a line is prose whose subject is the company ("We run…", "Our stack…", "At
/// Acme, …"), at least [`PROSE_WORDS`] words long, even when the sentence wraps onto the
/// next line.
fn speaks_for_company(line: &str) -> bool {
    let long = line.split_whitespace().count() >= PROSE_WORDS;
    opens_in_company_voice(line) && long && !is_list_item(line)
}

/// Words of a sentence that requests a person ("We're looking for someone with 4+ years",
/// "Our ideal candidate has…"), which the company's voice does too.
static ASKS_FOR_SOMEONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:you|your|candidates?|someone|applicants?|looking\s+for|seeking|hiring|need|needs|require|requires|expect|ideal|must|should)\b")
        .expect("the asking pattern is valid")
});

/// Checks whether a sentence requests a person ("you", "candidates", "must", "looking for").
pub(super) fn asks_for_someone(sentence: &str) -> bool {
    ASKS_FOR_SOMEONE.is_match(sentence)
}

/// Checks whether a sentence opens in the company's voice without asking for a person: "We",
/// "Our", "For over 30 years" or "At" and a name ("At Acme, …", but not "At least …").
pub(super) fn opens_in_company_voice(sentence: &str) -> bool {
    if asks_for_someone(sentence) {
        return false;
    }
    let mut words = sentence.split_whitespace();
    let first = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    match first {
        "We" | "We're" | "We’re" | "We've" | "We’ve" | "Our" => true,
        "For" => matches!(second, "over" | "more" | "nearly" | "almost" | "decades"),
        "At" => second.starts_with(char::is_uppercase),
        _ => false,
    }
}

/// Words a line needs before it reads as a sentence of prose rather than a list item.
const PROSE_WORDS: usize = 10;

/// Checks whether a line is written like a heading: every word longer than three letters
/// starts with a capital and no digit, comma or bracket appears ("Our Culture", "Life at
/// Acme"), unlike most list items ("Implementation of eCommerce projects", "Knowledge of
/// Scalable Storage (Gluster, Ceph)").
fn title_case(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .collect();
    let capitalised = |word: &&str| {
        word.chars().count() <= 3 || word.chars().next().is_some_and(char::is_uppercase)
    };
    !words.is_empty()
        && words.iter().all(capitalised)
        && !line.contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | '(' | ')'))
}

/// Checks whether a line is a sentence of prose: not a list item, at least [`PROSE_WORDS`]
/// words long and ending in a full stop ("We ship every day and care about tests.").
fn reads_as_prose(line: &str) -> bool {
    let trimmed = line.trim();
    !is_list_item(trimmed)
        && trimmed.ends_with(['.', '!'])
        && trimmed.split_whitespace().count() >= PROSE_WORDS
}

/// Minimum number of English job headings ("Requirements", "What you will do", "Nice to have")
/// that outweighs a letter-pattern guess of another language. One is enough: a posting in
/// another language rarely uses an English heading, while the names and places of an English
/// posting can sway the guess.
const MIN_ENGLISH_HEADINGS: usize = 1;

/// Checks whether at least `MIN_ENGLISH_HEADINGS` of the job's headings are English duty,
/// requirement or cue headings.
fn english_headings(text: &str, headings: &[(usize, Heading)]) -> bool {
    let english = headings.iter().filter(|(offset, _)| {
        let line = text[line_range(text, *offset)].trim();
        let foreign = FOREIGN_DUTY_HEADING.is_match(line)
            || FOREIGN_REQUIRED_HEADING.is_match(line)
            || FOREIGN_CUE.is_match(line);
        let english = DUTY_HEADING.is_match(line)
            || REQUIRED_HEADING.is_match(line)
            || CUE_REGEXES.iter().any(|regex| regex.is_match(line));
        english && !foreign
    });
    english.count() >= MIN_ENGLISH_HEADINGS
}

/// Checks for a duties heading in English or another language ("What you will do",
/// "Funciones").
fn is_duty_heading(heading: &str) -> bool {
    DUTY_HEADING.is_match(heading) || FOREIGN_DUTY_HEADING.is_match(heading)
}

/// A table's column of importance, "Required / Preferred" or "Required or desired", whose
/// rows each state their own.
static IMPORTANCE_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:required|must[- ]have)\s*(?:/|\bor\b|&|\band\b)\s*(?:preferred|desired|optional|nice[- ]to[- ]have)\b",
    )
    .expect("the importance column pattern is valid")
});

fn classify_heading(heading: &str) -> Heading {
    if BENEFIT_HEADING.is_match(heading) || is_company_blurb(heading) {
        return Heading::Ignored;
    }
    // A duties heading states no importance, even when it contains a cue word ("Essential
    // Functions").
    if is_duty_heading(heading) {
        return Heading::Neutral;
    }
    // "Required / Preferred" heads a table column: each row states its own importance.
    if IMPORTANCE_COLUMN.is_match(heading) {
        return Heading::Neutral;
    }
    // "Assets", "Nice:", "Not required, but nice" and "Not essential:" head preferred items.
    if ASSETS_HEADING.is_match(heading) || NOT_NEEDED.is_match(heading) {
        return Heading::Cue(PREFERRED);
    }
    let cue = CUES
        .iter()
        .zip(CUE_REGEXES.iter())
        .filter(|(_, regex)| regex.is_match(heading))
        .map(|(cue, _)| cue.importance)
        .reduce(f64::min);
    match cue {
        Some(importance) => Heading::Cue(importance),
        None if REQUIRED_HEADING.is_match(heading)
            || FOREIGN_REQUIRED_HEADING.is_match(heading) =>
        {
            Heading::Cue(REQUIRED)
        }
        None => Heading::Neutral,
    }
}

/// "Assets" or "Additional assets" alone on a line, the Canadian heading of preferred items,
/// "Recommendations", the South African one, a heading that opens with "Plus" ("Plus if you
/// have:"), or "Nice" alone.
static ASSETS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:additional|other) )?assets?\W*$|^\W*(?:an? |big )?plus(?:es)?\b|^\W*nice\W*$|^\W*(?:recommendations?|recommended(?:\s+(?:skills|qualifications|requirements))?|advantageous)\W*$")
        .expect("the assets heading pattern is valid")
});

/// Labels of an education line ("Education: BS/MS in Computer Science"), which ends the list
/// above it like a heading of its own.
static EDUCATION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:education|degree|degrees|certifications?|licen[cs]es?|credentials)$")
        .expect("the education label pattern is valid")
});

/// Returns the kind of a heading written as a label before a colon and text. The text after
/// the colon and the lines below it are then read as under a heading of their own, so
/// "Benefits: dental" is ignored, "Skills: SQL" required and "Preferred skills: Power BI"
/// preferred. An education label ends the section above it.
fn inline_heading(line: &str) -> Option<Heading> {
    let (label, rest) = line.split_once(':')?;
    let label = label.trim_start_matches(['-', '*', '•', ' ']).trim();
    if rest.trim().is_empty() || !is_heading(label) {
        return None;
    }
    match classify_heading(label) {
        Heading::Neutral => EDUCATION_LABEL.is_match(label).then_some(Heading::Neutral),
        heading => Some(heading),
    }
}

/// Checks for "About Acme" and similar headings that introduce the employer. "About the
/// role" and "About you" describe the job and are not blurbs.
fn is_company_blurb(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    let Some(rest) = lower.strip_prefix("about ") else {
        return false;
    };
    let rest = rest.trim_end_matches(':').trim();
    let job_words = [
        "role",
        "job",
        "position",
        "you",
        "opportunity",
        "this",
        "the work",
    ];
    !job_words.iter().any(|word| rest.contains(word))
}

/// Checks whether a trimmed line looks like a section heading: short, no bullet and no
/// sentence punctuation at its end.
fn is_heading(line: &str) -> bool {
    // A note in brackets after a known heading ("Qualifications (all are required unless
    // marked otherwise)") does not count towards its length.
    let line = match line.rsplit_once('(') {
        Some((core, _))
            if line.ends_with(')')
                && !core.trim().is_empty()
                && !matches!(classify_heading(core.trim()), Heading::Neutral) =>
        {
            core.trim_end()
        }
        _ => line,
    };
    let words = line.split_whitespace().count();
    let sentence = line.ends_with(['.', ',', ';']);
    // A line ending in a colon introduces the list below it, so it may be a longer phrase
    // ("It would be great if you have:").
    let (max_words, max_len) = if line.ends_with(':') {
        (14, 100)
    } else {
        (6, 60)
    };
    (1..=max_words).contains(&words) && !is_list_item(line) && !sentence && line.len() <= max_len
}

/// Characters that open a list item in a job text.
const LIST_BULLETS: &[char] = &[
    '-', '*', '•', '·', '–', '—', '▪', '◦', '‣', '○', '►', '➢', '→', '✓', '»', '■', '◆', '♦', '✔',
];

/// Checks for a bulleted or numbered list item. A line in Markdown bold ("**Requirements**")
/// is not one.
pub(super) fn is_list_item(line: &str) -> bool {
    let bold = line.starts_with("**");
    let bullet = line.starts_with(LIST_BULLETS) && !bold;
    bullet || numbered(line) || crate::skills::symbol_bullet(line)
}

/// Checks for a numbered list item ("1. Bachelor's degree", "2) Valid license").
fn numbered(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    (1..=2).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOB: &str = "Backend Engineer\n\
        What you will do\n\
        - Build services in Go and Python on Kubernetes.\n\
        Requirements\n\
        - 4+ years with Python.\n\
        - Strong SQL, ideally PostgreSQL.\n\
        - Clear written communication and teamwork.\n\
        Nice to have\n\
        - Terraform.\n\
        - Kafka is a bonus.\n\
        What we offer\n\
        - Yearly Excel and Jira training budget.\n";

    fn importance(parsed: &ParsedJob, skill: &str) -> Option<f64> {
        let found = parsed.requirements.iter().find(|r| r.skill == skill);
        found.map(|r| r.importance)
    }

    fn span_of(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).expect("the needle is in the text");
        start..start + needle.len()
    }

    #[test]
    fn mention_importance_follows_sections() {
        assert_eq!(
            mention_importance(JOB, span_of(JOB, "Terraform")),
            Some(0.75)
        );
        assert_eq!(mention_importance(JOB, span_of(JOB, "Kubernetes")), None);
        assert_eq!(mention_importance(JOB, span_of(JOB, "Jira")), None);
        assert_eq!(mention_importance(JOB, span_of(JOB, "Backend")), None);
    }

    #[test]
    fn degree_clause_leaves_licence_clause() {
        let text = "Science Teacher\nRequirements\n\
            - Bachelor's degree in Accounting; valid state teaching license\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "teaching license"), Some(1.0));
        assert_eq!(importance(&parsed, "accounting"), None);
    }

    #[test]
    fn skills_after_degree_field_count() {
        let text = "Staff Accountant\nRequirements\n\
            - You hold a bachelor's degree in accounting and know QuickBooks and Excel well.\n\
            - BS in Mechanical Engineering and 5+ years using SolidWorks\n\
            - Bachelor's degree in Finance, Economics or a related field\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "quickbooks"), Some(1.0));
        assert_eq!(importance(&parsed, "excel"), Some(1.0));
        assert_eq!(importance(&parsed, "solidworks"), Some(1.0));
        assert_eq!(importance(&parsed, "accounting"), None);
        assert_eq!(importance(&parsed, "mechanical engineering"), None);
        assert_eq!(importance(&parsed, "economics"), None);
    }

    #[test]
    fn lifting_condition_is_a_requirement() {
        let text = "Stock Associate\nRequirements\n- Must be able to lift 50 lbs.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "ability to lift 50 lbs"), Some(1.0));
        assert!(parsed.soft_skills.is_empty());
    }

    #[test]
    fn requirement_heading_gives_full_importance() {
        let parsed = parse_job(JOB, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(1.0));
        assert_eq!(importance(&parsed, "sql"), Some(1.0));
    }

    #[test]
    fn preferred_cues_lower_importance() {
        let parsed = parse_job(JOB, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "terraform"), Some(0.75));
        assert_eq!(importance(&parsed, "kafka"), Some(0.7));
    }

    #[test]
    fn neutral_mention_keeps_its_highest_importance() {
        let duties_only = "Backend Engineer\nResponsibilities\n\
            - Build services in Go on Kubernetes.\n- Ideally also Kubernetes operators.\n";
        let parsed = parse_job(duties_only, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "go"), Some(0.9));
        assert_eq!(importance(&parsed, "kubernetes"), Some(0.9));

        let parsed = parse_job(JOB, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "postgresql"), Some(0.75));
        assert_eq!(importance(&parsed, "go"), None);
    }

    #[test]
    fn benefit_sections_are_ignored() {
        let parsed = parse_job(JOB, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "jira"), None);
        assert_eq!(importance(&parsed, "excel"), None);
    }

    #[test]
    fn own_clause_cue_wins() {
        let text = "Data Engineer\nRequirements\n- SQL required, Python preferred\n\
            - Kotlin would be great\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(1.0));
        assert_eq!(importance(&parsed, "python"), Some(0.75));
        assert_eq!(importance(&parsed, "kotlin"), Some(0.75));
    }

    #[test]
    fn skills_a_posting_waives_are_not_requirements() {
        let text = "Sales Associate\nRequirements\n\
            - No prior Salesforce experience needed; we will train you\n\
            - You do not need to know Kubernetes\n\
            - Not a Java role, but Python helps\n\
            - Excel experience is not required\n\
            - Some React is nice but not necessary\n\
            - SQL required\n\
            - Experience with HubSpot, without supervision\n\
            Not required: Tableau, Jira.\n\
            No experience needed - we will train you on forklift operation!\n\
            You will learn Epic on the job. Training on Zendesk is provided.\n\
            No Cerner experience? No problem. Never used Asana? We'll teach you.\n\
            Prior knowledge of Workday is not expected.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        let taught = [
            "tableau",
            "jira",
            "forklift operation",
            "epic",
            "zendesk",
            "cerner",
        ];
        for waived in [
            "salesforce",
            "kubernetes",
            "java",
            "excel",
            "asana",
            "workday",
        ]
        .into_iter()
        .chain(taught)
        {
            assert_eq!(importance(&parsed, waived), None, "{waived}");
        }
        assert_eq!(importance(&parsed, "sql"), Some(1.0));
        assert_eq!(importance(&parsed, "python"), Some(1.0));
        assert_eq!(importance(&parsed, "hubspot"), Some(1.0));
        assert!(importance(&parsed, "react").is_some());
    }

    #[test]
    fn skill_after_not_is_set_apart() {
        let text = "Backend Engineer\nRequirements\n- Java, not JavaScript.\n\
            - Strong Go (not Ruby-only roles)\n\
            - Not only Python but also Kotlin\n";
        let parsed = parse_job(text, Gazetteer::builtin());

        assert_eq!(importance(&parsed, "java"), Some(1.0));
        assert_eq!(importance(&parsed, "javascript"), None);
        assert_eq!(importance(&parsed, "ruby"), None);
        assert!(importance(&parsed, "go").is_some());
        assert!(importance(&parsed, "python").is_some());
        assert!(importance(&parsed, "kotlin").is_some());
    }

    #[test]
    fn ambiguous_name_with_experience_cue() {
        let text = "Backend Engineer\nRequirements\n- Go experience is mandatory.\n\
            - You must know Swift.\n\
            - Exposure to Rust.\n\
            - We go out for lunch on Fridays\n";
        let parsed = parse_job(text, Gazetteer::builtin());

        assert_eq!(importance(&parsed, "go"), Some(1.0));
        assert!(importance(&parsed, "swift").is_some());
        assert!(importance(&parsed, "rust").is_some());
        assert_eq!(parsed.requirements.len(), 3, "{:?}", parsed.requirements);
    }

    #[test]
    fn company_paragraph_after_requirements_is_not_required() {
        let text = "Platform Engineer\nRequirements\n- 3+ years with Python\n- Strong SQL\n\n\
            We run Kubernetes and Terraform across three regions and deploy twenty times a day.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(1.0));
        assert_eq!(importance(&parsed, "kubernetes"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "terraform"), Some(PREFERRED));

        let text = "Platform Engineer\nRequirements\n- 3+ years with Python\n\n\
            You have shipped services on Kubernetes and written Terraform modules by hand.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "kubernetes"), Some(1.0));
    }

    #[test]
    fn wrapped_company_paragraph_after_requirements_is_not_required() {
        let text = "Data Analyst\nRequirements:\n- Python and SQL\n- Statistics\n\n\
            We are a fast-growing fintech headquartered in Austin. Our engineers use Go, Rust\n\
            and Elixir across the platform, and our designers live in Figma.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(1.0));
        for skill in ["go", "rust", "elixir", "figma"] {
            assert_ne!(importance(&parsed, skill), Some(1.0), "{skill}");
        }
        let text = "Data Analyst\nRequirements\n- SQL\n\n\
            We need someone who has shipped dashboards in Tableau and Looker for finance teams.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "tableau"), Some(1.0));
    }

    #[test]
    fn stand_out_and_extra_credit_headings_are_preferences() {
        let text = "ML Engineer\nRequirements\n- Python\n\
            What would make you stand out\n- Ray\nExtra credit\n- Kafka\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "ray"), Some(0.75));
        assert_eq!(importance(&parsed, "kafka"), Some(0.75));
    }

    #[test]
    fn we_offer_section_is_ignored() {
        let text = "Data Engineer\nRequirements\n- Python\nWe offer\n- Courses on AWS\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(1.0));
        assert_eq!(importance(&parsed, "aws"), None);
    }

    #[test]
    fn requirements_sorted_by_importance_then_position() {
        let parsed = parse_job(JOB, Gazetteer::builtin());
        let order: Vec<&str> = parsed
            .requirements
            .iter()
            .map(|r| r.skill.as_str())
            .collect();
        let expected = ["python", "sql", "postgresql", "terraform", "kafka"];
        assert_eq!(order, expected);
        assert!(parsed.requirements.iter().all(|r| !r.inferred));
    }

    fn soft_names(text: &str) -> Vec<String> {
        let parsed = parse_job(text, Gazetteer::builtin());
        let mut names: Vec<String> = parsed.soft_skills.into_iter().map(|s| s.skill).collect();
        names.sort();
        names
    }

    #[test]
    fn soft_phrases_in_duties_are_ignored() {
        let text = "Support Engineer\n\nWhat you will do\n- Collaborate with product on fixes\n\n\
                    Requirements\n- Communicates clearly with customers\n";
        assert_eq!(soft_names(text), vec!["communication"]);
    }

    #[test]
    fn requirement_headings_in_more_forms() {
        for heading in [
            "What we require",
            "Knowledge, Skills and Abilities",
            "Qualifications (all are required unless marked otherwise)",
        ] {
            let text = format!("Payroll Specialist\n\n{heading}\n- ADP Workforce Now\n");
            let parsed = parse_job(&text, Gazetteer::builtin());
            assert_eq!(importance(&parsed, "adp"), Some(1.0), "{heading}");
        }
        let text = "Developer\nWe require Terraform experience.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "terraform"), Some(1.0));
    }

    #[test]
    fn waiver_in_later_bracket_spares_the_item() {
        let text = "Requirements\n- Experience with Jira is required (Confluence not required).\n";
        let names = requirement_names(text);
        assert_eq!(names, ["jira"]);
        let text = "Requirements\n- Python (not required)\n- SQL\n";
        assert_eq!(requirement_names(text), ["sql"]);
    }

    #[test]
    fn cue_after_dash_belongs_to_the_next_item() {
        let text = "Requirements\n- Python — Kubernetes is a plus\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(1.0));
        assert!(importance(&parsed, "kubernetes").is_some_and(|i| i < 1.0));
        let text = "Requirements\n- Python — a plus\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert!(importance(&parsed, "python").is_some_and(|i| i < 1.0));
    }

    #[test]
    fn cue_on_wrapped_line_and_added_item() {
        let text = "Requirements\n- SQL, with dbt\n  preferred.\n- Docker\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(1.0));
        assert_eq!(importance(&parsed, "dbt"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "docker"), Some(1.0));
        let text = "Requirements\n- Experience with Terraform is\n  preferred\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "terraform"), Some(PREFERRED));
    }

    #[test]
    fn more_preference_and_requirement_wordings() {
        let text = "Analyst\n\nWho can apply\n- SQL\n\nYou might also have\n- Tableau\n\n\
            Requirements\n- Spanish is a big help\n- A full UK driving licence, or working \
            towards one\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(1.0));
        assert_eq!(importance(&parsed, "tableau"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "spanish"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "driver's license"), Some(PREFERRED));
    }

    #[test]
    fn equipment_and_received_help_are_no_requirements() {
        let text = "Requirements\n- Excel\n- Your own Windows 10 or macOS computer\n\
            - You will be mentored by a senior analyst and receive regular feedback\n\
            - You will receive regular supervision and appraisal\n\
            - Receive and log invoices in QuickBooks\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(requirement_names(text), ["excel", "quickbooks"]);
        assert!(parsed.soft_skills.is_empty(), "{:?}", parsed.soft_skills);
    }

    fn requirement_names(text: &str) -> Vec<String> {
        let parsed = parse_job(text, Gazetteer::builtin());
        let mut names: Vec<String> = parsed.requirements.into_iter().map(|r| r.skill).collect();
        names.sort();
        names
    }

    #[test]
    fn duty_tools_give_way_to_requirements() {
        let text = "Backend Engineer\n\nWhat you will do\n- Operate services on Kubernetes\n\
                    - You must be fluent in Terraform\n\n\
                    Requirements\n- 3+ years of Python\n";

        assert_eq!(requirement_names(text), vec!["python", "terraform"]);
    }

    #[test]
    fn duty_heading_forms_are_recognised() {
        for heading in ["Essential Functions", "Job Duties", "**Responsibilities**"] {
            let text = format!(
                "Data Analyst\n\n{heading}\n- Build reports in Tableau\n\n\
                 **Requirements**\n- Strong SQL\n"
            );
            assert_eq!(requirement_names(&text), vec!["sql"], "{heading}");
        }
    }

    #[test]
    fn requirement_heading_forms_give_full_importance() {
        for heading in [
            "About You",
            "You should have:",
            "Skills & Experience",
            "Experience",
        ] {
            let text = format!("Data Analyst\n\n{heading}\n- Strong SQL\n");
            let parsed = parse_job(&text, Gazetteer::builtin());
            assert_eq!(importance(&parsed, "sql"), Some(1.0), "{heading}");
        }
    }

    #[test]
    fn wrapped_item_is_not_a_heading() {
        let text = "Data Analyst\n\nRequirements\n- Experience with Power\n  BI dashboards\n\
                    - Strong SQL\n";
        let parsed = parse_job(text, Gazetteer::builtin());

        assert_eq!(importance(&parsed, "sql"), Some(1.0));
    }

    #[test]
    fn english_is_implied_in_short_english_posting() {
        let text = "Support Agent\nRequirements\n- Bilingual (English/Spanish)\n";

        assert_eq!(requirement_names(text), vec!["spanish"]);
    }

    #[test]
    fn duty_tools_kept_beside_nice_to_have() {
        let text = "Backend Engineer\n\nWhat you will do\n- Operate services on Kubernetes\n\n\
                    Nice to have\n- Terraform\n";

        assert_eq!(requirement_names(text), vec!["kubernetes", "terraform"]);
    }

    #[test]
    fn duty_tools_count_without_requirements() {
        let text = "Backend Engineer\n\nResponsibilities\n- Operate services on Kubernetes\n\
                    - Write Python services\n";

        assert_eq!(requirement_names(text), vec!["kubernetes", "python"]);
    }

    #[test]
    fn soft_phrases_under_requirements_count() {
        let text = "Electrician\n\nRequirements:\n- Journeyman license\n\
                    - Reliable, works well on a crew\n- Mentors apprentices\n";
        assert_eq!(
            soft_names(text),
            vec!["mentoring", "reliability", "teamwork"]
        );
        let parsed = parse_job(text, Gazetteer::builtin());
        assert!(parsed.requirements.iter().all(|r| r.skill != "mentoring"));
    }

    #[test]
    fn soft_skills_are_kept_apart() {
        let parsed = parse_job(JOB, Gazetteer::builtin());
        let soft: Vec<(&str, f64)> = parsed
            .soft_skills
            .iter()
            .map(|s| (s.skill.as_str(), s.value))
            .collect();
        assert_eq!(soft, vec![("communication", 1.0), ("teamwork", 1.0)]);
        assert!(
            parsed
                .requirements
                .iter()
                .all(|r| r.skill != "communication")
        );
    }

    #[test]
    fn company_blurb_is_ignored_and_facts_are_read() {
        let text = "Payroll Analyst\n\
            About Quillmark Foods\n\
            We run SAP and Salesforce across forty sites.\n\
            Who we are\n\
            A team that loves Tableau.\n\
            Requirements\n\
            - 4+ years of payroll experience with ADP\n\
            - Bachelor's degree in Finance\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        let skills: Vec<&str> = parsed
            .requirements
            .iter()
            .map(|r| r.skill.as_str())
            .collect();
        for ignored in ["sap", "salesforce", "tableau", "finance"] {
            assert!(!skills.contains(&ignored), "{ignored} in {skills:?}");
        }
        assert!(skills.contains(&"adp"), "{skills:?}");
        assert_eq!(parsed.required_years, Some(4.0));
        assert_eq!(parsed.education_level.as_deref(), Some("bachelor"));
    }

    #[test]
    fn inline_benefit_heading_is_ignored() {
        let text = "Support Engineer\n\
            Requirements\n\
            - 2+ years with SQL.\n\
            Benefits: patient care insurance, JavaScript meetups.\n\
            - Yearly Jira training budget.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(1.0));
        assert_eq!(importance(&parsed, "javascript"), None);
        assert_eq!(importance(&parsed, "patient care"), None);
        assert_eq!(importance(&parsed, "jira"), None);
    }

    #[test]
    fn inline_requirement_label_keeps_skills() {
        let text = "Support Engineer\nMust have: SQL and Jira.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert!(importance(&parsed, "sql").is_some());
        assert!(importance(&parsed, "jira").is_some());
    }

    #[test]
    fn pasted_html_list_is_read() {
        let text = "Platform Engineer\n<p>Requirements</p><ul><li>Python</li></ul>\n\
            <p>Nice to have</p><ul><li>Go</li><li>Ansible</li></ul>";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "go"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "ansible"), Some(PREFERRED));
    }

    #[test]
    fn label_on_list_item_cues_only_that_item() {
        let text = "Backend Engineer\n\nRequirements\n- Nice to have: Kafka\n\
            - 3+ years of professional experience\n- Experience with Docker\n\
            - Bonus: Terraform\n- Must know PostgreSQL\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "kafka"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "docker"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "terraform"), Some(BONUS));
        assert_eq!(importance(&parsed, "postgresql"), Some(REQUIRED));
        assert_eq!(parsed.required_years, Some(3.0));
    }

    #[test]
    fn bracketed_cue_after_a_noun_is_the_items() {
        let text = "Staff Accountant\n\nRequirements\n- NetSuite experience (preferred)\n\
            - Tableau skills (nice to have)\n- 3+ years of QuickBooks (5+ preferred)\n\
            - Docker (Kubernetes a plus)\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "netsuite"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "tableau"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "quickbooks"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "docker"), Some(REQUIRED));
        let text = "Staff Accountant\n\nRequirements\n\
            - 2+ years of public accounting experience (preferred)\n- Excel\n";
        assert_eq!(parse_job(text, Gazetteer::builtin()).required_years, None);
    }

    #[test]
    fn credentials_gained_after_hire_are_preferred() {
        let text = "Registered Nurse\n\nRequirements\n- Current RN license\n\
            - ACLS within 6 months of hire\n- Must be willing to learn Epic\n\
            - Must obtain PALS within 90 days of employment\n- BLS required\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "acls"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "epic"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "pals"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "bls"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "registered nurse"), Some(REQUIRED));
    }

    #[test]
    fn measured_clause_keeps_its_importance() {
        let text = "Accountant\n\nRequirements\n\
            - 4+ years of progressive accounting experience, public accounting preferred\n\
            - At least 2 years of QuickBooks experience, Xero nice to have\n\
            - 3-5 years of HR generalist experience, preferably in manufacturing\n\
            - 2+ years of SAP, strongly preferred\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(parsed.required_years, Some(4.0));
        assert_eq!(importance(&parsed, "quickbooks"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "xero"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "hr generalist"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "manufacturing"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "sap"), Some(PREFERRED));
    }

    #[test]
    fn about_us_ends_where_the_posting_asks() {
        let text = "Sous Chef\n\nAbout Us\nEmber & Oak is a 140-seat restaurant.\n\n\
            You have 3+ years as a sous chef and ServSafe Manager certification.\n\
            - Toast POS experience\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(parsed.required_years, Some(3.0));
        assert!(
            importance(&parsed, "toast pos").is_some(),
            "{:?}",
            parsed.requirements
        );
    }

    #[test]
    fn license_label_under_minimum_stays_required() {
        let text = "Civil Engineer\n\nMinimum Qualifications\n- Bachelor's degree in civil \
            engineering\nLicense: Valid Professional Engineer (PE) license.\n\
            Certification: EPA 608 Universal.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(
            importance(&parsed, "professional engineer license"),
            Some(REQUIRED)
        );
        assert_eq!(importance(&parsed, "epa 608"), Some(REQUIRED));
    }

    #[test]
    fn cues_stay_in_their_own_place() {
        let text = "DevOps Engineer\n\nRequirements\n- Kubernetes (EKS preferred) and Docker\n\
            - PTCB certification required within 1 year of hire\n\
            - Forklift experience helpful\n- We do not require a master's degree\n\
            - A year or more of SQL experience\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "kubernetes"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "docker"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "ptcb"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "forklift operation"), Some(PREFERRED));
        assert_eq!(parsed.education_level, None);
        assert_eq!(parsed.required_years, Some(1.0));
    }

    #[test]
    fn headings_skip_unbulleted_cue_items() {
        let text = "Project Engineer\n\nREQUIREMENTS:\nProficient in Procore\n\
            PMP certification desirable\nOSHA 30\nMS Project\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "pmp"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "osha"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "microsoft project"), Some(REQUIRED));
    }

    #[test]
    fn more_preference_phrases_are_read() {
        let text = "Engineer\n\nRequirements\n- TypeScript\nNice: Looker\n- Experience with Next.js is a strong \
            plus\n- CPR/BLS certification (or obtain within 30 days of hire)\n\n\
            Plus if you have:\n- Kafka\n\nIcing on the cake:\n- Rust\n\n\
            You'll stand out with:\n- Terraform\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "typescript"), Some(REQUIRED));
        for skill in [
            "next.js",
            "cpr",
            "bls",
            "kafka",
            "rust",
            "terraform",
            "looker",
        ] {
            assert_eq!(importance(&parsed, skill), Some(PREFERRED), "{skill}");
        }
    }

    #[test]
    fn more_waivers_are_read() {
        let text = "Sales Rep\n\nRequirements\n- Salesforce\n- Tableau is not a must\n\
            - Java is not used here\n- Not looking for Python experience\n- No cold calling!\n\
            - SDR experience doesn't count toward this\n";
        assert_eq!(requirement_names(text), ["salesforce"]);
    }

    #[test]
    fn company_sentences_are_preferred_and_notices_dropped() {
        let text = "Analyst\n\nRequirements\n- SQL\n\nOur data team works in Python and dbt.\n\
            We are an EEO/AA employer. E-Verify participant.\n";
        assert_eq!(requirement_names(text), ["dbt", "python", "sql"]);
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "python"), Some(PREFERRED));
        let hr = "HR Generalist\n\nRequirements\n- Knowledge of EEO regulations and I-9 rules\n";
        assert_eq!(requirement_names(hr), ["eeo", "i-9 verification"]);
    }

    #[test]
    fn extra_pay_makes_languages_preferred() {
        let text = "Requirements\n- Customer service experience\n\
            - Bilingual candidates (Spanish, Vietnamese) may qualify for bilingual pay\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "spanish"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "customer service"), Some(REQUIRED));
    }

    #[test]
    fn bracketed_way_to_obtain_is_preferred() {
        let text = "Driver\n\nRequirements\n- Valid Class A CDL (or ability to obtain within 60 \
            days)\n- Forklift certification\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "cdl"), Some(PREFERRED));
        assert_eq!(
            importance(&parsed, "forklift certification"),
            Some(REQUIRED)
        );
    }

    #[test]
    fn assets_and_negated_headings_are_preferences() {
        let text = "Analyst\n\nRequirements\n- SQL\n\nAssets:\n- Tableau\n\n\
            Not required, but nice:\n- Jira\n\nExtra points for:\n- Salesforce\n\n\
            Recommendations\n- Looker\n\n\
            Qualifications\n- Experience with Power BI is an asset\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        for skill in ["tableau", "jira", "salesforce", "looker", "power bi"] {
            assert_eq!(importance(&parsed, skill), Some(PREFERRED), "{skill}");
        }
    }

    #[test]
    fn helpful_sentence_leaves_its_line_alone() {
        let text = "Engineer\n\nRequirements\nPython and SQL are required. Kafka is not \
            required but helpful.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "kafka"), Some(PREFERRED));
    }

    #[test]
    fn required_column_sets_row_importance() {
        let text = "Engineer\n\nSkills\n| Skill | Required? | Notes |\n|---|---|---|\n\
            | Python | Yes | daily |\n| Kubernetes | No | nice |\n\n\
            Tools\tMandatory\nTerraform\tYes\nAnsible\tNo\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "kubernetes"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "terraform"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "ansible"), Some(PREFERRED));

        let html = "<p>Engineer</p><table><tr><th>Skill</th><th>Required?</th></tr>\
            <tr><td>Python</td><td>Yes</td></tr><tr><td>Kubernetes</td><td>No</td></tr></table>";
        let parsed = parse_job(html, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "kubernetes"), Some(PREFERRED));
    }

    #[test]
    fn hiring_checks_are_no_requirements() {
        let text = "Recruiter\n\nRequirements\n- Must pass a background check and drug screen\n\
            - Background check required\n- Experience running background checks for new hires\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(requirement_names(text), ["background screening"]);
        assert_eq!(importance(&parsed, "drug testing"), None);
        let conditions = "Driver\n\nRequirements\n- CDL\n- Subject to a pre-employment drug \
            screen and background check\n";
        assert_eq!(requirement_names(conditions), ["cdl"]);
        let able = "Driver\n\nRequirements\n- CDL\n- Able to pass a drug screen and background \
            check\n- Must pass a 10-year background check\n";
        assert_eq!(requirement_names(able), ["cdl"]);
    }

    #[test]
    fn bracketed_products_are_alternatives() {
        let text = "Accountant\n\nRequirements\n- ERP experience (NetSuite, Dynamics, or SAP)\n\
            - CPC, CCS or CCA certification\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        let group = |skill: &str| {
            let found = parsed.requirements.iter().find(|r| r.skill == skill);
            found.and_then(|r| r.any_of)
        };
        let erp = group("netsuite");
        assert!(erp.is_some());
        assert_eq!(group("microsoft dynamics"), erp);
        assert_eq!(group("sap"), erp);
        let coding = group("cpc");
        assert!(coding.is_some());
        assert_ne!(coding, erp);
        assert_eq!(group("ccs"), coding);
        assert_eq!(group("cca"), coding);
    }

    #[test]
    fn degree_field_without_level_skipped() {
        let text = "Nurse\n\nRequirements\n- A degree in Nursing\n- BLS\n";
        assert_eq!(requirement_names(text), ["bls"]);
        let text = "Engineer\n\nRequirements\n- University degree in Engineering\n- AutoCAD\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(parsed.education_level.as_deref(), Some("bachelor"));
        assert_eq!(requirement_names(text), ["autocad"]);
    }

    #[test]
    fn workplace_traits_are_no_soft_skills() {
        let text = "Analyst\n\nRequirements\n- SQL\n- Strong communication skills\n\n\
            You will join a team-oriented culture in a collaborative environment.\n";
        assert_eq!(soft_names(text), ["communication"]);
    }

    #[test]
    fn inline_labels_set_importance() {
        let text =
            "Business Analyst\nSkills: SQL, Tableau, Excel\nPreferred skills: Power BI, Python\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "excel"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "power bi"), Some(PREFERRED));

        let text = "Data Engineer\nRequirements\n- 3+ years with Python\n\nBonus points\n\
            - Kafka\n\nEducation: BS/MS in Computer Science or a related field.\n";
        assert_eq!(
            parse_job(text, Gazetteer::builtin())
                .education_level
                .as_deref(),
            Some("bachelor")
        );
    }

    #[test]
    fn opening_prose_before_requirements_is_ignored() {
        let text = "Sales Manager\n\
            Tidewell makes scheduling and payroll software for hourly teams in retail.\n\
            We need a leader who has run Salesforce for a large sales team.\n\
            Requirements\n\
            - 5+ years of B2B sales\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "payroll"), None);
        assert_eq!(importance(&parsed, "salesforce"), Some(1.0));
        assert_eq!(importance(&parsed, "b2b sales"), Some(1.0));
    }

    #[test]
    fn opening_prose_counts_without_requirement_headings() {
        let text = "Payroll Clerk\nWe process payroll for forty clinics across the state.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "payroll"), Some(0.9));
    }

    #[test]
    fn header_lines_name_no_requirements() {
        let text = "Welder / Fitter\nRedcliff Fabrication — Mesa, AZ\nFull time\n\nRequirements\n\
                    - MIG welding\n- Blueprint reading\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        let names: Vec<_> = parsed
            .requirements
            .iter()
            .map(|r| r.skill.as_str())
            .collect();
        assert!(!names.contains(&"fabrication"), "{names:?}");
        assert!(names.contains(&"mig welding"), "{names:?}");

        let no_headings = "Data Engineer\nPython and Airflow\n";
        let parsed = parse_job(no_headings, Gazetteer::builtin());
        assert!(importance(&parsed, "python").is_some());
    }

    #[test]
    fn preferred_headings_and_lists_without_bullets() {
        let long = "Data Engineer\nRequirements\n- SQL\n\
                    Bonus if you have any of the following, though none are required:\n- Kafka\n";
        assert_eq!(
            importance(&parse_job(long, Gazetteer::builtin()), "kafka"),
            Some(BONUS)
        );

        for heading in [
            "Even better if you have:",
            "You will stand out if you have:",
        ] {
            let text = format!("Data Engineer\nRequirements\n- SQL\n{heading}\n- Kafka\n");
            let parsed = parse_job(&text, Gazetteer::builtin());
            assert_eq!(importance(&parsed, "kafka"), Some(PREFERRED), "{heading}");
        }

        let plain = "Data Engineer\nRequirements\nPython\nDocker\n\nNice to have\nKubernetes\n";
        let parsed = parse_job(plain, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "docker"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "kubernetes"), Some(PREFERRED));

        let guillemets =
            "Case Manager\nRequirements:\n» BSN required; MSN a plus\n» Care coordination\n";
        let parsed = parse_job(guillemets, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "care coordination"), Some(REQUIRED));

        let dash = "Data Engineer\nRequirements\n- Python\n— Docker\n- Kubernetes\n";
        let parsed = parse_job(dash, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "kubernetes"), Some(REQUIRED));
    }

    #[test]
    fn unbulleted_items_end_at_other_headings() {
        let benefits =
            "Data Engineer\nBenefits\nGym membership\nRemote work\nYour skills\nPython\n";
        let parsed = parse_job(benefits, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));

        let about = "Data Engineer\nAbout us\nFounded in Leeds\nWe are hiring\nSkills: Python\n";
        let parsed = parse_job(about, Gazetteer::builtin());
        assert!(importance(&parsed, "python").is_some());

        let expect = "Data Engineer\nNice to have\nDocker\nWhat we expect\nPython\n";
        let parsed = parse_job(expect, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "docker"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));

        let knowledge = "Data Engineer\nRequirements\nPython\nKnowledge of SEO\n";
        let parsed = parse_job(knowledge, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "seo"), Some(REQUIRED));

        let culture = "Data Engineer\nRequirements\nPython\nLife at Fictionco\n\
            We run Kafka for every team and review each change together, twice a week.\n";
        let parsed = parse_job(culture, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "kafka"), None);

        let prose = "Data Engineer\nRequirements\nPython\nHow We Work\n\
            We run Kafka for every team and review each change together, twice a week.\n";
        let parsed = parse_job(prose, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "kafka"), Some(PREFERRED));

        let item = "Data Engineer\nRequirements\nImplementation of eCommerce projects\n\
            Good command over Kafka and SQL programming for all of our data teams.\n";
        let parsed = parse_job(item, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "kafka"), Some(REQUIRED));

        let stack = "Data Engineer\nRequirements\nPython\nTech stack\nKafka\n";
        let parsed = parse_job(stack, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "kafka"), Some(NEUTRAL));
    }

    #[test]
    fn header_block_none_after_opening_heading() {
        let text = "Requirements\nPython\nDocker\n\nNice to have\nKafka\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "docker"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "kafka"), Some(PREFERRED));
    }

    #[test]
    fn more_benefit_headings_are_ignored() {
        for heading in [
            "We also offer you:",
            "What's in it for you?",
            "Unser Angebot",
            "Benefícios",
            "Why Bluefin?",
            "Why work with us?",
            "WHAT WE CAN OFFER YOU",
            "ABOUT OUR TRUST AND SOUTHAMPTON",
            "About the care group",
        ] {
            let text =
                format!("Data Engineer\nRequirements\n- SQL\n{heading}\n- Tableau training\n");
            let parsed = parse_job(&text, Gazetteer::builtin());
            assert_eq!(importance(&parsed, "tableau"), None, "{heading}");
        }
    }

    #[test]
    fn helpful_but_not_necessary_is_preferred() {
        let text = "Platform Engineer\nRequirements\n\
            - Experience with Kubernetes is helpful but not necessary.\n\
            - Not mandatory but helpful: Docker.\n- Go\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "kubernetes"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "docker"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "go"), Some(REQUIRED));
    }

    #[test]
    fn good_to_have_and_pluses_are_preferred() {
        for heading in ["Good to have", "Pluses"] {
            let text = format!("Data Engineer\nRequirements\n- SQL\n{heading}\n- Tableau\n");
            let parsed = parse_job(&text, Gazetteer::builtin());
            assert_eq!(importance(&parsed, "sql"), Some(REQUIRED), "{heading}");
            assert_eq!(importance(&parsed, "tableau"), Some(PREFERRED), "{heading}");
        }
        let text = "Data Engineer\nWhy you?\n- SQL\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert!(importance(&parsed, "sql").is_some());
    }

    #[test]
    fn more_foreign_headings_and_cues() {
        let text = "Analista\n¿Qué buscamos?\n- SQL\nDiferenciais\n- Tableau\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "tableau"), Some(PREFERRED));

        let inline = "Analista\nSobre el puesto\nRequisitos: Python.\n";
        assert_eq!(
            importance(&parse_job(inline, Gazetteer::builtin()), "python"),
            Some(REQUIRED)
        );

        let profil = "Entwickler\nProfil\n- SQL\n";
        assert_eq!(
            importance(&parse_job(profil, Gazetteer::builtin()), "sql"),
            Some(REQUIRED)
        );

        let inline = "Analista\nPerfil\n- Python es imprescindible. Se valora Docker.\n";
        let parsed = parse_job(inline, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "docker"), Some(PREFERRED));
    }

    #[test]
    fn job_language_is_reported() {
        let parsed = parse_job(JOB, Gazetteer::builtin());
        assert_eq!(parsed.language.as_deref(), Some("en"));
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);

        let spanish = "Analista de datos\nRequisitos\n- Experiencia con SQL y Python para el \
                       análisis de las ventas de la empresa.\n- Dominio del inglés y del \
                       español, con capacidad para presentar los resultados a los equipos.\n";
        let parsed = parse_job(spanish, Gazetteer::builtin());
        assert_eq!(parsed.language.as_deref(), Some("es"));
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0].contains("es"), "{:?}", parsed.warnings);
        assert!(importance(&parsed, "sql").is_some());
    }

    #[test]
    fn foreign_headings_and_cues_set_importance() {
        let text = "Analista de datos\nTus funciones\n- Informes en Excel\nRequisitos\n- SQL \
                    imprescindible\n- Trabajo en equipo\n- Tableau deseable\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "tableau"), Some(PREFERRED));
        let soft: Vec<_> = parsed
            .soft_skills
            .iter()
            .map(|s| s.skill.as_str())
            .collect();
        assert_eq!(soft, ["teamwork"]);
    }

    #[test]
    fn dutch_job_reads_headings_and_cues() {
        let text = "Data-analist bij Kanaalweg Logistiek\nWat ga je doen\n- Je bouwt dashboards \
                    in Power BI voor het management.\nWat vragen wij\n- Minimaal 3 jaar \
                    ervaring als analist.\n- Een afgeronde hbo-opleiding.\n- Kennis van SQL \
                    is vereist.\n- Ervaring met Python is een pluspunt.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(parsed.language.as_deref(), Some("nl"));
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "python"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "power bi"), None);
        assert_eq!(parsed.required_years, Some(3.0));
        assert_eq!(parsed.education_level.as_deref(), Some("bachelor"));
    }

    #[test]
    fn one_english_heading_outweighs_german_names() {
        let text = "Sales Manager\nFeinkost und Getränke der Ostsee GmbH, An der Alster 9, Lübeck\n\n\
            Reporting to Herr Jonas von der Aue und Frau Lena Maria zu Brandt, you will cover Bad \
            Sulz an der Lahn, Neustadt an der Weinstraße and Halle an der Saale.\n\n\
            Requirements\n- 5 years of sales experience.\n- Salesforce.\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(parsed.language.as_deref(), Some("en"));
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    #[test]
    fn english_headings_outweigh_foreign_names() {
        let text = "Ingénieur logiciel\nGroupe Valcourt SA, Lyon\nRequirements\n- Rust et \
                    PostgreSQL\nNice to have\n- Kafka\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(parsed.language.as_deref(), Some("en"));
    }

    #[test]
    fn duty_heading_what_you_get_to_do() {
        let text = "Platform Engineer\nWhat you get to do in this role:\n- Automate releases with \
                    Python and Jenkins\n- Be proactive with stakeholders\nQualifications\n- Go\n\
                    What you get\n- A Kubernetes training budget\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        let names: Vec<_> = parsed
            .requirements
            .iter()
            .map(|r| r.skill.as_str())
            .collect();
        assert_eq!(names, ["go"]);
        assert!(parsed.soft_skills.is_empty(), "{:?}", parsed.soft_skills);
    }

    #[test]
    fn heading_long_line_with_colon() {
        let text = "Data Analyst\nRequirements\n- SQL\nIt would be great if you have:\n- Tableau\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "tableau"), Some(PREFERRED));
    }

    #[test]
    fn trailing_cue_applies_to_skills_before_it() {
        let parsed = parse_job("Docker experience is a plus.\n", Gazetteer::builtin());
        assert_eq!(importance(&parsed, "docker"), Some(0.75));
        let parsed = parse_job("You must know Java.\n", Gazetteer::builtin());
        assert_eq!(importance(&parsed, "java"), Some(1.0));
    }

    #[test]
    fn tools_the_team_does_not_use_are_waived() {
        let text =
            "Requirements\n- Python and SQL\n- We don't use Java.\n- We no longer use Perl\n";
        let parsed = parse_job(text, Gazetteer::builtin());

        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "java"), None);
        assert_eq!(importance(&parsed, "perl"), None);
    }

    #[test]
    fn trailing_cue_of_another_item_stays_there() {
        let text = "Requirements\n- Salesforce, one year of Tableau preferred\n\
            - SQL (Kubernetes a plus)\n- Docker (preferred)\n\
            - 3+ years of Python experience (5+ preferred)\n- Excel, Word or Jira preferred\n";
        let parsed = parse_job(text, Gazetteer::builtin());

        assert_eq!(importance(&parsed, "salesforce"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "tableau"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "kubernetes"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "docker"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "jira"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "excel"), Some(PREFERRED));
    }

    #[test]
    fn industry_and_state_credentials_are_read() {
        let text = "Requirements\n- Healthcare or fintech background\n\
            - STNA certification required\n- CA / CMA qualified\n\
            - GCSEs including Maths and English\n";
        let parsed = parse_job(text, Gazetteer::builtin());

        assert_eq!(importance(&parsed, "healthcare industry"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "fintech"), Some(REQUIRED));
        assert_eq!(
            importance(&parsed, "certified nursing assistant"),
            Some(REQUIRED)
        );
        assert_eq!(importance(&parsed, "chartered accountant"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "cma"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "mathematics"), None);
    }

    #[test]
    fn supplied_tools_and_other_firms_are_no_requirements() {
        let text = "Requirements\n- 3+ years of B2B sales (SDR/BDR time does not count)\n\
            - You will pair with their React developers\n\
            - We supply power tools and a company van\n- Python (not required)\n\
            - Uniform and PPE provided\n- Excel\n";
        let parsed = parse_job(text, Gazetteer::builtin());

        assert_eq!(importance(&parsed, "b2b sales"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "react"), None);
        assert_eq!(importance(&parsed, "power tools"), None);
        assert_eq!(importance(&parsed, "python"), None);
        assert_eq!(importance(&parsed, "ppe"), None);
        assert_eq!(importance(&parsed, "excel"), Some(REQUIRED));
    }

    #[test]
    fn negated_and_taught_items_are_no_requirements() {
        let text = "Sales Analyst\n\nRequirements\n- Excel\n- Kubernetes – not essential\n\
            - Docker isn't required\n- Terraform experience not mandatory\n\
            - Ansible is not compulsory\n- Not mandatory: Jenkins\n\
            - Salesforce knowledge isn't needed\n- Full training on HubSpot\n\
            - Zendesk training provided\n- Zero Tableau experience required\n\
            - Don't worry if you haven't used Looker\n\
            - No Power BI experience needed, but SQL is a must\n";
        assert_eq!(requirement_names(text), ["excel", "sql"]);
    }

    #[test]
    fn trailing_and_heading_preferences_are_read() {
        let text = "Backend Engineer\n\nRequirements\n- Python\n- Docker, ideally\n\
            - Plus: Kubernetes\n- Kafka, if possible\n- Redis is appreciated\n\
            - Some Terraform exposure wouldn't hurt\n- Ansible is a nice extra\n\n\
            Standout qualifications\n- GraphQL\n\nWe'd love it if you have\n- Rust\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "python"), Some(REQUIRED));
        for skill in [
            "docker",
            "kubernetes",
            "kafka",
            "redis",
            "terraform",
            "ansible",
            "graphql",
            "rust",
        ] {
            assert_eq!(importance(&parsed, skill), Some(PREFERRED), "{skill}");
        }
    }

    #[test]
    fn item_wrapped_after_or_keeps_the_list() {
        let text = "Platform Engineer\n\nRequirements\n- Strong knowledge of Python, Ruby, or\n\
            Go\n- Terraform\n- Docker\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        for skill in ["python", "go", "terraform", "docker"] {
            assert_eq!(importance(&parsed, skill), Some(REQUIRED), "{skill}");
        }
    }

    #[test]
    fn job_board_headings_are_no_requirements() {
        let text = "Dispatcher\n\nJob details\nPay: $55,000 a year\n\nFull job description\n\
            We run a fleet.\n\nQualifications\n- Experience writing job descriptions\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "job descriptions"), Some(REQUIRED));
        let board = "Dispatcher\n\nFull job description\nWe run a fleet.\n";
        assert_eq!(
            importance(&parse_job(board, Gazetteer::builtin()), "job descriptions"),
            None
        );
    }

    #[test]
    fn essential_and_desirable_grid_is_read() {
        let text = "Data Analyst\n\nPerson specification\nCriteria\tEssential\tDesirable\n\
            Experience\t3 years in analytics\t5 years in retail analytics\n\
            Technical\tSQL, Tableau\tPython, Spark\n\
            Education\tBachelor's degree\tMaster's degree\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "sql"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "tableau"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "python"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "spark"), Some(PREFERRED));
        assert_eq!(parsed.required_years, Some(3.0));
        assert_eq!(parsed.education_level.as_deref(), Some("bachelor"));
    }

    #[test]
    fn wrapped_items_keep_their_cues() {
        let text = "Data Analyst\n\nRequirements\n- Strong SQL and\n  Tableau dashboards\n\
            - Nice to have: experience orchestrating pipelines with\n  Airflow or\n  Dagster\n\
            - A bachelor's degree in economics,\n  statistics or a related field, or\n  \
            equivalent experience\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert_eq!(importance(&parsed, "tableau"), Some(REQUIRED));
        assert_eq!(importance(&parsed, "airflow"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "dagster"), Some(PREFERRED));
        assert_eq!(importance(&parsed, "statistics"), None);
        assert!(parsed.equivalent_experience);
    }

    #[test]
    fn mention_importance_joins_wrapped_items() {
        let text = "Data Analyst\n\nRequirements\n- SQL\n\
            - Nice to have: pipelines with\n  Airflow or\n  Dagster\n";
        assert_eq!(
            mention_importance(text, span_of(text, "Dagster")),
            Some(PREFERRED)
        );
    }
}
