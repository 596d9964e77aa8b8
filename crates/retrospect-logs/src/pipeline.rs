//! The parallel pass over one file: a reader thread cuts line-aligned
//! chunks, workers take lines apart and mask them (the expensive part), and
//! the caller receives chunk results in file order. Only the distinct
//! masked sequences of a chunk go on to the (sequential) miner, which keeps
//! mining deterministic whatever the number of threads.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

use crate::error::{LogError, Warning};
use crate::mask::{MAX_MESSAGE, Masked, hash_bytes};
use crate::memory::{reference_instant, split_lines};
use crate::miner::IdMap;
use crate::options::Options;
use crate::profile::{Profile, SAMPLE_LINES};
use crate::reader::{Chunk, ChunkReader};
use crate::summary::ChunkSummary;
use crate::time::{Recent, Timestamp, YearTracker, base_year};

/// Marks a line that continues the previous record.
pub const CONTINUATION: u32 = u32::MAX;

/// One line after the worker pass.
#[derive(Clone, Copy, Debug)]
pub struct LineRec {
    /// Index into the chunk's `distinct`, or [`CONTINUATION`].
    pub local: u32,
    pub ts: Option<Timestamp>,
}

/// A masked sequence first seen in a chunk, with its first raw line.
pub struct Distinct {
    pub masked: Masked,
    pub example: String,
}

pub struct ChunkOut {
    /// Per-line results, only when the caller asked for them (`mine`).
    pub lines: Vec<LineRec>,
    /// Aggregates of the chunk's lines, always.
    pub summary: ChunkSummary,
    pub distinct: Vec<Distinct>,
    pub truncated: u32,
    /// Bytes of the file consumed so far (compressed for gzip).
    pub file_bytes: u64,
}

/// What the caller learns before any chunk arrives.
pub struct FileStart {
    pub profile: Profile,
    pub gzip: bool,
    pub size: Option<u64>,
}

const EXAMPLE_BYTES: usize = 300;
/// Seed of the raw-message hash (distinct from the masked-sequence one).
const REPEAT_SEED: u64 = 0x2545_f491_4f6c_dd1d;

fn process(
    chunk: &Chunk,
    profile: &Profile,
    opts: &Options,
    start_year: i32,
    first: bool,
    keep_lines: bool,
) -> ChunkOut {
    let mut seen: IdMap<u32> = IdMap::default();
    let mut repeats: IdMap<(&[u8], u32)> = IdMap::default();
    let mut distinct = Vec::new();
    let mut lines = Vec::new();
    let mut summary = ChunkSummary::default();
    let mut years = YearTracker::new(start_year);
    let mut masked = Masked::default();
    let mut have_record = !first;
    let mut recent = Recent::default();
    let mut zone = opts.local_zone();
    for line in split_lines(&chunk.data) {
        let line = &line[..line.len().min(opts.max_line)];
        let v = profile.view_with(line, &mut recent);
        let ts = v.found.and_then(|f| years.resolve_in(&f.raw, &mut zone));
        if v.found.is_none() && profile.time.is_some() && have_record {
            summary.note(None, None, None, opts.window);
            if keep_lines {
                lines.push(LineRec {
                    local: CONTINUATION,
                    ts: None,
                });
            }
            continue;
        }
        have_record = true;
        // A message repeated word for word masks the same: look it up
        // before masking (compared byte for byte, so never mistaken).
        let msg = &v.msg[..v.msg.len().min(MAX_MESSAGE)];
        let msg_hash = hash_bytes(REPEAT_SEED, msg);
        let local = match repeats.get(&msg_hash) {
            Some(&(earlier, local)) if earlier == msg => local,
            _ => {
                masked.fill(msg);
                let local = *seen.entry(masked.hash).or_insert_with(|| {
                    let cut = line.len().min(EXAMPLE_BYTES);
                    distinct.push(Distinct {
                        masked: masked.clone(),
                        example: String::from_utf8_lossy(&line[..cut]).into_owned(),
                    });
                    distinct.len() as u32 - 1
                });
                repeats.insert(msg_hash, (msg, local));
                local
            }
        };
        summary.note(Some(local), ts, v.level, opts.window);
        if keep_lines {
            lines.push(LineRec { local, ts });
        }
    }
    ChunkOut {
        lines,
        summary,
        distinct,
        truncated: chunk.truncated,
        file_bytes: 0,
    }
}

/// First year-less-capable timestamp of a chunk, to carry the year across.
fn first_raw(chunk: &Chunk, profile: &Profile) -> Option<crate::time::Raw> {
    let fmt = profile.time?;
    split_lines(&chunk.data)
        .take(64)
        .find_map(|l| crate::time::find(l, fmt).map(|f| f.raw))
}

