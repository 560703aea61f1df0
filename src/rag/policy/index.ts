// The RAG policy: plain functions and types, no Nest or TypeORM, so the API, the worker and
// the packs all colour an action the same way.
export * from '../../common/dates/calendar-date';
export * from './rag-policy.types';
export * from './evaluate-rag';
export * from './roll-up';
export * from './rag-policy.schema';
