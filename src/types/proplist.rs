//! Property lists: the byte format `Cluster*Control` reads and writes.
//!
//! A property list is what `CLUSCTL_*_GET_*_PROPERTIES` returns and what
//! `CLUSCTL_*_SET_*_PROPERTIES` takes. This module encodes and decodes it exactly as a real
//! cluster does; the captures in `tests/fixtures/real-property-lists/` (taken from a real
//! Windows failover cluster) are the ground truth, and the tests check that every one of them
//! decodes and re-encodes byte for byte.
//!
//! # Layout
//!
//! All numbers are little-endian `DWORD`s (`u32`) unless said otherwise; every entry starts
//! on a 4-byte boundary.
//!
//! ```text
//! count                                   number of properties
//! repeated `count` times:
//!   CLUSPROP_SYNTAX_NAME (0x00040003)     name entry
//!   length                                bytes of the name, including its UTF-16 NUL
//!   name                                  UTF-16LE + NUL, zero-padded to a multiple of 4
//!   syntax                                format | CLUSPROP_TYPE_LIST_VALUE (1) << 16
//!   length                                bytes of the data (without the padding)
//!   data                                  zero-padded to a multiple of 4
//!   CLUSPROP_SYNTAX_ENDMARK (0)           closes this property's value list
//! CLUSPROP_SYNTAX_ENDMARK (0)             one more, after the last property
//! ```
//!
//! The data of each format ([`PropertyFormat`]):
//!
//! | format | length | data |
//! |---|---|---|
//! | `BINARY` (1) | any, also 0 | the bytes |
//! | `DWORD` (2), `LONG` (7) | 4 | `u32` / `i32` |
//! | `SZ` (3), `EXPAND_SZ` (4) | bytes including the NUL (an empty string is 2) | UTF-16LE + NUL |
//! | `MULTI_SZ` (5) | bytes including every NUL (an empty list is 2) | each string + NUL, then one more NUL |
//! | `ULARGE_INTEGER` (6), `LARGE_INTEGER` (10), `FILETIME` (12) | 8 | `u64` / `i64` / `u64`, low `DWORD` first |
//! | `WORD` (11) | 2 | `u16`, then 2 bytes of padding |
//!
//! What the real captures show beyond the documentation:
//! - the 8-byte values are **not** aligned to 8: the data follows the length `DWORD`
//!   directly (often at an offset ≡ 4 mod 8), with no padding before it, and the length
//!   field says 8;
//! - an empty `SZ` has length 2 (just the NUL, then 2 bytes of padding), and an empty
//!   `MULTI_SZ` is also length 2 (a single NUL, not two); an empty `BINARY` has length 0;
//! - a real `MULTI_SZ` may carry an extra NUL (`a\0b\0\0\0`); it decodes as a trailing
//!   empty string (`["a", "b", ""]`) so that re-encoding gives back the same bytes;
//! - the list ends with one more ENDMARK after the last property's own ENDMARK (4 extra
//!   zero bytes), which encoders written from the documentation omit. [`PropertyList::to_bytes`]
//!   writes it; [`PropertyList::parse`] accepts lists with or without it.
//!
//! Padding bytes are written as zeros and, as the cluster service does, not checked when
//! reading.

use crate::types::error::{Error, Result};

/// `CLUSPROP_SYNTAX_ENDMARK`: ends a property's value list, and (once more) the whole list.
pub const CLUSPROP_SYNTAX_ENDMARK: u32 = 0;
/// `CLUSPROP_SYNTAX_NAME`: the syntax of a property's name entry (`CLUSPROP_FORMAT_SZ` |
/// `CLUSPROP_TYPE_NAME` << 16).
pub const CLUSPROP_SYNTAX_NAME: u32 = 0x0004_0003;
/// `CLUSPROP_TYPE_LIST_VALUE`: the type (high word of the syntax) of a property's value.
pub const CLUSPROP_TYPE_LIST_VALUE: u16 = 1;

