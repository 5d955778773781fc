-- DESIGN §4.1: each user's language and e-mail choice, and the flag an
-- admin's password reset sets until the user has chosen a new password.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en'
  CHECK (locale IN ('en', 'th', 'km', 'lo', 'my', 'vi'));
ALTER TABLE users ADD COLUMN email_notifications TEXT NOT NULL DEFAULT 'daily'
  CHECK (email_notifications IN ('immediate', 'daily', 'off'));
ALTER TABLE users ADD COLUMN password_change_required INTEGER NOT NULL DEFAULT 0
  CHECK (password_change_required IN (0, 1));
