//! Key moments of an event and the durations derived from them.

use serde::{Deserialize, Serialize};

use crate::{DomainError, PostMortem, Timestamp};

/// A key moment: the four standard ones, or a custom name ("customer notified").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MomentKind {
    Started,
    Detected,
    Mitigated,
    Resolved,
    Custom(String),
}

impl MomentKind {
    pub fn name(&self) -> &str {
        match self {
            MomentKind::Started => "started",
            MomentKind::Detected => "detected",
            MomentKind::Mitigated => "mitigated",
            MomentKind::Resolved => "resolved",
            MomentKind::Custom(name) => name,
        }
    }

    /// Standard names map to their variants; anything else is a custom moment.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim();
        Ok(match t.to_ascii_lowercase().as_str() {
            "" => {
                return Err(DomainError::Empty {
                    field: "key moment name",
                });
            }
            "started" | "start" | "began" | "impact started" => MomentKind::Started,
            "detected" | "detect" | "detection" => MomentKind::Detected,
            "mitigated" | "mitigate" | "mitigation" => MomentKind::Mitigated,
            "resolved" | "resolve" | "resolution" | "fixed" => MomentKind::Resolved,
            _ => MomentKind::Custom(t.to_string()),
        })
    }

    /// The usual order of the standard moments; custom ones have no place in it.
    fn rank(&self) -> Option<u8> {
        match self {
            MomentKind::Started => Some(0),
            MomentKind::Detected => Some(1),
            MomentKind::Mitigated => Some(2),
            MomentKind::Resolved => Some(3),
            MomentKind::Custom(_) => None,
        }
    }
}

impl std::fmt::Display for MomentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for MomentKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for MomentKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MomentKind::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// When a key moment happened, with the zone it was first written in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyMoment {
    pub kind: MomentKind,
    pub at: Timestamp,
    /// The original UTC offset (`+02:00`) or zone name (`America/Los_Angeles`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Time to detect, mitigate and resolve, each measured from the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Durations {
    pub time_to_detect_seconds: Option<i64>,
    pub time_to_mitigate_seconds: Option<i64>,
    pub time_to_resolve_seconds: Option<i64>,
}

/// A key moment that is out of the usual order. It is a warning, not a refusal:
/// real events are messy, and people sometimes detect a problem before it "starts".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MomentWarning {
    pub message: String,
}

impl PostMortem {
    pub fn moment(&self, kind: &MomentKind) -> Option<&KeyMoment> {
        self.key_moments.iter().find(|m| &m.kind == kind)
    }

    /// Sets a key moment, replacing an earlier value of the same kind. Returns
    /// warnings when the moments are now out of order.
    pub fn set_moment(&mut self, moment: KeyMoment) -> Vec<MomentWarning> {
        match self.key_moments.iter_mut().find(|m| m.kind == moment.kind) {
            Some(existing) => *existing = moment,
            None => self.key_moments.push(moment),
        }
        self.key_moments.sort_by_key(|m| (m.kind.rank(), m.at));
        self.moment_warnings()
    }

    pub fn remove_moment(&mut self, kind: &MomentKind) -> Result<KeyMoment, DomainError> {
        let pos = self
            .key_moments
            .iter()
            .position(|m| &m.kind == kind)
            .ok_or_else(|| DomainError::Invalid {
                what: "key moment",
                value: kind.to_string(),
                hint: "it has not been set yet".into(),
            })?;
        Ok(self.key_moments.remove(pos))
    }

    pub fn durations(&self) -> Durations {
        let at = |k: MomentKind| self.moment(&k).map(|m| m.at);
        let since_start = |k: MomentKind| {
            let start = at(MomentKind::Started)?;
            Some(at(k)?.as_second() - start.as_second())
        };
        Durations {
            time_to_detect_seconds: since_start(MomentKind::Detected),
            time_to_mitigate_seconds: since_start(MomentKind::Mitigated),
            time_to_resolve_seconds: since_start(MomentKind::Resolved),
        }
    }

    /// Pairs of standard moments whose times contradict their usual order.
    pub fn moment_warnings(&self) -> Vec<MomentWarning> {
        let standard: Vec<&KeyMoment> = self
            .key_moments
            .iter()
            .filter(|m| m.kind.rank().is_some())
            .collect();
        let mut warnings = Vec::new();
        for (i, earlier) in standard.iter().enumerate() {
            for later in &standard[i + 1..] {
                if later.at < earlier.at {
                    warnings.push(MomentWarning {
                        message: format!(
                            "'{}' ({}) is before '{}' ({}); is one of them mistyped?",
                            later.kind, later.at, earlier.kind, earlier.at
                        ),
                    });
                }
            }
        }
        warnings
    }
}

/// Formats a number of seconds as "1h 05m", "12m 30s" or "45s" for people to read.
pub fn human_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (d, h, m, sec) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    if d > 0 {
        format!("{sign}{d}d {h:02}h {m:02}m")
    } else if h > 0 {
        format!("{sign}{h}h {m:02}m")
    } else if m > 0 {
        format!("{sign}{m}m {sec:02}s")
    } else {
        format!("{sign}{sec}s")
    }
}
