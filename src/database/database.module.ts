import { Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/database.config';
import { Db } from './db';
import { Transactions } from './transactions';
import { buildDataSourceOptions } from './data-source-options';
import { TransactionContext } from './transaction-context';

/** The data source, and the two faces of its transaction context: Transactions (services) and Db (repositories). */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (db: ConfigType<typeof databaseConfig>) => ({ ...buildDataSourceOptions(db), autoLoadEntities: true, retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
  providers: [
    { provide: TransactionContext, inject: [DataSource], useFactory: (dataSource: DataSource) => new TransactionContext(dataSource) },
    { provide: Transactions, useExisting: TransactionContext },
    { provide: Db, useExisting: TransactionContext },
  ],
  exports: [Transactions, Db],
})
export class DatabaseModule {}
