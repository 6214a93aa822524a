import { Transform, Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SEVERITIES, type Severity } from '../service-request.resource';
import { EnumMember, SEVERITY_MEMBERS } from './enum-values';
import { ContactDto, NoteDto, OrganizationDto } from './parts.dto';

/**
 * What `POST /v1/servicerequests/{agent-locale}` takes from a ServiceRequest body. Anything else a client sends (Id,
 * Status, dates, Notes, FileLinks, Attributes… as Microsoft's own example does) is Partner Center's to set: ignored.
 */
export class CreateServiceRequestDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  Title!: string;

  @IsString()
  @IsNotEmpty()
  Description!: string;

  @EnumMember(SEVERITY_MEMBERS)
  @IsIn(SEVERITIES)
  Severity!: Severity;

  /** Support topic ids are numbers in Partner Center's topic list: a client may send one as it read it. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value))
  @Matches(/^\d+$/, { message: 'SupportTopicId must be the numeric id of a support topic' })
  SupportTopicId!: string;

  @IsOptional()
  @IsString()
  ProductName?: string;

  /** Left out, the contact is the signed-in user, as in Microsoft's example. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  PrimaryContact?: ContactDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => OrganizationDto)
  Organization?: OrganizationDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => NoteDto)
  NewNote?: NoteDto;

  @IsOptional()
  @Matches(/^[A-Za-z]{2,3}$/, { message: 'CountryCode must be an ISO 3166 country code' })
  CountryCode?: string;
}
