import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppConfig } from '@escalade/config';
import { Public } from '../auth/auth.decorators';

/** The coordinator console (apps/console): its pages all load index.html, which routes in the browser; they hold no data. */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  private readonly dir: string;

  constructor(config: ConfigService<AppConfig, true>) {
    this.dir = config.get('CONSOLE_DIR', { infer: true });
  }

  @Get(['/', 'tickets/:id', 'sla', 'sla/monthly', 'sign-in'])
  page(@Res() res: Response): void {
    if (!fs.existsSync(path.join(this.dir, 'index.html'))) {
      throw new ServiceUnavailableException(
        `The console is not built in ${this.dir}: run \`npx nx build console\` (npm start builds it), or set CONSOLE_DIR`,
      );
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: this.dir });
  }

  /** Vite names each asset after its content hash, so a browser may keep it for good. */
  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    res.sendFile(file, { root: path.join(this.dir, 'assets'), immutable: true, maxAge: '1y' }, (err) => {
      if (err && !res.headersSent) res.status(404).json({ statusCode: 404, message: `No console asset "${file}"` });
    });
  }
}
