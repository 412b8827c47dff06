//! Writes the hostile pictures of `tests/common/bombs.rs` to a folder (default `target/bombs`), to
//! measure what reading them costs: `/usr/bin/time -v target/release/vipguard hash target/bombs/*`.

#[path = "../tests/common/bombs.rs"]
mod bombs;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/bombs".into()),
    );
    std::fs::create_dir_all(&dir)?;
    for b in bombs::all()
        .into_iter()
        .chain([bombs::largest_accepted(), bombs::padded_accepted()])
    {
        let path = dir.join(b.name);
        std::fs::write(&path, &b.bytes)?;
        println!("{:>10} bytes  {}", b.bytes.len(), path.display());
    }
    Ok(())
}
