//! Candidate lookup, so a check never scans the whole protected list.
//!
//! * exact keys (handles, names written as handles, sorted name tokens) in a hash map;
//! * a deletion neighbourhood (SymSpell-style, one deletion on each side) over handle keys, which finds
//!   every key within the typo limits without comparing against each account;
//! * names under their two rarest tokens: a name match needs every token of the protected name, so the
//!   rarest pair is always among the profile's matched tokens, and pairs are selective even when first
//!   names and surnames are common. Fuzzy token matching (one deletion each side) runs over the distinct
//!   tokens, not over accounts.
//!
//! Chosen over q-grams and a BK-tree by measurement: see `benches/check.rs` and docs/benchmarks.md.

mod placed;

use crate::codec::{Reader, Writer};
use crate::text::handle::{HandleKeys, TargetKeys, SHORT_FAR, SHORT_FAR_HANDLES};
use crate::text::name::NameKeys;
use crate::text::skeleton;
use hashbrown::hash_table::{Entry, HashTable};
use placed::Entries;
use std::hash::BuildHasher;

/// Many values per key in one sorted array. While building, each entry is a single u64: the top 40 bits
/// of the (mixed) key and a 24-bit value (account or token id: up to 16M distinct name tokens). A bucket
/// table over the top bits of the key makes a lookup one bucket read and a short scan, and building is
/// one sort of plain integers. (A hash map of vectors cost one allocation per key; binary search over
/// tens of megabytes, twenty cache misses per lookup; a hash map from key to range, random inserts into
/// a 60 MB table.) Once finished, the entries are kept as `E` (`Slot`): whole, or in 32 bits.
/// A hash collision only adds a candidate, and every candidate is compared in full.
#[derive(Default)]
struct MultiMap<E: Slot = u64> {
    /// Entries pushed, until `finish`.
    pushed: Vec<u64>,
    /// Sorted by key, without duplicates: each key's values in order.
    entries: Vec<E>,
    buckets: Vec<u32>,
    shift: u32,
    /// One bit per key position (8 per entry, so about one absent key in eight passes): most lookups are
    /// for keys that are absent, and this small table answers them without touching `entries`.
    filter: Vec<u64>,
}

const VALUE_BITS: u32 = 24;
const VALUE_MASK: u64 = (1 << VALUE_BITS) - 1;
const FILTER_K: u64 = 3;
/// Entries per bucket, about (between this and twice it): a lookup scans one bucket, a few entries in
/// one or two cache lines. One or two entries a bucket made the bucket table as large as the entries
/// themselves (32 MB of 74 MB for the deletions of 100,000 accounts: issue 25).
const BUCKET_ENTRIES_LOG2: u32 = 2;
/// Top bits of the first in-place grouping pass (`sort_in_place`): 4,096 groups, whose write
/// positions stay in cache.
const GROUP_BITS: u32 = 12;

/// SplitMix64's finaliser: spreads keys built from small integers (token ids) over the buckets.
fn splitmix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A key as the maps keep it: mixed, its low VALUE_BITS clear for the value.
fn mix(z: u64) -> u64 {
    splitmix(z) & !VALUE_MASK
}

/// How a finished map keeps its entries.
trait Slot: Copy + PartialEq + Default + bytemuck::Pod + Send + Sync {
    /// The finished entries from the sorted, deduplicated u64 entries (`shift`: the bucket shift).
    fn from_entries(entries: Vec<u64>, shift: u32) -> Vec<Self>;
    /// One entry's slot.
    fn of(entry: u64, shift: u32) -> Self;
    /// The slot's key part and a lookup key's (a mixed key, value bits clear) as it would keep it.
    fn key_part(self) -> u64;
    fn key_of(key: u64, shift: u32) -> u64;
    /// A key (mixed, value bits clear) that this slot of bucket `bucket` may hold, as far as the
    /// filter sees it.
    fn key_in(self, bucket: u64, shift: u32) -> u64;
    fn value(self) -> u32;
    /// The bits a key's filter bits are taken from, the same for an entry and for a lookup of its key:
    /// mixed again, as the filter word is the key's top bits (`filter_mask`).
    fn filter_key(key: u64, shift: u32) -> u64;
    fn write(xs: &[Self], w: &mut Writer);
    fn read(r: &mut Reader) -> Result<Vec<Self>, String>;
}

/// The whole entry: 40 bits of key, so false candidates from the map are rare.
impl Slot for u64 {
    fn from_entries(entries: Vec<u64>, _: u32) -> Vec<Self> {
        entries
    }
    fn of(entry: u64, _: u32) -> Self {
        entry
    }
    fn key_part(self) -> u64 {
        self & !VALUE_MASK
    }
    fn key_of(key: u64, _: u32) -> u64 {
        key
    }
    fn key_in(self, _: u64, _: u32) -> u64 {
        self.key_part()
    }
    fn value(self) -> u32 {
        (self & VALUE_MASK) as u32
    }
    fn filter_key(key: u64, _: u32) -> u64 {
        splitmix(key >> VALUE_BITS) >> VALUE_BITS
    }
    fn write(xs: &[Self], w: &mut Writer) {
        w.u64s(xs);
    }
    fn read(r: &mut Reader) -> Result<Vec<Self>, String> {
        r.u64s()
    }
}

/// The top 64 - shift + 8 bits of a key: its bucket and a short slot's 8 key bits.
fn short_top(key: u64, shift: u32) -> u64 {
    key >> (shift - 8)
}

/// Half the size: the 8 key bits below the bucket's (which the bucket stands for) and the 24-bit value.
/// For the deletion neighbourhood of handle keys (34 MB of u64 entries at 100,000 accounts: issue 25).
/// A key then matches about one entry in 256 of its bucket that is not its own; the filter, built from
/// the same bits, still stops most absent keys; each false candidate is compared in full and found
/// wanting. The consumers must not count values (as the trigram stage does): duplicates of a value may
/// come back.
impl Slot for u32 {
    fn from_entries(entries: Vec<u64>, shift: u32) -> Vec<Self> {
        entries.iter().map(|&e| u32::of(e, shift)).collect()
    }
    fn of(entry: u64, shift: u32) -> Self {
        (((short_top(entry, shift) & 0xFF) as u32) << VALUE_BITS) | (entry & VALUE_MASK) as u32
    }
    fn key_part(self) -> u64 {
        u64::from(self >> VALUE_BITS)
    }
    fn key_of(key: u64, shift: u32) -> u64 {
        short_top(key, shift) & 0xFF
    }
    fn key_in(self, bucket: u64, shift: u32) -> u64 {
        ((bucket << 8) | self.key_part()) << (shift - 8)
    }
    fn value(self) -> u32 {
        self & VALUE_MASK as u32
    }
    fn filter_key(key: u64, shift: u32) -> u64 {
        splitmix(short_top(key, shift)) >> VALUE_BITS
    }
    fn write(xs: &[Self], w: &mut Writer) {
        w.u32s(xs);
    }
    fn read(r: &mut Reader) -> Result<Vec<Self>, String> {
        r.u32s()
    }
}

/// The filter word of a key (mixed, value bits clear) among 2^`word_bits`, its top bits, and its
/// FILTER_K bits in that word, from other bits of it: more than one bit cuts the false positives that
/// each cost a bucket read (one bit per key let about 9% of absent keys through), and keeping them in
/// one word keeps a test to one memory read.
fn filter_mask<E: Slot>(key: u64, shift: u32, word_bits: u32) -> (usize, u64) {
    let word = if word_bits == 0 {
        0
    } else {
        (key >> (64 - word_bits)) as usize
    };
    let h = E::filter_key(key, shift);
    let mut mask = 0;
    for i in 0..FILTER_K {
        mask |= 1 << ((h >> (40 - 6 * (i + 1))) & 63);
    }
    (word, mask)
}

