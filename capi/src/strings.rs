//! Strings across the boundary: names in, and the ClusAPI buffer protocol out, in this
//! build's `WCHAR` (`wide.rs`: UTF-16 in `libclusapi`, the platform's `wchar_t` in
//! `libclusapi_native`).

use std::mem::MaybeUninit;

use clusapi_sim::Error;

use crate::ffi::{DWORD, LPCWSTR, LPDWORD, LPWSTR, WCHAR};
use crate::wide;

/// The longest string read: 64K code units. A "string" with no NUL in them is refused
/// rather than read further.
pub(crate) const MAX_STRING_UNITS: usize = 1 << 16;

/// Names up to this many bytes are kept inline (no allocation): every object name of a
/// real cluster fits.
const INLINE_BYTES: usize = 64;
const _: () = assert!(INLINE_BYTES <= u8::MAX as usize);

/// A name read from the caller: inline when it is short ASCII (the common case, and the
/// hot path of every `Open*` call), else on the heap. Dereferences to `&str`.
pub(crate) enum Name {
    /// `len` bytes of ASCII at the start of `bytes` (the rest is never read, so never
    /// written: no zeroing on the hot path).
    Inline {
        bytes: [MaybeUninit<u8>; INLINE_BYTES],
        len: u8,
    },
    Heap(String),
}

impl std::ops::Deref for Name {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        match self {
            Self::Inline { bytes, len } => {
                let len = usize::from(*len).min(INLINE_BYTES);
                // SAFETY: `read` initialises the first `len` bytes (at most INLINE_BYTES),
                // each an ASCII byte (below 0x80), and ASCII is valid UTF-8.
                unsafe {
                    std::str::from_utf8_unchecked(std::slice::from_raw_parts(
                        bytes.as_ptr().cast::<u8>(),
                        len,
                    ))
                }
            }
            Self::Heap(s) => s,
        }
    }
}

impl Default for Name {
    /// The empty name.
    fn default() -> Self {
        Self::Inline { bytes: [MaybeUninit::uninit(); INLINE_BYTES], len: 0 }
    }
}

