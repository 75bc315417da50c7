CREATE INDEX posts_author_id_published_at ON posts (author_id, published_at);
CREATE INDEX comments_post_id ON comments (post_id)
