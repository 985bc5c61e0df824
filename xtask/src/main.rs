//! `cargo xtask generate`: writes every committed file generated from the
//! workspace catalogue, and says which ones changed.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    if args.len() != 1 || args[0] != "generate" {
        eprintln!(
            "usage: cargo xtask generate\n\n\
             Regenerates, from taxonomy.yaml, the code the workspace commits:\n{}",
            xtask::OUTPUTS
                .iter()
                .map(|o| format!("  {}  ({})", o.path, o.what))
                .collect::<Vec<_>>()
                .join("\n")
        );
        return ExitCode::from(2);
    }
    let root = xtask::workspace_root();
    let files = match xtask::generate(&root) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("xtask: {e}");
            return ExitCode::FAILURE;
        }
    };
    for file in &files {
        match errors_codegen::write_if_changed(&root.join(file.path), &file.contents) {
            Ok(errors_codegen::Written::Unchanged) => println!("unchanged  {}", file.path),
            Ok(_) => println!("written    {}", file.path),
            Err(e) => {
                eprintln!("xtask: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
