//! Tolerant content stream parsing: bytes to operators with their operands.
//!
//! A syntax error never ends the stream. A stray delimiter is skipped, an operator found
//! inside an array or dictionary is dropped from it (the container goes on), and an
//! unterminated string or container ends at the end of the data. Inline image data
//! (`BI … ID … EI`) is skipped without being read as operators.

use lopdf::content::Operation;
use lopdf::{Dictionary, Object, StringFormat};

/// Deepest nesting of arrays and dictionaries kept; deeper opening brackets are ignored.
const MAX_NESTING: usize = 32;
/// Operands kept for one operator. A longer run drops its oldest half each time it fills up,
/// because operators read their operands from the end.
const MAX_OPERANDS: usize = 4_096;
/// Elements kept in one array or dictionary.
const MAX_ELEMENTS: usize = 65_536;

/// Iterates over the operations of a content stream.
pub(super) struct Operations<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Operations<'a> {
    /// Starts reading at the first byte of `data`.
    pub(super) fn new(data: &'a [u8]) -> Self {
        Operations { data, pos: 0 }
    }
}

/// An open array or dictionary and the elements read into it so far.
enum Container {
    Array(Vec<Object>),
    Dictionary(Vec<Object>),
}

impl Container {
    fn push(&mut self, object: Object) {
        let (Container::Array(items) | Container::Dictionary(items)) = self;
        if items.len() < MAX_ELEMENTS {
            items.push(object);
        }
    }

    fn close(self) -> Object {
        match self {
            Container::Array(items) => Object::Array(items),
            Container::Dictionary(items) => {
                let mut dict = Dictionary::new();
                let mut items = items.into_iter();
                while let (Some(key), Some(value)) = (items.next(), items.next()) {
                    if let Object::Name(key) = key {
                        dict.set(key, value);
                    }
                }
                Object::Dictionary(dict)
            }
        }
    }
}

/// One lexical token of a content stream.
enum Token<'a> {
    Object(Object),
    Keyword(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
}

impl Iterator for Operations<'_> {
    type Item = Operation;

    fn next(&mut self) -> Option<Operation> {
        let mut operands: Vec<Object> = Vec::new();
        let mut open: Vec<Container> = Vec::new();
        loop {
            let token = self.token()?;
            let object = match token {
                Token::Object(object) => object,
                Token::ArrayStart | Token::DictStart if open.len() >= MAX_NESTING => continue,
                Token::ArrayStart => {
                    open.push(Container::Array(Vec::new()));
                    continue;
                }
                Token::DictStart => {
                    open.push(Container::Dictionary(Vec::new()));
                    continue;
                }
                // A mismatched end closes the innermost container; a stray one is skipped.
                Token::ArrayEnd | Token::DictEnd => match open.pop() {
                    Some(container) => container.close(),
                    None => continue,
                },
                // An operator inside a container is a syntax error: drop it, keep the container.
                Token::Keyword(_) if !open.is_empty() => continue,
                Token::Keyword(word) => {
                    if word == b"BI" {
                        self.skip_inline_image();
                    }
                    let operator = String::from_utf8_lossy(word).into_owned();
                    return Some(Operation { operator, operands });
                }
            };
            match open.last_mut() {
                Some(container) => container.push(object),
                None => {
                    if operands.len() >= MAX_OPERANDS {
                        operands.drain(..MAX_OPERANDS / 2);
                    }
                    operands.push(object);
                }
            }
        }
    }
}

