//! Search many reference hashes fast: multi-index hashing. Each 256-bit hash is cut into 16 chunks of 16
//! bits; two hashes within 31 bits differ by at most one bit in at least one chunk (pigeonhole), so a
//! query probes each chunk's exact value and its 16 one-bit neighbours (272 probes) and checks only the
//! hashes found there. A flat popcount scan of 100,000 avatars' references costs milliseconds; this
//! costs microseconds (docs/avatars.md).

use super::matcher::{threshold, AvatarMatch, QueryHashes, RefHash, MIN_QUALITY};
use super::pdq::PdqHash;
use super::views::View;

const CHUNKS: usize = 16;
const SLOTS: usize = CHUNKS << 16;

/// References of many avatars, searchable by view.
#[derive(Default)]
pub struct AvatarIndex {
    /// One per view: (the reference, the owner id).
    refs: Vec<Vec<(RefHash, u32)>>,
    /// Per view: start of each (chunk position, chunk value) slot in `ids`, and the reference numbers.
    starts: Vec<Vec<u32>>,
    ids: Vec<Vec<u32>>,
}

fn chunk(h: &PdqHash, c: usize) -> u16 {
    (h.0[c / 4] >> ((c % 4) * 16)) as u16
}

fn view_slot(v: View) -> usize {
    match v {
        View::Full => 0,
        View::Circle => 1,
        View::Top => 2,
    }
}

impl AvatarIndex {
    /// Build from (owner id, references) pairs; references too flat to trust are left out.
    pub fn new(items: impl IntoIterator<Item = (u32, Vec<RefHash>)>) -> Self {
        let mut refs: Vec<Vec<(RefHash, u32)>> = vec![Vec::new(); 3];
        for (owner, list) in items {
            for r in list.into_iter().filter(|r| r.quality >= MIN_QUALITY) {
                refs[view_slot(r.view)].push((r, owner));
            }
        }
        let mut starts = Vec::with_capacity(3);
        let mut ids = Vec::with_capacity(3);
        for view_refs in &refs {
            let mut counts = vec![0u32; SLOTS + 1];
            for (r, _) in view_refs {
                for c in 0..CHUNKS {
                    counts[(c << 16 | chunk(&r.hash, c) as usize) + 1] += 1;
                }
            }
            for i in 1..counts.len() {
                counts[i] += counts[i - 1];
            }
            let mut fill = counts.clone();
            let mut list = vec![0u32; view_refs.len() * CHUNKS];
            for (n, (r, _)) in view_refs.iter().enumerate() {
                for c in 0..CHUNKS {
                    let slot = c << 16 | chunk(&r.hash, c) as usize;
                    list[fill[slot] as usize] = n as u32;
                    fill[slot] += 1;
                }
            }
            starts.push(counts);
            ids.push(list);
        }
        AvatarIndex { refs, starts, ids }
    }

    pub fn is_empty(&self) -> bool {
        self.refs.iter().all(Vec::is_empty)
    }

    /// The best match for each owner whose references meet the query, best first.
    pub fn search(&self, query: &QueryHashes) -> Vec<(u32, AvatarMatch)> {
        let mut found: Vec<(u32, AvatarMatch)> = Vec::new();
        for &(view, hash, quality) in &query.views {
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
                    let s = c << 16 | probe as usize;
                    let (a, b) = (
                        self.starts[slot][s] as usize,
                        self.starts[slot][s + 1] as usize,
                    );
                    seen.extend_from_slice(&self.ids[slot][a..b]);
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
            undone: Default::default(),
        }
    }

    #[test]
    fn finds_exactly_what_a_linear_scan_finds_on_real_hashes() {
        let dir =
            std::env::var("VIPGUARD_PDQ_DATA").unwrap_or_else(|_| "../shared/data/pdq".into());
        let read = |f: &str| -> Vec<PdqHash> {
            std::fs::read_to_string(format!("{dir}/reg-test-input/{f}"))
                .unwrap()
                .lines()
                .map(|l| PdqHash::from_hex(l).unwrap())
                .collect()
        };
        let (haystack, needles) = (read("haystack.txt"), read("needles.txt"));
        let index = AvatarIndex::new(
            haystack
                .iter()
                .enumerate()
                .map(|(i, h)| (i as u32, vec![reference(*h)])),
        );
        let mut matched = 0;
        for n in &needles {
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
            assert_eq!(got, linear);
            matched += got.len();
        }
        assert!(
            matched > 0,
            "the needles should find something in the haystack"
        );
    }

    #[test]
    fn flat_references_are_not_indexed() {
        let mut r = reference(PdqHash::default());
        r.quality = 10;
        let index = AvatarIndex::new([(0, vec![r])]);
        assert!(index.is_empty());
    }
}
