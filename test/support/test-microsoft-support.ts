import { type FileServiceRequestCommand, type FiledServiceRequest, InProcessMicrosoftSupport } from '@escalade/microsoft-support';
import { PartnerCenterCredentialsError, PartnerCenterRejectedError } from '@escalade/partner-center';
import { findSupportTopic } from '@escalade/ms-simulator';

/** Not in the simulator's catalogue of support topics: a request naming it is rejected by Microsoft. */
export const UNKNOWN_SUPPORT_TOPIC_ID = '99999999';

/**
 * The in-process Microsoft of the workflow tests and the golden captures. Like Partner Center and the simulator,
 * it rejects a request that names a support topic it does not know (400, InvalidInput).
 */
export class TestMicrosoftSupport extends InProcessMicrosoftSupport {
  /** While set, every filing fails as Partner Center does when our credentials fail. */
  credentialsFailing = false;
  /** The same, for the filings of these tickets only (by correlation id: the ticket id). */
  readonly credentialsFailingFor = new Set<string>();
  /** Filings asked for while the credentials failed. */
  blockedFilings = 0;

  override async fileServiceRequest(command: FileServiceRequestCommand): Promise<FiledServiceRequest> {
    if (this.credentialsFailing || this.credentialsFailingFor.has(command.correlationId)) {
      this.blockedFilings += 1;
      throw new PartnerCenterCredentialsError('create service request', 'renewal-refused', 'Entra ID refused the refresh token (invalid_grant)');
    }
    const { supportTopicId } = command.request;
    if (supportTopicId !== undefined && !findSupportTopic(supportTopicId)) {
      const description = `SupportTopicId: "${supportTopicId}" is not a support topic`;
      throw new PartnerCenterRejectedError('create service request', 400, 400, description, 'InvalidInput');
    }
    return super.fileServiceRequest(command);
  }
}
