/* SPDX-License-Identifier: MIT */
/*
 * journal.c: the run journal on SQLite. The only file that includes
 * <sqlite3.h>. Every statement is prepared and bound; nothing is built
 * with printf.
 */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct ordo_journal {
	sqlite3 *db;
	char *path;
	int lock_fd; /* -1 unless this process holds the runner lock */
	char host[256];
};

static const char *const state_names[ORDO_STATE_N] = {
	"pending", "running", "done", "failed", "waiting", "interrupted", "skipped"};

const char *ordo_state_name(ordo_state s)
{
	return s < ORDO_STATE_N ? state_names[s] : "unknown";
}

int ordo_state_parse(const char *name)
{
	for (int i = 0; i < ORDO_STATE_N; i++)
		if (!strcmp(state_names[i], name))
			return i;
	return -1;
}

void ordo_now_iso(char buf[32])
{
	const char *now = getenv("ORDO_NOW");
	if (now && *now) {
		snprintf(buf, 32, "%s", now);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static char *dupmsg(const char *fmt, ...) ORDO_PRINTF(1, 2);
static char *dupmsg(const char *fmt, ...)
{
	ordo_buf b = ORDO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ordo_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return ordo_buf_detach(&b);
}

static char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? ordo_xstrdup((const char *)t) : NULL;
}

/* ---- schema and migrations ---- */

/* Each entry moves the schema from version i to i + 1. Never edit one that
 * has shipped: add the next. */
static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE steps ("
	"  id INTEGER PRIMARY KEY,"
	"  state TEXT NOT NULL,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  started TEXT, finished TEXT, by TEXT, note TEXT, reason TEXT);"
	"CREATE TABLE transitions ("
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  step INTEGER NOT NULL,"
	"  time TEXT NOT NULL,"
	"  from_state TEXT NOT NULL, to_state TEXT NOT NULL,"
	"  operator TEXT NOT NULL, host TEXT NOT NULL, detail TEXT);"
	"CREATE TABLE outputs ("
	"  step INTEGER NOT NULL, attempt INTEGER NOT NULL, server TEXT NOT NULL DEFAULT '',"
	"  exit_code INTEGER NOT NULL, output TEXT NOT NULL, finished TEXT NOT NULL,"
	"  PRIMARY KEY (step, attempt, server));"
	"INSERT INTO meta (key, value) VALUES ('application', 'ordo');",
};
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

static int exec(ordo_journal *j, const char *sql, char **err)
{
	char *msg = NULL;
	if (sqlite3_exec(j->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		*err = dupmsg("journal '%s': %s", j->path, msg ? msg : sqlite3_errmsg(j->db));
		sqlite3_free(msg);
		return ORDO_ERROR;
	}
	return 0;
}

static int user_version(ordo_journal *j, int *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(j->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return sqlite3_errcode(j->db);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Read-only checks: an SQLite file of someone else's, a damaged one, or
 * one from a newer ordo is refused before anything is written. */
static int check_schema(ordo_journal *j, char **err)
{
	int v;
	int rc = user_version(j, &v);
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
		*err = dupmsg("'%s' is not an ordo journal or is damaged: %s", j->path,
			      sqlite3_errstr(rc));
		return ORDO_EINVALID;
	}
	if (rc != SQLITE_OK) {
		*err = dupmsg("cannot read journal '%s': %s", j->path, sqlite3_errmsg(j->db));
		return rc == SQLITE_BUSY ? ORDO_ELOCKED : ORDO_ERROR;
	}
	if (v > SCHEMA_VERSION) {
		*err = dupmsg("journal '%s' was written by a newer ordo (schema %d; this ordo knows %d): "
			      "use that ordo or a newer one",
			      j->path, v, SCHEMA_VERSION);
		return ORDO_ESCHEMA;
	}
	if (v < 0) {
		/* no ordo writes one, and migrate() would index migrations[] with it */
		*err = dupmsg("'%s' is not an ordo journal (schema %d); refusing to change it", j->path, v);
		return ORDO_EINVALID;
	}
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(j->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) != SQLITE_OK) {
		*err = dupmsg("'%s' is not an ordo journal or is damaged: %s", j->path,
			      sqlite3_errmsg(j->db));
		return ORDO_EINVALID;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (v == 0 && n > 0) {
		*err = dupmsg("'%s' is an SQLite database but not an ordo journal; refusing to change it",
			      j->path);
		return ORDO_EINVALID;
	}
	if (v > 0) {
		/* ours: it says so in its meta table */
		char *app = NULL;
		if (sqlite3_prepare_v2(j->db, "SELECT value FROM meta WHERE key = 'application'", -1, &st,
				       NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				app = col_text(st, 0);
			sqlite3_finalize(st);
		}
		bool ours = app && !strcmp(app, "ordo");
		free(app);
		if (!ours) {
			*err = dupmsg("'%s' is an SQLite database but not an ordo journal; refusing to change it",
				      j->path);
			return ORDO_EINVALID;
		}
	}
	return 0;
}

/* Bring the schema up to this ordo's version (check_schema() has already
 * refused what must not be touched). */
static int migrate(ordo_journal *j, char **err)
{
	int v;
	if (user_version(j, &v) != SQLITE_OK) {
		*err = dupmsg("cannot read journal '%s': %s", j->path, sqlite3_errmsg(j->db));
		return ORDO_ERROR;
	}
	for (int i = v; i < SCHEMA_VERSION; i++) {
		if (exec(j, "BEGIN IMMEDIATE", err))
			return ORDO_ERROR;
		if (exec(j, migrations[i], err)) {
			exec(j, "ROLLBACK", err);
			return ORDO_ERROR;
		}
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if (exec(j, sql, err) || exec(j, "COMMIT", err)) {
			char *e2 = NULL;
			exec(j, "ROLLBACK", &e2);
			free(e2);
			return ORDO_ERROR;
		}
	}
	return 0;
}

/* Can this process change the file and create files beside it (SQLite's
 * -wal and -shm)? */
static bool writable(const char *path)
{
	if (access(path, W_OK) != 0)
		return false;
	char *dir = ordo_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	bool ok = access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	return ok;
}

/* file:<path>?immutable=1, with what URIs reserve percent-encoded */
static char *file_uri(const char *path)
{
	ordo_buf b = ORDO_BUF_INIT;
	ordo_buf_puts(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
			ordo_buf_printf(&b, "%%%02X", *p);
		else
			ordo_buf_putc(&b, (char)*p);
	}
	ordo_buf_puts(&b, "?immutable=1");
	return ordo_buf_detach(&b);
}

int ordo_journal_open(ordo_journal **out, const char *path, bool create, char **err)
{
	*out = NULL;
	*err = NULL;
	struct stat stt;
	bool exists = stat(path, &stt) == 0;
	if (exists && !S_ISREG(stt.st_mode)) {
		*err = dupmsg("journal '%s' is not a regular file", path);
		return ORDO_EINVALID;
	}
	/* an empty file is a journal whose creation was cut short (the runner
	 * died before SQLite wrote its first page): it holds nothing to keep */
	bool fresh = exists && stt.st_size == 0 && create;
	if (fresh)
		exists = false;
	if (!exists && !create) {
		*err = dupmsg("no journal '%s': start one with 'ordo run <estate>'", path);
		return ORDO_ENOTFOUND;
	}
	if (exists) {
		/* refuse anything that is not an SQLite file before SQLite opens it */
		char head[16] = {0};
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			*err = dupmsg("cannot read journal '%s': %s", path, strerror(errno));
			return ORDO_ENOTFOUND;
		}
		ssize_t n = read(fd, head, sizeof(head));
		close(fd);
		if (n != (ssize_t)sizeof(head) || memcmp(head, "SQLite format 3", 16) != 0) {
			*err = dupmsg("'%s' is not an ordo journal (%s); refusing to change it", path,
				      n == 0 ? "empty file" : "not an SQLite database");
			return ORDO_EINVALID;
		}
	}
	ordo_journal *j = ordo_xcalloc(1, sizeof(*j));
	j->path = ordo_xstrdup(path);
	j->lock_fd = -1;
	if (gethostname(j->host, sizeof(j->host) - 1) != 0)
		snprintf(j->host, sizeof(j->host), "unknown");
	int rc;
	if (exists && !writable(path)) {
		/* read-only media or permissions: SQLite cannot keep its WAL index
		 * next to the file, so it opens it as immutable, for reading */
		char *uri = file_uri(path);
		rc = sqlite3_open_v2(uri, &j->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		free(uri);
	} else {
		int flags = SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);
		rc = sqlite3_open_v2(path, &j->db, flags, NULL);
	}
	if (rc != SQLITE_OK) {
		*err = dupmsg("cannot open journal '%s': %s", path,
			      j->db ? sqlite3_errmsg(j->db) : sqlite3_errstr(rc));
		ordo_journal_close(j);
		return exists ? ORDO_ERROR : ORDO_ENOTFOUND;
	}
	sqlite3_busy_timeout(j->db, 10000);
	sqlite3_extended_result_codes(j->db, 0);
	/* first make sure it is ours (or new): nothing is written to a file
	 * that is not an ordo journal, or is one from a newer ordo */
	int err_code = check_schema(j, err);
	if (!err_code && !sqlite3_db_readonly(j->db, "main")) {
		/* WAL keeps readers (status) off the runner's back; FULL makes
		 * every commit durable before the runner goes on */
		char *e = NULL;
		if (exec(j, "PRAGMA journal_mode=WAL", &e) || exec(j, "PRAGMA synchronous=FULL", &e)) {
			*err = e;
			err_code = ORDO_EINVALID;
		}
	}
	if (!err_code)
		err_code = migrate(j, err);
	if (err_code) {
		ordo_journal_close(j);
		if (!exists)
			unlink(path); /* ours, and useless */
		return err_code;
	}
	*out = j;
	return 0;
}

void ordo_journal_close(ordo_journal *j)
{
	if (!j)
		return;
	if (j->db)
		sqlite3_close(j->db);
	if (j->lock_fd >= 0)
		close(j->lock_fd);
	free(j->path);
	free(j);
}

static char *lock_path(const ordo_journal *j)
{
	return dupmsg("%s.lock", j->path);
}

int ordo_journal_lock(ordo_journal *j, char **err)
{
	*err = NULL;
	if (sqlite3_db_readonly(j->db, "main")) {
		*err = dupmsg("journal '%s' is read-only: a run cannot record its steps", j->path);
		return ORDO_EINVALID;
	}
	char *lp = lock_path(j);
	int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		*err = dupmsg("cannot create lock '%s': %s", lp, strerror(errno));
		free(lp);
		return ORDO_ERROR;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char who[256] = "";
		ssize_t n = pread(fd, who, sizeof(who) - 1, 0);
		if (n > 0)
			who[n] = '\0';
		while (n > 0 && (who[n - 1] == '\n' || who[n - 1] == ' '))
			who[--n] = '\0';
		*err = dupmsg("journal '%s' is in use by another ordo run (%s)", j->path,
			      *who ? who : "holder unknown");
		close(fd);
		free(lp);
		return ORDO_ELOCKED;
	}
	char who[300];
	int len = snprintf(who, sizeof(who), "pid %ld on %s\n", (long)getpid(), j->host);
	if (ftruncate(fd, 0) == 0 && pwrite(fd, who, (size_t)len, 0) < 0) {
		/* the holder's name is informative only */
	}
	free(lp);
	j->lock_fd = fd;
	return 0;
}

bool ordo_journal_locked_by_other(ordo_journal *j)
{
	if (j->lock_fd >= 0)
		return false;
	char *lp = lock_path(j);
	int fd = open(lp, O_RDONLY | O_CLOEXEC);
	free(lp);
	if (fd < 0)
		return false;
	bool locked = flock(fd, LOCK_SH | LOCK_NB) != 0;
	close(fd);
	return locked;
}

/* ---- meta and plan ---- */

static int put_meta(ordo_journal *j, const char *key, const char *value)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(j->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", -1,
			       &st, NULL) != SQLITE_OK)
		return ORDO_ERROR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value ? value : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : ORDO_ERROR;
}

