//! What the engine's integration tests share: the fixture list and the demo, read as a caller would
//! (the engine itself reads no files).
#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use vipguard::{decode, enroll_rgb, AvatarRef, ProtectedList};

/// The repository's root, where `demo/` is.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A list file, parsed with its path as the source errors name.
pub fn list(path: &Path) -> ProtectedList {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ProtectedList::parse(&text, &path.display().to_string()).unwrap()
}

/// `tests/fixtures/protected.json`, the list the evasion fixtures are checked against.
pub fn fixture_list() -> ProtectedList {
    list(Path::new("tests/fixtures/protected.json"))
}

/// The demo list with its avatar pictures enrolled as hashes, as `vipguard enroll` writes it.
pub fn demo_list_enrolled() -> ProtectedList {
    let demo = root().join("demo");
    let mut list = list(&demo.join("protected.json"));
    for a in &mut list.accounts {
        for v in &mut a.avatars {
            if let AvatarRef::Path(p) = v {
                let bytes = std::fs::read(demo.join(&*p)).unwrap();
                *v = AvatarRef::Hash(enroll_rgb(&decode(&bytes).unwrap()));
            }
        }
    }
    list
}
