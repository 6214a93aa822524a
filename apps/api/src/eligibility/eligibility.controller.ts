import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { EligibilityPreview } from '@escalade/contract';
import { CurrentPrincipal, RequiresRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreateServiceRequestDto } from '../service-requests/dto/create-service-request.dto';
import { filingPartnerTenant } from '../service-requests/filing-partner';
import { toServiceRequest } from '../service-requests/service-request.mapper';
import { previewEligibility } from './eligibility-preview';

@ApiTags('eligibility')
@ApiUnauthorizedResponse({ description: 'No valid credential' })
@Controller('eligibility')
export class EligibilityController {
  @Post('check')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What the workflow would decide for this request (the body of POST /service-requests), with the same rules: ' +
      'eligible, refused, redirected or needs-access, why, and where it would be filed; starts and stores nothing',
  })
  @ApiOkResponse({
    description:
      '`decision`, `reason` (the rule\'s own text; every failed rule for a refusal), `redirectTo` (name, url, email, phone) when ' +
      'redirected, `handoffTarget` (portal, url, context, support plan or category) when eligible or waiting for Azure access',
  })
  @ApiBadRequestResponse({ description: 'Every invalid field is named in `errors`, as POST /service-requests names them' })
  @RequiresRole('coordinator')
  @ApiForbiddenResponse({ description: 'Not a coordinator, or not acting for the request\'s partner tenant' })
  check(@CurrentPrincipal() principal: Principal, @Body() dto: CreateServiceRequestDto): EligibilityPreview {
    filingPartnerTenant(principal, dto);
    return previewEligibility(toServiceRequest(dto));
  }
}
