import { type FileServiceRequestCommand, type FiledServiceRequest, InProcessMicrosoftSupport } from '@escalade/microsoft-support';
import { PartnerCenterRejectedError } from '@escalade/partner-center';
import { findSupportTopic } from '../../apps/ms-simulator/src/support-topics/support-topic.catalogue';

/** Not in the simulator's catalogue of support topics: a request naming it is rejected by Microsoft. */
export const UNKNOWN_SUPPORT_TOPIC_ID = '99999999';

/**
 * The in-process Microsoft of the workflow tests and the golden captures. Like Partner Center and the simulator,
 * it rejects a request that names a support topic it does not know (400, InvalidInput).
 */
export class TestMicrosoftSupport extends InProcessMicrosoftSupport {
  override async fileServiceRequest(command: FileServiceRequestCommand): Promise<FiledServiceRequest> {
    const { supportTopicId } = command.request;
    if (supportTopicId !== undefined && !findSupportTopic(supportTopicId)) {
      const description = `SupportTopicId: "${supportTopicId}" is not a support topic`;
      throw new PartnerCenterRejectedError('create service request', 400, 400, description, 'InvalidInput');
    }
    return super.fileServiceRequest(command);
  }
}