impl From<Name> for String {
    fn from(name: Name) -> Self {
        match name {
            Name::Heap(s) => s,
            inline => inline.to_owned(),
        }
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// Reads a NUL-terminated string of `WCHAR`s; `None` for NULL.
///
/// # Errors
///
/// `ERROR_INVALID_PARAMETER` for a string without a NUL in its first 64K units, or one
/// that is not valid in this build's encoding (an unpaired surrogate in UTF-16, a value that
/// is no Unicode scalar in UTF-32).
///
/// # Safety
///
/// `s` is NULL or points to readable `WCHAR` units up to its first NUL or its 64Ki-th unit,
/// whichever comes first (the ClusAPI contract for `LPCWSTR`, bounded).
pub(crate) unsafe fn read(s: LPCWSTR, what: &str) -> Result<Option<Name>, Error> {
    if s.is_null() {
        return Ok(None);
    }
    // The fast path: a short ASCII name, copied straight into the inline buffer.
    let mut bytes = [MaybeUninit::<u8>::uninit(); INLINE_BYTES];
    for (i, byte) in bytes.iter_mut().enumerate() {
        // SAFETY: units before `i` were not NUL, so per the contract unit `i` is readable
        // (and `i < INLINE_BYTES < MAX_STRING_UNITS`).
        let unit = unsafe { s.add(i).read() };
        if unit == 0 {
            // `i < INLINE_BYTES`, which fits a `u8`.
            return Ok(Some(Name::Inline { bytes, len: i as u8 }));
        }
        if unit >= 0x80 {
            break;
        }
        // Below 0x80: the unit is the ASCII byte.
        byte.write(unit as u8);
    }
    // Anything else: find the NUL, then decode.
    let mut len = 0;
    loop {
        if len == MAX_STRING_UNITS {
            return Err(Error::InvalidParameter(format!(
                "{what}: no NUL in the first {MAX_STRING_UNITS} units"
            )));
        }
        // SAFETY: every unit before `len` was not NUL, so per the contract above unit
        // `len` is readable.
        if unsafe { s.add(len).read() } == 0 {
            break;
        }
        // `len < MAX_STRING_UNITS` here, so the increment cannot overflow.
        len = len.saturating_add(1);
    }
    // SAFETY: the `len` units before the NUL were just read one by one.
    let units = unsafe { std::slice::from_raw_parts(s, len) };
    wide::decode(units)
        .map(|s| Some(Name::Heap(s)))
        .ok_or_else(|| Error::InvalidParameter(format!("{what}: not valid {}", wide::ENCODING)))
}

/// Reads a name that must be present: NULL is `ERROR_INVALID_PARAMETER`.
///
/// # Safety
///
/// As [`read`].
pub(crate) unsafe fn read_required(s: LPCWSTR, what: &str) -> Result<Name, Error> {
    // SAFETY: forwarded contract.
    unsafe { read(s, what) }?.ok_or_else(|| Error::InvalidParameter(format!("{what}: NULL")))
}

/// Writes `value` with the ClusAPI buffer protocol: `*lpcch` in is the capacity in units
/// including the NUL; out, the length without it. A NULL or too-small buffer gives
/// `ERROR_MORE_DATA` with the required length (without the NUL) in `*lpcch`, and the
/// buffer untouched.
///
/// # Errors
///
/// `ERROR_INVALID_PARAMETER` for a NULL `lpcch`; `ERROR_MORE_DATA` as above.
///
/// # Safety
///
/// `lpcch` is NULL or valid for reads and writes of a `DWORD`; `buf` is NULL or valid for
/// writes of `*lpcch` units.
pub(crate) unsafe fn write(value: &str, buf: LPWSTR, lpcch: LPDWORD) -> Result<(), Error> {
    if lpcch.is_null() {
        return Err(Error::InvalidParameter("the length pointer (lpcch) is NULL".into()));
    }
    let units: Vec<WCHAR> = wide::encode(value).collect();
    let len = DWORD::try_from(units.len()).unwrap_or(DWORD::MAX);
    // SAFETY: non-NULL and valid for reads per the contract.
    let capacity = unsafe { lpcch.read() } as usize;
    if buf.is_null() || capacity <= units.len() {
        // SAFETY: as above, valid for writes.
        unsafe { lpcch.write(len) };
        return Err(Error::MoreData(format!(
            "{} units and a NUL are needed; the buffer holds {capacity}",
            units.len()
        )));
    }
    // SAFETY: `buf` is valid for `capacity` units and `units.len() + 1 <= capacity`.
    unsafe {
        std::ptr::copy_nonoverlapping(units.as_ptr(), buf, units.len());
        buf.add(units.len()).write(0);
        lpcch.write(len);
    }
    Ok(())
}

/// Fills a fixed `WCHAR` array with as much of `value` as fits, NUL-terminated.
pub(crate) fn fill_array(dest: &mut [WCHAR], value: &str) {
    let room = dest.len().saturating_sub(1);
    let mut n = 0usize;
    for (d, u) in dest.iter_mut().zip(wide::encode(value).take(room)) {
        *d = u;
        n = n.saturating_add(1);
    }
    if let Some(end) = dest.get_mut(n) {
        *end = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusapi_sim::codes;

    fn code(r: Result<(), Error>) -> u32 {
        r.map_or_else(|e| e.code(), |()| codes::ERROR_SUCCESS)
    }

    fn w(s: &str) -> Vec<WCHAR> {
        wide::encode_nul(s)
    }

    #[test]
    fn reads_stop_at_the_nul_and_refuse_bad_input() {
        let name = w("Cluster Network 1");
        // SAFETY: a NUL-terminated buffer.
        assert_eq!(unsafe { read(name.as_ptr(), "name") }.unwrap().as_deref(), Some("Cluster Network 1"));
        // SAFETY: NULL is allowed.
        assert!(unsafe { read(std::ptr::null(), "name") }.unwrap().is_none());
        let long: String = "Ä".repeat(200);
        // SAFETY: a NUL-terminated buffer.
        assert_eq!(unsafe { read(w(&long).as_ptr(), "name") }.unwrap().as_deref(), Some(long.as_str()));
        let ascii_long = "A".repeat(INLINE_BYTES + 1);
        // SAFETY: a NUL-terminated buffer.
        assert_eq!(unsafe { read(w(&ascii_long).as_ptr(), "name") }.unwrap().as_deref(), Some(&*ascii_long));
        // SAFETY: a NUL-terminated buffer.
        assert_eq!(unsafe { read(w("Grüße").as_ptr(), "name") }.unwrap().as_deref(), Some("Grüße"));
        let unterminated = vec![WCHAR::from(b'a'); MAX_STRING_UNITS + 1];
        // SAFETY: readable for more than 64K units.
        let err = unsafe { read(unterminated.as_ptr(), "name") }.unwrap_err();
        assert_eq!(err.code(), codes::ERROR_INVALID_PARAMETER);
        let lone_surrogate: [WCHAR; 2] = [0xd800, 0];
        // SAFETY: NUL-terminated.
        let err = unsafe { read(lone_surrogate.as_ptr(), "name") }.unwrap_err();
        assert_eq!(err.code(), codes::ERROR_INVALID_PARAMETER);
    }

    #[test]
    fn writes_follow_the_buffer_protocol() {
        let mut cch: DWORD = 0;
        // SAFETY: NULL buffer with a valid length pointer.
        assert_eq!(code(unsafe { write("NODE1", std::ptr::null_mut(), &mut cch) }), codes::ERROR_MORE_DATA);
        assert_eq!(cch, 5);
        let mut buf: [WCHAR; 6] = [0xffff; 6];
        cch = 5; // room for the characters but not the NUL
        // SAFETY: the buffer holds 6 units.
        assert_eq!(code(unsafe { write("NODE1", buf.as_mut_ptr(), &mut cch) }), codes::ERROR_MORE_DATA);
        assert_eq!((cch, buf[0]), (5, 0xffff), "too small: untouched");
        cch = 6;
        // SAFETY: the buffer holds 6 units.
        assert_eq!(code(unsafe { write("NODE1", buf.as_mut_ptr(), &mut cch) }), codes::ERROR_SUCCESS);
        assert_eq!((cch, &buf[..]), (5, &w("NODE1")[..]));
        // SAFETY: a NULL length pointer is allowed (and refused).
        let null_length = unsafe { write("x", buf.as_mut_ptr(), std::ptr::null_mut()) };
        assert_eq!(code(null_length), codes::ERROR_INVALID_PARAMETER);
    }

    #[test]
    fn arrays_are_truncated_and_terminated() {
        let mut a: [WCHAR; 4] = [1; 4];
        fill_array(&mut a, "abcdef");
        assert_eq!(a, [b'a', b'b', b'c', 0].map(WCHAR::from));
    }
}
