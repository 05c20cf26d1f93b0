-- Teams: workspaces own connections, media and posts; users are their members with a role. Every existing user
-- gets a personal workspace holding everything they owned, so nothing moves for them and nothing is lost.

create table workspaces (
    id                  uuid primary key,
    name                varchar(100) not null,
    -- The user whose personal workspace this is (it goes with them); null for a shared workspace.
    personal_of         uuid         unique references users (id) on delete cascade,
    -- Who must have a scheduled post approved first: nobody, contributors, or every member.
    approvals           varchar(20)  not null default 'off'
        constraint workspaces_approvals_ck check (approvals in ('off', 'contributors', 'everyone')),
    created_by          uuid         references users (id) on delete set null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);

create table workspace_members (
    workspace_id uuid        not null references workspaces (id) on delete cascade,
    user_id      uuid        not null references users (id) on delete cascade,
    role         varchar(20) not null
        constraint workspace_members_role_ck check (role in ('owner', 'admin', 'editor', 'contributor', 'viewer')),
    created_at   timestamptz not null,
    primary key (workspace_id, user_id)
);
create index workspace_members_user_idx on workspace_members (user_id);

-- Invitations by email address: only a hash of the single-use token is kept.
create table workspace_invitations (
    id           uuid primary key,
    workspace_id uuid         not null references workspaces (id) on delete cascade,
    email        varchar(254) not null,
    role         varchar(20)  not null
        constraint workspace_invitations_role_ck check (role in ('admin', 'editor', 'contributor', 'viewer')),
    token_hash   char(64)     not null unique,
    status       varchar(20)  not null
        constraint workspace_invitations_status_ck check (status in ('pending', 'accepted', 'declined', 'revoked')),
    invited_by   uuid         references users (id) on delete set null,
    created_at   timestamptz  not null,
    expires_at   timestamptz  not null,
    decided_at   timestamptz,
    decided_by   uuid         references users (id) on delete set null
);
create index workspace_invitations_workspace_idx on workspace_invitations (workspace_id, created_at desc);
create index workspace_invitations_email_idx on workspace_invitations (lower(email)) where status = 'pending';

-- API keys (personal access tokens) of a workspace: a hash of the key, and its visible prefix for people and
-- secret scanners. A key dies with its creator's membership (see ApiKeyAuthentication).
create table api_keys (
    id           uuid primary key,
    workspace_id uuid          not null references workspaces (id) on delete cascade,
    created_by   uuid          not null references users (id) on delete cascade,
    name         varchar(100)  not null,
    prefix       varchar(24)   not null,
    key_hash     char(64)      not null unique,
    scopes       varchar(500)  not null,
    created_at   timestamptz   not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   uuid          references users (id) on delete set null
);
create index api_keys_workspace_idx on api_keys (workspace_id, created_at desc);

-- Who did what in a workspace, newest first; kept when the actor leaves or is deleted.
create table audit_events (
    id            uuid primary key,
    workspace_id  uuid         not null references workspaces (id) on delete cascade,
    actor_user_id uuid,
    actor_key_id  uuid,
    action        varchar(60)  not null,
    subject_type  varchar(30),
    subject_id    uuid,
    details       jsonb        not null default '{}',
    created_at    timestamptz  not null
);
create index audit_events_workspace_idx on audit_events (workspace_id, created_at desc, id desc);

-- Every status change of a post, with who made it (a user, a key, or the publishing engine) and why.
create table post_history (
    id            uuid primary key,
    post_id       uuid          not null references posts (id) on delete cascade,
    from_status   varchar(30),
    to_status     varchar(30)   not null,
    actor_user_id uuid,
    actor_key_id  uuid,
    comment       varchar(2000),
    created_at    timestamptz   not null
);
create index post_history_post_idx on post_history (post_id, created_at, id);

-- Every status change of a post is recorded here by the database itself, whoever makes it: the request's actor
-- and comment come from transaction-local settings (poststride.actor_user, poststride.actor_key,
-- poststride.comment; see PostHistory), and a change without them is the publishing engine's.
create function posts_record_history() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' or old.status is distinct from new.status then
        insert into post_history (id, post_id, from_status, to_status, actor_user_id, actor_key_id, comment,
                                  created_at)
        values (gen_random_uuid(), new.id, case when tg_op = 'INSERT' then null else old.status end, new.status,
                nullif(current_setting('poststride.actor_user', true), '')::uuid,
                nullif(current_setting('poststride.actor_key', true), '')::uuid,
                nullif(current_setting('poststride.comment', true), ''), clock_timestamp());
    end if;
    return null;
