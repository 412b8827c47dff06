//! The deletions' map (`Index::deletes`, the largest by far: 45 M slots at 1,000,000 accounts), built
//! without holding every entry as a u64 first (34 MB at 100,000 accounts, the peak of a build: issue
//! 25), and on several threads where they are allowed.
//!
//! Buckets come in groups of 2^FINE_BITS (256) neighbours. Each entry goes to the end of its group's
//! run (a region of its share of the entries, the few beyond it spilled aside) as its 32-bit slot,
//! with its bucket within the group in a side byte, then each group's run is put in bucket order, each
//! bucket sorted and its duplicates dropped, in cache. Counting and placing by bucket instead (16 M buckets, 236 MB of bucket table and
//! slots at 1,000,000 accounts) missed the cache on almost every key even in batches put in order of
//! their top bits first: a quarter of a 1,000,000-account build (issue 25, "Building faster"). The 65,536
//! groups' counters fit in the second-level cache, and their runs are written each from its end. A
//! large map (`TWO_LEVELS_FROM`) is placed in two levels: by blocks of 256 groups first, then each
//! block put in group order in cache (`Side`).
//!
//! The pass over the entries goes a round of accounts at a time (`sweep`): the round's entries are
//! hashed in slices at once, then taken by `parts`, each part a range of groups, in its own regions,
//! side bytes and spill. Nothing is shared, so the threads need no locks, and nothing is hashed twice:
//! the entries are not counted first (`placed_with`).

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

