//! The deletions' map (`Index::deletes`, the largest by far: 45 M slots at 1,000,000 accounts), built
//! without holding every entry as a u64 first (34 MB at 100,000 accounts, the peak of a build: issue
//! 25), and on several threads where they are allowed.
//!
//! The keys are counted by bucket, then each entry goes straight into its bucket's place as its 32-bit
//! slot, then each bucket's few slots are sorted. Both passes over the entries go a round of accounts
//! at a time (`sweep`): the round's entries are hashed in slices at once, then taken by `parts`, each
//! part the range of buckets their top bits name, in its own cells of the bucket table and the slots.
//! Nothing is shared, so the threads need no locks, and nothing is hashed twice in a pass.
//!
//! A part takes its keys through a batch of BATCH keys put in order of their top GROUP_BITS bits first
//! (`Batch`): taken in hash order, each count and each placement was a cache miss over the bucket
//! table and the slots (25 MB at 100,000 accounts, 236 MB at 1,000,000), and the build took half as
//! long again as sorting one u64 array; in group order, a batch's writes sweep both arrays once, 4,096
//! short runs in address order. A smaller map (BATCH_FROM) takes each key as it comes, in one part.

use super::{mix, MultiMap, Slot, BUCKET_ENTRIES_LOG2, GROUP_BITS, VALUE_MASK};

/// Keys counted or placed at a time by a part, in group order (512 KB of them, twice): half as many
/// made a 1,000,000-account build 10% slower.
const BATCH: usize = 1 << 16;
/// Below this many entries (4 MB of slots, their buckets 1 MB) the arrays stay in cache and each key
/// is counted and placed as it comes: batching them, or splitting them in parts, only adds work there.
pub(super) const BATCH_FROM: usize = 1 << 20;
/// Parts at most: each reads every entry of a round.
const MAX_PARTS: usize = 16;
/// Accounts hashed in a round of `sweep`: about 180,000 entries at 45 an account (1.4 MB of u64s,
/// held at a build's peak: 4,096 more accounts made it 4 MB more).
const ROUND: usize = 1 << 12;

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
    let mut hashed: Vec<Vec<u64>> = vec![Vec::new(); slices];
    let n = entries.accounts();
    let mut start = 0;
    while start < n {
        let end = (start + ROUND).min(n);
        let per = (end - start).div_ceil(slices);
        let jobs: Vec<_> = hashed.into_iter().enumerate().collect();
        hashed = crate::parallel::map(jobs, |(i, mut out)| {
            out.clear();
            let from = (start + i * per).min(end);
            entries.each(from..(from + per).min(end), &mut |k, v| {
                out.push(mix(k) | (v as u64 & VALUE_MASK));
            });
            out
        });
        let jobs: Vec<_> = states.into_iter().enumerate().collect();
        states = crate::parallel::map(jobs, |(p, mut state)| {
            for &e in hashed.iter().flatten() {
                if part_of(e) == p {
                    take(&mut state, e);
                }
            }
            state
        });
        start = end;
    }
    states
}

/// Keys (or entries) waiting to be handed on in order of their top GROUP_BITS bits, or at once when
/// not batched.
struct Batch {
    waiting: Vec<u64>,
    grouped: Vec<u64>,
}

impl Batch {
    fn new(batched: bool) -> Self {
        Batch {
            waiting: Vec::with_capacity(if batched { BATCH } else { 0 }),
            grouped: Vec::new(),
        }
    }
    #[inline]
    fn add(&mut self, k: u64, f: &mut impl FnMut(u64)) {
        if self.waiting.capacity() == 0 {
            f(k);
            return;
        }
        self.waiting.push(k);
        if self.waiting.len() == BATCH {
            self.flush(f);
        }
    }
    /// `f` on each waiting key, in order of their top GROUP_BITS bits (a counting sort into `grouped`),
    /// and the batch emptied. The order of a bucket's entries does not matter: each bucket is sorted
    /// at the end.
    fn flush(&mut self, f: &mut impl FnMut(u64)) {
        let shift = 64 - GROUP_BITS;
        let mut next = vec![0u32; (1 << GROUP_BITS) + 1];
        for &k in &self.waiting {
            next[(k >> shift) as usize + 1] += 1;
        }
        for i in 1..next.len() {
            next[i] += next[i - 1];
        }
        self.grouped.resize(self.waiting.len(), 0);
        for &k in &self.waiting {
            let g = (k >> shift) as usize;
            self.grouped[next[g] as usize] = k;
            next[g] += 1;
        }
        for &k in &self.grouped {
            f(k);
        }
        self.waiting.clear();
    }
}

/// How many parts a map of `total` entries is built in, given `threads`: a power of two, so that a
/// part is a range of top bits.
pub(super) fn parts_for(total: usize, threads: usize) -> usize {
    if total < BATCH_FROM {
        1
    } else {
        threads.clamp(1, MAX_PARTS).next_power_of_two()
    }
}

