import type { LoggerService } from '@nestjs/common';
import { decideEligibility, decideHandoffTarget } from '@escalade/domain';
import type { EventStore } from '@escalade/event-store';
import type { MicrosoftSupport } from '@escalade/microsoft-support';
import type { AlertStore } from '@escalade/persistence';
import type { ServiceRequestActivities } from '@escalade/workflows';

export interface ActivityDependencies {
  microsoftSupport: MicrosoftSupport;
  alerts: AlertStore;
  events: EventStore;
  logger: LoggerService;
}

/** The workflow's activities, built from injected dependencies; every one is safe to retry. */
export function createServiceRequestActivities({
  microsoftSupport,
  alerts,
  events,
  logger,
}: ActivityDependencies): ServiceRequestActivities {
  return {
    async checkEligibility(request) {
      return decideEligibility(request);
    },

    async handOffToMicrosoft({ ticketId, request }) {
      const target = decideHandoffTarget(request);
      const { microsoftTicketId } = await microsoftSupport.fileServiceRequest({ correlationId: ticketId, target, request });
      return { target, microsoftTicketId };
    },

    async sendEscalationAlert(alert) {
      if (await alerts.record(alert)) {
        logger.warn(
          `ESCALATION level ${alert.level} → ${alert.audience}: ticket ${alert.ticketId} (severity ${alert.severity}, ` +
            `${alert.customer}, Microsoft #${alert.microsoftTicketId ?? '—'}) had no response by ${alert.responseDueAt}`,
        );
      }
    },

    async recordTicketEvents({ streamId, workflowId, expectedStreamVersion, events: ticketEvents }) {
      await events.appendToStream(
        streamId,
        ticketEvents.map(({ eventId, type, data }) => ({ eventId, type, data, metadata: { workflowId } })),
        { expectedStreamVersion },
      );
    },
  };
}
