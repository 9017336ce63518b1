CREATE TABLE "synq_token_revocations" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"min_token_version" integer NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "synq_users" ADD COLUMN "token_version" integer DEFAULT 0 NOT NULL;