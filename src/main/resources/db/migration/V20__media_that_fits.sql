-- Issue 16, media that fits: where an image breaks a target's rules but can be made to fit without changing what it
-- shows, the service publishes a derived copy for that target and keeps the original.

-- A JPEG's EXIF orientation when it is not 1 (null: shown as stored, or unknown for rows uploaded before this).
alter table media add column orientation integer;

-- Image rules the platforms publish that the checks did not hold yet (shared/platform-apis.md 2.4 and 4.4).
alter table social_platforms add column max_image_pixels bigint;
alter table social_platforms add column min_image_aspect double precision;
alter table social_platforms add column max_image_aspect double precision;
update social_platforms set max_image_pixels = 36152319 where key = 'linkedin';
update social_platforms set min_image_aspect = 0.8, max_image_aspect = 1.91 where key = 'instagram';

-- What a target publishes instead of some of its images: [{media_id, spec, mime_type, width, height, changes}],
-- decided when the post is saved; null when every image goes as uploaded.
alter table post_platforms add column fitted_media jsonb;

-- The derived copies: one per original and recipe (spec), shared by every target that needs the same one. The bytes
-- live in the media store under storage_key; a copy goes with its original.
create table media_renditions (
    id           uuid primary key,
    media_id     uuid         not null references media (id) on delete cascade,
    spec         varchar(200) not null,
    storage_key  varchar(500) not null,
    mime_type    varchar(100) not null,
    size_bytes   bigint       not null,
    width        integer      not null,
    height       integer      not null,
    created_at   timestamptz  not null,
    constraint media_renditions_recipe unique (media_id, spec)
);
