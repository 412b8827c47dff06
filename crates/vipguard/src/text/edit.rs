//! Edit distance between handle keys, and the edits themselves for the evidence ("'i' replaced by
//! '1'"). Words for the edits live in `verdict::wording`: this module only says what changed.

/// One edit between a protected handle and a profile's.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub(crate) enum Edit {
    Swapped(char, char),
    Replaced(char, char),
    Dropped(char),
    Doubled(char),
    Inserted(char),
}

/// An edit and where it happened: the positions in `from` and in `to` it starts at.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub(crate) struct Op {
    pub(crate) edit: Edit,
    pub(crate) from: usize,
    pub(crate) to: usize,
}

/// Where in the handle a run of characters was added or dropped.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub(crate) enum Place {
    Start,
    Inside,
    End,
}

/// Edits as a reviewer reads them: characters added or dropped together are one step ("'__' added at
/// the end", not "'_' doubled, '_' doubled"), and a character dropped in one place and added in another
/// is moved.
#[derive(Debug, PartialEq, Eq, Clone)]
pub(crate) enum Step {
    One(Edit),
    Added(String, Place),
    Dropped(String),
    Moved(char),
}

/// The steps that describe `ops` (from `edits`, turning a string of `from_len` characters into
/// another).
pub(crate) fn steps(ops: &[Op], from_len: usize) -> Vec<Step> {
    let mut out: Vec<(Step, usize)> = Vec::new();
    let mut k = 0;
    while k < ops.len() {
        let op = ops[k];
        // The run of insertions (or of drops) that follow one another from here.
        let run = ops[k..]
            .iter()
            .enumerate()
            .take_while(|(n, o)| match (op.edit, o.edit) {
                (Edit::Inserted(_) | Edit::Doubled(_), Edit::Inserted(_) | Edit::Doubled(_)) => {
                    o.from == op.from && o.to == op.to + n
                }
                (Edit::Dropped(_), Edit::Dropped(_)) => o.to == op.to && o.from == op.from + n,
                _ => *n == 0,
            })
            .count();
        let text: String = ops[k..k + run]
            .iter()
            .filter_map(|o| inserted_or_dropped(o.edit))
            .collect();
        let place = if op.from == 0 {
            Place::Start
        } else if op.from == from_len {
            Place::End
        } else {
            Place::Inside
        };
        let step = match op.edit {
            Edit::Inserted(_) | Edit::Doubled(_) if run > 1 || place != Place::Inside => {
                // A single letter doubled reads best as "doubled", wherever it is.
                if run == 1 && matches!(op.edit, Edit::Doubled(_)) {
                    Step::One(op.edit)
                } else {
                    Step::Added(text, place)
                }
            }
            Edit::Dropped(_) if run > 1 => Step::Dropped(text),
            e => Step::One(e),
        };
        out.push((step, k));
        k += run;
    }
    moved(out.into_iter().map(|(s, _)| s).collect())
}

fn inserted_or_dropped(e: Edit) -> Option<char> {
    match e {
        Edit::Inserted(c) | Edit::Doubled(c) | Edit::Dropped(c) => Some(c),
        _ => None,
    }
}

/// One character dropped and the same character added elsewhere, and no other edit of that
/// character: it moved (`@mackysall_` for `@Macky_Sall`).
fn moved(mut steps: Vec<Step>) -> Vec<Step> {
    let single = |s: &Step| -> Option<(char, bool)> {
        match s {
            Step::One(Edit::Dropped(c)) => Some((*c, false)),
            Step::One(Edit::Inserted(c) | Edit::Doubled(c)) => Some((*c, true)),
            Step::Added(t, _) if t.chars().count() == 1 => t.chars().next().map(|c| (c, true)),
            _ => None,
        }
    };
    let found = steps.iter().enumerate().find_map(|(i, a)| {
        let (c, added) = single(a)?;
        let j = steps
            .iter()
            .enumerate()
            .skip(i + 1)
            .find(|(_, b)| single(b) == Some((c, !added)))?
            .0;
        let others = steps
            .iter()
            .filter(|s| single(s).is_some_and(|(x, _)| x == c))
            .count();
        (others == 2).then_some((i, j, c))
    });
    if let Some((i, j, c)) = found {
        steps.remove(j);
        steps[i] = Step::Moved(c);
    }
    steps
}

