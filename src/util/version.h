/* version.h — the release of this source tree. */
#ifndef SSR_VERSION_H
#define SSR_VERSION_H
#define SSRTRACK_VERSION "0.1.0"
#endif