end;
$$;
create trigger posts_history after insert or update of status on posts
    for each row execute function posts_record_history();

-- A post can wait for approval.
alter table posts drop constraint posts_status_ck;
alter table posts add constraint posts_status_ck check (status in ('draft', 'pending_approval', 'scheduled',
    'publishing', 'published', 'partially_published', 'failed', 'cancelled'));

-- ---- Every existing user's personal workspace, owning what the user owned ----------------------------------------

insert into workspaces (id, name, personal_of, approvals, created_by, created_at, updated_at)
select gen_random_uuid(), left(coalesce(u.username, split_part(u.email, '@', 1)), 80) || '''s workspace', u.id, 'off',
       u.id, u.created_at, now()
from users u;

insert into workspace_members (workspace_id, user_id, role, created_at)
select w.id, w.personal_of, 'owner', w.created_at from workspaces w;

-- Posts, media and connections move from their user to the user's personal workspace; the user stays recorded as
-- who made them, and a member deleting their account no longer takes a shared workspace's things with them.
alter table posts add column workspace_id uuid references workspaces (id) on delete cascade;
update posts p set workspace_id = w.id from workspaces w where w.personal_of = p.user_id;
alter table posts alter column workspace_id set not null;
alter table posts drop constraint posts_user_id_fkey;
alter table posts rename column user_id to created_by;
alter table posts alter column created_by drop not null;
alter table posts add constraint posts_created_by_fkey foreign key (created_by) references users (id)
    on delete set null;
create index posts_workspace_listing_idx on posts (workspace_id, scheduled_at desc nulls last, created_at desc,
                                                   id desc);
drop index posts_user_listing_idx;

alter table media add column workspace_id uuid references workspaces (id) on delete cascade;
update media m set workspace_id = w.id from workspaces w where w.personal_of = m.user_id;
alter table media alter column workspace_id set not null;
alter table media drop constraint media_user_id_fkey;
alter table media drop constraint media_user_sha256_uk;
alter table media rename column user_id to created_by;
alter table media alter column created_by drop not null;
alter table media add constraint media_created_by_fkey foreign key (created_by) references users (id)
    on delete set null;
alter table media add constraint media_workspace_sha256_uk unique (workspace_id, sha256);
create index media_workspace_created_idx on media (workspace_id, created_at desc, id desc);
drop index media_user_created_idx;

-- Sealed tokens are bound to the id they were sealed with ("user_platforms/<id>/<platform>/<account>/<which>"):
-- that id moves to a column of its own that never changes or empties (the user who connected may leave), so
-- existing tokens stay readable; new connections seal with their workspace's id.
alter table user_platforms add column token_owner_id uuid;
update user_platforms set token_owner_id = user_id;
alter table user_platforms alter column token_owner_id set not null;
alter table user_platforms add column workspace_id uuid references workspaces (id) on delete cascade;
update user_platforms c set workspace_id = w.id from workspaces w where w.personal_of = c.user_id;
alter table user_platforms alter column workspace_id set not null;
alter table user_platforms drop constraint user_platforms_user_id_fkey;
alter table user_platforms drop constraint user_platforms_account_uk;
alter table user_platforms rename column user_id to created_by;
alter table user_platforms alter column created_by drop not null;
alter table user_platforms add constraint user_platforms_created_by_fkey foreign key (created_by) references users (id)
    on delete set null;
alter table user_platforms add constraint user_platforms_account_uk unique (workspace_id, platform_id, account_id);
create index user_platforms_workspace_idx on user_platforms (workspace_id);

-- A connect flow belongs to the workspace the connection will join (and still to the user who started it).
alter table oauth_states add column workspace_id uuid references workspaces (id) on delete cascade;
update oauth_states s set workspace_id = w.id from workspaces w where w.personal_of = s.user_id;
alter table oauth_states alter column workspace_id set not null;

-- Idempotency-Keys are the workspace's: two members retrying the same call with one key meet the same answer.
alter table idempotency_keys add column workspace_id uuid references workspaces (id) on delete cascade;
update idempotency_keys k set workspace_id = w.id from workspaces w where w.personal_of = k.user_id;
alter table idempotency_keys alter column workspace_id set not null;
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys drop constraint idempotency_keys_user_id_fkey;
alter table idempotency_keys drop column user_id;
alter table idempotency_keys add primary key (workspace_id, scope, idempotency_key);
