/* SPDX-License-Identifier: MIT */
/*
 * run.c: the runner. Processes are started without a shell (fork + exec of
 * an argv), each in its own process group so a timeout can stop everything
 * it started; their output is read through a pipe with poll() and kept up
 * to a cap (head and tail). Journal transitions are committed before and
 * after every execution, so a crash at any point leaves a state the next
 * run can recover from.
 */
#include "run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "loader.h"
#include "json_writer.h"
#include "render.h"

#define KILL_GRACE 5.0

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void say(const ordo_run_options *o, bool transient, const char *fmt, ...) ORDO_PRINTF(3, 4);
static void say(const ordo_run_options *o, bool transient, const char *fmt, ...)
{
	if (!o->progress)
		return;
	ordo_buf b = ORDO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ordo_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	o->progress(o->ud, ordo_buf_cstr(&b), transient);
	ordo_buf_release(&b);
}

char *ordo_step_signature(const ordo_step *s)
{
	ordo_buf b = ORDO_BUF_INIT;
	char v[64];
	ordo_buf_printf(&b, "%s|%s|%s|", ordo_step_subject(s), s->action, s->role ? s->role : "");
	for (uint32_t i = 0; i < s->nservers; i++)
		ordo_buf_printf(&b, "%s%s", i ? "," : "", s->servers[i]);
	ordo_buf_printf(&b, "|%llu|%s|%s|%s", (unsigned long long)s->members,
			s->to.scale ? ordo_version_str(&s->to, v, sizeof(v)) : "",
			s->pack_for ? s->pack_for->id : "", s->title ? s->title : "");
	return ordo_buf_detach(&b);
}

/* ---- the stored plan, for drift messages and replans ---- */

typedef struct {
	uint32_t id;
	char *sig;
} stored_step;

static char *node_text(const ordo_node *n)
{
	return n && ordo_node_is_scalar(n) && n->type != ORDO_NODE_NULL ? (char *)n->u.str : "";
}

/* The signatures of the steps of a stored plan document. */
static uint32_t stored_steps(const char *json, stored_step **out)
{
	*out = NULL;
	ordo_doc *doc = NULL;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_load_options lo = ORDO_LOAD_OPTIONS_INIT;
	lo.syntax = ORDO_SYNTAX_JSON;
	if (ordo_load_buffer(&doc, json, strlen(json), "journal plan", &lo, &d) < 0) {
		ordo_diag_release(&d);
		return 0;
	}
	ordo_diag_release(&d);
	const ordo_node *steps = ordo_node_get(doc->root, "steps");
	uint32_t n = steps && steps->type == ORDO_NODE_SEQ ? steps->len : 0;
	stored_step *v = ordo_xcalloc(n + 1, sizeof(*v));
	for (uint32_t i = 0; i < n; i++) {
		const ordo_node *s = &steps->u.items[i];
		v[i].id = (uint32_t)strtoul(node_text(ordo_node_get(s, "id")), NULL, 10);
		ordo_buf b = ORDO_BUF_INIT;
		ordo_buf_printf(&b, "%s|%s|%s|", node_text(ordo_node_get(s, "component")),
				node_text(ordo_node_get(s, "action")), node_text(ordo_node_get(s, "role")));
		const ordo_node *sv = ordo_node_get(s, "servers");
		for (uint32_t k = 0; sv && sv->type == ORDO_NODE_SEQ && k < sv->len; k++)
			ordo_buf_printf(&b, "%s%s", k ? "," : "", node_text(&sv->u.items[k]));
		const char *members = node_text(ordo_node_get(s, "members"));
		ordo_buf_printf(&b, "|%s|%s|%s|%s", *members ? members : "0", node_text(ordo_node_get(s, "to")),
				node_text(ordo_node_get(s, "for")), node_text(ordo_node_get(s, "title")));
		v[i].sig = ordo_buf_detach(&b);
	}
	ordo_doc_free(doc);
	*out = v;
	return n;
}

static void stored_free(stored_step *v, uint32_t n)
{
	for (uint32_t i = 0; v && i < n; i++)
		free(v[i].sig);
	free(v);
}

/* Map the new plan's steps onto the stored ones by signature; n-th
 * occurrence matches n-th occurrence. */
static uint32_t *map_steps(const ordo_plan *p, const stored_step *old, uint32_t nold, uint32_t *added,
			   uint32_t *removed)
{
	uint32_t *map = ordo_xcalloc(p->nsteps + 1, sizeof(uint32_t));
	bool *used = ordo_xcalloc(nold + 1, sizeof(bool));
	*added = 0;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		char *sig = ordo_step_signature(p->steps[i]);
		for (uint32_t k = 0; k < nold; k++)
			if (!used[k] && !strcmp(old[k].sig, sig)) {
				used[k] = true;
				map[i] = old[k].id;
				break;
			}
		if (!map[i])
			(*added)++;
		free(sig);
	}
	*removed = 0;
	for (uint32_t k = 0; k < nold; k++)
		if (!used[k])
			(*removed)++;
	free(used);
	return map;
}

