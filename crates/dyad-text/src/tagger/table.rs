//! A read-only open-addressing hash table from feature key to a slice of the
//! weight array.
//!
//! Keys are already well-mixed 64-bit hashes (see `features::finish`), so
//! the table indexes by their low bits directly and never hashes again. Each
//! slot is 16 bytes, so a lookup usually touches one cache line; linear
//! probing at a load factor of at most one half keeps misses (unknown
//! words, the common case for rare templates) short.

#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

pub(crate) struct Table {
    slots: Box<[Slot]>,
    mask: usize,
    len: usize,
}

impl Table {
    pub fn with_capacity(n: usize) -> Table {
        let cap = (n * 2).next_power_of_two().max(16);
        Table { slots: vec![Slot::default(); cap].into_boxed_slice(), mask: cap - 1, len: 0 }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Adds `key`; returns false (and changes nothing) if it is already
    /// there or is the reserved empty key 0, or if the table is full.
    pub fn insert(&mut self, key: u64, start: u32, len: u32) -> bool {
        if key == 0 || self.len * 2 >= self.slots.len() {
            return false;
        }
        let mut i = key as usize & self.mask;
        loop {
            let slot = &mut self.slots[i];
            if slot.key == key {
                return false;
            }
            if slot.key == 0 {
                *slot = Slot { key, start, len };
                self.len += 1;
                return true;
            }
            i = (i + 1) & self.mask;
        }
    }

    #[inline]
    pub fn get(&self, key: u64) -> Option<(u32, u32)> {
        let mut i = key as usize & self.mask;
        loop {
            // The mask keeps `i` in bounds; the compiler cannot see it.
            let slot = self.slots[i];
            if slot.key == key {
                return Some((slot.start, slot.len));
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Every entry as (key, start, len), in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u32, u32)> + '_ {
        self.slots.iter().filter(|s| s.key != 0).map(|s| (s.key, s.start, s.len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_and_reject_duplicates() {
        let mut t = Table::with_capacity(3);
        assert!(t.insert(5, 1, 2));
        assert!(t.insert(5 + 16, 3, 4)); // same home slot, probes on
        assert!(!t.insert(5, 9, 9));
        assert!(!t.insert(0, 0, 0));
        assert_eq!(t.get(5), Some((1, 2)));
        assert_eq!(t.get(21), Some((3, 4)));
        assert_eq!(t.get(37), None);
        assert_eq!(t.len(), 2);
    }
}
