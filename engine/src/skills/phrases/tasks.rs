//! Phrase rules for hard skills that resumes write as a verb and its object. Each rule credits
//! the verb alone, so the object's words stay free for other skills ("tuned PostgreSQL
//! queries" names both query optimization and PostgreSQL).

use super::rules::PhraseRule;

pub(super) const TASK_RULES: &[PhraseRule] = &[
    // "Knowledge of FMLA, ADA and FLSA": the capitals alone name the Americans with
    // Disabilities Act, which the Ada language never writes that way.
    PhraseRule {
        skill_id: "ada-accommodations",
        pattern: r"(?-i:\b(?P<cue>ADA)\b)",
    },
    // "cleaned survey files in SAS", "cleaned and de-duplicated donor lists". The bare form
    // "clean" is also an adjective ("clean pipeline data"), so it counts only with "up" or a
    // second verb.
    PhraseRule {
        skill_id: "data-cleaning",
        pattern: r"\b(?P<cue>(?:clean(?:ed|s|ing)|clean\s+up|clean(?:ed|ing)?\s+up|clean(?:\s+(?:and|,)\s+(?:de-?duplicat|standardi[sz]|validat|summari[sz]|merg|prepar|reshap|transform|normali[sz])\w*))(?:\s+(?:and|,)\s+(?:de-?duplicat|standardi[sz]|validat|summari[sz]|merg|prepar|reshap|transform|normali[sz])\w*)?)\s+(?:[\w-]+\s+){0,3}?(?:data|datasets?|data\s+sets?|files|lists|records|responses|tables|spreadsheets)\b",
    },
    // "tuned two slow queries", "optimized SQL queries".
    PhraseRule {
        skill_id: "query-optimization",
        pattern: r"\b(?P<cue>tun(?:e|ed|es|ing)|optimi[sz](?:e|ed|es|ing)|rewr(?:ote|ite|ites|iting))\s+(?:[\w-]+\s+){0,3}?quer(?:y|ies)\b",
    },
    // "investigate employee relations complaints", "investigated harassment claims".
    PhraseRule {
        skill_id: "workplace-investigations",
        pattern: r"\b(?P<cue>investigat(?:e|ed|es|ing))\s+(?:[\w-]+\s+){0,2}?(?:employee|harassment|discrimination|misconduct|workplace|ethics|retaliation|hr)\b",
    },
    // "teach patients and caregivers about insulin", "educated patients on discharge".
    PhraseRule {
        skill_id: "patient-education",
        pattern: r"\b(?P<cue>teach(?:es|ing)?|taught|educat(?:e|ed|es|ing))\s+(?:[\w-]+\s+){0,2}?(?:patients|caregivers)\b",
    },
    // "gave influenza and pneumococcal vaccines", "administered flu shots".
    PhraseRule {
        skill_id: "immunizations",
        pattern: r"\b(?P<cue>gave|give|gives|giving|administer(?:ed|s|ing)?)\s+(?:[\w-]+\s+){0,3}?(?:vaccines?|vaccinations?|immuni[sz]ations?|flu\s+shots)\b",
    },
    // "segmented the list by region", "segment customers by visit frequency".
    PhraseRule {
        skill_id: "customer-segmentation",
        pattern: r"\b(?P<cue>segment(?:s|ed|ing)?)\s+(?:(?:the|a|our|their|each)\s+)?(?:[\w-]+\s+){0,2}?(?:list|lists|customers|audiences?|subscribers|contacts|users|members|buyers|donors|shoppers|accounts)\s+by\b",
    },
    // "review pull requests on GitHub", "reviewed every pull request from the client team".
    PhraseRule {
        skill_id: "code-review",
        pattern: r"\b(?P<cue>review(?:s|ed|ing)?)\s+(?:(?:every|all|each|the|our|their|team|open|incoming|junior)\s+){0,2}(?:pull\s+requests?|merge\s+requests?|PRs)\b",
    },
];
