// libpq, the C client psql is built on (Debian's libpq-dev). The header sits
// in /usr/include/postgresql; pkg-config's flags name it, and the path below
// finds it without them.
#include <postgresql/libpq-fe.h>
