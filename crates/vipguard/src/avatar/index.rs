//! Search many reference hashes fast: multi-index hashing. Each 256-bit hash is cut into 16 chunks of 16
//! bits; two hashes within 31 bits differ by at most one bit in at least one chunk (pigeonhole), so a
//! query probes each chunk's exact value and its 16 one-bit neighbours (272 probes) and checks only the
//! hashes found there. A flat popcount scan of 100,000 avatars' references costs milliseconds; this
//! costs microseconds (docs/avatars.md).

use super::matcher::{threshold, AvatarMatch, QueryHashes, RefHash, MIN_QUALITY};
use super::pdq::PdqHash;
use super::views::View;

const CHUNKS: usize = 16;

/// References of many avatars, searchable by view.
#[derive(Default)]
pub struct AvatarIndex {
    /// One per view: (the reference, the owner id).
    refs: Vec<Vec<(RefHash, u32)>>,
    /// One per view: where each (chunk position, chunk value) slot's references are.
    slots: Vec<Slots>,
}

/// Every (slot, reference number) pair of one view as `slot << 32 | n`, sorted, with a bucket table over
/// the slot's top bits sized to the number of pairs. (A dense table of all 16 x 65,536 slots cost 4 MB a
/// view however few avatars the list had, and filling it was a tenth of building a checker.)
#[derive(Default)]
struct Slots {
    pairs: Vec<u64>,
    buckets: Vec<u32>,
    shift: u32,
}

const SLOT_BITS: u32 = 20; // 4 bits of chunk position, 16 of chunk value

impl Slots {
    fn new(mut pairs: Vec<u64>) -> Self {
        pairs.sort_unstable();
        let bits = (usize::BITS - pairs.len().leading_zeros()).clamp(1, SLOT_BITS);
        let shift = SLOT_BITS - bits;
        let mut buckets = vec![0u32; (1 << bits) + 1];
        for p in &pairs {
            buckets[((p >> 32) as u32 >> shift) as usize + 1] += 1;
        }
        for i in 1..buckets.len() {
            buckets[i] += buckets[i - 1];
        }
        Slots {
            pairs,
            buckets,
            shift,
        }
    }

    /// Append the reference numbers in `slot` to `out`.
    fn get(&self, slot: u32, out: &mut Vec<u32>) {
        let b = (slot >> self.shift) as usize;
        let range = self.buckets[b] as usize..self.buckets[b + 1] as usize;
        out.extend(
            self.pairs[range]
                .iter()
                .filter(|p| (**p >> 32) as u32 == slot)
                .map(|p| *p as u32),
        );
    }
}

fn chunk(h: &PdqHash, c: usize) -> u16 {
    (h.0[c / 4] >> ((c % 4) * 16)) as u16
}

/// One slot per view: a view only meets the same view.
const VIEW_SLOTS: usize = 5;

fn view_slot(v: View) -> usize {
    match v {
        View::Full => 0,
        View::Circle => 1,
        View::Top => 2,
        View::Band => 3,
        View::Content => 4,
    }
}

impl AvatarIndex {
    /// Build from (owner id, references) pairs; references too flat to trust are left out.
    pub fn new(items: impl IntoIterator<Item = (u32, Vec<RefHash>)>) -> Self {
        let mut refs: Vec<Vec<(RefHash, u32)>> = vec![Vec::new(); VIEW_SLOTS];
        for (owner, list) in items {
            for r in list.into_iter().filter(|r| r.quality >= MIN_QUALITY) {
                refs[view_slot(r.view)].push((r, owner));
            }
        }
        let slots = refs
            .iter()
            .map(|view_refs| {
                let mut pairs = Vec::with_capacity(view_refs.len() * CHUNKS);
                for (n, (r, _)) in view_refs.iter().enumerate() {
                    for c in 0..CHUNKS {
                        let slot = (c as u64) << 16 | chunk(&r.hash, c) as u64;
                        pairs.push(slot << 32 | n as u64);
                    }
                }
                Slots::new(pairs)
            })
            .collect();
        AvatarIndex { refs, slots }
    }

    pub fn is_empty(&self) -> bool {
        self.refs.iter().all(Vec::is_empty)
    }

