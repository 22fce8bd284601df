#ifndef DAFTAR_CLIBPQ_SHIM_H
#define DAFTAR_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
