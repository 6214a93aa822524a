import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';
import { TemporalUiCors } from './temporal-ui-cors.middleware';

/** The codec endpoint (`/codec/encode`, `/codec/decode`) with its CORS for the Temporal Web UI; the codecs come from TemporalModule. */
@Module({
  controllers: [CodecController],
  providers: [CodecService],
})
export class CodecModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every method, so that the preflight (OPTIONS) is answered here rather than by the auth guard.
    consumer.apply(TemporalUiCors).forRoutes({ path: 'codec/encode', method: RequestMethod.ALL }, { path: 'codec/decode', method: RequestMethod.ALL });
  }
}
