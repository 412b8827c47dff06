//! PDQ, Meta's 256-bit perceptual hash, computed as the reference C++ computes it: float luma, a Jarosz
//! (two-pass box) filter, decimation to 64x64, a 16x16 slice of the DCT, bits above the median. Same
//! float types and order of operations, and the DCT matrix as constants, so results match the reference
//! within float rounding and are bit-identical between native and wasm32 builds.

use super::dct_table::DCT_BITS;
use std::fmt;

/// A 256-bit PDQ hash. Bit `k` is frequency (k / 16, k % 16); printed as 64 hex digits, most
/// significant first, as Meta's tools print it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct PdqHash(pub [u64; 4]);

impl PdqHash {
    /// Hamming distance in bits (0 to 256).
    pub fn distance(&self, other: &PdqHash) -> u32 {
        (0..4).map(|i| (self.0[i] ^ other.0[i]).count_ones()).sum()
    }

    /// 64 hex digits, as Meta's tools print the hash.
    pub fn to_hex(&self) -> String {
        format!(
            "{:016x}{:016x}{:016x}{:016x}",
            self.0[3], self.0[2], self.0[1], self.0[0]
        )
    }

    /// Read 64 hex digits.
    pub fn from_hex(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("{s:?} is not a PDQ hash (64 hex digits)"));
        }
        let limb =
            |i: usize| u64::from_str_radix(&s[i * 16..(i + 1) * 16], 16).map_err(|e| e.to_string());
        Ok(PdqHash([limb(3)?, limb(2)?, limb(1)?, limb(0)?]))
    }

    fn set(&mut self, k: usize) {
        self.0[k / 64] |= 1 << (k % 64);
    }
}

impl fmt::Debug for PdqHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PdqHash({})", self.to_hex())
    }
}

/// A hash with its quality (0–100: how much structure the picture has; below 50 is too flat to trust).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hashed {
    /// The hash.
    pub hash: PdqHash,
    /// PDQ quality, 0 to 100: under 50 the picture is too flat for its hash to mean much.
    pub quality: u8,
}

/// The 16x16 DCT coefficients, from which the hash and its dihedral variants are read.
pub(crate) struct Dct16(pub [[f32; 16]; 16]);

/// Smallest side the reference hashes; smaller pictures get an empty hash of quality 0.
pub(crate) const MIN_DIM: usize = 5;

/// Luma (0–255 floats, row-major, `rows` x `cols`) to DCT coefficients and quality.
pub(crate) fn dct_from_luma(luma: Vec<f32>, rows: usize, cols: usize) -> Option<(Dct16, u8)> {
    dct_from_masked_luma(luma, rows, cols, None)
}

/// Below this quality, counted on a masked view's own cells, the picture is flat there: nothing of it
/// to match, whatever the edge of the paint adds.
const FLAT_QUALITY: u8 = 10;

/// As `dct_from_luma`, for a picture some of which was painted over with a flat grey (the corners of
/// the circle view, the band view's band). The edge between the picture and the paint counts in PDQ's
/// quality as content: it gave a flat picture's circle view a quality of 100, and every flat avatar (a
/// blank or one-colour one, common among ordinary accounts) met every other as "the same photo". So
/// the quality is also counted on the cells of the 64×64 grid `kept(row, col)` says are the picture's
/// own (scaled to the whole grid; `None`: a whole picture, PDQ's figure alone); where that says flat,
/// it is the view's quality. Otherwise PDQ's
/// figure stands: a smooth photo's circle view (quality 30-50 on its own cells) is matched as before.
pub(crate) fn dct_from_masked_luma(
    mut luma: Vec<f32>,
    rows: usize,
    cols: usize,
    kept: Option<&dyn Fn(usize, usize) -> bool>,
) -> Option<(Dct16, u8)> {
    if rows < MIN_DIM || cols < MIN_DIM {
        return None;
    }
    let mut small = [[0f32; 64]; 64];
    if rows == 64 && cols == 64 {
        small.as_flattened_mut().copy_from_slice(&luma[..64 * 64]);
    } else {
        blur(&mut luma, rows, cols, 64, 64)?;
        decimate(&luma, rows, cols, small.as_flattened_mut(), 64, 64);
    }
    let whole = |_: usize, _: usize| true;
    let quality = match kept.map(|k| quality(&small, k)) {
        Some(own) if own < FLAT_QUALITY => own,
        _ => quality(&small, whole),
    };
    Some((dct(&small), quality))
}

