/* SPDX-License-Identifier: MIT */
/*
 * ring.h: blocks handed from one thread to another, in order.
 *
 * A reader thread fills a block (an array of fixed-size events, a text
 * area and a data area, all growing as needed, plus a few numbers of its
 * own) and hands it over; the consuming thread takes blocks in the order
 * they were handed over and gives each back when done with it. A few
 * blocks circulate, so a reader that runs ahead waits instead of filling
 * memory. Either side may stop the exchange: the consumer by cancelling
 * (the reader's next ordo_ring_fill() returns NULL), the reader by handing
 * over a block marked last.
 */
#ifndef ORDO_RING_H
#define ORDO_RING_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ordo_ring ordo_ring;

typedef struct {
	/* a line of its own: the reader fills one block while the consumer
	 * reads another */
	_Alignas(64) void *ev; /* nev events of the ring's event size */
	size_t nev, evcap;
	char *text;            /* ntext bytes used */
	size_t ntext, textcap;
	unsigned char *data;   /* datacap bytes, for the reader to fill */
	size_t datacap;
	size_t u[6];           /* the reader's numbers about this block */
	bool last;             /* no block follows */
	int rc;                /* with last: the reader's result */
} ordo_ring_block;

/** A ring of blocks whose events are event_size bytes. Free with ordo_ring_free(). */
ordo_ring *ordo_ring_new(size_t event_size);
void ordo_ring_free(ordo_ring *r);

/* ---- the reader's side ---- */

/** The block being filled (a free one is waited for and emptied), or NULL
 * once the consumer has cancelled. */
ordo_ring_block *ordo_ring_fill(ordo_ring *r);
/** One more event in the block being filled (its bytes as they were:
 * the reader sets them all); NULL once cancelled. */
void *ordo_ring_event(ordo_ring *r);
/** Room for len more bytes of text in the block being filled: returns the
 * offset of the room in block->text (valid until the next call). */
size_t ordo_ring_text(ordo_ring_block *k, size_t len);
/** Room for len bytes of data in an empty block being filled. */
void ordo_ring_data(ordo_ring_block *k, size_t len);
/** Hand the block being filled over (last: it is the final one, with rc). */
void ordo_ring_hand_over(ordo_ring *r, bool last, int rc);

/* ---- the consumer's side ---- */

/** The next block handed over, waited for. */
ordo_ring_block *ordo_ring_take(ordo_ring *r);
/** Give the block taken back; cancel: the reader is to stop. */
void ordo_ring_give_back(ordo_ring *r, bool cancel);

#endif
