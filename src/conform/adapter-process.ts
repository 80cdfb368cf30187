/**
 * The adapter under test as a child process: commands written to its stdin, replies and
 * events read from its stdout line by line, its stderr kept as its log. Everything it says is
 * bounded: one line, the log, the protocol errors and the events kept.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Clock } from '../clock/index.js';
import {
  type AdapterCommandName,
  type AdapterCommands,
  type AdapterEvent,
  type AdapterReply,
  clip,
  parseAdapterLine,
  UNSUPPORTED,
} from './adapter-protocol.js';

/** The adapter replied that its client cannot do a command at all (`error.code` "unsupported"). */
export class UnsupportedCommand extends Error {}

/** The longest stdout line read, in characters; a longer one is a protocol error. */
export const MAX_LINE_CHARS = 1 << 20;
/** The end of the adapter's stderr that is kept, in characters. */
export const MAX_LOG_CHARS = 16_384;
/** Protocol errors kept (the rest are counted). */
export const MAX_PROTOCOL_ERRORS = 20;
/** Events kept, newest (counts are exact). */
export const MAX_EVENTS = 1000;

/** What the adapter did: its events so far by name, its protocol errors, its log. */
export class AdapterProcess {
  readonly counts = new Map<string, number>();
  readonly events: AdapterEvent[] = [];
  readonly protocolErrors: string[] = [];
  private droppedErrors = 0;
  private log = '';
  private lineNo = 0;
  private partial = '';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: AdapterReply) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(e: AdapterEvent) => void>();
  private readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  private ended = false;

  /** Starts `command` in a shell of its own process group, so that {@link kill} ends all it started. */
  constructor(
    command: string,
    private readonly clock: Clock,
    cwd: string,
  ) {
    this.child = spawn(command, { shell: true, cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.onStderr(chunk));
    this.child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      this.child.on('error', (e) => {
        this.onStderr(`rt-sim: could not start the adapter: ${e.message}\n`);
        this.finish(-1, resolve);
      });
      this.child.on('exit', (code, signal) => this.finish(code ?? signal ?? -1, resolve));
    });
  }

  /** True once the process has exited. */
  get hasExited(): boolean {
    return this.ended;
  }

  /** The adapter's log (the end of its stderr). */
  get stderr(): string {
    return this.log;
  }

  /** Protocol errors, with how many more there were. */
  problems(): string[] {
    const more = this.droppedErrors > 0 ? [`… and ${this.droppedErrors} more protocol error(s)`] : [];
    return [...this.protocolErrors, ...more];
  }

  /** How many `name` events the adapter has reported. */
  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Calls `listener` with each event from now on; returns its removal. */
  onEvent(listener: (e: AdapterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a command; resolves with the reply when it is ok, rejects when it fails, dies or breaks the protocol. */
  async send<C extends AdapterCommandName>(cmd: C, data: AdapterCommands[C]): Promise<AdapterReply> {
    if (this.ended) throw new Error(`${cmd}: the adapter has exited`);
    const id = this.nextId++;
    const reply = new Promise<AdapterReply>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.child.stdin!.write(`${JSON.stringify({ id, cmd, ...data })}\n`);
    const r = await reply;
    if (r.ok) return r;
    if (r.error?.code === UNSUPPORTED)
      throw new UnsupportedCommand(
        `the adapter's client cannot do ${cmd}${r.error.message ? `: ${r.error.message}` : ''}`,
      );
    throw new Error(`${cmd} failed: ${r.error?.code ? `${r.error.code}: ` : ''}${r.error?.message ?? ''}`);
  }

  /** Closes the adapter's stdin: nothing more will be sent. */
  endInput(): void {
    this.child.stdin!.end();
  }

  /** Waits up to `ms` for the process to exit; kills its process group if it has not. */
  async waitOrKill(ms: number): Promise<number | string> {
    const abort = new AbortController();
    const late = this.clock.sleep(ms, abort.signal).then(
      () => 'late' as const,
      () => 'exited' as const,
    );
    const first = await Promise.race([this.exited, late]);
    abort.abort();
    if (first !== 'late') return first;
    this.kill();
    return this.exited;
  }

  /** Ends the adapter's process group (the shell and what it started), by the pid this object spawned. */
  kill(): void {
    if (this.ended || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }

  private finish(code: number | string, resolve: (c: number | string) => void): void {
    if (this.ended) return;
    this.ended = true;
    if (this.partial !== '') this.onLine(this.partial);
    for (const p of this.pending.values()) p.reject(new Error(`the adapter exited (${code}) before it replied`));
    this.pending.clear();
    resolve(code);
  }

  private onStdout(chunk: string): void {
    this.partial += chunk;
    let nl = this.partial.indexOf('\n');
    while (nl >= 0) {
      const line = this.partial.slice(0, nl);
      this.partial = this.partial.slice(nl + 1);
      this.onLine(line);
      nl = this.partial.indexOf('\n');
    }
    if (this.partial.length > MAX_LINE_CHARS) {
      this.lineNo++;
      this.problem(`stdout line ${this.lineNo}: longer than ${MAX_LINE_CHARS} characters`);
      this.partial = '';
    }
  }

  private onLine(raw: string): void {
    this.lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const read = parseAdapterLine(line);
    if (read.kind === 'bad') return this.problem(`stdout line ${this.lineNo}: ${read.problem}`);
    if (read.kind === 'reply') {
      const p = this.pending.get(read.reply.id);
      if (!p) return this.problem(`stdout line ${this.lineNo}: a reply to no pending command: ${clip(line)}`);
      this.pending.delete(read.reply.id);
      return p.resolve(read.reply);
    }
    const { event } = read;
    this.counts.set(event.event, this.count(event.event) + 1);
    this.events.push(event);
    if (this.events.length > MAX_EVENTS) this.events.shift();
    for (const l of this.listeners) l(event);
  }

  private problem(text: string): void {
    if (this.protocolErrors.length < MAX_PROTOCOL_ERRORS) this.protocolErrors.push(text);
    else this.droppedErrors++;
  }

  private onStderr(chunk: string): void {
    this.log += chunk;
    if (this.log.length > MAX_LOG_CHARS) this.log = `…${this.log.slice(-MAX_LOG_CHARS)}`;
  }
}
