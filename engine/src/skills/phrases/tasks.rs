//! Phrase rules for hard skills that resumes write as a verb and its object. Each rule credits
//! the verb alone, so the object's words stay free for other skills ("tuned PostgreSQL
//! queries" names both query optimization and PostgreSQL).

use super::rules::PhraseRule;

pub(super) const TASK_RULES: &[PhraseRule] = &[
    // "AP/AR" and "AR/AP": accounts payable and receivable written as their capitals, each
    // credited to its own letters.
    PhraseRule {
        skill_id: "accounts-payable",
        pattern: r"(?-i:\b(?P<cue>AP)\s?/\s?AR\b)",
    },
    PhraseRule {
        skill_id: "accounts-payable",
        pattern: r"(?-i:\bAR\s?/\s?(?P<cue>AP)\b)",
    },
    PhraseRule {
        skill_id: "accounts-receivable",
        pattern: r"(?-i:\bAP\s?/\s?(?P<cue>AR)\b)",
    },
    PhraseRule {
        skill_id: "accounts-receivable",
        pattern: r"(?-i:\b(?P<cue>AR)\s?/\s?AP\b)",
    },
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
    // "Reproduce bugs and file them in Jira", "triaged bugs to engineering", "logged bugs".
    PhraseRule {
        skill_id: "bug-reporting",
        pattern: r"\b(?P<cue>triag(?:e|ed|es|ing)|reproduc(?:e|ed|es|ing)|report(?:ed|s|ing)?|fil(?:e|ed|es|ing)|escalat(?:e|ed|es|ing)|log(?:ged|s|ging)?)\s+(?:[\w-]+\s+){0,2}?bugs\b",
    },
    // "search application logs in Kibana", "checked API logs". Only software logs count, so
    // "review temperature logs" in a kitchen or a clinic is no log analysis.
    PhraseRule {
        skill_id: "log-analysis",
        pattern: r"\b(?P<cue>search(?:ed|es|ing)?|read(?:s|ing)?|check(?:ed|s|ing)?|review(?:ed|s|ing)?|analy[sz](?:e|ed|es|ing)|dig(?:s|ging)?\s+(?:through|into)|dug\s+(?:through|into)|comb(?:ed|s|ing)?\s+through)\s+(?:the\s+|our\s+)?(?:(?:application|app|api|server|system|error|event|crash|access|debug|request|client|browser|console|webhook)\s+){1,2}logs\b",
    },
    // "translated at parent conferences", "translated for coworkers". "Translated requirements
    // into designs" is a figure of speech, so a person or an event must follow.
    PhraseRule {
        skill_id: "translation",
        pattern: r"\b(?P<cue>translat(?:e|ed|es|ing))\s+(?:for|at|between|during)\b",
    },
    // "Titrate heparin, diltiazem and nitroglycerin drips to protocol".
    PhraseRule {
        skill_id: "titration-of-drips",
        pattern: r"\b(?P<cue>titrat(?:e|ed|es|ing))\s+(?:[\w-]+,?\s+(?:and\s+)?){0,6}?drips\b",
    },
    // "onboard up to 60 temps for peak season", "onboarded 40 new hires". The noun
    // "onboarding" is the skill's own name.
    PhraseRule {
        skill_id: "onboarding",
        pattern: r"\b(?P<cue>onboard(?:ed|s)?)\s+(?:(?:up\s+to|about|over|more\s+than)\s+)?(?:[\w-]+\s+){0,2}?WORKERS\b",
    },
    // "Troubleshoot motor controls and basic PLC inputs", "track down faults on ControlLogix
    // PLCs".
    PhraseRule {
        skill_id: "plc-troubleshooting",
        pattern: r"\b(?P<cue>troubleshoot(?:s|ed|ing)?|diagnos(?:e|ed|es|ing)|track(?:s|ed|ing)?\s+down\s+faults\s+on)\s+(?:[\w/-]+,?\s+(?:and\s+)?){0,5}?PLCs?\b",
    },
    // "test API calls in Postman", "tested the REST endpoints".
    PhraseRule {
        skill_id: "api-testing",
        pattern: r"\b(?P<cue>test(?:s|ed|ing)?)\s+(?:the\s+|our\s+)?(?:api|rest|graphql)\s+(?:calls|endpoints|requests|responses)\b",
    },
    // "Onboard new clients: build SOPs", "onboarded 40 merchants".
    PhraseRule {
        skill_id: "customer-onboarding",
        pattern: r"\b(?P<cue>onboard(?:ed|s|ing)?)\s+(?:(?:new|about|over|\d+)\s+){0,2}(?:clients|customers|accounts|merchants)\b",
    },
    // "Work with merchandising and finance stakeholders to agree metric definitions",
    // "partnered with clinical stakeholders".
    PhraseRule {
        skill_id: "stakeholder-management",
        pattern: r"\b(?P<cue>(?:work(?:s|ed|ing)?|partner(?:s|ed|ing)?|collaborat(?:e|es|ed|ing)|align(?:s|ed|ing)?)\s+with)\s+(?:[\w&-]+\s+){0,4}?stakeholders\b",
    },
    // "review pull requests on GitHub", "reviewed every pull request from the client team".
    PhraseRule {
        skill_id: "code-review",
        pattern: r"\b(?P<cue>review(?:s|ed|ing)?)\s+(?:(?:every|all|each|the|our|their|team|open|incoming|junior)\s+){0,2}(?:pull\s+requests?|merge\s+requests?|PRs)\b",
    },
];
