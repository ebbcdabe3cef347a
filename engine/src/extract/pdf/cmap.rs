//! CMap parsing: `ToUnicode` maps (`bfchar`, `bfrange`) and embedded encoding CMaps
//! (`codespacerange`, `cidchar`, `cidrange`).

use std::collections::HashMap;

/// Largest number of `bfrange`/`cidrange` entries kept from one CMap.
const MAX_RANGES: usize = 100_000;

/// A parsed CMap. Codes are big-endian integers of 1 to 4 bytes.
#[derive(Debug, Default, Clone)]
pub(super) struct CMap {
    /// Valid code ranges as `(byte length, low, high)`.
    codespace: Vec<(usize, u32, u32)>,
    /// Single-code Unicode mappings keyed by `(byte length, code)`.
    chars: HashMap<(usize, u32), String>,
    /// Unicode range mappings.
    ranges: Vec<UnicodeRange>,
    /// Code to CID mappings of an encoding CMap, as `(low, high, first CID)`.
    cid_ranges: Vec<(u32, u32, u32)>,
}

#[derive(Debug, Clone)]
struct UnicodeRange {
    len: usize,
    low: u32,
    high: u32,
    target: RangeTarget,
}

#[derive(Debug, Clone)]
enum RangeTarget {
    /// UTF-16 code units of the first code; later codes add to the last unit.
    Incrementing(Vec<u16>),
    /// One UTF-16 string per code.
    Listed(Vec<Vec<u16>>),
}

/// A lexical token of a CMap program.
#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Literal(Vec<u8>),
    Name(Vec<u8>),
    Number(i64),
    ArrayStart,
    ArrayEnd,
    Keyword(Vec<u8>),
}

impl CMap {
    /// Parses a CMap program; malformed parts are skipped.
    pub(super) fn parse(data: &[u8]) -> CMap {
        let tokens = tokenize(data);
        let mut cmap = CMap::default();
        let mut index = 0;
        while index < tokens.len() {
            index = match &tokens[index] {
                Token::Keyword(word) => match word.as_slice() {
                    b"begincodespacerange" => cmap.read_codespace(&tokens, index + 1),
                    b"beginbfchar" => cmap.read_bfchar(&tokens, index + 1),
                    b"beginbfrange" => cmap.read_bfrange(&tokens, index + 1),
                    b"begincidchar" => cmap.read_cidchar(&tokens, index + 1),
                    b"begincidrange" => cmap.read_cidrange(&tokens, index + 1),
                    _ => index + 1,
                },
                _ => index + 1,
            };
        }
        cmap
    }

    /// Returns whether the CMap maps any code to Unicode.
    pub(super) fn has_unicode(&self) -> bool {
        !self.chars.is_empty() || !self.ranges.is_empty()
    }

    /// Byte length of the code starting at `bytes`, from the code space ranges.
    pub(super) fn code_length(&self, bytes: &[u8], default: usize) -> usize {
        for len in 1..=4.min(bytes.len()) {
            let code = be_code(&bytes[..len]);
            if self
                .codespace
                .iter()
                .any(|&(l, low, high)| l == len && (low..=high).contains(&code))
            {
                return len;
            }
        }
        default.min(bytes.len()).max(1)
    }

    /// Returns whether the CMap declares any code space range.
    pub(super) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// Returns the Unicode text of a code, preferring a mapping of the same byte length.
    pub(super) fn unicode(&self, code: u32, len: usize) -> Option<String> {
        if let Some(text) = self.chars.get(&(len, code)) {
            return Some(text.clone());
        }
        let in_range = |r: &&UnicodeRange| (r.low..=r.high).contains(&code);
        let range = self
            .ranges
            .iter()
            .filter(in_range)
            .find(|r| r.len == len)
            .or_else(|| self.ranges.iter().find(in_range));
        if let Some(range) = range {
            return Some(range.text_of(code));
        }
        (1..=4)
            .filter(|&other| other != len)
            .find_map(|other| self.chars.get(&(other, code)).cloned())
    }

