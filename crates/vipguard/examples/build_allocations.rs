//! Heap allocations and bytes of loading a protected list and building a Checker, the same 10,000
//! synthetic accounts as `make wasm-bench`: in WebAssembly each allocation goes through dlmalloc, which
//! was a fifth of a build's time in Chromium. Counts, not times, so runs agree on a noisy machine:
//!     cargo run --release --example build_allocations [ACCOUNTS]   # 10,000 unless given
#[path = "../benches/synth.rs"]
mod synth;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use vipguard::{Checker, ProtectedList};

struct Counting;
static COUNT: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
    COUNT.fetch_add(1, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        grew(l.size());
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        grew(new);
        LIVE.fetch_sub(l.size(), Relaxed);
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations, peak extra bytes and bytes still held after `f`.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize, usize) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    COUNT.store(0, Relaxed);
    let out = f();
    let (count, peak, live) = (COUNT.load(Relaxed), PEAK.load(Relaxed), LIVE.load(Relaxed));
    (out, count, peak - before, live - before)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(10_000, |a| a.parse().expect("a number of accounts"));
    let text = serde_json::to_string(&synth::protected(n, 7)).unwrap();
    let (list, n1, p1, l1) = measure(|| ProtectedList::from_json(&text, "list").unwrap());
    let (checker, n2, p2, l2) = measure(|| Checker::new(list).expect("a valid list"));
    println!("{n:>7} accounts                 allocations   peak bytes   bytes held");
    println!("load the list (JSON)         {n1:>14} {p1:>12} {l1:>12}");
    println!("build the Checker            {n2:>14} {p2:>12} {l2:>12}");
    drop(checker);
}
