/* SPDX-License-Identifier: MIT */
/*
 * runbook.h: how `ordo run` carries out steps (see the shared runbook.md).
 *
 * Executors are argv templates: placeholders expand inside one argv element
 * each, never through a shell, so nothing from an estate can become a
 * command. The most specific `match` wins (the most keys given), ties go
 * to the first listed. Output is captured with a size cap and redacted by
 * the runbook's patterns (plus built-in ones for password-like settings)
 * before it reaches the journal.
 */
#ifndef ORDO_RUNBOOK_H
#define ORDO_RUNBOOK_H

#include "node.h"

typedef struct {
	const char *action, *product, *component, *role, *phase; /* NULL: any */
	uint32_t specificity;
	const char **argv; /* templates */
	uint32_t argc;
	double timeout;    /* seconds */
	uint32_t retries;
	bool idempotent;
	ordo_loc loc;
} ordo_executor;

typedef struct ordo_runbook ordo_runbook;

/* What a step offers to matching and to placeholders. */
typedef struct {
	uint32_t id;
	const char *action, *phase, *product, *component, *role, *from, *to, *estate;
} ordo_step_view;

/**
 * Load and validate a runbook. Unknown placeholders, keys, durations and
 * redaction patterns are input errors (every one reported in d).
 * @param[out] out caller frees with ordo_runbook_free()
 * @return 0, ORDO_ENOTFOUND or ORDO_EINVALID
 */
int ordo_runbook_load(ordo_runbook **out, const char *path, ordo_diag *d);
void ordo_runbook_free(ordo_runbook *rb);

/** The executor for a step, or NULL (the step waits for an operator). */
const ordo_executor *ordo_runbook_match(const ordo_runbook *rb, const ordo_step_view *s);

/**
 * The argv for one execution (server may be NULL): a NULL-terminated array
 * of malloc'ed strings; free with ordo_argv_free(). run[0] with a '/' that
 * is not absolute is resolved against the runbook's folder.
 */
char **ordo_runbook_argv(const ordo_runbook *rb, const ordo_executor *ex, const ordo_step_view *s,
			 const char *server);
void ordo_argv_free(char **argv);

/** Apply the redaction patterns to text in place (matches become
 * "[redacted]"); returns a malloc'ed string. */
char *ordo_runbook_redact(const ordo_runbook *rb, const char *text);

/** Parse "90", "45s", "30m", "2h", "1h30m" into seconds; false if invalid. */
bool ordo_parse_duration(const char *s, double *out);

#endif
