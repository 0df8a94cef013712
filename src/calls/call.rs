//! The call pipeline: how every ClusAPI call (and every lever) is declared, and the one
//! chokepoint it runs through.
//!
//! A call is declared once, in the [`calls!`] block of its family's file: its Rust name, its
//! Win32 name, its arguments (which print themselves into the history), whether a fault plan
//! can make it fail, and its rule (the body). From that one declaration come the public
//! method on [`Simulator`], the method of the family's trait (the seam production code is
//! written against), the entry in the family's `CALLS` list (which the fault plan, the
//! robustness catalogs and the README's coverage table check against) and the history
//! entry.
//!
//! [`Simulator::call`] is the chokepoint. Under one acquisition of the lock it takes the
//! caller's location once (the public method is `#[track_caller]`, nothing below it is),
//! applies the fault plan, runs the rule, records the history entry, and on release
//! publishes the events the call raised and wakes the waiters. So a call and its fault,
//! events and history are atomic: no other call comes between them.

use std::fmt::{self, Write as _};
use std::panic::Location;

use crate::session::lock::StateGuard;
use crate::session::simulator::{Simulator, State};
use crate::types::call_info::CallInfo;
use crate::types::error::{Error, Result};
use crate::types::handle::Handle;

/// Every call the simulator declares (ClusAPI functions and levers), in declaration order:
/// what a fault plan can name, what the history records, what the catalogs cover.
///
/// ```
/// let open = clusapi_sim::calls().find(|c| c.win32 == "OpenClusterNetwork").expect("declared");
/// assert_eq!(open.name, "open_cluster_network");
/// assert!(open.faultable);
/// ```
pub fn calls() -> impl Iterator<Item = &'static CallInfo> {
    crate::calls::api::declared()
}

/// The object a fault rule's `.object(name)` is matched against, taken from a call's
/// arguments before its rule runs.
#[derive(Debug)]
pub(crate) enum Subject {
    /// The argument names no object (a number, a flag).
    None,
    /// The object a handle refers to, or the name an open asks for.
    Name(String),
    /// A handle that is not live: the call fails with `ERROR_INVALID_HANDLE` before any
    /// fault could fire, as it always has.
    Invalid,
}

/// How an argument of a call takes part in the pipeline: what object it names for the fault
/// plan and triggers (a handle names its object, other arguments none), and how the history
/// prints it. Implemented for every argument type a call declares; a new argument type
/// implements it here.
pub(crate) trait CallArg {
    /// The object this argument names, as the fault plan matches it.
    fn subject(&self, _st: &State) -> Subject {
        Subject::None
    }
    /// The argument as the history prints it.
    fn print(&self, out: &mut String);
}

impl<H: Handle> CallArg for H {
    fn subject(&self, st: &State) -> Subject {
        match st.handles.get(self.as_raw(), H::KIND) {
            Ok((_, e)) => Subject::Name(st.object_name(H::KIND, e.object)),
            Err(_) => Subject::Invalid,
        }
    }
    fn print(&self, out: &mut String) {
        let _ = write!(out, "{self:?}");
    }
}

impl<H: Handle> CallArg for Option<H> {
    fn subject(&self, st: &State) -> Subject {
        self.as_ref().map_or(Subject::None, |h| h.subject(st))
    }
    fn print(&self, out: &mut String) {
        let _ = write!(out, "{self:?}");
    }
}

/// Arguments that name no object and print as `Debug` prints them.
macro_rules! plain_args {
    ($($t:ty),* $(,)?) => {$(
        impl CallArg for $t {
            fn print(&self, out: &mut String) {
                let _ = write!(out, "{self:?}");
            }
        }
    )*};
}
plain_args!(
    u32,
    u64,
    i32,
    usize,
    bool,
    &str,
    Option<&str>,
    &[crate::HNode],
    &[crate::HNetwork],
    &[crate::NotifyFilter],
    crate::NotifyFilter,
    Option<crate::ClusterCreateGroupInfo>,
);

/// A number the history prints in hex (`#[hex]` before an argument).
pub(crate) struct Hex(pub u32);

