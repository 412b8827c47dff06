//! The `vipguard` command line (native only; see `cli.rs`). On wasm32 the crate is the browser package
//! and this binary is empty.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

// Building an index and checking allocate many small strings: mimalloc is about 25% faster per check
// than glibc's malloc here (see docs/benchmarks.md).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
