//! Reading the files a user names: only what can be read whole (no devices), within a size, and
//! text only as UTF-8, with an error that says what the file is when it is not (UTF-16, a workbook).

use std::io::{Read, Write};
use std::path::Path;
use vipguard::{
    accounts_to_enrol_again, needs_enrolling, InputError, Lang, ListErrors, ProtectedList,
    ValidList,
};

/// Largest picture file read: an avatar is kilobytes; the decoder's own caps (4096 pixels a side, 64 MB
/// of pixels) bound what a small file can claim.
pub(crate) const MAX_PICTURE_BYTES: u64 = 50 << 20;

/// A picture file's bytes. Only regular files, and at most MAX_PICTURE_BYTES: a path to /dev/zero
/// would otherwise fill memory, and a FIFO would hang the scan. Errors are coded like a list file's.
pub(crate) fn read_picture(path: &Path) -> Result<Vec<u8>, InputError> {
    let source = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| unreadable(&source, &e))?;
    if meta.is_dir() {
        let err = InputError::new(
            &source,
            None,
            None,
            "cannot read: it is a folder, not a picture",
        );
        return Err(err.coded("is_folder", Vec::new()));
    }
    if !meta.is_file() {
        return Err(not_regular_file(&source, &meta));
    }
    if meta.len() > MAX_PICTURE_BYTES {
        let mb = (MAX_PICTURE_BYTES >> 20).to_string();
        let message = format!(
            "cannot read: {} MB is larger than the {mb} MB a picture may be",
            meta.len() >> 20,
        );
        return Err(InputError::new(&source, None, None, message).coded("too_large", vec![mb]));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_PICTURE_BYTES).read_to_end(&mut bytes))
        .map_err(|e| unreadable(&source, &e))?;
    Ok(bytes)
}

/// A picture file's bytes decoded; what was wrong with it coded (`vipguard::PictureError`), with its
/// path as the error's source.
pub(crate) fn read_and_decode(path: &Path) -> Result<vipguard::Rgb, InputError> {
    let bytes = read_picture(path)?;
    vipguard::decode(&bytes).map_err(|e| {
        InputError::new(&path.display().to_string(), None, None, e.message).coded(e.code, e.args)
    })
}

/// A file that could not be read: not found and refused are coded apart, as the system's own words
/// for them are English.
pub(crate) fn unreadable(source: &str, e: &std::io::Error) -> InputError {
    let err = InputError::new(source, None, None, format!("cannot read: {e}"));
    match e.kind() {
        std::io::ErrorKind::NotFound => err.coded("file_not_found", Vec::new()),
        std::io::ErrorKind::PermissionDenied => err.coded("permission_denied", Vec::new()),
        _ => err.coded("cannot_read", vec![e.to_string()]),
    }
}

/// A file that could not be written (`file_exists`: one already there, never overwritten).
pub(crate) fn unwritable(name: &str, e: &std::io::Error) -> InputError {
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        let message =
            "already exists: not overwritten (choose another name, or move it away first)";
        return InputError::new(name, None, None, message).coded("file_exists", Vec::new());
    }
    let err = InputError::new(name, None, None, format!("cannot write: {e}"));
    err.coded("cannot_write", vec![e.to_string()])
}

/// Largest list or profiles file read whole: a million accounts is a few hundred megabytes.
pub(crate) const MAX_TEXT_BYTES: u64 = 1 << 30;

/// A list or profiles file's bytes: a file or a pipe (`<(cat list.csv)`), never a device such as
/// /dev/zero, and at most MAX_TEXT_BYTES.
pub(crate) fn read_input(path: &Path) -> Result<Vec<u8>, InputError> {
    let source = path.display().to_string();
    let file = open_input(path)?;
    // A file's size known, its text is read into a buffer of that size, not one grown by doubling
    // (up to twice the text: docs/feed.md, "A large export"); a pipe's is grown.
    let size = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_TEXT_BYTES + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(&source, &e))?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        let mb = (MAX_TEXT_BYTES >> 20).to_string();
        let err = InputError::new(
            &source,
            None,
            None,
            format!("cannot read: larger than {mb} MB"),
        );
        return Err(err.coded("too_large", vec![mb]));
    }
    Ok(bytes)
}

