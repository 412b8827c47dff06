//! Search many reference hashes fast: multi-index hashing. Each 256-bit hash is cut into 16 chunks of 16
//! bits; two hashes within 31 bits differ by at most one bit in at least one chunk (pigeonhole), so a
//! query probes each chunk's exact value and its 16 one-bit neighbours (272 probes) and checks only the
//! hashes found there. A flat popcount scan of 100,000 avatars' references costs milliseconds; this
//! costs microseconds (docs/avatars.md).

use super::matcher::{threshold, AvatarMatch, QueryHashes, RefHash, MIN_QUALITY};
use super::pdq::PdqHash;
use super::views::{Variant, View};

const CHUNKS: usize = 16;
/// Slots a hash probes: each chunk's value and its 16 one-bit neighbours.
const PROBES: usize = CHUNKS * 17;

/// References of many avatars, searchable by view.
#[derive(Default)]
pub struct AvatarIndex {
    /// One per view: what a match says of each reference (its edit, whether mirrored) and its owner id.
    refs: Vec<Vec<(Variant, bool, u32)>>,
    /// One per view: the references' hashes, in the same order, apart from the rest so that checking a
    /// candidate reads 32 bytes (half a cache line), and no hash is kept twice.
    hashes: Vec<Vec<PdqHash>>,
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

    /// Where `slot`'s pairs may be: its bucket's range (`in_range` keeps the slot's own).
    fn range(&self, slot: u32) -> (u32, u32) {
        let b = (slot >> self.shift) as usize;
        (self.buckets[b], self.buckets[b + 1])
    }

    /// The reference numbers in `slot`, whose bucket's range is `range`.
    fn in_range(&self, slot: u32, (start, end): (u32, u32)) -> impl Iterator<Item = u32> + '_ {
        self.pairs[start as usize..end as usize]
            .iter()
            .filter(move |p| (**p >> 32) as u32 == slot)
            .map(|p| *p as u32)
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
        let mut refs: Vec<Vec<(Variant, bool, u32)>> = vec![Vec::new(); VIEW_SLOTS];
        let mut hashes: Vec<Vec<PdqHash>> = vec![Vec::new(); VIEW_SLOTS];
        for (owner, list) in items {
            for r in list.into_iter().filter(|r| r.quality >= MIN_QUALITY) {
                refs[view_slot(r.view)].push((r.variant, r.mirrored, owner));
                hashes[view_slot(r.view)].push(r.hash);
            }
        }
        let slots = hashes
            .iter()
            .map(|view_hashes| {
                let mut pairs = Vec::with_capacity(view_hashes.len() * CHUNKS);
                for (n, hash) in view_hashes.iter().enumerate() {
                    for c in 0..CHUNKS {
                        let slot = (c as u64) << 16 | chunk(hash, c) as u64;
                        pairs.push(slot << 32 | n as u64);
                    }
                }
                Slots::new(pairs)
            })
            .collect();
        AvatarIndex {
            refs,
            hashes,
            slots,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.refs.iter().all(Vec::is_empty)
    }

    /// The best match for each owner whose references meet the query, best first. Of equal margins,
    /// the one of the earliest query hash, then of the lowest reference number (the order of
    /// enrolment), so the evidence does not depend on the order candidates are met in.
    pub fn search(&self, query: &QueryHashes) -> Vec<(u32, AvatarMatch)> {
        let mut found: Vec<Found> = Vec::new();
        let mut ranges = [(0u32, (0u32, 0u32)); PROBES];
        let mut candidates: Vec<u32> = Vec::new();
        for (position, (reframe, view, hash, quality)) in query.all().enumerate() {
            if quality < MIN_QUALITY {
                continue;
            }
            let slot = view_slot(view);
            if self.refs[slot].is_empty() {
                continue;
            }
            let (limit, hashes, slots) = (threshold(view), &self.hashes[slot], &self.slots[slot]);
            // Read level by level: every probe's bucket range, then the first reference in each,
            // then the references, then a word of each one's hash, then the check. At 100,000
            // avatars each level's reads miss the cache; a level's reads do not wait on each other,
            // so their misses overlap instead of coming one after another (issue 22: the search was
            // bound by them). The touch passes, a few instructions a read, keep far more reads in
            // flight than the check's longer body does (about half the time, docs/avatars.md). A
            // reference met again (through another chunk) gives the same key, which never replaces
            // itself, so the order candidates are checked in changes nothing.
            let mut probed = 0;
            for (range, probe) in ranges.iter_mut().zip(probes(&hash)) {
                *range = (probe, slots.range(probe));
                probed += 1;
            }
            debug_assert_eq!(probed, PROBES, "every slot of the last hash is replaced");
            touch(
                ranges
                    .iter()
                    .filter(|(_, (start, end))| start < end)
                    .map(|&(_, (start, _))| slots.pairs[start as usize]),
            );
            candidates.clear();
            for &(probe, range) in &ranges {
                candidates.extend(slots.in_range(probe, range));
            }
            touch(candidates.iter().map(|&n| hashes[n as usize].0[0]));
            for &n in &candidates {
                let distance = hash.distance(&hashes[n as usize]);
                if distance > limit {
                    continue;
                }
                let (variant, mirrored, owner) = self.refs[slot][n as usize];
                let m = AvatarMatch {
                    distance,
                    view,
                    variant,
                    mirrored,
                    reframe,
                };
                keep_best(&mut found, owner, m, (position, n));
            }
        }
        // Equal margins in the order the owners' first matches come in query order.
        found.sort_by(|a, b| {
            (a.best.margin().total_cmp(&b.best.margin())).then(a.first_at.cmp(&b.first_at))
        });
        found.into_iter().map(|f| (f.owner, f.best)).collect()
    }
}

