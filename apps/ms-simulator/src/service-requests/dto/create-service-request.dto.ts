import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { SEVERITIES, type Severity } from '../service-request.resource';
import { ContactDto, NoteDto, OrganizationDto } from './parts.dto';

/** The body of `POST /v1/servicerequests/{agent-locale}`, PascalCase as Partner Center takes it. */
export class CreateServiceRequestDto {
  @IsString()
  @IsNotEmpty()
  Title!: string;

  @IsString()
  @IsNotEmpty()
  Description!: string;

  @IsIn(SEVERITIES)
  Severity!: Severity;

  @Matches(/^\d+$/, { message: 'SupportTopicId must be the numeric id of a support topic' })
  SupportTopicId!: string;

  @IsOptional()
  @IsString()
  SupportTopicName?: string;

  @IsOptional()
  @IsString()
  ProductName?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ContactDto)
  PrimaryContact!: ContactDto;

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
