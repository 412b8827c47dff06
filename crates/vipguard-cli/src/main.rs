//! The `vipguard` command line (see `cli.rs`): a thin layer over the engine crate that reads files,
//! runs checks in parallel and writes results.

mod cli;
mod enroll;
mod files;

// Building an index and checking allocate many small strings: mimalloc is about 25% faster per check
// than glibc's malloc here (see docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
