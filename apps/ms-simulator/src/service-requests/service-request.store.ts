import { Injectable } from '@nestjs/common';
import type { ServiceRequestResource } from './service-request.resource';

/** When, and how, the simulated engineer will answer a ticket. */
export interface ScheduledAnswer {
  at: Date;
  late: boolean;
  attentionNeeded: boolean;
}

/** Everything the simulator knows, in memory; reads and writes copies, so no caller edits a stored resource by accident. */
@Injectable()
export class ServiceRequestStore {
  private readonly requests = new Map<string, ServiceRequestResource>();
  private readonly idsByRequestId = new Map<string, string>();
  private readonly answers = new Map<string, ScheduledAnswer>();
  private sequence = 0;

  /** Numbered like Partner Center's ids, a 15-digit string: the filing date (yymmdd) then a sequence. */
  nextId(now: Date): string {
    this.sequence += 1;
    return `${now.toISOString().slice(2, 10).replace(/-/g, '')}${String(this.sequence).padStart(9, '0')}`;
  }

  /** `requestId` (the create's MS-RequestId) makes a repeated create find this resource. */
  add(resource: ServiceRequestResource, requestId?: string): void {
    this.requests.set(resource.id, structuredClone(resource));
    if (requestId) this.idsByRequestId.set(requestId, resource.id);
  }

  save(resource: ServiceRequestResource): void {
    this.requests.set(resource.id, structuredClone(resource));
  }

  get(id: string): ServiceRequestResource | undefined {
    const resource = this.requests.get(id);
    return resource && structuredClone(resource);
  }

  findByRequestId(requestId: string): ServiceRequestResource | undefined {
    const id = this.idsByRequestId.get(requestId);
    return id === undefined ? undefined : this.get(id);
  }

  /** Oldest first. */
  list(): ServiceRequestResource[] {
    return [...this.requests.values()].map((r) => structuredClone(r));
  }

  listByOrganization(organizationId: string): ServiceRequestResource[] {
    const wanted = organizationId.toLowerCase();
    return this.list().filter((r) => r.organization.id.toLowerCase() === wanted);
  }

  get size(): number {
    return this.requests.size;
  }

  scheduleAnswer(id: string, answer: ScheduledAnswer): void {
    this.answers.set(id, { ...answer });
  }

  scheduledAnswer(id: string): ScheduledAnswer | undefined {
    const answer = this.answers.get(id);
    return answer && { ...answer };
  }

  cancelAnswer(id: string): void {
    this.answers.delete(id);
  }

  /** Ids whose answer time has come, earliest first. */
  dueAnswers(now: Date): string[] {
    return [...this.answers.entries()]
      .filter(([, answer]) => answer.at <= now)
      .sort(([, a], [, b]) => a.at.getTime() - b.at.getTime())
      .map(([id]) => id);
  }
}
