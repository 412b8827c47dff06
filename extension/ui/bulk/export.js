// The bulk page's "Export results (CSV)": its columns and each row's cells. Apart from the page (which adds
// the byte-order mark and downloads it, ui/page.js downloadCsv) so that tests/unit/bulk-export.test.mjs can
// run it in Node: that test writes the sheet this code makes for crafted rows and keeps it as the fixture
// the command line reads back (crates/vipguard/tests/fixtures/bulk-export.csv, `vipguard scan`
// reads it as profiles: crates/vipguard/src/formats/profile.rs, `BULK_EXPORT_READ` and `BULK_EXPORT_IGNORED`), so the two
// cannot drift apart.

/** The export's columns, in order: the input's own id and address, so results join back to the sheet. */
export const EXPORT_COLUMNS = ['line', 'source_id', 'source_url', 'profile_url', 'platform', 'handle', 'display_name', 'verdict', 'match',
  'match_name', 'score', 'reviewer_cleared', 'notes', 'evidence'];

/**
 * The page's rows ({line, sourceId, url, platform, handle, name, verdict, match, matchName, score, cleared,
 * notes, error, evidence}) as the export's cells; `profileUrl(platform, handle)` is the site catalogue's.
 */
export function exportRows(rows, profileUrl) {
  return rows.map((r) => ({
    line: r.line, source_id: r.sourceId, source_url: r.url, profile_url: r.handle ? profileUrl(r.platform, r.handle) || '' : '',
    platform: r.platform, handle: r.handle, display_name: r.name, verdict: r.verdict, match: r.match,
    match_name: r.matchName, score: r.score == null ? '' : r.score.toFixed(2), reviewer_cleared: r.cleared ? 'yes' : '',
    notes: r.notes.join(' '), evidence: r.error || r.evidence.map((e) => e.detail).join(' | '),
  }));
}
