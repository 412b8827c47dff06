pub mod error;
pub mod normalize;
pub mod platform;
pub mod profile;
pub mod protected;
