import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';

@Injectable()
export class HealthRepository {
  constructor(private readonly db: Db) {}

  /** A round trip to the database; rejects when it does not answer. */
  async ping(): Promise<void> {
    await this.db.manager.query('SELECT 1');
  }
}
