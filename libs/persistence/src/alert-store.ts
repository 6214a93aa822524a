import type { DataSource } from 'typeorm';
import { AlertEntity } from './alert.entity';

export type AlertRecord = Omit<AlertEntity, 'microsoftTicketId'> & { microsoftTicketId?: string | null };

// Plain SQL that SQLite (3.35+) and PostgreSQL both run: the RETURNING row tells a new alert from a retried one.
const INSERT_ONCE = `INSERT INTO alerts (alert_id, ticket_id, workflow_id, level, audience, severity, product, customer,
  microsoft_ticket_id, response_due_at, breached_at, raised_at)
VALUES (:alertId, :ticketId, :workflowId, :level, :audience, :severity, :product, :customer,
  :microsoftTicketId, :responseDueAt, :breachedAt, :raisedAt)
ON CONFLICT (alert_id) DO NOTHING RETURNING alert_id`;

export class AlertStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the alert once; returns false when an alert with that id was already stored (a retry). */
  async record(alert: AlertRecord): Promise<boolean> {
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      INSERT_ONCE,
      { ...alert, microsoftTicketId: alert.microsoftTicketId ?? null },
      {},
    );
    const rows: unknown[] = await this.dataSource.query(sql, parameters);
    return rows.length > 0;
  }

  async listForTicket(ticketId: string): Promise<AlertEntity[]> {
    return this.dataSource.getRepository(AlertEntity).find({ where: { ticketId }, order: { level: 'ASC' } });
  }
}
