//! Unicode text of glyph ids from the `cmap` table of an embedded TrueType font.
//!
//! Composite fonts with an `Identity` encoding and no `ToUnicode` map show glyph ids. The
//! embedded font program often still carries its Unicode `cmap` subtable (platform 3
//! encoding 1 or 10, or platform 0), which read backwards gives each glyph its text.
//! Formats 4 and 12 are read; other formats and damaged tables give no mapping. Reading
//! a subtable stops after a bounded number of codes, so overlapping segments or groups
//! keep the glyphs read so far and cannot multiply the work.

use std::collections::HashMap;

/// Glyph ids kept from one font.
const MAX_GLYPHS: usize = 65_536;
/// Character codes visited in one format 4 subtable. Segments that do not overlap cover at
/// most the 16-bit code space.
const MAX_FORMAT4_CODES: u32 = 1 << 16;
/// Character codes visited in one format 12 subtable.
const MAX_FORMAT12_CODES: u32 = 1 << 20;

/// Maps glyph ids to Unicode from a TrueType font program; empty when it has no Unicode
/// `cmap` subtable.
pub(super) fn glyph_unicode(font: &[u8]) -> HashMap<u16, char> {
    let Some(cmap) = table(font, b"cmap") else {
        return HashMap::new();
    };
    let mut best: Option<(u8, &[u8])> = None;
    let count = usize::from(u16_at(cmap, 2).unwrap_or(0));
    for index in 0..count {
        let record = 4 + index * 8;
        let (Some(platform), Some(encoding), Some(offset)) = (
            u16_at(cmap, record),
            u16_at(cmap, record + 2),
            u32_at(cmap, record + 4),
        ) else {
            break;
        };
        let rank = match (platform, encoding) {
            (3, 10) => 3,
            (3, 1) => 2,
            (0, _) => 1,
            _ => continue,
        };
        let Some(subtable) = cmap.get(offset as usize..) else {
            continue;
        };
        if best.is_none_or(|(best_rank, _)| rank > best_rank) {
            best = Some((rank, subtable));
        }
    }
    let Some((_, subtable)) = best else {
        return HashMap::new();
    };
    let mut glyphs = HashMap::new();
    match u16_at(subtable, 0) {
        Some(4) => read_format4(subtable, &mut glyphs),
        Some(12) => read_format12(subtable, &mut glyphs),
        _ => {}
    }
    glyphs
}

/// Finds a table of the font by its tag.
fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let count = usize::from(u16_at(font, 4)?);
    (0..count).find_map(|index| {
        let record = 12 + index * 16;
        if font.get(record..record + 4)? != tag {
            return None;
        }
        let offset = u32_at(font, record + 8)? as usize;
        let length = u32_at(font, record + 12)? as usize;
        font.get(offset..offset.checked_add(length)?)
    })
}

/// Records the first code seen for each glyph; control and private-use codes are skipped.
fn record(glyphs: &mut HashMap<u16, char>, glyph: u32, code: u32) {
    let (Ok(glyph), Some(ch)) = (u16::try_from(glyph), char::from_u32(code)) else {
        return;
    };
    if glyph == 0 || ch.is_control() || glyphs.len() >= MAX_GLYPHS {
        return;
    }
    if matches!(ch, '\u{e000}'..='\u{f8ff}') {
        return;
    }
    glyphs.entry(glyph).or_insert(ch);
}

/// Reads a format 4 subtable: segments of 16-bit codes with a delta or a glyph id array.
fn read_format4(subtable: &[u8], glyphs: &mut HashMap<u16, char>) {
    let Some(segments) = u16_at(subtable, 6).map(|n| usize::from(n / 2)) else {
        return;
    };
    let ends = 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let range_offsets = deltas + 2 * segments;
    let mut visited = 0u32;
    for segment in 0..segments {
        let (Some(end), Some(start), Some(delta), Some(range_offset)) = (
            u16_at(subtable, ends + 2 * segment),
            u16_at(subtable, starts + 2 * segment),
            u16_at(subtable, deltas + 2 * segment),
            u16_at(subtable, range_offsets + 2 * segment),
        ) else {
            return;
        };
        for code in start..=end.min(0xfffe) {
            visited += 1;
            if visited > MAX_FORMAT4_CODES {
                return;
            }
            let glyph = if range_offset == 0 {
                code.wrapping_add(delta)
            } else {
                // The offset counts from the segment's own `idRangeOffset` entry.
                let at = range_offsets
                    + 2 * segment
                    + usize::from(range_offset)
                    + 2 * usize::from(code - start);
                match u16_at(subtable, at) {
                    Some(0) | None => continue,
                    Some(id) => id.wrapping_add(delta),
                }
            };
            record(glyphs, u32::from(glyph), u32::from(code));
        }
    }
}

