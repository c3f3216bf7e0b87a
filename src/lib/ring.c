/* SPDX-License-Identifier: MIT */
/*
 * ring.c: blocks handed from one thread to another (ring.h).
 *
 * One mutex and one condition variable guard two counters, blocks handed
 * over and blocks given back; a block's content is only touched by the
 * side that owns it between those two moments, so it needs no lock.
 */
#include "ring.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define BLOCKS 8

struct ordo_ring {
	ordo_ring_block blocks[BLOCKS];
	_Alignas(64) pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t head, tail; /* handed over, given back */
	bool cancel;
	_Alignas(64) size_t event_size; /* the reader's, from here on */
	ordo_ring_block *cur;           /* being filled */
};

ordo_ring *ordo_ring_new(size_t event_size)
{
	ordo_ring *r = ordo_xcalloc_lines(sizeof(*r));
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	r->event_size = event_size;
	return r;
}

void ordo_ring_free(ordo_ring *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < BLOCKS; i++) {
		free(r->blocks[i].ev);
		free(r->blocks[i].text);
		free(r->blocks[i].data);
	}
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r);
}

ordo_ring_block *ordo_ring_fill(ordo_ring *r)
{
	if (r->cur)
		return r->cur;
	pthread_mutex_lock(&r->mu);
	while (r->head - r->tail == BLOCKS && !r->cancel)
		pthread_cond_wait(&r->cv, &r->mu);
	ordo_ring_block *k = r->cancel ? NULL : &r->blocks[r->head % BLOCKS];
	pthread_mutex_unlock(&r->mu);
	if (k) {
		k->nev = 0;
		k->ntext = 0;
		memset(k->u, 0, sizeof(k->u));
		k->last = false;
		k->rc = 0;
	}
	r->cur = k;
	return k;
}

void *ordo_ring_event(ordo_ring *r)
{
	ordo_ring_block *k = ordo_ring_fill(r);
	if (!k)
		return NULL;
	if (k->nev == k->evcap) {
		k->evcap = k->evcap ? 2 * k->evcap : 4096;
		k->ev = ordo_xrealloc(k->ev, k->evcap * r->event_size);
	}
	return (char *)k->ev + k->nev++ * r->event_size;
}

size_t ordo_ring_text(ordo_ring_block *k, size_t len)
{
	if (k->textcap - k->ntext < len) {
		size_t cap = k->textcap ? k->textcap : 65536;
		while (cap - k->ntext < len)
			cap *= 2;
		k->text = ordo_xrealloc(k->text, cap);
		k->textcap = cap;
	}
	size_t at = k->ntext;
	k->ntext += len;
	return at;
}

void ordo_ring_data(ordo_ring_block *k, size_t len)
{
	if (k->datacap < len) {
		free(k->data);
		k->data = ordo_xmalloc(len);
		k->datacap = len;
	}
}

void ordo_ring_hand_over(ordo_ring *r, bool last, int rc)
{
	ordo_ring_block *k = r->cur;
	if (!k && !(k = ordo_ring_fill(r)))
		return; /* cancelled: nobody is waiting for it */
	k->last = last;
	k->rc = rc;
	pthread_mutex_lock(&r->mu);
	r->head++;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	r->cur = NULL;
}

ordo_ring_block *ordo_ring_take(ordo_ring *r)
{
	pthread_mutex_lock(&r->mu);
	while (r->tail == r->head)
		pthread_cond_wait(&r->cv, &r->mu);
	ordo_ring_block *k = &r->blocks[r->tail % BLOCKS];
	pthread_mutex_unlock(&r->mu);
	return k;
}

void ordo_ring_give_back(ordo_ring *r, bool cancel)
{
	pthread_mutex_lock(&r->mu);
	r->tail++;
	if (cancel)
		r->cancel = true;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}