    /// Returns the CID of a code in an encoding CMap.
    pub(super) fn cid(&self, code: u32) -> Option<u32> {
        self.cid_ranges
            .iter()
            .find(|(low, high, _)| (*low..=*high).contains(&code))
            .map(|(low, _, first)| first + (code - low))
    }

    fn read_codespace(&mut self, tokens: &[Token], mut index: usize) -> usize {
        while let [Token::Hex(low), Token::Hex(high), ..] = &tokens[index.min(tokens.len())..] {
            if (1..=4).contains(&low.len()) {
                self.codespace
                    .push((low.len(), be_code(low), be_code(high)));
            }
            index += 2;
        }
        index
    }

    fn read_bfchar(&mut self, tokens: &[Token], mut index: usize) -> usize {
        while let [Token::Hex(source), target, ..] = &tokens[index.min(tokens.len())..] {
            let text = match target {
                Token::Hex(bytes) | Token::Literal(bytes) => utf16_text(&units_of(bytes)),
                Token::Name(name) => String::from_utf8_lossy(name).into_owned(),
                _ => break,
            };
            if (1..=4).contains(&source.len()) {
                self.chars.insert((source.len(), be_code(source)), text);
            }
            index += 2;
        }
        index
    }

    fn read_bfrange(&mut self, tokens: &[Token], mut index: usize) -> usize {
        loop {
            let rest = &tokens[index.min(tokens.len())..];
            let [Token::Hex(low), Token::Hex(high), ..] = rest else {
                return index;
            };
            let (target, used) = match &rest[2..] {
                [Token::Hex(first), ..] => (RangeTarget::Incrementing(units_of(first)), 3),
                [Token::ArrayStart, ..] => {
                    let (items, consumed) = read_array(&rest[3..]);
                    (RangeTarget::Listed(items), 3 + consumed)
                }
                _ => return index,
            };
            index += used;
            let (low_code, high_code) = (be_code(low), be_code(high));
            if (1..=4).contains(&low.len())
                && low_code <= high_code
                && self.ranges.len() < MAX_RANGES
            {
                self.ranges.push(UnicodeRange {
                    len: low.len(),
                    low: low_code,
                    high: high_code,
                    target,
                });
            }
        }
    }

    fn read_cidchar(&mut self, tokens: &[Token], mut index: usize) -> usize {
        while let [Token::Hex(source), Token::Number(cid), ..] = &tokens[index.min(tokens.len())..]
        {
            let code = be_code(source);
            let cid = u32::try_from(*cid).unwrap_or(0);
            self.cid_ranges.push((code, code, cid));
            index += 2;
        }
        index
    }

    fn read_cidrange(&mut self, tokens: &[Token], mut index: usize) -> usize {
        while let [Token::Hex(low), Token::Hex(high), Token::Number(cid), ..] =
            &tokens[index.min(tokens.len())..]
        {
            let cid = u32::try_from(*cid).unwrap_or(0);
            if self.cid_ranges.len() < MAX_RANGES {
                self.cid_ranges.push((be_code(low), be_code(high), cid));
            }
            index += 3;
        }
        index
    }
}

impl UnicodeRange {
    fn text_of(&self, code: u32) -> String {
        let offset = code - self.low;
        match &self.target {
            RangeTarget::Incrementing(units) => {
                let mut units = units.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(offset as u16);
                }
                utf16_text(&units)
            }
            RangeTarget::Listed(items) => items
                .get(offset as usize)
                .map(|units| utf16_text(units))
                .unwrap_or_default(),
        }
    }
}

/// Reads hex strings up to `]`; returns them and the number of tokens used, `]` included.
fn read_array(tokens: &[Token]) -> (Vec<Vec<u16>>, usize) {
    let mut items = Vec::new();
    for (used, token) in tokens.iter().enumerate() {
        match token {
            Token::Hex(bytes) => items.push(units_of(bytes)),
            Token::ArrayEnd => return (items, used + 1),
            _ => return (items, used),
        }
    }
    (items, tokens.len())
}

/// Reads a big-endian integer of up to four bytes.
pub(super) fn be_code(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |code, &b| (code << 8) | u32::from(b))
}