/// A list or profiles file opened for reading: a file or a pipe, never a folder or a device.
pub(crate) fn open_input(path: &Path) -> Result<std::fs::File, InputError> {
    let source = path.display().to_string();
    let fail = |m: &str, code| InputError::new(&source, None, None, m).coded(code, Vec::new());
    let meta = std::fs::metadata(path).map_err(|e| unreadable(&source, &e))?;
    if meta.is_dir() {
        return Err(fail("cannot read: it is a folder", "is_folder"));
    }
    // A pipe is read (`<(cat list.csv)`); a device or a socket is not.
    if !meta.is_file() && special_kind(&meta) != "pipe" {
        return Err(not_regular_file(&source, &meta));
    }
    std::fs::File::open(path).map_err(|e| unreadable(&source, &e))
}

/// What a path that is neither a file nor a folder is: "pipe" (a named pipe, FIFO), "device" or
/// "socket"; "" when the system does not say.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    let _ = meta;
    ""
}

/// `not_regular_file`, with what the path is (`special_kind`) as its value; `problems::french` words
/// it in French from the same value, so both languages name the same thing.
fn not_regular_file(source: &str, meta: &std::fs::Metadata) -> InputError {
    let kind = special_kind(meta);
    let what = match kind {
        "pipe" => "a named pipe (FIFO)",
        "device" => "a device",
        "socket" => "a socket",
        _ => "not a regular file",
    };
    let message = match kind {
        "" => format!("cannot read: it is {what}"),
        _ => format!("cannot read: it is {what}, not a file"),
    };
    InputError::new(source, None, None, message).coded("not_regular_file", vec![kind.to_string()])
}

/// What a file that is not UTF-8 text is, when it can be told from its first bytes, and its code.
fn not_text(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        Some((
            "is UTF-16 text: save it as UTF-8 (in Excel: CSV UTF-8)",
            "utf16",
        ))
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some((
            "is a zip file, perhaps an Excel or Sheets workbook: save it as CSV UTF-8",
            "zip_workbook",
        ))
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some((
            "is an Excel 97-2003 workbook: save it as CSV UTF-8",
            "xls_workbook",
        ))
    } else {
        None
    }
}

/// The error for a file that is not UTF-8 text, when its first bytes tell what it is.
pub(crate) fn not_text_error(bytes: &[u8], source: &str) -> Option<InputError> {
    let (what, code) = not_text(bytes)?;
    Some(InputError::new(source, None, None, what).coded(code, Vec::new()))
}

/// `bytes` as UTF-8 text, or an error saying what the file is (UTF-16, a workbook) or naming the line
/// and column of the first byte that is not UTF-8 (the engine's `utf8_text`).
pub(crate) fn utf8<'b>(bytes: &'b [u8], source: &str) -> Result<&'b str, InputError> {
    if let Some(err) = not_text_error(bytes, source) {
        return Err(err);
    }
    vipguard::utf8_text(bytes, source)
}

/// Read and parse a protected list file, hashing any avatar given as an image path (relative to the
/// list's file).
/// Every problem of the list is reported, not only the first.
/// Accounts enrolled by an older vipguard, and unrelated accounts with the same picture, get a warning on
/// stderr, in `lang`: the list still works.
pub(crate) fn load_list(path: &Path, lang: Lang) -> Result<ProtectedList, ListErrors> {
    Ok(load_checked(path, lang)?.into_list())
}

/// `load_list`, the list kept as checked (`ValidList`) for `Checker::from_valid`, which then does not
/// check it again. A list whose pictures were hashed here is checked again, as `Checker::new` did.
pub(crate) fn load_checked(path: &Path, lang: Lang) -> Result<ValidList, ListErrors> {
    let source = path.display().to_string();
    let bytes = read_input(path)?;
    let mut list = ValidList::parse_all(utf8(&bytes, &source)?, &source)?;
    drop(bytes);
    if needs_enrolling(&list) {
        let base = path.parent().unwrap_or(Path::new("."));
        list = ValidList::new(crate::enroll::enroll(&list, base, &source)?)?;
    }
    let older = accounts_to_enrol_again(&list);
    if older > 0 {
        let said = crate::problems::enrol_again(lang, &source, older);
        eprintln!("vipguard: {}", crate::terminal::escape(&said));
    }
    for ids in vipguard::shared_pictures(&list) {
        let said = crate::problems::shared_picture(lang, &source, &ids);
        eprintln!("vipguard: {}", crate::terminal::escape(&said));
    }
    Ok(list)
}

