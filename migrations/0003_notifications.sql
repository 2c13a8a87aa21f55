-- In-app notifications (the bell). Modules insert rows in their own transactions; each server
-- pushes new rows to the signed-in user's open pages over WebSocket.
CREATE TABLE notifications (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    site_id BIGINT REFERENCES sites(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
