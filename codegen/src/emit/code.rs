//! `Code`: the canonical error codes, their facts, and wire lookups.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, format_ident, quote};

use super::docs::{self, code as inline, prose};
use super::docs_url::docs_url;
use super::named::{
    Variant, assumed_fn, named_enum, str_lit, str_slice, str_tokens, table_fn, table_fn_in,
    variant_ident,
};
use super::retry::{retry_prelude, retry_tokens};
use super::{OPTION_PRELUDE, Options};
use errors_catalogue::Spanned;

use errors_catalogue::model::Wire;
use errors_catalogue::pattern::{Pattern, Segment};
use errors_catalogue::spellings::Spellings;
use errors_catalogue::{Catalogue, CodeRef};

pub(super) fn codes(catalogue: &Catalogue, options: &Options) -> TokenStream {
    let runtime = &options.runtime;
    let variants: Vec<Variant> = catalogue
        .codes()
        .iter()
        .map(|code| Variant {
            deprecated: code.deprecated.clone(),
            ..Variant::new(&code.id.value, code_docs(code))
        })
        .collect();
    let name = Ident::new("Code", Span::call_site());
    let frame = named_enum(
        &name,
        "error code",
        &[
            "A canonical error code of the catalogue.".to_string(),
            String::new(),
            "Exhaustive on purpose: a code added to `taxonomy.yaml` makes every `match` that does not handle it fail to compile.".to_string(),
        ],
        &variants,
        options,
    );
    let codes = catalogue.codes();
    // Each status and category once, not once per code, by position.
    let status_idents: Vec<Ident> = catalogue
        .statuses()
        .iter()
        .map(|s| variant_ident(&s.reason.value))
        .collect();
    let category_idents: Vec<Ident> = catalogue
        .categories()
        .iter()
        .map(|c| variant_ident(&c.id.value))
        .collect();
    let tables = [
        table_fn(
            "The catalogue's entry for the status this code is sent with: its \
             meaning, causes and each source's view.",
            "status_entry",
            &quote!(Status),
            codes.iter().map(|c| {
                let s = &status_idents[c.status().position()];
                quote!(Status::#s)
            }),
        ),
        table_fn(
            "The category the code belongs to.",
            "category",
            &quote!(Category),
            codes.iter().map(|c| {
                let v = &category_idents[c.category().position()];
                quote!(Category::#v)
            }),
        ),
        table_fn_in(
            &retry_prelude(runtime),
            "How a client should retry after this error.",
            "retry",
            &quote!(#runtime::Retry),
            codes.iter().map(|c| retry_tokens(&c.retry.value)),
        ),
        table_fn(
            "Text safe to show an end user: no internals, no placeholders.",
            "user_message",
            &quote!(&'static str),
            codes.iter().map(|c| str_tokens(&c.user_message.value)),
        ),
        table_fn(
            "What the code means.",
            "meaning",
            &quote!(&'static str),
            codes.iter().map(|c| str_tokens(&c.meaning)),
        ),
        table_fn(
            "Why it happens.",
            "causes",
            &quote!(&'static [&'static str]),
            codes.iter().map(|c| str_slice(&c.causes)),
        ),
        table_fn(
            "What to do about it.",
            "remedies",
            &quote!(&'static [&'static str]),
            codes.iter().map(|c| str_slice(&c.remedies)),
        ),
        assumed_fn(codes.entries().iter().map(|c| c.assumed.as_slice())),
        table_fn(
            "True for a retired code, kept so its old spellings still parse.",
            "is_deprecated",
            &quote!(bool),
            codes.iter().map(|c| {
                let b = c.deprecated.is_some();
                quote!(#b)
            }),
        ),
    ];
    let idents: Vec<Ident> = variants.iter().map(|v| v.ident.clone()).collect();
    let wire_name = wire_name(catalogue);
    let from_wire = from_wire(catalogue, &idents);
    let lookup = lookup(catalogue, &idents);
    let docs_url = docs_url(
        options,
        errors_catalogue::EntryKind::Code,
        "Code",
        &variants,
    );
    quote! {
        #frame

        // Lookups by string are one `match` arm per spelling: their length
        // is the catalogue's, not complexity.
        #[allow(deprecated, clippy::too_many_lines)]
        impl Code {
            #(#tables)*

            /// The HTTP status this code is sent with.
            #[must_use]
            pub const fn status(self) -> #runtime::__private::http::StatusCode {
                self.status_entry().http()
            }

            #wire_name
            #from_wire
            #lookup
            #docs_url
        }
    }
}

fn code_docs(code: CodeRef<'_>) -> Vec<String> {
    let mut out = vec![format!(
        "{}: {}",
        inline(&code.id.value),
        prose(&code.meaning)
    )];
    out.push(String::new());
    out.push(format!(
        "**Status:** {} · **Category:** `{}`",
        docs::status_line(code.status()),
        code.category.value
    ));
    let spellings: Vec<String> = code
        .wire
        .iter()
        .map(|w| {
            let mut s = format!("`{}`:", w.source.value);
            if let Some(c) = &w.code {
                s.push(' ');
                s.push_str(&inline(&c.value));
            }
            if let Some(m) = &w.message {
                s.push(' ');
                s.push_str(&inline(&format!("\"{}\"", m.value)));
            }
            s
        })
        .collect();
    if !spellings.is_empty() {
        out.push(String::new());
        out.push(format!("**On the wire:** {}", spellings.join("; ")));
    }
    out.push(String::new());
    out.push(format!(
        "**User message:** {}",
        prose(&code.user_message.value)
    ));
    docs::section(&mut out, "Causes", &code.causes);
    docs::section(&mut out, "Remedies", &code.remedies);
    docs::retry(&mut out, &code.retry.value);
    let assumed: Vec<String> = code.assumed.iter().map(|a| a.value.clone()).collect();
    docs::assumed(&mut out, &assumed);
    out
}

/// `wire_name(source)`: the code spelling if there is one, else the
/// message; a table of codes by sources.
fn wire_name(catalogue: &Catalogue) -> TokenStream {
    let tables = [
        per_source_table(
            catalogue,
            "wire_name",
            "How `source` spells this code: its code string, or the fixed \
             message when the source sends no code (a `{name}` part marks text \
             that varies). `None` when the source does not send it.",
            |w| w.code.as_ref().or(w.message.as_ref()),
        ),
        per_source_table(
            catalogue,
            "wire_code",
            "The machine-readable code `source` sends for this code \
             (`RATE_LIMIT_EXCEEDED`), if it sends one.",
            |w| w.code.as_ref(),
        ),
        per_source_table(
            catalogue,
            "wire_message",
            "The fixed message `source` sends for this code, exactly (a \
             `{name}` part marks text that varies), if it sends one.",
            |w| w.message.as_ref(),
        ),
    ];
    quote!(#(#tables)*)
}

/// `pub const fn name(self, source: Source) -> Option<&'static str>` from a
/// codes × sources table of what `pick` finds in each code's wire entries.
fn per_source_table(
    catalogue: &Catalogue,
    name: &str,
    doc: &str,
    pick: impl Fn(&Wire) -> Option<&Spanned<String>>,
) -> TokenStream {
    let rows = catalogue.codes().iter().map(|code| {
        let cells = catalogue.sources().iter().map(|source| {
            let first = code
                .wire()
                .filter(|(from, _)| *from == source)
                .find_map(|(_, w)| pick(w));
            match first {
                Some(text) => {
                    let text = str_lit(&text.value);
                    quote!(Some(#text))
                }
                None => quote!(None),
            }
        });
        quote!([#(#cells),*])
    });
    let sources = Literal::usize_unsuffixed(catalogue.sources().len());
    let codes = Literal::usize_unsuffixed(catalogue.codes().len());
    let body = if catalogue.codes().is_empty() {
        quote!(match self {})
    } else if catalogue.sources().is_empty() {
        quote!(match source {})
    } else {
        quote! {
            #OPTION_PRELUDE
            const TABLE: [[::core::option::Option<&str>; #sources]; #codes] = [#(#rows),*];
            TABLE[self as usize][source as usize]
        }
    };
    let name = format_ident!("{}", name);
    let doc = Literal::string(&format!(" {doc}"));
    quote! {
        #[doc = #doc]
        #[must_use]
        pub const fn #name(self, source: Source) -> ::core::option::Option<&'static str> {
            #body
        }
    }
}

/// The shared index's matchers, as Rust: codes are named by their variants.
struct Matchers<'s, 'a> {
    spellings: &'s Spellings<'a>,
    idents: &'s [Ident],
}

impl Matchers<'_, '_> {
    /// `match text.len() { 5 => …, 17 => …, _ => None }`, each length's
    /// spellings told apart by [`length_bucket`], then the message patterns
    /// in order.
    ///
    /// The length is known as soon as the lookup starts, so the jump table
    /// on it is predicted early; it leaves only the spellings of that
    /// length, and one word of the text leaves one of those to compare
    /// whole. On par with strum's derived `FromStr` (a `match` on `&str`:
    /// the same jump on the length, then one compare per spelling of that
    /// length in turn), slightly ahead at the median (BENCHMARKS.md, "Code
    /// lookups").
    fn matcher(&self, fns: &mut Vec<TokenStream>, prefix: &str) -> TokenStream {
        // Length → its spellings with their codes, in text order.
        let mut by_len: BTreeMap<usize, Vec<(&str, &Ident)>> = BTreeMap::new();
        for (text, codes) in &self.spellings.exact {
            // Validation guarantees one code per spelling; keep the first.
            if let Some(ident) = codes.first().and_then(|&code| self.idents.get(code)) {
                by_len.entry(text.len()).or_default().push((text, ident));
            }
        }
        let lengths = by_len.iter().map(|(len, spellings)| {
            let body = length_bucket(spellings);
            let len = Literal::usize_unsuffixed(*len);
            quote!(#len => #body,)
        });
        let mut fallback = quote!(None);
        for (pattern, code) in self.spellings.patterns.iter().rev() {
            let Some(ident) = self.idents.get(*code) else {
                continue;
            };
            let name = format_ident!("{}_pattern_{}", prefix, fns.len());
            fns.push(pattern_fn(&name, pattern));
            fallback = quote! {
                if Self::#name(text) {
                    Some(Self::#ident)
                } else {
                    #fallback
                }
            };
        }
        if by_len.is_empty() {
            return fallback;
        }
        let exact = quote! {
            match text.len() {
                #(#lengths)*
                _ => None,
            }
        };
        if self.spellings.patterns.is_empty() {
            return exact;
        }
        quote! {
            match #exact {
                Some(code) => Some(code),
                None => #fallback,
            }
        }
    }
}

/// The spellings of one length, compared with `text`, which has that
/// length.
///
/// `text` is viewed as an array of the bucket's length (the length `match`
/// guarantees it is one), so that each spelling is compared with `*bytes
/// == *b"…"`: two arrays of a known size, a few word compares in place.
/// When the bucket holds more than one spelling, one word of `text` (up to
/// 8 bytes, at the offset that tells most of them apart) is matched first
/// against the same word of each spelling, so that `text` is compared
/// whole with one. A `match` on an integer with a few far-apart values
/// compiles to a short tree of compares. Each alternative was measured
/// against strum's `match` on `&str` (BENCHMARKS.md, "Looking up a
/// spelling"): a `match` on one byte compiled to a jump table whose target
/// depends on the input, and the word matched as a byte string to compares
/// byte by byte, both slower; `match text { "…" => … }` after the word, in
/// place of the array compare, was slower too.
fn length_bucket(spellings: &[(&str, &Ident)]) -> TokenStream {
    let Some(len) = spellings.first().map(|(text, _)| text.len()) else {
        return quote!(None);
    };
    let compare = |group: &[(&str, &Ident)]| {
        let mut chain = quote!(None);
        for (text, ident) in group.iter().rev() {
            let text = Literal::byte_string(text.as_bytes());
            chain = quote! {
                if *bytes == *#text { Some(Self::#ident) } else { #chain }
            };
        }
        chain
    };
    let body = match Window::telling_apart(spellings) {
        Some(window) => {
            let mut by_word: BTreeMap<u64, Vec<(&str, &Ident)>> = BTreeMap::new();
            for &(text, ident) in spellings {
                by_word
                    .entry(window.word(text))
                    .or_default()
                    .push((text, ident));
            }
            let arms = by_word.iter().map(|(word, group)| {
                let word = window.literal(*word);
                let body = compare(group);
                quote!(#word => #body,)
            });
            // The window as a sub-array, by an array pattern that skips
            // the bytes before and after it: it cannot fail, and needs no
            // bounds check.
            let before = std::iter::repeat_n(quote!(_), window.at);
            let after = std::iter::repeat_n(quote!(_), len - window.at - window.width);
            let ty = window.ty();
            let word = if window.width == len {
                quote!(let word = bytes;)
            } else {
                quote!(let [#(#before,)* word @ .., #(#after),*] = bytes;)
            };
            quote! {{
                #word
                match #ty::from_le_bytes(*word) {
                    #(#arms)*
                    _ => None,
                }
            }}
        }
        None => compare(spellings),
    };
    let len = Literal::usize_unsuffixed(len);
    quote! {
        match <&[u8; #len]>::try_from(text.as_bytes()) {
            Ok(bytes) => #body,
            Err(_) => None,
        }
    }
}

/// A few bytes at the same offset of every spelling of one length: the
/// generated code compares them as one word.
#[derive(Clone, Copy)]
struct Window {
    at: usize,
    width: usize,
}

impl Window {
    /// The widest window that fits the length (8, 4, 2 or 1 bytes), at the
    /// offset that tells most spellings apart (the first such on a tie, so
    /// the output depends on nothing but the spellings), or `None` when
    /// there is only one spelling to compare.
    fn telling_apart(spellings: &[(&str, &Ident)]) -> Option<Self> {
        if spellings.len() < 2 {
            return None;
        }
        let len = spellings.first()?.0.len();
        let width = [8, 4, 2, 1].into_iter().find(|&w| w <= len)?;
        let distinct = |window: Window| {
            let mut words: Vec<&[u8]> = spellings.iter().map(|(text, _)| window.of(text)).collect();
            words.sort_unstable();
            words.dedup();
            words.len()
        };
        (0..=len - width)
            .map(|at| Window { at, width })
            .max_by_key(|&window| (distinct(window), std::cmp::Reverse(window.at)))
    }

    /// The window's bytes of `text` (every spelling of the bucket is long
    /// enough to hold it).
    fn of(self, text: &str) -> &[u8] {
        text.as_bytes()
            .get(self.at..self.at + self.width)
            .unwrap_or_default()
    }

    /// The window of `text` as the generated code reads it: little-endian.
    fn word(self, text: &str) -> u64 {
        self.of(text)
            .iter()
            .rev()
            .fold(0, |word, &byte| word << 8 | u64::from(byte))
    }

    /// `word` as a literal of the window's type, in hexadecimal grouped by
    /// byte so that its bytes can be read off (last first: little-endian).
    fn literal(self, word: u64) -> TokenStream {
        let bytes: Vec<String> = (0..self.width)
            .rev()
            .map(|i| format!("{:02x}", (word >> (8 * i)) & 0xff))
            .collect();
        let text = format!("0x{}_{}", bytes.join("_"), self.ty());
        // The text is a well-formed literal; unsuffixed, the `match` types it.
        text.parse()
            .unwrap_or_else(|_| Literal::u64_unsuffixed(word).into_token_stream())
    }

    fn ty(self) -> Ident {
        format_ident!("u{}", 8 * self.width)
    }
}

fn from_wire(catalogue: &Catalogue, idents: &[Ident]) -> TokenStream {
    // By source position.
    let per_source = Spellings::per_source(catalogue);
    let mut fns = Vec::new();
    // `#[inline]` on both lookups: they live in the runtime crate, and
    // without it a caller in another crate pays a call that strum's derived
    // `FromStr`, generated in the caller's crate, does not (measured: 1.5×
    // slower without, on par with; BENCHMARKS.md).
    let arms: Vec<TokenStream> = catalogue
        .sources()
        .iter()
        .zip(&per_source)
        .map(|(source, spellings)| {
            let variant = variant_ident(&source.id.value);
            let matcher = Matchers { spellings, idents }.matcher(&mut fns, "from_wire");
            quote!(Source::#variant => #matcher,)
        })
        .collect();
    quote! {
        /// The code `source` means by `text`: its code string or one of its
        /// fixed messages (a message with a variable part matches any
        /// filling, so `"App not found: my-app"` is found). Exact, case
        /// sensitive; `None` for text the catalogue does not know.
        #[must_use]
        #[inline]
        pub fn from_wire(source: Source, text: &str) -> ::core::option::Option<Self> {
            #OPTION_PRELUDE
            match source {
                #(#arms)*
            }
        }

        #(#fns)*
    }
}

fn lookup(catalogue: &Catalogue, idents: &[Ident]) -> TokenStream {
    let all = Spellings::all(catalogue);
    let mut fns = Vec::new();
    let matcher = Matchers {
        spellings: &all,
        idents,
    }
    .matcher(&mut fns, "lookup");
    quote! {
        /// The code `text` names in any source: a canonical id, a wire code
        /// or a fixed message. Exact and case sensitive.
        #[must_use]
        #[inline]
        pub fn lookup(text: &str) -> ::core::option::Option<Self> {
            #OPTION_PRELUDE
            #matcher
        }

        #(#fns)*
    }
}

/// A private `fn name(text: &str) -> bool` matching one message pattern with
/// straight-line `strip_prefix`/`find`, the same rule as `Pattern::matches`.
fn pattern_fn(name: &Ident, pattern: &Pattern<'_>) -> TokenStream {
    let mut steps = Vec::new();
    let segments = pattern.segments();
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Literal(lit) => {
                let lit = str_lit(lit);
                steps.push(quote!(let rest = rest.strip_prefix(#lit)?;));
            }
            // A hole takes at least one character, then runs to the next
            // literal's first place; a hole at the end takes what is left.
            Segment::Hole(_) => {
                if let Some(Segment::Literal(next)) = segments.get(i + 1) {
                    let next = str_lit(next);
                    steps.push(quote! {
                        let skip = rest.chars().next()?.len_utf8();
                        let rest = rest.get(skip..)?;
                        let rest = rest.get(rest.find(#next)?..)?;
                    });
                }
            }
        }
    }
    let end = if matches!(segments.last(), Some(Segment::Hole(_))) {
        quote!((!rest.is_empty()).then_some(()))
    } else {
        quote!(rest.is_empty().then_some(()))
    };
    quote! {
        fn #name(text: &str) -> bool {
            fn walk(rest: &str) -> ::core::option::Option<()> {
                #(#steps)*
                #end
            }
            walk(text).is_some()
        }
    }
}
