import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LiveStreams } from './live-streams';
import { Shutdown } from './shutdown';

@Global()
@Module({ imports: [TerminusModule], providers: [Shutdown, LiveStreams], exports: [Shutdown, LiveStreams] })
export class ShutdownModule {}
