//! The miner: a hash cache of masked sequences in front of the Drain tree,
//! and the final post-pass that merges clusters into templates.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::drain::{Drain, DrainConfig, WILD};
use crate::mask::Masked;
use crate::{merge, variants};

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

/// A Drain cluster refined by the words its lines carry at the cluster's
/// tracked positions (see `variants`): the unit that counts and maps to a
/// final template.
#[derive(Clone, Debug)]
pub struct Leaf {
    pub cluster: u32,
    /// The line's token at each tracked position of the cluster, in
    /// tracking order (`WILD` where the position is already a variable).
    /// Positions tracked later are absent: such lines carry the original
    /// constant there.
    pub words: Box<[u32]>,
}

/// Streaming miner: call [`Miner::mine`] per message, then [`Miner::finish`].
/// Ids returned are leaf ids.
pub struct Miner {
    pub drain: Drain,
    cache: IdMap<u32>,
    pub leaves: Vec<Leaf>,
    leaf_ids: HashMap<(u32, Box<[u32]>), u32>,
    masked: Masked,
    seq: Vec<u32>,
    key: Vec<u32>,
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
            leaves: Vec::new(),
            leaf_ids: HashMap::new(),
            masked: Masked::default(),
            seq: Vec::new(),
            key: Vec::new(),
        }
    }

    /// Masks a message and returns its leaf id.
    pub fn mine(&mut self, msg: &[u8]) -> u32 {
        let mut masked = std::mem::take(&mut self.masked);
        masked.fill(msg);
        let id = self.mine_masked(&masked);
        self.masked = masked;
        id
    }

    /// Leaf id for an already masked message (hash computed).
    pub fn mine_masked(&mut self, m: &Masked) -> u32 {
        if let Some(&id) = self.cache.get(&m.hash) {
            return id;
        }
        let mut seq = std::mem::take(&mut self.seq);
        self.drain.intern(m, &mut seq);
        let cluster = self.drain.add(&seq);
        let id = self.leaf(cluster, &seq);
        self.seq = seq;
        if self.cache.len() < MAX_CACHE {
            self.cache.insert(m.hash, id);
        }
        id
    }

    fn leaf(&mut self, cluster: u32, seq: &[u32]) -> u32 {
        self.key.clear();
        for pw in &self.drain.words[cluster as usize] {
            self.key.push(if pw.variable {
                WILD
            } else {
                seq[usize::from(pw.pos)]
            });
        }
        let probe = (cluster, std::mem::take(&mut self.key).into_boxed_slice());
        if let Some(&id) = self.leaf_ids.get(&probe) {
            self.key = probe.1.into_vec();
            return id;
        }
        let id = self.leaves.len() as u32;
        self.leaves.push(Leaf {
            cluster,
            words: probe.1.clone(),
        });
        self.leaf_ids.insert(probe, id);
        id
    }

    /// Looks up a masked message without learning (second pass).
    pub fn lookup(&self, hash: u64) -> Option<u32> {
        self.cache.get(&hash).copied()
    }

    pub fn clusters(&self) -> usize {
        self.drain.templates.len()
    }

    /// Runs the post-passes (merge, then split by word variety): returns,
    /// per leaf, the final template index, and the final templates as text.
    pub fn finish(&self) -> (Vec<u32>, Vec<String>) {
        let groups = merge::merge(&self.drain);
        variants::finish(&self.drain, &groups, &self.leaves)
    }
}
