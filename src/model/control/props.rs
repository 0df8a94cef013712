//! The property values an object holds: only those set (through a control code, the
//! builder or a topology file); every other property reads its catalog default.

use crate::types::proplist::PropertyValue;

/// The properties set on one object, common and private, by name (as the catalog spells
/// it), and a counter of sets, so the notification layer sees a change.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Props {
    values: Vec<(&'static str, PropertyValue)>,
    /// Private properties that are not in the catalog (a type's private set the
    /// simulator does not know is open-ended): their names as given.
    extra: Vec<(String, PropertyValue)>,
    version: u64,
    /// A counter of the sets that were of private properties (V2 tells them apart).
    private_version: u64,
}

impl Props {
    /// The value set for `name` (a catalog name), if any.
    pub(crate) fn get(&self, name: &str) -> Option<&PropertyValue> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Sets a catalog property.
    pub(crate) fn set(&mut self, name: &'static str, value: PropertyValue) {
        match self.values.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.values.push((name, value)),
        }
        self.version = self.version.wrapping_add(1);
    }

    /// The properties set outside the catalog, in the order they were first set.
    pub(crate) fn extra(&self) -> &[(String, PropertyValue)] {
        &self.extra
    }

    /// Sets a property outside the catalog.
    pub(crate) fn set_extra(&mut self, name: &str, value: PropertyValue) {
        match self.extra.iter_mut().find(|(n, _)| crate::types::names::names_equal(n, name)) {
            Some(slot) => slot.1 = value,
            None => self.extra.push((name.to_owned(), value)),
        }
        self.version = self.version.wrapping_add(1);
    }

    /// Removes a property set (catalog or not; a catalog one reads its default again);
    /// whether there was one.
    pub(crate) fn remove(&mut self, name: &str) -> bool {
        let before = self.values.len().saturating_add(self.extra.len());
        self.values.retain(|(n, _)| !crate::types::names::names_equal(n, name));
        self.extra.retain(|(n, _)| !crate::types::names::names_equal(n, name));
        let removed = self.values.len().saturating_add(self.extra.len()) != before;
        if removed {
            self.version = self.version.wrapping_add(1);
        }
        removed
    }

    /// How many sets this object has seen: a change means a `*_PROPERTY` event.
    pub(crate) fn version(&self) -> u64 {
        self.version
    }

    /// Notes that the sets just made were of private properties (a private set, a value of
    /// the `Parameters` key): V2 raises `*_PRIVATE_PROPERTY` for them, not
    /// `*_COMMON_PROPERTY`.
    pub(crate) fn note_private(&mut self) {
        self.private_version = self.private_version.wrapping_add(1);
    }

    /// How many private sets this object has seen (see [`note_private`](Self::note_private)).
    pub(crate) fn private_version(&self) -> u64 {
        self.private_version
    }

    /// The parts of the properties that changed between two looks, `(version,
    /// private_version)` before and now: private when a private set was noted, common when
    /// the object saw other sets.
    pub(crate) fn parts_changed(before: (u64, u64), now: (u64, u64)) -> (bool, bool) {
        let private = before.1 != now.1;
        let common = before.0 != now.0 && !private;
        (common, private)
    }
}
