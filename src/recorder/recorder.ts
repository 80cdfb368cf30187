import { RealClock, type Clock } from '../clock/index.js';
import { startWsServer, wsSocketFactory, type ConnectionHandler, type SocketFactory, type WsServerHandle } from '../link/index.js';
import { Redactor, transcriptHeader, TranscriptWriter, type AudioStorage, type TranscriptRecord } from '../transcript/index.js';
import { ProxiedConnection } from './proxied-connection.js';
import { chooseProtocol, listenPath, parseUpstream, upstreamUrlFor } from './upstream-request.js';

/** Options of {@link startRecorder}. */
export interface RecorderOptions {
  /** Where to forward clients, e.g. `wss://api.x.ai/v1/realtime`. Its path is the one clients use on the recorder. */
  upstream: string;
  /** Transcript file to write (`*.rtsim.jsonl`); overwritten if it exists. */
  out: string;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** `wav` (default) keeps streamed audio in WAV files beside the transcript; `inline` keeps base64 in the frames. */
  audio?: AudioStorage;
  /** Opens the upstream sockets. Default: the `ws` package (`wsSocketFactory`). */
  socketFactory?: SocketFactory;
  /** Time source for the `t` of each record. Default: a `RealClock`. */
  clock?: Clock;
  /** More values to redact wherever they appear, besides the credentials the recorder sees. */
  secrets?: Iterable<string>;
  /** Free text for the transcript header. */
  notes?: string;
  /**
   * How long `close()` waits for each upstream socket to finish closing, on `clock` (under a
   * virtual clock, advance it or let the sockets close first). Default 2000 ms.
   */
  closeTimeoutMs?: number;
}

/** A running recorder. */
export interface Recorder {
  /** URL for the client, `ws://127.0.0.1:PORT/v1/realtime`, in place of the upstream's. */
  readonly url: string;
  /** The transcript file. */
  readonly file: string;
  /** Records written so far (header not counted). */
  records(): number;
  /** Connections accepted so far. */
  connections(): number;
  /** Files written so far: the transcript, then its WAV files. */
  files(): string[];
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
  const clock = options.clock ?? new RealClock();
  const socketFactory = options.socketFactory ?? wsSocketFactory;
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;
  const redactor = new Redactor({ secrets: options.secrets ?? [] });
  redactor.learnHandshake({ url: upstream.href, headers: {}, protocols: [] });
  const model = upstream.searchParams.get('model');

  const writer = await TranscriptWriter.open(
    options.out,
    transcriptHeader({
      recordedAt: new Date(clock.now()).toISOString(),
      upstream: redactor.redactUrl(options.upstream),
      ...(model === null ? {} : { model: redactor.redactText(model) }),
      ...(options.notes === undefined ? {} : { notes: options.notes }),
    }),
    { audio: options.audio ?? 'wav' },
  );
  let writeError: unknown;
  const record = (entry: TranscriptRecord): void => {
    if (writeError !== undefined) return;
    try {
      writer.write(entry);
    } catch (error) {
      writeError = error;
    }
  };

  const live = new Set<ProxiedConnection>();
  let accepted = 0;
  let closing = false;
  const handler: ConnectionHandler = {
    handshake(request) {
      if (closing) return { accept: false, status: 503, body: 'rt-sim recorder is closing' };
      const protocol = chooseProtocol(request.protocols);
      return protocol === undefined ? { accept: true } : { accept: true, protocol };
    },
    connection(client) {
      const conn = ++accepted;
      const proxied = new ProxiedConnection(
        { conn, clock, redactor, socketFactory, upstreamUrl: upstreamUrlFor(upstream, client.request.url), record },
        client,
        chooseProtocol(client.request.protocols),
      );
      live.add(proxied);
      void proxied.finished.then(() => live.delete(proxied));
      proxied.start();
    },
  };

  let server: WsServerHandle;
  try {
    server = await startWsServer(handler, {
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      path: listenPath(upstream),
    });
  } catch (error) {
    await writer.close();
    throw error;
  }

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      await Promise.all([...live].map((c) => c.shutdown(closeTimeoutMs)));
      await server.close();
      await writer.close();
      if (writeError !== undefined) throw writeError;
    })());

  return {
    url: server.url,
    file: options.out,
    records: () => writer.records,
    connections: () => accepted,
    files: () => writer.files(),
    close,
  };
}