/// Write everything or nothing. A file is replaced by renaming a finished temporary file over it (in
/// its folder, under a name no other run uses, with the file's permissions; through a symbolic link,
/// the file it names). Anything else, such as /dev/null, a pipe or a terminal, is written to directly:
/// renaming over it would replace the device with a file.
pub(crate) fn write_whole(output: Option<&Path>, bytes: &[u8]) -> Result<(), InputError> {
    let mut out = Output::create(output)?;
    out.write(bytes)?;
    out.finish()
}

/// `write_whole` for text that `write` serialises piece by piece (buffered here): never held whole.
pub(crate) fn write_with(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), InputError> {
    let mut out = Output::create(output)?;
    let mut pieces = Pieces {
        put: |bytes: &[u8]| out.write(bytes),
        failed: None,
    };
    let written = pieces.buffered(write);
    if let Some(e) = pieces.failed {
        return Err(e);
    }
    written.map_err(|e| out.error(e))?;
    out.finish()
}

/// `put` as a writer: its first error kept in its own words, and nothing put after it.
struct Pieces<P> {
    put: P,
    failed: Option<InputError>,
}

impl<P: FnMut(&[u8]) -> Result<(), InputError>> Write for Pieces<P> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Some(e) = &self.failed {
            return Err(std::io::Error::other(e.message.clone()));
        }
        match (self.put)(bytes) {
            Ok(()) => Ok(bytes.len()),
            Err(e) => {
                let said = std::io::Error::other(e.message.clone());
                self.failed = Some(e);
                Err(said)
            }
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<P: FnMut(&[u8]) -> Result<(), InputError>> Pieces<P> {
    /// What `write` writes, put in pieces of 64 KiB. On an error, what is still buffered is dropped,
    /// not put again (dropping the `BufWriter` would flush it: a failed write tried twice).
    fn buffered(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut *self);
        let written = write(&mut buffered).and_then(|()| buffered.flush());
        let _unwritten = buffered.into_parts();
        written
    }
}

/// Where `vipguard scan` writes, a piece at a time, with `write_whole`'s promise: a file is written to
/// a temporary file beside it, renamed over it by `finish`; dropped unfinished (an error, a panic),
/// the temporary file is removed and the file is left as it was.
pub(crate) struct Output {
    name: String,
    to: Sink,
}

enum Sink {
    Stdout(std::io::StdoutLock<'static>),
    Device(std::fs::File),
    Temp {
        file: std::io::BufWriter<std::fs::File>,
        tmp: std::path::PathBuf,
        target: std::path::PathBuf,
    },
    Done,
}

impl Output {
    /// `output`, or stdout when `None`.
    pub(crate) fn create(output: Option<&Path>) -> Result<Self, InputError> {
        let Some(path) = output else {
            return Ok(Output {
                name: "<stdout>".into(),
                to: Sink::Stdout(std::io::stdout().lock()),
            });
        };
        let name = path.display().to_string();
        let err = |e: std::io::Error| unwritable(&name, &e);
        let existing = std::fs::metadata(path).ok();
        let to = if existing
            .as_ref()
            .is_some_and(|m| !m.is_file() && !m.is_dir())
        {
            Sink::Device(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(err)?,
            )
        } else {
            let target = match existing {
                Some(_) => std::fs::canonicalize(path).map_err(err)?,
                None => path.to_path_buf(),
            };
            let tmp = temp_beside(&target);
            let file = create_temp(&tmp, 0o666).map_err(err)?;
            Sink::Temp {
                file: std::io::BufWriter::with_capacity(1 << 20, file),
                tmp,
                target,
            }
        };
        Ok(Output { name, to })
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) -> Result<(), InputError> {
        let written = match &mut self.to {
            Sink::Stdout(w) => w.write_all(bytes),
            Sink::Device(w) => w.write_all(bytes),
            Sink::Temp { file, .. } => file.write_all(bytes),
            Sink::Done => Ok(()),
        };
        written.map_err(|e| self.error(e))
    }

