-- What happened, told to clients: an outbox of events written in the transaction of the change each tells of,
-- webhook endpoints that receive them signed, a delivery per endpoint and event with its log of attempts, and
-- single-use tickets for the browser's event stream.

create sequence events_seq;

create table events (
    id           uuid primary key,
    -- The stream's order: given by the relay after the event committed (null until then), one relay at a time, so
    -- a reader that has seen position n has seen every event positioned before it.
    seq          bigint      unique,
    workspace_id uuid        not null references workspaces (id) on delete cascade,
    type         varchar(50) not null,
    -- The whole envelope as sent ({"id", "type", "timestamp", "workspace_id", "data"}), byte for byte.
    payload      text        not null,
    -- A test event is for one endpoint only: no fan-out, not in the stream.
    endpoint_id  uuid,
    created_at   timestamptz not null
);
create index events_unsequenced_idx on events (created_at) where seq is null;
create index events_workspace_seq_idx on events (workspace_id, seq) where seq is not null and endpoint_id is null;
create index events_created_idx on events (created_at);

-- Whoever writes an event wakes the relays of every instance (once per transaction: PostgreSQL folds equal
-- notifications of a transaction into one).
create function events_notify_written() returns trigger language plpgsql as $$
begin
    perform pg_notify('poststride_events', '');
    return null;
end $$;
create trigger events_written_notify after insert on events
    for each statement execute function events_notify_written();

create table webhook_endpoints (
    id                   uuid primary key,
    workspace_id         uuid          not null references workspaces (id) on delete cascade,
    url                  varchar(2000) not null,
    description          varchar(200),
    -- Event types to send; null sends every type.
    event_types          varchar(1000),
    secret_sealed        text          not null,
    -- After a rotation the previous secret still signs (a second signature) until it expires.
    previous_secret_sealed     text,
    previous_secret_expires_at timestamptz,
    status               varchar(20)   not null default 'active'
        constraint webhook_endpoints_status_ck check (status in ('active', 'disabled')),
    disabled_reason      varchar(300),
    -- Since when every attempt failed (null after a success); failing too long disables the endpoint.
    failing_since        timestamptz,
    created_by           uuid          references users (id) on delete set null,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null
);
create index webhook_endpoints_workspace_idx on webhook_endpoints (workspace_id, created_at);

create table webhook_deliveries (
    id               uuid primary key,
    endpoint_id      uuid         not null references webhook_endpoints (id) on delete cascade,
    event_id         uuid         not null references events (id) on delete cascade,
    status           varchar(20)  not null
        constraint webhook_deliveries_status_ck check (status in ('pending', 'sending', 'delivered', 'failed')),
    -- Attempts of the current round (a redelivery starts a new round; the log keeps every attempt).
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz,
    lease_owner      varchar(100),
    lease_expires_at timestamptz,
    last_status_code integer,
    last_error       varchar(300),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    constraint webhook_deliveries_once unique (endpoint_id, event_id)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_lease_idx on webhook_deliveries (lease_expires_at) where status = 'sending';
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc, id desc);
create index webhook_deliveries_event_idx on webhook_deliveries (event_id);

-- The delivery log: every attempt, what the receiver answered (the first bytes only), how long it took.
create table webhook_attempts (
    id               uuid primary key,
    delivery_id      uuid         not null references webhook_deliveries (id) on delete cascade,
    number           integer      not null,
    started_at       timestamptz  not null,
    duration_ms      integer      not null,
    outcome          varchar(20)  not null
        constraint webhook_attempts_outcome_ck
            check (outcome in ('delivered', 'http_error', 'timeout', 'network_error', 'refused')),
    status_code      integer,
    error            varchar(300),
    response_excerpt varchar(1000)
);
create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, number);

-- A browser's EventSource cannot send Authorization: it opens the stream with a ticket instead, single use and
-- short-lived. Only a hash of the ticket is kept.
create table event_tickets (
    ticket_hash  char(64)    primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    workspace_id uuid        not null references workspaces (id) on delete cascade,
    key_id       uuid        references api_keys (id) on delete cascade,
    expires_at   timestamptz not null
);