/// Reads a format 12 subtable: groups of 32-bit codes mapped to consecutive glyph ids.
fn read_format12(subtable: &[u8], glyphs: &mut HashMap<u16, char>) {
    let Some(groups) = u32_at(subtable, 12) else {
        return;
    };
    let mut visited = 0u32;
    for group in 0..groups as usize {
        let at = 16 + group * 12;
        let (Some(first), Some(last), Some(first_glyph)) = (
            u32_at(subtable, at),
            u32_at(subtable, at + 4),
            u32_at(subtable, at + 8),
        ) else {
            return;
        };
        if last < first {
            continue;
        }
        for code in first..=last {
            visited += 1;
            if visited > MAX_FORMAT12_CODES {
                return;
            }
            record(glyphs, first_glyph.saturating_add(code - first), code);
        }
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([bytes[0], bytes[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let bytes = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a font program that contains only a `cmap` table with one subtable.
    fn font_with_cmap(platform: u16, encoding: u16, subtable: &[u8]) -> Vec<u8> {
        let mut cmap = Vec::new();
        cmap.extend_from_slice(&[0, 0, 0, 1]);
        cmap.extend_from_slice(&platform.to_be_bytes());
        cmap.extend_from_slice(&encoding.to_be_bytes());
        cmap.extend_from_slice(&12u32.to_be_bytes());
        cmap.extend_from_slice(subtable);
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        font.extend_from_slice(b"cmap");
        font.extend_from_slice(&[0; 4]);
        font.extend_from_slice(&28u32.to_be_bytes());
        font.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
        font.extend_from_slice(&cmap);
        font
    }

    /// Builds a format 4 subtable that maps `A`..=`Z` to glyphs 36..=61 by delta.
    fn format4_letters() -> Vec<u8> {
        let words: [u16; 12] = [
            4, 32, 0, 4, 2, 0, 1, // format, length, language, segCountX2, search fields
            0x5a, 0xffff, // end codes
            0,      // reserved pad
            0x41, 0xffff, // start codes
        ];
        let mut table: Vec<u8> = words.iter().flat_map(|w| w.to_be_bytes()).collect();
        for word in [36u16.wrapping_sub(0x41), 1, 0, 0] {
            table.extend_from_slice(&word.to_be_bytes());
        }
        table
    }

    #[test]
    fn format4_delta_segment_maps_glyphs_back() {
        let glyphs = glyph_unicode(&font_with_cmap(3, 1, &format4_letters()));
        assert_eq!(glyphs.get(&36), Some(&'A'));
        assert_eq!(glyphs.get(&61), Some(&'Z'));
        assert_eq!(glyphs.len(), 26);
    }

    #[test]
    fn format12_groups_map_glyphs_back() {
        let mut table = Vec::new();
        for value in [12u32 << 16, 28, 0, 1, 0x1f600, 0x1f601, 7] {
            table.extend_from_slice(&value.to_be_bytes());
        }
        let glyphs = glyph_unicode(&font_with_cmap(3, 10, &table));
        assert_eq!(glyphs.get(&7), Some(&'😀'));
        assert_eq!(glyphs.get(&8), Some(&'😁'));
    }

    #[test]
    fn symbol_subtable_and_damaged_fonts_give_nothing() {
        assert!(glyph_unicode(&font_with_cmap(3, 0, &format4_letters())).is_empty());
        assert!(glyph_unicode(b"\x00\x01\x00\x00\x00\x09").is_empty());
        assert!(glyph_unicode(&[]).is_empty());
    }
}
