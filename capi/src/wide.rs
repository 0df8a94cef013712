//! The width of `WCHAR`, and the one place that knows it.
//!
//! The same sources build two libraries (see `capi/native/`): `libclusapi`, where `WCHAR`
//! is a UTF-16 code unit as on Windows (for `windows-sys`, whose `PCWSTR` is `*const u16`,
//! and C built with `-fshort-wchar`), and `libclusapi_native`, built with
//! `cfg(clusapi_native_wchar)`, where `WCHAR` is the platform's `wchar_t`: on Linux a
//! 4-byte UTF-32 code point, which glibc's `wcslen`/`wprintf`, libstdc++'s `std::wstring`
//! and Python's `c_wchar_p` assume. Everything here converts between the simulator's
//! strings (Rust `str`, and UTF-16LE inside the byte buffers it builds, as on the wire) and
//! this build's `WCHAR`: names (`encode`, `decode`, `unit_count`) and byte buffers whose
//! layout says where their strings are (`to_caller`, `from_caller`). In the UTF-16 build
//! the buffer functions hand the bytes through untouched.

use std::borrow::Cow;

use clusapi_sim::Error;
use clusapi_sim::clusctl::{BufferLayout, Field, Structure, StructuredValue};

use crate::ffi::WCHAR;

/// Whether this build's `WCHAR` is the platform's 4-byte `wchar_t`.
pub(crate) const NATIVE: bool = size_of::<WCHAR>() == 4;

/// The `WCHAR` units of `s` (no NUL).
#[cfg(not(clusapi_native_wchar))]
pub(crate) fn encode(s: &str) -> impl Iterator<Item = WCHAR> + '_ {
    s.encode_utf16()
}

/// The `WCHAR` units of `s` (no NUL).
#[cfg(clusapi_native_wchar)]
pub(crate) fn encode(s: &str) -> impl Iterator<Item = WCHAR> + '_ {
    s.chars().map(WCHAR::from)
}

/// How many `WCHAR` units `s` takes (without a NUL): what the ClusAPI buffer protocol
/// counts as characters.
pub(crate) fn unit_count(s: &str) -> usize {
    encode(s).count()
}

/// `s` as `WCHAR` units, NUL-terminated.
pub(crate) fn encode_nul(s: &str) -> Vec<WCHAR> {
    encode(s).chain([0]).collect()
}

/// The string of `units` (no NUL among them), or `None` if they are not a valid
/// encoding: an unpaired surrogate in UTF-16, a value that is no Unicode scalar in UTF-32.
#[cfg(not(clusapi_native_wchar))]
pub(crate) fn decode(units: &[WCHAR]) -> Option<String> {
    String::from_utf16(units).ok()
}

/// The string of `units` (no NUL among them), or `None` if they are not a valid
/// encoding: an unpaired surrogate in UTF-16, a value that is no Unicode scalar in UTF-32.
#[cfg(clusapi_native_wchar)]
pub(crate) fn decode(units: &[WCHAR]) -> Option<String> {
    units.iter().map(|&u| char::from_u32(u)).collect()
}

/// What this build's encoding is called, for error messages.
pub(crate) const ENCODING: &str = if NATIVE { "UTF-32" } else { "UTF-16" };

/// Reads `WCHAR` units from bytes the caller gave (its own byte order; the buffer may be
/// unaligned).
pub(crate) fn units_of_bytes(bytes: &[u8]) -> Vec<WCHAR> {
    bytes
        .chunks_exact(size_of::<WCHAR>())
        .filter_map(|b| b.try_into().ok())
        .map(WCHAR::from_ne_bytes)
        .collect()
}

/// `units` as bytes in the caller's byte order.
pub(crate) fn bytes_of_units(units: &[WCHAR]) -> Vec<u8> {
    units.iter().flat_map(|u| u.to_ne_bytes()).collect()
}

/// The layouts of a control code's input and output buffers, as far as this build must
/// re-encode them: `clusctl::buffer_layouts` in the native build; in the UTF-16 build every
/// buffer goes through as it is, so the code is not looked up (every `Cluster*Control`
/// call passes here).
pub(crate) fn control_layouts(code: u32) -> (BufferLayout, BufferLayout) {
    if NATIVE {
        clusapi_sim::clusctl::buffer_layouts(code)
    } else {
        (BufferLayout::Binary, BufferLayout::Binary)
    }
}

