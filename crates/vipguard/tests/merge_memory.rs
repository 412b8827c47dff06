//! What `vipguard decisions merge` costs beyond the decisions it read (issue 26: a million decisions
//! merged in 1.2 GB, docs/feed.md, "A large export"): working out the merge and writing its export
//! allocate a few bytes a decision, not copies of them, a map of their accounts or the export's text.
//! Measured by counting this test binary's allocations, so it is one test: tests running beside it
//! would be counted too.

#[path = "common/peak.rs"]
mod peak;

use peak_alloc::PeakAlloc;
use vipguard::{plan_merge, Decision, DecisionKind};

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// Decisions in each of the two files merged.
const N: usize = 100_000;
/// Most the merge may allocate a decision, in bytes: a record of 24 bytes for sorting, the sort's
/// scratch, and a pointer to the decision that stands (51 measured). The code before held a map of
/// copied keys, a copy of every decision that stands and the export's text (538 measured, as the CLI
/// merged then: `merge_decisions`, its text written).
const BOUND_PER_DECISION: usize = 100;

/// Bytes allocated at the peak of `f`, above what was allocated before it.
fn peak_bytes(f: impl FnOnce()) -> usize {
    peak::peak_bytes(&ALLOC, f)
}

/// Alice's decisions, and Bob's on the same accounts (a third in upper case), one in 50 a conflict.
fn files() -> Vec<(String, Vec<Decision>)> {
    let file = |by: &str, hour: u32| -> Vec<Decision> {
        (0..N)
            .map(|i| Decision {
                platform: if i % 5 == 0 { "bluesky" } else { "x" }.into(),
                handle: if by == "bob" && i % 3 == 0 {
                    format!("Bench_Account_{i}")
                } else {
                    format!("bench_account_{i}")
                },
                // One account in 50 decided otherwise by Bob.
                decision: if (i % 7 == 0) != (by == "bob" && i % 50 == 0) {
                    DecisionKind::Confirmed
                } else {
                    DecisionKind::NotImpersonator
                },
                by: by.into(),
                at: format!(
                    "2026-12-01T{:02}:{:02}:{:02}Z",
                    (hour as usize + i / 3600) % 24,
                    i / 60 % 60,
                    i % 60
                ),
                note: (i % 2 == 0).then(|| format!("ticket BENCH-{i}")),
                matched: Some(format!("vip-{:03}", i % 1000)),
            })
            .collect()
    };
    vec![
        ("alice.json".into(), file("alice", 0)),
        ("bob.json".into(), file("bob", 1)),
    ]
}

#[test]
fn a_merge_costs_a_few_bytes_a_decision() {
    let inputs = files();
    let at = "2026-12-03T00:00:00Z";
    let mut count = 0;
    let bytes = peak_bytes(|| {
        let plan = plan_merge(&inputs, at).expect("merged");
        plan.write_export(std::io::sink()).expect("written");
        count = plan.count();
    });
    assert_eq!(count, N);
    let per_decision = bytes / (2 * N);
    assert!(
        per_decision <= BOUND_PER_DECISION,
        "the merge of {} decisions took {bytes} bytes, {per_decision} a decision (at most {BOUND_PER_DECISION})",
        2 * N
    );
    // That the export is byte for byte what main's merge wrote is crates/vipguard-cli/tests/
    // merge_golden.rs (goldens written by main's CLI); comparing with `merge_decisions` here would
    // compare this code with itself.
    let plan = plan_merge(&inputs, at).expect("merged");
    assert!(!plan.conflicts.is_empty(), "the files conflict somewhere");
    eprintln!(
        "merge: {bytes} bytes, {per_decision} a decision; {} conflicts",
        plan.conflicts.len()
    );
}
