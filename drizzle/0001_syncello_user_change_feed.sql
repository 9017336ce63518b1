-- Every instance caches users' signing keys and roles in memory. This trigger tells all of
-- them (LISTEN syncello_user_changed) when a key is regenerated, a role changes or a user
-- goes away, in the same transaction as the change, so no instance keeps a stale key.
CREATE OR REPLACE FUNCTION syncello_notify_user_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('syncello_user_changed', OLD.id::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER syncello_users_changed
  AFTER UPDATE OF secret_key, role OR DELETE ON syncello_users
  FOR EACH ROW EXECUTE FUNCTION syncello_notify_user_changed();
