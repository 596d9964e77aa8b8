//! Greedy placement of labels in rows so that none overlap and no leader line
//! (drawn straight from the anchor toward the label, through the rows nearer
//! the data) passes through another label.

/// Rows of horizontal intervals; row 0 is the one nearest the anchors.
pub struct RowPlacer {
    rows: Vec<Vec<(f64, f64)>>,
    /// Leaders already drawn: their x and how many rows they pass through
    /// (rows `0..through`).
    leaders: Vec<(f64, usize)>,
    max_rows: usize,
    min_x: f64,
    max_x: f64,
    gap: f64,
}

/// Where a label went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub row: usize,
    pub left: f64,
    /// True when the label spans its anchor (its leader ends at the label's
    /// edge); false when it sits beside the leader, which runs past it.
    pub over_anchor: bool,
}

/// Clearance kept between a leader and a label it passes.
const LEADER_AIR: f64 = 2.0;

impl RowPlacer {
    pub fn new(max_rows: usize, min_x: f64, max_x: f64, gap: f64) -> Self {
        Self {
            rows: Vec::new(),
            leaders: Vec::new(),
            max_rows,
            min_x,
            max_x,
            gap,
        }
    }

    /// How many rows are in use.
    pub fn rows_used(&self) -> usize {
        self.rows.len()
    }

    /// Places a label of `width` for an anchor at `anchor_x`, trying each
    /// left edge in `candidates` in each row from the nearest, clear of the
    /// `obstacles` x-intervals. Labels that must sit over their anchor (entry
    /// labels under their mark) pass `must_cover_anchor`. None when no row has room.
    pub fn place(
        &mut self,
        anchor_x: f64,
        candidates: &[f64],
        width: f64,
        obstacles: &[(f64, f64)],
        must_cover_anchor: bool,
    ) -> Option<Placement> {
        let hits = |a: f64, b: f64, (c, d): (f64, f64)| a < d && c < b;
        for row in 0..self.max_rows {
            for &preferred in candidates {
                let left = preferred.min(self.max_x - width).max(self.min_x);
                let right = left + width;
                let over_anchor = anchor_x >= left - LEADER_AIR && anchor_x <= right + LEADER_AIR;
                if must_cover_anchor && !(anchor_x >= left && anchor_x <= right) {
                    continue;
                }
                let (a, b) = (left - self.gap, right + self.gap);
                if obstacles.iter().any(|&o| hits(left, right, o)) {
                    continue;
                }
                let free = self
                    .rows
                    .get(row)
                    .is_none_or(|r| r.iter().all(|&o| !hits(a, b, o)));
                // Our leader crosses the rows nearer the anchors, and our own
                // row too when the label sits beside it.
                let through = if over_anchor { row } else { row + 1 };
                let leader_clear = self.rows.iter().take(through).all(|r| {
                    r.iter()
                        .all(|&(c, d)| anchor_x < c - LEADER_AIR || anchor_x > d + LEADER_AIR)
                });
                // Leaders already drawn that cross this row must miss us.
                let others_clear = self
                    .leaders
                    .iter()
                    .all(|&(x, t)| t <= row || x < left - LEADER_AIR || x > right + LEADER_AIR);
                if free && leader_clear && others_clear {
                    while self.rows.len() <= row {
                        self.rows.push(Vec::new());
                    }
                    self.rows[row].push((left, right));
                    self.leaders.push((anchor_x, through));
                    return Some(Placement {
                        row,
                        left,
                        over_anchor,
                    });
                }
            }
        }
        None
    }
}

impl RowPlacer {
    /// Puts a label in a new row above all others: its text can then overlap
    /// nothing, though its leader may pass behind labels below it. For
    /// labels that must appear whatever the crowding (key moments).
    pub fn place_in_new_row(
        &mut self,
        anchor_x: f64,
        preferred_left: f64,
        width: f64,
    ) -> Placement {
        let left = preferred_left.min(self.max_x - width).max(self.min_x);
        let row = self.rows.len();
        self.rows.push(vec![(left, left + width)]);
        self.leaders.push((anchor_x, row));
        Placement {
            row,
            left,
            over_anchor: anchor_x >= left && anchor_x <= left + width,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_move_to_the_next_row_and_leaders_stay_clear() {
        let mut p = RowPlacer::new(3, 0.0, 1000.0, 4.0);
        let a = p.place(100.0, &[92.0], 200.0, &[], true).unwrap();
        assert_eq!(a.row, 0);
        // Its leader would cross the first label in every row further out.
        assert_eq!(p.place(150.0, &[142.0], 100.0, &[], true), None);
        let c = p.place(320.0, &[312.0], 100.0, &[], true).unwrap();
        assert_eq!(c.row, 0);
        assert_eq!(p.place(330.0, &[322.0], 100.0, &[], true), None);
        assert_eq!(
            p.place(500.0, &[492.0], 100.0, &[(520.0, 522.0)], true),
            None
        );
    }

    #[test]
    fn labels_beside_their_line_let_moments_at_one_instant_stack() {
        let mut p = RowPlacer::new(3, 0.0, 1000.0, 4.0);
        let x = 500.0;
        let a = p.place(x, &[x + 4.0], 120.0, &[], false).unwrap();
        let b = p.place(x, &[x + 4.0], 120.0, &[], false).unwrap();
        let c = p.place(x, &[x + 4.0], 120.0, &[], false).unwrap();
        assert_eq!((a.row, b.row, c.row), (0, 1, 2));
        assert!(!a.over_anchor);
    }

    #[test]
    fn labels_near_the_edge_are_pulled_inside() {
        let mut p = RowPlacer::new(1, 0.0, 300.0, 4.0);
        let a = p.place(290.0, &[282.0], 100.0, &[], true).unwrap();
        assert_eq!(a.left, 200.0);
    }
}
