import type { Page } from 'playwright-core';
import { aServiceRequest, type ServiceRequestOverrides } from '@escalade/domain/testing';
import type { EscaladeSystem } from '../support/escalade-system';

/** The partner tenant of aServiceRequest(). */
export const PARTNER_A = '22222222-2222-2222-2222-222222222222';

/** Opens a ticket through the API, as the local admin unless another credential is given. */
export function openTicket(system: EscaladeSystem, requestId: string, overrides: ServiceRequestOverrides = {}, credential?: string) {
  return system
    .http(credential)
    .post('/service-requests')
    .send({ ...aServiceRequest(overrides), requestId })
    .expect(201);
}

/** The sign-in link `npm start` prints: the key in the fragment, which never reaches a server. */
export const signInLink = (system: EscaladeSystem, key: string = system.adminKey) => `${system.url}/sign-in#key=${encodeURIComponent(key)}`;

/** Signs the page in through the sign-in link, and waits for the board (the link's destination) to show who it is. */
export async function signInThroughLink(page: Page, system: EscaladeSystem, key?: string): Promise<void> {
  await page.goto(signInLink(system, key));
  await page.waitForURL(`${system.url}/`);
  await page.getByTestId('session-name').waitFor();
}
