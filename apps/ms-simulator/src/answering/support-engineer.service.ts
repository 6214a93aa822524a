import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SIMULATOR_CONFIG, type SimulatorConfig } from '../config/simulator-config';
import type { ServiceRequestResource } from '../service-requests/service-request.resource';
import { ServiceRequestStore } from '../service-requests/service-request.store';
import { planAnswer } from './answer-plan';
import { createRandom } from './seeded-random';

export const ENGINEER_NAME = 'Microsoft Support Engineer';
const GREETING = 'Hello, I am the support engineer who owns this case.';
const ANSWER = `${GREETING} I have reviewed the details and started the investigation; I will post my findings here.`;
const INFORMATION_REQUEST =
  `${GREETING} To continue I need more information: please add the affected resource names or ids, ` +
  'when the problem started and the exact error message.';

// The store holds each answer time; checking it often keeps answers on time even at tiny time scales.
const CHECK_EVERY_MS = 25;

/** Microsoft's side of a ticket: plans the answer when a ticket is filed and gives it when the time comes. */
@Injectable()
export class SupportEngineer implements OnModuleInit, OnModuleDestroy {
  private readonly random: () => number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: ServiceRequestStore,
    @Inject(SIMULATOR_CONFIG) private readonly config: SimulatorConfig,
  ) {
    this.random = createRandom(config.SIMULATOR_SEED);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.answerDueTickets(), CHECK_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  takeOn(resource: ServiceRequestResource): void {
    this.store.scheduleAnswer(resource.id, planAnswer(resource.severity, new Date(resource.createdDate), this.config, this.random));
  }

  /** Adds the engineer's note now (asking for information instead when `attentionNeeded`); undefined for an unknown id. */
  answer(id: string, attentionNeeded: boolean): ServiceRequestResource | undefined {
    const resource = this.store.get(id);
    if (!resource) return undefined;
    this.store.cancelAnswer(id);
    const now = new Date().toISOString();
    resource.notes.push({ createdByName: ENGINEER_NAME, createdDate: now, text: attentionNeeded ? INFORMATION_REQUEST : ANSWER });
    if (attentionNeeded) resource.status = 'attention_needed';
    else if (resource.status === 'attention_needed') resource.status = 'open';
    resource.lastModifiedDate = now;
    this.store.save(resource);
    return resource;
  }

  private answerDueTickets(): void {
    for (const id of this.store.dueAnswers(new Date())) {
      const planned = this.store.scheduledAnswer(id);
      if (planned) this.answer(id, planned.attentionNeeded);
    }
  }
}
