// @ts-check
/**
 * The parts `npm run mutation` can be split into (MUTATION_PART=<name>): each mutates one
 * group of src/client files and writes its own reports under reports/mutation/parts/, so
 * the parts can run one after another or as separate CI jobs, and
 * `npm run mutation:score` adds them up. Together they are exactly the whole-client run's
 * files: a test (test/mutation/parts.test.ts) checks that every file is in one part.
 */

/**
 * The client's own code that lives in src/audio (shared with the simulator since issue 13):
 * the input resampler and the PCM16 bytes. The whole-client run mutates them too.
 */
export const CLIENT_FILES_IN_AUDIO = ['src/audio/resampler.ts', 'src/audio/pcm.ts'];

export const MUTATION_PARTS = {
  handlers: [
    'src/client/server-handlers.ts',
    'src/client/handler-deps.ts',
    'src/client/conversation-handlers.ts',
    'src/client/metrics.ts',
    'src/client/session-update.ts',
  ],
  core: [
    'src/client/session.ts',
    'src/client/session-core.ts',
    'src/client/session-chat-ctx.ts',
    'src/client/session-replies.ts',
    'src/client/session-tools.ts',
    'src/client/session-sockets.ts',
    'src/client/session-state.ts',
    'src/client/rebase-queue.ts',
    'src/client/send-queue.ts',
    'src/client/generation.ts',
    'src/client/socket-runner.ts',
    'src/client/connection.ts',
    'src/client/socket-inbox.ts',
    'src/client/receive-frame.ts',
    'src/client/channel.ts',
    'src/client/deferred.ts',
    'src/client/emitter.ts',
  ],
  chat: ['src/client/chat/**/*.ts'],
  audio: ['src/client/audio/**/*.ts', ...CLIENT_FILES_IN_AUDIO],
  // The constructor's argument checks: no server exchange reaches them, so docs/mutation.md
  // also scores them with the client's unit tests (MUTATION_TESTS=unit).
  arguments: ['src/client/option-checks.ts', 'src/client/option-schema.ts'],
  rest: [
    'src/client/options.ts',
    'src/client/read-event.ts',
    'src/client/read-fields.ts',
    'src/client/read-usage.ts',
    'src/client/errors.ts',
    'src/client/events.ts',
    'src/client/url.ts',
    'src/client/redact.ts',
    'src/client/logger.ts',
    'src/client/model.ts',
  ],
};
