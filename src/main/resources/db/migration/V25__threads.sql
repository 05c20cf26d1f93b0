-- Issue 24: Threads, the sixth platform (platforms/threads; platform-apis-more.md 10.5): 500 characters (the module
-- counts an emoji as its UTF-8 bytes), up to 20 images and videos in a carousel, JPEG or PNG images up to 8 MB with
-- an aspect ratio within 1:10 and 10:1, videos up to 1 GB and 5 minutes.
insert into social_platforms (id, key, name, text_limit, requires_media, max_images, supports_video, supports_gif,
                              allows_mixed_media, image_mime_types, max_image_bytes, max_video_bytes,
                              max_video_duration_ms, position, min_image_aspect, max_image_aspect)
values ('6f1f4c2e-0b1a-4c53-9a53-1a2b3c4d0006', 'threads', 'Threads', 500, false, 20, true, false, true,
        'image/jpeg,image/png', 8388608, 1073741824, 300000, 6, 0.1, 10.0);
