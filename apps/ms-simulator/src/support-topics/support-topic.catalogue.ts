export interface SupportTopic {
  name: string;
  description: string;
  id: string;
  attributes: { objectType: 'SupportTopic' };
}

const topic = (id: string, name: string, description: string): SupportTopic => ({
  name,
  description,
  id,
  attributes: { objectType: 'SupportTopic' },
});

/** The simulator's own topics; a create naming any other SupportTopicId is refused, as Partner Center does. */
export const SUPPORT_TOPICS: readonly SupportTopic[] = [
  topic('32570010', 'Azure - Technical issue', 'Virtual machines, networking, storage and other Azure services'),
  topic('32570011', 'Azure - Subscription management', 'Quotas, subscription transfers and access to the subscription'),
  topic('32570020', 'Office 365 - Technical issue', 'Exchange Online, SharePoint Online, Teams and the Office apps'),
  topic('32570021', 'Office 365 - Mail flow', 'Messages delayed, bounced or filtered in Exchange Online'),
  topic('32570030', 'Dynamics 365 - Technical issue', 'Errors, performance and configuration of Dynamics 365 apps'),
  topic('32570040', 'Enterprise Mobility + Security - Technical issue', 'Intune, Microsoft Entra ID P1/P2 and Azure Information Protection'),
];

export function findSupportTopic(id: string): SupportTopic | undefined {
  return SUPPORT_TOPICS.find((t) => t.id === id);
}
