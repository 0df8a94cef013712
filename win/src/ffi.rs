//! What every family shares: names in (UTF-16, NUL-terminated), outputs out (the ClusAPI
//! buffer protocols, retried with the size the call asks for), the error mapping (a NULL
//! handle or `FALSE` is `GetLastError()`'s code, a non-zero `DWORD` status is its own
//! code) and the conversion of handles between the typed and the Win32 forms.

use std::ffi::c_void;

use clusapi_sim::codes::{ERROR_INTERNAL_ERROR, ERROR_INVALID_PARAMETER, ERROR_MORE_DATA, ERROR_SUCCESS};
use clusapi_sim::{Error, HCluster, HKey, Handle, Result};
use windows_sys::Win32::Foundation::{GetLastError, SetLastError};
use windows_sys::Win32::System::Registry::HKEY;
use windows_sys::core::{BOOL, PCWSTR};

/// `ERROR_INSUFFICIENT_BUFFER` (122): what some calls (the registry's security calls on
/// Windows) answer for a too-small buffer, where the others answer `ERROR_MORE_DATA`.
const ERROR_INSUFFICIENT_BUFFER: u32 = 122;

/// How many times a call is made with a bigger buffer before giving up: an output can grow
/// between two calls (a rename, a property set), so one retry may not be the last.
const MAX_TRIES: usize = 8;

/// The error of a failed call: its Win32 code, and a message naming the call. A failure
/// that left no code (which the API never does) is `ERROR_INTERNAL_ERROR`.
pub(crate) fn error(call: &'static str, code: u32) -> Error {
    if code == ERROR_SUCCESS {
        return Error::with_message(ERROR_INTERNAL_ERROR, format!("{call} failed but left no error code"));
    }
    Error::with_message(code, format!("{call} failed"))
}

/// The calling thread's last error.
pub(crate) fn last_error() -> u32 {
    // SAFETY: `GetLastError` reads the calling thread's last-error value; it has no
    // preconditions.
    unsafe { GetLastError() }
}

/// Clears the calling thread's last error, for the calls whose failure value is also a
/// valid answer (a count of 0, `FALSE`).
pub(crate) fn clear_last_error() {
    // SAFETY: `SetLastError` writes the calling thread's last-error value; it has no
    // preconditions.
    unsafe { SetLastError(ERROR_SUCCESS) }
}

/// A `DWORD` status: 0 is success, anything else the error.
pub(crate) fn status(call: &'static str, code: u32) -> Result<()> {
    if code == ERROR_SUCCESS { Ok(()) } else { Err(error(call, code)) }
}

/// A `LONG` status (the `ClusterReg*` calls): as [`status`].
pub(crate) fn long_status(call: &'static str, code: i32) -> Result<()> {
    status(call, u32::from_ne_bytes(code.to_ne_bytes()))
}

/// A `BOOL` result: `FALSE` is failure, with the last error.
pub(crate) fn boolean(call: &'static str, ok: BOOL) -> Result<()> {
    if ok == 0 { Err(error(call, last_error())) } else { Ok(()) }
}

/// A handle a call returned: NULL is failure, with the last error.
pub(crate) fn handle<H: Handle>(call: &'static str, value: isize) -> Result<H> {
    // The bits of the value, unchanged: the handle types of windows-sys are `isize`.
    H::from_raw(value as usize).ok_or_else(|| error(call, last_error()))
}

/// A count whose failure is 0 with the last error set (`Cluster*GetEnumCount`): the last
/// error is cleared first, so that an empty enumeration is not taken for a failure.
pub(crate) fn count(call: &'static str, f: impl FnOnce() -> u32) -> Result<u32> {
    clear_last_error();
    let n = f();
    match (n, last_error()) {
        (0, ERROR_SUCCESS) | (1.., _) => Ok(n),
        (0, code) => Err(error(call, code)),
    }
}

/// A state query's answer: -1 (`Cluster*StateUnknown`) is failure, with the last error.
pub(crate) fn state(call: &'static str, value: i32) -> Result<i32> {
    if value == -1 { Err(error(call, last_error())) } else { Ok(value) }
}

/// `OpenCluster<Kind>`: `f` makes the call with the cluster handle and the name.
pub(crate) fn open<H: Handle>(
    call: &'static str,
    hcluster: HCluster,
    name: &str,
    f: impl FnOnce(isize, PCWSTR) -> isize,
) -> Result<H> {
    let name = wide(call, name)?;
    handle(call, f(raw(hcluster), name.ptr()))
}

