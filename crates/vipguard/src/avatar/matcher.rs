//! Avatar references and matching.
//!
//! A protected avatar is enrolled as several reference hashes: each view (whole, circle, upper part) of
//! the picture, of its centre with 5% and 10% cut from each side (a copy cropped a little), each also
//! mirrored. A profile's avatar is hashed in the same views once; a view only meets the same view.
//! Thresholds are per view and were chosen on the dev half of the avatar benchmark (docs/avatars.md).

use super::pdq::PdqHash;
use super::views::{content_view, prepare_variant, Reframe, Undone, Variant, View, INSETS, VIEWS};
use super::Rgb;
use std::borrow::Cow;

/// Edits replayed on each protected avatar at enrolment, with the views each is hashed in (each also
/// mirrored). Rotations are compared on the circle, which leaves out the corners a turn fills in.
pub const VARIANTS: [(Variant, &[View]); 8] = [
    (Variant::Plain, &VIEWS),
    (Variant::Crop(5), &CROP_VIEWS),
    (Variant::Crop(10), &CROP_VIEWS),
    (Variant::TurnedWhole(3), &TURN_VIEWS),
    (Variant::TurnedWhole(-3), &TURN_VIEWS),
    (Variant::TurnedWhole(5), &TURN_VIEWS),
    (Variant::TurnedWhole(-5), &TURN_VIEWS),
    (Variant::Thumbnail, &[View::Full, View::Circle]),
];
/// Pairs of references where the second was added to enrolment after the first: an avatar holding the
/// first without the second was enrolled by an older vipguard, and misses the copies the second finds
/// until it is enrolled again. Enrolment writes both of a pair or neither (each pair is hashed from one
/// prepared picture of one size; `fresh_enrolment_writes_both_of_each_pair` checks), so the first alone
/// is the telltale of an older enrolment (the first of the last pair is no longer written: the second
/// replaced it). Changes that left no such telltale (the content box, the
/// untrimmed disc: written only for some pictures, with no older reference beside them) are not here.
const ADDED_LATER: [((View, Variant), (View, Variant)); 3] = [
    // 2026-12-05, tints: a logo's untrimmed square hashed whole beside its disc.
    (
        (View::Circle, Variant::Untrimmed),
        (View::Full, Variant::Untrimmed),
    ),
    // 2026-12-04, hard edits: turns of ±5° beside those of ±3° (with the band view).
    (
        (View::Circle, Variant::Rotate(3)),
        (View::Circle, Variant::Rotate(5)),
    ),
    // 2026-12-06, turns: the whole picture turned, then trimmed, in place of the trimmed square turned
    // (an older enrolment holds the turned square, `r3`, and no turned whole, `rw3`).
    (
        (View::Circle, Variant::Rotate(3)),
        (View::Circle, Variant::TurnedWhole(3)),
    ),
];

/// Whether an avatar's references (their text form, as a list holds them) were written by an older
/// enrolment: the first of an `ADDED_LATER` pair without the second. A reference that does not parse
/// is left out (the list parser reports it).
pub(crate) fn enrolled_by_older_version(refs: &[String]) -> bool {
    let kinds: Vec<(View, Variant)> = refs
        .iter()
        .filter_map(|r| {
            let mut parts = r.split(':');
            Some((parse_view(parts.next()?)?, Variant::parse(parts.next()?)?))
        })
        .collect();
    ADDED_LATER
        .iter()
        .any(|(older, later)| kinds.contains(older) && !kinds.contains(later))
}
/// A turned copy is met in these views.
const TURN_VIEWS: [View; 2] = [View::Circle, View::Full];
/// A cropped copy is met in these views; a word across a cropped copy is left to the uncropped band.
const CROP_VIEWS: [View; 3] = [View::Full, View::Circle, View::Top];
/// Hashes below this quality are too flat to trust (Meta's guidance).
pub(crate) const MIN_QUALITY: u8 = 50;

/// Largest distance still read as the same picture, per view. The circle and the upper part hold less
/// of the picture, so they are held to a tighter bound.
pub(crate) fn threshold(view: View) -> u32 {
    match view {
        View::Full => 31,
        View::Circle => 31,
        View::Top => 31,
        View::Band => 31,
        View::Content => 31,
    }
}

