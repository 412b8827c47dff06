//! What impersonators do to a copied profile photo, undone before hashing.
//!
//! Both sides (a protected avatar and a profile's avatar) go through the same steps:
//! 1. trim uniform borders (white or black padding, letterboxing);
//! 2. crop the centre square;
//! 3. hash several *views* of that square with PDQ: the whole (`full`), the inscribed circle with the
//!    outside set to mid-grey (`circle`: undoes a round avatar screenshotted on a flat background, and
//!    most of a badge stuck in a corner), the upper part (`top`: undoes a caption bar), and the picture
//!    with its middle band set to mid-grey (`band`: undoes a word written across the middle).
//!
//! Views are compared only with the same view of the other side, so geometry stays aligned.

use super::pdq::{dct_from_luma, dct_from_masked_luma, luma_from_rgb, Dct16};
use super::Rgb;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum View {
    Full,
    Circle,
    Top,
    Band,
    /// The content box of a picture on a flat background (a logo), on that background (`content.rs`).
    Content,
}

pub const VIEWS: [View; 4] = [View::Full, View::Circle, View::Top, View::Band];

impl View {
    pub fn as_str(self) -> &'static str {
        match self {
            View::Full => "whole picture",
            View::Circle => "inscribed circle",
            View::Top => "upper part",
            View::Band => "picture without its middle band",
            View::Content => "content box",
        }
    }
}

/// What normalisation found and undid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Undone {
    /// Uniform borders trimmed, as a share of the side (0–100).
    pub border_pct: u8,
    /// The picture is a round avatar on a flat background.
    pub round: bool,
}

/// Side of the working square: views are cut from a square of at most this size, made with PDQ's own
/// box filter, so hashing several views costs little more than hashing one.
const WORK: usize = 128;
/// Share of the height kept by the `top` view.
pub(super) const TOP_SHARE: f32 = 0.78;
/// Rows set to mid-grey by the `band` view, as shares of the height: where a word across a photo goes.
pub(super) const BAND: (f32, f32) = (0.30, 0.68);
/// Cells of the 64×64 grid next to a painted area that the downsampling's blur mixes with the paint
/// (two box filters of about a cell each way): left out of a masked view's quality.
const PAINT_MARGIN: f32 = 3.0;

/// A normalised picture, ready to hash in any view.
pub(crate) struct Prepared {
    luma: Vec<f32>,
    side: usize,
    pub undone: Undone,
}

/// How a profile's picture was reframed at query time, to undo an edit that moves or scales the whole
/// photo: compared with the protected picture's references as they are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Reframe {
    /// The picture as normalised.
    #[default]
    None,
    /// Its centre, with this share (percent) cut from each side: undoes padding that trimming cannot
    /// remove (a blurred copy of the photo as fill, a border on a busy picture) and a photo set in a page.
    Inset(u8),
    /// Its trimmed content stretched back to a square: undoes a squeezed aspect ratio.
    Stretched,
    /// A round avatar found inside it, with some of a page around (a screenshot cut out roughly).
    Circle,
    /// A sticker in a corner painted out in the background's colour, then trimmed (`sticker.rs`).
    Unstickered,
    /// Trimmed as if the middle band were not there: a word written across a logo reaches into its
    /// margin, and no column of the margin is then flat (`trim_around_word`).
    AroundWord,
}

/// Insets (percent) always tried at query time, besides the one `padding_edge` finds: a copy cropped
/// a little, with a badge on, meets the protected picture's 5% or 10% crop. Two, between the crops the
/// references have (chosen on the dev half's `combo`: 3% alone found 73%, 2% and 4% 77%, these 78%).
pub(crate) const INSETS: [f32; 2] = [1.5, 3.5];

impl Reframe {
    pub fn code(self) -> String {
        match self {
            Reframe::None => String::new(),
            Reframe::Inset(p) => format!("i{p}"),
            Reframe::Stretched => "s".into(),
            Reframe::Circle => "c".into(),
            Reframe::Unstickered => "k".into(),
            Reframe::AroundWord => "w".into(),
        }
    }

    pub fn parse(s: &str) -> Option<Reframe> {
        match s {
            "" => Some(Reframe::None),
            "s" => Some(Reframe::Stretched),
            "c" => Some(Reframe::Circle),
            "k" => Some(Reframe::Unstickered),
            "w" => Some(Reframe::AroundWord),
            _ => s
                .strip_prefix('i')?
                .parse()
                .ok()
                .filter(|p| *p > 0 && *p < 40)
                .map(Reframe::Inset),
        }
    }
}

/// A copy-and-edit an impersonator makes, replayed on a protected avatar at enrolment so that the edited
/// copy meets a reference made the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Variant {
    /// The picture as it is.
    Plain,
    /// The centre, with this share (percent) cut from each side.
    Crop(u8),
    /// The trimmed square turned by this many degrees (clockwise positive), corners filled white.
    /// Enrolled before 2026-12-06; still read from older lists.
    Rotate(i8),
    /// The whole picture turned by this many degrees (clockwise positive), corners filled white, then
    /// trimmed and squared as any picture: what a copy turned a few degrees is. A logo on white turned
    /// is trimmed to its turned box, larger than its own, and a logo on a coloured background keeps
    /// its margin behind the white corners: turning the trimmed square met neither.
    TurnedWhole(i8),
    /// Shrunk to a 48-pixel thumbnail and grown back, as a tiny copy is.
    Thumbnail,
    /// The picture's centre square as it is, borders not trimmed: a site shows an uploaded square
    /// whole, so a screenshot of a logo's round avatar holds its own flat margin (enrolled only when
    /// trimming removes something, else it is `Plain`).
    Untrimmed,
}

impl Variant {
    pub fn code(self) -> String {
        match self {
            Variant::Plain => "0".into(),
            Variant::Crop(p) => p.to_string(),
            Variant::Rotate(d) => format!("r{d}"),
            Variant::TurnedWhole(d) => format!("rw{d}"),
            Variant::Thumbnail => "t48".into(),
            Variant::Untrimmed => "u".into(),
        }
    }