    /// The best match for each owner whose references meet the query, best first.
    pub fn search(&self, query: &QueryHashes) -> Vec<(u32, AvatarMatch)> {
        let mut found: Vec<(u32, AvatarMatch)> = Vec::new();
        for (reframe, view, hash, quality) in query.all() {
            if quality < MIN_QUALITY {
                continue;
            }
            let slot = view_slot(view);
            if self.refs[slot].is_empty() {
                continue;
            }
            let limit = threshold(view);
            let mut seen: Vec<u32> = Vec::new();
            for c in 0..CHUNKS {
                let value = chunk(&hash, c);
                for flip in 0..=16u32 {
                    let probe = if flip == 16 {
                        value
                    } else {
                        value ^ (1 << flip)
                    };
                    self.slots[slot].get((c as u32) << 16 | probe as u32, &mut seen);
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for n in seen {
                let (r, owner) = &self.refs[slot][n as usize];
                let distance = hash.distance(&r.hash);
                if distance <= limit {
                    let m = AvatarMatch {
                        distance,
                        view,
                        variant: r.variant,
                        mirrored: r.mirrored,
                        reframe,
                    };
                    match found.iter_mut().find(|(o, _)| o == owner) {
                        Some((_, best)) if m.margin() < best.margin() => *best = m,
                        Some(_) => {}
                        None => found.push((*owner, m)),
                    }
                }
            }
        }
        found.sort_by(|a, b| a.1.margin().total_cmp(&b.1.margin()));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(hash: PdqHash) -> RefHash {
        RefHash {
            view: View::Full,
            variant: crate::avatar::views::Variant::Plain,
            mirrored: false,
            hash,
            quality: 100,
        }
    }

    fn query(hash: PdqHash) -> QueryHashes {
        QueryHashes {
            views: vec![(View::Full, hash, 100)],
            reframed: Vec::new(),
            undone: Default::default(),
        }
    }

    #[test]
    fn finds_exactly_what_a_linear_scan_finds_on_real_hashes() {
        let dir = std::env::var("VIPGUARD_PDQ_DATA").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/pdq").into()
        });
        let read = |f: &str| -> Vec<PdqHash> {
            std::fs::read_to_string(format!("{dir}/reg-test-input/{f}"))
                .unwrap()
                .lines()
                .map(|l| PdqHash::from_hex(l).unwrap())
                .collect()
        };
        let (all, needles) = (read("haystack.txt"), read("needles.txt"));
        // Lists of every size: the slot table is sized to the number of references.
        for size in [1, 2, 5, 40, 300, all.len()] {
            let haystack = &all[..size];
            // A needle near the first reference, so even the smallest list finds something.
            let mut near = haystack[0];
            near.0[0] ^= 0xFF;
            let matched = compare_with_linear_scan(haystack, needles.iter().chain([&near]));
            assert!(
                matched > 0,
                "{size} references: the needles should find something"
            );
        }
    }

    /// Search `haystack` for each needle, by the index and by a linear scan; both must find the same
    /// owners. Returns how many matches were found in all.
    fn compare_with_linear_scan<'a>(
        haystack: &[PdqHash],
        needles: impl Iterator<Item = &'a PdqHash>,
    ) -> usize {
        let index = AvatarIndex::new(
            haystack
                .iter()
                .enumerate()
                .map(|(i, h)| (i as u32, vec![reference(*h)])),
        );
        let mut matched = 0;
        for n in needles {
            let mut linear: Vec<u32> = haystack
                .iter()
                .enumerate()
                .filter(|(_, h)| h.distance(n) <= 31)
                .map(|(i, _)| i as u32)
                .collect();
            let mut got: Vec<u32> = index
                .search(&query(*n))
                .into_iter()
                .map(|(o, _)| o)
                .collect();
            linear.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, linear, "{} references", haystack.len());
            matched += got.len();
        }
        matched
    }

    #[test]
    fn flat_references_are_not_indexed() {
        let mut r = reference(PdqHash::default());
        r.quality = 10;
        let index = AvatarIndex::new([(0, vec![r])]);
        assert!(index.is_empty());
    }
}
