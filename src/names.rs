//! Object names: case-insensitive comparison and the per-cluster name index.
//!
//! ClusAPI compares names without regard to case and keeps them with the case they were
//! created with. We fold each character on its own (simple case folding, as Windows'
//! ordinal ignore-case comparison does), never allocating on the lookup path: the index is a
//! `hashbrown::HashTable` whose hash and equality we compute over the folded characters.

use std::hash::{BuildHasher, Hasher};

use hashbrown::{DefaultHashBuilder, HashTable};

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
fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars().map(fold_char)
}

/// Whether two names are the same name to ClusAPI.
#[must_use]
pub(crate) fn names_equal(a: &str, b: &str) -> bool {
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

/// Case-insensitive map from names to object keys, one per cluster and object kind.
#[derive(Clone)]
pub(crate) struct NameIndex<K> {
    table: HashTable<(Box<str>, K)>,
    hasher: DefaultHashBuilder,
}

impl<K> std::fmt::Debug for NameIndex<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex").field("len", &self.table.len()).finish()
    }
}

impl<K: Copy + PartialEq> Default for NameIndex<K> {
    fn default() -> Self {
        Self { table: HashTable::new(), hasher: DefaultHashBuilder::default() }
    }
}

impl<K: Copy + PartialEq> NameIndex<K> {
    fn hash(hasher: &DefaultHashBuilder, name: &str) -> u64 {
        let mut h = hasher.build_hasher();
        for c in folded(name) {
            h.write_u32(u32::from(c));
        }
        h.finish()
    }

    /// The key registered under `name`, compared case-insensitively.
    pub(crate) fn get(&self, name: &str) -> Option<K> {
        let hash = Self::hash(&self.hasher, name);
        self.table.find(hash, |(n, _)| names_equal(n, name)).map(|(_, k)| *k)
    }

    /// Registers `name`; on a clash returns the key that already holds it.
    pub(crate) fn insert(&mut self, name: &str, key: K) -> Result<(), K> {
        if let Some(existing) = self.get(name) {
            return Err(existing);
        }
        let hash = Self::hash(&self.hasher, name);
        let hasher = &self.hasher;
        self.table.insert_unique(hash, (Box::from(name), key), |(n, _)| Self::hash(hasher, n));
        Ok(())
    }

    /// Removes `name` if `key` holds it.
    #[allow(dead_code)] // used once objects can be deleted and renamed
    pub(crate) fn remove(&mut self, name: &str, key: K) -> bool {
        let hash = Self::hash(&self.hasher, name);
        match self.table.find_entry(hash, |(n, k)| *k == key && names_equal(n, name)) {
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
