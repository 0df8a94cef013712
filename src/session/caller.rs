//! Who opened a handle, when the call came through a foreign-language binding (the C ABI)
//! rather than from Rust: there `#[track_caller]` stops at the binding's own line, which says
//! nothing to the user. A binding marks its calls with [`foreign::call`]; a handle opened
//! inside is reported with its foreign caller: the caller's stack frame, captured when the
//! handle is opened and symbolized only when a report shows it (function, and file and line
//! where the caller has debug information).
//!
//! Capturing a stack costs microseconds, so it is off unless switched on: by the
//! environment variable `CLUSAPI_SIM_C_CALLERS=1`, read once, or by
//! [`foreign::set_capture`] (the C ABI's `ClusSimCaptureCallers`). While it is off, the
//! report says how to switch it on.

use std::backtrace::Backtrace;
use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, OnceLock};

/// Hooks for language bindings that call the simulator on behalf of code in another
/// language (the C ABI crate uses them).
pub mod foreign {
    use super::{CAPTURE, Cell, FOREIGN, Ordering};

    /// The environment variable that switches stack capture on for the whole process
    /// (`1`), read the first time a foreign call opens a handle.
    pub const CAPTURE_VARIABLE: &str = "CLUSAPI_SIM_C_CALLERS";

    /// Runs `f` as a call made by foreign code: handles it opens are reported with the
    /// foreign caller (see the module docs) rather than with the binding's Rust line.
    #[inline]
    pub fn call<R>(f: impl FnOnce() -> R) -> R {
        struct Restore(bool);
        impl Drop for Restore {
            fn drop(&mut self) {
                let _ = FOREIGN.try_with(|c| c.set(self.0));
            }
        }
        let previous = FOREIGN.try_with(|c| c.replace(true)).unwrap_or(false);
        let _restore = Restore(previous);
        f()
    }

    /// Switches the capture of foreign callers' stacks on or off, for the whole process.
    pub fn set_capture(on: bool) {
        CAPTURE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
    }

    /// Whether foreign callers' stacks are captured (the environment variable, unless
    /// [`set_capture`] said otherwise).
    #[must_use]
    pub fn capture() -> bool {
        super::capturing()
    }

    /// Whether the calling thread is inside [`call`].
    #[inline]
    pub(crate) fn active() -> bool {
        FOREIGN.try_with(Cell::get).unwrap_or(false)
    }
}

thread_local! {
    /// Set while the thread runs a call of a foreign binding.
    static FOREIGN: Cell<bool> = const { Cell::new(false) };
}

/// 0: not decided yet (read the environment); 1: off; 2: on.
static CAPTURE: AtomicU8 = AtomicU8::new(0);

fn capturing() -> bool {
    match CAPTURE.load(Ordering::Relaxed) {
        0 => {
            let on = std::env::var(foreign::CAPTURE_VARIABLE).is_ok_and(|v| v == "1");
            // A `set_capture` that ran meanwhile wins.
            let _ = CAPTURE.compare_exchange(0, if on { 2 } else { 1 }, Ordering::Relaxed, Ordering::Relaxed);
            CAPTURE.load(Ordering::Relaxed) == 2
        }
        v => v == 2,
    }
}

/// The foreign caller of one open, kept with its handle until the handle closes.
#[derive(Debug, Clone)]
pub(crate) struct ForeignCaller {
    /// The stack at the open, if capture was on; symbolized once, on the first report.
    frames: Option<Arc<Frames>>,
}

#[derive(Debug)]
struct Frames {
    stack: Backtrace,
    described: OnceLock<String>,
}

impl ForeignCaller {
    /// The foreign caller of the call in progress on this thread, if it is a foreign call.
    #[inline]
    pub(crate) fn current() -> Option<Self> {
        if !foreign::active() {
            return None;
        }
        Some(Self::capture_now())
    }

    #[cold]
    fn capture_now() -> Self {
        let frames = capturing()
            .then(|| Arc::new(Frames { stack: Backtrace::force_capture(), described: OnceLock::new() }));
        Self { frames }
    }

    /// What the leak report says of the caller.
    /// `is_export` tells the binding's exported functions (the declared Win32 names and
    /// the `ClusSim*` levers) by their symbol.
    pub(crate) fn describe(&self, is_export: &dyn Fn(&str) -> bool) -> String {
        match &self.frames {
            Some(f) => f.described.get_or_init(|| caller_frame(&f.stack.to_string(), is_export)).clone(),
            None => format!(
                "a foreign caller (through the C ABI; set {}=1 or call ClusSimCaptureCallers(TRUE) to see its function, file and line)",
                foreign::CAPTURE_VARIABLE
            ),
        }
    }
}

/// The caller's frame in a symbolized backtrace (`std`'s format: `  N: symbol` lines, each
/// optionally followed by `at file:line:column`): the frame after the binding's exported
/// function (a declared Win32 name, or a `ClusSim*` lever), else the first frame that is
/// neither this library's nor Rust's runtime.
fn caller_frame(text: &str, is_export: &dyn Fn(&str) -> bool) -> String {
    let frames = parse_frames(text);
    let export = frames.iter().position(|(symbol, _)| is_export(symbol));
    let caller = match export {
        Some(i) => frames.get(i.saturating_add(1)),
        None => frames.iter().find(|(symbol, _)| !is_ours(symbol)),
    };
    match caller {
        Some((symbol, Some(at))) => format!("{symbol} at {at}"),
        Some((symbol, None)) => format!("{symbol} (no debug information for its file and line)"),
        None => "a foreign caller (its frame could not be found in the stack)".to_owned(),
    }
}

/// `(symbol, Some(file:line:column))` per frame, innermost first.
fn parse_frames(text: &str) -> Vec<(String, Option<String>)> {
    let mut frames: Vec<(String, Option<String>)> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(at) = line.strip_prefix("at ") {
            if let Some(last) = frames.last_mut() {
                if last.1.is_none() {
                    last.1 = Some(at.to_owned());
                }
            }
        } else if let Some((n, symbol)) = line.split_once(": ") {
            if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() {
                frames.push((symbol.to_owned(), None));
            }
        }
    }
    frames
}

fn is_ours(symbol: &str) -> bool {
    ["std::", "core::", "alloc::", "<std", "<core", "<alloc", "clusapi", "<clusapi", "backtrace", "__rust"]
        .iter()
        .any(|p| symbol.starts_with(p))
        || symbol.contains("clusapi_sim")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_export(symbol: &str) -> bool {
        symbol == "OpenClusterNetwork"
    }

    const STACK: &str = "   0: std::backtrace::Backtrace::force_capture
             at /rustc/x/library/std/src/backtrace.rs:312:9
   1: clusapi_sim::caller::ForeignCaller::capture_now
   2: OpenClusterNetwork
             at ./capi/src/objects.rs:211:9
   3: drain_node
             at /home/u/agent/drain.c:42:14
   4: main
";

    #[test]
    fn the_caller_is_the_frame_after_the_export() {
        assert_eq!(caller_frame(STACK, &is_export), "drain_node at /home/u/agent/drain.c:42:14");
    }

    #[test]
    fn without_an_export_frame_the_first_frame_not_ours() {
        let text = STACK.replace("OpenClusterNetwork", "clusapi::objects::open");
        assert_eq!(caller_frame(&text, &is_export), "drain_node at /home/u/agent/drain.c:42:14");
        let bare = "   0: std::rt::x\n   1: helper\n";
        assert_eq!(caller_frame(bare, &is_export), "helper (no debug information for its file and line)");
    }
}
