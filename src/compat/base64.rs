//! Lenient base64 decoding with the old worker's acceptance rules.
//!
//! The old worker called Python's `base64.b64decode` without `validate=True`, so this decoder
//! follows CPython's non-strict `binascii.a2b_base64`:
//! - characters outside the standard alphabet (and `=` before two data characters of a quad)
//!   are skipped, so `"!!!!"` decodes to no bytes at all;
//! - decoding stops at the first complete padding, and whatever follows is ignored;
//! - input that ends inside a quad is an error ("incorrect padding"), as is a single data
//!   character left over.

/// Reason a base64 string was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Base64Error {
    /// The string contains a character outside ASCII.
    #[error("base64 input must be ASCII")]
    NonAscii,
    /// One data character is left over after the last complete quad.
    #[error("invalid base64: {data_chars} data characters cannot be 1 more than a multiple of 4")]
    DanglingCharacter {
        /// Number of data characters read.
        data_chars: usize,
    },
    /// The data ends inside a quad without enough padding.
    #[error("invalid base64: incorrect padding")]
    IncorrectPadding,
}

/// Returns the 6-bit value of a standard-alphabet character.
fn sextet(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes `input` with the non-strict rules described in the module documentation.
pub(crate) fn decode_lenient(input: &str) -> Result<Vec<u8>, Base64Error> {
    if !input.is_ascii() {
        return Err(Base64Error::NonAscii);
    }
    let mut output = Vec::with_capacity(input.len() / 4 * 3);
    let mut quad_pos = 0usize;
    let mut left = 0u8;
    let mut pads = 0usize;
    let mut data_chars = 0usize;
    for byte in input.bytes() {
        if byte == b'=' {
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    // A complete padding ends the data, and Python ignores the rest.
                    return Ok(output);
                }
            }
            continue;
        }
        let Some(value) = sextet(byte) else {
            continue;
        };
        data_chars += 1;
        pads = 0;
        match quad_pos {
            0 => {
                left = value;
                quad_pos = 1;
            }
            1 => {
                output.push((left << 2) | (value >> 4));
                left = value & 0x0f;
                quad_pos = 2;
            }
            2 => {
                output.push((left << 4) | (value >> 2));
                left = value & 0x03;
                quad_pos = 3;
            }
            _ => {
                output.push((left << 6) | value);
                quad_pos = 0;
            }
        }
    }
    match quad_pos {
        0 => Ok(output),
        1 => Err(Base64Error::DanglingCharacter { data_chars }),
        _ => Err(Base64Error::IncorrectPadding),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cases checked against CPython 3.11 `base64.b64decode(s)`.
    #[test]
    fn decode_lenient_matches_python() {
        let ok: &[(&str, &[u8])] = &[
            ("", b""),
            ("!!!!", b""),
            ("aGVsbG8=", b"hello"),
            ("aGVs bG8=", b"hello"),
            ("aGVs\nbG8=", b"hello"),
            ("aGVsbG8=IGlnbm9yZWQ=", b"hello"),
            ("YQ==", b"a"),
            ("YQ==YQ==", b"a"),
            ("=YQ==", b"a"),
            ("YWJj", b"abc"),
            ("YW*Jj", b"abc"),
            ("YQ=*=", b"a"),
            ("YWI=", b"ab"),
        ];
        for (input, expected) in ok {
            assert_eq!(
                decode_lenient(input).as_deref(),
                Ok(*expected),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn decode_lenient_rejects_bad_padding() {
        assert_eq!(decode_lenient("abc"), Err(Base64Error::IncorrectPadding));
        assert_eq!(decode_lenient("YQ="), Err(Base64Error::IncorrectPadding));
        assert_eq!(decode_lenient("YQ"), Err(Base64Error::IncorrectPadding));
        assert_eq!(
            decode_lenient("a"),
            Err(Base64Error::DanglingCharacter { data_chars: 1 })
        );
        assert_eq!(
            decode_lenient("YWJjZ"),
            Err(Base64Error::DanglingCharacter { data_chars: 5 })
        );
        assert_eq!(decode_lenient("YWJj\u{e9}"), Err(Base64Error::NonAscii));
    }
}
