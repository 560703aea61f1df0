import { Module } from '@nestjs/common';

/**
 * Web pages: Import an existing tracker: upload, map columns, preview, commit.
 * Controllers use `@WebController()`; templates live in `views/imports/`.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class ImportPagesModule {}