impl<'a> Operations<'a> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Reads the next token, skipping white space, comments and stray delimiters.
    fn token(&mut self) -> Option<Token<'a>> {
        loop {
            let byte = self.peek()?;
            match byte {
                b'%' => self.skip_comment(),
                b'(' => {
                    self.pos += 1;
                    let text = self.literal_string();
                    return Some(Token::Object(Object::String(text, StringFormat::Literal)));
                }
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    self.pos += 2;
                    return Some(Token::DictStart);
                }
                b'<' => {
                    self.pos += 1;
                    let bytes = self.hex_string();
                    return Some(Token::Object(Object::String(
                        bytes,
                        StringFormat::Hexadecimal,
                    )));
                }
                b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return Some(Token::DictEnd);
                }
                b'[' => {
                    self.pos += 1;
                    return Some(Token::ArrayStart);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Token::ArrayEnd);
                }
                b'/' => {
                    self.pos += 1;
                    return Some(Token::Object(Object::Name(self.name())));
                }
                _ if is_white(byte) || is_delimiter(byte) => self.pos += 1,
                _ => return Some(self.regular()),
            }
        }
    }

    fn skip_comment(&mut self) {
        while let Some(byte) = self.peek() {
            if byte == b'\n' || byte == b'\r' {
                break;
            }
            self.pos += 1;
        }
    }

    /// Reads a run of regular characters: a number, `true`, `false`, `null` or an operator.
    fn regular(&mut self) -> Token<'a> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| !is_white(b) && !is_delimiter(b))
        {
            self.pos += 1;
        }
        let data: &'a [u8] = self.data;
        let word = &data[start..self.pos];
        match word {
            b"true" => return Token::Object(Object::Boolean(true)),
            b"false" => return Token::Object(Object::Boolean(false)),
            b"null" => return Token::Object(Object::Null),
            _ => {}
        }
        match number(word) {
            Some(object) => Token::Object(object),
            None => Token::Keyword(word),
        }
    }

    /// Reads a literal string after its `(`, with nested parentheses and escapes.
    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(byte) = self.peek() {
            self.pos += 1;
            match byte {
                b'(' => {
                    depth += 1;
                    out.push(byte);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(byte);
                }
                b'\\' => self.escape(&mut out),
                b'\r' => {
                    // An end of line in a string reads as `\n`, whatever its bytes.
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(byte),
            }
        }
        out
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(byte) = self.peek() else { return };
        self.pos += 1;
        match byte {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'0'..=b'7' => {
                let mut value = u32::from(byte - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(digit @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(digit - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xff) as u8);
            }
            // A backslash before an end of line continues the string on the next line.
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }

    /// Reads a hex string after its `<`; white space is ignored and an odd digit count
    /// ends with an implied `0`.
    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(byte) = self.peek() {
            self.pos += 1;
            if byte == b'>' {
                break;
            }
            let Some(digit) = (byte as char).to_digit(16) else {
                continue;
            };
            let digit = digit as u8;
            match high.take() {
                Some(h) => out.push((h << 4) | digit),
                None => high = Some(digit),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Reads a name after its `/`, decoding `#xx` escapes.
    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(byte) = self.peek() {
            if is_white(byte) || is_delimiter(byte) {
                break;
            }
            self.pos += 1;
            let escaped = (byte == b'#')
                .then(|| self.data.get(self.pos..self.pos + 2))
                .flatten()
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            match escaped {
                Some(value) => {
                    out.push(value);
                    self.pos += 2;
                }
                None => out.push(byte),
            }
        }
        out
    }

    /// Skips an inline image: its dictionary up to `ID`, then the data up to `EI`.
    fn skip_inline_image(&mut self) {
        let Some(id) = find_keyword(self.data, self.pos, b"ID") else {
            self.pos = self.data.len();
            return;
        };
        // One white-space byte separates `ID` from the data.
        let data_start = id + 3;
        self.pos = match find_keyword(self.data, data_start.min(self.data.len()), b"EI") {
            Some(end) => end + 2,
            None => self.data.len(),
        };
    }
}

/// Returns the position of `word` at or after `from` with white space (or the end of the
/// data) on both sides.
fn find_keyword(data: &[u8], from: usize, word: &[u8]) -> Option<usize> {
    let mut at = from;
    while at + word.len() <= data.len() {
        let offset = data[at..]
            .windows(word.len())
            .position(|window| window == word)?;
        let start = at + offset;
        let end = start + word.len();
        let before = start == 0 || is_white(data[start - 1]);
        let after = end == data.len() || is_white(data[end]);
        if before && after {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// Parses a PDF number, tolerating what common producers write (`-.5`, `4.`, `--3`).
/// A second `.` ends the number, as in `1.2.3`.
fn number(word: &[u8]) -> Option<Object> {
    let body_start = word.iter().position(|b| !matches!(b, b'+' | b'-'))?;
    let negative = word.first() == Some(&b'-');
    let body = &word[body_start..];
    if !body.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
        return None;
    }
    let digit = |b: u8| i64::from(b - b'0');
    let whole_len = body.iter().take_while(|b| b.is_ascii_digit()).count();
    let whole = body[..whole_len].iter().fold(0i64, |acc, &b| {
        acc.saturating_mul(10).saturating_add(digit(b))
    });
    if whole_len == body.len() {
        return Some(Object::Integer(if negative { -whole } else { whole }));
    }
    let mut value = whole as f64;
    let mut scale = 0.1;
    for &b in body[whole_len + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
    {
        value += digit(b) as f64 * scale;
        scale *= 0.1;
    }
    let value = value as f32;
    Some(Object::Real(if negative { -value } else { value }))
}

fn is_white(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operators(data: &[u8]) -> Vec<(String, Vec<Object>)> {
        Operations::new(data)
            .map(|op| (op.operator, op.operands))
            .collect()
    }

    #[test]
    fn reads_operators_with_their_operands() {
        let ops = operators(b"BT /F1 12 Tf 72 -7.5 Td (a\\(b\\)) Tj <41 42> Tj ET");
        let names: Vec<&str> = ops.iter().map(|(op, _)| op.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "Td", "Tj", "Tj", "ET"]);
        assert_eq!(
            ops[1].1,
            vec![Object::Name(b"F1".to_vec()), Object::Integer(12)]
        );
        assert_eq!(ops[2].1, vec![Object::Integer(72), Object::Real(-7.5)]);
        assert_eq!(ops[3].1[0].as_str().unwrap_or_default(), b"a(b)");
        assert_eq!(ops[4].1[0].as_str().unwrap_or_default(), b"AB");
    }

    #[test]
    fn operator_inside_array_is_dropped() {
        let ops = operators(b"[(Gran) 0 Tc -250 (des)] TJ (next) Tj");
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[0].0, "TJ");
        let Object::Array(items) = &ops[0].1[0] else {
            panic!("TJ takes an array");
        };
        assert_eq!(items.len(), 4);
        assert_eq!(ops[1].0, "Tj");
    }

    #[test]
    fn stray_delimiters_and_comments_are_skipped() {
        let ops = operators(b") } % comment (x) Tj\n>> ] (y) Tj");
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].1[0].as_str().unwrap_or_default(), b"y");
    }

    #[test]
    fn inline_image_data_is_not_read_as_operators() {
        let ops = operators(b"BI /W 2 /H 1 /BPC 8 ID \x00(Tj) Tj EI (z) Tj");
        let names: Vec<&str> = ops.iter().map(|(op, _)| op.as_str()).collect();
        assert_eq!(names, ["BI", "Tj"]);
        assert_eq!(ops[1].1[0].as_str().unwrap_or_default(), b"z");
    }

    #[test]
    fn long_operand_runs_keep_the_latest_values() {
        let mut data = "1 ".repeat(3 * MAX_OPERANDS);
        data.push_str("72 700 Td");
        let ops = operators(data.as_bytes());
        assert_eq!(ops.len(), 1);
        let operands = &ops[0].1;
        assert!(operands.len() <= MAX_OPERANDS);
        assert_eq!(
            operands[operands.len() - 2..],
            [Object::Integer(72), Object::Integer(700)]
        );
    }

    #[test]
    fn unterminated_parts_end_at_the_end_of_data() {
        assert!(operators(b"[(open").is_empty());
        assert_eq!(operators(b"(a) Tj (unclosed").len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_parse_without_panic(
            data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512),
        ) {
            // Every operation ends with an operator token of at least one byte.
            let count = Operations::new(&data).count();
            proptest::prop_assert!(count <= data.len());
        }

        #[test]
        fn content_like_bytes_parse_without_panic(
            tokens in proptest::collection::vec(
                "BT|ET|Tj|TJ|BI|ID|EI|\\[|\\]|<<|>>|\\(|\\)|<4142>|/F1|12|-3.5|\\\\|%|\n| ",
                0..200,
            ),
        ) {
            let data = tokens.join(" ");
            let count = Operations::new(data.as_bytes()).count();
            proptest::prop_assert!(count <= data.len());
        }
    }

    #[test]
    fn numbers_follow_producer_habits() {
        assert_eq!(number(b"-.5"), Some(Object::Real(-0.5)));
        assert_eq!(number(b"4."), Some(Object::Real(4.0)));
        assert_eq!(number(b"--3"), Some(Object::Integer(-3)));
        assert_eq!(number(b"1.2.3"), Some(Object::Real(1.2)));
        assert_eq!(number(b"Tj"), None);
        assert_eq!(number(b"-"), None);
        assert_eq!(number(b"12"), Some(Object::Integer(12)));
        assert_eq!(number(b"+0.25"), Some(Object::Real(0.25)));
    }
}
