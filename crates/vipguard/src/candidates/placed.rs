//! The deletions' map (`Index::deletes`, the largest by far: 45 M slots at 1,000,000 accounts), built
//! without holding every entry as a u64 first (34 MB at 100,000 accounts, the peak of a build: issue
//! 25), and on several threads where they are allowed.
//!
//! Buckets come in groups of 2^FINE_BITS (256) neighbours. The keys are counted by group, then each
//! entry goes to the end of its group's run as its 32-bit slot, with its bucket within the group in a
//! side byte, then each group's run is put in bucket order, each bucket sorted and its duplicates
//! dropped, in cache. Counting and placing by bucket instead (16 M buckets, 236 MB of bucket table and
//! slots at 1,000,000 accounts) missed the cache on almost every key even in batches put in order of
//! their top bits first: a quarter of a 1,000,000-account build (issue 25, "Building faster"). The 65,536
//! groups' counters fit in the second-level cache, and their runs are written each from its end. A
//! large map (`TWO_LEVELS_FROM`) is placed in two levels: by blocks of 256 groups first, then each
//! block put in group order in cache (`Side`).
//!
//! Both passes over the entries go a round of accounts at a time (`sweep`): the round's entries are
//! hashed in slices at once, then taken by `parts`, each part a range of groups, in its own counters,
//! slots and side bytes. Nothing is shared, so the threads need no locks, and nothing is hashed twice in
//! a pass.

use super::{mix, MultiMap, Slot, BUCKET_ENTRIES_LOG2, VALUE_MASK};

/// Bits of a bucket's number below its group's: the side byte each entry holds while being placed.
const FINE_BITS: u32 = 8;
/// Below this many entries the map is built in one part: splitting it only adds work there.
pub(super) const PARTS_FROM: usize = 1 << 20;
/// Parts at most: each reads every entry of a round.
const MAX_PARTS: usize = 16;
/// Accounts hashed in a round of `sweep`: about 90,000 entries at 45 an account (0.7 MB of u64s,
/// held at a build's peak: 4,096 more accounts made it 4 MB more; 2,048 fewer, with the entries split
/// by part as they are hashed, kept a 100,000-account `vipguard check` under 120 MB: issue 25).
const ROUND: usize = 1 << 11;

/// The entries of a map, by account, handed out the same each time (once to count them, once to place
/// them).
pub(super) trait Entries: Sync {
    /// Accounts (or other groups) the entries come in.
    fn accounts(&self) -> usize;
    /// The entries of the accounts in `range`, as (key, value).
    fn each(&self, range: std::ops::Range<usize>, f: &mut impl FnMut(u64, u32));
}

/// Every entry, as its mixed key with its value, handed to `take` with the state of the part it falls
/// in (`part_of`), a round of accounts at a time: the round's entries hashed in `states.len()` slices
/// at once, then each part taking its own from all of them at once. The states come back.
fn sweep<S: Send>(
    entries: &impl Entries,
    part_of: impl Fn(u64) -> usize + Sync,
    mut states: Vec<S>,
    take: impl Fn(&mut S, u64) + Sync,
) -> Vec<S> {
    let slices = states.len();
    if slices == 1 {
        // One part, as in the WASM package: straight from the hash to the part, no round.
        let state = &mut states[0];
        entries.each(0..entries.accounts(), &mut |k, v| {
            take(state, mix(k) | (v as u64 & VALUE_MASK))
        });
        return states;
    }
    // hashed[slice][part]: a slice's entries already split by part, so that each part reads only its
    // own (each part reading every entry and skipping the others' was a tenth of a 100,000-account
    // build: issue 25).
    let mut hashed: Vec<Vec<Vec<u64>>> = vec![vec![Vec::new(); slices]; slices];
    let n = entries.accounts();
    let mut start = 0;
    while start < n {
        let end = (start + ROUND).min(n);
        let per = (end - start).div_ceil(slices);
        let jobs: Vec<_> = hashed.into_iter().enumerate().collect();
        hashed = crate::parallel::map(jobs, |(i, mut out)| {
            out.iter_mut().for_each(Vec::clear);
            let from = (start + i * per).min(end);
            entries.each(from..(from + per).min(end), &mut |k, v| {
                let e = mix(k) | (v as u64 & VALUE_MASK);
                out[part_of(e)].push(e);
            });
            out
        });
        let jobs: Vec<_> = states.into_iter().enumerate().collect();
        states = crate::parallel::map(jobs, |(p, mut state)| {
            for slice in &hashed {
                for &e in &slice[p] {
                    take(&mut state, e);
                }
            }
            state
        });
        start = end;
    }
    states
}

