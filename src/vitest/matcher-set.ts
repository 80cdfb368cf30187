import { toMatchGolden } from './golden.js';
import { toHaveChatContext, toHaveReceived, toHaveReconnected, toHaveSent } from './matchers.js';

/** Every rt-sim matcher, for `expect.extend` (the setup file does it). */
export const rtsimMatchers = { toMatchGolden, toHaveSent, toHaveReceived, toHaveChatContext, toHaveReconnected };