/* ---- processes ---- */

typedef struct {
	pid_t pid;
	int fd;
	uint32_t step;   /* index into the plan */
	uint32_t exec;   /* index into the step's executions */
	double started;
	double deadline;
	int phase;       /* 0 running, 1 TERM sent, 2 KILL sent */
	bool eof, exited;
	int status;
	ordo_buf head, tail;
	size_t total;
	size_t cap;
} proc;

static void proc_take(proc *pr, const char *data, size_t n)
{
	pr->total += n;
	size_t half = pr->cap / 2;
	if (pr->head.len < half) {
		size_t take = half - pr->head.len < n ? half - pr->head.len : n;
		ordo_buf_put(&pr->head, data, take);
		data += take;
		n -= take;
	}
	if (!n)
		return;
	ordo_buf_put(&pr->tail, data, n);
	if (pr->tail.len > half) {
		/* keep the last half: the end of a failing setup log matters most */
		size_t drop = pr->tail.len - half;
		memmove(pr->tail.ptr, pr->tail.ptr + drop, pr->tail.len - drop);
		pr->tail.len -= drop;
		pr->tail.ptr[pr->tail.len] = '\0';
	}
}

static char *proc_output(proc *pr)
{
	ordo_buf b = ORDO_BUF_INIT;
	ordo_buf_put(&b, pr->head.ptr ? pr->head.ptr : "", pr->head.len);
	size_t kept = pr->head.len + pr->tail.len;
	if (pr->total > kept)
		ordo_buf_printf(&b, "\n[... %zu bytes of output not kept ...]\n", pr->total - kept);
	ordo_buf_put(&b, pr->tail.ptr ? pr->tail.ptr : "", pr->tail.len);
	/* output is text for the journal: no NULs */
	for (size_t i = 0; i < b.len; i++)
		if (b.ptr[i] == '\0')
			b.ptr[i] = '?';
	return ordo_buf_detach(&b);
}

