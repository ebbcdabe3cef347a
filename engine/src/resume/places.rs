//! Countries and large cities that resumes write beside an employer ("Halden Bank — London,
//! UK"), so that a place alone is not taken for the employer.

/// Countries and the short forms resumes use for them, in lower case.
const COUNTRIES: &[&str] = &[
    "argentina",
    "australia",
    "austria",
    "bangladesh",
    "belgium",
    "brazil",
    "bulgaria",
    "canada",
    "chile",
    "china",
    "colombia",
    "croatia",
    "czech republic",
    "czechia",
    "denmark",
    "egypt",
    "england",
    "estonia",
    "finland",
    "france",
    "germany",
    "ghana",
    "greece",
    "hong kong",
    "hungary",
    "iceland",
    "india",
    "indonesia",
    "ireland",
    "israel",
    "italy",
    "japan",
    "jordan",
    "kenya",
    "latvia",
    "lithuania",
    "luxembourg",
    "malaysia",
    "mexico",
    "morocco",
    "netherlands",
    "the netherlands",
    "new zealand",
    "nigeria",
    "northern ireland",
    "norway",
    "pakistan",
    "peru",
    "philippines",
    "poland",
    "portugal",
    "qatar",
    "romania",
    "saudi arabia",
    "scotland",
    "serbia",
    "singapore",
    "slovakia",
    "slovenia",
    "south africa",
    "south korea",
    "korea",
    "spain",
    "sweden",
    "switzerland",
    "taiwan",
    "thailand",
    "turkey",
    "türkiye",
    "uae",
    "u.a.e.",
    "united arab emirates",
    "uk",
    "u.k.",
    "united kingdom",
    "ukraine",
    "uruguay",
    "us",
    "u.s.",
    "usa",
    "u.s.a.",
    "united states",
    "vietnam",
    "wales",
    "belgië",
    "belgique",
    "brasil",
    "danmark",
    "deutschland",
    "españa",
    "italia",
    "méxico",
    "nederland",
    "norge",
    "österreich",
    "polska",
    "schweiz",
    "suisse",
    "suomi",
    "sverige",
];

/// Large cities that resumes often name without a state or country code.
const CITIES: &[&str] = &[
    "amsterdam",
    "athens",
    "auckland",
    "bangalore",
    "bengaluru",
    "bangkok",
    "barcelona",
    "beijing",
    "berlin",
    "bogotá",
    "bogota",
    "brussels",
    "bucharest",
    "budapest",
    "buenos aires",
    "cairo",
    "cape town",
    "chennai",
    "copenhagen",
    "delhi",
    "new delhi",
    "doha",
    "dubai",
    "dublin",
    "edinburgh",
    "frankfurt",
    "geneva",
    "glasgow",
    "hamburg",
    "helsinki",
    "hyderabad",
    "istanbul",
    "jakarta",
    "johannesburg",
    "karachi",
    "kyiv",
    "lagos",
    "lahore",
    "lisbon",
    "london",
    "lyon",
    "madrid",
    "manchester",
    "manila",
    "melbourne",
    "mexico city",
    "milan",
    "montreal",
    "montréal",
    "mumbai",
    "munich",
    "nairobi",
    "oslo",
    "paris",
    "prague",
    "pune",
    "riyadh",
    "rome",
    "rotterdam",
    "santiago",
    "são paulo",
    "sao paulo",
    "seoul",
    "shanghai",
    "shenzhen",
    "stockholm",
    "sydney",
    "taipei",
    "tel aviv",
    "tokyo",
    "toronto",
    "vancouver",
    "vienna",
    "warsaw",
    "zurich",
    "zürich",
];

/// Checks whether a header part is only a country or a large city ("London", "Germany",
/// "Paris, France" split into two parts).
pub(crate) fn names_place(part: &str) -> bool {
    names_country(part) || in_list(CITIES, part)
}

/// Checks whether a header part is only a country ("Turkey", "U.K.", "Deutschland").
pub(crate) fn names_country(part: &str) -> bool {
    in_list(COUNTRIES, part)
}

fn in_list(list: &[&str], part: &str) -> bool {
    let lower = part.trim().trim_end_matches('.').to_lowercase();
    let with_dot = format!("{lower}.");
    list.contains(&lower.as_str()) || list.contains(&with_dot.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_cities_are_places() {
        for place in [
            "London",
            "Istanbul",
            "UK",
            "U.K.",
            "United Kingdom",
            "São Paulo",
        ] {
            assert!(names_place(place), "{place}");
        }
    }

    #[test]
    fn names_that_start_with_a_place_are_not_places() {
        for name in [
            "London Transit Board",
            "Paris Bakery Group",
            "Lyonnaise",
            "Usability",
        ] {
            assert!(!names_place(name), "{name}");
        }
    }
}
