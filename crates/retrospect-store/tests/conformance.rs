//! The conformance suite: every story runs on SQLite (always, on a temporary
//! file) and on PostgreSQL (when `RETROSPECT_TEST_DATABASE_URL` names a server;
//! each test gets its own database, created and dropped here).
//!
//! Without that variable the PostgreSQL half says "SKIPPED (PostgreSQL)" on
//! stderr and passes, except under `CI=true`, where it fails.

#[path = "conformance/fixtures.rs"]
mod fixtures;
#[path = "conformance/harness.rs"]
mod harness;
#[path = "conformance/postgres_only.rs"]
mod postgres_only;
#[path = "conformance/sqlite_only.rs"]
mod sqlite_only;
#[path = "conformance/stories/mod.rs"]
mod stories;

harness::on_both_backends!(
    full_postmortem_round_trips,
    every_header_value_and_empty_parts_round_trip,
    missing_postmortems_are_not_found,
    list_filters_and_orders,
    update_bumps_the_version_and_replaces_every_part,
    a_stale_update_is_refused_and_changes_nothing,
    a_stale_delete_is_refused,
    create_many_is_all_or_nothing,
    an_update_failing_halfway_leaves_the_previous_state,
    invalid_input_is_refused_with_a_clear_error,
    racing_updates_from_two_tasks_one_wins,
    racing_updates_from_two_instances_one_wins,
    concurrent_writers_all_succeed,
    readers_see_whole_versions,
    actions_across_postmortems,
    readers_list_only_what_they_may_read,
    reopening_keeps_everything,
    migrations_applied_again_change_nothing,
    a_real_log_becomes_a_long_timeline,
    real_postmortems_round_trip,
    users_are_unique_ignoring_case,
    only_one_first_user_is_ever_created,
    teams_and_their_members,
    sessions_expire_and_can_be_ended,
    api_tokens_are_found_by_hash_and_revoked,
    failed_sign_ins_are_counted_in_a_window,
    the_audit_outlives_the_postmortem,
);
