//! Unicode text of Adobe-Japan1 CIDs, for Japanese fonts that carry no `ToUnicode` map.
//!
//! The collection's first CIDs follow two published orders that need no table of their
//! own. CIDs 1 to 95 are the JIS-Roman characters from the space on: printable ASCII, but
//! with the yen sign in place of the backslash (CID 61). CIDs 633 to
//! 7477 are the characters of JIS X 0208:1983 in code order: rows 1 to 7 (symbols, kana,
//! Latin, Greek, Cyrillic), then the kanji rows 16 to 84. Row 8 (box drawing) is left out
//! because the collection puts it elsewhere. The JIS characters come from the
//! EUC-JP decoder of `encoding_rs`.
//!
//! NOTE: CIDs outside these ranges (half-width forms, the later supplements, vertical
//! variants) map to nothing, and the other Adobe collections (GB1, CNS1, Korea1) have no
//! table.

use std::sync::OnceLock;

/// First CID of the JIS X 0208 characters.
const FIRST_JIS_CID: u32 = 633;
/// Last CID of the JIS X 0208:1983 characters.
const LAST_JIS_CID: u32 = 7477;

/// Returns the text of an Adobe-Japan1 CID, or `None` when the CID is outside the mapped
/// ranges.
pub(super) fn cid_text(cid: u32) -> Option<char> {
    match cid {
        61 => Some('¥'),
        1..=95 => char::from_u32(cid + 0x1f),
        FIRST_JIS_CID..=LAST_JIS_CID => jis_table().get((cid - FIRST_JIS_CID) as usize).copied(),
        _ => None,
    }
}

/// Returns the JIS X 0208 characters in code order, one entry per CID from
/// [`FIRST_JIS_CID`].
fn jis_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let capacity = (LAST_JIS_CID - FIRST_JIS_CID + 1) as usize;
        let mut table = Vec::with_capacity(capacity);
        let mut decoder_input = [0u8; 2];
        for row in (1u8..=7).chain(16..=84) {
            for cell in 1u8..=94 {
                decoder_input[0] = 0xa0 + row;
                decoder_input[1] = 0xa0 + cell;
                if let Some(ch) = jis_char(&decoder_input) {
                    table.push(ch);
                }
            }
        }
        table.truncate(capacity);
        table
    })
}

/// Decodes one EUC-JP two-byte sequence; `None` for an unassigned code.
fn jis_char(bytes: &[u8; 2]) -> Option<char> {
    let (text, had_errors) = encoding_rs::EUC_JP.decode_without_bom_handling(bytes);
    let mut chars = text.chars();
    match (chars.next(), chars.next(), had_errors) {
        (Some(ch), None, false) => Some(ch),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_cids_start_at_the_space() {
        assert_eq!(cid_text(1), Some(' '));
        assert_eq!(cid_text(34), Some('A'));
        assert_eq!(cid_text(61), Some('¥'));
        assert_eq!(cid_text(95), Some('~'));
        assert_eq!(cid_text(96), None);
    }

    #[test]
    fn kana_and_kanji_follow_jis_order() {
        // Row 1 starts with the ideographic space; hiragana and katakana follow rows 2 and 3.
        assert_eq!(cid_text(633), Some('\u{3000}'));
        assert_eq!(cid_text(842), Some('ぁ'));
        assert_eq!(cid_text(843), Some('あ'));
        assert_eq!(cid_text(925), Some('ァ'));
        // The kanji start at CID 1125 with row 16.
        assert_eq!(cid_text(1125), Some('亜'));
        assert_eq!(cid_text(1952), Some('語'));
        assert_eq!(cid_text(3284), Some('日'));
        assert_eq!(cid_text(3722), Some('本'));
    }

    #[test]
    fn kanji_levels_end_where_jis_1983_ends_them() {
        assert_eq!(cid_text(4089), Some('腕'));
        assert_eq!(cid_text(4090), Some('弌'));
        assert_eq!(cid_text(7474), Some('堯'));
        assert_eq!(cid_text(LAST_JIS_CID), Some('瑤'));
        assert_eq!(cid_text(LAST_JIS_CID + 1), None);
    }
}
