-- The dispatcher's two claim queries walk these partial indexes in order and stop after the rows they take, however
-- many targets are due: due pending targets by due time with a post's targets next to each other, and publishing
-- targets by lease expiry. They replace the index on (status, next_attempt_at), which could serve neither without
-- a sort of the whole backlog.
create index post_platforms_pending_due_idx on post_platforms (next_attempt_at, post_id, id)
    where status = 'pending';
create index post_platforms_lease_idx on post_platforms (lease_expires_at)
    where status = 'publishing';
drop index post_platforms_due_idx;

-- Wakes every dispatcher listening on 'poststride_due' when a target becomes due or changes its due time, in the
-- transaction that makes the change (PostgreSQL delivers it at commit, once per transaction and channel).
create function post_platforms_notify_due() returns trigger language plpgsql as $$
begin
    perform pg_notify('poststride_due', '');
    return null;
end;
$$;
create trigger post_platforms_due_notify
    after insert or update of status, next_attempt_at on post_platforms
    for each row when (new.status = 'pending' and new.next_attempt_at is not null)
    execute function post_platforms_notify_due();

-- When a token refresh of the connection last began, whatever came of it: a publish that meets a refused token
-- refreshes only if none began within the last minute (poststride.tokens.min-spacing).
alter table user_platforms add column last_refresh_attempt_at timestamptz;
