#include "CAssetSystem.h"

#include <malloc.h>

int assetsystem_set_malloc_arena_max(int arenas) {
    return mallopt(M_ARENA_MAX, arenas);
}
