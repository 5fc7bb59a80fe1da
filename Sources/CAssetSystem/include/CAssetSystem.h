// System calls the Swift Glibc module does not expose, wrapped for the daemon.
#ifndef CASSETSYSTEM_H
#define CASSETSYSTEM_H

/// Caps glibc's malloc arenas (mallopt M_ARENA_MAX); returns 1 on success, 0 on failure.
int assetsystem_set_malloc_arena_max(int arenas);

#endif
