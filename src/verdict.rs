//! What a check returns: one JSON object per profile, the same shape for the CLI, the WASM API and
//! the extension.

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    /// own | allowed | name | handle | characters | label | script | input.
    pub signal: String,
    /// A sentence a reviewer can read.
    pub detail: String,
    /// The protected value compared against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chars: Option<Vec<CharEvidence>>,
    /// For labels: whether the label follows the platform's policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compliant: Option<bool>,
}

impl Evidence {
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
    pub id: String,
    pub verdict: Verdict,
    /// In [0, 1]: how strongly the profile resembles the matched account.
    pub score: f64,
    /// The protected account's id.
    #[serde(rename = "match")]
    pub matched: Option<String>,
    pub evidence: Vec<Evidence>,
}

/// A scan line for a profile that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorResult {
    pub id: Option<String>,
    pub line: usize,
    pub error: String,
}
