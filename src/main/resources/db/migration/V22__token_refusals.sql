-- Issue 24: a token that cannot be renewed is given up only when the platform refused it, and refused it again to an
-- identity call, twice on separate attempts with no acceptance between: when the first such confirmation was seen.
alter table user_platforms add column token_refused_at timestamptz;
