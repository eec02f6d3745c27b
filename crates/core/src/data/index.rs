//! Hashing for the dataset's lookups: FNV-1a for interned strings, a splitmix finisher for
//! integer keys, and the payee index (ids of up to 15 bytes packed into one integer key).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: a fast, deterministic hasher for the interner (lookups only; never iterated).
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        // FNV-1a leaves the top bits (which the hash table uses as tags) poorly mixed for short
        // keys such as "r1234": fold the high half in and multiply once more.
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Payee ids to indices. Ids of up to 15 bytes (most) are packed with their length into one
/// integer key, so the lookup made for every transaction hashes and compares integers and does
/// not read the id's text from wherever the heap put it (that read missed the cache).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct PayeeIndex {
    short: HashMap<u128, usize, BuildHasherDefault<Mix>>,
    long: HashMap<String, usize, BuildHasherDefault<Fnv>>,
}

impl PayeeIndex {
    fn key(id: &str) -> Option<u128> {
        let mut k = [0u8; 16];
        let n = u8::try_from(id.len()).ok().filter(|n| *n < 16)?;
        for (d, s) in k.iter_mut().zip(id.bytes()) {
            *d = s;
        }
        k[15] = n;
        Some(u128::from_le_bytes(k))
    }

    /// Adds an id; false when it was there already (the first index is kept).
    pub(super) fn insert(&mut self, id: &str, i: usize) -> bool {
        if self.get(id).is_some() {
            return false;
        }
        match PayeeIndex::key(id) {
            Some(k) => self.short.insert(k, i),
            None => self.long.insert(id.to_string(), i),
        };
        true
    }

    #[inline]
    pub(super) fn get(&self, id: &str) -> Option<usize> {
        match PayeeIndex::key(id) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(id).copied(),
        }
    }
}

/// A hasher for integer keys: the words are folded and finished with splitmix64's mixer, so
/// every bit of the key reaches the low bits (the bucket) and the high bits (the tag).
#[derive(Default)]
pub struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            for (d, s) in w.iter_mut().zip(chunk) {
                *d = *s;
            }
            self.write_u64(u64::from_le_bytes(w));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(23) ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u128(&mut self, v: u128) {
        let [lo, hi] = [v as u64, (v >> 64) as u64];
        self.write_u64(lo);
        self.write_u64(hi);
    }
}
