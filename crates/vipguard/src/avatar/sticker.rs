//! A sticker pasted in a corner of a picture on a flat background (a logo), painted over in that
//! background's colour so that trimming finds the logo again (issue 22, `combo`).
//!
//! A badge in a corner, apart from the logo, makes the corners or the margins differ, so the symmetric
//! trim (`views::trim`) keeps the whole square, and a copy also cropped a little then meets none of the
//! references: its margin is neither the original's nor gone. With the sticker painted out the copy is
//! the logo on its own background again, and its trimmed box is the reference's.
//!
//! Found on a grid: the background is the colour most edge points are close to; what differs from it
//! is split into 8-connected blobs; a blob (or several) lying wholly inside one corner's quarter,
//! apart from everything else, is a sticker. Nothing is painted when the background is not flat, when
//! there is nothing but the corner blob, or when the corner blob touches the rest (a sticker on the
//! logo itself, which this cannot take off).

use super::Rgb;

/// The grid has at most this many points a side.
const GRID: usize = 128;
/// A channel within this of the background's is background (JPEG noise on flat colour stays under it).
const TOL: i32 = 28;
/// Share of edge points that must be close to one colour for it to be the background.
const MAJORITY: usize = 55;
/// A corner's quarter: a sticker lies within this share of the side from both of its edges.
const CORNER: f32 = 0.26;

/// The picture with a corner sticker painted out in its background colour, or None when there is none.
pub(crate) fn painted_out(rgb: &Rgb) -> Option<Rgb> {
    let (w, h) = (rgb.width, rgb.height);
    if w < 32 || h < 32 {
        return None;
    }
    let step = w.max(h).div_ceil(GRID);
    let (gw, gh) = (w / step, h / step);
    let px = |gx: usize, gy: usize| {
        let i = (gy * step * w + gx * step) * 3;
        [
            rgb.pixels[i] as i32,
            rgb.pixels[i + 1] as i32,
            rgb.pixels[i + 2] as i32,
        ]
    };
    let close = |a: [i32; 3], b: [i32; 3]| (0..3).all(|c| (a[c] - b[c]).abs() <= TOL);
    let edge: Vec<[i32; 3]> = (0..gw)
        .flat_map(|x| [px(x, 0), px(x, gh - 1)])
        .chain((0..gh).flat_map(|y| [px(0, y), px(gw - 1, y)]))
        .collect();
    // The background: the corner colour most edge points agree with.
    let background = [px(0, 0), px(gw - 1, 0), px(0, gh - 1), px(gw - 1, gh - 1)]
        .into_iter()
        .map(|c| (c, edge.iter().filter(|e| close(**e, c)).count()))
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| n * 100 >= edge.len() * MAJORITY)?
        .0;
    let content: Vec<bool> = (0..gh)
        .flat_map(|y| (0..gw).map(move |x| (x, y)))
        .map(|(x, y)| !close(px(x, y), background))
        .collect();
    // 8-connected blobs of content, each as its box on the grid.
    let mut label = vec![usize::MAX; gw * gh];
    let mut boxes: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut stack = Vec::new();
    for start in 0..gw * gh {
        if !content[start] || label[start] != usize::MAX {
            continue;
        }
        let id = boxes.len();
        let mut b = (gw, gh, 0, 0);
        label[start] = id;
        stack.push(start);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % gw, i / gw);
            b = (b.0.min(x), b.1.min(y), b.2.max(x + 1), b.3.max(y + 1));
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x as isize + dx, y as isize + dy);
                if nx < 0 || ny < 0 || nx >= gw as isize || ny >= gh as isize {
                    continue;
                }
                let j = ny as usize * gw + nx as usize;
                if content[j] && label[j] == usize::MAX {
                    label[j] = id;
                    stack.push(j);
                }
            }
        }
        boxes.push(b);
    }
    let (cw, ch) = ((gw as f32 * CORNER) as usize, (gh as f32 * CORNER) as usize);
    // Which corner's quarter a box lies in wholly, if any: 0 top-left, 1 top-right, 2 bottom-left, 3
    // bottom-right.
    let corner_of = |b: &(usize, usize, usize, usize)| {
        let left = b.2 <= cw;
        let right = b.0 >= gw - cw;
        let top = b.3 <= ch;
        let bottom = b.1 >= gh - ch;
        match (left, right, top, bottom) {
            (true, _, true, _) => Some(0),
            (_, true, true, _) => Some(1),
            (true, _, _, true) => Some(2),
            (_, true, _, true) => Some(3),
            _ => None,
        }
    };
    // Something must be left besides corner blobs (the logo).
    if boxes.iter().all(|b| corner_of(b).is_some()) {
        return None;
    }
    let mut out = None::<Rgb>;
    for corner in 0..4 {
        let sticker = boxes.iter().filter(|b| corner_of(b) == Some(corner)).fold(
            None,
            |acc: Option<(usize, usize, usize, usize)>, b| {
                Some(acc.map_or(*b, |a| {
                    (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3))
                }))
            },
        );
        // A speck of noise is no sticker: at least 3% of the side across.
        let Some(s) = sticker.filter(|s| (s.2 - s.0).max(s.3 - s.1) * 100 >= 3 * gw.min(gh)) else {
            continue;
        };
        // Grown each way by a grid point and a JPEG block (the sticker's soft edge, and the ringing
        // a JPEG round trip leaves in the blocks round it), or by the grid point alone when the
        // wider box would reach the logo. Nothing else may lie in the box: it is painted whole.
        let grown = |grow: usize| {
            let (gx0, gy0) = (s.0.saturating_sub(grow), s.1.saturating_sub(grow));
            let (gx1, gy1) = ((s.2 + grow).min(gw), (s.3 + grow).min(gh));
            let foreign = (gy0..gy1).any(|y| {
                (gx0..gx1).any(|x| {
                    let l = label[y * gw + x];
                    l != usize::MAX && corner_of(&boxes[l]) != Some(corner)
                })
            });
            (!foreign).then_some((gx0, gy0, gx1, gy1))
        };
        let Some((gx0, gy0, gx1, gy1)) = grown(1 + 8usize.div_ceil(step)).or_else(|| grown(1))
        else {
            continue;
        };
        let (x0, y0) = (gx0 * step, gy0 * step);
        // The last grid point stands for the pixels up to the edge.
        let x1 = if gx1 == gw { w } else { gx1 * step };
        let y1 = if gy1 == gh { h } else { gy1 * step };
        let picture = out.get_or_insert_with(|| rgb.clone());
        for y in y0..y1 {
            for x in x0..x1 {
                let i = (y * w + x) * 3;
                for c in 0..3 {
                    picture.pixels[i + c] = background[c] as u8;
                }
            }
        }
    }
    out
}
