-- What an adapter learned mid-publish that it needs to check the outcome later, written before the risky step:
-- an Instagram container id, a TikTok publish_id. An instance that takes over an expired lease reads it.
alter table post_platforms add column platform_checkpoint varchar(500);
