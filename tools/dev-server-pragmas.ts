/**
 * `temporal server start-dev`'s SQLite settings wherever we start it. WAL with `synchronous=normal` syncs at checkpoints
 * rather than at every commit: a power loss may lose the last moments of commits but never corrupts the database
 * (sqlite.org/pragma.html#pragma_synchronous). `npm run bench:throughput` measures the dev server with and without
 * them (README, Performance).
 */
export const DEV_SERVER_SQLITE_PRAGMAS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'];
