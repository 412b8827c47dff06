//! Where in each picture an avatar match lies, for the evidence picture a reviewer sees (issue 22).
//!
//! A match says which view of which edit met which reframing of the profile's picture; every one of
//! those is a centred geometric step, so the compared part of each picture can be worked back: the
//! profile's trimmed border, its reframe and the view on one side; the enrolled edit (a crop) and the
//! same view on the other. Regions are fractions (0–1) of each picture's width and height, assuming
//! square pictures, as avatars are served (the engine compares the centre square of any other).
//!
//! What the match does not keep is guessed, and the region is then marked approximate:
//! - trimming records only the border's share of the side (`Undone::border_pct`), not which sides it
//!   came from: it is taken as even all round (padding usually is);
//! - a round avatar found in a screenshot (`Reframe::Circle`) is at least 60% of the square near its
//!   middle, but where exactly is not kept: the circle inscribed in the trimmed square is given;
//! - a squeeze stretched back (`Reframe::Stretched`) and a logo's content box (`View::Content`) are
//!   boxes found on the picture and not kept: the trimmed square is given;
//! - a painted-out sticker (`Reframe::Unstickered`): the corner it was in is not kept either, and the
//!   painted corner is still inside the trimmed square given;
//! - on the protected side, the list keeps hashes only, so its own trimmed border is unknown: regions
//!   there are of its trimmed square, the whole picture for a photo without a border.
//!
//! Every region is centred (each step is), so mirroring does not move it; the evidence picture shows
//! the protected picture mirrored when the match was, so that the two look alike.

use super::matcher::AvatarMatch;
use super::views::{Reframe, Undone, Variant, View, BAND, TOP_SHARE};

/// A part of a picture: a box, or the circle (ellipse, on a picture that is not square) inscribed in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Area {
    /// The circle inscribed in the box rather than the box.
    pub(crate) round: bool,
    /// Left edge, as a share of the picture's width.
    pub(crate) x: f32,
    /// Top edge, as a share of the picture's height.
    pub(crate) y: f32,
    /// Width, as a share of the picture's width.
    pub(crate) w: f32,
    /// Height, as a share of the picture's height.
    pub(crate) h: f32,
}

/// The matched part of the profile's picture and of the protected one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Regions {
    pub(crate) profile: Area,
    pub(crate) protected: Area,
    /// Some step's geometry was not kept by the match and was guessed (see the module's notes).
    pub(crate) approximate: bool,
    /// The middle band (a share of the region's height, from its top) left out of the comparison:
    /// the `band` view, which undoes a word written across the middle.
    pub(crate) band_left_out: Option<(f32, f32)>,
}

/// A square inside the unit square, as (left, top, side): every step keeps the picture square.
type Square = (f32, f32, f32);

fn inset(s: Square, share: f32) -> Square {
    (
        s.0 + s.2 * share,
        s.1 + s.2 * share,
        s.2 * (1.0 - 2.0 * share),
    )
}

/// The part of square `s` a view compares.
fn in_view(s: Square, view: View) -> Area {
    let (x, y, side) = s;
    let area = |round, h| Area {
        round,
        x,
        y,
        w: side,
        h,
    };
    match view {
        View::Full | View::Band | View::Content => area(false, side),
        View::Circle => area(true, side),
        View::Top => area(false, side * TOP_SHARE),
    }
}

/// The matched part of each picture, undoing what the match and normalisation know (see the module's
/// notes for what is guessed).
pub(crate) fn matched_regions(m: &AvatarMatch, undone: &Undone) -> Regions {
    let whole: Square = (0.0, 0.0, 1.0);
    let mut approximate = matches!(
        m.reframe,
        Reframe::Circle | Reframe::Stretched | Reframe::Unstickered | Reframe::AroundWord
    ) || m.view == View::Content;
    // Profile side: the border trimmed (an untrimmed reference met the untrimmed square, as the
    // evidence sentence has it), then the reframe.
    // Which sides the border came off is not kept, nor, for an untrimmed reference, whether the
    // profile's trimmed or untrimmed square met it (both are its `full` view).
    approximate |= undone.border_pct > 0;
    let trimmed = if undone.border_pct > 0 && m.variant != Variant::Untrimmed {
        inset(whole, undone.border_pct as f32 / 200.0)
    } else {
        whole
    };
    let reframed = match m.reframe {
        Reframe::Inset(p) => inset(trimmed, p as f32 / 100.0),
        Reframe::None
        | Reframe::Stretched
        | Reframe::Unstickered
        | Reframe::Circle
        | Reframe::AroundWord => trimmed,
    };
    let mut profile = in_view(reframed, m.view);
    if m.reframe == Reframe::Circle {
        profile.round = true;
    }
    // Protected side: the edit replayed at enrolment. A turn is compared on the circle, which the
    // turn leaves in place.
    let edited = match m.variant {
        Variant::Crop(p) => inset(whole, p as f32 / 100.0),
        Variant::Plain
        | Variant::Rotate(_)
        | Variant::TurnedWhole(_)
        | Variant::Thumbnail
        | Variant::Untrimmed => whole,
    };
    Regions {
        profile,
        protected: in_view(edited, m.view),
        approximate,
        band_left_out: (m.view == View::Band).then_some(BAND),
    }
}
