//! Object names: case-insensitive comparison and the per-cluster name index.
//!
//! ClusAPI compares names without regard to case and keeps them with the case they were
//! created with. We fold each character on its own (simple case folding, as Windows'
//! ordinal ignore-case comparison does), never allocating on the lookup path: the index is a
//! `hashbrown::HashTable` whose hash and equality we compute over the folded characters.

use hashbrown::HashTable;

/// Simple case folding of one character: upper-case it, then lower-case it, keeping the
/// character as it is wherever either step would produce more than one character.
///
/// Going through upper case first folds the characters that have several lower-case
/// forms onto one (`ς`/`σ`, `ſ`/`s`, `ϐ`/`β`, the Kelvin sign), which lower-casing alone
/// would not; keeping multi-character mappings unchanged is what simple folding does
/// (`ß` stays `ß`, `İ` stays `İ`).
#[inline]
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut upper = c.to_uppercase();
    let up = match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    };
    let mut lower = up.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => up,
    }
}

/// The folded characters of a name.
pub(crate) fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars().map(fold_char)
}

/// Whether two names are the same name to ClusAPI.
#[must_use]
#[inline]
pub(crate) fn names_equal(a: &str, b: &str) -> bool {
    // Callers mostly pass names as the topology spells them: one memcmp settles it.
    a == b || names_equal_ignoring_case(a, b)
}

/// [`names_equal`] for names that are not byte for byte the same.
#[inline(never)]
fn names_equal_ignoring_case(a: &str, b: &str) -> bool {
    if a.len() == b.len() && a.eq_ignore_ascii_case(b) {
        return true;
    }
    // Folding can change a character's UTF-8 length, so lengths alone decide nothing for
    // non-ASCII names.
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    folded(a).eq(folded(b))
}

/// The names every machine answers to for itself: `"localhost"` (any case) and `"."`.
/// `OpenCluster` and `GetNodeClusterState` take them for the local machine, as they take
/// NULL.
#[must_use]
pub(crate) fn is_local_machine(name: &str) -> bool {
    name == "." || names_equal(name, "localhost")
}

/// The host part of `name` when it is a fully qualified name in `domain`
/// (`"NODE1.contoso.com"` in `"contoso.com"`: `"NODE1"`), compared case-insensitively;
/// `None` when it is not (or the host part would be empty).
#[must_use]
pub(crate) fn host_in_domain<'a>(name: &'a str, domain: &str) -> Option<&'a str> {
    // Every dot is tried: host and domain may both hold dots, and folding may change a
    // character's length, so no offset can be computed from the domain's length.
    name.char_indices().filter(|&(i, c)| c == '.' && i > 0).find_map(|(i, _)| {
        name.get(i.saturating_add(1)..).filter(|d| names_equal(d, domain)).and(name.get(..i))
    })
}

/// Hashes the UTF-8 bytes of the folded name, eight at a time, with bit 5 of every byte
/// cleared.
///
/// Clearing bit 5 (0x20) is what makes the ASCII fast path cheap: ASCII letters differ from
/// their other case only in that bit, so `Network` and `NETWORK` hash alike without any
/// case mapping. The hash is a function of the folded byte stream, so a non-ASCII name that
/// folds to an ASCII one (the Kelvin sign folds to `k`) hashes alike too. Names that only
/// collide here (`@` and `` ` ``) are told apart by the equality check. Not keyed: names
/// come from the test's own topology, and a fixed function keeps runs identical.
fn name_hash(name: &str) -> u64 {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // ASCII names (nearly all): one pass over the bytes, which also checks that they are
    // ASCII; only a name with a non-ASCII byte takes the folding path.
    let bytes = name.as_bytes();
    let mut h = HASH_SEED;
    let mut high = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        high |= word;
        h = hash_mix(h, word);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let word = tail_word(rest);
        high |= word;
        h = hash_mix(h, word);
    }
    if high & HIGH_BITS != 0 {
        return name_hash_folded(name);
    }
    hash_finish(h)
}

const HASH_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// One word of the hash, with bit 5 of every byte cleared.
#[inline(always)]
fn hash_mix(h: u64, word: u64) -> u64 {
    const CASE_BITS: u64 = 0x2020_2020_2020_2020;
    (h ^ (word & !CASE_BITS)).wrapping_mul(HASH_SEED).rotate_left(29)
}

/// Spreads the last word's bits into the high bits hashbrown's control bytes use.
#[inline(always)]
fn hash_finish(h: u64) -> u64 {
    (h ^ (h >> 32)).wrapping_mul(HASH_SEED)
}

/// Little-endian word of up to eight bytes, zero-padded (no memcpy call for short tails).
#[inline(always)]
fn tail_word(bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b))
}

