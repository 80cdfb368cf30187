import { RealClock, type Clock } from '../clock/index.js';
import { wsSocketFactory, type ConnectionHandler, type SocketFactory } from '../link/index.js';
import {
  Redactor,
  transcriptHeader,
  TranscriptWriter,
  type AudioStorage,
  type TranscriptRecord,
  type TranscriptSource,
} from '../transcript/index.js';
import { CatalogueCheck, type CatalogueDeviation } from './catalogue-check.js';
import { sourceFor, UNKNOWN } from './origin.js';
import { ProxiedConnection } from './proxied-connection.js';
import { MAX_PENDING_BYTES } from './limits.js';
import { chooseProtocol, parseUpstream, upstreamUrlFor } from './upstream-request.js';

/** Options of {@link createRecordingHandler}: those of `startRecorder` that are not about listening. */
export interface RecordingHandlerOptions {
  /** Where to forward clients, e.g. `wss://api.x.ai/v1/realtime`. */
  upstream: string;
  /** Transcript file to write (`*.rtsim.jsonl`); overwritten if it exists. */
  out: string;
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
   * Header `source`. Default: `xai` when the upstream's host is under `x.ai`, `recorded`
   * otherwise; say `simulator` when recording rt-sim's own server.
   */
  source?: TranscriptSource;
  /** Header `client`: what made the client side (e.g. `LiveKit Agents 1.2`). Default `unknown`. */
  client?: string;
  /** Header `model`. Default: the upstream URL's `?model=`, else `unknown`. */
  model?: string;
  /** How long `close()` waits for each upstream socket to finish closing, on `clock`. Default 2000 ms. */
  closeTimeoutMs?: number;
  /**
   * The most client bytes queued while an upstream connection is still opening; past it both
   * sides are closed with 1013. Default {@link MAX_PENDING_BYTES} (twice the frame limit).
   */
  maxPendingBytes?: number;
}

/** What a recording has written so far; shared by the handler and the listening recorder. */
export interface RecordingProgress {
  /** The transcript file. */
  readonly file: string;
  /** Records written so far (header not counted). */
  records(): number;
  /** Connections accepted so far. */
  connections(): number;
  /** Files written so far: the transcript, then its WAV files. */
  files(): string[];
  /**
   * Recorded frames the protocol catalogue refuses, by direction, type and reason (the
   * recording keeps them as they came). `others` counts frames past the distinct-kind cap.
   */
  deviations(): { deviations: CatalogueDeviation[]; others: number };
}

/** The recording proxy as a link handler, for any transport (`startWsServer`, `createMemoryLink`). */
export interface RecordingHandler extends RecordingProgress {
  /** Give it to a link: each accepted client is forwarded upstream and recorded. */
  readonly handler: ConnectionHandler;
  /**
   * Refuses new handshakes (503), ends open connections (recorded as closed `by: "recorder"`,
   * code 1001) and closes the transcript. Rejects with the first write error, if any occurred.
   */
  close(): Promise<void>;
}

/**
 * The recording proxy without a listening socket: `startRecorder` puts it on loopback, and a
 * test can put it on an in-memory link under a virtual clock, between a client and the
 * simulator (`socketFactory` then opens the simulator's side).
 */
export async function createRecordingHandler(options: RecordingHandlerOptions): Promise<RecordingHandler> {
  const upstream = parseUpstream(options.upstream);
  const clock = options.clock ?? new RealClock();
  const socketFactory = options.socketFactory ?? wsSocketFactory;
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;
  const maxPendingBytes = options.maxPendingBytes ?? MAX_PENDING_BYTES;
  const redactor = new Redactor({ secrets: options.secrets ?? [] });
  redactor.learnHandshake({ url: upstream.href, headers: {}, protocols: [] });
  const model = options.model ?? upstream.searchParams.get('model') ?? UNKNOWN;
  const recordedAt = new Date(clock.now()).toISOString();

  const writer = await TranscriptWriter.open(
    options.out,
    transcriptHeader({
      source: options.source ?? sourceFor(upstream),
      date: recordedAt.slice(0, 10),
      client: redactor.redactText(options.client ?? UNKNOWN),
      model: redactor.redactText(model),
      recordedAt,
      upstream: redactor.redactUrl(options.upstream),
      ...(options.notes === undefined ? {} : { notes: options.notes }),
    }),
    { audio: options.audio ?? 'wav' },
  );
  let writeError: unknown;
  const catalogue = new CatalogueCheck();
  const record = (entry: TranscriptRecord): void => {
    catalogue.check(entry);
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
        {
          conn,
          clock,
          redactor,
          socketFactory,
          upstreamUrl: upstreamUrlFor(upstream, client.request.url),
          record,
          maxPendingBytes,
        },
        client,
        chooseProtocol(client.request.protocols),
      );
      live.add(proxied);
      void proxied.finished.then(() => live.delete(proxied));
      proxied.start();
    },
  };

  let closed: Promise<void> | undefined;
  return {
    handler,
    file: options.out,
    records: () => writer.records,
    connections: () => accepted,
    files: () => writer.files(),
    deviations: () => catalogue.report(),
    close: () =>
      (closed ??= (async () => {
        closing = true;
        await Promise.all([...live].map((c) => c.shutdown(closeTimeoutMs)));
        await writer.close();
        if (writeError !== undefined) throw writeError;
      })()),
  };
}
