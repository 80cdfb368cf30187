import path from 'node:path';
import { runScenario } from '../harness/index.js';
import type { RunOptions, RunOutcome, Scenario } from '../harness/index.js';
import { startFakeServer } from './fake-server.js';
import type { FakeServer, FakeServerOptions, FakeServerSource } from './fake-server.js';

/**
 * What the `rtsim` fixture gives a test: fake servers and scenario runs that are closed
 * when the test ends, with relative paths resolved from the test file's folder.
 */
export class RtSimKit {
  private readonly servers: FakeServer[] = [];

  constructor(
    /** Folder relative scenario paths are resolved from: the test file's. */
    readonly baseDir: string,
  ) {}

  /**
   * Starts a fake xAI server for a scenario (object or path) or an inline `{ server, script }`
   * config: in memory on a virtual clock (default), or on a loopback URL (`transport: 'ws'`).
   */
  async server(source: FakeServerSource, options: FakeServerOptions = {}): Promise<FakeServer> {
    const server = await startFakeServer(source, { baseDir: this.baseDir, ...options });
    this.servers.push(server);
    return server;
  }

  /** Runs a whole scenario (object or path) with rt-sim's client, as `rt-sim run` does. */
  async run(scenario: Scenario | string, options: RunOptions = {}): Promise<RunOutcome> {
    return runScenario(typeof scenario === 'string' ? path.resolve(this.baseDir, scenario) : scenario, options);
  }

  /** Closes every server this kit started. */
  async close(): Promise<void> {
    for (const server of this.servers.splice(0)) await server.close();
  }
}