/// `OpenCluster<Kind>Ex`: `f` makes the call with the cluster handle, the name, the desired
/// access and where to write the granted access.
pub(crate) fn open_ex<H: Handle>(
    call: &'static str,
    hcluster: HCluster,
    name: &str,
    desired_access: u32,
    f: impl FnOnce(isize, PCWSTR, u32, *mut u32) -> isize,
) -> Result<(H, u32)> {
    let name = wide(call, name)?;
    let mut granted = 0;
    let h = handle(call, f(raw(hcluster), name.ptr(), desired_access, &mut granted))?;
    Ok((h, granted))
}

/// A typed handle as the Win32 value (windows-sys handle types are `isize`).
pub(crate) fn raw<H: Handle>(h: H) -> isize {
    // The bits of the value, unchanged.
    h.as_raw() as isize
}

/// An optional handle as the Win32 value: `None` is NULL.
pub(crate) fn raw_opt<H: Handle>(h: Option<H>) -> isize {
    h.map_or(0, raw)
}

/// A key handle as the `HKEY` the registry calls take. On Windows an `HKEY` is a pointer
/// into `clusapi.dll`'s memory: the value came from [`key`], which exposed its provenance,
/// so it is taken back with that provenance (this crate never dereferences it).
pub(crate) fn hkey(h: HKey) -> HKEY {
    std::ptr::with_exposed_provenance_mut(h.as_raw())
}

/// An `HKEY` a call returned: NULL is failure, with the last error.
pub(crate) fn key(call: &'static str, p: HKEY) -> Result<HKey> {
    HKey::from_raw(p.expose_provenance()).ok_or_else(|| error(call, last_error()))
}

/// A name for the Win32 side: UTF-16, NUL-terminated.
#[derive(Debug)]
pub(crate) struct Wide(Vec<u16>);

impl Wide {
    /// The pointer to pass; valid while `self` lives.
    pub(crate) fn ptr(&self) -> PCWSTR {
        self.0.as_ptr()
    }
}

/// `s` as a Win32 string. A NUL inside it is `ERROR_INVALID_PARAMETER`: a Win32 string ends
/// at its first NUL, so the call would see another name.
pub(crate) fn wide(call: &'static str, s: &str) -> Result<Wide> {
    if s.contains('\0') {
        return Err(Error::with_message(
            ERROR_INVALID_PARAMETER,
            format!("{call}: {s:?} holds a NUL, which a Win32 string cannot"),
        ));
    }
    Ok(Wide(s.encode_utf16().chain([0]).collect()))
}

/// An optional string: `None` is passed as NULL.
pub(crate) fn wide_opt(call: &'static str, s: Option<&str>) -> Result<Option<Wide>> {
    s.map(|s| wide(call, s)).transpose()
}

/// The pointer of an optional string: NULL for `None`.
pub(crate) fn ptr_opt(w: Option<&Wide>) -> PCWSTR {
    w.map_or(std::ptr::null(), Wide::ptr)
}

/// An input buffer: NULL for an empty one, as the C prototypes expect.
pub(crate) fn in_ptr(data: &[u8]) -> *const u8 {
    if data.is_empty() { std::ptr::null() } else { data.as_ptr() }
}

/// The length of an input buffer as a `DWORD`; more than 4 GiB is `ERROR_INVALID_PARAMETER`.
pub(crate) fn in_len(call: &'static str, data: &[u8]) -> Result<u32> {
    count_of(call, data.len())
}

/// The length of a list as a `DWORD` count.
pub(crate) fn count_of(call: &'static str, len: usize) -> Result<u32> {
    u32::try_from(len).map_err(|_| {
        Error::with_message(ERROR_INVALID_PARAMETER, format!("{call}: a list of more than 4G items"))
    })
}

/// A list of handles to pass: NULL when empty.
pub(crate) fn list_ptr(list: &[isize]) -> *const isize {
    if list.is_empty() { std::ptr::null() } else { list.as_ptr() }
}

/// One output of a call, as the call is about to be made: where to write, the length
/// pointer (`*len` is the capacity in, what the call reports out) and the capacity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Armed {
    /// The buffer: NULL when it is empty (a size query).
    pub ptr: *mut c_void,
    /// The in/out length, set to the capacity.
    pub len: *mut u32,
    /// The capacity, in units (characters for strings, bytes for byte outputs).
    pub cap: u32,
}

/// An output buffer of a call, in units of `T`: `u16` for a string (its lengths count
/// characters, the NUL included in a capacity and left out of a reported length), `u8`
/// for bytes (lengths count bytes).
#[derive(Debug)]
pub(crate) struct Output<T> {
    buf: Vec<T>,
    /// What the call reported (or the capacity, before it did).
    len: u32,
    /// 1 for a string (room for the NUL), 0 for bytes.
    nul: usize,
}

