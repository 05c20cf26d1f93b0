-- First comments (issue 16): the text is the target's option first_comment; these columns say what became of it.
-- status: null while the post is not published yet, then 'pending' (claimed by the attempt that published, so it is
-- posted at most once), 'posted' or 'failed'. A failed comment never changes the target's own status.
alter table post_platforms
    add column first_comment_status varchar(20)
        constraint post_platforms_first_comment_status_ck check (first_comment_status in ('pending', 'posted',
                                                                                            'failed')),
    add column first_comment_id     varchar(200),
    add column first_comment_error  varchar(2000);