    /// Everything written: flushed, and a temporary file synced and renamed into place.
    pub(crate) fn finish(mut self) -> Result<(), InputError> {
        let done = match std::mem::replace(&mut self.to, Sink::Done) {
            Sink::Stdout(mut w) => w.flush(),
            Sink::Device(mut w) => w.flush(),
            Sink::Temp { file, tmp, target } => {
                let done = file
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .and_then(|f| f.sync_all())
                    .and_then(|_| match std::fs::metadata(&target) {
                        Ok(m) => std::fs::set_permissions(&tmp, m.permissions()),
                        Err(_) => Ok(()),
                    })
                    .and_then(|_| std::fs::rename(&tmp, &target));
                if done.is_err() {
                    let _ = std::fs::remove_file(&tmp);
                }
                done
            }
            Sink::Done => Ok(()),
        };
        done.map_err(|e| self.error(e))
    }

    fn error(&self, e: std::io::Error) -> InputError {
        if matches!(self.to, Sink::Stdout(_)) {
            InputError::new(&self.name, None, None, e.to_string())
                .coded("cannot_write", vec![e.to_string()])
        } else {
            unwritable(&self.name, &e)
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Sink::Temp { tmp, .. } = &self.to {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// A name in `target`'s folder that no other run uses, for a file written whole before it is renamed
/// or linked into place.
fn temp_beside(target: &Path) -> std::path::PathBuf {
    let file_name = target.file_name().unwrap_or_default().to_string_lossy();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    target.with_file_name(format!(
        ".{file_name}.{}-{stamp}.vipguard-tmp",
        std::process::id()
    ))
}

/// The new file `tmp`, created with `mode` (less the umask) where files have modes.
fn create_temp(tmp: &Path, mode: u32) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    options.open(tmp)
}

/// `bytes` written to the new file `tmp` and flushed to the disk.
fn write_temp(tmp: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    create_temp(tmp, mode).and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
}

/// Write a new file whole, never over an existing one: the finished temporary file is linked to
/// `path` (which fails if `path` exists, even if another program made it a moment ago), then removed.
/// `mode`: the new file's permissions (0o600 for a secret), less the umask.
pub(crate) fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<(), InputError> {
    let name = path.display().to_string();
    let err = |e: std::io::Error| unwritable(&name, &e);
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(err(std::io::ErrorKind::AlreadyExists.into()));
    }
    let tmp = temp_beside(path);
    let written = write_temp(&tmp, bytes, mode).and_then(|_| std::fs::hard_link(&tmp, path));
    let _ = std::fs::remove_file(&tmp);
    written.map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 100 KB written, more than the 64 KiB buffer, so some of it reached the temporary file.
    fn hundred_kb(w: &mut dyn Write) -> std::io::Result<()> {
        for i in 0..10_000 {
            write!(w, "{i:09}\n")?;
        }
        Ok(())
    }

    #[test]
    fn a_failed_write_with_leaves_the_file_as_it_was_and_no_temporary_file() {
        let d = std::env::temp_dir().join(format!("vipguard-write-with-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let target = d.join("merged.json");
        std::fs::write(&target, "before\n").unwrap();
        let e = write_with(Some(&target), |w| {
            hundred_kb(w)?;
            Err(std::io::Error::other("the serialiser gave up"))
        })
        .expect_err("refused");
        assert!(
            e.message.contains("the serialiser gave up"),
            "{}",
            e.message
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "before\n");
        let left: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|f| f.unwrap().file_name())
            .collect();
        assert_eq!(left, ["merged.json"], "only the file, no temporary file");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_failed_piece_is_put_once_and_its_error_kept() {
        let mut tries = 0;
        let mut pieces = Pieces {
            put: |_: &[u8]| {
                tries += 1;
                Err(InputError::new(
                    "out",
                    None,
                    None,
                    format!("failure {tries}"),
                ))
            },
            failed: None,
        };
        let written = pieces.buffered(hundred_kb);
        assert_eq!(written.expect_err("failed").to_string(), "failure 1");
        let kept = pieces.failed.take().expect("kept").message;
        drop(pieces);
        assert_eq!(kept, "failure 1");
        assert_eq!(tries, 1, "the failed piece was not put again");
    }
}