int ordo_journal_set_meta(ordo_journal *j, const char *key, const char *value, char **err)
{
	*err = NULL;
	if (put_meta(j, key, value)) {
		*err = dupmsg("journal '%s': cannot store %s: %s", j->path, key, sqlite3_errmsg(j->db));
		return ORDO_ERROR;
	}
	return 0;
}

char *ordo_journal_meta(ordo_journal *j, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;
	if (sqlite3_prepare_v2(j->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = col_text(st, 0);
	sqlite3_finalize(st);
	return v;
}

bool ordo_journal_has_plan(ordo_journal *j)
{
	char *p = ordo_journal_meta(j, "plan");
	bool has = p != NULL;
	free(p);
	return has;
}

static int record(ordo_journal *j, uint32_t step, const char *from, const char *to,
		  const char *operator_, const char *detail)
{
	sqlite3_stmt *st;
	char now[32];
	ordo_now_iso(now);
	if (sqlite3_prepare_v2(j->db,
			       "INSERT INTO transitions (step, time, from_state, to_state, operator, host, detail)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return ORDO_ERROR;
	sqlite3_bind_int64(st, 1, step);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, operator_ ? operator_ : "runner", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, j->host, -1, SQLITE_STATIC);
	if (detail)
		sqlite3_bind_text(st, 7, detail, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 7);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : ORDO_ERROR;
}

static int fail_tx(ordo_journal *j, char **err, const char *what)
{
	free(*err); /* exec() may have set it: this message says what failed */
	*err = dupmsg("journal '%s': cannot %s: %s", j->path, what, sqlite3_errmsg(j->db));
	char *e2 = NULL;
	exec(j, "ROLLBACK", &e2);
	free(e2);
	return sqlite3_errcode(j->db) == SQLITE_BUSY ? ORDO_ELOCKED : ORDO_ERROR;
}

int ordo_journal_init_plan(ordo_journal *j, const char *plan_json, const char *fingerprint,
			   const char *estate_name, const char *estate_fp, const char *catalog_fp,
			   const uint32_t *ids, uint32_t n, char **err)
{
	*err = NULL;
	if (exec(j, "BEGIN IMMEDIATE", err))
		return ORDO_ERROR;
	char now[32];
	ordo_now_iso(now);
	if (put_meta(j, "plan", plan_json) || put_meta(j, "fingerprint", fingerprint) ||
	    put_meta(j, "estate", estate_name) || put_meta(j, "estate_fingerprint", estate_fp) ||
	    put_meta(j, "catalog_fingerprint", catalog_fp) || put_meta(j, "created", now))
		return fail_tx(j, err, "store the plan");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(j->db, "INSERT INTO steps (id, state) VALUES (?, 'pending')", -1, &st,
			       NULL) != SQLITE_OK)
		return fail_tx(j, err, "store the steps");
	for (uint32_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return fail_tx(j, err, "store the steps");
		}
	}
	sqlite3_finalize(st);
	if (record(j, 0, "none", "planned", "runner", fingerprint))
		return fail_tx(j, err, "record the plan");
	if (exec(j, "COMMIT", err))
		return fail_tx(j, err, "commit the plan");
	return 0;
}

int ordo_journal_replan(ordo_journal *j, const char *plan_json, const char *fingerprint,
			const char *estate_fp, const char *catalog_fp, const uint32_t *ids,
			const uint32_t *map, uint32_t n, const char *operator_, char **err)
{
	*err = NULL;
	ordo_jstep *old;
	uint32_t nold;
	if (ordo_journal_steps(j, &old, &nold))
		return ORDO_ERROR;
	if (exec(j, "BEGIN IMMEDIATE", err)) {
		ordo_journal_steps_free(old, nold);
		return ORDO_ERROR;
	}
	/* the old rows move to a side table so the new ids can be reused */
	if (exec(j, "CREATE TEMP TABLE old_steps AS SELECT * FROM steps; DELETE FROM steps;", err)) {
		ordo_journal_steps_free(old, nold);
		return fail_tx(j, err, "replan");
	}
	sqlite3_stmt *ins;
	if (sqlite3_prepare_v2(j->db,
			       "INSERT INTO steps (id, state, attempts, started, finished, by, note, reason)"
			       " SELECT ?, state, attempts, started, finished, by, note, reason FROM old_steps WHERE id = ?",
			       -1, &ins, NULL) != SQLITE_OK) {
		ordo_journal_steps_free(old, nold);
		return fail_tx(j, err, "replan");
	}
	sqlite3_stmt *fresh;
	sqlite3_prepare_v2(j->db, "INSERT INTO steps (id, state) VALUES (?, 'pending')", -1, &fresh, NULL);
	bool *kept = ordo_xcalloc(nold + 1, sizeof(bool));
	int rc = 0;
	for (uint32_t i = 0; i < n && !rc; i++) {
		uint32_t o = map[i];
		ordo_state os = ORDO_STATE_PENDING;
		for (uint32_t k = 0; k < nold; k++)
			if (old[k].id == o) {
				os = old[k].state;
				kept[k] = true;
			}
		bool carry = o && (os == ORDO_STATE_DONE || os == ORDO_STATE_SKIPPED);
		sqlite3_stmt *st = carry ? ins : fresh;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		if (carry)
			sqlite3_bind_int64(st, 2, o);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = ORDO_ERROR;
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(fresh);
	/* what the old plan had and the new one does not is recorded as skipped */
	for (uint32_t k = 0; k < nold && !rc; k++)
		if (!kept[k] && old[k].state != ORDO_STATE_DONE && old[k].state != ORDO_STATE_SKIPPED)
			rc = record(j, old[k].id, ordo_state_name(old[k].state), "skipped", operator_,
				    "not in the new plan (--replan)");
	free(kept);
	ordo_journal_steps_free(old, nold);
	if (rc || put_meta(j, "plan", plan_json) || put_meta(j, "fingerprint", fingerprint) ||
	    put_meta(j, "estate_fingerprint", estate_fp) || put_meta(j, "catalog_fingerprint", catalog_fp) ||
	    record(j, 0, "planned", "replanned", operator_, fingerprint) ||
	    exec(j, "DROP TABLE old_steps", err))
		return fail_tx(j, err, "replan");
	if (exec(j, "COMMIT", err))
		return fail_tx(j, err, "commit the new plan");
	return 0;
}

/* ---- steps ---- */

int ordo_journal_steps(ordo_journal *j, ordo_jstep **out, uint32_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(j->db,
			       "SELECT id, state, attempts, started, finished, by, note, reason FROM steps ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return ORDO_ERROR;
	size_t cap = 64;
	ordo_jstep *v = ordo_xcalloc(cap, sizeof(*v));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			v = ordo_xrealloc(v, cap * sizeof(*v));
		}
		ordo_jstep *s = &v[(*n)++];
		s->id = (uint32_t)sqlite3_column_int64(st, 0);
		const char *state = (const char *)sqlite3_column_text(st, 1);
		int si = state ? ordo_state_parse(state) : -1;
		s->state = si < 0 ? ORDO_STATE_PENDING : (ordo_state)si;
		s->attempts = (uint32_t)sqlite3_column_int(st, 2);
		s->started = col_text(st, 3);
		s->finished = col_text(st, 4);
		s->by = col_text(st, 5);
		s->note = col_text(st, 6);
		s->reason = col_text(st, 7);
	}
	sqlite3_finalize(st);
	*out = v;
	if (rc != SQLITE_DONE) {
		ordo_journal_steps_free(v, *n);
		*out = NULL;
		*n = 0;
		return ORDO_ERROR;
	}
	return 0;
}

void ordo_journal_steps_free(ordo_jstep *s, uint32_t n)
{
	for (uint32_t i = 0; s && i < n; i++) {
		free(s[i].started);
		free(s[i].finished);
		free(s[i].by);
		free(s[i].note);
		free(s[i].reason);
	}
	free(s);
}

int ordo_journal_transition(ordo_journal *j, uint32_t step, ordo_state from, ordo_state to,
			    const char *operator_, const char *note, const char *reason, char **err)
{
	*err = NULL;
	if (exec(j, "BEGIN IMMEDIATE", err))
		return sqlite3_errcode(j->db) == SQLITE_BUSY ? ORDO_ELOCKED : ORDO_ERROR;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(j->db, "SELECT state FROM steps WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return fail_tx(j, err, "read the step");
	sqlite3_bind_int64(st, 1, step);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		char *e2 = NULL;
		exec(j, "ROLLBACK", &e2);
		free(e2);
		if (rc == SQLITE_DONE) {
			*err = dupmsg("no step %u in journal '%s'", step, j->path);
			return ORDO_ENOTFOUND;
		}
		*err = dupmsg("journal '%s': %s", j->path, sqlite3_errmsg(j->db));
		return ORDO_ERROR;
	}
	const char *cur_s = (const char *)sqlite3_column_text(st, 0);
	int cur = cur_s ? ordo_state_parse(cur_s) : -1;
	sqlite3_finalize(st);
	if (from != ORDO_STATE_N && cur != (int)from) {
		char *e2 = NULL;
		exec(j, "ROLLBACK", &e2);
		free(e2);
		*err = dupmsg("step %u is %s, not %s", step, cur >= 0 ? state_names[cur] : "unknown",
			      state_names[from]);
		return ORDO_ECONFLICT;
	}
	char now[32];
	ordo_now_iso(now);
	const char *sql =
		"UPDATE steps SET state = ?1,"
		" attempts = attempts + (CASE WHEN ?1 = 'running' THEN 1 ELSE 0 END),"
		" started = CASE WHEN ?1 = 'running' THEN ?2 ELSE started END,"
		" finished = CASE WHEN ?1 IN ('done', 'failed', 'skipped') THEN ?2"
		"                 WHEN ?1 IN ('pending', 'running') THEN NULL ELSE finished END,"
		" by = CASE WHEN ?1 IN ('done', 'running', 'skipped') THEN ?3 ELSE by END,"
		" note = COALESCE(?4, note),"
		" reason = ?5"
		" WHERE id = ?6";
	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail_tx(j, err, "update the step");
	sqlite3_bind_text(st, 1, state_names[to], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, operator_ ? operator_ : "runner", -1, SQLITE_STATIC);
	if (note)
		sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	if (reason)
		sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int64(st, 6, step);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail_tx(j, err, "update the step");
	const char *detail = note ? note : reason;
	if (record(j, step, cur >= 0 ? state_names[cur] : "unknown", state_names[to], operator_, detail))
		return fail_tx(j, err, "record the transition");
	if (exec(j, "COMMIT", err))
		return fail_tx(j, err, "commit the transition");
	return 0;
}

int ordo_journal_output(ordo_journal *j, const ordo_joutput *o, char **err)
{
	*err = NULL;
	sqlite3_stmt *st;
	char now[32];
	ordo_now_iso(now);
	if (sqlite3_prepare_v2(j->db,
			       "INSERT OR REPLACE INTO outputs (step, attempt, server, exit_code, output, finished)"
			       " VALUES (?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK) {
		*err = dupmsg("journal '%s': %s", j->path, sqlite3_errmsg(j->db));
		return ORDO_ERROR;
	}
	sqlite3_bind_int64(st, 1, o->step);
	sqlite3_bind_int64(st, 2, o->attempt);
	sqlite3_bind_text(st, 3, o->server ? o->server : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, o->exit_code);
	sqlite3_bind_text(st, 5, o->output ? o->output : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*err = dupmsg("journal '%s': cannot record output: %s", j->path, sqlite3_errmsg(j->db));
		return ORDO_ERROR;
	}
	return 0;
}

int ordo_journal_outputs(ordo_journal *j, uint32_t step, ordo_joutput **out, uint32_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(j->db,
			       "SELECT attempt, server, exit_code, output, finished FROM outputs"
			       " WHERE step = ?1 AND attempt = (SELECT max(attempt) FROM outputs WHERE step = ?1)"
			       " ORDER BY server",
			       -1, &st, NULL) != SQLITE_OK)
		return ORDO_ERROR;
	sqlite3_bind_int64(st, 1, step);
	size_t cap = 4;
	ordo_joutput *v = ordo_xcalloc(cap, sizeof(*v));
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			v = ordo_xrealloc(v, cap * sizeof(*v));
		}
		ordo_joutput *o = &v[(*n)++];
		o->step = step;
		o->attempt = (uint32_t)sqlite3_column_int(st, 0);
		o->server = col_text(st, 1);
		o->exit_code = sqlite3_column_int(st, 2);
		o->output = col_text(st, 3);
		o->finished = col_text(st, 4);
	}
	sqlite3_finalize(st);
	*out = v;
	return 0;
}