/// How many parts a map of `total` entries is built in, given `threads`: a power of two, so that a
/// part is a range of top bits.
pub(super) fn parts_for(total: usize, threads: usize) -> usize {
    if total < PARTS_FROM {
        1
    } else {
        threads.clamp(1, MAX_PARTS).next_power_of_two()
    }
}

/// A map's shape: its buckets, their groups, and the parts (ranges of groups) it is built in.
#[derive(Clone, Copy)]
struct Shape {
    /// The bucket's shift (a key's top 64 - shift bits are its bucket).
    shift: u32,
    fine_bits: u32,
    buckets: usize,
    /// Groups a part holds (a power of two).
    per_part: usize,
    /// A key's part is its bits from here up (a shift, not a division by `per_part`).
    part_shift: u32,
}

impl Shape {
    fn new(total: usize, parts: usize) -> (Self, usize) {
        let bits = (usize::BITS - total.leading_zeros())
            .saturating_sub(BUCKET_ENTRIES_LOG2)
            .clamp(4, 24);
        let fine_bits = FINE_BITS.min(bits);
        let groups = 1usize << (bits - fine_bits);
        let parts = parts.clamp(1, groups);
        let per_part = groups / parts;
        debug_assert!(per_part.is_power_of_two() && per_part * parts == groups);
        let shape = Shape {
            shift: 64 - bits,
            fine_bits,
            buckets: 1 << bits,
            per_part,
            part_shift: 64 - bits + fine_bits + per_part.trailing_zeros(),
        };
        (shape, parts)
    }
    fn group(self, key: u64) -> usize {
        // A map of at most 256 buckets is one group (a shift by 64 bits is none).
        key.checked_shr(self.shift + self.fine_bits).unwrap_or(0) as usize
    }
    fn part(self, key: u64) -> usize {
        // One part: a shift by 64 bits or more is none.
        key.checked_shr(self.part_shift).unwrap_or(0) as usize
    }
    /// The key's bucket within its group.
    fn fine(self, key: u64) -> u8 {
        ((key >> self.shift) & ((1 << self.fine_bits) - 1)) as u8
    }
}

impl MultiMap<u32> {
    /// The map of `entries`, about `total` of them (which sizes the bucket table), built in `parts`
    /// (a power of two) at once.
    pub(super) fn placed(total: usize, parts: usize, entries: &impl Entries) -> Self {
        let (shape, parts) = Shape::new(total, parts);
        if shape.per_part << FINE_BITS >= TWO_LEVELS_FROM {
            Self::placed_with::<u16>(shape, parts, entries)
        } else {
            Self::placed_with::<u8>(shape, parts, entries)
        }
    }

