//! Reads one picture as a profile's avatar is read (decoded, then hashed: what `vipguard check --avatar`
//! does with it) and says whether it was read or refused. `scripts/bomb-bench.sh` runs it under
//! `/usr/bin/time` on each picture of `tests/common/bombs.rs`, in this tree and in the tree before the
//! decoder's limits, for their peak memory and time.

fn main() {
    let path = std::env::args().nth(1).expect("usage: decode_one PICTURE");
    let bytes = std::fs::read(&path).expect("the picture could not be read");
    match vipguard::decode(&bytes) {
        Ok(rgb) => {
            std::hint::black_box(vipguard::query_hashes(&rgb));
            println!("read");
        }
        Err(e) => println!("refused: {e}"),
    }
}
