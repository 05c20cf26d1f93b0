-- A target's platform, copied from its connection by a trigger (a connection never changes platform), so the
-- dispatcher claims per platform, each claim a range scan of one index however the backlog is spread.
alter table post_platforms add column platform varchar(20);
update post_platforms pp set platform = sp.key
from user_platforms up join social_platforms sp on sp.id = up.platform_id
where up.id = pp.user_platform_id;
alter table post_platforms alter column platform set not null;
create function post_platforms_fill_platform() returns trigger language plpgsql as $$
begin
    select sp.key into new.platform from user_platforms up join social_platforms sp on sp.id = up.platform_id
    where up.id = new.user_platform_id;
    return new;
end;
$$;
create trigger post_platforms_platform_fill
    before insert or update of user_platform_id on post_platforms
    for each row execute function post_platforms_fill_platform();

-- The claims walk these partial indexes in order and stop after the rows they take, however many targets are due:
-- due pending targets of one platform by due time, a post's targets next to each other; the earliest due target of
-- any platform (the dispatcher's sleep); publishing targets by lease expiry. They replace the index on
-- (status, next_attempt_at), which could serve none of them without sorting the whole backlog.
create index post_platforms_pending_due_idx on post_platforms (platform, next_attempt_at, post_id, id)
    where status = 'pending';
create index post_platforms_next_due_idx on post_platforms (next_attempt_at) where status = 'pending';
create index post_platforms_lease_idx on post_platforms (lease_expires_at) where status = 'publishing';
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