/// The fewest edits (insertions, deletions, replacements) that make `pattern` out of some stretch of
/// `text`, the stretch free to start and end anywhere: how far `text` is from holding `pattern` as
/// written (a semi-global edit distance, on chars). Both are written with `_` at their word breaks. A
/// break of the pattern's may be matched or left out freely; a break of the text's that the pattern
/// does not have there costs `BREAK` to pass over or to read as a letter, since a reader takes it as
/// the end of a word (@fatima_tahir holds @Fatima and a surname, not @Fatimata; @wizkid_fc holds
/// @WizkidFC, whose break is between Wizkid and FC).
pub(crate) fn distance_inside_words(text: &str, pattern: &str) -> usize {
    const BREAK: usize = 3;
    let text = super::chars(text);
    let pass = |t: char| if t == '_' { BREAK } else { 1 };
    // row[j]: the edits that make the pattern's first i chars end at text[..j]; a free start.
    let mut row = vec![0usize; text.len() + 1];
    let mut letters = 0; // the pattern's chars so far, breaks left out
    for p in pattern.chars() {
        let drop_p = usize::from(p != '_');
        letters += drop_p;
        let mut next = vec![letters; text.len() + 1];
        for (j, &t) in text.iter().enumerate() {
            let replace = row[j] + if t == p { 0 } else { pass(t) };
            next[j + 1] = replace.min(row[j + 1] + drop_p).min(next[j] + pass(t));
        }
        row = next;
    }
    // A free end: the best over where the stretch ends.
    row.into_iter().min().unwrap_or(0)
}

/// A handle as `distance_inside_words` reads it: lowercase, without combining marks (Turkish İ
/// lowercases with a dot above), and `_` at each word break: a separator, or a capital after a
/// lowercase letter (WizkidFC and Wizkid_FC: `wizkid_fc`).
pub(crate) fn with_word_breaks(handle: &str) -> String {
    let mark = |c: &char| ('\u{300}'..='\u{36f}').contains(c);
    let mut out = String::new();
    let mut after_lower = false;
    for c in handle.chars().filter(|c| !mark(c)) {
        let separator = !c.is_alphanumeric();
        if (separator || (c.is_uppercase() && after_lower)) && !out.ends_with('_') {
            out.push('_');
        }
        after_lower = c.is_lowercase();
        if !separator {
            out.extend(c.to_lowercase().filter(|c| !mark(c)));
        }
    }
    out
}

/// Optimal-string-alignment distance between `a` and `b` if it is at most `limit`, else None (strsim
/// has no bounded variant, and the unbounded one dominated check time).
pub(crate) fn osa_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        if a.len().abs_diff(b.len()) > limit {
            return None;
        }
        // Handle keys are ASCII and short: a bit-parallel pass with the shorter one in a machine word
        // (the distance is symmetric).
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if short.len() <= 64 {
            let d = if short.is_empty() {
                long.len()
            } else {
                osa_bits(short.as_bytes(), long.as_bytes())
            };
            return Some(d).filter(|d| *d <= limit);
        }
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa_rows(&a, &b, limit)
}

