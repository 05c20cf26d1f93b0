-- OAuth connect flows in progress: one row per authorization URL handed out, deleted when the platform calls
-- back (single use) or when it expires. Only a hash of the state is kept; the PKCE verifier is encrypted by the
-- token vault like any other secret.
create table oauth_states (
    id                       uuid primary key,
    user_id                  uuid          not null references users (id) on delete cascade,
    platform_id              uuid          not null references social_platforms (id) on delete cascade,
    state_hash               varchar(64)   not null unique,
    code_verifier_ciphertext text,
    key_id                   varchar(50),
    redirect_uri             varchar(2000),
    expires_at               timestamptz   not null,
    created_at               timestamptz   not null
);
create index oauth_states_expires_idx on oauth_states (expires_at);

-- Token refresh bookkeeping. A refresh is claimed like a lease (owner + expiry) so that only one instance calls a
-- platform's token endpoint for a connection at a time: rotating refresh tokens die when used twice.
alter table user_platforms
    add column refresh_lease_owner  varchar(100),
    add column refresh_lease_until  timestamptz,
    add column refresh_failures     integer      not null default 0,
    add column next_refresh_at      timestamptz,
    add column last_refresh_error   varchar(300),
    add column token_refreshed_at   timestamptz;
