/**
 * The body of an `error` event the simulator answers a bad client request with
 * (type `invalid_request_error`; the session adds the offending `event_id`).
 */
export interface RequestError {
  code: string;
  message: string;
  param?: string;
}

/** Builds a {@link RequestError}. */
export function requestError(code: string, message: string, param?: string): RequestError {
  return param === undefined ? { code, message } : { code, message, param };
}