    /// `placed` with the side value `S`: a bucket within its group (u8), or also a group within its
    /// block (u16, placed in two levels).
    fn placed_with<S: Side>(shape: Shape, parts: usize, entries: &impl Entries) -> Self {
        let per_part = shape.per_part;
        let groups = per_part * parts;

        // Count each group's keys into the next group's cell, each part into its own cells.
        let mut runs = vec![0u32; groups + 1];
        let states: Vec<_> = runs[1..]
            .chunks_mut(per_part)
            .enumerate()
            .map(|(p, counts)| (p * per_part, counts))
            .collect();
        sweep(
            entries,
            |k| shape.part(k),
            states,
            |(first, counts), k| {
                counts[shape.group(k) - *first] += 1;
            },
        );
        for i in 1..runs.len() {
            runs[i] += runs[i - 1];
        }
        // Where each part's slots begin, and the end.
        let bounds: Vec<usize> = (0..=parts).map(|p| runs[p * per_part] as usize).collect();
        let mut slots = vec![0u32; bounds[parts]];
        let mut side = vec![S::default(); bounds[parts]];

        // Each entry at the end of its group's run, or in two levels of its block's (S::BLOCK_BITS:
        // 256 groups), with its bucket within its group (and its group within its block) in `side`.
        // `heads[i]` is where run i's next entry goes. Only keys counted above come here (`Entries`
        // gives the same each time), so a run never spills into the next.
        let mut heads: Vec<u32> = runs[..groups]
            .iter()
            .step_by(1 << S::BLOCK_BITS)
            .copied()
            .collect();
        let states: Vec<_> = heads
            .chunks_mut(per_part >> S::BLOCK_BITS)
            .zip(split_at_bounds(&mut slots, &bounds))
            .zip(split_at_bounds(&mut side, &bounds))
            .enumerate()
            .map(|(p, ((next, slots), side))| (p, next, slots, side))
            .collect();
        sweep(
            entries,
            |k| shape.part(k),
            states,
            |(p, next, slots, side), e| {
                let g = shape.group(e) - *p * per_part;
                let run = g >> S::BLOCK_BITS;
                let at = next[run] as usize - bounds[*p];
                slots[at] = u32::of(e, shape.shift);
                side[at] = S::of(g, shape.fine(e));
                next[run] += 1;
            },
        );
        drop(heads);

        // Each group's run in bucket order, each bucket sorted and its duplicates dropped, each part
        // within its own slots; each bucket's kept slots counted in a byte (`Kept`), so that the bucket
        // table is made only once the side values are gone (both at once were 4.5 MB more at the
        // peak of a 100,000-account `vipguard check`). Placed in two levels, each block's run is first
        // put in group order (`S::regroup`), in cache.
        let mut counts = vec![0u8; shape.buckets];
        let work: Vec<_> = counts
            .chunks_mut(per_part << shape.fine_bits)
            .zip(split_at_bounds(&mut slots, &bounds))
            .zip(split_at_bounds(&mut side, &bounds))
            .enumerate()
            .collect();
        let kept = crate::parallel::map(work, |(p, ((counts, slots), side))| {
            let runs = &runs[p * per_part..=(p + 1) * per_part];
            let mut kept = Kept {
                n: 0,
                many: Vec::new(),
            };
            let mut scratch = Vec::new();
            let mut regrouped = (Vec::new(), Vec::new());
            let at = |g: usize| runs[g] as usize - bounds[p];
            for g in 0..per_part {
                if g % (1 << S::BLOCK_BITS) == 0 && S::BLOCK_BITS > 0 {
                    let block = at(g)..at(g + (1 << S::BLOCK_BITS));
                    S::regroup(slots, side, block, &runs[g..], &mut regrouped);
                }
                let run = at(g)..at(g + 1);
                let counts = &mut counts[g << shape.fine_bits..(g + 1) << shape.fine_bits];
                sort_run(
                    slots,
                    &side[run.clone()],
                    run,
                    &mut kept,
                    counts,
                    &mut scratch,
                );
            }
            kept
        });
        drop(side);
        // The parts' kept slots moved together, each bucket's start the sum of the counts before it.
        let mut starts = Vec::with_capacity(shape.buckets + 1);
        let mut at = 0;
        let per_part_buckets = per_part << shape.fine_bits;
        for (p, kept) in kept.iter().enumerate() {
            slots.copy_within(bounds[p]..bounds[p] + kept.n, at);
            let mut many = kept.many.iter();
            for &c in &counts[p * per_part_buckets..(p + 1) * per_part_buckets] {
                starts.push(at as u32);
                at += if c == u8::MAX {
                    *many.next().expect("a count for each full byte")
                } else {
                    usize::from(c)
                };
            }
        }
        drop(counts);
        starts.push(at as u32);
        slots.truncate(at);

        let mut map = MultiMap {
            entries: slots,
            buckets: starts,
            shift: shape.shift,
            ..MultiMap::default()
        };
        map.fill_filter(parts);
        map
    }
}

