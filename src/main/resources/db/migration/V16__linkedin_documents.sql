-- Documents (PDF) become publishable where a platform takes them (issue 16): LinkedIn's Documents API, one document
-- per post, up to 100 MB (platform-apis.md 2.3–2.4). Null: the platform takes no documents.
alter table social_platforms add column max_document_bytes bigint;
update social_platforms set max_document_bytes = 104857600 where key = 'linkedin';
