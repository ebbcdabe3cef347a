//! Language detection of a document with `whatlang`, reported as an ISO 639-1 code.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use whatlang::Lang;

/// Smallest `whatlang` confidence in [0, 1] at which the detected language is reported.
const MIN_CONFIDENCE: f64 = 0.5;

/// Function words of the languages a resume is most often written in. Skill lists, names and
/// product words carry none of them, so counting them reads the prose of a document.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "for", "with", "in", "on", "at", "by", "from", "a", "an",
            "as", "is", "was", "were", "my", "our", "that", "which", "into", "over", "across",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "du", "et", "pour", "avec", "dans", "sur", "une", "un", "au",
            "aux", "est", "par", "mes", "nos", "qui", "que",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "del", "y", "para", "con", "en", "una", "un", "por", "es",
            "mis", "que", "al", "sus",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "für", "mit", "im", "von", "zu", "ein", "eine", "ist",
            "bei", "auf", "den", "dem",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "as", "do", "da", "dos", "das", "e", "para", "com", "em", "uma", "um", "no",
            "na", "por", "que",
        ],
    ),
    // Dutch words that no other listed language shares: "de", "en" and "in" would count for
    // Spanish, French and English prose as well.
    (
        "nl",
        &[
            "het", "een", "van", "voor", "met", "op", "dat", "wij", "je", "jouw", "jij", "onze",
            "bij", "naar", "zijn", "ook", "niet", "wat",
        ],
    ),
];

/// Minimum count of prose words (see [`prose_words`]) for the letter-pattern guess to also run
/// on them alone.
const MIN_PROSE_WORDS: usize = 12;

/// Minimum count of function words the leading language needs before it overrides `whatlang`.
const MIN_FUNCTION_WORDS: usize = 8;

/// Detects the main language of `text` as an ISO 639-1 code (`en`, `es`, `fr`…).
///
/// `whatlang` reads letter patterns, which a resume's names, places and product lists can sway:
/// an English resume of a French engineer at "Groupe Valcourt SA, Lyon" reads as French. So
/// when one language's function words clearly outnumber every other's, that language wins.
/// The prose alone (see [`prose_words`]) is read too: when it points to English, names and
/// places were swaying the whole text. When the text has too little prose for a vote, English
/// section headings (`english_headings`) outweigh a guess of another language.
///
/// Returns `None` when the text is too short or too mixed for a confident guess.
pub(crate) fn detect(text: &str, english_headings: bool) -> Option<String> {
    // The prose overrides the whole text only when it points to English, because German
    // capitalises its nouns and joins them with "der" or "und", so its prose words are few.
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .collect();
    let prose = prose_words(text);
    match (function_word_vote(&words), function_word_vote(&prose)) {
        (_, Some("en")) => return Some("en".to_string()),
        (Some(code), _) | (None, Some(code)) => return Some(code.to_string()),
        (None, None) => {}
    }
    if let Some(code) = other_script_language(text) {
        return Some(code.to_string());
    }
    // A short CV's letter patterns can point to a neighbouring language (`af` for a Dutch CV
    // headed "Werkervaring" and "Opleiding"), so headings of one language decide first.
    if !english_headings && let Some(code) = heading_language(text) {
        return Some(code.to_string());
    }
    let confident = |letters: &str| {
        whatlang::detect(letters)
            .filter(|info| info.confidence() >= MIN_CONFIDENCE)
            .map(|info| iso_639_1(info.lang()))
    };
    let guess = match confident(text) {
        Some("en") => Some("en"),
        _ if prose.len() >= MIN_PROSE_WORDS && confident(&prose.join(" ")) == Some("en") => {
            Some("en")
        }
        other => other,
    };
    match guess {
        Some("en") => Some("en".to_string()),
        _ if english_headings => Some("en".to_string()),
        None if plainly_english(text, &words) => Some("en".to_string()),
        other => other.map(str::to_string),
    }
}

