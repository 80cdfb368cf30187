import type { ServerConfig } from './config.js';
import type { ScriptRule } from './script/rules.js';

/**
 * The `server:` and `script:` blocks of a scenario. Apart from config.ts because the script's
 * rules name the config's fault and reply types: one file holding both would be a cycle.
 */
export interface SimulatorConfig {
  server?: ServerConfig;
  script?: ScriptRule[];
}
