//! A tri-state field for request bodies whose `null` means something.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field of a request body that can be left out, sent as an explicit `null`, or sent with a
/// value.
///
/// The Identity API reads a missing field and a `null` field differently in a few places: a
/// secret that never expires is `{"Expires": false, "Expiration": null}`, whereas an update that
/// only changes the description leaves `Expiration` out. Use it with
/// `#[serde(default, skip_serializing_if = "Patch::is_unchanged")]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Leave the field out of the body: the server keeps its current value.
    #[default]
    Unchanged,
    /// Send an explicit `null`.
    Null,
    /// Send this value.
    Value(T),
}

impl<T> Patch<T> {
    /// `true` for [`Patch::Unchanged`] (used by `skip_serializing_if`).
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Patch::Unchanged)
    }

    /// The value, if one is set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Patch::Value(value) => Some(value),
            Patch::Unchanged | Patch::Null => None,
        }
    }

    /// `Some(v)` becomes [`Patch::Value`], `None` becomes [`Patch::Null`] (an explicit null).
    pub fn from_nullable(value: Option<T>) -> Self {
        match value {
            Some(value) => Patch::Value(value),
            None => Patch::Null,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Value(value) => value.serialize(serializer),
            // `Unchanged` is normally skipped by `skip_serializing_if`; if it is not, the
            // closest JSON is `null`.
            Patch::Unchanged | Patch::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    /// A present field is `Null` or `Value`; a missing one becomes `Unchanged` through
    /// `#[serde(default)]`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Patch::from_nullable)
    }
}

#[cfg(test)]
mod tests {
    use super::Patch;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Body {
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        field: Patch<u8>,
    }

    #[test]
    fn three_states_on_the_wire() {
        let json = |field| serde_json::to_string(&Body { field }).unwrap();
        assert_eq!(json(Patch::Unchanged), "{}");
        assert_eq!(json(Patch::Null), r#"{"field":null}"#);
        assert_eq!(json(Patch::Value(7)), r#"{"field":7}"#);
    }

    #[test]
    fn three_states_read_back() {
        let read = |s: &str| serde_json::from_str::<Body>(s).unwrap().field;
        assert_eq!(read("{}"), Patch::Unchanged);
        assert_eq!(read(r#"{"field":null}"#), Patch::Null);
        assert_eq!(read(r#"{"field":7}"#), Patch::Value(7));
    }
}
