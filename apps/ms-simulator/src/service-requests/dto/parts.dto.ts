import { IsArray, IsEmail, IsNotEmpty, IsOptional, IsString } from 'class-validator';

export class ContactDto {
  @IsString()
  @IsNotEmpty()
  FirstName!: string;

  @IsString()
  LastName!: string;

  @IsEmail()
  Email!: string;

  @IsOptional()
  @IsString()
  PhoneNumber?: string;
}

/** `CreatedByName` and `CreatedDate`, which Microsoft's examples send as null, are Partner Center's to set. */
export class NoteDto {
  @IsString()
  @IsNotEmpty()
  Text!: string;
}

export class OrganizationDto {
  @IsString()
  @IsNotEmpty()
  Id!: string;

  @IsOptional()
  @IsString()
  Name?: string;

  /** The documented ServiceRequestOrganization has one phone number… */
  @IsOptional()
  @IsString()
  PhoneNumber?: string;

  /** …and Escalade's adapter sends a list: both are taken. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  PhoneNumbers?: string[];
}
