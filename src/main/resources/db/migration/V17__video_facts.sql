-- Video facts read from MP4/QuickTime headers at upload (issue 16): the first video track's codec (its sample
-- entry's four-character code: avc1, hvc1, hev1, vp09, ...) and frame rate; its size goes to width and height like
-- an image's. Null where the file does not say (other containers, media uploaded before this).
alter table media
    add column video_codec varchar(8),
    add column frame_rate  double precision;
