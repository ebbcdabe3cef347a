//! Language detection of a document with `whatlang`, reported as an ISO 639-1 code.

use whatlang::Lang;

/// Smallest `whatlang` confidence in [0, 1] at which the detected language is reported.
const MIN_CONFIDENCE: f64 = 0.5;

/// Detects the main language of `text` as an ISO 639-1 code (`en`, `es`, `fr`…).
///
/// Returns `None` when the text is too short or too mixed for a confident guess.
pub(crate) fn detect(text: &str) -> Option<String> {
    let info = whatlang::detect(text)?;
    if info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    Some(iso_639_1(info.lang()).to_string())
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
    fn english_text_is_en() {
        let text = "Experienced warehouse supervisor who led a team of twelve people \
                    and improved the accuracy of picking and shipping every quarter.";
        assert_eq!(detect(text).as_deref(), Some("en"));
    }

    #[test]
    fn spanish_text_is_es() {
        let text = "Ingeniera de software con experiencia en el desarrollo de servicios \
                    para empresas de logística y en la mejora de los procesos del equipo.";
        assert_eq!(detect(text).as_deref(), Some("es"));
    }

    #[test]
    fn french_text_is_fr() {
        let text = "Infirmière diplômée avec une expérience des soins aux enfants et de \
                    la coordination des équipes dans un service hospitalier très actif.";
        assert_eq!(detect(text).as_deref(), Some("fr"));
    }

    #[test]
    fn empty_text_has_no_language() {
        assert_eq!(detect(""), None);
    }
}
