//! The miner: a hash cache of masked sequences in front of the Drain tree,
//! and the final post-pass that merges clusters into templates.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::drain::{Drain, DrainConfig};
use crate::mask::Masked;
use crate::merge;

/// The masked-sequence hash is already well mixed: use it as is.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Most distinct masked sequences we remember; beyond it, misses go to the
/// tree every time (slower, same memory).
pub const MAX_CACHE: usize = 2_000_000;

/// Streaming miner: call [`Miner::mine`] per message, then [`Miner::finish`].
pub struct Miner {
    pub drain: Drain,
    cache: IdMap<u32>,
    masked: Masked,
    seq: Vec<u32>,
}

impl Default for Miner {
    fn default() -> Self {
        Miner::new(DrainConfig::default())
    }
}

impl Miner {
    pub fn new(cfg: DrainConfig) -> Self {
        Miner {
            drain: Drain::new(cfg),
            cache: IdMap::default(),
            masked: Masked::default(),
            seq: Vec::new(),
        }
    }

    /// Masks a message and returns its cluster id.
    pub fn mine(&mut self, msg: &[u8]) -> u32 {
        let mut masked = std::mem::take(&mut self.masked);
        masked.fill(msg);
        let id = self.mine_masked(&masked);
        self.masked = masked;
        id
    }

    /// Cluster id for an already masked message (hash computed).
    pub fn mine_masked(&mut self, m: &Masked) -> u32 {
        if let Some(&id) = self.cache.get(&m.hash) {
            return id;
        }
        let mut seq = std::mem::take(&mut self.seq);
        self.drain.intern(m, &mut seq);
        let id = self.drain.add(&seq);
        self.seq = seq;
        if self.cache.len() < MAX_CACHE {
            self.cache.insert(m.hash, id);
        }
        id
    }

    /// Looks up a masked message without learning (second pass).
    pub fn lookup(&self, hash: u64) -> Option<u32> {
        self.cache.get(&hash).copied()
    }

    pub fn clusters(&self) -> usize {
        self.drain.templates.len()
    }

    /// Runs the post-pass: returns, per cluster, the final template index,
    /// and the final templates as text.
    pub fn finish(&self) -> (Vec<u32>, Vec<String>) {
        merge::merge(&self.drain)
    }
}