static int start(proc *pr, char **argv, const ordo_step_view *v, const char *server,
		 const char *run_id, char **why)
{
	int fds[2];
	if (pipe(fds) != 0) {
		*why = ordo_xstrdup(strerror(errno));
		return -1;
	}
	/* the child's copy of the write end is the only one that may survive exec */
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	pid_t pid = fork();
	if (pid < 0) {
		*why = ordo_xstrdup(strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		int devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		char id[16];
		snprintf(id, sizeof(id), "%u", v->id);
		setenv("ORDO_STEP", id, 1);
		setenv("ORDO_ACTION", v->action ? v->action : "", 1);
		setenv("ORDO_COMPONENT", v->component ? v->component : "", 1);
		setenv("ORDO_SERVER", server ? server : "", 1);
		if (run_id)
			setenv("ORDO_RUN", run_id, 1);
		if (strchr(argv[0], '/'))
			execv(argv[0], argv);
		else
			execvp(argv[0], argv);
		dprintf(2, "ordo: cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	close(fds[1]);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	pr->pid = pid;
	pr->fd = fds[0];
	return 0;
}

/* ---- the run ---- */

typedef struct {
	const ordo_step *s;
	ordo_step_view view;
	const ordo_executor *ex;
	ordo_state state;
	uint32_t attempts;
	uint32_t nexec;
	const char **servers; /* one per execution (NULL: once, no server) */
	int *exit_codes;      /* per execution of the current attempt: -2 not run yet */
	uint32_t pending, running, failed;
	char vfrom[64], vto[64];
} sstate;

typedef struct {
	const ordo_plan *p;
	const ordo_run_options *o;
	ordo_journal *j;
	sstate *st;
	ordo_buf *summary;
	uint32_t done, total;
	bool journal_error;
	const char *run_id;  /* ORDO_RUN of the programs it starts: the journal's real path */
	bool *alive;         /* per step: a program an earlier runner started still runs */
	long *alive_pid;     /* ... one of them */
} runctx;

static int jtrans(runctx *r, uint32_t i, ordo_state from, ordo_state to, const char *note,
		  const char *reason)
{
	char *err = NULL;
	int rc = ordo_journal_transition(r->j, r->p->steps[i]->id, from, to,
					 to == ORDO_STATE_DONE || to == ORDO_STATE_RUNNING ? "runner"
											: "runner",
					 note, reason, &err);
	if (rc) {
		ordo_buf_printf(r->summary, "ordo: cannot record step %u: %s\n", r->p->steps[i]->id,
				err ? err : "journal error");
		r->journal_error = true;
	} else {
		r->st[i].state = to;
	}
	free(err);
	return rc;
}

static void view_of(const ordo_plan *p, const ordo_step *s, sstate *ss, const char *estate)
{
	ordo_step_view *v = &ss->view;
	v->id = s->id;
	v->action = s->action;
	v->phase = ordo_phase_name(s->phase);
	v->product = ordo_step_product_id(s);
	v->component = s->component ? s->component->id : "";
	v->role = s->role;
	v->from = s->from.scale ? ordo_version_str(&s->from, ss->vfrom, sizeof(ss->vfrom)) : "";
	v->to = s->to.scale ? ordo_version_str(&s->to, ss->vto, sizeof(ss->vto)) : "";
	v->estate = estate ? estate : p->report->estate->name;
}

static bool deps_done(runctx *r, uint32_t i)
{
	const ordo_step *s = r->p->steps[i];
	for (uint32_t k = 0; k < s->nafter; k++) {
		ordo_state st = r->st[s->after[k] - 1].state;
		if (st != ORDO_STATE_DONE && st != ORDO_STATE_SKIPPED)
			return false;
	}
	return true;
}

static void record_output(runctx *r, uint32_t i, uint32_t e, int code, const char *text)
{
	ordo_joutput out = {r->p->steps[i]->id, r->st[i].attempts, (char *)r->st[i].servers[e], code,
			    NULL, NULL};
	char *red = ordo_runbook_redact(r->o->runbook, text);
	out.output = red;
	char *err = NULL;
	if (ordo_journal_output(r->j, &out, &err)) {
		ordo_buf_printf(r->summary, "ordo: %s\n", err);
		r->journal_error = true;
	}
	free(err);
	free(red);
}

/* Execute the runnable steps of one wave. */
static void run_wave(runctx *r, uint32_t *idx, uint32_t n)
{
	const ordo_run_options *o = r->o;
	uint32_t maxp = o->max_parallel ? o->max_parallel : 1;
	proc *procs = ordo_xcalloc(maxp, sizeof(proc));
	uint32_t nrunning = 0, launched = 0, failures = 0, total_exec = 0;
	bool stop_launch = false;
	for (uint32_t k = 0; k < n; k++)
		total_exec += r->st[idx[k]].nexec;
	uint32_t next_step = 0, next_exec = 0;
	for (;;) {
		/* launch */
		while (!stop_launch && nrunning < maxp && next_step < n) {
			if (o->stop && *o->stop) {
				stop_launch = true;
				break;
			}
			uint32_t i = idx[next_step];
			sstate *ss = &r->st[i];
			if (ss->state != ORDO_STATE_RUNNING || next_exec >= ss->nexec) {
				next_step++;
				next_exec = 0;
				continue;
			}
			if (ss->exit_codes[next_exec] != -2) { /* already succeeded in an earlier attempt */
				next_exec++;
				continue;
			}
			uint32_t slot = 0;
			while (procs[slot].pid)
				slot++;
			proc *pr = &procs[slot];
			memset(pr, 0, sizeof(*pr));
			pr->cap = o->output_cap ? o->output_cap : 64 * 1024;
			pr->step = i;
			pr->exec = next_exec;
			char **argv = ordo_runbook_argv(o->runbook, ss->ex, &ss->view, ss->servers[next_exec]);
			char *why = NULL;
			if (start(pr, argv, &ss->view, ss->servers[next_exec], r->run_id, &why) < 0) {
				ordo_buf msg = ORDO_BUF_INIT;
				ordo_buf_printf(&msg, "ordo: cannot start '%s': %s\n", argv[0], why);
				record_output(r, i, next_exec, -1, msg.ptr);
				ordo_buf_release(&msg);
				ss->exit_codes[next_exec] = -1;
				ss->failed++;
				failures++;
				free(why);
				memset(pr, 0, sizeof(*pr));
			} else {
				pr->started = now_s();
				pr->deadline = pr->started + ss->ex->timeout;
				nrunning++;
				ss->running++;
				launched++;
				say(o, true, "step %u: %s%s%s", ss->view.id, ss->s->title,
				    ss->servers[next_exec] ? " on " : "",
				    ss->servers[next_exec] ? ss->servers[next_exec] : "");
			}
			ordo_argv_free(argv);
			next_exec++;
			if (total_exec && o->max_fail_percent >= 0 &&
			    100.0 * failures / total_exec > o->max_fail_percent)
				stop_launch = true;
		}
		if (!nrunning)
			break;
		/* wait for output, exits or deadlines */
		struct pollfd *pfd = ordo_xcalloc(maxp, sizeof(struct pollfd));
		double t = now_s(), wait = 0.5;
		for (uint32_t s = 0; s < maxp; s++) {
			pfd[s].fd = -1;
			if (!procs[s].pid)
				continue;
			if (!procs[s].eof)
				pfd[s] = (struct pollfd){procs[s].fd, POLLIN, 0};
			/* its output is closed but its exit not yet seen: nothing will
			 * wake poll() when it exits, so look again very soon */
			else if (!procs[s].exited && wait > 0.002)
				wait = 0.002;
			double left = procs[s].deadline - t;
			if (left < wait)
				wait = left < 0 ? 0 : left;
		}
		int prc = poll(pfd, maxp, (int)(wait * 1000) + 1);
		if (prc < 0 && errno != EINTR) {
			free(pfd);
			break;
		}
		t = now_s();
		for (uint32_t s = 0; s < maxp; s++) {
			proc *pr = &procs[s];
			if (!pr->pid)
				continue;
			if (!pr->eof && pfd[s].revents) {
				char buf[8192];
				ssize_t got;
				while ((got = read(pr->fd, buf, sizeof(buf))) > 0)
					proc_take(pr, buf, (size_t)got);
				if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
					pr->eof = true;
					close(pr->fd);
				}
			}
			if (!pr->exited) {
				int status;
				pid_t w = waitpid(pr->pid, &status, WNOHANG);
				if (w == pr->pid) {
					pr->exited = true;
					pr->status = status;
					/* a grandchild may hold the pipe open: stop reading */
					if (!pr->eof) {
						char buf[8192];
						ssize_t got;
						while ((got = read(pr->fd, buf, sizeof(buf))) > 0)
							proc_take(pr, buf, (size_t)got);
						pr->eof = true;
						close(pr->fd);
					}
				}
			}
			bool stop_now = o->stop && *o->stop;
			if (!pr->exited && (t >= pr->deadline || stop_now) && pr->phase < 2) {
				if (pr->phase == 0) {
					kill(-pr->pid, SIGTERM);
					pr->phase = 1;
					pr->deadline = t + KILL_GRACE;
				} else {
					kill(-pr->pid, SIGKILL);
					pr->phase = 2;
					pr->deadline = t + 3600;
				}
			}
			if (!pr->exited || !pr->eof)
				continue;
			/* one execution finished */
			sstate *ss = &r->st[pr->step];
			int code = WIFEXITED(pr->status) ? WEXITSTATUS(pr->status) : -1;
			if (pr->phase && code != 0) {
				char note[160];
				snprintf(note, sizeof(note), "\n[ordo: %s after %.0f s]\n",
					 stop_now ? "stopped" : "timed out", t - pr->started);
				proc_take(pr, note, strlen(note));
				code = -1;
			}
			char *text = proc_output(pr);
			record_output(r, pr->step, pr->exec, code, text);
			free(text);
			ordo_buf_release(&pr->head);
			ordo_buf_release(&pr->tail);
			ss->exit_codes[pr->exec] = code == 0 ? 0 : code;
			if (code != 0) {
				ss->failed++;
				/* a failure counts towards the wave's threshold once its
				 * step has no retry left */
				if (ss->attempts > ss->ex->retries) {
					failures++;
					if (total_exec && 100.0 * failures / total_exec > o->max_fail_percent)
						stop_launch = true;
				}
			}
			ss->running--;
			nrunning--;
			memset(pr, 0, sizeof(*pr));
		}
		free(pfd);
		/* steps whose executions are all finished */
		for (uint32_t k = 0; k < n; k++) {
			uint32_t i = idx[k];
			sstate *ss = &r->st[i];
			if (ss->state != ORDO_STATE_RUNNING || ss->running)
				continue;
			bool all_run = true;
			for (uint32_t e = 0; e < ss->nexec; e++)
				all_run &= ss->exit_codes[e] != -2;
			if (!all_run)
				continue;
			if (!ss->failed) {
				jtrans(r, i, ORDO_STATE_RUNNING, ORDO_STATE_DONE, NULL, NULL);
				r->done++;
				say(o, false, "step %u done: %s", ss->view.id, ss->s->title);
				continue;
			}
			bool interrupted = o->stop && *o->stop;
			if (!interrupted && ss->attempts <= ss->ex->retries) {
				/* run the failed executions again */
				for (uint32_t e = 0; e < ss->nexec; e++)
					if (ss->exit_codes[e] != 0)
						ss->exit_codes[e] = -2;
				ss->failed = 0;
				ss->attempts++;
				char note[64];
				snprintf(note, sizeof(note), "attempt %u of %u", ss->attempts, ss->ex->retries + 1);
				jtrans(r, i, ORDO_STATE_RUNNING, ORDO_STATE_RUNNING, note, NULL);
				if (next_step >= k) {
					/* the launcher may have gone past this step's
					 * executions: bring it back to them */
					next_step = k;
					next_exec = 0;
				}
				continue;
			}
			if (interrupted) {
				jtrans(r, i, ORDO_STATE_RUNNING, ORDO_STATE_INTERRUPTED, NULL,
				       "the run was stopped while this step was running");
				continue;
			}
			char reason[128];
			snprintf(reason, sizeof(reason), "%u of %u executions failed", ss->failed, ss->nexec);
			jtrans(r, i, ORDO_STATE_RUNNING, ORDO_STATE_FAILED, NULL, reason);
			say(o, false, "step %u FAILED: %s", ss->view.id, ss->s->title);
		}
	}
	/* steps this wave never got to start stay as they were before */
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = idx[k];
		sstate *ss = &r->st[i];
		if (ss->state == ORDO_STATE_RUNNING && !ss->running) {
			bool started = false;
			for (uint32_t e = 0; e < ss->nexec; e++)
				started |= ss->exit_codes[e] != -2;
			if (!started)
				jtrans(r, i, ORDO_STATE_RUNNING, ORDO_STATE_PENDING, NULL,
				       "not started: the wave stopped launching");
			else
				jtrans(r, i, ORDO_STATE_RUNNING,
				       o->stop && *o->stop ? ORDO_STATE_INTERRUPTED : ORDO_STATE_FAILED, NULL,
				       "the wave stopped before every execution ran");
		}
	}
	free(procs);
}

static void explain_stop(runctx *r)
{
	ordo_buf *b = r->summary;
	const ordo_plan *p = r->p;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const sstate *ss = &r->st[i];
		const ordo_step *s = p->steps[i];
		if (ss->state == ORDO_STATE_WAITING) {
			ordo_buf_printf(b, "step %u waits for an operator: %s\n", s->id, s->title);
			if (s->nservers) {
				ordo_buf_puts(b, "  on ");
				for (uint32_t k = 0; k < s->nservers && k < 10; k++)
					ordo_buf_printf(b, "%s%s", k ? ", " : "", s->servers[k]);
				if (s->nservers > 10)
					ordo_buf_printf(b, " and %u more", s->nservers - 10);
				ordo_buf_putc(b, '\n');
			}
			if (s->nblocked) {
				ordo_buf_puts(b, "  it is blocked by ");
				for (uint32_t k = 0; k < s->nblocked; k++)
					ordo_buf_printf(b, "%s%s", k ? ", " : "", s->blocked_by[k]);
				ordo_buf_puts(b, ": fix the cause (see 'ordo check'), then run 'ordo run --replan'\n");
			} else {
				ordo_buf_printf(b, "  when it is done: ordo ack %u --by <your name> [--note <text>]\n", s->id);
			}
		} else if (ss->state == ORDO_STATE_FAILED) {
			ordo_buf_printf(b, "step %u failed: %s\n  see its output with 'ordo status'; run it again with 'ordo run --retry %u', or record it as done by hand with 'ordo ack %u --by <name>'\n",
					s->id, s->title, s->id, s->id);
		} else if (ss->state == ORDO_STATE_INTERRUPTED && r->alive && r->alive[i]) {
			ordo_buf_printf(b, "step %u was interrupted, and a program it started is still running (pid %ld): %s\n  'ordo run' goes on once it has ended; or stop it, or, if the step's work is done, 'ordo ack %u --by <name>'\n",
					s->id, r->alive_pid[i], s->title, s->id);
		} else if (ss->state == ORDO_STATE_INTERRUPTED) {
			ordo_buf_printf(b, "step %u was interrupted and is not safe to repeat: %s\n  check whether it completed; then 'ordo ack %u --by <name>' if it did, or 'ordo run --retry %u' to run it again\n",
					s->id, s->title, s->id, s->id);
		}
	}
}

