//! The phrase rules: each a regular expression tied to the id of the soft skill it names.

/// A phrase pattern and the id of the soft skill it names.
pub(super) struct PhraseRule {
    pub(super) skill_id: &'static str,
    pub(super) pattern: &'static str,
}

/// People a candidate communicates with, works with or builds relationships with.
pub(super) const PEOPLE: &str = r"(?:patients|families|customers|clients|students|parents|suppliers|vendors|stakeholders|executives|leadership|management|managers|colleagues|co-?workers|teammates|peers|staff|engineers|designers|developers|users|partners|residents|guests|callers|leaders|homeowners|physicians|doctors|providers|members|teams?|others|everyone|people|audiences|learners|children|kids|teenagers|teens|adolescents|adults|seniors|infants|toddlers|trainees|apprentices|beginners|newcomers|new hires|employees|volunteers|visitors|patrons|shoppers|tenants|travell?ers|customer|client|patient|parent|student|homeowner|family|owner|owners)";

/// People a person leads, supervises or trains at work ("associates", "sales reps").
pub(super) const WORKERS: &str = r"(?:associates|employees|staff|reps|representatives|agents|technicians|techs|nurses|cashiers|analysts|accountants|electricians|apprentices|drivers|operators|direct\s+reports|account\s+executives|supervisors|leads|specialists|people|workers|teachers|coordinators|recruiters|selectors|loaders|pickers|clerks|assistants|interns|developers|engineers|designers|marketers|managers|new\s+hires|hires|team\s+members|volunteers|tutors|temps|paraprofessionals|paraeducators|aides|coders|bookkeepers|carpenters|welders|laborers|labourers|installers|mechanics|plumbers|painters|cooks|housekeepers|guards|crews?|apprentice|associate|employee|intern|technician|hire|analyst|accountant|nurse|agent|paraeducator)";

/// A head count, in digits or words.
pub(super) const NUMBER: &str =
    r"(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)";

/// Adverbs that make "communicates" or "writes" describe a skill.
pub(super) const CLEARLY: &str =
    r"(?:clearly|effectively|well|openly|concisely|confidently|professionally|persuasively)";

