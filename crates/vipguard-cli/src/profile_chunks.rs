//! A profiles file read a chunk of lines at a time, so that `scan` holds a chunk, never the whole
//! file: JSONL streamed from the file (a chunk's lines parsed by whichever core checks them), CSV read
//! whole (quoted cells may span lines, and the reader guesses the separator from the whole sheet) and
//! handed out in chunks. Line numbers, blank lines and errors are those of
//! `vipguard::read_profiles_bytes`.

use crate::files::{not_text_error, open_input, read_input, unreadable, MAX_TEXT_BYTES};
use rayon::prelude::*;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use vipguard::{read_jsonl_line, read_profiles_bytes, InputError, ProfileLine};

/// Profile lines per chunk: enough for both cores to share (tens of milliseconds of checks), few enough
/// that a chunk's profiles and results are a few megabytes.
pub(crate) const CHUNK_LINES: usize = 8192;

/// How much is read from the file at a time.
const READ_BYTES: usize = 1 << 20;

/// Profile lines in file order: a JSONL file's raw lines (their numbers and where they are in `text`),
/// or rows already read.
pub(crate) enum Chunk<'a> {
    Lines {
        text: &'a [u8],
        source: &'a str,
        lines: Vec<(usize, Range<usize>)>,
    },
    Rows(Vec<(usize, ProfileLine)>),
}

impl Chunk<'_> {
    /// Lines in the chunk, blank JSONL lines included.
    pub(crate) fn len(&self) -> usize {
        match self {
            Chunk::Lines { lines, .. } => lines.len(),
            Chunk::Rows(rows) => rows.len(),
        }
    }

    /// `f` on each profile line of `range` with its line number, in order. A JSONL line is parsed here,
    /// so on the core that then checks it, and its profile is freed there; blank lines are skipped.
    pub(crate) fn each(&self, range: Range<usize>, mut f: impl FnMut(usize, &ProfileLine)) {
        match self {
            Chunk::Lines {
                text,
                source,
                lines,
            } => {
                for (n, r) in &lines[range] {
                    if let Some(row) = read_jsonl_line(&text[r.clone()], source, *n) {
                        f(*n, &row);
                    }
                }
            }
            Chunk::Rows(rows) => rows[range].iter().for_each(|(n, row)| f(*n, row)),
        }
    }

    /// Every profile line, parsed on every core.
    pub(crate) fn into_rows(self) -> Vec<(usize, ProfileLine)> {
        match self {
            Chunk::Lines {
                text,
                source,
                lines,
            } => lines
                .into_par_iter()
                .filter_map(|(n, r)| Some((n, read_jsonl_line(&text[r], source, n)?)))
                .collect(),
            Chunk::Rows(rows) => rows,
        }
    }
}

pub(crate) enum ProfileChunks {
    Jsonl(JsonlLines),
    Parsed(std::vec::IntoIter<(usize, ProfileLine)>),
}

impl ProfileChunks {
    /// `path`'s profiles: CSV when its name ends in `.csv` or `.tsv`, JSONL otherwise (as
    /// `read_profiles` decides). A file that is not text at all is an error here, before any chunk.
    pub(crate) fn open(path: &Path) -> Result<Self, InputError> {
        let source = path.display().to_string();
        // As `read_profiles` decides.
        let lower = source.to_ascii_lowercase();
        if lower.ends_with(".csv") || lower.ends_with(".tsv") {
            let bytes = read_input(path)?;
            if let Some(err) = not_text_error(&bytes, &source) {
                return Err(err);
            }
            return Ok(ProfileChunks::Parsed(
                read_profiles_bytes(&bytes, &source)?.into_iter(),
            ));
        }
        let mut lines = JsonlLines {
            file: open_input(path)?,
            source,
            buf: Vec::new(),
            start: 0,
            line: 0,
            lf_seen: false,
            eof: false,
        };
        // The first bytes say whether this is UTF-16 or a workbook.
        while lines.buf.len() < 4 && !lines.eof {
            lines.fill()?;
        }
        if let Some(err) = not_text_error(&lines.buf, &lines.source) {
            return Err(err);
        }
        Ok(ProfileChunks::Jsonl(lines))
    }

    /// The next chunk of at most CHUNK_LINES profile lines, `None` after the last.
    pub(crate) fn next_chunk(&mut self) -> Result<Option<Chunk<'_>>, InputError> {
        match self {
            ProfileChunks::Jsonl(lines) => lines.next_chunk(),
            ProfileChunks::Parsed(rows) => {
                let chunk: Vec<_> = rows.by_ref().take(CHUNK_LINES).collect();
                Ok((!chunk.is_empty()).then_some(Chunk::Rows(chunk)))
            }
        }
    }
}

/// A JSONL file's lines, read as needed.
pub(crate) struct JsonlLines {
    file: std::fs::File,
    source: String,
    /// Bytes read and not yet handed out from `start` on.
    buf: Vec<u8>,
    start: usize,
    /// Lines handed out so far (blank ones included).
    line: usize,
    /// Lines end with LF; a file with no LF at all ends its lines with CR (old Mac exports), which is
    /// known only at its end.
    lf_seen: bool,
    eof: bool,
}

impl JsonlLines {
    /// Read more of the file onto the end of `buf`.
    fn fill(&mut self) -> Result<(), InputError> {
        let old = self.buf.len();
        self.buf.resize(old + READ_BYTES, 0);
        let n = loop {
            match self.file.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(unreadable(&self.source, &e)),
            }
        };
        self.buf.truncate(old + n);
        self.eof = n == 0;
        if self.buf.len() - self.start > MAX_TEXT_BYTES as usize {
            let mb = (MAX_TEXT_BYTES >> 20).to_string();
            let err = InputError::new(
                &self.source,
                Some(self.line + 1),
                None,
                format!("cannot read: a line longer than {mb} MB"),
            );
            return Err(err.coded("line_too_large", vec![mb]));
        }
        Ok(())
    }

    fn next_chunk(&mut self) -> Result<Option<Chunk<'_>>, InputError> {
        // Drop what earlier chunks used.
        self.buf.drain(..self.start);
        self.start = 0;
        // Line numbers and byte ranges of the chunk's lines.
        let mut lines: Vec<(usize, Range<usize>)> = Vec::with_capacity(CHUNK_LINES);
        let mut at = 0;
        loop {
            while lines.len() < CHUNK_LINES {
                let Some(i) = memchr::memchr(b'\n', &self.buf[at..]) else {
                    break;
                };
                self.lf_seen = true;
                self.line += 1;
                lines.push((self.line, at..at + i));
                at += i + 1;
            }
            if lines.len() == CHUNK_LINES || self.eof {
                break;
            }
            self.fill()?;
        }
        if self.eof && lines.len() < CHUNK_LINES && at < self.buf.len() {
            // The rest of the file: its last line, or with no LF anywhere, every line ended by CR.
            let end = if self.lf_seen || !self.buf.contains(&b'\r') {
                b'\n'
            } else {
                b'\r'
            };
            for raw in self.buf[at..].split(|b| *b == end) {
                self.line += 1;
                lines.push((self.line, at..at + raw.len()));
                at += raw.len() + 1;
            }
            at = self.buf.len();
        }
        self.start = at;
        if lines.is_empty() {
            return Ok(None);
        }
        Ok(Some(Chunk::Lines {
            text: &self.buf,
            source: &self.source,
            lines,
        }))
    }
}