/// PDQ's downsampling to `out_rows` x `out_cols`: two passes of box filters sized to the ratio, then
/// sampling at the centres. `luma` is used as scratch.
pub(crate) fn blur_and_decimate(
    luma: &mut [f32],
    rows: usize,
    cols: usize,
    out_rows: usize,
    out_cols: usize,
) -> Option<Vec<f32>> {
    blur(luma, rows, cols, out_rows, out_cols)?;
    let mut out = vec![0f32; out_rows * out_cols];
    decimate(luma, rows, cols, &mut out, out_rows, out_cols);
    Some(out)
}

/// PDQ's two passes of box filters (along the rows, then along the columns, twice), in place.
///
/// At the working size (128 px to 64) each window is one pixel wide. The filter is then not the
/// identity — its running sum adds the new pixel and takes away the old one, and the rounding of that
/// drifts along the line — so it still runs, but in place (`running_rows`, `running_columns`), with the
/// same additions in the same order as the general path and no scratch picture or transposes: every
/// hash is bit for bit the one the general path gives. Wider windows take the general path.
fn blur(
    luma: &mut [f32],
    rows: usize,
    cols: usize,
    out_rows: usize,
    out_cols: usize,
) -> Option<()> {
    if rows == 0 || cols == 0 || luma.len() < rows * cols {
        return None;
    }
    let luma = &mut luma[..rows * cols];
    let along_rows = window_size(cols, out_cols);
    let along_cols = window_size(rows, out_rows);
    // Two pictures' worth of scratch, only for a window wider than one pixel.
    let mut wide: Option<(Vec<f32>, Vec<f32>)> = None;
    for _ in 0..2 {
        if along_rows == 1 {
            running_rows(luma, cols);
        } else {
            // Along each row: filter the columns of the transposed picture, which gives every element
            // the same additions in the same order as a row-by-row pass, with sequential memory access.
            let (turned, turned_out) = wide.get_or_insert_with(|| two_pictures(rows * cols));
            transpose(luma, turned, rows, cols);
            box_columns(turned, turned_out, cols, rows, along_rows);
            transpose(turned_out, luma, cols, rows);
        }
        if along_cols == 1 {
            running_columns(luma, cols);
        } else {
            let (copy, _) = wide.get_or_insert_with(|| two_pictures(rows * cols));
            copy.copy_from_slice(luma);
            box_columns(copy, luma, rows, cols, along_cols);
        }
    }
    Some(())
}

fn two_pictures(len: usize) -> (Vec<f32>, Vec<f32>) {
    (vec![0f32; len], vec![0f32; len])
}

