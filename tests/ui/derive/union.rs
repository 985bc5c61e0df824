use errors_core::ErrorTaxonomy;

#[derive(ErrorTaxonomy)]
#[taxonomy(code = "conflict")]
union RenderError {
    code: u16,
    flags: u32,
}

fn main() {}