/// One reference hash of a protected avatar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefHash {
    pub view: View,
    pub variant: Variant,
    pub mirrored: bool,
    pub hash: PdqHash,
    pub quality: u8,
}

/// All reference hashes of one protected avatar picture. The mirror is hashed from the mirrored
/// picture: PDQ's box filter and sampling are not exactly symmetric, so reading it from the DCT drifts.
pub fn reference_hashes(rgb: &Rgb) -> Vec<RefHash> {
    let mirrored = mirror(rgb);
    let mut out = Vec::with_capacity(32);
    for (is_mirror, picture) in [(false, rgb), (true, &mirrored)] {
        for (variant, views) in VARIANTS {
            let prepared = prepare_variant(picture, variant);
            for &view in views {
                if let Some((dct, quality)) = prepared.dct(view) {
                    out.push(RefHash {
                        view,
                        variant,
                        mirrored: is_mirror,
                        hash: dct.hash(),
                        quality,
                    });
                }
            }
        }
        let luma = super::pdq::luma_from_rgb(&picture.pixels);
        // The untrimmed square's disc, when trimming took a margin off (a logo on a flat background):
        // what a screenshot of its round avatar, or a round crop of it, shows.
        if super::views::trim(picture) != (0, picture.height, 0, picture.width) {
            // Also whole (issue 22, tints): a filter that darkens the margin (a vignette) or moves
            // its edge (sepia, faded contrast) leaves the query trimmed otherwise than the reference.
            let whole = super::views::prepare_with_luma(picture, &luma, Variant::Untrimmed);
            for view in [View::Circle, View::Full] {
                if let Some((dct, quality)) = whole.dct(view) {
                    out.push(RefHash {
                        view,
                        variant: Variant::Untrimmed,
                        mirrored: is_mirror,
                        hash: dct.hash(),
                        quality,
                    });
                }
            }
        }
        // A logo's content box, on its own background (None for a photo).
        if let Some(boxed) = content_view(&luma, picture.width, picture.height) {
            if let Some((dct, quality)) = boxed.dct(View::Content) {
                out.push(RefHash {
                    view: View::Content,
                    variant: Variant::Plain,
                    mirrored: is_mirror,
                    hash: dct.hash(),
                    quality,
                });
            }
        }
    }
    out
}

fn mirror(rgb: &Rgb) -> Rgb {
    let mut pixels = Vec::with_capacity(rgb.pixels.len());
    for row in rgb.pixels.chunks_exact(rgb.width * 3) {
        for px in row.chunks_exact(3).rev() {
            pixels.extend_from_slice(px);
        }
    }
    Rgb {
        width: rgb.width,
        height: rgb.height,
        pixels,
    }
}

impl RefHash {
    /// Compact text form for protected lists: `view:variant:mirror:quality:hex`, e.g.
    /// `circle:5:m:97:f8f8…` (variant `0` plain, `5`/`10` cropped that percent a side, `rw3`/`rw-3`
    /// the whole picture turned, `r3` the trimmed square turned (older lists), `t48` thumbnail, `u`
    /// untrimmed; `m` mirrored, `n` not).
    pub fn encode(&self) -> String {
        let view = view_code(self.view);
        let m = if self.mirrored { "m" } else { "n" };
        format!(
            "{view}:{}:{m}:{}:{}",
            self.variant.code(),
            self.quality,
            self.hash.to_hex()
        )
    }