    pub fn parse(s: &str) -> Option<Variant> {
        match s {
            "t48" => return Some(Variant::Thumbnail),
            "u" => return Some(Variant::Untrimmed),
            _ => {}
        }
        if let Some(d) = s.strip_prefix("rw") {
            return d.parse().ok().map(Variant::TurnedWhole);
        }
        if let Some(d) = s.strip_prefix('r') {
            return d.parse().ok().map(Variant::Rotate);
        }
        match s.parse::<u8>().ok()? {
            0 => Some(Variant::Plain),
            p if p < 50 => Some(Variant::Crop(p)),
            _ => None,
        }
    }
}

/// Trim and square a picture, apply a variant at full resolution, then shrink.
pub(crate) fn prepare_variant(rgb: &Rgb, variant: Variant) -> Prepared {
    if let Variant::TurnedWhole(d) = variant {
        return prepare_variant(&turned_picture(rgb, d as f32), Variant::Plain);
    }
    prepare_with_luma(rgb, &luma_from_rgb(&rgb.pixels), variant)
}

/// `prepare_variant` with the picture's luma already computed (hashing both the plain PDQ and the
/// views of one picture converts it once).
pub(crate) fn prepare_with_luma(rgb: &Rgb, luma: &[f32], variant: Variant) -> Prepared {
    let trimmed = match variant {
        Variant::Untrimmed => (0, rgb.height, 0, rgb.width),
        _ => trim(rgb),
    };
    prepare_in(rgb, luma, trimmed, variant)
}

/// Rows `top..bottom` and columns `left..right` of a picture: what is left once its borders are trimmed.
pub(crate) type TrimBox = (usize, usize, usize, usize);

/// The picture's box once uniform borders are trimmed (see `trim_box`).
pub(crate) fn trim(rgb: &Rgb) -> TrimBox {
    trim_box(&rgb.pixels, rgb.width, rgb.height, (0, 0))
}

/// `trim` of one picture, and the box inside its outer padding alone (the first round of `trim`, worked
/// out once for both): a squeezed logo padded back to a square in another colour than its own
/// background.
pub(crate) fn trim_and_outer(rgb: &Rgb) -> (TrimBox, TrimBox) {
    let (w, h) = (rgb.width, rgb.height);
    let outer = trim_once(&rgb.pixels, w, (0, 0), w, h, (0, 0));
    (trim_rest(&rgb.pixels, w, h, outer, (0, 0)), outer)
}

/// Rows (shares of the height) a word written across the middle of a picture may cover: left out when
/// deciding whether a column is border (`trim_around_word`).
const WORD_ROWS: (f32, f32) = (0.28, 0.80);

/// The picture's box once uniform borders are trimmed, columns judged without the rows a word across
/// the middle covers: a word wider than a logo reaches into its margin.
pub(crate) fn trim_around_word(rgb: &Rgb) -> TrimBox {
    let h = rgb.height as f32;
    let skip = ((h * WORD_ROWS.0) as usize, (h * WORD_ROWS.1) as usize);
    trim_box(&rgb.pixels, rgb.width, rgb.height, skip)
}

/// `prepare_with_luma` inside a box already trimmed (a query also stretches that box: trimmed once).
pub(crate) fn prepare_in(rgb: &Rgb, luma: &[f32], trimmed: TrimBox, variant: Variant) -> Prepared {
    let (top, bottom, left, right) = trimmed;
    let (w, h) = (right - left, bottom - top);
    let side = w.min(h).max(1);
    let (x0, y0) = (left + (w - side) / 2, top + (h - side) / 2);
    let border =
        ((rgb.width - w).max(rgb.height - h) * 100 / rgb.width.max(rgb.height).max(1)) as u8;
    // Filled row by row, not zeroed first (at 400 px, zeroing cost as much as the copy).
    let mut square = Vec::with_capacity(side * side);
    for r in 0..side {
        let src = (y0 + r) * rgb.width + x0;
        square.extend_from_slice(&luma[src..src + side]);
    }
    let (square, side) = match variant {
        // A whole picture turned is turned before trimming (`prepare_variant`).
        Variant::Plain | Variant::Untrimmed | Variant::TurnedWhole(_) => (square, side),
        Variant::Crop(p) => {
            let cut = side * p as usize / 100;
            let inner = side - 2 * cut;
            let mut out = Vec::with_capacity(inner * inner);
            for r in cut..cut + inner {
                out.extend_from_slice(&square[r * side + cut..r * side + cut + inner]);
            }
            (out, inner)
        }
        Variant::Rotate(d) => (rotate(&square, side, side, d as f32), side),
        Variant::Thumbnail => {
            let mut sq = square;
            match super::pdq::blur_and_decimate(&mut sq, side, side, 48, 48) {
                Some(small) if side > 48 => (small, 48),
                _ => (sq, side),
            }
        }
    };
    let (square, side) = shrink(square, side);
    let round = looks_round(&square, side);
    Prepared {
        luma: square,
        side,
        undone: Undone {
            border_pct: border,
            round,
        },
    }
}

impl Prepared {
    /// Side of the working square.
    pub(crate) fn side(&self) -> usize {
        self.side
    }

    /// A round avatar inside the square, on a page whose colour may differ between the corners (a
    /// banner above, the page below) and which may cut the circle at an edge: the square around the
    /// circle, as far as it can be measured from where each row and column leaves its edge colour.
    /// Empty when the corners are not flat, no circle fits, or it fills the square already.
    pub(crate) fn found_circle(&self) -> Vec<Prepared> {
        self.found_circle_at().unwrap_or_default()
    }

