/** The bare ticket's activities: each does nothing, so what is measured is Temporal's own cost. */
export const bareTicketActivities = {
  step: async (): Promise<void> => undefined,
};
