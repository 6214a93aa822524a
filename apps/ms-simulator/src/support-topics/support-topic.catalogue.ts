/** A support topic as `GET /v1/servicerequests/supporttopics` lists it. */
export interface SupportTopic {
  name: string;
  description: string;
  id: string;
  attributes: { objectType: 'SupportTopic' };
}

type Text = readonly [name: string, description: string];

interface CatalogueEntry {
  id: string;
  'en-US': Text;
  'fr-FR': Text;
}

/**
 * Partner Center's first two topics as its documentation lists them (their ids are the ones its create example
 * names), then one or more per product Escalade hands off, findable by their en-US name. A create naming any other
 * SupportTopicId is refused, as Partner Center refuses it.
 */
const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: '32444667',
    'en-US': ['Partner Center Issues', 'Microsoft 365 questions from the CSP (Cloud Solution Provider) partners using Partner Center'],
    'fr-FR': ['Problèmes liés à l’Espace partenaires', 'Questions Microsoft 365 des partenaires CSP (fournisseurs de solutions cloud) utilisant l’Espace partenaires'],
  },
  {
    id: '32444671',
    'en-US': ['Cannot manage my profile', 'Issues that are related to errors or problems with managing a profile'],
    'fr-FR': ['Impossible de gérer mon profil', 'Problèmes liés à des erreurs lors de la gestion d’un profil'],
  },
  {
    id: '32570010',
    'en-US': ['Azure - Technical issue', 'Virtual machines, networking, storage and other Azure services'],
    'fr-FR': ['Azure - Problème technique', 'Machines virtuelles, réseau, stockage et autres services Azure'],
  },
  {
    id: '32570011',
    'en-US': ['Azure - Subscription management', 'Quotas, subscription transfers and access to the subscription'],
    'fr-FR': ['Azure - Gestion des abonnements', 'Quotas, transferts d’abonnement et accès à l’abonnement'],
  },
  {
    id: '32570020',
    'en-US': ['Office 365 - Technical issue', 'Exchange Online, SharePoint Online, Teams and the Office apps'],
    'fr-FR': ['Office 365 - Problème technique', 'Exchange Online, SharePoint Online, Teams et les applications Office'],
  },
  {
    id: '32570021',
    'en-US': ['Office 365 - Mail flow', 'Messages delayed, bounced or filtered in Exchange Online'],
    'fr-FR': ['Office 365 - Flux de messagerie', 'Messages retardés, renvoyés ou filtrés dans Exchange Online'],
  },
  {
    id: '32570030',
    'en-US': ['Dynamics 365 - Technical issue', 'Errors, performance and configuration of Dynamics 365 apps'],
    'fr-FR': ['Dynamics 365 - Problème technique', 'Erreurs, performances et configuration des applications Dynamics 365'],
  },
  {
    id: '32570040',
    'en-US': ['Enterprise Mobility + Security - Technical issue', 'Intune, Microsoft Entra ID P1/P2 and Azure Information Protection'],
    'fr-FR': ['Enterprise Mobility + Security - Problème technique', 'Intune, Microsoft Entra ID P1/P2 et Azure Information Protection'],
  },
  {
    id: '32570050',
    'en-US': ['Marketplace - Purchase and billing', 'Buying, renewing and billing of Azure Marketplace and AppSource offers'],
    'fr-FR': ['Marketplace - Achat et facturation', 'Achat, renouvellement et facturation des offres de la Place de marché Azure et d’AppSource'],
  },
];

type CatalogueLocale = 'en-US' | 'fr-FR';

/** An X-Locale or agent locale to the catalogue's language: fr-* is French, anything else falls back to en-US. */
function catalogueLocale(locale: string | undefined): CatalogueLocale {
  return locale?.toLowerCase().startsWith('fr') ? 'fr-FR' : 'en-US';
}

function inLocale(entry: CatalogueEntry, locale: CatalogueLocale): SupportTopic {
  const [name, description] = entry[locale];
  return { name, description, id: entry.id, attributes: { objectType: 'SupportTopic' } };
}

export function supportTopics(locale?: string): SupportTopic[] {
  return CATALOGUE.map((entry) => inLocale(entry, catalogueLocale(locale)));
}

export function findSupportTopic(id: string, locale?: string): SupportTopic | undefined {
  const entry = CATALOGUE.find((e) => e.id === id);
  return entry && inLocale(entry, catalogueLocale(locale));
}