/// Buckets a part from which a map is placed in two levels: 2^23 at 1,000,000 accounts in two parts
/// (2^24 in one), 2^20 at 100,000. Written straight to their 32,768 groups' runs a part, a
/// 1,000,000-account build's entries missed the cache and the TLB at nearly every write (2 of its 8.5
/// s of CPU: issue 25); in two levels, each entry goes first to one of its part's blocks of 256 groups
/// (128 runs a part, in cache), then each block is put in group order in a scratch of its size (about
/// 1 MB) before its groups' runs are sorted. That needs 16 side bits an entry instead of 8 while
/// placing (45 MB more at 1,000,000 accounts), so a smaller map (100,000 accounts, near the 120 MB
/// line) is placed in one level, as are a map's parts once there are many (each then has fewer runs).
const TWO_LEVELS_FROM: usize = 1 << 22;

/// What each entry holds beside its slot while placed.
trait Side: Copy + Default + Send + Sync + Into<usize> {
    /// Groups a block holds, as a power of two: runs placed at first are blocks (0: groups).
    const BLOCK_BITS: u32;
    /// The side value of an entry of the part's group `g`, bucket `fine` within it.
    fn of(g: usize, fine: u8) -> Self;
    /// A block's run (`block` within the part's `slots` and `side`) put in group order, each side
    /// value cut to the bucket within its group; `runs` are the part's group starts from the block's.
    /// Nothing to do where a block is one group (`BLOCK_BITS` 0: the side value is the bucket already).
    fn regroup(
        _slots: &mut [u32],
        _side: &mut [Self],
        _block: std::ops::Range<usize>,
        _runs: &[u32],
        _scratch: &mut (Vec<u32>, Vec<Self>),
    ) {
        // A side with blocks keeping this would leave each block's groups unsorted: it must override.
        debug_assert!(
            Self::BLOCK_BITS == 0,
            "a side with blocks must regroup them"
        );
    }
}

impl Side for u8 {
    const BLOCK_BITS: u32 = 0;
    fn of(_: usize, fine: u8) -> Self {
        fine
    }
}

impl Side for u16 {
    const BLOCK_BITS: u32 = 8;
    fn of(g: usize, fine: u8) -> Self {
        (((g & 0xFF) as u16) << 8) | u16::from(fine)
    }
    fn regroup(
        slots: &mut [u32],
        side: &mut [u16],
        block: std::ops::Range<usize>,
        runs: &[u32],
        (s_slots, s_side): &mut (Vec<u32>, Vec<u16>),
    ) {
        let mut next = [0u32; 1 << 8];
        for (j, n) in next.iter_mut().enumerate() {
            *n = runs[j] - runs[0];
        }
        s_slots.clear();
        s_slots.resize(block.len(), 0);
        s_side.clear();
        s_side.resize(block.len(), 0);
        for (&slot, &v) in slots[block.clone()].iter().zip(&side[block.clone()]) {
            let j = usize::from(v >> 8);
            let at = next[j] as usize;
            s_slots[at] = slot;
            s_side[at] = v & 0xFF;
            next[j] += 1;
        }
        slots[block.clone()].copy_from_slice(s_slots);
        side[block].copy_from_slice(s_side);
    }
}

/// Slots kept so far by a part, and the counts of its buckets that keep `u8::MAX` or more, in bucket
/// order (a bucket's count byte saying `u8::MAX` stands for the next of them).
struct Kept {
    n: usize,
    many: Vec<usize>,
}

/// One group's run of `slots` (at `run`, its buckets within the group in `fine`) put in bucket order
/// through `scratch`, each bucket sorted, its duplicates dropped, and written back from `kept.n` on
/// (never past the run's start: everything before it was kept the same way). Each bucket's count of
/// kept slots goes in `counts`.
fn sort_run<S: Side>(
    slots: &mut [u32],
    fine: &[S],
    run: std::ops::Range<usize>,
    kept: &mut Kept,
    counts: &mut [u8],
    scratch: &mut Vec<u32>,
) {
    // ends[b]: first where bucket b goes, then (once placed) its end.
    let mut ends = [0u32; (1 << FINE_BITS) + 1];
    for &b in fine {
        ends[b.into() + 1] += 1;
    }
    for i in 1..ends.len() {
        ends[i] += ends[i - 1];
    }
    scratch.clear();
    scratch.resize(run.len(), 0);
    for (&slot, &b) in slots[run].iter().zip(fine) {
        let b: usize = b.into();
        scratch[ends[b] as usize] = slot;
        ends[b] += 1;
    }
    let mut start = 0;
    for (b, count) in counts.iter_mut().enumerate() {
        let end = ends[b] as usize;
        let bucket = &mut scratch[start..end];
        bucket.sort_unstable();
        let first = kept.n;
        for j in 0..bucket.len() {
            if j == 0 || bucket[j] != bucket[j - 1] {
                slots[kept.n] = bucket[j];
                kept.n += 1;
            }
        }
        let n = kept.n - first;
        *count = u8::try_from(n).unwrap_or(u8::MAX);
        if n >= usize::from(u8::MAX) {
            kept.many.push(n);
        }
        start = end;
    }
}

