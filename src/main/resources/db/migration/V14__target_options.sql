-- Per-target options (issue 16): a flat JSON object per target, checked against its platform's option set when the
-- post is saved (GET /api/platforms -> options_schema). Empty for every existing target.
alter table post_platforms add column options jsonb not null default '{}'::jsonb;

-- TikTok's Content Sharing Guidelines require the user to choose who can see a post, with no default. Until now the
-- adapter picked PUBLIC_TO_EVERYONE when the creator allowed it. Targets that may still be published (not yet
-- published, of a post that is not a draft) and were scheduled before that choice existed get SELF_ONLY: every
-- creator allows it, and it is the most private. Drafts are left alone: scheduling them asks for the choice.
update post_platforms pp
   set options = jsonb_build_object('privacy_level', 'SELF_ONLY')
  from posts p
 where p.id = pp.post_id
   and pp.platform = 'tiktok'
   and pp.status <> 'published'
   and p.status <> 'draft';
