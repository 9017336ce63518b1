-- Every instance keeps the ID-token revocations in memory. A new or raised revocation is
-- announced to all of them (LISTEN synq_token_revoked, payload "<user id>:<min version>") in
-- the same transaction as the change, so a demoted or removed member's earlier tokens are
-- refused everywhere within moments.
CREATE OR REPLACE FUNCTION synq_notify_token_revoked() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('synq_token_revoked', NEW.user_id::text || ':' || NEW.min_token_version::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER synq_token_revoked
  AFTER INSERT OR UPDATE ON synq_token_revocations
  FOR EACH ROW EXECUTE FUNCTION synq_notify_token_revoked();