pub(super) const RULES: &[PhraseRule] = &[
    // "communicates clearly", "communicate trade-offs clearly", "communicates with suppliers".
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>communicat(?:e|es|ed|ing))\s+(?:[\w-]+\s+){0,3}?CLEARLY\b",
    },
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>communicat(?:e|es|ed|ing))\s+(?:CLEARLY\s+|\w+ly\s+)?with\s+(?:[\w-]+\s+){0,2}?PEOPLE\b",
    },
    // "explain complex ideas to non-technical people".
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>explain(?:s|ed|ing)?)\s+(?:complex|technical|complicated|difficult)\b",
    },
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>explain(?:s|ed|ing)?|explanations?)\s+(?:[\w-]+\s+){1,4}?to\s+(?:a\s+)?(?:non-?technical|lay|non-?specialist|business)\b",
    },
    // "communicating model results to non-technical audiences", "present findings to a lay
    // audience".
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>communicat(?:e|es|ed|ing)|present(?:s|ed|ing)?|translat(?:e|es|ed|ing))\s+(?:[\w-]+\s+){1,4}?to\s+(?:a\s+)?(?:non-?technical|lay|non-?specialist)\s+(?:audiences?|stakeholders|people|colleagues|teams?|users|partners)\b",
    },
    // "explain trade-offs to product and support staff".
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>explain(?:s|ed|ing)?)\s+(?:[\w-]+\s+){1,4}?to\s+(?:[\w-]+\s+){0,3}?PEOPLE\b",
    },
    // "explain both in plain language", "explain a chart to a branch manager in plain language",
    // "plain-language explanations".
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>(?:explain(?:s|ed|ing)?|writes?|wrote|writing|communicat(?:e|es|ed|ing))\s+(?:[\w-]+\s+){0,6}?in\s+plain\s+(?:language|english)|plain[- ]language\s+(?:explanations?|summar(?:y|ies)|writing|updates))\b",
    },
    // "translates technical findings into plain language".
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>translat(?:e|es|ed|ing))\s+(?:[\w-]+\s+){1,3}?(?:into|for)\s+(?:plain|simple|everyday|business|non-?technical|lay)\b",
    },
    // "writing clear, kind replies", "writes concisely", "a clear writer".
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>writ(?:e|es|ing))\s+(?:clear|clearly|concise|concisely|well)(?:[\s,.;]|$)",
    },
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>(?:clear|strong|effective|excellent|confident|skilled|good|great)\s+(?:writer|speaker))\b",
    },
    // "clear writing for non-finance audiences", "precise in writing".
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>(?:clear|concise|precise|careful|plain)\s+(?:in\s+)?writing)(?:\s+(?:for|to)\b|[\s]*[,.;]|\s*$)",
    },
    // "a confident public speaker".
    PhraseRule {
        skill_id: "public-speaking",
        pattern: r"\b(?P<cue>public\s+speakers?)\b",
    },
    // "collaborate closely with designers". The noun forms are taxonomy aliases.
    PhraseRule {
        skill_id: "teamwork",
        pattern: r"\b(?P<cue>collaborat(?:e|es|ing))\b",
    },
    // "works well on a crew", "works effectively as part of a team".
    PhraseRule {
        skill_id: "teamwork",
        pattern: r"\b(?P<cue>work(?:s|ing)?\s+(?:well|effectively|closely|cooperatively|collaboratively|productively)\s+(?:with|in|on|within|alongside|as\s+part\s+of|as)\s+(?:(?:a|an|the|small|diverse|multi-?disciplinary)\s+)*(?:teams?|crews?|groups?|others|colleagues|co-?workers|teammates|peers|team\s+members?))\b",
    },
    // "able to work in a team environment", "independently and as part of a team".
    PhraseRule {
        skill_id: "teamwork",
        pattern: r"\b(?P<cue>work(?:s|ing)?\s+(?:in|within|on)\s+a\s+(?:collaborative\s+)?team(?:\s+(?:environment|setting))?)\b",
    },
    // "manage several deadlines at once", "juggling competing deadlines".
    PhraseRule {
        skill_id: "time-management",
        pattern: r"\b(?P<cue>(?:manag(?:e|es|ed|ing)|juggl(?:e|es|ed|ing)|balanc(?:e|es|ed|ing)|handl(?:e|es|ed|ing)|meet(?:s|ing)?)\s+(?:several|multiple|many|competing|tight|overlapping|simultaneous|all)\s+(?:[\w-]+\s+)?deadlines)\b",
    },
    // "keeps employee information confidential".
    PhraseRule {
        skill_id: "confidentiality",
        pattern: r"\b(?P<cue>(?:keep|keeps|kept|keeping|maintain|maintains|maintained|maintaining|handl(?:e|es|ed|ing)|treat(?:s|ed|ing)?)\s+(?:[\w-]+\s+){0,3}?(?:confidential|in\s+confidence)|discreet)\b",
    },
    // "you listen before you answer", "listens first".
    PhraseRule {
        skill_id: "active-listening",
        pattern: r"\b(?P<cue>listen(?:s|ed|ing)?\s+(?:before|first|carefully|closely|patiently|actively|attentively))\b",
    },
    // "I work best in small teams".
    PhraseRule {
        skill_id: "teamwork",
        pattern: r"\b(?P<cue>work(?:s|ing)?\s+best\s+(?:in|within|on|with)\s+(?:a\s+)?(?:small\s+|close-?knit\s+|collaborative\s+|cross-functional\s+)?teams?)\b",
    },
    PhraseRule {
        skill_id: "teamwork",
        pattern: r"\b(?P<cue>as\s+(?:a\s+)?part\s+of\s+a\s+team|as\s+a\s+team\s+member)\b",
    },
    // "worked with the controls team", "part of the A2L transition team", "PBIS team member".
    PhraseRule {
        skill_id: "teamwork",
        pattern: r"\b(?P<cue>(?:work(?:s|ed|ing)?|partner(?:s|ed|ing)?)\s+(?:closely\s+)?with\s+(?:the|our|a|an|each)\s+(?:[\w-]+\s+){0,2}?teams?|part\s+of\s+(?:the|a|an|our)\s+(?:[\w-]+\s+){0,3}?team|team\s+member)\b",
    },
    // "works across product, sales and support".
    PhraseRule {
        skill_id: "teamwork",
        pattern: r"\b(?P<cue>work(?:s|ing)?\s+(?:closely\s+)?across)\s+(?:teams|functions|departments|disciplines|product|engineering|sales|marketing|design|operations|support|finance|the\s+(?:business|organi[sz]ation|company))\b",
    },
    // "(team of four, 2017)", "Campus Eats - team of four": a project done as a team.
    PhraseRule {
        skill_id: "teamwork",
        pattern: r"(?:\(|\s[-–—]\s)(?P<cue>team\s+of\s+NUMBER)\b",
    },
    PhraseRule {
        skill_id: "teamwork",
        pattern: r"\b(?P<cue>(?:gets?|getting)\s+along\s+with|plays?\s+well\s+with)\s+others\b",
    },
    // "builds trust with surgeons", "build lasting relationships", "establishes rapport".
    PhraseRule {
        skill_id: "interpersonal-skills",
        pattern: r"\b(?P<cue>(?:build|builds|building|establish|establishes|establishing|develop|develops|developing|foster|fosters|fostering|cultivate|cultivates|cultivating|nurture|nurtures|nurturing)\s+(?:[\w-]+\s+){0,2}?(?:relationships|rapport|trust))\b",
    },
    // "able to meet close deadlines", "manage deadlines for many clients", "works to tight
    // deadlines".
    PhraseRule {
        skill_id: "time-management",
        pattern: r"\b(?P<cue>(?:meet|meets|met|hit|hits|hitting|manag(?:e|es|ed|ing)|juggl(?:e|es|ed|ing))\s+(?:[\w-]+\s+){0,2}?deadlines)\b",
    },
    PhraseRule {
        skill_id: "time-management",
        pattern: r"\b(?P<cue>work(?:s|ing)?\s+(?:well\s+)?(?:to|against)\s+(?:tight\s+|strict\s+|close\s+)?deadlines)\b",
    },
    // "resolves conflict fairly", "de-escalates tense situations".
    PhraseRule {
        skill_id: "conflict-resolution",
        pattern: r"\b(?P<cue>(?:resolv|defus|mediat|handl|navigat)(?:e|es|ed|ing)\s+(?:(?:workplace|team|interpersonal|employee|staff|customer|minor|difficult|internal|any|the)\s+){0,2}(?:conflicts?|disagreements))\b",
    },
    PhraseRule {
        skill_id: "conflict-resolution",
        pattern: r"\b(?P<cue>de-?escalat(?:e|es|ed|ing|ion))\b",
    },
    // "a steady leader", "leads by example".
    PhraseRule {
        skill_id: "leadership",
        pattern: r"\b(?P<cue>(?:strong|natural|proven|steady|confident|effective|inspiring|inspirational|hands-on|calm|decisive|visible|trusted|capable|respected|born)\s+leader)(?:\s+(?:who|with|and|at)\b|\s*[,.;:)]|\s*$)",
    },
    PhraseRule {
        skill_id: "leadership",
        pattern: r"\b(?P<cue>lead(?:s|ing)?\s+by\s+example)\b",
    },
    // "led a shift of six cashiers", "leads the night crew".
    PhraseRule {
        skill_id: "leadership",
        pattern: r"\b(?P<cue>(?:led|lead|leads|leading)\s+(?:a|an|the|my|our|NUMBER)\s+(?:[\w-]+\s+){0,3}?(?:team|teams|crew|crews|shift|shifts|staff|group|squad|department|unit))\b",
    },
    // "supervise 45 associates", "managed a territory and four sales reps", "lead eight agents".
    PhraseRule {
        skill_id: "leadership",
        pattern: r"\b(?P<cue>(?:supervis|manag)(?:e|es|ed|ing))\s+(?:[\w-]+\s+){0,4}?NUMBER\s+(?:[\w-]+\s+){0,2}?WORKERS\b",
    },
    PhraseRule {
        skill_id: "leadership",
        pattern: r"\b(?P<cue>(?:led|lead|leads|leading)\s+NUMBER\s+(?:[\w-]+\s+){0,2}?WORKERS)\b",
    },
    // "I run a team of eight", "ran a crew of five".
    PhraseRule {
        skill_id: "leadership",
        pattern: r"\b(?P<cue>(?:run|runs|ran|running)\s+(?:a|the|my)\s+(?:[\w-]+\s+){0,2}?(?:team|crew|shift)\s+of\s+NUMBER)\b",
    },
    // "led the project that cut falls", "led a falls-reduction project", "led the recall
    // investigation". Only the verb and article are credited, so the words naming the
    // project stay free for a skill of their own (fall prevention).
    PhraseRule {
        skill_id: "leadership",
        pattern: r"\b(?P<cue>(?:led|leads|leading)\s+(?:a|an|the|our|my))\s+(?:[\w/-]+\s+){0,3}?(?:project|projects|initiative|investigation|rollout|program|programme|effort|redesign|overhaul|audit|implementation|launch|council|committee)\b",
    },
    // "trained six new hires", "train new Tier 1 agents", "trained 20 staff on it".
    PhraseRule {
        skill_id: "training",
        pattern: r"\b(?P<cue>train(?:s|ed|ing)?)\s+(?:(?:NUMBER|the|new|newer|newest|junior|our|my|all|incoming|seasonal)\s+){0,3}(?:[\w-]+\s+){0,2}?WORKERS\b",
    },
    // "ran the lab's training for new technicians", "the training call for new agents".
    PhraseRule {
        skill_id: "training",
        pattern: r"\b(?P<cue>training)\s+(?:[\w-]+\s+){0,2}?for\s+(?:(?:NUMBER|the|new|all|incoming|our)\s+){0,3}(?:[\w-]+\s+){0,2}?WORKERS\b",
    },
    // "present quarterly findings to the Board of Health", "presented fixes to the warranty
    // board", "gave presentations to clients".
    PhraseRule {
        skill_id: "presentation-skills",
        pattern: r"\b(?P<cue>present(?:s|ed)?|presentations)\s+(?:[\w-]+\s+){0,4}?to\s+(?:[\w-]+\s+){0,3}?(?:PEOPLE|board|boards|committee|committees|council|councils|panel|panels|room|vp|vps|ceo|cfo|coo|cto|director|directors|conference|conferences)\b",
    },
    // "a coach at heart", "coaches and develops reps".
    PhraseRule {
        skill_id: "coaching",
        pattern: r"\b(?:a|an)\s+(?P<cue>(?:(?:natural|strong|proven|skilled|effective|great|patient|hands-on|supportive)\s+)?coach)\s+(?:at\s+heart|to|for|and|who)\b",
    },
    // "coach taproom managers on documentation", "coach them through it", "head coach of the
    // Science Olympiad team".
    PhraseRule {
        skill_id: "coaching",
        pattern: r"\b(?P<cue>coach(?:es|ed)?)\s+(?:(?:NUMBER|the|a|new|junior|their|your|my|our)\s+){0,2}(?:[\w-]+\s+){0,3}?(?:WORKERS|manager|supervisor|them|team|teams|players|students)\b",
    },
    PhraseRule {
        skill_id: "coaching",
        pattern: r"\b(?P<cue>(?:head|assistant)\s+coach)\b",
    },
    PhraseRule {
        skill_id: "coaching",
        pattern: r"\b(?P<cue>coach(?:es|ing)?)\s+(?:and\s+(?:develop|mentor)s?\s+)?(?:(?:the|a|new|junior|their|your)\s+)?(?:reps|representatives|account\s+executives|sales\s+teams?|teams?|staff|employees|agents|associates|direct\s+reports|others|peers)\b",
    },
    // "works well under pressure", "stays calm".
    PhraseRule {
        skill_id: "resilience",
        pattern: r"\b(?P<cue>(?:work|works|perform|performs|thrive|thrives|cope|copes|function|functions)\s+(?:well\s+|effectively\s+|calmly\s+)?under\s+(?:pressure|stress))\b",
    },
    PhraseRule {
        skill_id: "resilience",
        pattern: r"\b(?P<cue>(?:stay|stays|staying|remain|remains|remaining|keep|keeps|keeping)\s+(?:calm|composed|level-?headed|cool))\b",
    },
    PhraseRule {
        skill_id: "resilience",
        pattern: r"\b(?P<cue>level-?headed|unflappable)\b",
    },
    PhraseRule {
        skill_id: "resilience",
        pattern: r"\b(?P<cue>calm\s+(?:in|during)\s+(?:a\s+)?(?:crisis|crises|emergenc(?:y|ies)))\b",
    },
    // "thrives in ambiguity", "navigates ambiguous situations".
    PhraseRule {
        skill_id: "ambiguity-tolerance",
        pattern: r"\b(?P<cue>(?:thriv|navigat|embrac|handl|operat)(?:e|es|ing)\s+(?:in\s+|through\s+|with\s+)?(?:ambiguity|ambiguous))\b",
    },
    PhraseRule {
        skill_id: "ambiguity-tolerance",
        pattern: r"\b(?P<cue>(?:comfortable|at\s+ease)\s+with\s+(?:ambiguity|uncertainty))\b",
    },
    // "adapts quickly to change".
    PhraseRule {
        skill_id: "adaptability",
        pattern: r"\b(?P<cue>adapt(?:s|ing)?\s+(?:quickly|easily|well|readily)|adapt(?:s|ing)?\s+to\s+(?:change|changing))\b",
    },
    PhraseRule {
        skill_id: "adaptability",
        pattern: r"\b(?P<cue>(?:comfortable\s+with|embrac(?:e|es|ing))\s+change)\b",
    },
    // "juggles competing priorities".
    PhraseRule {
        skill_id: "time-management",
        pattern: r"\b(?P<cue>(?:juggl|balanc|manag|handl)(?:e|es|ing)\s+(?:multiple|competing|shifting|changing|several)\s+priorities)\b",
    },
    // "handles multiple tasks at once".
    PhraseRule {
        skill_id: "multitasking",
        pattern: r"\b(?P<cue>(?:juggl|manag|handl|balanc)(?:e|es|ing)\s+(?:multiple|several|many)\s+tasks)\b",
    },
    // "prioritizes tasks effectively", "manages your own time".
    PhraseRule {
        skill_id: "time-management",
        pattern: r"\b(?P<cue>prioriti[sz](?:e|es|ing)\s+(?:tasks|workloads?|effectively|competing))\b",
    },
    PhraseRule {
        skill_id: "time-management",
        pattern: r"\b(?P<cue>manag(?:e|es|ing)\s+(?:(?:your|their|his|her|one's)\s+(?:own\s+)?time|time\s+(?:effectively|efficiently|well)))\b",
    },
    // "solves complex problems".
    PhraseRule {
        skill_id: "problem-solving",
        pattern: r"\b(?P<cue>solv(?:e|es|ing)\s+(?:(?:complex|difficult|hard|tough|real-world|customer|open-ended)\s+)?problems)\b",
    },
    // "Excellent judgment and discretion", "the judgment to know when something does not tie".
    PhraseRule {
        skill_id: "sound-judgment",
        pattern: r"\b(?P<cue>(?:excellent|strong|solid|mature|sound|good)\s+judge?ment|the\s+judge?ment\s+to)\b",
    },
    // "shows up on time".
    PhraseRule {
        skill_id: "punctuality",
        pattern: r"\b(?P<cue>(?:show|shows|showed|showing|turn|turns|turned)\s+up\s+on\s+time)\b",
    },
    // "moving between the phone system, a CRM and billing at the same time".
    PhraseRule {
        skill_id: "multitasking",
        pattern: r"\b(?P<cue>(?:mov|switch|jump|juggl)(?:e|es|ed|ing)?\s+between)\s+[^.;\n]{1,80}?at\s+(?:the\s+same\s+time|once)\b",
    },
    // "Excellent written English", "clear, friendly written English".
    PhraseRule {
        skill_id: "communication",
        pattern: r"\b(?P<cue>(?:clear|excellent|strong|good|great|fluent|friendly|professional|polished)(?:,?\s+[\w-]+)?\s+(?:written|spoken|verbal)(?:\s+and\s+(?:written|spoken|verbal))?\s+english)\b",
    },
    // "double-checks a number before it leaves the team".
    PhraseRule {
        skill_id: "attention-to-detail",
        pattern: r"\b(?P<cue>double[- ]?check(?:s|ed|ing)?)\b",
    },
    // "Careful, accurate work".
    PhraseRule {
        skill_id: "attention-to-detail",
        pattern: r"\b(?P<cue>careful,?\s+(?:and\s+)?accurate|accurate\s+work)\b",
    },
    // "own services end to end", "ownership of what you ship", "hold the team accountable".
    PhraseRule {
        skill_id: "accountability",
        pattern: r"\b(?P<cue>own(?:s|ed)?)\s+(?:[\w-]+\s+){1,6}?end[- ]to[- ]end\b",
    },
    PhraseRule {
        skill_id: "accountability",
        pattern: r"\b(?P<cue>ownership\s+of)\s+(?:what|your|the|our|their|each)\b",
    },
    PhraseRule {
        skill_id: "accountability",
        pattern: r"\b(?P<cue>hold(?:s|ing)?\s+(?:the\s+team|the\s+crew|others|people|yourself|themselves|reps|staff)\s+accountable)\b",
    },
    // "stay organised when everything lands at once", "organized enough to juggle", "strong
    // organization".
    PhraseRule {
        skill_id: "organizational-skills",
        pattern: r"\b(?P<cue>(?:stay|stays|staying|remain|remains|remaining)\s+organi[sz]ed|organi[sz]ed\s+(?:enough|and\s+able)|strong\s+organi[sz]ation(?:al)?)\b",
    },
    // "careful with reconciliations", "careful with drips".
    PhraseRule {
        skill_id: "attention-to-detail",
        pattern: r"\b(?P<cue>careful\s+(?:with|about))\s+\w",
    },
    PhraseRule {
        skill_id: "critical-thinking",
        pattern: r"\b(?P<cue>think(?:s|ing)?\s+critically)\b",
    },
    PhraseRule {
        skill_id: "decision-making",
        pattern: r"\b(?P<cue>mak(?:e|es|ing)\s+(?:sound|good|quick|timely|tough|difficult|independent|confident)\s+decisions)\b",
    },
    // "listens carefully", "a good listener".
    PhraseRule {
        skill_id: "active-listening",
        pattern: r"\b(?P<cue>listen(?:s|ing)?\s+(?:actively|carefully|attentively|closely|well)|(?:good|great|strong|active|attentive|excellent|patient)\s+listener)\b",
    },
    // "picks up new tools quickly".
    PhraseRule {
        skill_id: "learning-agility",
        pattern: r"\b(?P<cue>(?:picks?|picking)\s+up\s+(?:new\s+[\w-]+\s+)?(?:quickly|fast))\b",
    },
    PhraseRule {
        skill_id: "independence",
        pattern: r"\b(?P<cue>(?:with|under|requires?|needs?)\s+(?:minimal|little|limited))\s+(?:supervision|direction|oversight)\b",
    },
    // "works well independently", "works comfortably on their own".
    PhraseRule {
        skill_id: "independence",
        pattern: r"\b(?P<cue>work(?:s|ed|ing)?\s+(?:well|effectively|comfortably|confidently|productively)\s+(?:independently|autonomously|on\s+(?:my|his|her|their|your|its)\s+own))\b",
    },
];
