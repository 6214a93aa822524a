import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { bareTicketActivities } from './bare-ticket.activities';

export const respondUpdate = defineUpdate<void>('respond');
export const closeUpdate = defineUpdate<void>('close');

const { step } = proxyActivities<typeof bareTicketActivities>({ startToCloseTimeout: '1 minute' });

type Phase = 'filing' | 'awaiting-response' | 'responded' | 'closed';

async function steps(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await step();
}

/**
 * Escalade's happy path with no work in it, the baseline of `npm run bench:throughput`: 8 activities, 1 timer (the
 * response target, cancelled by the answer), 2 updates (Microsoft's answer, then closure), each acknowledged as
 * Escalade's are, once its effects are done. The answer is refused until the timer runs, as Escalade's is until filing.
 */
export async function bareTicketWorkflow(): Promise<void> {
  let phase: Phase = 'filing';
  let answered = false;
  let closeRequested = false;
  setHandler(
    respondUpdate,
    async () => {
      answered = true;
      await condition(() => phase === 'responded' || phase === 'closed');
    },
    {
      validator: () => {
        if (phase !== 'awaiting-response') throw new Error(`not awaiting a response: ${phase}`);
      },
    },
  );
  setHandler(closeUpdate, async () => {
    closeRequested = true;
    await condition(() => phase === 'closed');
  });
  await steps(4);
  phase = 'awaiting-response';
  await condition(() => answered, '2 hours');
  await steps(2);
  phase = 'responded';
  await condition(() => closeRequested);
  await steps(2);
  phase = 'closed';
}
