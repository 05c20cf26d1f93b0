-- A login is a session; its refresh tokens rotate on every use. Revoking the session (logout,
-- detected refresh-token reuse, password change) makes its access tokens answer 401 at once.
create table auth_sessions (
    id            uuid primary key,
    user_id       uuid        not null references users (id) on delete cascade,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    revoked_at    timestamptz,
    revoke_reason varchar(30)
        constraint auth_sessions_revoke_reason_ck check (revoke_reason in ('logout', 'refresh_token_reuse',
                                                                           'password_change')),
    constraint auth_sessions_revoked_has_reason_ck check ((revoked_at is null) = (revoke_reason is null))
);
create index auth_sessions_user_idx on auth_sessions (user_id);

-- Only a SHA-256 hash of each refresh token is kept.
create table refresh_tokens (
    id         uuid primary key,
    session_id uuid        not null references auth_sessions (id) on delete cascade,
    token_hash char(64)    not null unique,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index refresh_tokens_session_idx on refresh_tokens (session_id);

-- Failed-login counters shared by every instance: one row per account (email) and per client address.
create table login_throttle (
    throttle_key      varchar(300) primary key,
    window_started_at timestamptz not null,
    failures          integer     not null check (failures >= 0),
    blocked_until     timestamptz
);
