-- Issue 16: Instagram accounts can also be connected with Instagram Login (professional accounts without a Facebook
-- Page). A connection and a pending connect flow remember which flow they use; null is the platform's standard
-- flow (for Instagram: Facebook Login), so every existing row keeps meaning what it meant.
alter table user_platforms add column auth_flow varchar(40);
alter table oauth_states add column auth_flow varchar(40);