/// `box_columns` with a window of one, along each row, in place: the first sum is 0 + x, then each
/// step adds the pixel and takes away the one before it (dividing by a count of 1 changes nothing).
///
/// A row's sum is a chain of dependent additions, so one row at a time waited on each addition's
/// latency (the largest part of a query's time after JPEG decoding, issue 22): `ROWS_AT_ONCE` rows are
/// stepped side by side, each with its own sum, so their chains overlap. Every row still gets its own
/// additions in its own order: the same floats as one row at a time (docs/benchmarks.md, "The blur's
/// rows side by side").
fn running_rows(luma: &mut [f32], cols: usize) {
    const ROWS_AT_ONCE: usize = 8;
    if cols == 0 {
        return;
    }
    let mut groups = luma.chunks_exact_mut(cols * ROWS_AT_ONCE);
    for group in &mut groups {
        let mut lines = group.chunks_exact_mut(cols);
        let mut rows: [&mut [f32]; ROWS_AT_ONCE] =
            std::array::from_fn(|_| lines.next().expect("a group holds ROWS_AT_ONCE rows"));
        let mut prev: [f32; ROWS_AT_ONCE] = std::array::from_fn(|r| rows[r][0]);
        let mut sum: [f32; ROWS_AT_ONCE] = std::array::from_fn(|r| 0f32 + prev[r]);
        for (row, s) in rows.iter_mut().zip(&sum) {
            row[0] = *s;
        }
        for x in 1..cols {
            for r in 0..ROWS_AT_ONCE {
                let here = rows[r][x];
                sum[r] += here;
                sum[r] -= prev[r];
                prev[r] = here;
                rows[r][x] = sum[r];
            }
        }
    }
    for row in groups.into_remainder().chunks_exact_mut(cols) {
        running_row(row);
    }
}

/// `running_rows` of one row.
fn running_row(row: &mut [f32]) {
    let mut prev = row[0];
    let mut sum = 0f32 + prev;
    row[0] = sum;
    for x in &mut row[1..] {
        let here = *x;
        sum += here;
        sum -= prev;
        prev = here;
        *x = sum;
    }
}

/// `box_columns` with a window of one, down every column at once, in place (see `running_rows`).
fn running_columns(luma: &mut [f32], cols: usize) {
    let (first, rest) = luma.split_at_mut(cols);
    let mut prev = first.to_vec();
    let mut sum = vec![0f32; cols];
    for (s, x) in sum.iter_mut().zip(first.iter_mut()) {
        *s += *x;
        *x = *s;
    }
    for row in rest.chunks_exact_mut(cols) {
        for ((s, p), x) in sum.iter_mut().zip(prev.iter_mut()).zip(row.iter_mut()) {
            let here = *x;
            *s += here;
            *s -= *p;
            *p = here;
            *x = *s;
        }
    }
}

/// PDQ's sampling of the blurred picture at the centres of an `out_rows` x `out_cols` grid, into `out`.
fn decimate(
    luma: &[f32],
    rows: usize,
    cols: usize,
    out: &mut [f32],
    out_rows: usize,
    out_cols: usize,
) {
    let centre =
        |i: usize, n: usize, of: usize| (((i as f64 + 0.5) * n as f64) / of as f64) as usize;
    // The same columns for every row: worked out once.
    let src_cols: Vec<usize> = (0..out_cols).map(|j| centre(j, cols, out_cols)).collect();
    for (i, out_row) in out.chunks_exact_mut(out_cols).take(out_rows).enumerate() {
        let src = &luma[centre(i, rows, out_rows) * cols..];
        for (o, &j) in out_row.iter_mut().zip(&src_cols) {
            *o = src[j];
        }
    }
}

/// `input` is `rows` x `cols`; `output` becomes `cols` x `rows`.
fn transpose(input: &[f32], output: &mut [f32], rows: usize, cols: usize) {
    for r in 0..rows {
        for c in 0..cols {
            output[c * rows + r] = input[r * cols + c];
        }
    }
}

fn window_size(old: usize, new: usize) -> usize {
    (old + 2 * new - 1) / (2 * new)
}