impl CallArg for Hex {
    fn print(&self, out: &mut String) {
        let _ = write!(out, "{:#010x}", self.0);
    }
}

/// Buffers print as their length: a control call's input can be kilobytes.
impl CallArg for &[u8] {
    fn print(&self, out: &mut String) {
        let _ = write!(out, "{} bytes", self.len());
    }
}

impl CallArg for Option<&[u8]> {
    fn print(&self, out: &mut String) {
        match self {
            Some(b) => b.print(out),
            None => out.push_str("None"),
        }
    }
}

impl CallArg for crate::NotifyObject {
    fn subject(&self, st: &State) -> Subject {
        use crate::NotifyObject as O;
        match self {
            O::Node(h) => h.subject(st),
            O::Group(h) => h.subject(st),
            O::Resource(h) => h.subject(st),
            O::Network(h) => h.subject(st),
            O::NetInterface(h) => h.subject(st),
            O::Key(h) => h.subject(st),
        }
    }
    fn print(&self, out: &mut String) {
        let _ = write!(out, "{self:?}");
    }
}

/// The subject of an argument named by `[object(arg)]`: the name an open asks for.
pub(crate) trait NamedSubject {
    fn named(&self) -> Subject;
}

impl NamedSubject for &str {
    fn named(&self) -> Subject {
        Subject::Name((*self).to_owned())
    }
}

impl NamedSubject for Option<&str> {
    fn named(&self) -> Subject {
        self.map_or(Subject::None, |n| Subject::Name(n.to_owned()))
    }
}

/// A call in progress: the state behind the lock, with the call's name and its caller's
/// location, which the rules pass to handle resolution and diagnostics.
pub(crate) struct Cx<'a> {
    guard: StateGuard<'a>,
    /// The call's Rust name.
    pub call: &'static str,
    /// Where the user's code made the call.
    pub at: &'static Location<'static>,
}

impl std::ops::Deref for Cx<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        &self.guard
    }
}

impl std::ops::DerefMut for Cx<'_> {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.guard
    }
}

impl Cx<'_> {
    /// Waits for a change (a notification), releasing the lock meanwhile; `false` on
    /// time-out.
    pub(crate) fn wait(&mut self, timeout: Option<std::time::Duration>) -> bool {
        self.guard.wait(timeout)
    }

    /// The live entry behind a handle (see [`State::resolve`]), for this call.
    #[inline]
    pub(crate) fn resolve<H: Handle>(
        &mut self,
        handle: H,
    ) -> Result<(crate::session::handle_table::EntryKey, crate::session::handle_table::Entry)> {
        let (call, at) = (self.call, self.at);
        self.guard.resolve(handle, call, at)
    }
}

impl State {
    /// Whether anything beyond the rule runs for a call: timed transitions to catch up on,
    /// a fault plan, triggers or a history.
    #[inline]
    pub(crate) fn hooked(&self) -> bool {
        self.history_limit != 0
            || !self.faults.is_empty()
            || !self.triggers.is_empty()
            || self.world.timing.on()
    }

    /// Applies the fault plan to the call in progress (once per call: only the chokepoint
    /// consults it).
    pub(crate) fn consult_faults(
        &mut self,
        call: &CallInfo,
        object: Option<&str>,
    ) -> Option<crate::session::fault::FaultHit> {
        self.faults.check(call, object)
    }
}

/// The arguments of a call as the history prints them ([`CallArg::print`]), joined with
/// `", "`.
pub(crate) fn print_args(args: &[&dyn CallArg]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        a.print(&mut out);
    }
    out
}