/* A step run again (--retry, or after an interruption) skips the servers
 * where an earlier attempt already succeeded, as a retry within a run
 * does: only what failed or never finished runs again. */
static uint32_t skip_succeeded(runctx *r, uint32_t k)
{
	sstate *ss = &r->st[k];
	char **done = NULL;
	uint32_t ndone = 0, left = ss->nexec;
	if (ordo_journal_succeeded(r->j, r->p->steps[k]->id, &done, &ndone) < 0)
		return left;
	for (uint32_t e = 0; e < ss->nexec; e++)
		for (uint32_t q = 0; q < ndone && ss->servers[e]; q++)
			if (!strcmp(done[q], ss->servers[e])) {
				ss->exit_codes[e] = 0;
				left--;
				break;
			}
	for (uint32_t q = 0; q < ndone; q++)
		free(done[q]);
	free(done);
	return left;
}

/* Programs an earlier runner of this journal started and that still run:
 * a runner killed with SIGKILL leaves them going. They carry ORDO_RUN and
 * ORDO_STEP in their environment (so do their children); alive[i] is set
 * for each step i that has one, and *pid_of[i] to one of them. Linux only:
 * elsewhere nothing is found. */
static void find_alive(const ordo_plan *p, const char *run_id, bool *alive, long *pid_of)
{
	DIR *d = opendir("/proc");
	if (!d || !run_id)
		goto done;
	size_t idlen = strlen(run_id);
	char *env = ordo_xmalloc(65536);
	struct dirent *de;
	while ((de = readdir(d))) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid())
			continue;
		char path[64];
		snprintf(path, sizeof(path), "/proc/%ld/environ", pid);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue; /* gone, or another user's */
		ssize_t n = read(fd, env, 65535);
		close(fd);
		if (n <= 0)
			continue; /* a zombie has no environment */
		env[n] = '\0';
		bool ours = false;
		unsigned long step = 0;
		for (char *e = env; e < env + n; e += strlen(e) + 1) {
			if (!strncmp(e, "ORDO_RUN=", 9) && strlen(e + 9) == idlen && !memcmp(e + 9, run_id, idlen))
				ours = true;
			else if (!strncmp(e, "ORDO_STEP=", 10))
				step = strtoul(e + 10, NULL, 10);
		}
		if (!ours || !step)
			continue;
		for (uint32_t i = 0; i < p->nsteps; i++)
			if (p->steps[i]->id == step) {
				alive[i] = true;
				pid_of[i] = pid;
			}
	}
	free(env);