/// A property's value format (`CLUSPROP_FORMAT_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[repr(u16)]
pub enum PropertyFormat {
    /// `CLUSPROP_FORMAT_BINARY`.
    Binary = 1,
    /// `CLUSPROP_FORMAT_DWORD`.
    Dword = 2,
    /// `CLUSPROP_FORMAT_SZ`.
    Sz = 3,
    /// `CLUSPROP_FORMAT_EXPAND_SZ`.
    ExpandSz = 4,
    /// `CLUSPROP_FORMAT_MULTI_SZ`.
    MultiSz = 5,
    /// `CLUSPROP_FORMAT_ULARGE_INTEGER`.
    ULargeInteger = 6,
    /// `CLUSPROP_FORMAT_LONG`.
    Long = 7,
    /// `CLUSPROP_FORMAT_LARGE_INTEGER`.
    LargeInteger = 10,
    /// `CLUSPROP_FORMAT_WORD`.
    Word = 11,
    /// `CLUSPROP_FORMAT_FILETIME`.
    FileTime = 12,
}

impl PropertyFormat {
    /// The format with the `CLUSPROP_FORMAT_*` code `code`, or `None` for a code this crate
    /// does not know.
    ///
    /// ```
    /// use clusapi_sim::PropertyFormat;
    /// assert_eq!(PropertyFormat::from_code(12), Some(PropertyFormat::FileTime));
    /// assert_eq!(PropertyFormat::from_code(8), None);
    /// ```
    #[must_use]
    pub fn from_code(code: u16) -> Option<Self> {
        Some(match code {
            1 => Self::Binary,
            2 => Self::Dword,
            3 => Self::Sz,
            4 => Self::ExpandSz,
            5 => Self::MultiSz,
            6 => Self::ULargeInteger,
            7 => Self::Long,
            10 => Self::LargeInteger,
            11 => Self::Word,
            12 => Self::FileTime,
            _ => return None,
        })
    }

    /// The `CLUSPROP_FORMAT_*` code.
    #[must_use]
    pub fn code(self) -> u16 {
        self as u16
    }

    /// The syntax `DWORD` of a value entry of this format: the code in the low word,
    /// [`CLUSPROP_TYPE_LIST_VALUE`] in the high word (`CLUSPROP_SYNTAX_LIST_VALUE_*`, e.g.
    /// `0x00010002` for a `DWORD`).
    #[must_use]
    pub fn syntax(self) -> u32 {
        (u32::from(CLUSPROP_TYPE_LIST_VALUE) << 16) | u32::from(self.code())
    }
}

/// One property value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PropertyValue {
    /// Bytes.
    Binary(Vec<u8>),
    /// An unsigned 32-bit number.
    Dword(u32),
    /// A string.
    Sz(String),
    /// A string with environment variables.
    ExpandSz(String),
    /// A list of strings.
    MultiSz(Vec<String>),
    /// An unsigned 64-bit number.
    ULargeInteger(u64),
    /// A signed 32-bit number.
    Long(i32),
    /// A signed 64-bit number.
    LargeInteger(i64),
    /// A 16-bit number (format lists).
    Word(u16),
    /// A `FILETIME`: 100 ns intervals since 1601-01-01 UTC.
    FileTime(u64),
}

impl PropertyValue {
    /// The value's format.
    #[must_use]
    pub fn format(&self) -> PropertyFormat {
        match self {
            Self::Binary(_) => PropertyFormat::Binary,
            Self::Dword(_) => PropertyFormat::Dword,
            Self::Sz(_) => PropertyFormat::Sz,
            Self::ExpandSz(_) => PropertyFormat::ExpandSz,
            Self::MultiSz(_) => PropertyFormat::MultiSz,
            Self::ULargeInteger(_) => PropertyFormat::ULargeInteger,
            Self::Long(_) => PropertyFormat::Long,
            Self::LargeInteger(_) => PropertyFormat::LargeInteger,
            Self::Word(_) => PropertyFormat::Word,
            Self::FileTime(_) => PropertyFormat::FileTime,
        }
    }

    /// The syntax `DWORD` of the value's entry in a property list
    /// (`self.format().syntax()`).
    #[must_use]
    pub fn syntax(&self) -> u32 {
        self.format().syntax()
    }

    /// The value's data as it appears in a list, without the padding.
    fn data(&self) -> Vec<u8> {
        match self {
            Self::Binary(b) => b.clone(),
            Self::Dword(v) => v.to_le_bytes().to_vec(),
            Self::Sz(s) | Self::ExpandSz(s) => sz_to_bytes(s),
            Self::MultiSz(list) => multi_sz_to_bytes(list),
            Self::ULargeInteger(v) | Self::FileTime(v) => v.to_le_bytes().to_vec(),
            Self::Long(v) => v.to_le_bytes().to_vec(),
            Self::LargeInteger(v) => v.to_le_bytes().to_vec(),
            Self::Word(v) => v.to_le_bytes().to_vec(),
        }
    }
}

