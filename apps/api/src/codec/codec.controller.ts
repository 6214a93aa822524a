import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ForEveryPartner, RequiresRole } from '../auth/auth.decorators';
import { CodecPayloadsDto } from './dto/codec-payloads.dto';
import { CodecService } from './codec.service';

/**
 * Temporal's codec server protocol, for the Web UI and the CLI (`--codec-endpoint <API>/codec`). A payload does not
 * say whose ticket it belongs to, so only a principal bound to every partner tenant may use it: decoding shows any
 * partner's customer data (viewer), encoding makes payloads our workers take as ours (coordinator).
 */
@ApiTags('codec')
@ApiHeader({ name: 'X-Namespace', required: false, description: 'Sent by the Web UI and the CLI; one namespace, one key ring: not used' })
@ApiForbiddenResponse({ description: 'A principal not bound to every partner tenant, or an Origin other than the Temporal UI' })
@ForEveryPartner()
@Controller('codec')
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decrypt Temporal payloads (those not encrypted come back unchanged)' })
  @ApiOkResponse({ type: CodecPayloadsDto })
  @ApiBadRequestResponse({ description: 'Not Temporal payloads, or one that cannot be decrypted (its key is not configured, or it was altered)' })
  async decode(@Body() { payloads }: CodecPayloadsDto): Promise<CodecPayloadsDto> {
    return { payloads: await this.codec.decode(payloads) };
  }

  @Post('encode')
  @HttpCode(200)
  @RequiresRole('coordinator')
  @ApiOperation({ summary: 'Encrypt Temporal payloads under the current key (what the Web UI sends when it starts or signals a workflow)' })
  @ApiOkResponse({ type: CodecPayloadsDto })
  async encode(@Body() { payloads }: CodecPayloadsDto): Promise<CodecPayloadsDto> {
    return { payloads: await this.codec.encode(payloads) };
  }
}
