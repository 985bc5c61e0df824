//! What every generated enum shares: a catalogue spelling, and the trait
//! impls that follow from it (`Display`, `FromStr`, serde). Written once
//! here and stamped onto each enum by [`__impl_named!`](crate::__impl_named).

use std::fmt;

/// An enum whose values have one spelling each in the catalogue.
pub trait Named: Sized + Copy + 'static {
    /// What one value is called in messages (`"error code"`).
    const WHAT: &'static str;
    /// Every spelling, in catalogue order.
    const NAMES: &'static [&'static str];
    /// This value's spelling.
    fn as_str(self) -> &'static str;
    /// The value spelled `name`, exactly.
    fn from_name(name: &str) -> Option<Self>;
}

/// A spelling no value of the enum has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    what: &'static str,
    name: String,
}

impl UnknownName {
    #[doc(hidden)]
    #[must_use]
    pub fn new(what: &'static str, name: &str) -> Self {
        // Bounded: the name may come from a peer and ends up in logs.
        let name: String = name.chars().take(64).collect();
        Self { what, name }
    }

    /// The text that was not recognised (at most 64 characters of it).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`", self.what, self.name)
    }
}

impl std::error::Error for UnknownName {}

struct Visitor<T>(std::marker::PhantomData<T>);

impl<T: Named> serde::de::Visitor<'_> for Visitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {}", T::WHAT)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        T::from_name(v).ok_or_else(|| E::unknown_variant(v, T::NAMES))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
        // HTTP statuses travel as numbers; their spelling is the number.
        T::from_name(&v.to_string())
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
    }
}

#[doc(hidden)]
pub fn deserialize<'de, T: Named, D: serde::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_str(Visitor(std::marker::PhantomData))
}

#[doc(hidden)]
pub fn deserialize_number<'de, T: Named, D: serde::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(Visitor(std::marker::PhantomData))
}

/// `Display`, `FromStr`, `Serialize` and `Deserialize` from [`Named`].
/// With `, number`, serialises as a number (HTTP statuses).
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_named {
    ($ty:ident) => {
        $crate::__impl_named!(@common $ty);
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize(deserializer)
            }
        }
    };
    ($ty:ident, number) => {
        $crate::__impl_named!(@common $ty);
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_u16(self.as_u16())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_number(deserializer)
            }
        }
    };
    (@common $ty:ident) => {
        $crate::__impl_strum!($ty);

        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = $crate::UnknownName;

            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::from_name(s).ok_or_else(|| {
                    $crate::UnknownName::new(<Self as $crate::Named>::WHAT, s)
                })
            }
        }
    };
}

/// strum's `EnumCount` and `IntoEnumIterator`, from `ALL`, with the
/// feature `strum`. Implemented rather than derived: strum's derives name
/// every variant, which warns on `#[deprecated]` ones, and a retired code
/// stays in its enum without warnings.
#[cfg(feature = "strum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_strum {
    ($ty:ident) => {
        impl $crate::__private::strum::EnumCount for $ty {
            const COUNT: usize = Self::ALL.len();
        }

        impl $crate::__private::strum::IntoEnumIterator for $ty {
            type Iterator = ::core::iter::Copied<::core::slice::Iter<'static, Self>>;

            fn iter() -> Self::Iterator {
                Self::ALL.iter().copied()
            }
        }
    };
}

/// Without the feature `strum`, nothing: `ALL` is the iterator.
#[cfg(not(feature = "strum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_strum {
    ($ty:ident) => {};
}