/// UTF-16BE code units of a CMap target; a single byte is taken as one code unit.
fn units_of(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .map(|pair| match pair {
            [high, low] => u16::from_be_bytes([*high, *low]),
            [single] => u16::from(*single),
            _ => 0,
        })
        .collect()
}

/// Decodes UTF-16 units, dropping unpaired surrogates.
pub(super) fn utf16_text(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .filter_map(Result::ok)
        .collect()
}

fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let byte = data[i];
        match byte {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = data[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| i + p);
                tokens.push(Token::Hex(hex_bytes(&data[i + 1..end])));
                i = end + 1;
            }
            b'(' => {
                let (bytes, next) = literal_string(data, i + 1);
                tokens.push(Token::Literal(bytes));
                i = next;
            }
            b'[' => {
                tokens.push(Token::ArrayStart);
                i += 1;
            }
            b']' => {
                tokens.push(Token::ArrayEnd);
                i += 1;
            }
            b'/' => {
                let end = word_end(data, i + 1);
                tokens.push(Token::Name(data[i + 1..end].to_vec()));
                i = end;
            }
            b if b.is_ascii_whitespace() || b == b'{' || b == b'}' || b == b'>' || b == b')' => {
                i += 1
            }
            _ => {
                let end = word_end(data, i).max(i + 1);
                let word = &data[i..end];
                let number = std::str::from_utf8(word).ok().and_then(|s| s.parse().ok());
                tokens.push(match number {
                    Some(n) => Token::Number(n),
                    None => Token::Keyword(word.to_vec()),
                });
                i = end;
            }
        }
    }
    tokens
}

fn word_end(data: &[u8], start: usize) -> usize {
    data[start..]
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b"[]<>()/{}%".contains(&b))
        .map_or(data.len(), |p| start + p)
}

fn hex_bytes(hex: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = hex
        .iter()
        .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|pair| (pair[0] << 4) | pair.get(1).copied().unwrap_or(0))
        .collect()
}

/// Reads a literal string body starting after `(`; returns its bytes and the index after `)`.
fn literal_string(data: &[u8], start: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 1;
    let mut i = start;
    while i < data.len() {
        match data[i] {
            b'\\' if i + 1 < data.len() => {
                i += 1;
                out.push(match data[i] {
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    other => other,
                });
            }
            b'(' => {
                depth += 1;
                out.push(b'(');
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return (out, i + 1);
                }
                out.push(b')');
            }
            other => out.push(other),
        }
        i += 1;
    }
    (out, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0003> <0020>
<0011> <FB01>
<0012> <00660069>
endbfchar
2 beginbfrange
<0024> <0026> <0041>
<0030> <0031> [<0078> <D835DC00>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_maps_single_and_multi_character_targets() {
        let cmap = CMap::parse(SAMPLE);
        assert_eq!(cmap.unicode(0x03, 2).as_deref(), Some(" "));
        assert_eq!(cmap.unicode(0x11, 2).as_deref(), Some("\u{fb01}"));
        assert_eq!(cmap.unicode(0x12, 2).as_deref(), Some("fi"));
    }

    #[test]
    fn bfrange_increments_and_lists_targets() {
        let cmap = CMap::parse(SAMPLE);
        assert_eq!(cmap.unicode(0x25, 2).as_deref(), Some("B"));
        assert_eq!(cmap.unicode(0x30, 2).as_deref(), Some("x"));
        assert_eq!(cmap.unicode(0x31, 2).as_deref(), Some("\u{1d400}"));
        assert_eq!(cmap.unicode(0x99, 2), None);
    }

    #[test]
    fn codespace_gives_code_length() {
        let cmap = CMap::parse(SAMPLE);
        assert_eq!(cmap.code_length(&[0x00, 0x24], 1), 2);
    }

    #[test]
    fn cidrange_maps_codes_to_cids() {
        let cmap = CMap::parse(b"1 begincidrange <20> <7e> 1 endcidrange");
        assert_eq!(cmap.cid(0x41), Some(34));
    }
}
