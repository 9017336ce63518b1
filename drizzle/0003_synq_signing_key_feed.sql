-- Every instance keeps the Synq signing keys in memory. A new or retired key is announced
-- to all of them (LISTEN synq_signing_keys_changed), so each signs with the newest key and
-- verifies tokens of a key another instance created a moment ago.
CREATE OR REPLACE FUNCTION synq_notify_signing_keys_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('synq_signing_keys_changed', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER synq_signing_keys_changed
  AFTER INSERT OR UPDATE OR DELETE ON synq_signing_keys
  FOR EACH STATEMENT EXECUTE FUNCTION synq_notify_signing_keys_changed();
