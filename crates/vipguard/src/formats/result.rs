//! What a check returns: one JSON object per profile, the same shape for the CLI, the WASM API and
//! the extension.

use serde::{Deserialize, Serialize};

/// How strongly a profile resembles a protected account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Nothing resembles a protected account closely enough.
    Clear,
    /// Weaker evidence worth a reviewer's look.
    Suspicious,
    /// Strong, independent evidence of impersonation.
    Impersonation,
    /// Resembles a protected account but says it is parody, fan or commentary.
    Labelled,
    /// One of a protected account's official secondary accounts.
    Allowed,
    /// The protected account itself.
    Own,
}

impl Verdict {
    /// The lowercase word used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Clear => "clear",
            Verdict::Suspicious => "suspicious",
            Verdict::Impersonation => "impersonation",
            Verdict::Labelled => "labelled",
            Verdict::Allowed => "allowed",
            Verdict::Own => "own",
        }
    }
    /// Flagged for a reviewer.
    pub fn is_flag(self) -> bool {
        matches!(self, Verdict::Suspicious | Verdict::Impersonation)
    }
}

/// One character normalisation changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CharEvidence {
    /// The character itself.
    #[serde(rename = "char")]
    pub ch: String,
    /// "U+0406".
    pub codepoint: String,
    /// Unicode name, e.g. "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I".
    pub name: String,
    /// lookalike | invisible | blank | combining | diacritic | decoration | styled.
    pub action: String,
    /// What it was read as, when it was mapped rather than removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub looks_like: Option<String>,
    /// name | handle.
    pub field: String,
}

/// One piece of evidence: a signal and a sentence saying what was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    /// own | allowed | name | handle | characters | script | avatar | bio | intent | elements | label | input.
    pub signal: String,
    /// A sentence a reviewer can read.
    pub detail: String,
    /// The protected value compared against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protected: Option<String>,
    /// Name similarity, 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// Edit distance of a handle, or bits apart of an avatar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<usize>,
    /// The edits that turn the protected handle into the profile's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edit: Option<String>,
    /// Each changed character of the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chars: Option<Vec<CharEvidence>>,
    /// For labels: whether the label follows the platform's policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compliant: Option<bool>,
    /// For an avatar copy: the part of each picture that matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<AvatarRegion>,
}

/// Where an avatar copy matched, in the profile's picture and in the protected one (docs/avatars.md,
/// "The matched region").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AvatarRegion {
    /// The part of the profile's picture.
    pub profile: PictureArea,
    /// The part of the protected picture.
    pub protected: PictureArea,
    /// The profile's picture is the protected one mirrored.
    pub mirrored: bool,
    /// Some of the geometry was not kept by the match and is guessed (a border taken as even all
    /// round, a circle or box found on the picture taken as centred).
    pub approximate: bool,
    /// Rows left out of the comparison (a word across the middle), as shares of the area's height
    /// from its top.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band_left_out: Option<[f64; 2]>,
}

/// A box, or the circle inscribed in it, as shares (0 to 1) of a picture's width and height.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PictureArea {
    /// `box` or `circle`.
    pub shape: AreaShape,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// The shape of a [`PictureArea`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaShape {
    /// The box itself.
    Box,
    /// The circle inscribed in the box.
    Circle,
}

impl Evidence {
    /// Evidence of `signal` with the sentence `detail`.
    pub fn new(signal: &str, detail: impl Into<String>) -> Self {
        Evidence {
            signal: signal.into(),
            detail: detail.into(),
            ..Default::default()
        }
    }
}

/// The result for one profile: a line of `vipguard scan` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The profile's id.
    pub id: String,
    /// The verdict.
    pub verdict: Verdict,
    /// In [0, 1]: how strongly the profile resembles the matched account.
    pub score: f64,
    /// The protected account's id.
    #[serde(rename = "match")]
    pub matched: Option<String>,
    /// Why, signal by signal.
    pub evidence: Vec<Evidence>,
}

/// A scan line for a profile that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorResult {
    /// The line's `id`, when it could be read.
    pub id: Option<String>,
    /// The line in the input.
    pub line: usize,
    /// What was wrong.
    pub error: String,
}
