//! The content box of a picture on a flat background (a logo, a cut-out): where the picture differs
//! from its background, found again after an impersonator pads it in another colour, crops it round on
//! a coloured page, shrinks it or pastes a sticker beside it. Hashed on its own (`View::Content`) at
//! the same scale and place on both sides, it meets the protected logo however much background the
//! copy has around it: trimming uniform borders cannot do this once a sticker or a crop touches an edge.
//!
//! Found on luma, in rounds: the background is the colour most edge pixels share (within a tolerance
//! for JPEG noise, so a sticker touching an edge does not hide it); what differs from every background
//! found so far is content, and its box is the largest block of it (rows and columns cut at gaps of
//! background, so a sticker in a corner apart from the logo is left out). The box found becomes the
//! region of the next round, so padding of one colour round a logo on another comes off in turn. When
//! a region's edge has no new flat colour (a round crop fills its square, touching it at four points),
//! the next background is looked for on a ring 15% inside it, where a round crop's inside is.

/// A box in source pixels (`x0..x1`, `y0..y1`) and the luma of the background around it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ContentBox {
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
    pub background: f32,
}

/// The box is found on a grid of at most this many points a side (a 400-px picture on every other
/// pixel): the flood and the block search cost a few milliseconds a picture at full size.
const GRID: usize = 256;
/// A luma value within this of a background's is background (JPEG noise on flat colour stays under it).
const TOL: f32 = 22.0;
/// Share of edge (or ring) pixels that must be close to one value for it to be a background.
const MAJORITY: f32 = 0.55;
/// At most this many rounds (padding, a mount, a round crop, the logo's own background).
const ROUNDS: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Region {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
}

impl Region {
    fn w(&self) -> usize {
        self.x1 - self.x0
    }
    fn h(&self) -> usize {
        self.y1 - self.y0
    }
}

/// The content box of a `w`×`h` luma picture, or None when it has no flat background (a photo), the
/// content is under a tenth of the side or the box is the whole picture. Found on a grid of at most `GRID`
/// points a side (the box is given in source pixels).
pub(crate) fn find(luma: &[f32], w: usize, h: usize) -> Option<ContentBox> {
    if w < 16 || h < 16 || luma.len() != w * h {
        return None;
    }
    let step = w.max(h).div_ceil(GRID);
    let (gw, gh) = (w / step, h / step);
    let mut g = Vec::with_capacity(gw * gh);
    for y in 0..gh {
        g.extend(luma[y * step * w..].iter().step_by(step).take(gw));
    }
    let full = Region {
        x0: 0,
        y0: 0,
        x1: gw,
        y1: gh,
    };
    let mut outside = vec![false; gw * gh];
    let mut region = full;
    let mut background = None;
    for round in 0..ROUNDS {
        // Seeds: the region's edge, or when it has no new flat colour, a ring 15% inside it (a round
        // crop whose inside hardly reaches the edge of its box).
        let colours_on = |points: &[usize], first: bool| {
            let fresh: Vec<f32> = points
                .iter()
                .filter(|&&i| !outside[i])
                .map(|&i| g[i])
                .collect();
            flat_colours(&fresh, points.len() - fresh.len(), points.len(), first)
        };
        let index = |v: Vec<(usize, usize)>| -> Vec<usize> {
            v.into_iter().map(|(x, y)| y * gw + x).collect()
        };
        let mut seeds = index(ring(region, 0));
        let mut colours = colours_on(&seeds, round == 0);
        // Not on the first round: a picture whose edge is not flat is a photo, and stops here cheaply.
        if colours.is_empty() && round > 0 {
            seeds = index(ring(region, 15));
            colours = colours_on(&seeds, false);
        }
        if colours.is_empty() {
            break;
        }
        let mut grown = outside.clone();
        for &i in &seeds {
            if let Some(c) = colours.iter().find(|c| (g[i] - **c).abs() <= TOL) {
                // Each seed fills what is joined to it in its own colour.
                flood(&g, gw, region, &mut grown, i, *c);
            }
        }
        // Nothing left inside: the colour was the content's own.
        let Some(found) = largest_block(|x, y| !grown[y * gw + x], region) else {
            break;
        };
        outside = grown;
        background = Some(colours[0]);
        region = found;
    }
    let side = gw.min(gh);
    if region == full || region.w().max(region.h()) * 10 < side {
        return None;
    }
    Some(ContentBox {
        x0: region.x0 * step,
        y0: region.y0 * step,
        x1: (region.x1 * step).min(w),
        y1: (region.y1 * step).min(h),
        background: background?,
    })
}

