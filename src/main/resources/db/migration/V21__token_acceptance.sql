-- Issue 24: a connection is disabled only on a definitive signal. A platform refusing an access token it has accepted
-- since the token was last stored (connect or refresh) is taken as a blip and retried; when a publish (or an identity
-- check) last saw the token accepted is recorded here, so every instance knows it.
alter table user_platforms add column token_accepted_at timestamptz;
