/** Exit codes, as documented in --help and in the usage guide. */
export const EXIT = {
  ok: 0,
  api: 1,
  usage: 2,
  conflict: 3,
  auth: 4,
  unreachable: 5,
};
export const EXIT_CODE_HELP = [
  [EXIT.ok, "ok"],
  [EXIT.api, "the API refused or failed"],
  [EXIT.usage, "usage error"],
  [EXIT.conflict, "conflict (HTTP 409 or 412)"],
  [EXIT.auth, "auth (HTTP 401 or 403)"],
  [EXIT.unreachable, "unreachable or timed out"],
];