/// Runs the pass over one file. `on_start` sees the profile; `on_chunk`
/// gets every chunk's result in order. Read errors after the start become
/// a warning: what was read is kept.
pub fn run(
    path: &Path,
    opts: &Options,
    keep_lines: bool,
    on_start: &mut dyn FnMut(&FileStart),
    on_chunk: &mut dyn FnMut(ChunkOut),
) -> Result<Vec<Warning>, LogError> {
    let mut reader = ChunkReader::open(path)?;
    let meta = std::fs::metadata(path).ok();
    let mtime = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| Timestamp::from_secs(d.as_secs() as i64));
    let mut warnings = Vec::new();
    let warn = |line: Option<u64>, message: String| Warning {
        path: path.to_path_buf(),
        line,
        message,
    };
    let first = match reader.next_chunk(Vec::new()) {
        Ok(c) => c,
        Err(e) => {
            let at = reader.file_bytes.load(std::sync::atomic::Ordering::Relaxed);
            warnings.push(warn(
                None,
                format!("reading stopped near byte {at} ({e}); the lines before it were used. A gzip file may be truncated."),
            ));
            let rest = reader.take_carry();
            (!rest.is_empty()).then_some(Chunk {
                data: rest,
                truncated: 0,
            })
        }
    };
    let Some(first) = first else {
        if warnings.is_empty() {
            warnings.push(warn(None, "the file is empty".into()));
        }
        return Ok(warnings);
    };
    let head = &first.data[..first.data.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err(LogError::Binary {
            path: path.to_path_buf(),
            sample: head.len(),
        });
    }
    let sample: Vec<&[u8]> = split_lines(&first.data).take(SAMPLE_LINES).collect();
    let profile = Profile::learn(&sample);
    if profile.time.is_none() {
        warnings.push(warn(
            None,
            "no timestamps were recognised in the first lines; lines are mined without times"
                .into(),
        ));
    }
    on_start(&FileStart {
        profile,
        gzip: reader.gzip,
        size: meta.map(|m| m.len()),
    });
    let reference = reference_instant(opts, mtime);
    let threads = opts.worker_threads().max(1);
    let file_bytes = Arc::clone(&reader.file_bytes);
    let mut read_error = None;
    std::thread::scope(|s| {
        let (tx, rx) = sync_channel::<(u64, Chunk, i32)>(threads * 2);
        let (otx, orx) = sync_channel::<(u64, ChunkOut)>(threads * 2);
        // Read buffers go back to the reader once processed: no fresh
        // 4 MiB allocation (and page faults) per chunk.
        let (pool_tx, pool_rx) = sync_channel::<Vec<u8>>(threads * 2 + 2);
        let rx: Arc<Mutex<Receiver<(u64, Chunk, i32)>>> = Arc::new(Mutex::new(rx));
        for _ in 0..threads {
            let rx = Arc::clone(&rx);
            let otx = otx.clone();
            let pool_tx = pool_tx.clone();
            let fb = Arc::clone(&file_bytes);
            s.spawn(move || {
                loop {
                    let job = rx.lock().ok().and_then(|r| r.recv().ok());
                    let Some((seq, chunk, year)) = job else { break };
                    let mut out = process(&chunk, &profile, opts, year, seq == 0, keep_lines);
                    out.file_bytes = fb.load(std::sync::atomic::Ordering::Relaxed);
                    let _ = pool_tx.try_send(chunk.data);
                    if otx.send((seq, out)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(pool_tx);
        drop(otx);
        let reader_handle = s.spawn(move || {
            let mut years: Option<YearTracker> = None;
            let mut seq = 0u64;
            let mut chunk = Some(first);
            while let Some(c) = chunk.take() {
                let year = match first_raw(&c, &profile) {
                    Some(raw) => {
                        let t = years.get_or_insert_with(|| {
                            YearTracker::new(base_year(&raw, opts.year, reference))
                        });
                        t.resolve(&raw, 0);
                        t.year
                    }
                    None => years.map_or_else(|| opts.year.unwrap_or(1970), |t| t.year),
                };
                if tx.send((seq, c, year)).is_err() {
                    return None;
                }
                seq += 1;
                match reader.next_chunk(pool_rx.try_recv().unwrap_or_default()) {
                    Ok(next) => chunk = next,
                    Err(e) => {
                        let at = reader.file_bytes.load(std::sync::atomic::Ordering::Relaxed);
                        let rest = reader.take_carry();
                        if !rest.is_empty() {
                            let _ = tx.send((
                                seq,
                                Chunk {
                                    data: rest,
                                    truncated: 0,
                                },
                                years.map_or(1970, |t| t.year),
                            ));
                        }
                        return Some((e, at));
                    }
                }
            }
            None
        });
        let mut pending: BTreeMap<u64, ChunkOut> = BTreeMap::new();
        let mut next = 0u64;
        for (seq, out) in orx {
            pending.insert(seq, out);
            while let Some(out) = pending.remove(&next) {
                on_chunk(out);
                next += 1;
            }
        }
        read_error = reader_handle.join().ok().flatten();
    });
    if let Some((e, at)) = read_error {
        warnings.push(warn(
            None,
            format!("reading stopped near byte {at} ({e}); the lines before it were used. A gzip file may be truncated."),
        ));
    }
    Ok(warnings)
}