    fn found_circle_at(&self) -> Option<Vec<Prepared>> {
        const TOL: f32 = 14.0;
        let s = self.side;
        if s < 32 || !corners_flat(&self.luma, s) {
            return None;
        }
        let at = |x: usize, y: usize| self.luma[y * s + x];
        // The page's colours: each corner's (a banner behind the top, the page below).
        let page = [at(0, 0), at(s - 1, 0), at(0, s - 1), at(s - 1, s - 1)];
        let is_page = |v: f32| page.iter().any(|p| (v - p).abs() <= TOL);
        // Two points at each end of a line: where it leaves its own end's colour (under a banner, the
        // outer edge of the ring of page colour round the avatar), and where it leaves every page
        // colour (the avatar's own edge, past the ring), unless the photo's edge is page-coloured.
        let ends = |line: &dyn Fn(usize) -> f32, out: &mut Vec<usize>| {
            for (a, order) in [(line(0), false), (line(s - 1), true)] {
                let idx = |k: usize| if order { s - 1 - k } else { k };
                if let Some(k) = (0..s).find(|&k| (line(idx(k)) - a).abs() > TOL) {
                    out.push(idx(k));
                    if let Some(j) = (k..s).find(|&j| !is_page(line(idx(j)))) {
                        if j != k {
                            out.push(idx(j));
                        }
                    }
                }
            }
        };
        let inside = |v: usize| v > 0 && v < s - 1;
        let mut points: Vec<(f32, f32)> = Vec::with_capacity(8 * s);
        let mut found = Vec::with_capacity(4);
        for i in 0..s {
            found.clear();
            ends(&|x| at(x, i), &mut found);
            points.extend(
                found
                    .iter()
                    .filter(|&&x| inside(x))
                    .map(|&x| (x as f32, i as f32)),
            );
            found.clear();
            ends(&|y| at(i, y), &mut found);
            points.extend(
                found
                    .iter()
                    .filter(|&&y| inside(y))
                    .map(|&y| (i as f32, y as f32)),
            );
        }
        // A vote (a coarse Hough transform) over centres near the middle and radii a round avatar cut
        // out with a little page has: the circle most points lie on, the photo's own pixels that are
        // close to the page colour left out; then a least-squares fit to the points near it.
        let (cx, cy, r) = vote_circle(&points, s)?;
        let near: Vec<(f64, f64)> = points
            .iter()
            .filter(|&&(x, y)| (((x - cx).powi(2) + (y - cy).powi(2)).sqrt() - r).abs() <= 1.5)
            .map(|&(x, y)| (x as f64, y as f64))
            .collect();
        let (cx, cy, r) = fit_circle(&near)?;
        let found = (2.0 * r).round() as usize;
        // A circle that fills the square already is the plain view's, unless it is off-centre (a
        // trim that took page off two sides only).
        let middle = (s as f64 - 1.0) / 2.0;
        let centred = (cx - middle).abs().max((cy - middle).abs()) <= 1.0;
        if found * 10 < s * 6
            || (found * 100 > s * 97 && centred)
            || found * 100 > s * 104
            || cx < 0.0
            || cy < 0.0
            || cx > s as f64
            || cy > s as f64
        {
            return None;
        }
        let mut out = Vec::with_capacity(CIRCLE_SEARCH.len() * CIRCLE_SCALES.len());
        self.squares_around(cx as f32, cy as f32, found as f32, &CIRCLE_SCALES, &mut out);
        Some(out)
    }

    /// The squares a little around a circle found (centre, diameter), at each scale of its
    /// diameter, pushed to `out`. The fit is good to a pixel or two, and PDQ on a circle this size is
    /// not that forgiving.
    fn squares_around(
        &self,
        cx: f32,
        cy: f32,
        found: f32,
        scales: &[f32],
        out: &mut Vec<Prepared>,
    ) {
        let s = self.side;
        for &scale in scales {
            let d = (found * scale).round();
            // Read onto a square of the working size, as every reference is hashed: a picture of
            // another side, shrunk by PDQ's own filter, hashed up to 60 bits away from the same
            // disc read at 128 (a white logo, read at 127 px).
            let step = d / WORK as f32;
            for (dx, dy) in CIRCLE_SEARCH {
                let x0 = cx + dx - (d - 1.0) / 2.0;
                let y0 = cy + dy - (d - 1.0) / 2.0;
                let xs: Vec<f32> = (0..WORK).map(|x| x0 + x as f32 * step).collect();
                let ys: Vec<f32> = (0..WORK).map(|y| y0 + y as f32 * step).collect();
                // Read bilinearly: the fit is to a fraction of a pixel; what falls off the square is grey.
                let outside = |v: f32| v < -0.5 || v > s as f32 - 0.5;
                let mut luma = resample(&self.luma, s, &xs, &ys);
                for (row, &y) in luma.chunks_exact_mut(WORK).zip(&ys) {
                    for (v, &x) in row.iter_mut().zip(&xs) {
                        if outside(x) || outside(y) {
                            *v = 128.0;
                        }
                    }
                }
                out.push(Prepared {
                    luma,
                    side: WORK,
                    undone: Undone {
                        round: true,
                        ..self.undone
                    },
                });
            }
        }
    }

    /// Where a picture set inside padding starts, in working pixels from each edge: padding the trim
    /// cannot remove (a blurred copy of the photo as fill, a patterned frame) still ends in a straight
    /// edge all along each side, at the same distance from opposite sides. The columns (and rows) where
    /// the mean step between neighbours stands out most, in opposite pairs, 2–20% in; None when no
    /// pair stands out or columns and rows disagree.
    pub(crate) fn padding_edge(&self) -> Option<f32> {
        let s = self.side;
        if s < 32 {
            return None;
        }
        let (cols, rows) = mean_steps(&self.luma[..s * s], s);
        // An edge (smeared over two columns by the shrinking) after a smooth band of padding, at the
        // same distance from both sides: the strongest such pair, if it stands out from its padding.
        let pair = |p: &[f32]| -> Option<f32> {
            let mean = |r: std::ops::Range<usize>| {
                r.clone().map(|k| p[k]).sum::<f32>() / r.len().max(1) as f32
            };
            let (lo, hi) = (s * 2 / 100 + 1, s * 20 / 100);
            (lo..=hi)
                .filter_map(|i| {
                    let edge = (p[i] + p[i + 1]).min(p[s - i] + p[s - i - 1]);
                    let padding = mean(1..i).max(mean(s - i + 1..s)).max(1.0);
                    (edge > 4.0 * padding).then_some((i, edge / padding))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1))
                // Where in the two columns the step lies, to a fraction of a pixel.
                .map(|(i, _)| i as f32 - 0.5 + p[i + 1] / (p[i] + p[i + 1]).max(1e-3))
        };
        let (x, y) = (pair(&cols)?, pair(&rows)?);
        ((x - y).abs() <= 1.5).then_some((x + y) / 2.0)
    }

    /// The centre inside a border `cut` working pixels wide (a fraction of a pixel counts: PDQ on a
    /// photo this size moves by about ten bits for each 1% of scale), resampled bilinearly.
    pub(crate) fn inset_by(&self, cut: f32) -> Prepared {
        let s = self.side;
        let n = ((s as f32 - 2.0 * cut).round() as usize).max(8);
        let step = (s as f32 - 1.0 - 2.0 * cut) / (n - 1) as f32;
        let at: Vec<f32> = (0..n).map(|i| cut + i as f32 * step).collect();
        let luma = resample(&self.luma, s, &at, &at);
        Prepared {
            luma,
            side: n,
            undone: self.undone,
        }
    }