/// `s` as UTF-16LE followed by a NUL: the data of an `SZ` value (and of a name entry).
///
/// ```
/// assert_eq!(clusapi_sim::sz_to_bytes("Ab"), [b'A', 0, b'b', 0, 0, 0]);
/// assert_eq!(clusapi_sim::sz_to_bytes(""), [0, 0]);
/// ```
#[must_use]
pub fn sz_to_bytes(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

/// `strings` as a `MULTI_SZ`: each string in UTF-16LE followed by a NUL, then one more NUL
/// (the data of a `MULTI_SZ` value, and what `CLUSCTL_*_ENUM_COMMON_PROPERTIES` returns).
/// An empty list is a single NUL, as a real cluster writes it.
///
/// ```
/// assert_eq!(clusapi_sim::multi_sz_to_bytes(&["a", "b"]), [b'a', 0, 0, 0, b'b', 0, 0, 0, 0, 0]);
/// assert_eq!(clusapi_sim::multi_sz_to_bytes(&[] as &[&str]), [0, 0]);
/// ```
#[must_use]
pub fn multi_sz_to_bytes(strings: &[impl AsRef<str>]) -> Vec<u8> {
    strings
        .iter()
        .flat_map(|s| s.as_ref().encode_utf16().chain([0]))
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// A property list: named values in order.
///
/// # Layout
///
/// Little-endian `DWORD`s, every entry padded with zeros to a multiple of 4 bytes:
///
/// ```text
/// count
/// per property:  CLUSPROP_SYNTAX_NAME (0x00040003) | length | UTF-16LE name + NUL
///                format.syntax() (0x0001xxxx)      | length | data
///                CLUSPROP_SYNTAX_ENDMARK (0)
/// CLUSPROP_SYNTAX_ENDMARK (0)    one more, as a real cluster writes it
/// ```
///
/// Lengths count the data without padding: strings in bytes including the NUL (an empty
/// `SZ` is 2; a `MULTI_SZ` is each string + NUL, then one more NUL, so an empty one is 2);
/// `DWORD`/`LONG` 4, `WORD` 2; `ULARGE_INTEGER`, `LARGE_INTEGER` and `FILETIME` 8, with no
/// alignment padding before the data (as real captures show).
///
/// ```
/// use clusapi_sim::{PropertyList, PropertyValue};
///
/// let list = PropertyList::new()
///     .with("Description", PropertyValue::Sz(String::new()))
///     .with("RestartDelay", PropertyValue::Dword(500))
///     .with("EnabledEventLogs", PropertyValue::MultiSz(vec!["A".into(), "B".into()]));
/// let bytes = list.to_bytes();
/// assert_eq!(bytes[..4], 3u32.to_le_bytes()); // the count
/// assert_eq!(bytes[bytes.len() - 8..], [0; 8]); // the last property's ENDMARK, then the list's
///
/// let back = PropertyList::parse(&bytes)?;
/// assert_eq!(back, list);
/// assert_eq!(back.get("restartdelay"), Some(&PropertyValue::Dword(500)));
/// // Lists without the final ENDMARK (as documentation-only encoders write them) parse too.
/// assert_eq!(PropertyList::parse(&bytes[..bytes.len() - 4])?, list);
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PropertyList {
    entries: Vec<(String, PropertyValue)>,
}

/// The smallest encoded property: a name entry with a one-character name (8 + 4), an empty
/// binary value (8) and the ENDMARK (4).
const MIN_PROPERTY_BYTES: usize = 24;

impl PropertyList {
    /// An empty list.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The list with one more property (builder style).
    #[must_use]
    pub fn with(mut self, name: impl Into<String>, value: PropertyValue) -> Self {
        self.push(name, value);
        self
    }

    /// Appends a property.
    pub fn push(&mut self, name: impl Into<String>, value: PropertyValue) {
        self.entries.push((name.into(), value));
    }

    /// The value of the property named `name` (case-insensitive), if present.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&PropertyValue> {
        self.entries.iter().find(|(n, _)| crate::types::names::names_equal(n, name)).map(|(_, v)| v)
    }

    /// The properties, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &PropertyValue)> {
        self.entries.iter().map(|(n, v)| (n.as_str(), v))
    }

    /// The property names, in order.
    #[must_use]
    pub fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// How many properties.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The format list of this list (what `CLUSCTL_*_GET_COMMON_PROPERTY_FMTS` returns): the
    /// same names in the same order, each with a [`PropertyValue::Word`] holding the
    /// `CLUSPROP_FORMAT_*` code of its value.
    ///
    /// ```
    /// use clusapi_sim::{PropertyFormat, PropertyList, PropertyValue};
    /// let list = PropertyList::new().with("Name", PropertyValue::Sz("x".into()));
    /// assert_eq!(list.formats().get("Name"), Some(&PropertyValue::Word(PropertyFormat::Sz.code())));
    /// ```
    #[must_use]
    pub fn formats(&self) -> PropertyList {
        let entries =
            self.entries.iter().map(|(n, v)| (n.clone(), PropertyValue::Word(v.format().code()))).collect();
        PropertyList { entries }
    }

    /// The list encoded as a real cluster encodes it (see the layout in the [`PropertyList`]
    /// docs), including the final extra ENDMARK.
    ///
    /// Names and strings are written as given: a string containing NUL characters, or a
    /// `MULTI_SZ` element that does, does not read back as the same value. A name or value
    /// longer than `u32::MAX` bytes (which no cluster accepts) gets the length `u32::MAX`.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put_u32(&mut out, u32::try_from(self.entries.len()).unwrap_or(u32::MAX));
        for (name, value) in &self.entries {
            put_entry(&mut out, CLUSPROP_SYNTAX_NAME, &sz_to_bytes(name));
            put_entry(&mut out, value.syntax(), &value.data());
            put_u32(&mut out, CLUSPROP_SYNTAX_ENDMARK);
        }
        put_u32(&mut out, CLUSPROP_SYNTAX_ENDMARK);
        out
    }

    /// Reads a list back, with or without the final extra ENDMARK.
    ///
    /// A list that parses re-encodes ([`to_bytes`](Self::to_bytes)) to the same bytes, up to
    /// the final ENDMARK and the content of padding bytes (which is not checked).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_DATA` ([`Error::InvalidData`]) for a list whose structure is broken:
    /// - it is truncated, or an entry's length runs past the end of the buffer;
    /// - a property does not start with a name entry of syntax [`CLUSPROP_SYNTAX_NAME`];
    /// - a name or string has an odd byte length, is not valid UTF-16, or does not end with
    ///   a NUL (a `MULTI_SZ` must end with an empty string); a name contains a NUL;
    /// - a fixed-size value has the wrong length (`DWORD`/`LONG` 4, `WORD` 2, the 8-byte
    ///   formats 8);
    /// - a name is followed by an ENDMARK instead of a value, or a value is not followed by
    ///   the ENDMARK closing its value list (e.g. a second value);
    /// - the count says more properties than the list holds, or fewer (more properties
    ///   follow the last counted one);
    /// - anything but the one optional ENDMARK follows the last property.
    ///
    /// `ERROR_INVALID_PARAMETER` ([`Error::InvalidParameter`]) for a well-formed entry that
    /// asks for something this API does not take:
    /// - a value syntax that is not `CLUSPROP_TYPE_LIST_VALUE` with a known
    ///   `CLUSPROP_FORMAT_*` (e.g. a value of syntax `0x00010008`);
    /// - an empty property name.
    pub fn parse(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader { bytes, pos: 0 };
        let count = r.u32("the property count")?;
        let capacity = usize::try_from(count).unwrap_or(0).min(bytes.len() / MIN_PROPERTY_BYTES);
        let mut entries = Vec::with_capacity(capacity);
        for index in 0..count {
            entries.push(r.property(index, count)?);
        }
        r.tail(count)?;
        Ok(Self { entries })
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Appends one entry: syntax, length, data, zero padding to a multiple of 4.
fn put_entry(out: &mut Vec<u8>, syntax: u32, data: &[u8]) {
    put_u32(out, syntax);
    put_u32(out, u32::try_from(data.len()).unwrap_or(u32::MAX));
    out.extend_from_slice(data);
    // Everything before was a multiple of 4 long.
    while out.len() % 4 != 0 {
        out.push(0);
    }
}

fn invalid_data(message: String) -> Error {
    Error::InvalidData(format!("malformed property list: {message}"))
}

/// A cursor over the bytes being parsed.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    /// The next `n` bytes.
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let slice = self.pos.checked_add(n).and_then(|end| self.bytes.get(self.pos..end).map(|s| (s, end)));
        match slice {
            Some((s, end)) => {
                self.pos = end;
                Ok(s)
            }
            None => Err(invalid_data(format!(
                "{what} at byte {} needs {n} bytes but only {} remain",
                self.pos,
                self.remaining()
            ))),
        }
    }

    fn u32(&mut self, what: &str) -> Result<u32> {
        let word = self.take(4, what)?;
        match *word {
            [a, b, c, d] => Ok(u32::from_le_bytes([a, b, c, d])),
            _ => Err(invalid_data(format!("{what}: short read"))),
        }
    }

    /// Reads an entry's length and data, and skips its padding; returns the data.
    fn entry_data(&mut self, what: &str) -> Result<&'a [u8]> {
        let at = self.pos;
        let len = self.u32(&format!("the length of {what}"))?;
        let available = self.remaining();
        let too_long = || {
            invalid_data(format!(
                "the length of {what} at byte {at} is {len} but only {available} bytes follow"
            ))
        };
        let n = usize::try_from(len).map_err(|_| too_long())?;
        let padded = n.checked_next_multiple_of(4).ok_or_else(too_long)?;
        if padded > available {
            return Err(too_long());
        }
        let padded_data = self.take(padded, what)?;
        padded_data.get(..n).ok_or_else(too_long)
    }

    fn property(&mut self, index: u32, count: u32) -> Result<(String, PropertyValue)> {
        let at = self.pos;
        let ordinal = u64::from(index).saturating_add(1);
        if self.remaining() == 0 {
            return Err(invalid_data(format!(
                "the count says {count} properties but the list ends after {index}"
            )));
        }
        let syntax = self.u32(&format!("the name entry of property {ordinal}"))?;
        if syntax == CLUSPROP_SYNTAX_ENDMARK {
            return Err(invalid_data(format!(
                "the count says {count} properties but an ENDMARK at byte {at} ends the list after {index}"
            )));
        }
        if syntax != CLUSPROP_SYNTAX_NAME {
            return Err(invalid_data(format!(
                "property {ordinal} at byte {at} starts with syntax {syntax:#010x}, not a name entry \
                 (CLUSPROP_SYNTAX_NAME {CLUSPROP_SYNTAX_NAME:#010x})"
            )));
        }
        let what = format!("the name of property {ordinal}");
        let data = self.entry_data(&what)?;
        let name = sz(data, &what)?;
        if name.is_empty() {
            return Err(Error::InvalidParameter(format!(
                "property list: property {ordinal} at byte {at} has an empty name"
            )));
        }
        if name.contains('\0') {
            return Err(invalid_data(format!("{what} at byte {at} contains a NUL: {name:?}")));
        }

        let value_at = self.pos;
        let syntax = self.u32(&format!("the value of property {name:?}"))?;
        if syntax == CLUSPROP_SYNTAX_ENDMARK {
            return Err(invalid_data(format!(
                "property {name:?} has no value: an ENDMARK at byte {value_at}"
            )));
        }
        let format = u16::try_from(syntax >> 16)
            .ok()
            .filter(|&ty| ty == CLUSPROP_TYPE_LIST_VALUE)
            .and_then(|_| PropertyFormat::from_code(u16::try_from(syntax & 0xffff).unwrap_or(0)))
            .ok_or_else(|| {
                Error::InvalidParameter(format!(
                    "property list: the value of property {name:?} at byte {value_at} has the unknown \
                     syntax {syntax:#010x} (not CLUSPROP_TYPE_LIST_VALUE with a known CLUSPROP_FORMAT_*)"
                ))
            })?;
        let what = format!("the {format:?} value of property {name:?}");
        let data = self.entry_data(&what)?;
        let value = decode_value(format, data, &what)?;

        let end_at = self.pos;
        let end = self.u32(&format!("the ENDMARK of property {name:?}"))?;
        if end != CLUSPROP_SYNTAX_ENDMARK {
            return Err(invalid_data(format!(
                "property {name:?} is not closed by an ENDMARK: syntax {end:#010x} at byte {end_at}"
            )));
        }
        Ok((name, value))
    }

    /// After the last counted property: nothing, or the one final ENDMARK.
    fn tail(&self, count: u32) -> Result<()> {
        let at = self.pos;
        let rest = self.bytes.get(at..).unwrap_or_default();
        match *rest {
            [] | [0, 0, 0, 0] => Ok(()),
            [a, b, c, d, ..] if u32::from_le_bytes([a, b, c, d]) == CLUSPROP_SYNTAX_NAME => {
                Err(invalid_data(format!(
                    "the count says {count} properties but another property follows at byte {at}"
                )))
            }
            [0, 0, 0, 0, ref after @ ..] => Err(invalid_data(format!(
                "{} bytes of trailing data at byte {} after the final ENDMARK",
                after.len(),
                at.saturating_add(4)
            ))),
            _ => Err(invalid_data(format!(
                "{} bytes of trailing data at byte {at} after the last property",
                rest.len()
            ))),
        }
    }
}