/// `xs` cut at `bounds` (increasing, from 0 to its length): one slice per part.
fn split_at_bounds<'a, T>(mut xs: &'a mut [T], bounds: &[usize]) -> Vec<&'a mut [T]> {
    let mut out = Vec::with_capacity(bounds.len());
    for w in bounds.windows(2) {
        let (part, rest) = std::mem::take(&mut xs).split_at_mut(w[1] - w[0]);
        out.push(part);
        xs = rest;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One entry an account.
    impl Entries for Vec<(u64, u32)> {
        fn accounts(&self) -> usize {
            self.len()
        }
        fn each(&self, range: std::ops::Range<usize>, f: &mut impl FnMut(u64, u32)) {
            for &(k, v) in &self[range] {
                f(k, v);
            }
        }
    }

    /// Every key's values as a reference map holds them, and the whole table, in one, two and four
    /// parts, small and large (above PARTS_FROM): the same map whatever the parts.
    #[test]
    fn placed_in_parts_holds_every_slot_in_its_bucket_as_one_part_does() {
        for n in [70_000, PARTS_FROM + 327_803] {
            // One key with 600 values: a bucket keeping more slots than its count byte holds.
            let entries: Vec<(u64, u32)> = (0..n as u64)
                .map(|i| ((i % 90_001) * 2_654_435_761, (i * 7919 % 1_000_003) as u32))
                .chain((0..600).map(|v| (42, v)))
                .collect();
            let one = MultiMap::placed(entries.len(), 1, &entries);
            let want: std::collections::BTreeSet<(u64, u32)> = entries
                .iter()
                .map(|&(k, v)| {
                    let e = mix(k) | u64::from(v);
                    (e >> one.shift, u32::of(e, one.shift))
                })
                .collect();
            let mut got = Vec::new();
            for b in 0..one.buckets.len() - 1 {
                for &slot in &one.entries[one.buckets[b] as usize..one.buckets[b + 1] as usize] {
                    got.push((b as u64, slot));
                }
            }
            assert!(
                got.iter().eq(want.iter()),
                "{n} entries: slots out of place"
            );
            for parts in [2, 4] {
                let m = MultiMap::placed(entries.len(), parts, &entries);
                assert!(m.entries == one.entries, "{n} entries in {parts} parts");
                assert!(m.buckets == one.buckets && m.filter == one.filter);
            }
            // Placed in two levels (blocks of 256 groups, then groups), as maps of TWO_LEVELS_FROM
            // buckets a part or more are: the same map.
            for parts in [1, 2, 4] {
                let (shape, parts) = Shape::new(entries.len(), parts);
                if shape.per_part < 1 << <u16 as Side>::BLOCK_BITS {
                    continue;
                }
                let m = MultiMap::placed_with::<u16>(shape, parts, &entries);
                assert!(
                    m.entries == one.entries,
                    "{n} entries in {parts} parts, two levels"
                );
                assert!(m.buckets == one.buckets && m.filter == one.filter);
            }
            // Every value of a key found through the filter and its bucket.
            for &(k, v) in entries.iter().step_by(997) {
                let mut out = Vec::new();
                one.get_many(&[k], &mut out);
                assert!(out.contains(&v), "key {k}: value {v} missing");
            }
        }
    }

    #[test]
    fn parts_are_a_power_of_two_and_one_for_a_small_map() {
        assert_eq!(parts_for(PARTS_FROM - 1, 8), 1);
        assert_eq!(parts_for(PARTS_FROM, 1), 1);
        assert_eq!(parts_for(PARTS_FROM, 3), 4);
        assert_eq!(parts_for(PARTS_FROM, 64), MAX_PARTS);
    }
}