/// One pass of the reference's box filter down every column at once, in its four phases (edges use the
/// part of the window that fits). Each column gets the reference's sums in the reference's order, while
/// sweeping rows keeps memory access sequential instead of striding a whole row per step.
fn box_columns(input: &[f32], output: &mut [f32], rows: usize, cols: usize, window: usize) {
    let half = (window + 2) / 2;
    let (p1, p2, p3, p4) = (
        half - 1,
        window - half + 1,
        rows.saturating_sub(window),
        half - 1,
    );
    let mut sum = vec![0f32; cols];
    let (mut li, mut ri, mut oi, mut n) = (0usize, 0usize, 0usize, 0usize);
    let row = |r: usize| r * cols..(r + 1) * cols;
    for _ in 0..p1.min(rows) {
        sum.iter_mut()
            .zip(&input[row(ri)])
            .for_each(|(s, x)| *s += x);
        n += 1;
        ri += 1;
    }
    for _ in 0..p2 {
        if ri >= rows {
            break;
        }
        sum.iter_mut()
            .zip(&input[row(ri)])
            .for_each(|(s, x)| *s += x);
        n += 1;
        output[row(oi)]
            .iter_mut()
            .zip(&sum)
            .for_each(|(o, s)| *o = s / n as f32);
        ri += 1;
        oi += 1;
    }
    for _ in 0..p3 {
        let (add, sub) = (&input[row(ri)], &input[row(li)]);
        for c in 0..cols {
            sum[c] += add[c];
            sum[c] -= sub[c];
        }
        output[row(oi)]
            .iter_mut()
            .zip(&sum)
            .for_each(|(o, s)| *o = s / n as f32);
        li += 1;
        ri += 1;
        oi += 1;
    }
    for _ in 0..p4 {
        if oi >= rows {
            break;
        }
        sum.iter_mut()
            .zip(&input[row(li)])
            .for_each(|(s, x)| *s -= x);
        n -= 1;
        output[row(oi)]
            .iter_mut()
            .zip(&sum)
            .for_each(|(o, s)| *o = s / n as f32);
        li += 1;
        oi += 1;
    }
}

/// PDQ's quality, over the pairs of neighbouring cells both `kept` (all of them for a whole picture,
/// which gives PDQ's own figure), scaled up to the whole grid's count of pairs. `kept` is asked once
/// a cell, into a table; the sums are of integers, so their order does not matter, and a line of 64
/// cells is worked out side by side (`line_steps`).
fn quality(a: &[[f32; 64]; 64], kept: impl Fn(usize, usize) -> bool) -> u8 {
    let mask: [[bool; 64]; 64] = std::array::from_fn(|i| std::array::from_fn(|j| kept(i, j)));
    let (mut sum, mut pairs): (i64, i64) = (0, 0);
    let mut add = |(s, p): (i32, i32)| {
        sum += s as i64;
        pairs += p as i64;
    };
    // Down: cell (i, j) and (i + 1, j).
    for i in 0..63 {
        add(line_steps(&a[i], &a[i + 1], &mask[i], &mask[i + 1]));
    }
    // Across: cell (i, j) and (i, j + 1).
    for (row, m) in a.iter().zip(&mask) {
        add(line_steps(&row[..63], &row[1..], &m[..63], &m[1..]));
    }
    if pairs == 0 {
        return 0;
    }
    let all = 2 * 63 * 64;
    ((sum * all / pairs) / 90).min(100) as u8
}

/// The sum of PDQ's steps between `x[j]` and `y[j]` where both cells are kept, and how many pairs
/// that is. A step is the difference in percent of 255, truncated, at most 100 a pair: a line's sum
/// fits an i32.
fn line_steps(x: &[f32], y: &[f32], kx: &[bool], ky: &[bool]) -> (i32, i32) {
    let (mut sum, mut pairs) = (0i32, 0i32);
    for (((&x, &y), &kx), &ky) in x.iter().zip(y).zip(kx).zip(ky) {
        let both = kx & ky;
        let step = ((((x - y) * 100.0) / 255.0) as i32).abs();
        sum += if both { step } else { 0 };
        pairs += both as i32;
    }
    (sum, pairs)
}

