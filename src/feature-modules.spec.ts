import { WORKER_QUEUES } from './queue/queues';

/**
 * A worker loads only the modules of the queues it runs (WORKER_QUEUES). Each queue's module is
 * replaced here by one that fails as it loads, so the test sees which files a worker would read.
 */
describe('workerFeatureModules', () => {
  const MODULE_FILES = {
    rag: './rag/rag-worker.module',
    packs: './packs/packs-worker.module',
    notifications: './notifications/notifications-worker.module',
    imports: './imports/imports-worker.module',
  } as const;

  /** The modules' names for `queues`, with every queue not listed made to throw if it is loaded. */
  function load(queues: readonly (keyof typeof MODULE_FILES)[]): string[] {
    let names: string[] = [];
    jest.isolateModules(() => {
      for (const [queue, file] of Object.entries(MODULE_FILES)) {
        if (queues.includes(queue as keyof typeof MODULE_FILES)) {
          // A mock set by an earlier test stays until it is taken back.
          jest.dontMock(file);
        } else {
          jest.doMock(file, () => {
            throw new Error(`the ${queue} queue's module was loaded`);
          });
        }
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded inside the isolated registry, after the mocks
      const { workerFeatureModules } = require('./feature-modules') as typeof import('./feature-modules');
      names = workerFeatureModules(queues).map((m) => m.name);
    });
    return names;
  }

  afterEach(() => jest.resetModules());

  it('loads every queue module for the default (all queues), and the shared producers', () => {
    expect(load(WORKER_QUEUES)).toEqual(['RagTriggerModule', 'NotificationsModule', 'RagWorkerModule', 'PacksWorkerModule', 'NotificationsWorkerModule', 'ImportsWorkerModule']);
  });

  it('a RAG-only worker does not load the packs (their renderers), notifications or imports modules', () => {
    expect(load(['rag'])).toEqual(['RagTriggerModule', 'NotificationsModule', 'RagWorkerModule']);
  });

  it('a packs-only worker loads the packs module alone', () => {
    expect(load(['packs'])).toEqual(['RagTriggerModule', 'NotificationsModule', 'PacksWorkerModule']);
  });

  it('the guard works: loading a queue that was made to throw fails', () => {
    expect(() =>
      jest.isolateModules(() => {
        jest.doMock('./packs/packs-worker.module', () => {
          throw new Error('the packs queue module was loaded');
        });
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
        (require('./feature-modules') as typeof import('./feature-modules')).workerFeatureModules(['packs']);
      }),
    ).toThrow('the packs queue module was loaded');
  });
});
