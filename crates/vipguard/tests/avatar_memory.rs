//! What a hostile picture costs (issue 24, findings 4 and 6): each bomb of `common/bombs.rs` is refused
//! with an error that names its size (or read without its oversized metadata), having allocated at
//! most `BOUND_MB` on the way; and the largest picture still accepted is hashed, as `enroll` hashes it,
//! within `ACCEPTED_BOUND_MB`. Measured by counting this test binary's allocations, so it is one test:
//! tests running beside it would be counted too.

#[path = "common/bombs.rs"]
mod bombs;
#[path = "common/peak.rs"]
mod peak;

use peak_alloc::PeakAlloc;
use vipguard::{decode, enroll_rgb, query_hashes};

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// Most a refused picture may cost, in MiB: the decoder's cap (64 MiB) and what inflating grows by.
const BOUND_MB: usize = 100;
/// Most the largest picture accepted (4096x4096) may cost to decode, enroll and query, in MiB: its
/// pixels, their mirror, their luma and the working copies of one variant at full size (416 measured).
const ACCEPTED_BOUND_MB: usize = 450;

/// Megabytes allocated at the peak of `f`, above what was allocated before it.
fn peak_mb(f: impl FnOnce()) -> usize {
    peak::peak_bytes(&ALLOC, f) >> 20
}

#[test]
fn hostile_pictures_are_refused_within_a_memory_bound() {
    // The error each gets; None: read (the PNG decoder drops an ICC profile over the cap, and the
    // picture is 16x16).
    let wanted = [
        ("webp-8192x8192.webp", Some("8192x8192 pixels, too large")),
        ("png-8192x8192.png", Some("8192x8192 pixels, too large")),
        ("png-16x16-icc-300mb.png", None),
        (
            "png-rgba16-8192x4096.png",
            Some("8192x4096 pixels, too large"),
        ),
        (
            "png-rgba16-4096x4096.png",
            Some("4096x4096 pixels of 8 bytes each, too large: at most 64 MB"),
        ),
        ("gif-height-0.gif", Some("1x0 pixels: it has no pixels")),
        (
            "jpeg-4096x4096-101-scans.jpg",
            Some("Too many scans, exceeded limit of 100"),
        ),
    ];
    let all = bombs::all();
    assert_eq!(all.len(), wanted.len(), "every bomb has its expected error");
    for (bomb, (name, error)) in all.iter().zip(wanted) {
        assert_eq!(bomb.name, name);
        let mut got = None;
        let mb = peak_mb(|| got = Some(decode(&bomb.bytes).map(|rgb| enroll_rgb(&rgb))));
        match (got.unwrap(), error) {
            (Err(e), Some(error)) => {
                assert!(e.message.contains(error), "{name}: {e:?} lacks {error:?}")
            }
            (Err(e), None) => panic!("{name} was refused: {e}"),
            (Ok(_), Some(_)) => panic!("{name} was decoded"),
            (Ok(_), None) => {}
        }
        assert!(mb <= BOUND_MB, "{name} took {mb} MiB (at most {BOUND_MB})");
    }
    // The largest picture accepted, decoded, enrolled and queried.
    let largest = bombs::largest_accepted().bytes;
    let mb = peak_mb(|| {
        let rgb = decode(&largest).expect("4096x4096 is read");
        enroll_rgb(&rgb);
        query_hashes(&rgb);
    });
    assert!(
        mb <= ACCEPTED_BOUND_MB,
        "4096x4096 took {mb} MiB (at most {ACCEPTED_BOUND_MB})"
    );
}
