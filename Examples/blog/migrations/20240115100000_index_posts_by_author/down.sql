DROP INDEX comments_post_id;
DROP INDEX posts_author_id_published_at;
