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
    Ok(())
}