impl MultiMap<u32> {
    /// The map of `entries`, about `total` of them (which sizes the bucket table), built in `parts`
    /// (a power of two) at once.
    pub(super) fn placed(total: usize, parts: usize, entries: &impl Entries) -> Self {
        let bits = (usize::BITS - total.leading_zeros())
            .saturating_sub(BUCKET_ENTRIES_LOG2)
            .clamp(4, 24);
        let shift = 64 - bits;
        let buckets = 1usize << bits;
        let parts = parts.clamp(1, buckets);
        let per_part = buckets / parts;
        let part_of = |key: u64| (key >> shift) as usize / per_part;
        let batched = total >= BATCH_FROM;

        // Count each bucket's keys into the next bucket's cell, each part into its own cells.
        let mut starts = vec![0u32; buckets + 1];
        let states: Vec<_> = starts[1..]
            .chunks_mut(per_part)
            .enumerate()
            .map(|(p, counts)| (p * per_part, counts, Batch::new(batched)))
            .collect();
        let count = |first: usize, counts: &mut [u32], k: u64| {
            counts[(k >> shift) as usize - first] += 1;
        };
        let states = sweep(entries, part_of, states, |(first, counts, batch), k| {
            batch.add(k, &mut |k| count(*first, counts, k));
        });
        crate::parallel::map(states, |(first, counts, mut batch)| {
            batch.flush(&mut |k| count(first, counts, k));
        });
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        // Where each part's slots begin, and the end.
        let bounds: Vec<usize> = (0..=parts).map(|p| starts[p * per_part] as usize).collect();
        let mut slots = vec![0u32; bounds[parts]];
        // starts[b + 1] becomes where bucket b's next slot goes, up to bucket b + 1's start.
        starts.copy_within(..buckets, 1);

        let states: Vec<_> = starts[1..]
            .chunks_mut(per_part)
            .zip(split_at_bounds(&mut slots, &bounds))
            .enumerate()
            .map(|(p, (next, part))| (p, next, part, Batch::new(batched)))
            .collect();
        // Only keys counted above come here (`Entries` gives the same each time), so a bucket never
        // spills into the next.
        let put = |p: usize, next: &mut [u32], part: &mut [u32], e: u64| {
            let b = (e >> shift) as usize - p * per_part;
            part[next[b] as usize - bounds[p]] = u32::of(e, shift);
            next[b] += 1;
        };
        let states = sweep(entries, part_of, states, |(p, next, part, batch), e| {
            batch.add(e, &mut |e| put(*p, next, part, e));
        });
        crate::parallel::map(states, |(p, next, part, mut batch)| {
            batch.flush(&mut |e| put(p, next, part, e));
        });

        // Each bucket's slots sorted and their duplicates dropped, each part within its own slots;
        // starts[b] becomes bucket b's start within its part (starts[b + 1], until it is rewritten,
        // still holds bucket b's end).
        let work: Vec<_> = starts[..buckets]
            .chunks_mut(per_part)
            .zip(split_at_bounds(&mut slots, &bounds))
            .enumerate()
            .collect();
        let kept = crate::parallel::map(work, |(p, (starts, part))| {
            let (mut kept, mut start) = (0, 0);
            for i in 0..per_part {
                let end = match starts.get(i + 1) {
                    Some(&next) => next as usize - bounds[p],
                    None => part.len(),
                };
                part[start..end].sort_unstable();
                starts[i] = kept as u32;
                for j in start..end {
                    if j == start || part[j] != part[j - 1] {
                        part[kept] = part[j];
                        kept += 1;
                    }
                }
                start = end;
            }
            kept
        });
        // The parts' kept slots moved together, their starts made whole.
        let mut at = 0;
        for (p, &n) in kept.iter().enumerate() {
            slots.copy_within(bounds[p]..bounds[p] + n, at);
            for s in &mut starts[p * per_part..(p + 1) * per_part] {
                *s += at as u32;
            }
            at += n;
        }
        starts[buckets] = at as u32;
        slots.truncate(at);

        let mut map = MultiMap {
            entries: slots,
            buckets: starts,
            shift,
            ..MultiMap::default()
        };
        map.fill_filter(parts);
        map
    }
}

/// `xs` cut at `bounds` (increasing, from 0 to its length): one slice per part.
fn split_at_bounds<'a>(mut xs: &'a mut [u32], bounds: &[usize]) -> Vec<&'a mut [u32]> {
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
    /// parts, batched (above BATCH_FROM) and not: the same map whatever the parts.
    #[test]
    fn placed_in_parts_holds_every_slot_in_its_bucket_as_one_part_does() {
        for n in [70_000, BATCH_FROM + 5 * BATCH + 123] {
            let entries: Vec<(u64, u32)> = (0..n as u64)
                .map(|i| ((i % 90_001) * 2_654_435_761, (i * 7919 % 1_000_003) as u32))
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
        assert_eq!(parts_for(BATCH_FROM - 1, 8), 1);
        assert_eq!(parts_for(BATCH_FROM, 1), 1);
        assert_eq!(parts_for(BATCH_FROM, 3), 4);
        assert_eq!(parts_for(BATCH_FROM, 64), MAX_PARTS);
    }
}
