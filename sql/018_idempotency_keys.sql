-- 018_idempotency_keys.sql - the one store behind Idempotency-Key (svc/idem.c): a create or case
-- step sent again with the same key by the same person answers what the first one did, and
-- writes nothing. The key is claimed in the use case's own transaction, so it is kept exactly
-- when the change it stands for commits. request_hash is SHA-256 of the method, the path and the
-- body: the same key with another request is refused. Rows older than a day are forgotten
-- (svc/idem.c, by the outbox sender and `portalctl reminders`). Safe to re-run.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  user_id       BIGINT UNSIGNED NOT NULL,
  idem_key      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'the Idempotency-Key header',
  request_hash  BINARY(32) NOT NULL COMMENT 'SHA-256 of method, path and body',
  result        JSON NULL COMMENT 'what the use case answered; NULL until it finished (in the same transaction)',
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (user_id, idem_key),
  KEY idempotency_keys_age (created_at),
  CONSTRAINT idempotency_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