fn dct(a: &[[f32; 64]; 64]) -> Dct16 {
    let d = |i: usize, k: usize| f32::from_bits(DCT_BITS[i * 64 + k]);
    // Each t[i][j] is the sum over k in order, from 0, as the reference's loop makes it. A block of
    // `LANES` columns is summed in locals over all k (so it stays in registers, side by side) before it
    // is stored: the same additions per element, in the same order.
    const LANES: usize = 16;
    let mut t = [[0f32; 64]; 16];
    for (i, trow) in t.iter_mut().enumerate() {
        for (c, block) in trow.chunks_exact_mut(LANES).enumerate() {
            let mut acc = [0f32; LANES];
            for (k, arow) in a.iter().enumerate() {
                let dik = d(i, k);
                let x = &arow[c * LANES..(c + 1) * LANES];
                for (s, x) in acc.iter_mut().zip(x) {
                    *s += dik * x;
                }
            }
            block.copy_from_slice(&acc);
        }
    }
    // b[i][j] = the sum over k in order of t[i][k] * D[j][k]: the 16 j of a row go side by side,
    // reading the matrix transposed (`DCT_COLUMNS`), each sum still from 0 with k in order.
    let mut b = [[0f32; 16]; 16];
    for (brow, trow) in b.iter_mut().zip(&t) {
        let mut acc = [0f32; 16];
        for (tk, dk) in trow.iter().zip(&DCT_COLUMNS) {
            for (s, dkj) in acc.iter_mut().zip(dk) {
                *s += tk * dkj;
            }
        }
        *brow = acc;
    }
    Dct16(b)
}

/// PDQ's DCT matrix transposed: row k holds D[j][k] for the 16 j.
const DCT_COLUMNS: [[f32; 16]; 64] = {
    let mut m = [[0f32; 16]; 64];
    let mut k = 0;
    while k < 64 {
        let mut j = 0;
        while j < 16 {
            m[k][j] = f32::from_bits(DCT_BITS[j * 64 + k]);
            j += 1;
        }
        k += 1;
    }
    m
};

impl Dct16 {
    /// Bits above the median coefficient (the lower median of 256, as the reference's Torben median).
    pub(crate) fn hash(&self) -> PdqHash {
        // The 128th smallest by total order: what a full sort puts at 127 (equal under that order
        // is the same bits), found without sorting the rest.
        let mut all: [f32; 256] = std::array::from_fn(|k| self.0[k / 16][k % 16]);
        let median = *all.select_nth_unstable_by(127, f32::total_cmp).1;
        let mut h = PdqHash::default();
        for i in 0..16 {
            for j in 0..16 {
                if self.0[i][j] > median {
                    h.set(i * 16 + j);
                }
            }
        }
        h
    }

    /// The hashes of the picture rotated and flipped, read from the same DCT by sign flips and transposes,
    /// in the reference order: original, rotate 90, rotate 180, rotate 270, flip x, flip y, flip along
    /// the main diagonal, flip along the other diagonal.
    #[cfg(test)]
    pub(crate) fn dihedral(&self) -> [PdqHash; 8] {
        let a = &self.0;
        let make = |transpose: bool, negate: &dyn Fn(usize, usize) -> bool| {
            let mut b = [[0f32; 16]; 16];
            for i in 0..16 {
                for j in 0..16 {
                    let v = if negate(i, j) { -a[i][j] } else { a[i][j] };
                    if transpose {
                        b[j][i] = v;
                    } else {
                        b[i][j] = v;
                    }
                }
            }
            Dct16(b).hash()
        };
        [
            self.hash(),
            make(true, &|_, j| j & 1 == 0),
            make(false, &|i, j| (i + j) & 1 == 1),
            make(true, &|i, _| i & 1 == 0),
            make(false, &|i, _| i & 1 == 0),
            make(false, &|_, j| j & 1 == 0),
            make(true, &|_, _| false),
            make(true, &|i, j| (i + j) & 1 == 1),
        ]
    }
}

