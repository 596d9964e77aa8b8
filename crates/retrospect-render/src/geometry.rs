//! Plain geometry for the layouts: rectangles for text boxes and segments for
//! the lines between them. Tests use these to prove that nothing overlaps.

/// An axis-aligned rectangle in SVG user units (pixels), `x`/`y` its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn center_y(&self) -> f64 {
        self.y + self.height / 2.0
    }

    /// True when the interiors intersect; rectangles that only touch do not overlap.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The same rectangle grown by `by` on every side (negative shrinks it).
    pub fn inflate(&self, by: f64) -> Rect {
        Rect::new(
            self.x - by,
            self.y - by,
            self.width + 2.0 * by,
            self.height + 2.0 * by,
        )
    }

    /// The smallest rectangle containing both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// True when `other` lies entirely inside this rectangle.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }
}

/// A straight line from (x1, y1) to (x2, y2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

impl Segment {
    pub fn new(x1: f64, y1: f64, x2: f64, y2: f64) -> Self {
        Self { x1, y1, x2, y2 }
    }

    /// True when the segment passes through the interior of `rect` (touching an
    /// edge, as a connector meeting its box does, is not crossing).
    pub fn crosses(&self, rect: &Rect) -> bool {
        // Liang-Barsky clipping against the open rectangle.
        let (dx, dy) = (self.x2 - self.x1, self.y2 - self.y1);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        let checks = [
            (-dx, self.x1 - rect.x),
            (dx, rect.right() - self.x1),
            (-dy, self.y1 - rect.y),
            (dy, rect.bottom() - self.y1),
        ];
        for (p, q) in checks {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 >= t1 {
                    return false;
                }
            }
        }
        t1 - t0 > 1e-9
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_rectangles_do_not_overlap() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0)));
        assert!(a.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0)));
    }

    #[test]
    fn a_segment_ending_on_an_edge_does_not_cross() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(!Segment::new(10.0, 5.0, 20.0, 5.0).crosses(&r));
        assert!(!Segment::new(0.0, 0.0, 10.0, 0.0).crosses(&r));
        assert!(Segment::new(-5.0, 5.0, 20.0, 5.0).crosses(&r));
        assert!(Segment::new(-5.0, -5.0, 5.0, 5.0).crosses(&r));
        assert!(!Segment::new(-5.0, 20.0, 20.0, 15.0).crosses(&r));
    }
}
