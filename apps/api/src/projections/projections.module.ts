import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ParkedEventsStore } from '@escalade/persistence';
import { ParkedEventsController } from './parked-events.controller';

/** The read models' administration: the events the tickets projection parked. */
@Module({
  controllers: [ParkedEventsController],
  providers: [{ provide: ParkedEventsStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new ParkedEventsStore(dataSource) }],
})
export class ProjectionsModule {}
