#ifndef CCURL_H
#define CCURL_H
#include <stddef.h>

/// libcurl, opened at run time (dlopen of libcurl.so.4): nothing is linked, so the program starts
/// as fast without it and builds without its headers. The option numbers below are libcurl's
/// stable ABI (curl.h); only what one HTTPS request needs is exposed.

/// 1 when libcurl could be opened and has every function used; the reason otherwise. The first
/// call opens `library` (NULL: libcurl.so.4); later calls answer as it did.
int ccurl_open(const char *library, char *reason, size_t reason_size);

/// An easy handle (its connections are kept for the next request on it); NULL on failure.
void *ccurl_handle_new(void);
void ccurl_handle_free(void *handle);

typedef struct {
    long status;
    /// Allocated with malloc; the caller frees it with ccurl_free.
    unsigned char *body;
    size_t length;
    /// 0, or libcurl's error code (28 timed out, 42 cancelled, 23 too large).
    int error;
    char message[256];
} ccurl_reply;

/// Asked about every so often during a request: a nonzero answer ends it.
typedef int (*ccurl_cancelled)(void *context);

/// One request; headers are "Name: value" lines. `ca_bundle` may be NULL (the system's store).
void ccurl_perform(void *handle, const char *method, const char *url, const char *const *headers, size_t header_count,
                   const unsigned char *body, size_t body_length, long timeout_ms, const char *ca_bundle, size_t max_body,
                   ccurl_cancelled cancelled, void *context, ccurl_reply *reply);

void ccurl_free(void *pointer);

#endif
