//! Reading a log in large line-aligned chunks, plain or gzip (detected by
//! magic bytes), with a cap on line length so memory never follows the
//! longest line or the file size.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::read::MultiGzDecoder;

use crate::error::LogError;

/// Bytes per chunk handed to a worker.
pub const CHUNK: usize = 4 << 20;
/// Longest line kept; the rest of a longer line is skipped.
pub const LINE_CAP: usize = 1 << 20;

/// Where the chunk that starts at `start` ends when [`ChunkReader`] cuts
/// `data` (for in-memory text that must be processed exactly like a file):
/// [`CHUNK`] bytes, back to the last newline.
pub fn chunk_end(data: &[u8], start: usize) -> usize {
    let limit = start.saturating_add(CHUNK);
    if limit > data.len() {
        return data.len();
    }
    match memchr::memrchr(b'\n', &data[start..limit]) {
        Some(p) => start + p + 1,
        None => memchr::memchr(b'\n', &data[limit..]).map_or(data.len(), |p| limit + p + 1),
    }
}

/// Counts bytes taken from the file (compressed bytes for gzip), for
/// progress and for naming the offset of a read error.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A line-aligned piece of the file.
pub struct Chunk {
    pub data: Vec<u8>,
    /// Lines cut at [`LINE_CAP`] inside this chunk.
    pub truncated: u32,
}

pub struct ChunkReader {
    inner: Box<dyn Read + Send>,
    /// Plain files are read directly (the `File` fills the buffer without
    /// zeroing it first) and counted here; gzip input is counted below the
    /// decoder, in compressed bytes.
    count_here: bool,
    carry: Vec<u8>,
    eof: bool,
    skipping: bool,
    pub file_bytes: Arc<AtomicU64>,
    pub gzip: bool,
}

impl ChunkReader {
    pub fn open(path: &Path) -> Result<ChunkReader, LogError> {
        let open_err = |source| LogError::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut file = File::open(path).map_err(open_err)?;
        let mut magic = [0u8; 2];
        let n = file.read(&mut magic).map_err(open_err)?;
        let file = File::open(path).map_err(open_err)?;
        let count = Arc::new(AtomicU64::new(0));
        let gzip = n == 2 && magic == [0x1f, 0x8b];
        let inner: Box<dyn Read + Send> = if gzip {
            let counted = Counting {
                inner: file,
                count: Arc::clone(&count),
            };
            Box::new(MultiGzDecoder::new(BufReader::with_capacity(
                1 << 20,
                counted,
            )))
        } else {
            Box::new(file)
        };
        Ok(ChunkReader {
            inner,
            count_here: !gzip,
            carry: Vec::new(),
            eof: false,
            skipping: false,
            file_bytes: count,
            gzip,
        })
    }

    /// The next chunk, ending after a newline (or at the end of the file),
    /// read into `buf` (a buffer handed back by a worker, or a new one).
    pub fn next_chunk(&mut self, mut buf: Vec<u8>) -> io::Result<Option<Chunk>> {
        buf.clear();
        buf.reserve(CHUNK);
        buf.extend_from_slice(&self.carry);
        self.carry.clear();
        let mut truncated = 0;
        loop {
            while buf.len() < CHUNK && !self.eof {
                let start = buf.len();
                let want = (CHUNK - start) as u64;
                let res = (&mut self.inner).take(want).read_to_end(&mut buf);
                let n = (buf.len() - start) as u64;
                if self.count_here {
                    self.file_bytes.fetch_add(n, Ordering::Relaxed);
                }
                match res {
                    Ok(_) if n < want => self.eof = true,
                    Ok(_) => {}
                    Err(e) => {
                        // Keep what was read before the error for the caller.
                        self.eof = true;
                        self.carry = buf;
                        return Err(e);
                    }
                }
                if self.skipping {
                    // Drop the rest of an over-long line.
                    match memchr::memchr(b'\n', &buf[start..]) {
                        Some(p) => {
                            buf.drain(start..=start + p);
                            self.skipping = false;
                        }
                        None => buf.truncate(start),
                    }
                }
            }
            if buf.is_empty() {
                return Ok(None);
            }
            if let Some(p) = memchr::memrchr(b'\n', &buf) {
                self.carry.extend_from_slice(&buf[p + 1..]);
                buf.truncate(p + 1);
                return Ok(Some(Chunk {
                    data: buf,
                    truncated,
                }));
            }
            if self.eof {
                return Ok(Some(Chunk {
                    data: buf,
                    truncated,
                }));
            }
            if buf.len() >= LINE_CAP {
                buf.truncate(LINE_CAP);
                buf.push(b'\n');
                truncated += 1;
                self.skipping = true;
                return Ok(Some(Chunk {
                    data: buf,
                    truncated,
                }));
            }
        }
    }

    /// Any bytes of a failed read that were kept for the caller.
    pub fn take_carry(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.carry)
    }
}
