//! A 64-bit hash of name keys for the sorted name index.
//!
//! The index stores only key hashes, not keys (see `NameIndex` in lib.rs):
//! that makes loading several times faster than a `HashMap<String, _>`.
//! Collisions are checked for when the index is built, so the hash only has
//! to be good, not cryptographic: an Fx-style multiply-rotate over 8-byte
//! words, finished with the splitmix64 mixer.

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Hash of `key` under `seed`.
pub(crate) fn key_hash(key: &str, seed: u64) -> u64 {
    let bytes = key.as_bytes();
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    splitmix(h)
}

fn splitmix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::key_hash;

    #[test]
    fn differs_on_small_changes_and_seeds() {
        let a = key_hash("kyiv", 0);
        assert_ne!(a, key_hash("kyiw", 0));
        assert_ne!(a, key_hash("kyiv ", 0));
        assert_ne!(a, key_hash("kyiv", 1));
        assert_ne!(key_hash("", 0), key_hash("\0", 0));
        assert_eq!(a, key_hash("kyiv", 0));
    }
}
