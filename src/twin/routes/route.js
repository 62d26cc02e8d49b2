export const POLICY = "/api/workflows/throughput-policy";
export function errorReply(status, code, message, field = null) {
  return { status, body: { error: { code, message, field } } };
}
const STATUS_OF = {
  unknown_preset: 422,
  invalid_ttl: 422,
  ttl_too_long: 422,
  empty_reason: 422,
  empty_actor: 422,
  unknown_queue: 422,
  invalid_depth: 422,
  override_conflict: 409,
  no_active_override: 404,
};
export function policyErrorReply(error) {
  return errorReply(STATUS_OF[error.code], error.code, error.message, error.field);
}