    /// The DCT of one view (None when the picture is too small to hash).
    pub(crate) fn dct(&self, view: View) -> Option<(Dct16, u8)> {
        let side = self.side;
        let mut sq = self.luma.clone();
        match view {
            // The content box is a whole picture of its own (see `content_view`).
            View::Full | View::Content => dct_from_luma(sq, side, side),
            View::Circle => {
                paint_outside_circle(&mut sq, side);
                // In the 64×64 grid, the disc less the cells the blur mixes with the paint.
                let inner = (32.0 - PAINT_MARGIN).powi(2);
                let disc = |i: usize, j: usize| {
                    (i as f32 - 31.5).powi(2) + (j as f32 - 31.5).powi(2) <= inner
                };
                dct_from_masked_luma(sq, side, side, Some(&disc))
            }
            View::Top => {
                let rows = ((side as f32 * TOP_SHARE) as usize).max(1);
                sq.truncate(rows * side);
                dct_from_luma(sq, rows, side)
            }
            View::Band => {
                let (a, b) = (
                    (side as f32 * BAND.0) as usize,
                    (side as f32 * BAND.1) as usize,
                );
                sq[a * side..b * side].fill(128.0);
                let (a, b) = (BAND.0 * 64.0 - PAINT_MARGIN, BAND.1 * 64.0 + PAINT_MARGIN);
                let outside = |i: usize, _: usize| (i as f32) < a || (i as f32) > b;
                dct_from_masked_luma(sq, side, side, Some(&outside))
            }
        }
    }
}

/// Mean absolute step into each column of a `s`×`s` picture from the one before it, and into each row
/// from the row above (0 for the first). Each sum is over the other axis in order, from 0 (every step
/// is at least +0, so the start is exact either way); the columns' sums are kept side by side, a row
/// of the picture at a time.
fn mean_steps(luma: &[f32], s: usize) -> (Vec<f32>, Vec<f32>) {
    let mut cols = vec![0f32; s];
    for row in luma.chunks_exact(s) {
        for (c, pair) in cols[1..].iter_mut().zip(row.windows(2)) {
            *c += (pair[1] - pair[0]).abs();
        }
    }
    let mut rows = vec![0f32; s];
    for (r, pair) in rows[1..]
        .iter_mut()
        .zip(luma.chunks_exact(s).collect::<Vec<_>>().windows(2))
    {
        *r = pair[1]
            .iter()
            .zip(pair[0])
            .map(|(below, above)| (below - above).abs())
            .sum::<f32>();
    }
    for v in cols[1..].iter_mut().chain(rows[1..].iter_mut()) {
        *v /= s as f32;
    }
    (cols, rows)
}

/// Set the pixels outside the circle inscribed in a `side` square to grey: those whose centre is
/// further than half the side from the square's centre. Along a row, dx² rounds the same for x and its
/// mirror (dx is exact) and grows with |dx|, so the pixels outside are a run at each end, as long at
/// both: each row's run is measured from the left, with the test the whole square had.
fn paint_outside_circle(sq: &mut [f32], side: usize) {
    let c = (side as f32 - 1.0) / 2.0;
    let r2 = (side as f32 / 2.0).powi(2);
    for (y, row) in sq.chunks_exact_mut(side).take(side).enumerate() {
        let dy = y as f32 - c;
        let outside = |x: usize| {
            let dx = x as f32 - c;
            dx * dx + dy * dy > r2
        };
        let run = (0..side.div_ceil(2)).take_while(|&x| outside(x)).count();
        row[..run].fill(128.0);
        row[side - run..].fill(128.0);
    }
}

/// The content box of a picture on a flat background (`content.rs`), squared on that background and
/// brought to the working size; None for a picture without one (a photo).
pub(crate) fn content_view(luma: &[f32], width: usize, height: usize) -> Option<Prepared> {
    let found = super::content::find(luma, width, height)?;
    Some(boxed_view(super::content::square(luma, width, &found)))
}

/// A content box (`content.rs`) stretched by `factors` along x and y before it is squared: a squeezed
/// logo brought back to its own aspect ratio.
pub(crate) fn content_stretched(
    luma: &[f32],
    width: usize,
    found: &super::content::ContentBox,
    factors: (f32, f32),
) -> Prepared {
    boxed_view(super::content::square_stretched(
        luma, width, found, factors,
    ))
}

pub(crate) fn boxed_view((square, side): (Vec<f32>, usize)) -> Prepared {
    let (luma, side) = shrink(square, side);
    Prepared {
        luma,
        side,
        undone: Undone::default(),
    }
}

/// The trimmed content stretched to a square, when it is clearly not square (a squeezed copy padded
/// back to a square, or letterboxed); None otherwise.
pub(crate) fn stretched(rgb: &Rgb, luma: &[f32], trimmed: TrimBox) -> Option<Prepared> {
    let (top, bottom, left, right) = trimmed;
    let (w, h) = (right - left, bottom - top);
    // Within 6% of square: nothing to undo.
    if w.max(h) * 100 <= w.min(h) * 106 || w < 8 || h < 8 {
        return None;
    }
    let side = WORK;
    let out = resize_box(luma, rgb.width, trimmed, side, side);
    let border = ((rgb.width - w).max(rgb.height - h) * 100 / rgb.width.max(rgb.height)) as u8;
    Some(Prepared {
        luma: out,
        side,
        undone: Undone {
            border_pct: border,
            round: false,
        },
    })
}

/// The picture inside `outer` stretched back to a square of its longer side, in colour, when that box
/// is clearly not square; None otherwise. Trimmed and squared again like any picture, a squeezed logo
/// padded in another colour meets its references: stretching only the logo's own box (`stretched`)
/// stretches whatever shape the logo has, not the squeeze.
pub(crate) fn unsqueezed_picture(rgb: &Rgb, outer: TrimBox) -> Option<Rgb> {
    let (top, bottom, left, right) = outer;
    let (w, h) = (right - left, bottom - top);
    if w.max(h) * 100 <= w.min(h) * 106 || w < 8 || h < 8 {
        return None;
    }
    let side = w.max(h);
    Some(each_colour(rgb, side, side, |plane| {
        resize_box(plane, rgb.width, outer, side, side)
    }))
}

