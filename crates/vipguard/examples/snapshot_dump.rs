//! A list's checker, built as the CLI builds it, written as its snapshot bytes: two builds of the
//! engine that must index the same way write the same file (`cmp`), e.g. before and after a change to
//! how the index is built (docs/benchmarks.md, "Building faster").
//!
//!     cargo run --release -p vipguard --features parallel --example snapshot_dump -- LIST.json OUT

use vipguard::{save_snapshot, Checker, ProtectedList};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: snapshot_dump LIST.json OUT");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).expect("read the list");
    let list = ProtectedList::parse_all(&text, path).expect("a valid list");
    let bytes = save_snapshot(&Checker::new(list).expect("a valid list"), "list");
    std::fs::write(out, bytes).expect("write the snapshot");
}
