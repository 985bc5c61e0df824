//! Conversions between the catalogued [`Status`](crate::Status) and
//! `http::StatusCode`, stamped onto the generated enum.

/// A status the catalogue does not list. It is still a valid HTTP status:
/// handle it by its class (4xx, 5xx).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UncataloguedStatus(pub http::StatusCode);

impl std::fmt::Display for UncataloguedStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP status {} is not in the catalogue", self.0.as_u16())
    }
}

impl std::error::Error for UncataloguedStatus {}

/// An `http::StatusCode` from a number known at compile time: an invalid
/// number fails the build, so generated code needs no `unwrap`.
#[doc(hidden)]
#[must_use]
pub const fn status<const N: u16>() -> http::StatusCode {
    const {
        match http::StatusCode::from_u16(N) {
            Ok(status) => status,
            Err(_) => panic!("the catalogue validated every status to 100..=999"),
        }
    }
}

#[doc(hidden)]
#[macro_export]
macro_rules! __impl_status {
    ($ty:ident) => {
        impl ::core::convert::TryFrom<$crate::__private::http::StatusCode> for $ty {
            type Error = $crate::UncataloguedStatus;

            fn try_from(
                status: $crate::__private::http::StatusCode,
            ) -> ::core::result::Result<Self, Self::Error> {
                Self::from_u16(status.as_u16()).ok_or($crate::UncataloguedStatus(status))
            }
        }

        impl ::core::convert::From<$ty> for $crate::__private::http::StatusCode {
            fn from(status: $ty) -> Self {
                status.http()
            }
        }

        impl ::core::cmp::PartialEq<$crate::__private::http::StatusCode> for $ty {
            fn eq(&self, other: &$crate::__private::http::StatusCode) -> bool {
                self.as_u16() == other.as_u16()
            }
        }
    };
}
