//! Signed list feeds on the command line (docs/feed.md): `keygen`, `sign`, `verify` and
//! `decisions merge`. The format is the engine's (`FeedSigner`, `open_feed`, `read_decisions`); here
//! are the files: key files, the list read as `scan` reads it, outputs written whole.

use crate::args::SignArgs;
use crate::files::{load_list, not_text_error, read_input, write_new, write_whole, write_with};
use crate::terminal::escape;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vipguard::{
    feed_date, open_feed, plan_merge, read_decisions, Decision, FeedKey, FeedPayload, FeedSigner,
    InputError, Lang, ListErrors,
};

/// A file's text, or an error naming it. The bytes become the text, not copied into it (a second copy
/// of a 187 MB export was the largest part of reading it: docs/feed.md, "A large export").
fn read_text(path: &Path) -> Result<String, InputError> {
    let bytes = read_input(path)?;
    let source = path.display().to_string();
    if let Some(err) = not_text_error(&bytes, &source) {
        return Err(err);
    }
    // UTF-8 checked once: the error, naming the first byte that is not, built only when one is not.
    String::from_utf8(bytes).map_err(|e| match vipguard::utf8_text(e.as_bytes(), &source) {
        Err(err) => err,
        Ok(_) => unreachable!("String::from_utf8 and utf8_text disagree"),
    })
}

/// A key file read with `parse` (`FeedKey::parse` or `FeedSigner::parse`), the error naming the file.
fn read_key<K>(
    path: &Path,
    parse: impl Fn(&str, &str) -> Result<K, InputError>,
) -> Result<K, InputError> {
    let text = zeroize::Zeroizing::new(read_text(path)?);
    parse(&text, &path.display().to_string())
}

/// Now, or the date given, as a feed writes dates.
fn date_or_now(date: Option<String>) -> String {
    date.unwrap_or_else(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        feed_date(now)
    })
}