/// Points of the square ring `inset` percent inside `r` (0: its edge).
fn ring(r: Region, inset: usize) -> Vec<(usize, usize)> {
    let (dx, dy) = (r.w() * inset / 100, r.h() * inset / 100);
    let (x0, y0) = (r.x0 + dx, r.y0 + dy);
    let (Some(x1), Some(y1)) = ((r.x1 - dx).checked_sub(1), (r.y1 - dy).checked_sub(1)) else {
        return Vec::new();
    };
    if x1 <= x0 || y1 <= y0 {
        return Vec::new();
    }
    let mut v = Vec::new();
    for x in x0..=x1 {
        v.push((x, y0));
        v.push((x, y1));
    }
    for y in y0 + 1..y1 {
        v.push((x0, y));
        v.push((x1, y));
    }
    v
}

/// The flat colours among `values` (up to three, each at least 8% of `total`), if with the `known`
/// points already outside they make up most of them (70% of a picture's edge, half of a region's):
/// a photo's edge is not flat, a logo's background is.
fn flat_colours(values: &[f32], known: usize, total: usize, first: bool) -> Vec<f32> {
    let mut left: Vec<f32> = values.to_vec();
    let (mut colours, mut covered) = (Vec::new(), known);
    for _ in 0..3 {
        if left.is_empty() {
            break;
        }
        let mut bins = [0usize; 32];
        for x in &left {
            bins[(x.clamp(0.0, 255.0) as usize / 8).min(31)] += 1;
        }
        let mode = (0..32).max_by_key(|&i| bins[i]).unwrap_or(0) as f32 * 8.0 + 4.0;
        let near: Vec<f32> = left
            .iter()
            .copied()
            .filter(|x| (x - mode).abs() <= TOL)
            .collect();
        let mean = near.iter().sum::<f32>() / near.len().max(1) as f32;
        let n = left.iter().filter(|x| (*x - mean).abs() <= TOL).count();
        if n * 100 < total * 8 {
            break;
        }
        colours.push(mean);
        covered += n;
        left.retain(|x| (x - mean).abs() > TOL);
    }
    let need = if first { 0.7 } else { MAJORITY };
    if (covered as f32) < need * total as f32 {
        return Vec::new();
    }
    colours
}

/// Mark as outside the pixels of `r` joined to `start` (4-neighbours) within the tolerance of `colour`.
fn flood(g: &[f32], gw: usize, r: Region, outside: &mut [bool], start: usize, colour: f32) {
    let mut stack = vec![start];
    while let Some(i) = stack.pop() {
        if outside[i] || (g[i] - colour).abs() > TOL {
            continue;
        }
        outside[i] = true;
        let (x, y) = (i % gw, i / gw);
        if x > r.x0 {
            stack.push(i - 1);
        }
        if x + 1 < r.x1 {
            stack.push(i + 1);
        }
        if y > r.y0 {
            stack.push(i - gw);
        }
        if y + 1 < r.y1 {
            stack.push(i + gw);
        }
    }
}

/// The largest block of content inside `r`: rows cut at gaps of background, the run of rows with the
/// most content kept, then the same for columns, twice over.
fn largest_block(is_content: impl Fn(usize, usize) -> bool, r: Region) -> Option<Region> {
    let mut r = r;
    for _ in 0..2 {
        let rows: Vec<usize> = (r.y0..r.y1)
            .map(|y| (r.x0..r.x1).filter(|&x| is_content(x, y)).count())
            .collect();
        let (a, b) = best_run(&rows, r.w())?;
        r = Region {
            y0: r.y0 + a,
            y1: r.y0 + b,
            ..r
        };
        let cols: Vec<usize> = (r.x0..r.x1)
            .map(|x| (r.y0..r.y1).filter(|&y| is_content(x, y)).count())
            .collect();
        let (a, b) = best_run(&cols, r.h())?;
        r = Region {
            x0: r.x0 + a,
            x1: r.x0 + b,
            ..r
        };
    }
    (r.w() >= 4 && r.h() >= 4).then_some(r)
}

/// The run of lines (`start..end`) with the most content, lines with under 1% of `across` (at least
/// two pixels) counting as background, and runs joined over gaps under 3% of the lines.
fn best_run(counts: &[usize], across: usize) -> Option<(usize, usize)> {
    let min = (across / 100).max(2);
    let gap = (counts.len() * 3 / 100).max(2);
    let mut best: Option<(usize, usize, usize)> = None;
    let mut current: Option<(usize, usize, usize)> = None;
    for (i, &c) in counts.iter().enumerate() {
        if c < min {
            continue;
        }
        current = match current {
            Some((s, e, m)) if i - e < gap => Some((s, i + 1, m + c)),
            _ => {
                if let Some(run) = current {
                    if best.is_none_or(|b| run.2 > b.2) {
                        best = Some(run);
                    }
                }
                Some((i, i + 1, c))
            }
        };
    }
    if let Some(run) = current {
        if best.is_none_or(|b| run.2 > b.2) {
            best = Some(run);
        }
    }
    best.map(|(s, e, _)| (s, e))
}

