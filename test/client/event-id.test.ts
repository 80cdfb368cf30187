import { describe, expect, it } from 'vitest';
import type { RealtimeModelError } from '../../src/client/index.js';
import { recordEvents, run, setup, type PeerConnection } from './peer.js';
import { playAudioResponse, serverError } from './server-events.js';

/** A peer connection whose events go out exactly as given: no `event_id` is filled in. */
function withoutIds(pc: PeerConnection): PeerConnection {
  return { send: (event: Record<string, unknown>) => pc.sendText(JSON.stringify(event)) } as unknown as PeerConnection;
}

describe('server events without event_id', () => {
  it('an error without event_id (or a null or numeric one) is a recoverable error with its message', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      await s.peer.waitFor('session.update');
      const pc = withoutIds(s.peer.current);
      pc.send(serverError('no id here'));
      pc.send({ event_id: null, ...serverError('null id') });
      pc.send({ event_id: 42, ...serverError('numeric id') });
      await s.clock.sleep(100);
      const errors = events.filter((e) => e.name === 'error').map((e) => e.payload as RealtimeModelError);
      expect(errors.map((e) => e.recoverable)).toEqual([true, true, true]);
      expect(errors.map((e) => e.error.message)).toEqual([
        expect.stringContaining('no id here'),
        expect.stringContaining('null id'),
        expect.stringContaining('numeric id'),
      ]);
      await session.close();
    });
  });

  it('a whole reply without any event_id answers generateReply and streams its transcript', async () => {
    const s = setup();
    await run(s, async () => {
      const session = s.model.session();
      const events = recordEvents(session, s.clock);
      const reply = session.generateReply();
      const create = await s.peer.waitFor('response.create');
      const eventId = String(create.event['event_id']);
      playAudioResponse(withoutIds(s.peer.current), {
        responseId: 'r1',
        itemId: 'a1',
        metadata: { client_event_id: eventId },
        deltas: ['No ', 'ids.'],
      });
      const gen = await reply;
      let text = '';
      for await (const message of gen.messageStream) for await (const delta of message.textStream) text += delta;
      expect(text).toBe('No ids.');
      expect(events.filter((e) => e.name === 'error')).toEqual([]);
      expect(events.filter((e) => e.name === 'metrics_collected')).toHaveLength(1);
      await session.close();
    });
  });
});