/// The entries of a map, by account.
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
    /// The entries expected (`placed`'s `expected`; `total` until it is set).
    expected: usize,
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
            expected: total,
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
    /// The map of `entries`, about `total` of them (which sizes the bucket table) and `expected`
    /// (which sizes the regions they are placed in: their number, as near as it is known), built in
    /// `parts` (a power of two) at once.
    pub(super) fn placed(
        total: usize,
        expected: usize,
        parts: usize,
        entries: &impl Entries,
    ) -> Self {
        let (mut shape, parts) = Shape::new(total, parts);
        shape.expected = expected;
        if shape.per_part << FINE_BITS >= TWO_LEVELS_FROM {
            Self::placed_with::<u16>(shape, parts, entries)
        } else {
            Self::placed_with::<u8>(shape, parts, entries)
        }
    }

    /// `placed` with the side value `S`: a bucket within its group (u8), or also a group within its
    /// block (u16, placed in two levels).
    ///
    /// One pass over the entries, each hashed once (counting them first, then placing, hashed every
    /// key twice: 866 M instructions at 100,000 accounts, a fifth of a `vipguard check`: issue 25).
    /// Each run (a group, or a block of groups) has a region of `cap` slots, its share of `expected`;
    /// an entry beyond its run's region waits in its part's `spill` (a run gets about its share, so
    /// few do). Then each run's region and spilled entries are put in bucket order, each bucket sorted
    /// and its duplicates dropped, and the kept slots written from the part's start on: into regions
    /// already read, the few that do not fit yet held back (`pending`) until the next region is read.
    fn placed_with<S: Side>(shape: Shape, parts: usize, entries: &impl Entries) -> Self {
        let per_part = shape.per_part;
        let runs_per_part = (per_part >> S::BLOCK_BITS).max(1);
        let cap = entries_estimate(shape, parts, runs_per_part);
        let part_len = runs_per_part * cap;
        let mut slots = vec![0u32; parts * part_len];
        let mut side = vec![S::default(); parts * part_len];
        let bounds: Vec<usize> = (0..=parts).map(|p| p * part_len).collect();

        let states: Vec<_> = split_at_bounds(&mut slots, &bounds)
            .into_iter()
            .zip(split_at_bounds(&mut side, &bounds))
            .enumerate()
            .map(|(p, (slots, side))| Placing {
                first: p * per_part,
                fill: vec![0u32; runs_per_part],
                slots,
                side,
                spill: Vec::new(),
            })
            .collect();
        let states = sweep(
            entries,
            |k| shape.part(k),
            states,
            |s, e| {
                let g = shape.group(e) - s.first;
                let run = g >> S::BLOCK_BITS;
                let n = s.fill[run] as usize;
                if n < cap {
                    let at = run * cap + n;
                    s.slots[at] = u32::of(e, shape.shift);
                    s.side[at] = S::of(g, shape.fine(e));
                    s.fill[run] += 1;
                } else {
                    s.spill.push(e);
                }
            },
        );

        // Each run in bucket order, each part within its own slots; each bucket's kept slots counted
        // in a byte (`Kept`), so that the bucket table is made only once the side values are gone
        // (both at once were 4.5 MB more at the peak of a 100,000-account `vipguard check`).
        let mut counts = vec![0u8; shape.buckets];
        let work: Vec<_> = counts
            .chunks_mut(per_part << shape.fine_bits)
            .zip(states)
            .collect();
        let kept = crate::parallel::map(work, |(counts, mut s)| {
            s.spill.sort_unstable();
            let mut kept = Kept {
                n: 0,
                many: Vec::new(),
                pending: std::collections::VecDeque::new(),
            };
            let (mut run_slots, mut run_fine, mut out, mut scratch) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let mut spilled = s.spill.iter().copied().peekable();
            for run in 0..runs_per_part {
                let region = run * cap..run * cap + s.fill[run] as usize;
                let mine = |e: &u64| (shape.group(*e) - s.first) >> S::BLOCK_BITS == run;
                let extra: Vec<(u32, S)> = std::iter::from_fn(|| spilled.next_if(mine))
                    .map(|e| {
                        let g = shape.group(e) - s.first;
                        (u32::of(e, shape.shift), S::of(g, shape.fine(e)))
                    })
                    .collect();
                // Where nothing waits and nothing spilled, the kept slots fit in the run's region
                // and before it (`kept.n` is at most the region's start), written there at once.
                let direct = extra.is_empty() && kept.pending.is_empty();
                let groups = (1usize << S::BLOCK_BITS).min(per_part);
                // A run of one group with nothing spilled is its region as it is.
                let in_place = match S::bytes(&s.side[region.clone()]) {
                    Some(fine) if extra.is_empty() => {
                        run_slots.clear();
                        run_slots.extend_from_slice(&s.slots[region.clone()]);
                        run_fine.clear();
                        run_fine.extend_from_slice(fine);
                        true
                    }
                    _ => false,
                };
                let mut starts = [0u32; (1 << 8) + 1];
                if in_place {
                    starts[1] = region.len() as u32;
                } else {
                    // The run's entries in group order, each side value cut to the bucket within
                    // its group; `starts`: each group's.
                    let in_block = |v: S| -> usize { v.into() >> 8 };
                    for &v in s.side[region.clone()]
                        .iter()
                        .chain(extra.iter().map(|(_, v)| v))
                    {
                        starts[in_block(v) + 1] += 1;
                    }
                    for i in 1..starts.len() {
                        starts[i] += starts[i - 1];
                    }
                    let len = region.len() + extra.len();
                    run_slots.clear();
                    run_slots.resize(len, 0);
                    run_fine.clear();
                    run_fine.resize(len, 0u8);
                    let mut next = starts;
                    let region_entries = s.slots[region.clone()]
                        .iter()
                        .copied()
                        .zip(s.side[region].iter().copied());
                    for (slot, v) in region_entries.chain(extra.iter().copied()) {
                        let j = in_block(v);
                        let at = next[j] as usize;
                        run_slots[at] = slot;
                        run_fine[at] = (v.into() & 0xFF) as u8;
                        next[j] += 1;
                    }
                }
                for j in 0..groups {
                    let g = (run << S::BLOCK_BITS) + j;
                    let group = starts[j] as usize..starts[j + 1] as usize;
                    let counts = &mut counts[g << shape.fine_bits..(g + 1) << shape.fine_bits];
                    let ends =
                        bucket_order(&run_slots[group.clone()], &run_fine[group], &mut scratch);
                    if direct {
                        let (to, n) = (&mut *s.slots, &mut kept.n);
                        keep(&mut scratch, &ends, counts, &mut kept.many, |slot| {
                            to[*n] = slot;
                            *n += 1;
                        });
                    } else {
                        keep(&mut scratch, &ends, counts, &mut kept.many, |slot| {
                            out.push(slot)
                        });
                    }
                }
                if direct {
                    continue;
                }
                // The run's region is read: its kept slots go there and before it, the rest wait.
                kept.pending.extend(out.drain(..));
                let room = (run + 1) * cap - kept.n;
                let k = room.min(kept.pending.len());
                for (to, slot) in s.slots[kept.n..kept.n + k]
                    .iter_mut()
                    .zip(kept.pending.drain(..k))
                {
                    *to = slot;
                }
                kept.n += k;
            }
            kept
        });
        drop(side);
        // The parts' kept slots moved together, each bucket's start the sum of the counts before it.
        let mut starts = Vec::with_capacity(shape.buckets + 1);
        let mut at = 0;
        let per_part_buckets = per_part << shape.fine_bits;
        let spilt_over = kept.iter().any(|k| !k.pending.is_empty());
        // Held back at a part's end (its entries outnumbered its regions: `expected` said too few):
        // gathered into a new array, in part order.
        let mut gathered = Vec::new();
        for (p, kept) in kept.iter().enumerate() {
            if spilt_over {
                gathered.extend_from_slice(&slots[bounds[p]..bounds[p] + kept.n]);
                gathered.extend(kept.pending.iter().copied());
            } else {
                slots.copy_within(bounds[p]..bounds[p] + kept.n, at);
            }
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
        if spilt_over {
            slots = gathered;
        }
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

/// Slots each run's region holds: its share of the entries `Entries` will give, as `placed` was told
/// (`expected`), and a sixty-fourth more, so that a part's regions almost never hold fewer slots than
/// it keeps (one part's entries outnumbered its regions by a few hundred in most builds without it,
/// and the part's last slots were then gathered into a second array: a 100,000-account `vipguard
/// check` peaked up to 123 MB).
fn entries_estimate(shape: Shape, parts: usize, runs_per_part: usize) -> usize {
    (shape.expected + shape.expected / 64).div_ceil(parts * runs_per_part)
}

/// A part's state while its entries are placed: where its groups begin, each run's count of placed
/// entries, its regions, side values, and the entries its full regions could not take.
struct Placing<'a, S> {
    first: usize,
    fill: Vec<u32>,
    slots: &'a mut [u32],
    side: &'a mut [S],
    spill: Vec<u64>,
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
    /// Groups a block holds, as a power of two: a run is a block (0: a group).
    const BLOCK_BITS: u32;
    /// The side value of an entry of the part's group `g`, bucket `fine` within it: the group within
    /// its block in the bits above the bucket's 8.
    fn of(g: usize, fine: u8) -> Self;
    /// The side values as buckets within their group, where that is all they hold.
    fn bytes(xs: &[Self]) -> Option<&[u8]>;
}

impl Side for u8 {
    const BLOCK_BITS: u32 = 0;
    fn of(_: usize, fine: u8) -> Self {
        fine
    }
    fn bytes(xs: &[Self]) -> Option<&[u8]> {
        Some(xs)
    }
}

impl Side for u16 {
    const BLOCK_BITS: u32 = 8;
    fn of(g: usize, fine: u8) -> Self {
        (((g & 0xFF) as u16) << 8) | u16::from(fine)
    }
    fn bytes(_: &[Self]) -> Option<&[u8]> {
        None
    }
}

/// Slots kept so far by a part and written to its start (`n`), the counts of its buckets that keep
/// `u8::MAX` or more, in bucket order (a bucket's count byte saying `u8::MAX` stands for the next of
/// them), and kept slots not yet written (no room yet before the regions still to read).
struct Kept {
    n: usize,
    many: Vec<usize>,
    pending: std::collections::VecDeque<u32>,
}

/// One group's `slots` (their buckets within the group in `fine`) put in bucket order in `scratch`;
/// where each bucket ends there.
fn bucket_order(slots: &[u32], fine: &[u8], scratch: &mut Vec<u32>) -> [u32; (1 << FINE_BITS) + 1] {
    // ends[b]: first where bucket b goes, then (once placed) its end.
    let mut ends = [0u32; (1 << FINE_BITS) + 1];
    for &b in fine {
        ends[usize::from(b) + 1] += 1;
    }
    for i in 1..ends.len() {
        ends[i] += ends[i - 1];
    }
    scratch.clear();
    scratch.resize(slots.len(), 0);
    for (&slot, &b) in slots.iter().zip(fine) {
        let b = usize::from(b);
        scratch[ends[b] as usize] = slot;
        ends[b] += 1;
    }
    ends
}

/// Each bucket of a group in `scratch` (its ends in `ends`) sorted, its duplicates dropped, and its
/// slots handed to `put` in order. Each bucket's count of kept slots goes in `counts`, and into `many`
/// where it is `u8::MAX` or more.
fn keep(
    scratch: &mut [u32],
    ends: &[u32],
    counts: &mut [u8],
    many: &mut Vec<usize>,
    mut put: impl FnMut(u32),
) {
    let mut start = 0;
    for (b, count) in counts.iter_mut().enumerate() {
        let end = ends[b] as usize;
        let bucket = &mut scratch[start..end];
        bucket.sort_unstable();
        let mut n = 0;
        for j in 0..bucket.len() {
            if j == 0 || bucket[j] != bucket[j - 1] {
                put(bucket[j]);
                n += 1;
            }
        }
        *count = u8::try_from(n).unwrap_or(u8::MAX);
        if n >= usize::from(u8::MAX) {
            many.push(n);
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
            let one = MultiMap::placed(entries.len(), entries.len(), 1, &entries);
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
                let m = MultiMap::placed(entries.len(), entries.len(), parts, &entries);
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
            // Regions too small (the estimate `expected` said a third of the entries, or none: most
            // spill and the kept slots outrun the regions read, to be gathered at the end) and too
            // large: the same map.
            for parts in [1, 2] {
                for share in [0, 3, 1, 100] {
                    let (mut shape, parts) = Shape::new(entries.len(), parts);
                    shape.expected = if share == 100 {
                        entries.len() * 4
                    } else if share == 0 {
                        0
                    } else {
                        entries.len() / share
                    };
                    let m = MultiMap::placed_with::<u8>(shape, parts, &entries);
                    assert!(
                        m.entries == one.entries,
                        "{n} entries in {parts} parts, regions for {}",
                        shape.expected
                    );
                    assert!(m.buckets == one.buckets && m.filter == one.filter);
                }
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
