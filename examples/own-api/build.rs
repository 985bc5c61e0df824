// Generates Acme's enums and its `Taxonomy` from taxonomy.yaml on every
// build that changes it; a broken catalogue fails the build with
// `taxonomy.yaml:line:column` and every problem at once.
fn main() -> Result<(), errors_codegen::Error> {
    errors_codegen::Builder::new()
        .taxonomy("taxonomy.yaml")
        .generate_to_out_dir()?;
    Ok(())
}
