//! Avatar matching: decode a profile photo, hash it with PDQ, and compare it with protected avatars.

mod content;
mod dct_table;
pub(crate) mod decode;
pub(crate) mod index;
pub(crate) mod matcher;
pub(crate) mod pdq;
pub(crate) mod region;
mod sides;
mod sticker;
pub(crate) mod views;

#[cfg(test)]
mod drawn;
#[cfg(test)]
mod pdq_conformance;
#[cfg(test)]
mod region_tests;
#[cfg(test)]
mod transforms_tests;

pub(crate) use decode::decode;
pub use decode::Rgb;
pub use pdq::{Hashed, PdqHash};

/// PDQ of a picture as it is (no normalisation): what the reference tools compute.
pub fn pdq_of(rgb: &Rgb) -> Hashed {
    pdq_with_dct(rgb).map(|(h, _)| h).unwrap_or(Hashed {
        hash: PdqHash::default(),
        quality: 0,
    })
}

/// The hash and the DCT it came from (for dihedral variants); None for pictures under 5 pixels a side.
pub(crate) fn pdq_with_dct(rgb: &Rgb) -> Option<(Hashed, pdq::Dct16)> {
    let luma = pdq::luma_from_rgb(&rgb.pixels);
    let (dct, quality) = pdq::dct_from_luma(luma, rgb.height, rgb.width)?;
    Some((
        Hashed {
            hash: dct.hash(),
            quality,
        },
        dct,
    ))
}

/// Decode and hash image bytes.
pub fn hash_bytes(bytes: &[u8]) -> Result<Hashed, String> {
    Ok(pdq_of(&decode(bytes)?))
}
