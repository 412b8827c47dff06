//! What the memory tests share (`avatar_memory.rs`, `merge_memory.rs`): the bytes a piece of work
//! allocated at its peak, read from the test binary's own counting allocator. Each binary keeps its
//! own `#[global_allocator] static ALLOC: PeakAlloc` and passes it here; included by `#[path]` (as
//! `bombs.rs` is), so neither binary compiles the other's helpers.

use peak_alloc::PeakAlloc;

/// Bytes allocated at the peak of `f`, above what was allocated before it: the peak is reset first,
/// so what the binary allocated earlier (and freed) does not count.
pub fn peak_bytes(alloc: &PeakAlloc, f: impl FnOnce()) -> usize {
    let before = alloc.current_usage();
    alloc.reset_peak_usage();
    f();
    alloc.peak_usage().saturating_sub(before)
}
