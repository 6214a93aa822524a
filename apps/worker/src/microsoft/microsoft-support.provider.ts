import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@escalade/config';
import { InProcessMicrosoftSupport, MicrosoftSupport } from '@escalade/microsoft-support';
import { PartnerCenterClient, PartnerCenterMicrosoftSupport } from '@escalade/partner-center';

/** MICROSOFT_SUPPORT chooses where tickets are filed: Partner Center's API (real, or our simulator of it) or in-process. */
export const microsoftSupportProvider: Provider = {
  provide: MicrosoftSupport,
  inject: [ConfigService],
  useFactory: (config: ConfigService<AppConfig, true>): MicrosoftSupport => {
    if (config.get('MICROSOFT_SUPPORT', { infer: true }) === 'in-process') return new InProcessMicrosoftSupport();
    // The simulator accepts any bearer token; the real Partner Center needs PARTNER_CENTER_TOKEN (checked by the config).
    const token = config.get('PARTNER_CENTER_TOKEN', { infer: true }) ?? 'simulator';
    return new PartnerCenterMicrosoftSupport(
      new PartnerCenterClient({
        baseUrl: config.get('PARTNER_CENTER_URL', { infer: true }),
        agentLocale: config.get('PARTNER_CENTER_AGENT_LOCALE', { infer: true }),
        tokenProvider: async () => token,
      }),
    );
  },
};
