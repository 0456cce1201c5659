#include "ccurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libcurl's ABI: option numbers (type base + number) and codes, as curl.h defines them.
enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_WRITEFUNCTION = 20011, OPT_POSTFIELDS = 10015, OPT_HTTPHEADER = 10023,
    OPT_CUSTOMREQUEST = 10036, OPT_NOPROGRESS = 43, OPT_POST = 47, OPT_XFERINFODATA = 10057, OPT_CAINFO = 10065,
    OPT_NOSIGNAL = 99, OPT_POSTFIELDSIZE_LARGE = 30120, OPT_TIMEOUT_MS = 155, OPT_CONNECTTIMEOUT_MS = 156,
    OPT_XFERINFOFUNCTION = 20219, OPT_PROTOCOLS_STR = 10318, OPT_HTTPGET = 80,
    INFO_RESPONSE_CODE = 0x200000 + 2, GLOBAL_DEFAULT = 3, E_WRITE_ERROR = 23,
};

struct slist;
static struct {
    int (*global_init)(long);
    void *(*easy_init)(void);
    int (*easy_setopt)(void *, int, ...);
    int (*easy_perform)(void *);
    int (*easy_getinfo)(void *, int, ...);
    void (*easy_cleanup)(void *);
    void (*easy_reset)(void *);
    const char *(*easy_strerror)(int);
    struct slist *(*slist_append)(struct slist *, const char *);
    void (*slist_free_all)(struct slist *);
} curl;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int tried = 0, opened = 0;
static char open_failure[200];

static void open_library(const char *path) {
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(open_failure, sizeof open_failure, "%s is not installed", path);
        return;
    }
#define FIND(field, name) if (!(*(void **)&curl.field = dlsym(library, name))) { \
        snprintf(open_failure, sizeof open_failure, "libcurl.so.4 has no %s", name); return; }
    FIND(global_init, "curl_global_init")
    FIND(easy_init, "curl_easy_init")
    FIND(easy_setopt, "curl_easy_setopt")
    FIND(easy_perform, "curl_easy_perform")
    FIND(easy_getinfo, "curl_easy_getinfo")
    FIND(easy_cleanup, "curl_easy_cleanup")
    FIND(easy_reset, "curl_easy_reset")
    FIND(easy_strerror, "curl_easy_strerror")
    FIND(slist_append, "curl_slist_append")
    FIND(slist_free_all, "curl_slist_free_all")
#undef FIND
    if (curl.global_init(GLOBAL_DEFAULT) != 0) {
        snprintf(open_failure, sizeof open_failure, "libcurl did not start");
        return;
    }
    opened = 1;
}

int ccurl_open(const char *library, char *reason, size_t reason_size) {
    pthread_mutex_lock(&lock);
    if (!tried) {
        tried = 1;
        open_library(library && *library ? library : "libcurl.so.4");
    }
    pthread_mutex_unlock(&lock);
    if (!opened && reason && reason_size) snprintf(reason, reason_size, "%s", open_failure);
    return opened;
}

void *ccurl_handle_new(void) { return ccurl_open(NULL, NULL, 0) ? curl.easy_init() : NULL; }

void ccurl_handle_free(void *handle) { if (handle && opened) curl.easy_cleanup(handle); }

void ccurl_free(void *pointer) { free(pointer); }

struct sink {
    unsigned char *data;
    size_t length, capacity, limit;
    int too_large;
};

static size_t write_body(char *bytes, size_t size, size_t count, void *context) {
    struct sink *sink = context;
    size_t n = size * count;
    if (sink->length + n > sink->limit) { sink->too_large = 1; return 0; }
    if (sink->length + n > sink->capacity) {
        size_t capacity = sink->capacity ? sink->capacity : 16384;
        while (capacity < sink->length + n) capacity *= 2;
        unsigned char *grown = realloc(sink->data, capacity);
        if (!grown) return 0;
        sink->data = grown;
        sink->capacity = capacity;
    }
    memcpy(sink->data + sink->length, bytes, n);
    sink->length += n;
    return n;
}

struct watch { ccurl_cancelled cancelled; void *context; };

static int progress(void *context, long long a, long long b, long long c, long long d) {
    (void)a; (void)b; (void)c; (void)d;
    struct watch *watch = context;
    return watch->cancelled && watch->cancelled(watch->context) ? 1 : 0;
}

void ccurl_perform(void *handle, const char *method, const char *url, const char *const *headers, size_t header_count,
                   const unsigned char *body, size_t body_length, long timeout_ms, const char *ca_bundle, size_t max_body,
                   ccurl_cancelled cancelled, void *context, ccurl_reply *reply) {
    memset(reply, 0, sizeof *reply);
    struct sink sink = {0};
    sink.limit = max_body;
    struct watch watch = {cancelled, context};
    struct slist *list = NULL;
    // libcurl waits for a 100-continue on larger bodies unless told not to; no service needs it.
    list = curl.slist_append(list, "Expect:");
    for (size_t i = 0; i < header_count; i++) list = curl.slist_append(list, headers[i]);
    curl.easy_reset(handle);
    curl.easy_setopt(handle, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, OPT_PROTOCOLS_STR, "https,http");
    curl.easy_setopt(handle, OPT_URL, url);
    if (strcmp(method, "GET") == 0) {
        // A GET carries no body (and so no form Content-Type libcurl would add to one).
        curl.easy_setopt(handle, OPT_HTTPGET, 1L);
    } else {
        curl.easy_setopt(handle, OPT_CUSTOMREQUEST, method);
        if (strcmp(method, "POST") == 0) curl.easy_setopt(handle, OPT_POST, 1L);
        curl.easy_setopt(handle, OPT_POSTFIELDSIZE_LARGE, (long long)body_length);
        curl.easy_setopt(handle, OPT_POSTFIELDS, body_length ? (const char *)body : "");
    }
    curl.easy_setopt(handle, OPT_HTTPHEADER, list);
    curl.easy_setopt(handle, OPT_TIMEOUT_MS, timeout_ms);
    curl.easy_setopt(handle, OPT_CONNECTTIMEOUT_MS, timeout_ms);
    if (ca_bundle) curl.easy_setopt(handle, OPT_CAINFO, ca_bundle);
    curl.easy_setopt(handle, OPT_WRITEFUNCTION, write_body);
    curl.easy_setopt(handle, OPT_WRITEDATA, &sink);
    curl.easy_setopt(handle, OPT_NOPROGRESS, 0L);
    curl.easy_setopt(handle, OPT_XFERINFOFUNCTION, progress);
    curl.easy_setopt(handle, OPT_XFERINFODATA, &watch);
    int code = curl.easy_perform(handle);
    curl.slist_free_all(list);
    if (code != 0) {
        reply->error = sink.too_large ? E_WRITE_ERROR : code;
        snprintf(reply->message, sizeof reply->message, "%s", sink.too_large ? "the reply is too large" : curl.easy_strerror(code));
        free(sink.data);
        return;
    }
    curl.easy_getinfo(handle, INFO_RESPONSE_CODE, &reply->status);
    reply->body = sink.data;
    reply->length = sink.length;
}
