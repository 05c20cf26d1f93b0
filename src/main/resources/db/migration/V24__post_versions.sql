-- An optimistic version on posts (issue 24): a request that loaded a post before another change to it committed
-- can no longer write its stale copy back. Every writer bumps it: JPA through @Version, the engine's SQL by hand.
alter table posts add column version bigint not null default 0;