impl Simulator {
    /// The chokepoint every call runs through (see the module docs). `subject` names the
    /// object the fault plan matches; `args` prints the arguments for the history; `op` is
    /// the call's rule.
    #[inline(always)]
    pub(crate) fn call<T: fmt::Debug>(
        &self,
        info: &'static CallInfo,
        at: &'static Location<'static>,
        subject: impl FnOnce(&State) -> Subject,
        args: impl FnOnce() -> String,
        op: impl FnOnce(&mut Cx<'_>) -> Result<T>,
    ) -> Result<T> {
        let guard = self.lock_untimed(!info.quiet);
        let mut cx = Cx { guard, call: info.name, at };
        // Without a fault plan and a history, this one branch is all the pipeline costs.
        if !cx.hooked() {
            return op(&mut cx);
        }
        Self::hooked_call(&mut cx, info, subject, args, op)
    }

    /// The part of [`call`](Self::call) that runs only while a fault plan or a history is
    /// set.
    #[cold]
    #[inline(never)]
    fn hooked_call<T: fmt::Debug>(
        cx: &mut Cx<'_>,
        info: &'static CallInfo,
        subject: impl FnOnce(&State) -> Subject,
        args: impl FnOnce() -> String,
        op: impl FnOnce(&mut Cx<'_>) -> Result<T>,
    ) -> Result<T> {
        // Timed transitions due by now complete first: the call meets the cluster as it is
        // at this simulated time.
        if cx.world.timing.on() {
            cx.guard.catch_up();
        }
        // The subject (the object the call names) once, for the fault plan and triggers.
        let wants_subject = (info.faultable && !cx.faults.is_empty()) || !cx.triggers.is_empty();
        let subject = if wants_subject { subject(cx) } else { Subject::None };
        let object = match &subject {
            Subject::Name(n) => Some(n.as_str()),
            Subject::None | Subject::Invalid => None,
        };
        if !cx.triggers.is_empty() {
            cx.pull_triggers(info, object, crate::types::lever::TriggerTiming::Before);
        }
        let fault = if info.faultable && !cx.faults.is_empty() && !matches!(subject, Subject::Invalid) {
            cx.consult_faults(info, object)
        } else {
            None
        };
        let result = match &fault {
            Some(hit) => Err(Error::with_message(hit.code, hit.message(info))),
            None => op(cx),
        };
        let at = cx.at;
        cx.record_call(info.name, args, &result, at, fault);
        if !cx.triggers.is_empty() {
            cx.pull_triggers(info, object, crate::types::lever::TriggerTiming::After);
        }
        result
    }
}

impl Cx<'_> {
    /// Pulls the levers of the triggers that fire on this call at `timing`, each recorded in
    /// the history with the trigger that pulled it.
    #[cold]
    fn pull_triggers(
        &mut self,
        info: &CallInfo,
        object: Option<&str>,
        timing: crate::types::lever::TriggerTiming,
    ) {
        for (lever, why) in self.triggers.fire(info.name, object, timing) {
            let result = self.apply_lever(&lever);
            let at = self.at;
            self.record_triggered(&lever, why, &result, at);
        }
    }
}

/// Declares the calls of one family: for each, the public method on [`Simulator`], the
/// method of the family's trait (implemented by `Simulator`), and an entry of the family's
/// `CALLS` list. See the module docs.
///
/// ```text
/// calls! {
///     /// Networks: ...                       (the trait's docs)
///     pub trait NetworkCalls;
///
///     /// `OpenClusterNetwork`: ...           (the method's docs)
///     "OpenClusterNetwork" [object(name)]
///     fn open_cluster_network(st, hcluster: HCluster, name: &str) -> HNetwork {
///         st.open_object(hcluster, name, None).map(|(h, _)| h)
///     }
/// }
/// ```
///
/// `#[hex]` before an argument makes the history print it in hex (control codes, access
/// masks). Flags, in the brackets after the Win32 name, separated by spaces: `faults(SHAPE +
/// CODE + ...)` (the codes a real cluster can answer the call with, `CallInfo::fault_codes`:
/// a shape of `types::call_info::fault_shapes` plus the call's own, named as in `codes`;
/// every faultable call has one, `tests/faults.rs` checks it), `quiet` (the call
/// changes nothing, so no events are published when it ends), `nofault` (a fault plan
/// cannot name it: closes), `notrait` (not in the family trait: the simulator's own, with no
/// Win32 function a production implementation could call), `args(expr)` (the history records `expr` as the arguments:
/// for a password), `infallible(fallback)` (the method returns the value, not a
/// `Result`, and `fallback` should the rule fail; pair it with `nofault`),
/// `object(arg)` (the fault plan matches the name in `arg`, as opens ask for a name;
/// by default the object of the first handle argument). A block that declares levers
/// starts with `levers;` instead of a trait: levers get no trait method and no fault.
macro_rules! calls_macro {
    (
        $(#[$tmeta:meta])*
        pub trait $Trait:ident;
        externs $externs:ident;
        $($rest:tt)*
    ) => {
        $crate::calls::call::calls!(@munch [trait $Trait [$(#[$tmeta])*]] [$externs] [] [] $($rest)*);
    };
    (
        $(#[$tmeta:meta])*
        pub trait $Trait:ident;
        $($rest:tt)*
    ) => {
        $crate::calls::call::calls!(@munch [trait $Trait [$(#[$tmeta])*]] [] [] [] $($rest)*);
    };
    (
        levers;
        $($rest:tt)*
    ) => {
        $crate::calls::call::calls!(@munch [levers] [] [] [] $($rest)*);
    };
    // One declaration at a time, into [ $( { meta } win32 [flags] name (st, args) ret body )* ],
    // and, for an `extern` declaration, into the derived list [ $( { Win32 form name (args) ret } )* ].
    (@munch $kind:tt $externs:tt [$($done:tt)*] [$($ext:tt)*]
        $(#[$meta:meta])*
        $win32:literal $([$($flag:tt)*])?
        fn $name:ident($st:ident $(, $(#[$how:ident])? $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::calls::call::calls!(@munch $kind $externs [$($done)*
            { [$(#[$meta])*] $win32, [$($($flag)*)?] $name ($st $(, [$($how)?] $arg : $ty)*) $ret $body }
        ] [$($ext)*] $($rest)*);
    };
    // `extern Win32Name`: the C export and the `clusapi-win` method are derived (see
    // `externs` below); `-> string` after the name: the Win32 function returns the `String`
    // in a caller's buffer (`LPWSTR`, `LPDWORD`), else its `DWORD` status or its handle.
    (@munch $kind:tt $externs:tt [$($done:tt)*] [$($ext:tt)*]
        $(#[$meta:meta])*
        extern $c:ident $(-> $form:ident)? $([$($flag:tt)*])?
        fn $name:ident($st:ident $(, $(#[$how:ident])? $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::calls::call::calls!(@munch $kind $externs [$($done)*
            { [$(#[$meta])*] stringify!($c), [$($($flag)*)?] $name ($st $(, [$($how)?] $arg : $ty)*) $ret $body }
        ] [$($ext)*
            { $c [$($form)?] $name ($($arg : $ty),*) $ret }
        ] $($rest)*);
    };
    (@munch $kind:tt $externs:tt [$($done:tt)*] [$($ext:tt)*]) => {
        $crate::calls::call::calls!(@externs [$] $externs $($ext)*);
        $crate::calls::call::calls!(@emit $kind $($done)*);
    };
    // The family's list of `extern` calls, as a macro other crates expand: `$externs!(cb)`
    // expands to `cb! { $( { Win32Name [form] rust_name (arg: Type, ...) Ret } )* }`. The
    // C ABI (`capi/src/derive.rs`) makes each export from it, `clusapi-win` each method,
    // and the robustness catalogs each row. `[$d]` carries a `$` into the nested macro.
    (@externs [$d:tt] [] $($ext:tt)*) => {};
    (@externs [$d:tt] [$externs:ident] $($ext:tt)*) => {
        #[doc(hidden)]
        #[macro_export]
        macro_rules! $externs {
            ($d($d cb:tt)*) => { $d($d cb)*! { $($ext)* } };
        }
    };
    (@emit $kind:tt $(
        { [$(#[$meta:meta])*] $win32:expr, [$($flag:tt)*] $name:ident ($st:ident $(, [$($how:ident)?] $arg:ident : $ty:ty)*) $ret:ty $body:block }
    )*) => {
        /// Every call this file declares, as the fault plan and the catalogs list them.
        pub(crate) const CALLS: &[$crate::types::call_info::CallInfo] = &[$(
            $crate::calls::call::calls!(@info $kind $name $win32, [$($flag)*]),
        )*];

        impl $crate::Simulator {$(
            $(#[$meta])*
            #[track_caller]
            #[inline]
            pub fn $name(&self $(, $arg: $ty)*) -> $crate::calls::call::calls!(@ret [$($flag)*] $ret) {
                static INFO: $crate::types::call_info::CallInfo =
                    $crate::calls::call::calls!(@info $kind $name $win32, [$($flag)*]);
                let result = self.call(
                    &INFO,
                    ::std::panic::Location::caller(),
                    |_state: &$crate::session::simulator::State| {
                        $crate::calls::call::calls!(@subject _state [$($flag)*] $($arg)*)
                    },
                    || $crate::calls::call::calls!(@args [$($flag)*] $([$($how)?] $arg)*),
                    |$st: &mut $crate::calls::call::Cx<'_>| -> $crate::Result<$ret> { $body },
                );
                $crate::calls::call::calls!(@finish [$($flag)*] result)
            }
        )*}

        $crate::calls::call::calls!(@trait $kind $(
            { $name $win32, [$($flag)*] ($($arg : $ty),*) $ret }
        )*);
    };
    (@trait [levers] $($t:tt)*) => {};
    (@trait [trait $Trait:ident [$(#[$tmeta:meta])*]] $(
        { $name:ident $win32:expr, [$($flag:tt)*] ($($arg:ident : $ty:ty),*) $ret:ty }
    )*) => {
        $(#[$tmeta])*
        pub trait $Trait {$(
            $crate::calls::call::calls!(@trait_decl [$($flag)*] $name $win32, ($($arg : $ty),*) $ret);
        )*}

        impl $Trait for $crate::Simulator {$(
            $crate::calls::call::calls!(@trait_impl [$($flag)*] $name ($($arg : $ty),*) $ret);
        )*}
    };
    // A trait method, unless the call is `notrait` (the simulator's own, with no Win32
    // function behind it: a production implementation could not provide it).
    (@trait_decl [$($flag:tt)*] $name:ident $win32:expr, ($($arg:ident : $ty:ty),*) $ret:ty) => {
        $crate::calls::call::calls!(@unless notrait [$($flag)*] {
            #[doc = concat!("`", $win32, "`: see [`Simulator::", stringify!($name), "`](crate::Simulator::", stringify!($name), ").")]
            ///
            /// # Errors
            ///
            /// The Win32 error the call returns, as the simulator's method documents it.
            #[track_caller]
            fn $name(&self $(, $arg: $ty)*) -> $crate::calls::call::calls!(@ret [$($flag)*] $ret);
        });
    };
    (@trait_impl [$($flag:tt)*] $name:ident ($($arg:ident : $ty:ty),*) $ret:ty) => {
        $crate::calls::call::calls!(@unless notrait [$($flag)*] {
            #[inline]
            fn $name(&self $(, $arg: $ty)*) -> $crate::calls::call::calls!(@ret [$($flag)*] $ret) {
                $crate::Simulator::$name(self $(, $arg)*)
            }
        });
    };
    // The items in braces, unless the flag is in the list.
    (@unless notrait [notrait $($r:tt)*] { $($items:tt)* }) => {};
    (@unless notrait [$other:tt $($r:tt)*] { $($items:tt)* }) => {
        $crate::calls::call::calls!(@unless notrait [$($r)*] { $($items)* });
    };
    (@unless notrait [] { $($items:tt)* }) => { $($items)* };
    (@info [levers] $name:ident $win32:expr, [$($flag:tt)*]) => {
        $crate::types::call_info::CallInfo {
            name: stringify!($name),
            win32: $win32,
            faultable: false,
            lever: true,
            quiet: $crate::calls::call::calls!(@has quiet [$($flag)*]),
            fault_codes: &[],
        }
    };
    (@info $kind:tt $name:ident $win32:expr, [$($flag:tt)*]) => {
        $crate::types::call_info::CallInfo {
            name: stringify!($name),
            win32: $win32,
            faultable: !$crate::calls::call::calls!(@has nofault [$($flag)*]),
            lever: false,
            quiet: $crate::calls::call::calls!(@has quiet [$($flag)*]),
            fault_codes: $crate::calls::call::calls!(@faults [$($flag)*]),
        }
    };
    // The codes a fault plan draws from (`CallInfo::fault_codes`): `faults(SHAPE + CODE +
    // ...)`, a shape of `types::call_info::fault_shapes` and the call's own codes (names of
    // `codes`), else none.
    (@faults [faults($shape:ident $(+ $code:ident)*) $($r:tt)*]) => {{
        const BASE: &[u32] = $crate::types::call_info::fault_shapes::$shape;
        const EXTRA: &[u32] = &[$($crate::types::error::codes::$code),*];
        const CODES: [u32; BASE.len() + EXTRA.len()] = $crate::types::call_info::fault_shapes::join(BASE, EXTRA);
        &CODES
    }};
    (@faults [$other:tt $($r:tt)*]) => { $crate::calls::call::calls!(@faults [$($r)*]) };
    (@faults []) => { &[] };
    // What the public method returns: the rule's `Result`, or for an `infallible(fallback)`
    // call (one the real API cannot fail) the value, with `fallback` if the rule failed.
    (@ret [infallible($fallback:expr) $($r:tt)*] $ret:ty) => { $ret };
    (@ret [$other:tt $($r:tt)*] $ret:ty) => { $crate::calls::call::calls!(@ret [$($r)*] $ret) };
    (@ret [] $ret:ty) => { $crate::Result<$ret> };
    (@finish [infallible($fallback:expr) $($r:tt)*] $result:ident) => {
        match $result {
            Ok(value) => value,
            Err(_) => $fallback,
        }
    };
    (@finish [$other:tt $($r:tt)*] $result:ident) => { $crate::calls::call::calls!(@finish [$($r)*] $result) };
    (@finish [] $result:ident) => { $result };
    // What the history records as the arguments: `args(expr)` if given (for an argument
    // that must not be recorded, such as a password), else each argument as `CallArg`
    // prints it.
    (@args [args($print:expr) $($r:tt)*] $([$($how:ident)?] $arg:ident)*) => { $print };
    (@args [$other:tt $($r:tt)*] $($a:tt)*) => { $crate::calls::call::calls!(@args [$($r)*] $($a)*) };
    (@args [] $([$($how:ident)?] $arg:ident)*) => {
        $crate::calls::call::print_args(&[$($crate::calls::call::calls!(@arg [$($how)?] $arg)),*])
    };
    // How the history prints an argument: `#[hex]` before it prints a number as
    // `0x0340005e` (control codes, access masks), else as its type does.
    (@arg [hex] $arg:ident) => { &$crate::calls::call::Hex($arg) as &dyn $crate::calls::call::CallArg };
    (@arg [] $arg:ident) => { &$arg as &dyn $crate::calls::call::CallArg };
    // Whether a flag is in the list.
    (@has quiet [quiet $($r:tt)*]) => { true };
    (@has nofault [nofault $($r:tt)*]) => { true };
    (@has $want:ident [$other:tt $($r:tt)*]) => { $crate::calls::call::calls!(@has $want [$($r)*]) };
    (@has $want:ident []) => { false };
    // The fault subject: `object(arg)` if given, else the first argument that names one.
    (@subject $state:ident [object($obj:ident) $($r:tt)*] $($arg:ident)*) => {
        $crate::calls::call::NamedSubject::named(&$obj)
    };
    (@subject $state:ident [$other:tt $($r:tt)*] $($arg:ident)*) => {
        $crate::calls::call::calls!(@subject $state [$($r)*] $($arg)*)
    };
    (@subject $state:ident [] $($arg:ident)*) => {{
        let subject = $crate::calls::call::Subject::None;
        $(
            let subject = match subject {
                $crate::calls::call::Subject::None => $crate::calls::call::CallArg::subject(&$arg, $state),
                found => found,
            };
        )*
        subject
    }};
}
pub(crate) use calls_macro as calls;
