//! Which lane each entry belongs to, and clustering of marks that would overlap.

use retrospect_domain::{EntryState, LocalId, PostMortem, TimelineEntry};

/// The lane for entries typed in by people.
pub const MANUAL: &str = "manual";
/// Lanes beyond this many are folded into one, to keep the picture readable.
pub const MAX_LANES: usize = 12;
const OTHER: &str = "other sources";

/// Entries worth drawing: not hidden and not dismissed, in time order.
pub fn drawable(pm: &PostMortem) -> Vec<&TimelineEntry> {
    let mut entries: Vec<&TimelineEntry> = pm
        .timeline
        .iter()
        .filter(|t| !t.hidden && t.state != EntryState::Dismissed)
        .collect();
    entries.sort_by_key(|t| (t.at, t.id));
    entries
}

/// The lane name for one entry: its source, else its evidence's name, else manual.
pub fn lane_of(pm: &PostMortem, entry: &TimelineEntry) -> String {
    let source = entry.source.trim();
    if !source.is_empty() {
        return crate::escape::collapse_whitespace(source);
    }
    match &entry.evidence {
        Some(r) => pm
            .evidence
            .iter()
            .find(|e| e.id == r.evidence)
            .map(|e| e.name.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("E{}", r.evidence)),
        None => MANUAL.to_string(),
    }
}

/// Entries grouped by lane: manual first, the others in order of their first
/// entry; lanes past MAX_LANES are folded into "other sources".
pub fn group_lanes<'a>(
    pm: &PostMortem,
    entries: &[&'a TimelineEntry],
) -> Vec<(String, Vec<&'a TimelineEntry>)> {
    let mut lanes: Vec<(String, Vec<&'a TimelineEntry>)> = Vec::new();
    for &e in entries {
        let name = lane_of(pm, e);
        match lanes.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list.push(e),
            None => lanes.push((name, vec![e])),
        }
    }
    if let Some(pos) = lanes
        .iter()
        .position(|(n, _)| n.eq_ignore_ascii_case(MANUAL))
    {
        let manual = lanes.remove(pos);
        lanes.insert(0, manual);
    }
    if lanes.len() > MAX_LANES {
        let rest = lanes.split_off(MAX_LANES - 1);
        let mut folded: Vec<&TimelineEntry> = rest.into_iter().flat_map(|(_, l)| l).collect();
        folded.sort_by_key(|t| (t.at, t.id));
        lanes.push((OTHER.to_string(), folded));
    }
    lanes
}

/// A run of entries drawn as one mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub x: f64,
    pub radius: f64,
    pub entries: Vec<LocalId>,
    pub proposed: usize,
    pub first_second: i64,
    pub last_second: i64,
}

/// Radius of a mark for `n` entries: a dot for one, room for the count otherwise.
pub fn radius_for(n: usize) -> f64 {
    match n {
        0 | 1 => 5.5,
        2..=9 => 9.0,
        10..=99 => 11.0,
        100..=999 => 13.5,
        _ => 16.0,
    }
}

/// Air between neighbouring marks.
const MARK_GAP: f64 = 2.0;

/// Merges entries whose marks would touch into clusters (with counts). A
/// stack keeps it one pass: a new mark merges with the one before while they
/// collide, and a merged mark can only move toward its left neighbour, which
/// the loop checks again.
pub fn cluster(entries: &[(&TimelineEntry, f64)]) -> Vec<Cluster> {
    let mut stack: Vec<(Cluster, f64)> = Vec::new(); // cluster and the sum of its xs
    for &(e, x) in entries {
        let proposed = usize::from(e.state == EntryState::Proposed);
        let second = e.at.as_second();
        let mut current = (
            Cluster {
                x,
                radius: radius_for(1),
                entries: vec![e.id],
                proposed,
                first_second: second,
                last_second: second,
            },
            x,
        );
        while let Some((top, top_sum)) = stack.last_mut() {
            if current.0.x - top.x >= top.radius + current.0.radius + MARK_GAP {
                break;
            }
            let sum = *top_sum + current.1;
            top.entries.append(&mut current.0.entries);
            top.proposed += current.0.proposed;
            top.first_second = top.first_second.min(current.0.first_second);
            top.last_second = top.last_second.max(current.0.last_second);
            top.x = sum / top.entries.len() as f64;
            top.radius = radius_for(top.entries.len());
            current = match stack.pop() {
                Some((c, _)) => (c, sum),
                None => break,
            };
        }
        stack.push(current);
    }
    stack.into_iter().map(|(c, _)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use retrospect_domain::Timestamp;

    fn entry(id: LocalId, second: i64) -> TimelineEntry {
        let mut e = TimelineEntry::new(Timestamp::from_second(second).unwrap(), "x").unwrap();
        e.id = id;
        e
    }

    #[test]
    fn close_marks_merge_and_far_ones_do_not() {
        let es: Vec<TimelineEntry> = (0..5).map(|i| entry(i, i as i64)).collect();
        let input: Vec<(&TimelineEntry, f64)> = vec![
            (&es[0], 10.0),
            (&es[1], 11.0),
            (&es[2], 12.0),
            (&es[3], 100.0),
            (&es[4], 300.0),
        ];
        let c = cluster(&input);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].entries, vec![0, 1, 2]);
        assert!((c[0].x - 11.0).abs() < 1e-9);
        assert_eq!(c[1].entries, vec![3]);
    }

    #[test]
    fn clustered_marks_never_touch() {
        let es: Vec<TimelineEntry> = (0..500).map(|i| entry(i, i as i64)).collect();
        let input: Vec<(&TimelineEntry, f64)> = es
            .iter()
            .enumerate()
            .map(|(i, e)| (e, (i * i % 997) as f64 + (i as f64) * 0.5))
            .collect();
        let mut sorted = input.clone();
        sorted.sort_by(|a, b| a.1.total_cmp(&b.1));
        let c = cluster(&sorted);
        assert_eq!(c.iter().map(|c| c.entries.len()).sum::<usize>(), 500);
        for w in c.windows(2) {
            assert!(w[1].x - w[0].x >= w[0].radius + w[1].radius + MARK_GAP - 1e-9);
        }
    }
}
