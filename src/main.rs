//! The `vipguard` command line (native only; see `cli.rs`). On wasm32 the crate is the browser package
//! and this binary is empty.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
