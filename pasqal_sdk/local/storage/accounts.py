"""Users, projects, memberships and used refresh tokens."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from pasqal_sdk.local.storage.database import Database
from pasqal_sdk.local.storage.rows import new_id, now, stamp


class AccountTables(Database):
    """Users and the projects they belong to; refresh tokens used once."""

    def user_by_email(self, email: str) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM users WHERE email = ?", (email,)).fetchone()
            return dict(row) if row else None

    def user_by_id(self, user_id: str) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
            return dict(row) if row else None

    def add_user(self, email: str, password_hash: str) -> str:
        user_id = new_id()
        with self._tx() as db:
            db.execute(
                "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (user_id, email, password_hash, now()),
            )
        return user_id

    def set_password(self, user_id: str, password_hash: str) -> None:
        """A new password hash; bumping the user's token generation revokes their tokens."""
        with self._tx() as db:
            db.execute(
                "UPDATE users SET password_hash = ?, token_generation = token_generation + 1"
                " WHERE id = ?",
                (password_hash, user_id),
            )

    def project_by_name(self, name: str) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute(
                "SELECT * FROM projects WHERE name = ? ORDER BY created_at LIMIT 1", (name,)
            ).fetchone()
            return dict(row) if row else None

    def add_project(self, name: str, queue_priority: str = "MEDIUM") -> str:
        project_id = new_id()
        with self._tx() as db:
            db.execute(
                "INSERT INTO projects (id, name, queue_priority, created_at) VALUES (?, ?, ?, ?)",
                (project_id, name, queue_priority, now()),
            )
        return project_id

    def add_member(self, user_id: str, project_id: str, role: str = "ADMIN") -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO memberships (user_id, project_id, role) VALUES (?, ?, ?)",
                (user_id, project_id, role),
            )

    def user_and_projects(self, user_id: str) -> tuple[dict[str, Any] | None, list[str]]:
        """A user and the ids of their projects, in one read (what each request's caller is)."""
        with self._read() as db:
            row = db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
            if row is None:
                return None, []
            ids = db.execute(
                "SELECT p.id FROM projects p JOIN memberships m ON m.project_id = p.id"
                " WHERE m.user_id = ? ORDER BY p.created_at",
                (user_id,),
            ).fetchall()
            return dict(row), [str(r["id"]) for r in ids]

    def projects_of(self, user_id: str) -> list[dict[str, Any]]:
        with self._read() as db:
            rows = db.execute(
                "SELECT p.*, m.role FROM projects p JOIN memberships m ON m.project_id = p.id"
                " WHERE m.user_id = ? ORDER BY p.created_at",
                (user_id,),
            ).fetchall()
            result = []
            for row in rows:
                project = dict(row)
                counts = db.execute(
                    "SELECT role, COUNT(*) AS n FROM memberships WHERE project_id = ?"
                    " GROUP BY role",
                    (row["id"],),
                ).fetchall()
                project["counts"] = {f"ACTIVE_{c['role']}": c["n"] for c in counts}
                result.append(project)
            return result

    def use_refresh_token(self, jti: str, family: str, lifetime_s: float) -> bool:
        """Records the refresh token `jti` (of login `family`) as used: False when its family
        was revoked, or when it was used before (then the family is revoked: a stolen copy
        and its owner can't both go on). Records older than `lifetime_s` (a refresh token's)
        are dropped: every token they could refuse has expired, so the tables stay as small
        as the logins of the last `lifetime_s`."""
        moment = datetime.now(timezone.utc)
        used_at = stamp(moment)
        expired = stamp(moment - timedelta(seconds=lifetime_s))
        with self._tx() as db:
            db.execute("DELETE FROM used_refresh_tokens WHERE used_at < ?", (expired,))
            db.execute("DELETE FROM revoked_token_families WHERE revoked_at < ?", (expired,))
            if db.execute(
                "SELECT 1 FROM revoked_token_families WHERE family = ?", (family,)
            ).fetchone():
                return False
            if (
                not jti
                or db.execute("SELECT 1 FROM used_refresh_tokens WHERE jti = ?", (jti,)).fetchone()
            ):
                db.execute(
                    "INSERT OR IGNORE INTO revoked_token_families VALUES (?, ?)", (family, used_at)
                )
                return False
            db.execute("INSERT INTO used_refresh_tokens VALUES (?, ?, ?)", (jti, family, used_at))
            return True
