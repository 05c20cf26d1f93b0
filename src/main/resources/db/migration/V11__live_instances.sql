-- Every running instance says it is alive every few seconds; the API's rate limits split each limit between the
-- instances seen lately. Rows of instances gone quiet are deleted by the survivors.
create table live_instances (
    id         varchar(100) primary key,
    started_at timestamptz  not null,
    seen_at    timestamptz  not null
);
