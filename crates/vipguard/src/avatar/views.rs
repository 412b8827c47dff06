//! What impersonators do to a copied profile photo, undone before hashing.
//!
//! Both sides (a protected avatar and a profile's avatar) go through the same steps:
//! 1. trim uniform borders (white or black padding, letterboxing);
//! 2. crop the centre square;
//! 3. hash several *views* of that square with PDQ: the whole (`full`), the inscribed circle with the
//!    outside set to mid-grey (`circle`: undoes a round avatar screenshotted on a flat background, and
//!    most of a badge stuck in a corner), and the upper part (`top`: undoes a caption bar).
//!
//! Views are compared only with the same view of the other side, so geometry stays aligned.

use super::pdq::{dct_from_luma, luma_from_rgb, Dct16};
use super::Rgb;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum View {
    Full,
    Circle,
    Top,
}

pub const VIEWS: [View; 3] = [View::Full, View::Circle, View::Top];

impl View {
    pub fn as_str(self) -> &'static str {
        match self {
            View::Full => "whole picture",
            View::Circle => "inscribed circle",
            View::Top => "upper part",
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
const TOP_SHARE: f32 = 0.78;

/// A normalised picture, ready to hash in any view.
pub(crate) struct Prepared {
    luma: Vec<f32>,
    side: usize,
    pub undone: Undone,
}

/// A copy-and-edit an impersonator makes, replayed on a protected avatar at enrolment so that the edited
/// copy meets a reference made the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Variant {
    /// The picture as it is.
    Plain,
    /// The centre, with this share (percent) cut from each side.
    Crop(u8),
    /// Turned by this many degrees (clockwise positive), corners filled white.
    Rotate(i8),
    /// Shrunk to a 48-pixel thumbnail and grown back, as a tiny copy is.
    Thumbnail,
}

impl Variant {
    pub fn code(self) -> String {
        match self {
            Variant::Plain => "0".into(),
            Variant::Crop(p) => p.to_string(),
            Variant::Rotate(d) => format!("r{d}"),
            Variant::Thumbnail => "t48".into(),
        }
    }

    pub fn parse(s: &str) -> Option<Variant> {
        if s == "t48" {
            return Some(Variant::Thumbnail);
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

/// Trim, square and shrink a picture.
pub(crate) fn prepare(rgb: &Rgb) -> Prepared {
    prepare_variant(rgb, Variant::Plain)
}

/// Trim and square a picture, apply a variant at full resolution, then shrink.
pub(crate) fn prepare_variant(rgb: &Rgb, variant: Variant) -> Prepared {
    prepare_with_luma(rgb, &luma_from_rgb(&rgb.pixels), variant)
}

/// `prepare_variant` with the picture's luma already computed (hashing both the plain PDQ and the
/// views of one picture converts it once).
pub(crate) fn prepare_with_luma(rgb: &Rgb, luma: &[f32], variant: Variant) -> Prepared {
    let (top, bottom, left, right) = trim_box(&rgb.pixels, rgb.width, rgb.height);
    let (w, h) = (right - left, bottom - top);
    let side = w.min(h).max(1);
    let (x0, y0) = (left + (w - side) / 2, top + (h - side) / 2);
    let border =
        ((rgb.width - w).max(rgb.height - h) * 100 / rgb.width.max(rgb.height).max(1)) as u8;
    let mut square = vec![0f32; side * side];
    for r in 0..side {
        let src = (y0 + r) * rgb.width + x0;
        square[r * side..(r + 1) * side].copy_from_slice(&luma[src..src + side]);
    }
    let (square, side) = match variant {
        Variant::Plain => (square, side),
        Variant::Crop(p) => {
            let cut = side * p as usize / 100;
            let inner = side - 2 * cut;
            let mut out = Vec::with_capacity(inner * inner);
            for r in cut..cut + inner {
                out.extend_from_slice(&square[r * side + cut..r * side + cut + inner]);
            }
            (out, inner)
        }
        Variant::Rotate(d) => (rotate(&square, side, d as f32), side),
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
    /// The DCT of one view (None when the picture is too small to hash).
    pub(crate) fn dct(&self, view: View) -> Option<(Dct16, u8)> {
        let side = self.side;
        let mut sq = self.luma.clone();
        match view {
            View::Full => dct_from_luma(sq, side, side),
            View::Circle => {
                let c = (side as f32 - 1.0) / 2.0;
                let r2 = (side as f32 / 2.0).powi(2);
                for y in 0..side {
                    for x in 0..side {
                        let (dx, dy) = (x as f32 - c, y as f32 - c);
                        if dx * dx + dy * dy > r2 {
                            sq[y * side + x] = 128.0;
                        }
                    }
                }
                dct_from_luma(sq, side, side)
            }
            View::Top => {
                let rows = ((side as f32 * TOP_SHARE) as usize).max(1);
                sq.truncate(rows * side);
                dct_from_luma(sq, rows, side)
            }
        }
    }
}

/// Turn a square by `degrees` about its centre (bilinear), filling what comes from outside with white.
fn rotate(sq: &[f32], side: usize, degrees: f32) -> Vec<f32> {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let c = (side as f32 - 1.0) / 2.0;
    let mut out = vec![255f32; side * side];
    for y in 0..side {
        for x in 0..side {
            let (dx, dy) = (x as f32 - c, y as f32 - c);
            let (sx, sy) = (cos * dx + sin * dy + c, -sin * dx + cos * dy + c);
            if sx < 0.0 || sy < 0.0 || sx > (side - 1) as f32 || sy > (side - 1) as f32 {
                continue;
            }
            let (x0, y0) = (sx as usize, sy as usize);
            let (x1, y1) = ((x0 + 1).min(side - 1), (y0 + 1).min(side - 1));
            let (tx, ty) = (sx - x0 as f32, sy - y0 as f32);
            let top = sq[y0 * side + x0] * (1.0 - tx) + sq[y0 * side + x1] * tx;
            let bottom = sq[y1 * side + x0] * (1.0 - tx) + sq[y1 * side + x1] * tx;
            out[y * side + x] = top * (1.0 - ty) + bottom * ty;
        }
    }
    out
}

/// Rows and columns at the edges whose pixels are all close to the edge colour, trimmed in symmetric
/// pairs. Never trims more than 40% from a side, and keeps the box at least 8 pixels.
fn trim_box(rgb: &[u8], w: usize, h: usize) -> (usize, usize, usize, usize) {
    const TOL: i32 = 24;
    let px = |x: usize, y: usize| {
        let i = (y * w + x) * 3;
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
    let row_is_border = |y: usize, x0: usize, x1: usize| (x0..x1).all(|x| close(px(x, y), corner));
    let col_is_border = |x: usize, y0: usize, y1: usize| (y0..y1).all(|y| close(px(x, y), corner));
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
    let mut rows = vec![0f32; side * out];
    for r in 0..side {
        let src = &sq[r * side..(r + 1) * side];
        for (o, &(a, b)) in bounds.iter().enumerate() {
            rows[r * out + o] = src[a..b].iter().sum::<f32>() / (b - a) as f32;
        }
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

/// Squares smaller than this are grown to it before hashing.
const SMALL: usize = 128;

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
