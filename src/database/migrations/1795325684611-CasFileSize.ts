import { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole size of each file (FileInfo.fileSize), so listings answer it from the row. */
export class CasFileSize1795325684611 implements MigrationInterface {
  name = 'CasFileSize1795325684611';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cas_nodes" ADD "file_size" bigint`);
    // Files stored before: their data plus that of every successor below them, each occurrence counted.
    await queryRunner.query(`
      WITH RECURSIVE part(realm, file_key, key) AS (
        SELECT realm, key, key FROM cas_nodes WHERE kind = 3
        UNION ALL
        SELECT p.realm, p.file_key, substring(n.children FROM i * 16 + 1 FOR 16)
        FROM part p JOIN cas_nodes n ON n.realm = p.realm AND n.key = p.key
        CROSS JOIN generate_series(0, length(n.children) / 16 - 1) AS i
      )
      UPDATE cas_nodes f SET file_size = s.total
      FROM (SELECT p.realm, p.file_key, sum(n.data_size) AS total FROM part p JOIN cas_nodes n ON n.realm = p.realm AND n.key = p.key GROUP BY p.realm, p.file_key) s
      WHERE f.realm = s.realm AND f.key = s.file_key`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cas_nodes" DROP COLUMN "file_size"`);
  }
}
