//! A file's bytes as UTF-8 text, or where the first byte that is not UTF-8 is. The command line reads
//! every list and profiles file through this, and the extension's options, bulk and queue pages (through
//! the WASM package's `decodeUtf8`), so a sheet saved as Windows-1252 is refused the same way everywhere
//! instead of being read with its names garbled.

use super::InputError;

/// `bytes` as UTF-8 text, or an error coded `not_utf8` naming the line and byte column (both from 1)
/// of the first byte that is not UTF-8, its args the byte in hex and the column. A file that ends in
/// the middle of a character fails at that character's first byte, as `valid_up_to` says.
pub fn utf8_text<'b>(bytes: &'b [u8], source: &str) -> Result<&'b str, InputError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let before = &bytes[..at];
        let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let (byte, column) = (format!("{:02X}", bytes[at]), at - line_start + 1);
        InputError::new(
            source,
            Some(line),
            None,
            format!(
                "byte 0x{byte} at column {column} is not UTF-8 (save the file as UTF-8; Windows-1252 and Latin-1 are not read)"
            ),
        )
        .coded("not_utf8", vec![byte, column.to_string()])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes, where the first bad one is (line, hex, column), as the extension's pages said it before.
    #[test]
    fn first_bad_byte_line_and_column() {
        for (bytes, want) in [
            (&b"id,name\nrene,Ren\xE9 Diop\n"[..], Some((2, "E9", "9"))), // Latin-1 é
            (&b"a\n\nb,\x80"[..], Some((3, "80", "3"))), // a lone continuation byte
            (&b"ok,\xE2\x82"[..], Some((1, "E2", "4"))), // the file ends inside a character
            (&b"\xFF\xFEa\x00"[..], Some((1, "FF", "1"))), // UTF-16's byte-order mark
            (&b"\xEF\xBB\xBFa,\xC3\xA9\n"[..], None),    // UTF-8 with its BOM
        ] {
            let got = utf8_text(bytes, "list.csv").err().map(|e| {
                assert_eq!(e.code, Some("not_utf8"));
                (e.line.unwrap(), e.args[0].clone(), e.args[1].clone())
            });
            let want = want.map(|(l, b, c): (usize, &str, &str)| (l, b.to_string(), c.to_string()));
            assert_eq!(got, want, "{bytes:?}");
        }
        let e = utf8_text(b"ok\n\xE9", "list.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "list.csv:2: byte 0xE9 at column 1 is not UTF-8 (save the file as UTF-8; Windows-1252 and Latin-1 are not read)"
        );
    }
}