/// [`name_hash`] of a name with a non-ASCII character: the same function over the UTF-8
/// bytes of its folded characters.
#[inline(never)]
fn name_hash_folded(name: &str) -> u64 {
    let mut h = HASH_SEED;
    let (mut buf, mut filled) = ([0u8; 8], 0usize);
    let mut utf8 = [0u8; 4];
    for c in folded(name) {
        for &byte in c.encode_utf8(&mut utf8).as_bytes() {
            // `filled` stays below 8: the buffer is flushed as soon as it is full.
            if let Some(b) = buf.get_mut(filled) {
                *b = byte;
            }
            filled = filled.saturating_add(1);
            if filled == buf.len() {
                h = hash_mix(h, u64::from_le_bytes(buf));
                filled = 0;
            }
        }
    }
    if let Some(rest) = buf.get(..filled).filter(|r| !r.is_empty()) {
        h = hash_mix(h, tail_word(rest));
    }
    hash_finish(h)
}

/// Case-insensitive map from names to object keys, one per cluster and object kind.
#[derive(Clone)]
pub(crate) struct NameIndex<K> {
    table: HashTable<(Box<str>, K)>,
}

impl<K> std::fmt::Debug for NameIndex<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex").field("len", &self.table.len()).finish()
    }
}

impl<K: Copy + PartialEq> Default for NameIndex<K> {
    fn default() -> Self {
        Self { table: HashTable::new() }
    }
}

impl<K: Copy + PartialEq> NameIndex<K> {
    /// The key registered under `name`, compared case-insensitively.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<K> {
        let hash = name_hash(name);
        self.table.find(hash, |(n, _)| names_equal(n, name)).map(|(_, k)| *k)
    }

    /// Registers `name`; on a clash returns the key that already holds it.
    pub(crate) fn insert(&mut self, name: &str, key: K) -> Result<(), K> {
        if let Some(existing) = self.get(name) {
            return Err(existing);
        }
        self.table.insert_unique(name_hash(name), (Box::from(name), key), |(n, _)| name_hash(n));
        Ok(())
    }

    /// Removes `name` if `key` holds it.
    #[allow(dead_code)] // used once objects can be deleted and renamed
    pub(crate) fn remove(&mut self, name: &str, key: K) -> bool {
        match self.table.find_entry(name_hash(name), |(n, k)| *k == key && names_equal(n, name)) {
            Ok(entry) => {
                entry.remove();
                true
            }
            Err(_) => false,
        }
    }

    /// How many names are registered.
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_names_match_without_regard_to_case() {
        assert!(names_equal("Cluster Group", "CLUSTER group"));
        assert!(!names_equal("Cluster Group", "Cluster Group "));
        assert!(!names_equal("NODE1", "NODE2"));
    }

    #[test]
    fn unicode_simple_folding() {
        assert!(names_equal("ΣΊΣΥΦΟΣ", "σίσυφοσ"));
        assert!(names_equal("σ", "ς"), "final sigma folds onto sigma");
        assert!(names_equal("\u{212A}elvin", "kelvin"), "Kelvin sign folds onto k");
        assert!(names_equal("STRAẞE", "straße"));
        assert!(!names_equal("strasse", "straße"), "simple folding does not expand ß");
        assert!(!names_equal("i", "İ"), "dotted capital I has no simple folding");
    }

    #[test]
    fn equal_names_hash_alike() {
        for (a, b) in [
            ("Cluster Network 1", "CLUSTER NETWORK 1"),
            ("\u{212A}elvin", "kelvin"),
            ("ſtraße-ΣΊΣΥΦΟΣ-long-name", "STRAẞE-σίσυφοσ-LONG-NAME"),
            ("", ""),
        ] {
            assert!(names_equal(a, b), "{a} / {b}");
            assert_eq!(name_hash(a), name_hash(b), "{a} / {b}");
        }
        assert_ne!(name_hash("NODE1"), name_hash("NODE2"));
    }

    #[test]
    fn machine_names() {
        assert!(is_local_machine(".") && is_local_machine("LocalHost"));
        assert!(!is_local_machine("..") && !is_local_machine("localhost.") && !is_local_machine(""));
        assert_eq!(host_in_domain("NODE1.contoso.com", "CONTOSO.COM"), Some("NODE1"));
        assert_eq!(host_in_domain("a.b.corp.example", "corp.example"), Some("a.b"));
        assert_eq!(host_in_domain("\u{212A}1.sim.test", "SIM.test"), Some("\u{212A}1"));
        assert_eq!(host_in_domain(".contoso.com", "contoso.com"), None, "no host part");
        assert_eq!(host_in_domain("NODE1", "contoso.com"), None);
        assert_eq!(host_in_domain("NODE1.contoso.com.", "contoso.com"), None);
        assert_eq!(host_in_domain("NODE1.other.com", "contoso.com"), None);
    }

    #[test]
    fn index_finds_any_case_and_refuses_duplicates() {
        let mut idx = NameIndex::default();
        assert_eq!(idx.insert("Node-Ä", 1u32), Ok(()));
        assert_eq!(idx.get("node-ä"), Some(1));
        assert_eq!(idx.insert("NODE-ä", 2), Err(1));
        assert!(idx.remove("node-Ä", 1));
        assert_eq!(idx.get("Node-Ä"), None);
        assert_eq!(idx.len(), 0);
    }
}
