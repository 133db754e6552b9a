//! Accent folding for slugs and search: "Orosz–ukrán konfliktus" → "orosz-ukran-konfliktus".

/// Folds one character to its ASCII base letter, lower case; `None` for anything that is
/// not a letter or digit.
pub fn fold_char(c: char) -> Option<char> {
    let c = match c {
        'á' | 'Á' | 'à' | 'À' | 'â' | 'Â' | 'ä' | 'Ä' | 'ã' | 'å' => 'a',
        'é' | 'É' | 'è' | 'È' | 'ê' | 'Ê' | 'ë' | 'Ë' | 'ě' => 'e',
        'í' | 'Í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'Ó' | 'ö' | 'Ö' | 'ő' | 'Ő' | 'ò' | 'ô' | 'õ' | 'ø' => 'o',
        'ú' | 'Ú' | 'ü' | 'Ü' | 'ű' | 'Ű' | 'ù' | 'û' | 'ů' => 'u',
        'ç' | 'č' | 'ć' | 'Č' | 'Ć' => 'c',
        'š' | 'ś' | 'Š' | 'ş' => 's',
        'ž' | 'Ž' | 'ź' | 'ż' => 'z',
        'ñ' | 'ń' | 'ň' => 'n',
        'ř' => 'r',
        'ý' => 'y',
        'ł' => 'l',
        'ß' => 's',
        c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
        _ => return None,
    };
    Some(c)
}

/// URL slug: folded letters and digits, words joined by single dashes.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars() {
        match fold_char(c) {
            Some(f) => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(f);
            }
            None => dash = true,
        }
    }
    out
}

/// Search normalisation: folded words separated by single spaces.
pub fn fold_words(s: &str) -> Vec<String> {
    slugify(s).split('-').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_hungarian_accents_and_punctuation() {
        assert_eq!(slugify("Orosz–ukrán konfliktus"), "orosz-ukran-konfliktus");
        assert_eq!(slugify("  Árvíztűrő TÜKÖRFÚRÓGÉP! "), "arvizturo-tukorfurogep");
        assert_eq!(slugify("Kütyü"), "kutyu");
        assert_eq!(slugify("2024: választás"), "2024-valasztas");
    }

    #[test]
    fn search_words_are_folded() {
        assert_eq!(fold_words("Háború, béke"), vec!["haboru", "beke"]);
    }
}
