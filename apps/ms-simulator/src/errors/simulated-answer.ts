import { HttpException } from '@nestjs/common';

/** An answer sent exactly as built, headers included: Partner Center's errors, its throttling, Entra ID's errors. */
export class SimulatedAnswer extends HttpException {
  constructor(
    status: number,
    readonly body: object,
    readonly headers: Record<string, string> = {},
  ) {
    super(body, status);
  }
}
