-- Issue 24: platforms are modules of the code (platforms/<key>); the catalogue keeps the data clients read (limits),
-- and no longer lists the keys a build may have, nor how each counts text (the module says).
alter table social_platforms drop constraint social_platforms_key_ck;
alter table social_platforms drop column text_counting;
-- The catalogue's order (GET /api/platforms), as it has been: by when each platform was added.
alter table social_platforms add column position integer;
update social_platforms set position = case key when 'x' then 1 when 'linkedin' then 2 when 'instagram' then 3
                                                when 'facebook' then 4 when 'tiktok' then 5 end;
alter table social_platforms alter column position set not null;
alter table social_platforms add constraint social_platforms_position_uq unique (position);