int ordo_journal_succeeded(ordo_journal *j, uint32_t step, char ***out, uint32_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(j->db,
			       "SELECT DISTINCT server FROM outputs WHERE step = ?1 AND exit_code = 0"
			       " ORDER BY server",
			       -1, &st, NULL) != SQLITE_OK)
		return ORDO_ERROR;
	sqlite3_bind_int64(st, 1, step);
	size_t cap = 4;
	char **v = ordo_xcalloc(cap, sizeof(*v));
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			v = ordo_xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = col_text(st, 0);
	}
	sqlite3_finalize(st);
	*out = v;
	return 0;
}

void ordo_journal_outputs_free(ordo_joutput *o, uint32_t n)
{
	for (uint32_t i = 0; o && i < n; i++) {
		free(o[i].server);
		free(o[i].output);
		free(o[i].finished);
	}
	free(o);
}

int ordo_journal_transitions(ordo_journal *j, ordo_jtransition **out, uint32_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(j->db,
			       "SELECT seq, step, time, from_state, to_state, operator, host, detail"
			       " FROM transitions ORDER BY seq",
			       -1, &st, NULL) != SQLITE_OK)
		return ORDO_ERROR;
	size_t cap = 64;
	ordo_jtransition *v = ordo_xcalloc(cap, sizeof(*v));
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			v = ordo_xrealloc(v, cap * sizeof(*v));
		}
		ordo_jtransition *t = &v[(*n)++];
		t->seq = sqlite3_column_int64(st, 0);
		t->step = (uint32_t)sqlite3_column_int64(st, 1);
		t->time = col_text(st, 2);
		t->from = col_text(st, 3);
		t->to = col_text(st, 4);
		t->operator_ = col_text(st, 5);
		t->host = col_text(st, 6);
		t->detail = col_text(st, 7);
	}
	sqlite3_finalize(st);
	*out = v;
	return 0;
}

void ordo_journal_transitions_free(ordo_jtransition *t, uint32_t n)
{
	for (uint32_t i = 0; t && i < n; i++) {
		free(t[i].time);
		free(t[i].from);
		free(t[i].to);
		free(t[i].operator_);
		free(t[i].host);
		free(t[i].detail);
	}
	free(t);
}
