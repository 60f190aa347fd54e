import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** `created_at` and `updated_at`, kept by TypeORM; entities that have both extend this. */
export abstract class Timestamps {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
