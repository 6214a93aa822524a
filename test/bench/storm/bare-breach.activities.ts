export interface BareBreachActivities {
  postBreach(ticketId: string, responseDueAt: string): Promise<void>;
}

/** The bare breach's one activity: a JSON POST to the benchmark's receiver, as Escalade's webhook channel sends one. */
export function bareBreachActivities(receiverUrl: string): BareBreachActivities {
  return {
    async postBreach(ticketId, responseDueAt) {
      const response = await fetch(receiverUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'breach', ticketId, responseDueAt }),
      });
      if (!response.ok) throw new Error(`the receiver answered ${response.status}`);
    },
  };
}