/// The box as a square of luma, centred, with a margin of a twentieth of its longer side, everything
/// outside the box set to the background (a sticker beside it, the page round it): `side` a side as
/// cut from the source (shrunk to the working size afterwards).
pub(crate) fn square(luma: &[f32], w: usize, b: &ContentBox) -> (Vec<f32>, usize) {
    let (bw, bh) = (b.x1 - b.x0, b.y1 - b.y0);
    let long = bw.max(bh);
    let side = long + 2 * (long / 20).max(1);
    let (ox, oy) = ((side - bw) / 2, (side - bh) / 2);
    let mut out = vec![b.background; side * side];
    for y in 0..bh {
        let src = (b.y0 + y) * w + b.x0;
        out[(oy + y) * side + ox..(oy + y) * side + ox + bw].copy_from_slice(&luma[src..src + bw]);
    }
    (out, side)
}

/// `square` of the box stretched by `(sx, sy)` (each at least 1) before it is squared: a logo whose
/// aspect ratio an impersonator squeezed, stretched back to its own.
pub(crate) fn square_stretched(
    luma: &[f32],
    w: usize,
    b: &ContentBox,
    (sx, sy): (f32, f32),
) -> (Vec<f32>, usize) {
    let (bw, bh) = (b.x1 - b.x0, b.y1 - b.y0);
    let (nw, nh) = (
        ((bw as f32 * sx).round() as usize).max(1),
        ((bh as f32 * sy).round() as usize).max(1),
    );
    let grown = super::views::resize_box(luma, w, (b.y0, b.y1, b.x0, b.x1), nw, nh);
    square(
        &grown,
        nw,
        &ContentBox {
            x0: 0,
            y0: 0,
            x1: nw,
            y1: nh,
            background: b.background,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `n`×`n` picture of `bg` with a block of `ink` at `x0..x1`, `y0..y1`.
    fn picture(n: usize, bg: f32, blocks: &[(usize, usize, usize, usize, f32)]) -> Vec<f32> {
        let mut v = vec![bg; n * n];
        for &(x0, y0, x1, y1, ink) in blocks {
            for y in y0..y1 {
                v[y * n + x0..y * n + x1].fill(ink);
            }
        }
        v
    }

    #[test]
    fn a_logo_is_found_inside_padding_of_another_colour() {
        // A logo (dark block) on white, padded in mid-grey.
        let p = picture(
            200,
            120.0,
            &[(30, 30, 170, 170, 255.0), (70, 80, 130, 120, 20.0)],
        );
        let b = find(&p, 200, 200).unwrap();
        assert_eq!((b.x0, b.y0, b.x1, b.y1), (70, 80, 130, 120));
        assert_eq!(b.background, 255.0);
    }

    #[test]
    fn a_sticker_apart_from_the_logo_is_left_out() {
        let p = picture(
            200,
            255.0,
            &[(60, 60, 140, 150, 30.0), (170, 170, 195, 195, 90.0)],
        );
        let b = find(&p, 200, 200).unwrap();
        assert_eq!((b.x0, b.y0, b.x1, b.y1), (60, 60, 140, 150));
    }

    #[test]
    fn a_round_crop_on_a_coloured_page_comes_off() {
        let n = 200;
        let mut p = picture(n, 255.0, &[(80, 70, 120, 130, 10.0)]);
        let c = (n as f32 - 1.0) / 2.0;
        for y in 0..n {
            for x in 0..n {
                if (x as f32 - c).powi(2) + (y as f32 - c).powi(2) > (n as f32 / 2.0).powi(2) {
                    p[y * n + x] = 100.0;
                }
            }
        }
        let b = find(&p, n, n).unwrap();
        assert_eq!((b.x0, b.y0, b.x1, b.y1), (80, 70, 120, 130));
    }

    #[test]
    fn a_photo_has_no_content_box() {
        // Every pixel its own value (a linear congruential sequence): no edge colour is shared.
        let n = 100;
        let mut state = 12345u32;
        let p: Vec<f32> = (0..n * n)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (state >> 24) as f32
            })
            .collect();
        assert_eq!(find(&p, n, n), None);
    }
}
