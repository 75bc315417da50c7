// SQLite's C API from the system library (Debian's libsqlite3-dev): the same
// SQLite the sqlite3 shell runs, so Strata accepts exactly what it accepts.
#include <sqlite3.h>

/// `sqlite3_db_config` for the options that take an int and report the
/// setting back; the function is variadic, which Swift cannot call.
static inline int strata_sqlite3_db_config_flag(sqlite3 *_Nonnull db, int option, int value) {
    int applied = -1;
    int result = sqlite3_db_config(db, option, value, &applied);
    return result == SQLITE_OK ? applied : -1;
}