/// A buffer the simulator built (strings in UTF-16LE, laid out as `layout` says), as this
/// build's caller reads it. The UTF-16 build hands it through.
///
/// # Errors
///
/// `ERROR_INTERNAL_ERROR` if the buffer does not have the layout (the simulator builds
/// every buffer it answers with, so this is a bug).
pub(crate) fn to_caller(layout: BufferLayout, bytes: Vec<u8>) -> Result<Vec<u8>, Error> {
    if !NATIVE || layout == BufferLayout::Binary {
        return Ok(bytes);
    }
    reencode(layout, &bytes, TO_CALLER)
        .map_err(|why| Error::InternalError(format!("an answer of the simulator: {why}")))
}

/// A buffer from the caller (strings in this build's `WCHAR`, laid out as `layout` says),
/// as the simulator reads it (UTF-16LE). The UTF-16 build hands it through. A buffer that
/// does not have the layout, or a string that is not UTF-32, is handed through as it came:
/// the simulator then refuses it as it refuses any malformed buffer, after the checks that
/// come first (the handle, the access), as on Windows.
pub(crate) fn from_caller(layout: BufferLayout, bytes: &[u8]) -> Cow<'_, [u8]> {
    if !NATIVE || layout == BufferLayout::Binary {
        return Cow::Borrowed(bytes);
    }
    reencode(layout, bytes, FROM_CALLER).map_or(Cow::Borrowed(bytes), Cow::Owned)
}

/// A registry value's data as this build's caller reads it: the strings of `REG_SZ`,
/// `REG_EXPAND_SZ`, `REG_MULTI_SZ` and `REG_LINK` re-encoded, any other type as it is.
pub(crate) fn value_to_caller(value_type: u32, data: Vec<u8>) -> Vec<u8> {
    if NATIVE && is_text_value(value_type) {
        // Text is any sequence of units; a trailing odd byte is kept as it is.
        utf16_to_utf32(&data).unwrap_or(data)
    } else {
        data
    }
}

/// A registry value's data from the caller, as the simulator stores it (UTF-16LE for the
/// text types).
///
/// # Errors
///
/// `ERROR_INVALID_PARAMETER` for text whose units are not Unicode code points.
pub(crate) fn value_from_caller(value_type: u32, data: Vec<u8>) -> Result<Vec<u8>, Error> {
    if NATIVE && is_text_value(value_type) {
        utf32_to_utf16(&data).map_err(|why| Error::InvalidParameter(format!("lpData: {why}")))
    } else {
        Ok(data)
    }
}

/// `REG_SZ`, `REG_EXPAND_SZ`, `REG_LINK`, `REG_MULTI_SZ`: the value types that hold text.
fn is_text_value(value_type: u32) -> bool {
    matches!(value_type, 1 | 2 | 6 | 7)
}

/// The `CLUSPROP_FORMAT_*` of a value whose data is text: `SZ`, `EXPAND_SZ`, `MULTI_SZ`,
/// `EXPANDED_SZ`.
fn is_text_format(syntax: u32) -> bool {
    matches!(syntax & 0xFFFF, 3 | 4 | 5 | 8)
}

/// UTF-16LE units (as the simulator writes them) to UTF-32 in the caller's byte order.
/// Surrogate pairs become one code point; an unpaired surrogate keeps its value (as a
/// `wchar_t` can hold it), and a trailing odd byte is kept, so nothing is lost.
fn utf16_to_utf32(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let units = bytes.chunks_exact(2).filter_map(|b| b.try_into().ok()).map(u16::from_le_bytes);
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(2));
    for unit in char::decode_utf16(units) {
        let point = unit.map_or_else(|lone| u32::from(lone.unpaired_surrogate()), u32::from);
        out.extend_from_slice(&point.to_ne_bytes());
    }
    out.extend_from_slice(bytes.chunks_exact(2).remainder());
    Ok(out)
}

/// UTF-32 in the caller's byte order to UTF-16LE: a code point above U+FFFF becomes a
/// surrogate pair; a surrogate value is kept as one unit (the inverse of
/// `utf16_to_utf32`), and trailing bytes short of a unit are kept.
fn utf32_to_utf16(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len() / 2);
    for chunk in bytes.chunks_exact(4) {
        let point = u32::from_ne_bytes(chunk.try_into().map_err(|_| "a short unit".to_owned())?);
        if let Ok(unit) = u16::try_from(point) {
            out.extend_from_slice(&unit.to_le_bytes());
        } else {
            let c = char::from_u32(point).ok_or_else(|| format!("{point:#x} is not a Unicode code point"))?;
            let mut pair = [0u16; 2];
            for unit in c.encode_utf16(&mut pair) {
                out.extend_from_slice(&unit.to_le_bytes());
            }
        }
    }
    out.extend_from_slice(bytes.chunks_exact(4).remainder());
    Ok(out)
}