/// Optimal-string-alignment distance of ASCII strings, `a` of 1 to 64 bytes: Hyyrö's bit-vector
/// algorithm (2003) with its transposition term, as in RapidFuzz. Each byte of `b` updates the whole
/// column of the table in a few word operations, where the row-by-row table cost a few instructions per
/// cell and every candidate of a check is compared this way.
fn osa_bits(a: &[u8], b: &[u8]) -> usize {
    let mut peq = [0u64; 128];
    for (i, &c) in a.iter().enumerate() {
        peq[(c & 0x7f) as usize] |= 1 << i;
    }
    let last = 1u64 << (a.len() - 1);
    let (mut vp, mut vn, mut d0, mut pm_old) = (!0u64, 0u64, 0u64, 0u64);
    let mut dist = a.len();
    for &c in b {
        let pm = peq[(c & 0x7f) as usize];
        let tr = ((!d0 & pm) << 1) & pm_old;
        d0 = (((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn | tr;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        dist += usize::from(hp & last != 0);
        dist -= usize::from(hn & last != 0);
        let hp = (hp << 1) | 1;
        vp = (hn << 1) | !(d0 | hp);
        vn = hp & d0;
        pm_old = pm;
    }
    dist
}

/// Rows of the OSA table for text outside the bit-parallel pass (other scripts, very long keys), with
/// cells saturating at `limit + 1`. Stops as soon as a whole row exceeds the limit: typo limits are 1
/// or 2, so most comparisons end in a row or two.
fn osa_rows(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let cap = limit + 1;
    let cell = |v: usize| v.min(cap);
    let m = b.len();
    let (mut prev2, mut prev, mut cur) = (vec![0; m + 1], vec![0; m + 1], vec![0; m + 1]);
    for (j, p) in prev.iter_mut().enumerate() {
        *p = cell(j);
    }
    // Only cells within `limit` of the diagonal can be within the limit; those outside read as `cap`.
    for i in 1..=a.len() {
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(m);
        cur[lo - 1] = cell(if lo == 1 { i } else { cap });
        let mut row_min = cur[lo - 1];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = cell(v);
            row_min = row_min.min(v);
        }
        if hi < m {
            cur[hi + 1] = cell(cap);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[m]).filter(|d| *d <= limit)
}

/// The edits that turn `from` into `to`, comparing letters case-insensitively, leftmost among edits of
/// equal cost; empty when only letter case differs, None when either is over 64 characters (the
/// table's cells are bytes, and no reviewer reads a longer explanation).
pub(crate) fn edits(from: &str, to: &str) -> Option<Vec<Op>> {
    let (a, la) = letters(from);
    let (b, lb) = letters(to);
    if a.len() > 64 || b.len() > 64 {
        return None;
    }
    // A common suffix needs no edit: the traceback would walk it diagonally, so the table stops where
    // it starts (for one typo, on average a third of the cells). A common prefix is tabled all the
    // same: among edits of equal cost the traceback picks the leftmost, and a table that skipped the
    // prefix would pick differently.
    let suffix = la
        .iter()
        .rev()
        .zip(lb.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    Some(edit_ops((&a, &la), (&b, &lb), suffix))
}

/// How many edits `edits(from, to)` returns, for ASCII strings of at most 64 bytes (else None): the
/// distance of the same table (letters compared ignoring case, a swap of neighbours one edit), by the
/// bit-parallel pass, with neither the table nor its traceback. For a caller that needs the edits only
/// when there are more than some count.
pub(crate) fn edit_count_ascii(from: &str, to: &str) -> Option<usize> {
    if !from.is_ascii() || !to.is_ascii() || from.len() > 64 || to.len() > 64 {
        return None;
    }
    let lower = |s: &str| {
        let mut out = [0u8; 64];
        for (o, b) in out.iter_mut().zip(s.bytes()) {
            *o = b.to_ascii_lowercase();
        }
        out
    };
    let (a, b) = (lower(from), lower(to));
    let (a, b) = (&a[..from.len()], &b[..to.len()]);
    // The distance is symmetric: the shorter one in the machine word.
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    Some(if short.is_empty() {
        long.len()
    } else {
        osa_bits(short, long)
    })
}

/// The characters of `s` and, for case-insensitive comparison, their lowercase forms computed once per
/// character (lowercasing inside the quadratic loop was a twentieth of check time). Each character
/// stands for its one-letter lowercase form. The one character whose lowercase is longer (U+0130, İ)
/// stands for itself, past the last code point, so it equals only itself.
fn letters(s: &str) -> (Vec<char>, Vec<u32>) {
    let lower = |c: char| -> u32 {
        // ASCII lowercases to one ASCII letter: the same answer without the Unicode tables (handles
        // are mostly ASCII, and this ran for every character of every evidence's edits).
        if c.is_ascii() {
            return c.to_ascii_lowercase() as u32;
        }
        let mut l = c.to_lowercase();
        match (l.next(), l.len()) {
            (Some(one), 0) => one as u32,
            _ => 0x11_0000 + c as u32,
        }
    };
    // Sized once for every character (`unzip` grew both vectors a few characters at a time from
    // `chars`'s low size hint, a fifth of the evidence's edits).
    let mut chars = Vec::with_capacity(s.len());
    let mut lowers = Vec::with_capacity(s.len());
    for c in s.chars() {
        chars.push(c);
        lowers.push(lower(c));
    }
    (chars, lowers)
}

/// The edits that turn `a` into `b` (each given with its lowercase forms), leftmost among edits of equal
/// cost, tabling all but the last `suffix` characters of each (which must be equal).
fn edit_ops((a, la): (&[char], &[u32]), (b, lb): (&[char], &[u32]), suffix: usize) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let (rows, cols) = (n - suffix, m - suffix);
    // eq(i, j): a[i] and b[j] are the same letter ignoring case.
    let eq = |i: usize, j: usize| la[i] == lb[j];
    // The whole table in one flat array of bytes (both strings are at most 64 characters), which the
    // traceback below reads back.
    let width = cols + 1;
    let mut table = vec![0u8; (rows + 1) * width];
    for i in 0..=rows {
        table[i * width] = i as u8;
    }
    for (j, cell) in table[..width].iter_mut().enumerate() {
        *cell = j as u8;
    }
    for i in 1..=rows {
        for j in 1..=cols {
            let at = i * width + j;
            let cost = u8::from(!eq(i - 1, j - 1));
            let mut v = (table[at - width] + 1)
                .min(table[at - 1] + 1)
                .min(table[at - width - 1] + cost);
            if i > 1 && j > 1 && eq(i - 1, j - 2) && eq(i - 2, j - 1) {
                v = v.min(table[at - 2 * width - 2] + 1);
            }
            table[at] = v;
        }
    }
    let d = |i: usize, j: usize| table[i * width + j];
    let mut ops = Vec::new();
    let (mut i, mut j) = (rows, cols);
    let mut push = |edit, from, to| ops.push(Op { edit, from, to });
    while i > 0 || j > 0 {
        if i > 1
            && j > 1
            && eq(i - 1, j - 2)
            && eq(i - 2, j - 1)
            && !eq(i - 1, j - 1)
            && d(i, j) == d(i - 2, j - 2) + 1
        {
            push(Edit::Swapped(a[i - 2], a[i - 1]), i - 2, j - 2);
            i -= 2;
            j -= 2;
        } else if i > 0 && j > 0 && d(i, j) == d(i - 1, j - 1) + u8::from(!eq(i - 1, j - 1)) {
            if !eq(i - 1, j - 1) {
                push(Edit::Replaced(a[i - 1], b[j - 1]), i - 1, j - 1);
            }
            i -= 1;
            j -= 1;
        } else if i > 0 && d(i, j) == d(i - 1, j) + 1 {
            push(Edit::Dropped(a[i - 1]), i - 1, j);
            i -= 1;
        } else {
            // Doubled when the inserted letter repeats a neighbour, in the suffix too.
            let repeated = (j < m && lb[j] == lb[j - 1]) || (j > 1 && lb[j - 2] == lb[j - 1]);
            let edit = if repeated {
                Edit::Doubled(b[j - 1])
            } else {
                Edit::Inserted(b[j - 1])
            };
            push(edit, i, j - 1);
            j -= 1;
        }
    }
    ops.reverse();
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, pattern) -> edits from holding the pattern as written, anywhere in the text; a word break
    /// the pattern lacks costs 3, one the text lacks nothing.
    #[test]
    fn distance_inside_a_stretch() {
        let cases = [
            ("fatima74events", "fatima", 0),
            ("fatima74events", "fatimata", 2),
            ("fatimataevents", "fatimata", 0),
            ("thedavidoekan", "thedavidoyekan", 1),
            ("thedavidoekan", "davido", 0),
            ("0s1mhenfc", "osimhen", 2),
            ("fatima_tahir", "fatima", 0),
            ("fatima_tahir", "fatimata", 2),
            ("wizkid_fc", "wizkid_fc", 0),
            ("wizkidfc", "wizkid_fc", 0),
            ("wizkid_fc", "wizkidfc", 2),
            ("aminata_sowe_fan", "aminata_sowe", 0),
            ("aminatasowe_fan", "aminata_sowe", 0),
            ("abc", "", 0),
            ("", "abc", 3),
        ];
        for (text, pattern, want) in cases {
            assert_eq!(
                distance_inside_words(text, pattern),
                want,
                "{text} {pattern}"
            );
        }
    }

    /// A handle with its word breaks written as one `_` each.
    #[test]
    fn word_breaks() {
        for (handle, want) in [
            ("WizkidFC", "wizkid_fc"),
            ("Wizkid_FC", "wizkid_fc"),
            ("wizkid__fc", "wizkid_fc"),
            ("Fatima_Tahir", "fatima_tahir"),
            ("aminata.sowe", "aminata_sowe"),
            ("MTNNG", "mtnng"),
            ("WIZKİD", "wizkid"),
            ("davidoofficiaI", "davidoofficia_i"),
        ] {
            assert_eq!(with_word_breaks(handle), want, "{handle}");
        }
    }

    /// The edits alone, without their positions.
    fn kinds(from: &str, to: &str) -> Option<Vec<Edit>> {
        edits(from, to).map(|ops| ops.into_iter().map(|o| o.edit).collect())
    }

    fn stepped(from: &str, to: &str) -> Vec<Step> {
        steps(&edits(from, to).unwrap(), from.chars().count())
    }

    #[test]
    fn edits_read_together_become_one_step() {
        let added = |t: &str, p| Step::Added(t.into(), p);
        assert_eq!(
            stepped("KwabenaMensah", "KwabenaMensah__"),
            [added("__", Place::End)]
        );
        assert_eq!(
            stepped("AdaezeOkonkwo", "AdaezeOkonkwo_"),
            [added("_", Place::End)]
        );
        assert_eq!(stepped("davido", "xdavido"), [added("x", Place::Start)]);
        assert_eq!(
            stepped("davido", "davidoo"),
            [Step::One(Edit::Doubled('o'))]
        );
        assert_eq!(
            stepped("davido", "dav_ido"),
            [Step::One(Edit::Inserted('_'))]
        );
        assert_eq!(
            stepped("davido", "davgh_ido"),
            [added("gh_", Place::Inside)]
        );
        assert_eq!(stepped("davido", "do"), [Step::Dropped("davi".into())]);
        assert_eq!(
            stepped("KwabenaMensah", "KwabenaMensah@social.example"),
            [added("@social.example", Place::End)]
        );
        assert_eq!(stepped("Macky_Sall", "mackysall_"), [Step::Moved('_')]);
        assert_eq!(
            stepped("AdaezeOkonkwo", "Adaeze_0konkwo"),
            [
                Step::One(Edit::Inserted('_')),
                Step::One(Edit::Replaced('O', '0'))
            ]
        );
    }

    #[test]
    fn only_one_character_lowercases_to_several() {
        // `letters` relies on it to compare lowercase forms as numbers.
        let longer: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().count() > 1)
            .collect();
        assert_eq!(longer, vec!['\u{130}']);
        assert_eq!(
            kinds("İstanbul", "istanbul"),
            Some(vec![Edit::Replaced('İ', 'i')])
        );
    }

    #[test]
    fn edits_of_each_kind() {
        assert_eq!(
            kinds("davido", "dav1do"),
            Some(vec![Edit::Replaced('i', '1')])
        );
        assert_eq!(kinds("davido", "davdo"), Some(vec![Edit::Dropped('i')]));
        assert_eq!(kinds("davido", "daviddo"), Some(vec![Edit::Doubled('d')]));
        assert_eq!(kinds("davido", "davidox"), Some(vec![Edit::Inserted('x')]));
        assert_eq!(
            kinds("davido", "davdio"),
            Some(vec![Edit::Swapped('i', 'd')])
        );
        assert_eq!(kinds("Davido", "davido"), Some(vec![]));
        assert_eq!(kinds(&"a".repeat(65), "a"), None);
    }

    proptest::proptest! {
        #[test]
        fn bounded_distance_agrees_with_strsim(a in "[a-eé]{0,12}", b in "[a-eé]{0,12}", limit in 0usize..4) {
            let full = strsim::osa_distance(&a, &b);
            proptest::prop_assert_eq!(osa_within(&a, &b, limit), Some(full).filter(|d| *d <= limit));
        }

        /// The count without the table is the number of edits the table gives (letters that repeat,
        /// differ in case and swap, where a count that ignored case or swaps would differ).
        #[test]
        fn edit_count_is_the_number_of_edits(a in "[abAB1_]{0,10}", b in "[abAB1_]{0,10}") {
            proptest::prop_assert_eq!(edit_count_ascii(&a, &b), edits(&a, &b).map(|ops| ops.len()));
        }

        /// Skipping the common suffix gives the very edits the whole table gives (pairs built with a
        /// shared tail, over letters that repeat and differ only in case, where ties are common).
        #[test]
        fn skipping_the_common_suffix_changes_no_edit(x in "[abAlI1]{0,7}", y in "[abAlI1]{0,7}", tail in "[abAlI1]{0,5}") {
            let (a, la) = letters(&(x + &tail));
            let (b, lb) = letters(&(y + &tail));
            let suffix = la.iter().rev().zip(lb.iter().rev()).take_while(|(p, q)| p == q).count();
            proptest::prop_assert_eq!(edit_ops((&a, &la), (&b, &lb), suffix), edit_ops((&a, &la), (&b, &lb), 0));
        }
    }
}
