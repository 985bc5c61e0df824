//! Writing to stdout without a panic: `taxonomy explain 429 | head` closes
//! the pipe early, and `println!` would panic on the broken pipe.

use std::io::Write as _;
use std::process::ExitCode;

/// Writes `text` and a newline; a closed pipe ends the command quietly.
pub(crate) fn print(text: &str) -> ExitCode {
    write(&format!("{text}\n"))
}

/// Writes `text` as it is.
pub(crate) fn write(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("taxonomy: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}