/// Luma of 8-bit RGB with the reference's coefficients and float order. Each product is one of 256, so
/// they are looked up (worked out by the same multiplication, so the same floats) and only the two
/// additions are done per pixel, in the reference's order.
pub(crate) fn luma_from_rgb(rgb: &[u8]) -> Vec<f32> {
    let table = |k: f32| std::array::from_fn::<f32, 256, _>(|v| k * v as f32);
    let (r, g, b) = (table(0.299), table(0.587), table(0.114));
    // Pixels as arrays: an iterator of known length, so the collect writes without a capacity check
    // a pixel (`chunks_exact` cost as much again in the pushing as in the luma).
    let (pixels, _) = rgb.as_chunks::<3>();
    pixels
        .iter()
        .map(|&[pr, pg, pb]| r[pr as usize] + g[pg as usize] + b[pb as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let hex = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
        assert_eq!(PdqHash::from_hex(hex).unwrap().to_hex(), hex);
        assert!(PdqHash::from_hex("zz").is_err());
    }

    #[test]
    fn too_small_pictures_have_no_hash() {
        assert!(dct_from_luma(vec![0.0; 16], 4, 4).is_none());
    }

    /// A picture of luma-like floats that are not whole numbers (where the running sum's rounding drifts).
    fn noisy(rows: usize, cols: usize) -> Vec<f32> {
        let mut x = 12345u64;
        (0..rows * cols)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let rgb = [(x >> 40) as u8, (x >> 48) as u8, (x >> 56) as u8];
                luma_from_rgb(&rgb)[0]
            })
            .collect()
    }

    /// Rows stepped side by side give each row what it gets alone, for groups and a remainder.
    #[test]
    fn rows_side_by_side_match_one_row_at_a_time() {
        for rows in [1, 7, 8, 9, 16, 17, 37] {
            let cols = 53;
            let picture = noisy(rows, cols);
            let mut expected = picture.clone();
            expected.chunks_exact_mut(cols).for_each(running_row);
            let mut got = picture.clone();
            running_rows(&mut got, cols);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got), bits(&expected), "{rows} rows");
        }
    }

    #[test]
    fn one_pixel_windows_in_place_match_the_transposing_filter_bit_for_bit() {
        let (rows, cols) = (37, 128);
        let picture = noisy(rows, cols);
        // Along the rows: the general path transposes, filters the columns, transposes back.
        let (mut turned, mut turned_out, mut expected) = (
            vec![0f32; rows * cols],
            vec![0f32; rows * cols],
            vec![0f32; rows * cols],
        );
        transpose(&picture, &mut turned, rows, cols);
        box_columns(&turned, &mut turned_out, cols, rows, 1);
        transpose(&turned_out, &mut expected, cols, rows);
        let mut got = picture.clone();
        running_rows(&mut got, cols);
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&got), bits(&expected));
        // Down the columns.
        box_columns(&picture, &mut expected, rows, cols, 1);
        let mut got = picture.clone();
        running_columns(&mut got, cols);
        assert_eq!(bits(&got), bits(&expected));
        // And the filter is not the identity (else it could be left out).
        assert_ne!(bits(&got), bits(&picture));
    }

    #[test]
    fn luma_from_its_table_is_the_reference_formula() {
        let mut rgb = Vec::new();
        for v in 0..=255u8 {
            rgb.extend([v, v.wrapping_mul(7), v.wrapping_mul(13)]);
        }
        let reference: Vec<u32> = rgb
            .chunks_exact(3)
            .map(|p| 0.299f32 * p[0] as f32 + 0.587f32 * p[1] as f32 + 0.114f32 * p[2] as f32)
            .map(f32::to_bits)
            .collect();
        let got: Vec<u32> = luma_from_rgb(&rgb).into_iter().map(f32::to_bits).collect();
        assert_eq!(got, reference);
    }

    #[test]
    fn flat_pictures_have_quality_zero() {
        let (_, q) = dct_from_luma(vec![128.0; 100 * 100], 100, 100).unwrap();
        assert_eq!(q, 0);
    }
}
