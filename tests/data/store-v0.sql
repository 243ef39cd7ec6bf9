-- An empty database at schema version 0: what a first start finds.
PRAGMA user_version = 0;