    /// Read the text form written by [`RefHash::encode`]. `Ok(None)`: a well-formed reference of a
    /// view or edit this version does not know. A newer enrolment adds kinds (the turned whole did,
    /// 2026-12-06), and a team's list feed is enrolled by whichever vipguard its lead runs: an older
    /// reader skips the new kinds and matches with the rest, rather than refuse the whole list. What
    /// is not of the form at all is still an error.
    pub fn parse(s: &str) -> Result<Option<RefHash>, String> {
        let bad = || format!("{s:?} is not a reference hash (view:variant:m|n:quality:64 hex)");
        let parts: Vec<&str> = s.split(':').collect();
        let [view, variant, m, quality, hex] = parts.as_slice() else {
            return Err(bad());
        };
        let mirrored = match *m {
            "m" => true,
            "n" => false,
            _ => return Err(bad()),
        };
        let quality = quality
            .parse::<u8>()
            .ok()
            .filter(|q| *q <= 100)
            .ok_or_else(bad)?;
        let hash = PdqHash::from_hex(hex).map_err(|_| bad())?;
        match (parse_view(view), Variant::parse(variant)) {
            (Some(view), Some(variant)) => Ok(Some(RefHash {
                view,
                variant,
                mirrored,
                quality,
                hash,
            })),
            (v, r)
                if newer_kind(view, v.is_some(), VIEW_CODES)
                    && newer_kind(variant, r.is_some(), &[]) =>
            {
                Ok(None)
            }
            _ => Err(bad()),
        }
    }
}

/// A profile avatar's hashes, one per view, and what normalisation undid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryHashes {
    /// Each view of the picture (whole, circle, upper part) with its hash and quality.
    pub views: Vec<(View, PdqHash, u8)>,
    /// The picture reframed (its centre, or stretched back to a square), each in some views.
    pub reframed: Vec<(Reframe, View, PdqHash, u8)>,
    /// What normalisation undid before hashing (borders trimmed, a round crop), for the evidence.
    pub undone: Undone,
}

impl QueryHashes {
    /// Every hash to search with: the views as they are, then the reframed ones.
    pub fn all(&self) -> impl Iterator<Item = (Reframe, View, PdqHash, u8)> + '_ {
        self.views
            .iter()
            .map(|&(v, h, q)| (Reframe::None, v, h, q))
            .chain(self.reframed.iter().copied())
    }
}

impl QueryHashes {
    /// Compact text form, so a browser can cache an avatar's hashes by URL:
    /// `q1;<border %>;<r|s>;<view>:<quality>:<hex>;…` (r round, s square).
    pub fn encode(&self) -> String {
        let mut s = format!(
            "q1;{};{}",
            self.undone.border_pct,
            if self.undone.round { "r" } else { "s" }
        );
        for (reframe, view, hash, quality) in self.all() {
            let tag = match reframe {
                Reframe::None => String::new(),
                r => format!("~{}", r.code()),
            };
            s.push_str(&format!(
                ";{}{tag}:{quality}:{}",
                view_code(view),
                hash.to_hex()
            ));
        }
        s
    }

    /// Read the text form written by [`QueryHashes::encode`].
    pub fn parse(s: &str) -> Result<QueryHashes, String> {
        let bad = || format!("{s:?} is not an avatar query (q1;border;r|s;view:quality:hex…)");
        let mut parts = s.split(';');
        if parts.next() != Some("q1") {
            return Err(bad());
        }
        let border_pct = parts
            .next()
            .and_then(|b| b.parse().ok())
            .filter(|b| *b <= 100)
            .ok_or_else(bad)?;
        let round = match parts.next() {
            Some("r") => true,
            Some("s") => false,
            _ => return Err(bad()),
        };
        let (mut views, mut reframed) = (Vec::new(), Vec::new());
        for p in parts {
            let [view, quality, hex] = p.split(':').collect::<Vec<_>>()[..] else {
                return Err(bad());
            };
            let (view, reframe) = match view.split_once('~') {
                Some((v, r)) => (
                    v,
                    Reframe::parse(r)
                        .filter(|r| *r != Reframe::None)
                        .ok_or_else(bad)?,
                ),
                None => (view, Reframe::None),
            };
            let view = parse_view(view).ok_or_else(bad)?;
            let quality: u8 = quality.parse().ok().filter(|q| *q <= 100).ok_or_else(bad)?;
            let hash = PdqHash::from_hex(hex).map_err(|_| bad())?;
            match reframe {
                Reframe::None => views.push((view, hash, quality)),
                r => reframed.push((r, view, hash, quality)),
            }
        }
        Ok(QueryHashes {
            views,
            reframed,
            undone: Undone { border_pct, round },
        })
    }
}

fn view_code(v: View) -> &'static str {
    match v {
        View::Full => "full",
        View::Circle => "circle",
        View::Top => "top",
        View::Band => "band",
        View::Content => "box",
    }
}

