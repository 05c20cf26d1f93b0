-- The post listing's own order (newest scheduled first, drafts without a time last, then newest created), so a
-- page reads only its own rows from the index instead of sorting all of the user's posts. It replaces the index on
-- (user_id, scheduled_at desc, id), whose NULLS FIRST order the listing cannot use.
create index posts_user_listing_idx on posts (user_id, scheduled_at desc nulls last, created_at desc, id desc);
drop index posts_user_scheduled_idx;
