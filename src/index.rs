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

use crate::handle::HandleKeys;
use crate::name::NameKeys;
use std::collections::HashMap;

type Postings = Vec<u32>;

#[derive(Default)]
pub struct Index {
    exact: HashMap<String, Postings>,
    deletes: HashMap<u64, Postings>,
    token_ids: HashMap<String, u32>,
    /// Token ids by the hash of the token and of each of its one-deletion variants.
    token_deletes: HashMap<u64, Vec<u32>>,
    /// Names of two or more tokens, under their two rarest tokens.
    by_pair: HashMap<(u32, u32), Postings>,
    /// One-token names.
    by_single: HashMap<u32, Postings>,
    /// Names waiting for `finish`, which needs every token's frequency first.
    pending: Vec<(u32, Vec<String>)>,
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Hashes of `s` with one character deleted, each position.
fn deletions(s: &str, mut f: impl FnMut(u64)) {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut buf = String::with_capacity(s.len());
    for &(i, c) in &chars {
        buf.clear();
        buf.push_str(&s[..i]);
        buf.push_str(&s[i + c.len_utf8()..]);
        f(fnv(&buf));
    }
}

pub(crate) fn sorted_key(tokens: &[String]) -> String {
    let mut t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    t.sort_unstable();
    format!("n:{}", t.join(" "))
}

impl Index {
    /// Add a handle-like target (a handle, or a name written as one) of account `a`.
    pub fn add_handle(&mut self, a: u32, k: &HandleKeys) {
        for key in [&k.fold, &k.glyph, &k.leet] {
            self.exact.entry(key.clone()).or_default().push(a);
        }
        if k.fold.chars().count() >= 5 {
            for key in [&k.fold, &k.leet] {
                self.deletes.entry(fnv(key)).or_default().push(a);
                deletions(key, |h| self.deletes.entry(h).or_default().push(a));
            }
        }
    }

    pub fn add_name(&mut self, a: u32, n: &NameKeys) {
        self.exact.entry(sorted_key(&n.fold)).or_default().push(a);
        self.exact.entry(sorted_key(&n.glyph)).or_default().push(a);
        self.pending.push((a, n.fold.clone()));
        if n.glyph != n.fold {
            self.pending.push((a, n.glyph.clone()));
        }
    }

    /// Build the token index and sort and deduplicate posting lists once everything is added.
    pub fn finish(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let mut df: HashMap<&str, u32> = HashMap::new();
        for (_, tokens) in &pending {
            for t in tokens {
                *df.entry(t.as_str()).or_default() += 1;
            }
        }
        for (_, tokens) in &pending {
            for t in tokens {
                if self.token_ids.contains_key(t) {
                    continue;
                }
                let id = self.token_ids.len() as u32;
                self.token_ids.insert(t.clone(), id);
                if t.chars().count() >= 4 {
                    self.token_deletes.entry(fnv(t)).or_default().push(id);
                    deletions(t, |h| self.token_deletes.entry(h).or_default().push(id));
                }
            }
        }
        for (a, tokens) in &pending {
            let mut ids: Vec<(u32, u32)> = tokens.iter().map(|t| (df[t.as_str()], self.token_ids[t])).collect();
            ids.sort_unstable();
            match ids.as_slice() {
                [] => {}
                [(_, x)] => self.by_single.entry(*x).or_default().push(*a),
                [(_, x), (_, y), ..] => self.by_pair.entry((*x.min(y), *x.max(y))).or_default().push(*a),
            }
        }
        for v in self.exact.values_mut().chain(self.by_pair.values_mut()).chain(self.by_single.values_mut()) {
            v.sort_unstable();
            v.dedup();
        }
        for v in self.deletes.values_mut().chain(self.token_deletes.values_mut()) {
            v.sort_unstable();
            v.dedup();
        }
    }

    /// Accounts worth comparing with a profile, deduplicated.
    pub fn candidates(
        &self,
        handle: &HandleKeys,
        cores: &[(String, Vec<String>)],
        name: &NameKeys,
    ) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let mut add = |v: Option<&Postings>| {
            if let Some(v) = v {
                out.extend_from_slice(v);
            }
        };
        // Handle: same key, affix cores, typos, embedded.
        if !handle.fold.is_empty() {
            for key in [&handle.fold, &handle.glyph, &handle.leet] {
                add(self.exact.get(key.as_str()));
            }
            for (core, _) in cores {
                add(self.exact.get(core.as_str()));
            }
            for key in [&handle.fold, &handle.leet] {
                add(self.deletes.get(&fnv(key)));
                deletions(key, |h| add(self.deletes.get(&h)));
            }
            let chars: Vec<(usize, char)> = handle.fold.char_indices().collect();
            for i in 0..chars.len() {
                for j in (i + 5)..chars.len() {
                    let end = chars.get(j).map(|c| c.0).unwrap_or(handle.fold.len());
                    add(self.exact.get(&handle.fold[chars[i].0..end]));
                }
            }
        }
        // Name: exact tokens in any order, run together, or every token hit.
        if !name.fold.is_empty() {
            add(self.exact.get(&sorted_key(&name.fold)));
            add(self.exact.get(&sorted_key(&name.glyph)));
            add(self.exact.get(&name.norm.fold_compact()));
            add(self.exact.get(&name.norm.glyph_compact()));
            out.extend(self.token_candidates(name));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn token_candidates(&self, name: &NameKeys) -> Vec<u32> {
        // Per profile word: the protected tokens it matches exactly or within one deletion each side.
        let matched: Vec<Vec<u32>> = name
            .fold
            .iter()
            .zip(&name.glyph)
            .map(|(f, g)| {
                let mut ids = Vec::new();
                for t in [f, g] {
                    ids.extend(self.token_ids.get(t.as_str()));
                    if t.chars().count() >= 4 {
                        ids.extend(self.token_deletes.get(&fnv(t)).into_iter().flatten());
                        deletions(t, |h| ids.extend(self.token_deletes.get(&h).into_iter().flatten()));
                    }
                }
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        let mut out = Vec::new();
        for (i, xs) in matched.iter().enumerate() {
            for x in xs {
                out.extend(self.by_single.get(x).into_iter().flatten());
            }
            for ys in &matched[i + 1..] {
                for x in xs {
                    for y in ys {
                        out.extend(self.by_pair.get(&(*x.min(y), *x.max(y))).into_iter().flatten());
                    }
                }
            }
        }
        out
    }
}
