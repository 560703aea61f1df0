import { Module } from '@nestjs/common';

/**
 * Web pages: Evidence to review (board): the queue, accept, reject with a comment.
 * Controllers use `@WebController()`; templates live in `views/evidence/`.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class EvidencePagesModule {}
