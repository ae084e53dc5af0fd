//! The `jobdelta` command; all the work happens in the library modules.

fn main() -> std::process::ExitCode {
    jobdelta_cli::main()
}