/// `vipguard keygen --out NAME`: NAME.key (mode 0600) and NAME.pub, neither written over an existing
/// file; the key id on standard output.
pub(crate) fn keygen(out: &Path, lang: Lang) -> Result<ExitCode, ListErrors> {
    let with = |ext: &str| {
        let mut name = out.as_os_str().to_owned();
        name.push(ext);
        PathBuf::from(name)
    };
    let (secret_path, public_path) = (with(".key"), with(".pub"));
    for path in [&secret_path, &public_path] {
        if std::fs::symlink_metadata(path).is_ok() {
            let exists = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
            return Err(crate::files::unwritable(&path.display().to_string(), &exists).into());
        }
    }
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    getrandom::getrandom(seed.as_mut()).map_err(|e| {
        InputError::new(
            "keygen",
            None,
            None,
            format!("the system gave no random bytes: {e}"),
        )
        .coded("no_random_bytes", vec![e.to_string()])
    })?;
    let signer = FeedSigner::from_seed(&seed);
    let public = signer.public();
    let secret = zeroize::Zeroizing::new(format!("{}\n", signer.to_text()));
    write_new(&secret_path, secret.as_bytes(), 0o600)?;
    if let Err(e) = write_new(
        &public_path,
        format!("{}\n", public.to_text()).as_bytes(),
        0o644,
    ) {
        // A secret key without its public key would be a key pair half made.
        let _ = std::fs::remove_file(&secret_path);
        return Err(e.into());
    }
    println!("{}", public.id());
    let (id, secret, public) = (
        public.id(),
        escape(&secret_path.display().to_string()).to_string(),
        escape(&public_path.display().to_string()).to_string(),
    );
    match lang {
        Lang::Fr => eprintln!(
            "vipguard: clé {id} : clé secrète dans {secret} (gardez-la pour vous : qui l’a peut signer vos listes), clé publique dans {public}"
        ),
        _ => eprintln!(
            "vipguard: key id {id}: secret key in {secret} (keep it private: whoever has it can sign your lists), public key in {public}"
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// `vipguard sign`: the list read and checked (every problem reported, nothing written), its pictures
/// hashed, CSV made JSON, signed and written whole.
pub(crate) fn sign(args: SignArgs) -> Result<ExitCode, ListErrors> {
    let signer = read_key(&args.key, FeedSigner::parse)?;
    let list = load_list(&args.list, args.lang)?;
    let decisions = match &args.decisions {
        // A signed list's decisions only if this team's key signed it.
        Some(path) => Some(read_decisions(
            &read_text(path)?,
            &path.display().to_string(),
            Some(&signer.public()),
        )?),
        None => None,
    };
    let payload = FeedPayload {
        name: args.name,
        version: args.version,
        date: date_or_now(args.date),
        list,
        decisions,
    };
    // The payload's own fields come from the arguments: their problems are named after them.
    let signed = signer.sign(&payload, "sign").map_err(|mut e| {
        for error in &mut e.errors {
            if let Some(arg) = error
                .field
                .as_deref()
                .and_then(|f| f.strip_prefix("payload."))
            {
                if ["name", "version", "date"].contains(&arg) {
                    error.source = format!("--{arg}");
                    error.field = None;
                }
            }
        }
        e
    })?;
    write_whole(args.output.as_deref(), signed.as_bytes())?;
    let (name, version, key) = (escape(&payload.name), payload.version, signer.public().id());
    let accounts = payload.list.accounts.len();
    let decisions = payload.decisions.as_ref().map_or(0, Vec::len);
    let to = args
        .output
        .as_ref()
        .map(|p| escape(&p.display().to_string()).to_string());
    match (args.lang, to) {
        (Lang::Fr, to) => eprintln!(
            "vipguard: « {name} » version {version} signée ({accounts} compte{}, {decisions} décision{}) avec la clé {key}{}",
            crate::words::plural_s(accounts),
            crate::words::plural_s(decisions),
            to.map_or(String::new(), |p| format!(", écrite dans {p}"))
        ),
        (_, to) => eprintln!(
            "vipguard: signed {name:?} version {version} ({accounts} accounts, {decisions} decisions) with key {key}{}",
            to.map_or(String::new(), |p| format!(", written to {p}"))
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// `vipguard verify`: the signature checked with the given public key, then the payload; what it holds
/// on standard output.
pub(crate) fn verify(
    key: &Path,
    file: &Path,
    min_version: Option<u64>,
    lang: Lang,
) -> Result<ExitCode, ListErrors> {
    let key = read_key(key, FeedKey::parse)?;
    let source = file.display().to_string();
    let payload = open_feed(&read_text(file)?, &key, &source)?;
    if let Some(min) = min_version.filter(|min| payload.version < *min) {
        let err = InputError::new(
            &source,
            None,
            Some("payload.version"),
            format!(
                "version {} is lower than {min} (--min-version): an older list, which a feed never goes back to",
                payload.version
            ),
        );
        let args = vec![payload.version.to_string(), min.to_string()];
        return Err(err.coded("version_too_low", args).into());
    }
    // What the list holds stays in English in either language, "label: value" a line, for scripts.
    if lang == Lang::Fr {
        eprintln!("vipguard: signature valide de la clé {}", key.id());
    }
    println!(
        "good signature by key {}\nname: {}\nversion: {}\ndate: {}\naccounts: {}\ndecisions: {}",
        key.id(),
        escape(&payload.name),
        payload.version,
        escape(&payload.date),
        payload.list.accounts.len(),
        payload.decisions.as_ref().map_or(0, Vec::len)
    );
    Ok(ExitCode::SUCCESS)
}

/// `vipguard decisions merge`: every input read and checked first (every problem reported, nothing
/// written), then merged; conflicts on standard error.
pub(crate) fn merge(
    files: &[PathBuf],
    output: Option<&Path>,
    date: Option<String>,
    key: Option<&Path>,
    lang: Lang,
) -> Result<ExitCode, ListErrors> {
    let key = key.map(|k| read_key(k, FeedKey::parse)).transpose()?;
    let mut inputs: Vec<(String, Vec<Decision>)> = Vec::new();
    let mut problems = ListErrors {
        errors: Vec::new(),
        total: 0,
    };
    for path in files {
        let source = path.display().to_string();
        let read = read_text(path)
            .map_err(ListErrors::from)
            .and_then(|text| read_decisions(&text, &source, key.as_ref()));
        match read {
            Ok(decisions) => inputs.push((source, decisions)),
            Err(e) => {
                problems.total += e.total;
                problems.errors.extend(e.errors);
            }
        }
    }
    if problems.total > 0 {
        problems.errors.truncate(vipguard::MAX_REPORTED_ERRORS);
        return Err(problems);
    }
    // Written as it is serialised, not held whole first (docs/feed.md, "A large export").
    let merged = plan_merge(&inputs, &date_or_now(date))?;
    write_with(output, |w| merged.write_export(w))?;
    let conflict = match lang {
        Lang::Fr => "conflit",
        _ => "conflict",
    };
    for c in &merged.conflicts {
        let said = crate::problems::conflict(lang, c);
        eprintln!(
            "vipguard: {conflict}{}{}",
            crate::words::colon(lang),
            escape(&said)
        );
    }
    let read: usize = inputs.iter().map(|(_, d)| d.len()).sum();
    let (files, count, conflicts) = (inputs.len(), merged.count(), merged.conflicts.len());
    match lang {
        Lang::Fr => eprintln!(
            "vipguard: {read} décision{} de {files} fichier{} fusionnée{} en {count} ; conflit{} : {conflicts}",
            crate::words::plural_s(read),
            crate::words::plural_s(files),
            crate::words::plural_s(read),
            crate::words::plural_s(conflicts)
        ),
        _ => eprintln!(
            "vipguard: {read} decisions from {files} files merged into {count}; conflicts: {conflicts}"
        ),
    }

    Ok(ExitCode::SUCCESS)
}