done:
	if (d)
		closedir(d);
}

int ordo_run(const ordo_plan *p, const ordo_run_options *o, ordo_buf *summary)
{
	const ordo_report *rep = p->report;
	runctx r = {p, o, NULL, NULL, summary, 0, p->nsteps, false, NULL, NULL, NULL};
	int rc = 0;
	char *err = NULL;

	if (o->dry_run) {
		/* what would run, from the journal's state if there is one */
		ordo_journal *j = NULL;
		ordo_jstep *js = NULL;
		uint32_t njs = 0;
		if (ordo_journal_open(&j, o->journal, false, &err) == 0)
			ordo_journal_steps(j, &js, &njs);
		free(err);
		err = NULL;
		for (uint32_t i = 0; i < p->nsteps; i++) {
			const ordo_step *s = p->steps[i];
			ordo_state st = ORDO_STATE_PENDING;
			for (uint32_t k = 0; k < njs; k++)
				if (js[k].id == s->id)
					st = js[k].state;
			sstate ss;
			memset(&ss, 0, sizeof(ss));
			view_of(p, s, &ss, o->estate_path);
			const ordo_executor *ex = ordo_runbook_match(o->runbook, &ss.view);
			ordo_buf_printf(summary, "%u (wave %u, %s) %s\n", s->id, s->wave, ordo_state_name(st), s->title);
			if (st == ORDO_STATE_DONE || st == ORDO_STATE_SKIPPED)
				continue;
			if (s->nblocked) {
				ordo_buf_printf(summary, "    blocked by %s\n", s->blocked_by[0]);
				continue;
			}
			if (!ex) {
				ordo_buf_puts(summary, "    waits for an operator (no executor matches)\n");
				continue;
			}
			uint32_t ne = s->nservers ? s->nservers : 1;
			for (uint32_t e = 0; e < ne && e < 20; e++) {
				char **argv = ordo_runbook_argv(o->runbook, ex, &ss.view, s->nservers ? s->servers[e] : NULL);
				ordo_buf_puts(summary, "    $");
				for (char **a = argv; *a; a++) {
					ordo_buf_putc(summary, ' ');
					bool plain = **a && strspn(*a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@{}") == strlen(*a);
					if (plain) {
						ordo_buf_puts(summary, *a);
					} else {
						ordo_buf_putc(summary, '\'');
						for (const char *c = *a; *c; c++)
							ordo_buf_puts(summary, *c == '\'' ? "'\\''" : (char[2]){*c, 0});
						ordo_buf_putc(summary, '\'');
					}
				}
				ordo_buf_putc(summary, '\n');
				ordo_argv_free(argv);
			}
			if (ne > 20)
				ordo_buf_printf(summary, "    ... and %u more executions\n", ne - 20);
		}
		ordo_journal_steps_free(js, njs);
		ordo_journal_close(j);
		return 0;
	}

	rc = ordo_journal_open(&r.j, o->journal, true, &err);
	if (rc) {
		ordo_buf_printf(summary, "ordo: %s\n", err);
		free(err);
		return rc;
	}
	rc = ordo_journal_lock(r.j, &err);
	if (rc) {
		ordo_buf_printf(summary, "ordo: %s\n", err);
		free(err);
		ordo_journal_close(r.j);
		return rc;
	}
	/* the plan: store it, or make sure it is still the one in the journal */
	ordo_buf plan_json = ORDO_BUF_INIT;
	ordo_render_json(&plan_json, rep, p);
	uint32_t *ids = ordo_xcalloc(p->nsteps + 1, sizeof(uint32_t));
	for (uint32_t i = 0; i < p->nsteps; i++)
		ids[i] = p->steps[i]->id;
	if (!ordo_journal_has_plan(r.j)) {
		rc = ordo_journal_init_plan(r.j, plan_json.ptr, ordo_report_fingerprint(rep), rep->estate->name,
					    ordo_estate_fingerprint(rep->estate), rep->catalog->fingerprint, ids,
					    p->nsteps, &err);
	} else {
		char *fp = ordo_journal_meta(r.j, "fingerprint");
		if (!fp || strcmp(fp, ordo_report_fingerprint(rep))) {
			char *efp = ordo_journal_meta(r.j, "estate_fingerprint");
			char *cfp = ordo_journal_meta(r.j, "catalog_fingerprint");
			char *old = ordo_journal_meta(r.j, "plan");
			stored_step *olds = NULL;
			uint32_t nold = old ? stored_steps(old, &olds) : 0;
			uint32_t added, removed;
			uint32_t *map = map_steps(p, olds, nold, &added, &removed);
			if (!o->replan) {
				ordo_buf_printf(summary,
						"ordo: the %s changed since journal '%s' was started: its plan no longer matches\n",
						efp && strcmp(efp, ordo_estate_fingerprint(rep->estate)) ? (cfp && strcmp(cfp, rep->catalog->fingerprint) ? "estate and the catalog" : "estate")
						: "catalog",
						o->journal);
				ordo_buf_printf(summary, "ordo:   the new plan has %u step%s the journal's does not, and drops %u of its %u steps\n",
						added, added == 1 ? "" : "s", removed, nold);
				uint32_t shown = 0;
				for (uint32_t i = 0; i < p->nsteps && shown < 5; i++)
					if (!map[i]) {
						ordo_buf_printf(summary, "ordo:   new: %s\n", p->steps[i]->title);
						shown++;
					}
				ordo_buf_puts(summary, "ordo: continue with 'ordo run --replan' (steps already done stay done), or restore the estate the run started from\n");
				rc = ORDO_EINVALID;
			} else {
				rc = ordo_journal_replan(r.j, plan_json.ptr, ordo_report_fingerprint(rep),
							 ordo_estate_fingerprint(rep->estate), rep->catalog->fingerprint, ids,
							 map, p->nsteps, o->operator_, &err);
				if (!rc)
					say(o, false, "replanned: %u new step%s, %u dropped", added, added == 1 ? "" : "s", removed);
			}
			free(map);
			stored_free(olds, nold);
			free(old);
			free(efp);
			free(cfp);
		}
		free(fp);
	}
	if (!rc) {
		/* where every component is once the plan is done, for ordo verify */
		ordo_buf end = ORDO_BUF_INIT;
		ordo_jw w;
		ordo_jw_init(&w, &end, false);
		ordo_jw_array_begin(&w);
		for (uint32_t i = 0; i < rep->estate->ncomponents; i++) {
			const ordo_component *c = &rep->estate->components[i];
			bool moves = rep->paths[i].path.status == ORDO_PATH_OK;
			char v[64];
			ordo_jw_object_begin(&w);
			ordo_jw_key(&w, "component");
			ordo_jw_string(&w, c->id);
			ordo_jw_key(&w, "product");
			ordo_jw_string(&w, c->product->id);
			ordo_jw_key(&w, "version");
			ordo_jw_string(&w, ordo_version_str(moves ? &c->target : &c->version, v, sizeof(v)));
			ordo_jw_object_end(&w);
		}
		ordo_jw_array_end(&w);
		rc = ordo_journal_set_meta(r.j, "end_state", end.ptr, &err);
		ordo_buf_release(&end);
	}
	ordo_buf_release(&plan_json);
	free(ids);
	if (rc) {
		if (err)
			ordo_buf_printf(summary, "ordo: %s\n", err);
		free(err);
		ordo_journal_close(r.j);
		return rc;
	}

	/* the journal's view of every step */
	ordo_jstep *js = NULL;
	uint32_t njs = 0;
	if (ordo_journal_steps(r.j, &js, &njs)) {
		ordo_buf_printf(summary, "ordo: cannot read the steps of journal '%s'\n", o->journal);
		ordo_journal_close(r.j);
		return ORDO_ERROR;
	}
	r.st = ordo_xcalloc(p->nsteps + 1, sizeof(sstate));
	for (uint32_t i = 0; i < p->nsteps; i++) {
		sstate *ss = &r.st[i];
		ss->s = p->steps[i];
		view_of(p, ss->s, ss, o->estate_path);
		ss->ex = ordo_runbook_match(o->runbook, &ss->view);
		for (uint32_t k = 0; k < njs; k++)
			if (js[k].id == ss->s->id) {
				ss->state = js[k].state;
				ss->attempts = js[k].attempts;
			}
		if (ss->state == ORDO_STATE_DONE || ss->state == ORDO_STATE_SKIPPED)
			r.done++;
	}
	ordo_journal_steps_free(js, njs);

	/* recovery: a step left running was interrupted by the runner's death */
	r.run_id = realpath(o->journal, NULL);
	bool interrupted = false;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		if (r.st[i].state == ORDO_STATE_RUNNING)
			jtrans(&r, i, ORDO_STATE_RUNNING, ORDO_STATE_INTERRUPTED, NULL,
			       "the runner stopped while this step was running");
		interrupted |= r.st[i].state == ORDO_STATE_INTERRUPTED;
	}
	/* an interrupted step whose programs still run is not started again
	 * beside them, by --retry or for being idempotent */
	r.alive = ordo_xcalloc(p->nsteps + 1, sizeof(bool));
	r.alive_pid = ordo_xcalloc(p->nsteps + 1, sizeof(long));
	if (interrupted)
		find_alive(p, r.run_id, r.alive, r.alive_pid);
	for (uint32_t k = 0; k < o->nretry; k++) {
		uint32_t id = o->retry[k];
		if (!id || id > p->nsteps) {
			ordo_buf_printf(summary, "ordo: --retry %u: no such step\n", id);
			continue;
		}
		ordo_state st = r.st[id - 1].state;
		if (st == ORDO_STATE_INTERRUPTED && r.alive[id - 1])
			ordo_buf_printf(summary, "ordo: --retry %u: a program the interrupted run started for it is still running (pid %ld); wait for it to end, or stop it, then retry\n",
					id, r.alive_pid[id - 1]);
		else if (st == ORDO_STATE_FAILED || st == ORDO_STATE_INTERRUPTED || st == ORDO_STATE_WAITING)
			jtrans(&r, id - 1, st, ORDO_STATE_PENDING, NULL, "--retry");
		else
			ordo_buf_printf(summary, "ordo: --retry %u: the step is %s, nothing to retry\n", id,
					ordo_state_name(st));
	}
	for (uint32_t i = 0; i < p->nsteps; i++) {
		sstate *ss = &r.st[i];
		if (ss->state == ORDO_STATE_INTERRUPTED && ss->ex && ss->ex->idempotent && !r.alive[i])
			jtrans(&r, i, ORDO_STATE_INTERRUPTED, ORDO_STATE_PENDING, NULL,
			       "interrupted, and its executor is idempotent: it runs again");
		else if (ss->state == ORDO_STATE_WAITING && ss->ex && !ss->s->nblocked)
			jtrans(&r, i, ORDO_STATE_WAITING, ORDO_STATE_PENDING, NULL,
			       "an executor now matches it");
	}

	/* waves */
	uint32_t *idx = ordo_xcalloc(p->nsteps + 1, sizeof(uint32_t));
	bool stopped = r.journal_error;
	for (uint32_t i = 0; i < p->nsteps && !stopped;) {
		uint32_t wave = p->steps[i]->wave, n = 0;
		uint32_t end = i;
		while (end < p->nsteps && p->steps[end]->wave == wave)
			end++;
		for (uint32_t k = i; k < end; k++) {
			sstate *ss = &r.st[k];
			if (ss->state != ORDO_STATE_PENDING)
				continue;
			if (!deps_done(&r, k))
				continue;
			const ordo_step *s = ss->s;
			if (s->nblocked) {
				ordo_buf why = ORDO_BUF_INIT;
				ordo_buf_puts(&why, "blocked by ");
				for (uint32_t q = 0; q < s->nblocked; q++)
					ordo_buf_printf(&why, "%s%s", q ? ", " : "", s->blocked_by[q]);
				jtrans(&r, k, ORDO_STATE_PENDING, ORDO_STATE_WAITING, NULL, why.ptr);
				ordo_buf_release(&why);
				continue;
			}
			if (!ss->ex) {
				jtrans(&r, k, ORDO_STATE_PENDING, ORDO_STATE_WAITING, NULL,
				       "no executor in the runbook matches this step: an operator carries it out");
				continue;
			}
			ss->nexec = s->nservers ? s->nservers : 1;
			ss->servers = ordo_xcalloc(ss->nexec, sizeof(char *));
			ss->exit_codes = ordo_xcalloc(ss->nexec, sizeof(int));
			for (uint32_t e = 0; e < ss->nexec; e++) {
				ss->servers[e] = s->nservers ? s->servers[e] : NULL;
				ss->exit_codes[e] = -2;
			}
			uint32_t left = ss->attempts && s->nservers > 1 ? skip_succeeded(&r, k) : ss->nexec;
			ss->failed = 0;
			if (jtrans(&r, k, ORDO_STATE_PENDING, ORDO_STATE_RUNNING, NULL, NULL))
				break;
			if (!left) {
				/* it had succeeded everywhere before it was stopped */
				if (jtrans(&r, k, ORDO_STATE_RUNNING, ORDO_STATE_DONE,
					   "every server succeeded in an earlier attempt", NULL))
					break;
				r.done++;
				continue;
			}
			ss->attempts++;
			idx[n++] = k;
		}
		if (n && !r.journal_error)
			run_wave(&r, idx, n);
		for (uint32_t k = i; k < end; k++) {
			ordo_state st = r.st[k].state;
			if (st != ORDO_STATE_DONE && st != ORDO_STATE_SKIPPED)
				stopped = true;
			free(r.st[k].servers);
			free(r.st[k].exit_codes);
			r.st[k].servers = NULL;
			r.st[k].exit_codes = NULL;
		}
		if (o->stop && *o->stop)
			stopped = true;
		if (r.journal_error)
			stopped = true;
		i = end;
	}
	free(idx);
	say(o, true, "%s", "");
	if (r.journal_error) {
		/* what was recorded before stays; the next run goes on from it */
		ordo_buf_puts(summary, "ordo: the journal could not be written (see above); every transition recorded before that is kept, and 'ordo run' goes on from there once the journal can be written again\n");
		rc = ORDO_EIO;
	} else if (stopped) {
		ordo_buf_printf(summary, "%u of %u steps done; the run stopped:\n", r.done, p->nsteps);
		explain_stop(&r);
		if (o->stop && *o->stop)
			ordo_buf_puts(summary, "the run was stopped; 'ordo run' goes on from here\n");
		rc = 3;
	} else {
		ordo_buf_printf(summary, "all %u steps done\n", p->nsteps);
	}
	free(r.st);
	free(r.alive);
	free(r.alive_pid);
	free((char *)r.run_id);
	ordo_journal_close(r.j);
	return rc;
}