/// UTF-16LE code units.
fn utf16_units(data: &[u8], what: &str) -> Result<Vec<u16>> {
    if data.len() % 2 != 0 {
        return Err(invalid_data(format!("{what} has an odd byte length ({}) for UTF-16", data.len())));
    }
    Ok(data
        .chunks_exact(2)
        .map(|pair| match *pair {
            [lo, hi] => u16::from_le_bytes([lo, hi]),
            _ => 0,
        })
        .collect())
}

fn utf16_string(units: &[u16], what: &str) -> Result<String> {
    String::from_utf16(units).map_err(|_| invalid_data(format!("{what} is not valid UTF-16")))
}

/// A NUL-terminated UTF-16LE string, without its NUL (any earlier NULs are kept).
pub(crate) fn sz(data: &[u8], what: &str) -> Result<String> {
    let units = utf16_units(data, what)?;
    match units.split_last() {
        Some((0, text)) => utf16_string(text, what),
        _ => Err(invalid_data(format!("{what} does not end with a NUL"))),
    }
}

/// A `MULTI_SZ`: each string NUL-terminated, then one more NUL.
fn multi_sz(data: &[u8], what: &str) -> Result<Vec<String>> {
    let units = utf16_units(data, what)?;
    let Some((0, strings)) = units.split_last() else {
        return Err(invalid_data(format!("{what} does not end with a NUL")));
    };
    match strings.split_last() {
        None => Ok(Vec::new()),
        Some((0, body)) => body.split(|&u| u == 0).map(|s| utf16_string(s, what)).collect(),
        Some(_) => Err(invalid_data(format!("{what} does not end with an empty string (two NULs)"))),
    }
}

