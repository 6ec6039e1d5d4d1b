"""The tables of the local cloud's database, and the columns added since their first release."""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, queue_priority TEXT NOT NULL DEFAULT 'MEDIUM',
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS memberships (
  user_id TEXT NOT NULL, project_id TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (user_id, project_id));
CREATE TABLE IF NOT EXISTS batches (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL,
  user_id TEXT NOT NULL, device_type TEXT NOT NULL, status TEXT NOT NULL, open INTEGER NOT NULL,
  priority INTEGER NOT NULL, queue_priority TEXT NOT NULL, sequence_builder TEXT,
  webhook TEXT, configuration TEXT, backend_configuration TEXT, parent_id TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, start_datetime TEXT, end_datetime TEXT,
  webhook_sent INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, batch_id TEXT NOT NULL,
  project_id TEXT NOT NULL, user_id TEXT NOT NULL, status TEXT NOT NULL, runs INTEGER NOT NULL,
  variables TEXT, sequence TEXT, errors TEXT, parent_id TEXT, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, start_timestamp TEXT, end_timestamp TEXT,
  has_result INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS jobs_by_batch ON jobs (batch_id);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status);
CREATE INDEX IF NOT EXISTS batches_by_project_status ON batches (project_id, status);
CREATE INDEX IF NOT EXISTS batches_open_by_age ON batches (updated_at) WHERE open = 1;
CREATE INDEX IF NOT EXISTS batches_webhook_due ON batches (status)
  WHERE webhook_sent = 0 AND webhook IS NOT NULL AND webhook != '';
CREATE TABLE IF NOT EXISTS tags (
  batch_id TEXT NOT NULL, position INTEGER NOT NULL, tag TEXT NOT NULL,
  PRIMARY KEY (batch_id, position));
CREATE TABLE IF NOT EXISTS used_refresh_tokens (
  jti TEXT PRIMARY KEY, family TEXT NOT NULL, used_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS revoked_token_families (
  family TEXT PRIMARY KEY, revoked_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS used_refresh_tokens_by_age ON used_refresh_tokens (used_at);
CREATE INDEX IF NOT EXISTS revoked_token_families_by_age ON revoked_token_families (revoked_at);
CREATE TABLE IF NOT EXISTS workloads (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL,
  user_id TEXT NOT NULL, status TEXT NOT NULL, backend TEXT NOT NULL,
  workload_type TEXT NOT NULL, config TEXT NOT NULL, result TEXT, errors TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, start_timestamp TEXT,
  end_timestamp TEXT);
"""


# Columns added after a table's first release: (table, column, definition).
ADDED_COLUMNS = [("users", "token_generation", "INTEGER NOT NULL DEFAULT 0")]


def add_missing_columns(db: sqlite3.Connection) -> None:
    """Adds ADDED_COLUMNS to the tables of a database made before they existed."""
    for table, column, definition in ADDED_COLUMNS:
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if column not in present:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
