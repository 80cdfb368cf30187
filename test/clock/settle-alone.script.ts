// Run by settle.test.ts in a child process: settling is the only thing this process waits for.
import { settleEventLoop } from '../../src/clock/settle.js';

let settled = 0;
for (let i = 0; i < 3; i++) {
  await settleEventLoop();
  settled++;
}
console.log(`settled ${settled}`);
