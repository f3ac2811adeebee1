/* py3langid's byte automaton walked in compiled code (text/language.py, `_Native`).

   The automaton's state after each byte is the longest suffix (at most 6 bytes) of the bytes
   read so far that is a node of its trie; each state outputs one feature or none (-1). The
   trie is prefix-closed, so the state is found the Aho-Corasick way: the child of the current
   state on the byte if it has one, else the same question asked of the state's failure link
   (its label's longest proper suffix that is a node), down to the root. Each state's children
   are a contiguous run of state ids sorted by their last byte (text/language.py numbers the
   nodes by label length, then by label as a big-endian integer), found by binary search; the
   root's by a table of 256.

   Two functions, both linear in their input and allocation-free (the caller owns every
   buffer); nothing here keeps state between calls:
   - lw_walk: the output after each byte of a text walked from the root;
   - lw_count: the distinct features of each piece of a run of outputs, in order of first
     occurrence, and their counts, as Python's Counter gives them.
   The floating-point scoring stays in numpy, so scores are the same to the bit as py3langid's
   (tests/guideline/text/test_language_model.py). */

#include <stdint.h>

/* One state of the automaton, packed so that a step reads one cache line for it. */
typedef struct {
    int32_t child_lo; /* its first child's state id */
    int32_t child_hi; /* one past its last child's state id */
    int32_t fail;     /* its failure link */
    int32_t output;   /* its feature, -1 where none */
} lw_state;

typedef struct {
    const lw_state *states;    /* per state */
    const uint8_t *last_byte;  /* per state: its label's last byte (children are searched) */
    const int32_t *root_child; /* per byte: the root's child on it, 0 (the root) where none */
    uint64_t *moves;           /* LW_MOVES transitions met: (key + 1) << 32 | target, 0 empty */
} lw_automaton;

/* A direct-mapped memory of transitions met (2^17 entries, 1 MB): natural text meets the
   same few thousand again and again. Each entry is one 64-bit word read and written whole
   (relaxed atomics), so threads sharing it never see half an entry; a lost update only
   costs a search again. */
#define LW_MOVES_BITS 17
#define LW_MOVES (1u << LW_MOVES_BITS)

/* The state after `state` reads `byte`: its child on the byte if it has one (binary search
   over the children's last bytes), else the same for its failure link, down to the root. */
static int32_t lw_move(const lw_automaton *a, int32_t state, uint8_t byte)
{
    while (state != 0) {
        const lw_state *s = &a->states[state];
        int32_t lo = s->child_lo, hi = s->child_hi;
        const int32_t end = hi;
        while (lo < hi) {
            int32_t mid = lo + (hi - lo) / 2;
            if (a->last_byte[mid] < byte)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < end && a->last_byte[lo] == byte)
            return lo;
        state = s->fail;
    }
    return a->root_child[byte];
}

/* Walk `size` bytes of `data` from the root; write the output of the state after each byte
   to outputs[0..size). Returns the state after the last byte. */
int32_t lw_walk(const lw_automaton *a, const char *text, int64_t size, int32_t *outputs)
{
    const uint8_t *data = (const uint8_t *)text;
    int32_t state = 0;
    uint64_t *moves = a->moves;
    for (int64_t i = 0; i < size; i++) {
        const uint32_t key = ((uint32_t)state << 8) | data[i];
        const uint32_t at = (key * 2654435761u) >> (32 - LW_MOVES_BITS);
        const uint64_t known = __atomic_load_n(&moves[at], __ATOMIC_RELAXED);
        if ((known >> 32) == (uint64_t)key + 1) {
            state = (int32_t)(known & 0xffffffffu);
        } else {
            state = lw_move(a, state, data[i]);
            __atomic_store_n(&moves[at], (((uint64_t)key + 1) << 32) | (uint32_t)state,
                             __ATOMIC_RELAXED);
        }
        outputs[i] = a->states[state].output;
    }
    return state;
}

/* Count the features of `pieces` consecutive runs of `outputs` (piece p has lengths[p]
   outputs; -1 is no feature). For each piece its distinct features go to features[], in
   order of first occurrence, with their counts in counts[] (exact in float32 below 2^24);
   bounds[p]..bounds[p + 1] is piece p's range there (bounds has pieces + 1 entries).
   `slot` has one entry per feature, all -1 on entry, and is all -1 again on return.
   Returns the number of (piece, feature) entries written (at most the sum of lengths). */
int64_t lw_count(const int32_t *outputs, const int64_t *lengths, int64_t pieces,
                 int32_t *slot, int32_t *features, float *counts, int64_t *bounds)
{
    int64_t at = 0, found = 0;
    for (int64_t p = 0; p < pieces; p++) {
        const int64_t first = found;
        bounds[p] = first;
        for (int64_t end = at + lengths[p]; at < end; at++) {
            int32_t feature = outputs[at];
            if (feature < 0)
                continue;
            int32_t known = slot[feature];
            if (known < 0) {
                slot[feature] = (int32_t)(found - first);
                features[found] = feature;
                counts[found] = 1.0f;
                found++;
            } else {
                counts[first + known] += 1.0f;
            }
        }
        for (int64_t k = first; k < found; k++)
            slot[features[k]] = -1;
    }
    bounds[pieces] = found;
    return found;
}
