//! The derive input as this macro sees it: the type, its variants (a struct
//! is one), their fields, and the `#[taxonomy(...)]` attributes of each.

use proc_macro2::Span;
use syn::{DeriveInput, Ident, Member, Type};

use crate::attr::{Attrs, Place};
use crate::ctxt::Ctxt;

/// A parsed derive input.
pub(crate) struct Input<'a> {
    pub original: &'a DeriveInput,
    /// The type's own attributes: `crate`, and for a struct everything else.
    pub attrs: Attrs,
    pub data: Data<'a>,
}

/// What kind of type it is.
pub(crate) enum Data<'a> {
    /// An enum: one case per variant.
    Enum(Vec<Case<'a>>),
    /// A struct: one case, whose attributes are on the type.
    Struct(Box<Case<'a>>),
    /// A union cannot be derived for; where its keyword is, for the error.
    Union(Span),
}

/// A variant of an enum, or the struct itself.
pub(crate) struct Case<'a> {
    /// The variant's name, or the struct's.
    pub ident: &'a Ident,
    /// The variant's attributes; empty for a struct (they are on the type).
    pub attrs: Attrs,
    pub fields: Vec<Field<'a>>,
}

/// A field of a case.
pub(crate) struct Field<'a> {
    /// `org` or `0`.
    pub member: Member,
    pub ty: &'a Type,
    /// Marked `#[taxonomy(user)]`: safe to show in `message`.
    pub user: bool,
}

impl<'a> Input<'a> {
    /// Reads `input`, reporting attribute mistakes to `cx`.
    pub fn from_syn(input: &'a DeriveInput, cx: &Ctxt) -> Self {
        // The type's attributes first, so errors come out in source order.
        let place = match &input.data {
            syn::Data::Enum(_) => Place::Enum,
            syn::Data::Struct(_) | syn::Data::Union(_) => Place::Struct,
        };
        let mut attrs = Attrs::parse(&input.attrs, place, cx);
        let data = match &input.data {
            syn::Data::Enum(data) => Data::Enum(
                data.variants
                    .iter()
                    .map(|v| Case {
                        ident: &v.ident,
                        attrs: Attrs::parse(&v.attrs, Place::Variant, cx),
                        fields: fields(&v.fields, cx),
                    })
                    .collect(),
            ),
            // The struct's keys describe its one case; `crate` and
            // `catalogue` stay on the type.
            syn::Data::Struct(data) => {
                let krate = attrs.krate.take();
                let catalogue = attrs.catalogue.take();
                let own_catalogue = attrs.own_catalogue;
                let own = std::mem::replace(
                    &mut attrs,
                    Attrs {
                        krate,
                        catalogue,
                        own_catalogue,
                        ..Attrs::default()
                    },
                );
                Data::Struct(Box::new(Case {
                    ident: &input.ident,
                    attrs: own,
                    fields: fields(&data.fields, cx),
                }))
            }
            syn::Data::Union(data) => Data::Union(data.union_token.span),
        };
        Self {
            original: input,
            attrs,
            data,
        }
    }
}

fn fields<'a>(fields: &'a syn::Fields, cx: &Ctxt) -> Vec<Field<'a>> {
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| Field {
            member: field.ident.clone().map_or_else(
                || {
                    Member::Unnamed(syn::Index {
                        index: u32::try_from(index).unwrap_or(u32::MAX),
                        span: Span::call_site(),
                    })
                },
                Member::Named,
            ),
            ty: &field.ty,
            user: Attrs::parse(&field.attrs, Place::Field, cx).user.is_some(),
        })
        .collect()
}
