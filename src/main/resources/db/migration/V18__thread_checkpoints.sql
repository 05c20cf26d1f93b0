-- X threads (issue 16) checkpoint the ids of the parts already posted ("thread:<id>,<id>,..."): up to 25 parts of
-- 19-digit ids, longer than the 500 characters other checkpoints needed.
alter table post_platforms alter column platform_checkpoint type varchar(2000);