/// A `w`×`h` colour picture made from `rgb` by `f`, applied to each colour plane alone.
fn each_colour(rgb: &Rgb, w: usize, h: usize, f: impl Fn(&[f32]) -> Vec<f32>) -> Rgb {
    let planes: Vec<Vec<f32>> = (0..3)
        .map(|c| {
            let plane: Vec<f32> = rgb
                .pixels
                .iter()
                .skip(c)
                .step_by(3)
                .map(|&v| v as f32)
                .collect();
            f(&plane)
        })
        .collect();
    let pixels = (0..w * h)
        .flat_map(|i| {
            planes
                .iter()
                .map(move |p| p[i].round().clamp(0.0, 255.0) as u8)
        })
        .collect();
    Rgb {
        width: w,
        height: h,
        pixels,
    }
}

/// A picture whose pixel (x, y) is read bilinearly from `src` (rows `width` long) at (`xs[x]`, `ys[y]`),
/// clamped to the source. Where to read and the weights are worked out once a column and once a row
/// (the same values each pixel worked out before: the weights are the same floats).
fn resample(src: &[f32], width: usize, xs: &[f32], ys: &[f32]) -> Vec<f32> {
    let height = src.len() / width;
    let (cols, rows) = (taps(xs, width), taps(ys, height));
    let mut out = Vec::with_capacity(xs.len() * ys.len());
    for &(y0, y1, ty) in &rows {
        let (r0, r1) = (&src[y0 * width..][..width], &src[y1 * width..][..width]);
        out.extend(cols.iter().map(|&(x0, x1, tx)| {
            let upper = r0[x0] * (1.0 - tx) + r0[x1] * tx;
            let lower = r1[x0] * (1.0 - tx) + r1[x1] * tx;
            upper * (1.0 - ty) + lower * ty
        }));
    }
    out
}

/// For each position along an axis of `n` pixels, clamped to it: the pixel before, the one after and
/// the weight of the one after.
fn taps(at: &[f32], n: usize) -> Vec<(usize, usize, f32)> {
    at.iter()
        .map(|&f| {
            let f = f.clamp(0.0, (n - 1) as f32);
            let i = f as usize;
            // `fract` is f - trunc(f); for these (at least 0, under 2^24) trunc(f) is the index as a
            // float, so this is the same value without a call to `truncf` (x86-64 has no instruction).
            (i, (i + 1).min(n - 1), f - i as f32)
        })
        .collect()
}

/// The box `(top, bottom, left, right)` of a picture whose rows are `width` long, resized to `w`×`h`:
/// each axis shrunk by block means (as `block_mean`: bilinear reads of a picture three times larger
/// alias, and the references are shrunk by block means) or grown linearly, rows then columns.
///
/// Every value is `resize_line`'s, rows then columns, with the same operations in the same order
/// (`resize_box_by_lines` in the tests does it literally and is compared bit for bit): where to read
/// and the weights are worked out once an axis, and the columns are resized a whole row at a time
/// (each output row from one or a block of the rows), not copied out one column at a time. A logo's
/// stretched content boxes took 59% of a screenshot's query this way (docs/benchmarks.md, issue 22).
pub(crate) fn resize_box(src: &[f32], width: usize, b: TrimBox, w: usize, h: usize) -> Vec<f32> {
    let (top, bottom, left, right) = b;
    let across = line_taps(right - left, w);
    // Filled as they are worked out, not zeroed first (zeroing cost a tenth of a screenshot's query).
    let mut rows = Vec::with_capacity((bottom - top) * w);
    for y in top..bottom {
        extend_resized(
            &across,
            &src[y * width + left..y * width + right],
            &mut rows,
        );
    }
    let mut out = Vec::with_capacity(w * h);
    if w == 0 {
        return out;
    }
    let row = |r: usize| &rows[r * w..(r + 1) * w];
    match line_taps(bottom - top, h) {
        LineTaps::Empty(_) => out.resize(w * h, 255.0),
        LineTaps::Blocks(blocks) => {
            for (a, b) in blocks {
                // From the block's first row: -0.0 + x is x, as `sum` starts.
                out.extend_from_slice(row(a));
                let at = out.len() - w;
                let dst = &mut out[at..];
                for r in a + 1..b {
                    dst.iter_mut().zip(row(r)).for_each(|(d, s)| *d += s);
                }
                let n = (b - a) as f32;
                dst.iter_mut().for_each(|d| *d /= n);
            }
        }
        LineTaps::Linear(reads) => {
            for (a, a1, t) in reads {
                out.extend(
                    row(a)
                        .iter()
                        .zip(row(a1))
                        .map(|(x0, x1)| x0 * (1.0 - t) + x1 * t),
                );
            }
        }
    }
    out
}

/// Where each of the `out` values of a resized line of `n` reads (see `resize_line`).
enum LineTaps {
    /// Nothing to read: this many values of white.
    Empty(usize),
    /// Shrinking: the block `a..b` each value is the mean of.
    Blocks(Vec<(usize, usize)>),
    /// Growing: the two values read and the weight of the second.
    Linear(Vec<(usize, usize, f32)>),
}

fn line_taps(n: usize, out: usize) -> LineTaps {
    if n == 0 {
        LineTaps::Empty(out)
    } else if n >= out {
        LineTaps::Blocks(
            (0..out)
                .map(|i| (i * n / out, ((i + 1) * n / out).max(i * n / out + 1)))
                .collect(),
        )
    } else {
        let scale = (n - 1) as f32 / (out - 1).max(1) as f32;
        LineTaps::Linear(
            (0..out)
                .map(|i| {
                    let f = i as f32 * scale;
                    let a = f as usize;
                    (a, (a + 1).min(n - 1), f.fract())
                })
                .collect(),
        )
    }
}

/// `line` resized, pushed onto `out` (as many values as the taps).
fn extend_resized(taps: &LineTaps, line: &[f32], out: &mut Vec<f32>) {
    match taps {
        LineTaps::Empty(n) => out.extend(std::iter::repeat_n(255.0, *n)),
        LineTaps::Blocks(blocks) => out.extend(
            blocks
                .iter()
                .map(|&(a, b)| block_sum(&line[a..b]) / (b - a) as f32),
        ),
        LineTaps::Linear(reads) => out.extend(
            reads
                .iter()
                .map(|&(a, a1, t)| line[a] * (1.0 - t) + line[a1] * t),
        ),
    }
}

