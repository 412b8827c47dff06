//! Where check and build time goes, stage by stage (a diagnostic, not a benchmark of record).
#[path = "../benches/synth.rs"]
mod synth;
use std::time::Instant;
use vipguard::internals::HandleKeys;
use vipguard::internals::NameKeys;
use vipguard::Checker;

fn main() {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let list = synth::protected(n, 7);
    let qs = synth::profiles(&list, 2000, 11);
    let t = Instant::now();
    let names: Vec<NameKeys> = list
        .accounts
        .iter()
        .map(|a| NameKeys::new(&a.name))
        .collect();
    println!("NameKeys x100k      {:?}", t.elapsed());
    let t = Instant::now();
    let hs: Vec<HandleKeys> = list
        .accounts
        .iter()
        .map(|a| HandleKeys::new("x", &a.handles[0].handle))
        .collect();
    println!("HandleKeys x100k    {:?}", t.elapsed());
    drop((names, hs));
    let t = Instant::now();
    let c = Checker::new(list.clone()).expect("a valid list");
    println!("Checker::new        {:?}", t.elapsed());
    let t = Instant::now();
    for q in &qs {
        let h = HandleKeys::new("x", &q.handle);
        std::hint::black_box(h.cores());
    }
    println!(
        "handle keys+cores   {:?}/query",
        t.elapsed() / qs.len() as u32
    );
    let t = Instant::now();
    for q in &qs {
        std::hint::black_box(HandleKeys::new("x", &q.handle));
    }
    println!(
        "handle keys only    {:?}/query",
        t.elapsed() / qs.len() as u32
    );
    let t = Instant::now();
    for a in list.accounts.iter().take(2000) {
        std::hint::black_box(HandleKeys::new("x", &a.handles[0].handle));
    }
    println!("handle keys (list)  {:?}/query", t.elapsed() / 2000);
    let keys: Vec<HandleKeys> = qs.iter().map(|q| HandleKeys::new("x", &q.handle)).collect();
    let t = Instant::now();
    let mut n = 0;
    for k in &keys {
        n += std::hint::black_box(k.cores()).len();
    }
    println!(
        "cores only          {:?}/query ({} cores avg)",
        t.elapsed() / qs.len() as u32,
        n / qs.len()
    );
    println!(
        "sample cores of {:?}: {:?}",
        keys[1].display(),
        keys[1].cores()
    );
    let t = Instant::now();
    for q in &qs {
        std::hint::black_box(NameKeys::new(&q.name));
    }
    println!(
        "name keys           {:?}/query",
        t.elapsed() / qs.len() as u32
    );
    let rounds: u32 = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let t = Instant::now();
    for _ in 0..rounds {
        for q in &qs {
            std::hint::black_box(c.check(q));
        }
    }
    println!(
        "check               {:?}/query (mean)",
        t.elapsed() / (rounds.max(1) * qs.len() as u32)
    );
    let mut each: Vec<(std::time::Duration, usize)> = qs
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let t = Instant::now();
            std::hint::black_box(c.check(q));
            (t.elapsed(), i)
        })
        .collect();
    each.sort();
    let pct = |p: usize| each[each.len() * p / 100].0;
    println!(
        "check per query     median {:?} p90 {:?} p99 {:?}",
        pct(50),
        pct(90),
        pct(99)
    );
}
