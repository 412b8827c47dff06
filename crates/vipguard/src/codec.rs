//! The byte codec of snapshots: little-endian integers, counted strings and integer arrays, every
//! read bounds-checked. A leaf: it imports nothing from the crate, so the candidate index and the
//! snapshot can both use it without importing each other.

/// Bytes out: little-endian integers, strings and arrays with their length first.
#[derive(Default)]
pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.0.extend_from_slice(b);
    }
    pub(crate) fn u32(&mut self, x: u32) {
        self.bytes(&x.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, x: u64) {
        self.bytes(&x.to_le_bytes());
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.bytes(s.as_bytes());
    }
    pub(crate) fn strs(&mut self, xs: &[String]) {
        self.u32(xs.len() as u32);
        for s in xs {
            self.str(s);
        }
    }
    fn array<T: bytemuck::Pod>(&mut self, xs: &[T], to_le: fn(T) -> T) {
        self.u32(xs.len() as u32);
        if cfg!(target_endian = "little") {
            self.bytes(bytemuck::cast_slice(xs));
        } else {
            for x in xs {
                self.bytes(bytemuck::bytes_of(&to_le(*x)));
            }
        }
    }
    pub(crate) fn u32s(&mut self, xs: &[u32]) {
        self.array(xs, u32::to_le);
    }
    pub(crate) fn u64s(&mut self, xs: &[u64]) {
        self.array(xs, u64::to_le);
    }
}

/// Bytes in, every read bounds-checked: errors say what ran short and at which byte.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }
    pub(crate) fn rest(&self) -> &'a [u8] {
        &self.bytes[self.at..]
    }
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.bytes.len() - self.at < n {
            return Err(format!(
                "cut short: {n} bytes needed at byte {}, {} left",
                self.at,
                self.bytes.len() - self.at
            ));
        }
        self.at += n;
        Ok(&self.bytes[self.at - n..self.at])
    }
    pub(crate) fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    /// A length of at most `max` items, each at least one byte: a damaged length fails here, before
    /// anything is allocated for it.
    pub(crate) fn count(&mut self, max: usize) -> Result<usize, String> {
        let at = self.at;
        let n = self.u32()? as usize;
        if n > max {
            return Err(format!("impossible count {n} at byte {at}"));
        }
        if n > self.bytes.len() - self.at {
            return Err(format!(
                "cut short: count {n} at byte {at}, {} bytes left",
                self.bytes.len() - self.at
            ));
        }
        Ok(n)
    }
    pub(crate) fn str(&mut self) -> Result<&'a str, String> {
        let n = self.count(usize::MAX)?;
        let at = self.at;
        std::str::from_utf8(self.take(n)?).map_err(|_| format!("text at byte {at} is not UTF-8"))
    }
    pub(crate) fn string(&mut self) -> Result<String, String> {
        self.str().map(str::to_string)
    }
    pub(crate) fn strings(&mut self) -> Result<Vec<String>, String> {
        let n = self.count(usize::MAX)?;
        (0..n).map(|_| self.string()).collect()
    }
    /// An array of integers: one copy of the bytes (a loop over a million words showed in a freshly
    /// started browser worker, whose baseline code does not optimise it), then byte order on
    /// big-endian machines.
    fn array<T: bytemuck::Pod + Default>(&mut self, from_le: fn(T) -> T) -> Result<Vec<T>, String> {
        let size = std::mem::size_of::<T>();
        let at = self.at;
        let n = self.u32()? as usize;
        let bytes = self.take(n.saturating_mul(size)).map_err(|_| {
            format!(
                "cut short: {n} items at byte {at}, {} bytes left",
                self.bytes.len() - self.at
            )
        })?;
        let mut out = vec![T::default(); n];
        bytemuck::cast_slice_mut::<T, u8>(&mut out).copy_from_slice(bytes);
        if cfg!(target_endian = "big") {
            out.iter_mut().for_each(|x| *x = from_le(*x));
        }
        Ok(out)
    }
    pub(crate) fn u32s(&mut self) -> Result<Vec<u32>, String> {
        self.array(u32::from_le)
    }
    pub(crate) fn u64s(&mut self) -> Result<Vec<u64>, String> {
        self.array(u64::from_le)
    }
}
