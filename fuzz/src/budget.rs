//! The memory budget of one input: the process's allocator counts the heap in use and aborts, as a
//! crash the fuzzer keeps, when an allocation would take it past [`LIMIT_BYTES`].
//!
//! Why not libFuzzer's own limits: `-malloc_limit_mb` needs a sanitizer runtime's malloc hooks, which
//! a stable toolchain does not build (fuzz/README.md), and `-rss_limit_mb` sees only pages touched, so
//! a 1 GB zeroed buffer the decoder asks for and then abandons passes it. Counting here catches the
//! request itself. Why not a crate: `cap` limits but cannot reset its peak between inputs, and
//! `peak_alloc` resets but has no limit; this is the two together in a few lines.
//!
//! Aborting rather than returning null: the image decoders reserve with `try_reserve` and would turn a
//! refused allocation into an ordinary error, hiding the bomb.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Most heap one input may hold at once: what the engine should need for any picture or list it
/// accepts, with room to spare (the decoder alone may take 256 MB; see fuzz/README.md).
pub const LIMIT_BYTES: usize = 512 * 1024 * 1024;

static LIMIT: AtomicUsize = AtomicUsize::new(LIMIT_BYTES);
static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

struct Budget;

#[global_allocator]
static ALLOCATOR: Budget = Budget;

impl Budget {
    fn grow(&self, bytes: usize) {
        let now = IN_USE.fetch_add(bytes, Relaxed) + bytes;
        PEAK.fetch_max(now, Relaxed);
        let limit = LIMIT.load(Relaxed);
        if now > limit {
            // Writing to stderr and formatting integers allocate nothing.
            let _ = writeln!(
                std::io::stderr(),
                "vipguard-fuzz: an allocation of {bytes} bytes takes the heap to {now} bytes, past \
                 the budget of {limit} (a memory bomb)"
            );
            std::process::abort();
        }
    }
}

// SAFETY: every call is passed to the system allocator unchanged; only the counters are added.
unsafe impl GlobalAlloc for Budget {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.grow(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        self.grow(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as the new block beside the old one, the most a move can hold at once.
        self.grow(new_size);
        let moved = System.realloc(ptr, layout, new_size);
        if moved.is_null() {
            IN_USE.fetch_sub(new_size, Relaxed);
        } else {
            IN_USE.fetch_sub(layout.size(), Relaxed);
        }
        moved
    }
}

/// Start measuring one input: the peak from now on.
pub fn reset_peak() {
    PEAK.store(IN_USE.load(Relaxed), Relaxed);
}

/// The most heap held at once since [`reset_peak`], in bytes.
pub fn peak_bytes() -> usize {
    PEAK.load(Relaxed)
}

/// Change the budget, for measuring how far past it an input goes (examples/peak.rs).
pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes, Relaxed);
}