const VIEW_CODES: &[&str] = &["full", "circle", "top", "band", "box"];

/// Whether a reference's view or edit `code` (`known` when this version reads it) may be one a newer
/// enrolment writes: known, or written as codes are (`circle`, `rw3`, `t48`, `r-5`), with a letter
/// (a number alone is a crop, and one out of range is damage), and not one edit from a code of
/// `codes` (`fulll`, `cirlce` are typos, not new views).
fn newer_kind(code: &str, known: bool, codes: &[&str]) -> bool {
    let written_as_codes = (1..=12).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && code.bytes().any(|b| b.is_ascii_lowercase());
    let typo = codes
        .iter()
        .any(|c| one_edit(code.as_bytes(), c.as_bytes()));
    known || (written_as_codes && !typo)
}

/// Whether `a` is `b` with one letter changed, added, dropped, or two neighbours swapped (the avatar
/// layer keeps to itself: `text::edit` is above it).
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let lead = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[lead..], &b[lead..]);
    match b.len() - a.len() {
        0 => {
            a.len() <= 1
                || a[1..] == b[1..]
                || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        1 => a == &b[1..],
        _ => false,
    }
}

fn parse_view(s: &str) -> Option<View> {
    Some(match s {
        "full" => View::Full,
        "circle" => View::Circle,
        "top" => View::Top,
        "band" => View::Band,
        "box" => View::Content,
        _ => return None,
    })
}

/// Pictures up to this many pixels get the views made from a whole copy of the picture (a squeeze
/// inside padding undone, a corner sticker painted out). Avatars as the sites serve them are far
/// smaller (400 to 1080 pixels a side); a larger picture would double a query's time and memory for
/// them (a 4096² picture: 1.7 to 3.5 s and 217 to 445 MB, issue 24's avatar bombs).
const WHOLE_COPY_MAX_PIXELS: usize = 1200 * 1200;

fn small_enough(rgb: &Rgb) -> bool {
    rgb.width * rgb.height <= WHOLE_COPY_MAX_PIXELS
}

/// The hashes a profile picture is searched with: normalised, then hashed in each view.
pub fn query_hashes(rgb: &Rgb) -> QueryHashes {
    QueryInSteps::new(Cow::Borrowed(rgb), false).finish().1
}

/// The plain PDQ (what Meta's tools print) and the query hashes of one picture, converting it to luma
/// once for both.
pub fn plain_and_query(rgb: &Rgb) -> (super::Hashed, QueryHashes) {
    QueryInSteps::new(Cow::Borrowed(rgb), true).finish()
}

/// Views reframed pictures are hashed in: an inset is compared as a whole and on its circle (a photo
/// set in a page is round more often than not); a stretched one in every view.
const INSET_VIEWS: [View; 2] = [View::Full, View::Circle];
/// Views a squeezed logo, stretched back inside its outer padding, is hashed in.
const UNSQUEEZED_VIEWS: [View; 2] = [View::Full, View::Circle];
/// Views a logo with its corner sticker painted out is hashed in.
const UNSTICKERED_VIEWS: [View; 2] = [View::Full, View::Circle];

/// A picture's plain PDQ and query hashes worked out a step at a time, so that a caller with one thread
/// (the extension's worker, which every tab's checks wait for) can let other work run between steps: in
/// a worker V8 has just started, the whole picture took over 100 ms at a stretch.
pub struct QueryInSteps<'a> {
    rgb: Cow<'a, Rgb>,
    with_plain: bool,
    luma: Vec<f32>,
    trimmed: super::views::TrimBox,
    /// The box inside the outer padding alone (`views::trim_and_outer`).
    outer: super::views::TrimBox,
    prepared: Option<super::views::Prepared>,
    plain: super::Hashed,
    done: usize,
    out: QueryHashes,
}

