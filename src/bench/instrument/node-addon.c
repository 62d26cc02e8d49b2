/* The Node side of callgrind.c: the same requests, as a Node-API addon that `bench run` loads. */
#include <node_api.h>
#include "callgrind.c"

static napi_value running(napi_env env, napi_callback_info info) {
  napi_value out;
  napi_get_boolean(env, tg_running() != 0, &out);
  return out;
}

static napi_value start(napi_env env, napi_callback_info info) {
  tg_start();
  return NULL;
}

static napi_value stop(napi_env env, napi_callback_info info) {
  tg_stop();
  return NULL;
}

static napi_value dump(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char name[512];
  size_t len = 0;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], name, sizeof name, &len) != napi_ok) return NULL;
  tg_dump(name);
  return NULL;
}

static napi_value cpu(napi_env env, napi_callback_info info) {
  napi_value out;
  napi_create_string_utf8(env, tg_cpu(), NAPI_AUTO_LENGTH, &out);
  return out;
}

NAPI_MODULE_INIT() {
  const struct { const char *name; napi_callback fn; } fns[] = {
      {"running", running}, {"start", start}, {"stop", stop}, {"dump", dump}, {"cpu", cpu}};
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    napi_value f;
    napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].fn, NULL, &f);
    napi_set_named_property(env, exports, fns[i].name, f);
  }
  return exports;
}
