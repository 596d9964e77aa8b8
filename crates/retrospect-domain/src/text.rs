//! Enum <-> text conversions shared by the CLI, the Markdown format and storage.

use crate::DomainError;

/// An enum with stable lower-case names (used in files, the database and flags).
pub trait EnumName: Sized + Copy + 'static {
    const WHAT: &'static str;
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
    /// Extra accepted spellings, compared case-insensitively after the name.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
}

/// Parses a name or alias, ignoring case, spaces, dashes and underscores.
pub fn parse_enum<T: EnumName>(value: &str) -> Result<T, DomainError> {
    let wanted = normalise(value);
    T::ALL
        .iter()
        .copied()
        .find(|v| {
            normalise(v.name()) == wanted || v.aliases().iter().any(|a| normalise(a) == wanted)
        })
        .ok_or_else(|| DomainError::UnknownValue {
            what: T::WHAT,
            value: value.to_string(),
            choices: T::ALL
                .iter()
                .map(|v| v.name())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Declares `EnumName`, `Display`, `FromStr` and string serde for a plain enum.
#[macro_export]
macro_rules! named_enum {
    ($ty:ident, $what:literal, { $($variant:ident => $name:literal $(| $alias:literal)*),+ $(,)? }) => {
        impl $crate::EnumName for $ty {
            const WHAT: &'static str = $what;
            const ALL: &'static [Self] = &[$($ty::$variant),+];
            fn name(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
            fn aliases(self) -> &'static [&'static str] {
                match self { $($ty::$variant => &[$($alias),*]),+ }
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::EnumName::name(*self))
            }
        }
        impl std::str::FromStr for $ty {
            type Err = $crate::DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::parse_enum(s)
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::EnumName::name(*self))
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $crate::parse_enum(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// Checks a required piece of text: trimmed, non-empty, within a length limit.
pub(crate) fn required(
    field: &'static str,
    value: &str,
    max: usize,
) -> Result<String, DomainError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(DomainError::Empty { field });
    }
    let len = v.chars().count();
    if len > max {
        return Err(DomainError::TooLong { field, len, max });
    }
    Ok(v.to_string())
}
