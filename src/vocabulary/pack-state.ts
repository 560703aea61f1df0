/** Where a pack is in its generation: queued, being generated, ready to download, or failed. */
export type PackState = 'queued' | 'generating' | 'ready' | 'failed';

export interface PackStateInfo {
  key: PackState;
  label: string;
  description: string;
}

export const PACK_STATE_INFO: Readonly<Record<PackState, PackStateInfo>> = Object.freeze({
  queued: { key: 'queued', label: 'Queued', description: 'waiting for the worker' },
  generating: { key: 'generating', label: 'Generating', description: 'the worker is producing its files' },
  ready: { key: 'ready', label: 'Ready', description: 'its files can be downloaded' },
  failed: { key: 'failed', label: 'Failed', description: 'generation failed; the reason says why' },
});

export const PACK_STATES: readonly PackState[] = Object.freeze(Object.keys(PACK_STATE_INFO) as PackState[]);