/// Minimum count of letters outside the Latin script that [`other_script_language`] reads.
const MIN_OTHER_SCRIPT_LETTERS: usize = 10;

/// How many Latin letters one letter of another script outweighs. A Chinese character often
/// is a whole word, and a Chinese or Arabic resume still spells its emails, products and
/// skills in Latin letters.
const OTHER_SCRIPT_WEIGHT: usize = 3;

/// Detects the language of the letters outside the Latin script when they carry the text:
/// "使用 Java 和 Spring Boot 开发微服务" is Chinese although most of its letters are Latin,
/// which would make a guess from all letters a Latin-script language.
fn other_script_language(text: &str) -> Option<&'static str> {
    let is_latin = |c: char| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c);
    let latin = text.chars().filter(|c| is_latin(*c)).count();
    let other: String = text
        .chars()
        .map(|c| {
            if c.is_alphabetic() && !is_latin(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    let other_letters = other.chars().filter(|c| !c.is_whitespace()).count();
    if other_letters < MIN_OTHER_SCRIPT_LETTERS || other_letters * OTHER_SCRIPT_WEIGHT < latin {
        return None;
    }
    whatlang::detect(&other).map(|info| iso_639_1(info.lang()))
}

/// Minimum count of English function words in a short text that [`plainly_english`] reads
/// as English.
const MIN_SHORT_ENGLISH_WORDS: usize = 2;

/// Checks whether a text too short for a vote or a confident guess is still plainly English:
/// its letters are ASCII, it has a few English function words and none of another language
/// ("Nurse. Two years of acute care experience; one year in ICU preferred.").
fn plainly_english(text: &str, words: &[&str]) -> bool {
    let counts = function_word_counts(words);
    let english = counts[0];
    let others = counts[1..].iter().sum::<usize>();
    english >= MIN_SHORT_ENGLISH_WORDS
        && others == 0
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_ascii())
}

/// Resume section headings in languages other than English.
const FOREIGN_HEADINGS: &[(&str, &[&str])] = &[
    (
        "nl",
        &[
            "werkervaring",
            "opleiding",
            "opleidingen",
            "vaardigheden",
            "profiel",
            "talen",
            "persoonlijke gegevens",
            "cursussen",
        ],
    ),
    (
        "de",
        &[
            "berufserfahrung",
            "ausbildung",
            "kenntnisse",
            "sprachkenntnisse",
            "persönliche daten",
            "weiterbildung",
        ],
    ),
    (
        "es",
        &[
            "experiencia laboral",
            "experiencia profesional",
            "educación",
            "formación académica",
            "habilidades",
            "idiomas",
        ],
    ),
    (
        "fr",
        &[
            "expérience professionnelle",
            "expériences professionnelles",
            "formation",
            "compétences",
            "langues",
            "centres d'intérêt",
        ],
    ),
    (
        "pt",
        &[
            "experiência profissional",
            "formação acadêmica",
            "formação académica",
            "competências",
            "idiomas e competências",
        ],
    ),
    (
        "it",
        &[
            "esperienza lavorativa",
            "esperienze professionali",
            "istruzione",
            "competenze",
            "lingue",
        ],
    ),
];

/// Returns the language of the resume headings in `text` when at least two lines are headings
/// of one language in [`FOREIGN_HEADINGS`] and none are another's.
fn heading_language(text: &str) -> Option<&'static str> {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for line in text.lines() {
        let heading = line.trim().trim_end_matches(':').trim().to_lowercase();
        for (code, headings) in FOREIGN_HEADINGS {
            if headings.contains(&heading.as_str()) {
                *counts.entry(code).or_default() += 1;
            }
        }
    }
    match counts.into_iter().collect::<Vec<_>>()[..] {
        [(code, count)] if count >= 2 => Some(code),
        _ => None,
    }
}