/// One line resized to `out` values: block means when shrinking, linear reads when growing. An empty
/// line (an empty box) has nothing to read: it comes out white, as what `rotate` brings in from outside.
#[cfg(test)]
fn resize_line(line: &[f32], out: usize) -> Vec<f32> {
    let mut dst = Vec::with_capacity(out);
    extend_resized(&line_taps(line.len(), out), line, &mut dst);
    dst
}

/// Largest side a picture is turned at. Its turned copies are hashed at WORK pixels a side, and turning
/// a 4096² picture at full size took seconds an enrolment (it is turned four times), for no better hash.
const TURN_SIDE: usize = 4 * WORK;

/// A picture turned by `degrees` about its centre in colour, at its own size (shrunk to TURN_SIDE first
/// when larger), what comes from outside white: how an image editor turns a picture without growing
/// its canvas.
pub(crate) fn turned_picture(rgb: &Rgb, degrees: f32) -> Rgb {
    let (w, h) = (rgb.width, rgb.height);
    let scale = (TURN_SIDE as f32 / w.max(h) as f32).min(1.0);
    let (tw, th) = if scale < 1.0 {
        (
            ((w as f32 * scale) as usize).max(1),
            ((h as f32 * scale) as usize).max(1),
        )
    } else {
        (w, h)
    };
    each_colour(rgb, tw, th, |plane| {
        if (tw, th) == (w, h) {
            rotate(plane, w, h, degrees)
        } else {
            rotate(&resize_box(plane, w, (0, h, 0, w), tw, th), tw, th, degrees)
        }
    })
}

/// Turn a `w`×`h` picture by `degrees` about its centre (bilinear), filling what comes from outside
/// with white.
fn rotate(src: &[f32], w: usize, h: usize, degrees: f32) -> Vec<f32> {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = ((w as f32 - 1.0) / 2.0, (h as f32 - 1.0) / 2.0);
    let mut out = vec![255f32; w * h];
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            let (sx, sy) = (cos * dx + sin * dy + cx, -sin * dx + cos * dy + cy);
            if sx < 0.0 || sy < 0.0 || sx > (w - 1) as f32 || sy > (h - 1) as f32 {
                continue;
            }
            let (x0, y0) = (sx as usize, sy as usize);
            let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
            let (tx, ty) = (sx - x0 as f32, sy - y0 as f32);
            let top = src[y0 * w + x0] * (1.0 - tx) + src[y0 * w + x1] * tx;
            let bottom = src[y1 * w + x0] * (1.0 - tx) + src[y1 * w + x1] * tx;
            out[y * w + x] = top * (1.0 - ty) + bottom * ty;
        }
    }
    out
}

/// Rows and columns at the edges whose pixels are all close to the edge colour, trimmed in symmetric
/// pairs. Never trims more than 40% from a side, and keeps the box at least 8 pixels.
/// Rows `skip.0..skip.1` are left out when judging a column (none when empty).
fn trim_box(rgb: &[u8], w: usize, h: usize, skip: (usize, usize)) -> TrimBox {
    // Twice: padding of one colour round a logo on a flat background of another comes off in turn.
    trim_rest(rgb, w, h, trim_once(rgb, w, (0, 0), w, h, skip), skip)
}

/// `trim_box` once its first round has found `first`.
fn trim_rest(rgb: &[u8], w: usize, h: usize, first: TrimBox, skip: (usize, usize)) -> TrimBox {
    let (top, bottom, left, right) = first;
    if (top, bottom, left, right) == (0, h, 0, w) {
        return (top, bottom, left, right);
    }
    let (t, b, l, r) = trim_once(rgb, w, (left, top), right - left, bottom - top, skip);
    (top + t, top + b, left + l, left + r)
}

/// One round of `trim_box` on the `w`×`h` rectangle at `at` of a picture whose rows are `stride` wide.
fn trim_once(
    rgb: &[u8],
    stride: usize,
    at: (usize, usize),
    w: usize,
    h: usize,
    skip: (usize, usize),
) -> (usize, usize, usize, usize) {
    const TOL: i32 = 24;
    let px = |x: usize, y: usize| {
        let i = ((at.1 + y) * stride + at.0 + x) * 3;
        [rgb[i] as i32, rgb[i + 1] as i32, rgb[i + 2] as i32]
    };
    let close = |a: [i32; 3], b: [i32; 3]| (0..3).all(|c| (a[c] - b[c]).abs() <= TOL);
    if w < 16 || h < 16 {
        return (0, h, 0, w);
    }
    // The border colour: the top-left pixel, if the other corners agree.
    let corner = px(0, 0);
    if ![px(w - 1, 0), px(0, h - 1), px(w - 1, h - 1)]
        .iter()
        .all(|c| close(*c, corner))
    {
        return (0, h, 0, w);
    }
    // The same tests, on the row's bytes as pixels and down a column a row's stride at a time: a
    // logo's margin is most of a picture, and each pixel read through `px` cost three bounds checks.
    let near = |p: &[u8; 3]| (0..3).all(|c| (p[c] as i32 - corner[c]).abs() <= TOL);
    let row_is_border = |y: usize, x0: usize, x1: usize| {
        let start = ((at.1 + y) * stride + at.0) * 3;
        rgb[start + x0 * 3..start + x1 * 3]
            .as_chunks::<3>()
            .0
            .iter()
            .all(near)
    };
    let skipped = |y: usize| (skip.0..skip.1).contains(&(at.1 + y));
    let col_is_border = |x: usize, y0: usize, y1: usize| {
        (y0..y1).all(|y| {
            let i = ((at.1 + y) * stride + at.0 + x) * 3;
            skipped(y) || near(&[rgb[i], rgb[i + 1], rgb[i + 2]])
        })
    };
    let (max_h, max_w) = (h * 2 / 5, w * 2 / 5);
    let mut top = 0;
    while top < max_h && row_is_border(top, 0, w) {
        top += 1;
    }
    let mut bottom = h;
    while h - bottom < max_h && row_is_border(bottom - 1, 0, w) {
        bottom -= 1;
    }
    let mut left = 0;
    while left < max_w && col_is_border(left, top, bottom) {
        left += 1;
    }
    let mut right = w;
    while w - right < max_w && col_is_border(right - 1, top, bottom) {
        right -= 1;
    }
    if bottom - top < 8 || right - left < 8 {
        return (0, h, 0, w);
    }
    // Added padding and letterboxing are symmetric; a flat sky or studio background on one side is
    // not, and trimming it would frame an original and its edited copy differently. Trim only a pair
    // of opposite sides that agree (within 2% of the side), and nothing under 2%.
    let agree = |a: usize, b: usize, n: usize| a.abs_diff(b) * 50 <= n && a.min(b) * 50 >= n;
    let (top, bottom) = if agree(top, h - bottom, h) {
        (top, bottom)
    } else {
        (0, h)
    };
    let (left, right) = if agree(left, w - right, w) {
        (left, right)
    } else {
        (0, w)
    };
    (top, bottom, left, right)
}