impl<'a> QueryInSteps<'a> {
    /// Nothing computed yet; `with_plain`: also the plain PDQ (`finish` gives a zero hash otherwise).
    /// The picture borrowed, or owned by a caller that keeps the steps between calls.
    pub fn new(rgb: Cow<'a, Rgb>, with_plain: bool) -> Self {
        QueryInSteps {
            rgb,
            with_plain,
            luma: Vec::new(),
            trimmed: (0, 0, 0, 0),
            outer: (0, 0, 0, 0),
            prepared: None,
            plain: super::Hashed {
                hash: PdqHash::default(),
                quality: 0,
            },
            done: 0,
            out: QueryHashes {
                views: Vec::new(),
                reframed: Vec::new(),
                undone: Default::default(),
            },
        }
    }

    /// Does the next step; false once there is none left.
    pub fn step(&mut self) -> bool {
        let hash =
            |p: &super::views::Prepared, v: View| p.dct(v).map(|(dct, q)| (v, dct.hash(), q));
        match self.done {
            // Luma, and the plain PDQ of the whole picture.
            0 => {
                self.luma = super::pdq::luma_from_rgb(&self.rgb.pixels);
                if self.with_plain {
                    if let Some((dct, quality)) = super::pdq::dct_from_luma(
                        self.luma.clone(),
                        self.rgb.height,
                        self.rgb.width,
                    ) {
                        self.plain = super::Hashed {
                            hash: dct.hash(),
                            quality,
                        };
                    }
                }
            }
            // Trimmed, squared, and hashed in each view.
            1 => {
                (self.trimmed, self.outer) = super::views::trim_and_outer(&self.rgb);
                let prepared =
                    super::views::prepare_in(&self.rgb, &self.luma, self.trimmed, Variant::Plain);
                self.out.views = VIEWS.iter().filter_map(|&v| hash(&prepared, v)).collect();
                // The untrimmed square too, when trimming took something: a tint can move where a
                // logo's margin ends, and it meets the reference's untrimmed square (`u`).
                if self.trimmed != (0, self.rgb.height, 0, self.rgb.width) {
                    let whole = super::views::prepare_in(
                        &self.rgb,
                        &self.luma,
                        (0, self.rgb.height, 0, self.rgb.width),
                        Variant::Untrimmed,
                    );
                    self.out.views.extend(hash(&whole, View::Full));
                }
                // A word across a logo that reaches into its margin: trimmed around the word, and
                // compared without the middle band.
                let around = super::views::trim_around_word(&self.rgb);
                if around != self.trimmed {
                    let p = super::views::prepare_in(&self.rgb, &self.luma, around, Variant::Plain);
                    if let Some((v, h, q)) = hash(&p, View::Band) {
                        self.out.reframed.push((Reframe::AroundWord, v, h, q));
                    }
                }
                self.out.undone = prepared.undone;
                self.prepared = Some(prepared);
            }
            // Insets: a few percent, and the edge of any padding found.
            2 => {
                let prepared = self.prepared.as_ref().expect("prepared in step 1");
                let side = prepared.side() as f32;
                let cuts = INSETS
                    .iter()
                    .map(|&p| p * side / 100.0)
                    .chain(prepared.padding_edge());
                for cut in cuts {
                    let inset = prepared.inset_by(cut);
                    let pct = (cut * 100.0 / side).round() as u8;
                    for v in INSET_VIEWS {
                        if let Some((v, h, q)) = hash(&inset, v) {
                            self.out.reframed.push((Reframe::Inset(pct), v, h, q));
                        }
                    }
                }
            }
            // A round avatar found in a screenshot.
            3 => {
                let prepared = self.prepared.as_ref().expect("prepared in step 1");
                for found in prepared.found_circle() {
                    if let Some((v, h, q)) = hash(&found, View::Circle) {
                        self.out.reframed.push((Reframe::Circle, v, h, q));
                    }
                }
            }
            // A squeeze undone.
            4 => {
                if let Some(stretched) =
                    super::views::stretched(&self.rgb, &self.luma, self.trimmed)
                {
                    for v in VIEWS {
                        if let Some((v, h, q)) = hash(&stretched, v) {
                            self.out.reframed.push((Reframe::Stretched, v, h, q));
                        }
                    }
                }
                // Padding of another colour than the logo's own background: the padding's box is
                // stretched back, then trimmed and squared as any picture.
                let outer = self.outer;
                if outer != self.trimmed && small_enough(&self.rgb) {
                    if let Some(picture) = super::views::unsqueezed_picture(&self.rgb, outer) {
                        let prepared = super::views::prepare_variant(&picture, Variant::Plain);
                        for v in UNSQUEEZED_VIEWS {
                            if let Some((v, h, q)) = hash(&prepared, v) {
                                self.out.reframed.push((Reframe::Stretched, v, h, q));
                            }
                        }
                    }
                }
            }
            // A logo's content box, whatever background is round it now.
            5 => {
                let (w, h) = (self.rgb.width, self.rgb.height);
                if let Some(found) = super::content::find(&self.luma, w, h) {
                    let boxed =
                        super::views::boxed_view(super::content::square(&self.luma, w, &found));
                    if let Some(found) = hash(&boxed, View::Content) {
                        self.out.views.push(found);
                    }
                    for factors in UNSQUEEZE {
                        let stretched =
                            super::views::content_stretched(&self.luma, w, &found, factors);
                        if let Some((v, h, q)) = hash(&stretched, View::Content) {
                            self.out.reframed.push((Reframe::Stretched, v, h, q));
                        }
                    }
                }
            }
            // A sticker in a corner of a logo painted out, and the logo trimmed again.
            6 => {
                if let Some(painted) = small_enough(&self.rgb)
                    .then(|| super::sticker::painted_out(&self.rgb))
                    .flatten()
                {
                    let luma = super::pdq::luma_from_rgb(&painted.pixels);
                    let trimmed = super::views::trim(&painted);
                    let prepared =
                        super::views::prepare_in(&painted, &luma, trimmed, Variant::Plain);
                    for v in UNSTICKERED_VIEWS {
                        if let Some((v, h, q)) = hash(&prepared, v) {
                            self.out.reframed.push((Reframe::Unstickered, v, h, q));
                        }
                    }
                }
            }
            _ => return false,
        }
        self.done += 1;
        self.done <= 6
    }

