-- History outlives the things it refers to being taken away.
--
-- Disconnecting an account no longer deletes its row: it becomes 'revoked' with its tokens wiped, and its targets
-- (published ones with their platform ids, permalinks and attempts) stay. A row still referenced can therefore not
-- be deleted on its own. The check is deferred to commit because deleting the user removes its connections and its
-- posts (and with them their targets) by two cascades, in whichever order: only the end result must hold.
alter table post_platforms drop constraint post_platforms_user_platform_id_fkey;
alter table post_platforms add constraint post_platforms_user_platform_id_fkey
    foreign key (user_platform_id) references user_platforms (id) deferrable initially deferred;

-- Media attached to a post cannot vanish from under it by a cascade: the media delete locks the item, checks that
-- no scheduled post uses it and detaches it from the others itself; any path that skipped that now fails loudly.
alter table post_media drop constraint post_media_media_id_fkey;
-- Deferred for the same reason as above (a user's media and posts both go when the user does).
alter table post_media add constraint post_media_media_id_fkey foreign key (media_id) references media (id)
    deferrable initially deferred;

-- Disconnecting looks up the connection's open targets (to refuse while one publishes, and to cancel the rest).
create index post_platforms_connection_open_idx on post_platforms (user_platform_id)
    where status in ('pending', 'publishing');
