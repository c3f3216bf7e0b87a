/* SPDX-License-Identifier: MIT */
/*
 * journal.h: the durable record of a run (SQLite, WAL).
 *
 * A journal holds the plan a run executes (as the JSON document `ordo plan`
 * prints, with its fingerprint), one row per step with its state, and an
 * append-only table of transitions: time, step, from-state, to-state,
 * operator, host and a detail. Every transition is committed, with the
 * step's new state, in one transaction before the caller goes on, so a
 * crash can lose no recorded transition.
 *
 * One runner at a time: ordo_journal_lock() takes an exclusive lock that
 * the kernel releases when the process dies, so a dead runner's lock never
 * needs cleaning up. Other processes (status, ack) may read and write
 * meanwhile; SQLite serialises them.
 *
 * The schema is versioned (PRAGMA user_version) with migrations; a journal
 * written by a newer ordo is refused, never touched.
 */
#ifndef ORDO_JOURNAL_H
#define ORDO_JOURNAL_H

#include "util.h"

typedef enum {
	ORDO_STATE_PENDING = 0,
	ORDO_STATE_RUNNING,
	ORDO_STATE_DONE,
	ORDO_STATE_FAILED,
	ORDO_STATE_WAITING,
	ORDO_STATE_INTERRUPTED,
	ORDO_STATE_SKIPPED,
	ORDO_STATE_N
} ordo_state;

const char *ordo_state_name(ordo_state s);
/** -1 when name is not a state. */
int ordo_state_parse(const char *name);

typedef struct ordo_journal ordo_journal;

typedef struct {
	uint32_t id;
	ordo_state state;
	uint32_t attempts;
	char *started;  /* ISO 8601 UTC, or NULL */
	char *finished;
	char *by;       /* "runner" or the operator's name, or NULL */
	char *note;
	char *reason;   /* why it waits or failed (for status), or NULL */
} ordo_jstep;

typedef struct {
	uint32_t step;
	uint32_t attempt;
	char *server;   /* or NULL */
	int exit_code;  /* -1: killed (timeout) or did not start */
	char *output;   /* captured, capped, redacted */
	char *finished;
} ordo_joutput;

/**
 * Open (create = true: create if missing) the journal at path.
 * @return 0; ORDO_ENOTFOUND (missing and !create, or unreadable);
 *         ORDO_ESCHEMA (written by a newer ordo); ORDO_EINVALID (not a
 *         journal, or corrupt); ORDO_ERROR. The message is in *err (caller
 *         frees) — it never overwrites a file it cannot read as a journal.
 */
int ordo_journal_open(ordo_journal **out, const char *path, bool create, char **err);
void ordo_journal_close(ordo_journal *j);

/** Take the runner lock without waiting: 0, or ORDO_ELOCKED with the
 * holder's pid and host in *err. Released by ordo_journal_close() or the
 * process's death. */
int ordo_journal_lock(ordo_journal *j, char **err);
/** Whether some live runner holds the lock (for status). */
bool ordo_journal_locked_by_other(ordo_journal *j);

/** Whether the journal holds a plan yet. */
bool ordo_journal_has_plan(ordo_journal *j);
/** Store the plan (JSON), its fingerprint and the step ids, all pending. */
int ordo_journal_init_plan(ordo_journal *j, const char *plan_json, const char *fingerprint,
			   const char *estate_name, const char *estate_fp, const char *catalog_fp,
			   const uint32_t *ids, uint32_t n, char **err);
/** Replace the plan after --replan: steps of the old plan are mapped with
 * map[new index] = old id (0: new step); old steps not mapped become
 * skipped; mapped done/skipped steps keep their state. */
int ordo_journal_replan(ordo_journal *j, const char *plan_json, const char *fingerprint,
			const char *estate_fp, const char *catalog_fp, const uint32_t *ids,
			const uint32_t *map, uint32_t n, const char *operator_, char **err);

/** Store a meta value (replacing it). */
int ordo_journal_set_meta(ordo_journal *j, const char *key, const char *value, char **err);
/** Meta values ("plan", "end_state", "fingerprint", "estate", "estate_fingerprint",
 * "catalog_fingerprint", "created"): caller frees; NULL when absent. */
char *ordo_journal_meta(ordo_journal *j, const char *key);

/** All steps in id order; free with ordo_journal_steps_free(). */
int ordo_journal_steps(ordo_journal *j, ordo_jstep **out, uint32_t *n);
void ordo_journal_steps_free(ordo_jstep *s, uint32_t n);

/**
 * Move a step to a new state, recording the transition (and attempts,
 * started/finished, by, note, reason) in one transaction. `from` guards
 * against races: the update happens only if the step is in `from` (pass
 * ORDO_STATE_N to accept any). Returns 0, ORDO_ECONFLICT (not in `from`),
 * ORDO_ENOTFOUND (no such step) or ORDO_ERROR (message in *err).
 */
int ordo_journal_transition(ordo_journal *j, uint32_t step, ordo_state from, ordo_state to,
			    const char *operator_, const char *note, const char *reason, char **err);

/** Record an execution's output (capped by the caller). */
int ordo_journal_output(ordo_journal *j, const ordo_joutput *o, char **err);
/** The outputs of a step's last attempt; free with ordo_journal_outputs_free(). */
int ordo_journal_outputs(ordo_journal *j, uint32_t step, ordo_joutput **out, uint32_t *n);
void ordo_journal_outputs_free(ordo_joutput *o, uint32_t n);
/** The servers ("" for a step run once without one) on which a step's
 * program exited 0 in any attempt; free each and the array. */
int ordo_journal_succeeded(ordo_journal *j, uint32_t step, char ***out, uint32_t *n);

typedef struct {
	int64_t seq;
	uint32_t step;
	char *time, *from, *to, *operator_, *host, *detail;
} ordo_jtransition;

/** The audit trail, oldest first; free with ordo_journal_transitions_free(). */
int ordo_journal_transitions(ordo_journal *j, ordo_jtransition **out, uint32_t *n);
void ordo_journal_transitions_free(ordo_jtransition *t, uint32_t n);

/** Current time as ISO 8601 UTC ("2026-11-21T10:00:00Z"); ORDO_NOW overrides. */
void ordo_now_iso(char buf[32]);

#endif
