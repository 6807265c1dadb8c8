/* hicgen — the table of stream purposes (see streams.h). */
#include "hicgen/streams.h"

#include <assert.h>
#include <pthread.h>
#include "hicgen/hash.h"

#define HG_X_STREAM_NAME(id, name, doc) name,
static const char *const names[HG_NSTREAMS] = {HG_STREAMS(HG_X_STREAM_NAME)};
static uint64_t purposes[HG_NSTREAMS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
    for (int i = 0; i < HG_NSTREAMS; i++) purposes[i] = hg_hash_str(names[i]);
}

uint64_t hg_stream(hg_stream_id s)
{
    assert(s >= 0 && s < HG_NSTREAMS);
    pthread_once(&once, init);
    return purposes[s];
}

const char *hg_stream_name(hg_stream_id s)
{
    assert(s >= 0 && s < HG_NSTREAMS);
    return names[s];
}
