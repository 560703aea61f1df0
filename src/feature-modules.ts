import { Type } from '@nestjs/common';

/**
 * The domain feature modules of the API, in one list so each feature registers itself in one
 * line here (plan model, evidence, RAG, packs, ...).
 */
export const FEATURE_MODULES: Type[] = [];

/** Their worker-side modules (queue processors, schedulers). */
export const WORKER_FEATURE_MODULES: Type[] = [];