/// Counts the function words of each language of `FUNCTION_WORDS` in `words`, in its order.
fn function_word_counts(words: &[&str]) -> [usize; FUNCTION_WORDS.len()] {
    static LANGUAGES_OF: LazyLock<HashMap<&'static str, Vec<usize>>> = LazyLock::new(|| {
        let mut languages: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (index, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for word in *words {
                languages.entry(word).or_default().push(index);
            }
        }
        languages
    });
    let mut counts = [0usize; FUNCTION_WORDS.len()];
    // The words are lower case (prose words start with a lower-case letter), as function words
    // are, so they are compared as written.
    for word in words.iter().filter(|word| word.len() <= 6) {
        for &language in LANGUAGES_OF.get(word).into_iter().flatten() {
            counts[language] += 1;
        }
    }
    counts
}

/// Returns the language whose function words appear at least `MIN_FUNCTION_WORDS` times and
/// at least twice as often as those of any other language in `FUNCTION_WORDS`.
fn function_word_vote(words: &[&str]) -> Option<&'static str> {
    let counts = function_word_counts(words);
    let (best, &top) = counts.iter().enumerate().max_by_key(|(_, count)| **count)?;
    let runner_up = counts
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != best)
        .map(|(_, count)| *count)
        .max()
        .unwrap_or(0);
    (top >= MIN_FUNCTION_WORDS && top >= 2 * runner_up).then_some(FUNCTION_WORDS[best].0)
}

/// Bytes of a text read by language detection. A resume or job description is written in one
/// language, so its start is enough, and a long text costs no more than this.
const SAMPLE_BYTES: usize = 32 * 1024;

/// Returns the first `SAMPLE_BYTES` of `text`, cut at a character boundary.
pub(crate) fn sample(text: &str) -> &str {
    &text[..text.floor_char_boundary(SAMPLE_BYTES)]
}

/// Warns when the document is not in English, because section headings, dates and skill
/// names are read with English rules (plus a few headings and words of other languages).
pub(crate) fn warnings(language: Option<&str>) -> Vec<String> {
    match language {
        Some("en") => Vec::new(),
        Some(code) => vec![format!(
            "document language is {code}, not en: skills and sections are read with English \
             rules, so some may be missed"
        )],
        None => vec!["document language could not be detected".to_string()],
    }
}

/// Lower-case words that join the parts of a name or place ("de la", "von der", "upon").
const NAME_PARTICLES: &[&str] = &[
    "de", "la", "del", "los", "las", "y", "da", "do", "dos", "das", "e", "di", "von", "der", "den",
    "zu", "zum", "zur", "an", "am", "im", "van", "ten", "ter", "le", "du", "des", "et", "und",
    "and", "of", "the", "upon", "on",
];

