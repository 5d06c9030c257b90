-- pgvector, in a migration of its own: on a managed Postgres this is the one statement that may
-- need a privileged user, and keeping it apart makes that failure easy to read.
CREATE EXTENSION IF NOT EXISTS vector;