    /// The plain PDQ and the query hashes, every step done first.
    pub fn finish(mut self) -> (super::Hashed, QueryHashes) {
        while self.step() {}
        (self.plain, self.out)
    }
}

/// Squeezes undone on a logo's content box, as stretches along x and y: a logo padded in its own
/// background colour does not show how much it was squeezed, so two ratios a few percent apart, each
/// axis (chosen on the dev half: 0.8 alone, or 0.82 and 0.88, found fewer of the squeezed copies; the
/// ratio the outer padding shows, where it differs in colour, found none more).
const UNSQUEEZE: [(f32, f32); 4] = [
    (1.0 / 0.78, 1.0),
    (1.0, 1.0 / 0.78),
    (1.0 / 0.84, 1.0),
    (1.0, 1.0 / 0.84),
];

/// The closest agreement between a query and one protected avatar's references.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AvatarMatch {
    pub distance: u32,
    pub view: View,
    pub variant: Variant,
    pub mirrored: bool,
    /// How the profile's picture was reframed to meet the reference.
    pub reframe: Reframe,
}

impl AvatarMatch {
    /// Distance relative to its view's threshold: lower is stronger, at most 1 for a match.
    pub fn margin(&self) -> f32 {
        self.distance as f32 / threshold(self.view) as f32
    }
}

/// Compare a query with one avatar's references; a match only where both hashes are trustworthy.
#[cfg(any(test, feature = "internals"))]
pub fn best_match(query: &QueryHashes, refs: &[RefHash]) -> Option<AvatarMatch> {
    let mut best: Option<AvatarMatch> = None;
    for (reframe, view, hash, quality) in query.all() {
        if quality < MIN_QUALITY {
            continue;
        }
        for r in refs
            .iter()
            .filter(|r| r.view == view && r.quality >= MIN_QUALITY)
        {
            let distance = hash.distance(&r.hash);
            if distance <= threshold(view) {
                let m = AvatarMatch {
                    distance,
                    view,
                    variant: r.variant,
                    mirrored: r.mirrored,
                    reframe,
                };
                if best.is_none_or(|b| m.margin() < b.margin()) {
                    best = Some(m);
                }
            }
        }
    }
    best
}
