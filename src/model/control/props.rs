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
}
