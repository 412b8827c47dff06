//! Every hash the engine makes of a set of pictures, one line each, to compare two builds bit for bit
//! (a change meant to speed hashing up must leave every line the same):
//!
//!     cargo build --release -p vipguard --features internals --example avatar_hash_dump
//!     target/release/examples/avatar_hash_dump demo/avatars /work/shared/data/pdq > before.txt
//!     # … change, rebuild, run again into after.txt …
//!     cmp before.txt after.txt
//!
//! Per picture: the plain PDQ and the query's hashes (`plain_and_query`), and the references enrolment
//! makes (`reference_hashes`). Besides the files under the given folders, the bench's synthetic
//! pictures (`benches/synth.rs`, `benches/avatar_data.rs`), each also at a few other sizes, so the
//! box filter's wider windows are covered too.

#[path = "../benches/synth.rs"]
mod synth;

#[path = "../src/avatar/drawn.rs"]
mod drawn;

#[path = "../benches/avatar_data.rs"]
mod avatar_data;

use image::RgbImage;
use std::path::{Path, PathBuf};
use vipguard::internals::reference_hashes;
use vipguard::{decode, plain_and_query, Rgb};

fn dump(name: &str, rgb: &Rgb) {
    let (plain, query) = plain_and_query(rgb);
    println!("{name}\tplain\t{} {}", plain.hash.to_hex(), plain.quality);
    println!("{name}\tquery\t{}", query.encode());
    let refs: Vec<String> = reference_hashes(rgb).iter().map(|r| r.encode()).collect();
    println!("{name}\trefs\t{}", refs.join(" "));
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if matches!(
            p.extension()
                .and_then(|x| x.to_str())
                .map(str::to_lowercase)
                .as_deref(),
            Some("jpg" | "jpeg" | "png" | "gif" | "webp" | "bmp")
        ) {
            out.push(p);
        }
    }
}

/// The picture as drawn and resized to a few sides (other sides give the box filter other windows).
fn sizes(name: &str, img: &RgbImage) {
    dump(name, &avatar_data::rgb(img));
    for side in [48, 97, 128, 200, 400, 555] {
        let small = image::imageops::resize(img, side, side, image::imageops::FilterType::Triangle);
        dump(&format!("{name}@{side}"), &avatar_data::rgb(&small));
    }
}

fn main() {
    let mut paths = Vec::new();
    for dir in std::env::args().skip(1) {
        files(Path::new(&dir), &mut paths);
    }
    paths.sort();
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        match decode(&bytes) {
            Ok(rgb) => dump(&p.display().to_string(), &rgb),
            Err(e) => println!("{}\terror\t{e:?}", p.display()),
        }
    }
    let photo_path = paths.iter().find(|p| p.ends_with("decoded/aaa-orig.png"));
    let logo = drawn::centred_logo();
    for (name, bytes) in [
        ("synth-jpeg-400", synth::jpeg_400()),
        ("logo-jpeg-400", avatar_data::jpeg_400(&logo)),
    ] {
        dump(name, &decode(&bytes).unwrap());
    }
    sizes("logo", &logo);
    sizes("plain-logo", &drawn::logo());
    if let Some(p) = photo_path {
        let photo = image::open(p).unwrap().into_rgb8();
        let shot = drawn::screenshot(&photo, [29, 155, 240], [21, 32, 43]);
        dump(
            "shot-jpeg-400",
            &decode(&avatar_data::jpeg_400(&shot)).unwrap(),
        );
        sizes("shot", &shot);
        sizes("photo", &photo);
    }
}

// The allocator the CLI uses, as in `avatar_instructions.rs`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
