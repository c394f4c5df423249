#!/usr/bin/env bash
# Build mediasoup-worker (mediasoup 3.12.x .. 3.19.x npm package) on Debian 12 with
# Debian packages only: no GitHub prebuilt download, no PyPI (meson/ninja/invoke),
# no meson wrap downloads. Meson subprojects are replaced by stubs that expose the
# Debian system libraries. Result: <mediasoup pkg>/worker/out/Release/mediasoup-worker
# (the default path mediasoup's Node code looks at, so no env var is needed at run time).
#
# Usage: build-mediasoup-worker-debian.sh <path to node_modules/mediasoup>
# Needs (apt): meson ninja-build pkg-config g++ libssl-dev libuv1-dev libsrtp2-dev
#   libusrsctp-dev libabsl-dev nlohmann-json3-dev libflatbuffers-dev flatbuffers-compiler
set -euo pipefail
PKG="$(cd "$1" && pwd)"
OUT="$2"
VERSION="$(node -p "require('$PKG/package.json').version")"
B="${MS_BUILD_DIR:-$PWD/mediasoup-worker-build-$VERSION}"
JOBS="${JOBS:-$(nproc)}"
rm -rf "$B"; mkdir -p "$B"
cp -a "$PKG/worker" "$B/worker"
W="$B/worker"; SP="$W/subprojects"
rm -f "$SP"/*.wrap

# Debian 12 ships meson 1.0.1; the worker asks for >= 1.1.0 but builds fine with 1.0.1.
sed -i "s/meson_version: '>= 1.1.0'/meson_version: '>= 1.0.0'/" "$W/meson.build"

mk() { # mk <subproject dir> : meson.build from stdin, plus an empty C file for stub libs
  mkdir -p "$SP/$1"; echo "int ms_stub_$(echo "$1" | tr -c 'a-zA-Z0-9\n' _)(void) { return 0; }" > "$SP/$1/stub.c"
  cat > "$SP/$1/meson.build"; }
mk openssl <<'M'
project('openssl', 'c')
openssl_dep = dependency('openssl', version: '>=3.0')
libcrypto_lib = static_library('crypto_stub', 'stub.c')
libssl_lib = static_library('ssl_stub', 'stub.c')
M
mk nlohmann_json <<'M'
project('nlohmann_json', 'c', 'cpp')
nlohmann_json_dep = dependency('nlohmann_json')
M
mk libuv <<'M'
project('libuv', 'c')
libuv_dep = dependency('libuv')
libuv = static_library('uv_stub', 'stub.c')
M
printf "option('build_tests', type: 'boolean', value: false)\noption('build_benchmarks', type: 'boolean', value: false)\n" > "$SP/libuv/meson_options.txt"
mk libsrtp2 <<'M'
project('libsrtp2', 'c')
libsrtp2_dep = declare_dependency(dependencies: dependency('libsrtp2'), include_directories: include_directories('/usr/include/srtp2'))
libsrtp2 = static_library('srtp2_stub', 'stub.c')
M
mk libsrtp3 <<'M'
project('libsrtp3', 'c')
libsrtp3_dep = declare_dependency(dependencies: dependency('libsrtp2'), include_directories: include_directories('compat'))
libsrtp3 = static_library('srtp3_stub', 'stub.c')
M
for d in libsrtp2 libsrtp3; do printf "option('crypto-library', type: 'string', value: 'openssl')\noption('crypto-library-kdf', type: 'string', value: 'disabled')\noption('tests', type: 'string', value: 'disabled')\n" > "$SP/$d/meson_options.txt"; done
# libsrtp 3 API (used by mediasoup >= 3.15) mapped onto Debian's libsrtp 2.5 (no MKI, no cryptex).
mkdir -p "$SP/libsrtp3/compat"
cat > "$SP/libsrtp3/compat/srtp.h" <<'H'
#ifndef MS_SRTP3_COMPAT_H
#define MS_SRTP3_COMPAT_H
#include <srtp2/srtp.h>
#include <string.h>
#include <stddef.h>
#include <stdint.h>
#define srtp_err_status_buffer_small ((srtp_err_status_t)28)
#define srtp_err_status_cryptex_err ((srtp_err_status_t)29)
static inline srtp_err_status_t ms_srtp3_protect(srtp_t ctx, const uint8_t* in, size_t in_len, uint8_t* out, size_t* out_len, size_t mki_index, int rtcp)
{
	(void)mki_index;
	if (*out_len < in_len + SRTP_MAX_TRAILER_LEN) return srtp_err_status_buffer_small;
	if (out != in) memmove(out, in, in_len);
	int len = (int)in_len;
	srtp_err_status_t err = rtcp ? srtp_protect_rtcp(ctx, out, &len) : srtp_protect(ctx, out, &len);
	*out_len = (size_t)len;
	return err;
}
static inline srtp_err_status_t ms_srtp3_unprotect(srtp_t ctx, const uint8_t* in, size_t in_len, uint8_t* out, size_t* out_len, int rtcp)
{
	if (*out_len < in_len) return srtp_err_status_buffer_small;
	if (out != in) memmove(out, in, in_len);
	int len = (int)in_len;
	srtp_err_status_t err = rtcp ? srtp_unprotect_rtcp(ctx, out, &len) : srtp_unprotect(ctx, out, &len);
	*out_len = (size_t)len;
	return err;
}
#define srtp_protect(c, i, il, o, ol, m) ms_srtp3_protect((c), (i), (il), (o), (ol), (m), 0)
#define srtp_protect_rtcp(c, i, il, o, ol, m) ms_srtp3_protect((c), (i), (il), (o), (ol), (m), 1)
#define srtp_unprotect(c, i, il, o, ol) ms_srtp3_unprotect((c), (i), (il), (o), (ol), 0)
#define srtp_unprotect_rtcp(c, i, il, o, ol) ms_srtp3_unprotect((c), (i), (il), (o), (ol), 1)
#define srtp_stream_remove(s, ssrc) srtp_remove_stream((s), (ssrc))
#endif
H
mk usrsctp <<'M'
project('usrsctp', 'c')
usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('usrsctp_stub', 'stub.c')
M
printf "option('sctp_build_programs', type: 'boolean', value: false)\n" > "$SP/usrsctp/meson_options.txt"
mk abseil-cpp <<'M'
project('abseil-cpp', 'c', 'cpp')
absl_container_dep = declare_dependency(dependencies: [dependency('absl_flat_hash_map'),
  dependency('absl_flat_hash_set'), dependency('absl_inlined_vector'), dependency('absl_btree')])
absl_strings_dep = declare_dependency(dependencies: [dependency('absl_strings'), dependency('absl_str_format')])
absl_types_dep = declare_dependency(dependencies: [dependency('absl_optional'), dependency('absl_variant'), dependency('absl_span')])
absl_container_lib = static_library('absl_container_stub', 'stub.c')
M
mk catch2 <<'M'
project('catch2', 'c', 'cpp')
catch2_dep = declare_dependency()
catch2_with_main_dep = catch2_dep
M
mk flatbuffers <<'M'
project('flatbuffers', 'c', 'cpp')
flatbuffers_dep = dependency('flatbuffers')
flatbuffers_lib = static_library('flatbuffers_stub', 'stub.c')
M
mk liburing <<'M'
project('liburing', 'c')
uring = dependency('liburing')
liburing = static_library('liburing_stub', 'stub.c')
M

# mediasoup >= 3.13 spies on the DTLS out BIO with BIO_set_callback_ex() and answers 1 to
# every post-operation ctrl call (BIO_CB_CTRL|BIO_CB_RETURN), so BIO_get_ktls_send() returns
# 1 with Debian's KTLS-enabled OpenSSL 3.0.x: OpenSSL then keeps no write buffer and the
# worker segfaults in do_dtls1_write() on the first DTLS flight. Return `ret` for any
# BIO_CB_RETURN call instead.
sed -i 's/(operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1;/(operationType \& BIO_CB_RETURN) ? static_cast<long>(ret) : 1;/' "$W/src/RTC/DtlsTransport.cpp"

OPTS=()
# Debian 12 liburing 2.3 lacks io_uring_prep_sendto()/io_uring_major_version() used by 3.14+.
grep -q ms_disable_liburing "$W/meson_options.txt" && OPTS+=(-Dms_disable_liburing=true)
TARGETS=(mediasoup-worker)
[ -d "$W/fbs" ] && TARGETS=(fbs/FBS mediasoup-worker)   # flatc-generated headers first

cd "$W"
meson setup --buildtype release -Db_ndebug=true -Db_pie=true -Db_staticpic=true \
  --wrap-mode=nodownload "${OPTS[@]}" out/Release/build
ninja -C out/Release/build -j "$JOBS" "${TARGETS[@]}"
mkdir -p "$(dirname "$OUT")"
install -m 755 out/Release/build/mediasoup-worker "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
rm -rf "$B"
echo "installed $OUT (mediasoup $VERSION)"