/// A little-endian or native `DWORD` of a buffer at `at` (the property-list framing is
/// `DWORD`s, which are the same in both encodings).
fn dword(bytes: &[u8], at: usize) -> Result<u32, String> {
    let end = at.checked_add(4).ok_or("a length past the end")?;
    let b = bytes.get(at..end).ok_or_else(|| format!("the buffer ends inside the DWORD at {at}"))?;
    Ok(u32::from_le_bytes(b.try_into().map_err(|_| "a short DWORD".to_owned())?))
}

/// One direction of the re-encoding: how a string's units are converted, and the width
/// of `WCHAR` (in bytes) on each side, for the fixed arrays of structures.
#[derive(Clone, Copy)]
struct Codec {
    convert: fn(&[u8]) -> Result<Vec<u8>, String>,
    from: usize,
    to: usize,
}

/// The simulator's UTF-16 to the caller's UTF-32.
const TO_CALLER: Codec = Codec { convert: utf16_to_utf32, from: 2, to: 4 };
/// The caller's UTF-32 to the simulator's UTF-16.
const FROM_CALLER: Codec = Codec { convert: utf32_to_utf16, from: 4, to: 2 };

/// `a + b`, or an error for a length past the address space.
fn add(a: usize, b: usize) -> Result<usize, String> {
    a.checked_add(b).ok_or_else(|| "a length past the end".to_owned())
}

/// Re-encodes the strings of a buffer of `layout` with `codec`, rebuilding the framing
/// (each value's byte length, and its padding to 4 bytes) around the new data. Bytes after
/// the layout's end are kept as they are.
fn reencode(layout: BufferLayout, bytes: &[u8], codec: Codec) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(2));
    let end = match layout {
        BufferLayout::Text => return (codec.convert)(bytes),
        BufferLayout::ValueList => value_list(bytes, 0, codec, &[], &mut out)?,
        BufferLayout::ValueListOf(values) => value_list(bytes, 0, codec, values, &mut out)?,
        BufferLayout::Structures(structure) => {
            let size = structure.size(codec.from).max(1);
            let mut at = 0;
            while let Some(one) = bytes.get(at..add(at, size)?) {
                out.extend_from_slice(&reencode_structure(one, structure, codec)?);
                at = add(at, size)?;
            }
            at
        }
        BufferLayout::PropertyList => {
            let count = dword(bytes, 0)?;
            out.extend_from_slice(&count.to_le_bytes());
            let mut at = 4;
            for _ in 0..count {
                at = value_list(bytes, at, codec, &[], &mut out)?;
            }
            at
        }
        _ => return Ok(bytes.to_vec()),
    };
    out.extend_from_slice(bytes.get(end..).unwrap_or_default());
    Ok(out)
}

/// One structure (`bytes`: exactly its size at the source width) at the target width: each
/// field moves to its offset there, each `WCHAR` array is converted and NUL-padded (cut,
/// NUL-terminated, should its text need more units than the array has), padding is zeros.
fn reencode_structure(bytes: &[u8], structure: &Structure, codec: Codec) -> Result<Vec<u8>, String> {
    let mut out = vec![0u8; structure.size(codec.to)];
    for ((src, field), (dst, _)) in structure.offsets(codec.from).into_iter().zip(structure.offsets(codec.to))
    {
        let (data, room) = match field {
            Field::Wchars(n) => {
                let units =
                    bytes.get(src..add(src, n.saturating_mul(codec.from))?).ok_or("a short structure")?;
                (Cow::Owned((codec.convert)(units)?), n.saturating_mul(codec.to))
            }
            Field::Bytes { size, .. } => {
                (Cow::Borrowed(bytes.get(src..add(src, size)?).ok_or("a short structure")?), size)
            }
            _ => return Err(format!("a field of {} this build cannot re-encode", structure.name)),
        };
        let len = data.len().min(room);
        let target = out.get_mut(dst..add(dst, len)?).ok_or("a field past the structure's end")?;
        target.copy_from_slice(data.get(..len).unwrap_or_default());
        if len < data.len() {
            // Cut: the array's last unit is a NUL again.
            let last = dst.saturating_add(room).saturating_sub(codec.to);
            out.get_mut(last..add(last, codec.to)?).into_iter().for_each(|u| u.fill(0));
        }
    }
    Ok(out)
}

/// The data of a structured value: its structures, one after the other, each re-encoded.
fn reencode_structures(data: &[u8], structures: &[Structure], codec: Codec) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len().saturating_mul(2));
    let mut at = 0;
    for s in structures {
        let end = add(at, s.size(codec.from))?;
        let one = data.get(at..end).ok_or_else(|| format!("a value shorter than its {}", s.name))?;
        out.extend_from_slice(&reencode_structure(one, s, codec)?);
        at = end;
    }
    if at != data.len() {
        return Err(format!("a value of {} bytes holds {at} bytes of structures", data.len()));
    }
    Ok(out)
}

