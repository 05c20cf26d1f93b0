-- The claim of due targets must read each platform's part of post_platforms_pending_due_idx and stop after its room.
-- With an index on the due time alone beside it, PostgreSQL may instead read every due target of every platform
-- and filter (seen when one platform held most rows: 3,000 rows read for 8 claimed; ClaimQueriesTest). The next due
-- time and the overdue count now probe the per-platform index too (five platforms, five short range scans), so that
-- index is not needed.
drop index post_platforms_next_due_idx;
