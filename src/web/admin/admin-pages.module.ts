import { Module } from '@nestjs/common';

/**
 * Web pages: Administration: users, plan settings (RAG policy and its history), report wording.
 * Controllers use `@WebController()`; templates live in `views/admin/`.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class AdminPagesModule {}