/// A string output.
pub(crate) type Text = Output<u16>;
/// A byte output.
pub(crate) type Bytes = Output<u8>;

impl Text {
    /// A string output whose first buffer holds `cap` characters, the NUL included (0: the
    /// first call asks for the length).
    pub(crate) fn new(cap: usize) -> Self {
        Self { buf: vec![0; cap], len: 0, nul: 1 }
    }

    /// The string the call wrote (up to its reported length and its first NUL).
    pub(crate) fn string(&self) -> String {
        let written = self.buf.get(..self.len as usize).unwrap_or(&self.buf);
        let end = written.iter().position(|&u| u == 0).unwrap_or(written.len());
        String::from_utf16_lossy(written.get(..end).unwrap_or_default())
    }
}

impl Bytes {
    /// A byte output whose first buffer holds `cap` bytes (0: the first call asks for the
    /// size).
    pub(crate) fn new(cap: usize) -> Self {
        Self { buf: vec![0; cap], len: 0, nul: 0 }
    }

    /// The bytes the call wrote.
    pub(crate) fn into_vec(mut self) -> Vec<u8> {
        self.buf.truncate(self.len as usize);
        self.buf
    }

    /// The bytes the call wrote, borrowed.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len as usize).unwrap_or(&self.buf)
    }
}

/// What [`fill`] needs of an output, whatever its unit.
pub(crate) trait Slot {
    /// Sets the length to the capacity and hands out the pointers for the call.
    fn arm(&mut self) -> Armed;
    /// Whether the call's answer does not fit: the buffer was empty (a string always needs
    /// room for its NUL), or the reported length is more than the buffer holds.
    fn short(&self) -> bool;
    /// Grows the buffer to what the call reported; with `force` (the call said
    /// `ERROR_MORE_DATA` but no length says how much), doubles it.
    fn grow(&mut self, force: bool);
}

impl<T: Copy + Default> Slot for Output<T> {
    fn arm(&mut self) -> Armed {
        // A buffer of more than 4G units reports 4G of them: less than it holds, never more.
        let cap = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
        self.len = cap;
        let ptr = if self.buf.is_empty() { std::ptr::null_mut() } else { self.buf.as_mut_ptr().cast() };
        Armed { ptr, len: &raw mut self.len, cap }
    }

    fn short(&self) -> bool {
        (self.nul > 0 && self.buf.is_empty()) || (self.len as usize).saturating_add(self.nul) > self.buf.len()
    }

    fn grow(&mut self, force: bool) {
        let needed = (self.len as usize).saturating_add(self.nul);
        let target = if needed > self.buf.len() {
            needed
        } else if force {
            self.buf.len().saturating_mul(2).max(64)
        } else {
            return;
        };
        self.buf.resize(target, T::default());
    }
}

/// Makes a call with output buffers by the ClusAPI protocol: `f` makes the call with the
/// armed outputs and returns its status; while the status is `ERROR_MORE_DATA` (or
/// `ERROR_INSUFFICIENT_BUFFER`, or success with an answer that did not fit: a size query),
/// the short outputs grow to the size the call reported and the call is made again.
///
/// # Errors
///
/// The call's status when it is another failure; `ERROR_MORE_DATA` if the outputs kept
/// growing for [`MAX_TRIES`] calls.
pub(crate) fn fill<const N: usize>(
    call: &'static str,
    mut outs: [&mut dyn Slot; N],
    mut f: impl FnMut([Armed; N]) -> u32,
) -> Result<()> {
    for _ in 0..MAX_TRIES {
        let armed = outs.each_mut().map(|o| o.arm());
        let code = f(armed);
        let short = outs.iter().any(|o| o.short());
        match code {
            ERROR_SUCCESS if !short => return Ok(()),
            ERROR_SUCCESS | ERROR_MORE_DATA | ERROR_INSUFFICIENT_BUFFER => {
                for o in &mut outs {
                    o.grow(!short);
                }
            }
            other => return Err(error(call, other)),
        }
    }
    Err(Error::with_message(
        ERROR_MORE_DATA,
        format!("{call}: the output kept growing over {MAX_TRIES} calls"),
    ))
}

/// One string output (see [`fill`]): `f` makes the call with the buffer and the length
/// pointer, and returns its status.
///
/// # Errors
///
/// As [`fill`].
pub(crate) fn string(
    call: &'static str,
    cap: usize,
    mut f: impl FnMut(*mut u16, *mut u32) -> u32,
) -> Result<String> {
    let mut out = Text::new(cap);
    fill(call, [&mut out], |[a]| f(a.ptr.cast(), a.len))?;
    Ok(out.string())
}

