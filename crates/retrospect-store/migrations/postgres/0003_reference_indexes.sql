-- Indexes on the referencing side of foreign keys. Without them, deleting a
-- referenced row (which every save does when it rewrites a post-mortem's
-- parts) makes the database scan the whole referencing table to check that
-- nothing still points at it, so saves got slower as the database grew.

CREATE INDEX timeline_entries_evidence ON timeline_entries (postmortem_id, evidence_id);
CREATE INDEX causes_parent ON causes (postmortem_id, parent_id);
CREATE INDEX cause_timeline_refs_entry ON cause_timeline_refs (postmortem_id, entry_id);
CREATE INDEX cause_evidence_refs_evidence ON cause_evidence_refs (postmortem_id, evidence_id);
CREATE INDEX action_causes_cause ON action_causes (postmortem_id, cause_id);
CREATE INDEX audit_log_user ON audit_log (user_id);
