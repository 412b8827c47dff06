//! Candidate lookup, so a check never scans the whole protected list.
//!
//! * exact keys (handles, names written as handles, sorted name tokens) in a hash map;
//! * a deletion neighbourhood (SymSpell-style, one deletion on each side) over handle keys, which finds
//!   every key within the typo limits without comparing against each account;
//! * name tokens and their one-deletion variants, with hit counting: an account is a candidate when every
//!   token of its name is hit, because a name match needs all of them.
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
    tokens: HashMap<String, Postings>,
    token_deletes: HashMap<u64, Postings>,
    /// Fewest tokens among each account's name and aliases.
    min_tokens: Vec<u8>,
}

/// Posting lists longer than this only confirm candidates found through rarer keys.
const COMMON: usize = 256;

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
        for t in n.fold.iter().chain(&n.glyph) {
            self.tokens.entry(t.clone()).or_default().push(a);
            if t.chars().count() >= 4 {
                self.token_deletes.entry(fnv(t)).or_default().push(a);
                deletions(t, |h| self.token_deletes.entry(h).or_default().push(a));
            }
        }
        let a = a as usize;
        if self.min_tokens.len() <= a {
            self.min_tokens.resize(a + 1, u8::MAX);
        }
        self.min_tokens[a] = self.min_tokens[a].min(n.fold.len().min(255) as u8);
    }

    /// Sort and deduplicate posting lists once everything is added.
    pub fn finish(&mut self) {
        for v in self.exact.values_mut().chain(self.tokens.values_mut()) {
            v.sort_unstable();
            v.dedup();
        }
        for v in self
            .deletes
            .values_mut()
            .chain(self.token_deletes.values_mut())
        {
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
        // Per profile token: accounts hit by it exactly or within one deletion.
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for (f, g) in name.fold.iter().zip(&name.glyph) {
            let mut hits: Vec<u32> = Vec::new();
            for t in [f, g] {
                if let Some(v) = self.tokens.get(t.as_str()) {
                    hits.extend_from_slice(v);
                }
                if t.chars().count() >= 4 {
                    if let Some(v) = self.token_deletes.get(&fnv(t)) {
                        hits.extend_from_slice(v);
                    }
                    deletions(t, |h| {
                        if let Some(v) = self.token_deletes.get(&h) {
                            hits.extend_from_slice(v);
                        }
                    });
                }
            }
            hits.sort_unstable();
            hits.dedup();
            if !hits.is_empty() {
                lists.push(hits);
            }
        }
        lists.sort_by_key(Vec::len);
        let mut counts: HashMap<u32, u8> = HashMap::new();
        for (i, list) in lists.iter().enumerate() {
            let open = i == 0 || list.len() <= COMMON;
            for &a in list {
                if open {
                    *counts.entry(a).or_default() += 1;
                } else if let Some(c) = counts.get_mut(&a) {
                    *c += 1;
                }
            }
        }
        counts
            .into_iter()
            .filter(|&(a, c)| c >= self.min_tokens.get(a as usize).copied().unwrap_or(u8::MAX))
            .map(|(a, _)| a)
            .collect()
    }
}
