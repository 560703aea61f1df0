import { Module } from '@nestjs/common';

/**
 * Web pages: Packs (board): generate for a meeting or a date, progress, downloads, publication check, publish; published reports (scrutiny) as accessible HTML.
 * Controllers use `@WebController()`; templates live in `views/packs/`.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class PackPagesModule {}
