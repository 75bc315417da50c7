// libpq, the C client psql is built on: its header from Debian's libpq-dev,
// its library (libpq.so.5, Debian's libpq5) opened at run time on the first
// PostgreSQL connection. Linked at build time, libpq and the 21 libraries it
// needs (Kerberos, LDAP, GnuTLS, ...) would be loaded and relocated at the
// start of every strata run, SQLite and `--version` included: 5-9 ms.
#include <postgresql/libpq-fe.h>
#include <dlfcn.h>
#include <stdio.h>

// Every libpq function Strata calls, typed from libpq's own declarations.
#define STRATA_LIBPQ_FUNCTIONS(F) \
    F(PQcancel) F(PQclear) F(PQcmdTuples) F(PQconnectdbParams) F(PQconninfoFree) F(PQconninfoParse) \
    F(PQconsumeInput) F(PQenterPipelineMode) F(PQerrorMessage) F(PQexitPipelineMode) F(PQfinish) F(PQfname) F(PQfreeCancel) F(PQfreemem) F(PQftype) \
    F(PQgetCancel) F(PQgetCopyData) F(PQgetResult) F(PQgetisnull) F(PQgetvalue) F(PQisBusy) F(PQnfields) \
    F(PQntuples) F(PQparameterStatus) F(PQpipelineSync) F(PQputCopyData) F(PQputCopyEnd) F(PQresultErrorField) \
    F(PQresultErrorMessage) F(PQresultStatus) F(PQsendPrepare) F(PQsendQuery) F(PQsendQueryParams) F(PQsendQueryPrepared) \
    F(PQsetNoticeReceiver) \
    F(PQsocket) F(PQstatus) F(PQuser)

#define STRATA_LIBPQ_FIELD(name) __typeof__(name) *_Nonnull name;

/// libpq's functions, as found in the library at run time.
typedef struct StrataLibPQ {
    STRATA_LIBPQ_FUNCTIONS(STRATA_LIBPQ_FIELD)
} StrataLibPQ;

/// Opens libpq and fills `api`. Returns 0, or -1 with what went wrong in `error`.
static inline int strata_libpq_load(StrataLibPQ *_Nonnull api, char *_Nonnull error, size_t size) {
    void *library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, size, "%s", dlerror());
        return -1;
    }
#define STRATA_LIBPQ_RESOLVE(name) \
    api->name = (__typeof__(name) *)dlsym(library, #name); \
    if (api->name == NULL) { snprintf(error, size, "libpq.so.5 has no %s", #name); return -1; }
    STRATA_LIBPQ_FUNCTIONS(STRATA_LIBPQ_RESOLVE)
#undef STRATA_LIBPQ_RESOLVE
    return 0;
}
