import { Module } from '@nestjs/common';
import { EligibilityController } from './eligibility.controller';

/** A dry run of the eligibility rules on a request, for the console's intake form: nothing started, nothing stored. */
@Module({ controllers: [EligibilityController] })
export class EligibilityModule {}