/// Returns the words of the prose of `text`: those that do not start with a capital letter
/// and are not particles between capitalised words. Names and places ("Juan Carlos de la
/// Vega", "Mülheim an der Ruhr") carry the letter patterns and particles of their own
/// language, not of the text.
fn prose_words(text: &str) -> Vec<&str> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .collect();
    static PARTICLES: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| NAME_PARTICLES.iter().copied().collect());
    let capitalised = |word: &str| word.starts_with(char::is_uppercase);
    let mut keep: Vec<bool> = words.iter().map(|word| !capitalised(word)).collect();
    let mut index = 0;
    while index < words.len() {
        if !PARTICLES.contains(words[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < words.len() && PARTICLES.contains(words[index]) {
            index += 1;
        }
        let named_before = start > 0 && capitalised(words[start - 1]);
        let named_after = words.get(index).is_some_and(|word| capitalised(word));
        if named_before && named_after {
            keep[start..index].fill(false);
        }
    }
    words
        .iter()
        .zip(keep)
        .filter_map(|(word, keep)| keep.then_some(*word))
        .collect()
}

/// Returns `whatlang`'s best guess of the language of `text` as an ISO 639-1 code, however
/// low its confidence, or `None` when it has no guess. For short texts such as job
/// descriptions, where a wrong guess only keeps an implied language in the result.
pub(crate) fn best_guess(text: &str) -> Option<String> {
    whatlang::detect(text).map(|info| iso_639_1(info.lang()).to_string())
}

/// Maps a `whatlang` language to its ISO 639-1 code.
fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Spa => "es",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Bul => "bg",
        Lang::Mkd => "mk",
        Lang::Ron => "ro",
        Lang::Hun => "hu",
        Lang::Ell => "el",
        Lang::Tur => "tr",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Est => "et",
        Lang::Lav => "lv",
        Lang::Lit => "lt",
        Lang::Cat => "ca",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Epo => "eo",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Ara => "ar",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Hin => "hi",
        Lang::Ben => "bn",
        Lang::Urd => "ur",
        Lang::Pes => "fa",
        Lang::Vie => "vi",
        Lang::Tha => "th",
        Lang::Ind => "id",
        Lang::Tgl => "tl",
        Lang::Jav => "jv",
        Lang::Tam => "ta",
        Lang::Tel => "te",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Mal => "ml",
        Lang::Guj => "gu",
        Lang::Pan => "pa",
        Lang::Ori => "or",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Mya => "my",
        Lang::Khm => "km",
        Lang::Kat => "ka",
        Lang::Hye => "hy",
        Lang::Aze => "az",
        Lang::Uzb => "uz",
        Lang::Tuk => "tk",
        Lang::Bel => "be",
        Lang::Amh => "am",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Aka => "ak",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_script_among_latin_words() {
        let chinese = "李明\nli.ming@example.com\n\n工作经历\n后端工程师，星河数据有限公司，2019年5月 – 至今\n\
            - 使用 Java 和 Spring Boot 开发订单服务，负责 MySQL 与 Redis 的性能优化。\n\n\
            技能\nJava, Spring Boot, MySQL, Redis, Kafka, Docker\n";
        assert_eq!(detect(chinese, false).as_deref(), Some("zh"));

        let japanese = "山田花子\nhanako@example.com\n\n職歴\nデータアナリスト、みどり商事、2020年4月 – 現在\n\
            - SQL と Python を使って売上データを分析し、Tableau でダッシュボードを作成しました。\n\n\
            スキル\nSQL, Python, Tableau, Excel\n";
        assert_eq!(detect(japanese, false).as_deref(), Some("ja"));

        let arabic = "ليلى حسن\nlayla@example.com\n\nالخبرة\nمهندسة برمجيات في شركة النخيل من 2019 حتى الآن\n\
            - تطوير خدمات الويب باستخدام Python و SQL وإدارة قواعد البيانات للفريق.\n\n\
            المهارات\nPython, SQL, Docker\n";
        assert_eq!(detect(arabic, false).as_deref(), Some("ar"));

        let english = "李明 (Ming Li)\nBackend engineer with six years of experience in the payments \
            industry. I build order services in Java and run them on Kubernetes for a team of nine.";
        assert_eq!(detect(english, false).as_deref(), Some("en"));
    }

    #[test]
    fn english_text_is_en() {
        let text = "Experienced warehouse supervisor who led a team of twelve people \
                    and improved the accuracy of picking and shipping every quarter.";
        assert_eq!(detect(text, false).as_deref(), Some("en"));
    }

    #[test]
    fn spanish_text_is_es() {
        let text = "Ingeniera de software con experiencia en el desarrollo de servicios \
                    para empresas de logística y en la mejora de los procesos del equipo.";
        assert_eq!(detect(text, false).as_deref(), Some("es"));
    }

    #[test]
    fn french_text_is_fr() {
        let text = "Infirmière diplômée avec une expérience des soins aux enfants et de \
                    la coordination des équipes dans un service hospitalier très actif.";
        assert_eq!(detect(text, false).as_deref(), Some("fr"));
    }

    #[test]
    fn english_prose_among_french_names_is_en() {
        let text = "Aurélie Fontaine-Brissac\nChâteau-Thierry, Aisne\nIngénieure Qualité chez \
                    Société Générale de Mécanique in Besançon. I led the audit of the supplier \
                    base and wrote the control plans for the Valence and Mâcon plants, with the \
                    team at Lefèvre Hydraulique.";
        assert_eq!(detect(text, false).as_deref(), Some("en"));
    }

    #[test]
    fn german_prose_with_capitalised_nouns_is_de() {
        let text = "Jonas Kettwig\njonas.kettwig@example.com\n\nProfil\nSoftwareentwickler mit \
            Erfahrung in der Entwicklung von Anwendungen für Logistik und Handel.\n\n\
            Berufserfahrung\nSoftwareentwickler, Nordlicht Software GmbH\nJan 2019 – heute\n\
            - Entwicklung von Microservices mit Java und Spring Boot\n\
            - Betreuung der Pipeline mit Jenkins\n\nAusbildung\nBachelor of Science Informatik, \
            Hochschule Bremen\n\nKenntnisse\nJava, Spring Boot, Docker, Jenkins\n";

        assert_eq!(detect(text, false).as_deref(), Some("de"));
    }

    #[test]
    fn names_and_places_do_not_sway_the_guess() {
        let text = "Warehouse Supervisor\nDistribuidora del Valle de los Olivos, Calle de San \
            Pedro de la Sierra 14, Villanueva de la Cañada\n\nReporting to Tomás de la Fuente y \
            Ruiz and Ana María de los Ríos del Campo, you will lead the team at our sites in Torre \
            de la Vega, Rozas de las Monjas and Alcalá de los Montes.\n\nRequirements\n- 3 years of \
            warehouse experience.\n- Forklift certification.\n";

        assert_eq!(detect(text, false).as_deref(), Some("en"));
    }

    #[test]
    fn english_headings_outweigh_a_guess_from_names() {
        let text = "Quillon Darby\nSKILLS\nTerraform, Ansible, Kubernetes, Helm, Argo CD\n\
                    EXPERIENCE\nPlatform Engineer, Valcourt Logistique SA, 2019 - present\n\
                    EDUCATION\nÉcole Centrale de Lyon, Diplôme d'ingénieur";
        assert_eq!(detect(text, true).as_deref(), Some("en"));
        assert_ne!(detect(text, false).as_deref(), Some("en"));
    }

    #[test]
    fn french_resume_with_english_skill_names_is_fr() {
        let text = "Compétences : Python, Docker, Kubernetes, machine learning, data \
                    engineering\nIngénieure des données chez Valcourt Logistique depuis 2019. \
                    Responsable de la migration des flux vers le cloud et de la formation \
                    des équipes. Mise en place des tableaux de bord pour la direction \
                    et suivi des coûts avec les équipes métier.";
        assert_eq!(detect(text, false).as_deref(), Some("fr"));
    }

    #[test]
    fn short_dutch_cv_with_dutch_headings_is_nl() {
        let text = "Sanne de Vries\nsanne.devries@example.com\n\nWerkervaring\n\
            Magazijnmedewerker, Orrin Logistiek, 2019 - heden\n\nOpleiding\nMBO Logistiek, 2018\n\n\
            Vaardigheden\nHeftruck, SAP, Excel\n";
        assert_eq!(detect(text, false).as_deref(), Some("nl"));
    }

    #[test]
    fn empty_text_has_no_language() {
        assert_eq!(detect("", false), None);
    }

    #[test]
    fn short_plain_english_is_en() {
        let text = "Nurse. Two years of acute care experience; one year in ICU preferred.";
        assert_eq!(detect(text, false).as_deref(), Some("en"));
        assert_eq!(detect("Python, SQL, Excel", false), None);
        assert_ne!(
            detect("Enfermera con dos años de experiencia en UCI.", false).as_deref(),
            Some("en")
        );
    }
}
