/* mhd_lib.c — the libmicrohttpd functions ssrtrack calls, each forwarded to
 * the library opened by mhd_lib_load (util/lazy_lib.h says why). */
#include "web/mhd_lib.h"

#include <microhttpd.h>
#include <stdarg.h>

#include "util/lazy_lib.h"

#define MHD_FNS(X)                                                                                 \
    X(MHD_start_daemon_va) X(MHD_quiesce_daemon) X(MHD_stop_daemon) X(MHD_get_daemon_info)         \
    X(MHD_get_connection_info) X(MHD_get_connection_values) X(MHD_lookup_connection_value)         \
    X(MHD_create_response_from_buffer) X(MHD_create_response_from_callback)                        \
    X(MHD_add_response_header) X(MHD_queue_response) X(MHD_destroy_response)
LAZY_WRAPPER(MHD_FNS, "libmicrohttpd.so.12", "serve and witness serve", mhd_lib_load)
#define FN(f) LAZY_CALL(f)

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc, void *apc_cls,
                                    MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = FN(MHD_start_daemon_va)(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}

MHD_socket MHD_quiesce_daemon(struct MHD_Daemon *d) { return FN(MHD_quiesce_daemon)(d); }
void MHD_stop_daemon(struct MHD_Daemon *d) { FN(MHD_stop_daemon)(d); }

/* The two info calls: the kinds ssrtrack asks for (the bound port, the
 * client's address) take no further argument. */
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *d, enum MHD_DaemonInfoType t, ...)
{
    return FN(MHD_get_daemon_info)(d, t);
}

const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *c, enum MHD_ConnectionInfoType t, ...)
{
    return FN(MHD_get_connection_info)(c, t);
}

int MHD_get_connection_values(struct MHD_Connection *c, enum MHD_ValueKind kind, MHD_KeyValueIterator it, void *cls)
{
    return FN(MHD_get_connection_values)(c, kind, it, cls);
}

const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *key)
{
    return FN(MHD_lookup_connection_value)(c, kind, key);
}

struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buf, enum MHD_ResponseMemoryMode mode)
{
    return FN(MHD_create_response_from_buffer)(size, buf, mode);
}

struct MHD_Response *MHD_create_response_from_callback(uint64_t size, size_t block, MHD_ContentReaderCallback crc,
                                                       void *crc_cls, MHD_ContentReaderFreeCallback crfc)
{
    return FN(MHD_create_response_from_callback)(size, block, crc, crc_cls, crfc);
}

enum MHD_Result MHD_add_response_header(struct MHD_Response *r, const char *header, const char *content)
{
    return FN(MHD_add_response_header)(r, header, content);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *c, unsigned int status, struct MHD_Response *r)
{
    return FN(MHD_queue_response)(c, status, r);
}

void MHD_destroy_response(struct MHD_Response *r) { FN(MHD_destroy_response)(r); }
