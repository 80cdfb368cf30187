import { startWsServer, type WsServerHandle } from '../link/index.js';
import { createRecordingHandler, type RecordingHandlerOptions, type RecordingProgress } from './recording-handler.js';
import { listenPath, parseUpstream } from './upstream-request.js';

/** Options of {@link startRecorder}: the recording handler's, and where to listen. */
export interface RecorderOptions extends RecordingHandlerOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
}

/** A running recorder. */
export interface Recorder extends RecordingProgress {
  /** URL for the client, `ws://127.0.0.1:PORT/v1/realtime`, in place of the upstream's. */
  readonly url: string;
  /**
   * Ends open connections (recorded as closed `by: "recorder"`, code 1001), stops listening
   * and closes the transcript. Rejects with the first write error, if any occurred.
   */
  close(): Promise<void>;
}

/**
 * Starts a recording proxy on loopback: each client connection is forwarded to `upstream`
 * with the client's own `Authorization` header, other headers, subprotocols and query, and
 * every frame both ways is written to one transcript (`conn` numbers tell connections apart),
 * with secrets redacted (see the transcript `Redactor`).
 *
 * Limitation: the recorder must accept the client's handshake before it knows what the
 * upstream answers. It accepts at once (choosing the first offered subprotocol that is not a
 * credential), then opens the upstream; if the upstream refuses (HTTP 401, 429, 503…), the
 * client sees an accepted connection closed with code `4000 + status` (4401…) and a reason
 * naming the status, and 1014 when the upstream cannot be reached. Both are recorded as
 * `by: "upstream-refused"`.
 */
export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const upstream = parseUpstream(options.upstream);
  const recording = await createRecordingHandler(options);

  let server: WsServerHandle;
  try {
    server = await startWsServer(recording.handler, {
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      path: listenPath(upstream),
    });
  } catch (error) {
    await recording.close();
    throw error;
  }

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      // Connections end and the transcript closes first; a write error still lets the server close.
      const done = recording.close();
      await done.catch(() => undefined);
      await server.close();
      await done;
    })());

  return {
    url: server.url,
    file: options.out,
    records: recording.records,
    connections: recording.connections,
    files: recording.files,
    deviations: recording.deviations,
    close,
  };
}
