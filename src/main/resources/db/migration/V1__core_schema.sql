-- The seven tables of the product. Every instant is timestamptz, every key a UUID, every
-- parent/child link cascades in the database itself, and every status/kind column is checked.

create table users (
    id            uuid primary key,
    email         varchar(254) not null,
    username      varchar(32),
    password_hash varchar(100) not null,
    timezone      varchar(64)  not null default 'UTC',
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
-- Emails and usernames are compared case-insensitively.
create unique index users_email_uk on users (lower(email));
create unique index users_username_uk on users (lower(username)) where username is not null;

-- The catalogue of supported platforms and the limits a client needs to validate a draft.
create table social_platforms (
    id                    uuid primary key,
    key                   varchar(20)  not null unique
        constraint social_platforms_key_ck check (key in ('x', 'linkedin', 'instagram', 'facebook', 'tiktok')),
    name                  varchar(50)  not null,
    text_limit            integer      not null check (text_limit > 0),
    text_counting         varchar(20)  not null
        constraint social_platforms_text_counting_ck check (text_counting in ('weighted', 'characters')),
    requires_media        boolean      not null,
    max_images            integer      not null check (max_images >= 0),
    supports_video        boolean      not null,
    supports_gif          boolean      not null,
    allows_mixed_media    boolean      not null,
    image_mime_types      varchar(200) not null,
    max_image_bytes       bigint       check (max_image_bytes > 0),
    max_video_bytes       bigint       check (max_video_bytes > 0),
    max_video_duration_ms bigint       check (max_video_duration_ms > 0)
);

-- One connected account of a user on a platform. Tokens are stored encrypted (see the token vault).
create table user_platforms (
    id                        uuid primary key,
    user_id                   uuid         not null references users (id) on delete cascade,
    platform_id               uuid         not null references social_platforms (id) on delete cascade,
    account_id                varchar(200) not null,
    account_name              varchar(300),
    status                    varchar(20)  not null
        constraint user_platforms_status_ck check (status in ('active', 'needs_reauth', 'revoked')),
    scopes                    varchar(1000),
    access_token_ciphertext   text,
    refresh_token_ciphertext  text,
    token_key_id              varchar(50),
    token_expires_at          timestamptz,
    refresh_token_expires_at  timestamptz,
    connected_at              timestamptz  not null,
    updated_at                timestamptz  not null,
    constraint user_platforms_account_uk unique (user_id, platform_id, account_id)
);
create index user_platforms_platform_idx on user_platforms (platform_id);
create index user_platforms_token_expiry_idx on user_platforms (token_expires_at) where status = 'active';

create table posts (
    id           uuid primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    content      text        not null,
    status       varchar(30) not null
        constraint posts_status_ck check (status in ('draft', 'scheduled', 'publishing', 'published',
                                                     'partially_published', 'failed', 'cancelled')),
    scheduled_at timestamptz,
    published_at timestamptz,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    constraint posts_scheduled_needs_time_ck check (status <> 'scheduled' or scheduled_at is not null)
);
-- The scheduler looks for due posts; the dashboard lists a user's posts newest scheduled first.
create index posts_status_scheduled_idx on posts (status, scheduled_at);
create index posts_user_scheduled_idx on posts (user_id, scheduled_at desc, id);

-- One target of a post: a post going to one connected account, with its own publishing state.
create table post_platforms (
    id                   uuid primary key,
    post_id              uuid          not null references posts (id) on delete cascade,
    user_platform_id     uuid          not null references user_platforms (id) on delete cascade,
    content_override     text,
    status               varchar(20)   not null
        constraint post_platforms_status_ck check (status in ('pending', 'publishing', 'published', 'failed',
                                                              'cancelled')),
    attempts             integer       not null default 0 check (attempts >= 0),
    next_attempt_at      timestamptz,
    platform_post_id     varchar(200),
    permalink            varchar(2000),
    published_at         timestamptz,
    last_error_code      varchar(100),
    last_error_message   varchar(2000),
    last_error_retryable boolean,
    lease_owner          varchar(100),
    lease_expires_at     timestamptz,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    constraint post_platforms_target_uk unique (post_id, user_platform_id)
);
create index post_platforms_due_idx on post_platforms (status, next_attempt_at);
create index post_platforms_connection_idx on post_platforms (user_platform_id);
create index post_platforms_platform_post_idx on post_platforms (platform_post_id)
    where platform_post_id is not null;

create table media (
    id                uuid primary key,
    user_id           uuid         not null references users (id) on delete cascade,
    media_type        varchar(20)  not null
        constraint media_type_ck check (media_type in ('image', 'video', 'gif', 'audio', 'document')),
    mime_type         varchar(100) not null,
    size_bytes        bigint       not null check (size_bytes >= 0),
    sha256            char(64)     not null,
    original_filename varchar(255),
    alt_text          varchar(1000),
    width             integer check (width > 0),
    height            integer check (height > 0),
    duration_ms       bigint check (duration_ms >= 0),
    storage_key       varchar(500) not null,
    created_at        timestamptz  not null,
    constraint media_user_sha256_uk unique (user_id, sha256)
);
create index media_user_created_idx on media (user_id, created_at desc, id);

-- The ordered media of a post.
create table post_media (
    post_id  uuid    not null references posts (id) on delete cascade,
    media_id uuid    not null references media (id) on delete cascade,
    position integer not null check (position >= 0),
    primary key (post_id, position),
    constraint post_media_uk unique (post_id, media_id)
);
create index post_media_media_idx on post_media (media_id);

-- Limits from the platforms' published rules (shared/platform-apis.md, section 7).
insert into social_platforms (id, key, name, text_limit, text_counting, requires_media, max_images, supports_video,
                              supports_gif, allows_mixed_media, image_mime_types, max_image_bytes, max_video_bytes,
                              max_video_duration_ms)
values ('6f1f4c2e-0b1a-4c53-9a53-1a2b3c4d0001', 'x', 'X', 280, 'weighted', false, 4, true,
        true, false, 'image/jpeg,image/png,image/gif,image/webp', 5242880, 536870912, 140000),
       ('6f1f4c2e-0b1a-4c53-9a53-1a2b3c4d0002', 'linkedin', 'LinkedIn', 3000, 'characters', false, 20, true,
        true, false, 'image/jpeg,image/png,image/gif', null, 524288000, 1800000),
       ('6f1f4c2e-0b1a-4c53-9a53-1a2b3c4d0003', 'instagram', 'Instagram', 2200, 'characters', true, 10, true,
        false, true, 'image/jpeg', 8388608, 314572800, 900000),
       ('6f1f4c2e-0b1a-4c53-9a53-1a2b3c4d0004', 'facebook', 'Facebook Page', 63206, 'characters', false, 10, true,
        true, false, 'image/jpeg,image/png,image/gif,image/bmp,image/tiff', 10485760, null, null),
       ('6f1f4c2e-0b1a-4c53-9a53-1a2b3c4d0005', 'tiktok', 'TikTok', 2200, 'characters', true, 35, true,
        false, false, 'image/jpeg,image/webp', 20971520, 4294967296, 600000);
