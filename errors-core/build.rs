//! Generates the enums of the workspace catalogue into `OUT_DIR`. A broken
//! catalogue fails the build with every problem at `path:line:column`.

fn main() -> Result<(), errors_codegen::Error> {
    errors_codegen::Builder::new()
        .taxonomy("../taxonomy.yaml")
        .runtime_crate("crate")
        .docs_url(
            "https://docs.rs/errors-core/latest/errors_core/enum.{enum}.html#variant.{variant}",
        )
        .generate_to_out_dir()?;
    // The baseline `benches/lookup.rs` measures `Code::lookup` against:
    // the same spellings through strum's derived `FromStr`.
    if let (Ok(catalogue), Some(dir)) = (
        errors_codegen::load("../taxonomy.yaml"),
        std::env::var_os("OUT_DIR"),
    ) {
        let mirror = errors_codegen::strum_mirror(&catalogue);
        let path = std::path::Path::new(&dir).join("strum_mirror.rs");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(mirror.as_str()) {
            std::fs::write(path, mirror).map_err(|e| errors_codegen::Error::Io(e.to_string()))?;
        }
    }
    Ok(())
}
