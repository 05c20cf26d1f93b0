-- Idempotency-Key records: the first answer to a (user, call, key), replayed for 24 hours.
create table idempotency_keys (
    user_id         uuid          not null references users (id) on delete cascade,
    scope           varchar(50)   not null,
    idempotency_key varchar(200)  not null,
    request_hash    char(64)      not null,
    status          varchar(20)   not null
        constraint idempotency_keys_status_ck check (status in ('in_progress', 'completed')),
    response_status integer,
    response_body   text,
    created_at      timestamptz   not null,
    expires_at      timestamptz   not null,
    primary key (user_id, scope, idempotency_key)
);
create index idempotency_keys_expires_idx on idempotency_keys (expires_at);

-- Every publishing attempt of a target, for people debugging a failure.
create table publish_attempts (
    id               uuid primary key,
    post_platform_id uuid          not null references post_platforms (id) on delete cascade,
    attempt          integer       not null check (attempt > 0),
    started_at       timestamptz   not null,
    finished_at      timestamptz,
    outcome          varchar(30),
    error_code       varchar(100),
    message          varchar(2000),
    duration_ms      bigint check (duration_ms >= 0)
);
create index publish_attempts_target_idx on publish_attempts (post_platform_id, attempt);

-- Targets keep the order the client gave them.
alter table post_platforms add column position integer not null default 0 check (position >= 0);
