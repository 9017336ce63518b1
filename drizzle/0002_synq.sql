CREATE TABLE "synq_organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "synq_products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"category" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "synq_products_status_check" CHECK ("synq_products"."status" in ('ACTIVE', 'DRAFT', 'ARCHIVED'))
);
--> statement-breakpoint
CREATE TABLE "synq_refresh_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"family_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "synq_refresh_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "synq_signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"private_key" "bytea" NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "synq_tenants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "synq_users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"invite_token_hash" "bytea",
	"invite_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "synq_users_email_unique" UNIQUE("email"),
	CONSTRAINT "synq_users_invite_token_hash_unique" UNIQUE("invite_token_hash"),
	CONSTRAINT "synq_users_role_check" CHECK ("synq_users"."role" in ('ADMIN', 'EDITOR', 'VIEWER')),
	CONSTRAINT "synq_users_status_check" CHECK ("synq_users"."status" in ('ACTIVE', 'INVITED'))
);
--> statement-breakpoint
ALTER TABLE "synq_organizations" ADD CONSTRAINT "synq_organizations_tenant_id_synq_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."synq_tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synq_products" ADD CONSTRAINT "synq_products_tenant_id_synq_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."synq_tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synq_products" ADD CONSTRAINT "synq_products_org_id_synq_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."synq_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synq_refresh_tokens" ADD CONSTRAINT "synq_refresh_tokens_user_id_synq_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."synq_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synq_users" ADD CONSTRAINT "synq_users_tenant_id_synq_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."synq_tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synq_users" ADD CONSTRAINT "synq_users_org_id_synq_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."synq_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "synq_products_listing_idx" ON "synq_products" USING btree ("tenant_id","org_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "synq_refresh_tokens_family_idx" ON "synq_refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "synq_users_org_idx" ON "synq_users" USING btree ("tenant_id","org_id");