/// Bring a square to the working size: shrink large ones by block averages, and grow
/// small ones (48 px avatars) bilinearly, because PDQ alone would grow them by repeating pixels, which
/// adds blocky structure the original does not have.
fn shrink(sq: Vec<f32>, side: usize) -> (Vec<f32>, usize) {
    if side > WORK {
        return (block_mean(&sq, side, WORK), WORK);
    }
    if side >= SMALL || side < 2 {
        return (sq, side);
    }
    let scale = (side - 1) as f32 / (SMALL - 1) as f32;
    let mut out = Vec::with_capacity(SMALL * SMALL);
    for y in 0..SMALL {
        let fy = y as f32 * scale;
        let (y0, ty) = (fy as usize, fy.fract());
        let y1 = (y0 + 1).min(side - 1);
        for x in 0..SMALL {
            let fx = x as f32 * scale;
            let (x0, tx) = (fx as usize, fx.fract());
            let x1 = (x0 + 1).min(side - 1);
            let top = sq[y0 * side + x0] * (1.0 - tx) + sq[y0 * side + x1] * tx;
            let bottom = sq[y1 * side + x0] * (1.0 - tx) + sq[y1 * side + x1] * tx;
            out.push(top * (1.0 - ty) + bottom * ty);
        }
    }
    (out, SMALL)
}

/// Shrink a square to `out` a side by averaging the block of source pixels behind each output pixel,
/// rows then columns: one pass each way, so much cheaper than PDQ's repeated box filter, and the same
/// float operations on every platform.
fn block_mean(sq: &[f32], side: usize, out: usize) -> Vec<f32> {
    let bounds: Vec<(usize, usize)> = (0..out)
        .map(|i| {
            (
                i * side / out,
                ((i + 1) * side / out).max(i * side / out + 1),
            )
        })
        .collect();
    let mut rows = Vec::with_capacity(side * out);
    for src in sq.chunks_exact(side).take(side) {
        rows.extend(
            bounds
                .iter()
                .map(|&(a, b)| block_sum(&src[a..b]) / (b - a) as f32),
        );
    }
    let mut result = vec![0f32; out * out];
    for (o, &(a, b)) in bounds.iter().enumerate() {
        let dst = &mut result[o * out..(o + 1) * out];
        for r in a..b {
            dst.iter_mut()
                .zip(&rows[r * out..(r + 1) * out])
                .for_each(|(d, s)| *d += s);
        }
        dst.iter_mut().for_each(|d| *d /= (b - a) as f32);
    }
    result
}

/// The sum of a block, in order from its first value, as `iter().sum()` makes it: that starts from
/// -0.0, and -0.0 + x is x for every x, so the short blocks a 400-px picture has (3 and 4 pixels) are
/// added without a loop.
#[inline(always)]
fn block_sum(block: &[f32]) -> f32 {
    match *block {
        [a, b] => a + b,
        [a, b, c] => a + b + c,
        [a, b, c, d] => a + b + c + d,
        _ => block.iter().sum::<f32>(),
    }
}

/// Squares smaller than this are grown to it before hashing.
const SMALL: usize = 128;

/// Scales of the found circle's diameter read round it: inside the ring of page colour profile pages
/// draw round an avatar (under a banner the vote often finds the ring's outer edge).
const CIRCLE_SCALES: [f32; 2] = [0.93, 0.97];

/// Offsets (working-square pixels) of the squares tried around a circle found in a screenshot. One
/// pixel apart (two before 2026-12-05, when the squares were hashed at their own size): read at the
/// working size, a white logo's disc read 1% too large is already 20 bits away.
const CIRCLE_SEARCH: [(f32, f32); 9] = [
    (0.0, 0.0),
    (-1.0, 0.0),
    (1.0, 0.0),
    (0.0, -1.0),
    (0.0, 1.0),
    (-1.0, -1.0),
    (1.0, 1.0),
    (-1.0, 1.0),
    (1.0, -1.0),
];

/// The circle most of `points` lie on (within a pixel), its centre within 8% of the middle of a `side`
/// square and its radius 36–48.5% of the side: a vote over centres two pixels apart and one-pixel radii.
fn vote_circle(points: &[(f32, f32)], side: usize) -> Option<(f32, f32, f32)> {
    let s = side as f32;
    let (r_lo, r_hi) = ((0.36 * s) as usize, (0.485 * s) as usize);
    let reach = (0.08 * s) as i32;
    let mut counts = vec![0u32; r_hi + 2];
    let mut best: Option<(u32, f32, f32, f32)> = None;
    for dy in (-reach..=reach).step_by(2) {
        for dx in (-reach..=reach).step_by(2) {
            let (cx, cy) = ((s - 1.0) / 2.0 + dx as f32, (s - 1.0) / 2.0 + dy as f32);
            counts.iter_mut().for_each(|c| *c = 0);
            for &(x, y) in points {
                let d = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt().round() as usize;
                if d <= r_hi + 1 {
                    counts[d] += 1;
                }
            }
            for r in r_lo..=r_hi {
                let votes = counts[r - 1] + counts[r] + counts[r + 1];
                if best.is_none_or(|b| votes > b.0) {
                    best = Some((votes, cx, cy, r as f32));
                }
            }
        }
    }
    best.filter(|b| b.0 >= 24).map(|(_, cx, cy, r)| (cx, cy, r))
}

