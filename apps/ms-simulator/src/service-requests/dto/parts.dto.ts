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

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  PhoneNumbers?: string[];
}
