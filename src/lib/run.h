/* SPDX-License-Identifier: MIT */
/*
 * run.h: execute a plan step by step, journaled and resumable.
 *
 * The first run stores the plan in the journal; later runs continue from
 * it. Before anything runs, steps found `running` (the runner died) become
 * `interrupted`: they run again only when their executor is idempotent,
 * otherwise they wait for `ordo ack` or `--retry`. Steps run wave by wave,
 * up to max_parallel executions at once (a step with several servers runs
 * once per server); a wave whose failures exceed the threshold stops
 * launching. Every state change is committed before the next action.
 */
#ifndef ORDO_RUN_H
#define ORDO_RUN_H

#include <signal.h>

#include "journal.h"
#include "plan.h"
#include "runbook.h"

typedef struct {
	const char *journal;          /* path */
	const char *estate_path;      /* for {estate} */
	const ordo_runbook *runbook;  /* NULL: every step waits for an operator */
	uint32_t max_parallel;        /* executions at once; 0: 1 */
	double max_fail_percent;      /* of a wave's executions before it stops launching */
	bool dry_run;
	bool replan;
	const uint32_t *retry;        /* step ids to run again */
	uint32_t nretry;
	const char *operator_;        /* who asked for this run, for the audit trail */
	/* progress and messages for a person; may be NULL */
	void (*progress)(void *ud, const char *line, bool transient);
	void *ud;
	volatile sig_atomic_t *stop;  /* set asynchronously to stop launching and interrupt */
	size_t output_cap;            /* bytes of output kept per execution; 0: 64 KiB */
} ordo_run_options;

/**
 * Run plan p (whose report gives the estate and fingerprint).
 * @param[out] summary what happened and, when stopped, exactly what the
 *                     operator must do (appended)
 * @return 0 all done; 3 stopped at a waiting, failed or interrupted step;
 *         ORDO_EINVALID drift (estate or catalog changed; message in
 *         summary); ORDO_ELOCKED another runner; ORDO_ESCHEMA; ORDO_EIO the
 *         journal could not be written (disk full); ORDO_ERROR.
 */
int ordo_run(const ordo_plan *p, const ordo_run_options *o, ordo_buf *summary);

/** Signature of a step for matching across plans ("vmm|upgrade|management_server|VMM01|2016|"). */
char *ordo_step_signature(const ordo_step *s);

#endif