/// The circle through `points` that fits them best (Kasa's algebraic fit): centre and radius.
fn fit_circle(points: &[(f64, f64)]) -> Option<(f64, f64, f64)> {
    if points.len() < 12 {
        return None;
    }
    // Minimise the sum of (x² + y² + D x + E y + F)²: three normal equations.
    let mut m = [[0f64; 4]; 3];
    for &(x, y) in points {
        let z = x * x + y * y;
        let row = [x, y, 1.0];
        for (i, ri) in row.iter().enumerate() {
            for (j, rj) in row.iter().enumerate() {
                m[i][j] += ri * rj;
            }
            m[i][3] -= ri * z;
        }
    }
    // Gaussian elimination with partial pivoting.
    for c in 0..3 {
        let p = (c..3).max_by(|&a, &b| m[a][c].abs().total_cmp(&m[b][c].abs()))?;
        m.swap(c, p);
        if m[c][c].abs() < 1e-9 {
            return None;
        }
        for r in 0..3 {
            if r != c {
                let f = m[r][c] / m[c][c];
                for k in c..4 {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
    }
    let (d, e, f) = (m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]);
    let (cx, cy) = (-d / 2.0, -e / 2.0);
    let r2 = cx * cx + cy * cy - f;
    (r2 > 0.0).then(|| (cx, cy, r2.sqrt()))
}

/// Each corner patch is flat (its own colour: a screenshot's banner and page may differ).
fn corners_flat(sq: &[f32], side: usize) -> bool {
    let patch = side / 12;
    let far = side - patch;
    [(0, 0), (far, 0), (0, far), (far, far)]
        .iter()
        .all(|&(x0, y0)| {
            let mut v = Vec::with_capacity(patch * patch);
            for y in y0..y0 + patch {
                v.extend_from_slice(&sq[y * side + x0..y * side + x0 + patch]);
            }
            let mean = v.iter().sum::<f32>() / v.len() as f32;
            v.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / (v.len() as f32) < 30.0
        })
}

/// A round avatar on a flat background: the four corner patches are flat and alike, the centre is not.
fn looks_round(sq: &[f32], side: usize) -> bool {
    if side < 16 {
        return false;
    }
    let patch = side / 10;
    let stats = |x0: usize, y0: usize| {
        let mut v = Vec::with_capacity(patch * patch);
        for y in y0..y0 + patch {
            v.extend_from_slice(&sq[y * side + x0..y * side + x0 + patch]);
        }
        let mean = v.iter().sum::<f32>() / v.len() as f32;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / v.len() as f32;
        (mean, var)
    };
    let far = side - patch;
    let corners = [stats(0, 0), stats(far, 0), stats(0, far), stats(far, far)];
    let centre = stats(side / 2 - patch / 2, side / 2 - patch / 2);
    let flat = corners.iter().all(|(_, v)| *v < 20.0);
    let alike = corners.iter().all(|(m, _)| (m - corners[0].0).abs() < 12.0);
    flat && alike && (centre.1 > 20.0 || (centre.0 - corners[0].0).abs() > 20.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `resize_box` as it was before 2026-12-08, a row and then a column at a time through
    /// `resize_line`, each line's reads worked out in the loop: the reference the faster one must
    /// equal bit for bit.
    fn resize_box_by_lines(src: &[f32], width: usize, b: TrimBox, w: usize, h: usize) -> Vec<f32> {
        let line = |line: &[f32], out: usize| -> Vec<f32> {
            let n = line.len();
            if n == 0 {
                return vec![255.0; out];
            }
            if n >= out {
                (0..out)
                    .map(|i| {
                        let (a, b) = (i * n / out, ((i + 1) * n / out).max(i * n / out + 1));
                        line[a..b].iter().sum::<f32>() / (b - a) as f32
                    })
                    .collect()
            } else {
                let scale = (n - 1) as f32 / (out - 1).max(1) as f32;
                (0..out)
                    .map(|i| {
                        let f = i as f32 * scale;
                        let (a, t) = (f as usize, f.fract());
                        line[a] * (1.0 - t) + line[(a + 1).min(n - 1)] * t
                    })
                    .collect()
            }
        };
        let (top, bottom, left, right) = b;
        let rows: Vec<f32> = (top..bottom)
            .flat_map(|y| line(&src[y * width + left..y * width + right], w))
            .collect();
        let n = bottom - top;
        let mut out = vec![0f32; w * h];
        let mut column = vec![0f32; n];
        for x in 0..w {
            for (y, c) in column.iter_mut().enumerate() {
                *c = rows[y * w + x];
            }
            for (y, v) in line(&column, h).into_iter().enumerate() {
                out[y * w + x] = v;
            }
        }
        out
    }

    /// Luma-like floats that are not whole numbers, so that any change of order shows in the bits.
    fn noisy(len: usize) -> Vec<f32> {
        let mut x = 987654321u64;
        (0..len)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                super::super::pdq::luma_from_rgb(&[
                    (x >> 40) as u8,
                    (x >> 48) as u8,
                    (x >> 56) as u8,
                ])[0]
            })
            .collect()
    }

    #[test]
    fn resize_box_a_row_at_a_time_is_the_line_by_line_resize_bit_for_bit() {
        let (width, height) = (57, 43);
        let src = noisy(width * height);
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        // Shrinking and growing each way, by a little and a lot, the whole picture and a box inside,
        // an empty box and empty outputs.
        let boxes = [
            (0, height, 0, width),
            (5, 38, 7, 50),
            (3, 3, 2, 20),
            (4, 30, 9, 9),
        ];
        let sizes = [
            (1, 1),
            (13, 9),
            (40, 60),
            (57, 43),
            (128, 20),
            (20, 128),
            (0, 5),
            (5, 0),
        ];
        for b in boxes {
            for (w, h) in sizes {
                assert_eq!(
                    bits(&resize_box(&src, width, b, w, h)),
                    bits(&resize_box_by_lines(&src, width, b, w, h)),
                    "box {b:?} to {w}x{h}"
                );
            }
        }
    }

    #[test]
    fn resize_line_of_nothing_is_white_not_a_panic() {
        assert_eq!(resize_line(&[], 3), vec![255.0; 3]);
        assert_eq!(resize_line(&[], 0), Vec::<f32>::new());
        // Lines with values, shrunk and grown, as before.
        assert_eq!(resize_line(&[0.0, 2.0, 4.0, 6.0], 2), vec![1.0, 5.0]);
        assert_eq!(resize_line(&[0.0, 4.0], 3), vec![0.0, 2.0, 4.0]);
        assert_eq!(resize_line(&[7.0], 2), vec![7.0, 7.0]);
    }
}