/// Re-encodes the value list at `at` into `out`, through its `CLUSPROP_SYNTAX_ENDMARK`;
/// where the next thing starts. Text values are converted, and so are the structures of
/// the values `structured` lists.
fn value_list(
    bytes: &[u8],
    mut at: usize,
    codec: Codec,
    structured: &[StructuredValue],
    out: &mut Vec<u8>,
) -> Result<usize, String> {
    loop {
        let syntax = dword(bytes, at)?;
        out.extend_from_slice(&syntax.to_le_bytes());
        at = at.checked_add(4).ok_or("past the end")?;
        if syntax == 0 {
            return Ok(at);
        }
        let len = dword(bytes, at)? as usize;
        at = at.checked_add(4).ok_or("past the end")?;
        let data_end = at.checked_add(len).ok_or("past the end")?;
        let data =
            bytes.get(at..data_end).ok_or_else(|| format!("a value of {len} bytes runs past the end"))?;
        let data = if let Some(v) = structured.iter().find(|v| v.syntax == syntax) {
            Cow::Owned(reencode_structures(data, v.structures, codec)?)
        } else if is_text_format(syntax) {
            Cow::Owned((codec.convert)(data)?)
        } else {
            Cow::Borrowed(data)
        };
        let new_len = u32::try_from(data.len()).map_err(|_| "a value over 4 GiB".to_owned())?;
        out.extend_from_slice(&new_len.to_le_bytes());
        out.extend_from_slice(&data);
        out.resize(out.len().next_multiple_of(4), 0);
        // The caller's padding may be missing at the very end; the framing needs none there.
        at = data_end.next_multiple_of(4).min(bytes.len().max(data_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusapi_sim::{PropertyList, PropertyValue};

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf32(s: &str) -> Vec<u8> {
        s.chars().flat_map(|c| u32::from(c).to_ne_bytes()).collect()
    }

    #[test]
    fn text_round_trips_through_utf32_with_nothing_lost() {
        for s in ["", "NODE1\0", "Grüße\0", "emoji 😀 pair\0", "multi\0sz\0\0"] {
            let wide = utf16_to_utf32(&utf16le(s)).unwrap();
            assert_eq!(wide, utf32(s), "{s:?}");
            assert_eq!(utf32_to_utf16(&wide).unwrap(), utf16le(s), "{s:?}");
        }
        // An unpaired surrogate and a trailing odd byte survive the round trip.
        let odd = [0x00, 0xd8, b'a', 0, 7];
        assert_eq!(utf32_to_utf16(&utf16_to_utf32(&odd).unwrap()).unwrap(), odd);
        // A value beyond U+10FFFF is no code point.
        assert!(utf32_to_utf16(&0x0011_0000u32.to_ne_bytes()).is_err());
    }

    #[test]
    fn property_lists_get_new_lengths_and_padding() {
        let mut list = PropertyList::new();
        list.push("Description", PropertyValue::Sz("Grüße 😀".into()));
        list.push("PersistentState", PropertyValue::Dword(1));
        list.push("Owners", PropertyValue::MultiSz(vec!["NODE1".into(), "NODE2".into()]));
        let utf16 = list.to_bytes();
        let wide = reencode(BufferLayout::PropertyList, &utf16, TO_CALLER).unwrap();
        // Each string's byte length is now 4 per character, and the DWORD is untouched.
        assert_eq!(dword(&wide, 0).unwrap(), 3);
        let name_len = dword(&wide, 8).unwrap() as usize;
        assert_eq!(name_len, utf32("Description\0").len());
        assert!(wide.len() > utf16.len());
        assert_eq!(wide.len() % 4, 0);
        // And back: the same bytes the simulator built.
        assert_eq!(reencode(BufferLayout::PropertyList, &wide, FROM_CALLER).unwrap(), utf16);
        // A list whose count promises more than it holds is refused.
        let mut short = utf16.clone();
        short[0] = 200;
        assert!(reencode(BufferLayout::PropertyList, &short, TO_CALLER).is_err());
        let truncated = &utf16[..utf16.len() - 6];
        assert!(reencode(BufferLayout::PropertyList, truncated, TO_CALLER).is_err());
    }

    #[test]
    fn structures_grow_with_their_wchar_arrays_and_keep_their_alignment() {
        use clusapi_sim::clusctl::{
            CLUS_PARTITION_INFO_EX, CLUS_PARTITION_INFO_EX2, CLUSTER_SHARED_VOLUME_STATE_INFO_EX,
            STORAGE_VALUES,
        };
        // A CLUSTER_SHARED_VOLUME_STATE_INFO_EX: three arrays, a DWORD, padding, two ULONGLONGs.
        let mut info = Vec::new();
        for (text, units) in [("\\\\?\\Volume{X}\\", 260), ("NODE1", 260)] {
            let mut a = utf16le(text);
            a.resize(units * 2, 0);
            info.extend_from_slice(&a);
        }
        info.extend_from_slice(&3u32.to_le_bytes());
        let mut friendly = utf16le("Volume1 😀");
        friendly.resize(520, 0);
        info.extend_from_slice(&friendly);
        info.extend_from_slice(&[0; 4]);
        info.extend_from_slice(&1u64.to_le_bytes());
        info.extend_from_slice(&7u64.to_le_bytes());
        assert_eq!(info.len(), CLUSTER_SHARED_VOLUME_STATE_INFO_EX.size(2));
        let layout = BufferLayout::Structures(&CLUSTER_SHARED_VOLUME_STATE_INFO_EX);
        let wide = reencode(layout, &info, TO_CALLER).unwrap();
        assert_eq!(wide.len(), 3144, "1040 * 3 + 4, 4 of padding, 16");
        assert_eq!(&wide[1040..1040 + 20], &utf32("NODE1")[..]);
        assert_eq!(u32::from_ne_bytes(wide[2080..2084].try_into().unwrap()), 3);
        assert_eq!(&wide[2084..2084 + 36], &utf32("Volume1 😀")[..], "the pair is one unit");
        assert_eq!(u64::from_le_bytes(wide[3128..3136].try_into().unwrap()), 1);
        assert_eq!(u64::from_le_bytes(wide[3136..3144].try_into().unwrap()), 7);
        assert_eq!(reencode(layout, &wide, FROM_CALLER).unwrap(), info, "and back");
        // Two in a row (an array), and a value list's _EX2 value: an _EX and an _EX2.
        let two = [info.clone(), info.clone()].concat();
        assert_eq!(reencode(layout, &two, TO_CALLER).unwrap().len(), 2 * 3144);
        let ex = CLUS_PARTITION_INFO_EX.size(2) + CLUS_PARTITION_INFO_EX2.size(2);
        let mut list = 0x000e_0001u32.to_le_bytes().to_vec();
        list.extend_from_slice(&(ex as u32).to_le_bytes());
        list.resize(8 + ex, 0);
        list.extend_from_slice(&0u32.to_le_bytes());
        let wide = reencode(BufferLayout::ValueListOf(STORAGE_VALUES), &list, TO_CALLER).unwrap();
        assert_eq!(dword(&wide, 4).unwrap() as usize, 2264 + 1060);
        assert_eq!(wide.len(), 8 + 2264 + 1060 + 4);
        // A value shorter than its structures is refused.
        let mut short = list[..8].to_vec();
        short[4] = 8;
        short.extend_from_slice(&[0; 8]);
        short.extend_from_slice(&0u32.to_le_bytes());
        assert!(reencode(BufferLayout::ValueListOf(STORAGE_VALUES), &short, TO_CALLER).is_err());
    }

    #[test]
    fn binary_buffers_and_the_utf16_build_are_handed_through() {
        let bytes = vec![1, 0, 0, 0, 9, 9];
        assert_eq!(to_caller(BufferLayout::Binary, bytes.clone()).unwrap(), bytes);
        assert_eq!(&*from_caller(BufferLayout::Binary, &bytes), &bytes[..]);
        let text = utf16le("NODE1\0");
        let expected = if NATIVE { utf32("NODE1\0") } else { text.clone() };
        assert_eq!(to_caller(BufferLayout::Text, text.clone()).unwrap(), expected);
        assert_eq!(&*from_caller(BufferLayout::Text, &expected), &text[..]);
        assert_eq!(value_to_caller(1, text.clone()), expected);
        assert_eq!(value_to_caller(3, text.clone()), text, "REG_BINARY is not text");
    }

    #[test]
    fn names_encode_and_decode_in_this_build_s_units() {
        let units = encode_nul("Grüße 😀");
        assert_eq!(units.len(), if NATIVE { 8 } else { 9 });
        assert_eq!(decode(&units[..units.len() - 1]).as_deref(), Some("Grüße 😀"));
        assert_eq!(unit_count("😀"), if NATIVE { 1 } else { 2 });
        assert_eq!(units_of_bytes(&bytes_of_units(&units)), units);
    }
}
