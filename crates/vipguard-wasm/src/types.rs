//! The TypeScript declarations of the package (pkg/vipguard.d.ts) and the typed handles the exported
//! functions take and return, so the extension's editor knows each shape.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A platform account: `{"platform": "x", "handle": "AlikoDangote"}`. */
export interface HandleRef { platform: string; handle: string }
/** A protected avatar: its hashes, as `vipguard enroll` or `enrollImage` writes them. */
export interface AvatarHash { pdq: string; refs?: string[] }
export interface Account {
  id: string;
  name: string;
  /** A brand's handle that spells two words of its name is matched as far as a one-word brand's. */
  kind?: "brand" | "person";
  aliases?: string[];
  handles?: HandleRef[];
  official?: HandleRef[];
  /** Image paths are only readable by the CLI: in the browser, enroll pictures to hashes first. */
  avatars?: (AvatarHash | string)[];
  /** The account's own web sites (`metamask.io`): a profile linking to a lookalike of one is evidence. */
  links?: string[];
}
export interface ProtectedList { accounts: Account[] }
export interface Profile {
  id: string;
  platform: string;
  handle: string;
  name: string;
  bio?: string | null;
  /** Ignored here (the CLI reads it as a file path): pass the avatar's `query` to `check` instead. */
  avatar?: string | null;
  /** Web addresses the profile shows besides its bio (its web site field). */
  links?: string[];
}
export type VerdictWord = "own" | "allowed" | "labelled" | "impersonation" | "suspicious" | "clear";
export interface CharEvidence {
  char: string;
  codepoint: string;
  name: string;
  action: "lookalike" | "invisible" | "blank" | "filler" | "combining" | "diacritic" | "decoration" | "styled" | "reversal";
  looks_like?: string;
  field: string;
}
export interface Evidence {
  signal: string;
  detail: string;
  protected?: string;
  similarity?: number;
  distance?: number;
  edit?: string;
  chars?: CharEvidence[];
  compliant?: boolean;
  region?: AvatarRegion;
}
/** A box, or the circle inscribed in it, as shares (0 to 1) of a picture's width and height. */
export interface PictureArea { shape: "box" | "circle"; x: number; y: number; w: number; h: number }
/** Where an avatar copy matched in each picture (docs/avatars.md, "The matched region"). */
export interface AvatarRegion {
  profile: PictureArea;
  protected: PictureArea;
  mirrored: boolean;
  approximate: boolean;
  band_left_out?: [number, number];
}
/** One line of `vipguard scan` output. */
export interface CheckResult {
  id: string;
  verdict: VerdictWord;
  score: number;
  match: string | null;
  evidence: Evidence[];
}
/** A profile that could not be read, as `vipguard scan` reports it. */
export interface ErrorResult { id: string | null; line: number; error: string }
/** `pdq`: plain PDQ (as Meta's tools print it); `query`: the hashes `check` matches on, cacheable. */
export interface ImageHash { pdq: string; quality: number; query: string }
export interface ListSummary {
  accounts: number;
  aliases: number;
  handles: number;
  official: number;
  avatars: number;
  /** Accounts enrolled by an older vipguard: enrol the list again from its pictures. */
  toEnrolAgain: number;
  /** Accounts whose names share no word, enrolled with the same picture: groups of ids. */
  sharedPictures: string[][];
}
/** What the options page warns of for the list in use (ListSummary's last two fields). */
export interface ListWarnings { toEnrolAgain: number; sharedPictures: string[][] }
/** A list's problem: `message` in English (the CLI's), and where known `code` and `args`, the same
 * problem for wording in another language (codes: vipguard's InputError). */
export interface ListError { message: string; line: number | null; field: string | null; code?: string; args?: string[] }
/** Rows of a profiles file: the ones read, and an error (with its line) for each one that was not. */
/** A profile line that could not be read: the CLI's message, and its field, code and args (InputError). */
export interface RowError { id?: string; line: number; error: string; field: string | null; code?: string; args?: string[] }
/** `stopped`: why a file that cannot be read at all (a missing column, a quote never closed) was refused. */
export interface ProfilesRead { profiles: Profile[]; lines: number[]; errors: RowError[]; stopped?: RowError }
/** `ok` with the list as read and its summary, or its problems with their lines and fields: `error`
 * the first, `errors` all of them (up to 100), `errorCount` how many there were. */
export type ListCheck =
  | { ok: true; list: ProtectedList; summary: ListSummary }
  | { ok: false; error: ListError; errors: ListError[]; errorCount: number };
/** A chosen file's text (its UTF-8 byte-order mark dropped), or where its first byte that is not UTF-8
 * is: `not_utf8`, with the byte in hex and its column as `args`. */
export type Decoded = { source: string } | { error: ListError };
/** A shared decision, as a signed list's payload holds it (platform canonical, handle without `@`). */
export interface Decision { platform: string; handle: string; decision: "not_impersonator" | "confirmed"; by: string; at: string; note?: string; match: string | null }
/** A signed list's payload read by `readFeedPayload`: its fields, its list still JSON text (check it with
 * `checkList`), or its problems as `checkList` gives a list's. */
export type FeedPayloadRead =
  | { ok: true; name: string; version: number; date: string; decisions: Decision[]; list: string }
  | { ok: false; errors: ListError[]; errorCount: number };
/** The limits both sides apply to shared decisions (docs/feed.md). */
export interface FeedLimits { reviewerId: number; note: number; clockSkewSeconds: number }
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "ProtectedList | string")]
    pub type ListInput;
    #[wasm_bindgen(typescript_type = "Profile")]
    pub type ProfileInput;
    #[wasm_bindgen(typescript_type = "Profile[]")]
    pub type ProfilesInput;
    #[wasm_bindgen(typescript_type = "(string | null | undefined)[]")]
    pub type QueriesInput;
    #[wasm_bindgen(typescript_type = "CheckResult")]
    pub type CheckResultOut;
    #[wasm_bindgen(typescript_type = "(CheckResult | ErrorResult)[]")]
    pub type CheckResultsOut;
    #[wasm_bindgen(typescript_type = "ImageHash")]
    pub type ImageHashOut;
    #[wasm_bindgen(typescript_type = "AvatarHash")]
    pub type AvatarHashOut;
    #[wasm_bindgen(typescript_type = "ListCheck")]
    pub type ListCheckOut;
    #[wasm_bindgen(typescript_type = "ProfilesRead")]
    pub type ProfilesReadOut;
    #[wasm_bindgen(typescript_type = "Decoded")]
    pub type DecodedOut;
    #[wasm_bindgen(typescript_type = "ListWarnings")]
    pub type ListWarningsOut;
    #[wasm_bindgen(typescript_type = "FeedPayloadRead")]
    pub type FeedPayloadOut;
    #[wasm_bindgen(typescript_type = "FeedLimits")]
    pub type FeedLimitsOut;
    #[wasm_bindgen(typescript_type = "Account | undefined")]
    pub type AccountOut;
}
