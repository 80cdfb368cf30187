/**
 * Responses (reference §2.8, §3 notes), inferred from the schemas in `shared-schemas.ts`.
 */
import type { z } from 'zod';
import type {
  metadataSchema,
  responseCreateParamsSchema,
  responseSchema,
  responseStatusDetailsSchema,
  responseStatusReasonSchema,
  responseStatusSchema,
} from './shared-schemas.js';

/** Lifecycle of a response; `response.done` carries one of the last four (reference §3 notes). */
export type ResponseStatus = z.infer<typeof responseStatusSchema>;

/** Why a response ended other than `completed`. */
export type ResponseStatusReason = z.infer<typeof responseStatusReasonSchema>;

/** `response.status_details`: `{type, reason?, error?}` (reference §3, §4.6). */
export type ResponseStatusDetails = z.infer<typeof responseStatusDetailsSchema>;

/** What live 2026 xAI sessions send in `status_details` instead of an object (captured 2026-08-04). */
export type UnimplementedStatusDetails = 'unimplemented';

/** Free-form string metadata; `response.create` puts `client_event_id` there and the server echoes it. */
export type ResponseMetadata = NonNullable<z.infer<typeof metadataSchema>>;

/**
 * The `response` object of `response.created` and `response.done`. `status_details` is an
 * object, `null`, or (live xAI 2026) the string `"unimplemented"`; `output` is `[]` in
 * `response.created`; `metadata` echoes `response.create.response.metadata` (`null` for
 * server-initiated responses).
 */
export type RealtimeResponse = z.infer<typeof responseSchema>;

/**
 * `response` of the client's `response.create` (reference §2.8). The plugin always sends
 * `instructions` (`null` when not given); `conversation: 'none'` makes an out-of-band response.
 */
export type ResponseCreateParams = z.infer<typeof responseCreateParamsSchema>;