/// One byte output (see [`fill`]): `f` makes the call with the armed buffer and returns
/// its status.
///
/// # Errors
///
/// As [`fill`].
pub(crate) fn bytes(call: &'static str, cap: usize, mut f: impl FnMut(Armed) -> u32) -> Result<Vec<u8>> {
    let mut out = Bytes::new(cap);
    fill(call, [&mut out], |[a]| f(a))?;
    Ok(out.into_vec())
}

/// One item of a `Cluster*Enum` call: its type and its name (see [`fill`]); `f` makes the
/// call with where to write the type, the name's buffer and its length pointer.
///
/// # Errors
///
/// As [`fill`]; `ERROR_NO_MORE_ITEMS` past the end.
pub(crate) fn item(
    call: &'static str,
    cap: usize,
    mut f: impl FnMut(*mut u32, *mut u16, *mut u32) -> u32,
) -> Result<(u32, String)> {
    let mut object_type = 0;
    let name = string(call, cap, |buf, len| f(&mut object_type, buf, len))?;
    Ok((object_type, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake call with the ClusAPI string protocol, answering `value`; counts its calls.
    fn protocol(value: &str, calls: &mut u32, buf: *mut u16, len: *mut u32) -> u32 {
        *calls += 1;
        let units: Vec<u16> = value.encode_utf16().collect();
        // SAFETY: `fill` hands out a valid length pointer, and a buffer of that many units.
        unsafe {
            let cap = *len as usize;
            *len = units.len() as u32;
            if buf.is_null() || cap <= units.len() {
                return ERROR_MORE_DATA;
            }
            std::ptr::copy_nonoverlapping(units.as_ptr(), buf, units.len());
            *buf.add(units.len()) = 0;
        }
        ERROR_SUCCESS
    }

    #[test]
    fn strings_take_one_call_when_they_fit_and_two_when_they_do_not() {
        for (cap, expected_calls) in [(64, 1), (5, 2), (0, 2), (6, 1)] {
            let mut calls = 0;
            let s = string("Fake", cap, |b, l| protocol("NODE1", &mut calls, b, l)).unwrap();
            assert_eq!((s.as_str(), calls), ("NODE1", expected_calls), "first buffer of {cap}");
        }
        let mut calls = 0;
        assert_eq!(string("Fake", 0, |b, l| protocol("", &mut calls, b, l)).unwrap(), "");
    }

    #[test]
    fn a_size_query_answered_with_success_is_retried() {
        // As Win32's registry calls do: a NULL buffer is a size query, answered ERROR_SUCCESS.
        let data = [1u8, 2, 3, 4, 5];
        let mut calls = 0;
        let out = bytes("Fake", 0, |a| {
            calls += 1;
            // SAFETY: a valid length pointer, and a buffer of `cap` bytes (NULL when 0).
            unsafe {
                *a.len = data.len() as u32;
                if !a.ptr.is_null() && a.cap as usize >= data.len() {
                    std::ptr::copy_nonoverlapping(data.as_ptr(), a.ptr.cast::<u8>(), data.len());
                } else if !a.ptr.is_null() {
                    return ERROR_MORE_DATA;
                }
            }
            ERROR_SUCCESS
        })
        .unwrap();
        assert_eq!((out, calls), (data.to_vec(), 2));
    }

    #[test]
    fn more_data_without_a_size_doubles_and_other_failures_are_errors() {
        let mut calls = 0;
        let out = bytes("Fake", 0, |a| {
            calls += 1;
            if a.cap < 100 { ERROR_MORE_DATA } else { ERROR_SUCCESS }
        });
        // 0 -> 64 -> 128: the reported length (the capacity, unchanged) grew each time.
        assert_eq!((out.unwrap().len(), calls), (128, 3));
        let e = string("Fake", 8, |_, _| 5013).unwrap_err();
        assert_eq!(e.code(), 5013);
        assert!(e.message().contains("Fake"));
        let e = bytes("Fake", 0, |_| ERROR_MORE_DATA).unwrap_err();
        assert_eq!(e.code(), ERROR_MORE_DATA, "gives up after MAX_TRIES");
    }

    #[test]
    fn names_with_a_nul_are_refused() {
        assert_eq!(wide("Fake", "a\0b").unwrap_err().code(), ERROR_INVALID_PARAMETER);
        assert_eq!(wide("Fake", "ab").unwrap().0, [97, 98, 0]);
        assert!(ptr_opt(None).is_null());
        assert!(in_ptr(&[]).is_null());
    }
}