/// Read every value (memory the next pass will need), so the reads are issued back to back.
fn touch(values: impl Iterator<Item = u64>) {
    std::hint::black_box(values.fold(0u64, u64::wrapping_add));
}

/// An owner's best match so far. Places are (query hash position, reference number): the order a
/// search that gathered and sorted each query hash's candidates met them in.
struct Found {
    owner: u32,
    best: AvatarMatch,
    /// Where `best` was met.
    best_at: (usize, u32),
    /// Where the owner's first match was met.
    first_at: (usize, u32),
}

/// Keep `m`, met at `at`, as `owner`'s match if it is closer than the one held, or as close and met
/// earlier.
fn keep_best(found: &mut Vec<Found>, owner: u32, m: AvatarMatch, at: (usize, u32)) {
    match found.iter_mut().find(|f| f.owner == owner) {
        Some(f) => {
            let (a, b) = (m.margin(), f.best.margin());
            if a < b || (a == b && at < f.best_at) {
                f.best = m;
                f.best_at = at;
            }
            f.first_at = f.first_at.min(at);
        }
        None => found.push(Found {
            owner,
            best: m,
            best_at: at,
            first_at: at,
        }),
    }
}

/// The slots a hash probes: each chunk's own value and its 16 one-bit neighbours (the value itself
/// last, as the search always probed them).
fn probes(hash: &PdqHash) -> impl Iterator<Item = u32> + '_ {
    (0..CHUNKS).flat_map(move |c| {
        let value = chunk(hash, c);
        (0..=16u32).map(move |flip| {
            let probe = if flip == 16 {
                value
            } else {
                value ^ (1 << flip)
            };
            (c as u32) << 16 | probe as u32
        })
    })
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

    /// Ties between references of one owner (the same hash enrolled as two edits, mirrored and not)
    /// and between owners (the same distance) come out as a linear scan (`best_match`, query hashes
    /// then references in order) and the order owners first match in: the evidence names the same
    /// edit whichever order the index meets candidates in.
    #[test]
    fn ties_resolve_as_a_linear_scan_does() {
        use crate::avatar::matcher::best_match;
        use crate::avatar::views::{Reframe, Variant};
        let near = |h: PdqHash, bits: &[usize]| {
            let mut h = h;
            for &b in bits {
                h.0[b / 64] ^= 1 << (b % 64);
            }
            h
        };
        let base = PdqHash([0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 7, 9 << 40]);
        let other = near(base, &[3, 70, 140, 200]);
        let refs_of = |owner: u32| -> Vec<RefHash> {
            let shape = [
                (
                    View::Full,
                    Variant::Crop(10),
                    true,
                    near(base, &[owner as usize]),
                ),
                (
                    View::Full,
                    Variant::Crop(5),
                    false,
                    near(base, &[owner as usize + 1]),
                ),
                (
                    View::Full,
                    Variant::Plain,
                    false,
                    near(base, &[owner as usize]),
                ),
                (View::Circle, Variant::Plain, true, other),
                (View::Circle, Variant::Thumbnail, false, other),
            ];
            shape
                .into_iter()
                .map(|(view, variant, mirrored, hash)| RefHash {
                    view,
                    variant,
                    mirrored,
                    hash,
                    quality: 90,
                })
                .collect()
        };
        let owners: Vec<(u32, Vec<RefHash>)> = (0..12).map(|o| (o, refs_of(o % 4))).collect();
        let index = AvatarIndex::new(owners.clone());
        let query = QueryHashes {
            views: vec![(View::Full, base, 90), (View::Circle, base, 90)],
            reframed: vec![(Reframe::Inset(2), View::Circle, other, 90)],
            undone: Default::default(),
        };
        let got = index.search(&query);
        let mut linear: Vec<(u32, AvatarMatch)> = owners
            .iter()
            .filter_map(|(o, refs)| best_match(&query, refs).map(|m| (*o, m)))
            .collect();
        linear.sort_by(|a, b| a.1.margin().total_cmp(&b.1.margin()));
        assert_eq!(got.len(), 12);
        for ((go, gm), (lo, lm)) in got.iter().zip(&linear) {
            assert_eq!((go, gm), (lo, lm));
        }
    }

    #[test]
    fn flat_references_are_not_indexed() {
        let mut r = reference(PdqHash::default());
        r.quality = 10;
        let index = AvatarIndex::new([(0, vec![r])]);
        assert!(index.is_empty());
    }
}