impl<E: Slot> MultiMap<E> {
    fn push(&mut self, key: u64, value: u32) {
        self.pushed.push(mix(key) | (value as u64 & VALUE_MASK));
    }
    /// A key's filter word and bits (`filter_mask`).
    fn filter_mask(&self, key: u64) -> (usize, u64) {
        filter_mask::<E>(key, self.shift, self.filter.len().trailing_zeros())
    }
    fn finish(&mut self) {
        let mut entries = std::mem::take(&mut self.pushed);
        sort_in_place(&mut entries);
        entries.dedup();
        entries.shrink_to_fit();
        let bits = (usize::BITS - entries.len().leading_zeros())
            .saturating_sub(BUCKET_ENTRIES_LOG2)
            .clamp(4, 24);
        self.shift = 64 - bits;
        // Where each bucket starts (a counting pass over the sorted entries).
        let mut start = vec![0u32; (1 << bits) + 1];
        for e in &entries {
            start[(e >> self.shift) as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        self.buckets = start;
        // The entries as kept, then the filter from them: the pushed entries are gone before it is
        // allocated (a build's peak holds everything else: issue 25).
        self.entries = E::from_entries(entries, self.shift);
        self.fill_filter(1);
    }

    /// The filter of the finished entries, in `parts` ranges of buckets at once (a power of two). A
    /// key's filter word is its top bits, as its bucket is: the words are written in order, not at
    /// random over tens of megabytes (a tenth of a 1,000,000-account build), and each range of buckets
    /// has its own range of words.
    fn fill_filter(&mut self, parts: usize) {
        let words = ((self.entries.len() * 8).next_power_of_two() / 64).max(1);
        self.filter = vec![0; words];
        let buckets = self.buckets.len() - 1;
        let parts = parts.min(words).min(buckets);
        let (per_part, words_per_part) = (buckets / parts, words / parts);
        let (shift, word_bits) = (self.shift, words.trailing_zeros());
        let (entries, starts) = (&self.entries, &self.buckets);
        let chunks: Vec<_> = self.filter.chunks_mut(words_per_part).enumerate().collect();
        crate::parallel::map(chunks, |(p, chunk)| {
            for b in p * per_part..(p + 1) * per_part {
                for e in &entries[starts[b] as usize..starts[b + 1] as usize] {
                    let (word, mask) =
                        filter_mask::<E>(e.key_in(b as u64, shift), shift, word_bits);
                    chunk[word - p * words_per_part] |= mask;
                }
            }
        });
    }

    /// Values of many keys at once, appended to `out`. Two tight passes (filter bits, then buckets) let the
    /// CPU overlap the cache misses of independent lookups instead of waiting for each in turn.
    fn get_many(&self, keys: &[u64], out: &mut Vec<u32>) {
        if self.filter.is_empty() {
            return;
        }
        // In chunks on the stack: a check makes a dozen of these calls, and two vectors each showed.
        let mut hits = [0u64; 32];
        for chunk in keys.chunks(hits.len()) {
            let mut n = 0;
            for k in chunk {
                let k = mix(*k);
                let (word, mask) = self.filter_mask(k);
                hits[n] = k;
                n += usize::from(self.filter[word] & mask == mask);
            }
            for &k in &hits[..n] {
                let b = (k >> self.shift) as usize;
                let range = self.buckets[b] as usize..self.buckets[b + 1] as usize;
                let part = E::key_of(k, self.shift);
                // A key's values come in order with duplicates together: keep the first of each.
                let mut last = None;
                // `get`: a crafted snapshot's table can be out of order (restoring checks only its size).
                for e in self.entries.get(range).unwrap_or_default() {
                    if e.key_part() == part && last != Some(*e) {
                        out.push(e.value());
                        last = Some(*e);
                    }
                }
            }
        }
    }
}

impl<E: Slot> MultiMap<E> {
    fn write(&self, w: &mut Writer) {
        w.u32(self.shift);
        E::write(&self.entries, w);
        w.u32s(&self.buckets);
        w.u64s(&self.filter);
    }
    /// A finished map back from `write`, its table sizes checked so that no lookup can index out of
    /// bounds.
    fn read(r: &mut Reader) -> Result<Self, String> {
        let shift = r.u32()?;
        let entries = E::read(r)?;
        let buckets = r.u32s()?;
        let filter = r.u64s()?;
        if !(64 - 24..=64 - 4).contains(&shift) {
            return Err(format!("bucket shift {shift} out of range"));
        }
        // Sizes only: a pass over millions of entries showed in restoring. Lookups never index out of
        // bounds whatever the tables hold, and the checker ignores account ids past its list.
        if buckets.len() != (1 << (64 - shift)) + 1
            || buckets.last().map(|&b| b as usize) != Some(entries.len())
        {
            return Err("bucket table does not fit the entries".into());
        }
        if !filter.is_empty() && !filter.len().is_power_of_two() {
            return Err(format!("filter of {} words", filter.len()));
        }
        Ok(MultiMap {
            pushed: Vec::new(),
            entries,
            buckets,
            shift,
            filter,
        })
    }
}

/// Sort integers in place, with no second array (a copy of the deletions' entries was 34 MB of the
/// peak of building a checker of 100,000 accounts): an in-place counting permutation (American flag
/// sort) by the top GROUP_BITS bits, whose 4,096 write positions stay in cache, then each group sorted
/// on its own, small enough to sort in cache. Sorting the whole array at once was a fifth of a build.
fn sort_in_place(xs: &mut [u64]) {
    if xs.len() < 1 << GROUP_BITS {
        xs.sort_unstable();
        return;
    }
    let shift = 64 - GROUP_BITS;
    let mut start = vec![0usize; (1 << GROUP_BITS) + 1];
    for &x in xs.iter() {
        start[(x >> shift) as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut next = start.clone();
    for g in 0..1 << GROUP_BITS {
        while next[g] < start[g + 1] {
            let mut x = xs[next[g]];
            loop {
                let d = (x >> shift) as usize;
                if d == g {
                    break;
                }
                std::mem::swap(&mut x, &mut xs[next[d]]);
                next[d] += 1;
            }
            xs[next[g]] = x;
            next[g] += 1;
        }
    }
    for g in 0..1 << GROUP_BITS {
        xs[start[g]..start[g + 1]].sort_unstable();
    }
}

#[derive(Default)]
pub(crate) struct Index {
    /// Handle keys, names written as handles, sorted name tokens.
    exact: MultiMap,
    /// Handle keys and their one-deletion variants: the largest map by far, in 32-bit slots.
    deletes: MultiMap<u32>,
    /// Handle keys of GRAM_MIN_LEN+ characters under each of their trigrams and their length: a
    /// count of shared trigrams finds keys two edits away, which one deletion each side cannot.
    grams: MultiMap,
    /// Bit `len` (`gram_bit`) set when a key of `len` letters is in `grams`: a check looks up only the
    /// lengths some key has. Keys of 10–11 letters are brands' only, and a list of people may have
    /// none: skipping those lengths took back most of what the 10–11-letter stage had added to a check
    /// in `scripts/count-instructions.sh` (docs/benchmarks.md).
    gram_lens: u64,
    /// Brands' handle keys of SHORT_FAR letters with none, one or two characters deleted: a profile's
    /// key shares one of these with a key two edits away (`two_deletions`). Too short for the trigram
    /// count, and few: only brands' keys of that length.
    short_far: MultiMap,
    /// Token id by the hash of the token.
    token_ids: MultiMap,
    /// Token ids by the hash of the token and of each of its one-deletion variants.
    token_deletes: MultiMap,
    /// Names of two or more tokens under their two rarest token ids (x << 32 | y); one-token names under
    /// their token id with the top bit set.
    by_tokens: MultiMap,
    /// Names waiting for `finish`, which needs every token's frequency first: (account, first token,
    /// token count). The tokens are kept end to end in one string (one allocation per name showed).
    pending: Vec<(u32, u32, u32)>,
    pending_text: String,
    /// Where each pending token ends in `pending_text`.
    pending_ends: Vec<u32>,
    /// One bit per hash of the first four bytes of every exact key: a handle's embedded substrings are
    /// looked up only from positions where some key could start. The table (128 KB) stays in cache.
    /// Substring lookups were a fifth of a check's cache misses; the table removes about a third of
    /// them (docs/benchmarks.md).
    starts: Vec<u64>,
}

/// Shortest handle key looked up by trigrams: the shortest with a typo limit of 2 (`typo_limit`);
/// shorter keys have a limit of 1, which the deletion neighbourhood covers. Keys under
/// GRAM_PERSON_MIN_LEN only for brands (`add_handle`), and kept from ordinary handles two edits away by
/// `handle::another_word_beside`.
const GRAM_MIN_LEN: usize = 10;
/// Shortest key of an account that is not a brand looked up by trigrams: at 10–11 letters the count
/// filter admits two shared trigrams, and people's handles of that length are many (the 100,000
/// synthetic accounts of `scripts/count-instructions.sh`: five times the instructions per check).
const GRAM_PERSON_MIN_LEN: usize = 12;
/// Edits the trigram count allows for: the typo limit of long keys (`typo_limit`).
const GRAM_EDITS: usize = 2;
/// Marks a key in `Index::short_far` (the map holds nothing else; the tag only keeps its hashes apart
/// from the deletion neighbourhood's should the two ever share a map).
const SHORT_FAR_TAG: u64 = 0x7E0E_D175_2D31_E7E5;

/// The key of a handle's letters, the part the trigram stage compares, if it has at least `min`
/// letters: digits are the numbers anyone adds to a handle (`Ada_Obi2024`), and as the fold key reads
/// them (0 as o, 1 as l) their trigrams would be shared by a large part of any list.
fn letters_key(display: &str, fold: &str, min: usize) -> Option<String> {
    if display.chars().filter(|c| c.is_alphabetic()).count() < min {
        return None;
    }
    let key = if display.chars().any(char::is_numeric) {
        let letters = crate::text::kept(display, |c| !c.is_numeric());
        crate::text::normalize::normalize(&letters, crate::text::limits::MAX_HANDLE_CHARS)
            .fold_compact()
    } else {
        fold.to_string()
    };
    // Folding reads some letters as digits (Cyrillic б as 6): those go too, so the key is letters only
    // (found by fuzzing: fuzz/regressions/check/).
    Some(crate::text::kept(&key, |c| !c.is_numeric()))
}

/// The bit of keys of `len` letters in `Index::gram_lens` (the longest share the last bit).
fn gram_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The distinct trigrams of `key` (by characters), each hashed with `len`, the length of the keys
/// they are looked up among.
fn grams(key: &str, len: usize, out: &mut Vec<u64>) {
    debug_assert!(
        key.chars().all(|c| !c.is_numeric()),
        "letters only (`letters`)"
    );
    let start = out.len();
    let chars = crate::text::char_indices(key);
    for w in chars.windows(3) {
        let end = w[2].0 + w[2].1.len_utf8();
        out.push(mix(fnv_extend(
            fnv(&key[w[0].0..end]),
            &(len as u32).to_le_bytes(),
        )));
    }
    out[start..].sort_unstable();
    let mut kept = start;
    for i in start..out.len() {
        if i == start || out[i] != out[kept - 1] {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
}

const START_BYTES: usize = 4;
const START_BITS: u32 = 20;

fn start_bit(bytes: &[u8]) -> usize {
    (mix(fnv_extend(FNV_OFFSET, &bytes[..START_BYTES])) >> (64 - START_BITS)) as usize
}

const SINGLE: u64 = 1 << 63;

fn pair(x: u32, y: u32) -> u64 {
    ((x.min(y) as u64) << 32) | x.max(y) as u64
}

const FNV_OFFSET: u64 = 0xcbf29ce484222325;

fn fnv_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn fnv(s: &str) -> u64 {
    fnv_extend(FNV_OFFSET, s.as_bytes())
}

/// Hash of `s` and of `s` with any one character deleted (its deletion neighbourhood), passed to `f`
/// whole first. Each is a polynomial hash of the resulting bytes, so a variant hashes the same however
/// it was reached (deleting from `abxc` or `abcy`, or `abc` itself), and all L + 1 hashes cost O(L)
/// from prefix and suffix sums (FNV hashed every suffix again: O(L²)).
/// Only the typo maps use it; a collision only adds a candidate.
fn neighbourhood(s: &str, mut f: impl FnMut(u64)) {
    let b = s.as_bytes();
    let n = b.len();
    if n > SHORT_KEY {
        neighbourhood_in(s, &mut vec![0; 2 * (n + 1)], f);
        return;
    }
    // Every key of the deletions' map comes through here in a build (`candidates::placed`), so no
    // scratch: the whole hash, then each deletion from it
    // (`without`), the powers from a table.
    let whole = poly(s);
    f(whole);
    let (mut at, mut prefix) = (0, 0u64);
    while at < n {
        let end = at + utf8_width(b[at]);
        let next = extend(prefix, &b[at..end]);
        f(without(whole, prefix, next, n - end));
        (at, prefix) = (end, next);
    }
}

/// Longest key (in bytes) hashed from `POWERS` alone, with no scratch: nearly every handle's key (a
/// handle may hold up to 100 characters; longer keys take `neighbourhood_in`'s scratch).
const SHORT_KEY: usize = 64;

const POLY: u64 = 0x9E37_79B9_7F4A_7C15;

/// POLY^k for k up to SHORT_KEY.
const POWERS: [u64; SHORT_KEY + 1] = {
    let mut p = [1u64; SHORT_KEY + 1];
    let mut k = 1;
    while k <= SHORT_KEY {
        p[k] = p[k - 1].wrapping_mul(POLY);
        k += 1;
    }
    p
};

/// `h`, the polynomial hash of some bytes, extended by `bytes`.
#[inline]
fn extend(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &x| h.wrapping_mul(POLY).wrapping_add(x as u64 + 1))
}

/// The hash of a string of hash `whole` with the bytes from `from` to `to` taken out, given the
/// hashes of its bytes before each (`before_from`, `before_to`) and the count of bytes after `to`
/// (at most SHORT_KEY): what is left is the head times POLY^after plus the tail, and the tail is
/// `whole` less the head up to `to` times POLY^after.
#[inline]
fn without(whole: u64, before_from: u64, before_to: u64, after: usize) -> u64 {
    whole.wrapping_sub(POWERS[after].wrapping_mul(before_to.wrapping_sub(before_from)))
}

/// The width of the UTF-8 character whose first byte is `b`.
#[inline]
fn utf8_width(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0x80..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// The hash `poly` gives `key` with each pair of neighbouring characters taken out, in order:
/// `skeleton::pair_deletions`' strings hashed, without building them.
fn pair_deletion_hashes(key: &str, mut f: impl FnMut(u64)) {
    let b = key.as_bytes();
    let n = b.len();
    if n > SHORT_KEY {
        skeleton::pair_deletions(key, |s| f(poly(s)));
        return;
    }
    let whole = poly(key);
    // Hashes of the bytes before the previous character and before this one.
    let (mut at, mut before_prev, mut prefix) = (0, None, 0u64);
    while at < n {
        let end = at + utf8_width(b[at]);
        let next = extend(prefix, &b[at..end]);
        if let Some(before_prev) = before_prev {
            f(without(whole, before_prev, next, n - end));
        }
        (at, before_prev, prefix) = (end, Some(prefix), next);
    }
}

/// The hash `neighbourhood` gives `s` itself.
fn poly(s: &str) -> u64 {
    s.bytes()
        .fold(0u64, |h, b| h.wrapping_mul(POLY).wrapping_add(b as u64 + 1))
}

/// Marks a pair deletion (`Index::add_tricks`) apart from the one-deletion neighbourhood in `deletes`.
const PAIR_TAG: u64 = 0x5A17_C0DE_D0B1_E5ED;

/// Hash of `s` with none, one or two characters deleted (duplicates included), as `neighbourhood`
/// hashes them: two keys within two edits share one of these (each side with the edited characters
/// deleted). O(L²) hashes from prefix hashes and powers, each O(1).
fn two_deletions(s: &str, mut f: impl FnMut(u64)) {
    let b = s.as_bytes();
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([b.len()]).collect();
    let m = bounds.len() - 1;
    // pre[k]: hash of b[..k]; pw[k]: POLY^k (bytes).
    let mut pre = Vec::with_capacity(b.len() + 1);
    let mut pw = Vec::with_capacity(b.len() + 1);
    pre.push(0u64);
    pw.push(1u64);
    for &x in b {
        let h = *pre.last().expect("one pushed");
        pre.push(h.wrapping_mul(POLY).wrapping_add(x as u64 + 1));
        pw.push(pw.last().expect("one pushed").wrapping_mul(POLY));
    }
    // Hash of b[from..to], and of x followed by y (y of `len` bytes).
    let mid = |from: usize, to: usize| pre[to].wrapping_sub(pre[from].wrapping_mul(pw[to - from]));
    let join = |x: u64, y: u64, len: usize| x.wrapping_mul(pw[len]).wrapping_add(y);
    let n = b.len();
    f(pre[n]);
    for i in 0..m {
        let (a0, a1) = (bounds[i], bounds[i + 1]);
        let head = pre[a0];
        f(join(head, mid(a1, n), n - a1));
        for j in i + 1..m {
            let (b0, b1) = (bounds[j], bounds[j + 1]);
            let two = join(head, mid(a1, b0), b0 - a1);
            f(join(two, mid(b1, n), n - b1));
        }
    }
}

/// `neighbourhood` with scratch space for 2 × (len + 1) values.
fn neighbourhood_in(s: &str, scratch: &mut [u64], mut f: impl FnMut(u64)) {
    let b = s.as_bytes();
    let n = b.len();
    // suffix[i]: hash of b[i..] (byte j weighs POLY^(n-1-j)); power[i]: POLY^(n-i). Bytes count as
    // b + 1, so a leading NUL is not the same as no byte.
    let (suffix, power) = scratch.split_at_mut(n + 1);
    suffix[n] = 0;
    power[n] = 1;
    for i in (0..n).rev() {
        suffix[i] = suffix[i + 1].wrapping_add((b[i] as u64 + 1).wrapping_mul(power[i + 1]));
        power[i] = power[i + 1].wrapping_mul(POLY);
    }
    f(suffix[0]);
    let (mut prefix, mut at) = (0u64, 0);
    for (i, c) in s.char_indices() {
        for &x in &b[at..i] {
            prefix = prefix.wrapping_mul(POLY).wrapping_add(x as u64 + 1);
        }
        at = i;
        let end = i + c.len_utf8();
        f(prefix.wrapping_mul(power[end]).wrapping_add(suffix[end]));
    }
}

/// A name's tokens in any order: the key `n:` + the sorted tokens joined by spaces, as its hash, length
/// and first bytes, without building the string (three allocations per name showed in building).
struct SortedKey {
    hash: u64,
    len: usize,
    head: [u8; START_BYTES],
}

fn sorted_key(tokens: &[&str]) -> SortedKey {
    let mut on_stack = [""; 16];
    let mut on_heap = Vec::new();
    let sorted: &mut [&str] = if tokens.len() <= on_stack.len() {
        for (slot, t) in on_stack.iter_mut().zip(tokens) {
            *slot = *t;
        }
        &mut on_stack[..tokens.len()]
    } else {
        on_heap.extend_from_slice(tokens);
        &mut on_heap
    };
    sorted.sort_unstable();
    let mut key = SortedKey {
        hash: FNV_OFFSET,
        len: 0,
        head: [0; START_BYTES],
    };
    let mut add = |bytes: &[u8]| {
        for (i, &b) in bytes.iter().enumerate() {
            if let Some(h) = key.head.get_mut(key.len + i) {
                *h = b;
            }
        }
        key.hash = fnv_extend(key.hash, bytes);
        key.len += bytes.len();
    };
    add(b"n:");
    for (i, t) in sorted.iter().enumerate() {
        if i > 0 {
            add(b" ");
        }
        add(t.as_bytes());
    }
    key
}

/// The deletion neighbourhood of a handle-like target's fold key, and of its leet key where it
/// differs, for keys of 5+ characters: what `Index::deletes` holds for it.
fn deletions(k: &TargetKeys, mut f: impl FnMut(u64)) {
    if k.fold_len < 5 {
        return;
    }
    let keys: &[&str] = if k.leet() == k.fold() {
        &[k.fold()]
    } else {
        &[k.fold(), k.leet()]
    };
    for key in keys {
        neighbourhood(key, &mut f);
    }
}

/// The pair deletions of a target that is findable far (`Index::add_handle`'s `far`), tagged apart from
/// the one-deletion neighbourhood: what finds a doubled pair (`text::skeleton`). Only under
/// GRAM_PERSON_MIN_LEN letters: longer keys are reached two edits away by trigrams, and a doubled pair
/// is two edits. Counted and placed through this one function, so the two never disagree.
fn pair_deletion_keys(k: &TargetKeys, far: bool, mut f: impl FnMut(u64)) {
    let n = k.fold_len as usize;
    if far && (skeleton::MIN_TRICK_LEN..GRAM_PERSON_MIN_LEN).contains(&n) {
        pair_deletion_hashes(k.fold(), |h| f(h ^ PAIR_TAG));
    }
}

/// A handle-like target (a handle, or a name written as one) of account `account`; `far` also makes
/// it findable two edits away (`Index::add_handle`).
pub(crate) struct Target<'k> {
    pub account: u32,
    pub keys: &'k TargetKeys,
    pub far: bool,
    pub brand: bool,
}

/// About how many entries a target has in the deletions' map (it sizes the bucket table): a deletion
/// neighbourhood (length + 1 hashes) of the fold key, and of the leet key where it differs; its pair
/// deletions.
fn deletion_count(t: &Target) -> usize {
    let k = t.keys;
    let mut n = 0;
    if k.fold_len >= 5 {
        n += (k.fold_len as usize + 1) * if k.leet() == k.fold() { 1 } else { 2 };
    }
    if t.far {
        n += k.fold_len as usize;
    }
    n
}

/// How many entries a target gives the deletions' map (`Deletions`), for the regions they are placed
/// in (`placed`): `deletion_count` sizes the bucket table and must stay as it is (the map's format),
/// but counts pair deletions where there are none, which left a twentieth of the regions empty.
fn deletion_entries(t: &Target) -> usize {
    let k = t.keys;
    let n = k.fold_len as usize;
    let mut e = 0;
    if n >= 5 {
        e += n + 1;
        if k.leet() != k.fold() {
            e += k.leet().chars().count() + 1;
        }
    }
    if t.far && (skeleton::MIN_TRICK_LEN..GRAM_PERSON_MIN_LEN).contains(&n) {
        e += n - 1;
    }
    e
}

/// Every target's entries in the deletions' map: its deletion neighbourhoods and pair deletions.
struct Deletions<'f, F>(usize, &'f F);

impl<'k, 'f, F, T> Entries for Deletions<'f, F>
where
    F: Fn(std::ops::Range<usize>) -> T + Sync,
    T: Iterator<Item = Target<'k>>,
{
    fn accounts(&self) -> usize {
        self.0
    }
    fn each(&self, range: std::ops::Range<usize>, f: &mut impl FnMut(u64, u32)) {
        for t in (self.1)(range) {
            deletions(t.keys, |h| f(h, t.account));
            pair_deletion_keys(t.keys, t.far, |h| f(h, t.account));
        }
    }
}

impl Index {
    /// The index of every protected name and handle-like target of `accounts` accounts: `names` gives
    /// the names, `targets(range)` the targets of the accounts in `range`, the same each time they are
    /// called. The deletions' map, most of the work, is built beside the others, and itself on several
    /// threads (`placed`), where threads are allowed.
    pub(crate) fn build<'k, N, T>(
        accounts: usize,
        names: impl Fn() -> N + Sync + Send,
        targets: impl Fn(std::ops::Range<usize>) -> T + Sync + Send,
    ) -> Index
    where
        N: Iterator<Item = (u32, &'k NameKeys)>,
        T: Iterator<Item = Target<'k>>,
    {
        // The other maps first where they are built in turn (the WASM package): their sorting's
        // scratch is freed before the deletions' map, the largest, is made (a build's peak).
        let (mut ix, deletes) = crate::parallel::join(
            || {
                let mut ix = Index::default();
                // Room for every name and the three or four exact keys of each target, so the big
                // array is allocated once at its size (grown by doubling, it peaked at twice what it
                // holds: issue 25).
                let (names_n, targets_n) = (names().count(), targets(0..accounts).count());
                ix.exact.pushed.reserve_exact(names_n + 5 * targets_n);
                ix.pending.reserve_exact(names_n);
                for (a, n) in names() {
                    ix.add_name(a, n);
                }
                for t in targets(0..accounts) {
                    ix.add_handle(t.account, t.keys, t.far, t.brand);
                }
                ix.finish();
                ix
            },
            || {
                let (total, entries) = targets(0..accounts).fold((0, 0), |(n, e), t| {
                    (n + deletion_count(&t), e + deletion_entries(&t))
                });
                let parts = placed::parts_for(total, crate::parallel::threads());
                MultiMap::placed(total, entries, parts, &Deletions(accounts, &targets))
            },
        );
        ix.deletes = deletes;
        ix
    }

    /// Add a handle-like target (a handle, or a name written as one) of account `a`; `far` also makes it
    /// findable two edits away (`two_edits`), from GRAM_MIN_LEN letters for a `brand`, from
    /// GRAM_PERSON_MIN_LEN otherwise.
    pub(crate) fn add_handle(&mut self, a: u32, k: &TargetKeys, far: bool, brand: bool) {
        for key in [&k.fold(), &k.glyph(), &k.leet()] {
            self.exact.push(fnv(key), a);
            if key.len() > START_BYTES {
                self.note_start(key.as_bytes());
            }
        }
        if let Some(key) = crate::text::handle::loose_short(&k.leet()) {
            self.exact.push(fnv(&key), a);
        }
        // One-trick edits (`text::skeleton`): the vowel key among the exact keys; the pair deletions
        // above. A moved letter needs none: one deletion each side finds it.
        if far {
            if let Some(v) = skeleton::vowel_key(&k.fold(), true) {
                self.exact.push(fnv(&v), a);
            }
        }
        let key = far
            .then(|| letters_key(&k.display(), &k.fold(), GRAM_MIN_LEN))
            .flatten();
        let len = key.as_ref().map_or(0, |k| k.chars().count());
        let min = if brand {
            GRAM_MIN_LEN
        } else {
            GRAM_PERSON_MIN_LEN
        };
        if brand && far && SHORT_FAR.contains(&(k.fold_len as usize)) {
            let keys: &[&str] = if k.leet() == k.fold() {
                &[k.fold()]
            } else {
                &[k.fold(), k.leet()]
            };
            for key in keys {
                two_deletions(key, |h| self.short_far.push(h ^ SHORT_FAR_TAG, a));
            }
        }
        if let Some(key) = key.filter(|_| len >= min) {
            let mut keys = Vec::with_capacity(len);
            grams(&key, len, &mut keys);
            for g in keys {
                self.grams.push(g, a);
            }
            self.gram_lens |= gram_bit(len);
        }
    }

    pub(crate) fn add_name(&mut self, a: u32, n: &NameKeys) {
        // Loose tokens only: every fold or glyph match is also a loose match.
        let key = sorted_key(&n.loose());
        self.exact.push(key.hash, a);
        if key.len > START_BYTES {
            self.note_start(&key.head);
        }
        let first = self.pending_ends.len() as u32;
        let mut count = 0;
        for t in n.loose_words() {
            self.pending_text.push_str(t);
            self.pending_ends.push(self.pending_text.len() as u32);
            count += 1;
        }
        self.pending.push((a, first, count));
    }

    /// Note where a key longer than START_BYTES starts (its first bytes).
    fn note_start(&mut self, head: &[u8]) {
        if self.starts.is_empty() {
            self.starts = vec![0; (1 << START_BITS) / 64];
        }
        let bit = start_bit(head);
        self.starts[bit / 64] |= 1 << (bit % 64);
    }

    fn may_start_a_key(&self, bytes: &[u8]) -> bool {
        let bit = start_bit(bytes);
        self.starts
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// Build the token index and sort every map but the deletions' once everything is added.
    fn finish(&mut self) {
        self.index_tokens();
        // The token tables are gone by now: the maps' bucket tables and filters are allocated while
        // everything else is held, at a build's peak (issue 25).
        for (_, m) in self.maps_mut() {
            m.finish();
        }
    }

    /// The pending names under their two rarest tokens, and every distinct token under its id.
    fn index_tokens(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let text = std::mem::take(&mut self.pending_text);
        let ends = std::mem::take(&mut self.pending_ends);
        let token =
            |k: usize| &text[if k == 0 { 0 } else { ends[k - 1] as usize }..ends[k] as usize];
        let hash = |t: &str| rustc_hash::FxBuildHasher.hash_one(t);
        // Each distinct token by the place of its first appearance (4 bytes a slot: a map from the
        // token's text was 13 MB of a 100,000-account build's peak), with how many names hold it and
        // its id (ids in order of first appearance).
        let mut first: HashTable<u32> = HashTable::with_capacity(ends.len());
        let mut counts: Vec<(u32, u32)> = Vec::new();
        // Each pending token's distinct id.
        let mut ids_of: Vec<u32> = Vec::with_capacity(ends.len());
        for k in 0..ends.len() {
            let t = token(k);
            let id = match first.entry(
                hash(t),
                |&j| token(j as usize) == t,
                |&j| hash(token(j as usize)),
            ) {
                Entry::Occupied(e) => ids_of[*e.get() as usize],
                Entry::Vacant(e) => {
                    e.insert(k as u32);
                    let id = counts.len() as u32;
                    counts.push((0, id));
                    self.token_ids.push(fnv(t), id);
                    if t.chars().count() >= 4 {
                        neighbourhood(t, |h| self.token_deletes.push(h, id));
                    }
                    id
                }
            };
            counts[id as usize].0 += 1;
            ids_of.push(id);
        }
        drop(first);
        let mut ids: Vec<(u32, u32)> = Vec::new();
        for &(a, first, count) in &pending {
            ids.clear();
            ids.extend((first..first + count).map(|k| counts[ids_of[k as usize] as usize]));
            ids.sort_unstable();
            match ids.as_slice() {
                [] => {}
                [(_, x)] => self.by_tokens.push(SINGLE | *x as u64, a),
                [(_, x), (_, y), ..] => self.by_tokens.push(pair(*x, *y), a),
            }
        }
    }

    /// The finished index, for saving in a snapshot.
    pub(crate) fn write(&self, w: &mut Writer) {
        for (_, m) in self.maps() {
            m.write(w);
        }
        self.deletes.write(w);
        w.u64s(&self.starts);
        w.u64(self.gram_lens);
    }

    /// A finished index back from `write`. Errors name the map.
    pub(crate) fn read(r: &mut Reader) -> Result<Self, (String, String)> {
        let mut ix = Index::default();
        for (name, m) in ix.maps_mut() {
            *m = MultiMap::read(r).map_err(|e| (name.to_string(), e))?;
        }
        ix.deletes = MultiMap::read(r).map_err(|e| ("deletes".to_string(), e))?;
        ix.starts = r.u64s().map_err(|e| ("starts".to_string(), e))?;
        if !ix.starts.is_empty() && ix.starts.len() != (1 << START_BITS) / 64 {
            return Err(("starts".into(), format!("{} words", ix.starts.len())));
        }
        ix.gram_lens = r.u64().map_err(|e| ("gram_lens".to_string(), e))?;
        Ok(ix)
    }

    /// The maps of whole entries (`deletes` apart).
    fn maps(&self) -> [(&'static str, &MultiMap); 6] {
        [
            ("exact", &self.exact),
            ("grams", &self.grams),
            ("short_far", &self.short_far),
            ("token_ids", &self.token_ids),
            ("token_deletes", &self.token_deletes),
            ("by_tokens", &self.by_tokens),
        ]
    }

    fn maps_mut(&mut self) -> [(&'static str, &mut MultiMap); 6] {
        [
            ("exact", &mut self.exact),
            ("grams", &mut self.grams),
            ("short_far", &mut self.short_far),
            ("token_ids", &mut self.token_ids),
            ("token_deletes", &mut self.token_deletes),
            ("by_tokens", &mut self.by_tokens),
        ]
    }

    /// Accounts worth comparing with a profile, deduplicated; then, apart, accounts whose handle key may
    /// be two edits away (`two_edits`), for the caller to verify before comparing them in full: the
    /// trigram count lets through many keys that share syllables.
    pub(crate) fn candidates(
        &self,
        handle: &HandleKeys,
        cores: &[crate::text::handle::Core],
        segments: &[String],
        name: &NameKeys,
        look_far: bool,
    ) -> (Vec<u32>, Vec<u32>) {
        let mut out: Vec<u32> = Vec::with_capacity(64);
        let mut far: Vec<u32> = Vec::new();
        let mut exact: Vec<u64> = Vec::with_capacity(96);
        let mut typos: Vec<u64> = Vec::with_capacity(40);
        // Handle: same key, affix cores, typos, embedded.
        if !handle.fold().is_empty() {
            let mut keys = vec![handle.fold(), handle.glyph(), handle.leet()];
            keys.dedup();
            exact.extend(keys.iter().map(|k| fnv(k)));
            exact.extend(cores.iter().map(|c| fnv(&c.key)));
            let typo_keys: &[&str] = if handle.leet() == handle.fold() {
                &[handle.fold()]
            } else {
                &[handle.fold(), handle.leet()]
            };
            // A handle with a '1' also under its reading with each 1 as i, against the protected
            // keys as they are (`HandleKeys::one_as_i`): the index holds nothing more for it.
            for key in typo_keys
                .iter()
                .copied()
                .chain(handle.one_as_i.as_deref())
                .chain(segments.iter().map(String::as_str))
            {
                neighbourhood(key, |h| typos.push(h));
            }
            // Embedded: every proper substring of 5+ characters, hashed incrementally from each start;
            // also of the handle with its digits read as letters, a piece at a time (`HandleKeys::digits_inside`).
            let whole = handle.fold().len();
            self.substrings(handle.fold(), whole, &mut exact);
            if let Some(read) = &handle.digits_inside {
                let whole = read.len() - read.matches('|').count();
                for piece in read.split('|') {
                    self.substrings(piece, whole, &mut exact);
                }
            }
            // And of the glyph key, capital I read as l (@AIikoDangote_blog), where it reads one
            // character for one (`handle::holds_with_il_read`); a lowercase l for a protected capital
            // I is found by the fold key's substrings, as the protected glyph keys are indexed.
            if handle.glyph_differs && handle.glyph().len() == whole {
                self.substrings(handle.glyph(), whole, &mut exact);
            }
        }
        // Name: exact tokens in any order, run together, or its rarest token pair.
        if name.fold_words().next().is_some() {
            exact.push(sorted_key(&name.loose()).hash);
            exact.push(fnv(&name.fold_compact()));
            exact.push(fnv(&name.glyph_compact()));
            // A name spelling a protected handle around filler words ("Dangote Group Plc").
            if let Some(words) = name.compact_words() {
                exact.push(fnv(&words));
            }
        }
        if look_far {
            // One-trick edits of the whole handle, or of a core with its affixes taken off (a moved
            // letter of a core is found by the core's deletion neighbourhood).
            let trick_cores = cores
                .iter()
                .filter(|c| !c.il_swap && !c.affixes.iter().any(|a| a == "(word order)"))
                .map(|c| c.key.as_str());
            for (i, key) in [handle.fold()].into_iter().chain(trick_cores).enumerate() {
                if key.chars().count() < skeleton::MIN_TRICK_LEN {
                    continue;
                }
                if i > 0 {
                    neighbourhood(key, |h| typos.push(h));
                }
                if let Some(v) = skeleton::vowel_key(key, false) {
                    exact.push(fnv(&v));
                }
                // A doubled letter taken out: a protected key with one letter taken out (in the
                // deletion neighbourhood) or two in a row (its pair deletions).
                skeleton::doubled_taken_out(key, |s| {
                    typos.push(poly(s));
                    typos.push(poly(s) ^ PAIR_TAG);
                });
            }
        }
        self.exact.get_many(&exact, &mut out);
        self.deletes.get_many(&typos, &mut out);
        if look_far && !self.short_far.entries.is_empty() {
            self.short_far_candidates(handle, &mut out);
        }
        if look_far && !self.grams.entries.is_empty() {
            let whole = letters_key(&handle.display(), &handle.fold(), GRAM_MIN_LEN - GRAM_EDITS);
            // Segments are fold keys and keep their digits (`oiongte2etee` of `i�oiongte2etee`): the
            // trigram stage compares letters only, as for the whole handle (found by fuzzing).
            let segments = segments
                .iter()
                .filter_map(|s| letters_key(s, s, GRAM_MIN_LEN - GRAM_EDITS));
            for key in whole.into_iter().chain(segments) {
                self.two_edits(&key, &mut far);
            }
        }
        if name.fold_words().next().is_some() {
            self.token_candidates(name, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        far.sort_unstable();
        far.dedup();
        far.retain(|a| out.binary_search(a).is_err());
        (out, far)
    }

    /// Hashes of `key`'s substrings of 5+ bytes shorter than `whole` (the handle's key, of which `key`
    /// may be a piece) that may start a protected key, hashed incrementally from each start.
    fn substrings(&self, key: &str, whole: usize, exact: &mut Vec<u64>) {
        let mut ends = Vec::with_capacity(key.len() + 1);
        ends.extend(key.char_indices().map(|(i, _)| i).chain([key.len()]));
        let bytes = key.as_bytes();
        for (si, &start) in ends.iter().enumerate() {
            // Every substring looked up is over 4 bytes long, so a key it equals starts with these.
            if bytes.len() - start <= START_BYTES
                || !self.may_start_a_key(&bytes[start..start + START_BYTES])
            {
                continue;
            }
            let mut h = FNV_OFFSET;
            let mut prev = start;
            for &end in &ends[si + 1..] {
                h = fnv_extend(h, &bytes[prev..end]);
                prev = end;
                let len = end - start;
                if len >= 5 && len < whole {
                    exact.push(h);
                }
            }
        }
    }

    /// Accounts with a handle key of GRAM_MIN_LEN+ characters within GRAM_EDITS edits of `key`: each
    /// edit spoils at most three trigrams, so such a key of length L shares at least L - 2 - 3 ×
    /// GRAM_EDITS of them with `key` (the q-gram count filter).
    fn two_edits(&self, key: &str, out: &mut Vec<u32>) {
        // Only keys as long as those indexed: between shorter words and long keys the count filter
        // admits too much (two trigrams), and one-edit typos of shorter keys come from the deletions.
        let n = key.chars().count();
        if n < GRAM_MIN_LEN {
            return;
        }
        let mut keys = Vec::with_capacity(n);
        let mut found = Vec::new();
        for len in (n.saturating_sub(GRAM_EDITS)).max(GRAM_MIN_LEN)..=n + GRAM_EDITS {
            if self.gram_lens & gram_bit(len) == 0 {
                continue;
            }
            keys.clear();
            found.clear();
            grams(key, len, &mut keys);
            self.grams.get_many(&keys, &mut found);
            found.sort_unstable();
            let need = len - 2 - 3 * GRAM_EDITS;
            for run in found.chunk_by(|a, b| a == b) {
                if run.len() >= need {
                    out.push(run[0]);
                }
            }
        }
    }

    /// Accounts with a brand's key of SHORT_FAR letters that may be two edits from the handle (a
    /// shared key with up to two characters deleted each side), for the full comparison to verify.
    fn short_far_candidates(&self, handle: &HandleKeys, out: &mut Vec<u32>) {
        if !SHORT_FAR_HANDLES.contains(&(handle.fold_len as usize)) {
            return;
        }
        let mut keys: Vec<u64> = Vec::with_capacity(80);
        let typo_keys: &[&str] = if handle.leet() == handle.fold() {
            &[handle.fold()]
        } else {
            &[handle.fold(), handle.leet()]
        };
        for key in typo_keys {
            two_deletions(key, |h| keys.push(h ^ SHORT_FAR_TAG));
        }
        self.short_far.get_many(&keys, out);
    }

    fn token_candidates(&self, name: &NameKeys, out: &mut Vec<u32>) {
        // Per profile word: the protected tokens it matches exactly or within one deletion each side.
        let mut exact = Vec::with_capacity(2);
        let mut near = Vec::with_capacity(32);
        let matched: Vec<Vec<u32>> = name
            .loose_words()
            .map(|t| {
                exact.clear();
                near.clear();
                exact.push(fnv(t));
                if t.chars().count() >= 4 {
                    neighbourhood(t, |h| near.push(h));
                }
                let mut ids = Vec::with_capacity(16);
                self.token_ids.get_many(&exact, &mut ids);
                self.token_deletes.get_many(&near, &mut ids);
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        let n: usize = matched.iter().map(Vec::len).sum();
        let mut keys = Vec::with_capacity(n * (n + 1) / 2);
        for (i, xs) in matched.iter().enumerate() {
            keys.extend(xs.iter().map(|&x| SINGLE | x as u64));
            for ys in &matched[i + 1..] {
                for &x in xs {
                    keys.extend(ys.iter().map(|&y| pair(x, y)));
                }
            }
        }
        self.by_tokens.get_many(&keys, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index of `handles` (account, handle, far, brand) and `names` (account, name), built as the
    /// checker builds it.
    fn built(names: &[(u32, &str)], handles: &[(u32, &str, bool, bool)]) -> Index {
        let names: Vec<(u32, NameKeys)> =
            names.iter().map(|&(a, n)| (a, NameKeys::new(n))).collect();
        let handles: Vec<(u32, HandleKeys, bool, bool)> = handles
            .iter()
            .map(|&(a, h, far, brand)| (a, HandleKeys::new("x", h), far, brand))
            .collect();
        Index::build(
            handles.len(),
            || names.iter().map(|(a, n)| (*a, n)),
            |range| {
                handles[range].iter().map(|(a, h, far, brand)| Target {
                    account: *a,
                    keys: h,
                    far: *far,
                    brand: *brand,
                })
            },
        )
    }

    fn index(accounts: &[(&str, &str)]) -> Index {
        let names: Vec<(u32, &str)> = (0..).zip(accounts.iter().map(|a| a.0)).collect();
        let handles: Vec<(u32, &str, bool, bool)> = (0..)
            .zip(accounts)
            .map(|(i, a)| (i, a.1, true, true))
            .collect();
        built(&names, &handles)
    }

    fn candidates(ix: &Index, name: &str, handle: &str) -> Vec<u32> {
        let h = HandleKeys::new("x", handle);
        let (mut out, far) =
            ix.candidates(&h, &h.cores(), &h.segments(), &NameKeys::new(name), true);
        out.extend(far);
        out.sort_unstable();
        out
    }

    const LIST: &[(&str, &str)] = &[
        ("Aliko Dangote", "AlikoDangote"),
        ("Fatou Diop", "fatoudiop"),
        ("Fatou Sall", "fatousall"),
        ("Macky Sall", "Macky_Sall"),
        ("Davido", "davido"),
    ];

    #[test]
    fn finds_typos_affixes_and_embedding_by_handle() {
        let ix = index(LIST);
        assert!(candidates(&ix, "", "AlikoDangotte").contains(&0));
        assert!(candidates(&ix, "", "AlikoDngote").contains(&0));
        assert!(candidates(&ix, "", "real_davido").contains(&4));
        assert!(candidates(&ix, "", "xdavidox").contains(&4));
        // Embedded anywhere, after characters of several bytes, and as the shortest key (5 bytes).
        assert!(candidates(&ix, "", "zzzz_fan_of_davido_page").contains(&4));
        assert!(candidates(&ix, "", "ééédavido").contains(&4));
        let short = index(&[("Ama Ba", "amaba")]);
        assert_eq!(candidates(&short, "", "xxamabaxx"), vec![0]);
        assert!(candidates(&short, "", "xxamabxx").is_empty());
    }

    #[test]
    fn finds_a_brand_key_of_8_or_9_letters_two_edits_away_and_no_other() {
        // A person's key of the same length, and a brand's key that is not findable far.
        let ix = built(
            &[],
            &[
                (0, "metamask", true, true),
                (1, "coinbase", true, false),
                (2, "paystack", false, true),
            ],
        );
        // Two replacements, two insertions, two deletions: none is one deletion each side.
        for h in ["mctamasq", "meetamaskk", "mtamas"] {
            assert_eq!(candidates(&ix, "", h), vec![0], "{h}");
        }
        assert!(candidates(&ix, "", "coinbbasee").is_empty());
        assert!(candidates(&ix, "", "paysstackk").is_empty());
        // Three edits share no key with two deletions.
        assert!(candidates(&ix, "", "meetamaskkk").is_empty());
    }

    #[test]
    fn a_letters_key_has_no_digits_even_where_folding_makes_them() {
        let h = HandleKeys::new("x", "PeterObi_Питерб");
        assert_eq!(h.fold(), "peterobinᴎtep6");
        let key = letters_key(&h.display(), &h.fold(), GRAM_MIN_LEN).unwrap();
        assert_eq!(key, "peterobinᴎtep");
    }

    #[test]
    fn a_segment_with_digits_is_compared_by_its_letters() {
        // `words` splits `abcde\u{FFFD}…` at the replacement character and keeps the digits in the long
        // segment; its trigrams must be of its letters only, as the index's are (found by fuzzing:
        // fuzz/regressions/check/). With its digits no trigram stage would find it.
        let ix = index(&[("Oiongte Eteeab", "oiongteeteeab")]);
        assert_eq!(
            candidates(&ix, "", "abcde\u{FFFD}o2i2o2n2g2t2eeteeab"),
            vec![0]
        );
    }

    #[test]
    fn finds_names_by_their_rarest_pair_or_single_token() {
        let ix = index(LIST);
        assert!(candidates(&ix, "Dangote Aliko", "").contains(&0));
        assert!(candidates(&ix, "Aliko Dangotte", "").contains(&0));
        assert_eq!(candidates(&ix, "Fatou Diop", ""), vec![1]);
        assert!(candidates(&ix, "Davido", "").contains(&4));
    }

    #[test]
    fn sharing_one_common_token_is_not_a_candidate() {
        let ix = index(LIST);
        assert!(candidates(&ix, "Fatou Ndiaye", "fatou_ndiaye").is_empty());
        assert!(candidates(&ix, "Chidi Okafor", "chidi_okafor").is_empty());
    }

    #[test]
    fn the_filter_stops_almost_every_absent_key() {
        let mut m: MultiMap = MultiMap::default();
        for v in 0..200_000u64 {
            m.push(v * 7919 + 13, 1);
        }
        m.finish();
        let pass = (0..1_000_000u64)
            .filter(|k| {
                let (w, mask) = m.filter_mask(mix(k * 7919 + 14));
                m.filter[w] & mask == mask
            })
            .count();
        // 3 bits per key in one word: about 2% of absent keys pass (one bit per key let 9% through).
        assert!(
            pass < 30_000,
            "{pass} of 1,000,000 absent keys passed the filter"
        );
        let mut out = Vec::new();
        m.get_many(&[13, 7919 * 5 + 13, 199_999 * 7919 + 13], &mut out);
        assert_eq!(out, vec![1, 1, 1], "present keys always pass");
    }

    /// Large enough for the in-place grouping; every key's values once each and in order, duplicates
    /// dropped, whether values were pushed in order or not.
    #[test]
    fn multimap_lookups_match_a_reference_map_in_both_push_orders() {
        for in_order in [true, false] {
            let mut m: MultiMap = MultiMap::default();
            let mut reference: std::collections::BTreeMap<u64, std::collections::BTreeSet<u32>> =
                Default::default();
            for i in 0..120_000u32 {
                let v = if in_order { i / 3 } else { (i * 7919) % 50_000 };
                for key in [u64::from(i % 20_011), u64::from(i % 20_011)] {
                    m.push(key, v);
                    reference.entry(key).or_default().insert(v);
                }
            }
            m.finish();
            assert!(m.entries.len() > 1 << GROUP_BITS, "the grouping pass ran");
            assert!(
                m.entries.windows(2).all(|w| w[0] < w[1]),
                "sorted, no duplicates"
            );
            for key in (0..20_011u64).step_by(97).chain([20_011, 99_999]) {
                let mut out = Vec::new();
                m.get_many(&[key], &mut out);
                let want: Vec<u32> = reference.get(&key).into_iter().flatten().copied().collect();
                assert_eq!(out, want, "key {key}, pushed in order: {in_order}");
            }
        }
    }

    /// The 32-bit map: every value of a key comes back (the lookup is never short), a stranger key gets
    /// almost nothing (false candidates are rare), and it survives a snapshot's write and read.
    #[test]
    fn short_map_finds_every_value_and_few_others() {
        let mut m: MultiMap<u32> = MultiMap::default();
        let mut reference: std::collections::BTreeMap<u64, std::collections::BTreeSet<u32>> =
            Default::default();
        for i in 0..300_000u32 {
            let key = u64::from(i % 70_001) * 31 + 7;
            let v = (i * 7919) % 100_000;
            m.push(key, v);
            reference.entry(key).or_default().insert(v);
        }
        m.finish();
        assert!(
            m.pushed.is_empty() && m.pushed.capacity() == 0,
            "pushed entries freed"
        );
        let mut w = Writer::default();
        m.write(&mut w);
        let read: MultiMap<u32> = MultiMap::read(&mut Reader::new(&w.0)).unwrap();
        for map in [&m, &read] {
            for (key, want) in reference.iter().step_by(13) {
                let mut out = Vec::new();
                map.get_many(&[*key], &mut out);
                out.sort_unstable();
                out.dedup();
                let missing: Vec<_> = want
                    .iter()
                    .filter(|v| out.binary_search(v).is_err())
                    .collect();
                assert!(missing.is_empty(), "key {key}: {missing:?} missing");
            }
            let mut strangers = Vec::new();
            let absent: Vec<u64> = (0..100_000u64).map(|k| k * 31 + 8).collect();
            map.get_many(&absent, &mut strangers);
            // About 4 entries a bucket, 1 in 256 of them sharing the 8 key bits: about 1.6% of absent
            // keys get one false value.
            assert!(
                strangers.len() < 3_000,
                "{} false values for 100,000 absent keys",
                strangers.len()
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn sorting_in_place_sorts(mut xs in proptest::collection::vec(proptest::num::u64::ANY, 0..20_000), top in 0u64..16) {
            // Few distinct top bits as well as many: groups empty, full and uneven.
            for x in xs.iter_mut().step_by(2) {
                *x = (*x >> 4) | (top << 60);
            }
            let mut want = xs.clone();
            want.sort_unstable();
            sort_in_place(&mut xs);
            proptest::prop_assert_eq!(xs, want);
        }
    }

    #[test]
    fn multimap_returns_every_value_of_a_key_and_nothing_for_absent_keys() {
        let mut m: MultiMap = MultiMap::default();
        for v in 0..50u32 {
            m.push(7, v);
            m.push(v as u64 + 1000, v);
        }
        m.finish();
        let mut out = Vec::new();
        m.get_many(&[7], &mut out);
        out.sort_unstable();
        assert_eq!(out, (0..50).collect::<Vec<_>>());
        out.clear();
        m.get_many(&[5, 6, 999], &mut out);
        assert!(out.is_empty());
        let mut empty: MultiMap = MultiMap::default();
        empty.finish();
        empty.get_many(&[7], &mut out);
        assert!(out.is_empty());
    }

    /// Keys at the edge of the table of powers (SHORT_KEY bytes), where the proptests below reach only by
    /// chance: one byte under, at and over it, in one-, two- and four-byte characters, each hashed as the
    /// scratch path (`neighbourhood_in`) and the built strings (`skeleton::pair_deletions`) hash it.
    #[test]
    fn keys_at_the_table_edge_hash_as_the_scratch_path() {
        let a = |k: usize| "a".repeat(k);
        let keys = [
            a(SHORT_KEY - 1),
            a(SHORT_KEY),
            a(SHORT_KEY + 1),
            "\u{e9}".repeat(SHORT_KEY / 2),
            a(SHORT_KEY - 1) + "\u{e9}",
            a(SHORT_KEY - 2) + "\u{e9}",
            a(SHORT_KEY - 4) + "\u{1d41a}",
            a(SHORT_KEY - 3) + "\u{1d41a}",
            "\u{1d41a}".repeat(SHORT_KEY / 4) + "b",
        ];
        for key in &keys {
            let mut got = Vec::new();
            neighbourhood(key, |h| got.push(h));
            let mut want = Vec::new();
            neighbourhood_in(key, &mut vec![0; 2 * (key.len() + 1)], |h| want.push(h));
            assert_eq!(got, want, "one-deletion hashes of a {}-byte key", key.len());
            let (mut got, mut want) = (Vec::new(), Vec::new());
            pair_deletion_hashes(key, |h| got.push(h));
            skeleton::pair_deletions(key, |t| want.push(poly(t)));
            assert_eq!(
                got,
                want,
                "pair-deletion hashes of a {}-byte key",
                key.len()
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn neighbourhood_hashes_each_variant_as_the_string_itself(s in "[ab\u{e9}\u{1d41a}]{0,40}") {
            // The hash of a string built outright: what every variant must equal.
            let whole = |t: &str| {
                let mut h = None;
                neighbourhood(t, |x| { h.get_or_insert(x); });
                h.unwrap()
            };
            let mut got = Vec::new();
            neighbourhood(&s, |h| got.push(h));
            let mut want = vec![whole(&s)];
            for (i, c) in s.char_indices() {
                want.push(whole(&format!("{}{}", &s[..i], &s[i + c.len_utf8()..])));
            }
            proptest::prop_assert_eq!(&got, &want);
            // The whole-string hash is the polynomial one (so `whole` above is not circular), and a
            // string too long for the stack scratch hashes the same way.
            let poly = s.bytes().fold(0u64, |h, b| h.wrapping_mul(POLY).wrapping_add(b as u64 + 1));
            proptest::prop_assert_eq!(want[0], poly);
            let long = s.repeat(3) + "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz";
            let mut variants = Vec::new();
            neighbourhood(&long, |h| variants.push(h));
            proptest::prop_assert_eq!(variants[0], long.bytes().fold(0u64, |h, b| h.wrapping_mul(POLY).wrapping_add(b as u64 + 1)));
            proptest::prop_assert_eq!(variants.len(), long.chars().count() + 1);
            proptest::prop_assert_eq!(variants[1], whole(&long[long.chars().next().unwrap().len_utf8()..]));
        }

        #[test]
        fn pair_deletion_hashes_are_the_pair_deletions_hashed(s in "[ab\u{e9}\u{1d41a}]{0,40}") {
            // Keys of up to 160 bytes: through the table of powers (SHORT_KEY) and past it.
            let mut want = Vec::new();
            skeleton::pair_deletions(&s, |t| want.push(poly(t)));
            let mut got = Vec::new();
            pair_deletion_hashes(&s, |h| got.push(h));
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn two_deletions_hash_each_variant_as_the_string_itself(s in "[ab\u{e9}\u{1d41a}]{0,12}") {
            let chars: Vec<char> = s.chars().collect();
            let mut want = vec![poly(&s)];
            for i in 0..chars.len() {
                let one: String = chars.iter().enumerate().filter(|&(k, _)| k != i).map(|(_, c)| c).collect();
                want.push(poly(&one));
                for j in i + 1..chars.len() {
                    let two: String = chars.iter().enumerate().filter(|&(k, _)| k != i && k != j).map(|(_, c)| c).collect();
                    want.push(poly(&two));
                }
            }
            let mut got = Vec::new();
            two_deletions(&s, |h| got.push(h));
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn sorted_key_hashes_the_joined_sorted_tokens(tokens in proptest::collection::vec("[ab\u{e9}]{0,3}", 0..20)) {
            let mut sorted = tokens.clone();
            sorted.sort_unstable();
            let reference = format!("n:{}", sorted.join(" "));
            let key = sorted_key(&tokens.iter().map(String::as_str).collect::<Vec<_>>());
            proptest::prop_assert_eq!(key.hash, fnv(&reference));
            proptest::prop_assert_eq!(key.len, reference.len());
            if key.len > START_BYTES {
                proptest::prop_assert_eq!(&key.head[..], &reference.as_bytes()[..START_BYTES]);
            }
        }
    }
}