fn fixed<const N: usize>(data: &[u8], what: &str) -> Result<[u8; N]> {
    <[u8; N]>::try_from(data)
        .map_err(|_| invalid_data(format!("{what} has length {} but the format takes {N}", data.len())))
}

fn decode_value(format: PropertyFormat, data: &[u8], what: &str) -> Result<PropertyValue> {
    Ok(match format {
        PropertyFormat::Binary => PropertyValue::Binary(data.to_vec()),
        PropertyFormat::Dword => PropertyValue::Dword(u32::from_le_bytes(fixed(data, what)?)),
        PropertyFormat::Sz => PropertyValue::Sz(sz(data, what)?),
        PropertyFormat::ExpandSz => PropertyValue::ExpandSz(sz(data, what)?),
        PropertyFormat::MultiSz => PropertyValue::MultiSz(multi_sz(data, what)?),
        PropertyFormat::ULargeInteger => PropertyValue::ULargeInteger(u64::from_le_bytes(fixed(data, what)?)),
        PropertyFormat::Long => PropertyValue::Long(i32::from_le_bytes(fixed(data, what)?)),
        PropertyFormat::LargeInteger => PropertyValue::LargeInteger(i64::from_le_bytes(fixed(data, what)?)),
        PropertyFormat::Word => PropertyValue::Word(u16::from_le_bytes(fixed(data, what)?)),
        PropertyFormat::FileTime => PropertyValue::FileTime(u64::from_le_bytes(fixed(data, what)?)),
    })
}
