#ifndef DAFTAR_CLIBPQ_SHIM_H
#define DAFTAR_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
