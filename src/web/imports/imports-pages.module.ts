import { Module } from '@nestjs/common';
import { ImportsModule } from '../../imports/imports.module';
import { ImportsPagesController } from './imports-pages.controller';

/**
 * Web pages: Import an existing tracker: upload, map columns, preview, commit.
 * Controllers use `@WebController()`; templates live in `views/imports/`.
 */
@Module({
  imports: [ImportsModule],
  controllers: [ImportsPagesController],
  providers: [],
})
export class ImportPagesModule {}
