CREATE TABLE "syncello_connections" (
	"user_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"credentials" "bytea" NOT NULL,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "syncello_connections_user_id_platform_pk" PRIMARY KEY("user_id","platform"),
	CONSTRAINT "syncello_connections_platform_check" CHECK ("syncello_connections"."platform" in ('tape', 'podio', 'sharefile'))
);
--> statement-breakpoint
CREATE TABLE "syncello_usage" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"platform" text NOT NULL,
	"tool" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL,
	CONSTRAINT "syncello_usage_user_id_day_platform_tool_pk" PRIMARY KEY("user_id","day","platform","tool")
);
--> statement-breakpoint
CREATE TABLE "syncello_users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"secret_key" "bytea" NOT NULL,
	"key_created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "syncello_users_email_unique" UNIQUE("email"),
	CONSTRAINT "syncello_users_role_check" CHECK ("syncello_users"."role" in ('admin', 'member', 'viewer'))
);
--> statement-breakpoint
ALTER TABLE "syncello_connections" ADD CONSTRAINT "syncello_connections_user_id_syncello_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."syncello_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syncello_usage" ADD CONSTRAINT "syncello_usage_user_id_syncello_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."syncello_users"("id") ON DELETE cascade ON UPDATE no action;